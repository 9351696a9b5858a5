// C++ spellings of types and literals.
#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using sema::TypeKind;

std::string Emitter::cpp_type(sema::TypeId t) const {
  const sema::TypeTable& T = s_.types;
  const sema::Type& ty = T.get(t);
  auto arg = [&](size_t i) { return cpp_type(ty.args.at(i)); };
  switch (ty.kind) {
    case TypeKind::Int: return "int64_t";
    case TypeKind::Float: return "double";
    case TypeKind::Bool: return "bool";
    case TypeKind::Str: return "std::string";
    case TypeKind::None: return "py::NoneType";
    case TypeKind::List:
      return (ty.name == "deque" ? "py::deque<" : ty.name == "tuple" ? "py::vtuple<" : "std::vector<") + arg(0) + ">";
    case TypeKind::Optional:
      // A class handle is already nullable: `Node | None` is the same std::shared_ptr<Node>.
      if (T.kind(ty.args[0]) == TypeKind::Class) return arg(0);
      return "std::optional<" + arg(0) + ">";
    case TypeKind::Class: return "std::shared_ptr<" + class_of_type(t)->cpp_name + ">";
    case TypeKind::Set: return (ty.name == "frozenset" ? "py::frozenset<" : "py::set<") + arg(0) + ">";
    case TypeKind::Dict:
      if (ty.name == "Counter") return "py::Counter<" + arg(0) + ">";
      return (ty.name.empty() ? "py::dict<" : "py::" + ty.name + "<") + arg(0) + ", " + arg(1) + ">";
    case TypeKind::Tuple: {
      std::string s = "std::tuple<";
      for (size_t i = 0; i < ty.args.size(); ++i) s += (i ? ", " : "") + arg(i);
      return s + ">";
    }
    case TypeKind::Callable: {
      if (ty.name == "cmp_to_key") return "py::functools::CmpKey<" + arg(0) + ", " + arg(2) + ">";  // a key's values
      std::string s = "std::function<" + return_type(ty.args.back()) + "(";
      for (size_t i = 0; i + 1 < ty.args.size(); ++i) s += (i ? ", " : "") + arg(i);
      return s + ")>";
    }
    case TypeKind::Union: {
      std::string s = "std::variant<";
      for (size_t i = 0; i < ty.args.size(); ++i) s += (i ? ", " : "") + arg(i);
      return s + ">";
    }
    case TypeKind::Range: return "py::range";
    case TypeKind::Generator:
      if (ty.name == "groupby") return "py::itertools::Group<" + arg(0) + ", " + arg(1) + ">";  // runtime/py2cpp/groupby.hpp
      return "py::Generator<" + arg(0) + ">";  // a generator function's result
    case TypeKind::Enum: {
      auto it = s_.class_index.find(ty.name);  // an imported enum is qualified (`models::Color`)
      return it == s_.class_index.end() ? sema::cpp_identifier(ty.name) : s_.classes[it->second].cpp_name;
    }
    case TypeKind::Exception: return exception_type(ty.name);
    case TypeKind::TypeParam: return ty.name;  // a template parameter (sema/generics.cpp)
    case TypeKind::ExcInfo: return ty.name == "type" ? "py::ExcType" : ty.name == "exc" ? "py::ExcValue" : "py::Traceback";
    default: return "/* unknown type */ int";
  }
}

std::string Emitter::return_type(sema::TypeId t) const {
  return t == sema::kNoneType ? "void" : cpp_type(t);
}

// Scalars by value; containers and strings by const& unless the body mutates them (then by &, so
// the caller sees the change, as in Python) or rebinds the name (then by value: a local copy).
std::string Emitter::param_type(const sema::Variable& v) const {
  std::string t = cpp_type(v.type);
  TypeKind k = s_.types.kind(v.type);
  bool heavy = k == TypeKind::Str || k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set ||
               k == TypeKind::Tuple || k == TypeKind::Optional || k == TypeKind::Class || k == TypeKind::Union || k == TypeKind::Callable ||
               k == TypeKind::TypeParam;
  if (!heavy) return t;
  if (v.rebound || v.by_value) return t;
  if (v.mutated) return t + "&";
  return "const " + t + "&";
}

std::string Emitter::string_literal(std::string_view value) {
  std::string out = "\"";
  bool has_nul = false;
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '?': out += "?"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          has_nul = has_nul || c == 0;
          out += fmt::format("\\{:03o}", c);  // octal escapes stop after 3 digits, unlike \x
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  if (has_nul) return fmt::format("std::string({}, {})", out, value.size());
  return out;
}

// The shortest text that reads back as the same double, always with a '.' or an exponent.
std::string Emitter::float_literal(double value) {
  if (std::isinf(value)) return value > 0 ? "py::math::inf" : "(-py::math::inf)";
  if (std::isnan(value)) return "py::math::nan";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace py2cpp
