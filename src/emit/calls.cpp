// Calls: builtins, math, str/list methods and module functions.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

CppExpr Emitter::call(ExprId e, const Call& c) {
  const Expr& f = m_.expr(c.func);
  // Through a Callable value (a std::function): a parameter, variable, `ops[name]`, ...
  if (S::TypeId ft = s_.expr_type[c.func]; s_.types.kind(ft) == TypeKind::Callable) {
    std::string out = paren(expr(c.func), 2) + "(";
    for (size_t i = 0; i < c.args.size(); ++i) out += (i ? ", " : "") + str(c.args[i], s_.types.arg(ft, i));
    return {out + ")", 2};
  }
  // `Stack[int]()`: a generic class translated with the module's one binding (sema/generic_classes.cpp).
  if (std::holds_alternative<Subscript>(f.node) && s_.name_ref[c.func].kind == S::NameRef::Class)
    return class_call(e, s_.classes[s_.name_ref[c.func].index], c);
  if (auto* attr = std::get_if<Attribute>(&f.node)) {
    // `m.f(...)` of a module translated in the same batch: `m::f(...)`.
    if (auto it = s_.call_target.find(e); it != s_.call_target.end() && !s_.functions[it->second].external_module.empty() &&
                                          s_.functions[it->second].owner < 0)
      return user_call(e, s_.functions[it->second], c);
    if (const S::NameRef& ref = s_.name_ref[c.func]; ref.kind == S::NameRef::Class) return class_call(e, s_.classes[ref.index], c);
    if (auto* base = get_if<Name>(m_, attr->value); base && s_.name_ref[attr->value].kind == S::NameRef::Module) {
      return stdlib_call(e, base->id + "." + attr->attr, c);
    }
    // sys.stdin.readline(), sys.stdout.write(s): "sys.stdin.readline".
    if (std::string callee = S::stdlib_callee(m_, s_, c.func); callee.rfind("sys.", 0) == 0 || callee == "itertools.chain.from_iterable")
      return stdlib_call(e, callee, c);
    // fib.cache_info() / fib.cache_clear(): the function's py::Memo.
    if (get_if<Name>(m_, attr->value) && s_.name_ref[attr->value].kind == S::NameRef::Function &&
        s_.functions[s_.name_ref[attr->value].index].memoized)
      return {s_.functions[s_.name_ref[attr->value].index].cpp_name + "_cache." + (attr->attr == "cache_info" ? "info()" : "clear()"), 2};
    // Methods of user classes (and super() calls) were resolved by sema.
    if (auto it = s_.call_target.find(e); it != s_.call_target.end()) {
      const S::Function& callee = s_.functions[it->second];
      if (callee.method_kind == S::MethodKind::Init) return {"/* super().__init__ */", 2};
      return class_method_call(e, attr->value, attr->attr, c);
    }
    // dict.fromkeys(keys, value): sema typed the call (sema/builtins.cpp).
    if (attr->attr == "fromkeys" && get_if<Name>(m_, attr->value) && s_.name_ref[attr->value].kind == S::NameRef::Builtin) {
      S::TypeId key = s_.types.arg(s_.expr_type[e], 0), value = s_.types.arg(s_.expr_type[e], 1);
      std::string keys = s_.expr_type[c.args[0]] == S::kStr ? "py::chars(" + str(c.args[0]) + ")" : str(c.args[0]);
      return {fmt::format("py::fromkeys<{}, {}>({}, {})", cpp_type(key), cpp_type(value), keys, str(c.args[1], value)), 2};
    }
    return method_call(attr->value, attr->attr, c);
  }
  if (auto* n = std::get_if<Name>(&f.node)) {
    const S::NameRef& ref = s_.name_ref[c.func];
    switch (ref.kind) {
      case S::NameRef::Function: return user_call(e, s_.functions[ref.index], c);
      case S::NameRef::Class: return class_call(e, s_.classes[ref.index], c);
      case S::NameRef::TypeAlias:  // `UserId(5)`: a NewType converts to its alias
        return {s_.type_aliases[ref.index].cpp_name + "(" + str(c.args[0], s_.type_aliases[ref.index].type) + ")", 2};
      case S::NameRef::Variable:  // `cls(...)` in a classmethod
        if (const S::Class* cls = class_of_type(s_.expr_type[c.func])) return constructor_call(e, *cls, c);
        break;
      case S::NameRef::Builtin:
        if (auto it = s_.from_imports.find(n->id); it != s_.from_imports.end()) return stdlib_call(e, it->second, c);
        return builtin_call(e, n->id, c);
      case S::NameRef::Exception:
        if (c.args.empty()) return {"py::" + n->id + "()", 2};
        // str(KeyError(k)) is repr(k), as the runtime's own KeyErrors carry it.
        if (n->id == "KeyError") return {"py::KeyError(py::repr(" + as_std_string(c.args[0]) + "))", 2};
        if (s_.expr_type[c.args[0]] == S::kStr) return {"py::" + n->id + "(" + str(c.args[0]) + ")", 2};
        return {"py::" + n->id + "(py::str(" + str(c.args[0]) + "))", 2};
      default: break;
    }
  }
  return {"py::not_translated_value<int>(\"call\")", 2};
}

// `Point(1, 2)`, `m.Point(1, 2)`; `Color(2)`: ValueError when no member has that value.
CppExpr Emitter::class_call(ExprId e, const S::Class& cls, const Call& c) {
  if (cls.is_enum) return {"py::enum_from_value<" + cls.cpp_name + ">(" + str(c.args[0]) + ")", 2};
  return constructor_call(e, cls, c);
}

CppExpr Emitter::builtin_call(ExprId e, const std::string& name, const Call& c) {
  const S::TypeTable& T = s_.types;
  auto arg_t = [&](size_t i) { return s_.expr_type[c.args[i]]; };
  auto simple = [&](const std::string& fn) -> CppExpr { return {fn + "(" + args(c.args, true) + ")", 2}; };
  if (name == "len" && c.args.size() == 1 && class_of_type(arg_t(0)) && !class_of_type(arg_t(0))->is_enum) return dunder_call("__len__", c.args[0], {});
  if (name == "abs" && c.args.size() == 1 && T.kind(arg_t(0)) == TypeKind::Class) return dunder_call("__abs__", c.args[0], {});
  if (auto exc = exc_info_call(name, c)) return *exc;  // issubclass(exc_type, E) (with_stmt.cpp)
  if (name == "hash") return {"py::hash{}(" + str(c.args[0]) + ")", 2};  // CPython's hash for ints, floats, tuples
  if (name == "isinstance") {
    if (auto st = s_.static_isinstance.find(c.args[0]); st != s_.static_isinstance.end())  // a fixed type: known here
      return {std::string(st->second ? "true" : "false") + " /* " + std::string(m_.text(m_.expr(e).span)) + " */", 2};
    if (auto m = s_.isinstance_matches.find(c.args[0]); m != s_.isinstance_matches.end()) {
      // Which alternative the std::variant holds.
      // The variant itself, also where an earlier test narrowed it to a smaller union.
      std::string x = str(c.args[0]), test;
      if (const S::Variable* v = get_if<Name>(m_, c.args[0]) ? variable(c.args[0]) : nullptr) x = v->cpp_name;
      for (S::TypeId alt : m->second) test += (test.empty() ? "" : " || ") + fmt::format("std::holds_alternative<{}>({})", cpp_type(alt), x);
      if (m->second.empty()) return {"false", 2};
      return {test, m->second.size() == 1 ? 2 : 15};
    }
    if (T.kind(arg_t(0)) == TypeKind::Exception)  // a caught exception: its dynamic class
      return {"(dynamic_cast<const " + exception_type(T.get(arg_t(1)).name) + "*>(&" + paren(expr(c.args[0]), 3) +
                  ") != nullptr)", 2};
    const S::Class* target = class_of_type(arg_t(1));
    return {"py::isinstance<" + target->cpp_name + ">(" + str(c.args[0]) + ")", 2};
  }
  if (auto out = iteration_call(e, name, c)) return *out;  // comprehensions.cpp: min max sum sorted any all ...
  if (name == "print") {
    // print(*xs): py::spread(xs) prints each item (a str: each code point).
    auto print_args = [&] {
      std::string out;
      for (ExprId x : c.args) {
        std::string a = str(x);
        if (auto* star = get_if<Starred>(m_, x)) {
          ExprId v = star->value;
          a = s_.expr_type[v] == S::kStr ? "py::spread(py::chars(" + as_std_string(v) + "))" : "py::spread(" + as_std_string(v) + ")";
        } else {
          a = args({x});
        }
        out += (out.empty() ? "" : ", ") + a;
      }
      return out;
    };
    const Keyword* sep = keyword(c, "sep");
    const Keyword* end = keyword(c, "end");
    const Keyword* flush = keyword(c, "flush");
    const Keyword* file = keyword(c, "file");  // sys.stdout or sys.stderr (sema)
    if (file && std::get<Attribute>(m_.expr(file->value).node).attr == "stdout") file = nullptr;
    if (!sep && !end && !flush && !file) return {"py::print(" + print_args() + ")", 2};
    std::string opts;
    if (sep) opts += ".sep = " + str(sep->value);
    if (end) opts += std::string(opts.empty() ? "" : ", ") + ".end = " + str(end->value);
    if (flush) opts += std::string(opts.empty() ? "" : ", ") + ".flush = " + str(flush->value);
    if (file) opts += std::string(opts.empty() ? "" : ", ") + ".file = stderr";
    std::string rest = c.args.empty() ? "" : ", " + print_args();
    return {"py::print_with({" + opts + "}" + rest + ")", 2};
  }
  if (name == "set" || name == "list" || name == "dict" || name == "frozenset" || name == "tuple")
    return collection_builtin(e, name, c, S::kUnknown);
  auto* inner = c.args.empty() ? nullptr : get_if<Call>(m_, c.args[0]);
  auto* inner_fn = inner ? get_if<Name>(m_, inner->func) : nullptr;
  if (auto* g = c.args.empty() ? nullptr : get_if<Comprehension>(m_, c.args[0]);
      name == "next" && g && g->kind == ComprehensionKind::Generator)
    return folded(fold(e).value());  // next(x for x in xs if p(x)): the first match (comprehensions.cpp)
  if (name == "next" && inner_fn && inner_fn->id == "iter" && s_.name_ref[inner->func].kind == S::NameRef::Builtin) {  // next(iter(xs)): its first item
    ExprId items = std::get<Call>(m_.expr(c.args[0]).node).args[0];
    S::TypeId el = s_.types.arg(arg_t(0), 0);
    if (c.args.size() == 1) return {"py::first(" + as_std_string(items) + ")", 2};
    return {"py::first_or(" + as_std_string(items) + ", " + str(c.args[1], el) + ")", 2};
  }
  if (name == "iter") return {"py::iter(" + as_std_string(c.args[0]) + ")", 2};
  if (name == "len" && s_.types.kind(arg_t(0)) == TypeKind::Tuple)
    return {"int64_t{" + std::to_string(s_.types.get(arg_t(0)).args.size()) + "}", 2};
  if (name == "len" || name == "abs" || name == "ord" || name == "chr" || name == "divmod" || name == "next" || name == "input" ||
      name == "hex" || name == "oct" || name == "bin" || name == "pow") return simple("py::" + name);
  if (name == "int") {
    if (c.args.empty()) return {"int64_t{0}", 2};
    if (c.args.size() == 2 || arg_t(0) == S::kStr || arg_t(0) == S::kFloat) return simple("py::to_int");
    if (arg_t(0) == S::kBool) return {"static_cast<int64_t>(" + str(c.args[0]) + ")", 2};
    if (s_.types.kind(arg_t(0)) == TypeKind::Enum) return {"py::enum_value(" + str(c.args[0]) + ")", 2};  // an IntEnum
    return expr(c.args[0]);
  }
  if (name == "float") {
    if (c.args.empty()) return {"0.0", 2};
    if (arg_t(0) == S::kStr) return simple("py::to_float");
    if (arg_t(0) == S::kFloat) return expr(c.args[0]);
    if (s_.types.kind(arg_t(0)) == TypeKind::Union) return {"py::as_float(" + str(c.args[0]) + ")", 2};  // an int | float
    return {"static_cast<double>(" + str(c.args[0]) + ")", 2};
  }
  if (name == "format") return format_builtin(c);  // str_format.cpp
  if (name == "repr") return {"py::repr(" + str(c.args[0]) + ")", 2};
  if (name == "str") {
    if (c.args.empty()) return {"std::string()", 2};
    return {"py::str(" + str(c.args[0]) + ")", 2};
  }
  if (name == "bool") {
    if (c.args.empty()) return {"false", 2};
    return {condition(c.args[0]), 10};
  }
  if (name == "round") return simple("py::round");
  if (name == "range") return simple("py::range");
  (void)T;
  return {"py::not_translated_value<int>(\"" + name + "\")", 2};
}

CppExpr Emitter::math_call(const std::string& fn, const Call& c) {
  std::string out = "py::math::" + fn + "(" + args(c.args);
  if (fn == "prod")
    if (const Keyword* start = keyword(c, "start")) out += ", " + str(start->value);
  if (fn == "isclose" && !c.keywords.empty()) {
    // Keyword-only in Python: pass both tolerances positionally, defaults filled in.
    std::string rel = "1e-09", abs = "0.0";
    for (const auto& k : c.keywords) (k.name == "rel_tol" ? rel : abs) = str(k.value, S::kFloat);
    out += ", " + rel + ", " + abs;
  }
  return {out + ")", 2};
}

CppExpr Emitter::method_call(ExprId obj, const std::string& method, const Call& c) {
  S::TypeId ot = s_.expr_type[obj];
  if (method == "format" && ot == S::kStr) return str_format_call(obj, c);  // str_format.cpp
  if (s_.types.kind(ot) == TypeKind::Dict) return dict_method(obj, method, c);
  if (s_.types.kind(ot) == TypeKind::Set) return set_method(obj, method, c);
  std::string o = as_std_string(obj);
  std::string a = args(c.args, true);
  std::string with_args = a.empty() ? o : o + ", " + a;
  if (s_.types.kind(ot) == TypeKind::List) {
    S::TypeId el = s_.types.arg(ot, 0);
    // `[1, 2, 3].pop(5)`: the runtime takes the list by reference, so a temporary needs a name.
    if (!get_if<Name>(m_, obj) && !get_if<Subscript>(m_, obj)) {
      o = "py::lvalue(" + o + ")";
      with_args = a.empty() ? o : o + ", " + a;
    }
    if (method == "append") return {paren(expr(obj), 2) + ".push_back(" + str(c.args[0], el) + ")", 2};
    if (method == "clear") return {paren(expr(obj), 2) + ".clear()", 2};
    if (method == "copy") return {cpp_type(ot) + "(" + o + ")", 2};
    if (method == "reverse") return {fmt::format("std::reverse({0}.begin(), {0}.end())", o), 2};
    if (method == "sort") return {sort_in_place(o, el, c), 2};  // comprehensions.cpp
    return {"py::" + method + "(" + with_args + ")", 2};
  }
  // str methods are free functions of the runtime, named as in Python. Their string parameters
  // are std::string_view: a literal argument goes in as it is (`py::startswith(w, "ka")`).
  if (ot == S::kStr) {
    a = args(c.args, false);
    with_args = a.empty() ? o : o + ", " + a;
  }
  if (method == "join") return {"py::join(" + str(obj) + ", " + a + ")", 2};  // the separator is a string_view
  if (method == "startswith" || method == "endswith")  // of a tuple of prefixes: its items as string_views
    if (auto* t = c.args.size() == 1 ? get_if<TupleLit>(m_, c.args[0]) : nullptr)
      return {"py::" + method + "_any(" + o + ", {" + args(t->elts, false) + "})", 2};
  return {"py::" + method + "(" + with_args + ")", 2};
}

namespace {

// Free functions of the C++ standard library that argument-dependent lookup finds for arguments of
// std types (std::shared_ptr handles, vectors, strings): a module function of one of these names,
// called unqualified, could lose to the std template (`fill(a, b, 5)` calling std::fill).
bool std_function_name(const std::string& name) {
  static const std::set<std::string> names = {
      "accumulate", "adjacent_find", "advance", "all_of", "any_of", "apply", "begin", "binary_search", "clamp",
      "copy", "copy_if", "copy_n", "count", "count_if", "data", "distance", "empty", "end", "equal", "equal_range",
      "exchange", "fill", "fill_n", "find", "find_if", "for_each", "gcd", "generate", "get", "includes", "iota",
      "inner_product", "invoke", "is_sorted", "lcm", "lower_bound", "make_heap", "max", "max_element", "merge",
      "min", "min_element", "minmax", "mismatch", "move", "next", "none_of", "nth_element", "partial_sort",
      "partial_sum", "partition", "pop_heap", "prev", "push_heap", "reduce", "remove", "remove_if", "replace",
      "reverse", "rotate", "sample", "search", "shuffle", "size", "sort", "sort_heap", "stable_sort", "swap",
      "transform", "unique", "upper_bound", "visit"};
  return names.count(name) > 0;
}

}  // namespace

CppExpr Emitter::user_call(ExprId e, const S::Function& callee, const Call& c) {
  std::string name = callee.cpp_name;
  // Qualified, so that argument-dependent lookup cannot pick std's function of the same name;
  // only arguments of class types (handles, vectors, strings) bring namespace std into the lookup.
  auto std_class_argument = [&] {
    return std::any_of(c.args.begin(), c.args.end(), [&](ExprId a) { return !is_scalar(s_.expr_type[a]); });
  };
  if (callee.method_kind == S::MethodKind::None && callee.external_module.empty() && std_function_name(name) &&
      std_class_argument())
    name = s_.namespace_name + "::" + name;
  // A generic function's TypeVars, spelled out: `first<int64_t>(xs)` (sema/generics.cpp).
  if (auto it = s_.call_type_args.find(e); it != s_.call_type_args.end()) {
    std::string targs;
    for (S::TypeId t : it->second) targs += (targs.empty() ? "" : ", ") + cpp_type(t);
    name += "<" + targs + ">";
  }
  return {name + argument_list(e, callee, 0), 2};
}

}  // namespace py2cpp
