// sema: TypeVar generics as C++ templates (src/sema/generics.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;

namespace {

const char* kHeader = "from typing import TypeVar, Callable\nT = TypeVar('T')\nK = TypeVar('K')\n";

// The types bound at the first call of `fn` in source order, as Python spells them.
std::string bound_at_call(const SemaResult& s, const std::string& fn) {
  uint32_t target = s.function_index.at(fn);
  for (const auto& [call, f] : s.call_target) {
    if (f != target) continue;
    std::string out;
    for (TypeId t : s.call_type_args.at(call)) out += (out.empty() ? "" : ", ") + s.types.python_name(t);
    return out;
  }
  return "<no call>";
}

}  // namespace

TEST_CASE("a TypeVar in the parameters makes a template; calls bind it from the arguments") {
  auto a = analyze_source(std::string(kHeader) +
                          "def first(xs: list[T]) -> T:\n    return xs[0]\n"
                          "def swap(p: tuple[K, T]) -> tuple[T, K]:\n    return (p[1], p[0])\n"
                          "def main() -> None:\n    a = first(['x'])\n    b = swap((1, 2.5))\n");
  CHECK(testing::stub_reasons(a.sema).empty());
  const Function& first = a.sema.functions.at(a.sema.function_index.at("first"));
  REQUIRE(first.type_params.size() == 1);
  CHECK(a.sema.types.python_name(first.type_params[0]) == "T");
  CHECK(a.sema.global_index.count("T") == 0);  // a TypeVar is no global
  CHECK(bound_at_call(a.sema, "first") == "str");
  CHECK(bound_at_call(a.sema, "swap") == "int, float");
  CHECK(testing::type_of(a.sema, "main", "a") == "str");
  CHECK(testing::type_of(a.sema, "main", "b") == "tuple[float, int]");
}

TEST_CASE("a lambda's result binds the TypeVar only the Callable's result mentions") {
  auto a = analyze_source(std::string(kHeader) +
                          "def keys(xs: list[T], key: Callable[[T], K]) -> list[K]:\n    return [key(x) for x in xs]\n"
                          "def main() -> None:\n    ks = keys(['ab'], lambda s: len(s))\n");
  CHECK(testing::stub_reasons(a.sema).empty());
  CHECK(bound_at_call(a.sema, "keys") == "str, int");
  CHECK(testing::type_of(a.sema, "main", "ks") == "list[int]");
}

TEST_CASE("one TypeVar per call, and bindings must allow what the body does") {
  auto a = analyze_source(std::string(kHeader) +
                          "class P:\n    def __init__(self) -> None:\n        self.x = 1\n"
                          "def pick(a: T, b: T) -> T:\n    return a\n"
                          "def least(a: T, b: T) -> T:\n    return a if a < b else b\n"
                          "def main() -> None:\n    print(pick(1, 2.5))\n    print(least(P(), P()))\n");
  std::string why = testing::stub_reasons(a.sema);
  CHECK(why.find("a TypeVar stands for one type per call") != std::string::npos);
  CHECK(why.find("TypeVar 'T' is ordered, but P has no order") != std::string::npos);
}

TEST_CASE("a TypeVar only the return type mentions, or outside a generic function, is a stub") {
  auto a = analyze_source(std::string(kHeader) +
                          "def make() -> T:\n    raise ValueError()\n"
                          "def local() -> None:\n    x: T\n");
  std::string why = testing::stub_reasons(a.sema);
  CHECK(why.find("appears in the return type only") != std::string::npos);
  CHECK(why.find("no parameter of the function mentions") != std::string::npos);
}
