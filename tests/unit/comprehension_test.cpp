// sema + emit of comprehensions, generator expressions, key functions and the builtins that
// iterate (src/sema/comprehensions.cpp, src/emit/comprehensions.cpp). Emitted text is unformatted.
#include <catch2/catch.hpp>

#include "emit/emit.hpp"
#include "parse/parse.hpp"
#include "sema/sema.hpp"

using namespace py2cpp;

namespace {

struct Translated {
  ParseResult parsed;
  sema::SemaResult sema;
  std::string cpp;  // t.cpp
};

Translated translate(const std::string& src) {
  Translated t{parse_module("t.py", src), {}, {}};
  REQUIRE(t.parsed.ok());
  t.sema = sema::analyze(t.parsed.module);
  EmitResult out = emit_project(t.parsed.module, t.sema);
  for (const auto& f : out.files)
    if (f.path == "t.cpp") t.cpp = f.content;
  return t;
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// The reasons of every stub, joined.
std::string stubs(const sema::SemaResult& s) {
  std::string out;
  for (const auto& st : s.stubs) out += st.reason + "\n";
  return out;
}

}  // namespace

TEST_CASE("comprehension variables do not leak into the function") {
  auto t = translate("def f(xs: list[int]) -> int:\n    x = -1\n    ys = [x * 2 for x in xs]\n    return x + len(ys)\n");
  CHECK(t.sema.stubs.empty());
  const sema::Function& f = t.sema.functions[0];
  CHECK(f.vars.size() == 3);  // xs, x, ys: the comprehension's x is not a local
  REQUIRE(t.sema.scoped_vars.size() == 1);
  CHECK(t.sema.types.python_name(t.sema.scoped_vars[0].type) == "int");
  // Declared by the comprehension's own loop, filling ys in place.
  CHECK(has(t.cpp, "std::vector<int64_t> ys;"));
  CHECK(has(t.cpp, "ys.reserve(xs.size());"));
  CHECK(has(t.cpp, "for (int64_t x : xs) {"));
  CHECK(has(t.cpp, "ys.push_back(x * 2);"));
}

TEST_CASE("the first iterable is read in the enclosing scope") {
  auto t = translate("def f(x: list[int]) -> list[int]:\n    return [x + 1 for x in x]\n");
  CHECK(t.sema.stubs.empty());
  CHECK(has(t.cpp, "for (int64_t x : x) {"));
}

TEST_CASE("generator expressions are folded without a list") {
  auto t = translate(
      "def f(xs: list[int]) -> None:\n"
      "    print(sum(x * x for x in xs if x > 0), any(x < 0 for x in xs), min(abs(x) for x in xs))\n");
  CHECK(t.sema.stubs.empty());
  CHECK(has(t.cpp, "int64_t total = 0;"));
  CHECK(has(t.cpp, "total += x * x;"));
  CHECK(has(t.cpp, "if (x < 0) return true;"));
  CHECK(has(t.cpp, "py::Min<int64_t> smallest;"));
  CHECK(has(t.cpp, "return smallest.result();"));
  CHECK(!has(t.cpp, "std::vector<int64_t> result"));
}

TEST_CASE("a generator expression is refused where it is not iterated") {
  auto t = translate("def f(xs: list[int]) -> int:\n    g = (x for x in xs)\n    return len(x for x in xs)\n");
  CHECK(has(stubs(t.sema), "is an iterator"));
}

TEST_CASE("key functions: lambdas, builtins, str methods, module functions") {
  auto t = translate(
      "def score(p: tuple[str, int]) -> int:\n    return p[1]\n"
      "def f(ps: list[tuple[str, int]], ws: list[str]) -> None:\n"
      "    print(sorted(ps, key=lambda p: (-p[1], p[0]), reverse=True), sorted(ps, key=score))\n"
      "    print(sorted(ws, key=len), sorted(ws, key=str.lower), max(ws, key=len, default=''))\n"
      "    ws.sort(key=lambda w: w[-1])\n");
  CHECK(t.sema.stubs.empty());
  CHECK(has(t.cpp, "py::sorted_by(ps, [](const std::tuple<std::string, int64_t>& p) {"));
  CHECK(has(t.cpp, "py::sorted_by(ps, score)"));
  CHECK(has(t.cpp, "[](const std::string& item) { return py::len(item); }"));
  CHECK(has(t.cpp, "[](const std::string& s) { return py::lower(s); }"));
  CHECK(has(t.cpp, "py::max_by_or(ws,"));
  CHECK(has(t.cpp, "py::sort_by(ws, [](const std::string& w) { return py::at(w, -1); })"));
}

TEST_CASE("a lambda with no Callable type to take is a stub that says which hint to add") {
  auto t = translate("def f(n: int) -> int:\n    g = lambda v: v * 2\n    return n\n");
  CHECK(has(stubs(t.sema), "where a Callable[[...], R] is expected"));
}

TEST_CASE("a lambda where a Callable is expected copies the locals it reads") {
  auto t = translate(
      "from typing import Callable\n"
      "def scaler(k: float) -> Callable[[float], float]:\n    return lambda x: x * k\n");
  CHECK(stubs(t.sema).empty());
  CHECK(has(t.cpp, "return [=](double x) -> double { return x * k; };"));
  auto u = translate(
      "from typing import Callable\n"
      "def f() -> Callable[[], int]:\n    n = 1\n    g: Callable[[], int] = lambda: n\n    n = 2\n    return g\n");
  CHECK(has(stubs(u.sema), "reads 'n', which is assigned again"));
}

TEST_CASE("enumerate, zip and reversed in loops and comprehensions") {
  auto t = translate(
      "def f(a: list[int], b: list[str]) -> None:\n"
      "    for i, x in enumerate(a, 1):\n        print(i, x)\n"
      "    print([s * n for n, s in zip(a, b)], [v for v in reversed(a)])\n");
  CHECK(t.sema.stubs.empty());
  CHECK(has(t.cpp, "for (const auto& [i, x] : py::enumerate(a, 1)) {"));
  CHECK(has(t.cpp, "for (const auto& [n, s] : py::zip(a, b)) {"));
  CHECK(has(t.cpp, "for (int64_t v : py::reversed(a)) {"));
}

TEST_CASE("nested comprehensions build rows in place") {
  auto t = translate("def f(n: int) -> list[list[int]]:\n    return [[i * j for j in range(n)] for i in range(n)]\n");
  CHECK(has(t.cpp, "std::vector<int64_t> row;"));
  CHECK(has(t.cpp, "result.push_back(std::move(row));"));
}

TEST_CASE("rows shared with the source and changed later are refused") {
  auto t = translate(
      "def f(grid: list[list[int]]) -> None:\n    big = [r for r in grid]\n    big[0][0] = 1\n    print(grid)\n");
  CHECK(has(stubs(t.sema), "shares with its source"));
}

TEST_CASE("set and dict comprehensions fill a py::set / py::dict in place") {
  auto t = translate(
      "def f(xs: list[int]) -> dict[int, int]:\n"
      "    seen = {x % 3 for x in xs}\n"
      "    return {x: x * x for x in seen if x > 0}\n");
  CHECK(stubs(t.sema).empty());
  CHECK(has(t.cpp, "py::set<int64_t> seen;"));
  CHECK(has(t.cpp, "seen.add(py::mod(x, 3));"));
  CHECK(has(t.cpp, "result[x] = x * x;"));
}

TEST_CASE("a dict comprehension of unhashable keys, or of one shared list, is a stub") {
  auto t = translate("def f(xs: list[list[int]]) -> None:\n    print({x: 1 for x in xs})\n");
  CHECK(has(stubs(t.sema), "a dict key of type list[int]"));
  auto u = translate("def g(xs: list[int], row: list[int]) -> None:\n    print({x: row for x in xs})\n");
  CHECK(has(stubs(u.sema), "every value would be the same list 'row'"));
}
