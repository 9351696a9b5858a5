// py2cpp: translate typed Python modules into C++ projects.
#include <CLI/CLI.hpp>

#include <iostream>

#include "driver/translate.hpp"

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "py2cpp: error: " << e.what() << " (see py2cpp --help)\n";
    return py2cpp::kExitBadInput;
  }

  py2cpp::TranslateOutcome outcome = py2cpp::translate_file(opt);
  for (const auto& d : outcome.diagnostics) std::cerr << py2cpp::render(d) << "\n";
  return outcome.exit_code;
}
