#include "sema/types.hpp"

#include <set>

#include "sema/sema.hpp"

#include <algorithm>

namespace py2cpp::sema {

TypeTable::TypeTable() {
  // Order must match the kXxx constants in types.hpp.
  intern({TypeKind::Unknown, {}, {}});
  intern({TypeKind::None, {}, {}});
  intern({TypeKind::Bool, {}, {}});
  intern({TypeKind::Int, {}, {}});
  intern({TypeKind::Float, {}, {}});
  intern({TypeKind::Str, {}, {}});
  intern({TypeKind::Range, {}, {}});
}

TypeId TypeTable::intern(const Type& t) {
  auto it = index_.find(t);
  if (it != index_.end()) return it->second;
  TypeId id = static_cast<TypeId>(types_.size());
  types_.push_back(t);
  index_.emplace(t, id);
  return id;
}

bool TypeTable::has_unknown(TypeId t) const {
  if (t == kUnknown) return true;
  for (TypeId a : types_[t].args)
    if (has_unknown(a)) return true;
  return false;
}

std::string TypeTable::python_name(TypeId t) const {
  const Type& ty = types_[t];
  auto args = [&] {
    std::string s;
    for (size_t i = 0; i < ty.args.size(); ++i) s += (i ? ", " : "") + python_name(ty.args[i]);
    return s;
  };
  switch (ty.kind) {
    case TypeKind::Unknown: return "<unknown>";
    case TypeKind::None: return "None";
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::Float: return "float";
    case TypeKind::Str: return "str";
    case TypeKind::List:
      if (ty.name == "tuple") return "tuple[" + args() + ", ...]";
      return (ty.name.empty() ? "list[" : ty.name + "[") + args() + "]";
    case TypeKind::Tuple: return "tuple[" + args() + "]";
    case TypeKind::Dict:
      if (ty.name == "Counter") return "Counter[" + python_name(ty.args[0]) + "]";
      return (ty.name.empty() ? "dict[" : ty.name + "[") + args() + "]";
    case TypeKind::Set: return (ty.name.empty() ? "set[" : ty.name + "[") + args() + "]";
    case TypeKind::Optional: return python_name(ty.args[0]) + " | None";
    case TypeKind::Range: return "range";
    case TypeKind::Module: return "module " + ty.name;
    case TypeKind::Function: return "function " + ty.name;
    case TypeKind::Exception: return ty.name;
    case TypeKind::Class: return ty.name;
    case TypeKind::Enum: return ty.name;
    case TypeKind::TypeParam: return ty.name;
    case TypeKind::ExcInfo:
      return ty.name == "type" ? "type[BaseException] | None" : ty.name == "exc" ? "BaseException | None" : "traceback";
    case TypeKind::ClassRef: return "type[" + ty.name + "]";
    case TypeKind::DictView: return ty.name + "[" + args() + "]";
    case TypeKind::Generator:  // a groupby group also carries its key type (args[1])
      return "Iterator[" + (ty.name == "groupby" ? python_name(ty.args[0]) : args()) + "]";
    case TypeKind::Callable: {
      std::string p;
      for (size_t i = 0; i + 1 < ty.args.size(); ++i) p += (i ? ", " : "") + python_name(ty.args[i]);
      return "Callable[[" + p + "], " + python_name(ty.args.back()) + "]";
    }
    case TypeKind::Union: {
      std::string u;
      for (size_t i = 0; i < ty.args.size(); ++i) u += (i ? " | " : "") + python_name(ty.args[i]);
      return u;
    }
  }
  return "?";
}

TypeId TypeTable::union_of(const std::vector<TypeId>& alternatives) {
  std::vector<TypeId> flat;
  for (TypeId a : alternatives) {
    const std::vector<TypeId> inner = kind(a) == TypeKind::Union ? types_[a].args : std::vector<TypeId>{a};
    for (TypeId x : inner)
      if (std::find(flat.begin(), flat.end(), x) == flat.end()) flat.push_back(x);
  }
  if (flat.size() == 1) return flat[0];
  return intern({TypeKind::Union, flat, {}});
}

bool TypeTable::derives_from(const std::string& cls, const std::string& base) const {
  for (std::string c = cls; !c.empty();) {
    if (c == base) return true;
    auto it = bases_.find(c);
    c = it == bases_.end() ? std::string() : it->second;
  }
  return false;
}

TypeId TypeTable::unify(TypeId a, TypeId b) {
  if (a == b) return a;
  if (a == kUnknown) return b;
  if (b == kUnknown) return a;
  // The numeric tower: bool < int < float.
  if (is_numeric(a) && is_numeric(b)) return (a == kFloat || b == kFloat) ? kFloat : kInt;
  const Type& ta = types_[a];
  const Type& tb = types_[b];
  if (ta.kind == TypeKind::None) return tb.kind == TypeKind::Optional ? b : optional_of(b);
  if (tb.kind == TypeKind::None) return ta.kind == TypeKind::Optional ? a : optional_of(a);
  // A value of one alternative fits its union (`return 5` from a function returning int | str).
  // Exactly that alternative: an int in a `float | str` stays an int in Python (it prints `5`),
  // and a bool in an `int | str` prints `True`.
  auto fits = [&](TypeId u, TypeId v) {
    for (TypeId alt : types_[u].args)
      if (alt == v || (has_unknown(v) && unify(alt, v) == alt)) return true;
    return false;
  };
  if (ta.kind == TypeKind::Union && tb.kind != TypeKind::Union) return fits(a, b) ? a : kUnknown;
  if (tb.kind == TypeKind::Union && ta.kind != TypeKind::Union) return fits(b, a) ? b : kUnknown;
  if (ta.kind == TypeKind::Optional && tb.kind != TypeKind::Optional) {
    TypeId inner = unify(ta.args[0], b);
    return inner == kUnknown ? kUnknown : optional_of(inner);
  }
  if (tb.kind == TypeKind::Optional && ta.kind != TypeKind::Optional) return unify(b, a);
  // Two classes meet in their nearest common base (a list holding a Circle and a Square is a list[Shape]).
  if (ta.kind == tb.kind && (ta.kind == TypeKind::Class || ta.kind == TypeKind::Exception)) {
    for (std::string base = ta.name; !base.empty();) {
      if (derives_from(tb.name, base)) return intern({ta.kind, {}, base});
      auto it = bases_.find(base);
      base = it == bases_.end() ? std::string() : it->second;
    }
    return kUnknown;
  }
  if (ta.kind != tb.kind || ta.args.size() != tb.args.size() || ta.name != tb.name) return kUnknown;
  // Same constructor: unify element-wise, but containers are invariant: only Unknown may be refined.
  Type out = ta;
  for (size_t i = 0; i < ta.args.size(); ++i) {
    TypeId x = ta.args[i], y = tb.args[i];
    if (x == y) continue;
    if (has_unknown(x) || has_unknown(y)) {
      TypeId u = unify(x, y);
      if (u == kUnknown) return kUnknown;
      out.args[i] = u;
    } else {
      return kUnknown;
    }
  }
  return intern(out);
}

const std::set<std::string>& mutating_methods() {
  static const std::set<std::string> names = {
      "append", "pop",     "insert",     "extend",    "remove",     "clear",      "sort",
      "reverse", "add",    "discard",    "update",    "popitem",    "setdefault", "intersection_update",
      "difference_update", "symmetric_difference_update", "appendleft", "popleft",  "extendleft", "rotate"};
  return names;
}

}  // namespace py2cpp::sema
