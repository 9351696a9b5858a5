// Module interfaces: exporting a module's functions, classes and constants, and re-interning
// their types.
#include "sema/interface.hpp"

#include <algorithm>

namespace py2cpp::sema {

namespace {

// Types whose C++ spelling an importer can write from the interface alone: built-in types and
// the classes and enums the interface carries (keys in `classes`).
bool exportable(const TypeTable& t, TypeId id, const std::map<std::string, std::string>& classes) {
  switch (t.kind(id)) {
    case TypeKind::None:
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Str: return true;
    case TypeKind::Class:
    case TypeKind::ClassRef:  // `cls` of a classmethod
    case TypeKind::Enum: return classes.count(t.get(id).name) > 0;
    case TypeKind::Exception: return true;  // built-in, or one of the module's classes
    case TypeKind::List:
    case TypeKind::Tuple:
    case TypeKind::Dict:
    case TypeKind::Set:
    case TypeKind::Optional:
    case TypeKind::Union:
    case TypeKind::Callable:
      for (TypeId a : t.get(id).args)
        if (!exportable(t, a, classes)) return false;
      return true;
    default: return false;
  }
}

bool ends_with_part(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0 &&
         s[s.size() - suffix.size() - 1] == '.';
}

// Why a signature cannot be exported, or "".
std::string unexportable_signature(const SemaResult& s, const Function& fn,
                                   const std::map<std::string, std::string>& classes) {
  if (!fn.signature_ok) return "its signature could not be translated";
  for (size_t i = 0; i < fn.num_params; ++i)
    if (!exportable(s.types, fn.vars[i].type, classes))
      return "parameter '" + fn.vars[i].name + "' has type " + s.types.python_name(fn.vars[i].type) +
             " (only built-in types and the batch's classes cross modules)";
  if (!exportable(s.types, fn.return_type, classes))
    return "it returns " + s.types.python_name(fn.return_type) + " (only built-in types and the batch's classes cross modules)";
  return "";
}

ExportedFunction export_function(const SemaResult& s, const Function& fn, const std::map<std::string, std::string>& rename,
                                 TypeTable& to) {
  ExportedFunction ef;
  ef.name = fn.owner >= 0 ? fn.method_name : fn.name;
  ef.cpp_name = fn.cpp_name;
  ef.return_type = copy_type(s.types, fn.return_type, to, &rename);
  ef.has_effects = fn.has_effects;
  ef.stub = !fn.stub_reason.empty();
  for (size_t i = 0; i < fn.num_params; ++i) {
    const Variable& v = fn.vars[i];
    ef.params.push_back({v.name, copy_type(s.types, v.type, to, &rename), v.default_value != ast::kNoNode || v.external_default,
                         v.mutated, v.rebound, v.param_kind});
  }
  return ef;
}

ExportedClass export_class(const SemaResult& s, const Class& cls, const ModuleInterface& out,
                           const std::map<std::string, std::string>& rename, TypeTable& to) {
  ExportedClass ec;
  bool local = cls.external_module.empty();
  ec.name = local ? cls.name : cls.name.substr(cls.name.rfind('.') + 1);
  ec.key = rename.at(cls.name);
  ec.cpp_name = local ? out.namespace_name + "::" + cls.cpp_name : cls.cpp_name;
  ec.module = local ? out.module : cls.external_module;
  ec.header = out.header;  // a re-exported class's header comes with this one's
  ec.reexported = !local;
  if (cls.base >= 0) ec.base = rename.at(s.classes[cls.base].name);
  ec.builtin_base = cls.builtin_base;
  ec.is_dataclass = cls.is_dataclass;
  ec.dataclass_order = cls.dataclass_order;
  ec.dataclass_eq = cls.dataclass_eq;
  ec.is_frozen = cls.is_frozen;
  ec.is_abstract = cls.is_abstract;
  ec.has_subclasses = cls.has_subclasses;
  ec.self_escapes = cls.self_escapes;
  ec.init_after_construction = cls.init_after_construction;
  ec.is_enum = cls.is_enum;
  ec.enum_str_values = cls.enum_str_values;
  ec.is_int_enum = cls.is_int_enum;
  ec.enum_members = cls.enum_members;
  ec.stub_reason = cls.stub_reason;
  for (const Field& f : cls.fields)
    ec.fields.push_back({f.name, f.cpp_name, copy_type(s.types, f.type, to, &rename), f.default_value != ast::kNoNode});
  for (const ClassAttr& a : cls.attrs)
    ec.attrs.push_back({a.name, a.cpp_name, copy_type(s.types, a.type, to, &rename), a.mutated});
  for (const auto& [key, fi] : cls.methods) {
    const Function& fn = s.functions[fi];
    ExportedMethod em;
    em.key = key;
    em.fn = export_function(s, fn, rename, to);
    em.kind = fn.method_kind;
    em.signature_ok = unexportable_signature(s, fn, rename).empty();
    em.is_virtual = fn.is_virtual;
    em.is_override = fn.is_override;
    em.is_abstract = fn.is_abstract;
    em.is_const = fn.is_const;
    ec.methods.push_back(std::move(em));
  }
  return ec;
}

}  // namespace

bool import_matches(const std::string& imported, const std::string& module) {
  return imported == module || ends_with_part(imported, module) || ends_with_part(module, imported);
}

TypeId copy_type(const TypeTable& from, TypeId t, TypeTable& to, const std::map<std::string, std::string>* rename) {
  const Type& src = from.get(t);
  Type copy{src.kind, {}, src.name};
  bool names_class = src.kind == TypeKind::Class || src.kind == TypeKind::ClassRef || src.kind == TypeKind::Enum ||
                     src.kind == TypeKind::Exception;
  if (rename && names_class)
    if (auto it = rename->find(src.name); it != rename->end()) copy.name = it->second;
  for (TypeId a : src.args) copy.args.push_back(copy_type(from, a, to, rename));
  return to.intern(copy);
}

ModuleInterface module_interface(const SemaResult& s, const std::string& dotted_name, const std::string& header) {
  ModuleInterface out;
  out.module = dotted_name;
  out.namespace_name = s.namespace_name;
  out.header = header;
  // Own classes get their key; imported ones have it already.
  std::map<std::string, std::string> rename;
  for (const Class& cls : s.classes) rename[cls.name] = cls.external_module.empty() ? dotted_name + "." + cls.name : cls.name;
  for (const Function& fn : s.functions) {
    if (fn.owner >= 0 || fn.parent >= 0 || !fn.external_module.empty()) continue;
    if (std::string why = unexportable_signature(s, fn, rename); !why.empty()) {
      out.not_exported.push_back({fn.name, why});
      continue;
    }
    out.functions.push_back(export_function(s, fn, rename, out.types));
  }
  // Own classes first (importers look them up by name), then the imported ones they may need as
  // bases or in signatures.
  for (bool own : {true, false})
    for (const Class& cls : s.classes)
      if (cls.external_module.empty() == own) out.classes.push_back(export_class(s, cls, out, rename, out.types));
  for (const Global& g : s.globals) {
    if (!g.external_module.empty()) continue;
    std::string why;
    if (g.stmt == ast::kNoNode || s.types.has_unknown(g.type) || !s.stmt_stub[g.stmt].empty())
      why = "its definition could not be translated";
    else if (!exportable(s.types, g.type, rename))
      why = "it has type " + s.types.python_name(g.type) + " (only built-in types and the batch's classes cross modules)";
    if (!why.empty()) {
      out.not_exported.push_back({g.name, why});
      continue;
    }
    out.globals.push_back({g.name, g.cpp_name, copy_type(s.types, g.type, out.types, &rename), g.is_constant});
  }
  // Names this module itself imported from the batch: importers take them from their module.
  auto imported_here = [&](const std::string& local, const std::string& from) {
    if (local.find('.') == std::string::npos)
      out.not_exported.push_back({local, "it is imported into " + dotted_name + " from " + from + "; import it from " + from});
  };
  for (const Function& fn : s.functions)
    if (fn.owner < 0 && !fn.external_module.empty()) imported_here(fn.name, fn.external_module);
  for (const auto& [local, index] : s.class_index)
    if (!s.classes[index].external_module.empty()) imported_here(local, s.classes[index].external_module);
  for (const auto& [local, index] : s.global_index)
    if (!s.globals[index].external_module.empty()) imported_here(local, s.globals[index].external_module);
  for (ast::StmtId id : s.init_stmts) {
    bool initializer = std::any_of(s.globals.begin(), s.globals.end(), [&](const Global& g) { return g.stmt == id; });
    out.runs_statements = out.runs_statements || !initializer;
  }
  return out;
}

std::vector<ExternalSubclass> subclasses_in(const ast::Module& m, const std::string& module) {
  std::map<std::string, std::string> from_names;  // local name -> the class's name in `module`
  std::vector<std::string> prefixes;              // `import module as p`: "p."
  for (ast::StmtId id : m.body) {
    const ast::StmtNode& n = m.stmt(id).node;
    if (auto* imp = std::get_if<ast::ImportFrom>(&n); imp && import_matches(imp->module, module))
      for (const ast::Alias& a : imp->names) from_names[a.asname.empty() ? a.name : a.asname] = a.name;
    if (auto* imp = std::get_if<ast::Import>(&n))
      for (const ast::Alias& a : imp->names)
        if (import_matches(a.name, module)) prefixes.push_back((a.asname.empty() ? a.name : a.asname) + ".");
  }
  std::vector<ExternalSubclass> out;
  for (ast::StmtId id : m.body) {
    auto* def = std::get_if<ast::ClassDef>(&m.stmt(id).node);
    if (!def) continue;
    for (ast::ExprId b : def->bases) {
      std::string text(m.text(m.expr(b).span)), base;
      if (auto it = from_names.find(text); it != from_names.end()) base = it->second;
      for (const std::string& p : prefixes)
        if (text.size() > p.size() && text.compare(0, p.size(), p) == 0 && text.find('.', p.size()) == std::string::npos)
          base = text.substr(p.size());
      if (base.empty()) continue;
      ExternalSubclass sub{base, {}};
      for (ast::StmtId sid : def->body)
        if (auto* f = std::get_if<ast::FunctionDef>(&m.stmt(sid).node); f && f->name != "__init__") sub.methods.push_back(f->name);
      out.push_back(std::move(sub));
    }
  }
  return out;
}

}  // namespace py2cpp::sema
