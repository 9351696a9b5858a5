// py2cpp runtime: vtuple, a `tuple[T, ...]` (a tuple of any length whose items share one type).
//
// It is a std::vector underneath (indexing, len, iteration and comparison are the vector's), but
// a type of its own so that it prints as a tuple (`(1, 2)`, `(1,)`, `()`) and hashes as CPython
// 3.11's tuplehash, which makes it a dict key or set item like `tuple(sorted(xs))` in Python. The
// translator never calls a mutating member on it (Python tuples have none).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "hash.hpp"
#include "list.hpp"
#include "repr.hpp"

namespace py {

template <class T>
class vtuple : public std::vector<T> {
public:
    vtuple() = default;
    vtuple(std::initializer_list<T> items) : std::vector<T>(items) {}
    // tuple(iterable): the translator builds the items as a list first (py::list(...)).
    explicit vtuple(std::vector<T>&& items) : std::vector<T>(std::move(items)) {}
    explicit vtuple(const std::vector<T>& items) : std::vector<T>(items) {}
};

// t[i], with the message of a tuple.
template <class T>
inline const T& at(const vtuple<T>& t, int64_t i) {
    return t[detail::list_position(t, i, "tuple index out of range")];
}

template <class T>
struct Repr<vtuple<T>> {
    static void repr(std::string& out, const vtuple<T>& items) {
        out += '(';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += ", ";
            py::repr_to(out, static_cast<const T&>(items[i]));
        }
        if (items.size() == 1) out += ',';
        out += ')';
    }
};

// CPython 3.11's tuplehash, as for std::tuple (hash.hpp), over a run-time number of items.
template <class T>
struct Hash<vtuple<T>> {
    static constexpr bool stable = Hash<T>::stable;
    static hash_t hash(const vtuple<T>& t) {
        constexpr uint64_t prime1 = 11400714785074694791ULL;
        constexpr uint64_t prime2 = 14029467366897019727ULL;
        constexpr uint64_t prime5 = 2870177450012600261ULL;
        uint64_t acc = prime5;
        for (const T& item : t) {
            acc += static_cast<uint64_t>(Hash<T>::hash(item)) * prime2;
            acc = (acc << 31) | (acc >> 33);
            acc *= prime1;
        }
        acc += t.size() ^ (prime5 ^ 3527539ULL);
        if (acc == ~uint64_t{0}) return 1546275796;
        return static_cast<hash_t>(acc);
    }
};

}  // namespace py
