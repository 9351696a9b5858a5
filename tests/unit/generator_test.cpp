// runtime: py::Generator (generator functions as C++20 coroutines), and their typing in sema.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzed.hpp"
#include "py2cpp/runtime.hpp"

namespace {

std::vector<std::string>* trace = nullptr;

py::Generator<int64_t> count_to(int64_t n) {
  for (int64_t i = 1; i <= n; ++i) {
    trace->push_back("yield " + std::to_string(i));
    co_yield i;
  }
}

py::Generator<int64_t> failing() {
  co_yield 1;
  throw py::ValueError("inside");
}

}  // namespace

TEST_CASE("generator: lazy, in step with its consumer") {
  std::vector<std::string> t;
  trace = &t;
  auto g = count_to(3);
  CHECK(t.empty());  // nothing runs before the first item is asked for
  for (int64_t x : g) t.push_back("got " + std::to_string(x));
  CHECK(t == std::vector<std::string>{"yield 1", "got 1", "yield 2", "got 2", "yield 3", "got 3"});
}

TEST_CASE("generator: single pass, a second loop continues where the first stopped") {
  std::vector<std::string> t;
  trace = &t;
  auto g = count_to(4);
  std::vector<int64_t> first, second;
  for (int64_t x : g) {
    first.push_back(x);
    if (x == 2) break;
  }
  for (int64_t x : g) second.push_back(x);
  CHECK(first == std::vector<int64_t>{1, 2});
  CHECK(second == std::vector<int64_t>{3, 4});  // as Python: after the item the break left at
  std::vector<int64_t> third;
  for (int64_t x : g) third.push_back(x);
  CHECK(third.empty());
}

TEST_CASE("generator: an exception inside reaches the consumer") {
  std::vector<int64_t> got;
  CHECK_THROWS_AS([&] { for (int64_t x : failing()) got.push_back(x); }(), py::ValueError);
  CHECK(got == std::vector<int64_t>{1});
}

py::Generator<int64_t> unguarded_next(py::Generator<int64_t> source) {
  while (true) co_yield py::next(source);
}

TEST_CASE("generator: copies share one coroutine; next() with and without a default") {
  std::vector<std::string> t;
  trace = &t;
  auto g = count_to(3);
  auto alias = g;  // `alias = g` in Python: one generator object
  CHECK(py::next(g) == 1);
  CHECK(py::next(alias) == 2);
  CHECK(py::next(g) == 3);
  CHECK(py::next(alias, int64_t{-1}) == -1);
  CHECK_THROWS_AS(py::next(g), py::StopIteration);
  py::Generator<int64_t> declared;  // a variable declared before its value: exhausted
  CHECK(py::next(declared, int64_t{0}) == 0);
}

TEST_CASE("generator: a StopIteration escaping the body is a RuntimeError (PEP 479)") {
  std::vector<std::string> t;
  trace = &t;
  auto g = unguarded_next(count_to(1));
  CHECK(py::next(g) == 1);
  CHECK_THROWS_WITH(py::next(g), "generator raised StopIteration");
}

TEST_CASE("generator: the runtime's iterating functions take it") {
  std::vector<std::string> t;
  trace = &t;
  CHECK(py::sum(count_to(4)) == 10);
  CHECK(py::to_list(count_to(3)) == std::vector<int64_t>{1, 2, 3});
  CHECK(py::max(count_to(5)) == 5);
}

TEST_CASE("sema: generator functions are typed Iterator[T]") {
  auto a = py2cpp::testing::analyze_source(
      "from typing import Iterator\n"
      "def up(n: int) -> Iterator[int]:\n"
      "    for i in range(n):\n"
      "        yield i\n"
      "def names(xs: list[str]):\n"
      "    for x in xs:\n"
      "        yield x.upper()\n"
      "    yield from xs\n"
      "def bad() -> list[int]:\n"
      "    yield 1\n"
      "def sent() -> Iterator[int]:\n"
      "    x = yield 1\n");
  const auto& s = a.sema;
  auto fn = [&](const char* name) { return s.functions.at(s.function_index.at(name)); };
  CHECK(fn("up").is_generator);
  CHECK(s.types.python_name(fn("up").return_type) == "Iterator[int]");
  CHECK(s.types.python_name(fn("names").return_type) == "Iterator[str]");
  CHECK(fn("names").vars[0].by_value);
  CHECK(fn("bad").stub_reason.detail.find("Iterator[T]") != std::string::npos);
  CHECK(py2cpp::testing::stub_reasons(s).find("the value of a yield expression") != std::string::npos);
}
