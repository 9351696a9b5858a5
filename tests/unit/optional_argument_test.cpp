// A local passed to an Optional[T] parameter keeps its own type T: the call converts it, and
// widening the local to T | None would break its other uses (src/sema/builtins.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::testing;

TEST_CASE("passing a local to an Optional parameter does not widen the local") {
  auto a = analyze_source(
      "from typing import Optional\n"
      "class Node:\n"
      "    def __init__(self, v: int) -> None:\n"
      "        self.v = v\n"
      "def total(env: Optional[dict[str, int]] = None) -> int:\n"
      "    return 0 if env is None else sum(env.values())\n"
      "def size(xs: Optional[list[int]]) -> int:\n"
      "    return 0 if xs is None else len(xs)\n"
      "def maybe(n: Optional[Node]) -> int:\n"
      "    return -1 if n is None else n.v\n"
      "def run() -> int:\n"
      "    env = {'x': 7}\n"
      "    xs = [5]\n"
      "    ys = []\n"
      "    n = Node(3)\n"
      "    return total(env) + size(xs) + size(ys) + maybe(n) + n.v + len(xs) + env['x']\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "run", "env") == "dict[str, int]");
  CHECK(type_of(a.sema, "run", "xs") == "list[int]");
  CHECK(type_of(a.sema, "run", "ys") == "list[int]");  // refined by the parameter, not widened
  CHECK(type_of(a.sema, "run", "n") == "Node");
}
