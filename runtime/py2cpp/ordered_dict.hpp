// py2cpp runtime: collections.OrderedDict as a py::dict subclass (py::dict keeps insertion order
// already). What differs from dict, as in CPython 3.11: move_to_end(k, last), popitem(last) with
// KeyError('dictionary is empty'), `==` between two OrderedDicts compares the order too (against a
// plain dict it does not), and the repr `OrderedDict([('a', 1), ('b', 2)])` / `OrderedDict()`.
#pragma once

#include <string>
#include <tuple>
#include <utility>

#include "dict.hpp"
#include "exceptions.hpp"
#include "repr.hpp"

namespace py {

template <class K, class V>
class OrderedDict : public dict<K, V> {
public:
    using dict<K, V>::dict;
    using item_type = typename dict<K, V>::item_type;

    // od.move_to_end(k) / od.move_to_end(k, last=False): KeyError(repr(k)) when missing.
    void move_to_end(const K& key, bool last = true) {
        V value = this->pop(key);
        if (last) {
            (*this)[key] = std::move(value);
            return;
        }
        dict<K, V> rest = std::move(static_cast<dict<K, V>&>(*this));
        static_cast<dict<K, V>&>(*this) = dict<K, V>();
        (*this)[key] = std::move(value);
        for (const auto& [k, v] : rest.items()) (*this)[k] = v;
    }
    // od.popitem() (the newest entry) / od.popitem(last=False) (the oldest).
    item_type popitem(bool last = true) {
        if (this->empty()) throw KeyError("'dictionary is empty'");
        if (last) return dict<K, V>::popitem();
        K key = *this->begin();
        V value = this->pop(key);
        return item_type(std::move(key), std::move(value));
    }
    OrderedDict copy() const { return *this; }

    // Two OrderedDicts are equal with the same items in the same order.
    friend bool operator==(const OrderedDict& a, const OrderedDict& b) {
        if (a.size() != b.size()) return false;
        auto i = a.items().begin();
        for (const auto& item : b.items()) {
            if (!(std::get<0>(*i) == std::get<0>(item)) || !(std::get<1>(*i) == std::get<1>(item))) return false;
            ++i;
        }
        return true;
    }
};

template <class K, class V>
struct Repr<OrderedDict<K, V>> {
    static void repr(std::string& out, const OrderedDict<K, V>& d) {
        if (d.empty()) {
            out += "OrderedDict()";
            return;
        }
        out += "OrderedDict([";
        const char* separator = "";
        for (const auto& item : d.items()) {
            out += separator;
            repr_to(out, item);
            separator = ", ";
        }
        out += "])";
    }
};

}  // namespace py
