// py2cpp runtime: the insertion-ordered hash table behind py::dict (and py::set of strings).
//
// The layout is CPython's compact dict: entries live in a vector in insertion order, and an
// open-addressing index of positions finds them by hash. Deleting marks the entry dead and the
// index slot a dummy, so the order of the others is kept; re-inserting a deleted key appends it
// at the end, as in Python. When the entry vector fills the index's usable part, both are
// rebuilt without the dead entries: every operation is O(1) amortized.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "hash.hpp"

namespace py::detail {

// The value of a table that only has keys (a set).
struct Unit {
    friend constexpr bool operator==(Unit, Unit) { return true; }
};

template <class K, class V>
class ordered_table {
public:
    using entry_type = std::tuple<K, V>;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    ordered_table() : index_(kMinIndex, kEmpty) {}

    std::size_t size() const { return used_; }
    // Entries including dead ones: valid positions are [0, capacity_end()).
    std::size_t capacity_end() const { return entries_.size(); }
    bool alive(std::size_t pos) const { return hashes_[pos] != kDead; }
    entry_type& entry(std::size_t pos) { return entries_[pos]; }
    const entry_type& entry(std::size_t pos) const { return entries_[pos]; }
    hash_t hash_at(std::size_t pos) const { return hashes_[pos]; }

    // Position of the live entry with this key, or npos.
    std::size_t find(const K& key, hash_t h) const {
        for (Probe p(h, mask()); ; p.next()) {
            const uint32_t slot = index_[p.slot];
            if (slot == kEmpty) return npos;
            if (slot != kDummy && hashes_[slot] == h && key_equal(std::get<0>(entries_[slot]), key)) return slot;
        }
    }
    std::size_t find(const K& key) const { return find(key, Hash<K>::hash(key)); }

    // The position of key's entry, appending (key, V{}) first if there is none.
    template <class KK>
    std::pair<std::size_t, bool> insert(KK&& key, hash_t h) {
        if (const std::size_t pos = find(key, h); pos != npos) return {pos, false};
        if (entries_.size() + 1 > usable()) rebuild();
        const auto pos = static_cast<uint32_t>(entries_.size());
        entries_.emplace_back(std::forward<KK>(key), V{});
        hashes_.push_back(h);
        index_[free_slot(h)] = pos;
        ++used_;
        return {pos, true};
    }

    // Removes key's entry; false if there was none.
    bool erase(const K& key, hash_t h) {
        for (Probe p(h, mask()); ; p.next()) {
            uint32_t& slot = index_[p.slot];
            if (slot == kEmpty) return false;
            if (slot != kDummy && hashes_[slot] == h && key_equal(std::get<0>(entries_[slot]), key)) {
                kill(slot);
                slot = kDummy;
                return true;
            }
        }
    }

    // Removes the entry at pos (which is alive).
    void erase_at(std::size_t pos) {
        for (Probe p(hashes_[pos], mask()); ; p.next()) {
            if (index_[p.slot] == pos) {
                index_[p.slot] = kDummy;
                kill(pos);
                return;
            }
        }
    }

    // Position of the last live entry (for popitem), or npos when empty.
    std::size_t last() const {
        for (std::size_t i = entries_.size(); i-- > 0;)
            if (hashes_[i] != kDead) return i;
        return npos;
    }

    void clear() {
        entries_.clear();
        hashes_.clear();
        index_.assign(kMinIndex, kEmpty);
        used_ = 0;
    }

    void reserve(std::size_t n) {
        if (n > usable()) rebuild(n);
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    static constexpr uint32_t kDummy = UINT32_MAX - 1;
    static constexpr hash_t kDead = -1;  // never a real hash
    static constexpr std::size_t kMinIndex = 8;

    // CPython's probe sequence: i = 5*i + 1 + perturb, with perturb shifting in the high bits.
    struct Probe {
        Probe(hash_t h, std::size_t mask) : mask(mask), perturb(static_cast<std::size_t>(h)) {
            slot = perturb & mask;
        }
        void next() {
            perturb >>= 5;
            slot = (slot * 5 + perturb + 1) & mask;
        }
        std::size_t mask, perturb, slot;
    };

    std::size_t mask() const { return index_.size() - 1; }
    std::size_t usable() const { return index_.size() * 2 / 3; }

    std::size_t free_slot(hash_t h) const {
        Probe p(h, mask());
        while (index_[p.slot] != kEmpty && index_[p.slot] != kDummy) p.next();
        return p.slot;
    }

    void kill(std::size_t pos) {
        hashes_[pos] = kDead;
        entries_[pos] = entry_type{};  // release what the entry held
        --used_;
        // Dead entries at the end are dropped at once, so popitem() loops stay O(1).
        while (!hashes_.empty() && hashes_.back() == kDead) {
            hashes_.pop_back();
            entries_.pop_back();
        }
    }

    // Drops dead entries and sizes the index so that at least max(2 * live, room) entries fit:
    // the next rebuild is at least `live` insertions away.
    void rebuild(std::size_t room = 0) {
        const std::size_t want = std::max({used_ * 2, room, std::size_t{1}});
        std::size_t size = kMinIndex;
        while (size * 2 / 3 < want) size *= 2;
        if (used_ != entries_.size()) {
            std::size_t out = 0;
            for (std::size_t i = 0; i < entries_.size(); ++i) {
                if (hashes_[i] == kDead) continue;
                if (out != i) {
                    entries_[out] = std::move(entries_[i]);
                    hashes_[out] = hashes_[i];
                }
                ++out;
            }
            entries_.resize(out);
            hashes_.resize(out);
        }
        index_.assign(size, kEmpty);
        for (std::size_t i = 0; i < entries_.size(); ++i) index_[free_slot(hashes_[i])] = static_cast<uint32_t>(i);
    }

    std::vector<entry_type> entries_;
    std::vector<hash_t> hashes_;   // per entry; kDead marks a deleted entry
    std::vector<uint32_t> index_;  // power-of-two size: kEmpty, kDummy or an entry position
    std::size_t used_ = 0;
};

}  // namespace py::detail
