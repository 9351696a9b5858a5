// sema: an int stored where the C++ holds a double (warning P2C0206, src/sema/int_as_float.cpp).
#include "analyzed.hpp"

#include <vector>

using namespace py2cpp;
using testing::analyze_source;

namespace {

std::vector<uint32_t> warned_lines(const sema::SemaResult& s) {
  std::vector<uint32_t> out;
  for (const auto& w : s.int_as_float) out.push_back(w.span.line);
  return out;
}

std::string slots(const sema::SemaResult& s, size_t i) { return s.int_as_float.at(i).slots; }

}  // namespace

TEST_CASE("each statement storing an int into a float slot is one warning naming the slots") {
  auto a = analyze_source(
      "class Vec:\n"                                            // 1
      "    def __init__(self, x: float, y: float) -> None:\n"   // 2
      "        self.x = x\n"                                    // 3
      "        self.y = y\n"                                    // 4
      "def f(v: float = 1) -> float:\n"                         // 5
      "    return v\n"                                          // 6
      "def g() -> list[float]:\n"                               // 7
      "    xs: list[float] = [1, 2.5]\n"                        // 8
      "    d: dict[str, float] = {}\n"                          // 9
      "    d['a'] = 2\n"                                        // 10
      "    p = Vec(0, 0)\n"                                     // 11
      "    xs.append(3)\n"                                      // 12
      "    return xs\n");                                       // 13
  CHECK(warned_lines(a.sema) == std::vector<uint32_t>{5, 8, 10, 11, 12});
  CHECK(slots(a.sema, 0) == "the default of parameter 'v'");
  CHECK(slots(a.sema, 3) == "parameter 'x' of Vec(), parameter 'y' of Vec()");
  CHECK(slots(a.sema, 4) == "an item of 'xs'");
}

TEST_CASE("an int read only where Python gives a float or a truth value anyway is not reported") {
  auto a = analyze_source(
      "import math\n"
      "def half(v: float) -> float:\n"
      "    return v / 2\n"
      "def norm(a: float, b: float) -> float:\n"
      "    if a < 0 or not b:\n"
      "        return 0.0\n"
      "    return math.sqrt(a * a + b * b)\n"
      "def mean(xs: list[float]) -> float:\n"
      "    total = 0\n"
      "    for x in xs:\n"
      "        total += x\n"
      "    return total / len(xs)\n"
      "def use() -> float:\n"
      "    return half(3) + norm(3, 4) + mean([1.0])\n");
  CHECK(a.sema.int_as_float.empty());
}

TEST_CASE("a caller's int variable passed to a float parameter stays an int") {
  auto a = analyze_source(
      "def scale(v: float) -> float:\n"
      "    return v * 2\n"
      "def use() -> int:\n"
      "    n = 3\n"
      "    scale(n)\n"
      "    return n\n");
  CHECK(testing::type_of(a.sema, "use", "n") == "int");
  CHECK(warned_lines(a.sema) == std::vector<uint32_t>{5});
}

TEST_CASE("no warning on a stubbed statement") {
  auto a = analyze_source(
      "def mean(xs: list[float]) -> float:\n"
      "    if not xs:\n"
      "        return 0\n"
      "    return sum(xs) / len(xs)\n");
  CHECK(a.sema.int_as_float.empty());
  CHECK(a.sema.stubs.size() == 1);
}
