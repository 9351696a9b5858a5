#include "parse/literals.hpp"

#include <charconv>

namespace py2cpp::parse {

namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

bool is_hex(char c) { return digit_value(c) < 16; }

}  // namespace

IntLiteral parse_int_literal(std::string_view text) {
  IntLiteral r;
  if (text.empty()) {
    r.status = LitStatus::Error;
    r.message = "invalid integer literal";
    return r;
  }
  char last = text.back();
  if (last == 'j' || last == 'J') {
    r.status = LitStatus::Unsupported;
    r.message = "imaginary literal";
    return r;
  }
  if (last == 'l' || last == 'L') {
    r.status = LitStatus::Error;
    r.message = "invalid decimal literal (Python 2 long suffix)";
    return r;
  }
  unsigned base = 10;
  size_t i = 0;
  if (text.size() >= 2 && text[0] == '0') {
    char p = text[1];
    if (p == 'x' || p == 'X') base = 16, i = 2;
    else if (p == 'o' || p == 'O') base = 8, i = 2;
    else if (p == 'b' || p == 'B') base = 2, i = 2;
  }
  uint64_t value = 0;
  bool overflow = false;
  bool any_digit = false;
  bool nonzero_seen = false;
  bool leading_zero = base == 10 && text[0] == '0';
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') continue;
    unsigned d = static_cast<unsigned>(digit_value(c));
    if (d >= base) {
      r.status = LitStatus::Error;
      r.message = base == 10 ? "invalid decimal literal" : base == 16 ? "invalid hexadecimal literal"
                              : base == 8                 ? "invalid digit in octal literal"
                                                          : "invalid digit in binary literal";
      return r;
    }
    any_digit = true;
    if (d != 0) nonzero_seen = true;
    uint64_t next;
    if (__builtin_mul_overflow(value, static_cast<uint64_t>(base), &next) ||
        __builtin_add_overflow(next, static_cast<uint64_t>(d), &next)) {
      overflow = true;
      next = value * base + d;  // keep the low 64 bits
    }
    value = next;
  }
  if (!any_digit) {
    r.status = LitStatus::Error;
    r.message = "invalid integer literal";
    return r;
  }
  if (leading_zero && nonzero_seen) {
    r.status = LitStatus::Error;
    r.message = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
    return r;
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) overflow = true;
  r.value = static_cast<int64_t>(value);
  r.overflow = overflow;
  return r;
}

FloatLiteral parse_float_literal(std::string_view text) {
  FloatLiteral r;
  if (!text.empty() && (text.back() == 'j' || text.back() == 'J')) {
    r.status = LitStatus::Unsupported;
    r.message = "imaginary literal";
    return r;
  }
  char buf[128];
  std::string big;
  char* out = buf;
  if (text.size() >= sizeof buf) {
    big.resize(text.size());
    out = big.data();
  }
  size_t n = 0;
  for (char c : text)
    if (c != '_') out[n++] = c;
  double v = 0;
  auto res = std::from_chars(out, out + n, v, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) {
    // Python gives inf for huge literals and 0.0 for tiny ones.
    bool tiny = false;
    for (size_t k = 0; k < n; ++k)
      if (out[k] == 'e' || out[k] == 'E') tiny = k + 1 < n && out[k + 1] == '-';
    r.value = tiny ? 0.0 : __builtin_huge_val();
    return r;
  }
  if (res.ec != std::errc() || res.ptr != out + n) {
    r.status = LitStatus::Error;
    r.message = "invalid float literal";
    return r;
  }
  r.value = v;
  return r;
}

StringPrefix parse_string_prefix(std::string_view start) {
  StringPrefix p;
  size_t q = 0;
  while (q < start.size() && start[q] != '"' && start[q] != '\'') ++q;
  int u = 0;
  for (size_t i = 0; i < q; ++i) {
    switch (start[i]) {
      case 'r': case 'R': p.valid &= !p.raw; p.raw = true; break;
      case 'b': case 'B': p.valid &= !p.bytes; p.bytes = true; break;
      case 'f': case 'F': p.valid &= !p.fstring; p.fstring = true; break;
      case 'u': case 'U': ++u; break;
      default: p.valid = false; break;
    }
  }
  if (u > 0 && (u > 1 || q > 1)) p.valid = false;
  if (p.bytes && p.fstring) p.valid = false;
  p.quote_len = start.size() - q >= 3 ? 3 : 1;
  return p;
}

void append_utf8(std::string& out, uint32_t cp) {
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

DecodeStatus decode_string_body(std::string_view s, const StringPrefix& prefix, std::string& out) {
  DecodeStatus st;
  auto fail = [&](LitStatus status, size_t at, std::string msg) {
    st.status = status;
    st.offset = static_cast<uint32_t>(at);
    st.message = std::move(msg);
    return st;
  };
  out.reserve(out.size() + s.size());
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Copy the run of ordinary characters in one go.
    size_t j = i;
    while (j < n && s[j] != '\\' && s[j] != '{' && s[j] != '}' && !(prefix.bytes && (s[j] & 0x80))) ++j;
    out.append(s.data() + i, j - i);
    i = j;
    if (i >= n) break;
    char c = s[i];
    if (c & 0x80) return fail(LitStatus::Error, i, "bytes can only contain ASCII literal characters");
    if (c == '{' || c == '}') {
      out += c;
      // f-string literal text holds braces only doubled; skip the second one.
      i += (prefix.fstring && i + 1 < n && s[i + 1] == c) ? 2 : 1;
      continue;
    }
    // Backslash.
    if (prefix.raw || i + 1 >= n) {
      out += '\\';
      ++i;
      continue;
    }
    char e = s[i + 1];
    size_t start = i;
    i += 2;
    switch (e) {
      case '\n': break;  // line continuation inside the literal
      case '\r':
        if (i < n && s[i] == '\n') ++i;
        break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; ++k, ++i) v = v * 8 + (s[i] - '0');
        if (prefix.bytes) out += static_cast<char>(v & 0xFF);
        else append_utf8(out, v);
        break;
      }
      case 'x': {
        if (i + 2 > n || !is_hex(s[i]) || !is_hex(s[i + 1]))
          return fail(LitStatus::Error, start, "truncated \\xXX escape");
        uint32_t v = static_cast<uint32_t>(digit_value(s[i]) * 16 + digit_value(s[i + 1]));
        i += 2;
        if (prefix.bytes) out += static_cast<char>(v);
        else append_utf8(out, v);
        break;
      }
      case 'u':
      case 'U': {
        if (prefix.bytes) {  // not an escape in bytes
          out += '\\';
          out += e;
          break;
        }
        size_t len = e == 'u' ? 4 : 8;
        uint32_t v = 0;
        for (size_t k = 0; k < len; ++k) {
          if (i + k >= n || !is_hex(s[i + k]))
            return fail(LitStatus::Error, start,
                        e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
          v = v * 16 + static_cast<uint32_t>(digit_value(s[i + k]));
        }
        i += len;
        if (v > 0x10FFFF) return fail(LitStatus::Error, start, "illegal Unicode character");
        if (v >= 0xD800 && v <= 0xDFFF)
          return fail(LitStatus::Unsupported, start, "string with a lone surrogate escape");
        append_utf8(out, v);
        break;
      }
      case 'N': {
        if (prefix.bytes) {
          out += "\\N";
          break;
        }
        if (i >= n || s[i] != '{') return fail(LitStatus::Error, start, "malformed \\N character escape");
        return fail(LitStatus::Unsupported, start, "\\N{...} escape in string");
      }
      default:
        // Unknown escapes keep the backslash (Python warns but accepts).
        out += '\\';
        i -= 1;
        break;
    }
  }
  return st;
}

}  // namespace py2cpp::parse
