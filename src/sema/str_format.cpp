// Typing of string formatting other than f-strings: `"...".format(...)`, `"..." % args` and
// format(x, spec). The format string must be a literal: it is split at translation time
// (format_strings.cpp), so a wrong argument count or a type Python would reject becomes a
// stub giving Python's error instead of output that differs.
#include "sema/analyzer.hpp"
#include "sema/format_strings.hpp"

namespace py2cpp::sema {

using namespace ast;

// A value formatted by a field: the checks f-strings make (fstring parts and str.format fields).
void Analyzer::check_format_field(TypeId t, char conversion, bool has_spec, Scope& s) {
  if (t == kNoneType || t == kUnknown) return;
  // `f"{s!r}"`, `f"{[s]}"` with a __str__-only class: Python shows an object address.
  if ((conversion == 'r' || (conversion == 0 && r_.types.kind(t) != TypeKind::Class)) && repr_shows_address(t))
    unsupported(s, StubKind::StringFormatting, "the repr of a " + r_.types.python_name(t) + " shows an object address (its class defines "
                   "__str__ but not __repr__); define __repr__ in the class");
  if (r_.types.kind(t) == TypeKind::ExcInfo && r_.types.get(t).name != "exc")
    unsupported(s, StubKind::StringFormatting, "formatting __exit__'s " + r_.types.python_name(t) + " parameter (use exc_type.__name__)");
  if (t != kInt && t != kFloat && t != kBool && t != kStr && conversion == 0 &&
      r_.types.kind(t) != TypeKind::Enum &&  // an Enum member formats its str()
      has_spec)
    unsupported(s, StubKind::StringFormatting, "format spec on a " + r_.types.python_name(t));
}

// A constant spec that Python rejects for the value's type (`{x:d}` of a float) raises
// ValueError there: a stub that says so rather than a program that raises.
void Analyzer::check_constant_spec(TypeId t, char conversion, const std::vector<FStringPart>& spec, Scope& s) {
  std::string text;
  for (const auto& p : spec) {
    if (p.expr != kNoNode) return;  // computed at run time
    text += p.literal;
  }
  if (conversion != 0) t = kStr;  // !r / !s format the resulting str
  const char* name = t == kInt ? "int" : t == kBool ? "bool" : t == kFloat ? "float" : t == kStr ? "str" : nullptr;
  if (!name) return;
  if (std::string why = format_spec_error(text, name); !why.empty())
    unsupported(s, StubKind::RaisesInPython, "formatting a " + std::string(name) + " with '" + text + "' raises ValueError: " + why);
}

void Analyzer::check_format_parts(const std::vector<FStringPart>& parts, Scope& s) {
  for (const auto& p : parts) {
    if (p.expr != kNoNode) {
      check_format_field(r_.expr_type[p.expr], p.conversion, !p.format_spec.empty(), s);
      check_constant_spec(r_.expr_type[p.expr], p.conversion, p.format_spec, s);
    }
    check_format_parts(p.format_spec, s);
  }
}

// `"{} {:>8.2f}".format(a, b)`; the positional argument types are already inferred.
TypeId Analyzer::infer_str_format(ExprId obj, const Call& c, Scope& s) {
  auto* text = get_if<StrLit>(m_, obj);
  if (!text || text->is_bytes) {
    unsupported(s, StubKind::StringFormatting, "str.format() needs a literal format string (it is split at translation time); use an f-string");
    return kUnknown;
  }
  StrFormatArgs args;
  for (ExprId a : c.args) {
    if (get_if<Starred>(m_, a)) {
      unsupported(s, StubKind::StringFormatting, "str.format(*args) is not supported; pass the arguments one by one");
      return kUnknown;
    }
    args.positional.push_back(a);
  }
  for (const auto& k : c.keywords) {
    if (infer(k.value, s) == kUnknown) return kUnknown;
    args.keywords.emplace_back(k.name, k.value);
  }
  auto parsed = parse_str_format(text->value, args);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    unsupported(s, StubKind::StringFormatting, "str.format(): " + *why);
    return kUnknown;
  }
  check_format_parts(std::get<std::vector<FStringPart>>(parsed), s);
  return kStr;
}

// The type check of one printf-style conversion: Python's TypeError where the type is wrong.
void Analyzer::check_percent_field(char type, TypeId t, Scope& s) {
  if (type == 's' || type == 'r') {
    check_format_field(t, type, false, s);
    return;
  }
  const std::string name = r_.types.python_name(t);
  const std::string code = std::string("%") + type;
  if (r_.types.kind(t) == TypeKind::Enum) {
    unsupported(s, StubKind::StringFormatting, "'" + code + "' of an enum member is not supported; format its .value");
    return;
  }
  bool integer = t == kInt || t == kBool, real = integer || t == kFloat;
  std::string error;
  if (type == 'd' || type == 'i' || type == 'u') {
    if (!real) error = code + " format: a real number is required, not " + name;
  } else if (type == 'x' || type == 'X' || type == 'o') {
    if (!integer) error = code + " format: an integer is required, not " + name;
  } else if (type == 'c') {
    if (!integer && t != kStr) error = "%c requires int or char";
  } else if (!real) {
    error = "must be real number, not " + name;
  }
  if (!error.empty()) unsupported(s, StubKind::RaisesInPython, "printf-style formatting raises TypeError: " + error);
}

// `"%s: %.2f" % (name, x)`: a literal on the left, a tuple literal or one value on the right.
TypeId Analyzer::infer_percent_format(const BinOp& b, Scope& s) {
  if (std::get<StrLit>(m_.expr(b.left).node).is_bytes) {
    unsupported(s, StubKind::Bytes, "bytes formatting with '%' is not supported");
    return kUnknown;
  }
  infer(b.left, s);
  TypeId r = infer(b.right, s);
  if (r == kUnknown) return kUnknown;
  if (!get_if<TupleLit>(m_, b.right) && r_.types.kind(r) == TypeKind::Tuple) {
    unsupported(s, StubKind::StringFormatting, "printf-style formatting with a tuple variable on the right; write the tuple (a, b) in place");
    return kUnknown;
  }
  if (r_.types.kind(r) == TypeKind::Dict) {
    unsupported(s, StubKind::StringFormatting, "printf-style formatting with a dict on the right is not supported; use an f-string");
    return kUnknown;
  }
  std::vector<ExprId> args = percent_args(m_, b.right);
  auto parsed = parse_percent_format(std::get<StrLit>(m_.expr(b.left).node).value, args);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    unsupported(s, StubKind::StringFormatting, "printf-style formatting: " + *why);
    return kUnknown;
  }
  for (const PercentField& f : std::get<std::vector<PercentField>>(parsed))
    if (f.arg != kNoNode) check_percent_field(f.type, r_.expr_type[f.arg], s);
  return kStr;
}

// format(x) / format(x, spec); the spec may be any str.
TypeId Analyzer::infer_format_builtin(const Call& c, const std::vector<TypeId>& a, Scope& s) {
  if (a.empty() || a.size() > 2 || !c.keywords.empty()) {
    unsupported(s, StubKind::CallArguments, "format(): takes a value and an optional format spec");
    return kUnknown;
  }
  if (a.size() == 2 && a[1] != kStr) {
    unsupported(s, StubKind::TypeMismatch, "format(): the format spec must be a str, not " + r_.types.python_name(a[1]));
    return kUnknown;
  }
  auto* spec = a.size() == 2 ? get_if<StrLit>(m_, c.args[1]) : nullptr;
  bool has_spec = a.size() == 2 && !(spec && spec->value.empty());
  check_format_field(a[0], 0, has_spec, s);
  if (spec) {
    FStringPart literal;
    literal.literal = spec->value;
    check_constant_spec(a[0], 0, {literal}, s);
  }
  return kStr;
}

}  // namespace py2cpp::sema
