// py2cpp runtime: functools.cache / lru_cache as py::Memo, the cache a memoized function keeps.
// It follows CPython's lru_cache wrappers: look the arguments up (a hit moves them to the most
// recent end), on a miss call the body and store the result unless a recursive call already did,
// evicting the least recently used entry when a bounded cache is full. So hits, misses and which
// calls run the body (and their effects) are CPython's.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <iterator>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <type_traits>
#include <utility>

#include "exceptions.hpp"
#include "hash.hpp"

namespace py {

template <class Key, class Value>
class Memo {
public:
    explicit Memo(int64_t maxsize) : maxsize_(maxsize) {}

    template <class Compute>
    Value get(const Key& key, Compute&& compute) {
        if (maxsize_ == 0) {  // lru_cache(0): nothing is kept
            ++misses;
            return compute();
        }
        if (auto it = index_.find(key); it != index_.end()) {
            ++hits;
            order_.splice(order_.end(), order_, it->second);
            return it->second->second;
        }
        ++misses;
        Value result = compute();
        if (index_.count(key)) return result;  // stored meanwhile by a recursive call
        if (maxsize_ > 0 && static_cast<int64_t>(order_.size()) >= maxsize_) {
            index_.erase(order_.front().first);
            order_.pop_front();
        }
        order_.emplace_back(key, result);
        index_.emplace(key, std::prev(order_.end()));
        return result;
    }

    // f.cache_clear()
    void clear() {
        index_.clear();
        order_.clear();
        hits = misses = 0;
    }
    int64_t currsize() const { return static_cast<int64_t>(order_.size()); }
    std::optional<int64_t> maxsize() const { return maxsize_ < 0 ? std::nullopt : std::optional<int64_t>(maxsize_); }
    // str(f.cache_info())
    std::string info() const {
        return "CacheInfo(hits=" + std::to_string(hits) + ", misses=" + std::to_string(misses) +
               ", maxsize=" + (maxsize_ < 0 ? std::string("None") : std::to_string(maxsize_)) +
               ", currsize=" + std::to_string(currsize()) + ")";
    }

    int64_t hits = 0;
    int64_t misses = 0;

private:
    int64_t maxsize_;  // -1: unbounded (functools.cache, lru_cache(maxsize=None))
    std::list<std::pair<Key, Value>> order_;  // least recently used first
    std::unordered_map<Key, typename std::list<std::pair<Key, Value>>::iterator, py::hash> index_;
};

namespace functools {

// functools.reduce(f, items, initial): f(f(f(initial, x0), x1), ...), left to right.
template <class F, class Seq, class A>
A reduce(F&& f, const Seq& items, A initial) {
    for (const auto& x : items) initial = f(std::move(initial), x);
    return initial;
}

// functools.reduce(f, items): the first item starts; an empty input is CPython's TypeError.
template <class F, class Seq>
auto reduce(F&& f, const Seq& items) {
    using A = std::remove_cvref_t<decltype(*std::begin(items))>;
    auto it = std::begin(items);
    const auto end = std::end(items);
    if (it == end) throw TypeError("reduce() of empty iterable with no initial value");
    A acc = *it;
    for (++it; it != end; ++it) acc = f(std::move(acc), *it);
    return acc;
}

// functools.cmp_to_key(cmp): CPython's K objects. Each key holds its item, and comparing two keys
// calls cmp on their items (`a < b` is `cmp(a, b) < 0`, `a > b` is `cmp(a, b) > 0` ...), so sorts,
// min and max call cmp as often and on the same pairs as CPython's.
template <class T, class R>
struct CmpKey {
    T item{};
    std::shared_ptr<const std::function<R(const T&, const T&)>> cmp;
    bool operator<(const CmpKey& o) const { return (*cmp)(item, o.item) < 0; }
    bool operator>(const CmpKey& o) const { return (*cmp)(item, o.item) > 0; }
    bool operator<=(const CmpKey& o) const { return (*cmp)(item, o.item) <= 0; }
    bool operator>=(const CmpKey& o) const { return (*cmp)(item, o.item) >= 0; }
    bool operator==(const CmpKey& o) const { return (*cmp)(item, o.item) == 0; }
};

// key=cmp_to_key(cmp) for items of type T: the key function making CmpKeys.
template <class T, class Cmp, class R = std::remove_cvref_t<std::invoke_result_t<Cmp&, const T&, const T&>>>
auto cmp_to_key(Cmp cmp) {
    auto shared = std::make_shared<const std::function<R(const T&, const T&)>>(std::move(cmp));
    return [shared](const T& item) { return CmpKey<T, R>{item, shared}; };
}

}  // namespace functools

}  // namespace py
