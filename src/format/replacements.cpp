#include "format/replacements.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace py2cpp::format_detail {

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<std::string> decode_entities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) return std::nullopt;
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "amp") out += '&';
    else if (name == "apos") out += '\'';
    else if (name == "quot") out += '"';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || end != digits.data() + digits.size() || cp > 0x10FFFF) return std::nullopt;
      append_utf8(out, cp);
    } else {
      return std::nullopt;
    }
    i = semi;
  }
  return out;
}

// Value of  name='N'  (or name="N") inside a start tag.
std::optional<size_t> numeric_attr(std::string_view tag, std::string_view name) {
  for (char quote : {'\'', '"'}) {
    std::string key = " " + std::string(name) + "=" + quote;
    size_t at = tag.find(key);
    if (at == std::string_view::npos) continue;
    const char* first = tag.data() + at + key.size();
    size_t value = 0;
    auto [end, ec] = std::from_chars(first, tag.data() + tag.size(), value);
    if (ec != std::errc() || end == tag.data() + tag.size() || *end != quote) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

constexpr size_t kInserted = static_cast<size_t>(-1);  // byte came from replacement text

}  // namespace

std::optional<std::vector<Replacement>> parse_replacements_xml(std::string_view xml, size_t text_size) {
  if (xml.find("<replacements") == std::string_view::npos) return std::nullopt;
  std::vector<Replacement> reps;
  size_t prev_end = 0;
  const std::string_view open = "<replacement ", close = "</replacement>";
  for (size_t pos = xml.find(open); pos != std::string_view::npos; pos = xml.find(open, pos)) {
    size_t tag_end = xml.find('>', pos);
    if (tag_end == std::string_view::npos) return std::nullopt;
    std::string_view tag = xml.substr(pos, tag_end - pos);
    Replacement r;
    auto offset = numeric_attr(tag, "offset"), length = numeric_attr(tag, "length");
    if (!offset || !length) return std::nullopt;
    r.offset = *offset;
    r.length = *length;
    if (tag.back() == '/') {
      pos = tag_end + 1;
    } else {
      size_t end = xml.find(close, tag_end);
      if (end == std::string_view::npos) return std::nullopt;
      auto text = decode_entities(xml.substr(tag_end + 1, end - tag_end - 1));
      if (!text) return std::nullopt;
      r.text = std::move(*text);
      pos = end + close.size();
    }
    // clang-format emits them sorted and disjoint; anything else means we misread the output.
    if (r.offset < prev_end || r.offset > text_size || r.length > text_size - r.offset) return std::nullopt;
    prev_end = r.offset + r.length;
    reps.push_back(std::move(r));
  }
  return reps;
}

Reformatted apply_replacements(const std::string& content, const std::vector<PyPos>& py_map,
                               const std::vector<Replacement>& replacements) {
  Reformatted out;
  std::vector<size_t> source;  // per output byte: its offset in `content`, or kInserted
  source.reserve(content.size() + content.size() / 8);
  size_t pos = 0;
  auto keep = [&](size_t from, size_t to) {
    out.content.append(content, from, to - from);
    for (size_t i = from; i < to; ++i) source.push_back(i);
  };
  for (const auto& r : replacements) {
    keep(pos, r.offset);
    out.content += r.text;
    source.insert(source.end(), r.text.size(), kInserted);
    pos = r.offset + r.length;
  }
  keep(pos, content.size());
  if (py_map.empty()) return out;

  // Original line (0-based) of every original byte, via line start offsets.
  std::vector<size_t> line_starts{0};
  for (size_t i = 0; i < content.size(); ++i)
    if (content[i] == '\n') line_starts.push_back(i + 1);
  auto origin_of = [&](size_t offset) -> PyPos {
    size_t line = static_cast<size_t>(std::upper_bound(line_starts.begin(), line_starts.end(), offset) -
                                      line_starts.begin()) - 1;
    return line < py_map.size() ? py_map[line] : PyPos{};
  };

  const std::string& text = out.content;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    size_t stop = end == std::string::npos ? text.size() : end;
    PyPos origin{};
    bool any_kept_text = false;
    for (size_t i = start; i < stop && origin.line == 0; ++i) {
      if (source[i] == kInserted || is_blank(text[i])) continue;
      any_kept_text = true;
      origin = origin_of(source[i]);
    }
    // A blank line keeps the origin of the blank line it was (if its bytes, newline included,
    // survived); a line made only of inserted text (rare) takes the origin of the kept byte before it.
    if (!any_kept_text) {
      bool blank = std::all_of(text.begin() + start, text.begin() + stop, is_blank);
      if (blank) {
        for (size_t i = start; i <= stop && i < text.size(); ++i)
          if (source[i] != kInserted) {
            origin = origin_of(source[i]);
            break;
          }
      } else {
        for (size_t i = start; i-- > 0;)
          if (source[i] != kInserted) {
            origin = origin_of(source[i]);
            break;
          }
      }
    }
    out.py_map.push_back(origin);
    start = stop + 1;
  }
  return out;
}

}  // namespace py2cpp::format_detail
