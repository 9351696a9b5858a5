// py2cpp: translate typed Python modules into C++ projects.
#include <CLI/CLI.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include <iostream>

#include "diag/stub_kinds.hpp"
#include "driver/batch.hpp"
#include "driver/progress.hpp"
#include "driver/translate.hpp"

namespace {

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

// run_batch serialises the calls; the terminal is asked once per module (it may be resized).
void print_progress(const py2cpp::BatchProgress& p) {
  bool terminal = stdout_is_terminal();
  std::cout << py2cpp::progress_text(p, terminal, terminal ? terminal_width() : 0) << std::flush;
}

// `py2cpp explain P2S012`, or `--markdown` for the whole registry.
int explain_command(const std::string& code, bool markdown) {
  if (markdown) {
    std::cout << py2cpp::registry_markdown();
    return 0;
  }
  if (code.empty()) {
    for (const auto& k : py2cpp::all_stub_kinds()) std::cout << k.code << "  " << k.name << "\n";
    return 0;
  }
  if (const py2cpp::StubKindInfo* k = py2cpp::find_stub_kind(code)) {
    std::cout << py2cpp::explain_text(*k);
    return 0;
  }
  for (const auto& d : py2cpp::all_diag_kinds())
    if (code == d.code) {
      std::cout << d.code << " (" << (d.severity == py2cpp::Severity::Error ? "error" : "warning") << ")\n  " << d.summary << "\n";
      return 0;
    }
  std::cerr << "py2cpp: error: unknown stub code '" << code << "' (py2cpp explain lists them)\n";
  return py2cpp::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"py2cpp " PY2CPP_VERSION " - translate typed Python modules into readable C++20 projects"};
  app.set_version_flag("--version", "py2cpp " PY2CPP_VERSION);
  app.require_subcommand(1);

  py2cpp::TranslateOptions opt;
  CLI::App* translate = app.add_subcommand("translate", "Translate one Python module into a CMake project");
  translate->add_option("file", opt.input, "The Python module (.py)")->required();
  translate->add_option("-o,--output", opt.out_dir, "Output directory for the C++ project")->required();
  translate->add_flag("--verify", opt.verify, "Compile the generated C++ and report errors at Python lines");
  translate->add_option("--cxx", opt.cxx, "C++ compiler used by --verify")->capture_default_str();
  translate->add_flag("--force", opt.force, "Overwrite generated files even if they were edited by hand");
  translate->add_flag("!--no-format", opt.format, "Do not run clang-format on the generated C++");
  translate->add_flag("-q,--quiet", opt.quiet, "Do not print warnings about untranslated constructs");
  translate->add_flag("--line-directives", opt.line_directives, "Emit #line directives naming the Python lines");
  translate->add_flag("--source-map", opt.source_map, "Write FILE.map (source map v3) beside each C++ file");
  translate->add_flag("--html", opt.html, "Write review/MODULE.html: the Python and its C++ side by side, linked line by line");
  translate->add_flag("--bindings", opt.bindings, "Also write MODULE_bindings.cpp: a pybind11 module Python can import (CMake -DPY2CPP_BINDINGS=ON)");

  py2cpp::BatchOptions bopt;
  CLI::App* batch = app.add_subcommand("batch", "Translate many modules (files, directories, globs) into one CMake project");
  batch->add_option("sources", bopt.sources, "Python files, directories (searched for *.py) and globs")->required();
  batch->add_option("-o,--output", bopt.out_dir, "Output directory for the C++ project")->required();
  batch->add_option("-j,--jobs", bopt.jobs, "Modules translated in parallel (default: hardware threads)");
  batch->add_option("--exclude", bopt.excludes, "Skip paths matching this glob (repeatable)");
  batch->add_flag("--force", bopt.force, "Overwrite generated files even if they were edited by hand; regenerate all");
  batch->add_flag("--verify", bopt.verify, "Compile each generated module and report errors at Python lines");
  batch->add_option("--cxx", bopt.cxx, "C++ compiler used by --verify")->capture_default_str();
  batch->add_flag("!--no-format", bopt.format, "Do not run clang-format on the generated C++");
  batch->add_option("--sarif", bopt.sarif, "Also write stubs and verify errors as SARIF 2.1.0 to this file");
  batch->add_flag("-q,--quiet", bopt.quiet, "Do not print warnings about untranslated constructs");
  batch->add_flag("--line-directives", bopt.line_directives, "Emit #line directives naming the Python lines");
  batch->add_flag("--source-map", bopt.source_map, "Write FILE.map (source map v3) beside each C++ file");
  batch->add_flag("--html", bopt.html, "Write review/MODULE.html per module and review/index.html");
  batch->add_flag("--bindings", bopt.bindings, "Also write a pybind11 module per module (CMake -DPY2CPP_BINDINGS=ON)");

  py2cpp::BatchOptions copt;
  copt.check = true;
  CLI::App* check = app.add_subcommand("check", "Exit non-zero, listing the files, if regenerating would change OUT");
  check->add_option("sources", copt.sources, "Python files, directories and globs, as given to batch")->required();
  check->add_option("-o,--output", copt.out_dir, "The generated project to check")->required();
  check->add_option("-j,--jobs", copt.jobs, "Modules analysed in parallel");
  check->add_option("--exclude", copt.excludes, "Skip paths matching this glob (repeatable)");
  check->add_flag("!--no-format", copt.format, "The project was generated with --no-format");
  check->add_flag("-q,--quiet", copt.quiet, "Do not print warnings about untranslated constructs");
  check->add_flag("--line-directives", copt.line_directives, "The project was generated with --line-directives");
  check->add_flag("--source-map", copt.source_map, "The project was generated with --source-map");
  check->add_flag("--html", copt.html, "The project was generated with --html");
  check->add_flag("--bindings", copt.bindings, "The project was generated with --bindings");

  std::string explain_code;
  bool explain_markdown = false;
  CLI::App* explain = app.add_subcommand("explain", "Say what a stub code (P2S012) means and how to change the Python");
  explain->add_option("code", explain_code, "A stub code (P2S012) from a TODO(py2cpp) comment or py2cpp-report.json, or a "
                                            "diagnostic code (P2C0201); none: list the stub codes");
  explain->add_flag("--markdown", explain_markdown, "Print every stub kind and diagnostic code as Markdown (docs/stub-reasons.md)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "py2cpp: error: " << e.what() << " (see py2cpp --help)\n";
    return py2cpp::kExitBadInput;
  }

  if (explain->parsed()) return explain_command(explain_code, explain_markdown);

  if (batch->parsed() || check->parsed()) {
    py2cpp::BatchOptions& o = batch->parsed() ? bopt : copt;
    o.quiet = o.quiet || o.check;
    py2cpp::BatchOutcome bo = py2cpp::run_batch(o, o.check ? nullptr : print_progress);
    if (!o.check) std::cout << py2cpp::progress_end(stdout_is_terminal()) << std::flush;
    for (const auto& d : bo.diagnostics) std::cerr << py2cpp::render(d) << "\n";
    for (const auto& l : bo.lines) std::cout << l << "\n";
    return bo.exit_code;
  }

  py2cpp::TranslateOutcome outcome = py2cpp::translate_file(opt);
  for (const auto& d : outcome.diagnostics) std::cerr << py2cpp::render(d) << "\n";
  return outcome.exit_code;
}
