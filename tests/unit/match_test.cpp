// parse + sema: match statements (parse/parse.cpp builds the patterns, sema/match_stmt.cpp types them).
#include "analyzed.hpp"
#include "parse/dump.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;
using testing::stub_reasons;
using testing::type_of;

namespace {

std::string dump(const std::string& src) {
  ParseResult r = parse_module("t.py", src);
  INFO(src);
  REQUIRE(r.ok());
  return parse::dump_module(r.module);
}

}  // namespace

TEST_CASE("match: patterns parse into the pattern arena") {
  CHECK(dump("match cmd:\n"
             "    case [\"push\", value]:\n"
             "        pass\n"
             "    case [\"add\" | \"sub\" as op, *rest] if op:\n"
             "        pass\n"
             "    case _:\n"
             "        pass\n") ==
        "Match Name(cmd)\n"
        "  Case [Value(Str('push')), Capture(Name(value))]\n"
        "    Pass\n"
        "  Case [As(Or(Value(Str('add')), Value(Str('sub'))), Name(op)), Star(Name(rest))] if Name(op)\n"
        "    Pass\n"
        "  Case _\n"
        "    Pass\n");
  CHECK(dump("match p:\n"
             "    case Point(1, y=-2, z=_):\n"
             "        pass\n"
             "    case Color.RED | None | True:\n"
             "        pass\n"
             "    case {\"op\": op, 3: [a, _], **kw}:\n"
             "        pass\n"
             "    case a, *_:\n"
             "        pass\n"
             "    case (x):\n"
             "        pass\n"
             "    case (x,):\n"
             "        pass\n") ==
        "Match Name(p)\n"
        "  Case Class(Name(Point), Value(Int(1)), y=Value(UnaryOp(-, Int(2))), z=_)\n"
        "    Pass\n"
        "  Case Or(Value(Attr(Name(Color), RED)), Value(None), Value(True))\n"
        "    Pass\n"
        "  Case {Str('op'): Capture(Name(op)), Int(3): [Capture(Name(a)), _], **Name(kw)}\n"
        "    Pass\n"
        "  Case [Capture(Name(a)), Star(-)]\n"
        "    Pass\n"
        "  Case Capture(Name(x))\n"
        "    Pass\n"
        "  Case [Capture(Name(x))]\n"
        "    Pass\n");
  CHECK(dump("match -1:\n    case -1 | 2.5:\n        pass\n") ==
        "Match UnaryOp(-, Int(1))\n  Case Or(Value(UnaryOp(-, Int(1))), Value(Float(2.5)))\n    Pass\n");
}

TEST_CASE("match: captures get the types of what they name") {
  auto a = analyze_source(
      "from dataclasses import dataclass\n"
      "@dataclass\n"
      "class Point:\n"
      "    x: int\n"
      "    y: float\n"
      "def f(cmd: list[str], p: Point, t: tuple[int, str, str], d: dict[str, int], u: int | str) -> int:\n"
      "    match cmd:\n"
      "        case [first, *rest]:\n"
      "            print(first, rest)\n"
      "    match p:\n"
      "        case Point(px, y=py):\n"
      "            print(px, py)\n"
      "    match t:\n"
      "        case (n, *words):\n"
      "            print(n, words)\n"
      "    match d:\n"
      "        case {\"a\": va, **others}:\n"
      "            print(va, others)\n"
      "    match u:\n"
      "        case str(s) as whole:\n"
      "            print(s, whole)\n"
      "    return 0\n");
  INFO(stub_reasons(a.sema));
  CHECK(a.sema.stubs.empty());
  CHECK(type_of(a.sema, "f", "first") == "str");
  CHECK(type_of(a.sema, "f", "rest") == "list[str]");
  CHECK(type_of(a.sema, "f", "px") == "int");
  CHECK(type_of(a.sema, "f", "py") == "float");
  CHECK(type_of(a.sema, "f", "n") == "int");
  CHECK(type_of(a.sema, "f", "words") == "list[str]");
  CHECK(type_of(a.sema, "f", "va") == "int");
  CHECK(type_of(a.sema, "f", "others") == "dict[str, int]");
  CHECK(type_of(a.sema, "f", "s") == "str");
  CHECK(type_of(a.sema, "f", "whole") == "str");
}

TEST_CASE("match: patterns that cannot match or cannot be typed stub the statement") {
  auto check = [](const std::string& body, const std::string& reason) {
    auto a = analyze_source("def f(x: int, s: str, xs: list[int]) -> None:\n" + body);
    INFO(body);
    CHECK(stub_reasons(a.sema).find(reason) != std::string::npos);
  };
  check("    match x:\n        case \"a\":\n            pass\n", "a str value never matches a int subject");
  check("    match s:\n        case [a, b]:\n            pass\n", "Python excludes str");
  check("    match xs:\n        case [a] | [a, _]:\n            pass\n", "names captured inside `|` alternatives");
  check("    match x:\n        case y:\n            pass\n        case 1:\n            pass\n",
        "matches everything but is not the last case");
  auto a = analyze_source("def f(xss: list[list[int]]) -> None:\n    match xss:\n        case [first, *rest]:\n"
                          "            first.append(1)\n            rest.append([])\n");
  CHECK(stub_reasons(a.sema).find("the capture 'first' (a list[int]) is changed in place") != std::string::npos);
}

TEST_CASE("match: after `case None:` the cases and the code below see the value") {
  auto a = analyze_source(
      "def f(limit: int | None) -> int:\n"
      "    match limit:\n"
      "        case None:\n"
      "            return 0\n"
      "        case n if n < 0:\n"
      "            return -n\n"
      "    return limit + 1\n");
  INFO(stub_reasons(a.sema));
  CHECK(a.sema.stubs.empty());
  CHECK(type_of(a.sema, "f", "n") == "int");
  // Read only by its guard: no C++ variable (the guard reads the subject).
  auto b = analyze_source(
      "def g(xs: list[int]) -> int:\n"
      "    match xs:\n"
      "        case [k, *_] if k > 1:\n"
      "            return 1\n"
      "        case [k, *_] if k < 0:\n"
      "            return 2\n"
      "    return 0\n");
  CHECK(testing::var(b.sema, "g", "k").pattern_only);
}
