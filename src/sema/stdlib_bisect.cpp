// Calls into the bisect module: bisect.xxx(...) and `from bisect import xxx`, typed against
// runtime/py2cpp/bisect.hpp (CPython 3.11's _bisectmodule.c): a sorted list, lo/hi as ints
// (positional or keywords) and key= (a lambda, a module function, len ...).
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

TypeId Analyzer::infer_bisect_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  (void)e;
  std::vector<TypeId> a;
  if (!infer_stdlib_arguments(c, s, false, a)) return kUnknown;
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "bisect." + fn + "(): " + why);
    return kUnknown;
  };
  const bool search = fn == "bisect" || fn == "bisect_left" || fn == "bisect_right";
  const bool insort = fn == "insort" || fn == "insort_left" || fn == "insort_right";
  if (!search && !insort) return bad("not supported");
  if (a.size() < 2 || a.size() > 4 || T.kind(a[0]) != TypeKind::List) return bad("takes a list, an item, lo and hi");
  auto int_like = [](TypeId t) { return t == kInt || t == kBool; };
  for (size_t i = 2; i < a.size(); ++i)
    if (!int_like(a[i]) && !(i == 3 && a[i] == kNoneType)) return bad("lo and hi must be ints");
  const Keyword* key = nullptr;
  for (const auto& k : c.keywords) {
    if (k.name == "key") {
      if (!get_if<NoneLit>(m_, k.value)) key = &k;
    } else if (k.name == "lo" || k.name == "hi") {
      if ((k.name == "lo" && a.size() > 2) || (k.name == "hi" && a.size() > 3)) return bad("got multiple values for " + k.name);
      TypeId t = r_.expr_type[k.value];
      if (!int_like(t) && !(k.name == "hi" && t == kNoneType)) return bad(k.name + " must be an int");
    } else {
      return bad("keyword '" + k.name + "'");
    }
  }
  if (insort) {
    if (!refine_list_element(c.args[0], a[0], a[1], s, "element type from `bisect." + fn + "(...)`"))
      return bad("inserting a " + T.python_name(a[1]) + " into a " + T.python_name(a[0]));
    note_mutation(c.args[0], s);
    a[0] = r_.expr_type[c.args[0]];
  }
  TypeId el = T.arg(a[0], 0);
  if (el == kUnknown) return kUnknown;
  if (key) {
    TypeId kt = infer_key(key->value, el, s);
    if (kt == kUnknown) return kUnknown;
    // bisect_*(a, x, key=f) compares x with f(item): x is a key; insort_* applies f to x.
    if (search && r_.types.unify(kt, a[1]) != kt && !(T.is_numeric(kt) && T.is_numeric(a[1])))
      return bad("x (" + T.python_name(a[1]) + ") is compared with keys of type " + T.python_name(kt));
  } else {
    if (!orderable(el, s)) return bad("items of type " + T.python_name(el) + " cannot be ordered");
    if (search && r_.types.unify(el, a[1]) != el) return bad("x (" + T.python_name(a[1]) + ") is compared with items of type " + T.python_name(el));
  }
  return search ? kInt : kNoneType;
}

}  // namespace py2cpp::sema
