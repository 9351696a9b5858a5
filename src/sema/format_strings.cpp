// Splitting literal format strings, following CPython's MarkupIterator (Objects/stringlib/
// unicode_format.h) for str.format and unicode_format_arg_parse (Objects/unicodeobject.c) for
// '%'. Error texts are Python's own, so a stub says what Python would raise.
#include "sema/format_strings.hpp"

#include <cctype>
#include <cstdio>

namespace py2cpp::sema {

using namespace ast;

namespace {

// One str.format parse: the automatic numbering state is shared by nested specs.
struct MarkupParser {
  const StrFormatArgs& args;
  enum { Init, Auto, Manual } numbering = Init;
  size_t next_auto = 0;
  std::string error;

  bool fail(std::string why) {
    if (error.empty()) error = std::move(why);
    return false;
  }

  // The argument a field name refers to, or kNoNode with the error set.
  ExprId argument(const std::string& name) {
    if (name.find_first_of(".[") != std::string::npos) {
      fail("format field '{" + name + "}' reads an attribute or an item; format the value in an f-string instead");
      return kNoNode;
    }
    if (name.empty()) {
      if (numbering == Manual) {
        fail("cannot switch from manual field specification to automatic field numbering");
        return kNoNode;
      }
      numbering = Auto;
      return positional(next_auto++);
    }
    if (std::isdigit(static_cast<unsigned char>(name[0]))) {
      if (numbering == Auto) {
        fail("cannot switch from automatic field numbering to manual field specification");
        return kNoNode;
      }
      numbering = Manual;
      if (name.size() > 9 || name.find_first_not_of("0123456789") != std::string::npos) {
        fail("format field '{" + name + "}' is not an argument index");
        return kNoNode;
      }
      return positional(std::stoul(name));
    }
    for (const auto& [key, value] : args.keywords)
      if (key == name) return value;
    fail("KeyError: '" + name + "' (no keyword argument of that name)");
    return kNoNode;
  }

  ExprId positional(size_t i) {
    if (i < args.positional.size()) return args.positional[i];
    fail("IndexError: Replacement index " + std::to_string(i) + " out of range for positional args tuple");
    return kNoNode;
  }

  static void add_literal(std::vector<FStringPart>& out, std::string text) {
    if (text.empty()) return;
    if (!out.empty() && out.back().expr == kNoNode) {
      out.back().literal += text;
      return;
    }
    FStringPart p;
    p.literal = std::move(text);
    out.push_back(std::move(p));
  }

  // Parses text into out; depth 2 allows one level of fields nested in a spec, as CPython does.
  bool parse(std::string_view text, int depth, std::vector<FStringPart>& out) {
    if (depth <= 0) return fail("Max string recursion exceeded");
    std::string literal;
    size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c != '{' && c != '}') {
        literal += c;
        ++i;
        continue;
      }
      if (i + 1 < text.size() && text[i + 1] == c) {  // {{ or }}
        literal += c;
        i += 2;
        continue;
      }
      if (c == '}') return fail("Single '}' encountered in format string");
      // A field: up to the matching '}' (nested braces belong to the spec).
      size_t start = ++i;
      int level = 1;
      for (; i < text.size(); ++i) {
        if (text[i] == '{') ++level;
        if (text[i] == '}' && --level == 0) break;
      }
      if (i >= text.size()) {
        return fail(start == text.size() ? "Single '{' encountered in format string"
                                         : "expected '}' before end of string");
      }
      std::string_view field = text.substr(start, i - start);
      ++i;
      add_literal(out, std::move(literal));
      literal.clear();
      if (!parse_field(field, depth, out)) return false;
    }
    add_literal(out, std::move(literal));
    return true;
  }

  bool parse_field(std::string_view field, int depth, std::vector<FStringPart>& out) {
    size_t name_end = 0;
    int brackets = 0;
    for (; name_end < field.size(); ++name_end) {
      char c = field[name_end];
      if (c == '[') ++brackets;
      if (c == ']') --brackets;
      if (brackets == 0 && (c == ':' || c == '!')) break;
    }
    FStringPart part;
    part.expr = argument(std::string(field.substr(0, name_end)));
    if (part.expr == kNoNode) return false;
    size_t pos = name_end;
    if (pos < field.size() && field[pos] == '!') {
      if (pos + 1 >= field.size()) return fail("end of string while looking for conversion specifier");
      part.conversion = field[pos + 1];
      pos += 2;
      if (pos < field.size() && field[pos] != ':') return fail("expected ':' after conversion specifier");
      if (part.conversion != 'r' && part.conversion != 's' && part.conversion != 'a')
        return fail(std::string("Unknown conversion specifier ") + part.conversion);
      if (part.conversion == 'a') return fail("the !a conversion (ascii()) is not supported; use !r");
    }
    if (pos < field.size() && field[pos] == ':' && !parse(field.substr(pos + 1), depth - 1, part.format_spec))
      return false;
    out.push_back(std::move(part));
    return true;
  }
};

}  // namespace

std::variant<std::vector<FStringPart>, std::string> parse_str_format(std::string_view text,
                                                                     const StrFormatArgs& args) {
  MarkupParser p{args};
  std::vector<FStringPart> parts;
  if (!p.parse(text, 2, parts)) return p.error;
  return parts;
}

std::variant<std::vector<PercentField>, std::string> parse_percent_format(std::string_view text,
                                                                          const std::vector<ExprId>& args) {
  std::vector<PercentField> out;
  size_t next = 0;
  std::string literal;
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '%') {
      literal += text[i++];
      continue;
    }
    size_t start = ++i;
    if (i < text.size() && text[i] == '%') {
      literal += '%';
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == '(')
      return std::string("a mapping key '%(...)' needs a dict operand, which is not supported; use an f-string");
    while (i < text.size() && std::string_view("-+ #0").find(text[i]) != std::string_view::npos) ++i;
    auto digits = [&] {
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    };
    if (i < text.size() && text[i] == '*') return std::string("a '*' width is not supported; use an f-string");
    digits();
    if (i < text.size() && text[i] == '.') {
      ++i;
      if (i < text.size() && text[i] == '*') return std::string("a '*' precision is not supported; use an f-string");
      digits();
    }
    while (i < text.size() && (text[i] == 'h' || text[i] == 'l' || text[i] == 'L')) ++i;
    if (i >= text.size()) return std::string("ValueError: incomplete format");
    char type = text[i];
    if (type == '%') return std::string("'%' with flags or a width is not supported; write '%%'");
    if (type == 'a') return std::string("the %a conversion (ascii()) is not supported; use %r");
    if (std::string_view("srcdiuoxXeEfFgG").find(type) == std::string_view::npos) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "ValueError: unsupported format character '%c' (0x%x) at index %zu", type,
                    static_cast<unsigned>(static_cast<unsigned char>(type)), i);
      return std::string(buf);
    }
    if (next >= args.size()) return std::string("TypeError: not enough arguments for format string");
    if (!literal.empty()) out.push_back({std::move(literal), kNoNode, "", 0});
    literal.clear();
    out.push_back({"", args[next++], std::string(text.substr(start, i + 1 - start)), type});
    ++i;
  }
  if (next < args.size()) return std::string("TypeError: not all arguments converted during string formatting");
  if (!literal.empty()) out.push_back({std::move(literal), kNoNode, "", 0});
  return out;
}

// CPython's parse_internal_render_format_spec and the checks of format_long_internal,
// format_float_internal and format_string_internal, as far as they depend on the spec alone.
std::string format_spec_error(std::string_view spec, const std::string& type_name) {
  if (spec.empty()) return "";
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  auto c = static_cast<unsigned char>(spec[0]);
  size_t fill_len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;  // the fill is one code point
  size_t pos = 0;
  char align = 0, sign = 0, grouping = 0, type = 0;
  bool no_neg_0 = false, alternate = false, precision = false;
  if (spec.size() > fill_len && is_align(spec[fill_len])) {
    align = spec[fill_len];
    pos = fill_len + 1;
  } else if (is_align(spec[0])) {
    align = spec[pos++];
  }
  auto at = [&](char x) { return pos < spec.size() && spec[pos] == x; };
  if (at('+') || at('-') || at(' ')) sign = spec[pos++];
  if (at('z')) no_neg_0 = ++pos;
  if (at('#')) alternate = ++pos;
  while (pos < spec.size() && std::isdigit(static_cast<unsigned char>(spec[pos]))) ++pos;
  if (at(',')) grouping = spec[pos++];
  if (at('_')) {
    if (grouping) return "Cannot specify both ',' and '_'.";
    grouping = spec[pos++];
  }
  if (at(',')) return "Cannot specify both ',' and '_'.";
  if (at('.')) {
    size_t start = ++pos;
    while (pos < spec.size() && std::isdigit(static_cast<unsigned char>(spec[pos]))) ++pos;
    if (pos == start) return "Format specifier missing precision";
    precision = true;
  }
  if (spec.size() - pos > 1)
    return "Invalid format specifier '" + std::string(spec) + "' for object of type '" + type_name + "'";
  if (pos < spec.size()) type = spec[pos];
  std::string code = type ? std::string(1, type) : std::string();
  if (grouping) {
    bool ok = std::string_view("deEfFgG%").find(type) != std::string_view::npos || type == 0 ||
              (grouping == '_' && std::string_view("boxX").find(type) != std::string_view::npos);
    if (!ok) return std::string("Cannot specify '") + grouping + "' with '" + code + "'.";
  }
  auto unknown = [&] { return "Unknown format code '" + code + "' for object of type '" + type_name + "'"; };
  bool float_type = type != 0 && std::string_view("eEfFgG%").find(type) != std::string_view::npos;
  if (type_name == "int" || type_name == "bool") {
    if (float_type) return "";
    if (type != 0 && std::string_view("bcdoxXn").find(type) == std::string_view::npos) return unknown();
    if (precision) return "Precision not allowed in integer format specifier";
    if (no_neg_0) return "Negative zero coercion (z) not allowed in integer format specifier";
    if (type == 'c' && sign) return "Sign not allowed with integer format specifier 'c'";
    if (type == 'c' && alternate) return "Alternate form (#) not allowed with integer format specifier 'c'";
    return "";
  }
  if (type_name == "float") return float_type || type == 0 || type == 'n' ? "" : unknown();
  if (type != 0 && type != 's') return unknown();
  if (sign == ' ') return "Space not allowed in string format specifier";
  if (sign) return "Sign not allowed in string format specifier";
  if (no_neg_0) return "Negative zero coercion (z) not allowed in string format specifier";
  if (alternate) return "Alternate form (#) not allowed in string format specifier";
  if (align == '=') return "'=' alignment not allowed in string format specifier";
  return "";
}

std::vector<ExprId> percent_args(const Module& m, ExprId right) {
  if (auto* t = get_if<TupleLit>(m, right)) return t->elts;
  return {right};
}

}  // namespace py2cpp::sema
