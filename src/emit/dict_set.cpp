// Dicts and sets: literals, d[k], methods, set()/list()/dict(), `del d[k]`. The runtime types
// (py::dict, py::set) carry Python's semantics; the C++ here reads like the Python.
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

namespace {

// A constant after CPython's AST optimizer: literals, signs, operators on constants, tuples
// of constants. A set display made only of these becomes a frozenset constant in CPython.
bool is_python_constant(const Module& m, ExprId e) {
  const ExprNode& n = m.exprs[e].node;
  if (std::holds_alternative<IntLit>(n) || std::holds_alternative<FloatLit>(n) || std::holds_alternative<StrLit>(n) ||
      std::holds_alternative<BoolLit>(n) || std::holds_alternative<NoneLit>(n))
    return true;
  if (auto* u = std::get_if<UnaryOp>(&n)) return is_python_constant(m, u->operand);
  if (auto* b = std::get_if<BinOp>(&n)) return is_python_constant(m, b->left) && is_python_constant(m, b->right);
  if (auto* t = std::get_if<TupleLit>(&n)) {
    for (ExprId x : t->elts)
      if (!is_python_constant(m, x)) return false;
    return true;
  }
  return false;
}

bool all_constant(const Module& m, const std::vector<ExprId>& xs) {
  for (ExprId x : xs)
    if (!is_python_constant(m, x)) return false;
  return true;
}

// Mirrors py::stable_hash: CPython's set order is reproducible for these element types.
bool stable_hash(const S::TypeTable& T, S::TypeId t) {
  switch (T.kind(t)) {
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Bool:
      return true;
    case TypeKind::Tuple:
      for (S::TypeId a : T.get(t).args)
        if (!stable_hash(T, a)) return false;
      return true;
    default:
      return false;
  }
}

}  // namespace

// An element inside braces: tuples and empty containers as nested braces (`{1, 2}`, `{}`).
std::string Emitter::braced(ExprId e, S::TypeId t) {
  if (auto* tuple = get_if<TupleLit>(m_, e); tuple && s_.types.kind(t) == TypeKind::Tuple) {
    std::string out = "{";
    for (size_t i = 0; i < tuple->elts.size(); ++i) out += (i ? ", " : "") + str(tuple->elts[i], s_.types.arg(t, i));
    return out + "}";
  }
  if (auto* l = get_if<ListLit>(m_, e); l && l->elts.empty()) return "{}";
  if (auto* d = get_if<DictLit>(m_, e); d && d->keys.empty()) return "{}";
  return str(e, t);
}

// The inside of a dict/set literal's braces: `{k1, v1}, {k2, v2}` or `a, b`.
std::string Emitter::literal_items(ExprId e, S::TypeId t) {
  const S::TypeTable& T = s_.types;
  std::string out;
  if (auto* d = get_if<DictLit>(m_, e)) {
    for (size_t i = 0; i < d->keys.size(); ++i)
      out += fmt::format("{}{{{}, {}}}", i ? ", " : "", braced(d->keys[i], T.arg(t, 0)), braced(d->values[i], T.arg(t, 1)));
  } else if (auto* l = get_if<SetLit>(m_, e)) {
    for (size_t i = 0; i < l->elts.size(); ++i) out += (i ? ", " : "") + braced(l->elts[i], T.arg(t, 0));
  }
  return out;
}

// A dict or set literal. `in_loop`: the iterable of a for loop, which CPython folds further.
CppExpr Emitter::collection_literal(ExprId e, S::TypeId expected, bool in_loop) {
  S::TypeId t = s_.expr_type[e];
  if (s_.types.has_unknown(t) && expected != S::kUnknown) t = literal_type(expected);
  std::string type = cpp_type(t);
  std::string items = literal_items(e, t);
  if (auto* l = get_if<SetLit>(m_, e); l && stable_hash(s_.types, s_.types.arg(t, 0)) && all_constant(m_, l->elts)) {
    // CPython compiles `{3, 1, 2}` to a frozenset constant, which decides the order.
    if (in_loop) return {type + "::frozen_constant({" + items + "})", 2};
    if (l->elts.size() > 2) return {type + "::folded({" + items + "})", 2};
  }
  return {type + "{" + items + "}", 2};
}

// `d = {...}`, `s = set()`: the braces alone, as the type is on the left; `otherwise` for other
// values and for constant sets, which need the runtime's named constructor.
std::string Emitter::collection_initializer(ExprId value, S::TypeId target_t, const std::string& otherwise) {
  if (auto* c = get_if<Call>(m_, value); c && c->args.empty() && c->keywords.empty())
    if (auto* f = get_if<Name>(m_, c->func); f && s_.name_ref[c->func].kind == S::NameRef::Builtin &&
                                              (f->id == "set" || f->id == "dict"))
      return "{}";
  // defaultdict(int), Counter(): the declared type says it all.
  if (auto* c = get_if<Call>(m_, value)) {
    std::string callee = S::stdlib_callee(m_, s_, c->func);
    if (callee == "collections.defaultdict" ||
        ((callee == "collections.Counter" || callee == "collections.OrderedDict") && c->args.empty()))
      return "{}";
  }
  if (!get_if<DictLit>(m_, value) && !get_if<SetLit>(m_, value)) return otherwise;
  std::string full = collection_literal(value, target_t, false).text;
  std::string type = cpp_type(s_.types.has_unknown(s_.expr_type[value]) ? target_t : s_.expr_type[value]);
  if (full.rfind(type + "{", 0) == 0) return full.substr(type.size());
  return full;
}

// A key inside d[...]: `d[a, b]` and `d[(a, b)]` as `{a, b}`.
std::string Emitter::dict_key(const Subscript& sub) {
  S::TypeId dict_t = s_.expr_type[sub.value];
  std::string key = braced(sub.index, s_.types.arg(dict_t, 0));
  // `d[[&] { ... }()]` would open an attribute: a lambda key (`d[k or 0]`) goes in parentheses.
  return key.rfind('[', 0) == 0 ? "(" + key + ")" : key;
}

CppExpr Emitter::dict_subscript(const Subscript& sub) {
  const std::string& kind = s_.types.dict_kind(s_.expr_type[sub.value]);
  if (kind == "defaultdict") return {dict_store_target(sub), 2};  // inserts the default when missing
  if (kind == "Counter") return {paren(expr(sub.value), 2) + ".get(" + dict_key(sub) + ", 0)", 2};  // 0, not inserted
  return {paren(expr(sub.value), 2) + ".at(" + dict_key(sub) + ")", 2};
}

std::string Emitter::dict_store_target(const Subscript& sub) {
  return paren(expr(sub.value), 2) + "[" + dict_key(sub) + "]";
}

CppExpr Emitter::dict_method(ExprId obj, const std::string& method, const Call& c) {
  const S::TypeTable& T = s_.types;
  S::TypeId ot = s_.expr_type[obj];
  S::TypeId k = T.arg(ot, 0), v = T.arg(ot, 1);
  std::string o = paren(expr(obj), 2);
  if (T.dict_kind(ot) == "Counter" && (method == "update" || method == "most_common" || method == "total")) {
    // Counter's own methods; a str is counted by code point.
    std::string a = c.args.empty() ? "" : s_.expr_type[c.args[0]] == S::kStr ? "py::chars(" + as_std_string(c.args[0]) + ")" : str(c.args[0]);
    return {o + "." + method + "(" + a + ")", 2};
  }
  if (T.dict_kind(ot) == "OrderedDict" && (method == "move_to_end" || method == "popitem")) {
    // od.move_to_end(k, last), od.popitem(last): `last` positional or by keyword.
    std::string a = method == "move_to_end" ? braced(c.args[0], k) : "";
    ExprId last = c.args.size() > (method == "move_to_end" ? 1u : 0u) ? c.args.back() : kNoNode;
    if (const Keyword* kw = keyword(c, "last")) last = kw->value;
    if (last != kNoNode) a += (a.empty() ? "" : ", ") + condition(last);
    return {o + "." + method + "(" + a + ")", 2};
  }
  std::string args_text;
  for (size_t i = 0; i < c.args.size(); ++i) {
    // d.get(k, None) is d.get(k): std::nullopt when missing.
    if (i == 1 && method == "get" && s_.expr_type[c.args[1]] == S::kNoneType) break;
    // d.pop(k, None): the runtime's overload for a None default.
    if (i == 1 && method == "pop" && s_.expr_type[c.args[1]] == S::kNoneType) {
      args_text += ", py::None";
      break;
    }
    args_text += (i ? ", " : "") + braced(c.args[i], i == 0 && method != "update" ? k : (i == 0 ? ot : v));
  }
  return {o + "." + method + "(" + args_text + ")", 2};
}

CppExpr Emitter::set_method(ExprId obj, const std::string& method, const Call& c) {
  const S::TypeTable& T = s_.types;
  S::TypeId ot = s_.expr_type[obj];
  std::string o = paren(expr(obj), 2);
  std::string arg;
  if (!c.args.empty()) {
    ExprId a = c.args[0];
    S::TypeId at = s_.expr_type[a];
    if (at == S::kStr && method != "add" && method != "remove" && method != "discard")
      arg = "py::chars(" + as_std_string(a) + ")";  // a str argument is an iterable of characters
    else
      arg = braced(a, T.kind(at) == TypeKind::Set || T.kind(at) == TypeKind::List ? at : T.arg(ot, 0));
  }
  // `union` is a C++ keyword.
  std::string name = method == "union" ? "union_" : method;
  return {o + "." + name + "(" + arg + ")", 2};
}

// set(), set(xs), list(xs), dict(), dict(d), dict(pairs).
CppExpr Emitter::collection_builtin(ExprId e, const std::string& name, const Call& c, S::TypeId expected) {
  S::TypeId t = s_.expr_type[e];
  if (s_.types.has_unknown(t) && expected != S::kUnknown) t = literal_type(expected);
  if (c.args.empty()) return {cpp_type(t) + "()", 2};
  ExprId a = c.args[0];
  S::TypeId at = s_.expr_type[a];
  std::string arg = at == S::kStr ? "py::chars(" + as_std_string(a) + ")" : str(a);
  // dict(dd) of a defaultdict / Counter / OrderedDict: a plain dict (its base, copied).
  if (name == "dict" && s_.types.kind(at) == TypeKind::Dict && s_.types.kind(t) == TypeKind::Dict &&
      s_.types.dict_kind(at) != s_.types.dict_kind(t))
    return {cpp_type(t) + "(static_cast<const " + cpp_type(t) + "&>(" + arg + "))", 2};  // all derive from py::dict
  // set(s) and dict(d) copy as Python does (for sets: a merge into a new table, not a clone).
  if ((name == "set" && s_.types.kind(at) == TypeKind::Set) || (name == "dict" && s_.types.kind(at) == TypeKind::Dict))
    return {paren(expr(a), 2) + ".copy()", 2};
  if (name == "list") return {"py::list(" + arg + ")", 2};
  if (name == "tuple") return {cpp_type(t) + "(py::list(" + arg + "))", 2};  // the items, as a list first
  return {cpp_type(t) + "(" + arg + ")", 2};
}

// `for ... in d.items()` / `in s` where the body changes d or s: bind loop variables by value,
// as Python's names keep the old objects (and the runtime raises if the size changes).
bool Emitter::iterates_changed_collection(const For& f) const {
  ExprId base = f.iter;
  if (auto* c = get_if<Call>(m_, f.iter))
    if (auto* at = get_if<Attribute>(m_, c->func)) base = at->value;
  auto* n = get_if<Name>(m_, base);
  TypeKind k = s_.types.kind(s_.expr_type[base]);
  return n && (k == TypeKind::Dict || k == TypeKind::Set) && mutated_in(f.body, n->id);
}

// `d.setdefault(k, []).append(x)`: emitted as a C++ member call whose object expression C++17
// evaluates before the arguments, so when only the object has effects the order is already
// Python's and needs no temporaries.
bool Emitter::object_sequenced_first(const Call& c) const {
  auto* at = get_if<Attribute>(m_, c.func);
  if (!at || !has_effects(at->value)) return false;
  for (ExprId a : c.args)
    if (has_effects(a)) return false;
  for (const auto& k : c.keywords)
    if (has_effects(k.value)) return false;
  TypeKind k = s_.types.kind(s_.expr_type[at->value]);
  return k == TypeKind::Dict || k == TypeKind::Set ||
         (k == TypeKind::List && (at->attr == "append" || at->attr == "clear"));
}

}  // namespace py2cpp
