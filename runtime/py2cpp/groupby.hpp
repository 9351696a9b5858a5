// py2cpp runtime: itertools.groupby.
//
// groupby follows CPython's C implementation step for step (Modules/itertoolsmodule.c): the
// outer iterator and its groups share one state — the input's iterator, the current item and
// its key, the target key — and only the newest group may read from it. So a group left half
// read is skipped by the outer loop, a group kept past the outer loop's next step is empty, and
// a group read twice is empty the second time, as in CPython. The key is called once per item
// in CPython's order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "generator.hpp"

namespace py::itertools {

namespace detail {

template <class Seq>
using input_item_t = std::remove_cvref_t<typename std::iterator_traits<decltype(std::begin(std::declval<Seq&>()))>::value_type>;

// The input as a generator, so the shared state has one iterator type whatever the input is.
template <class Seq, class T = input_item_t<Seq>>
Generator<T> walk(Seq items) {
    for (auto&& x : items) co_yield T(x);
}

template <class T, class K>
struct GroupState {
    GroupState(Generator<T> s, std::function<K(const T&)> k) : source(std::move(s)), key(std::move(k)) {}
    Generator<T> source;
    typename Generator<T>::iterator it{};
    bool started = false;
    std::function<K(const T&)> key;
    std::optional<T> value;  // CPython's currvalue (with currkey: both set or both empty)
    std::optional<K> current_key;
    std::optional<K> target_key;
    uint64_t current_group = 0;  // the group allowed to read; 0: none
    uint64_t groups = 0;

    // groupby_step: the next item and its key; false at the end of the input.
    bool step() {
        if (!started) {
            started = true;
            it = source.begin();
        } else {
            ++it;
        }
        if (it == source.end()) return false;
        value = *it;
        current_key = key(*value);
        return true;
    }
};

}  // namespace detail

// One group of groupby: iterable (each pass reads on from where the last stopped).
template <class T, class K>
class Group {
public:
    using value_type = T;
    Group() = default;
    Group(std::shared_ptr<detail::GroupState<T, K>> state, uint64_t id, K key)
        : state_(std::move(state)), id_(id), key_(std::move(key)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        iterator() = default;
        explicit iterator(const Group* g) : g_(g) { fetch(); }
        const T& operator*() const { return *item_; }
        const T* operator->() const { return &*item_; }
        iterator& operator++() {
            fetch();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const iterator& other) const { return item_.has_value() == other.item_.has_value(); }

    private:
        void fetch() { item_ = g_->next(); }
        const Group* g_ = nullptr;
        std::optional<T> item_;
    };

    iterator begin() const { return iterator(this); }
    iterator end() const { return iterator(); }

private:
    // _grouper_next
    std::optional<T> next() const {
        if (!state_ || state_->current_group != id_) return std::nullopt;
        if (!state_->value && !state_->step()) return std::nullopt;
        if (!(key_ == *state_->current_key)) return std::nullopt;
        std::optional<T> out = std::move(state_->value);
        state_->value.reset();
        state_->current_key.reset();
        return out;
    }

    std::shared_ptr<detail::GroupState<T, K>> state_;
    uint64_t id_ = 0;
    K key_{};
};

// groupby(items, key): (key, group) for each run of consecutive items with equal keys.
template <class Seq, class Key, class T = detail::input_item_t<Seq>,
          class K = std::remove_cvref_t<std::invoke_result_t<Key&, const T&>>>
Generator<std::tuple<K, Group<T, K>>> groupby(Seq items, Key key) {
    auto state = std::make_shared<detail::GroupState<T, K>>(detail::walk(std::move(items)), std::move(key));
    while (true) {
        state->current_group = 0;  // the previous group is done for
        while (true) {  // skip the rest of the current run
            if (!state->current_key) {
            } else if (!state->target_key) {
                break;
            } else if (!(*state->target_key == *state->current_key)) {
                break;
            }
            if (!state->step()) co_return;
        }
        state->target_key = state->current_key;
        state->current_group = ++state->groups;
        co_yield std::tuple<K, Group<T, K>>(*state->current_key, Group<T, K>(state, state->current_group, *state->current_key));
    }
}

// groupby(items): the items are their own keys.
template <class Seq, class T = detail::input_item_t<Seq>>
auto groupby(Seq items) {
    return groupby(std::move(items), [](const T& x) { return x; });
}

}  // namespace py::itertools
