// py2cpp runtime: Python list operations on std::vector.
// (Comparisons need nothing: std::vector's operators already order like Python.)
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "object.hpp"
#include "format.hpp"
#include "repr.hpp"
#include "slice.hpp"
#include "utf8.hpp"

namespace py {

namespace detail {

[[noreturn, gnu::cold, gnu::noinline]] inline void index_error(const char* message) {
    throw IndexError(message);
}

// Python index -> vector position; negative counts from the end. Kept tiny so it inlines
// into loops: one unsigned comparison for an index already in range.
template <class T>
std::size_t list_position(const std::vector<T>& v, int64_t i, const char* message) {
    const auto n = static_cast<uint64_t>(v.size());
    if (static_cast<uint64_t>(i) < n) return static_cast<std::size_t>(i);
    if (i < 0 && static_cast<uint64_t>(-(i + 1)) < n) return static_cast<std::size_t>(static_cast<int64_t>(n) + i);
    index_error(message);
}

}  // namespace detail

// v[i]. decltype(auto) keeps std::vector<bool>'s proxy assignable.
template <class T>
inline decltype(auto) at(std::vector<T>& v, int64_t i) {
    return v[detail::list_position(v, i, "list index out of range")];
}
template <class T>
inline decltype(auto) at(const std::vector<T>& v, int64_t i) {
    return v[detail::list_position(v, i, "list index out of range")];
}

// v[i] = x stores into store_at(v, i): same as at(), with Python's message for a store.
template <class T>
inline decltype(auto) store_at(std::vector<T>& v, int64_t i) {
    return v[detail::list_position(v, i, "list assignment index out of range")];
}

// del v[i]
template <class T>
void del_item(std::vector<T>& v, int64_t i) {
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(detail::list_position(v, i, "list assignment index out of range")));
}

// del v[lo:hi:step]
template <class T>
void del_slice(std::vector<T>& v, std::optional<int64_t> lo, std::optional<int64_t> hi,
               std::optional<int64_t> step = {}) {
    const auto r = detail::slice_range(static_cast<int64_t>(v.size()), lo, hi, step);
    if (r.count == 0) return;
    if (r.step == 1) {
        v.erase(v.begin() + r.start, v.begin() + r.start + r.count);
        return;
    }
    std::vector<bool> doomed(v.size(), false);
    for (int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) doomed[static_cast<std::size_t>(i)] = true;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!doomed[i]) v[kept++] = std::move(v[i]);
    }
    v.resize(kept);
}

// v[lo:hi] = values replaces the slice (any length); v[lo:hi:step] = values with a step
// other than 1 needs exactly as many values as the slice has items, as in Python.
template <class T>
void assign_slice(std::vector<T>& v, std::optional<int64_t> lo, std::optional<int64_t> hi,
                  std::optional<int64_t> step, const std::vector<T>& values) {
    if (&values == &v) {  // xs[a:b] = xs: Python copies the right side first
        const std::vector<T> copy = values;
        return assign_slice(v, lo, hi, step, copy);
    }
    const auto r = detail::slice_range(static_cast<int64_t>(v.size()), lo, hi, step);
    if (r.step == 1) {
        const auto first = v.begin() + r.start;
        const auto common = std::min<std::size_t>(static_cast<std::size_t>(r.count), values.size());
        std::copy(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(common), first);
        if (values.size() > common) {
            v.insert(first + static_cast<std::ptrdiff_t>(common), values.begin() + static_cast<std::ptrdiff_t>(common),
                     values.end());
        } else {
            v.erase(first + static_cast<std::ptrdiff_t>(common), first + r.count);
        }
        return;
    }
    if (static_cast<int64_t>(values.size()) != r.count) {
        throw ValueError(concat("attempt to assign sequence of size ", std::to_string(values.size()),
                                " to extended slice of size ", std::to_string(r.count)));
    }
    for (int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) {
        v[static_cast<std::size_t>(i)] = values[static_cast<std::size_t>(k)];
    }
}

// v.pop()
template <class T>
T pop(std::vector<T>& v) {
    if (v.empty()) throw IndexError("pop from empty list");
    T item = std::move(v.back());
    v.pop_back();
    return item;
}

// v.pop(i)
template <class T>
T pop(std::vector<T>& v, int64_t i) {
    if (v.empty()) throw IndexError("pop from empty list");
    const std::size_t pos = detail::list_position(v, i, "pop index out of range");
    T item = std::move(v[pos]);
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(pos));
    return item;
}

// Python's `item == x` for the searches below: __eq__ on instances (not the handles' identity).
template <class U>
auto equal_to(const U& x) {
    return [&x](const auto& item) { return py::eq(item, x); };
}

// x in v
template <class T, class U>
bool contains(const std::vector<T>& v, const U& x) {
    return std::find_if(v.begin(), v.end(), equal_to(x)) != v.end();
}

// x in (a, b, c): every element was evaluated when the tuple was built, as in Python; the
// comparisons stop at the first match.
template <class... Ts, class U>
bool contains(const std::tuple<Ts...>& t, const U& x) {
    return std::apply([&](const auto&... item) { return ((item == x) || ...); }, t);
}

// v.index(x)
template <class T, class U>
int64_t index(const std::vector<T>& v, const U& x) {
    const auto it = std::find_if(v.begin(), v.end(), equal_to(x));
    if (it == v.end()) throw ValueError(concat(py::repr(x), " is not in list"));
    return it - v.begin();
}

// v.index(x, start[, stop]): the bounds are clamped like slice bounds.
template <class T, class U>
int64_t index(const std::vector<T>& v, const U& x, int64_t start, std::optional<int64_t> stop = {}) {
    const auto n = static_cast<int64_t>(v.size());
    auto clamp = [n](int64_t i) { return i < 0 ? std::max<int64_t>(i + n, 0) : std::min(i, n); };
    const int64_t first = clamp(start);
    const int64_t last = stop ? clamp(*stop) : n;
    for (int64_t i = first; i < last; ++i) {
        if (py::eq(v[static_cast<std::size_t>(i)], x)) return i;
    }
    throw ValueError(concat(py::repr(x), " is not in list"));
}

// v.count(x)
template <class T, class U>
int64_t count(const std::vector<T>& v, const U& x) {
    return std::count_if(v.begin(), v.end(), equal_to(x));
}

// v.remove(x): removes the first occurrence.
template <class T, class U>
void remove(std::vector<T>& v, const U& x) {
    const auto it = std::find_if(v.begin(), v.end(), equal_to(x));
    if (it == v.end()) throw ValueError("list.remove(x): x not in list");
    v.erase(it);
}

// v.insert(i, x): out-of-range positions are clamped, as in Python.
template <class T, class U>
void insert(std::vector<T>& v, int64_t i, U&& x) {
    const auto n = static_cast<int64_t>(v.size());
    if (i < 0) i = std::max<int64_t>(i + n, 0);
    i = std::min(i, n);
    v.insert(v.begin() + i, std::forward<U>(x));
}

// v.extend(items) for any iterable, including v itself.
template <class T, class Range>
void extend(std::vector<T>& v, const Range& items) {
    if constexpr (std::is_same_v<Range, std::vector<T>>) {
        if (&items == &v) {
            const std::size_t n = v.size();
            v.reserve(2 * n);
            for (std::size_t i = 0; i < n; ++i) v.push_back(v[i]);
            return;
        }
    }
    if constexpr (std::is_convertible_v<const Range&, std::string_view>) {
        // xs.extend("abc"): one item per code point.
        const std::string_view text(items);
        for (std::size_t pos = 0; pos < text.size();) {
            const std::size_t n = utf8::char_size(text, pos);
            v.push_back(T(text.substr(pos, n)));
            pos += n;
        }
    } else {
        for (const auto& item : items) v.push_back(item);
    }
}

// v * n
template <class T>
std::vector<T> repeat(const std::vector<T>& v, int64_t n) {
    std::vector<T> out;
    if (n <= 0) return out;
    if (v.size() == 1) return std::vector<T>(static_cast<std::size_t>(n), v[0]);  // [x] * n
    out.reserve(v.size() * static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), v.begin(), v.end());
    return out;
}

// a + b
template <class T>
std::vector<T> concat_list(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out;
    out.reserve(a.size() + b.size());
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

// v[lo:hi:step]
template <class T>
std::vector<T> slice(const std::vector<T>& v, std::optional<int64_t> lo, std::optional<int64_t> hi,
                     std::optional<int64_t> step = {}) {
    const auto r = detail::slice_range(static_cast<int64_t>(v.size()), lo, hi, step);
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(r.count));
    for (int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) out.push_back(v[static_cast<std::size_t>(i)]);
    return out;
}

// list(reversed(v))
template <class T>
std::vector<T> reversed_copy(const std::vector<T>& v) {
    return std::vector<T>(v.rbegin(), v.rend());
}

// v.sort(reverse=...). Stable; with reverse, equal items keep their order,
// as in Python. Items are compared with operator< only, like Python.
template <class T>
void sort(std::vector<T>& v, bool reverse = false) {
    if (reverse) {
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return py::lt(b, a); });
    } else {
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return py::lt(a, b); });
    }
}

// v.sort(key=key, reverse=...): key is called once per item, as in Python.
template <class T, class Key>
void sort_by(std::vector<T>& v, Key key, bool reverse = false) {
    using KeyValue = std::decay_t<std::invoke_result_t<Key&, const T&>>;
    std::vector<std::pair<KeyValue, std::size_t>> keyed;
    keyed.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) keyed.emplace_back(std::invoke(key, std::as_const(v[i])), i);
    std::stable_sort(keyed.begin(), keyed.end(), [reverse](const auto& a, const auto& b) {
        return reverse ? py::lt(b.first, a.first) : py::lt(a.first, b.first);
    });
    std::vector<T> result;
    result.reserve(v.size());
    for (const auto& item : keyed) result.push_back(std::move(v[item.second]));
    v = std::move(result);
}

// sorted(items, reverse=...) for any iterable with a value_type.
template <class Range>
std::vector<typename Range::value_type> sorted(const Range& items, bool reverse = false) {
    std::vector<typename Range::value_type> v(items.begin(), items.end());
    py::sort(v, reverse);
    return v;
}

// sorted(items, key=key, reverse=...)
template <class Range, class Key>
std::vector<typename Range::value_type> sorted_by(const Range& items, Key key, bool reverse = false) {
    std::vector<typename Range::value_type> v(items.begin(), items.end());
    py::sort_by(v, key, reverse);
    return v;
}

}  // namespace py
