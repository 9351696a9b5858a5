// py2cpp runtime: map(f, items) and filter(pred, items) as lazy views.
//
// Like Python's iterators they call f (pred) once per item, when the loop reaches it: a map
// cursor computes f(item) as it moves onto an item and keeps the result, so consumers that read
// the current item twice (min, max) do not call f twice. Items are held as views.hpp's views
// hold them: by reference when the range outlives the view, by value when it is a temporary.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "builtins.hpp"  // truthy
#include "views.hpp"

namespace py {

// ---- map ---------------------------------------------------------------------

template <class F, class R>
class map_view {
    using Base = std::remove_cvref_t<R>;

public:
    using value_type = std::remove_cvref_t<std::invoke_result_t<const F&, detail::item_t<Base>>>;
    using reference = const value_type&;

    map_view(F f, R&& items) : f_(std::move(f)), items_(std::forward<R>(items)) {}

    class cursor {
    public:
        cursor() = default;
        cursor(const F& f, const Base& items) : f_(&f), walk_(std::in_place, items) { load(); }
        bool done() const { return walk_->done(); }
        reference get() const { return *value_; }
        void next() {
            walk_->next();
            load();
        }

    private:
        void load() {
            if (!walk_->done()) value_.emplace(std::invoke(*f_, walk_->get()));
        }
        const F* f_ = nullptr;
        std::optional<detail::forward_walker<Base>> walk_;
        std::optional<value_type> value_;
    };
    using iterator = detail::cursor_iterator<cursor, value_type, reference>;

    iterator begin() const { return iterator(cursor(f_, items_)); }
    iterator end() const { return iterator(); }

private:
    F f_;
    R items_;
};

template <class F, class R>
map_view<F, R> map(F f, R&& items) {
    return map_view<F, R>(std::move(f), std::forward<R>(items));
}

// ---- filter ------------------------------------------------------------------

// filter(pred, items): the items whose pred(item) is true (by Python's truth rules);
// filter(None, items): the items that are true themselves.
template <class F, class R>
class filter_view {
    using Base = std::remove_cvref_t<R>;

public:
    using value_type = detail::value_t<Base>;
    using reference = detail::item_t<Base>;

    filter_view(F pred, R&& items) : pred_(std::move(pred)), items_(std::forward<R>(items)) {}

    class cursor {
    public:
        cursor() = default;
        cursor(const F& pred, const Base& items) : pred_(&pred), walk_(std::in_place, items) { skip(); }
        bool done() const { return walk_->done(); }
        reference get() const { return walk_->get(); }
        void next() {
            walk_->next();
            skip();
        }

    private:
        // Moves to the next item pred holds for (pred is called once per item).
        void skip() {
            while (!walk_->done() && !py::truthy(std::invoke(*pred_, walk_->get()))) walk_->next();
        }
        const F* pred_ = nullptr;
        std::optional<detail::forward_walker<Base>> walk_;
    };
    using iterator = detail::cursor_iterator<cursor, value_type, reference>;

    iterator begin() const { return iterator(cursor(pred_, items_)); }
    iterator end() const { return iterator(); }

private:
    F pred_;
    R items_;
};

template <class F, class R>
filter_view<F, R> filter(F pred, R&& items) {
    return filter_view<F, R>(std::move(pred), std::forward<R>(items));
}

namespace detail {
struct identity {
    template <class T>
    const T& operator()(const T& x) const {
        return x;
    }
};
}  // namespace detail

template <class R>
filter_view<detail::identity, R> filter(std::nullptr_t, R&& items) {
    return filter_view<detail::identity, R>(detail::identity{}, std::forward<R>(items));
}

}  // namespace py
