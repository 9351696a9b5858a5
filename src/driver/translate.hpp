#pragma once
// The pipeline for one module: read -> parse -> sema -> emit -> format -> (verify) -> write.
// Every stage hands plain data to the next; nothing is written unless all earlier stages succeeded.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "emit/generated_file.hpp"

namespace py2cpp {

struct TranslateOptions {
  std::string input;
  std::string out_dir;
  bool verify = false;
  std::string cxx = "g++";
  bool force = false;
  bool format = true;
  bool quiet = false;
  bool line_directives = false;  // #line "file.py" directives in the C++ (format/line_directives.hpp)
  bool source_map = false;       // FILE.map beside each C++ file (format/source_map.hpp)
};

enum ExitCode { kExitOk = 0, kExitVerifyFailed = 1, kExitBadInput = 2, kExitConflict = 3 };

struct TranslateOutcome {
  int exit_code = kExitOk;
  std::vector<Diagnostic> diagnostics;  // to print, in order
};

TranslateOutcome translate_file(const TranslateOptions& options);

// After format and verify: --line-directives rewrites the C++ files of `files` (to be written
// into `out_dir`), --source-map appends their maps. Shared by translate and batch.
void add_python_positions(std::vector<GeneratedFile>& files, const std::string& python_path,
                          const std::string& out_dir, bool line_directives, bool source_map);

// Reads a Python source file, or explains in one diagnostic why it cannot be translated
// (missing, not a file, empty, not UTF-8).
bool read_input(const std::string& path, std::string* source, std::vector<Diagnostic>* diags);

}  // namespace py2cpp
