// Literal format strings of `"...".format(...)` and `"..." % args`, split at translation time
// into literal text and fields bound to the argument expressions. Sema checks them (a stub
// with the reason Python would raise), the emitter turns them into py::concat of py::format /
// py::percent pieces. Pure functions: both stages parse the same text the same way.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ast/ast.hpp"

namespace py2cpp::sema {

// str.format: fields as f-string parts whose expr is the argument (positional, or the keyword
// of that name); a format spec may hold nested fields, as in Python. The error is the reason
// Python would raise (or the construct this subset leaves out).
struct StrFormatArgs {
  std::vector<ast::ExprId> positional;
  std::vector<std::pair<std::string, ast::ExprId>> keywords;
};
std::variant<std::vector<ast::FStringPart>, std::string> parse_str_format(std::string_view text,
                                                                          const StrFormatArgs& args);

// printf-style: literal text (arg == kNoNode) or one conversion, spec = flags, width,
// precision and the type letter without the '%' ("-8.2f").
struct PercentField {
  std::string literal;
  ast::ExprId arg = ast::kNoNode;
  std::string spec;
  char type = 0;
};
std::variant<std::vector<PercentField>, std::string> parse_percent_format(std::string_view text,
                                                                          const std::vector<ast::ExprId>& args);

// The ValueError Python raises formatting a `type_name` ("int", "bool", "float" or "str") with
// this constant format spec, or "" when the spec suits the type.
std::string format_spec_error(std::string_view spec, const std::string& type_name);

// The argument expressions of `fmt % right`: the elements of a tuple literal, else right alone.
std::vector<ast::ExprId> percent_args(const ast::Module& m, ast::ExprId right);

}  // namespace py2cpp::sema
