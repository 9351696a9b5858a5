// py2cpp runtime: Python's hash() for the value types that can be dict keys and set elements.
//
// py::Hash<T>::hash(x) is CPython 3.11's hash(x) where that is a pure function of the value:
// ints (x mod 2**61-1, sign kept, -1 -> -2), bools, floats (_Py_HashDouble) and tuples of
// those (the xxHash-based tuplehash). Such types have `stable = true`: py::set orders them
// exactly as CPython's hash table does. str hashes are salted per process in CPython
// (PYTHONHASHSEED), so no program can rely on their order; here they get a fixed FNV-1a hash
// and `stable = false`, and sets of them keep insertion order (see set.hpp).
//
// py::hash is a function object over all of these, usable with std containers too.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "core.hpp"

namespace py {

using hash_t = int64_t;  // Py_hash_t on 64-bit platforms

namespace detail {

inline constexpr int kHashBits = 61;
inline constexpr uint64_t kHashModulus = (uint64_t{1} << kHashBits) - 1;  // the Mersenne prime 2**61-1
inline constexpr hash_t kHashInf = 314159;

// -1 is CPython's error return, so no hash is ever -1.
constexpr hash_t fix_minus_one(hash_t h) { return h == -1 ? -2 : h; }

}  // namespace detail

template <class T>
struct Hash;  // specialised below

template <>
struct Hash<bool> {
    static constexpr bool stable = true;
    static hash_t hash(bool x) { return x ? 1 : 0; }
};

template <Integer T>
struct Hash<T> {
    static constexpr bool stable = true;
    static hash_t hash(T x) {
        // |x| mod 2**61-1 with x's sign; computed unsigned so INT64_MIN is fine.
        const bool negative = x < 0;
        const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
        const auto reduced = static_cast<hash_t>(magnitude % detail::kHashModulus);
        return detail::fix_minus_one(negative ? -reduced : reduced);
    }
};

template <std::floating_point T>
struct Hash<T> {
    static constexpr bool stable = true;
    // CPython's _Py_HashDouble: the value as a fraction m * 2**e reduced modulo 2**61-1, so that
    // hash(2.0) == hash(2). NaN hashes by identity in CPython; here every NaN hashes to 0.
    static hash_t hash(T value) {
        const double v = static_cast<double>(value);
        if (std::isinf(v)) return v > 0 ? detail::kHashInf : -detail::kHashInf;
        if (std::isnan(v)) return 0;
        int e = 0;
        double m = std::frexp(v, &e);
        int sign = 1;
        if (m < 0) {
            sign = -1;
            m = -m;
        }
        uint64_t x = 0;
        constexpr uint64_t mod = detail::kHashModulus;
        constexpr int bits = detail::kHashBits;
        while (m != 0.0) {  // 28 bits at a time
            x = ((x << 28) & mod) | x >> (bits - 28);
            m *= 268435456.0;  // 2**28
            e -= 28;
            const auto y = static_cast<uint64_t>(m);
            m -= static_cast<double>(y);
            x += y;
            if (x >= mod) x -= mod;
        }
        e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
        x = ((x << e) & mod) | x >> (bits - e);
        x = x * static_cast<uint64_t>(static_cast<int64_t>(sign));
        return detail::fix_minus_one(static_cast<hash_t>(x));
    }
};

// Strings: FNV-1a over the UTF-8 bytes (CPython's str hash is randomised per process).
struct StringHash {
    static constexpr bool stable = false;
    static hash_t hash(std::string_view s) {
        uint64_t h = 14695981039346656037ULL;
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        return detail::fix_minus_one(static_cast<hash_t>(h));
    }
};
template <>
struct Hash<std::string> : StringHash {};
template <>
struct Hash<std::string_view> : StringHash {};

// CPython 3.11's tuplehash (an xxHash variant over the items' hashes).
template <class... Ts>
struct Hash<std::tuple<Ts...>> {
    static constexpr bool stable = (Hash<Ts>::stable && ...);
    static hash_t hash(const std::tuple<Ts...>& t) {
        constexpr uint64_t prime1 = 11400714785074694791ULL;
        constexpr uint64_t prime2 = 14029467366897019727ULL;
        constexpr uint64_t prime5 = 2870177450012600261ULL;
        uint64_t acc = prime5;
        std::apply(
            [&acc](const auto&... items) {
                ((acc += static_cast<uint64_t>(Hash<std::decay_t<decltype(items)>>::hash(items)) * prime2,
                  acc = (acc << 31) | (acc >> 33), acc *= prime1),
                 ...);
            },
            t);
        acc += sizeof...(Ts) ^ (prime5 ^ 3527539ULL);
        if (acc == ~uint64_t{0}) return 1546275796;
        return static_cast<hash_t>(acc);
    }
};

template <class A, class B>
struct Hash<std::pair<A, B>> {
    static constexpr bool stable = Hash<std::tuple<A, B>>::stable;
    static hash_t hash(const std::pair<A, B>& p) { return Hash<std::tuple<A, B>>::hash(std::tuple<A, B>(p)); }
};

// `T | None`: T's hash, None a fixed value. CPython hashes None by its address (before 3.12), so
// the order of a set of such values is not reproducible: `stable = false` (insertion order).
template <class T>
struct Hash<std::optional<T>> {
    static constexpr bool stable = false;
    static hash_t hash(const std::optional<T>& x) { return x ? Hash<T>::hash(*x) : hash_t{0x4e6f6e65}; }
};

// Instances of user classes (sema admits hashable ones only): the class's __hash__ (written by
// the user, or generated for a frozen dataclass / NamedTuple as the hash of its fields' tuple),
// else identity, as for Python objects without __eq__. Identity hashes are addresses, so sets
// of such objects keep insertion order (CPython's order would change from run to run).
template <class T>
struct Hash<std::shared_ptr<T>> {
    static constexpr bool stable = requires(const T& t) { t.__hash__(); };
    static hash_t hash(const std::shared_ptr<T>& p) {
        if constexpr (stable) {
            return detail::fix_minus_one(static_cast<hash_t>(p->__hash__()));
        } else {
            return static_cast<hash_t>(reinterpret_cast<uintptr_t>(p.get()) >> 4);
        }
    }
};

// Key equality in dicts and sets: identity first, then __eq__ for instances (as CPython's
// lookup does); plain `==` for values.
template <class K>
bool key_equal(const K& a, const K& b) {
    if constexpr (requires { a->__eq__(b); }) {
        return a == b || (a && b && a->__eq__(b));
    } else {
        return a == b;
    }
}

// True when CPython's hash of T does not depend on PYTHONHASHSEED, so hash-table order is
// reproducible.
template <class T>
inline constexpr bool stable_hash = Hash<T>::stable;

// hash(x) as a function object: py::hash{}(x), or as the hasher of a std::unordered_map.
struct hash {
    template <class T>
    hash_t operator()(const T& x) const {
        return Hash<T>::hash(x);
    }
};

}  // namespace py
