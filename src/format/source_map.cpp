#include "format/source_map.hpp"

#include <fmt/format.h>

namespace py2cpp {

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string base_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

}  // namespace

std::string base64_vlq(int64_t value) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  // The sign goes into the lowest bit, then 5 bits per digit, lowest first; 0x20 means "more follows".
  uint64_t v = value < 0 ? ((static_cast<uint64_t>(-value) << 1) | 1) : static_cast<uint64_t>(value) << 1;
  std::string out;
  do {
    unsigned digit = v & 0x1f;
    v >>= 5;
    if (v) digit |= 0x20;
    out += kDigits[digit];
  } while (v);
  return out;
}

std::string source_map_mappings(const std::vector<PyPos>& py_map) {
  // Every field but the generated column is relative to the previous segment of the file; the
  // generated column restarts at each line and is always 0 here, as is the source column.
  std::string out;
  int64_t previous_line = 0;
  for (size_t i = 0; i < py_map.size(); ++i) {
    if (i) out += ';';
    if (py_map[i].line == 0) continue;
    int64_t line = static_cast<int64_t>(py_map[i].line) - 1;  // source maps count from 0
    out += base64_vlq(0);                                    // generated column
    out += base64_vlq(0);                                    // source index: the only source
    out += base64_vlq(line - previous_line);
    out += base64_vlq(0);                                    // source column
    previous_line = line;
  }
  return out;
}

std::string source_map_json(const std::string& file, const std::string& source, const std::vector<PyPos>& py_map) {
  return fmt::format("{{\n  \"version\": 3,\n  \"file\": {},\n  \"sources\": [{}],\n  \"names\": [],\n"
                     "  \"mappings\": {}\n}}\n",
                     json_string(file), json_string(source), json_string(source_map_mappings(py_map)));
}

std::vector<GeneratedFile> source_map_files(const std::vector<GeneratedFile>& files, const std::string& source) {
  std::vector<GeneratedFile> maps;
  for (const auto& f : files)
    if (f.is_cpp && !f.py_map.empty())
      maps.push_back({f.path + ".map", source_map_json(base_name(f.path), source, f.py_map), false, {}});
  return maps;
}

}  // namespace py2cpp
