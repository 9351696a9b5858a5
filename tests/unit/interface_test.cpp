// sema/interface: what a module exports to its importers, and how an importer sees it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "parse/parse.hpp"
#include "sema/interface.hpp"
#include "sema/sema.hpp"

using namespace py2cpp;
using namespace py2cpp::sema;

namespace {

struct Analyzed {
  ParseResult parsed;
  SemaResult sema;
};

// Kept on the heap: the SemaResult points into the parsed AST.
std::unique_ptr<Analyzed> analyze_source(const std::string& path, const std::string& src,
                                         const std::vector<ModuleInterface>& imports = {}) {
  auto a = std::make_unique<Analyzed>(Analyzed{parse_module(path, src), {}});
  REQUIRE(a->parsed.ok());
  a->sema = analyze(a->parsed.module, imports);
  return a;
}

const ExportedFunction* exported(const ModuleInterface& mi, const std::string& name) {
  for (const auto& f : mi.functions)
    if (f.name == name) return &f;
  return nullptr;
}

std::string not_exported_reason(const ModuleInterface& mi, const std::string& name) {
  for (const auto& [n, why] : mi.not_exported)
    if (n == name) return why;
  return {};
}

const char* kGeometry =
    "class Point:\n"
    "    def __init__(self, x: int) -> None:\n"
    "        self.x = x\n"
    "\n"
    "SCALE = 3\n"
    "\n"
    "def area(w: int, h: int = 2) -> int:\n"
    "    return w * h\n"
    "\n"
    "def names(xs: list[str]) -> dict[str, int]:\n"
    "    return {x: 1 for x in xs}\n"
    "\n"
    "def grow(xs: list[int]) -> None:\n"
    "    xs.append(1)\n"
    "\n"
    "def origin() -> Point:\n"
    "    return Point(0)\n"
    "\n"
    "def new(n: int) -> int:\n"
    "    x = eval('n')\n"
    "    return x\n";

}  // namespace

TEST_CASE("interface: built-in signatures are exported with their types re-interned") {
  auto g = analyze_source("geometry.py", kGeometry);
  ModuleInterface mi = module_interface(g->sema, "shapes.geometry", "geometry.hpp");
  CHECK(mi.module == "shapes.geometry");
  CHECK(mi.namespace_name == "geometry");
  CHECK(mi.header == "geometry.hpp");

  const ExportedFunction* area = exported(mi, "area");
  REQUIRE(area);
  CHECK(area->cpp_name == "area");
  CHECK(mi.types.python_name(area->return_type) == "int");
  REQUIRE(area->params.size() == 2);
  CHECK(area->params[0].name == "w");
  CHECK_FALSE(area->params[0].has_default);
  CHECK(area->params[1].has_default);
  CHECK_FALSE(area->has_effects);

  const ExportedFunction* names = exported(mi, "names");
  REQUIRE(names);
  CHECK(mi.types.python_name(names->params[0].type) == "list[str]");

  const ExportedFunction* grow = exported(mi, "grow");
  REQUIRE(grow);
  CHECK(grow->params[0].mutated);  // the importer's list changes: it must pass it by reference
  CHECK(grow->has_effects);
}

TEST_CASE("interface: classes, constants and class-typed signatures are not exported, with a reason") {
  auto g = analyze_source("geometry.py", kGeometry);
  ModuleInterface mi = module_interface(g->sema, "geometry", "geometry.hpp");
  CHECK_FALSE(exported(mi, "origin"));
  CHECK(not_exported_reason(mi, "origin").find("only built-in types cross modules") != std::string::npos);
  CHECK(not_exported_reason(mi, "Point").find("classes") != std::string::npos);
  CHECK(not_exported_reason(mi, "SCALE").find("constants") != std::string::npos);
}

TEST_CASE("interface: a stubbed function with a typed signature is exported as a stub, renamed") {
  auto g = analyze_source("geometry.py", kGeometry);
  ModuleInterface mi = module_interface(g->sema, "geometry", "geometry.hpp");
  const ExportedFunction* f = exported(mi, "new");
  REQUIRE(f);
  CHECK(f->stub);
  CHECK(f->cpp_name == "new_");
}

TEST_CASE("interface: an importer calls the exported functions through the namespace") {
  auto g = analyze_source("geometry.py", kGeometry);
  std::vector<ModuleInterface> imports = {module_interface(g->sema, "geometry", "geometry.hpp")};
  auto app = analyze_source("app.py",
                            "from geometry import area as a\nimport geometry\n\n"
                            "def f() -> int:\n    return a(2) + geometry.area(1, 1)\n",
                            imports);
  CHECK(app->sema.module_includes == std::vector<std::string>{"geometry.hpp"});
  auto ext = std::find_if(app->sema.functions.begin(), app->sema.functions.end(),
                          [](const Function& fn) { return fn.name == "a"; });
  REQUIRE(ext != app->sema.functions.end());
  CHECK(ext->cpp_name == "geometry::area");
  CHECK(ext->external_module == "geometry");
  CHECK(app->sema.types.python_name(ext->return_type) == "int");
  // Nothing of app.py is stubbed: both calls are typed.
  CHECK(app->sema.stubs.empty());
  // Importing what is not exported stubs the import with the interface's reason.
  auto bad = analyze_source("bad.py", "from geometry import Point\n", imports);
  REQUIRE_FALSE(bad->sema.stubs.empty());
  CHECK(bad->sema.stubs[0].reason.find("classes") != std::string::npos);
}

TEST_CASE("interface: the namespace of main.py with def main() is main_ns, and importers use it") {
  auto m = analyze_source("main.py", "def main() -> int:\n    return 1\n");
  ModuleInterface mi = module_interface(m->sema, "main", "main.hpp");
  CHECK(mi.namespace_name == "main_ns");
  REQUIRE(exported(mi, "main"));
  CHECK(exported(mi, "main")->cpp_name == "main_");
  auto app = analyze_source("app.py", "from main import main\n\ndef f() -> int:\n    return main()\n", {mi});
  auto ext = std::find_if(app->sema.functions.begin(), app->sema.functions.end(),
                          [](const Function& fn) { return !fn.external_module.empty(); });
  REQUIRE(ext != app->sema.functions.end());
  CHECK(ext->cpp_name == "main_ns::main_");
}

TEST_CASE("interface: namespace names avoid every name the module declares") {
  CHECK(namespace_identifier("stats", {}) == "stats");
  CHECK(namespace_identifier("stats", {"mean", "stats"}) == "stats_ns");
  CHECK(namespace_identifier("main", {"main_"}) == "main_ns");
  CHECK(namespace_identifier("main", {"main_", "main_ns"}) == "main_ns_ns");
  CHECK(namespace_identifier("new", {"x"}) == "new_");
}

TEST_CASE("interface: import names match dotted suffixes only at a dot") {
  CHECK(import_matches("geometry", "geometry"));
  CHECK(import_matches("shapes.geometry", "geometry"));
  CHECK(import_matches("geometry", "shapes.geometry"));
  CHECK_FALSE(import_matches("try", "geometry"));
  CHECK_FALSE(import_matches("metry", "geometry"));
  CHECK_FALSE(import_matches("other.geometry", "shapes.geometry"));
}

TEST_CASE("interface: copy_type keeps nested types") {
  TypeTable from, to;
  TypeId t = from.intern({TypeKind::Dict, {kStr, from.list_of(kInt)}, {}});
  TypeId c = copy_type(from, t, to);
  CHECK(to.python_name(c) == from.python_name(t));
  CHECK(to.python_name(c) == "dict[str, list[int]]");
}
