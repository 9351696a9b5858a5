#include "format/line_directives.hpp"

#include <fmt/format.h>

#include <vector>

namespace py2cpp {

namespace {

// Lines a directive of their own would only make noisier: blank lines and comments (no diagnostic
// lands there) and lines of closing brackets (`}`, `});`, `}  // namespace m`), which take the
// number after the line before them. Otherwise every block end would need one.
bool dont_care(std::string_view line) {
  size_t first = line.find_first_not_of(" \t\r\n})];");
  return first == std::string_view::npos || line.substr(first, 2) == "//";
}

// Where the compiler thinks a line is: the Python file or the C++ file itself, and its number.
struct Position {
  bool python = false;
  uint32_t line = 1;
};

// A #line file name is a string literal.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void add_line_directives(GeneratedFile& file, const std::string& python_name, const std::string& cpp_name) {
  if (file.py_map.empty()) return;
  std::string out;
  std::vector<PyPos> map;
  out.reserve(file.content.size() + file.content.size() / 4);
  Position predicted{false, 1};  // what the compiler will call the next line we append
  uint32_t physical = 1;         // that line's real number in the output file
  size_t index = 0;
  for (size_t start = 0; start < file.content.size(); ++index) {
    size_t end = file.content.find('\n', start);
    size_t stop = end == std::string::npos ? file.content.size() : end + 1;
    std::string_view line(file.content.data() + start, stop - start);
    PyPos origin = index < file.py_map.size() ? file.py_map[index] : PyPos{};
    if (!dont_care(line)) {
      // Lines without a Python origin are named by their own place in the file: after the
      // directive we are about to write, that is physical + 1.
      Position wanted = origin.line ? Position{true, origin.line} : Position{false, physical + 1};
      if (!(predicted.python == wanted.python && predicted.line == (wanted.python ? wanted.line : physical))) {
        out += fmt::format("#line {} {}\n", wanted.line, quoted(wanted.python ? python_name : cpp_name));
        map.push_back({});
        ++physical;
        predicted = wanted;
      }
    }
    out.append(line);
    map.push_back(origin);
    ++physical;
    ++predicted.line;
    start = stop;
  }
  file.content = std::move(out);
  file.py_map = std::move(map);
}

std::string without_line_directives(const std::string& content) {
  std::string out;
  out.reserve(content.size());
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    size_t stop = end == std::string::npos ? content.size() : end + 1;
    std::string_view line(content.data() + start, stop - start);
    if (line.rfind("#line ", 0) == 0) out += end == std::string::npos ? "" : "\n";
    else out.append(line);
    start = stop;
  }
  return out;
}

}  // namespace py2cpp
