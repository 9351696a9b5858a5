// collections.defaultdict and collections.Counter, typed as dicts of their own kind
// (TypeTable::dict_of(k, v, "defaultdict"/"Counter")) against runtime/py2cpp/collections.hpp:
// a defaultdict's d[k] inserts the factory's value for a missing key, a Counter's c[k] is 0
// without inserting. deque and the other classes stay honest stubs.
#include <algorithm>
#include <cmath>
#include <set>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

TypeId Analyzer::infer_collections_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  (void)e;
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "collections." + fn + "(): " + why);
    return kUnknown;
  };
  if (fn == "defaultdict") {
    // `defaultdict(lambda: defaultdict(int))`, `lambda: []`, `lambda: 0`: a factory making its
    // type's empty value, which the C++ map default-constructs for a missing key, as Python's
    // factory would produce it.
    if (auto* l = c.args.size() == 1 && c.keywords.empty() ? get_if<Lambda>(m_, c.args[0]) : nullptr; l && l->params.empty()) {
      ExprId b = l->body;
      TypeId v = kUnknown;
      if (auto* i = get_if<IntLit>(m_, b); i && i->value == 0) v = kInt;
      if (auto* f = get_if<FloatLit>(m_, b); f && f->value == 0.0 && !std::signbit(f->value)) v = kFloat;
      if (auto* st = get_if<StrLit>(m_, b); st && st->value.empty()) v = kStr;
      if (auto* bl = get_if<BoolLit>(m_, b); bl && !bl->value) v = kBool;
      if (auto* ll = get_if<ListLit>(m_, b); ll && ll->elts.empty()) v = T.list_of(kUnknown);
      if (auto* dl = get_if<DictLit>(m_, b); dl && dl->keys.empty()) v = T.dict_of(kUnknown, kUnknown);
      if (auto* call = get_if<Call>(m_, b)) {
        auto* callee = get_if<Name>(m_, call->func);
        static const std::set<std::string> empties = {"list", "set", "dict", "defaultdict", "Counter", "deque", "OrderedDict"};
        bool empty = callee && empties.count(callee->id) && (call->args.empty() || callee->id == "defaultdict") && call->keywords.empty();
        if (empty) v = infer(b, s);
      }
      if (v == kUnknown)
        return bad("a lambda factory must make an empty value (`lambda: defaultdict(int)`, `lambda: []`, `lambda: 0`); "
                   "for another start value, check the key: `if k not in d: d[k] = [0, 0]`");
      return T.dict_of(kUnknown, v, "defaultdict");
    }
    for (ExprId x : c.args) infer(x, s);
    for (const auto& k : c.keywords) infer(k.value, s);
    if (c.args.size() != 1 || !c.keywords.empty()) return bad("takes one factory (int, float, str, bool, list or set)");
    auto* f = get_if<Name>(m_, c.args[0]);
    if (!f || r_.name_ref[c.args[0]].kind != NameRef::Builtin || from_imports_.count(f->id))
      return bad("the factory must be int, float, str, bool, list or set (a lambda is not supported yet)");
    TypeId v = f->id == "int" ? kInt : f->id == "float" ? kFloat : f->id == "str" ? kStr : f->id == "bool" ? kBool
             : f->id == "list" ? T.list_of(kUnknown) : f->id == "set" ? T.set_of(kUnknown) : kUnknown;
    if (v == kUnknown) return bad("the factory must be int, float, str, bool, list or set");
    return T.dict_of(kUnknown, v, "defaultdict");
  }
  if (fn == "Counter") {
    // Counter(words), Counter(w.lower() for w in words), Counter(map(len, words)): any iterable
    // but a mapping (Counter(d) would take d's values as counts).
    std::vector<TypeId> a;
    for (ExprId x : c.args) a.push_back(infer_iterable(x, s));
    for (const auto& k : c.keywords) infer(k.value, s);
    if (std::find(a.begin(), a.end(), kUnknown) != a.end()) return kUnknown;
    if (!c.keywords.empty() || a.size() > 1) return bad("takes one iterable");
    if (a.empty()) return T.dict_of(kUnknown, kInt, "Counter");
    TypeKind k = T.kind(a[0]);
    if (k != TypeKind::List && a[0] != kStr && k != TypeKind::Tuple && k != TypeKind::Generator && k != TypeKind::Set &&
        k != TypeKind::DictView && a[0] != kRange)
      return bad("counting a " + T.python_name(a[0]) + " is not supported (a list, tuple, str, set, range or iterator is)");
    TypeId el = element_type_of_iterable(a[0]);
    if (k == TypeKind::Tuple) {
      el = kUnknown;
      for (TypeId x : T.get(a[0]).args) el = el == kUnknown || el == x ? x : kNoneType;
      if (el == kNoneType) return bad("a tuple of mixed types");
    }
    if (el == kUnknown) return kUnknown;
    if (!is_hashable(el)) return bad("unhashable items of type " + T.python_name(el));
    return T.dict_of(el, kInt, "Counter");
  }
  if (fn == "deque") {
    // deque(), deque(iterable), deque(iterable, maxlen), deque(maxlen=n): items typed by the
    // iterable or, when empty, by later appends.
    TypeId el = kUnknown;
    if (c.args.size() > 2) return bad("takes an iterable and a maxlen");
    if (!c.args.empty()) {
      TypeId it = infer_iterable(c.args[0], s);
      if (it == kUnknown) return kUnknown;
      el = element_type_of_iterable(it);
      if (el == kUnknown && !(T.kind(it) == TypeKind::List && T.arg(it, 0) == kUnknown))
        return bad("items from a " + T.python_name(it));
    }
    std::vector<ExprId> maxlen;
    if (c.args.size() == 2) maxlen.push_back(c.args[1]);
    for (const auto& k : c.keywords) {
      if (k.name != "maxlen" || c.args.size() == 2) return bad("unexpected keyword '" + k.name + "'");
      maxlen.push_back(k.value);
    }
    for (ExprId m : maxlen) {
      TypeId mt = infer(m, s);
      if (mt != kInt && mt != kNoneType && mt != kUnknown) return bad("maxlen must be an int or None");
    }
    return T.deque_of(el);
  }
  if (fn == "OrderedDict") {
    // OrderedDict(): typed by the annotation or later stores, like an empty dict.
    // OrderedDict(pairs) / OrderedDict(zip(keys, values)) / OrderedDict(d): filled in order.
    std::vector<TypeId> a;
    for (ExprId x : c.args) a.push_back(infer_iterable(x, s));
    for (const auto& k : c.keywords) infer(k.value, s);
    if (!c.keywords.empty()) return bad("keyword arguments are not supported (pass a list of pairs)");
    if (a.size() > 1) return bad("takes one iterable of (key, value) pairs");
    if (a.empty()) return T.dict_of(kUnknown, kUnknown, "OrderedDict");
    if (a[0] == kUnknown) return kUnknown;
    if (T.kind(a[0]) == TypeKind::Dict) return T.dict_of(T.arg(a[0], 0), T.arg(a[0], 1), "OrderedDict");
    TypeId el = element_type_of_iterable(a[0]);
    if (el == kUnknown) return bad("items from a " + T.python_name(a[0]));
    if (T.kind(el) != TypeKind::Tuple || T.get(el).args.size() != 2 || !is_hashable(T.arg(el, 0)))
      return bad("needs a dict or an iterable of (key, value) pairs");
    return T.dict_of(T.arg(el, 0), T.arg(el, 1), "OrderedDict");
  }
  return bad("not supported (defaultdict, Counter, deque and OrderedDict are)");
}

// Counter's own methods; the rest are dict methods (dict_set.cpp).
std::optional<TypeId> Analyzer::infer_counter_method(ExprId obj, TypeId ot, const std::string& method, const Call& c,
                                                     const std::vector<TypeId>& a, Scope& s) {
  TypeTable& T = r_.types;
  const TypeId k = T.arg(ot, 0);
  auto bad = [&](const std::string& why) -> std::optional<TypeId> {
    unsupported(s, StubKind::CallForm, T.python_name(ot) + "." + method + "(): " + why);
    return kUnknown;
  };
  if (method == "most_common") {
    if (a.size() > 1 || !c.keywords.empty() || (a.size() == 1 && a[0] != kInt && a[0] != kBool)) return bad("takes an optional int");
    return T.list_of(T.tuple_of({k, kInt}));
  }
  if (method == "total") return a.empty() ? std::optional<TypeId>(kInt) : bad("takes no arguments");
  if (method == "update") {
    if (a.size() != 1 || !c.keywords.empty()) return bad("takes one iterable");
    if (T.kind(a[0]) != TypeKind::List && a[0] != kStr) return bad("only a list or a str is supported");
    TypeId el = element_type_of_iterable(a[0]);
    TypeId u = T.unify(k, el);
    if (u == kUnknown || (k != kUnknown && u != k)) return bad("items of type " + T.python_name(el) + " for a " + T.python_name(ot));
    note_mutation(obj, s);
    if (u != k) refine_variable(obj, ot, T.dict_like(ot, u, kInt), s, "key type from `" + expr_text(obj) + ".update(...)`");
    return kNoneType;
  }
  if (method == "elements" || method == "subtract") return bad("not supported yet");
  return std::nullopt;
}

}  // namespace py2cpp::sema
