// sema: `class C(Enum)` -- members and their values (auto() as CPython 3.11 assigns them), the
// member type, and the honest stubs for what is not translated.
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;

namespace {

SemaResult analyze_src(const std::string& src, ParseResult& parsed) { return testing::analyze_into(src, parsed); }

const Class& cls(const SemaResult& s, const std::string& name) { return s.classes.at(s.class_index.at(name)); }

const Variable& var(const Function& f, const std::string& name) { return f.vars.at(f.var_index.at(name)); }

bool any_stub_mentions(const SemaResult& s, const std::string& text) {
  for (const Stub& st : s.stubs)
    if (st.reason.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("sema enums: int members and auto() take CPython 3.11's values") {
  ParseResult p;
  auto s = analyze_src(
      "from enum import Enum, auto\n"
      "class Color(Enum):\n"
      "    \"\"\"Colors.\"\"\"\n"
      "    RED = 5\n"
      "    GREEN = 2\n"
      "    BLUE = auto()\n"
      "    PINK = -1\n"
      "    GREY = auto()\n",
      p);
  const Class& c = cls(s, "Color");
  CHECK(c.is_enum);
  CHECK(c.stub_reason.empty());
  CHECK_FALSE(c.enum_str_values);
  CHECK(c.docstring == "Colors.");
  REQUIRE(c.enum_members.size() == 5);
  CHECK(c.enum_members[0].name == "RED");
  CHECK(c.enum_members[0].int_value == 5);
  CHECK(c.enum_members[2].int_value == 6);  // one more than the largest so far, not the last
  CHECK(c.enum_members[3].int_value == -1);
  CHECK(c.enum_members[4].int_value == 7);
}

TEST_CASE("sema enums: str values, import enum, and the types of members, .name, .value, C(v), C[name]") {
  ParseResult p;
  auto s = analyze_src(
      "import enum\n"
      "class Mode(enum.Enum):\n"
      "    FAST = 'fast'\n"
      "    SLOW = 'slow'\n"
      "if __name__ == '__main__':\n"
      "    m = Mode.FAST\n"
      "    n = m.name\n"
      "    v = m.value\n"
      "    a = Mode('slow')\n"
      "    b = Mode['FAST']\n"
      "    k = len(Mode)\n"
      "    for x in Mode:\n"
      "        print(x, x is m)\n"
      "    d = {m: 1}\n",
      p);
  const Class& c = cls(s, "Mode");
  CHECK(c.enum_str_values);
  REQUIRE(c.enum_members.size() == 2);
  CHECK(c.enum_members[1].str_value == "slow");
  CHECK(s.stubs.empty());
  CHECK(s.types.kind(var(s.main, "m").type) == TypeKind::Enum);
  CHECK(s.types.python_name(var(s.main, "m").type) == "Mode");
  CHECK(s.types.python_name(var(s.main, "n").type) == "str");
  CHECK(s.types.python_name(var(s.main, "v").type) == "str");
  CHECK(var(s.main, "a").type == var(s.main, "m").type);
  CHECK(var(s.main, "b").type == var(s.main, "m").type);
  CHECK(s.types.python_name(var(s.main, "k").type) == "int");
  CHECK(s.types.python_name(var(s.main, "x").type) == "Mode");
  CHECK(s.types.python_name(var(s.main, "d").type) == "dict[Mode, int]");
}

TEST_CASE("sema enums: methods take the member as self and are called on members") {
  ParseResult p;
  auto s = analyze_src(
      "from enum import Enum\n"
      "class Light(Enum):\n"
      "    RED = 1\n"
      "    GREEN = 2\n"
      "    def label(self, prefix: str) -> str:\n"
      "        return prefix + self.name\n"
      "if __name__ == '__main__':\n"
      "    t = Light.RED.label('x')\n",
      p);
  const Class& c = cls(s, "Light");
  CHECK(c.stub_reason.empty());
  REQUIRE(c.methods.count("label") == 1);
  const Function& m = s.functions.at(c.methods.at("label"));
  CHECK(s.types.python_name(m.vars.at(0).type) == "Light");
  CHECK(s.types.python_name(m.return_type) == "str");
  CHECK(s.types.python_name(var(s.main, "t").type) == "str");
  CHECK(s.stubs.empty());
}

TEST_CASE("sema enums: IntEnum members convert with int() and order with <") {
  ParseResult p;
  auto s = analyze_src(
      "from enum import IntEnum, auto\n"
      "class Level(IntEnum):\n"
      "    LOW = auto()\n"
      "    HIGH = auto()\n"
      "if __name__ == '__main__':\n"
      "    n = int(Level.HIGH)\n"
      "    b = Level.LOW < Level.HIGH\n",
      p);
  const Class& c = cls(s, "Level");
  CHECK(c.is_int_enum);
  CHECK(c.stub_reason.empty());
  CHECK(c.enum_members[1].int_value == 2);
  CHECK(s.types.python_name(var(s.main, "n").type) == "int");
  CHECK(s.stubs.empty());
}

TEST_CASE("sema enums: what is not translated is a stub with the reason") {
  ParseResult p;
  auto s = analyze_src(
      "from enum import Enum, IntEnum, Flag, StrEnum\n"
      "class A(Enum):\n"
      "    X = 1\n"
      "    Y = 1\n"
      "class B(StrEnum):\n"
      "    X = 'x'\n"
      "class I(IntEnum):\n"
      "    X = 'x'\n"
      "class M(Enum):\n"
      "    X = 1\n"
      "    Y = 'y'\n"
      "class W(Enum):\n"
      "    X = 1\n"
      "    @property\n"
      "    def f(self) -> int:\n"
      "        return 1\n"
      "class F(Flag):\n"
      "    X = 1\n"
      "class G(Enum):\n"
      "    X = 1\n"
      "Shape = Enum('Shape', 'CIRCLE SQUARE')\n"
      "if __name__ == '__main__':\n"
      "    print(A.X)\n"
      "    print(G(1.5))\n"
      "    print(G.Z)\n",
      p);
  CHECK(cls(s, "A").stub_reason.detail.find("alias 'Y'") != std::string::npos);
  CHECK(cls(s, "B").stub_reason.detail.find("StrEnum") != std::string::npos);
  CHECK(cls(s, "I").stub_reason.detail.find("IntEnum I with str values") != std::string::npos);
  CHECK(cls(s, "M").stub_reason.detail.find("mixes int and str") != std::string::npos);
  CHECK(cls(s, "W").stub_reason.detail.find("decorated methods") != std::string::npos);
  CHECK(cls(s, "F").stub_reason.detail.find("Flag") != std::string::npos);
  CHECK(cls(s, "G").stub_reason.empty());
  CHECK(any_stub_mentions(s, "enum A could not be translated"));
  CHECK(any_stub_mentions(s, "G() of a float"));
  CHECK(any_stub_mentions(s, "has no member 'Z'"));
  CHECK(any_stub_mentions(s, "functional enum API Enum(...)"));
}
