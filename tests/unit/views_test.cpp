// Unit tests for runtime/py2cpp/views.hpp (enumerate, zip, reversed, list()) and reduce.hpp
// (min/max accumulators, default=). Expected values are what python3 (3.11) prints.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "py2cpp/runtime.hpp"
#include "runtime_errors.hpp"

using py2cpp::testing::error_of;

TEST_CASE("enumerate yields (index, item) from start") {
    const std::vector<std::string> words{"a", "bb"};
    CHECK(py::repr(py::to_list(py::enumerate(words, 1))) == "[(1, 'a'), (2, 'bb')]");
    // A str yields code points; a temporary is kept alive by the view.
    CHECK(py::repr(py::to_list(py::enumerate(std::string("a\xc3\xa9")))) == "[(0, 'a'), (1, '\xc3\xa9')]");
    std::vector<std::string> seen;
    for (const auto& [i, w] : py::enumerate(py::split(std::string("x y z")), 10)) seen.push_back(py::str(i) + w);
    CHECK(py::repr(seen) == "['10x', '11y', '12z']");
}

TEST_CASE("enumerate over a list the loop appends to sees the new items") {
    // for i, x in enumerate(xs):
    //     if x < 3: xs.append(x + 10)
    std::vector<int64_t> xs{1, 5, 2};
    std::vector<int64_t> indexes;
    for (const auto& [i, x] : py::enumerate(xs)) {
        indexes.push_back(i);
        if (x < 3) xs.push_back(x + 10);
    }
    CHECK(py::repr(xs) == "[1, 5, 2, 11, 12]");
    CHECK(py::repr(indexes) == "[0, 1, 2, 3, 4]");
}

TEST_CASE("enumerate copies numbers, so replacing the item keeps the old value") {
    // for i, x in enumerate(xs): xs[i] = x * 2; out.append(x)
    std::vector<int64_t> xs{1, 2, 3};
    std::vector<int64_t> out;
    for (const auto& [i, x] : py::enumerate(xs)) {
        py::at(xs, i) = x * 2;
        out.push_back(x);
    }
    CHECK(py::repr(xs) == "[2, 4, 6]");
    CHECK(py::repr(out) == "[1, 2, 3]");
}

TEST_CASE("enumerate and zip over a named list[bool] (std::vector<bool> has no bool&)") {
    // for i, on in enumerate(flags): if on: flags[i] = False; seen.append(on)
    std::vector<bool> flags{true, false, true};
    std::vector<bool> seen;
    for (const auto& [i, on] : py::enumerate(flags)) {
        if (on) py::at(flags, i) = false;
        seen.push_back(on);
    }
    CHECK(py::repr(flags) == "[False, False, False]");
    CHECK(py::repr(seen) == "[True, False, True]");
    std::vector<int64_t> nums{1, 2};
    CHECK(py::repr(py::to_list(py::zip(flags, nums))) == "[(False, 1), (False, 2)]");
}

TEST_CASE("zip stops at the shortest") {
    const std::vector<int64_t> a{1, 2, 3};
    const std::vector<std::string> b{"x", "y"};
    const std::vector<double> c{3.5, 4.5};
    CHECK(py::repr(py::to_list(py::zip(a, b))) == "[(1, 'x'), (2, 'y')]");
    CHECK(py::repr(py::to_list(py::zip(a, c, std::vector<std::string>{"p", "q", "r"}))) ==
          "[(1, 3.5, 'p'), (2, 4.5, 'q')]");
    CHECK(py::repr(py::to_list(py::zip(py::range(3), py::reversed(py::range(3))))) == "[(0, 2), (1, 1), (2, 0)]");
    CHECK(py::repr(py::to_list(py::zip(a, std::vector<int64_t>{}))) == "[]");
}

TEST_CASE("reversed lists and strings") {
    const std::vector<int64_t> xs{1, 2, 3};
    CHECK(py::repr(py::to_list(py::reversed(xs))) == "[3, 2, 1]");
    CHECK(py::repr(py::to_list(py::reversed(std::vector<int64_t>{}))) == "[]");
    CHECK(py::repr(py::to_list(py::reversed(std::string("h\xc3\xa9llo")))) == "['o', 'l', 'l', '\xc3\xa9', 'h']");
    CHECK(py::join("", py::reversed(std::string("abc"))) == "cba");
    CHECK(py::repr(py::to_list(py::reversed(std::string()))) == "[]");
    // The list shrinks under the iterator: Python stops once the next index is past the end.
    std::vector<int64_t> ys{1, 2, 3, 4};
    std::vector<int64_t> seen;
    for (int64_t y : py::reversed(ys)) {
        seen.push_back(y);
        if (y == 4) {
            ys.pop_back();
            ys.pop_back();
        }
    }
    CHECK(py::repr(seen) == "[4]");
}

TEST_CASE("list() of views, ranges and strings") {
    CHECK(py::repr(py::to_list(std::string("a\xc3\xa9\xe2\x82\xac"))) == "['a', '\xc3\xa9', '\xe2\x82\xac']");
    CHECK(py::repr(py::to_list(py::range(2, 8, 3))) == "[2, 5]");
    CHECK(py::repr(py::sorted(py::zip(std::vector<int64_t>{2, 1}, std::vector<std::string>{"b", "a"}))) ==
          "[(1, 'a'), (2, 'b')]");
    CHECK(py::sum(py::reversed(std::vector<int64_t>{1, 2, 3})) == 6);
}

TEST_CASE("Min/Max accumulators keep the first extreme and raise on empty") {
    py::Min<int64_t> smallest;
    for (int64_t x : {4, 1, 3, 1}) smallest.add(x);
    CHECK(smallest.result() == 1);
    py::Max<std::tuple<int64_t, std::string>, int64_t> oldest;
    oldest.add({30, "ann"}, 30);
    oldest.add({41, "bob"}, 41);
    oldest.add({41, "cid"}, 41);
    CHECK(py::repr(oldest.result()) == "(41, 'bob')");
    CHECK(error_of([] { return py::Min<double>().result(); }) == "ValueError: min() arg is an empty sequence");
    CHECK(error_of([] { return py::Max<double>().result(); }) == "ValueError: max() arg is an empty sequence");
    CHECK(py::Max<int64_t>().result_or(-1) == -1);
}

TEST_CASE("min/max with default=") {
    // min([3, 1, 2], default=9), max([], default=-1)
    CHECK(py::min_or(std::vector<int64_t>{3, 1, 2}, 9) == 1);
    CHECK(py::max_or(std::vector<int64_t>{}, -1) == -1);
    // min([], key=len, default='none'), max(['aa', 'b', 'cc'], key=len, default='z')
    auto len = [](const std::string& s) { return py::len(s); };
    CHECK(py::min_by_or(std::vector<std::string>{}, len, "none") == "none");
    CHECK(py::max_by_or(std::vector<std::string>{"aa", "b", "cc"}, len, "z") == "aa");
}
