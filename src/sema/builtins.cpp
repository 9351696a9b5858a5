// Calls: builtins, math, methods of str and list, and module functions.
#include <algorithm>
#include <functional>
#include <map>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"
#include "sema/exceptions.hpp"

namespace py2cpp::sema {

using namespace ast;

bool Analyzer::is_builtin_function(const std::string& name) {
  static const std::set<std::string> names = {"print", "len",   "abs", "min", "max", "sum",  "int",
                                              "float", "str",   "bool", "round", "range", "ord", "chr",
                                              "sorted", "divmod", "repr", "isinstance", "issubclass", "hash",
                                              "set",   "list",  "dict", "frozenset", "tuple",  // dict_set.cpp
                                              // comprehensions.cpp
                                              "any", "all", "enumerate", "zip", "reversed", "map", "filter",
                                              "next", "iter",  // generators.cpp
                                              "input",  // stdlib_sys.cpp
                                              "format",  // str_format.cpp
                                              "hex", "oct", "bin", "pow"};
  return names.count(name) > 0;
}

bool Analyzer::is_builtin_exception(const std::string& name) {
  return name == "BaseException" || !exception_base(name).empty();  // sema/exceptions.cpp
}

// `x` is a list literal or list comprehension built at this place, and `t` the list of class
// handles it is passed as: its items can be upcast. (Not dicts: an expected dict type would
// also widen int keys to float ones.)
bool Analyzer::fresh_list_of_classes(ExprId x, TypeId t) const {
  const TypeTable& T = r_.types;
  if (T.kind(t) != TypeKind::List || !T.get(t).name.empty() || T.kind(T.arg(t, 0)) != TypeKind::Class) return false;
  auto* comp = get_if<Comprehension>(m_, x);
  return get_if<ListLit>(m_, x) || (comp && comp->kind == ComprehensionKind::List);
}

// `smallest({5, 2, 9})` for `xs: Iterable[int]`: the callee gets a vector of the set's items in
// its iteration order (a dict's keys, a view's items, a deque's or a tuple[T, ...]'s likewise). A
// copy is only invisible because an Iterable / Collection parameter is read-only (a callee that
// changes it anyway keeps the mismatch).
bool Analyzer::copies_into_iterable(const Variable& p, TypeId pt, TypeId at) const {
  const TypeTable& T = r_.types;
  if (!p.read_only_iterable || p.mutated || T.kind(pt) != TypeKind::List) return false;
  TypeId el = T.arg(pt, 0);
  // A dict iterates its keys; a deque or a tuple[T, ...] is a list of another kind.
  bool source = T.kind(at) == TypeKind::Set || T.kind(at) == TypeKind::Dict || T.kind(at) == TypeKind::DictView ||
                (T.kind(at) == TypeKind::List && !T.get(at).name.empty());
  return source && T.arg(at, 0) == el;
}

namespace {

// `sys.stdout` / `sys.stderr`, as print()'s file=.
bool is_sys_stream(const Module& m, ExprId e) {
  auto* a = get_if<Attribute>(m, e);
  auto* base = a ? get_if<Name>(m, a->value) : nullptr;
  return base && base->id == "sys" && (a->attr == "stdout" || a->attr == "stderr");
}

bool is_int_like(TypeId t) { return t == kInt || t == kBool; }

// Values print() and str() know how to render in this subset; `cls` answers for user classes.
// Types whose values are built for the place they go: a lambda, a function name, `[1, "a"]`.
bool contains_union_or_callable(const TypeTable& T, TypeId t) {
  if (T.kind(t) == TypeKind::Union || T.kind(t) == TypeKind::Callable) return true;
  for (TypeId a : T.get(t).args)
    if (contains_union_or_callable(T, a)) return true;
  return false;
}

bool printable(const TypeTable& T, TypeId t, const std::function<bool(TypeId)>& cls) {
  switch (T.kind(t)) {
    case TypeKind::Class:
    case TypeKind::TypeParam:  // printable if its binding is (sema/generics.cpp)
      return cls(t);
    case TypeKind::None:
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str:
    case TypeKind::Exception:
    case TypeKind::Enum:
      return true;
    case TypeKind::ExcInfo:
      return T.get(t).name == "exc";  // __exit__'s exception (or None)
    case TypeKind::List:
    case TypeKind::Tuple:
    case TypeKind::Optional:
    case TypeKind::Dict:
    case TypeKind::Set:
    case TypeKind::Union:
      for (TypeId a : T.get(t).args)
        if (!printable(T, a, cls)) return false;
      return true;
    default:
      return false;
  }
}

}  // namespace

TypeId Analyzer::infer_call(ExprId e, const Call& c, Scope& s) {
  // `f(*xs)` reaches infer_user_call (a *args parameter); anywhere else a Starred is a stub.
  for (const auto& k : c.keywords)
    if (k.name.empty()) {
      unsupported(s, StubKind::Kwargs, "**kwargs in a call are not supported");
      return kUnknown;
    }

  const Expr& f = m_.expr(c.func);
  if (std::string fn_text = expr_text(c.func); !r_.class_index.count(fn_text)) {
    static const std::set<std::string> enum_types = {"Enum", "IntEnum", "Flag", "IntFlag", "StrEnum", "enum.Enum",
                                                     "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum"};
    if (enum_types.count(fn_text)) {
      unsupported(s, StubKind::EnumForm, "the functional enum API " + fn_text + "(...) is not supported (write a class)");
      return kUnknown;
    }
  }
  if (auto* attr = std::get_if<Attribute>(&f.node)) {
    if (attr->attr == "from_iterable") {  // itertools.chain.from_iterable(lists)
      ExprId base = attr->value;
      if (auto* inner = get_if<Attribute>(m_, base)) base = inner->value;
      if (get_if<Name>(m_, base)) infer(base, s);  // resolves the module (or the imported chain)
      if (stdlib_callee(m_, r_, c.func) == "itertools.chain.from_iterable")
        return infer_stdlib_call(e, "itertools.chain.from_iterable", c, s);
    }
    if (auto* sup = get_if<Call>(m_, attr->value)) {
      auto* sn = get_if<Name>(m_, sup->func);
      if (sn && sn->id == "super" && sup->args.empty()) return infer_super_call(e, attr->attr, c, s);
    }
    // sys.stdin.readline(), sys.stdout.write(s) (stdlib_sys.cpp).
    if (auto* inner = get_if<Attribute>(m_, attr->value))
      if (auto* base = get_if<Name>(m_, inner->value);
          base && base->id == "sys" && r_.types.kind(infer(inner->value, s)) == TypeKind::Module &&
          (inner->attr == "stdin" || inner->attr == "stdout" || inner->attr == "stderr")) {
        r_.expr_type[attr->value] = kNoneType;  // the stream itself is not a value here
        return infer_sys_call(inner->attr + "." + attr->attr, c, s);
      }
    if (auto* base = get_if<Name>(m_, attr->value)) {
      TypeId bt = infer(attr->value, s);
      if (r_.types.kind(bt) == TypeKind::Function)
        if (auto t = infer_memo_call(*attr, c, s)) return *t;
      if (r_.types.kind(bt) == TypeKind::Module) {
        if (is_stdlib_module(base->id)) return infer_stdlib_call(e, base->id + "." + attr->attr, c, s);
        if (auto it = module_functions_.find(base->id + "." + attr->attr); it != module_functions_.end())
          return infer_user_call(e, it->second, c, s);
        if (const Class* k = named_class(c.func)) {  // `m.Point(1, 2)`, `m.Color(2)`
          r_.name_ref[c.func] = {NameRef::Class, static_cast<uint32_t>(k - r_.classes.data())};
          r_.expr_type[c.func] = r_.types.class_ref(k->name);
          if (k->is_enum) return infer_enum_call(*k, c, s);
          return infer_constructor_call(e, *k, c, s);
        }
        if (batch_modules_.count(base->id)) {
          for (ExprId a : c.args) infer(a, s);
          infer(c.func, s);  // the reason: not exported, or no such name
          return kUnknown;
        }
        unsupported(s, StubKind::StdlibFunction, "calls into module '" + base->id + "'");
        return kUnknown;
      }
    }
    TypeId ot = infer(attr->value, s);
    if (const Class* ec = enum_class(ot); ec && r_.types.kind(ot) == TypeKind::Enum) {  // `c.describe()`
      auto it = ec->methods.find(attr->attr);
      if (it == ec->methods.end()) {
        for (ExprId a : c.args) infer(a, s);
        unsupported(s, StubKind::UnknownAttribute, "enum " + ec->name + " has no method '" + attr->attr + "'");
        return kUnknown;
      }
      if (!r_.functions[it->second].signature_ok) {
        unsupported(s, StubKind::DependsOnStub, "calls '" + r_.functions[it->second].name + "', which could not be translated");
        return kUnknown;
      }
      return infer_user_call(e, it->second, c, s, 1);
    }
    if (r_.types.kind(ot) == TypeKind::ClassRef || !class_name_of(ot).empty())
      return infer_class_method_call(e, ot, attr->attr, c, s);
    return infer_method_call(attr->value, attr->attr, c, s);
  }
  // `Stack[int]()`: the generic class's constructor (generic_classes.cpp checks the binding).
  if (auto* sub = std::get_if<Subscript>(&f.node))
    if (const Class* k = named_class(sub->value); k && !k->type_params.empty()) {
      StubReason error;
      if (type_from_annotation(c.func, &error) == kUnknown) {
        for (ExprId a : c.args) infer(a, s);
        unsupported(s, error.empty() ? StubKind::GenericForm : error.kind, error.detail);
        return kUnknown;
      }
      r_.name_ref[c.func] = {NameRef::Class, static_cast<uint32_t>(k - r_.classes.data())};
      r_.expr_type[c.func] = r_.types.class_ref(k->name);
      return infer_constructor_call(e, *k, c, s);
    }
  if (std::holds_alternative<Name>(f.node)) {
    const std::string& name = std::get<Name>(f.node).id;
    infer(c.func, s);
    const NameRef& ref = r_.name_ref[c.func];
    switch (ref.kind) {
      case NameRef::Function:
        return infer_user_call(e, ref.index, c, s);
      case NameRef::Class:
        if (r_.classes[ref.index].is_enum) return infer_enum_call(r_.classes[ref.index], c, s);
        return infer_constructor_call(e, r_.classes[ref.index], c, s);
      case NameRef::Variable:
        // `cls(...)` in a classmethod constructs the class.
        if (TypeId vt = s.fn->vars[ref.index].type; r_.types.kind(vt) == TypeKind::ClassRef)
          return infer_constructor_call(e, *class_named(r_.types.get(vt).name), c, s);
        if (TypeId vt = r_.expr_type[c.func]; r_.types.kind(vt) == TypeKind::Callable) return infer_callable_call(vt, c, s);
        unsupported(s, StubKind::FunctionValue, "calling '" + name + "', which is not a function");
        return kUnknown;
      case NameRef::Builtin:
        if (auto it = from_imports_.find(name); it != from_imports_.end())
          return infer_stdlib_call(e, it->second, c, s);  // "heapq.heappush"
        return infer_builtin_call(name, c, s);
      case NameRef::Exception:
        for (ExprId a : c.args) infer(a, s);
        if (c.args.size() > 1 || !c.keywords.empty())
          unsupported(s, StubKind::ExceptionForm, "exception with more than one argument");
        return r_.types.exception(name);
      case NameRef::TypeAlias: {
        // `UserId(5)`: a NewType is its base type at run time.
        const TypeAlias& alias = r_.type_aliases[ref.index];
        if (!alias.is_newtype || c.args.size() != 1 || !c.keywords.empty() || alias.type == kUnknown) {
          unsupported(s, StubKind::CallForm, "calling the type alias '" + name + "'");
          return kUnknown;
        }
        TypeId at = infer(c.args[0], s, alias.type);
        if (at != kUnknown && r_.types.unify(alias.type, at) != alias.type) {
          unsupported(s, StubKind::TypeMismatch, name + "() of a " + r_.types.python_name(at) + " (it wraps " + r_.types.python_name(alias.type) + ")");
          return kUnknown;
        }
        return alias.type;
      }
      case NameRef::Global:
      case NameRef::Scoped:
        if (TypeId vt = r_.expr_type[c.func]; r_.types.kind(vt) == TypeKind::Callable) return infer_callable_call(vt, c, s);
        unsupported(s, StubKind::FunctionValue, "calling '" + name + "', which is not a function");
        return kUnknown;
      case NameRef::Unresolved:
        return kUnknown;
      default:
        unsupported(s, StubKind::FunctionValue, "calling '" + name + "', which is not a function");
        return kUnknown;
    }
  }
  if (TypeId ft = infer(c.func, s); r_.types.kind(ft) == TypeKind::Callable) return infer_callable_call(ft, c, s);
  unsupported(s, StubKind::FunctionValue, "call of a computed function value");
  return kUnknown;
}

// Types every argument and keyword value of a call; false if one is not known (yet).
bool Analyzer::infer_call_arguments(const Call& c, Scope& s, std::vector<TypeId>& types) {
  for (ExprId x : c.args) types.push_back(get_if<Starred>(m_, x) ? r_.expr_type[x] : infer(x, s));  // print(*xs): typed above
  for (const auto& k : c.keywords) {
    if (k.name == "file" && is_sys_stream(m_, k.value)) {  // print(..., file=sys.stderr)
      r_.expr_type[k.value] = kNoneType;
      continue;
    }
    infer(k.value, s);
  }
  return std::find(types.begin(), types.end(), kUnknown) == types.end();
}

TypeId Analyzer::infer_builtin_call(const std::string& name, const Call& c, Scope& s) {
  if (auto t = infer_iteration_builtin(name, c, s)) return *t;  // min, max, sum, sorted, any, all, list, ...
  if (name == "next") return infer_next_call(c, s);
  if (name == "iter") return infer_iter_call(c, s);  // generators.cpp
  if (name == "input") {
    std::vector<TypeId> a;
    if (!infer_call_arguments(c, s, a)) return kUnknown;
    if (a.size() > 1 || (a.size() == 1 && a[0] != kStr) || !c.keywords.empty()) {
      unsupported(s, StubKind::CallForm, "input() takes one str prompt");
      return kUnknown;
    }
    return kStr;
  }
  // set(map(f, xs)), dict(zip(keys, values)): the argument may be an iterator.
  if ((name == "set" || name == "dict") && c.args.size() == 1 && c.keywords.empty()) {
    TypeId t = infer_iterable(c.args[0], s);
    return t == kUnknown ? kUnknown : infer_collection_builtin(name, c, {t}, s);
  }
  std::vector<TypeId> a;
  // print(*xs, sep=", "): a starred argument prints each item of xs (typed here as an item).
  if (name == "print")
    for (ExprId x : c.args)
      if (auto* star = get_if<Starred>(m_, x)) {
        TypeId it = infer_iterable(star->value, s);
        TypeId el = it == kUnknown ? kUnknown : element_type_of_iterable(it);
        if (it != kUnknown && el == kUnknown) {
          unsupported(s, StubKind::StarArgs, "print(*" + expr_text(star->value) + ") of a " + r_.types.python_name(it));
          return kUnknown;
        }
        r_.expr_type[x] = el;
      }
  if (name == "print")  // `print(v if ok else "n/a")`: only the text is used (see IfExp)
    for (ExprId x : c.args)
      if (get_if<IfExp>(m_, x)) text_fields_.insert(x);
  if (!infer_call_arguments(c, s, a)) return kUnknown;
  if (auto t = infer_exc_info_builtin(name, c, a, s)) return *t;  // __exit__'s parameters (with_stmt.cpp)
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, name + "(): " + why);
    return kUnknown;
  };
  auto no_keywords = [&] { return c.keywords.empty(); };
  auto printable = [&](const TypeTable& T, TypeId t) {
    return sema::printable(T, t, [&](TypeId k) { return printable_class(k); });
  };

  // A value whose repr is `<__main__.S object at 0x...>`: the address cannot be reproduced.
  auto address_repr = [&](TypeId t) {
    return bad("the repr of a " + T.python_name(t) + " shows an object address (its class defines __str__ but not "
               "__repr__); define __repr__ in the class");
  };
  if (name == "print") {
    for (const auto& k : c.keywords) {
      if (k.name == "sep" || k.name == "end") {
        if (r_.expr_type[k.value] != kStr) return bad(k.name + "= must be a str");
      } else if (k.name == "file") {
        if (!is_sys_stream(m_, k.value)) return bad("file= must be sys.stdout or sys.stderr");
      } else if (k.name != "flush") {
        return bad("keyword '" + k.name + "' is not supported");
      }
    }
    for (TypeId t : a) {
      if (!printable(T, t)) return bad("cannot print a " + T.python_name(t));
      if (T.kind(t) != TypeKind::Class && repr_shows_address(t)) return address_repr(t);  // `print([s])`: items' repr
    }
    return kNoneType;
  }
  // Dicts, sets and dict views iterate like lists here (dict_set.cpp).
  auto dict_set = [&](TypeId t) {
    return T.kind(t) == TypeKind::Dict || T.kind(t) == TypeKind::Set || T.kind(t) == TypeKind::DictView;
  };
  if (name == "set" || name == "list" || name == "dict" || name == "frozenset" || name == "tuple")
    return infer_collection_builtin(name, c, a, s);
  if (name == "len") {
    if (a.size() != 1 || !no_keywords()) return bad("takes one argument");
    if (a[0] == kStr || a[0] == kRange || T.kind(a[0]) == TypeKind::List || T.kind(a[0]) == TypeKind::Tuple ||
        dict_set(a[0]))
      return kInt;
    if (const Class* ec = enum_class(a[0]); ec && T.kind(a[0]) == TypeKind::ClassRef && ec->stub_reason.empty()) return kInt;
    if (!class_name_of(a[0]).empty() && dunder_result("__len__", a[0], {}, s) == kInt) return kInt;
    return bad("len of a " + T.python_name(a[0]));
  }
  if (name == "hex" || name == "oct" || name == "bin") {
    if (a.size() != 1 || !is_int_like(a[0]) || !no_keywords()) return bad("takes one int");
    return kStr;
  }
  if (name == "pow") {
    // pow(a, b) as a ** b; pow(a, b, m) on ints: modular exponentiation (b < 0: of the inverse, py::pow).
    if (!no_keywords() || a.size() < 2 || a.size() > 3) return bad("takes two or three numbers");
    if (a.size() == 3) {
      for (TypeId t : a)
        if (!is_int_like(t)) return bad("pow(a, b, m) takes ints");
      return kInt;
    }
    if (!T.is_numeric(a[0]) || !T.is_numeric(a[1])) return bad("takes numbers");
    if (a[0] == kFloat || a[1] == kFloat) return kFloat;
    // An int to an int power is an int unless the exponent is negative, which only a literal shows here.
    // A negative exponent (a float in Python) raises NotTranslated at run time (py::ipow).
    if (auto* u = get_if<UnaryOp>(m_, c.args[1]); u && u->op == UnaryOpKind::Neg) return bad("a negative int exponent gives a float: use a float");
    return kInt;
  }
  if (name == "abs") {
    if (a.size() == 1 && T.kind(a[0]) == TypeKind::Class && no_keywords())  // abs(obj): obj.__abs__()
      if (TypeId t = dunder_result("__abs__", a[0], {}, s); t != kUnknown) return t;
    if (a.size() != 1 || !T.is_numeric(a[0])) return bad("takes one number");
    return a[0] == kFloat ? kFloat : kInt;
  }
  if (name == "int") {
    if (a.empty()) return kInt;
    if (a.size() == 2 && a[0] == kStr && is_int_like(a[1])) return kInt;
    if (a.size() != 1) return bad("unsupported arguments");
    if (T.is_numeric(a[0]) || a[0] == kStr) return kInt;
    if (const Class* ec = enum_class(a[0]); ec && ec->is_int_enum && T.kind(a[0]) == TypeKind::Enum) return kInt;
    return bad("int() of a " + T.python_name(a[0]));
  }
  if (name == "float") {
    if (a.empty()) return kFloat;
    if (a.size() != 1) return bad("takes one argument");
    if (T.is_numeric(a[0]) || a[0] == kStr || is_int_or_float_union(a[0])) return kFloat;
    return bad("float() of a " + T.python_name(a[0]));
  }
  if (name == "str") {
    if (a.empty()) return kStr;
    if (a.size() != 1 || !printable(T, a[0])) return bad("unsupported argument");
    if (T.kind(a[0]) != TypeKind::Class && repr_shows_address(a[0])) return address_repr(a[0]);  // `str([s])`
    return kStr;
  }
  if (name == "format") return infer_format_builtin(c, a, s);  // str_format.cpp
  if (name == "repr") {
    if (a.size() != 1 || !printable(T, a[0])) return bad("unsupported argument");
    if (repr_shows_address(a[0])) return address_repr(a[0]);
    return kStr;
  }
  if (name == "bool") {
    if (a.size() > 1) return bad("takes one argument");
    return kBool;
  }
  if (name == "round") {
    if (a.empty() || a.size() > 2 || !T.is_numeric(a[0])) return bad("unsupported arguments");
    if (a.size() == 2) {
      if (!is_int_like(a[1])) return bad("ndigits must be an int");
      return a[0] == kFloat ? kFloat : kInt;
    }
    return kInt;
  }
  if (name == "range") {
    if (a.empty() || a.size() > 3 || !no_keywords()) return bad("takes 1 to 3 arguments");
    for (TypeId t : a)
      if (!is_int_like(t)) return bad("arguments must be ints");
    return kRange;
  }
  if (name == "ord") {
    if (a.size() != 1 || a[0] != kStr) return bad("takes one str");
    return kInt;
  }
  if (name == "chr") {
    if (a.size() != 1 || !is_int_like(a[0])) return bad("takes one int");
    return kStr;
  }
  if (name == "isinstance") {
    // A name of a fixed builtin type: the answer is known (bool is an int, as in Python).
    const TypeKind k0 = a.empty() ? TypeKind::Unknown : T.kind(a[0]);
    const bool fixed = k0 == TypeKind::Int || k0 == TypeKind::Float || k0 == TypeKind::Str || k0 == TypeKind::Bool ||
                       k0 == TypeKind::List || k0 == TypeKind::Dict || k0 == TypeKind::Set || k0 == TypeKind::Tuple;
    if (a.size() == 2 && fixed && get_if<Name>(m_, c.args[0]) && !T.is_deque(a[0]) && T.dict_kind(a[0]).empty() &&
        !T.is_frozenset(a[0])) {
      static const std::map<std::string, TypeKind> builtin = {
          {"int", TypeKind::Int},   {"float", TypeKind::Float}, {"str", TypeKind::Str}, {"bool", TypeKind::Bool},
          {"list", TypeKind::List}, {"dict", TypeKind::Dict},   {"set", TypeKind::Set}, {"tuple", TypeKind::Tuple}};
      std::vector<ExprId> names = {c.args[1]};
      if (auto* t = get_if<TupleLit>(m_, c.args[1])) names = t->elts;
      bool holds = false, known = true, has_int = false, has_float = false;
      for (ExprId n : names) {
        auto* nm = get_if<Name>(m_, n);
        auto b = nm && r_.name_ref[n].kind == NameRef::Builtin ? builtin.find(nm->id) : builtin.end();
        if (b == builtin.end()) {
          known = named_class(n) != nullptr;  // a user class: never an instance of a builtin type here
          if (!known) break;
          continue;
        }
        holds = holds || b->second == k0 || (k0 == TypeKind::Bool && b->second == TypeKind::Int);
        has_int = has_int || b->second == TypeKind::Int;
        has_float = has_float || b->second == TypeKind::Float;
      }
      // A float slot may hold an int in Python (PEP 484): isinstance(v, float) alone depends on which.
      if (k0 == TypeKind::Float && has_int != has_float) known = false;
      if (known) {
        r_.static_isinstance[c.args[0]] = holds;
        return kBool;
      }
    }
    if (a.size() == 2 && T.kind(a[0]) == TypeKind::Union) {
      // Which alternatives of the variant the test holds for (emit: std::holds_alternative).
      std::vector<TypeId> matched;
      if (!isinstance_alternatives(a[0], c.args[1], matched)) return bad("isinstance(union, T): T must name builtin types or classes");
      r_.isinstance_matches[c.args[0]] = matched;
      return kBool;
    }
    // isinstance(e, E) on a caught exception: its dynamic class (narrows e to a user E).
    if (c.args.size() == 2 && T.kind(a[0]) == TypeKind::Exception &&
        (T.kind(a[1]) == TypeKind::Exception || (named_class(c.args[1]) && named_class(c.args[1])->is_exception())))
      return kBool;
    // isinstance(obj, C) over a user class hierarchy; narrows obj to C where it holds.
    const Class* target = c.args.size() == 2 ? named_class(c.args[1]) : nullptr;
    if (!target || T.kind(a[1]) != TypeKind::ClassRef || class_name_of(a[0]).empty() ||
        T.kind(a[0]) == TypeKind::Exception)
      return bad("only isinstance(instance, UserClass) is supported");
    return kBool;
  }
  if (name == "hash") {
    if (a.size() != 1 || !is_hashable(a[0])) return bad("hash() of an unhashable " + (a.empty() ? std::string("value") : T.python_name(a[0])));
    return kInt;
  }
  if (name == "divmod") {
    if (a.size() != 2 || !T.is_numeric(a[0]) || !T.is_numeric(a[1])) return bad("takes two numbers");
    TypeId t = (a[0] == kFloat || a[1] == kFloat) ? kFloat : kInt;
    return r_.types.tuple_of({t, t});
  }
  return bad("not supported");
}

TypeId Analyzer::infer_math_call(const std::string& fn, const Call& c, Scope& s) {
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "math." + fn + "(): " + why);
    return kUnknown;
  };
  const TypeTable& T = r_.types;
  // fsum(iterable), prod(iterable, *, start=1): a list, range, set or dict of numbers.
  if (fn == "fsum" || fn == "prod") {
    std::vector<TypeId> a;
    for (ExprId x : c.args) a.push_back(infer_iterable(x, s));
    for (const auto& k : c.keywords) infer(k.value, s);
    if (std::find(a.begin(), a.end(), kUnknown) != a.end()) return kUnknown;
    if (a.size() != 1) return bad("takes one iterable");
    if (T.kind(a[0]) == TypeKind::Generator) return bad("a generator expression argument (pass a list comprehension)");
    TypeId el = element_type_of_iterable(a[0]);
    if (el == kUnknown || !T.is_numeric(el)) return bad("the items must be numbers");
    if (fn == "fsum") return c.keywords.empty() ? kFloat : bad("takes no keyword arguments");
    TypeId start = kInt;
    for (const auto& k : c.keywords) {
      if (k.name != "start") return bad("keyword '" + k.name + "'");
      start = r_.expr_type[k.value];
      if (start == kUnknown) return kUnknown;
      if (!T.is_numeric(start)) return bad("start must be a number");
    }
    return el == kFloat || start == kFloat ? kFloat : kInt;
  }
  std::vector<TypeId> a;
  if (!infer_call_arguments(c, s, a)) return kUnknown;
  // dist(p, q): two points, each a list or a tuple of numbers.
  if (fn == "dist") {
    auto point = [&](TypeId t) {
      if (T.kind(t) == TypeKind::List) return T.is_numeric(T.arg(t, 0));
      if (T.kind(t) != TypeKind::Tuple) return false;
      for (TypeId x : T.get(t).args)
        if (!T.is_numeric(x)) return false;
      return true;
    };
    if (a.size() != 2 || !c.keywords.empty() || !point(a[0]) || !point(a[1])) return bad("takes two points (lists or tuples of numbers)");
    return kFloat;
  }
  bool all_numeric = true;
  for (TypeId t : a) all_numeric = all_numeric && T.is_numeric(t);
  if (!all_numeric) return bad("arguments must be numbers");
  static const std::set<std::string> to_int = {"floor", "ceil", "trunc"};
  static const std::set<std::string> int_fns = {"gcd", "lcm", "factorial", "isqrt", "comb", "perm"};
  static const std::set<std::string> to_bool = {"isnan", "isinf", "isfinite", "isclose"};
  static const std::set<std::string> to_float = {
      "sqrt", "exp",  "exp2", "log",  "log2", "log10", "log1p", "expm1", "sin",   "cos",      "tan",
      "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",  "asinh", "acosh", "atanh",    "hypot",
      "fabs", "pow",  "fmod", "copysign", "degrees", "radians", "cbrt", "erf", "erfc", "remainder",
      "nextafter", "ulp"};
  // One argument each; hypot takes any number, log an optional base, gcd/lcm any number of ints.
  static const std::map<std::string, size_t> arity = {
      {"atan2", 2}, {"pow", 2}, {"fmod", 2}, {"copysign", 2}, {"remainder", 2}, {"nextafter", 2}, {"ldexp", 2},
      {"comb", 2}};
  if (!c.keywords.empty() && fn != "isclose") return bad("keyword arguments are not supported");
  if (auto it = arity.find(fn); it != arity.end() && a.size() != it->second)
    return bad("takes " + std::to_string(it->second) + " arguments");
  if (to_int.count(fn)) return a.size() == 1 ? kInt : bad("takes one argument");
  if (int_fns.count(fn)) {
    for (TypeId t : a)
      if (!is_int_like(t)) return bad("arguments must be ints");
    return kInt;
  }
  if (to_bool.count(fn)) return kBool;
  if (to_float.count(fn)) return kFloat;
  if (fn == "ldexp") return is_int_like(a[1]) ? kFloat : bad("the exponent must be an int");
  if (fn == "frexp") return a.size() == 1 ? r_.types.tuple_of({kFloat, kInt}) : bad("takes one argument");
  if (fn == "modf") return a.size() == 1 ? r_.types.tuple_of({kFloat, kFloat}) : bad("takes one argument");
  if (fn == "gamma" || fn == "lgamma")
    return bad("CPython's own Lanczos implementation is not in the runtime yet (the C library's differs in the last digits)");
  return bad("not supported");
}

TypeId Analyzer::infer_method_call(ExprId obj, const std::string& method, const Call& c, Scope& s) {
  TypeId ot = infer(obj, s);
  if (method == "fromkeys" && is_builtin_name(obj, "dict")) return infer_dict_fromkeys(c, s);
  std::vector<TypeId> a;
  // str.join takes any iterable of str, generator expressions included (comprehensions.cpp).
  // `fs.append(lambda: 0)`, `xs.append(5)` into a list[int | str]: the item takes the element type.
  TypeId item_t = kUnknown;
  if (r_.types.kind(ot) == TypeKind::List && (method == "append" || method == "insert") &&
      contains_union_or_callable(r_.types, r_.types.arg(ot, 0)))
    item_t = r_.types.arg(ot, 0);
  for (size_t i = 0; i < c.args.size(); ++i) {
    ExprId x = c.args[i];
    bool item = (method == "append" && i == 0) || (method == "insert" && i == 1);
    // xs.extend(d.values()), xs.extend(x * 2 for x in ys), s.update(map(f, ys)): any iterable.
    static const std::set<std::string> takes_iterable = {"extend", "update", "union", "intersection", "difference",
                                                         "symmetric_difference", "intersection_update",
                                                         "difference_update", "symmetric_difference_update"};
    bool iterable = method == "join" || (takes_iterable.count(method) &&
                                         (r_.types.kind(ot) == TypeKind::List || r_.types.kind(ot) == TypeKind::Set));
    a.push_back(iterable ? infer_iterable(x, s) : infer(x, s, item ? item_t : kUnknown));
  }
  for (const auto& k : c.keywords)
    if (!(method == "sort" && k.name == "key")) infer(k.value, s);  // a key function is typed below
  if (ot == kUnknown) return kUnknown;
  for (TypeId t : a)
    if (t == kUnknown) return kUnknown;
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, T.python_name(ot) + "." + method + "(): " + why);
    return kUnknown;
  };
  if (T.kind(ot) == TypeKind::Dict) return infer_dict_method(obj, ot, method, c, a, s);
  if (T.kind(ot) == TypeKind::Set) return infer_set_method(obj, ot, method, c, a, s);

  if (T.is_vtuple(ot) && method != "count" && method != "index") return bad("a tuple has no method " + method);
  if (T.kind(ot) == TypeKind::List) {
    TypeId el = T.arg(ot, 0);
    // Refine `xs = []` from its first use: `xs.append(1)` makes it list[int].
    auto refine = [&](TypeId value) {
      TypeId u = r_.types.unify(el, value);
      if (u == kUnknown) return false;
      note_int_as_float(s, m_.expr(c.args.empty() ? obj : c.args.back()).span, value, u, "an item of '" + expr_text(obj) + "'");
      if (u != el) {
        TypeId refined = r_.types.list_like(ot, u);
        if (auto* n = get_if<Name>(m_, obj)) bind_name(obj, n->id, refined, s, "element type from `" + expr_text(obj) + "." + method + "(...)`");
        // `rows = [[] for _ in range(n)]` then `rows[i].append(x)`: the rows' element type.
        if (auto* sub = get_if<Subscript>(m_, obj); sub && !get_if<Slice>(m_, sub->index)) {
          if (auto* n = get_if<Name>(m_, sub->value); n && r_.expr_type[sub->value] == r_.types.list_of(ot))
            bind_name(sub->value, n->id, r_.types.list_of(refined), s, "element type from `" + expr_text(obj) + "." + method + "(...)`");
          // `groups[k].append(x)` on a defaultdict(list)
          if (r_.types.kind(r_.expr_type[sub->value]) == TypeKind::Dict)
            refine_variable(obj, ot, refined, s, "element type from `" + expr_text(obj) + "." + method + "(...)`");
        }
      }
      return true;
    };
    if (mutating_methods().count(method)) note_mutation(obj, s);
    if (T.is_deque(ot)) {
      if (method == "appendleft") {
        if (a.size() != 1) return bad("takes one argument");
        if (!refine(a[0])) return bad("appending a " + T.python_name(a[0]));
        return kNoneType;
      }
      if (method == "popleft") return a.empty() ? el : bad("takes no arguments");
      if (method == "extendleft") {
        if (a.size() != 1 || T.kind(a[0]) != TypeKind::List) return bad("takes a list or deque");
        if (!refine(T.arg(a[0], 0))) return bad("element types differ");
        return kNoneType;
      }
      if (method == "rotate") return a.size() <= 1 && std::all_of(a.begin(), a.end(), is_int_like) ? kNoneType : bad("takes an optional int");
      if (method == "pop" && !a.empty()) return bad("takes no arguments (a deque pops only at its ends)");
      if (method == "sort") return bad("a deque has no sort(); use sorted(d)");
    }
    if (method == "append") {
      if (a.size() != 1) return bad("takes one argument");
      if (!refine(a[0])) return bad("appending a " + T.python_name(a[0]));
      return kNoneType;
    }
    if (method == "pop") {
      if (a.size() > 1 || (a.size() == 1 && !is_int_like(a[0]))) return bad("takes an optional int index");
      return el;
    }
    if (method == "insert") {
      if (a.size() != 2 || !is_int_like(a[0])) return bad("takes an index and a value");
      if (!refine(a[1])) return bad("inserting a " + T.python_name(a[1]));
      return kNoneType;
    }
    if (method == "extend") {
      if (a.size() != 1) return bad("takes one iterable");
      TypeId items = element_type_of_iterable(a[0]);
      if (items == kUnknown && T.kind(a[0]) == TypeKind::List) items = T.arg(a[0], 0);  // `xs.extend([])`
      if (items == kUnknown && T.kind(a[0]) != TypeKind::List) return bad("takes an iterable, not a " + T.python_name(a[0]));
      // Python extends from a generator lazily, so one that reads the list sees it grow;
      // py2cpp computes the items first.
      if (T.kind(a[0]) == TypeKind::Generator)
        if (auto* n = get_if<Name>(m_, obj)) {
          bool reads = false;
          for_each_expr(m_, c.args[0], [&](ExprId x) {
            if (auto* r = get_if<Name>(m_, x); r && r->id == n->id) reads = true;
          });
          if (reads) return bad("an iterator that reads " + n->id + " itself while it grows");
        }
      if (!refine(items)) return bad("element types differ");
      return kNoneType;
    }
    if (method == "remove" || method == "index" || method == "count") {
      bool bounds = method == "index" && a.size() <= 3 && std::all_of(a.begin() + 1, a.end(), is_int_like);
      if (a.size() != 1 && !(a.size() > 1 && bounds)) return bad(method == "index" ? "takes a value and optional int start, stop" : "takes one argument");
      if (r_.types.unify(el, a[0]) == kUnknown) return bad("value of a different type");
      return method == "remove" ? kNoneType : kInt;
    }
    if (method == "clear" || method == "reverse") return a.empty() ? kNoneType : bad("takes no arguments");
    if (method == "sort") {
      if (!a.empty()) return bad("takes keyword arguments only");
      return sort_keywords_ok(T.python_name(ot) + ".sort()", c, el, s) ? kNoneType : kUnknown;
    }
    if (method == "copy") return ot;
    return bad("not supported");
  }
  if (ot == kStr) {
    static const std::set<std::string> to_str = {"upper", "lower", "strip", "lstrip", "rstrip", "title",
                                                  "capitalize", "swapcase", "replace", "zfill", "ljust",
                                                  "rjust", "center", "casefold", "expandtabs"};
    static const std::set<std::string> to_bool = {"startswith", "endswith", "isdigit", "isalpha", "isalnum",
                                                   "isspace",    "isupper",  "islower", "isnumeric", "isdecimal"};
    static const std::set<std::string> to_int = {"find", "rfind", "index", "rindex", "count"};
    if (method == "format") return infer_str_format(obj, c, s);  // str_format.cpp
    if (method == "join") {
      if (a.size() == 1 && element_type_of_iterable(a[0]) == kStr) return kStr;
      return bad("takes an iterable of str");
    }
    // `line.startswith(("#", "//"))`: any of the prefixes.
    if ((method == "startswith" || method == "endswith") && a.size() == 1 && T.kind(a[0]) == TypeKind::Tuple) {
      if (!get_if<TupleLit>(m_, c.args[0])) return bad("a tuple of prefixes must be written in the call");
      for (TypeId p : T.get(a[0]).args)
        if (p != kStr) return bad("takes a str or a tuple of str");
      return kBool;
    }
    if (method == "partition" || method == "rpartition")
      return a.size() == 1 && a[0] == kStr ? r_.types.tuple_of({kStr, kStr, kStr}) : bad("takes one str");
    for (TypeId t : a)
      if (t != kStr && !is_int_like(t)) return bad("unsupported argument type " + T.python_name(t));
    if (!c.keywords.empty()) return bad("keyword arguments are not supported yet");
    if (to_str.count(method)) return kStr;
    if (to_bool.count(method)) return kBool;
    if (to_int.count(method)) return kInt;
    if (method == "split" || method == "rsplit" || method == "splitlines") return r_.types.list_of(kStr);
    return bad("not supported");
  }
  if (is_int_like(ot) && (method == "bit_length" || method == "bit_count")) return a.empty() ? kInt : bad("takes no arguments");
  return bad("methods of " + T.python_name(ot) + " are not supported yet");
}

TypeId Analyzer::infer_user_call(ExprId e, uint32_t fn_index, const Call& c, Scope& s, size_t first) {
  Function& callee = r_.functions[fn_index];
  std::vector<TypeId> a;
  // A literal passed for a union-typed parameter (`f([1, "a"])` for list[int | str]), a lambda
  // or function for a Callable one, takes the parameter's type; other literals keep their own (an int list for list[float] would print
  // its items as floats, so that mismatch stays a reported stub).
  auto expected = [&](size_t i) {
    size_t p = first + i;
    if (!callee.signature_ok || p >= callee.num_params || p >= callee.vars.size()) return kUnknown;
    TypeId t = callee.vars[p].type;
    // An Iterator[T] parameter takes a generator object (generators.cpp).
    if (contains_union_or_callable(r_.types, t) || r_.types.kind(t) == TypeKind::Generator) return t;
    // `total([Sq(1), Sq(2)])` for `items: list[Shape]`: a list built right here holds Shape
    // handles from the start (mypy infers list[Shape] too). Only a fresh literal or
    // comprehension: an existing list[Sq] stays a mismatch, since lists are invariant (the callee
    // could put a plain Shape into the caller's list of Sq).
    return fresh_list_of_classes(c.args[i], t) ? t : kUnknown;
  };
  // A generic callee: a lambda for a `Callable[[T], float]` parameter is typed once the other
  // arguments have bound T (generics.cpp).
  const bool generic = !callee.type_params.empty();
  auto mentions_type_param = [&](TypeId t) {
    std::vector<TypeId> ps;
    r_.types.collect_type_params(t, ps);
    return !ps.empty();
  };
  std::set<ExprId> deferred;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (auto* star = get_if<Starred>(m_, c.args[i])) {  // `*xs` for a *args parameter (checked below)
      a.push_back(r_.expr_type[c.args[i]] = infer(star->value, s));
      continue;
    }
    if (generic && mentions_type_param(expected(i))) {
      deferred.insert(c.args[i]);
      a.push_back(kUnknown);
      continue;
    }
    if (genexp_for_iterable_param(c.args[i], callee, first + i)) {
      a.push_back(infer_iterable(c.args[i], s));  // generator_args.cpp: the call builds its list
      continue;
    }
    a.push_back(infer(c.args[i], s, expected(i)));
  }
  for (const auto& k : c.keywords) infer(k.value, s);
  if (unavailable_functions_.count(callee.name)) {
    unsupported(s, StubKind::DependsOnStub, "calls '" + callee.name + "', which could not be translated");
    return kUnknown;
  }
  std::vector<ExprId> args(callee.num_params, kNoNode);
  std::vector<ExprId> varargs;
  size_t pos = first;
  for (size_t i = 0; i < c.args.size(); ++i) {
    while (pos < callee.num_params && callee.vars[pos].param_kind == ParamKind::KeywordOnly) ++pos;
    if (pos < callee.num_params && callee.vars[pos].param_kind == ParamKind::VarArgs) {
      varargs.push_back(c.args[i]);  // the rest goes into *args
      continue;
    }
    if (pos >= callee.num_params) {
      unsupported(s, StubKind::CallArguments, callee.name + "() takes " + std::to_string(callee.num_params) + " positional arguments");
      return kUnknown;
    }
    if (auto* star = get_if<Starred>(m_, c.args[i])) {
      // `dist(*p)` with p a `tuple[float, float]` held in a name: each item fills the next
      // parameter (emit: std::get<k>(p)).
      TypeId st = r_.expr_type[star->value];
      bool named = get_if<Name>(m_, star->value) || get_if<Attribute>(m_, star->value);
      if (r_.types.kind(st) == TypeKind::Tuple && named && !generic) {
        size_t n = r_.types.get(st).args.size();
        for (size_t k = 0; k < n; ++k, ++pos) {
          if (pos >= callee.num_params || callee.vars[pos].param_kind == ParamKind::KeywordOnly ||
              callee.vars[pos].param_kind == ParamKind::VarArgs) {
            unsupported(s, StubKind::CallArguments, callee.name + "() takes fewer positional arguments than *" + expr_text(star->value) +
                               " has items");
            return kUnknown;
          }
          args[pos] = c.args[i];
        }
        continue;
      }
      unsupported(s, StubKind::StarArgs, "spreading *" + expr_text(star->value) +
                         " into named parameters (only a fixed-size tuple held in a name, or into a *args parameter)");
      return kUnknown;
    }
    args[pos++] = c.args[i];
  }
  for (size_t i = first; i < callee.num_params; ++i) {
    if (callee.vars[i].param_kind != ParamKind::VarArgs) continue;
    // `f(1, 2, 3)` or `f(*xs)` with xs a list of exactly the items' type.
    TypeId el = r_.types.arg(callee.vars[i].type, 0);
    for (ExprId x : varargs) {
      bool star = get_if<Starred>(m_, x) != nullptr;
      if (star && varargs.size() > 1) {
        unsupported(s, StubKind::StarArgs, "*" + expr_text(std::get<Starred>(m_.expr(x).node).value) + " together with other arguments for *" +
                           callee.vars[i].name + " (build one list)");
        return kUnknown;
      }
      TypeId at = star ? r_.expr_type[std::get<Starred>(m_.expr(x).node).value] : r_.expr_type[x];
      TypeId want = star ? r_.types.list_of(el) : el;
      // `total_of(Sq(3))` for `*xs: Shape`: the call builds the vector, so a subclass handle
      // converts to its base there (not an int for `*xs: float`: it stays an int in Python).
      bool upcast = !star && r_.types.kind(want) == TypeKind::Class && r_.types.kind(at) == TypeKind::Class &&
                    r_.types.derives_from(r_.types.get(at).name, r_.types.get(want).name);
      if (star && at == r_.types.vtuple_of(el)) at = want;  // `f(*args)` passing a *args on
      if (at != kUnknown && at != want && !upcast) {
        unsupported(s, StubKind::CallArguments, "*" + callee.vars[i].name + " of " + callee.name + "() takes " + r_.types.python_name(el) + " items, got " +
                           (star ? "*" : "") + r_.types.python_name(at));
        return kUnknown;
      }
    }
    r_.call_varargs[e] = varargs;
    varargs.clear();
  }
  if (!varargs.empty()) {
    unsupported(s, StubKind::CallArguments, callee.name + "() takes " + std::to_string(callee.num_params) + " positional arguments");
    return kUnknown;
  }
  for (const auto& k : c.keywords) {
    auto it = callee.var_index.find(k.name);
    if (it == callee.var_index.end() || it->second >= callee.num_params || it->second < first) {
      unsupported(s, StubKind::CallArguments, callee.name + "() has no parameter '" + k.name + "'");
      return kUnknown;
    }
    if (args[it->second] != kNoNode) {
      unsupported(s, StubKind::CallArguments, callee.name + "() got multiple values for '" + k.name + "'");
      return kUnknown;
    }
    args[it->second] = k.value;
  }
  std::vector<TypeId> type_args;  // what the callee's TypeVars stand for at this call
  if (generic) {
    bool bound = bind_type_params(e, callee, args, deferred, s);
    auto it = r_.call_type_args.find(e);
    if (!bound || it == r_.call_type_args.end()) return kUnknown;
    type_args = it->second;
    std::vector<TypeId>& bound_params = r_.call_param_types[e];
    for (size_t i = 0; i < callee.num_params; ++i)
      bound_params.push_back(r_.types.substitute(callee.vars[i].type, callee.type_params, type_args));
  }
  for (size_t i = first; i < callee.num_params; ++i) {
    const Variable& p = callee.vars[i];
    if (p.param_kind == ParamKind::VarArgs) continue;  // filled from call_varargs
    if (args[i] == kNoNode) {
      if (p.external_default) {
        // The default lives in the other module's header: it can only be left to C++ at the end.
        for (size_t j = i + 1; j < callee.num_params; ++j)
          if (args[j] != kNoNode) {
            unsupported(s, StubKind::CallArguments, callee.name + "(): skipping the default of '" + p.name + "' of an imported function");
            return kUnknown;
          }
        continue;
      }
      if (p.default_value == kNoNode) {
        unsupported(s, StubKind::CallArguments, callee.name + "() missing argument '" + p.name + "'");
        return kUnknown;
      }
      continue;
    }
    TypeId at = r_.expr_type[args[i]];
    if (auto* star = get_if<Starred>(m_, args[i])) {  // item k of a spread tuple (above)
      size_t k = 0;
      for (size_t j = first; j < i; ++j) k += args[j] == args[i] ? 1 : 0;
      at = r_.types.arg(r_.expr_type[star->value], k);
    }
    TypeId pt = generic ? r_.types.substitute(p.type, callee.type_params, type_args) : p.type;
    if (at == kUnknown || pt == kUnknown) continue;
    if (r_.types.kind(at) == TypeKind::Generator && genexp_for_iterable_param(args[i], callee, i)) {
      if (r_.types.arg(at, 0) != r_.types.arg(pt, 0)) {
        unsupported(s, StubKind::CallArguments, "argument '" + p.name + "' of " + callee.name + "() expects " + r_.types.python_name(pt) +
                           ", got a generator of " + r_.types.python_name(r_.types.arg(at, 0)));
        return kUnknown;
      }
      if (s.stmt != kNoNode) generator_args_.push_back({args[i], s.stmt, fn_index, i});
      continue;
    }
    TypeId u = r_.types.unify(pt, at);
    if (u != pt && copies_into_iterable(p, pt, at) && !generic) {
      r_.iterable_copies.insert(args[i]);
      continue;
    }
    if (u != pt) {
      unsupported(s, StubKind::CallArguments, "argument '" + p.name + "' of " + callee.name + "() expects " + r_.types.python_name(pt) +
                         ", got " + r_.types.python_name(at));
      return kUnknown;
    }
    // `xs = []` passed to a list[int] parameter: the parameter decides the element type. An
    // Optional[T] parameter refines toward T only: the argument itself is never None (the call
    // converts it), and widening the caller's local to T | None would change all its other uses.
    TypeId want = pt;
    if (r_.types.kind(want) == TypeKind::Optional && r_.types.kind(at) != TypeKind::Optional &&
        r_.types.kind(at) != TypeKind::None)
      want = r_.types.unify(r_.types.arg(want, 0), at);
    // An int for a float parameter converts in C++ (the caller's variable stays an int).
    const bool scalar_int = want == kFloat && (at == kInt || at == kBool);
    if (int_where_float(at, want) && (!scalar_int || float_slot_visible(callee, p.name)) &&
        (scalar_int || !get_if<Name>(m_, args[i])))  // a list variable: its own assignment is noted
      note_int_as_float(s, m_.expr(args[i]).span, at, want, "parameter '" + p.name + "' of " + callable_display_name(callee) + "()");
    if (at != want && !scalar_int)
      if (auto* n = get_if<Name>(m_, args[i])) bind_name(args[i], n->id, want, s, "passed to " + callee.name + "()");
    if (p.mutated) note_mutation(args[i], s);
  }
  r_.call_args[e] = args;
  r_.call_target[e] = fn_index;
  return generic ? r_.types.substitute(callee.return_type, callee.type_params, type_args) : callee.return_type;
}

}  // namespace py2cpp::sema

namespace py2cpp::sema {

// The alternatives of `u` that isinstance(x, classes) holds for; `classes` is a name or a tuple of
// names (int, float, str, bool, list, dict, set, tuple, or a class). False if one is not a type.
bool Analyzer::isinstance_alternatives(TypeId u, ExprId classes, std::vector<TypeId>& matched) const {
  const TypeTable& T = r_.types;
  std::vector<ExprId> names;
  if (auto* t = get_if<TupleLit>(m_, classes))
    names = t->elts;
  else
    names = {classes};
  static const std::map<std::string, TypeKind> builtin = {
      {"int", TypeKind::Int},   {"float", TypeKind::Float}, {"str", TypeKind::Str},     {"bool", TypeKind::Bool},
      {"list", TypeKind::List}, {"dict", TypeKind::Dict},   {"set", TypeKind::Set},     {"tuple", TypeKind::Tuple}};
  for (ExprId n : names) {
    const Class* k = named_class(n);
    auto* name = get_if<Name>(m_, n);
    if (!name && !k) return false;
    auto b = builtin.find(name ? name->id : "");
    bool is_class = k != nullptr;
    if (b == builtin.end() && !is_class) return false;
    const std::string cls = k ? k->name : "";
    for (TypeId alt : T.get(u).args) {
      bool holds = is_class ? (T.kind(alt) == TypeKind::Class && T.derives_from(T.get(alt).name, cls))
                            : T.kind(alt) == b->second;
      if (holds && std::find(matched.begin(), matched.end(), alt) == matched.end()) matched.push_back(alt);
    }
    // isinstance(x, Sub) where x may hold a Base handle: which object it points to decides.
    if (is_class)
      for (TypeId alt : T.get(u).args)
        if (T.kind(alt) == TypeKind::Class && T.get(alt).name != cls && T.derives_from(cls, T.get(alt).name))
          return false;
  }
  return true;
}

// True if the (inferred) e is the name of the builtin `name`, not a variable or def shadowing it.
bool Analyzer::is_builtin_name(ExprId e, const std::string& name) const {
  auto* n = get_if<Name>(m_, e);
  return n && n->id == name && r_.name_ref[e].kind == NameRef::Builtin;
}

// dict.fromkeys(keys, value): dict[K, V] with K the keys' item type. The one value is shared by
// every key in Python, so it must be immutable (a number, str, bool or tuple of those).
TypeId Analyzer::infer_dict_fromkeys(const Call& c, Scope& s) {
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::StdlibFunction, "dict.fromkeys(): " + why);
    return kUnknown;
  };
  if (c.args.size() != 2 || !c.keywords.empty())
    return bad("give the value explicitly (`dict.fromkeys(keys, 0)`); without it every value is None");
  TypeId keys = infer_iterable(c.args[0], s);
  TypeId value = infer(c.args[1], s);
  if (keys == kUnknown || value == kUnknown) return kUnknown;
  const TypeTable& T = r_.types;
  TypeId key = keys == kStr ? kStr : element_type_of_iterable(keys);
  bool container = T.kind(keys) == TypeKind::List || T.kind(keys) == TypeKind::Set || keys == kStr || keys == kRange;
  if (!container || key == kUnknown) return bad("the keys must be a list, set, tuple, str or range, not " + T.python_name(keys));
  if (!T.is_numeric(value) && value != kStr && value != kBool)
    return bad("the value " + T.python_name(value) + " would be one object shared by every key; use a comprehension "
               "`{k: <new value> for k in keys}`");
  return r_.types.dict_of(key, value);
}

}  // namespace py2cpp::sema
