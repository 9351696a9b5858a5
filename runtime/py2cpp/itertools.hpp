// py2cpp runtime: itertools as lazy py::Generator coroutines, in CPython's order.
// combinations, permutations and product copy their inputs first (CPython makes tuples of
// them too); the others walk their input as they go. Each takes its arguments by value, so a
// temporary passed in (`combinations(sorted(xs), 2)`) lives as long as the iteration.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"
#include "generator.hpp"
#include "builtins.hpp"  // truthy
#include "views.hpp"  // forward_walker

namespace py::itertools {

namespace detail {

template <class Seq>
using item_t = std::remove_cvref_t<decltype(*std::begin(std::declval<Seq&>()))>;

// The item type by the iterator's value_type: bool for a std::vector<bool>, not its proxy.
template <class Seq>
using value_t = std::remove_cvref_t<typename std::iterator_traits<decltype(std::begin(std::declval<Seq&>()))>::value_type>;

template <class Seq>
std::vector<item_t<Seq>> pool_of(Seq& items) {
    std::vector<item_t<Seq>> pool;
    for (auto&& x : items) pool.push_back(x);
    return pool;
}

// The tuple (pool[idx[0]], ..., pool[idx[R-1]]).
template <class T, std::size_t R, std::size_t... I>
auto pick(const std::vector<T>& pool, const std::array<std::size_t, R>& idx, std::index_sequence<I...>) {
    return std::tuple<decltype((void)I, T())...>(pool[idx[I]]...);
}

template <class T, std::size_t R>
using tuple_n = decltype(pick<T, R>(std::declval<const std::vector<T>&>(), std::declval<const std::array<std::size_t, R>&>(),
                                    std::make_index_sequence<R>{}));

}  // namespace detail

// combinations(items, R): R-tuples in lexicographic index order, no repeats.
template <std::size_t R, class Seq, class T = detail::item_t<Seq>>
Generator<detail::tuple_n<T, R>> combinations(Seq items) {
    const std::vector<T> pool = detail::pool_of(items);
    const std::size_t n = pool.size();
    if (R > n) co_return;
    std::array<std::size_t, R> idx{};
    for (std::size_t i = 0; i < R; ++i) idx[i] = i;
    while (true) {
        co_yield detail::pick(pool, idx, std::make_index_sequence<R>{});
        std::size_t i = R;
        while (i > 0 && idx[i - 1] == i - 1 + n - R) --i;
        if (i == 0) co_return;
        ++idx[i - 1];
        for (std::size_t j = i; j < R; ++j) idx[j] = idx[j - 1] + 1;
    }
}

// permutations(items, R): CPython's cycle algorithm, so the order is CPython's.
template <std::size_t R, class Seq, class T = detail::item_t<Seq>>
Generator<detail::tuple_n<T, R>> permutations(Seq items) {
    const std::vector<T> pool = detail::pool_of(items);
    const std::size_t n = pool.size();
    if (R > n) co_return;
    std::vector<std::size_t> indices(n);
    for (std::size_t i = 0; i < n; ++i) indices[i] = i;
    std::array<std::size_t, R> cycles{};
    for (std::size_t i = 0; i < R; ++i) cycles[i] = n - i;
    std::array<std::size_t, R> head{};
    auto current = [&] {
        for (std::size_t i = 0; i < R; ++i) head[i] = indices[i];
        return detail::pick(pool, head, std::make_index_sequence<R>{});
    };
    co_yield current();
    while (n > 0) {
        bool advanced = false;
        for (std::size_t i = R; i-- > 0;) {
            if (--cycles[i] == 0) {
                std::size_t moved = indices[i];
                for (std::size_t k = i; k + 1 < n; ++k) indices[k] = indices[k + 1];
                indices[n - 1] = moved;
                cycles[i] = n - i;
            } else {
                std::swap(indices[i], indices[n - cycles[i]]);
                co_yield current();
                advanced = true;
                break;
            }
        }
        if (!advanced) co_return;
    }
}

// combinations_with_replacement(items, R): R-tuples of non-decreasing indexes, CPython's order.
template <std::size_t R, class Seq, class T = detail::item_t<Seq>>
Generator<detail::tuple_n<T, R>> combinations_with_replacement(Seq items) {
    const std::vector<T> pool = detail::pool_of(items);
    const std::size_t n = pool.size();
    if (n == 0) co_return;
    std::array<std::size_t, R> idx{};
    while (true) {
        co_yield detail::pick(pool, idx, std::make_index_sequence<R>{});
        std::size_t i = R;
        while (i > 0 && idx[i - 1] == n - 1) --i;
        if (i == 0) co_return;
        const std::size_t v = idx[i - 1] + 1;
        for (std::size_t j = i - 1; j < R; ++j) idx[j] = v;
    }
}

// product(a, b, ...): the odometer, rightmost input fastest.
template <class... Seqs>
Generator<std::tuple<detail::item_t<Seqs>...>> product(Seqs... inputs) {
    auto pools = std::make_tuple(detail::pool_of(inputs)...);
    constexpr std::size_t N = sizeof...(Seqs);
    std::array<std::size_t, N> sizes{};
    [&]<std::size_t... I>(std::index_sequence<I...>) { ((sizes[I] = std::get<I>(pools).size()), ...); }(std::make_index_sequence<N>{});
    for (std::size_t s : sizes)
        if (s == 0) co_return;
    std::array<std::size_t, N> idx{};
    while (true) {
        co_yield [&]<std::size_t... I>(std::index_sequence<I...>) {
            return std::tuple<detail::item_t<Seqs>...>(std::get<I>(pools)[idx[I]]...);
        }(std::make_index_sequence<N>{});
        std::size_t i = N;
        while (i > 0 && ++idx[i - 1] == sizes[i - 1]) idx[--i] = 0;
        if (i == 0) co_return;
    }
}

// product(items, repeat=R)
template <std::size_t R, class Seq, class T = detail::item_t<Seq>>
Generator<detail::tuple_n<T, R>> product_repeat(Seq items) {
    const std::vector<T> pool = detail::pool_of(items);
    if (pool.empty() && R > 0) co_return;
    std::array<std::size_t, R> idx{};
    while (true) {
        co_yield detail::pick(pool, idx, std::make_index_sequence<R>{});
        std::size_t i = R;
        while (i > 0 && ++idx[i - 1] == pool.size()) idx[--i] = 0;
        if (i == 0) co_return;
    }
}

// pairwise(items): (a, b), (b, c), ...
template <class Seq, class T = detail::item_t<Seq>>
Generator<std::tuple<T, T>> pairwise(Seq items) {
    std::optional<T> prev;
    for (auto&& x : items) {
        if (prev) co_yield std::tuple<T, T>(*prev, x);
        prev = x;
    }
}

// accumulate(items) / accumulate(items, initial=x): running sums.
template <class Seq, class T = detail::item_t<Seq>>
Generator<T> accumulate(Seq items, std::optional<T> initial = std::nullopt) {
    std::optional<T> total = initial;
    if (total) co_yield *total;
    for (auto&& x : items) {
        total = total ? *total + x : T(x);
        co_yield *total;
    }
}

// accumulate(items, func[, initial]): func(total, item) in turn, the first total being the
// first item (or initial).
template <class Seq, class F, class T = detail::item_t<Seq>>
Generator<T> accumulate_with(Seq items, F func, std::optional<T> initial = std::nullopt) {
    std::optional<T> total = initial;
    if (total) co_yield *total;
    for (auto&& x : items) {
        total = total ? T(func(*total, x)) : T(x);
        co_yield *total;
    }
}

// takewhile(pred, items): the items up to the first one pred is false for (by Python's truth rules).
template <class F, class Seq, class T = detail::item_t<Seq>>
Generator<T> takewhile(F pred, Seq items) {
    for (auto&& x : items) {
        if (!py::truthy(pred(x))) co_return;
        co_yield x;
    }
}

// dropwhile(pred, items): the items from the first one pred is false for; pred is not called after.
template <class F, class Seq, class T = detail::item_t<Seq>>
Generator<T> dropwhile(F pred, Seq items) {
    bool dropping = true;
    for (auto&& x : items) {
        if (dropping && py::truthy(pred(x))) continue;
        dropping = false;
        co_yield x;
    }
}

// starmap(f, tuples): f(*t) for each tuple t.
template <class F, class Seq, class T = detail::item_t<Seq>>
auto starmap(F f, Seq items) -> Generator<std::remove_cvref_t<decltype(std::apply(f, std::declval<T&>()))>> {
    for (auto&& t : items) co_yield std::apply(f, t);
}

// chain(a, b, ...): each input in turn.
template <class First, class... Rest>
Generator<detail::item_t<First>> chain(First first, Rest... rest) {
    for (auto&& x : first) co_yield x;
    if constexpr (sizeof...(Rest) > 0)
        for (auto&& x : chain(std::move(rest)...)) co_yield x;
}

// chain.from_iterable(lists): the items of each inner iterable in turn (a str as its code points).
template <class Seq, class Inner = detail::item_t<Seq>>
Generator<py::detail::value_t<Inner>> chain_from_iterable(Seq outer) {
    for (auto&& inner : outer)
        for (py::detail::forward_walker<Inner> w(inner); !w.done(); w.next()) co_yield w.get();
}

// islice(items, start, stop, step): stop nullopt = to the end.
template <class Seq, class T = detail::item_t<Seq>>
Generator<T> islice(Seq items, int64_t start, std::optional<int64_t> stop, int64_t step = 1) {
    if (start < 0 || (stop && *stop < 0))
        throw ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    if (step <= 0) throw ValueError("Step for islice() must be a positive integer or None.");
    int64_t i = 0, next = start;
    if (stop && *stop <= start) co_return;
    for (auto&& x : items) {
        if (i == next) {
            co_yield x;
            next += step;
        }
        ++i;
        if (stop && (i >= *stop || next >= *stop)) co_return;
    }
}

// count(start, step): start, start + step, ... forever.
template <class T>
Generator<T> count(T start = 0, T step = 1) {
    for (T x = start;; x += step) co_yield x;
}

// repeat(x, n) (n nullopt: forever)
template <class T>
Generator<T> repeat(T x, std::optional<int64_t> times = std::nullopt) {
    for (int64_t i = 0; !times || i < *times; ++i) co_yield x;
}

namespace detail {

template <class Seq>
struct Cursor {
    using seq_type = Seq;
    explicit Cursor(Seq s) : seq(std::move(s)), it(std::begin(seq)), end(std::end(seq)) {}
    Seq seq;
    decltype(std::begin(std::declval<Seq&>())) it;
    decltype(std::end(std::declval<Seq&>())) end;
    bool active = true;
};

}  // namespace detail

// zip_longest(a, b, ..., fillvalue=f): tuples until every input is exhausted; an exhausted input
// gives f. Each input is asked in turn, as in CPython.
template <class Fill, class... Seqs>
Generator<std::tuple<std::conditional_t<true, Fill, Seqs>...>> zip_longest_fill(Fill fill, Seqs... inputs) {
    auto cursors = std::make_tuple(std::make_unique<detail::Cursor<Seqs>>(std::move(inputs))...);
    std::size_t active = sizeof...(Seqs);
    while (true) {
        auto take = [&](auto& c) -> Fill {
            if (c->active && c->it != c->end) {
                Fill x = *c->it;
                ++c->it;
                return x;
            }
            if (c->active) {
                c->active = false;
                --active;
            }
            return fill;
        };
        // Braces: left-to-right evaluation of the inputs, as CPython asks them.
        auto row = std::apply([&](auto&... c) { return std::tuple<std::conditional_t<true, Fill, Seqs>...>{take(c)...}; }, cursors);
        if (active == 0) co_return;
        co_yield row;
    }
}

// zip_longest(a, b, ...) without fillvalue: an exhausted input gives None (std::nullopt).
template <class... Seqs>
Generator<std::tuple<std::optional<detail::value_t<Seqs>>...>> zip_longest(Seqs... inputs) {
    auto cursors = std::make_tuple(std::make_unique<detail::Cursor<Seqs>>(std::move(inputs))...);
    std::size_t active = sizeof...(Seqs);
    while (true) {
        auto take = [&](auto& c) {
            using T = detail::value_t<typename std::remove_cvref_t<decltype(*c)>::seq_type>;
            std::optional<T> x;
            if (c->active && c->it != c->end) {
                x = *c->it;
                ++c->it;
            } else if (c->active) {
                c->active = false;
                --active;
            }
            return x;
        };
        auto row = std::apply([&](auto&... c) { return std::tuple<std::optional<detail::value_t<Seqs>>...>{take(c)...}; }, cursors);
        if (active == 0) co_return;
        co_yield row;
    }
}

// cycle(items): the items, then again and again from a saved copy; nothing for an empty input.
template <class Seq, class T = detail::value_t<Seq>>
Generator<T> cycle(Seq items) {
    std::vector<T> saved;
    for (auto&& x : items) {
        saved.push_back(x);
        co_yield saved.back();
    }
    if (saved.empty()) co_return;
    while (true)
        for (const T& x : saved) co_yield x;
}

}  // namespace py::itertools
