#pragma once
// What `--bindings` exposes to Python (emit/bindings.cpp writes <module>_bindings.cpp from
// templates/bindings.cpp.tmpl) and what it leaves out, with the reason: py2cpp-report.json's
// "bindings" object (docs/report-schema.md, docs/bindings.md).
#include <cstdint>
#include <string>
#include <vector>

namespace py2cpp {

struct BindingEntry {
  std::string name;    // Python name: "dot", "Item", "Item.total_value", "Item.tags"
  std::string kind;    // "function", "class", "exception", "method", "property", "field", "constant"
  uint32_t line = 0;   // its Python line
  std::string reason;  // skipped only: why
};

struct BindingsSummary {
  std::string file;                   // "<module>_bindings.cpp"
  std::vector<BindingEntry> exposed;  // in source order
  std::vector<BindingEntry> skipped;
};

}  // namespace py2cpp
