#pragma once
// The pipeline for one module: read -> parse -> sema -> emit -> format -> (verify) -> write.
// Every stage hands plain data to the next; nothing is written unless all earlier stages succeeded.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace py2cpp {

struct TranslateOptions {
  std::string input;
  std::string out_dir;
  bool verify = false;
  std::string cxx = "g++";
  bool force = false;
  bool format = true;
  bool quiet = false;
};

enum ExitCode { kExitOk = 0, kExitVerifyFailed = 1, kExitBadInput = 2, kExitConflict = 3 };

struct TranslateOutcome {
  int exit_code = kExitOk;
  std::vector<Diagnostic> diagnostics;  // to print, in order
};

TranslateOutcome translate_file(const TranslateOptions& options);

// Reads a Python source file, or explains in one diagnostic why it cannot be translated
// (missing, not a file, empty, not UTF-8).
bool read_input(const std::string& path, std::string* source, std::vector<Diagnostic>* diags);

}  // namespace py2cpp
