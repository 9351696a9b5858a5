#pragma once
// `--source-map`: a `<file>.map` beside each generated C++ file, in the ECMA-426 source map v3
// shape, built from the file's final py_map (after clang-format and any #line directives).
// Line-level: one segment per generated line that has a Python origin, mapping its column 0 to
// column 0 of the Python line. The text depends only on its inputs: deterministic.
#include <cstdint>
#include <string>
#include <vector>

#include "emit/generated_file.hpp"

namespace py2cpp {

// The map of one generated file. `file` is the generated file's name (the map's "file"),
// `source` the Python file as a URL relative to the map's own folder (its only "sources" entry).
std::string source_map_json(const std::string& file, const std::string& source, const std::vector<PyPos>& py_map);

// The "mappings" string alone (exposed for tests).
std::string source_map_mappings(const std::vector<PyPos>& py_map);

// One Base64 VLQ value, as source maps encode every segment field.
std::string base64_vlq(int64_t value);

// A map file (`PATH.map`, not C++) for every C++ file of `files` that has a py_map.
std::vector<GeneratedFile> source_map_files(const std::vector<GeneratedFile>& files, const std::string& source);

}  // namespace py2cpp
