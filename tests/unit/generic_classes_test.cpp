// sema: `class C(Generic[T])` translated with the module's one binding (src/sema/generic_classes.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using testing::analyze_source;

namespace {

const sema::Class& cls(const sema::SemaResult& s, const std::string& name) { return s.classes.at(s.class_index.at(name)); }

std::string field_type(const sema::SemaResult& s, const std::string& c, const std::string& f) {
  for (const auto& x : cls(s, c).fields)
    if (x.name == f) return s.types.python_name(x.type);
  return "?";
}

const std::string kStack =
    "from typing import Generic, TypeVar\n"
    "T = TypeVar('T')\n"
    "class Stack(Generic[T]):\n"
    "    def __init__(self) -> None:\n"
    "        self.items: list[T] = []\n"
    "    def push(self, x: T) -> None:\n"
    "        self.items.append(x)\n";

}  // namespace

TEST_CASE("a generic class used with one binding is typed with it") {
  auto a = analyze_source(kStack + "def use() -> None:\n    s: Stack[str] = Stack()\n    s.push('a')\n    t = Stack[str]()\n    t.push('b')\n");
  const sema::Class& c = cls(a.sema, "Stack");
  CHECK(c.stub_reason.empty());
  REQUIRE(c.type_args.size() == 1);
  CHECK(a.sema.types.python_name(c.type_args[0]) == "str");
  CHECK(c.binding_reason == "`Stack[str]` (line 9)");
  CHECK(field_type(a.sema, "Stack", "items") == "list[str]");
  CHECK(testing::stub_reasons(a.sema).empty());
}

TEST_CASE("two bindings, or none, make the generic class a stub") {
  auto two = analyze_source(kStack + "def use() -> None:\n    a: Stack[int] = Stack()\n    b: Stack[str] = Stack()\n");
  CHECK(cls(two.sema, "Stack").stub_reason.detail.find("is used with `Stack[int]` (line 9) and `Stack[str]` (line 10)") != std::string::npos);
  auto none = analyze_source(kStack);
  CHECK(cls(none.sema, "Stack").stub_reason.detail.find("no `Stack[...]` in the module says what T is") != std::string::npos);
}
