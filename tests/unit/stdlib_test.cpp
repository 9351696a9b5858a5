// Unit tests for runtime/py2cpp/heapq.hpp, bisect.hpp and math.hpp's fsum/dist: the values are
// what CPython 3.11 gives for the same operations.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "py2cpp/runtime.hpp"

using Ints = std::vector<int64_t>;

TEST_CASE("heapq: CPython's sift order", "[heapq]") {
    Ints h{9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    py::heapq::heapify(h);
    CHECK(h == Ints{0, 1, 3, 2, 5, 4, 7, 9, 6, 8});

    Ints p;
    for (int64_t x : {5, 1, 4, 1, 5, 9, 2, 6}) py::heapq::heappush(p, x);
    CHECK(p == Ints{1, 1, 2, 5, 5, 9, 4, 6});
    CHECK(py::heapq::heappop(p) == 1);
    CHECK(p == Ints{1, 5, 2, 5, 6, 9, 4});
    CHECK(py::heapq::heapreplace(p, 7) == 1);
    CHECK(p == Ints{2, 5, 4, 5, 6, 9, 7});
    CHECK(py::heapq::heappushpop(p, 0) == 0);  // not above the top: returned unchanged
    CHECK(py::heapq::heappushpop(p, 3) == 2);
    CHECK(p == Ints{3, 5, 4, 5, 6, 9, 7});
}

TEST_CASE("heapq: errors, nlargest and nsmallest", "[heapq]") {
    Ints empty;
    CHECK_THROWS_WITH(py::heapq::heappop(empty), "index out of range");
    CHECK_THROWS_AS(py::heapq::heapreplace(empty, 1), py::IndexError);
    CHECK(py::heapq::heappushpop(empty, 4) == 4);
    CHECK(empty.empty());

    using P = std::tuple<int64_t, std::string>;
    std::vector<P> ps{{1, "b"}, {2, "a"}, {1, "a"}};
    CHECK(py::heapq::nlargest(3, ps) == std::vector<P>{{2, "a"}, {1, "b"}, {1, "a"}});
    CHECK(py::heapq::nsmallest(2, std::vector<double>{3.5, -1.0, 2.0}) == std::vector<double>{-1.0, 2.0});
    CHECK(py::heapq::nsmallest(-1, ps).empty());
    // Ties keep their input order, with a key too.
    auto second = [](const P& p) { return std::get<1>(p); };
    CHECK(py::heapq::nlargest_by(2, ps, second) == std::vector<P>{{1, "b"}, {2, "a"}});
}

TEST_CASE("bisect: bounds, errors and insort", "[bisect]") {
    Ints a{1, 2, 2, 4};
    CHECK(py::bisect::bisect_left(a, 2) == 1);
    CHECK(py::bisect::bisect_right(a, 2) == 3);
    CHECK(py::bisect::bisect(a, 2, 0, 2) == 2);
    CHECK(py::bisect::bisect_left(a, 3, 0, 2) == 2);
    CHECK_THROWS_WITH(py::bisect::bisect(a, 2, -1), "lo must be non-negative");
    CHECK_THROWS_AS(py::bisect::bisect(a, 2, 0, 10), py::IndexError);
    py::bisect::insort_left(a, 3);
    CHECK(a == Ints{1, 2, 2, 3, 4});
    py::bisect::insort(a, 9, 20);  // lo past the end: appended, as list.insert does
    CHECK(a == Ints{1, 2, 2, 3, 4, 9});
    std::vector<std::string> words{"a", "to", "the", "word"};
    auto len = [](const std::string& s) { return py::len(s); };
    CHECK(py::bisect::bisect_by(words, 3, len) == 3);
    py::bisect::insort_left_by(words, std::string("an"), len);
    CHECK(words == std::vector<std::string>{"a", "an", "to", "the", "word"});
}

TEST_CASE("math: fsum and dist are CPython's", "[math]") {
    CHECK(py::repr(py::math::fsum(std::vector<double>(10, 0.1))) == "1.0");
    CHECK(py::repr(py::math::fsum(std::vector<double>{1e-16, 1.0, 1e16})) == "1.0000000000000002e+16");
    CHECK(py::repr(py::math::fsum(Ints{1, 2, 3})) == "6.0");
    CHECK_THROWS_WITH(py::math::fsum(std::vector<double>{py::math::inf, -py::math::inf}), "-inf + inf in fsum");
    CHECK_THROWS_WITH(py::math::fsum(std::vector<double>{1e308, 1e308}), "intermediate overflow in fsum");
    CHECK(py::repr(py::math::dist(std::make_tuple(1.0, 1.0), std::make_tuple(4.0, 5.0))) == "5.0");
    CHECK(py::repr(py::math::dist(std::vector<double>{0.1, 0.2, 0.3}, std::vector<double>{0, 0, 0})) ==
          "0.3741657386773941");
    CHECK_THROWS_AS(py::math::dist(std::vector<double>{1.0}, std::vector<double>{}), py::ValueError);
}

TEST_CASE("collections: defaultdict inserts, Counter counts", "[collections]") {
    py::defaultdict<std::string, int64_t> d;
    d["a"] += 2;
    CHECK(d["b"] == 0);  // inserted
    CHECK(py::repr(d) == "defaultdict(<class 'int'>, {'a': 2, 'b': 0})");
    py::defaultdict<int64_t, std::vector<std::string>> groups;
    groups[3].push_back("the");
    CHECK(py::repr(groups) == "defaultdict(<class 'list'>, {3: ['the']})");
    CHECK(py::repr(py::defaultdict<std::string, double>()) == "defaultdict(<class 'float'>, {})");

    py::Counter<std::string> c(std::vector<std::string>{"b", "a", "b", "c", "a", "b"});
    CHECK(py::repr(c) == "Counter({'b': 3, 'a': 2, 'c': 1})");
    CHECK(c.get("zzz", 0) == 0);
    CHECK(!c.contains("zzz"));
    c.update(py::chars(std::string("cc")));
    CHECK(c.most_common(2) == std::vector<std::tuple<std::string, int64_t>>{{"b", 3}, {"c", 3}});  // ties: insertion order
    CHECK(c.most_common(-1).empty());
    CHECK(c.total() == 8);
    CHECK(py::repr(py::Counter<int64_t>()) == "Counter()");
    py::Counter<std::string> x(std::vector<std::string>{"x"}), y = x;
    y["y"] += 0;
    CHECK(x == y);  // a zero count equals a missing item (Python 3.10+)
    y["y"] += 1;
    CHECK(!(x == y));
}
