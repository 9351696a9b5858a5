#pragma once
// Files compiled into the binary (templates/, runtime/py2cpp/), keyed by repository-relative path.
#include <string_view>
#include <vector>

namespace py2cpp {

struct EmbeddedFile {
  std::string_view path;     // e.g. "templates/source.cpp.tmpl"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

// Content of one embedded file; empty if absent.
std::string_view embedded_file(std::string_view path);

}  // namespace py2cpp
