#pragma once
// Stage 4: clang-format every generated C++ file, keeping GeneratedFile::py_map in step with
// the reformatted lines (clang-format's replacements are applied here, so we know where each line went).
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "emit/generated_file.hpp"

namespace py2cpp {

struct FormatOptions {
  std::string clang_format = "clang-format";  // program to run
  std::string style;                          // content of the .clang-format file (YAML)
};

// Formats each file with is_cpp == true in place. On failure (clang-format missing or crashing) the
// file is left unformatted and a FormatterFailed warning is returned: formatting never loses output.
std::vector<Diagnostic> format_files(std::vector<GeneratedFile>& files, const FormatOptions& options);

}  // namespace py2cpp
