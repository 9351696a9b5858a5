#pragma once
// Internal to sema/: the state of one analysis run. One Analyzer per module, no globals, so
// modules can be analysed in parallel.
#include <optional>
#include <set>
#include <string>

#include "sema/sema.hpp"

namespace py2cpp::sema {

// The scope an expression is analysed in.
struct Scope {
  Function* fn = nullptr;         // nullptr: module level (names bind globals)
  ast::StmtId stmt = ast::kNoNode;  // the statement being analysed: unsupported constructs stub it
};

class Analyzer {
 public:
  explicit Analyzer(const ast::Module& m);
  SemaResult run();

  // ---- annotations.cpp
  TypeId type_from_annotation(ast::ExprId e, std::string* error);

  // ---- infer_expr.cpp
  TypeId infer(ast::ExprId e, Scope& s, TypeId expected = kUnknown);
  TypeId infer_name(ast::ExprId e, const ast::Name& n, Scope& s);
  TypeId infer_binop(ast::ExprId e, const ast::BinOp& b, Scope& s);
  TypeId binop_result(ast::BinOpKind op, TypeId l, TypeId r, ast::ExprId right, Scope& s);
  TypeId infer_compare(const ast::Compare& c, Scope& s);
  std::optional<int64_t> constant_int(ast::ExprId e) const;
  TypeId infer_subscript(const ast::Subscript& sub, Scope& s);
  TypeId infer_fstring(const std::vector<ast::FStringPart>& parts, Scope& s);

  // ---- builtins.cpp
  TypeId infer_call(ast::ExprId e, const ast::Call& c, Scope& s);
  TypeId infer_builtin_call(const std::string& name, const ast::Call& c, Scope& s);
  TypeId infer_math_call(const std::string& fn, const ast::Call& c, Scope& s);
  TypeId infer_method_call(ast::ExprId obj, const std::string& method, const ast::Call& c, Scope& s);
  TypeId infer_user_call(ast::ExprId e, uint32_t fn_index, const ast::Call& c, Scope& s);
  static bool is_builtin_function(const std::string& name);
  static bool is_builtin_exception(const std::string& name);

  // ---- infer_stmt.cpp
  void infer_body(const ast::Body& body, Scope& s);
  void infer_stmt(ast::StmtId id, Scope& s);
  void bind_target(ast::ExprId target, TypeId value_type, Scope& s, const std::string& reason);
  void bind_name(ast::ExprId target, const std::string& name, TypeId t, Scope& s, const std::string& reason);
  void note_mutation(ast::ExprId container, Scope& s);
  TypeId element_type_of_iterable(TypeId t);

  // ---- dict_set.cpp: dicts, sets and dict views
  TypeId infer_dict_literal(const ast::DictLit& d, Scope& s, TypeId expected);
  TypeId infer_set_literal(const ast::SetLit& l, Scope& s, TypeId expected);
  TypeId infer_dict_subscript(TypeId dict_t, const ast::Subscript& sub, Scope& s);
  void store_dict_item(ast::ExprId target, const ast::Subscript& sub, TypeId value, Scope& s);
  TypeId infer_dict_method(ast::ExprId obj, TypeId ot, const std::string& method, const ast::Call& c,
                           const std::vector<TypeId>& a, Scope& s);
  TypeId infer_set_method(ast::ExprId obj, TypeId ot, const std::string& method, const ast::Call& c,
                          const std::vector<TypeId>& a, Scope& s);
  TypeId infer_collection_builtin(const std::string& name, const ast::Call& c, const std::vector<TypeId>& a, Scope& s);
  TypeId set_binop(ast::BinOpKind op, TypeId l, TypeId r, Scope& s);
  bool dict_set_membership(TypeId container, TypeId item, bool* ok);
  void infer_delete(const ast::Delete& d, Scope& s);
  bool is_hashable(TypeId t) const;
  bool refine_variable(ast::ExprId obj, TypeId old_t, TypeId new_t, Scope& s, const std::string& why);

  // ---- aliasing.cpp
  void check_aliasing(Function& fn);
  void compute_effects();

  // ---- placement.cpp
  void place_declarations(Function& fn);

  // ---- analyze.cpp
  void scan_module();
  void type_signatures();
  void analyze_functions();
  void escalate_stubs(Function& fn);
  void record_decisions();
  void unsupported(Scope& s, const std::string& reason);
  void warn(DiagKind kind, const ast::Span& span, const std::string& message);
  Function* function_named(const std::string& name);
  bool is_main_guard(const ast::If& node) const;
  std::string stmt_excerpt(ast::StmtId id) const;
  std::string expr_text(ast::ExprId e) const { return std::string(m_.text(m_.expr(e).span)); }

  const ast::Module& m_;
  SemaResult r_;
  bool changed_ = false;                  // a fixed-point iteration changed some type
  std::map<std::string, std::string> from_imports_;  // local name -> "math.sqrt"
  std::set<std::string> unavailable_functions_;      // functions whose signature cannot be emitted
};

}  // namespace py2cpp::sema
