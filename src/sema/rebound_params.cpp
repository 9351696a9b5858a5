// `def f(xs): xs.append(1); xs = [0]` -- a container parameter that is changed in place and
// also rebound is passed by value (the rebinding must not reach the caller), so a caller's own
// list would not see the change Python shows it. The canonical case is the mutable-default
// idiom `def add(x, out: list[int] | None = None): if out is None: out = []; out.append(x)`.
// Fresh arguments (`add(1)`, `add(3, [2])`, `add(3, make())`) are fine; a call passing an
// existing container is a stub. Runs after declaration placement, which decides `rebound`.
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

void Analyzer::check_rebound_param_calls(const Function& fn) {
  if (!fn.body) return;
  auto check_call = [&](StmtId s, ExprId e) {
    auto ct = r_.call_target.find(e);
    auto ca = r_.call_args.find(e);
    if (!get_if<Call>(m_, e) || ct == r_.call_target.end() || ca == r_.call_args.end()) return;
    const Function& callee = r_.functions[ct->second];
    for (size_t i = 0; i < ca->second.size() && i < callee.num_params && i < callee.vars.size(); ++i) {
      const Variable& p = callee.vars[i];
      ExprId arg = ca->second[i];
      TypeId pt = r_.types.kind(p.type) == TypeKind::Optional ? r_.types.arg(p.type, 0) : p.type;
      TypeKind k = r_.types.kind(pt);
      if (arg == kNoNode || !p.mutated || !p.rebound || p.by_value ||
          (k != TypeKind::List && k != TypeKind::Dict && k != TypeKind::Set))
        continue;
      bool existing = get_if<Name>(m_, arg) || get_if<Attribute>(m_, arg) || get_if<Subscript>(m_, arg);
      if (!existing || !r_.stmt_stub[s].empty()) continue;
      std::string what = r_.types.python_name(pt);
      r_.stmt_stub[s] = {StubKind::RebindsChangedParameter, "'" + callee.name + "()' changes the " + what + " passed as '" + p.name + "' and also rebinds '" +
                        p.name + "', so py2cpp passes it by value and '" + expr_text(arg) +
                        "' here would not see the change; return the " + what +
                        " and use the result, or do not rebind the parameter"};
    }
  };
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (StmtId s : body) {
      for_each_stmt_expr(m_, s, [&](ExprId root) { for_each_expr(m_, root, [&](ExprId e) { check_call(s, e); }); });
      for (const Body* b : child_bodies(m_, s)) walk(*b);
    }
  };
  walk(*fn.body);
}

}  // namespace py2cpp::sema
