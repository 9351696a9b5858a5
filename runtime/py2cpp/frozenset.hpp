// py2cpp runtime: frozenset, an immutable py::set that is itself hashable.
//
// It iterates in the same CPython table order as py::set (it is one, underneath), prints as
// `frozenset({1, 2})` / `frozenset()`, and hashes as CPython 3.11's frozenset_hash, so a set of
// frozensets iterates in CPython's order too. The translator never calls a mutating member on
// it (sema refuses them, as Python raises AttributeError); `|`, `&`, `-`, `^` with a frozenset on
// the left give a frozenset, as in Python, and with a set on the left a set.
#pragma once

#include <cstdint>
#include <utility>

#include "hash.hpp"
#include "repr.hpp"
#include "set.hpp"

namespace py {

template <class T>
class frozenset : public set<T> {
public:
    frozenset() = default;
    frozenset(std::initializer_list<T> items) : set<T>(items) {}
    explicit frozenset(set<T>&& s) : set<T>(std::move(s)) {}
    // frozenset(iterable); from a set (or frozenset) CPython merges the table.
    template <class Range>
        requires(!std::is_same_v<std::decay_t<Range>, frozenset> && requires(const Range& r) { r.begin(); r.end(); })
    explicit frozenset(const Range& items) {
        if constexpr (std::is_base_of_v<set<T>, Range>) {
            set<T>::update(static_cast<const set<T>&>(items));
        } else {
            set<T>::update(items);
        }
    }

    frozenset copy() const { return frozenset(set<T>::copy()); }
    template <class Range>
    frozenset union_(const Range& items) const {
        return frozenset(set<T>::union_(items));
    }
    template <class Range>
    frozenset intersection(const Range& items) const {
        return frozenset(set<T>::intersection(items));
    }
    template <class Range>
    frozenset difference(const Range& items) const {
        return frozenset(set<T>::difference(items));
    }
    template <class Range>
    frozenset symmetric_difference(const Range& items) const {
        return frozenset(set<T>::symmetric_difference(static_cast<const set<T>&>(frozenset(items))));
    }

    friend frozenset operator|(const frozenset& a, const set<T>& b) { return a.union_(b); }
    friend frozenset operator&(const frozenset& a, const set<T>& b) { return a.intersection(b); }
    friend frozenset operator-(const frozenset& a, const set<T>& b) { return a.difference(b); }
    friend frozenset operator^(const frozenset& a, const set<T>& b) {
        return frozenset(static_cast<const set<T>&>(a) ^ b);
    }
};

// CPython 3.11 (Objects/setobject.c, frozenset_hash): the shuffled bits of every element's hash
// xor-ed together (order-independent), then the size and a final dispersion.
template <class T>
struct Hash<frozenset<T>> {
    static constexpr bool stable = stable_hash<T>;
    static hash_t hash(const frozenset<T>& s) {
        auto shuffle = [](uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; };
        uint64_t h = 0;
        for (const T& x : s) h ^= shuffle(static_cast<uint64_t>(Hash<T>::hash(x)));
        h ^= (static_cast<uint64_t>(s.size()) + 1) * 1927868237ULL;
        h ^= (h >> 11) ^ (h >> 25);
        h = h * 69069U + 907133923ULL;
        if (h == static_cast<uint64_t>(-1)) h = 590923713ULL;
        return static_cast<hash_t>(h);
    }
};

template <class T>
struct Repr<frozenset<T>> {
    static void repr(std::string& out, const frozenset<T>& s) {
        if (s.empty()) {
            out += "frozenset()";
            return;
        }
        out += "frozenset(";
        Repr<set<T>>::repr(out, s);
        out += ')';
    }
};

}  // namespace py
