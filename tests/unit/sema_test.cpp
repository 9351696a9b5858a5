// sema: type inference, name resolution, declaration placement, stubs.
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;
using testing::type_of;
using testing::var;

TEST_CASE("sema: hints decide parameter and return types") {
  auto a = analyze_source("def f(x: int, ys: list[float], s: str = 'a') -> bool:\n    return x > 0\n");
  CHECK(type_of(a.sema, "f", "x") == "int");
  CHECK(type_of(a.sema, "f", "ys") == "list[float]");
  CHECK(type_of(a.sema, "f", "s") == "str");
  CHECK(a.sema.types.python_name(a.sema.functions[0].return_type) == "bool");
}

TEST_CASE("sema: locals follow Python's promotion rules") {
  auto a = analyze_source(
      "def f(n: int) -> None:\n    a = n / 2\n    b = n // 2\n    c = n + 1.5\n    d = 0\n    d += 0.5\n    e = 'x' * 3\n");
  CHECK(type_of(a.sema, "f", "a") == "float");
  CHECK(type_of(a.sema, "f", "b") == "int");
  CHECK(type_of(a.sema, "f", "c") == "float");
  CHECK(type_of(a.sema, "f", "d") == "float");  // widened by the augmented assignment
  CHECK(type_of(a.sema, "f", "e") == "str");
}

TEST_CASE("sema: an empty list takes its element type from later use") {
  auto a = analyze_source("def f() -> None:\n    xs = []\n    xs.append(1)\n    print(xs)\n");
  CHECK(type_of(a.sema, "f", "xs") == "list[int]");
  CHECK(var(a.sema, "f", "xs").mutated);
}

TEST_CASE("sema: unannotated returns are inferred, also through recursion") {
  auto a = analyze_source("def fib(n: int):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n");
  CHECK(a.sema.types.python_name(a.sema.functions[0].return_type) == "int");
  CHECK(a.sema.functions[0].stub_reason.empty());
}

TEST_CASE("sema: negative constant exponents give floats") {
  auto a = analyze_source("def f(n: int) -> None:\n    a = 2 ** -1\n    b = 2 ** 3\n    c = 2 ** n\n");
  CHECK(type_of(a.sema, "f", "a") == "float");
  CHECK(type_of(a.sema, "f", "b") == "int");
  CHECK(type_of(a.sema, "f", "c") == "int");
}

TEST_CASE("sema: declaration placement") {
  auto a = analyze_source(
      "def f(n: int) -> int:\n"
      "    total = 0\n"
      "    for i in range(n):\n"
      "        total += i\n"
      "    for j in range(n):\n"
      "        pass\n"
      "    print(j)\n"
      "    if n > 0:\n"
      "        best = 1\n"
      "    else:\n"
      "        best = 2\n"
      "    return total + best\n");
  CHECK(var(a.sema, "f", "total").placement == DeclPlacement::AtFirstBinding);
  CHECK(var(a.sema, "f", "i").placement == DeclPlacement::ForHeader);
  CHECK(var(a.sema, "f", "j").placement == DeclPlacement::Hoisted);  // used after its loop
  CHECK(var(a.sema, "f", "best").placement == DeclPlacement::Hoisted);
}

TEST_CASE("sema: C++ keywords are renamed predictably") {
  CHECK(cpp_identifier("new") == "new_");
  CHECK(cpp_identifier("main") == "main_");
  CHECK(cpp_identifier("std") == "std_");
  CHECK(cpp_identifier("INT_MAX") == "INT_MAX_");
  CHECK(cpp_identifier("total") == "total");
}

TEST_CASE("sema: unsupported constructs become stubs with reasons, never guesses") {
  auto a = analyze_source("def f(x: int) -> int:\n    d = {}\n    return x\n\ndef g(y) -> int:\n    return y\n");
  const Function& f = a.sema.functions[0];
  CHECK_FALSE(f.stub_reason.empty());  // `d = {}` binds a name: the whole function is a stub
  const Function& g = a.sema.functions[1];
  CHECK_FALSE(g.signature_ok);  // untyped parameter
  CHECK(g.stub_reason.detail.find("type hint") != std::string::npos);
  CHECK(a.sema.stubs.size() == 2);
}

TEST_CASE("sema: a list shared by two names and then mutated is refused") {
  auto a = analyze_source(
      "def f() -> None:\n    row = [0, 0]\n    grid = [row, row]\n    grid[0][1] = 9\n    print(grid, row)\n");
  CHECK(a.sema.functions[0].stub_reason.detail.find("shared by two names") != std::string::npos);
  auto b = analyze_source("def f() -> None:\n    rot = [1.0]\n    p = rot\n    print(p, rot)\n");
  CHECK(b.sema.functions[0].stub_reason.empty());  // never mutated: a copy is indistinguishable
}

TEST_CASE("sema: every type decision has a reason") {
  auto a = analyze_source("def f(n: int) -> None:\n    x = n * 2\n    print(x)\n");
  bool found = false;
  for (const auto& d : a.sema.decisions)
    if (d.scope == "f" && d.name == "x") {
      found = true;
      CHECK(d.type == "int");
      CHECK(d.reason.find("x = n * 2") != std::string::npos);
    }
  CHECK(found);
}

TEST_CASE("sema: empty dicts and sets take their types from later use") {
  auto a = analyze_source(
      "def f(words: list[str]) -> None:\n    counts = {}\n    for w in words:\n        counts[w] = counts.get(w, 0) + 1\n"
      "    seen = set()\n    seen.add(1.5)\n    print(counts, seen)\n");
  CHECK(type_of(a.sema, "f", "counts") == "dict[str, int]");
  CHECK(type_of(a.sema, "f", "seen") == "set[float]");
  CHECK(var(a.sema, "f", "seen").mutated);
  CHECK(a.sema.stubs.empty());
}

TEST_CASE("sema: dict and set parameters are mutated only when changed in place") {
  auto a = analyze_source(
      "def f(d: dict[str, int], s: set[int], t: set[int]) -> int:\n    d['x'] = 1\n    s |= t\n    return len(t)\n");
  CHECK(var(a.sema, "f", "d").mutated);
  CHECK(var(a.sema, "f", "s").mutated);
  CHECK_FALSE(var(a.sema, "f", "s").rebound);  // `s |= t` changes the caller's set
  CHECK_FALSE(var(a.sema, "f", "t").mutated);
}

TEST_CASE("sema: dict methods, views and set algebra have Python's result types") {
  auto a = analyze_source(
      "def f(d: dict[str, list[int]], s: set[int]) -> None:\n    g = d.get('k')\n    h = d.get('k', [])\n"
      "    items = sorted(d.items())\n    u = s | {1}\n    b = s <= u\n    n = d.pop('k')\n");
  CHECK(type_of(a.sema, "f", "g") == "list[int] | None");
  CHECK(type_of(a.sema, "f", "h") == "list[int]");
  CHECK(type_of(a.sema, "f", "items") == "list[tuple[str, list[int]]]");
  CHECK(type_of(a.sema, "f", "u") == "set[int]");
  CHECK(type_of(a.sema, "f", "b") == "bool");
  CHECK(type_of(a.sema, "f", "n") == "list[int]");
}

TEST_CASE("sema: dict/set uses that cannot be translated faithfully are stubs") {
  // A container element bound to a name and changed: Python would change the container too.
  auto alias = analyze_source(
      "def f(t: dict[str, dict[str, int]]) -> None:\n    row = t.setdefault('a', {})\n    row['x'] = 1\n");
  CHECK(alias.sema.functions[0].stub_reason.detail.find("element of another container") != std::string::npos);
  auto view = analyze_source("def f(d: dict[str, int]) -> None:\n    ks = d.keys()\n    print(ks)\n");
  CHECK(view.sema.functions[0].stub_reason.detail.find("dict view") != std::string::npos);
  auto unhashable = analyze_source("def f() -> None:\n    s = {[1]}\n    print(s)\n");
  CHECK(unhashable.sema.functions[0].stub_reason.detail.find("unhashable") != std::string::npos);
}
