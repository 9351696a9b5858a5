// `r.bucket("a").append(1)` where bucket() returns one of the object's containers (`self.items`,
// `self.groups.setdefault(k, [])`, `self.rows[i]`) or a parameter: Python changes that container,
// C++ returns a copy by value and changes the copy. Such a call is a stub with the rewrite.
// A method returning a fresh container (`return []`, `return list(self.items)`) is safe.
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

bool is_container(const TypeTable& T, TypeId t) {
  TypeKind k = T.kind(t);
  return k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set;
}

}  // namespace

void Analyzer::check_returned_container_mutation(Function& fn) {
  // Whether `callee` may return a container that lives on after the call (shared in Python).
  auto returns_shared = [&](const Function& callee) {
    if (!callee.body) return false;
    bool shared = false;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        if (auto* r = get_stmt_if<Return>(m_, st); r && r->value != kNoNode) {
          ExprId v = r->value;
          if (get_if<Attribute>(m_, v) || get_if<Subscript>(m_, v) || get_if<Name>(m_, v) || get_if<IfExp>(m_, v))
            shared = true;
          if (auto* c = get_if<Call>(m_, v))
            if (auto* at = get_if<Attribute>(m_, c->func); at && (at->attr == "setdefault" || at->attr == "get"))
              shared = true;
        }
        for (const Body* b : child_bodies(m_, st)) scan(*b);
      }
    };
    scan(*callee.body);
    return shared;
  };
  // Stricter, for a result kept in a name: an attribute or global, an item of one of those or of a
  // parameter, or a setdefault()/get() of one. A local list built and returned is fresh, and a
  // parameter returned whole is the argument itself (sema/aliasing.cpp follows those).
  auto returns_alias = [&](const Function& callee) {
    if (!callee.body) return false;
    std::function<bool(ExprId, bool)> alias = [&](ExprId v, bool item) -> bool {
      if (get_if<Attribute>(m_, v)) return true;
      if (auto* sub = get_if<Subscript>(m_, v)) return !get_if<Slice>(m_, sub->index) && alias(sub->value, true);
      if (get_if<Name>(m_, v)) {
        const NameRef& ref = r_.name_ref[v];
        return ref.kind == NameRef::Global || (item && ref.kind == NameRef::Variable && ref.index < callee.num_params);
      }
      if (auto* ie = get_if<IfExp>(m_, v)) return alias(ie->body, item) || alias(ie->orelse, item);
      if (auto* c = get_if<Call>(m_, v))
        if (auto* at = get_if<Attribute>(m_, c->func); at && (at->attr == "setdefault" || at->attr == "get")) return alias(at->value, true);
      return false;
    };
    bool shared = false;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        if (auto* r = get_stmt_if<Return>(m_, st); r && r->value != kNoNode && alias(r->value, false)) shared = true;
        if (!get_stmt_if<FunctionDef>(m_, st))
          for (const Body* b : child_bodies(m_, st)) scan(*b);
      }
    };
    scan(*callee.body);
    return shared;
  };
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (StmtId s : body) {
      // `nb = g.neighbors(u)` then `nb.append(v)`: the same sharing through a local name.
      if (auto* a = get_stmt_if<Assign>(m_, s); a && a->targets.size() == 1 && get_if<Name>(m_, a->targets[0]) && get_if<Call>(m_, a->value)) {
        auto it = r_.call_target.find(a->value);
        const NameRef& ref = r_.name_ref[a->targets[0]];
        if (it != r_.call_target.end() && ref.kind == NameRef::Variable && ref.index < fn.vars.size()) {
          const Function& callee = r_.functions[it->second];
          const Variable& v = fn.vars[ref.index];
          if (is_container(r_.types, callee.return_type) && returns_alias(callee) && (v.mutated || v.elements_mutated) &&
              r_.stmt_stub[s].empty())
            r_.stmt_stub[s] = {StubKind::ReturnedContainer,
                               "'" + v.name + "' is bound to what " + callable_display_name(callee) + "() returns, a " +
                                   r_.types.python_name(callee.return_type) + " that Python shares with its owner, and '" + v.name +
                                   "' is changed afterwards; C++ returns a copy: change it through the owner (a method of the "
                                   "class, or the attribute itself)"};
        }
      }
      for_each_stmt_expr(m_, s, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId e) {
          auto* c = get_if<Call>(m_, e);
          auto* at = c ? get_if<Attribute>(m_, c->func) : nullptr;
          if (!at || !mutating_methods().count(at->attr) || !get_if<Call>(m_, at->value)) return;
          auto it = r_.call_target.find(at->value);
          if (it == r_.call_target.end()) return;
          const Function& callee = r_.functions[it->second];
          if (!is_container(r_.types, callee.return_type) || !returns_shared(callee)) return;
          StubReason& slot = r_.stmt_stub[s];
          if (slot.empty())
            slot = {StubKind::ReturnedContainer, "'" + expr_text(at->value) + "' returns a " + r_.types.python_name(callee.return_type) +
                   " that Python shares with its owner, and ." + at->attr + "() changes it; C++ returns a copy: "
                   "mutate through a method of the class (e.g. `def add(self, k, x): self.groups.setdefault(k, "
                   "[]).append(x)`) or through the attribute itself"};
        });
      });
      for (const Body* b : child_bodies(m_, s)) walk(*b);
    }
  };
  walk(*fn.body);
}

}  // namespace py2cpp::sema
