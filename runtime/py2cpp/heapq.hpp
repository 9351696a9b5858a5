// py2cpp runtime: Python's heapq module on std::vector, with CPython 3.11's
// algorithms (_heapqmodule.c), so that a heap holds its items in exactly the
// order CPython's does after the same operations: siftdown moves the new item
// up towards the root, siftup moves the smaller child up until a leaf and then
// sifts the item back down (fewer comparisons, and a different order than the
// textbook sift). Items are compared with Python's `<` only (py::lt).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "list.hpp"
#include "object.hpp"

namespace py::heapq {

namespace detail {

// Moves heap[pos] towards startpos while it is smaller than its parent.
template <class T>
void siftdown(std::vector<T>& heap, std::size_t startpos, std::size_t pos) {
    T newitem = std::move(heap[pos]);
    while (pos > startpos) {
        const std::size_t parentpos = (pos - 1) >> 1;
        if (!py::lt(newitem, heap[parentpos])) break;
        heap[pos] = std::move(heap[parentpos]);
        pos = parentpos;
    }
    heap[pos] = std::move(newitem);
}

// Moves the smaller child up until heap[pos]'s item reaches a leaf, then sifts it down.
template <class T>
void siftup(std::vector<T>& heap, std::size_t pos) {
    const std::size_t endpos = heap.size();
    const std::size_t startpos = pos;
    const std::size_t limit = endpos >> 1;  // the first position without a child
    while (pos < limit) {
        std::size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos && !py::lt(heap[childpos], heap[childpos + 1])) ++childpos;
        std::swap(heap[childpos], heap[pos]);
        pos = childpos;
    }
    siftdown(heap, startpos, pos);
}

}  // namespace detail

// heappush(heap, item)
template <class T>
void heappush(std::vector<T>& heap, std::type_identity_t<T> item) {
    heap.push_back(std::move(item));
    detail::siftdown(heap, 0, heap.size() - 1);
}

// heappop(heap): the smallest item; IndexError on an empty heap.
template <class T>
T heappop(std::vector<T>& heap) {
    if (heap.empty()) throw IndexError("index out of range");
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty()) return last;
    T top = std::move(heap[0]);
    heap[0] = std::move(last);
    detail::siftup(heap, 0);
    return top;
}

// heapreplace(heap, item): pop then push, in one sift; IndexError on an empty heap.
template <class T>
T heapreplace(std::vector<T>& heap, std::type_identity_t<T> item) {
    if (heap.empty()) throw IndexError("index out of range");
    T top = std::move(heap[0]);
    heap[0] = std::move(item);
    detail::siftup(heap, 0);
    return top;
}

// heappushpop(heap, item): push then pop, returning item itself when it is not above the top.
template <class T>
T heappushpop(std::vector<T>& heap, std::type_identity_t<T> item) {
    if (heap.empty() || !py::lt(heap[0], item)) return item;
    std::swap(heap[0], item);
    detail::siftup(heap, 0);
    return item;
}

// heapify(x): in place, bottom-up (CPython's cache-friendly order builds the same heap).
template <class T>
void heapify(std::vector<T>& heap) {
    for (std::size_t i = heap.size() / 2; i-- > 0;) detail::siftup(heap, i);
}

// nsmallest(n, iterable) / nlargest(n, iterable): Lib/heapq.py documents them as
// sorted(iterable)[:n] / sorted(iterable, reverse=True)[:n], ties in their input order.
template <class Range>
std::vector<typename Range::value_type> nsmallest(int64_t n, const Range& items) {
    auto v = py::sorted(items);
    if (n < static_cast<int64_t>(v.size())) v.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return v;
}
template <class Range>
std::vector<typename Range::value_type> nlargest(int64_t n, const Range& items) {
    auto v = py::sorted(items, true);
    if (n < static_cast<int64_t>(v.size())) v.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return v;
}

// nsmallest(n, iterable, key=key) / nlargest(n, iterable, key=key)
template <class Range, class Key>
std::vector<typename Range::value_type> nsmallest_by(int64_t n, const Range& items, Key key) {
    auto v = py::sorted_by(items, key);
    if (n < static_cast<int64_t>(v.size())) v.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return v;
}
template <class Range, class Key>
std::vector<typename Range::value_type> nlargest_by(int64_t n, const Range& items, Key key) {
    auto v = py::sorted_by(items, key, true);
    if (n < static_cast<int64_t>(v.size())) v.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return v;
}

}  // namespace py::heapq
