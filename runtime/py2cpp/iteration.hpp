#pragma once
// Iteration helpers: `for ch in s` over code points, unpacking checks, naming a temporary.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"

namespace py {

// `for ch in s`: yields each code point of a UTF-8 string as a one-character std::string.
// Holds the string by pointer when it outlives the loop, by value when it is a temporary.
class chars {
 public:
  explicit chars(const std::string& s) : s_(&s) {}
  explicit chars(std::string&& s) : owned_(std::move(s)), s_(&owned_) {}
  chars(const chars&) = delete;
  chars& operator=(const chars&) = delete;

  class iterator {
   public:
    iterator(const std::string* s, std::size_t pos) : s_(s), pos_(pos) {}
    std::string operator*() const { return s_->substr(pos_, width()); }
    iterator& operator++() {
      pos_ += width();
      return *this;
    }
    bool operator!=(const iterator& other) const { return pos_ != other.pos_; }

   private:
    std::size_t width() const {
      auto c = static_cast<unsigned char>((*s_)[pos_]);
      std::size_t w = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
      return std::min(w, s_->size() - pos_);
    }
    const std::string* s_;
    std::size_t pos_;
  };

  iterator begin() const { return {s_, 0}; }
  iterator end() const { return {s_, s_->size()}; }

 private:
  std::string owned_;
  const std::string* s_;
};

// `a, b = xs` with a list: Python raises ValueError unless the lengths match.
template <class T>
void check_unpack(const std::vector<T>& values, std::size_t targets) {
  if (values.size() < targets)
    throw ValueError("not enough values to unpack (expected " + std::to_string(targets) + ", got " +
                     std::to_string(values.size()) + ")");
  if (values.size() > targets)
    throw ValueError("too many values to unpack (expected " + std::to_string(targets) + ")");
}

// `first, *rest = xs`: the starred name takes what is left, but every other name needs an item.
template <class T>
void check_unpack_at_least(const std::vector<T>& values, std::size_t targets) {
  if (values.size() < targets)
    throw ValueError("not enough values to unpack (expected at least " + std::to_string(targets) + ", got " +
                     std::to_string(values.size()) + ")");
}

// `for x in t` / `sum(t)` with t a tuple whose items share one type: the items as an array.
template <class T, class... Rest>
std::array<T, 1 + sizeof...(Rest)> tuple_items(const std::tuple<T, Rest...>& t) {
  static_assert((std::is_same_v<T, Rest> && ...), "only a tuple whose items share one type iterates");
  return std::apply([](const auto&... items) { return std::array<T, 1 + sizeof...(Rest)>{items...}; }, t);
}

// zip(*rows) for a list of lists: the columns, each as a list (sema only lets code use them where
// a tuple and a list behave alike), as many as the shortest row has items.
template <class T>
std::vector<std::vector<T>> transpose(const std::vector<std::vector<T>>& rows) {
  std::vector<std::vector<T>> columns;
  if (rows.empty()) return columns;
  std::size_t n = rows[0].size();
  for (const auto& row : rows) n = std::min(n, row.size());
  columns.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    columns[i].reserve(rows.size());
    for (const auto& row : rows) columns[i].push_back(row[i]);
  }
  return columns;
}

// Passing a fresh value where a function takes `T&` (it mutates its argument in place, which
// nobody else can observe for a temporary): the temporary lives until the end of the call.
template <class T>
T& lvalue(T&& value) {
  return value;
}

}  // namespace py
