// py2cpp runtime: Python's set as py::set<T>.
//
// CPython iterates (and prints) a set in hash-table order. For elements whose hash does not
// depend on PYTHONHASHSEED -- ints, bools, floats and tuples of them (py::stable_hash<T>) --
// that order is deterministic, and py::set reproduces it exactly: the table below is
// CPython 3.11's setobject.c (open addressing with 9 linear probes then perturbed probing,
// dummy slots on delete, growth when fill*5 >= mask*3, and the same algorithms for copy,
// |, &, -, ^ and their in-place forms, which decide the layout of the result).
// Strings hash differently in every CPython process, so no order of a str set is reproducible;
// such sets keep insertion order (ordered_table, as py::dict).
//
// Removing a missing element throws py::KeyError(repr(x)), as in CPython.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "dict.hpp"
#include "exceptions.hpp"
#include "hash.hpp"
#include "ordered_table.hpp"
#include "repr.hpp"

namespace py {

namespace detail {

// CPython 3.11's set table (Objects/setobject.c), for types with a stable hash.
template <class T>
class cpython_set_table {
public:
    struct Slot {
        hash_t hash = 0;
        uint8_t state = kEmpty;
        T key{};
    };
    static constexpr uint8_t kEmpty = 0, kDummy = 1, kActive = 2;
    static constexpr std::size_t kMinSize = 8;  // PySet_MINSIZE

    cpython_set_table() : table_(kMinSize) {}

    std::size_t size() const { return used_; }
    std::size_t slots() const { return table_.size(); }
    bool active(std::size_t i) const { return table_[i].state == kActive; }
    const T& key_at(std::size_t i) const { return table_[i].key; }
    hash_t hash_at(std::size_t i) const { return table_[i].hash; }

    // set_add_entry: the last dummy slot met on the probe path is reused.
    template <class U>
    void add(U&& key, hash_t hash) {
        const std::size_t mask = table_.size() - 1;
        Slot* freeslot = nullptr;
        for (Probe p(hash, mask);; p.next()) {
            Slot* entry = &table_[p.start];
            for (int n = p.linear(); ; ++entry) {
                if (entry->state == kEmpty) {
                    if (freeslot != nullptr) {
                        ++used_;
                        freeslot->key = std::forward<U>(key);
                        freeslot->hash = hash;
                        freeslot->state = kActive;
                        return;
                    }
                    ++fill_;
                    ++used_;
                    entry->key = std::forward<U>(key);
                    entry->hash = hash;
                    entry->state = kActive;
                    if (fill_ * 5 < mask * 3) return;
                    resize(used_ > 50000 ? used_ * 2 : used_ * 4);
                    return;
                }
                if (entry->state == kActive) {
                    if (entry->hash == hash && key_equal(entry->key, key)) return;
                } else {
                    freeslot = entry;
                }
                if (n-- == 0) break;
            }
        }
    }

    bool contains(const T& key, hash_t hash) const { return find(key, hash) != nullptr; }

    // set_discard_entry: the slot becomes a dummy.
    bool discard(const T& key, hash_t hash) {
        Slot* entry = const_cast<Slot*>(find(key, hash));
        if (entry == nullptr) return false;
        entry->state = kDummy;
        entry->hash = -1;
        entry->key = T{};
        --used_;
        return true;
    }

    // set_table_resize: the smallest power of two > minused; dummies are dropped.
    void resize(std::size_t minused) {
        std::size_t newsize = kMinSize;
        while (newsize <= minused) newsize <<= 1;
        std::vector<Slot> old(newsize);
        old.swap(table_);
        fill_ = used_;
        for (Slot& s : old)
            if (s.state == kActive) insert_clean(std::move(s.key), s.hash);
    }

    // set_merge: what `set(s)`, s.copy(), `a | b` and `a |= b` do with another set.
    void merge(const cpython_set_table& other) {
        if (&other == this || other.used_ == 0) return;
        presize(other.used_);
        if (fill_ == 0 && table_.size() == other.table_.size() && other.fill_ == other.used_) {
            table_ = other.table_;  // same size, no dummies: a slot-for-slot copy
            fill_ = other.fill_;
            used_ = other.used_;
            return;
        }
        if (fill_ == 0) {
            fill_ = used_ = other.used_;
            for (const Slot& s : other.table_)
                if (s.state == kActive) insert_clean(s.key, s.hash);
            return;
        }
        for (const Slot& s : other.table_)
            if (s.state == kActive) add(s.key, s.hash);
    }

    // One big resize before `incoming` insertions (set_merge, and set_update_internal of a dict).
    void presize(std::size_t incoming) {
        if ((fill_ + incoming) * 5 >= (table_.size() - 1) * 3) resize((used_ + incoming) * 2);
    }

    // set_clear_internal: back to an empty table of the minimum size.
    void clear() {
        table_.assign(kMinSize, Slot{});
        fill_ = used_ = 0;
    }

    // The end of set_difference_update_internal: more than 1/4 dummies are resized away.
    void shrink_dummies() {
        if (fill_ - used_ <= (table_.size() - 1) / 4) return;
        resize(used_ > 50000 ? used_ * 2 : used_ * 4);
    }

    // set_pop: scans from a "finger" left where the last pop stopped.
    T pop() {
        const std::size_t mask = table_.size() - 1;
        std::size_t i = finger_ & mask;
        while (table_[i].state != kActive) i = i == mask ? 0 : i + 1;
        T key = std::move(table_[i].key);
        table_[i].state = kDummy;
        table_[i].hash = -1;
        table_[i].key = T{};
        --used_;
        finger_ = i + 1;
        return key;
    }

    void swap_bodies(cpython_set_table& other) {
        table_.swap(other.table_);
        std::swap(fill_, other.fill_);
        std::swap(used_, other.used_);
    }

private:
    // The probe sequence of set_lookkey/set_add_entry: from each start, up to LINEAR_PROBES
    // (9) neighbours when they fit before the end, then a perturbed jump (PERTURB_SHIFT 5).
    struct Probe {
        Probe(hash_t hash, std::size_t mask)
            : mask(mask), perturb(static_cast<std::size_t>(hash)), start(static_cast<std::size_t>(hash) & mask) {}
        int linear() const { return start + 9 <= mask ? 9 : 0; }
        void next() {
            perturb >>= 5;
            start = (start * 5 + 1 + perturb) & mask;
        }
        std::size_t mask, perturb, start;
    };

    const Slot* find(const T& key, hash_t hash) const {
        const std::size_t mask = table_.size() - 1;
        for (Probe p(hash, mask);; p.next()) {
            const Slot* entry = &table_[p.start];
            for (int n = p.linear();; ++entry) {
                if (entry->state == kEmpty) return nullptr;
                if (entry->state == kActive && entry->hash == hash && key_equal(entry->key, key)) return entry;
                if (n-- == 0) break;
            }
        }
    }

    // set_insert_clean: into a table known to hold no equal key and no dummies.
    template <class U>
    void insert_clean(U&& key, hash_t hash) {
        const std::size_t mask = table_.size() - 1;
        for (Probe p(hash, mask);; p.next()) {
            Slot* entry = &table_[p.start];
            for (int n = p.linear();; ++entry) {
                if (entry->state == kEmpty) {
                    entry->key = std::forward<U>(key);
                    entry->hash = hash;
                    entry->state = kActive;
                    return;
                }
                if (n-- == 0) break;
            }
        }
    }

    std::vector<Slot> table_;
    std::size_t fill_ = 0;  // active + dummy slots
    std::size_t used_ = 0;  // active slots
    std::size_t finger_ = 0;
};

// Insertion-ordered stand-in with the same interface, for elements whose CPython order is
// not reproducible (strings).
template <class T>
class insertion_set_table {
public:
    std::size_t size() const { return t_.size(); }
    std::size_t slots() const { return t_.capacity_end(); }
    bool active(std::size_t i) const { return t_.alive(i); }
    const T& key_at(std::size_t i) const { return std::get<0>(t_.entry(i)); }
    hash_t hash_at(std::size_t i) const { return t_.hash_at(i); }

    template <class U>
    void add(U&& key, hash_t hash) {
        t_.insert(std::forward<U>(key), hash);
    }
    bool contains(const T& key, hash_t hash) const { return t_.find(key, hash) != table_type::npos; }
    bool discard(const T& key, hash_t hash) { return t_.erase(key, hash); }
    void merge(const insertion_set_table& other) {
        if (&other == this) return;
        for (std::size_t i = 0; i < other.slots(); ++i)
            if (other.active(i)) add(other.key_at(i), other.hash_at(i));
    }
    void clear() { t_.clear(); }
    void presize(std::size_t incoming) { t_.reserve(t_.size() + incoming); }
    void shrink_dummies() {}
    T pop() {
        const std::size_t pos = t_.last();
        T key = std::move(std::get<0>(t_.entry(pos)));
        t_.erase_at(pos);
        return key;
    }
    void swap_bodies(insertion_set_table& other) { std::swap(t_, other.t_); }

private:
    using table_type = ordered_table<T, Unit>;
    table_type t_;
};

template <class T>
using set_table = std::conditional_t<stable_hash<T>, cpython_set_table<T>, insertion_set_table<T>>;

template <class T>
class set_iterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using value_type = T;
    using reference = const T&;
    using pointer = const T*;
    static constexpr std::size_t kEnd = static_cast<std::size_t>(-1);

    set_iterator() = default;
    explicit set_iterator(const set_table<T>* table) : table_(table), pos_(0), size_(table->size()) { skip(); }

    reference operator*() const { return table_->key_at(pos_); }
    pointer operator->() const { return &table_->key_at(pos_); }
    set_iterator& operator++() {
        if (table_->size() != size_) throw RuntimeError("Set changed size during iteration");
        ++pos_;
        skip();
        return *this;
    }
    set_iterator operator++(int) {
        set_iterator old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const set_iterator& a, const set_iterator& b) { return a.pos_ == b.pos_; }

private:
    void skip() {
        while (pos_ < table_->slots() && !table_->active(pos_)) ++pos_;
        if (pos_ >= table_->slots()) pos_ = kEnd;
    }
    const set_table<T>* table_ = nullptr;
    std::size_t pos_ = kEnd;
    std::size_t size_ = 0;
};

}  // namespace detail

template <class T>
class set {
public:
    using value_type = T;
    using iterator = detail::set_iterator<T>;
    using const_iterator = iterator;

    set() = default;
    // {a, b, c} with computed elements, and set([...]): added one by one, left to right.
    set(std::initializer_list<T> items) {
        for (const T& x : items) add(x);
    }
    // set(iterable). From a set: CPython's merge; from a dict: its keys, after one presize.
    template <class Range>
        requires(!std::is_same_v<std::decay_t<Range>, set> && requires(const Range& r) { r.begin(); r.end(); })
    explicit set(const Range& items) {
        update(items);
    }

    // A display of constants, `{3, 1, 2}` (more than two elements): CPython folds it into a
    // frozenset constant -- built by adding the elements, then rebuilt in its own iteration
    // order when the code object is finished -- and the set is a merge of that constant.
    static set folded(std::initializer_list<T> items) {
        set result;
        result.table_.merge(frozen_constant(items).table_);
        return result;
    }
    // The frozenset constant itself: what `for x in {3, 1, 2}` and `x in {...}` iterate.
    static set frozen_constant(std::initializer_list<T> items) {
        set first(items);
        set rebuilt;
        for (const T& x : first) rebuilt.add(x);
        return rebuilt;
    }

    // ---- single elements
    void add(const T& x) { table_.add(x, Hash<T>::hash(x)); }
    void add(T&& x) {
        const hash_t h = Hash<T>::hash(x);
        table_.add(std::move(x), h);
    }
    // s.remove(x): KeyError(repr(x)) when missing.
    void remove(const T& x) {
        if (!table_.discard(x, Hash<T>::hash(x))) throw KeyError(py::repr(x));
    }
    void discard(const T& x) { table_.discard(x, Hash<T>::hash(x)); }
    bool contains(const T& x) const { return table_.contains(x, Hash<T>::hash(x)); }
    // s.pop(): KeyError('pop from an empty set') when empty.
    T pop() {
        if (empty()) throw KeyError("'pop from an empty set'");
        return table_.pop();
    }
    void clear() { table_.clear(); }
    set copy() const {
        set result;
        result.table_.merge(table_);
        return result;
    }

    std::size_t size() const { return table_.size(); }
    bool empty() const { return table_.size() == 0; }
    iterator begin() const { return iterator(&table_); }
    iterator end() const { return iterator(); }

    // ---- in-place updates, with any iterable (another set takes CPython's set paths)
    template <class Range>
    void update(const Range& items) {
        if constexpr (std::is_same_v<Range, set>) {
            table_.merge(items.table_);
        } else if constexpr (requires { typename Range::mapped_type; }) {  // a py::dict: its keys
            table_.presize(items.size());
            for (const auto& x : items) add(x);
        } else {
            for (const auto& x : items) add(T(x));
        }
    }
    template <class Range>
    void intersection_update(const Range& items) {
        set result = intersection(items);
        table_.swap_bodies(result.table_);
    }
    template <class Range>
    void difference_update(const Range& items) {
        if constexpr (std::is_same_v<Range, set>) {
            if (&items == this) return clear();
            // Against a set more than 8 times larger, only the common elements are removed.
            if ((items.size() >> 3) > size()) {
                const set common = intersection(items);
                for (const T& x : common) table_.discard(x, Hash<T>::hash(x));
            } else {
                for (const T& x : items) table_.discard(x, Hash<T>::hash(x));
            }
        } else {
            for (const auto& x : items) discard(T(x));
        }
        table_.shrink_dummies();
    }
    template <class Range>
    void symmetric_difference_update(const Range& items) {
        if constexpr (std::is_same_v<Range, set>) {
            if (&items == this) return clear();
            for (const T& x : items) {
                const hash_t h = Hash<T>::hash(x);
                if (!table_.discard(x, h)) table_.add(x, h);
            }
        } else {
            symmetric_difference_update(from(items));
        }
    }

    // ---- new sets
    template <class Range>
    set union_(const Range& items) const {
        set result = copy();
        result.update(items);
        return result;
    }
    template <class Range>
    set intersection(const Range& items) const {
        set result;
        if constexpr (std::is_same_v<Range, set>) {
            if (&items == this) return copy();
            // Iterates the smaller set, looking each element up in the larger.
            const set* small = &items;
            const set* large = this;
            if (items.size() > size()) std::swap(small, large);
            for (const T& x : *small)
                if (large->contains(x)) result.add(x);
        } else {
            for (const auto& x : items)
                if (contains(T(x))) result.add(T(x));
        }
        return result;
    }
    template <class Range>
    set difference(const Range& items) const {
        if constexpr (std::is_same_v<Range, set>) {
            // Much larger than the other: copy, then remove.
            if ((size() >> 2) <= items.size()) {
                set result;
                for (const T& x : *this)
                    if (!items.contains(x)) result.add(x);
                return result;
            }
        }
        set result = copy();
        result.difference_update(items);
        return result;
    }
    template <class Range>
    set symmetric_difference(const Range& items) const {
        set result = from(items);
        result.symmetric_difference_update(*this);
        return result;
    }

    // ---- comparisons (subset order, as in Python)
    bool issubset(const set& other) const {
        if (size() > other.size()) return false;
        for (const T& x : *this)
            if (!other.contains(x)) return false;
        return true;
    }
    bool issuperset(const set& other) const { return other.issubset(*this); }
    bool isdisjoint(const set& other) const {
        const set& small = size() <= other.size() ? *this : other;
        const set& large = size() <= other.size() ? other : *this;
        for (const T& x : small)
            if (large.contains(x)) return false;
        return true;
    }
    friend bool operator==(const set& a, const set& b) { return a.size() == b.size() && a.issubset(b); }
    friend bool operator<=(const set& a, const set& b) { return a.issubset(b); }
    friend bool operator<(const set& a, const set& b) { return a.size() < b.size() && a.issubset(b); }
    friend bool operator>=(const set& a, const set& b) { return b.issubset(a); }
    friend bool operator>(const set& a, const set& b) { return b < a; }

    friend set operator|(const set& a, const set& b) { return a.union_(b); }
    friend set operator&(const set& a, const set& b) { return a.intersection(b); }
    friend set operator-(const set& a, const set& b) { return a.difference(b); }
    friend set operator^(const set& a, const set& b) { return a.symmetric_difference(b); }
    set& operator|=(const set& b) {
        update(b);
        return *this;
    }
    set& operator&=(const set& b) {
        intersection_update(b);
        return *this;
    }
    set& operator-=(const set& b) {
        difference_update(b);
        return *this;
    }
    set& operator^=(const set& b) {
        symmetric_difference_update(b);
        return *this;
    }

private:
    // set(items) as CPython makes it: from another set by merging (not a slot-for-slot copy).
    template <class Range>
    static set from(const Range& items) {
        if constexpr (std::is_same_v<Range, set>) {
            return items.copy();
        } else {
            return set(items);
        }
    }

    detail::set_table<T> table_;
};

// x in s
template <class T>
bool contains(const set<T>& s, const T& x) {
    return s.contains(x);
}
template <class T, class U>
    requires(!std::is_same_v<U, T> && std::is_constructible_v<T, const U&>)
bool contains(const set<T>& s, const U& x) {
    return s.contains(T(x));
}

// repr(s): {1, 2, 3}, and set() when empty.
template <class T>
struct Repr<set<T>> {
    static void repr(std::string& out, const set<T>& s) {
        if (s.empty()) {
            out += "set()";
            return;
        }
        out += '{';
        const char* separator = "";
        for (const T& x : s) {
            out += separator;
            py::repr_to(out, x);
            separator = ", ";
        }
        out += '}';
    }
};

}  // namespace py
