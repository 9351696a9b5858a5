// sema: type aliases, NewType, Literal, Final, and unions (src/sema/type_aliases.cpp,
// src/sema/annotations.cpp, isinstance narrowing in src/sema/infer_class.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;

namespace {

std::string param_type(const SemaResult& s, const std::string& fn, const std::string& name) {
  const Function& f = s.functions.at(s.function_index.at(fn));
  return s.types.python_name(f.vars.at(f.var_index.at(name)).type);
}

std::string stubs(const SemaResult& s) { return testing::stub_reasons(s); }

}  // namespace

TEST_CASE("type aliases mean their type, are no globals, and may name later classes") {
  auto a = analyze_source(
      "from typing import TypeAlias, NewType\n"
      "Vector = list[float]\n"
      "Grid: TypeAlias = list[Vector]\n"
      "Nodes = list['Node']\n"
      "UserId = NewType('UserId', int)\n"
      "class Node:\n    def __init__(self) -> None:\n        self.v = 1\n"
      "def f(v: Vector, g: 'Grid', n: Nodes, u: UserId) -> UserId:\n    return UserId(u + 1)\n");
  CHECK(stubs(a.sema).empty());
  CHECK(param_type(a.sema, "f", "v") == "list[float]");
  CHECK(param_type(a.sema, "f", "g") == "list[list[float]]");
  CHECK(param_type(a.sema, "f", "n") == "list[Node]");
  CHECK(param_type(a.sema, "f", "u") == "int");
  REQUIRE(a.sema.type_aliases.size() == 4);
  CHECK(a.sema.type_aliases[3].is_newtype);
  CHECK(a.sema.global_index.count("Vector") == 0);
}

TEST_CASE("a plain assignment of a value is not mistaken for an alias") {
  auto a = analyze_source("LIMIT = 3\nFLAGS = LIMIT | 4\nNAMES = ['a']\n");
  CHECK(a.sema.type_aliases.empty());
  CHECK(a.sema.global_index.count("FLAGS") == 1);
}

TEST_CASE("Literal is its values' type, Final and ClassVar are their argument") {
  auto a = analyze_source(
      "from typing import Final, Literal\nMODE: Final = 'fast'\n"
      "def f(k: Literal['a', 'b'], n: Final[int], m: Literal[1, 2]) -> None:\n    print(k, n, m)\n");
  CHECK(stubs(a.sema).empty());
  CHECK(param_type(a.sema, "f", "k") == "str");
  CHECK(param_type(a.sema, "f", "n") == "int");
  CHECK(param_type(a.sema, "f", "m") == "int");
  auto b = analyze_source("from typing import Literal\ndef f(k: Literal['a', 1]) -> None:\n    pass\n");
  CHECK(stubs(b.sema).find("Literal") != std::string::npos);
}

TEST_CASE("unions become variants; alternatives isinstance cannot separate are refused") {
  auto a = analyze_source("from typing import Union\ndef f(x: Union[int, str], y: int | float | None) -> None:\n    pass\n");
  CHECK(param_type(a.sema, "f", "x") == "int | str");
  auto b = analyze_source("def f(x: int | bool) -> None:\n    pass\n");
  CHECK(stubs(b.sema).find("bool and int together") != std::string::npos);
  auto c = analyze_source("def f(x: int | str | None) -> None:\n    pass\n");
  CHECK(stubs(c.sema).find("optional union") != std::string::npos);
}

TEST_CASE("isinstance narrows a union on both branches and after an early return") {
  auto a = analyze_source(
      "def f(x: int | float | str) -> str:\n"
      "    if isinstance(x, str):\n        return x.upper()\n"
      "    if isinstance(x, int):\n        return str(x + 1)\n"
      "    return str(x * 2.0)\n");
  CHECK(stubs(a.sema).empty());
  auto b = analyze_source("def f(x: int | str) -> int:\n    return x + 1\n");  // not narrowed
  CHECK_FALSE(stubs(b.sema).empty());
}

TEST_CASE("a value fits a union only as one of its alternatives") {
  auto a = analyze_source("def f() -> float | str:\n    return 1\n");  // Python keeps the int 1
  CHECK_FALSE(stubs(a.sema).empty());
  auto b = analyze_source("def f() -> int | str:\n    return 'a'\n");
  CHECK(stubs(b.sema).empty());
}

TEST_CASE("which classes may be dict keys and set members, as in Python") {
  auto a = analyze_source(
      "from dataclasses import dataclass\n"
      "@dataclass(frozen=True)\nclass P:\n    x: int\n"
      "@dataclass\nclass Q:\n    x: int\n"
      "class Plain:\n    pass\n"
      "class EqOnly:\n    def __eq__(self, other: object) -> bool:\n        return True\n"
      "def f() -> None:\n    a = {P(1)}\n    b = {Plain()}\n    print(len(a), len(b), hash(P(2)))\n"
      "def g() -> None:\n    c = {Q(1)}\n"
      "def h() -> None:\n    d = {EqOnly()}\n");
  std::string s = stubs(a.sema);
  CHECK(s.find("unhashable set element type Q") != std::string::npos);       // eq without frozen: __hash__ = None
  CHECK(s.find("unhashable set element type EqOnly") != std::string::npos);  // __eq__ without __hash__
  CHECK(s.find("type P") == std::string::npos);
  CHECK(s.find("type Plain") == std::string::npos);  // identity hash
}
