// Dicts and sets: literals, d[k] reads and stores, methods, set algebra, `in`, `del d[k]`, and
// the set()/list()/dict() constructors. Empty literals (`{}`, `set()`) start with unknown
// element types that later uses refine, as `xs = []` does for lists.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// unify() that also accepts a side still unknown (unify(Unknown, Unknown) is Unknown too).
bool merge_types(TypeTable& T, TypeId a, TypeId b, TypeId* out) {
  if (a == kUnknown || b == kUnknown) {
    *out = a == kUnknown ? b : a;
    return true;
  }
  *out = T.unify(a, b);
  return *out != kUnknown;
}

}  // namespace

// Types Python can hash and py::Hash knows: numbers, str and tuples of them.
bool Analyzer::is_hashable(TypeId t) const {
  const TypeTable& T = r_.types;
  switch (T.kind(t)) {
    case TypeKind::Unknown:
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str:
    case TypeKind::Enum:  // hash(member) is hash(member.name): a str hash, so sets keep insertion order
      return true;
    case TypeKind::TypeParam:  // hashable if its binding is (sema/generics.cpp)
      require_of_type_param(t, kNeedsHashable);
      return true;
    case TypeKind::Set:  // a frozenset of hashable elements (sets are unhashable)
      return T.is_frozenset(t) && is_hashable(T.arg(t, 0));
    case TypeKind::List:  // a tuple[T, ...] of hashable items (lists are unhashable)
      return T.is_vtuple(t) && T.kind(T.arg(t, 0)) != TypeKind::Class && is_hashable(T.arg(t, 0));
    case TypeKind::Tuple:
      // Items compare with == inside a C++ tuple: instances there would compare by identity.
      for (TypeId a : T.get(t).args)
        if (T.kind(a) == TypeKind::Class || !is_hashable(a)) return false;
      return true;
    case TypeKind::Class: {
      // Python: a frozen dataclass or NamedTuple hashes its fields, a class may define __hash__,
      // a class without __eq__ hashes by identity; __eq__ without __hash__ makes it unhashable.
      auto it = r_.class_index.find(T.get(t).name);
      if (it == r_.class_index.end()) return false;
      const Class* c = &r_.classes[it->second];
      bool has_hash = false, has_eq = false;
      for (const Class* k = c; k; k = k->base >= 0 ? &r_.classes[k->base] : nullptr) {
        has_hash = has_hash || k->methods.count("__hash__") > 0;
        has_eq = has_eq || k->methods.count("__eq__") > 0 || (k->is_dataclass && k->dataclass_eq);
      }
      return has_hash || !has_eq || (c->is_dataclass && c->is_frozen && c->dataclass_eq && c->fields_hashable);
    }
    default:
      return false;
  }
}

// A container variable learns its element types from use (`d = {}` then `d[k] = v`). Only a
// plain name can be refined; false if obj is something else.
bool Analyzer::refine_variable(ExprId obj, TypeId old_t, TypeId new_t, Scope& s, const std::string& why) {
  if (new_t == old_t) return true;
  // `groups[k].append(x)` on a defaultdict(list): the dict's value type is refined.
  if (auto* sub = get_if<Subscript>(m_, obj); sub && !get_if<Slice>(m_, sub->index)) {
    TypeId dict_t = r_.expr_type[sub->value];
    if (r_.types.kind(dict_t) != TypeKind::Dict || r_.types.arg(dict_t, 1) != old_t) return false;
    if (!refine_variable(sub->value, dict_t, r_.types.dict_like(dict_t, r_.types.arg(dict_t, 0), new_t), s, why)) return false;
    r_.expr_type[obj] = new_t;
    return true;
  }
  auto* n = get_if<Name>(m_, obj);
  if (!n) return false;
  bind_name(obj, n->id, new_t, s, why);
  r_.expr_type[obj] = new_t;
  return true;
}

TypeId Analyzer::infer_dict_literal(const DictLit& d, Scope& s, TypeId expected) {
  TypeTable& T = r_.types;
  TypeId ek = kUnknown, ev = kUnknown;
  if (T.kind(expected) == TypeKind::Dict) ek = T.arg(expected, 0), ev = T.arg(expected, 1);
  TypeId k = kUnknown, v = kUnknown;
  for (size_t i = 0; i < d.keys.size(); ++i) {
    if (d.keys[i] == kNoNode) {
      infer(d.values[i], s);
      unsupported(s, StubKind::Kwargs, "**mapping in a dict literal is not supported yet");
      return kUnknown;
    }
    TypeId kt = infer(d.keys[i], s, ek);
    TypeId vt = infer(d.values[i], s, ev);
    if (T.kind(ev) == TypeKind::Union && T.unify(ev, vt) == ev) vt = ev;  // `{"a": 1, "b": "x"}` of `int | str`
    if (!is_hashable(kt)) {
      unsupported(s, StubKind::UnhashableKey, "unhashable dict key type " + T.python_name(kt));
      return kUnknown;
    }
    if (!merge_types(T, k, kt, &k) || !merge_types(T, v, vt, &v)) {
      unsupported(s, StubKind::TypeMismatch, "dict literal mixes key or value types (a C++ dict has one key and one value type)");
      return kUnknown;
    }
  }
  TypeId u;
  if (merge_types(T, ek, k, &u)) k = u;
  if (merge_types(T, ev, v, &u)) v = u;
  return T.dict_of(k, v);
}

TypeId Analyzer::infer_set_literal(const SetLit& l, Scope& s, TypeId expected) {
  TypeTable& T = r_.types;
  TypeId expected_el = T.kind(expected) == TypeKind::Set ? T.arg(expected, 0) : kUnknown;
  TypeId el = kUnknown;
  for (ExprId x : l.elts) {
    if (std::holds_alternative<Starred>(m_.expr(x).node)) {
      unsupported(s, StubKind::StarArgs, "starred element in a set literal");
      return kUnknown;
    }
    TypeId t = infer(x, s, expected_el);
    if (!is_hashable(t)) {
      unsupported(s, StubKind::UnhashableKey, "unhashable set element type " + T.python_name(t));
      return kUnknown;
    }
    if (!merge_types(T, el, t, &el)) {
      unsupported(s, StubKind::TypeMismatch, "set literal mixes element types (a C++ set has one element type)");
      return kUnknown;
    }
  }
  TypeId u;
  if (merge_types(T, expected_el, el, &u)) el = u;
  return T.set_of(el);
}

// d[k] read: KeyError when missing (the runtime's at()).
TypeId Analyzer::infer_dict_subscript(TypeId dict_t, const Subscript& sub, Scope& s) {
  TypeTable& T = r_.types;
  if (get_if<Slice>(m_, sub.index)) {
    unsupported(s, StubKind::OperationNotDefined, "slicing a dict");
    return kUnknown;
  }
  TypeId k = T.arg(dict_t, 0), v = T.arg(dict_t, 1);
  TypeId it = infer(sub.index, s, k);
  TypeId u;
  if (!merge_types(T, k, it, &u) || (k != kUnknown && u != k)) {
    unsupported(s, StubKind::TypeMismatch, "key of type " + T.python_name(it) + " for a " + T.python_name(dict_t));
    return kUnknown;
  }
  if (u != k) refine_variable(sub.value, dict_t, T.dict_like(dict_t, u, v), s, "key type from `" + expr_text(sub.value) + "[...]`");
  // A defaultdict inserts the default for a missing key: reading d[k] changes d.
  if (T.dict_kind(dict_t) == "defaultdict") note_mutation(sub.value, s);
  return v;
}

// d[k] = v: inserts or replaces; types of an empty dict are learnt here.
void Analyzer::store_dict_item(ExprId target, const Subscript& sub, TypeId value, Scope& s) {
  TypeTable& T = r_.types;
  TypeId dict_t = r_.expr_type[sub.value];
  TypeId k = T.arg(dict_t, 0), v = T.arg(dict_t, 1);
  TypeId it = infer(sub.index, s, k);
  note_mutation(sub.value, s);
  r_.expr_type[target] = v;
  TypeId uk, uv;
  if (!merge_types(T, k, it, &uk) || !is_hashable(it)) {
    unsupported(s, StubKind::TypeMismatch, "key of type " + T.python_name(it) + " for a " + T.python_name(dict_t));
    return;
  }
  if (!merge_types(T, v, value, &uv)) {
    unsupported(s, StubKind::TypeMismatch, "storing a " + T.python_name(value) + " into a " + T.python_name(dict_t));
    return;
  }
  TypeId refined = T.dict_like(dict_t, uk, uv);
  if (!refine_variable(sub.value, dict_t, refined, s, "item assignment `" + expr_text(target) + " = ...`")) {
    unsupported(s, StubKind::TypeMismatch, "storing a " + T.python_name(value) + " into a " + T.python_name(dict_t));
    return;
  }
  r_.expr_type[target] = uv;
  note_int_as_float(s, m_.expr(target).span, value, uv, "a value of '" + expr_text(sub.value) + "'");
}

TypeId Analyzer::infer_dict_method(ExprId obj, TypeId ot, const std::string& method, const Call& c,
                                   const std::vector<TypeId>& a, Scope& s) {
  TypeTable& T = r_.types;
  const TypeId k = T.arg(ot, 0), v = T.arg(ot, 1);
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, T.python_name(ot) + "." + method + "(): " + why);
    return kUnknown;
  };
  if (T.dict_kind(ot) == "Counter")
    if (auto t = infer_counter_method(obj, ot, method, c, a, s)) return *t;
  if (T.dict_kind(ot) == "OrderedDict" && (method == "move_to_end" || method == "popitem")) {
    // od.move_to_end(k, last=True), od.popitem(last=True): `last` positional or by keyword.
    std::vector<ExprId> last(c.args.begin() + (method == "move_to_end" && !c.args.empty() ? 1 : 0), c.args.end());
    for (const auto& kw : c.keywords) {
      if (kw.name != "last") return bad("unexpected keyword '" + kw.name + "'");
      infer(kw.value, s);
      last.push_back(kw.value);
    }
    if (last.size() > 1 || (method == "move_to_end" && c.args.empty())) return bad(method == "popitem" ? "takes last=" : "takes a key and last=");
    for (ExprId l : last)
      if (TypeId lt = r_.expr_type[l]; lt != kBool) return bad("last must be a bool");
    note_mutation(obj, s);
    if (method == "popitem") return k == kUnknown || v == kUnknown ? kUnknown : T.tuple_of({k, v});
    TypeId u;
    if (!merge_types(T, k, a[0], &u) || (k != kUnknown && u != k)) return bad("key of type " + T.python_name(a[0]));
    return kNoneType;
  }
  if (!c.keywords.empty()) return bad("keyword arguments are not supported");
  const std::string why = "`" + expr_text(obj) + "." + method + "(...)`";
  // The key argument must fit the key type; an empty dict learns it.
  auto key_arg = [&](TypeId kt) {
    TypeId u;
    if (!merge_types(T, k, kt, &u) || (k != kUnknown && u != k) || !is_hashable(kt)) return false;
    if (u != k) refine_variable(obj, ot, T.dict_like(ot, u, v), s, "key type from " + why);
    return true;
  };
  // d.get(k, default) / d.pop(k, default): one C++ type for the value or the default.
  auto with_default = [&](TypeId dt) -> TypeId {
    if (dt == kNoneType) return v == kUnknown ? kUnknown : T.optional_of(v);
    if (v == kUnknown) return dt;
    if (T.unify(v, dt) != v) return bad("default of type " + T.python_name(dt) + " for values of type " + T.python_name(v));
    return v;
  };
  static const std::set<std::string> mutating = {"setdefault", "pop", "popitem", "update", "clear"};
  if (mutating.count(method) && T.is_frozenset(ot)) return bad("a frozenset cannot change (AttributeError); build a new one");
  if (mutating.count(method)) note_mutation(obj, s);

  if (method == "get" || method == "pop") {
    if (a.empty() || a.size() > 2) return bad("takes a key and an optional default");
    if (!key_arg(a[0])) return bad("key of type " + T.python_name(a[0]));
    if (a.size() == 2) {
      return with_default(a[1]);
    }
    if (method == "pop") return v;
    return v == kUnknown ? kUnknown : T.optional_of(v);  // None when missing
  }
  if (method == "setdefault") {
    if (a.size() != 2) return bad("needs a default (without one Python stores None)");
    TypeId uk, uv;
    if (!merge_types(T, k, a[0], &uk) || !is_hashable(a[0])) return bad("key of type " + T.python_name(a[0]));
    if (!merge_types(T, v, a[1], &uv) || (v != kUnknown && uv != v))
      return bad("default of type " + T.python_name(a[1]) + " for values of type " + T.python_name(v));
    if (!refine_variable(obj, ot, T.dict_like(ot, uk, uv), s, why) && (uk != k || uv != v)) return bad("types differ");
    return uv;
  }
  if (method == "popitem") {
    if (!a.empty()) return bad("takes no arguments");
    return k == kUnknown || v == kUnknown ? kUnknown : T.tuple_of({k, v});
  }
  if (method == "keys" || method == "values" || method == "items") {
    if (!a.empty()) return bad("takes no arguments");
    TypeId el = method == "keys" ? k : method == "values" ? v : T.tuple_of({k, v});
    if (T.has_unknown(el)) return kUnknown;
    return T.dict_view("dict_" + method, el);
  }
  if (method == "update") {
    if (a.size() != 1 || T.kind(a[0]) != TypeKind::Dict) return bad("takes one dict");
    TypeId uk, uv;
    if (!merge_types(T, k, T.arg(a[0], 0), &uk) || !merge_types(T, v, T.arg(a[0], 1), &uv))
      return bad("key or value types differ");
    if (!refine_variable(obj, ot, T.dict_like(ot, uk, uv), s, why) && (uk != k || uv != v)) return bad("types differ");
    return kNoneType;
  }
  if (method == "copy") return a.empty() ? ot : bad("takes no arguments");
  if (method == "clear") return a.empty() ? kNoneType : bad("takes no arguments");
  return bad("not supported");
}

TypeId Analyzer::infer_set_method(ExprId obj, TypeId ot, const std::string& method, const Call& c,
                                  const std::vector<TypeId>& a, Scope& s) {
  TypeTable& T = r_.types;
  const TypeId el = T.arg(ot, 0);
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, T.python_name(ot) + "." + method + "(): " + why);
    return kUnknown;
  };
  if (!c.keywords.empty()) return bad("keyword arguments are not supported");
  const std::string why = "`" + expr_text(obj) + "." + method + "(...)`";
  // An element (or the element type of an iterable argument) of a compatible type; `refine`
  // lets an empty set learn it.
  auto element = [&](TypeId t, bool refine) {
    TypeId u;
    if (!merge_types(T, el, t, &u) || !is_hashable(t)) return false;
    if (u == el) return true;
    if (!refine) return el == kUnknown;
    return refine_variable(obj, ot, T.set_of(u), s, "element type from " + why);
  };
  auto iterable_element = [&](TypeId t) {
    TypeId e = element_type_of_iterable(t);
    return T.kind(t) == TypeKind::Str && el != kStr ? kUnknown : e;
  };
  static const std::set<std::string> mutating = {"add", "remove", "discard", "pop", "clear", "update",
                                                 "intersection_update", "difference_update",
                                                 "symmetric_difference_update"};
  if (mutating.count(method)) note_mutation(obj, s);

  if (method == "add" || method == "remove" || method == "discard") {
    if (a.size() != 1) return bad("takes one argument");
    if (!element(a[0], true)) return bad("element of type " + T.python_name(a[0]));
    return kNoneType;
  }
  if (method == "pop") return a.empty() ? (el == kUnknown ? kUnknown : el) : bad("takes no arguments");
  if (method == "clear") return a.empty() ? kNoneType : bad("takes no arguments");
  if (method == "copy") return a.empty() ? ot : bad("takes no arguments");
  bool in_place = method.size() > 7 && method.compare(method.size() - 7, 7, "_update") == 0;
  if (method == "update" || in_place || method == "union" || method == "intersection" || method == "difference" ||
      method == "symmetric_difference") {
    if (a.size() != 1) return bad("takes one argument");
    TypeId e = iterable_element(a[0]);
    if (e == kUnknown && a[0] != kUnknown && !T.has_unknown(a[0])) return bad("argument must be an iterable");
    bool grows = method == "update" || method == "symmetric_difference_update";
    if (!element(e, grows)) return bad("elements of type " + T.python_name(e));
    if (method == "update" || in_place) return kNoneType;
    TypeId u;
    merge_types(T, el, e, &u);
    return T.set_like(ot, u);  // frozenset.union() is a frozenset
  }
  if (method == "issubset" || method == "issuperset" || method == "isdisjoint") {
    if (a.size() != 1 || T.kind(a[0]) != TypeKind::Set) return bad("takes one set");
    TypeId u;
    if (!merge_types(T, el, T.arg(a[0], 0), &u)) return bad("element types differ");
    return kBool;
  }
  return bad("not supported");
}

// set(), set(xs), list(xs), tuple(xs) (a tuple[T, ...]), dict(), dict(d), dict(pairs).
TypeId Analyzer::infer_collection_builtin(const std::string& name, const Call& c, const std::vector<TypeId>& a,
                                          Scope& s) {
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, name + "(): " + why);
    return kUnknown;
  };
  if (!c.keywords.empty()) return bad("keyword arguments are not supported");
  if (a.size() > 1) return bad("takes at most one argument");
  if (a.empty()) {
    if (name == "set") return T.set_of(kUnknown);
    if (name == "frozenset") return T.frozenset_of(kUnknown);
    if (name == "list") return T.list_of(kUnknown);
    if (name == "tuple") return T.vtuple_of(kUnknown);
    return T.dict_of(kUnknown, kUnknown);
  }
  TypeId el = element_type_of_iterable(a[0]);
  // frozenset((a, b)), list(t): a tuple whose items share one type, iterated as a std::array.
  if (T.kind(a[0]) == TypeKind::Tuple && name != "dict" && !T.get(a[0]).args.empty()) {
    const std::vector<TypeId>& items = T.get(a[0]).args;
    if (std::all_of(items.begin(), items.end(), [&](TypeId x) { return x == items[0]; })) {
      el = items[0];
      r_.iterated_tuples.insert(c.args[0]);
    }
  }
  if (el == kUnknown) return bad("argument of type " + T.python_name(a[0]) + " is not supported");
  if (name == "set" || name == "frozenset") {
    if (!is_hashable(el)) return bad("unhashable elements of type " + T.python_name(el));
    return name == "set" ? T.set_of(el) : T.frozenset_of(el);
  }
  if (name == "list") return T.list_of(el);
  if (name == "tuple") return T.vtuple_of(el);
  if (T.kind(a[0]) == TypeKind::Dict) return T.dict_of(T.arg(a[0], 0), T.arg(a[0], 1));  // dict(a_counter) is a dict
  // dict(pairs): an iterable of 2-tuples.
  if (T.kind(el) != TypeKind::Tuple || T.get(el).args.size() != 2 || !is_hashable(T.arg(el, 0)))
    return bad("needs a dict or an iterable of (key, value) pairs");
  return T.dict_of(T.arg(el, 0), T.arg(el, 1));
}

TypeId Analyzer::set_binop(BinOpKind op, TypeId l, TypeId r, Scope& s) {
  TypeTable& T = r_.types;
  auto fail = [&] {
    unsupported(s, StubKind::OperationNotDefined, std::string("operator ") + binop_symbol(op) + " on " + T.python_name(l) + " and " + T.python_name(r));
    return kUnknown;
  };
  bool algebra = op == BinOpKind::BitOr || op == BinOpKind::BitAnd || op == BinOpKind::Sub || op == BinOpKind::BitXor;
  if (!algebra || T.kind(l) != TypeKind::Set || T.kind(r) != TypeKind::Set) return fail();
  // set | frozenset is a set, frozenset | set a frozenset: the left operand's kind.
  TypeId el = T.unify(T.arg(l, 0), T.arg(r, 0));
  if (el == kUnknown && (T.arg(l, 0) != kUnknown || T.arg(r, 0) != kUnknown)) return fail();
  if (T.get(l).name == T.get(r).name) {
    TypeId u = T.unify(l, r);
    return u == kUnknown ? fail() : u;
  }
  return T.set_like(l, el);
}

// `x in d` (keys), `x in s`, `x in d.keys()/values()/items()`. False when container is none of these.
bool Analyzer::dict_set_membership(TypeId container, TypeId item, bool* ok) {
  TypeTable& T = r_.types;
  TypeId el;
  switch (T.kind(container)) {
    case TypeKind::Dict:
    case TypeKind::Set:
    case TypeKind::DictView:
      el = T.arg(container, 0);
      break;
    default:
      return false;
  }
  *ok = el == kUnknown || T.unify(el, item) != kUnknown;
  return true;
}

// `x in (a, b)`: each element must compare with x as C++ `==` compares it in Python: the same
// type, or two numbers. A tuple of strings, or of one enum, is the usual case (`op in ("+", "-")`).
bool Analyzer::tuple_membership(TypeId tuple, TypeId item) {
  const TypeTable& T = r_.types;
  for (TypeId el : T.get(tuple).args) {
    bool same = el == item || (T.is_numeric(el) && T.is_numeric(item));
    TypeKind k = T.kind(el);
    bool scalar = k == TypeKind::Bool || k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Str || k == TypeKind::Enum;
    if (!same || !scalar) return false;
  }
  return true;
}

}  // namespace py2cpp::sema
