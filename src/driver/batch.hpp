#pragma once
// `py2cpp batch SRC... -o OUT` and `py2cpp check SRC... -o OUT`: many modules into one CMake
// project. Each module gets its own folder and targets (OUT/<module>/), one shared copy of the
// runtime (OUT/py2cpp/), a top-level CMakeLists.txt that add_subdirectory()s them all, the batch
// report (py2cpp-report.json, REPORT.md, optionally SARIF). Modules are translated in dependency
// order of their imports, independent ones in parallel; a module whose inputs are unchanged is
// not regenerated.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace py2cpp {

struct BatchOptions {
  std::vector<std::string> sources;   // files, directories, globs
  std::vector<std::string> excludes;  // --exclude globs
  std::string out_dir;
  unsigned jobs = 0;                  // 0: hardware threads
  bool force = false;
  bool verify = false;
  std::string cxx = "g++";
  bool format = true;
  bool quiet = false;
  std::string sarif;                  // --sarif FILE ("" = none)
  bool check = false;                 // `check`: write nothing, report what would change
  bool line_directives = false;       // as translate's options
  bool source_map = false;
  bool html = false;                  // review/MODULE.html per module + review/index.html
  bool bindings = false;              // a pybind11 extension module per module (emit/bindings.cpp)
};

struct BatchOutcome {
  int exit_code = 0;
  std::vector<std::string> lines;        // stdout: one line per module, then the summary
  std::vector<Diagnostic> diagnostics;   // stderr
};

// One module finished: what `progress` is told (driver/progress.hpp draws it).
struct BatchProgress {
  size_t done = 0;      // modules finished so far, this one included
  size_t total = 0;
  std::string module;   // its dotted name
  std::string line;     // its line, as the non-terminal output prints it ("ok        a.py -> a/ (...)")
  bool failed = false;  // failed, or --verify found errors
};

// `progress` is called (from worker threads, serialised) as each module finishes.
BatchOutcome run_batch(const BatchOptions& options, void (*progress)(const BatchProgress&) = nullptr);

}  // namespace py2cpp
