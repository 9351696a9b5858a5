// Comprehensions, generator expressions, lambdas as key functions, and the builtins that iterate.
//
// Scoping follows Python: a comprehension (and a lambda) has its own scope. Its variables are
// SemaResult::scoped_vars, found through the Scope's frame chain before the function's locals,
// so `[x for x in xs]` never touches a local `x`. The first iterable is evaluated in the
// enclosing scope, the rest inside the comprehension's.
//
// Generator expressions and enumerate()/zip()/reversed() have the type Iterator[T]
// (TypeKind::Generator). Such a value exists only where it is iterated: infer_iterable() accepts
// it (for loops, comprehensions, the builtins below, str.join), infer() refuses it anywhere else.
//
// List, set and dict comprehensions are typed in infer_comprehension() (the element is `c.elt`,
// for Dict also `c.value`); emit/comprehensions.cpp gives each kind its sink.
#include <algorithm>
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

bool is_int_like(TypeId t) { return t == kInt || t == kBool; }


// str methods usable as key=str.lower: one str in, one str out.
bool is_str_key_method(const std::string& m) {
  static const std::set<std::string> names = {"lower", "upper", "strip", "lstrip", "rstrip", "title", "swapcase", "casefold"};
  return names.count(m) > 0;
}

// str methods usable as filter(str.isdigit, words): one str in, a bool out.
bool is_str_predicate(const std::string& m) {
  static const std::set<std::string> names = {"isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isnumeric", "isdecimal"};
  return names.count(m) > 0;
}

}  // namespace

TypeId Analyzer::infer_iterable(ExprId e, Scope& s) {
  // Only these two produce iterators; they are typed here, bypassing infer()'s refusal.
  if (auto* c = get_if<Comprehension>(m_, e); c && c->kind == ComprehensionKind::Generator)
    return r_.expr_type[e] = infer_comprehension(e, *c, s, kUnknown);
  if (auto* c = get_if<Call>(m_, e))
    if (auto* n = get_if<Name>(m_, c->func); n && n->id == "zip" && c->args.size() == 1 && c->keywords.empty() &&
                                             get_if<Starred>(m_, c->args[0])) {
      infer(c->func, s);
      if (r_.name_ref[c->func].kind == NameRef::Builtin) return r_.expr_type[e] = infer_transpose(e, *c, s);
    }
  if (auto* c = get_if<Call>(m_, e))
    if (auto* n = get_if<Name>(m_, c->func); n && (n->id == "enumerate" || n->id == "zip" || n->id == "reversed" || n->id == "map" || n->id == "filter"))
      return r_.expr_type[e] = infer_call(e, *c, s);
  // A generator function's call is an iterator too: infer() lets it through for this e only.
  ExprId saved = iterated_;
  iterated_ = e;
  TypeId t = infer(e, s);
  iterated_ = saved;
  // `for item in bag`: a class with a generator __iter__ (or `return iter(self.items)`).
  if (std::string cls = class_name_of(t); !cls.empty() && r_.types.kind(t) == TypeKind::Class)
    if (Function* it = find_method(cls, "__iter__"); it && it->is_generator && it->signature_ok) {
      r_.iterated_objects.insert(e);
      return it->return_type;
    }
  // `for dr, dc in ((0, 1), (1, 0))`, `sum(t)` for a tuple[int, int, int]: a tuple whose items
  // share one type iterates as a list of them (the C++ iterates a std::array copy of it). Items of
  // different types would each keep their own type in Python: not iterable here.
  if (r_.types.kind(t) == TypeKind::Tuple && !r_.types.get(t).args.empty()) {
    const std::vector<TypeId>& items = r_.types.get(t).args;
    if (std::all_of(items.begin(), items.end(), [&](TypeId x) { return x == items[0]; }) && items[0] != kUnknown) {
      r_.iterated_tuples.insert(e);
      return r_.types.list_of(items[0]);
    }
  }
  return t;
}

uint32_t Analyzer::scoped_slot(ExprId owner, uint32_t position, const std::string& name) {
  auto [it, fresh] = scoped_slots_.try_emplace({owner, position}, static_cast<uint32_t>(r_.scoped_vars.size()));
  if (fresh) {
    Variable v;
    v.name = name;
    v.cpp_name = cpp_identifier(name);
    v.span = m_.expr(owner).span;
    v.placement = DeclPlacement::ForHeader;
    r_.scoped_vars.push_back(std::move(v));
  }
  return it->second;
}

// Binds a comprehension target (`x`, `i, x`, `i, (a, b)`) in frame. Each binding is evaluated
// from scratch every round: the iterable's element type decides it.
void Analyzer::bind_scoped_target(ExprId target, TypeId t, ScopeFrame& frame, Scope& s) {
  r_.expr_type[target] = t;
  if (auto* n = get_if<Name>(m_, target)) {
    uint32_t slot = scoped_slot(target, 0, n->id);
    Variable& v = r_.scoped_vars[slot];
    v.type = t;
    v.reason = "comprehension variable";
    frame.names.emplace_back(n->id, slot);
    r_.name_ref[target] = {NameRef::Scoped, slot};
    return;
  }
  if (auto* tl = get_if<TupleLit>(m_, target)) {
    const TypeTable& T = r_.types;
    if (std::any_of(tl->elts.begin(), tl->elts.end(), [&](ExprId el) { return get_if<Starred>(m_, el) != nullptr; })) {
      unsupported(s, StubKind::UnpackingForm, "a starred comprehension target ('" + expr_text(target) + "') is not supported; unpack in a for loop");
      return;
    }
    if (t != kUnknown && (T.kind(t) != TypeKind::Tuple || T.get(t).args.size() != tl->elts.size())) {
      unsupported(s, StubKind::UnpackingForm, "unpacking a " + T.python_name(t) + " into " + std::to_string(tl->elts.size()) +
                         " names in a comprehension (only tuples of that length)");
      t = kUnknown;
    }
    for (size_t i = 0; i < tl->elts.size(); ++i)
      bind_scoped_target(tl->elts[i], t == kUnknown ? kUnknown : T.arg(t, i), frame, s);
    return;
  }
  unsupported(s, StubKind::UnpackingForm, "comprehension target '" + expr_text(target) + "' (only names and tuples of names)");
}

TypeId Analyzer::infer_comprehension(ExprId e, const Comprehension& c, Scope& s, TypeId expected) {
  ScopeFrame frame{{}, s.frame};
  frame.lazy = c.kind == ComprehensionKind::Generator && !folded_generators_.count(e);
  Scope inner = s;
  inner.frame = &frame;
  forget_attribute_narrowing(inner);  // the body runs repeatedly (or later): a field may change between
  bool known = true;
  for (size_t i = 0; i < c.generators.size(); ++i) {
    const CompFor& g = c.generators[i];
    if (g.is_async) unsupported(s, StubKind::Async, "async comprehensions are not supported");
    // Python evaluates the first iterable in the enclosing scope: `[x for x in x]` reads the outer x.
    TypeId it = infer_iterable(g.iter, i == 0 ? s : inner);
    TypeId el = element_type_of_iterable(it);
    if (it != kUnknown && el == kUnknown) unsupported(s, StubKind::OperationNotDefined, "iterating over a " + r_.types.python_name(it));
    known = known && el != kUnknown;
    bind_scoped_target(g.target, el, frame, inner);
    for (ExprId cond : g.ifs) {
      infer(cond, inner);
      narrow_from_test(cond, true, inner);  // `if v is not None`: v is a float from here on
    }
  }
  TypeTable& T = r_.types;
  TypeId expected_el = kUnknown, expected_value = kUnknown;
  if (c.kind == ComprehensionKind::List && T.kind(expected) == TypeKind::List) expected_el = T.arg(expected, 0);
  if (c.kind == ComprehensionKind::Set && T.kind(expected) == TypeKind::Set) expected_el = T.arg(expected, 0);
  if (c.kind == ComprehensionKind::Dict && T.kind(expected) == TypeKind::Dict)
    expected_el = T.arg(expected, 0), expected_value = T.arg(expected, 1);
  TypeId el = infer(c.elt, inner, expected_el);
  if (c.kind == ComprehensionKind::Set || c.kind == ComprehensionKind::Dict) {
    // Python evaluates the key before the value (3.8+); both in the comprehension's scope.
    TypeId value = c.kind == ComprehensionKind::Dict ? infer(c.value, inner, expected_value) : kNoneType;
    if (!known || el == kUnknown || value == kUnknown) return kUnknown;
    if (!is_hashable(el)) {
      unsupported(s, StubKind::UnhashableKey, "a " + std::string(c.kind == ComprehensionKind::Set ? "set item" : "dict key") + " of type " +
                         T.python_name(el) + " (only numbers, str and tuples of them)");
      return kUnknown;
    }
    if (expected_el != kUnknown && T.unify(expected_el, el) == expected_el) el = expected_el;
    if (c.kind == ComprehensionKind::Set) return r_.types.set_of(el);
    if (value == kNoneType) {
      unsupported(s, StubKind::UnsupportedSyntax, "a dict comprehension whose values are None");
      return kUnknown;
    }
    if (auto* n = get_if<Name>(m_, c.value); n && T.kind(value) == TypeKind::List && r_.name_ref[c.value].kind != NameRef::Scoped) {
      unsupported(s, StubKind::RepeatedRows, "every value would be the same list '" + n->id + "' in Python; build a fresh list per key (e.g. " +
                         n->id + ".copy())");
      return kUnknown;
    }
    if (expected_value != kUnknown && T.unify(expected_value, value) == expected_value) value = expected_value;
    return r_.types.dict_of(el, value);
  }
  if (el == kNoneType) {
    unsupported(s, StubKind::UnsupportedSyntax, "a comprehension whose items are None (write a for loop)");
    return kUnknown;
  }
  // A bare list-valued name as the item would put one list object in several places (Python
  // shares it, C++ would copy it): refused like `[row] * n`.
  if (r_.types.kind(el) == TypeKind::List)
    if (auto* n = get_if<Name>(m_, c.elt); n && r_.name_ref[c.elt].kind != NameRef::Scoped) {
      unsupported(s, StubKind::RepeatedRows, "every item would be the same list '" + n->id + "' in Python; build a fresh list per item (e.g. " +
                         n->id + ".copy())");
      return kUnknown;
    }
  if (!known || el == kUnknown) return c.kind == ComprehensionKind::List ? r_.types.list_of(kUnknown) : kUnknown;
  // `xs: list[float] = [i for i in range(3)]`: the declared element type wins, as for list literals.
  if (expected_el != kUnknown && r_.types.unify(expected_el, el) == expected_el) el = expected_el;
  return c.kind == ComprehensionKind::List ? r_.types.list_of(el) : r_.types.generator_of(el);
}

// `params`: the types the lambda is called with. With `defaults`, parameters after those may
// have defaults (`lambda x, k=k: x * k`): evaluated here, where the lambda is made, as in Python,
// they are the values a late-binding loop variable had then (the C++ init-captures them).
TypeId Analyzer::infer_lambda(ExprId e, const Lambda& l, const std::vector<TypeId>& params, Scope& s, bool defaults) {
  for (size_t i = 0; i < l.params.size(); ++i) {
    const Param& p = l.params[i];
    bool default_ok = defaults && i >= params.size() && p.default_value != kNoNode;
    if (p.kind != ParamKind::Positional || (p.default_value != kNoNode && !default_ok)) {
      unsupported(s, StubKind::LambdaForm, defaults ? "lambda with */** parameters, or with defaults for the parameters it is called with"
                              : "lambda with defaults or */** parameters");
      return kUnknown;
    }
  }
  if (l.params.size() != params.size() && !defaults) {
    unsupported(s, StubKind::LambdaForm, "a key= lambda takes exactly one parameter");
    return kUnknown;
  }
  ScopeFrame frame{{}, s.frame};
  frame.lambda = true;
  std::vector<uint32_t> slots;
  for (size_t i = 0; i < l.params.size(); ++i) {
    TypeId pt = kUnknown;
    if (i < params.size()) {
      pt = params[i];
    } else {
      pt = infer(l.params[i].default_value, s);
      if (pt == kUnknown) return kUnknown;
      // A default is one object shared by every call: only values a copy cannot tell apart.
      TypeKind k = r_.types.kind(pt);
      if (!(r_.types.is_numeric(pt) || pt == kStr || k == TypeKind::Enum || k == TypeKind::Class)) {
        unsupported(s, StubKind::LambdaForm, "a lambda default of type " + r_.types.python_name(pt) +
                           " (one object shared by all calls); use an int, float, str, enum or instance");
        return kUnknown;
      }
    }
    uint32_t slot = scoped_slot(e, static_cast<uint32_t>(i + 1), l.params[i].name);
    r_.scoped_vars[slot].type = pt;
    r_.scoped_vars[slot].reason = i < params.size() ? "lambda parameter" : "lambda default `" + expr_text(l.params[i].default_value) + "`";
    r_.scoped_vars[slot].placement = DeclPlacement::Parameter;
    frame.names.emplace_back(l.params[i].name, slot);
    slots.push_back(slot);
  }
  r_.lambda_params[e] = slots;
  Scope inner = s;
  inner.frame = &frame;
  forget_attribute_narrowing(inner);  // called later, when a narrowed field may have changed
  TypeId t = infer(l.body, inner);
  r_.expr_type[e] = t;  // the lambda's result type
  return t;
}

bool Analyzer::orderable(TypeId t, Scope& s) {
  const TypeTable& T = r_.types;
  switch (T.kind(t)) {
    case TypeKind::Class:  // instances order by their __lt__ (or a reflected __gt__)
      return class_operands_comparable(ast::CmpOpKind::Lt, t, t, s);
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str:
      return true;
    case TypeKind::Enum:  // IntEnum members order by value; Enum members do not order (TypeError)
      return enum_class(t) && enum_class(t)->is_int_enum;
    case TypeKind::TypeParam:  // orderable if its binding is (sema/generics.cpp)
      require_of_type_param(t, kNeedsOrderable);
      return true;
    case TypeKind::Tuple:
    case TypeKind::List:
      return std::all_of(T.get(t).args.begin(), T.get(t).args.end(), [&](TypeId a) { return orderable(a, s); });
    default:
      return false;
  }
}

// "operator.itemgetter" / "operator.attrgetter" if key is a call of one of them, else "".
std::string Analyzer::operator_getter(ExprId key) const {
  auto* c = get_if<Call>(m_, key);
  if (!c) return "";
  std::string name;
  if (auto* n = get_if<Name>(m_, c->func)) {
    if (auto it = from_imports_.find(n->id); it != from_imports_.end()) name = it->second;
  } else if (auto* a = get_if<Attribute>(m_, c->func)) {
    if (auto* b = get_if<Name>(m_, a->value);
        b && b->id == "operator" && std::find(r_.imports.begin(), r_.imports.end(), "operator") != r_.imports.end())
      name = "operator." + a->attr;
  }
  return name == "operator.itemgetter" || name == "operator.attrgetter" ? name : "";
}

// The type key(item) returns for an item of type elem; kUnknown (with a stub) if the key is not
// one this subset translates.
TypeId Analyzer::infer_key(ExprId key, TypeId elem, Scope& s, bool ordered) {
  const TypeTable& T = r_.types;
  TypeId kt = kUnknown;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "key=" + expr_text(key) + ": " + why);
    return kUnknown;
  };
  if (std::optional<TypeId> cmp = infer_cmp_key(key, elem, s)) return *cmp;  // cmp_to_key(cmp): stdlib_partial.cpp
  if (auto* l = get_if<Lambda>(m_, key)) {
    kt = infer_lambda(key, *l, {elem}, s);
  } else if (std::string getter = operator_getter(key); !getter.empty()) {
    // key=itemgetter(1) on tuples or lists, key=attrgetter("score") on instances: one argument.
    const Call& c = std::get<Call>(m_.expr(key).node);
    if (c.args.size() != 1 || !c.keywords.empty()) return bad("one index or field name (several make a tuple key: use a lambda)");
    if (getter == "operator.itemgetter") {
      std::optional<int64_t> i = constant_int(c.args[0]);
      auto* neg = get_if<UnaryOp>(m_, c.args[0]);
      bool literal = get_if<IntLit>(m_, c.args[0]) || (neg && neg->op == UnaryOpKind::Neg && get_if<IntLit>(m_, neg->operand));
      if (!i || !literal) return bad("the index must be an int literal");
      if (T.kind(elem) == TypeKind::Tuple) {
        int64_t n = static_cast<int64_t>(T.get(elem).args.size()), k = *i < 0 ? *i + n : *i;
        if (k < 0 || k >= n) return bad("index out of range for a " + T.python_name(elem));
        kt = T.arg(elem, static_cast<size_t>(k));
      } else if (T.kind(elem) == TypeKind::List) {
        kt = T.arg(elem, 0);
      } else {
        return bad("items of type " + T.python_name(elem) + " (tuples and lists are)");
      }
    } else {
      auto* name = get_if<StrLit>(m_, c.args[0]);
      std::string cls = class_name_of(elem);
      if (!name || cls.empty()) return bad("a field name literal, on class instances");
      Field* f = find_field(cls, name->value);
      if (!f) return bad(cls + " has no field '" + name->value + "'");
      kt = f->type;
    }
  } else if (auto* at = get_if<Attribute>(m_, key)) {
    // key=str.lower; filter(str.isdigit, words)
    auto* base = get_if<Name>(m_, at->value);
    TypeId dt = !(base && base->id == "str") ? infer(at->value, s) : kUnknown;
    if (T.kind(dt) == TypeKind::Dict && (at->attr == "__getitem__" || (at->attr == "get" && ordered))) {
      // key=d.__getitem__ / key=d.get (max(d, key=d.get)): the value of each item's key. A
      // missing key would be None under d.get, which Python then fails to compare: the C++
      // raises NotTranslated there (emit/comprehensions.cpp).
      if (r_.types.unify(T.arg(dt, 0), elem) != T.arg(dt, 0)) return bad("keys of type " + T.python_name(T.arg(dt, 0)) + ", the items are " + T.python_name(elem));
      kt = T.arg(dt, 1);
    } else if (base && base->id == "str" && is_str_predicate(at->attr) && !ordered) {
      if (elem != kStr) return bad("str." + at->attr + " on items of type " + T.python_name(elem));
      kt = kBool;
    } else {
      if (!base || base->id != "str" || !is_str_key_method(at->attr)) return bad("not a supported key function");
      if (elem != kStr) return bad("str." + at->attr + " on items of type " + T.python_name(elem));
      kt = kStr;
    }
  } else if (auto* n = get_if<Name>(m_, key)) {
    infer_name(key, *n, s);
    const NameRef& ref = r_.name_ref[key];
    if (ref.kind == NameRef::Function) {
      const Function& f = r_.functions[ref.index];
      if (unavailable_functions_.count(f.name)) return bad("calls '" + f.name + "', which could not be translated");
      bool one_arg = f.num_params >= 1;
      for (size_t i = 1; i < f.num_params; ++i) one_arg = one_arg && f.vars[i].default_value != kNoNode;
      if (!one_arg) return bad(f.name + "() must take one argument");
      TypeId p = f.vars[0].type;
      if (p != elem && !(p == kFloat && is_int_like(elem)) && !(p == kInt && elem == kBool))
        return bad(f.name + "() takes a " + T.python_name(p) + ", the items are " + T.python_name(elem));
      kt = f.return_type;
    } else if (ref.kind == NameRef::Builtin && !from_imports_.count(n->id)) {
      const std::string& b = n->id;
      if (b == "len" && (elem == kStr || T.kind(elem) == TypeKind::List || T.kind(elem) == TypeKind::Tuple)) kt = kInt;
      else if (b == "abs" && T.is_numeric(elem)) kt = elem == kFloat ? kFloat : kInt;
      else if (b == "str" && (T.is_numeric(elem) || elem == kStr)) kt = kStr;
      else if (b == "int" && (T.is_numeric(elem) || elem == kStr)) kt = kInt;  // map(int, line.split())
      else if (b == "float" && (T.is_numeric(elem) || elem == kStr)) kt = kFloat;
      else if (b == "sum" && T.kind(elem) == TypeKind::List && T.is_numeric(T.arg(elem, 0)))
        kt = T.arg(elem, 0) == kFloat ? kFloat : kInt;
      else return bad("builtin " + b + " on items of type " + T.python_name(elem));
    } else if (ref.kind == NameRef::Variable && T.kind(s.fn->vars[ref.index].type) == TypeKind::Callable) {
      // A nested function or a Callable parameter: called with each item.
      TypeId ft = s.fn->vars[ref.index].type;
      if (T.get(ft).args.size() != 2) return bad(n->id + " must take one argument");
      TypeId p = T.arg(ft, 0);
      if (p != elem) return bad(n->id + " takes a " + T.python_name(p) + ", the items are " + T.python_name(elem));
      kt = T.get(ft).args.back();
    } else {
      return bad("not a function");
    }
  } else {
    infer(key, s);
    return bad("a key must be a lambda, a module function, len/abs/str/sum or str.lower-style method");
  }
  if (ordered && kt != kUnknown && !orderable(kt, s)) return bad("its values (" + T.python_name(kt) + ") cannot be ordered");
  r_.expr_type[key] = kt;
  return kt;
}

// key= and reverse= of sorted() and list.sort().
bool Analyzer::sort_keywords_ok(const std::string& what, const Call& c, TypeId elem, Scope& s) {
  bool has_key = false;
  for (const auto& k : c.keywords) {
    if (k.name == "reverse") {
      infer(k.value, s);
    } else if (k.name == "key") {
      has_key = !get_if<NoneLit>(m_, k.value);
      if (has_key && infer_key(k.value, elem, s) == kUnknown) return false;
    } else {
      unsupported(s, StubKind::CallForm, what + ": keyword '" + k.name + "'");
      return false;
    }
  }
  if (!has_key && elem != kUnknown && !orderable(elem, s)) {
    unsupported(s, StubKind::OperationNotDefined, what + ": items of type " + r_.types.python_name(elem) + " cannot be ordered");
    return false;
  }
  return true;
}

TypeId Analyzer::infer_min_max(const std::string& name, const Call& c, const std::vector<TypeId>& a, Scope& s) {
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, name + "(): " + why);
    return kUnknown;
  };
  if (a.empty()) return bad("needs arguments");
  if (a.size() == 1) {
    TypeId el = element_type_of_iterable(a[0]);
    if (el == kUnknown) return bad("argument must be iterable");
    bool has_key = false;
    for (const auto& k : c.keywords) {
      if (k.name == "key") {
        has_key = !get_if<NoneLit>(m_, k.value);
        if (has_key && infer_key(k.value, el, s) == kUnknown) return kUnknown;
      } else if (k.name == "default") {
        TypeId d = infer(k.value, s, el);
        if (d != kUnknown && r_.types.unify(el, d) != el)
          return bad("default= of type " + T.python_name(d) + " for items of type " + T.python_name(el));
      } else {
        return bad("keyword '" + k.name + "'");
      }
    }
    if (!has_key && !orderable(el, s)) return bad("items of type " + T.python_name(el) + " cannot be ordered");
    return el;
  }
  if (!c.keywords.empty()) return bad("keywords with several arguments are not supported");
  TypeId acc = a[0];
  for (TypeId t : a) {
    if (T.is_numeric(acc) && T.is_numeric(t)) {
      acc = (acc == kFloat || t == kFloat) ? kFloat : (acc == kBool && t == kBool ? kBool : kInt);
    } else if (acc != t) {
      return bad("arguments of different types");
    } else if (!orderable(t, s)) {
      return bad("values of type " + T.python_name(t) + " cannot be ordered");
    }
  }
  for (size_t i = 0; i < a.size() && i < c.args.size(); ++i)
    note_int_as_float(s, m_.expr(c.args[i]).span, a[i], acc, "an argument of " + name + "()");
  return acc;
}

std::optional<TypeId> Analyzer::infer_iteration_builtin(const std::string& name, const Call& c, Scope& s) {
  static const std::set<std::string> names = {"min", "max", "sum", "sorted", "any", "all",
                                              "list", "enumerate", "zip", "reversed", "map", "filter"};
  if (!names.count(name)) return std::nullopt;
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, name + "(): " + why);
    return kUnknown;
  };
  if (name == "map" || name == "filter") return infer_map_filter(name, c, s);
  // emit/ folds `sum(f(x) for x in xs)` into one loop run at once: an assignment expression in
  // it binds in the order Python's would.
  if (auto* g = c.args.empty() ? nullptr : get_if<Comprehension>(m_, c.args[0]);
      g && g->kind == ComprehensionKind::Generator &&
      (name == "sum" || name == "min" || name == "max" || name == "any" || name == "all" || name == "list" ||
       name == "sorted"))
    folded_generators_.insert(c.args[0]);
  std::vector<TypeId> a;
  // max(a, b) compares its arguments themselves (two tuples are two values, not iterables).
  const bool values = (name == "min" || name == "max") && c.args.size() > 1;
  for (ExprId x : c.args) a.push_back(values ? infer(x, s) : infer_iterable(x, s));
  // Keywords that take functions are typed once the element type is known (below).
  for (const auto& k : c.keywords)
    if (k.name != "key" && k.name != "default") infer(k.value, s);
  for (TypeId t : a)
    if (t == kUnknown) return kUnknown;
  auto only_keywords = [&](std::initializer_list<std::string_view> allowed) {
    for (const auto& k : c.keywords)
      if (std::find(allowed.begin(), allowed.end(), k.name) == allowed.end()) return false;
    return true;
  };
  auto element = [&](size_t i) { return element_type_of_iterable(a[i]); };

  if (name == "min" || name == "max") return infer_min_max(name, c, a, s);
  if (name == "sum") {
    const Keyword* start_kw = keyword(c, "start");
    if (a.empty() || a.size() + (start_kw ? 1 : 0) > 2 || !only_keywords({"start"})) return bad("takes an iterable and a start");
    TypeId el = element(0);
    if (el == kUnknown) return bad("argument must be iterable");
    if (!T.is_numeric(el)) return bad("sum of items of type " + T.python_name(el));
    TypeId res = el == kBool ? kInt : el;
    TypeId start = a.size() == 2 ? a[1] : start_kw ? r_.expr_type[start_kw->value] : kInt;
    if (start == kUnknown) return kUnknown;
    if (!T.is_numeric(start)) return bad("start must be a number");
    return start == kFloat ? kFloat : res;
  }
  if (name == "any" || name == "all") {
    if (a.size() != 1 || !c.keywords.empty()) return bad("takes one iterable");
    if (element(0) == kUnknown) return bad("argument must be iterable");
    return kBool;
  }
  if (name == "sorted") {
    if (a.size() != 1) return bad("takes one iterable");
    TypeId el = element(0);
    if (el == kUnknown) return bad("argument must be iterable");
    return sort_keywords_ok("sorted()", c, el, s) ? T.list_of(el) : kUnknown;
  }
  if (name == "list") {
    if (a.size() != 1 || !c.keywords.empty()) return bad("takes one iterable (write [] for an empty list)");
    TypeId el = element(0);
    if (el == kUnknown) return bad("argument must be iterable");
    return T.list_of(el);
  }
  if (name == "enumerate") {
    const Keyword* start_kw = keyword(c, "start");
    if (a.empty() || a.size() + (start_kw ? 1 : 0) > 2 || !only_keywords({"start"})) return bad("takes an iterable and a start");
    if (a.size() == 2 && !is_int_like(a[1])) return bad("start must be an int");
    if (start_kw && !is_int_like(r_.expr_type[start_kw->value])) return bad("start must be an int");
    TypeId el = element(0);
    if (el == kUnknown) return bad("argument must be iterable");
    return T.generator_of(T.tuple_of({kInt, el}));
  }
  if (name == "zip") {
    if (a.empty() || !c.keywords.empty()) return bad("takes one or more iterables");
    std::vector<TypeId> els;
    for (size_t i = 0; i < a.size(); ++i) {
      if (element(i) == kUnknown) return bad("argument " + std::to_string(i + 1) + " must be iterable");
      els.push_back(element(i));
    }
    return T.generator_of(T.tuple_of(els));
  }
  if (name == "reversed") {
    if (a.size() != 1 || !c.keywords.empty()) return bad("takes one argument");
    if (T.kind(a[0]) != TypeKind::List && a[0] != kStr && a[0] != kRange)
      return bad("argument must be a list, a str or a range");
    return T.generator_of(element(0));
  }
  return bad("not supported");
}

// map(f, xs) and filter(pred, xs) / filter(None, xs): lazy views (Iterator[T]) over one
// iterable. f and pred are what key= takes (a lambda, a function, len/abs/str, ...): typed by
// infer_key with the item type. Several iterables (`map(f, a, b)`) are not supported.
TypeId Analyzer::infer_map_filter(const std::string& name, const Call& c, Scope& s) {
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, name + "(): " + why);
    return kUnknown;
  };
  if (c.args.size() != 2 || !c.keywords.empty())
    return bad(name == "map" ? "takes a function and one iterable" : "takes a predicate (or None) and one iterable");
  TypeId it = infer_iterable(c.args[1], s);
  if (it == kUnknown) return kUnknown;
  TypeId el = element_type_of_iterable(it);
  if (el == kUnknown) return bad("iterating over a " + T.python_name(it));
  if (name == "filter" && get_if<NoneLit>(m_, c.args[0])) {
    r_.expr_type[c.args[0]] = kNoneType;
    return T.generator_of(el);
  }
  TypeId rt = infer_key(c.args[0], el, s, false);
  if (rt == kUnknown) return kUnknown;
  if (name == "filter") return T.generator_of(el);
  if (rt == kNoneType) return bad("a function returning None");
  return T.generator_of(rt);
}

// `[r for r in grid]` holds grid's row objects in Python, copies of them in C++. The two agree
// unless those rows are changed in place afterwards -- through the result or through the source
// -- which is refused (like aliasing.cpp refuses other shared lists).
void Analyzer::check_comprehension_sharing(Function& fn) {
  // Where the code after the statement being checked runs: the rest of each enclosing body,
  // and the whole of each enclosing loop body (its next iteration).
  std::vector<std::pair<const Body*, size_t>> path;
  std::vector<const Body*> loops;
  auto mentioned_later = [&](const std::string& name) {
    bool found = false;
    auto scan = [&](StmtId st) {
      for_each_stmt_expr(m_, st, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId x) {
          if (auto* n = get_if<Name>(m_, x); n && n->id == name) found = true;
        });
      });
    };
    std::function<void(const Body&, size_t)> scan_from = [&](const Body& b, size_t from) {
      for (size_t j = from; j < b.size() && !found; ++j) {
        scan(b[j]);
        for (const Body* c : child_bodies(m_, b[j])) scan_from(*c, 0);
      }
    };
    for (const auto& [b, i] : path) scan_from(*b, i + 1);
    for (const Body* b : loops) scan_from(*b, 0);
    return found;
  };
  // A variable of `e` whose list items are changed in place somewhere, and used again after
  // the statement (the changes all before it, as in `groups[k].append(w)` then a filter, agree).
  auto elements_mutated = [&](ExprId e) {
    bool found = false;
    for_each_expr(m_, e, [&](ExprId x) {
      if (get_if<Name>(m_, x) && r_.name_ref[x].kind == NameRef::Variable &&
          fn.vars[r_.name_ref[x].index].elements_mutated && mentioned_later(fn.vars[r_.name_ref[x].index].name))
        found = true;
    });
    return found;
  };
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (size_t index = 0; index < body.size(); ++index) {
      StmtId s = body[index];
      path.emplace_back(&body, index);
      ExprId target = kNoNode;
      if (auto* a = get_stmt_if<Assign>(m_, s); a && a->targets.size() == 1) target = a->targets[0];
      if (auto* a = get_stmt_if<AnnAssign>(m_, s)) target = a->target;
      for_each_stmt_expr(m_, s, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId e) {
          auto* c = get_if<Comprehension>(m_, e);
          if (!c) return;
          ExprId item = c->kind == ComprehensionKind::Dict ? c->value : c->elt;  // what the result holds
          if (!get_if<Name>(m_, item) || r_.name_ref[item].kind != NameRef::Scoped ||
              r_.types.kind(r_.expr_type[item]) != TypeKind::List)
            return;
          bool assigned = false;
          if (auto* a = get_stmt_if<Assign>(m_, s)) assigned = a->value == e;
          if (auto* a = get_stmt_if<AnnAssign>(m_, s)) assigned = a->value == e;
          if (elements_mutated(c->generators[0].iter) || (assigned && target != kNoNode && elements_mutated(target)))
            if (r_.stmt_stub[s].empty())
              r_.stmt_stub[s] = {StubKind::AliasedElement, "the comprehension's items are lists that Python shares with its source and that are "
                                "changed in place later; py2cpp copies lists, so write " + expr_text(item) +
                                ".copy() if copies are meant"};
        });
      });
      bool loop = get_stmt_if<For>(m_, s) || get_stmt_if<While>(m_, s);
      for (const Body* b : child_bodies(m_, s)) {
        if (loop) loops.push_back(b);
        walk(*b);
        if (loop) loops.pop_back();
      }
      path.pop_back();
    }
  };
  walk(*fn.body);
}

}  // namespace py2cpp::sema
