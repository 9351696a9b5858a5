// sema: the class table -- fields, virtual dispatch, const methods, narrowing, stubs.
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;

namespace {

SemaResult analyze_classes(const std::string& src, ParseResult& parsed) { return testing::analyze_into(src, parsed); }

const Class& cls(const SemaResult& s, const std::string& name) { return s.classes.at(s.class_index.at(name)); }
const Function& method(const SemaResult& s, const std::string& name) { return s.functions.at(s.function_index.at(name)); }

}  // namespace

TEST_CASE("sema classes: fields come from annotations and self assignments, typed by inference") {
  ParseResult p;
  auto s = analyze_classes(
      "class P:\n"
      "    label: str\n"
      "    def __init__(self, x: int) -> None:\n"
      "        self.x = x\n"
      "        self.total = 0\n"
      "    def add(self, v: float) -> None:\n"
      "        self.total += v\n"
      "        self.seen = True\n",
      p);
  const Class& c = cls(s, "P");
  REQUIRE(c.fields.size() == 4);
  CHECK(c.fields[0].name == "label");
  CHECK(s.types.python_name(c.fields[0].type) == "str");
  CHECK(c.fields[1].name == "x");
  CHECK(s.types.python_name(c.fields[1].type) == "int");
  CHECK(c.fields[2].name == "total");
  CHECK(s.types.python_name(c.fields[2].type) == "float");  // widened by `+= v`
  CHECK(c.fields[3].name == "seen");
  CHECK(s.stubs.empty());
}

TEST_CASE("sema classes: overridden methods are virtual, read-only methods const") {
  ParseResult p;
  auto s = analyze_classes(
      "class A:\n"
      "    def __init__(self) -> None:\n"
      "        self.n = 0\n"
      "    def f(self) -> int:\n"
      "        return self.n\n"
      "    def bump(self) -> None:\n"
      "        self.n += 1\n"
      "    def g(self) -> None:\n"
      "        self.bump()\n"
      "class B(A):\n"
      "    def f(self) -> int:\n"
      "        return 2\n",
      p);
  CHECK(method(s, "A.f").is_virtual);
  CHECK(method(s, "B.f").is_override);
  CHECK(method(s, "A.f").is_const);
  CHECK_FALSE(method(s, "A.bump").is_const);
  CHECK_FALSE(method(s, "A.g").is_const);  // calls a non-const method of self
  CHECK(cls(s, "A").has_subclasses);
  CHECK(s.types.python_name(s.types.unify(s.types.class_of("A"), s.types.class_of("B"))) == "A");
}

TEST_CASE("sema classes: dataclasses get a generated constructor over their fields") {
  ParseResult p;
  auto s = analyze_classes(
      "from dataclasses import dataclass, field\n"
      "@dataclass(order=True)\n"
      "class D:\n"
      "    a: int\n"
      "    b: float = 1.5\n"
      "    c: list[int] = field(default_factory=list)\n",
      p);
  const Class& c = cls(s, "D");
  CHECK(c.is_dataclass);
  CHECK(c.dataclass_order);
  const Function& init = method(s, "D.__init__");
  CHECK(init.synthesized);
  REQUIRE(init.num_params == 4);  // self, a, b, c
  CHECK(init.vars[2].default_value != ast::kNoNode);
  CHECK(s.stubs.empty());
}

TEST_CASE("sema classes: is-None tests narrow optional values") {
  ParseResult p;
  auto s = analyze_classes(
      "from typing import Optional\n"
      "def f(x: Optional[int]) -> int:\n"
      "    if x is None:\n"
      "        return 0\n"
      "    return x + 1\n",
      p);
  CHECK(s.stubs.empty());
  bool narrowed_read = false;
  for (size_t e = 0; e < s.expr_narrowed.size(); ++e) narrowed_read = narrowed_read || s.expr_narrowed[e];
  CHECK(narrowed_read);
}

TEST_CASE("sema classes: what cannot be translated is a stub with a reason") {
  ParseResult p;
  auto s = analyze_classes(
      "class R:\n"
      "    def __init__(self, reg: list['R']) -> None:\n"
      "        reg.append(self)\n"
      "class Sub(R):\n"  // with a subclass, `self` in __init__ has no shared handle yet
      "    pass\n"
      "class M(type):\n"
      "    pass\n",
      p);
  REQUIRE(s.stubs.size() >= 2);
  CHECK(cls(s, "R").stub_reason.detail.find("__init__") != std::string::npos);
  CHECK(cls(s, "M").stub_reason.detail.find("base class") != std::string::npos);
}

TEST_CASE("sema classes: a local bound to a field's container shares it, or is refused") {
  const char* shared =
      "class Book:\n"
      "    def __init__(self) -> None:\n"
      "        self.bids: list[int] = []\n"
      "        self.asks: list[int] = []\n"
      "    def add(self, x: int, buy: bool) -> None:\n"
      "        side = self.bids if buy else self.asks\n"
      "        side.append(x)\n"
      "    def count(self) -> int:\n"
      "        side = self.bids\n"
      "        return len(side)\n";
  auto a = testing::analyze_source(shared);
  CHECK(testing::stub_reasons(a.sema).empty());
  const auto& add = a.sema.functions[a.sema.function_index.at("Book.add")];
  const auto& count = a.sema.functions[a.sema.function_index.at("Book.count")];
  CHECK_FALSE(add.is_const);  // changes self.bids or self.asks through `side`
  CHECK(count.is_const);
  auto var = [](const sema::Function& fn, const std::string& name) {
    for (const auto& v : fn.vars)
      if (v.name == name) return v;
    FAIL("no variable " << name);
    return sema::Variable{};
  };
  CHECK(var(add, "side").borrows_field);
  CHECK_FALSE(var(add, "side").borrow_const);
  CHECK(var(count, "side").borrow_const);

  // Reassigning the field while the local holds the old list: no reference can do that.
  auto b = testing::analyze_source(
      "class Book:\n"
      "    def __init__(self) -> None:\n"
      "        self.bids: list[int] = []\n"
      "    def reset(self, x: int) -> None:\n"
      "        old = self.bids\n"
      "        self.bids = []\n"
      "        old.append(x)\n");
  CHECK(testing::stub_reasons(b.sema).find("'old' is a list held by an attribute") != std::string::npos);
}

TEST_CASE("classes: storing a container parameter that the class then changes is a stub with the fix") {
  py2cpp::ParseResult p;
  auto s = py2cpp::testing::analyze_into(R"(
class Store:
    def __init__(self, table: dict[str, int], names: list[str], seen: set[int]) -> None:
        self.table = table
        self.names = names
        self.seen = seen
    def bump(self, k: str) -> None:
        self.table[k] = 1
        self.seen.add(2)
    def count(self) -> int:
        return len(self.names)
)", p);
  std::string reasons = py2cpp::testing::stub_reasons(s);
  CHECK_THAT(reasons, Catch::Contains("self.table = table keeps the caller's dict in Python"));
  CHECK_THAT(reasons, Catch::Contains("Write self.seen = set(seen)"));
  CHECK_THAT(reasons, !Catch::Contains("self.names"));  // only read: a copy cannot be told apart
}
