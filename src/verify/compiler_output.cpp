#include "verify/compiler_output.hpp"

#include <charconv>

namespace py2cpp::verify_detail {

namespace {

// Reads "<digits>:" at s[pos...]; advances pos past the colon.
bool read_number(std::string_view s, size_t& pos, uint32_t& value) {
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data() + pos || end == s.data() + s.size() || *end != ':') return false;
  pos = static_cast<size_t>(end - s.data()) + 1;
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

bool parse_record(std::string_view line, CompilerRecord& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // The path may itself contain ':' (or spaces): take the first ':' followed by "L:C: <kind>".
  for (size_t colon = line.find(':'); colon != std::string_view::npos; colon = line.find(':', colon + 1)) {
    if (colon == 0) continue;
    size_t pos = colon + 1;
    uint32_t l = 0, c = 0;
    if (!read_number(line, pos, l) || !read_number(line, pos, c)) continue;
    std::string_view rest = line.substr(pos);
    static constexpr struct {
      std::string_view tag;
      RecordKind kind;
    } kinds[] = {{" error: ", RecordKind::Error},     {" fatal error: ", RecordKind::Error},
                 {" warning: ", RecordKind::Warning}, {" note: ", RecordKind::Note},
                 {"   ", RecordKind::Context}};
    for (const auto& k : kinds) {
      if (!starts_with(rest, k.tag)) continue;
      out = CompilerRecord{k.kind, std::string(line.substr(0, colon)), l, c,
                           std::string(rest.substr(k.tag.size()))};
      return true;
    }
  }
  return false;
}

std::vector<CompilerDiag> parse_compiler_output(std::string_view text) {
  std::vector<CompilerDiag> diags;
  std::vector<CompilerRecord> pending;  // gcc prints instantiation context *before* the error
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    CompilerRecord r;
    if (parse_record(text.substr(start, end - start), r)) {
      if (r.kind == RecordKind::Error || r.kind == RecordKind::Warning) {
        diags.push_back(CompilerDiag{std::move(r), std::move(pending)});
        pending.clear();
      } else if (r.kind == RecordKind::Note && !diags.empty() && pending.empty()) {
        diags.back().context.push_back(std::move(r));  // notes follow the error they explain
      } else {
        pending.push_back(std::move(r));
      }
    }
    start = end + 1;
  }
  return diags;
}

}  // namespace py2cpp::verify_detail
