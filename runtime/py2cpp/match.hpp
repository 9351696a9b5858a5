// py2cpp runtime: what translated match statements need beyond plain tests.
#pragma once

#include <initializer_list>
#include <type_traits>

#include "dict.hpp"

namespace py {

// `case {"op": op, **rest}`: the subject's other items, in its order.
template <class K, class V>
dict<K, V> mapping_rest(const dict<K, V>& d, std::initializer_list<std::type_identity_t<K>> keys = {}) {
    dict<K, V> rest = d;
    for (const K& k : keys) rest.erase(k);
    return rest;
}

}  // namespace py
