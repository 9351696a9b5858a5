#pragma once
// The modules of a batch: SRC arguments (files, directories searched recursively for *.py,
// globs) expanded, --exclude globs removed, each with its dotted import name.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace py2cpp {

struct BatchInput {
  std::string path;    // as found ("pkg/geometry.py")
  std::string dotted;  // import name relative to the directory argument ("geometry", "sub.util")
  std::string name;    // module stem: folder, CMake target and C++ namespace ("geometry")
};

struct CollectedInputs {
  std::vector<BatchInput> inputs;       // sorted by path, no duplicates
  std::vector<Diagnostic> diagnostics;  // SRC arguments that match nothing
};

CollectedInputs collect_inputs(const std::vector<std::string>& sources, const std::vector<std::string>& excludes);

}  // namespace py2cpp
