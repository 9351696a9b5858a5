// runtime/py2cpp/deque.hpp (collections.deque) and its typing in sema.
#include <catch2/catch.hpp>

#include "analyzed.hpp"
#include "py2cpp/runtime.hpp"

TEST_CASE("deque: a bounded deque drops from the other end, as CPython's") {
  py::deque<int64_t> d(py::range(5), 3);
  CHECK(py::repr(d) == "deque([2, 3, 4], maxlen=3)");
  py::extendleft(d, std::vector<int64_t>{9, 8});
  CHECK(py::repr(d) == "deque([8, 9, 2], maxlen=3)");
  d.push_back(7);
  CHECK(py::repr(d) == "deque([9, 2, 7], maxlen=3)");
  CHECK_THROWS_WITH(py::insert(d, 0, 1), "deque already at its maximum size");
  py::deque<int64_t> zero(std::nullopt, 0);
  zero.push_back(1);
  CHECK(zero.empty());
  CHECK_THROWS_WITH(py::deque<int64_t>(std::nullopt, -1), "maxlen must be non-negative");
}

TEST_CASE("deque: rotate, both ends, CPython's errors") {
  py::deque<int64_t> d(py::range(6));
  py::rotate(d, 2);
  CHECK(py::repr(d) == "deque([4, 5, 0, 1, 2, 3])");
  py::rotate(d, -3);
  CHECK(py::repr(d) == "deque([1, 2, 3, 4, 5, 0])");
  py::rotate(d, 12);
  CHECK(py::at(d, 0) == 1);
  CHECK(py::at(d, -1) == 0);
  CHECK(py::popleft(d) == 1);
  CHECK(py::pop(d) == 0);
  CHECK(py::index(d, 4) == 2);
  CHECK_THROWS_WITH(py::index(d, 42), "42 is not in deque");
  CHECK_THROWS_WITH(py::remove(d, 42), "42 is not in deque");
  CHECK_THROWS_WITH(py::at(d, 4), "deque index out of range");
  py::deque<int64_t> empty;
  CHECK_THROWS_WITH(py::popleft(empty), "pop from an empty deque");
  CHECK_THROWS_WITH(py::pop(empty), "pop from an empty deque");
  CHECK(py::repr(empty) == "deque([])");
  CHECK(py::repr(py::deque<std::string>(py::chars("ab"))) == "deque(['a', 'b'])");
}

TEST_CASE("deque: sema types it from its items or later appends; slicing is refused") {
  py2cpp::ParseResult p;
  auto s = py2cpp::testing::analyze_into(R"(
from collections import deque
def f(xs: list[int]) -> int:
    q = deque()
    q.append(1)
    r = deque(xs, 3)
    r.appendleft(q.popleft())
    return r[0] + len(q)
def g(q: deque[str]) -> list[str]:
    return q[1:]
)", p);
  const auto& f = s.functions[0];
  CHECK(s.types.python_name(f.vars[f.var_index.at("q")].type) == "deque[int]");
  CHECK(s.types.python_name(f.vars[f.var_index.at("r")].type) == "deque[int]");
  CHECK_THAT(py2cpp::testing::stub_reasons(s), Catch::Contains("a deque cannot be sliced"));
}
