#pragma once
// `--line-directives`: `#line N "file.py"` directives in a formatted file, so compiler errors and
// debuggers name the Python line. Added after clang-format, which therefore never sees, moves or
// re-indents them. The py_map stays in step (a directive line has no Python origin), so --verify
// compiles the file with its directives blanked out (without_line_directives): the compiler then
// reports the written file's own line numbers, mapped through the same py_map as always.
#include <string>

#include "emit/generated_file.hpp"

namespace py2cpp {

// `python_name` is what the directives name (the Python file, as in the `// file.py:LINE`
// comments); `cpp_name` is what they name to switch back for lines without a Python origin
// (includes, namespace braces). A directive is written only before a line the compiler would
// otherwise number wrongly; blank lines, comments and lines of closing brackets get none (they
// take the number after the line before them). Files without a py_map are left alone.
void add_line_directives(GeneratedFile& file, const std::string& python_name, const std::string& cpp_name);

// The text with every `#line` directive line made empty: same lines, same numbers, no renaming.
// (The emitter never writes `#line` itself, so each one is ours.)
std::string without_line_directives(const std::string& content);

}  // namespace py2cpp
