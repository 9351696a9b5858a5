// Unit tests for the runtime behind map()/filter() (map_filter.hpp), iter()/next(iter())
// (iter.hpp), zip(*rows) (iteration.hpp transpose), print(*xs) (print.hpp spread),
// chain.from_iterable, sample over a range and extend from a str. Expected values are what
// python3 (3.11) prints.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "py2cpp/runtime.hpp"
#include "runtime_errors.hpp"

using py2cpp::testing::error_of;

TEST_CASE("map calls f once per item, when the item is reached") {
    const std::vector<int64_t> xs{3, 1, 2};
    int calls = 0;
    auto square = [&](int64_t x) {
        ++calls;
        return x * x;
    };
    CHECK(py::repr(py::to_list(py::map(square, xs))) == "[9, 1, 4]");
    CHECK(calls == 3);
    calls = 0;
    CHECK(py::min(py::map(square, xs)) == 1);  // min reads each item twice: f still runs once
    CHECK(calls == 3);
    CHECK(py::sum(py::map(square, std::vector<int64_t>{})) == 0);
    // A str maps its code points; a temporary is kept alive by the view.
    CHECK(py::repr(py::to_list(py::map([](const std::string& c) { return c + c; }, std::string("a\xc3\xa9")))) ==
          "['aa', '\xc3\xa9\xc3\xa9']");
}

TEST_CASE("filter keeps the items whose predicate (or own truth) holds") {
    const std::vector<int64_t> xs{0, 1, 2, 0, 3};
    CHECK(py::repr(py::to_list(py::filter([](int64_t x) { return x % 2; }, xs))) == "[1, 3]");
    CHECK(py::repr(py::to_list(py::filter(nullptr, xs))) == "[1, 2, 3]");
    CHECK(py::repr(py::to_list(py::filter(nullptr, std::vector<std::string>{"", "a", ""}))) == "['a']");
    CHECK(py::to_list(py::filter(nullptr, std::vector<int64_t>{0, 0})).empty());
}

TEST_CASE("next(iter(xs)) is the first item or StopIteration") {
    CHECK(py::first(std::vector<int64_t>{7, 8}) == 7);
    CHECK(py::first(std::string("\xc3\xa9x")) == "\xc3\xa9");
    CHECK(py::first_or(std::vector<int64_t>{}, -1) == -1);
    CHECK(error_of([] { py::first(std::vector<int64_t>{}); }) == "StopIteration: ");
}

TEST_CASE("iter(xs) is a generator that next() and loops advance") {
    py::Generator<int64_t> it = py::iter(std::vector<int64_t>{1, 2, 3});
    CHECK(py::next(it) == 1);
    CHECK(py::repr(py::to_list(it)) == "[2, 3]");
    CHECK(py::next(it, int64_t{0}) == 0);
}

TEST_CASE("transpose gives the columns, as many as the shortest row") {
    CHECK(py::repr(py::transpose(std::vector<std::vector<int64_t>>{{1, 2, 3}, {4, 5, 6}})) == "[[1, 4], [2, 5], [3, 6]]");
    CHECK(py::repr(py::transpose(std::vector<std::vector<int64_t>>{{1, 2}, {3}})) == "[[1, 3]]");
    CHECK(py::transpose(std::vector<std::vector<int64_t>>{}).empty());
}

TEST_CASE("chain.from_iterable walks each inner iterable") {
    std::vector<std::vector<int64_t>> rows{{1}, {}, {2, 3}};
    CHECK(py::repr(py::to_list(py::itertools::chain_from_iterable(rows))) == "[1, 2, 3]");
    CHECK(py::repr(py::to_list(py::itertools::chain_from_iterable(std::vector<std::string>{"ab", "\xc3\xa9"}))) ==
          "['a', 'b', '\xc3\xa9']");
}

TEST_CASE("extend from a str appends code points") {
    std::vector<std::string> v{"z"};
    py::extend(v, std::string("a\xc3\xa9"));
    CHECK(py::repr(v) == "['z', 'a', '\xc3\xa9']");
}

TEST_CASE("random.sample of a range picks as from the list") {
    py::random::seed(42);
    std::vector<int64_t> from_range = py::random::sample(py::range(100), 5);
    py::random::seed(42);
    std::vector<int64_t> pool;
    for (int64_t i = 0; i < 100; ++i) pool.push_back(i);
    CHECK(from_range == py::random::sample(pool, 5));
    CHECK(py::repr(from_range) == "[81, 14, 3, 94, 35]");
    py::random::seed(1);
    CHECK(py::random::sample(py::range(5, 5000, 5), 40).size() == 40);  // the set branch indexes the range
    CHECK(error_of([] { py::random::sample(py::range(3), 4); }) == "ValueError: Sample larger than population or is negative");
}
