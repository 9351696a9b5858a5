#pragma once
// A file of the output project, as emit/ produces it and format/, output/, verify/ consume it.
#include <cstdint>
#include <string>
#include <vector>

namespace py2cpp {

// Where a generated line came from in the Python source (0 = no Python line, e.g. boilerplate).
struct PyPos {
  uint32_t line = 0;
  uint32_t col = 0;
};

struct GeneratedFile {
  std::string path;            // relative to the output directory, '/'-separated ("stats.cpp", "py2cpp/runtime.hpp")
  std::string content;
  bool is_cpp = false;         // C++ source/header written by the emitter: clang-format and verify apply
  std::vector<PyPos> py_map;   // one entry per line of content (index 0 = line 1); empty when not mapped
  bool needs_python = false;   // <module>_bindings.cpp: compiles only against pybind11 and Python.h, so
                               // verify leaves it to the PY2CPP_BINDINGS build
};

}  // namespace py2cpp
