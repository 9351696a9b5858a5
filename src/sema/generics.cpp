// TypeVar generics: `T = TypeVar("T")` and functions whose parameters mention T become C++
// function templates. Inside the body a T value may only be passed on, stored in containers,
// compared, hashed and printed -- what a template can do the same way for every type. Each call
// binds T from its arguments (the same type everywhere, as mypy would check) and spells the
// binding out: `first<int64_t>(xs)`, so a reader sees the instantiation.
//
// What the body does with T (print it, order it, hash it) is recorded per TypeVar, and every
// binding must allow it: T bound to a class without __lt__ where some generic body orders T is a
// reported stub at the call, never a template that fails to compile.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

void TypeTable::collect_type_params(TypeId t, std::vector<TypeId>& out) const {
  if (kind(t) == TypeKind::TypeParam) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    return;
  }
  for (TypeId a : types_[t].args) collect_type_params(a, out);
}

TypeId TypeTable::substitute(TypeId t, const std::vector<TypeId>& params, const std::vector<TypeId>& args) {
  if (kind(t) == TypeKind::TypeParam) {
    auto it = std::find(params.begin(), params.end(), t);
    return it == params.end() ? t : args[static_cast<size_t>(it - params.begin())];
  }
  if (types_[t].args.empty()) return t;
  Type out = types_[t];
  for (TypeId& a : out.args) a = substitute(a, params, args);
  return intern(out);
}

namespace {

// Binds the TypeVars of `pattern` so that it equals `actual`: list[T] against list[int] binds
// T = int. False if the shapes differ or a TypeVar would be bound to two different types.
bool match(const TypeTable& T, TypeId pattern, TypeId actual, const std::vector<TypeId>& params,
           std::vector<TypeId>& bound) {
  if (T.kind(pattern) == TypeKind::TypeParam) {
    auto it = std::find(params.begin(), params.end(), pattern);
    if (it == params.end()) return pattern == actual;
    TypeId& slot = bound[static_cast<size_t>(it - params.begin())];
    if (slot == kUnknown) slot = actual;
    return slot == actual;
  }
  const Type& p = T.get(pattern);
  const Type& a = T.get(actual);
  if (p.args.empty()) return pattern == actual;
  if (p.kind != a.kind || p.name != a.name || p.args.size() != a.args.size()) return false;
  for (size_t i = 0; i < p.args.size(); ++i)
    if (!match(T, p.args[i], a.args[i], params, bound)) return false;
  return true;
}

}  // namespace

// `T = TypeVar("T")`, also with constraints or `bound=` (the body's checks make either moot: a
// T value is only used in ways every type allows). Not a global: nothing exists at run time.
bool Analyzer::scan_type_var(StmtId id) {
  auto* a = get_stmt_if<Assign>(m_, id);
  if (!a || a->targets.size() != 1) return false;
  auto* name = get_if<Name>(m_, a->targets[0]);
  auto* call = get_if<Call>(m_, a->value);
  if (!name || !call || annotation_head(m_, call->func) != "TypeVar") return false;
  auto* label = call->args.empty() ? nullptr : get_if<StrLit>(m_, call->args[0]);
  if (!label || label->value != name->id) {
    r_.stmt_stub[id] = {StubKind::GenericForm, "TypeVar '" + name->id + "' must be named by its first argument: TypeVar(\"" + name->id + "\")"};
    return true;
  }
  r_.type_vars[name->id] = r_.types.type_param(cpp_identifier(name->id));
  return true;
}

// The TypeVars a function's parameters mention become its template parameters, in order of
// first appearance. One that only the return type mentions could not be bound by a call.
void Analyzer::generic_signature(Function& fn, std::string* error) {
  const TypeTable& T = r_.types;
  for (size_t i = 0; i < fn.num_params; ++i) T.collect_type_params(fn.vars[i].type, fn.type_params);
  std::vector<TypeId> in_return;
  if (fn.return_annotated) T.collect_type_params(fn.return_type, in_return);
  if (fn.is_generator) T.collect_type_params(fn.yield_type, in_return);
  for (TypeId t : in_return)
    if (std::find(fn.type_params.begin(), fn.type_params.end(), t) == fn.type_params.end()) {
      *error = "TypeVar '" + T.get(t).name + "' appears in the return type only; no argument binds it";
      return;
    }
  if (fn.type_params.empty()) return;
  if (fn.owner >= 0) *error = "generic methods (TypeVars in a method's parameters) are not supported yet";
  if (fn.parent >= 0) *error = "generic nested functions are not supported yet; move it to module level";
  if (fn.memoized) *error = "a cached generic function is not supported";
}

void Analyzer::require_of_type_param(TypeId t, unsigned need) const {
  if (r_.types.kind(t) != TypeKind::TypeParam || !current_fn_) return;
  unsigned& have = type_param_needs_[{current_fn_, t}];
  if ((have | need) != have) needs_changed_ = true;  // calls analysed earlier must be checked again
  have |= need;
}

// A TypeVar outside a generic function's signature names no template parameter: `x: T` in a
// plain function, or a generic function's local whose T its parameters do not mention.
void Analyzer::check_type_param_scope() {
  auto check = [&](Function& fn) {
    for (const Variable& v : fn.vars) {
      std::vector<TypeId> used;
      r_.types.collect_type_params(v.type, used);
      for (TypeId t : used)
        if (std::find(fn.type_params.begin(), fn.type_params.end(), t) == fn.type_params.end() && fn.stub_reason.empty())
          fn.stub_reason = {StubKind::GenericForm, "'" + v.name + "' is typed with TypeVar '" + r_.types.get(t).name +
                           "', which no parameter of the function mentions"};
    }
  };
  for (Function& fn : r_.functions) check(fn);
  if (r_.has_main) check(r_.main);
}

// Why `actual` cannot stand for `callee`'s TypeVar `param`, given what its body does with it; ""
// if it can. Bound to a TypeVar of the calling generic function, the needs pass on to that one.
std::string Analyzer::type_param_misfit(const Function& callee, TypeId param, TypeId actual, Scope& s) {
  auto it = type_param_needs_.find({&callee, param});
  unsigned need = it == type_param_needs_.end() ? 0 : it->second;
  const TypeTable& T = r_.types;
  if (T.kind(actual) == TypeKind::TypeParam) {
    require_of_type_param(actual, need);
    return {};
  }
  if ((need & kNeedsPrintable) && T.kind(actual) == TypeKind::Class && !printable_class(actual))
    return "is printed, but " + T.python_name(actual) + " has no __repr__ or __str__";
  if ((need & kNeedsHashable) && !is_hashable(actual)) return "is hashed, but " + T.python_name(actual) + " is not hashable";
  if ((need & kNeedsOrderable) && !orderable(actual, s)) return "is ordered, but " + T.python_name(actual) + " has no order";
  return {};
}

// At a call of a generic function: the type each TypeVar stands for, from the arguments (`args`
// in parameter order, kNoNode for defaults). The `deferred` ones -- lambdas and functions for a
// Callable parameter -- are typed here, once the others have bound the Callable's parameter
// types; a lambda's result then binds the rest (`key: Callable[[T], K]` learns K from it).
// Records call_type_args[call] once every argument's type is known; false (and the statement
// stubbed) where the arguments disagree.
bool Analyzer::bind_type_params(ExprId call, const Function& callee, const std::vector<ExprId>& args,
                                const std::set<ExprId>& deferred, Scope& s) {
  TypeTable& T = r_.types;
  const std::vector<TypeId>& params = callee.type_params;
  std::vector<TypeId> bound(params.size(), kUnknown);
  auto mismatch = [&](const Variable& p, TypeId at) {
    unsupported(s, StubKind::GenericForm, "argument '" + p.name + "' of " + callee.name + "() is a " + T.python_name(at) + ", which does not fit " +
                       T.python_name(p.type) + " with the other arguments (a TypeVar stands for one type per call)");
    return false;
  };
  // Arguments not fully typed (`[]`, a local typed later) decide nothing: the binding the others
  // give types them, as a parameter's hint types `[]` (infer_user_call).
  for (size_t i = 0; i < callee.num_params && i < args.size(); ++i) {
    const Variable& p = callee.vars[i];
    if (args[i] == kNoNode || deferred.count(args[i]) || p.param_kind == ParamKind::VarArgs) continue;
    TypeId at = r_.expr_type[args[i]];
    if (!T.has_unknown(at) && !match(T, p.type, at, params, bound)) return mismatch(p, at);
  }
  for (size_t i = 0; i < callee.num_params && i < args.size(); ++i) {
    const Variable& p = callee.vars[i];
    if (args[i] == kNoNode || !deferred.count(args[i])) continue;
    // The parameter's type with what is bound so far; a TypeVar still open in the result only.
    std::vector<TypeId> partial = bound;
    for (size_t k = 0; k < partial.size(); ++k)
      if (partial[k] == kUnknown) partial[k] = params[k];
    TypeId want = T.substitute(p.type, params, partial);
    std::vector<TypeId> open;
    T.collect_type_params(want, open);
    auto* lambda = get_if<Lambda>(m_, args[i]);
    if (open.empty()) {
      TypeId at = infer(args[i], s, want);
      if (open.empty() && at != kUnknown && !match(T, p.type, at, params, bound)) return mismatch(p, at);
      continue;
    }
    std::vector<TypeId> ps(T.get(want).args.begin(), T.get(want).args.end() - 1);
    std::vector<TypeId> open_params;
    for (TypeId x : ps) T.collect_type_params(x, open_params);
    if (!lambda || T.kind(want) != TypeKind::Callable || !open_params.empty()) {
      unsupported(s, StubKind::GenericForm, callee.name + "(): the argument for '" + p.name + "' cannot be typed before its TypeVars are known");
      return false;
    }
    TypeId result = infer_lambda(args[i], *lambda, ps, s, true);
    if (result == kUnknown) return false;
    TypeId at = T.callable_of(ps, result);
    r_.expr_type[args[i]] = at;
    if (!match(T, p.type, at, params, bound)) return mismatch(p, at);
  }
  for (size_t i = 0; i < bound.size(); ++i) {
    const std::string& name = T.get(params[i]).name;
    if (bound[i] == kUnknown) {
      unsupported(s, StubKind::GenericForm, callee.name + "(): no argument decides TypeVar '" + name + "'");
      return false;
    }
    if (std::string why = type_param_misfit(callee, params[i], bound[i], s); !why.empty()) {
      unsupported(s, StubKind::GenericForm, callee.name + "(): TypeVar '" + name + "' " + why);
      return false;
    }
  }
  r_.call_type_args[call] = bound;
  return true;
}

}  // namespace py2cpp::sema
