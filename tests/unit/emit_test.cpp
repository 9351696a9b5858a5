// emit: the C++ a reviewer sees for representative constructs (unformatted text).
#include <catch2/catch.hpp>

#include "emit/emit.hpp"
#include "parse/parse.hpp"
#include "sema/sema.hpp"

using namespace py2cpp;

namespace {

// The generated <module>.cpp, or main.cpp when `file` says so.
std::string emit_file(const std::string& src, const std::string& file = "t.cpp") {
  ParseResult parsed = parse_module("t.py", src);
  REQUIRE(parsed.ok());
  sema::SemaResult s = sema::analyze(parsed.module);
  EmitResult out = emit_project(parsed.module, s);
  for (const auto& f : out.files)
    if (f.path == file) return f.content;
  FAIL("no file " << file);
  return {};
}

}  // namespace

TEST_CASE("emit: functions carry provenance and idiomatic signatures") {
  std::string cpp = emit_file("def total(xs: list[int], scale: float) -> float:\n    s = 0.0\n    for x in xs:\n        s += x\n    return s * scale\n");
  CHECK(cpp.find("// t.py:1") != std::string::npos);
  CHECK(cpp.find("double total(const std::vector<int64_t>& xs, double scale) {") != std::string::npos);
  CHECK(cpp.find("double s = 0.0;") != std::string::npos);
  CHECK(cpp.find("for (int64_t x : xs) {") != std::string::npos);
}

TEST_CASE("emit: Python arithmetic goes through the runtime where C++ differs") {
  std::string cpp = emit_file("def f(a: int, b: int) -> None:\n    print(a // b, a % b, a / b, a ** 2, a + b)\n");
  CHECK(cpp.find("py::floordiv(a, b)") != std::string::npos);
  CHECK(cpp.find("py::mod(a, b)") != std::string::npos);
  CHECK(cpp.find("py::truediv(a, b)") != std::string::npos);
  CHECK(cpp.find("py::ipow(a, 2)") != std::string::npos);
  CHECK(cpp.find("a + b") != std::string::npos);
}

TEST_CASE("emit: counting loops are classic for loops") {
  std::string cpp = emit_file("def f(n: int) -> None:\n    for i in range(n):\n        print(i)\n    for j in range(10, 0, -1):\n        print(j)\n");
  CHECK(cpp.find("for (int64_t i = 0; i < n; ++i) {") != std::string::npos);
  CHECK(cpp.find("for (int64_t j = 10; j > 0; --j) {") != std::string::npos);
}

TEST_CASE("emit: mutated list parameters are references") {
  std::string cpp = emit_file("def fill(xs: list[int], n: int) -> None:\n    for i in range(n):\n        xs.append(i)\n");
  CHECK(cpp.find("void fill(std::vector<int64_t>& xs, int64_t n)") != std::string::npos);
  CHECK(cpp.find("xs.push_back(i);") != std::string::npos);
}

TEST_CASE("emit: operands with effects keep Python's left-to-right order") {
  std::string cpp = emit_file("def f(xs: list[int]) -> None:\n    print(xs.pop(), xs.pop())\n");
  CHECK(cpp.find("auto arg0 = py::pop(xs);") != std::string::npos);
}

TEST_CASE("emit: untranslatable statements become marked stubs that compile") {
  std::string cpp = emit_file("def f(x: int) -> int:\n    d = {}\n    return x\n");
  CHECK(cpp.find("// TODO(py2cpp):") != std::string::npos);
  CHECK(cpp.find("//   def f(x: int) -> int:") != std::string::npos);
  CHECK(cpp.find("py::not_translated(") != std::string::npos);
}

TEST_CASE("emit: the main block becomes int main(argc, argv) and renamed names stay consistent") {
  std::string src = "def main() -> None:\n    new = 1\n    print(new)\n\nif __name__ == \"__main__\":\n    main()\n";
  std::string cpp = emit_file(src);
  CHECK(cpp.find("void main_() {") != std::string::npos);
  CHECK(cpp.find("int64_t new_ = 1;") != std::string::npos);
  std::string main = emit_file(src, "main.cpp");
  CHECK(main.find("int main(int argc, char** argv) {") != std::string::npos);
  CHECK(main.find("main_();") != std::string::npos);
}

TEST_CASE("emit: output is deterministic") {
  std::string src = "def f(a: int) -> str:\n    return f\"{a:>5}|{a!r}\"\n";
  CHECK(emit_file(src) == emit_file(src));
}

TEST_CASE("emit: try/except over built-in exceptions becomes try/catch") {
  std::string cpp = emit_file(
      "def f(s: str) -> int:\n    try:\n        return int(s)\n    except ValueError as e:\n        print(e)\n        return 0\n");
  CHECK(cpp.find("try {") != std::string::npos);
  CHECK(cpp.find("} catch (const py::ValueError& e) {") != std::string::npos);
  std::string all = emit_file("def f() -> None:\n    try:\n        print(1)\n    except:\n        raise\n");
  CHECK(all.find("catch (const py::NotTranslated&)") != std::string::npos);  // stubs are never swallowed
  CHECK(all.find("throw;") != std::string::npos);
}

TEST_CASE("emit: dicts read with at(), store with [], and delete with erase()") {
  std::string cpp = emit_file(
      "def f(d: dict[tuple[int, int], str], k: int) -> None:\n    d[k, 1] = 'a'\n    print(d[(k, 1)], (0, 0) in d)\n"
      "    del d[k, 1]\n    for key, value in d.items():\n        print(key, value)\n");
  CHECK(cpp.find("void f(py::dict<std::tuple<int64_t, int64_t>, std::string>& d, int64_t k)") != std::string::npos);
  CHECK(cpp.find("d[{k, 1}] = \"a\";") != std::string::npos);
  CHECK(cpp.find("d.at({k, 1})") != std::string::npos);
  CHECK(cpp.find("d.erase({k, 1});") != std::string::npos);
  CHECK(cpp.find("for (const auto& [key, value] : d.items()) {") != std::string::npos);
}

TEST_CASE("emit: set displays of constants follow CPython's constant folding") {
  std::string cpp = emit_file(
      "def f(x: int) -> None:\n    a = {3, 1, 2}\n    b = {x, 1}\n    names = {'p', 'q', 'r'}\n"
      "    for v in {7, 15}:\n        print(v, a, b, names)\n");
  CHECK(cpp.find("py::set<int64_t> a = py::set<int64_t>::folded({3, 1, 2});") != std::string::npos);
  CHECK(cpp.find("py::set<int64_t> b = {x, 1};") != std::string::npos);
  CHECK(cpp.find("py::set<std::string> names = {\"p\", \"q\", \"r\"};") != std::string::npos);  // str: insertion order
  CHECK(cpp.find("for (int64_t v : py::set<int64_t>::frozen_constant({7, 15})) {") != std::string::npos);
}

TEST_CASE("emit: comments stay where they were, trailing ones on their line") {
  std::string cpp = emit_file(
      "def f(x: int) -> int:\n"
      "    # the fast path\n"
      "    if x > 0:  # positive\n"
      "        y = x * 2  # double it\n"
      "        return y\n"
      "    return 0  # zero\n");
  CHECK(cpp.find("  // the fast path\n  if (x > 0) {  // positive\n") != std::string::npos);
  CHECK(cpp.find("int64_t y = x * 2;  // double it\n") != std::string::npos);
  CHECK(cpp.find("return 0;  // zero\n") != std::string::npos);
}
