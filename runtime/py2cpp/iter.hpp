// py2cpp runtime: iter(xs) as a value, and next(iter(xs)).
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "exceptions.hpp"
#include "generator.hpp"
#include "views.hpp"

namespace py {

// next(iter(xs)): the first item; StopIteration when there is none, as in Python.
template <class R>
detail::value_t<R> first(const R& items) {
    detail::forward_walker<R> w(items);
    if (w.done()) throw StopIteration("");
    return w.get();
}

// next(iter(xs), default).
template <class R, class D>
detail::value_t<R> first_or(const R& items, D&& fallback) {
    detail::forward_walker<R> w(items);
    if (w.done()) return detail::value_t<R>(std::forward<D>(fallback));
    return w.get();
}

// `it = iter(xs)`: an iterator that next(it) and loops advance. It walks its own copy of the
// items (sema only allows this when nothing changes the container afterwards, so the copy and
// Python's live view agree). A generator is its own iterator: iter(g) is g.
template <class R>
Generator<detail::value_t<R>> iter(R items) {
    for (detail::forward_walker<R> w(items); !w.done(); w.next()) co_yield w.get();
}
template <class T>
Generator<T> iter(const Generator<T>& g) {
    return g;
}

}  // namespace py
