// Sharing that Python makes observable and C++ values would lose: each case is either a C++
// reference or a stub whose reason says what to write instead (src/sema/aliasing.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::testing;

TEST_CASE("a local chosen among local lists by a condition is a reference to the chosen one") {
  auto a = analyze_source(
      "def split(xs: list[int]) -> list[int]:\n"
      "    evens: list[int] = []\n"
      "    odds: list[int] = []\n"
      "    for x in xs:\n"
      "        target = evens if x % 2 == 0 else odds\n"
      "        target.append(x)\n"
      "    return evens + odds\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(var(a.sema, "split", "target").borrows_field);
  CHECK_FALSE(var(a.sema, "split", "target").borrow_const);
}

TEST_CASE("a conditional alias of a parameter or of a rebound local is refused with a reason") {
  auto a = analyze_source(
      "def split(xs: list[int], odds: list[int]) -> list[int]:\n"
      "    evens: list[int] = []\n"
      "    for x in xs:\n"
      "        target = evens if x % 2 == 0 else odds\n"
      "        target.append(x)\n"
      "    return evens\n"
      "def chunks(xs: list[int]) -> list[int]:\n"
      "    cur: list[int] = []\n"
      "    small: list[int] = []\n"
      "    for x in xs:\n"
      "        target = cur if x > 2 else small\n"
      "        target.append(x)\n"
      "        cur = []\n"
      "    return small\n");
  std::string reasons = stub_reasons(a.sema);
  CHECK(reasons.find("'target' would be one of several lists chosen by a condition") != std::string::npos);
  CHECK(reasons.find("(line 4)") != std::string::npos);
  CHECK(reasons.find("(line 11)") != std::string::npos);
}

TEST_CASE("changing a container a method returns from its object is refused; a fresh one is fine") {
  auto a = analyze_source(
      "class Reg:\n"
      "    def __init__(self) -> None:\n"
      "        self.groups: dict[str, list[int]] = {}\n"
      "    def bucket(self, k: str) -> list[int]:\n"
      "        return self.groups.setdefault(k, [])\n"
      "    def fresh(self, k: str) -> list[int]:\n"
      "        return list(self.groups.get(k, []))\n"
      "def run(r: Reg) -> int:\n"
      "    r.fresh('b').append(2)\n"
      "    r.bucket('a').append(1)\n"
      "    return len(r.groups)\n");
  std::string reasons = stub_reasons(a.sema);
  CHECK(reasons.find("'r.bucket('a')' returns a list[int] that Python shares with its owner, and .append() changes it") !=
        std::string::npos);
  CHECK(reasons.find("fresh") == std::string::npos);
}

TEST_CASE("a shallow copy of nested lists whose rows change in place is refused") {
  auto a = analyze_source(
      "def run(rows: list[list[int]], d: dict[str, list[int]]) -> int:\n"
      "    snap = rows[:]\n"
      "    snap[0].append(9)\n"
      "    return len(snap)\n"
      "def run2(rows: list[list[int]], d: dict[str, list[int]]) -> int:\n"
      "    c = dict(d)\n"
      "    d['a'].append(1)\n"
      "    fine = rows.copy()\n"
      "    fine.append([1])\n"
      "    own = [row[:] for row in rows]\n"
      "    own[0].append(3)\n"
      "    return len(c) + len(fine) + len(own)\n");
  std::string reasons = stub_reasons(a.sema);
  CHECK(reasons.find("'snap' is a shallow copy of 'rows'") != std::string::npos);
  CHECK(reasons.find("'c' is a shallow copy of 'd'") != std::string::npos);
  CHECK(reasons.find("'fine'") == std::string::npos);
  CHECK(reasons.find("'own'") == std::string::npos);
}
