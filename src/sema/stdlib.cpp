// The standard-library modules py2cpp translates, each with a runtime header
// (runtime/py2cpp/<module>.hpp) and a sema file (stdlib_<module>.cpp): which modules they are,
// which of their calls a call expression names, and which calls have effects.
#include <set>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

bool is_stdlib_module(const std::string& name) {
  static const std::set<std::string> modules = {"math",      "random",   "heapq",    "bisect", "collections",
                                                "functools", "itertools", "operator", "sys",    "dataclasses",
                                                "string"};
  return modules.count(name) > 0;
}

std::string stdlib_callee(const Module& m, const SemaResult& r, ExprId func) {
  const ExprNode& f = m.expr(func).node;
  if (auto* n = std::get_if<Name>(&f)) {
    if (r.name_ref[func].kind != NameRef::Builtin) return "";
    auto it = r.from_imports.find(n->id);
    return it == r.from_imports.end() ? "" : it->second;
  }
  if (auto* a = std::get_if<Attribute>(&f)) {
    if (auto* b = get_if<Name>(m, a->value); b && r.name_ref[a->value].kind == NameRef::Module && is_stdlib_module(b->id))
      return b->id + "." + a->attr;
    // sys.stdin.readline, sys.stdout.write: "sys.stdin.readline".
    if (auto* inner = get_if<Attribute>(m, a->value))
      if (auto* b = get_if<Name>(m, inner->value); b && b->id == "sys" && r.name_ref[inner->value].kind == NameRef::Module)
        return "sys." + inner->attr + "." + a->attr;
    // itertools.chain.from_iterable, or chain.from_iterable with chain imported from itertools.
    if (a->attr == "from_iterable") {
      if (auto* inner = get_if<Attribute>(m, a->value))
        if (auto* b = get_if<Name>(m, inner->value);
            b && b->id == "itertools" && inner->attr == "chain" && r.name_ref[inner->value].kind == NameRef::Module)
          return "itertools.chain.from_iterable";
      if (auto* n = get_if<Name>(m, a->value); n && r.name_ref[a->value].kind == NameRef::Builtin)
        if (auto it = r.from_imports.find(n->id); it != r.from_imports.end() && it->second == "itertools.chain")
          return "itertools.chain.from_iterable";
    }
  }
  return "";
}

bool stdlib_mutates_first_argument(const std::string& callee) {
  static const std::set<std::string> mutating = {
      "heapq.heappush",     "heapq.heappop",       "heapq.heapify",        "heapq.heapreplace",
      "heapq.heappushpop",  "bisect.insort",       "bisect.insort_left",   "bisect.insort_right",
      "random.shuffle"};
  return mutating.count(callee) > 0;
}

bool stdlib_call_has_effects(const std::string& callee) {
  // random's functions advance the program's generator; sys's read, write or exit.
  return callee.rfind("random.", 0) == 0 || callee.rfind("sys.", 0) == 0 || stdlib_mutates_first_argument(callee);
}

// The arguments of a heapq/bisect call, typed left to right; key= is typed later, once the items
// are known. `iterables`: an argument may be a generator expression (nlargest(n, (...))).
// False if one could not be typed.
bool Analyzer::infer_stdlib_arguments(const Call& c, Scope& s, bool iterables, std::vector<TypeId>& a) {
  // Only a generator expression needs infer_iterable (which would also turn a tuple item, as in
  // heappush(heap, (d, node)), into the list of its items).
  for (ExprId x : c.args) {
    auto* g = get_if<Comprehension>(m_, x);
    a.push_back(iterables && g && g->kind == ComprehensionKind::Generator ? infer_iterable(x, s) : infer(x, s));
  }
  for (const auto& k : c.keywords)
    if (k.name != "key") infer(k.value, s);
  for (TypeId t : a)
    if (t == kUnknown) return false;
  return true;
}

TypeId Analyzer::infer_stdlib_call(ExprId e, const std::string& callee, const Call& c, Scope& s) {
  const size_t dot = callee.find('.');
  const std::string module = callee.substr(0, dot), fn = callee.substr(dot + 1);
  // `math.hypot(*t)`, `itertools.chain(*rows)`: the library functions take their arguments one by one.
  for (ExprId x : c.args)
    if (auto* star = get_if<Starred>(m_, x)) {
      infer(star->value, s);
      unsupported(s, StubKind::StarArgs, "*" + expr_text(star->value) + " spread into " + callee + "(): pass the items one by one");
      return kUnknown;
    }
  if (module == "math") return infer_math_call(fn, c, s);
  if (module == "random") return infer_random_call(e, fn, c, s);
  if (module == "heapq") return infer_heapq_call(e, fn, c, s);
  if (module == "bisect") return infer_bisect_call(e, fn, c, s);
  if (module == "collections") return infer_collections_call(e, fn, c, s);
  if (module == "itertools") return infer_itertools_call(e, fn, c, s);
  if (module == "functools") return infer_functools_call(fn, c, s);
  if (module == "sys") return infer_sys_call(fn, c, s);
  if (module == "dataclasses") return infer_dataclasses_call(fn, c, s);
  unsupported(s, StubKind::StdlibFunction, "calls into module '" + module + "'");
  return kUnknown;
}

}  // namespace py2cpp::sema
