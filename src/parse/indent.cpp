#include "parse/indent.hpp"

namespace py2cpp::parse {

namespace {

constexpr int kTabSize = 8;
constexpr size_t kMaxIndent = 100;  // CPython's MAXINDENT
constexpr int kMaxBrackets = 200;   // CPython's MAXLEVEL

bool is_ident_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

bool is_string_prefix(std::string_view w) {
  if (w.empty() || w.size() > 2) return false;
  for (char c : w)
    if (!(c == 'r' || c == 'R' || c == 'b' || c == 'B' || c == 'u' || c == 'U' || c == 'f' || c == 'F')) return false;
  return true;
}

std::string block_owner(std::string_view w1, std::string_view w2) {
  if (w1 == "async") w1 = w2;
  if (w1 == "def") return "function definition";
  if (w1 == "class") return "class definition";
  if (w1 == "if" || w1 == "elif" || w1 == "else" || w1 == "for" || w1 == "while" || w1 == "with" || w1 == "try" ||
      w1 == "except" || w1 == "finally" || w1 == "match" || w1 == "case")
    return "'" + std::string(w1) + "' statement";
  return "block header";
}

class Scanner {
 public:
  Scanner(std::string_view s, size_t max, std::vector<uint32_t>* newlines, std::string* blanked)
      : s_(s), max_(max), newlines_(newlines), blanked_(blanked) {}

  std::vector<SourceIssue> run() {
    indents_.push_back(0);
    alt_indents_.push_back(0);
    const size_t n = s_.size();
    while (i_ < n && (issues_.size() < max_ || newlines_)) {
      // ---- start of a logical line: measure the indentation.
      int col = 0, altcol = 0;
      size_t p = i_;
      for (; p < n; ++p) {
        char c = s_[p];
        if (c == ' ') ++col, ++altcol;
        else if (c == '\t') col = (col / kTabSize + 1) * kTabSize, ++altcol;
        else if (c == '\f') col = altcol = 0;
        else break;
      }
      line_start_ = i_;
      i_ = p;
      if (p >= n) break;
      char c = s_[p];
      if (c == '#' || eol(p) || (c == '\\' && eol(p + 1))) {
        // Blank or comment-only line: no effect on indentation.
        skip_to_eol();
        if (newlines_ && i_ < n) newlines_->push_back(static_cast<uint32_t>(i_));
        newline();
        continue;
      }
      check_indent(col, altcol, static_cast<uint32_t>(p - line_start_ + 1));
      scan_logical_line();
    }
    if (expect_block_ && issues_.size() < max_) {
      uint32_t last = line_;
      if (!s_.empty() && s_.back() == '\n' && last > 1) --last;
      add(DiagKind::InconsistentIndentation, last, 1,
          "expected an indented block after " + block_owner(w1_, w2_) + " on line " + std::to_string(header_line_));
    }
    return std::move(issues_);
  }

 private:
  // A line break: "\n" or "\r\n". A lone '\r' counts as whitespace, as for tree-sitter and for
  // the line numbers of spans.
  bool eol(size_t i) const {
    return i < s_.size() && (s_[i] == '\n' || (s_[i] == '\r' && i + 1 < s_.size() && s_[i + 1] == '\n'));
  }

  void add(DiagKind kind, uint32_t line, uint32_t col, std::string msg) {
    if (issues_.size() < max_) issues_.push_back({kind, line, col, std::move(msg)});
  }

  void check_indent(int col, int altcol, uint32_t diag_col) {
    const DiagKind k = DiagKind::InconsistentIndentation;
    const bool expected = expect_block_;
    expect_block_ = false;
    if (col == indents_.back()) {
      if (expected)
        add(k, line_, diag_col,
            "expected an indented block after " + block_owner(w1_, w2_) + " on line " + std::to_string(header_line_));
      else if (altcol != alt_indents_.back())
        add(k, line_, diag_col, "inconsistent use of tabs and spaces in indentation");
    } else if (col > indents_.back()) {
      if (indents_.size() >= kMaxIndent) {
        add(k, line_, diag_col, "too many levels of indentation");
        return;
      }
      if (!expected) {
        add(k, line_, diag_col, "unexpected indent");
        if (!issues_.empty()) issues_.back().after_line = prev_logical_line_;
      }
      else if (altcol <= alt_indents_.back())
        add(k, line_, diag_col, "inconsistent use of tabs and spaces in indentation");
      indents_.push_back(col);
      alt_indents_.push_back(altcol);
    } else {
      while (indents_.size() > 1 && col < indents_.back()) {
        indents_.pop_back();
        alt_indents_.pop_back();
      }
      if (expected) {
        add(k, line_, diag_col,
            "expected an indented block after " + block_owner(w1_, w2_) + " on line " + std::to_string(header_line_));
      } else if (col != indents_.back()) {
        add(k, line_, diag_col, "unindent does not match any outer indentation level");
        // Recover as CPython's reader would expect: treat the line as a new level.
        indents_.push_back(col);
        alt_indents_.push_back(altcol);
      } else if (altcol != alt_indents_.back()) {
        add(k, line_, diag_col, "inconsistent use of tabs and spaces in indentation");
      }
    }
  }

  void newline() {
    // At a '\n' or '\r' (or end of input): step over it.
    if (i_ < s_.size()) {
      if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
      ++i_;
      ++line_;
    }
  }

  void skip_to_eol() {
    while (i_ < s_.size() && !eol(i_)) {
      if (s_[i_] == '\0') nul();
      ++i_;
    }
  }

  void nul() {
    if (!nul_reported_) {
      nul_reported_ = true;
      add(DiagKind::InvalidSyntax, line_, static_cast<uint32_t>(i_ - line_start_ + 1),
          "source code cannot contain null bytes");
    }
  }

  // Replaces [from, to) with spaces in the copy handed to tree-sitter.
  void blank(size_t from, size_t to) {
    if (!blanked_) return;
    if (blanked_->empty()) blanked_->assign(s_);
    for (size_t k = from; k < to && k < blanked_->size(); ++k) (*blanked_)[k] = ' ';
  }
  size_t newline_length() const {
    return s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n' ? 2 : 1;
  }

  struct Open {
    char c;
    uint32_t line, col;
  };

  // Scans from the first token of a logical line to just past its terminating newline.
  void scan_logical_line() {
    const size_t n = s_.size();
    std::vector<Open>& open = open_;
    open.clear();
    char last = 0;
    int words = 0;
    const uint32_t first_line = line_;
    std::string_view w1, w2;
    while (i_ < n) {
      char c = s_[i_];
      const bool inside = !open.empty();
      if (eol(i_)) {
        if (!inside && newlines_) newlines_->push_back(static_cast<uint32_t>(i_));
        if (inside) blank(i_, i_ + newline_length());
        newline();
        line_start_ = i_;
        if (!inside) break;
        continue;
      }
      if (c == '#') {
        size_t b = i_;
        skip_to_eol();
        if (inside) blank(b, i_);
        continue;
      }
      if (c == '\\') {
        if (eol(i_ + 1)) {
          ++i_;
          if (inside) blank(i_ - 1, i_ + newline_length());
          newline();
          line_start_ = i_;
          continue;
        }
        last = c;
        ++i_;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
        ++i_;
        continue;
      }
      if (c == '\0') {
        nul();
        ++i_;
        continue;
      }
      if (c == '"' || c == '\'') {
        scan_string();
        last = '"';
        continue;
      }
      if (is_ident_char(static_cast<unsigned char>(c))) {
        size_t b = i_;
        while (i_ < n && is_ident_char(static_cast<unsigned char>(s_[i_]))) ++i_;
        std::string_view w = s_.substr(b, i_ - b);
        if (i_ < n && (s_[i_] == '"' || s_[i_] == '\'') && is_string_prefix(w)) {
          scan_string();
          last = '"';
          continue;
        }
        if (open.empty()) {
          if (words == 0) w1 = w;
          else if (words == 1) w2 = w;
          ++words;
        }
        last = 'a';
        continue;
      }
      const uint32_t col = static_cast<uint32_t>(i_ - line_start_ + 1);
      if (c == '(' || c == '[' || c == '{') {
        open.push_back({c, line_, col});
        if (open.size() > static_cast<size_t>(kMaxBrackets) && !nesting_reported_) {
          nesting_reported_ = true;
          add(DiagKind::InvalidSyntax, line_, col, "too many nested parentheses");
        }
      } else if (c == ')' || c == ']' || c == '}') {
        if (open.empty()) {
          add(DiagKind::InvalidSyntax, line_, col, std::string("unmatched '") + c + "'");
        } else {
          Open o = open.back();
          open.pop_back();
          char want = o.c == '(' ? ')' : o.c == '[' ? ']' : '}';
          if (c != want) {
            std::string msg =
                std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + o.c + "'";
            if (o.line != line_) msg += " on line " + std::to_string(o.line);
            add(DiagKind::InvalidSyntax, line_, col, std::move(msg));
          }
        }
      }
      last = c;
      ++i_;
    }
    if (!open.empty())
      add(DiagKind::InvalidSyntax, open.back().line, open.back().col,
          std::string("'") + open.back().c + "' was never closed");
    prev_logical_line_ = first_line;
    if (last == ':') {
      expect_block_ = true;
      header_line_ = first_line;
      w1_ = w1;
      w2_ = w2;
    }
  }

  // At the opening quote (the prefix was consumed). Leaves i_ just past the closing quote.
  void scan_string() {
    const size_t n = s_.size();
    const char q = s_[i_];
    const bool triple = i_ + 2 < n && s_[i_ + 1] == q && s_[i_ + 2] == q;
    i_ += triple ? 3 : 1;
    while (i_ < n) {
      char c = s_[i_];
      if (c == '\\') {
        ++i_;
        if (i_ < n) {
          if (eol(i_)) {
            newline();
            line_start_ = i_;
          } else {
            ++i_;
          }
        }
        continue;
      }
      if (eol(i_)) {
        if (!triple) return;  // unterminated: tree-sitter reports it
        newline();
        line_start_ = i_;
        continue;
      }
      if (c == '\0') nul();
      if (c == q) {
        if (!triple) {
          ++i_;
          return;
        }
        if (i_ + 2 < n && s_[i_ + 1] == q && s_[i_ + 2] == q) {
          i_ += 3;
          return;
        }
      }
      ++i_;
    }
  }

  std::string_view s_;
  size_t max_;
  std::vector<uint32_t>* newlines_;
  std::string* blanked_;
  std::vector<Open> open_;
  size_t i_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
  std::vector<int> indents_, alt_indents_;
  bool expect_block_ = false;
  uint32_t header_line_ = 0;
  uint32_t prev_logical_line_ = 0;
  std::string_view w1_, w2_;
  bool nul_reported_ = false;
  bool nesting_reported_ = false;
  std::vector<SourceIssue> issues_;
};

}  // namespace

std::vector<SourceIssue> scan_indentation(std::string_view source, size_t max_issues,
                                          std::vector<uint32_t>* logical_newlines, std::string* for_tree_sitter) {
  if (for_tree_sitter) for_tree_sitter->clear();
  return Scanner(source, max_issues, logical_newlines, for_tree_sitter).run();
}

}  // namespace py2cpp::parse
