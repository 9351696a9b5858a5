#pragma once
// A light tokenizer pass over the raw source for what tree-sitter accepts silently: indentation
// errors (TabError, bad unindent, unexpected indent, missing indented block), unbalanced or too
// deeply nested brackets and NUL bytes. Follows CPython's tokenizer rules (tabs to multiples of 8, plus the
// "alternate" tab size 1 for TabError detection).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"

namespace py2cpp::parse {

struct SourceIssue {
  DiagKind kind;
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;   // 1-based, bytes
  std::string message;
  // For "unexpected indent": the first line of the previous logical line. A syntax error there
  // (e.g. a header missing its ':') explains the indent, so the caller may drop this issue.
  uint32_t after_line = 0;
};

// At most `max_issues` issues, in source order. When `logical_newlines` is given, it receives the
// byte offset of every newline that ends a logical line, a blank line or a comment line (that is,
// outside brackets, strings and continuations), ascending: tree-sitter silently joins lines where
// Python would not.
//
// When `for_tree_sitter` is given and the source has line breaks or comments inside brackets, it
// receives a copy of the source with those blanked to spaces (same length, same offsets):
// tree-sitter-python's scanner mistakes a continuation line that is indented less than the
// enclosing block for a dedent when its grammar does not expect a closing bracket there
// (`f(a,\nb)` inside a function). Comments inside brackets are not kept in the AST anyway.
std::vector<SourceIssue> scan_indentation(std::string_view source, size_t max_issues = 20,
                                          std::vector<uint32_t>* logical_newlines = nullptr,
                                          std::string* for_tree_sitter = nullptr);

}  // namespace py2cpp::parse
