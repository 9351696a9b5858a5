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

TEST_CASE("interface: classes, constants and class-typed signatures are exported under the class key") {
  auto g = analyze_source("geometry.py", kGeometry);
  ModuleInterface mi = module_interface(g->sema, "geometry", "geometry.hpp");
  const ExportedFunction* origin = exported(mi, "origin");
  REQUIRE(origin);
  CHECK(mi.types.python_name(origin->return_type) == "geometry.Point");
  REQUIRE(mi.classes.size() == 1);
  const ExportedClass& point = mi.classes[0];
  CHECK(point.name == "Point");
  CHECK(point.key == "geometry.Point");
  CHECK(point.cpp_name == "geometry::Point");
  CHECK_FALSE(point.reexported);
  REQUIRE(point.fields.size() == 1);
  CHECK(point.fields[0].name == "x");
  CHECK(point.fields[0].type == kInt);
  REQUIRE(point.methods.size() == 1);
  CHECK(point.methods[0].key == "__init__");
  CHECK(point.methods[0].kind == MethodKind::Init);
  REQUIRE(point.methods[0].fn.params.size() == 2);  // self, x
  CHECK(mi.types.python_name(point.methods[0].fn.params[0].type) == "geometry.Point");
  REQUIRE(mi.globals.size() == 1);
  CHECK(mi.globals[0].name == "SCALE");
  CHECK(mi.globals[0].is_constant);
  CHECK(mi.globals[0].type == kInt);
  CHECK_FALSE(mi.runs_statements);
}

namespace {

const char* kModels =
    "from dataclasses import dataclass\n"
    "from enum import Enum\n"
    "\n"
    "class Color(Enum):\n"
    "    RED = 1\n"
    "    BLUE = 2\n"
    "\n"
    "class ShapeError(ValueError):\n"
    "    pass\n"
    "\n"
    "@dataclass(frozen=True)\n"
    "class Vec:\n"
    "    x: float\n"
    "    y: float = 0.0\n"
    "\n"
    "class Shape:\n"
    "    def __init__(self, color: Color) -> None:\n"
    "        self.color = color\n"
    "    def area(self) -> float:\n"
    "        return 0.0\n"
    "    def name(self) -> str:\n"
    "        return 'shape'\n"
    "\n"
    "class Square(Shape):\n"
    "    def __init__(self, side: float) -> None:\n"
    "        super().__init__(Color.RED)\n"
    "        self.side = side\n"
    "    def area(self) -> float:\n"
    "        return self.side * self.side\n"
    "\n"
    "REGISTRY: list[str] = []\n"
    "\n"
    "def register(name: str) -> None:\n"
    "    REGISTRY.append(name)\n";

const ExportedClass* exported_class(const ModuleInterface& mi, const std::string& name) {
  for (const auto& c : mi.classes)
    if (c.name == name) return &c;
  return nullptr;
}

const Class* class_of(const SemaResult& s, const std::string& local) {
  auto it = s.class_index.find(local);
  return it == s.class_index.end() ? nullptr : &s.classes[it->second];
}

}  // namespace

TEST_CASE("interface: bases, enums, exceptions and mutable globals carry what importers need") {
  auto g = analyze_source("models.py", kModels);
  ModuleInterface mi = module_interface(g->sema, "shapes.models", "models.hpp");
  const ExportedClass* square = exported_class(mi, "Square");
  REQUIRE(square);
  CHECK(square->base == "shapes.models.Shape");
  CHECK(square->cpp_name == "models::Square");
  const ExportedClass* shape = exported_class(mi, "Shape");
  REQUIRE(shape);
  CHECK(shape->has_subclasses);
  auto area = std::find_if(shape->methods.begin(), shape->methods.end(), [](const ExportedMethod& m) { return m.key == "area"; });
  REQUIRE(area != shape->methods.end());
  CHECK(area->is_virtual);
  const ExportedClass* color = exported_class(mi, "Color");
  REQUIRE(color);
  CHECK(color->is_enum);
  CHECK(color->enum_members.size() == 2);
  REQUIRE(exported_class(mi, "ShapeError"));
  CHECK(exported_class(mi, "ShapeError")->builtin_base == "ValueError");
  const ExportedClass* vec = exported_class(mi, "Vec");
  REQUIRE(vec);
  CHECK(vec->is_dataclass);
  CHECK(vec->is_frozen);
  CHECK(vec->fields[1].has_default);
  REQUIRE(mi.globals.size() == 1);
  CHECK(mi.globals[0].name == "REGISTRY");
  CHECK_FALSE(mi.globals[0].is_constant);  // register() appends: importers may append too
}

TEST_CASE("interface: an importer sees imported classes under their key, with local names mapped") {
  auto g = analyze_source("models.py", kModels);
  std::vector<ModuleInterface> imports = {module_interface(g->sema, "models", "models.hpp")};
  auto app = analyze_source("app.py",
                            "import models as m\n"
                            "from models import Vec as V, Color, REGISTRY, ShapeError\n\n"
                            "class Circle(m.Shape):\n"
                            "    def __init__(self, r: float) -> None:\n"
                            "        super().__init__(Color.BLUE)\n"
                            "        self.r = r\n"
                            "    def area(self) -> float:\n"
                            "        return 3.0 * self.r * self.r\n\n"
                            "def total(shapes: list[m.Shape]) -> float:\n"
                            "    return sum(s.area() for s in shapes)\n\n"
                            "def f(v: V) -> dict[V, int]:\n"
                            "    REGISTRY.append('f')\n"
                            "    try:\n"
                            "        return {v: len(m.REGISTRY)}\n"
                            "    except ShapeError:\n"
                            "        return {}\n",
                            imports);
  CHECK(app->sema.stubs.empty());
  const Class* v = class_of(app->sema, "V");
  REQUIRE(v);
  CHECK(v->name == "models.Vec");
  CHECK(v->cpp_name == "models::Vec");
  CHECK(v->external_module == "models");
  CHECK(class_of(app->sema, "m.Shape") == class_of(app->sema, "models.Shape"));
  const Class* circle = class_of(app->sema, "Circle");
  REQUIRE(circle);
  REQUIRE(circle->base >= 0);
  CHECK(app->sema.classes[circle->base].name == "models.Shape");
  auto reg = app->sema.global_index.find("REGISTRY");
  REQUIRE(reg != app->sema.global_index.end());
  CHECK(app->sema.globals[reg->second].cpp_name == "models::REGISTRY");
  CHECK(app->sema.module_includes == std::vector<std::string>{"models.hpp"});
}

TEST_CASE("interface: what cannot cross stays a stub with the reason") {
  auto g = analyze_source("models.py", kModels);
  std::vector<ModuleInterface> imports = {module_interface(g->sema, "models", "models.hpp")};
  auto reason = [&](const std::string& src) {
    auto a = analyze_source("app.py", src, imports);
    return a->sema.stubs.empty() ? std::string() : a->sema.stubs[0].reason;
  };
  CHECK(reason("from models import *\n").find("import *") != std::string::npos);
  CHECK(reason("from models import Nope\n").find("defines no such name") != std::string::npos);
  CHECK(reason("import models\n\ndef f() -> int:\n    return models.NOPE\n").find("defines no such name") != std::string::npos);
  CHECK(reason("from models import REGISTRY\nREGISTRY = ['x']\n").find("rebinds only this module's name") != std::string::npos);
  // A module with statements at import: its globals are not importable (its init_module() runs in its own main only).
  auto busy = analyze_source("busy.py", "NAMES: list[str] = []\nNAMES.append('a')\n");
  std::vector<ModuleInterface> busy_if = {module_interface(busy->sema, "busy", "busy.hpp")};
  CHECK(busy_if[0].runs_statements);
  auto a = analyze_source("app.py", "from busy import NAMES\n", busy_if);
  REQUIRE_FALSE(a->sema.stubs.empty());
  CHECK(a->sema.stubs[0].reason.find("runs statements at import") != std::string::npos);
  // A constant its module never changes is const in C++: changing it from here is a stub.
  auto c = analyze_source("consts.py", "LIMITS: list[int] = [1, 2]\n");
  std::vector<ModuleInterface> c_if = {module_interface(c->sema, "consts", "consts.hpp")};
  auto b = analyze_source("app.py", "from consts import LIMITS\n\ndef f() -> None:\n    LIMITS.append(3)\n", c_if);
  REQUIRE_FALSE(b->sema.stubs.empty());
  CHECK(b->sema.stubs[0].reason.find("never changes") != std::string::npos);
}

TEST_CASE("interface: subclasses in importers make the base's overridden methods virtual") {
  auto app = parse_module("app.py",
                          "import models as m\nfrom models import Shape as S\n\n"
                          "class A(S):\n    def name(self) -> str:\n        return 'a'\n\n"
                          "class B(m.Shape):\n    def area(self) -> float:\n        return 1.0\n");
  REQUIRE(app.ok());
  std::vector<ExternalSubclass> subs = subclasses_in(app.module, "models");
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].base == "Shape");
  CHECK(subs[0].methods == std::vector<std::string>{"name"});
  CHECK(subs[1].base == "Shape");
  CHECK(subs[1].methods == std::vector<std::string>{"area"});
  CHECK(subclasses_in(app.module, "other").empty());

  auto parsed = parse_module("models.py", kModels);
  REQUIRE(parsed.ok());
  SemaResult s = analyze(parsed.module, {}, subs);
  auto fn = [&](const std::string& name) { return &s.functions[s.function_index.at(name)]; };
  CHECK(fn("Shape.name")->is_virtual);   // overridden only in app.py
  CHECK_FALSE(fn("Shape.name")->is_const);
  CHECK(fn("Shape.area")->is_virtual);
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
  auto bad = analyze_source("bad.py", "from geometry import new_value\n", imports);
  REQUIRE_FALSE(bad->sema.stubs.empty());
  CHECK(bad->sema.stubs[0].reason.find("no such name") != std::string::npos);
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

TEST_CASE("interface: a name a module imported itself is taken from its own module") {
  auto g = analyze_source("models.py", kModels);
  ModuleInterface models = module_interface(g->sema, "models", "models.hpp");
  auto mid = analyze_source("mid.py",
                            "from models import Vec\n\n"
                            "class Holder:\n"
                            "    @classmethod\n"
                            "    def make(cls) -> 'Holder':\n"
                            "        return cls()\n\n"
                            "def first(vs: list[Vec]) -> Vec:\n"
                            "    return vs[0]\n",
                            {models});
  ModuleInterface mi = module_interface(mid->sema, "mid", "mid.hpp");
  // Vec comes along (first() names it), marked re-exported: importers of mid cannot import it from mid.
  auto vec = std::find_if(mi.classes.begin(), mi.classes.end(), [](const ExportedClass& c) { return c.key == "models.Vec"; });
  REQUIRE(vec != mi.classes.end());
  CHECK(vec->reexported);
  CHECK(not_exported_reason(mi, "Vec").find("import it from models") != std::string::npos);
  // A classmethod's `cls` crosses modules like `self`.
  auto holder = std::find_if(mi.classes.begin(), mi.classes.end(), [](const ExportedClass& c) { return c.name == "Holder"; });
  REQUIRE(holder != mi.classes.end());
  REQUIRE(holder->methods.size() == 1);
  CHECK(holder->methods[0].signature_ok);
  auto app = analyze_source("app.py", "from mid import first, Holder\n\ndef f() -> Holder:\n    return Holder.make()\n",
                            {mi});
  CHECK(app->sema.stubs.empty());
  auto bad = analyze_source("app.py", "from mid import Vec\n", {mi});
  REQUIRE_FALSE(bad->sema.stubs.empty());
  CHECK(bad->sema.stubs[0].reason.find("import it from models") != std::string::npos);
}

TEST_CASE("interface: class attributes an importer assigns must be assigned in their module too") {
  auto k = analyze_source("k.py",
                          "class K:\n    LIMIT = 3\n    COUNT = 0\n\n    def bump(self) -> None:\n        K.COUNT += 1\n");
  std::vector<ModuleInterface> imports = {module_interface(k->sema, "k", "k.hpp")};
  auto ok = analyze_source("app.py", "from k import K\n\ndef f() -> int:\n    K.COUNT += 1\n    return K.LIMIT\n", imports);
  CHECK(ok->sema.stubs.empty());
  auto bad = analyze_source("app.py", "from k import K\n\ndef f() -> None:\n    K.LIMIT = 4\n", imports);
  REQUIRE_FALSE(bad->sema.stubs.empty());
  CHECK(bad->sema.stubs[0].reason.find("never changes") != std::string::npos);
}
