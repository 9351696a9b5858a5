// py2cpp runtime: Python's dict as py::dict<K, V>.
//
// Iteration order is insertion order, as in CPython: assigning to an existing key keeps its
// place, deleting and re-inserting moves it to the end. Iterating a dict yields its keys (as
// `for k in d` does); items() yields std::tuple<K, V> entries for structured bindings:
//     for (const auto& [word, count] : counts.items()) ...
// Reading a missing key throws py::KeyError whose message is repr(key), so str(e) is `'x'` and
// an uncaught one prints `KeyError: 'x'`, like CPython.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "hash.hpp"
#include "ordered_table.hpp"
#include "repr.hpp"

namespace py {

namespace detail {

enum class EntryPart { Key, Value, Item };

// Iterates the live entries of an ordered_table (const or not), yielding one part of each.
// Like CPython's dict iterator, it raises RuntimeError when the table's size changed since
// the iteration started.
template <class Table, EntryPart Part>
class entry_iterator {
    static constexpr bool is_const = std::is_const_v<Table>;
    using entry_type = typename std::remove_const_t<Table>::entry_type;
    using K = std::tuple_element_t<0, entry_type>;
    using V = std::tuple_element_t<1, entry_type>;

public:
    using iterator_category = std::forward_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using value_type = std::conditional_t<Part == EntryPart::Key, K, std::conditional_t<Part == EntryPart::Value, V, entry_type>>;
    using reference = std::conditional_t<Part == EntryPart::Key || is_const, const value_type&, value_type&>;
    using pointer = std::remove_reference_t<reference>*;
    static constexpr std::size_t kEnd = static_cast<std::size_t>(-1);

    entry_iterator() = default;
    entry_iterator(Table* table, std::size_t pos, const char* changed_message)
        : table_(table), pos_(pos), size_(table ? table->size() : 0), changed_message_(changed_message) {
        skip_dead();
    }

    reference operator*() const {
        auto& entry = table_->entry(pos_);
        if constexpr (Part == EntryPart::Key) {
            return std::get<0>(entry);
        } else if constexpr (Part == EntryPart::Value) {
            return std::get<1>(entry);
        } else {
            return entry;
        }
    }
    pointer operator->() const { return &**this; }

    entry_iterator& operator++() {
        if (table_->size() != size_) throw RuntimeError(changed_message_);
        ++pos_;
        skip_dead();
        return *this;
    }
    entry_iterator operator++(int) {
        entry_iterator old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const entry_iterator& a, const entry_iterator& b) { return a.pos_ == b.pos_; }

private:
    void skip_dead() {
        if (pos_ == kEnd) return;
        while (pos_ < table_->capacity_end() && !table_->alive(pos_)) ++pos_;
        if (pos_ >= table_->capacity_end()) pos_ = kEnd;
    }

    Table* table_ = nullptr;
    std::size_t pos_ = kEnd;
    std::size_t size_ = 0;
    const char* changed_message_ = "";
};

// d.keys(), d.values(), d.items(): iterable, sized views of a dict (valid while it lives).
template <class Table, EntryPart Part>
class dict_view {
public:
    using iterator = entry_iterator<Table, Part>;
    using value_type = typename iterator::value_type;

    explicit dict_view(Table& table) : table_(&table) {}
    iterator begin() const { return iterator(table_, 0, "dictionary changed size during iteration"); }
    iterator end() const { return iterator(); }
    std::size_t size() const { return table_->size(); }
    bool empty() const { return table_->size() == 0; }

private:
    Table* table_;
};

}  // namespace detail

template <class K, class V>
class dict {
    using table_type = detail::ordered_table<K, V>;

public:
    using key_type = K;
    using mapped_type = V;
    using value_type = K;  // iterating a dict yields its keys
    using item_type = std::tuple<K, V>;
    using iterator = detail::entry_iterator<const table_type, detail::EntryPart::Key>;
    using const_iterator = iterator;

    dict() = default;
    // {k1: v1, k2: v2}: a repeated key keeps its first place and its last value.
    dict(std::initializer_list<item_type> items) {
        table_.reserve(items.size());
        for (const auto& [key, value] : items) (*this)[key] = value;
    }

    // dict(pairs): from an iterable of (key, value) tuples, in order.
    template <class Range>
        requires(!std::is_same_v<std::decay_t<Range>, dict> && requires(const Range& r) { r.begin(); r.end(); })
    explicit dict(const Range& pairs) {
        for (const auto& [key, value] : pairs) (*this)[key] = value;
    }

    // ---- item access
    // d[k] as a value: KeyError(repr(k)) when missing.
    V& at(const K& key) { return std::get<1>(table_.entry(position(key))); }
    const V& at(const K& key) const { return std::get<1>(table_.entry(position(key))); }
    // d[k] = v: a missing key is appended with V{} first.
    V& operator[](const K& key) { return std::get<1>(table_.entry(table_.insert(key, Hash<K>::hash(key)).first)); }
    V& operator[](K&& key) {
        const hash_t h = Hash<K>::hash(key);
        return std::get<1>(table_.entry(table_.insert(std::move(key), h).first));
    }
    bool contains(const K& key) const { return table_.find(key) != table_type::npos; }

    // d.get(k) (None when missing) and d.get(k, default)
    optional_t<V> get(const K& key) const {
        const std::size_t pos = table_.find(key);
        if (pos == table_type::npos) return None;
        return std::get<1>(table_.entry(pos));
    }
    V get(const K& key, const V& fallback) const {
        const std::size_t pos = table_.find(key);
        return pos == table_type::npos ? fallback : std::get<1>(table_.entry(pos));
    }
    // d.setdefault(k, default): the value in the dict, so `d.setdefault(k, []).append(x)` works.
    V& setdefault(const K& key, const V& fallback) {
        auto [pos, inserted] = table_.insert(key, Hash<K>::hash(key));
        V& value = std::get<1>(table_.entry(pos));
        if (inserted) value = fallback;
        return value;
    }

    // ---- removal
    // d.pop(k): KeyError(repr(k)) when missing.
    V pop(const K& key) {
        const std::size_t pos = position(key);
        V value = std::move(std::get<1>(table_.entry(pos)));
        table_.erase_at(pos);
        return value;
    }
    // d.pop(k, None)
    optional_t<V> pop(const K& key, NoneType) {
        const std::size_t pos = table_.find(key);
        if (pos == table_type::npos) return None;
        optional_t<V> value = std::move(std::get<1>(table_.entry(pos)));
        table_.erase_at(pos);
        return value;
    }
    V pop(const K& key, const V& fallback) {
        const std::size_t pos = table_.find(key);
        if (pos == table_type::npos) return fallback;
        V value = std::move(std::get<1>(table_.entry(pos)));
        table_.erase_at(pos);
        return value;
    }
    // d.popitem(): the last inserted entry.
    item_type popitem() {
        const std::size_t pos = table_.last();
        if (pos == table_type::npos) throw KeyError("'popitem(): dictionary is empty'");
        item_type item = std::move(table_.entry(pos));
        table_.erase_at(pos);
        return item;
    }
    // del d[k]: KeyError(repr(k)) when missing.
    void erase(const K& key) {
        if (!table_.erase(key, Hash<K>::hash(key))) throw_key_error(key);
    }
    void clear() { table_.clear(); }

    // d.update(other): other's entries in its order, overwriting values of existing keys.
    void update(const dict& other) {
        if (&other == this) return;
        for (const auto& [key, value] : other.items()) (*this)[key] = value;
    }
    dict copy() const { return *this; }

    // ---- size and iteration
    std::size_t size() const { return table_.size(); }
    bool empty() const { return table_.size() == 0; }
    iterator begin() const { return iterator(&table_, 0, "dictionary changed size during iteration"); }
    iterator end() const { return iterator(); }
    auto keys() const { return detail::dict_view<const table_type, detail::EntryPart::Key>(table_); }
    auto values() { return detail::dict_view<table_type, detail::EntryPart::Value>(table_); }
    auto values() const { return detail::dict_view<const table_type, detail::EntryPart::Value>(table_); }
    auto items() { return detail::dict_view<table_type, detail::EntryPart::Item>(table_); }
    auto items() const { return detail::dict_view<const table_type, detail::EntryPart::Item>(table_); }

    // d1 == d2: same keys with equal values, in any order.
    friend bool operator==(const dict& a, const dict& b) {
        if (a.size() != b.size()) return false;
        for (const auto& [key, value] : a.items()) {
            const std::size_t pos = b.table_.find(key);
            if (pos == table_type::npos || !(std::get<1>(b.table_.entry(pos)) == value)) return false;
        }
        return true;
    }

private:
    [[noreturn]] static void throw_key_error(const K& key) {
        if constexpr (Reprable<K>::value) {
            throw KeyError(py::repr(key));
        } else {
            throw KeyError("<object>");  // CPython prints the object's address
        }
    }
    std::size_t position(const K& key) const {
        const std::size_t pos = table_.find(key);
        if (pos == table_type::npos) throw_key_error(key);
        return pos;
    }

    table_type table_;
};

// k in d, k in d.keys()
template <class K, class V>
bool contains(const dict<K, V>& d, const K& key) {
    return d.contains(key);
}
template <class K, class V, class U>
    requires(!std::is_same_v<U, K> && std::is_constructible_v<K, const U&>)
bool contains(const dict<K, V>& d, const U& key) {
    return d.contains(K(key));
}

// list(d), list(d.values()), list(s), list(py::chars(text)): the items of any iterable, in
// iteration order.
template <class Range>
auto list(const Range& items) {
    std::vector<std::decay_t<decltype(*items.begin())>> out;
    for (auto&& item : items) out.push_back(item);
    return out;
}

// dict.fromkeys(keys, value): each key (first occurrence first) mapped to the one value.
template <class K, class V, class Range, class U>
dict<K, V> fromkeys(const Range& keys, const U& value) {
    dict<K, V> d;
    for (auto&& key : keys) d[K(key)] = V(value);
    return d;
}

// x in d.keys() / d.values() / d.items()
template <class Table, detail::EntryPart Part, class U>
bool contains(const detail::dict_view<Table, Part>& view, const U& x) {
    for (const auto& item : view)
        if (item == x) return true;
    return false;
}

// repr(d): {'a': 1, (1, 2): [3]}
template <class K, class V>
struct Repr<dict<K, V>> {
    static void repr(std::string& out, const dict<K, V>& d) {
        out += '{';
        const char* separator = "";
        for (const auto& [key, value] : d.items()) {
            out += separator;
            py::repr_to(out, key);
            out += ": ";
            py::repr_to(out, value);
            separator = ", ";
        }
        out += '}';
    }
};

}  // namespace py
