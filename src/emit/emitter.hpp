#pragma once
// Internal to emit/: turns typed AST pieces into C++ text. One Emitter per module; no globals.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "ast/ast.hpp"
#include "ast/walk.hpp"
#include "emit/bindings.hpp"
#include "emit/code_writer.hpp"
#include "sema/sema.hpp"

namespace py2cpp {

using ast::keyword;

// A C++ expression and its precedence (C++ operator precedence groups: 2 = postfix/primary,
// 3 = unary, 5 = multiplicative ... 16 = conditional). Used to parenthesise only where needed.
struct CppExpr {
  std::string text;
  int prec = 2;
};

// int, float and bool: passed and captured by value, and no namespace for argument-dependent lookup.
inline bool is_scalar(sema::TypeId t) { return t == sema::kInt || t == sema::kFloat || t == sema::kBool; }

// The comment above a stub: `// TODO(py2cpp): <what><detail> [P2S0NN]`, then `// => fix: <the kind's fix>`
// (docs/stub-reasons.md). `what` names the member of a class ("area: ").
void stub_comment(CodeWriter& w, const StubReason& r, PyPos pos, const std::string& what = "");
// The text py::not_translated reports at run time: the detail and the code.
std::string stub_message(const StubReason& r);

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
  CppExpr expr_node(ast::ExprId e, sema::TypeId expected);  // expr() without the iteration wrapper
  std::string str(ast::ExprId e, sema::TypeId expected = sema::kUnknown) { return expr(e, expected).text; }
  std::string as_std_string(ast::ExprId e);  // wraps a bare string literal so it is a std::string
  std::string condition(ast::ExprId e);      // Python truthiness as a C++ bool expression
  std::string paren(const CppExpr& e, int max_prec) const;
  CppExpr name(ast::ExprId e, const ast::Name& n);
  CppExpr named(const sema::NameRef& ref);  // a class or global (also `m.Point` of a batch module)
  CppExpr binop(ast::ExprId e, const ast::BinOp& b);
  // ---- masked_arith.cpp: `(h * C) & MASK` computed exactly in uint64_t
  std::optional<CppExpr> masked_arith(const ast::BinOp& b);
  // ---- int_fold.cpp: int constant expressions with Python's exact arithmetic
  struct FoldedInt {
    __extension__ __int128 value;  // exact past int64_t (GCC and Clang)
    bool left_int64;  // some intermediate (or the value) is outside int64_t
  };
  std::optional<FoldedInt> fold_int(ast::ExprId e, int depth = 0) const;
  std::optional<int64_t> int_constant(ast::ExprId e) const;
  std::optional<CppExpr> folded_int(ast::ExprId e) const;
  bool wraps_under_mask(ast::ExprId e) const;
  std::string wrapping(ast::ExprId e);
  CppExpr compare(const ast::Compare& c);
  CppExpr boolop(ast::ExprId e, const ast::BoolOp& b);
  CppExpr call(ast::ExprId e, const ast::Call& c);
  CppExpr builtin_call(ast::ExprId e, const std::string& name, const ast::Call& c);
  CppExpr math_call(const std::string& fn, const ast::Call& c);
  // ---- stdlib.cpp: calls into heapq, bisect, random (and math, above)
  CppExpr stdlib_call(ast::ExprId e, const std::string& callee, const ast::Call& c);
  CppExpr heapq_call(ast::ExprId e, const std::string& fn, const ast::Call& c);
  CppExpr bisect_call(const std::string& fn, const ast::Call& c);
  CppExpr itertools_call(ast::ExprId e, const std::string& fn, const ast::Call& c);
  std::string binary_function(ast::ExprId f, sema::TypeId acc);
  CppExpr sys_call(const std::string& fn, const ast::Call& c);
  CppExpr partial_call(ast::ExprId e, const ast::Call& c);                // stdlib_partial.cpp
  CppExpr dataclasses_call(ast::ExprId e, const std::string& fn, const ast::Call& c);  // stdlib_dataclasses.cpp
  std::string cmp_key_function(ast::ExprId key, sema::TypeId elem);       // stdlib_partial.cpp
  std::string list_argument(ast::ExprId list);
  CppExpr method_call(ast::ExprId obj, const std::string& method, const ast::Call& c);
  CppExpr user_call(ast::ExprId e, const sema::Function& callee, const ast::Call& c);
  CppExpr subscript(const ast::Subscript& s);
  std::string template_head(const sema::Function& fn) const;
  std::string type_param_comparison(ast::CmpOpKind op, ast::ExprId lhs_e, const std::string& lhs, const std::string& rhs);
  std::string python_comparison(ast::CmpOpKind op, const std::string& lhs, const std::string& rhs);
  std::string class_comparison(ast::CmpOpKind op, ast::ExprId lhs_e, const std::string& lhs, ast::ExprId rhs_e,
                               const std::string& rhs);
  CppExpr fstring(const std::vector<ast::FStringPart>& parts);
  std::string fstring_field(const ast::FStringPart& p);
  CppExpr str_format_call(ast::ExprId obj, const ast::Call& c);  // str_format.cpp
  CppExpr percent_format(const ast::BinOp& b);                    // str_format.cpp
  CppExpr format_builtin(const ast::Call& c);                     // str_format.cpp
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
  bool iterates_changed_collection(const ast::For& f) const;
  bool object_sequenced_first(const ast::Call& c) const;
  // ---- comprehensions.cpp: comprehensions, generator expressions consumed by builtins, key
  // functions, enumerate/zip/reversed/list, and loops over them.
  struct Fold {
    std::string statements;     // declarations and loops
    std::string value;          // the result, once they ran
    bool movable = false;       // value is a local container: std::move it out
    bool early_return = false;  // any()/all(): the loops return from the enclosing function
  };
  std::optional<Fold> fold(ast::ExprId e, const std::string& acc = "", const std::string& list_name = "result");
  std::string append(const std::string& acc, ast::ExprId item, sema::TypeId el);
  CppExpr folded(const Fold& f);
  CppExpr comprehension(ast::ExprId e, const ast::Comprehension& c, sema::TypeId expected);
  std::optional<std::string> comprehension_statements(ast::ExprId e);
  std::optional<CppExpr> iteration_call(ast::ExprId e, const std::string& name, const ast::Call& c);
  std::string sort_in_place(const std::string& list, sema::TypeId elem, const ast::Call& c);
  CppExpr lambda_value(ast::ExprId e, const ast::Lambda& l);
  bool generates_hash(const sema::Class& cls) const;
  std::string key_function(ast::ExprId key, sema::TypeId elem);
  std::string comprehension_loops(const ast::Comprehension& c, const std::string& innermost);
  std::string clause_header(ast::ExprId target, ast::ExprId iter, std::vector<std::string>& opening);
  std::string target_binding(ast::ExprId target, std::vector<std::string>& opening,
                             const std::set<ast::ExprId>& superseded);
  std::set<ast::ExprId> superseded_names(ast::ExprId target) const;
  std::string range_expression(ast::ExprId iter);
  // `for k, v in make().items()`: the range-for init-statement (`auto&& held = make(); `) that
  // keeps a temporary alive while a view into it is walked; empty when nothing needs holding.
  // The held expression reads as the name until end_loop_init(iter).
  std::string loop_init(ast::ExprId iter);
  void end_loop_init(ast::ExprId iter);
  std::string size_hint(const ast::Comprehension& c);
  std::string fresh_local(const std::string& base) const;
  std::string item_condition(ast::ExprId e);
  bool comprehension_assignment(ast::StmtId id, const ast::Assign& a);
  bool iterates_mutated_list(ast::ExprId iter, const ast::Body& body) const;
  void unpacking_loop(const ast::For& f, const ast::TupleLit& targets);

  // ---- stmt.cpp
  void body(const ast::Body& b);
  void stmt(ast::StmtId id);
  void stub_stmt(ast::StmtId id, const StubReason& reason);
  void assign(ast::StmtId id, const ast::Assign& a);
  void aug_assign(const ast::AugAssign& a);
  std::string property_setter(ast::ExprId target);
  void for_loop(ast::StmtId id, const ast::For& f);
  void loop_with_else(const ast::Body& loop_body, const ast::Body& orelse, const std::function<void()>& emit_loop);
  void for_unpacking(const ast::For& f, const ast::TupleLit& targets);
  void for_starred(const ast::For& f, const ast::TupleLit& targets);
  void nested_stores(const std::vector<ast::ExprId>& elts, const std::string& values, sema::TypeId vt);
  void starred_stores(const std::vector<ast::ExprId>& elts, const std::string& values, sema::TypeId vt, bool declare);
  std::string unpack_name(const std::string& base, ast::ExprId e);
  void for_range(const ast::For& f, const ast::Call& range, const sema::Variable* var, const std::string& target);
  void if_chain(const ast::If& node, bool is_else_if);
  void raise(const ast::Raise& r);
  void hoisted_declarations(const ast::Body& b);
  void quote_python(const ast::Span& span, std::string_view prefix = "//   ");
  bool mutated_in(const ast::Body& b, const std::string& name) const;
  bool bound_in(const ast::Body& b, const std::string& name) const;

  // ---- classes.cpp
  const sema::Class* class_of_type(sema::TypeId t) const;  // the user class of an instance/handle/class type
  std::string exception_type(const std::string& python_name) const;  // "py::ValueError" or a user class
  bool is_self(ast::ExprId e) const;
  static std::string class_attr_accessor(const sema::ClassAttr& a);
  CppExpr bound_method(ast::ExprId obj, const sema::Function& m);
  CppExpr type_name(ast::ExprId subject);
  const sema::Field* untranslatable_field(const std::vector<const sema::Field*>& fields, bool ordering) const;
  std::string member_access(ast::ExprId obj, const std::string& member);
  CppExpr attribute(ast::ExprId e, const ast::Attribute& a);
  std::string argument_list(ast::ExprId call, const sema::Function& callee, size_t first);
  std::string varargs_argument(ast::ExprId call, const sema::Variable& p);
  CppExpr constructor_call(ast::ExprId e, const sema::Class& cls, const ast::Call& c);
  CppExpr class_call(ast::ExprId e, const sema::Class& cls, const ast::Call& c);
  CppExpr class_method_call(ast::ExprId e, ast::ExprId obj, const std::string& method, const ast::Call& c);
  CppExpr dunder_call(const std::string& dunder, ast::ExprId self, const std::vector<ast::ExprId>& args);
  std::string parameter_list(const sema::Function& fn, size_t first, bool with_defaults, bool stub);
  bool parameter_read(const sema::Function& fn, size_t index) const;
  std::string method_signature(const sema::Function& fn, bool in_class, bool stub);
  std::string base_initializer(const sema::Function& fn);
  void enum_declaration(const sema::Class& cls);
  void class_declaration(const sema::Class& cls);
  void class_definitions(const sema::Class& cls);
  void total_ordering_methods(const sema::Class& cls, bool declare);  // total_ordering.cpp
  void dataclass_init(const sema::Class& cls, const sema::Function& fn);
  void init_factory(const sema::Class& cls);
  void dataclass_methods(const sema::Class& cls);
  // The type an empty literal (`[]`, `{}`, `set()`) is built as where `expected` is wanted: the
  // value type of an Optional (`self.cache = []` into a `list[int] | None` is a list, not None).
  sema::TypeId literal_type(sema::TypeId expected) const {
    return s_.types.kind(expected) == sema::TypeKind::Optional ? s_.types.arg(expected, 0) : expected;
  }
  // ---- try_stmt.cpp: exceptions (the finally body runs as code at each exit of its try)
  struct FinallyScope {
    const ast::Body* body;  // the finally body
    int loop_depth;         // loops around the try: break/continue deeper than this stay inside
    std::string flag;       // set before a copy of the body runs inside the try ("" if none)
    std::string exit_call;  // a with statement's scope: this __exit__ call instead of a body
  };
  // ---- with_stmt.cpp: context managers (__exit__ runs at each exit of the body, as finally does)
  void with_stmt(ast::StmtId id, const ast::With& w);
  void with_item(ast::StmtId id, const ast::With& w, size_t item);
  std::string exc_info_comparison(ast::CmpOpKind op, ast::ExprId lhs_e, const std::string& lhs, ast::ExprId rhs_e);
  std::optional<CppExpr> exc_info_call(const std::string& name, const ast::Call& c);
  // ---- match_stmt.cpp: match statements as an if / else-if chain
  void match_stmt(ast::StmtId id, const ast::Match& mt);
  void pattern_tests(ast::PatternId p, const std::string& value, std::vector<std::string>& tests,
                     std::vector<std::pair<ast::ExprId, std::string>>& binds);
  void sequence_tests(const ast::MatchSequence& q, sema::TypeId t, const std::string& value,
                      std::vector<std::string>& tests, std::vector<std::pair<ast::ExprId, std::string>>& binds);
  std::string narrowed_value(ast::PatternId p, const std::string& value);
  bool typed(ast::PatternId p) const;
  std::string narrowed_handle(sema::TypeId from, sema::TypeId to, const std::string& value);
  void try_stmt(const ast::Try& t);
  void try_except(const ast::Try& t);
  void return_stmt(const ast::Return& r);
  void yield_stmt(const ast::Yield& y);  // stmt.cpp
  void leave_through_finally(bool is_return, const std::string& jump);
  bool declares_locals(const ast::Body& b) const;
  std::string fresh_name(const std::string& base, bool reserve = true);

  // ---- list_stmt.cpp: item and slice stores, del
  std::string store_target(ast::ExprId target);
  void slice_assign(const ast::Subscript& target, ast::ExprId value);
  void del_stmt(const ast::Delete& d);
  bool swap_assign(const ast::Assign& a);

  // ---- module.cpp
  void function_definition(const sema::Function& fn);
  bool has_stubbed_statement(const ast::Body& b) const;
  void index_str_parameters(const sema::Function& fn);
  std::string signature(const sema::Function& fn, bool with_defaults, bool stub);
  void doc_comment(const std::string& doc);
  // ---- nested.cpp
  void nested_function(ast::StmtId id);

  const sema::Variable* variable(ast::ExprId name_expr) const;
  PyPos pos(const ast::Span& span) const { return {span.line, span.col}; }
  std::string location(const ast::Span& span) const;

  // ---- order.cpp: Python evaluates operands left to right; C++ leaves argument order unspecified.
  // `walrus`: an assignment expression counts (it rebinds a name other code may read).
  bool has_effects(ast::ExprId e, bool walrus = true) const;
  bool walrus_conflict(ast::ExprId a, ast::ExprId b) const;
  // `receiver`: the object of a method call, held by reference (`d.setdefault(k, []).append(x)`).
  // `by_ref`: the lambda returns the call's reference (setdefault's list, which `.append` changes),
  // only safe when that reference points into a receiver that was not copied into a temporary.
  CppExpr in_order(const std::vector<ast::ExprId>& operands, const std::function<CppExpr()>& build,
                   ast::ExprId receiver = ast::kNoNode, bool by_ref = false);

  const ast::Module& m_;
  const sema::SemaResult& s_;
  std::map<ast::ExprId, std::string> override_;  // operands already evaluated into temporaries
  int temp_counter_ = 0;
  const sema::Function* fn_ = nullptr;  // the function being emitted (nullptr: module level)
  ast::ExprId fold_root_ = ast::kNoNode;   // comprehensions.cpp: the outermost expression being folded
  std::vector<std::string> taken_names_;   // comprehensions.cpp: names enclosing folds declared
  CodeWriter* w_ = nullptr;             // where statements go
  std::vector<FinallyScope> finally_stack_;  // enclosing try/finally statements, innermost last
  std::map<std::string, std::string> catch_classes_;  // C++ name of an `except E as e` variable -> the E its catch clause declares
  int loop_depth_ = 0;                        // loops enclosing the statement being emitted
  std::map<uint32_t, std::string> str_index_;  // str parameter (var index) -> its py::CodePoints
  std::map<int, std::string> break_flags_;    // loop depth -> flag a `break` sets (loops with else)
  std::set<std::string> fresh_names_;         // generated local names taken in fresh_names_fn_
  const sema::Function* fresh_names_fn_ = nullptr;
};

// bindings.cpp (--bindings): <module>_bindings.cpp, and into `summary` what it exposes and skips.
GeneratedFile emit_bindings(Emitter& e, const ast::Module& m, const sema::SemaResult& s, BindingsSummary* summary);

}  // namespace py2cpp
