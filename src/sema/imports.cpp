// Imports of modules translated in the same batch: `import m`, `import pkg.sub as s`,
// `from m import f, Point as P, LIMIT`. What the interface exports becomes entries of this
// module's tables, marked external_module, so uses are typed and resolved like local ones:
// functions are signature-only `Function`s (`m::f(...)`), classes are `Class`es named by their key
// ("m.Point", cpp_name `m::Point`) with signature-only methods, constants are `Global`s
// (`m::LIMIT`, the one inline variable of m's header). The local names (`P`, `m.Point`) map to
// them. Anything the interface does not export stubs the import statement with the reason.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

const ModuleInterface* Analyzer::find_interface(const std::string& name) const {
  if (!imports_) return nullptr;
  for (const ModuleInterface& mi : *imports_)
    if (import_matches(name, mi.module)) return &mi;
  return nullptr;
}

// The module's header, and every class its interface carries under its key: its signatures and
// constants may name any of them (`DEPOT: Vec` of a module that imported Vec itself).
void Analyzer::add_include(StmtId id, const ModuleInterface& mi) {
  if (std::find(r_.module_includes.begin(), r_.module_includes.end(), mi.header) == r_.module_includes.end())
    r_.module_includes.push_back(mi.header);
  for (const ExportedClass& ec : mi.classes) import_class(id, mi, ec);
}

// A Function with the exported signature: no body, typed parameters, qualified or member name.
Function Analyzer::external_signature(StmtId id, const ModuleInterface& mi, const ExportedFunction& ef,
                                      const std::string& name) {
  Function fn;
  fn.name = name;
  fn.cpp_name = ef.cpp_name;
  fn.stmt = id;
  fn.body = &kEmptyBody;
  fn.synthesized = true;
  fn.external_module = mi.module;
  fn.return_type = copy_type(mi.types, ef.return_type, r_.types);
  fn.return_annotated = true;
  fn.return_reason = "imported from " + mi.module;
  fn.has_effects = ef.has_effects;
  for (const ExportedParam& p : ef.params) {
    Variable v;
    v.name = p.name;
    v.cpp_name = p.name == "self" ? "self" : cpp_identifier(p.name);
    v.type = copy_type(mi.types, p.type, r_.types);
    v.reason = "parameter of " + mi.module + "." + name;
    v.placement = DeclPlacement::Parameter;
    v.annotated = true;
    v.mutated = p.mutated;
    v.rebound = p.rebound;
    v.param_kind = p.kind;
    v.external_default = p.has_default;
    fn.var_index[p.name] = static_cast<uint32_t>(fn.vars.size());
    fn.vars.push_back(std::move(v));
  }
  fn.num_params = fn.vars.size();
  return fn;
}

uint32_t Analyzer::add_external_function(StmtId id, const ModuleInterface& mi, const ExportedFunction& ef,
                                         const std::string& local_name) {
  Function fn = external_signature(id, mi, ef, local_name);
  fn.cpp_name = mi.namespace_name + "::" + ef.cpp_name;
  auto index = static_cast<uint32_t>(r_.functions.size());
  r_.functions.push_back(std::move(fn));
  add_include(id, mi);
  return index;
}

// The class (and first its bases) as a Class of this module, once per key.
uint32_t Analyzer::import_class(StmtId id, const ModuleInterface& mi, const ExportedClass& ec) {
  if (auto it = r_.class_index.find(ec.key); it != r_.class_index.end()) return it->second;
  Class cls;
  cls.name = ec.key;
  cls.cpp_name = ec.cpp_name;
  cls.stmt = id;
  cls.external_module = ec.module;
  if (!ec.base.empty()) {
    auto b = std::find_if(mi.classes.begin(), mi.classes.end(), [&](const ExportedClass& c) { return c.key == ec.base; });
    if (b != mi.classes.end()) cls.base = static_cast<int32_t>(import_class(id, mi, *b));
  }
  cls.builtin_base = ec.builtin_base;
  cls.is_dataclass = ec.is_dataclass;
  cls.dataclass_order = ec.dataclass_order;
  cls.dataclass_eq = ec.dataclass_eq;
  cls.is_frozen = ec.is_frozen;
  cls.is_abstract = ec.is_abstract;
  cls.has_subclasses = ec.has_subclasses;
  cls.self_escapes = ec.self_escapes;
  cls.init_after_construction = ec.init_after_construction;
  cls.is_enum = ec.is_enum;
  cls.enum_str_values = ec.enum_str_values;
  cls.is_int_enum = ec.is_int_enum;
  cls.enum_members = ec.enum_members;
  cls.stub_reason = ec.stub_reason;
  for (const ExportedField& f : ec.fields) {
    Field field;
    field.name = f.name;
    field.cpp_name = f.cpp_name;
    field.type = copy_type(mi.types, f.type, r_.types);
    field.reason = "field of " + ec.key;
    field.annotated = true;
    cls.fields.push_back(std::move(field));
  }
  for (const ExportedClassAttr& a : ec.attrs)
    cls.attrs.push_back({a.name, a.cpp_name, copy_type(mi.types, a.type, r_.types), kNoNode, kNoNode, a.mutated});
  auto index = static_cast<uint32_t>(r_.classes.size());
  r_.class_index[ec.key] = index;
  if (cls.base >= 0)
    r_.types.set_base(ec.key, r_.classes[cls.base].name);
  else if (cls.is_exception())
    r_.types.set_base(ec.key, cls.builtin_base);
  r_.classes.push_back(std::move(cls));
  for (const ExportedMethod& em : ec.methods) {
    Function fn = external_signature(id, mi, em.fn, ec.key + "." + em.key);
    fn.external_module = ec.module;
    fn.owner = static_cast<int32_t>(index);
    fn.method_kind = em.kind;
    fn.method_name = em.fn.name;
    fn.signature_ok = em.signature_ok;
    fn.is_virtual = em.is_virtual;
    fn.is_override = em.is_override;
    fn.is_abstract = em.is_abstract;
    fn.is_const = em.is_const;
    if (!fn.signature_ok) unavailable_functions_.insert(fn.name);
    r_.classes[index].methods[em.key] = static_cast<uint32_t>(r_.functions.size());
    r_.functions.push_back(std::move(fn));
  }
  return index;
}

uint32_t Analyzer::import_global(const ModuleInterface& mi, const ExportedGlobal& eg, const std::string& local) {
  if (auto it = r_.global_index.find(local); it != r_.global_index.end()) return it->second;
  Global g;
  g.name = local;
  g.cpp_name = mi.namespace_name + "::" + eg.cpp_name;
  g.type = copy_type(mi.types, eg.type, r_.types);
  g.reason = "imported from " + mi.module;
  g.is_constant = eg.is_constant;
  g.external_module = mi.module;
  auto index = static_cast<uint32_t>(r_.globals.size());
  r_.global_index[local] = index;
  r_.globals.push_back(std::move(g));
  return index;
}

// Why `name` of the module cannot be imported (the interface's reason), or "" if it is no name
// the module defines at all.
std::string Analyzer::not_exported_reason(const ModuleInterface& mi, const std::string& name) const {
  auto ne = std::find_if(mi.not_exported.begin(), mi.not_exported.end(), [&](const auto& p) { return p.first == name; });
  if (ne != mi.not_exported.end()) return ne->second;
  if (std::any_of(mi.globals.begin(), mi.globals.end(), [&](const ExportedGlobal& g) { return g.name == name; }) &&
      mi.runs_statements)
    return "the module runs statements at import (its init_module()), which only its own main block calls; move them "
           "into a function the importer calls";
  return "";
}

bool Analyzer::import_module(StmtId id, const Import& imp) {
  std::vector<std::pair<const ModuleInterface*, std::string>> found;  // interface, local name
  for (const Alias& a : imp.names) {
    const ModuleInterface* mi = find_interface(a.name);
    if (!mi) return false;
    if (a.asname.empty() && a.name.find('.') != std::string::npos) {
      r_.stmt_stub[id] = {StubKind::ImportForm, "import of '" + a.name + "' without `as`: write `from " + a.name +
                                                    " import ...` or `import " + a.name + " as name`"};
      return true;
    }
    found.push_back({mi, a.asname.empty() ? a.name : a.asname});
  }
  for (const auto& [mi, local] : found) {
    r_.imports.push_back(local);
    batch_modules_[local] = mi;
    add_include(id, *mi);
    for (const ExportedFunction& ef : mi->functions)
      module_functions_[local + "." + ef.name] = add_external_function(id, *mi, ef, local + "." + ef.name);
    for (const ExportedClass& ec : mi->classes)
      if (!ec.reexported) r_.class_index[local + "." + ec.name] = import_class(id, *mi, ec);
    for (const ExportedGlobal& eg : mi->globals)
      if (!mi->runs_statements) import_global(*mi, eg, local + "." + eg.name);
  }
  return true;
}

bool Analyzer::import_from_module(StmtId id, const ImportFrom& imp) {
  const ModuleInterface* mi = find_interface(imp.module);
  if (!mi) return false;
  add_include(id, *mi);
  std::string missing;
  for (const Alias& a : imp.names) {
    if (a.name == "*") {
      missing = "`from " + imp.module + " import *` (name what you use: `from " + imp.module + " import f, Point`)";
      break;
    }
    std::string local = a.asname.empty() ? a.name : a.asname;
    if (r_.function_index.count(local) || r_.class_index.count(local) || r_.global_index.count(local)) continue;
    auto ef = std::find_if(mi->functions.begin(), mi->functions.end(),
                           [&](const ExportedFunction& f) { return f.name == a.name; });
    if (ef != mi->functions.end()) {
      r_.function_index[local] = add_external_function(id, *mi, *ef, local);
      continue;
    }
    auto ec = std::find_if(mi->classes.begin(), mi->classes.end(),
                           [&](const ExportedClass& c) { return c.name == a.name && !c.reexported; });
    if (ec != mi->classes.end()) {
      r_.class_index[local] = import_class(id, *mi, *ec);
      continue;
    }
    auto eg = std::find_if(mi->globals.begin(), mi->globals.end(), [&](const ExportedGlobal& g) { return g.name == a.name; });
    if (eg != mi->globals.end() && !mi->runs_statements) {
      import_global(*mi, *eg, local);
      continue;
    }
    std::string why = not_exported_reason(*mi, a.name);
    missing = "'" + a.name + "' from " + mi->module + ": " + (why.empty() ? "the module defines no such name" : why);
  }
  if (!missing.empty()) r_.stmt_stub[id] = {StubKind::ImportForm, "import of " + missing};
  return true;
}

ast::StmtId Analyzer::stubbed_import_of(const std::string& name) const {
  auto binds = [&](const std::vector<Alias>& names, bool dotted_binds_head) {
    for (const Alias& a : names) {
      std::string bound = !a.asname.empty() ? a.asname : dotted_binds_head ? a.name.substr(0, a.name.find('.')) : a.name;
      if (bound == name) return true;
    }
    return false;
  };
  for (StmtId id : m_.body) {
    if (id >= scan_stubs_.size() || scan_stubs_[id].empty()) continue;
    const StmtNode& n = m_.stmt(id).node;
    if (auto* imp = std::get_if<Import>(&n); imp && binds(imp->names, true)) return id;
    if (auto* imp = std::get_if<ImportFrom>(&n); imp && binds(imp->names, false)) return id;
  }
  return kNoNode;
}

// `m.Point`, `m.LIMIT` after `import m` (or `import pkg.m as m`): the class or constant, with the
// attribute expression's name_ref set as a Name's would be (emit/ spells it `m::Point`).
std::optional<TypeId> Analyzer::infer_module_attribute(ExprId e, const Attribute& a, Scope& s) {
  auto* base = get_if<Name>(m_, a.value);
  if (!base) return std::nullopt;
  auto mod = batch_modules_.find(base->id);
  if (mod == batch_modules_.end() || r_.name_ref[a.value].kind != NameRef::Module) return std::nullopt;
  std::string dotted = base->id + "." + a.attr;
  if (auto it = r_.class_index.find(dotted); it != r_.class_index.end()) {
    r_.name_ref[e] = {NameRef::Class, it->second};
    return r_.types.class_ref(r_.classes[it->second].name);
  }
  if (auto it = r_.global_index.find(dotted); it != r_.global_index.end()) {
    r_.name_ref[e] = {NameRef::Global, it->second};
    return r_.globals[it->second].type;
  }
  std::string why = not_exported_reason(*mod->second, a.attr);
  if (module_functions_.count(dotted)) why = "functions are called, not used as values";
  unsupported(s, StubKind::ImportForm, "'" + dotted + "': " + (why.empty() ? "module " + mod->second->module + " defines no such name" : why));
  return kUnknown;
}

// The class a base, hint, isinstance() or except clause names: `Point`, `P` (imported as P),
// `m.Point` (import m); nullptr for anything else.
const Class* Analyzer::named_class(ExprId e) const {
  std::string key;
  if (auto* n = get_if<Name>(m_, e)) key = n->id;
  if (auto* a = get_if<Attribute>(m_, e); a && get_if<Name>(m_, a->value) && batch_modules_.count(get_if<Name>(m_, a->value)->id))
    key = expr_text(e);
  auto it = key.empty() ? r_.class_index.end() : r_.class_index.find(key);
  return it == r_.class_index.end() ? nullptr : &r_.classes[it->second];
}

}  // namespace py2cpp::sema
