// py2cpp runtime: min()/max() fed one value at a time (over a generator expression, without
// building a list first) and min()/max() with default=.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "builtins.hpp"
#include "exceptions.hpp"

namespace py {

// Keeps the first of the smallest (Largest = false) or largest values offered, comparing keys
// with operator< only, as Python's min() and max() do.
template <class T, bool Largest, class Key = T>
class Extremum {
public:
    // min(x for x in ...): the value is its own key.
    void add(T value) {
        if constexpr (std::is_same_v<Key, T>) {
            Key key = value;
            add(std::move(value), std::move(key));
        } else {
            static_assert(std::is_same_v<Key, T>, "add(value, key) when a key function is used");
        }
    }
    // min(..., key=f): key is f(value), computed once by the caller.
    void add(T value, Key key) {
        if (!best_ || (Largest ? best_->second < key : key < best_->second)) best_.emplace(std::move(value), std::move(key));
    }
    bool empty() const { return !best_; }
    // The result; ValueError for an empty sequence, with Python's message.
    T result() const {
        if (!best_) throw ValueError(Largest ? "max() arg is an empty sequence" : "min() arg is an empty sequence");
        return best_->first;
    }
    // min(..., default=fallback)
    T result_or(T fallback) const { return best_ ? best_->first : fallback; }

private:
    std::optional<std::pair<T, Key>> best_;
};

template <class T, class Key = T>
using Min = Extremum<T, false, Key>;
template <class T, class Key = T>
using Max = Extremum<T, true, Key>;

// any(items) / all(items): Python truthiness, stopping at the first item that decides.
template <class Range>
bool any(const Range& items) {
    for (const auto& item : items) {
        if (py::truthy(item)) return true;
    }
    return false;
}
template <class Range>
bool all(const Range& items) {
    for (const auto& item : items) {
        if (!py::truthy(item)) return false;
    }
    return true;
}

// min(items, default=fallback) / max(items, default=fallback) over any iterable.
template <class Range, class T = typename Range::value_type>
T min_or(const Range& items, std::type_identity_t<T> fallback) {
    Min<T> best;
    for (const auto& item : items) best.add(item);
    return best.result_or(std::move(fallback));
}
template <class Range, class T = typename Range::value_type>
T max_or(const Range& items, std::type_identity_t<T> fallback) {
    Max<T> best;
    for (const auto& item : items) best.add(item);
    return best.result_or(std::move(fallback));
}

// ... with key=key as well.
template <class Range, class KeyFn, class T = typename Range::value_type>
T min_by_or(const Range& items, KeyFn key, std::type_identity_t<T> fallback) {
    using K = std::decay_t<std::invoke_result_t<KeyFn&, const T&>>;
    Min<T, K> best;
    for (const auto& item : items) best.add(item, std::invoke(key, item));
    return best.result_or(std::move(fallback));
}
template <class Range, class KeyFn, class T = typename Range::value_type>
T max_by_or(const Range& items, KeyFn key, std::type_identity_t<T> fallback) {
    using K = std::decay_t<std::invoke_result_t<KeyFn&, const T&>>;
    Max<T, K> best;
    for (const auto& item : items) best.add(item, std::invoke(key, item));
    return best.result_or(std::move(fallback));
}

}  // namespace py
