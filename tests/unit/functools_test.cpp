// runtime/py2cpp/functools.hpp: py::Memo counts and evicts as CPython's lru_cache wrappers.
#include <catch2/catch.hpp>

#include <functional>

#include "analyzed.hpp"
#include "py2cpp/runtime.hpp"

TEST_CASE("memo: a bounded cache evicts the least recently used entry") {
  py::Memo<std::tuple<int64_t>, int64_t> memo(3);
  std::vector<int64_t> computed;
  auto square = [&](int64_t x) { return memo.get({x}, [&] { computed.push_back(x); return x * x; }); };
  for (int64_t x : {1, 2, 3, 1, 4, 1, 2, 5}) square(x);
  CHECK(computed == std::vector<int64_t>{1, 2, 3, 4, 2, 5});  // CPython's "computing" lines
  CHECK(memo.info() == "CacheInfo(hits=2, misses=6, maxsize=3, currsize=3)");
  memo.clear();
  CHECK(memo.info() == "CacheInfo(hits=0, misses=0, maxsize=3, currsize=0)");
}

TEST_CASE("memo: recursion fills an unbounded cache as CPython counts it") {
  py::Memo<std::tuple<int64_t>, int64_t> memo(-1);
  std::function<int64_t(int64_t)> fib = [&](int64_t n) {
    return memo.get({n}, [&] { return n < 2 ? n : fib(n - 1) + fib(n - 2); });
  };
  CHECK(fib(80) == 23416728348467685);
  CHECK(memo.info() == "CacheInfo(hits=78, misses=81, maxsize=None, currsize=81)");
}

TEST_CASE("memo: sema accepts functools caches on module functions, refuses unhashable arguments") {
  py2cpp::ParseResult p;
  auto s = py2cpp::testing::analyze_into(R"(
from functools import cache, lru_cache
@cache
def f(n: int) -> int:
    return n
@lru_cache(maxsize=2)
def g(n: int) -> int:
    return n
@lru_cache(maxsize=None, typed=True)
def h(n: int) -> int:
    return n
@cache
def k(xs: list[int]) -> int:
    return len(xs)
)", p);
  CHECK(s.functions[0].memoized);
  CHECK(s.functions[0].cache_maxsize == -1);
  CHECK(s.functions[1].cache_maxsize == 2);
  std::string reasons = py2cpp::testing::stub_reasons(s);
  CHECK_THAT(reasons, Catch::Contains("lru_cache(typed=...) is not supported"));
  CHECK_THAT(reasons, Catch::Contains("the cache needs hashable arguments; 'xs' is a list[int]"));
}

TEST_CASE("itertools: CPython's order for combinations, permutations and product") {
  std::string out;
  for (const auto& t : py::itertools::combinations<2>(std::vector<int64_t>{1, 2, 3})) out += py::repr(t);
  CHECK(out == "(1, 2)(1, 3)(2, 3)");
  out.clear();
  for (const auto& t : py::itertools::permutations<2>(py::range(3))) out += py::repr(t);
  CHECK(out == "(0, 1)(0, 2)(1, 0)(1, 2)(2, 0)(2, 1)");
  out.clear();
  for (const auto& t : py::itertools::product(py::range(2), std::vector<std::string>{"a", "b"})) out += py::repr(t);
  CHECK(out == "(0, 'a')(0, 'b')(1, 'a')(1, 'b')");
  CHECK(py::repr(py::to_list(py::itertools::islice(py::itertools::count<int64_t>(), 2, 10, 3))) == "[2, 5, 8]");
  CHECK(py::repr(py::to_list(py::itertools::accumulate(py::range(1, 5), std::optional<int64_t>(100)))) ==
        "[100, 101, 103, 106, 110]");
  CHECK(py::to_list(py::itertools::combinations<3>(std::vector<int64_t>{1, 2})).empty());
}

TEST_CASE("itertools: combinations_with_replacement, accumulate with a function, takewhile, dropwhile, starmap") {
  CHECK(py::repr(py::to_list(py::itertools::combinations_with_replacement<2>(std::vector<int64_t>{1, 2, 3}))) ==
        "[(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (3, 3)]");
  CHECK(py::to_list(py::itertools::combinations_with_replacement<2>(std::vector<int64_t>{})).empty());
  auto bigger = [](int64_t a, int64_t b) { return a > b ? a : b; };
  CHECK(py::repr(py::to_list(py::itertools::accumulate_with(std::vector<int64_t>{5, 3, 8, 1}, bigger))) == "[5, 5, 8, 8]");
  auto mul = [](int64_t a, int64_t b) { return a * b; };
  CHECK(py::repr(py::to_list(py::itertools::accumulate_with(std::vector<int64_t>{1, 2, 3}, mul, std::optional<int64_t>(10)))) ==
        "[10, 10, 20, 60]");
  auto small = [](int64_t x) { return x < 4; };
  CHECK(py::repr(py::to_list(py::itertools::takewhile(small, std::vector<int64_t>{1, 3, 5, 2}))) == "[1, 3]");
  CHECK(py::repr(py::to_list(py::itertools::dropwhile(small, std::vector<int64_t>{1, 3, 5, 2}))) == "[5, 2]");
  auto power = [](int64_t b, int64_t e) { return py::ipow(b, e); };
  std::vector<std::tuple<int64_t, int64_t>> pairs{{2, 5}, {3, 2}};
  CHECK(py::repr(py::to_list(py::itertools::starmap(power, pairs))) == "[32, 9]");
}

TEST_CASE("itertools: groupby runs, CPython's group invalidation, zip_longest and cycle") {
  std::string out;
  for (const auto& [k, g] : py::itertools::groupby(std::vector<int64_t>{1, 1, 2, 1})) out += py::repr(k) + py::repr(py::to_list(g));
  CHECK(out == "1[1, 1]2[2]1[1]");
  // A group read twice is empty the second time; one kept past the outer step is empty too.
  std::vector<py::itertools::Group<std::string, int64_t>> kept;
  out.clear();
  std::vector<std::string> words{"a", "b", "cc", "dd", "e"};
  for (const auto& [n, g] : py::itertools::groupby(words, [](const std::string& w) { return py::len(w); })) {
    kept.push_back(g);
    out += py::repr(n);
    out += py::repr(py::to_list(g));
    out += py::repr(py::to_list(g));
  }
  CHECK(out == "1['a', 'b'][]2['cc', 'dd'][]1['e'][]");
  for (const auto& g : kept) CHECK(py::to_list(g).empty());
  CHECK(py::repr(py::to_list(py::itertools::zip_longest(std::vector<int64_t>{1, 2}, std::vector<std::string>{"x"}))) ==
        "[(1, 'x'), (2, None)]");
  CHECK(py::repr(py::to_list(py::itertools::zip_longest_fill(int64_t{0}, std::vector<int64_t>{1}, py::range(3)))) ==
        "[(1, 0), (0, 1), (0, 2)]");
  CHECK(py::repr(py::to_list(py::itertools::islice(py::itertools::cycle(std::vector<bool>{true, false}), 0, 3))) ==
        "[True, False, True]");
  CHECK(py::to_list(py::itertools::cycle(std::vector<int64_t>{})).empty());
}

TEST_CASE("functools: cmp_to_key keys compare through cmp, and sorting by them is stable") {
  std::vector<int64_t> calls;
  auto by_len = [&](const std::string& a, const std::string& b) {
    calls.push_back(1);
    return py::len(a) - py::len(b);
  };
  auto key = py::functools::cmp_to_key<std::string>(by_len);
  CHECK(key("ab") < key("abc"));
  CHECK(key("abc") > key("ab"));
  CHECK(key("ab") == key("xy"));
  CHECK(key("ab") <= key("xy"));
  CHECK_FALSE(key("abc") <= key("xy"));
  CHECK(calls.size() == 5);
  std::vector<std::string> words{"pear", "fig", "kiwi", "apple", "date"};
  py::sort_by(words, key);
  CHECK(py::repr(words) == "['fig', 'pear', 'kiwi', 'date', 'apple']");
  py::sort_by(words, key, true);
  CHECK(py::repr(words) == "['apple', 'pear', 'kiwi', 'date', 'fig']");
}
