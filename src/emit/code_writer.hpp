#pragma once
// Accumulates generated lines and remembers, for each, the Python position it came from.
// Indentation is cosmetic: clang-format re-indents everything afterwards.
#include <string>
#include <string_view>
#include <vector>

#include "emit/generated_file.hpp"

namespace py2cpp {

class CodeWriter {
 public:
  void line(std::string_view text, PyPos pos = {}) {
    if (!text.empty()) out_.append(static_cast<size_t>(depth_) * 2, ' ');
    out_.append(text);
    out_.push_back('\n');
    map_.push_back(pos.line ? pos : current_);
  }
  void blank() { line(""); }
  // A comment at the end of the last line, when that line came from Python line `py_line`
  // (`x = 1  # note` stays on one line). False, and nothing written, otherwise.
  bool trailing_comment(std::string_view comment, uint32_t py_line) {
    if (map_.empty() || map_.back().line != py_line || out_.size() < 2 || out_[out_.size() - 2] == '\n') return false;
    out_.pop_back();
    out_.append("  ");
    out_.append(comment);
    out_.push_back('\n');
    return true;
  }
  void indent() { ++depth_; }
  void dedent() { --depth_; }
  // Lines written without an explicit position inherit this one.
  void set_origin(PyPos pos) { current_ = pos; }
  PyPos origin() const { return current_; }

  const std::string& text() const { return out_; }
  const std::vector<PyPos>& map() const { return map_; }

 private:
  std::string out_;
  std::vector<PyPos> map_;
  int depth_ = 0;
  PyPos current_;
};

}  // namespace py2cpp
