// sema: with statements over user context managers (sema/with_stmt.cpp).
#include "analyzed.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;
using testing::analyze_source;
using testing::stub_reasons;

namespace {

const char* const kManager =
    "class Guard:\n"
    "    def __init__(self, name: str) -> None:\n"
    "        self.name = name\n"
    "    def __enter__(self) -> int:\n"
    "        return 1\n"
    "    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:\n"
    "        return exc_type is not None and issubclass(exc_type, KeyError) and str(exc) != ''\n"
    "\n";

std::string type_of(const SemaResult& s, const std::string& fn, const std::string& name) {
  const Function& f = s.functions.at(s.function_index.at(fn));
  return s.types.python_name(f.vars.at(f.var_index.at(name)).type);
}

}  // namespace

TEST_CASE("with: the as target takes __enter__'s type; __exit__'s parameters are exception info") {
  auto a = analyze_source(std::string(kManager) +
                          "def f() -> int:\n"
                          "    with Guard('a') as n, Guard('b'):\n"
                          "        m = n + 1\n"
                          "    return m\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "n") == "int");
  const Class& g = a.sema.classes.at(0);
  const Function& exit = a.sema.functions.at(g.methods.at("__exit__"));
  CHECK(a.sema.types.python_name(exit.vars.at(1).type) == "type[BaseException] | None");
  CHECK(a.sema.types.python_name(exit.vars.at(2).type) == "BaseException | None");
}

TEST_CASE("with: non-user context managers and unsupported uses are stubs with a reason") {
  auto a = analyze_source(
      "def f(path: str) -> int:\n"
      "    with open(path) as fh:\n"
      "        pass\n"
      "    return 0\n"
      "def g(x: int) -> int:\n"
      "    with x:\n"
      "        pass\n"
      "    return 0\n");
  std::string reasons = stub_reasons(a.sema);
  CHECK(reasons.find("with open(...): files are not supported yet") != std::string::npos);
  CHECK(reasons.find("with over a int: only instances of user classes") != std::string::npos);
  auto b = analyze_source(
      "class NoExit:\n"
      "    def __enter__(self) -> int:\n"
      "        return 1\n"
      "def h() -> int:\n"
      "    with NoExit() as n:\n"
      "        return n\n");
  CHECK(stub_reasons(b.sema).find("does not define __enter__ and __exit__") != std::string::npos);
  auto c = analyze_source(std::string(kManager).replace(std::string(kManager).find("return exc_type"), 6, "print(tb)\n        return") +
                          "def k() -> None:\n"
                          "    with Guard('a'):\n"
                          "        pass\n");
  CHECK(stub_reasons(c.sema).find("the traceback parameter of __exit__ is not available") != std::string::npos);
}
