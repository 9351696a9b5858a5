// py2cpp runtime: collections.defaultdict and collections.Counter as py::dict subclasses
// (insertion ordered like CPython's dict, which both derive from in Python too).
//  - defaultdict<K, V>: d[k] (operator[]) inserts V{} for a missing key, which is what the
//    factories int, float, str, bool, list and set return; the factory is part of the type.
//  - Counter<K>: c[k] is c.get(k, 0) (0 for a missing key, nothing inserted); Counter(items) and
//    update(items) count; most_common() sorts by count, ties in insertion order (stable), as
//    CPython's sorted(..., reverse=True) / heapq.nlargest do; repr lists the items in that order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "dict.hpp"
#include "object.hpp"
#include "repr.hpp"
#include "set.hpp"

namespace py {

template <class K, class V>
class defaultdict : public dict<K, V> {
public:
    using dict<K, V>::dict;
    defaultdict copy() const { return *this; }
};

template <class K>
class Counter : public dict<K, int64_t> {
public:
    Counter() = default;
    // Counter(items): each item counted, first occurrences in order.
    template <class Range>
        requires(requires(const Range& r) { r.begin(); r.end(); })
    explicit Counter(const Range& items) {
        update(items);
    }
    // Counter(("x", "y", "x")): a tuple's items, left to right.
    template <class... Ts>
    explicit Counter(const std::tuple<Ts...>& items) {
        std::apply([this](const auto&... item) { (++(*this)[K(item)], ...); }, items);
    }
    Counter(std::initializer_list<std::tuple<K, int64_t>> items) : dict<K, int64_t>(items) {}

    // c.update(items): adds one per item (not dict.update's replacement).
    template <class Range>
    void update(const Range& items) {
        for (const auto& item : items) ++(*this)[K(item)];
    }

    // c.most_common() / c.most_common(n): (item, count) by count, largest first, ties in
    // insertion order; n <= 0 gives [].
    std::vector<std::tuple<K, int64_t>> most_common() const {
        std::vector<std::tuple<K, int64_t>> out;
        out.reserve(this->size());
        for (const auto& item : this->items()) out.emplace_back(item);
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::get<1>(a) > std::get<1>(b); });
        return out;
    }
    std::vector<std::tuple<K, int64_t>> most_common(int64_t n) const {
        auto out = most_common();
        if (n < static_cast<int64_t>(out.size())) out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    }

    // c.total(): the sum of the counts.
    int64_t total() const {
        int64_t sum = 0;
        for (const auto& [key, count] : this->items()) sum += count;
        return sum;
    }

    Counter copy() const { return *this; }

    // c1 == c2: a missing item counts as 0 (Python 3.10+), so Counter(a=1) == Counter(a=1, b=0).
    friend bool operator==(const Counter& a, const Counter& b) { return a.within(b) && b.within(a); }

private:
    bool within(const Counter& other) const {
        for (const auto& [key, count] : this->items())
            if (other.get(key, 0) != count) return false;
        return true;
    }
};

namespace detail {

// The factory of a defaultdict whose values are V, as Python prints it: <class 'int'>.
template <class V>
constexpr const char* factory_name() {
    if constexpr (std::is_same_v<V, bool>) return "<class 'bool'>";
    else if constexpr (std::is_integral_v<V>) return "<class 'int'>";
    else if constexpr (std::is_floating_point_v<V>) return "<class 'float'>";
    else if constexpr (std::is_same_v<V, std::string>) return "<class 'str'>";
    else if constexpr (IsVector<V>::value) return "<class 'list'>";
    else return "<class 'set'>";
}

}  // namespace detail

// repr(d): defaultdict(<class 'int'>, {'a': 1})
template <class K, class V>
struct Repr<defaultdict<K, V>> {
    static void repr(std::string& out, const defaultdict<K, V>& d) {
        out += "defaultdict(";
        out += detail::factory_name<V>();
        out += ", ";
        Repr<dict<K, V>>::repr(out, d);
        out += ')';
    }
};

// repr(c): Counter({'a': 2, 'b': 1}) in most_common() order; Counter() when empty.
template <class K>
struct Repr<Counter<K>> {
    static void repr(std::string& out, const Counter<K>& c) {
        if (c.empty()) {
            out += "Counter()";
            return;
        }
        out += "Counter({";
        const char* separator = "";
        for (const auto& [key, count] : c.most_common()) {
            out += separator;
            py::repr_to(out, key);
            out += ": ";
            py::repr_to(out, count);
            separator = ", ";
        }
        out += "})";
    }
};

}  // namespace py
