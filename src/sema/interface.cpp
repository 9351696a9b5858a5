// Module interfaces: exporting a module's function signatures, and re-interning their types.
#include "sema/interface.hpp"

#include "sema/sema.hpp"

namespace py2cpp::sema {

namespace {

bool exportable(const TypeTable& t, TypeId id) {
  switch (t.kind(id)) {
    case TypeKind::None:
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str: return true;
    case TypeKind::List:
    case TypeKind::Tuple:
    case TypeKind::Dict:
    case TypeKind::Set:
    case TypeKind::Optional:
      for (TypeId a : t.get(id).args)
        if (!exportable(t, a)) return false;
      return true;
    default: return false;
  }
}

bool ends_with_part(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0 &&
         s[s.size() - suffix.size() - 1] == '.';
}

}  // namespace

bool import_matches(const std::string& imported, const std::string& module) {
  return imported == module || ends_with_part(imported, module) || ends_with_part(module, imported);
}

TypeId copy_type(const TypeTable& from, TypeId t, TypeTable& to) {
  const Type& src = from.get(t);
  Type copy{src.kind, {}, src.name};
  for (TypeId a : src.args) copy.args.push_back(copy_type(from, a, to));
  return to.intern(copy);
}

ModuleInterface module_interface(const SemaResult& s, const std::string& dotted_name, const std::string& header) {
  ModuleInterface out;
  out.module = dotted_name;
  out.namespace_name = s.namespace_name;
  out.header = header;
  for (const Function& fn : s.functions) {
    if (fn.owner >= 0 || fn.parent >= 0 || !fn.external_module.empty()) continue;
    std::string why;
    if (!fn.signature_ok) why = "its signature could not be translated";
    for (size_t i = 0; i < fn.num_params && why.empty(); ++i)
      if (!exportable(s.types, fn.vars[i].type))
        why = "parameter '" + fn.vars[i].name + "' has type " + s.types.python_name(fn.vars[i].type) +
              " (only built-in types cross modules yet)";
    if (why.empty() && !exportable(s.types, fn.return_type))
      why = "it returns " + s.types.python_name(fn.return_type) + " (only built-in types cross modules yet)";
    if (!why.empty()) {
      out.not_exported.push_back({fn.name, why});
      continue;
    }
    ExportedFunction ef;
    ef.name = fn.name;
    ef.cpp_name = fn.cpp_name;
    ef.return_type = copy_type(s.types, fn.return_type, out.types);
    ef.has_effects = fn.has_effects;
    ef.stub = !fn.stub_reason.empty();
    for (size_t i = 0; i < fn.num_params; ++i) {
      const Variable& v = fn.vars[i];
      ef.params.push_back({v.name, copy_type(s.types, v.type, out.types), v.default_value != ast::kNoNode, v.mutated,
                           v.rebound, v.param_kind});
    }
    out.functions.push_back(std::move(ef));
  }
  for (const Class& cls : s.classes) out.not_exported.push_back({cls.name, "classes are not imported across modules yet"});
  for (const Global& g : s.globals) out.not_exported.push_back({g.name, "module constants are not imported across modules yet"});
  return out;
}

}  // namespace py2cpp::sema
