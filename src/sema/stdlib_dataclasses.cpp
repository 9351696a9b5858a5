// dataclasses.replace(obj, field=value, ...), dataclasses.asdict(obj), dataclasses.astuple(obj)
// on dataclass instances (emit/stdlib_dataclasses.cpp).
//  - replace: a new instance with the fields copied and the named ones changed (frozen ones too),
//    as CPython's replace() builds obj.__class__(**fields). CPython's copy shares the list, dict or
//    set of an unchanged field with the original; a C++ copy would not, so that is a stub. A class with subclasses is a stub (a
//    C++ copy of the static type would drop the subclass), as is one with __post_init__.
//  - asdict: dict[str, T] when every field has the one type T; astuple: the tuple of the field
//    types. CPython converts nested dataclasses recursively (and deep-copies containers): a field
//    holding an instance is a stub; containers are copied in C++ anyway.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

std::vector<const Field*> all_fields(const SemaResult& r, const Class& cls) {
  std::vector<const Field*> out;
  if (cls.base >= 0) out = all_fields(r, r.classes[cls.base]);
  for (const Field& f : cls.fields) out.push_back(&f);
  return out;
}

namespace {

bool holds_instance(const TypeTable& T, TypeId t) {
  if (T.kind(t) == TypeKind::Class) return true;
  for (TypeId a : T.get(t).args)
    if (holds_instance(T, a)) return true;
  return false;
}

}  // namespace

TypeId Analyzer::infer_dataclasses_call(const std::string& fn, const Call& c, Scope& s) {
  TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "dataclasses." + fn + "(): " + why);
    return kUnknown;
  };
  std::vector<TypeId> a;
  for (ExprId x : c.args) a.push_back(infer(x, s));
  if (fn != "replace" && fn != "asdict" && fn != "astuple") {
    for (const auto& k : c.keywords) infer(k.value, s);
    return bad("not supported (replace, asdict and astuple are)");
  }
  if (a.size() != 1) {
    for (const auto& k : c.keywords) infer(k.value, s);
    return bad("takes one dataclass instance");
  }
  if (a[0] == kUnknown) return kUnknown;
  const Class* cls = class_named(class_name_of(a[0]));
  if (!cls || !cls->is_dataclass) return bad("a " + T.python_name(a[0]) + " is not a dataclass instance");
  std::vector<const Field*> fields = all_fields(r_, *cls);
  if (fn == "replace") {
    if (cls->has_subclasses) return bad(cls->name + " has subclasses (the copy would have the static type)");
    if (cls->methods.count("__post_init__")) return bad(cls->name + " has __post_init__");
    // An unchanged container field would be shared by both instances in CPython, copied in C++.
    for (const Field* f : fields) {
      bool changed = false;
      for (const auto& k : c.keywords) changed = changed || k.name == f->name;
      TypeKind fk = T.kind(f->type);
      if (!changed && (fk == TypeKind::List || fk == TypeKind::Dict || fk == TypeKind::Set)) {
        for (const auto& k : c.keywords) infer(k.value, s);
        return bad("field '" + f->name + "' (a " + T.python_name(f->type) +
                   ") would be shared by both instances in CPython; pass a new one: " + f->name + "=list(obj." + f->name + ")");
      }
    }
    for (const auto& k : c.keywords) {
      Field* f = find_field(cls->name, k.name);
      TypeId t = infer(k.value, s, f ? f->type : kUnknown);
      if (!f) return bad(cls->name + " has no field '" + k.name + "'");
      if (t == kUnknown) return kUnknown;
      if (T.unify(f->type, t) != f->type)
        return bad("'" + k.name + "' is a " + T.python_name(f->type) + ", got a " + T.python_name(t));
    }
    return a[0];
  }
  if (!c.keywords.empty()) return bad("keyword arguments (dict_factory=, tuple_factory=) are not supported");
  if (!get_if<Name>(m_, c.args[0])) return bad("the instance must be a name (bind it to a variable first)");
  std::vector<TypeId> types;
  for (const Field* f : fields) {
    if (f->type == kUnknown) return kUnknown;
    if (holds_instance(T, f->type))
      return bad("field '" + f->name + "' holds instances (CPython converts them recursively)");
    types.push_back(f->type);
  }
  if (fn == "astuple") return T.tuple_of(types);
  for (TypeId t : types)
    if (t != types[0])
      return bad("the fields have different types (" + T.python_name(types[0]) + ", " + T.python_name(t) +
                 "): a dict[str, T] needs one; read the fields directly");
  return T.dict_of(kStr, types.empty() ? kInt : types[0]);
}

}  // namespace py2cpp::sema
