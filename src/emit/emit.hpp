#pragma once
// Stage 3: write C++ for a typed module. Files are assembled from the text templates in
// templates/ (embedded in the binary); the pieces are formatted with fmt.
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "emit/bindings.hpp"
#include "emit/generated_file.hpp"
#include "sema/sema.hpp"

namespace py2cpp {

struct EmitOptions {
  // --bindings: also <module>_bindings.cpp (a pybind11 extension module), its opt-in CMake target
  // and py2cpp/pybind.hpp. Off, the output is what it always was, byte for byte.
  bool bindings = false;
};

struct EmitResult {
  std::vector<GeneratedFile> files;  // <module>.hpp, <module>.cpp, main.cpp?, CMakeLists.txt, .clang-format, py2cpp/*.hpp
  std::optional<BindingsSummary> bindings;  // with --bindings: what the extension exposes and skips
};

EmitResult emit_project(const ast::Module& module, const sema::SemaResult& sema, const EmitOptions& options = {});

// The runtime headers a project ships (py2cpp/*.hpp, py2cpp/runtime.cmake); py2cpp/pybind.hpp only
// for bindings.
std::vector<GeneratedFile> runtime_files(bool bindings);

// The CMake library target of a module: its name, or "<name>_lib" when CMake reserves the name.
std::string library_target(const std::string& module_name);

// `{{name}}` placeholders in an embedded template replaced by values; unknown names are an error
// (thrown as std::logic_error: a template and its caller must agree).
std::string render_template(std::string_view template_path,
                            const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace py2cpp
