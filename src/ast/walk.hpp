#pragma once
// Generic traversal helpers over the arena AST.
#include <functional>

#include "ast/ast.hpp"

namespace py2cpp::ast {

// Calls f on every direct child expression of e (including f-string fields and default values).
void for_each_child(const Module& m, ExprId e, const std::function<void(ExprId)>& f);

// Calls f on e and, recursively, every expression below it.
void for_each_expr(const Module& m, ExprId e, const std::function<void(ExprId)>& f);

// Calls f on every expression that appears directly in statement s (not in nested statements).
void for_each_stmt_expr(const Module& m, StmtId s, const std::function<void(ExprId)>& f);

// Calls f on every expression inside pattern p and its sub-patterns: values, class names,
// mapping keys and the Name expressions of the names it binds.
void for_each_pattern_expr(const Module& m, PatternId p, const std::function<void(ExprId)>& f);

// The Name expressions a pattern binds (`x`, `P as x`, `*rest`, `**rest`), in source order.
void pattern_captures(const Module& m, PatternId p, std::vector<ExprId>& out);

// The nested bodies of statement s (if/else, loop bodies, try handlers...), in source order.
std::vector<const Body*> child_bodies(const Module& m, StmtId s);

// The targets (Name expressions) of the assignment expressions (`n := value`) among the
// expressions of statement s itself (not its nested statements), comprehensions included: Python
// binds them in the enclosing function.
std::vector<ExprId> walrus_targets(const Module& m, StmtId s);

// `a, b = x, y` where the targets are distinct names none of which is read on the right: it
// means the same as `a = x; b = y`.
bool is_independent_unpacking(const Module& m, const Assign& a);

// True if `body` has a return, or a break/continue outside a loop of its own: a statement that
// leaves the block around it (a try, a finally, a with body). Nested functions do not count.
bool leaves_block(const Module& m, const Body& body, bool in_loop = false);

// False if control cannot run off the end of `body`: it ends in a jump (on every branch).
bool falls_through(const Module& m, const Body& body);

// The keyword argument `name=` of a call, or nullptr.
inline const Keyword* keyword(const Call& c, std::string_view name) {
  for (const auto& k : c.keywords)
    if (k.name == name) return &k;
  return nullptr;
}

}  // namespace py2cpp::ast
