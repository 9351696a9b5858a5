#pragma once
// Stage 6: compile the written output project (-fsyntax-only) and map compiler diagnostics
// back to the Python lines the C++ came from.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "emit/generated_file.hpp"

namespace py2cpp {

struct VerifyOptions {
  std::string cxx = "g++";  // compiler program (looked up in PATH)
  int jobs = 0;             // parallel compiles; 0 = number of cores
  int timeout_ms = 300000;
};

struct VerifyResult {
  bool ok = false;                       // every translation unit compiled without errors
  std::vector<Diagnostic> diagnostics;   // CompileError at python_file:line:col, C++ position in notes
};

// Compiles every *.cpp in `files` (already written below out_dir) with
//   CXX -std=c++20 -Wall -Wextra -fsyntax-only -I out_dir out_dir/FILE
// and maps each "FILE:LINE:COL: error: MSG" through that file's py_map to python_file.
VerifyResult verify_project(const std::string& out_dir, const std::vector<GeneratedFile>& files,
                            const std::string& python_file, const VerifyOptions& options);

}  // namespace py2cpp
