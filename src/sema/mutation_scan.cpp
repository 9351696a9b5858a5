// A syntactic scan shared by sema and emit: may a body change the container a name holds?
// Method calls that mutate, item assignment and deletion, augmented assignment, and passing the
// name to a function (which may take it by reference) all count.
#include "ast/walk.hpp"
#include "sema/sema.hpp"

namespace py2cpp::sema {

using namespace ast;

bool may_mutate_name(const Module& m, const Body& b, const std::string& name) {
  const std::set<std::string>& mutating = mutating_methods();
  auto is_name = [&](ExprId x) {
    auto* n = get_if<Name>(m, x);
    return n && n->id == name;
  };
  for (StmtId s : b) {
    bool found = false;
    for_each_stmt_expr(m, s, [&](ExprId root) {
      for_each_expr(m, root, [&](ExprId x) {
        if (auto* c = get_if<Call>(m, x)) {
          if (auto* a = get_if<Attribute>(m, c->func); a && is_name(a->value) && mutating.count(a->attr)) found = true;
          for (ExprId arg : c->args)
            if (is_name(arg) && get_if<Name>(m, c->func)) found = true;  // may be passed by reference
        }
        if (auto* sub = get_if<Subscript>(m, x); sub && is_name(sub->value)) {
          const StmtNode& n = m.stmt(s).node;
          if (auto* a = std::get_if<Assign>(&n))
            for (ExprId t : a->targets) found = found || t == x;
          if (auto* a = std::get_if<AugAssign>(&n)) found = found || a->target == x;
          if (auto* d = std::get_if<Delete>(&n))
            for (ExprId t : d->targets) found = found || t == x;
        }
        if (auto* a = std::get_if<AugAssign>(&m.stmt(s).node); a && a->target == x && is_name(x)) found = true;
      });
    });
    if (found) return true;
    for (const Body* c : child_bodies(m, s))
      if (may_mutate_name(m, *c, name)) return true;
  }
  return false;
}

}  // namespace py2cpp::sema
