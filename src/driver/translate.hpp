#pragma once
// The pipeline for one module: read -> parse -> sema -> emit -> format -> (verify) -> write.
// Every stage hands plain data to the next; nothing is written unless all earlier stages succeeded.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "emit/generated_file.hpp"

namespace py2cpp::ast {
struct Module;
}
namespace py2cpp::sema {
struct SemaResult;
}

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
  bool html = false;             // review/MODULE.html + review/index.html (report/review_page.hpp)
  bool bindings = false;         // <module>_bindings.cpp + the opt-in pybind11 target (emit/bindings.cpp)
};

enum ExitCode { kExitOk = 0, kExitVerifyFailed = 1, kExitBadInput = 2, kExitConflict = 3, kExitInternal = 4 };

struct TranslateOutcome {
  int exit_code = kExitOk;
  std::vector<Diagnostic> diagnostics;  // to print, in order
};

TranslateOutcome translate_file(const TranslateOptions& options);

// Shared by translate and batch. After format: `#line` directives in every C++ file of `files`.
void insert_line_directives(std::vector<GeneratedFile>& files, const std::string& python_path);
// Last: a FILE.map for each C++ file, as the files will be written into `out_dir`.
void add_source_maps(std::vector<GeneratedFile>& files, const std::string& python_path, const std::string& out_dir);
// `--html`: review/MODULE.html for the module's files (call before adding non-C++ files).
GeneratedFile review_page_file(const ast::Module& module, const sema::SemaResult& sema,
                               const std::vector<GeneratedFile>& files);
// What --verify compiles: the content with its directives blanked (same line numbers, so the
// compiler's C++ positions map through py_map and notes name lines of the written file).
std::string verify_content(const GeneratedFile& file);

// Reads a Python source file, or explains in one diagnostic why it cannot be translated
// (missing, not a file, empty, not UTF-8).
bool read_input(const std::string& path, std::string* source, std::vector<Diagnostic>* diags);

}  // namespace py2cpp
