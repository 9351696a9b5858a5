// sema/nested.cpp: nested functions, how they capture, and why some are stubs.
#include <catch2/catch.hpp>

#include "analyzed.hpp"

using py2cpp::testing::analyze_into;
using py2cpp::testing::stub_reasons;
namespace S = py2cpp::sema;

namespace {

const S::Function& named(const S::SemaResult& s, const std::string& name) {
  for (const auto& fn : s.functions)
    if (fn.name == name) return fn;
  FAIL("no function " << name);
  return s.functions.front();
}

}  // namespace

TEST_CASE("nested: called only inside its frame, captures by reference; recursion is noticed") {
  py2cpp::ParseResult p;
  auto s = analyze_into(R"(
def walk(n: int) -> list[int]:
    out = []
    def go(k: int) -> None:
        if k > 0:
            out.append(k)
            go(k - 1)
    go(n)
    return out
)", p);
  CHECK(stub_reasons(s).empty());
  const auto& go = named(s, "walk.go");
  CHECK(go.capture == S::CaptureMode::Reference);
  CHECK(go.recursive);
  const auto& walk = named(s, "walk");
  CHECK(s.types.python_name(walk.vars[walk.var_index.at("out")].type) == "list[int]");  // typed by the helper's append
  CHECK(s.types.python_name(walk.vars[walk.var_index.at("go")].type) == "Callable[[int], None]");
}

TEST_CASE("nested: a returned closure copies; with nonlocal state it owns the state") {
  py2cpp::ParseResult p;
  auto s = analyze_into(R"(
from typing import Callable
def adder(n: int) -> Callable[[int], int]:
    def add(x: int) -> int:
        return x + n
    return add
def counter() -> Callable[[], int]:
    c = 0
    def step() -> int:
        nonlocal c
        c += 1
        return c
    return step
)", p);
  CHECK(stub_reasons(s).empty());
  CHECK(named(s, "adder.add").capture == S::CaptureMode::Value);
  CHECK(named(s, "counter.step").capture == S::CaptureMode::State);
}

TEST_CASE("nested: a closure that outlives its frame and reads changing state is a stub with the fix") {
  py2cpp::ParseResult p;
  auto s = analyze_into(R"(
from typing import Callable
def late() -> Callable[[], int]:
    k = 1
    def get() -> int:
        return k
    k = 2
    return get
def shared() -> Callable[[], int]:
    c = 0
    def step() -> int:
        nonlocal c
        c += 1
        return c
    print(c)
    return step
def deep() -> int:
    def a() -> int:
        def b() -> int:
            return 1
        return b()
    return a()
)", p);
  std::string reasons = stub_reasons(s);
  CHECK_THAT(reasons, Catch::Contains("nested function 'get': the nested function 'get' is used as a value"));
  CHECK_THAT(reasons, Catch::Contains("reads 'k', which is assigned again; pass that as a parameter"));
  CHECK_THAT(reasons, Catch::Contains("changes 'c', which shared also uses after the def"));
  CHECK_THAT(reasons, Catch::Contains("a function nested two levels deep"));
}
