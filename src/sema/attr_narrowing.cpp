// Narrowing of `obj.field` (a `T | None` field) by `if obj.field is not None:` tests. Unlike a
// local name, a field can change behind the test's back: through an alias, in a method, during a
// call. The narrowing is kept under the key "obj.field" and dropped wherever user code may run
// (a call, a user dunder, a property, a yield) or a field is assigned; then the access is checked
// again, and a None raises AttributeError as in Python.
#include <algorithm>

#include "ast/walk.hpp"
#include <set>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

std::string Analyzer::narrowing_key(ExprId e) const {
  if (auto* n = get_if<Name>(m_, e)) return n->id;
  auto* a = get_if<Attribute>(m_, e);
  if (!a) return {};
  auto* base = get_if<Name>(m_, a->value);
  if (!base) return {};
  return base->id + "." + a->attr;  // no Python name holds a '.': no clash with plain names
}

void forget_attribute_narrowing(Scope& s) {
  for (auto it = s.narrowed.begin(); it != s.narrowed.end();)
    it = it->first.find('.') != std::string::npos ? s.narrowed.erase(it) : std::next(it);
}

void forget_name_narrowing(Scope& s, const std::string& name) {
  s.narrowed.erase(name);
  const std::string prefix = name + ".";
  for (auto it = s.narrowed.lower_bound(prefix); it != s.narrowed.end() && it->first.rfind(prefix, 0) == 0;)
    it = s.narrowed.erase(it);
}

// True if evaluating e may run user code or assign a field: a call, an operator or subscript
// on a class instance (its dunder), a property, a yield. Unknown types count as instances.
bool Analyzer::expr_may_change_fields(ExprId root) {
  bool changes = false;
  auto instance = [&](ExprId x) {
    TypeKind k = r_.types.kind(r_.expr_type[x]);
    return r_.expr_type[x] == kUnknown || k == TypeKind::Class || k == TypeKind::Optional;
  };
  // `self.entries.append(msg)`: a method of a list, dict, set or str given plain values runs no
  // user code (no __eq__/__hash__/__lt__ of instances, no callback).
  auto builtin_method_call = [&](const Call& c) {
    auto* at = get_if<Attribute>(m_, c.func);
    if (!at || !c.keywords.empty()) return false;
    TypeKind k = r_.types.kind(r_.expr_type[at->value]);
    if (k != TypeKind::List && k != TypeKind::Dict && k != TypeKind::Set && k != TypeKind::Str) return false;
    static const std::set<std::string> plain = {"append", "extend", "insert", "pop", "popleft", "appendleft", "clear",
                                                "add", "discard", "setdefault", "get", "keys", "values", "items",
                                                "update", "copy", "join", "split", "strip", "lower", "upper",
                                                "startswith", "endswith", "replace", "count", "index", "find"};
    if (!plain.count(at->attr)) return false;
    for (ExprId a : c.args) {
      TypeKind ak = r_.types.kind(r_.expr_type[a]);
      if (r_.expr_type[a] == kUnknown || ak == TypeKind::Class || ak == TypeKind::Optional || ak == TypeKind::Union) return false;
    }
    return true;
  };
  for_each_expr(m_, root, [&](ExprId e) {
    if (changes) return;
    const ExprNode& n = m_.expr(e).node;
    if (auto* c = std::get_if<Call>(&n); c && builtin_method_call(*c)) return;  // its operands are visited on their own
    if (std::holds_alternative<Call>(n) || std::holds_alternative<Yield>(n) || std::holds_alternative<Await>(n) ||
        std::holds_alternative<FString>(n))
      changes = true;
    else if (auto* c = std::get_if<Compare>(&n)) {
      bool identity = std::all_of(c->ops.begin(), c->ops.end(),
                                  [](CmpOpKind op) { return op == CmpOpKind::Is || op == CmpOpKind::IsNot; });
      if (!identity) for_each_child(m_, e, [&](ExprId x) { changes = changes || instance(x); });
    } else if (std::holds_alternative<BinOp>(n) || std::holds_alternative<UnaryOp>(n) ||
               std::holds_alternative<Subscript>(n))
      for_each_child(m_, e, [&](ExprId c) { changes = changes || instance(c); });
    else if (auto* a = std::get_if<Attribute>(&n)) {
      std::string cls = class_name_of(r_.expr_type[a->value]);
      if (!cls.empty() && !find_field(cls, a->attr)) changes = true;  // a property
    }
  });
  return changes;
}

// True if statement id, or one nested in it, may change a field (see expr_may_change_fields)
// or assigns one. An if's branch that always leaves (`if x.f is None: return`) does not count:
// what follows runs only after the other one -- unless `whole` (a loop's next iteration).
bool Analyzer::stmt_may_change_fields(StmtId id, bool whole) {
  if (auto* i = get_stmt_if<If>(m_, id); i && !whole) {
    auto leaves = [&](const Body& b) { return !b.empty() && !falls_through(m_, b); };
    bool changes = expr_may_change_fields(i->test);
    for (const Body* b : {&i->body, &i->orelse})
      if (!leaves(*b))
        for (StmtId c : *b) changes = changes || stmt_may_change_fields(c, whole);
    return changes;
  }
  bool changes = false;
  for_each_stmt_expr(m_, id, [&](ExprId root) { changes = changes || expr_may_change_fields(root); });
  auto stores_field = [&](ExprId target) {
    bool found = false;
    for_each_expr(m_, target, [&](ExprId e) { found = found || get_if<Attribute>(m_, e) != nullptr; });
    return found;
  };
  std::visit(
      [&](const auto& node) {
        using N = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<N, Assign> || std::is_same_v<N, Delete>) {
          for (ExprId t : node.targets) changes = changes || stores_field(t);
        } else if constexpr (std::is_same_v<N, AugAssign> || std::is_same_v<N, AnnAssign> ||
                             std::is_same_v<N, For>) {
          changes = changes || stores_field(node.target);
        } else if constexpr (std::is_same_v<N, With> || std::is_same_v<N, Try> || std::is_same_v<N, FunctionDef> ||
                             std::is_same_v<N, ClassDef> || std::is_same_v<N, Match>) {
          changes = true;  // __enter__/__exit__, a handler's entry point, patterns: not worth tracking
        }
      },
      m_.stmt(id).node);
  for (const Body* b : child_bodies(m_, id))
    for (StmtId c : *b) changes = changes || stmt_may_change_fields(c, whole);
  return changes;
}

}  // namespace py2cpp::sema
