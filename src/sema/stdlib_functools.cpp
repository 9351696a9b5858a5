// functools.cache / functools.lru_cache on module functions: the function keeps a py::Memo
// (runtime/py2cpp/functools.hpp) keyed by its arguments, with CPython's hit/miss counting and,
// for a bounded cache, its least-recently-used eviction — so cache_info() and a body's effects
// (which run only on a miss) come out as in CPython. `f.cache_info()` prints as CPython's
// CacheInfo; `.hits`/`.misses`/`.maxsize`/`.currsize` of it are ints; `f.cache_clear()` empties it.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// `@cache`, `@lru_cache`, `@lru_cache(maxsize=None)`, `@lru_cache(128)`, `@functools.cache` ...:
// true if `d` is one of them; `maxsize` -1 for unbounded. `error` says why a variant is refused.
bool Analyzer::memo_decorator(ExprId d, int64_t* maxsize, std::string* error) {
  ExprId head = d;
  const Call* call = get_if<Call>(m_, d);
  if (call) head = call->func;
  std::string name;
  if (auto* n = get_if<Name>(m_, head)) {
    auto it = from_imports_.find(n->id);
    if (it == from_imports_.end()) return false;
    name = it->second;
  } else if (auto* a = get_if<Attribute>(m_, head)) {
    auto* base = get_if<Name>(m_, a->value);
    if (!base || base->id != "functools") return false;
    name = "functools." + a->attr;
  }
  if (name != "functools.cache" && name != "functools.lru_cache") return false;
  *maxsize = name == "functools.lru_cache" && !call ? 128 : -1;  // bare @lru_cache: maxsize=128
  if (!call) return true;
  if (name == "functools.cache") {
    *error = "functools.cache takes no arguments";
    return true;
  }
  ExprId size = call->args.empty() ? kNoNode : call->args[0];
  for (const auto& k : call->keywords) {
    if (k.name == "maxsize") size = k.value;
    else *error = "lru_cache(" + k.name + "=...) is not supported (maxsize is)";
  }
  if (call->args.size() > 1) *error = "lru_cache takes one maxsize";
  *maxsize = 128;
  if (size == kNoNode) return true;
  if (get_if<NoneLit>(m_, size)) *maxsize = -1;
  else if (auto* i = get_if<IntLit>(m_, size)) *maxsize = i->value < 0 ? 0 : i->value;
  else *error = "lru_cache's maxsize must be None or an int literal";
  return true;
}

// f.cache_info() / f.cache_clear() on a memoized module function.
std::optional<TypeId> Analyzer::infer_memo_call(const Attribute& attr, const Call& c, Scope& s) {
  auto* base = get_if<Name>(m_, attr.value);
  if (!base || r_.name_ref[attr.value].kind != NameRef::Function) return std::nullopt;
  const Function& fn = r_.functions[r_.name_ref[attr.value].index];
  if (!fn.memoized || (attr.attr != "cache_info" && attr.attr != "cache_clear")) return std::nullopt;
  if (!c.args.empty() || !c.keywords.empty()) {
    unsupported(s, StubKind::CallForm, attr.attr + "() takes no arguments");
    return kUnknown;
  }
  if (attr.attr == "cache_clear") return kNoneType;
  return kStr;  // printed as CacheInfo(hits=..., ...); its fields: infer_attribute
}

// `f.cache_info().hits`
std::optional<TypeId> Analyzer::memo_info_field(const Attribute& a) {
  auto* c = get_if<Call>(m_, a.value);
  auto* at = c ? get_if<Attribute>(m_, c->func) : nullptr;
  if (!at || at->attr != "cache_info" || !get_if<Name>(m_, at->value) || r_.name_ref[at->value].kind != NameRef::Function)
    return std::nullopt;
  if (!r_.functions[r_.name_ref[at->value].index].memoized) return std::nullopt;
  if (a.attr == "hits" || a.attr == "misses" || a.attr == "currsize") return kInt;
  if (a.attr == "maxsize") return r_.types.optional_of(kInt);
  return std::nullopt;
}

// The function of reduce(f, xs) / accumulate(xs, f): a Callable[[A, T], A] (a lambda, a module
// function), or operator.add / sub / mul on two values of one type, emitted as a C++ lambda
// (emit/stdlib.cpp binary_function). False (with a stub) otherwise.
bool Analyzer::check_binary_function(ExprId f, TypeId acc, TypeId el, Scope& s, const std::string& what) {
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, what + ": " + why);
    return false;
  };
  TypeId ft = r_.types.callable_of({acc, el}, acc);
  if (auto* a = get_if<Attribute>(m_, f); a && get_if<Name>(m_, a->value)) infer(a->value, s);
  if (auto* n = get_if<Name>(m_, f); n && from_imports_.count(n->id)) infer(f, s);
  if (std::string op = stdlib_callee(m_, r_, f); op.rfind("operator.", 0) == 0) {
    bool number = acc == kInt || acc == kFloat;
    bool ok = acc == el && ((op == "operator.add" && (number || acc == kStr || T.kind(acc) == TypeKind::List)) ||
                            ((op == "operator.mul" || op == "operator.sub") && number));
    if (!ok) return bad(op + " on " + T.python_name(acc) + " and " + T.python_name(el) +
                        " (operator.add, sub and mul on two ints or floats, add on two str or lists, are supported)");
    r_.expr_type[f] = ft;
    return true;
  }
  TypeId got = infer(f, s, ft);
  if (got == kUnknown) return false;
  if (got != ft) return bad("the function must take (" + T.python_name(acc) + ", " + T.python_name(el) + ") and return " +
                            T.python_name(acc) + ", got " + T.python_name(got));
  return true;
}

// functools.reduce(f, items[, initial]): f is typed as Callable[[A, T], A], A the initial
// value's type (or T without one); an empty input without initial is CPython's TypeError.
TypeId Analyzer::infer_functools_call(const std::string& fn, const Call& c, Scope& s) {
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "functools." + fn + "(): " + why);
    return kUnknown;
  };
  if (fn == "partial") return infer_partial(c, s);  // stdlib_partial.cpp
  if (fn != "reduce") {
    for (ExprId x : c.args) infer(x, s);
    return bad(fn == "cmp_to_key" ? "cmp_to_key(cmp) is supported as the key= of sorted, list.sort, min, max and heapq"
                                  : "not supported yet (reduce, partial, cmp_to_key, cache, lru_cache, total_ordering are)");
  }
  if (c.args.size() < 2 || c.args.size() > 3 || !c.keywords.empty()) return bad("takes a function, an iterable and an initial value");
  TypeId it = infer_iterable(c.args[1], s);
  if (it == kUnknown) return kUnknown;
  if (get_if<Comprehension>(m_, c.args[1])) return bad("a generator expression argument (pass a list comprehension)");
  TypeId el = element_type_of_iterable(it);
  if (el == kUnknown) return bad("iterating over a " + r_.types.python_name(it));
  TypeId acc = c.args.size() == 3 ? infer(c.args[2], s) : el;
  if (acc == kUnknown) return kUnknown;
  if (!check_binary_function(c.args[0], acc, el, s, "functools.reduce()")) return kUnknown;
  return acc;
}

}  // namespace py2cpp::sema
