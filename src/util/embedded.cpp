#include "util/embedded.hpp"

namespace py2cpp {

std::string_view embedded_file(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.content;
  return {};
}

}  // namespace py2cpp
