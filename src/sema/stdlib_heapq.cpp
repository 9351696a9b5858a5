// Calls into the heapq module: heapq.xxx(...) and `from heapq import xxx`, typed against
// runtime/py2cpp/heapq.hpp (CPython 3.11's sift algorithms, so a printed heap matches).
// The heap is a list whose items Python can order; anything else stays an honest stub.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// `heap = []` then heappush(heap, x): x decides the list's element type, as append(x) does.
bool Analyzer::refine_list_element(ExprId list, TypeId list_t, TypeId item, Scope& s, const std::string& why) {
  TypeId el = r_.types.arg(list_t, 0);
  TypeId u = r_.types.unify(el, item);
  if (u == kUnknown) return false;
  if (u != el) refine_variable(list, list_t, r_.types.list_of(u), s, why);
  return true;
}

TypeId Analyzer::infer_heapq_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  (void)e;
  std::vector<TypeId> a;
  if (!infer_stdlib_arguments(c, s, true, a)) return kUnknown;
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "heapq." + fn + "(): " + why);
    return kUnknown;
  };
  bool is_list = !a.empty() && T.kind(a[0]) == TypeKind::List;
  auto heap_items = [&]() -> TypeId {  // the heap's element type once it is known to be orderable
    TypeId el = T.arg(a[0], 0);
    if (el == kUnknown) return kUnknown;
    if (!orderable(el, s)) return bad("items of type " + T.python_name(el) + " cannot be ordered");
    return el;
  };
  if (fn == "heappush" || fn == "heapreplace" || fn == "heappushpop") {
    if (a.size() != 2 || !c.keywords.empty() || !is_list) return bad("takes a list and an item");
    if (!refine_list_element(c.args[0], a[0], a[1], s, "element type from `heapq." + fn + "(...)`"))
      return bad("pushing a " + T.python_name(a[1]) + " onto a " + T.python_name(a[0]));
    note_mutation(c.args[0], s);
    a[0] = r_.expr_type[c.args[0]];
    TypeId el = heap_items();
    if (el == kUnknown) return kUnknown;
    return fn == "heappush" ? kNoneType : el;
  }
  if (fn == "heappop" || fn == "heapify") {
    if (a.size() != 1 || !c.keywords.empty() || !is_list) return bad("takes a list");
    note_mutation(c.args[0], s);
    TypeId el = heap_items();
    if (el == kUnknown) return kUnknown;
    return fn == "heappop" ? el : kNoneType;
  }
  if (fn == "nlargest" || fn == "nsmallest") {
    if (a.size() != 2 || (a[0] != kInt && a[0] != kBool)) return bad("takes an int and an iterable");
    for (const auto& k : c.keywords)
      if (k.name != "key") return bad("keyword '" + k.name + "'");
    TypeId el = element_type_of_iterable(a[1]);
    if (el == kUnknown || T.kind(a[1]) == TypeKind::Generator) return bad("the items must be a list, str, range, set or dict");
    const Keyword* key = keyword_argument(c, "key");
    if (key && !get_if<NoneLit>(m_, key->value)) {
      if (infer_key(key->value, el, s) == kUnknown) return kUnknown;
    } else if (!orderable(el, s)) {
      return bad("items of type " + T.python_name(el) + " cannot be ordered");
    }
    return r_.types.list_of(el);
  }
  if (fn == "merge") return bad("merge() is a generator (not supported yet)");
  return bad("not supported");
}

}  // namespace py2cpp::sema
