// sema: assignment expressions (:=) and starred assignment targets.
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;
using testing::type_of;
using testing::var;
using testing::stub_reasons;

namespace {


bool has_stub(const SemaResult& s, const std::string& words) {
  return stub_reasons(s).find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("walrus: binds a local of the function, declared before its statement") {
  auto a = analyze_source(
      "def find(xs: list[int], k: int) -> int:\n"
      "    return xs.index(k) if k in xs else -1\n"
      "\n"
      "def f(xs: list[int], k: int) -> int:\n"
      "    if (m := find(xs, k)) >= 0:\n"
      "        return m\n"
      "    while (n := len(xs)) > 2:\n"
      "        xs.pop()\n"
      "    return n\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "m") == "int");
  CHECK(type_of(a.sema, "f", "n") == "int");
  CHECK(var(a.sema, "f", "m").placement == DeclPlacement::Hoisted);  // `m = ...` is inside the if test
  CHECK(var(a.sema, "f", "n").placement == DeclPlacement::Hoisted);
}

TEST_CASE("walrus: in a comprehension it binds the enclosing function's name") {
  auto a = analyze_source(
      "def f(xs: list[int]) -> int:\n"
      "    ys = [y for x in xs if (y := x * 2) > 3]\n"
      "    if any((w := x) > 4 for x in xs):\n"
      "        return w + len(ys)\n"
      "    return y\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "y") == "int");
  CHECK(type_of(a.sema, "f", "w") == "int");
  CHECK(a.sema.functions[0].var_index.count("x") == 0);  // x stays the comprehension's own
}

TEST_CASE("walrus: narrows `T | None` like a name") {
  auto a = analyze_source(
      "def f(d: dict[str, int], k: str) -> int:\n"
      "    if (v := d.get(k)) is not None:\n"
      "        return v + 1\n"
      "    if (w := d.get(k + k)) is None:\n"
      "        return 0\n"
      "    return w * 2\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "v") == "int | None");
}

TEST_CASE("walrus: what cannot be translated faithfully is a stub with its reason") {
  // Inside a lambda the name is the lambda's own local.
  CHECK(has_stub(analyze_source("def f(xs: list[int]) -> list[int]:\n"
                                "    return sorted(xs, key=lambda x: (y := -x))\n")
                     .sema,
                 "inside a lambda"));
  // A generator expression a for loop iterates is built at once by py2cpp: the name would change
  // at other times than in Python.
  CHECK(has_stub(analyze_source("def f(xs: list[int]) -> int:\n"
                                "    t = 0\n"
                                "    for v in ((y := x) for x in xs):\n"
                                "        t += v * y\n"
                                "    return t\n")
                     .sema,
                 "iterated lazily"));
  // C++'s `(x = 3)` has the variable's type (float), Python's value is the int 3.
  CHECK(has_stub(analyze_source("def f() -> float:\n"
                                "    x = 0.5\n"
                                "    print((x := 3))\n"
                                "    return x\n")
                     .sema,
                 "is a int but 'x' is a float"));
  // Python shares the list between the two names; C++ would copy it.
  CHECK(has_stub(analyze_source("def f(a: list[int]) -> int:\n"
                                "    if len(b := a) > 0:\n"
                                "        b.append(1)\n"
                                "    return len(a)\n")
                     .sema,
                 "would share the list[int]"));
}

TEST_CASE("starred targets: the starred name is a list of the items") {
  auto a = analyze_source(
      "def f(xs: list[int], t: tuple[str, float, float]) -> None:\n"
      "    head, *rest = xs\n"
      "    *init, last = xs\n"
      "    first, *mid, end = xs\n"
      "    label, *nums = t\n"
      "    for k, *vs in [xs, xs]:\n"
      "        print(k, vs)\n"
      "    print(head, rest, init, last, first, mid, end, label, nums)\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "head") == "int");
  CHECK(type_of(a.sema, "f", "rest") == "list[int]");
  CHECK(type_of(a.sema, "f", "init") == "list[int]");
  CHECK(type_of(a.sema, "f", "mid") == "list[int]");
  CHECK(type_of(a.sema, "f", "label") == "str");
  CHECK(type_of(a.sema, "f", "nums") == "list[float]");
  CHECK(type_of(a.sema, "f", "vs") == "list[int]");
  CHECK(var(a.sema, "f", "vs").placement == DeclPlacement::ForHeader);
}

TEST_CASE("starred targets: unsupported forms are stubs with reasons") {
  CHECK(has_stub(analyze_source("def f(t: tuple[int, str, float]) -> None:\n    a, *b = t\n    print(a, b)\n").sema,
                 "a C++ list has one item type"));
  CHECK(has_stub(analyze_source("def f(s: str) -> None:\n    a, *b = s\n    print(a, b)\n").sema,
                 "starred unpacking of a str"));
  CHECK(has_stub(analyze_source("def f(xs: list[int], ys: list[int]) -> None:\n"
                                "    ys[0], *rest = xs\n"
                                "    print(rest)\n")
                     .sema,
                 "only names"));
  CHECK(has_stub(analyze_source("def f(t: tuple[int, int]) -> None:\n    a, b, c, *d = t\n    print(a, d)\n").sema,
                 "unpacking 2 values into at least 3 targets"));
  CHECK(has_stub(analyze_source("def f(rows: list[list[int]]) -> list[int]:\n"
                                "    return [h for h, *t in rows]\n")
                     .sema,
                 "a starred comprehension target ('h, *t')"));
}

TEST_CASE("starred targets: nested and bracketed loop targets are stubs") {
  CHECK(has_stub(analyze_source("def f(xs: list[list[int]]) -> None:\n"
                                "    for (a, *b), c in [(xs[0], 1)]:\n"
                                "        print(a, b, c)\n")
                     .sema,
                 "inside a nested target"));
  CHECK(has_stub(analyze_source("def f(xs: list[list[int]]) -> None:\n"
                                "    for [a, *b] in xs:\n"
                                "        print(a, b)\n")
                     .sema,
                 "without the brackets"));
}

TEST_CASE("unpacking: a chained assignment with an unpacking target is a stub") {
  CHECK(has_stub(analyze_source("def f(t: tuple[int, int]) -> None:\n    a, b = c, d = t\n    print(a, b, c, d)\n").sema,
                 "chained assignment with an unpacking target"));
  CHECK(has_stub(analyze_source("def f(xs: list[int]) -> None:\n    e, *g = h = xs\n    print(e, g, h)\n").sema,
                 "chained assignment with an unpacking target"));
}
