// py2cpp runtime: collections.deque as py::deque<T>, a std::deque with Python's optional maxlen.
// Appending to a full bounded deque drops an item from the other end, as CPython's does; the
// list operations the generated code calls on lists (at, pop, index, remove, ...) have deque
// overloads here with CPython's messages ("pop from an empty deque", "deque index out of range").
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>

#include "exceptions.hpp"
#include "repr.hpp"

namespace py {

template <class T>
class deque : public std::deque<T> {
    using Base = std::deque<T>;

public:
    deque() = default;
    deque(std::initializer_list<T> items) : Base(items) {}
    // deque(iterable, maxlen): only the last maxlen items stay.
    template <class Range>
        requires(requires(const Range& r) { r.begin(); r.end(); })
    explicit deque(const Range& items, std::optional<int64_t> maxlen = std::nullopt) : maxlen_(checked(maxlen)) {
        for (const auto& item : items) push_back(T(item));
    }
    explicit deque(std::nullopt_t, std::optional<int64_t> maxlen) : maxlen_(checked(maxlen)) {}

    // append / appendleft: a full bounded deque drops from the other end first.
    void push_back(T item) {
        if (maxlen_ && *maxlen_ == 0) return;
        if (maxlen_ && static_cast<int64_t>(this->size()) == *maxlen_) Base::pop_front();
        Base::push_back(std::move(item));
    }
    void push_front(T item) {
        if (maxlen_ && *maxlen_ == 0) return;
        if (maxlen_ && static_cast<int64_t>(this->size()) == *maxlen_) Base::pop_back();
        Base::push_front(std::move(item));
    }
    std::optional<int64_t> maxlen() const { return maxlen_; }
    deque copy() const { return *this; }

private:
    static std::optional<int64_t> checked(std::optional<int64_t> maxlen) {
        if (maxlen && *maxlen < 0) throw ValueError("maxlen must be non-negative");
        return maxlen;
    }
    std::optional<int64_t> maxlen_;
};

namespace detail {

template <class T>
std::size_t deque_position(const std::deque<T>& d, int64_t i) {
    const auto n = static_cast<int64_t>(d.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw IndexError("deque index out of range");
    return static_cast<std::size_t>(i);
}

}  // namespace detail

template <class T>
decltype(auto) at(deque<T>& d, int64_t i) { return d[detail::deque_position(d, i)]; }
template <class T>
decltype(auto) at(const deque<T>& d, int64_t i) { return d[detail::deque_position(d, i)]; }
template <class T>
decltype(auto) store_at(deque<T>& d, int64_t i) { return d[detail::deque_position(d, i)]; }
template <class T>
void del_item(deque<T>& d, int64_t i) {
    d.erase(d.begin() + static_cast<std::ptrdiff_t>(detail::deque_position(d, i)));
}

namespace detail {

// d.pop() / d.popleft(): the item at one end, removed.
template <class T>
T take(deque<T>& d, bool front) {
    if (d.empty()) throw IndexError("pop from an empty deque");
    T item = std::move(front ? d.front() : d.back());
    if (front) d.pop_front();
    else d.pop_back();
    return item;
}

}  // namespace detail

template <class T>
T pop(deque<T>& d) { return detail::take(d, false); }
template <class T>
T popleft(deque<T>& d) { return detail::take(d, true); }
template <class T, class U>
void appendleft(deque<T>& d, U&& item) { d.push_front(T(std::forward<U>(item))); }

template <class T, class Range>
void extend(deque<T>& d, const Range& items) {
    if constexpr (std::is_same_v<Range, deque<T>>) {
        if (&items == &d) {
            const deque<T> copy = items;
            for (const auto& item : copy) d.push_back(item);
            return;
        }
    }
    for (const auto& item : items) d.push_back(T(item));
}
// extendleft(items): each item goes to the front in turn, so they end up reversed.
template <class T, class Range>
void extendleft(deque<T>& d, const Range& items) {
    for (const auto& item : items) d.push_front(T(item));
}

// rotate(n): n steps to the right (negative: to the left).
template <class T>
void rotate(deque<T>& d, int64_t n = 1) {
    const auto size = static_cast<int64_t>(d.size());
    if (size <= 1) return;
    n %= size;
    if (n < 0) n += size;
    std::rotate(d.begin(), d.end() - n, d.end());
}

template <class T, class U>
bool contains(const deque<T>& d, const U& x) { return std::find(d.begin(), d.end(), x) != d.end(); }
template <class T, class U>
int64_t count(const deque<T>& d, const U& x) { return std::count(d.begin(), d.end(), x); }
template <class T, class U>
int64_t index(const deque<T>& d, const U& x) {
    const auto it = std::find(d.begin(), d.end(), x);
    if (it == d.end()) throw ValueError(py::repr(x) + " is not in deque");
    return it - d.begin();
}
template <class T, class U>
void remove(deque<T>& d, const U& x) {
    const auto it = std::find(d.begin(), d.end(), x);
    if (it == d.end()) throw ValueError(py::repr(x) + " is not in deque");
    d.erase(it);
}
// insert(i, x): clamped like a list's; a full bounded deque refuses.
template <class T, class U>
void insert(deque<T>& d, int64_t i, U&& x) {
    if (d.maxlen() && static_cast<int64_t>(d.size()) >= *d.maxlen()) throw IndexError("deque already at its maximum size");
    const auto n = static_cast<int64_t>(d.size());
    if (i < 0) i = std::max<int64_t>(i + n, 0);
    i = std::min(i, n);
    d.insert(d.begin() + i, T(std::forward<U>(x)));
}

// repr: deque([1, 2]) and deque([1, 2], maxlen=3).
template <class T>
struct Repr<deque<T>> {
    static void repr(std::string& out, const deque<T>& d) {
        out += "deque([";
        const char* separator = "";
        for (const auto& item : d) {
            out += separator;
            separator = ", ";
            py::repr_to(out, item);
        }
        out += ']';
        if (d.maxlen()) out += ", maxlen=" + std::to_string(*d.maxlen());
        out += ')';
    }
};

}  // namespace py
