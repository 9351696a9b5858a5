#pragma once
// A compact, deterministic text rendering of the AST, for tests and debugging
// (e.g. `BinOp(+, Name(a), Int(1))`, one statement per line, bodies indented by two spaces).
#include <string>

#include "ast/ast.hpp"

namespace py2cpp::parse {

std::string dump_expr(const ast::Module& m, ast::ExprId id);
std::string dump_stmt(const ast::Module& m, ast::StmtId id, int indent = 0);
std::string dump_body(const ast::Module& m, const ast::Body& body, int indent = 0);
inline std::string dump_module(const ast::Module& m) { return dump_body(m, m.body); }

}  // namespace py2cpp::parse
