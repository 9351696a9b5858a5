#pragma once
// Stage 1: Python source -> ast::Module, using tree-sitter with the tree-sitter-python grammar.
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"

namespace py2cpp {

struct ParseResult {
  ast::Module module;
  std::vector<Diagnostic> diagnostics;  // syntax errors (ERROR/MISSING nodes, bad indentation)
  bool ok() const { return !has_errors(diagnostics); }
};

// `path` is used for diagnostics and for the module name (its stem). `source` must be valid UTF-8.
// Never throws on bad input: syntax errors come back as diagnostics.
ParseResult parse_module(std::string_view path, std::string source);

}  // namespace py2cpp
