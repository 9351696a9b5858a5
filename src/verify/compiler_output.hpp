#pragma once
// Reads the text diagnostics of g++ and clang++ ("PATH:LINE:COL: error: MSG") into records grouped
// per error/warning, with the notes and instantiation context that explain where it came from.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace py2cpp::verify_detail {

enum class RecordKind { Error, Warning, Note, Context };  // Context: gcc's "PATH:L:C:   required from here"

struct CompilerRecord {
  RecordKind kind = RecordKind::Note;
  std::string path;  // as the compiler printed it (relative to its working directory, or absolute)
  uint32_t line = 0;
  uint32_t col = 0;
  std::string message;
};

struct CompilerDiag {
  CompilerRecord main;                  // the error or warning
  std::vector<CompilerRecord> context;  // gcc context printed before it, then notes printed after it
};

// Parses one line; false when it is not a located diagnostic (source echo, "In function ...", etc.).
bool parse_record(std::string_view line, CompilerRecord& out);

std::vector<CompilerDiag> parse_compiler_output(std::string_view text);

}  // namespace py2cpp::verify_detail
