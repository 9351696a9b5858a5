// py2cpp runtime: Python's bisect module on std::vector, as CPython 3.11's
// _bisectmodule.c does it: lo < 0 is a ValueError, hi = -1 (Python's None)
// means len(a), items are compared with Python's `<` only (py::lt), and key=
// is applied to the list's items, never to x (insort applies it to x once).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "list.hpp"
#include "object.hpp"

namespace py::bisect {

namespace detail {

inline int64_t check_lo(int64_t lo) {
    if (lo < 0) throw ValueError("lo must be non-negative");
    return lo;
}

// a[mid] for the search: CPython reads it through the sequence protocol, so an index past
// the end (hi > len(a)) is an IndexError.
template <class T>
const T& item(const std::vector<T>& a, int64_t mid) {
    if (mid >= static_cast<int64_t>(a.size())) throw IndexError("list index out of range");
    return a[static_cast<std::size_t>(mid)];
}

template <class T, class X, class Key>
int64_t right(const std::vector<T>& a, const X& x, int64_t lo, int64_t hi, Key&& key) {
    lo = check_lo(lo);
    if (hi == -1) hi = static_cast<int64_t>(a.size());
    while (lo < hi) {
        const int64_t mid = static_cast<int64_t>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (py::lt(x, std::invoke(key, item(a, mid)))) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

template <class T, class X, class Key>
int64_t left(const std::vector<T>& a, const X& x, int64_t lo, int64_t hi, Key&& key) {
    lo = check_lo(lo);
    if (hi == -1) hi = static_cast<int64_t>(a.size());
    while (lo < hi) {
        const int64_t mid = static_cast<int64_t>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (py::lt(std::invoke(key, item(a, mid)), x)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

// list.insert(i, x): an index past the end appends (bisect returns lo when lo > len(a)).
template <class T>
void insert(std::vector<T>& a, int64_t i, T x) {
    const auto at = i < static_cast<int64_t>(a.size()) ? static_cast<std::size_t>(i) : a.size();
    a.insert(a.begin() + static_cast<std::ptrdiff_t>(at), std::move(x));
}

struct Identity {
    template <class T>
    const T& operator()(const T& v) const {
        return v;
    }
};

}  // namespace detail

// bisect_right(a, x, lo=0, hi=None) == bisect(a, x, ...): the index after every item <= x.
template <class T>
int64_t bisect_right(const std::vector<T>& a, const std::type_identity_t<T>& x, int64_t lo = 0, int64_t hi = -1) {
    return detail::right(a, x, lo, hi, detail::Identity{});
}
template <class T>
int64_t bisect(const std::vector<T>& a, const std::type_identity_t<T>& x, int64_t lo = 0, int64_t hi = -1) {
    return detail::right(a, x, lo, hi, detail::Identity{});
}
// bisect_left(a, x, lo=0, hi=None): the index of the first item >= x.
template <class T>
int64_t bisect_left(const std::vector<T>& a, const std::type_identity_t<T>& x, int64_t lo = 0, int64_t hi = -1) {
    return detail::left(a, x, lo, hi, detail::Identity{});
}

// insort_right(a, x, lo=0, hi=None) == insort(a, x, ...), insort_left(a, x, ...)
template <class T>
void insort_right(std::vector<T>& a, std::type_identity_t<T> x, int64_t lo = 0, int64_t hi = -1) {
    const int64_t i = detail::right(a, x, lo, hi, detail::Identity{});
    detail::insert(a, i, std::move(x));
}
template <class T>
void insort(std::vector<T>& a, std::type_identity_t<T> x, int64_t lo = 0, int64_t hi = -1) {
    insort_right(a, std::move(x), lo, hi);
}
template <class T>
void insort_left(std::vector<T>& a, std::type_identity_t<T> x, int64_t lo = 0, int64_t hi = -1) {
    const int64_t i = detail::left(a, x, lo, hi, detail::Identity{});
    detail::insert(a, i, std::move(x));
}

// The key= forms: x is already a key for bisect_*, an item for insort_*.
template <class T, class X, class Key>
int64_t bisect_right_by(const std::vector<T>& a, const X& x, Key key, int64_t lo = 0, int64_t hi = -1) {
    return detail::right(a, x, lo, hi, key);
}
template <class T, class X, class Key>
int64_t bisect_by(const std::vector<T>& a, const X& x, Key key, int64_t lo = 0, int64_t hi = -1) {
    return detail::right(a, x, lo, hi, key);
}
template <class T, class X, class Key>
int64_t bisect_left_by(const std::vector<T>& a, const X& x, Key key, int64_t lo = 0, int64_t hi = -1) {
    return detail::left(a, x, lo, hi, key);
}
template <class T, class Key>
void insort_right_by(std::vector<T>& a, std::type_identity_t<T> x, Key key, int64_t lo = 0, int64_t hi = -1) {
    const int64_t i = detail::right(a, std::invoke(key, std::as_const(x)), lo, hi, key);
    detail::insert(a, i, std::move(x));
}
template <class T, class Key>
void insort_by(std::vector<T>& a, std::type_identity_t<T> x, Key key, int64_t lo = 0, int64_t hi = -1) {
    insort_right_by(a, std::move(x), key, lo, hi);
}
template <class T, class Key>
void insort_left_by(std::vector<T>& a, std::type_identity_t<T> x, Key key, int64_t lo = 0, int64_t hi = -1) {
    const int64_t i = detail::left(a, std::invoke(key, std::as_const(x)), lo, hi, key);
    detail::insert(a, i, std::move(x));
}

}  // namespace py::bisect
