// Functions as values: `Callable[[A, B], R]` parameters, variables, containers and returns;
// module functions passed by name; lambdas where a Callable is expected; calls through them.
//
// A lambda captures the enclosing locals it reads by value. Python closures see the variable,
// not its value at creation, so that is exact only for locals that are bound once before the
// lambda is made and never changed in place (class instances are handles: copying one shares
// the object, as Python does). Any other capture is a stub that says which name to pass as a
// parameter instead.
#include <algorithm>
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// The Callable type of a module function used as a value (every parameter, none defaulted away).
TypeId Analyzer::callable_of_function(const Function& fn) {
  std::vector<TypeId> params;
  for (size_t i = 0; i < fn.num_params; ++i) params.push_back(fn.vars[i].type);
  return r_.types.callable_of(params, fn.return_type);
}

// `apply(square, xs)`, `ops: dict[str, Callable[[int, int], int]] = {"+": add}`: a function name
// where a Callable is expected has that type if its signature is exactly the Callable's.
TypeId Analyzer::function_value(ExprId e, TypeId expected, Scope& s) {
  const NameRef& ref = r_.name_ref[e];
  if (ref.kind != NameRef::Function) {
    unsupported(s, StubKind::FunctionValue, "'" + expr_text(e) + "' as a value (only module functions and lambdas are)");
    return kUnknown;
  }
  const Function& fn = r_.functions[ref.index];
  if (!fn.signature_ok || fn.owner >= 0) {
    unsupported(s, StubKind::FunctionValue, "'" + fn.name + "' as a value");
    return kUnknown;
  }
  if (!fn.type_params.empty()) {  // a template has no address until its TypeVars are chosen
    unsupported(s, StubKind::FunctionValue, "the generic function '" + fn.name + "' as a value (wrap the call in a lambda)");
    return kUnknown;
  }
  TypeId actual = callable_of_function(fn);
  if (expected == kUnknown || r_.types.kind(expected) != TypeKind::Callable) return actual;
  if (actual != expected) {
    unsupported(s, StubKind::FunctionValue, "'" + fn.name + "' is a " + r_.types.python_name(actual) + ", not a " + r_.types.python_name(expected));
    return kUnknown;
  }
  return expected;
}

// `f = obj.method`, `apply(obj.method, xs)`, `self.handler = self.on_event`: a bound method, a
// Callable over the method's other parameters that calls it on the object the expression named
// (the handle is shared, so it is the same instance, and the call dispatches virtually as in
// Python). Containers would be copied into a std::function's by-value parameters, so a method
// taking one is a stub.
TypeId Analyzer::bound_method_value(TypeId base, const Function& m, Scope& s) {
  const TypeTable& T = r_.types;
  const Class* cls = class_named(class_name_of(base));
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::FunctionValue, "method '" + m.method_name + "' used as a value: " + why);
    return kUnknown;
  };
  if (!cls || cls->is_exception()) return fail("bound methods of exceptions are not supported");
  if (m.method_kind != MethodKind::Instance || m.is_generator || !m.signature_ok)
    return fail("only plain instance methods can be bound");
  std::vector<TypeId> params;
  for (size_t i = 1; i < m.num_params; ++i) {
    TypeId p = m.vars[i].type;
    TypeKind k = T.kind(p);
    if (!(T.is_numeric(p) || p == kStr || k == TypeKind::Class || k == TypeKind::Optional || k == TypeKind::Enum))
      return fail("its parameter '" + m.vars[i].name + "' is a " + T.python_name(p) +
                  " (a Callable copies it; Python passes the object); use a lambda calling the method");
    params.push_back(p);
  }
  if (m.return_type == kUnknown) return kUnknown;
  return r_.types.callable_of(params, m.return_type);
}

// `lambda a, b: a + b` where a `Callable[[int, int], int]` is expected.
TypeId Analyzer::infer_lambda_value(ExprId e, const Lambda& l, TypeId expected, Scope& s) {
  const TypeTable& T = r_.types;
  if (T.kind(expected) != TypeKind::Callable) {
    unsupported(s, StubKind::LambdaForm, "a lambda is supported as a key= argument or where a Callable[[...], R] is expected "
                   "(annotate the variable, parameter or container)");
    return kUnknown;
  }
  std::vector<TypeId> params(T.get(expected).args.begin(), T.get(expected).args.end() - 1);
  TypeId result = T.get(expected).args.back();
  size_t required = 0;  // `lambda x, k=k: ...` is called with x only
  while (required < l.params.size() && l.params[required].default_value == kNoNode) ++required;
  if (required != params.size()) {
    unsupported(s, StubKind::LambdaForm, "a lambda with " + std::to_string(l.params.size()) + " parameter(s) for a " + T.python_name(expected));
    return kUnknown;
  }
  TypeId body = infer_lambda(e, l, params, s, true);
  if (body == kUnknown) return kUnknown;
  if (result != kNoneType && body != result) {
    unsupported(s, StubKind::LambdaForm, "the lambda returns a " + T.python_name(body) + ", the Callable a " + T.python_name(result));
    return kUnknown;
  }
  return expected;  // its captures are checked once the whole function is typed (check_lambda_captures)
}

// Stubs each statement with a lambda (typed as a Callable) that reads an enclosing local it
// cannot copy: one bound more than once (loop variables too: Python's lambdas made in a loop all
// see the last value), one changed in place, `self`, or a comprehension variable.
void Analyzer::check_lambda_captures(Function& fn) {
  std::map<std::string, int> bindings;
  for (size_t i = 0; i < fn.num_params; ++i) bindings[fn.vars[i].name] = 1;
  std::function<void(const Body&, bool)> count = [&](const Body& body, bool in_loop) {
    for (StmtId st : body) {
      const StmtNode& n = m_.stmt(st).node;
      if (std::holds_alternative<FunctionDef>(n) || std::holds_alternative<ClassDef>(n)) continue;
      bool loop = std::holds_alternative<For>(n) || std::holds_alternative<While>(n);
      std::vector<std::string> names;
      if (auto* f = std::get_if<For>(&n)) {
        std::vector<std::string> targets;
        for_each_expr(m_, f->target, [&](ExprId x) {
          if (auto* nm = get_if<Name>(m_, x)) targets.push_back(nm->id);
        });
        for (const auto& t : targets) bindings[t] += 2;
      }
      // Only this statement's own bindings; nested bodies are counted by the recursion.
      std::vector<std::string> all, nested;
      collect_bound_names(st, all);
      for (const Body* c : child_bodies(m_, st))
        for (StmtId cs : *c) collect_bound_names(cs, nested);
      for (const auto& nm : nested)
        if (auto it = std::find(all.begin(), all.end(), nm); it != all.end()) all.erase(it);
      for (const auto& nm : all) bindings[nm] += in_loop ? 2 : 1;
      for (const Body* c : child_bodies(m_, st)) count(*c, in_loop || loop);
    }
  };
  count(*fn.body, false);
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (StmtId st : body) {
      if (!r_.stmt_stub[st].empty()) continue;
      Scope s;
      s.fn = &fn;
      s.stmt = st;
      for_each_stmt_expr(m_, st, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId e) {
          auto* l = get_if<Lambda>(m_, e);
          if (!l || r_.types.kind(r_.expr_type[e]) != TypeKind::Callable || !r_.stmt_stub[st].empty()) return;
          const std::vector<uint32_t>& own = r_.lambda_params[e];
          const uint32_t line = m_.expr(e).span.line;
          for_each_expr(m_, l->body, [&](ExprId x) {
            auto* n = get_if<Name>(m_, x);
            if (!n || !r_.stmt_stub[st].empty()) return;
            const NameRef& ref = r_.name_ref[x];
            std::string why;
            if (ref.kind == NameRef::Scoped && std::find(own.begin(), own.end(), ref.index) == own.end() &&
                r_.scoped_vars[ref.index].placement != DeclPlacement::Parameter)
              why = "reads the comprehension variable '" + n->id + "'";
            if (ref.kind == NameRef::Variable) {
              const Variable& v = fn.vars[ref.index];
              TypeKind k = r_.types.kind(v.type);
              bool handle = k == TypeKind::Class ||
                            (k == TypeKind::Optional && r_.types.kind(r_.types.arg(v.type, 0)) == TypeKind::Class);
              bool is_param = ref.index < fn.num_params;
              if (v.name == "self")
                why = "reads self";
              else if (bindings[v.name] > 1)
                why = "reads '" + v.name + "', which is assigned again";
              else if ((v.mutated || v.elements_mutated) && !handle)
                why = "reads '" + v.name + "', which is changed in place";
              else if (!is_param && v.first_binding != kNoNode && m_.stmt(v.first_binding).span.line >= line)
                why = "reads '" + v.name + "' before it is bound";
            }
            if (!why.empty())
              unsupported(s, StubKind::LateBinding, "the lambda " + why + " (Python reads the variable when the lambda is called); "
                             "pass it as a parameter");
          });
        });
      });
      for (const Body* c : child_bodies(m_, st)) walk(*c);
    }
  };
  walk(*fn.body);
}

// `f(x)` where f is a Callable value (a parameter, a variable, `ops[name]`, `self.op`).
TypeId Analyzer::infer_callable_call(TypeId ft, const Call& c, Scope& s) {
  const TypeTable& T = r_.types;
  std::vector<TypeId> params(T.get(ft).args.begin(), T.get(ft).args.end() - 1);
  if (!c.keywords.empty() || c.args.size() != params.size()) {
    unsupported(s, StubKind::CallArguments, "calling a " + T.python_name(ft) + " with " + std::to_string(c.args.size()) + " positional argument(s)" +
                       (c.keywords.empty() ? "" : " and keywords"));
    return kUnknown;
  }
  for (size_t i = 0; i < c.args.size(); ++i) {
    TypeId a = infer(c.args[i], s, params[i]);
    if (a != kUnknown && a != params[i]) {  // exactly: an int passed for a float stays an int in Python
      unsupported(s, StubKind::CallArguments, "argument " + std::to_string(i + 1) + " is a " + T.python_name(a) + ", the Callable takes a " +
                         T.python_name(params[i]));
      return kUnknown;
    }
  }
  return T.get(ft).args.back();
}

}  // namespace py2cpp::sema
