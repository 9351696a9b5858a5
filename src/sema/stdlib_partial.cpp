// functools.partial(f, args..., name=value) and functools.cmp_to_key(cmp).
//
// A partial of a module function is a Callable of the parameters left unbound (those before the
// first keyword-bound one: CPython passes the call's positional arguments after the bound ones,
// and a positional argument for a keyword-bound parameter is its TypeError); parameters after
// it must have defaults, and trailing defaulted ones are left to their defaults. The bound
// values are evaluated once, when partial() runs, as in CPython, and the C++ lambda keeps them
// (emit/stdlib_partial.cpp). A bound list, dict or set is a stub: CPython's partial keeps a
// reference that sees later changes, a C++ copy would not.
//
// cmp_to_key(cmp) is a key (for sorted, list.sort, min, max, heapq) whose values compare by
// calling cmp (runtime/py2cpp/functools.hpp, CmpKey); typed Callable[[T, T], R] named "cmp_to_key".
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// Values a C++ copy may stand for: Python cannot change them in place (instances are shared handles).
bool immutable_value(const TypeTable& T, TypeId t) {
  switch (T.kind(t)) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str:
    case TypeKind::None:
    case TypeKind::Enum:
    case TypeKind::Class:
    case TypeKind::Callable:
      return true;
    case TypeKind::Optional:
    case TypeKind::Tuple:
    case TypeKind::Union:
      for (TypeId a : T.get(t).args)
        if (!immutable_value(T, a)) return false;
      return true;
    default: return false;
  }
}

}  // namespace

TypeId Analyzer::infer_partial(const Call& c, Scope& s) {
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "functools.partial(): " + why);
    return kUnknown;
  };
  std::vector<TypeId> bound;
  for (size_t i = 1; i < c.args.size(); ++i) bound.push_back(infer(c.args[i], s));
  for (const auto& k : c.keywords) infer(k.value, s);
  if (c.args.empty()) return bad("takes a function and the arguments to bind");
  ExprId f = c.args[0];
  auto* n = get_if<Name>(m_, f);
  if (n) infer_name(f, *n, s);
  if (!n || r_.name_ref[f].kind != NameRef::Function)
    return bad("'" + expr_text(f) + "' is not a module function (a method, lambda or Callable value is not supported: "
               "write a lambda or a small def that calls it)");
  const Function& fn = r_.functions[r_.name_ref[f].index];
  if (!fn.signature_ok || fn.owner >= 0) return bad("'" + fn.name + "' could not be translated");
  if (fn.is_generator) return bad("'" + fn.name + "' is a generator");
  for (size_t i = 0; i < fn.num_params; ++i) {
    ParamKind k = fn.vars[i].param_kind;
    if (k == ParamKind::VarArgs || k == ParamKind::KwArgs) return bad("'" + fn.name + "' has *args or **kwargs");
  }
  if (bound.size() > fn.num_params) return bad("more arguments than '" + fn.name + "' takes");
  std::vector<bool> is_bound(fn.num_params, false);
  size_t first_keyword = fn.num_params;
  auto check = [&](size_t i, TypeId t, ExprId value) -> bool {
    const Variable& p = fn.vars[i];
    if (t == kUnknown) return false;
    if (T.unify(p.type, t) != p.type) {
      bad("'" + p.name + "' is a " + T.python_name(p.type) + ", got a " + T.python_name(t));
      return false;
    }
    if (!immutable_value(T, t)) {
      bad("binding the " + T.python_name(t) + " `" + expr_text(value) +
          "` (partial keeps a reference that sees later changes; pass it at each call)");
      return false;
    }
    is_bound[i] = true;
    return true;
  };
  for (size_t i = 0; i < bound.size(); ++i) {
    if (fn.vars[i].param_kind == ParamKind::KeywordOnly) return bad("a positional argument for keyword-only '" + fn.vars[i].name + "'");
    if (!check(i, bound[i], c.args[i + 1])) return kUnknown;
  }
  for (const auto& k : c.keywords) {
    size_t i = 0;
    while (i < fn.num_params && fn.vars[i].name != k.name) ++i;
    if (i == fn.num_params) return bad("'" + fn.name + "' has no parameter '" + k.name + "'");
    if (is_bound[i]) return bad("'" + k.name + "' is bound twice");
    if (!check(i, r_.expr_type[k.value], k.value)) return kUnknown;
    first_keyword = std::min(first_keyword, i);
  }
  // The Callable's parameters: the unbound ones before the first keyword-bound one, without the
  // trailing ones that have defaults (left to them).
  size_t last = first_keyword;
  while (last > 0 && !is_bound[last - 1] && fn.vars[last - 1].default_value != kNoNode) --last;
  std::vector<TypeId> params;
  for (size_t i = 0; i < fn.num_params; ++i) {
    if (is_bound[i]) continue;
    const Variable& p = fn.vars[i];
    if (i < last) {
      if (p.param_kind == ParamKind::KeywordOnly) return bad("keyword-only '" + p.name + "' is left unbound (bind it)");
      params.push_back(p.type);
    } else if (p.default_value == kNoNode) {
      return bad("'" + p.name + "' comes after a keyword-bound parameter and has no default (CPython could only take "
                 "it by keyword: bind it too)");
    }
  }
  return T.callable_of(params, fn.return_type);
}

// key=cmp_to_key(cmp) / key=functools.cmp_to_key(cmp): cmp a lambda of two items, a module
// function or a Callable value of (T, T) returning int or float. std::nullopt: not cmp_to_key.
std::optional<TypeId> Analyzer::infer_cmp_key(ExprId key, TypeId elem, Scope& s) {
  auto* c = get_if<Call>(m_, key);
  if (!c) return std::nullopt;
  std::string name;
  if (auto* n = get_if<Name>(m_, c->func)) {
    auto it = from_imports_.find(n->id);
    if (it != from_imports_.end()) name = it->second;
  } else if (auto* a = get_if<Attribute>(m_, c->func)) {
    if (auto* b = get_if<Name>(m_, a->value); b && b->id == "functools") name = "functools." + a->attr;
  }
  if (name != "functools.cmp_to_key") return std::nullopt;
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "key=" + expr_text(key) + ": " + why);
    return kUnknown;
  };
  if (c->args.size() != 1 || !c->keywords.empty()) return bad("cmp_to_key takes one comparison function");
  if (elem == kUnknown) return kUnknown;
  ExprId cmp = c->args[0];
  TypeId rt = kUnknown;
  if (auto* l = get_if<Lambda>(m_, cmp)) {
    if (l->params.size() != 2) return bad("the comparison lambda must take two items");
    rt = infer_lambda(cmp, *l, {elem, elem}, s);
  } else {
    TypeId ft = infer(cmp, s);
    if (T.kind(ft) == TypeKind::Function && get_if<Name>(m_, cmp)) ft = function_value(cmp, kUnknown, s);
    if (ft == kUnknown) return kUnknown;
    if (T.kind(ft) != TypeKind::Callable || T.get(ft).args.size() != 3 || T.arg(ft, 0) != elem || T.arg(ft, 1) != elem)
      return bad("the comparison must take two " + T.python_name(elem) + " items, got a " + T.python_name(ft));
    rt = T.arg(ft, 2);
    r_.expr_type[cmp] = ft;
  }
  if (rt == kUnknown) return kUnknown;
  if (rt != kInt && rt != kFloat && rt != kBool) return bad("the comparison must return an int (negative, 0, positive), got " + T.python_name(rt));
  TypeId kt = T.intern({TypeKind::Callable, {elem, elem, rt}, "cmp_to_key"});
  r_.expr_type[key] = kt;
  return kt;
}

}  // namespace py2cpp::sema
