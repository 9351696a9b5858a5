#pragma once
// Internal to emit/: turns typed AST pieces into C++ text. One Emitter per module; no globals.
#include <functional>
#include <map>
#include <string>

#include "ast/ast.hpp"
#include "emit/code_writer.hpp"
#include "sema/sema.hpp"

namespace py2cpp {

// A C++ expression and its precedence (C++ operator precedence groups: 2 = postfix/primary,
// 3 = unary, 5 = multiplicative ... 16 = conditional). Used to parenthesise only where needed.
struct CppExpr {
  std::string text;
  int prec = 2;
};

class Emitter {
 public:
  Emitter(const ast::Module& m, const sema::SemaResult& s) : m_(m), s_(s) {}

  // ---- types.cpp: types and literals
  std::string cpp_type(sema::TypeId t) const;
  std::string return_type(sema::TypeId t) const;
  std::string param_type(const sema::Variable& v) const;
  static std::string string_literal(std::string_view value);
  static std::string float_literal(double value);

  // ---- expr.cpp
  CppExpr expr(ast::ExprId e, sema::TypeId expected = sema::kUnknown);
  std::string str(ast::ExprId e, sema::TypeId expected = sema::kUnknown) { return expr(e, expected).text; }
  std::string as_std_string(ast::ExprId e);  // wraps a bare string literal so it is a std::string
  std::string condition(ast::ExprId e);      // Python truthiness as a C++ bool expression
  std::string paren(const CppExpr& e, int max_prec) const;
  CppExpr name(ast::ExprId e, const ast::Name& n);
  CppExpr binop(ast::ExprId e, const ast::BinOp& b);
  CppExpr compare(const ast::Compare& c);
  CppExpr boolop(ast::ExprId e, const ast::BoolOp& b);
  CppExpr call(ast::ExprId e, const ast::Call& c);
  CppExpr builtin_call(ast::ExprId e, const std::string& name, const ast::Call& c);
  CppExpr math_call(const std::string& fn, const ast::Call& c);
  CppExpr method_call(ast::ExprId obj, const std::string& method, const ast::Call& c);
  CppExpr user_call(ast::ExprId e, const sema::Function& callee, const ast::Call& c);
  CppExpr subscript(const ast::Subscript& s);
  CppExpr fstring(const std::vector<ast::FStringPart>& parts);
  std::string fstring_field(const ast::FStringPart& p);
  std::string args(const std::vector<ast::ExprId>& xs, bool strings_as_std = false);

  // ---- dict_set.cpp
  std::string braced(ast::ExprId e, sema::TypeId t);
  std::string literal_items(ast::ExprId e, sema::TypeId t);
  CppExpr collection_literal(ast::ExprId e, sema::TypeId expected, bool in_loop);
  std::string collection_initializer(ast::ExprId value, sema::TypeId target_t, const std::string& otherwise);
  std::string dict_key(const ast::Subscript& sub);
  CppExpr dict_subscript(const ast::Subscript& sub);
  std::string dict_store_target(const ast::Subscript& sub);
  CppExpr dict_method(ast::ExprId obj, const std::string& method, const ast::Call& c);
  CppExpr set_method(ast::ExprId obj, const std::string& method, const ast::Call& c);
  CppExpr collection_builtin(ast::ExprId e, const std::string& name, const ast::Call& c, sema::TypeId expected);
  void delete_stmt(const ast::Delete& d);
  bool iterates_changed_collection(const ast::For& f) const;
  bool object_sequenced_first(const ast::Call& c) const;

  // ---- stmt.cpp
  void body(const ast::Body& b);
  void stmt(ast::StmtId id);
  void stub_stmt(ast::StmtId id, const std::string& reason);
  void assign(ast::StmtId id, const ast::Assign& a);
  void aug_assign(const ast::AugAssign& a);
  void for_loop(ast::StmtId id, const ast::For& f);
  void for_unpacking(const ast::For& f, const ast::TupleLit& targets);
  void for_range(const ast::For& f, const ast::Call& range, const sema::Variable* var, const std::string& target);
  void if_chain(const ast::If& node, bool is_else_if);
  void raise(const ast::Raise& r);
  void hoisted_declarations(const ast::Body& b);
  void quote_python(const ast::Span& span, std::string_view prefix = "//   ");
  bool mutated_in(const ast::Body& b, const std::string& name) const;
  bool bound_in(const ast::Body& b, const std::string& name) const;

  // ---- module.cpp
  void function_definition(const sema::Function& fn);
  std::string signature(const sema::Function& fn, bool with_defaults, bool stub) const;
  void doc_comment(const std::string& doc);

  const sema::Variable* variable(ast::ExprId name_expr) const;
  PyPos pos(const ast::Span& span) const { return {span.line, span.col}; }
  std::string location(const ast::Span& span) const;

  // ---- order.cpp: Python evaluates operands left to right; C++ leaves argument order unspecified.
  bool has_effects(ast::ExprId e) const;
  // `receiver`: the object of a method call, held by reference (`d.setdefault(k, []).append(x)`).
  CppExpr in_order(const std::vector<ast::ExprId>& operands, const std::function<CppExpr()>& build,
                   ast::ExprId receiver = ast::kNoNode);

  const ast::Module& m_;
  const sema::SemaResult& s_;
  std::map<ast::ExprId, std::string> override_;  // operands already evaluated into temporaries
  int temp_counter_ = 0;
  const sema::Function* fn_ = nullptr;  // the function being emitted (nullptr: module level)
  CodeWriter* w_ = nullptr;             // where statements go
};

}  // namespace py2cpp
