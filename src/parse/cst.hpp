#pragma once
// Internal to parse/: a classification of tree-sitter-python symbols and fields into dense enums,
// computed once from the grammar, so the builder can switch on node kinds instead of comparing
// strings.
#include <tree_sitter/api.h>

#include <cstdint>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python();

namespace py2cpp::parse {

// Named node kinds (N_*) and anonymous tokens (T_*) the builder distinguishes.
#define PY2CPP_NAMED_KINDS(X)                                                                                      \
  X(module) X(block) X(comment) X(expression_statement) X(assignment) X(augmented_assignment)                       \
  X(return_statement) X(delete_statement) X(pass_statement) X(break_statement) X(continue_statement)                \
  X(if_statement) X(elif_clause) X(else_clause) X(while_statement) X(for_statement) X(with_statement)               \
  X(with_clause) X(with_item) X(try_statement) X(except_clause) X(except_group_clause) X(finally_clause)            \
  X(raise_statement) X(assert_statement) X(import_statement) X(import_from_statement)                               \
  X(future_import_statement) X(aliased_import) X(dotted_name) X(relative_import) X(import_prefix)                   \
  X(wildcard_import) X(global_statement) X(nonlocal_statement) X(function_definition) X(class_definition)          \
  X(decorated_definition) X(decorator) X(parameters) X(lambda_parameters) X(default_parameter)                     \
  X(typed_parameter) X(typed_default_parameter) X(list_splat_pattern) X(dictionary_splat_pattern)                  \
  X(keyword_separator) X(positional_separator) X(tuple_pattern) X(list_pattern) X(pattern_list)                    \
  X(match_statement) X(type_alias_statement) X(print_statement) X(exec_statement) X(identifier) X(integer)          \
  X(float) X(string) X(concatenated_string) X(string_start) X(string_content) X(string_end) X(interpolation)       \
  X(format_specifier) X(format_expression) X(type_conversion) X(true) X(false) X(none) X(ellipsis)                 \
  X(unary_operator) X(not_operator) X(binary_operator) X(boolean_operator) X(comparison_operator) X(call)          \
  X(argument_list) X(keyword_argument) X(list_splat) X(dictionary_splat) X(parenthesized_list_splat) X(attribute)  \
  X(subscript) X(slice) X(list) X(tuple) X(set) X(dictionary) X(pair) X(list_comprehension) X(set_comprehension)   \
  X(dictionary_comprehension) X(generator_expression) X(for_in_clause) X(if_clause) X(conditional_expression)      \
  X(lambda) X(named_expression) X(await) X(yield) X(parenthesized_expression) X(expression_list) X(as_pattern)     \
  X(as_pattern_target) X(type) X(generic_type) X(type_parameter) X(union_type) X(member_type) X(splat_type)         \
  X(constrained_type) X(line_continuation) X(chevron) X(case_clause) X(case_pattern) X(union_pattern)    \
  X(splat_pattern) X(class_pattern) X(keyword_pattern) X(dict_pattern) X(complex_pattern)

#define PY2CPP_TOKEN_KINDS(X)                                                                                      \
  X(comma, ",") X(colon, ":") X(lparen, "(") X(rparen, ")") X(lbrack, "[") X(rbrack, "]") X(lbrace, "{")           \
  X(rbrace, "}") X(assign, "=") X(star, "*") X(dstar, "**") X(slash, "/") X(plus, "+") X(minus, "-")              \
  X(tilde, "~") X(percent, "%") X(dslash, "//") X(at, "@") X(lshift, "<<") X(rshift, ">>") X(amp, "&")           \
  X(pipe, "|") X(caret, "^") X(lt, "<") X(le, "<=") X(eq, "==") X(ne, "!=") X(gt, ">") X(ge, ">=") X(ltgt, "<>")  \
  X(in, "in") X(not_in, "not in") X(is, "is") X(is_not, "is not") X(not, "not") X(and, "and") X(or, "or")         \
  X(async, "async") X(from, "from") X(as, "as") X(semicolon, ";") X(walrus, ":=") X(add_eq, "+=")                 \
  X(sub_eq, "-=") X(mul_eq, "*=") X(div_eq, "/=") X(fdiv_eq, "//=") X(mod_eq, "%=") X(pow_eq, "**=")              \
  X(lsh_eq, "<<=") X(rsh_eq, ">>=") X(and_eq, "&=") X(or_eq, "|=") X(xor_eq, "^=") X(mat_eq, "@=")            \
  X(underscore, "_")

#define PY2CPP_FIELDS(X)                                                                                           \
  X(left) X(right) X(operator) X(body) X(alternative) X(name) X(parameters) X(return_type) X(condition)            \
  X(consequence) X(value) X(type) X(function) X(arguments) X(object) X(attribute) X(subscript) X(key) X(alias)    \
  X(module_name) X(definition) X(superclasses) X(cause) X(argument) X(expression) X(format_specifier)             \
  X(type_conversion) X(type_parameters) X(operators) X(subject) X(guard)

enum Kind : uint16_t {
  K_unknown = 0,
  K_ERROR,
#define PY2CPP_X(n) N_##n,
  PY2CPP_NAMED_KINDS(PY2CPP_X)
#undef PY2CPP_X
#define PY2CPP_X(n, s) T_##n,
  PY2CPP_TOKEN_KINDS(PY2CPP_X)
#undef PY2CPP_X
  K_count
};

struct Grammar {
  const TSLanguage* lang = nullptr;
  std::vector<uint16_t> kinds;  // indexed by TSSymbol
#define PY2CPP_X(f) TSFieldId f_##f = 0;
  PY2CPP_FIELDS(PY2CPP_X)
#undef PY2CPP_X

  uint16_t kind(TSNode n) const {
    TSSymbol s = ts_node_symbol(n);
    if (s == static_cast<TSSymbol>(-1)) return K_ERROR;
    return s < kinds.size() ? kinds[s] : static_cast<uint16_t>(K_unknown);
  }
};

// Built once (thread-safe static initialisation).
const Grammar& grammar();

}  // namespace py2cpp::parse
