// py2cpp runtime: enumerate(), zip(), reversed() and list() over any iterable.
//
// The views are lazy, like Python's iterators: nothing is copied. A view holds its range by
// reference when the range outlives it (a named list) and by value when it is a temporary
// (`enumerate(line.split())`), so a range-for over it never dangles.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "range.hpp"

namespace py {

template <class T>
class deque;  // deque.hpp

namespace detail {

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_vector<py::deque<T>> : std::true_type {};  // indexed like a list

template <class R>
inline constexpr bool is_list_v = is_vector<std::remove_cvref_t<R>>::value;
template <class R>
inline constexpr bool is_str_v = std::is_same_v<std::remove_cvref_t<R>, std::string>;

// The byte length of the UTF-8 sequence starting with byte c.
inline std::size_t code_point_width(unsigned char c) {
    return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
}

// Walks a range front to back with done()/get()/next().
// A list is walked by index and its size re-read at every step, as Python's list iterator
// does: a loop body that appends to the list sees the new items and invalidates nothing.
// A str yields its code points as one-character strings.
template <class R>
class forward_walker {
public:
    explicit forward_walker(const R& r) : it_(std::begin(r)), end_(std::end(r)) {}
    bool done() const { return !(it_ != end_); }
    decltype(auto) get() const { return *it_; }
    void next() { ++it_; }

private:
    decltype(std::begin(std::declval<const R&>())) it_;
    decltype(std::end(std::declval<const R&>())) end_;
};

template <class T, class A>
class forward_walker<std::vector<T, A>> {
public:
    explicit forward_walker(const std::vector<T, A>& v) : v_(&v) {}
    bool done() const { return i_ >= v_->size(); }
    decltype(auto) get() const { return (*v_)[i_]; }
    void next() { ++i_; }

private:
    const std::vector<T, A>* v_;
    std::size_t i_ = 0;
};

// forward_walker<std::vector<T>&>: the same walk over a list the loop body may change through
// its items (`for i, row in enumerate(rows): row.append(i)`): items by non-const reference.
template <class T, class A>
class forward_walker<std::vector<T, A>&> {
public:
    // std::vector<bool> has no bool& to hand out; its items are numbers, copied anyway.
    using reference = std::conditional_t<std::is_same_v<T, bool>, bool, T&>;

    explicit forward_walker(std::vector<T, A>& v) : v_(&v) {}
    bool done() const { return i_ >= v_->size(); }
    reference get() const { return (*v_)[i_]; }
    void next() { ++i_; }

private:
    std::vector<T, A>* v_;
    std::size_t i_ = 0;
};

template <>
class forward_walker<std::string> {
public:
    explicit forward_walker(const std::string& s) : s_(&s) {}
    bool done() const { return pos_ >= s_->size(); }
    std::string get() const { return s_->substr(pos_, width()); }
    void next() { pos_ += width(); }

private:
    std::size_t width() const {
        return std::min(code_point_width(static_cast<unsigned char>((*s_)[pos_])), s_->size() - pos_);
    }
    const std::string* s_;
    std::size_t pos_ = 0;
};
template <>
class forward_walker<std::string&> : public forward_walker<std::string> {
    using forward_walker<std::string>::forward_walker;
};

// The range a view walks: R itself when it is a non-const named range (the items may be
// changed through the view), otherwise the plain type, walked read-only.
template <class R>
using walked_t = std::conditional_t<std::is_lvalue_reference_v<R> && !std::is_const_v<std::remove_reference_t<R>>, R,
                                    std::remove_cvref_t<R>>;
template <class R>
using walked_ref_t = std::conditional_t<std::is_reference_v<walked_t<R>>, walked_t<R>, const walked_t<R>&>;

// What a view yields for one item of R: numbers by value (a copy, as Python's loop variable
// keeps the old value when the list item is replaced), other items by const reference.
template <class R>
using item_t = std::conditional_t<std::is_arithmetic_v<std::remove_cvref_t<decltype(std::declval<forward_walker<R>&>().get())>>,
                                  std::remove_cvref_t<decltype(std::declval<forward_walker<R>&>().get())>,
                                  decltype(std::declval<forward_walker<R>&>().get())>;
template <class R>
using value_t = std::remove_cvref_t<item_t<R>>;

// An input iterator over a walker-like cursor; it only ever compares equal to the end.
template <class Cursor, class Value, class Reference>
class cursor_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Reference;

    cursor_iterator() = default;
    explicit cursor_iterator(Cursor c) : c_(std::move(c)), end_(false) {}

    Reference operator*() const { return c_.get(); }
    cursor_iterator& operator++() {
        c_.next();
        return *this;
    }
    void operator++(int) { c_.next(); }
    friend bool operator==(const cursor_iterator& a, const cursor_iterator& b) { return a.at_end() && b.at_end(); }

private:
    bool at_end() const { return end_ || c_.done(); }
    Cursor c_{};
    bool end_ = true;
};

}  // namespace detail

// ---- enumerate ---------------------------------------------------------------

// enumerate(items, start): yields (index, item) tuples.
template <class R>
class enumerate_view {
    using Walked = detail::walked_t<R>;

public:
    using value_type = std::tuple<int64_t, detail::value_t<Walked>>;
    using reference = std::tuple<int64_t, detail::item_t<Walked>>;

    enumerate_view(R&& items, int64_t start) : items_(std::forward<R>(items)), start_(start) {}

    class cursor {
    public:
        cursor() = default;
        cursor(detail::walked_ref_t<R> items, int64_t index) : walk_(items), index_(index) {}
        bool done() const { return walk_->done(); }
        reference get() const { return reference(index_, walk_->get()); }
        void next() {
            walk_->next();
            ++index_;
        }

    private:
        std::optional<detail::forward_walker<Walked>> walk_;
        int64_t index_ = 0;
    };
    using iterator = detail::cursor_iterator<cursor, value_type, reference>;

    iterator begin() const { return iterator(cursor(items_, start_)); }
    iterator end() const { return iterator(); }

private:
    R items_;
    int64_t start_;
};

template <class R>
enumerate_view<R> enumerate(R&& items, int64_t start = 0) {
    return enumerate_view<R>(std::forward<R>(items), start);
}

// ---- zip ---------------------------------------------------------------------

// zip(a, b, ...): tuples of the items at the same position; stops at the shortest.
template <class... Rs>
class zip_view {
public:
    using value_type = std::tuple<detail::value_t<detail::walked_t<Rs>>...>;
    using reference = std::tuple<detail::item_t<detail::walked_t<Rs>>...>;

    explicit zip_view(Rs&&... items) : items_(std::forward<Rs>(items)...) {}

    class cursor {
    public:
        cursor() = default;
        explicit cursor(detail::walked_ref_t<Rs>... items) : walks_(std::in_place, items...) {}
        bool done() const {
            return std::apply([](const auto&... w) { return (w.done() || ...); }, *walks_);
        }
        reference get() const {
            return std::apply([](const auto&... w) { return reference(w.get()...); }, *walks_);
        }
        void next() {
            std::apply([](auto&... w) { (w.next(), ...); }, *walks_);
        }

    private:
        std::optional<std::tuple<detail::forward_walker<detail::walked_t<Rs>>...>> walks_;
    };
    using iterator = detail::cursor_iterator<cursor, value_type, reference>;

    iterator begin() const {
        return std::apply([](auto&&... items) { return iterator(cursor(items...)); }, items_);
    }
    iterator end() const { return iterator(); }

private:
    std::tuple<Rs...> items_;
};

template <class... Rs>
zip_view<Rs...> zip(Rs&&... items) {
    return zip_view<Rs...>(std::forward<Rs>(items)...);
}

// ---- reversed ----------------------------------------------------------------

// reversed(list) / reversed(str): last item first. A list is walked by index like Python's
// reverse iterator, which stops early if the list shrank below the next index.
template <class R>
class reversed_view {
    using Base = std::remove_cvref_t<R>;
    static_assert(detail::is_list_v<Base> || detail::is_str_v<Base>, "reversed() of a list or a str");

public:
    using value_type = detail::value_t<Base>;
    using reference = detail::item_t<Base>;

    explicit reversed_view(R&& items) : items_(std::forward<R>(items)) {}

    class cursor {
    public:
        cursor() = default;
        explicit cursor(const Base& items) : items_(&items), pos_(items.size()) {
            if constexpr (detail::is_str_v<Base>) step_back();
        }
        bool done() const {
            if constexpr (detail::is_str_v<Base>) return pos_ == npos;
            return pos_ == 0 || pos_ > items_->size();
        }
        reference get() const {
            if constexpr (detail::is_str_v<Base>) {
                return items_->substr(pos_, width_);
            } else {
                return (*items_)[pos_ - 1];
            }
        }
        void next() {
            if constexpr (detail::is_str_v<Base>) {
                step_back();
            } else {
                --pos_;
            }
        }

    private:
        static constexpr std::size_t npos = static_cast<std::size_t>(-1);
        // Moves pos_ to the start of the code point before it (npos when there is none).
        void step_back() {
            const std::size_t end = pos_;
            if (end == 0 || end == npos) {
                pos_ = npos;
                return;
            }
            std::size_t p = end - 1;
            while (p > 0 && (static_cast<unsigned char>((*items_)[p]) & 0xC0) == 0x80) --p;
            pos_ = p;
            width_ = end - p;
        }
        const Base* items_ = nullptr;
        std::size_t pos_ = 0;    // list: one past the next item; str: start of the current code point
        std::size_t width_ = 0;  // str: bytes of the current code point
    };
    using iterator = detail::cursor_iterator<cursor, value_type, reference>;

    iterator begin() const { return iterator(cursor(items_)); }
    iterator end() const { return iterator(); }

private:
    R items_;
};

template <class R>
    requires(detail::is_list_v<R> || detail::is_str_v<R>)
reversed_view<R> reversed(R&& items) {
    return reversed_view<R>(std::forward<R>(items));
}

// ---- list() ------------------------------------------------------------------

// list(items) for any iterable: a view, a range, a str (its code points), another list.
template <class Range>
auto to_list(const Range& items) {
    if constexpr (detail::is_str_v<Range>) {
        std::vector<std::string> out;
        for (detail::forward_walker<std::string> w(items); !w.done(); w.next()) out.push_back(w.get());
        return out;
    } else {
        using Value = typename Range::value_type;
        std::vector<Value> out;
        if constexpr (requires { items.size(); }) out.reserve(static_cast<std::size_t>(items.size()));
        for (auto&& item : items) out.push_back(Value(item));
        return out;
    }
}

}  // namespace py
