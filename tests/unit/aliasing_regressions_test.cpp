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
