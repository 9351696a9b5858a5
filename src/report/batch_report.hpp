#pragma once
// Reports of a batch run, all built from the same per-module data:
//  - py2cpp-report.json (report_format 2): summary plus one entry per module, each embedding the
//    module's own report (docs/report-schema.md);
//  - REPORT.md: the summary a person pastes into a pull request (totals, a table per module,
//    the TODO list with file.py:line references and what to do for each stub);
//  - SARIF 2.1.0 (--sarif): stubs and verify errors as results at Python lines.
#include <string>
#include <vector>

namespace py2cpp {

struct BatchModuleReport {
  std::string module;       // dotted name
  std::string source;       // the Python path as found
  std::string dir;          // output subfolder
  bool ok = true;           // translated (stubs allowed) and, with --verify, compiled
  std::string error;        // why not, when !ok
  std::string input_hash;   // source + dependencies + tool version + options (incremental builds)
  std::vector<std::string> files;  // generated, relative to OUT
  std::string report_json;  // the module's own report (build_report), "" when it failed early
};

// The options that shape the generated files: recorded in the report, so that `py2cpp check`
// regenerates the project the way it was generated.
struct BatchOutputOptions {
  bool format = true;
  bool line_directives = false;
  bool source_map = false;
  bool html = false;
  bool bindings = false;  // recorded only when set, so reports without it are unchanged
};

std::string build_batch_report(const std::vector<BatchModuleReport>& modules, const BatchOutputOptions& options);
std::string build_review_markdown(const std::vector<BatchModuleReport>& modules);
std::string build_sarif(const std::vector<BatchModuleReport>& modules);

// What a reviewer can do about a stub with this reason (REPORT.md, SARIF help).
std::string stub_advice(const std::string& reason);

}  // namespace py2cpp
