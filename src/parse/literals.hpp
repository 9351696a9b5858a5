#pragma once
// Decoding of Python literal tokens (integers, floats, string bodies), independent of tree-sitter.
#include <cstdint>
#include <string>
#include <string_view>

namespace py2cpp::parse {

enum class LitStatus {
  Ok,
  Unsupported,  // valid Python the AST does not model (imaginary numbers, \N{...}, lone surrogates)
  Error,        // a Python syntax error (message says which)
};

struct IntLiteral {
  LitStatus status = LitStatus::Ok;
  int64_t value = 0;      // when overflow: the low 64 bits of the value
  bool overflow = false;  // does not fit in int64_t
  const char* message = "";  // for Unsupported/Error
};
// `text` is the token as written: 0x1F, 0o17, 0b1_0, 1_000, 10j ...
IntLiteral parse_int_literal(std::string_view text);

struct FloatLiteral {
  LitStatus status = LitStatus::Ok;
  double value = 0;
  const char* message = "";
};
FloatLiteral parse_float_literal(std::string_view text);

// The prefix of a string token (the text before the opening quote), in any case and order.
struct StringPrefix {
  bool raw = false;
  bool bytes = false;
  bool fstring = false;
  bool valid = true;       // a prefix Python accepts (r, u, b, f, br, rb, fr, rf in any case)
  uint32_t quote_len = 1;  // 1 or 3
};
// `start` is the string_start token: e.g. `rb"`, `f'''`, `"`.
StringPrefix parse_string_prefix(std::string_view start);

struct DecodeStatus {
  LitStatus status = LitStatus::Ok;
  std::string message;
  uint32_t offset = 0;  // byte offset in the decoded segment of the offending escape
};
// Appends the value of a string body segment to `out`: resolves backslash escapes unless raw, and in
// f-string literal text (`fstring`) turns `{{`/`}}` into `{`/`}`. Stops at the first error.
DecodeStatus decode_string_body(std::string_view body, const StringPrefix& prefix, std::string& out);

// Appends the UTF-8 encoding of a code point (< 0x110000, surrogates encoded as-is).
void append_utf8(std::string& out, uint32_t cp);

}  // namespace py2cpp::parse
