// Imports of modules translated in the same batch: `import m`, `import pkg.sub as s`,
// `from m import f, g as h`. The imported functions become signature-only `Function`s
// (external_module set) so calls are typed and resolved like calls of local functions, and
// emitted as `m::f(...)` with `#include "m.hpp"`. Anything the interface does not export
// stubs the import statement with the reason.
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

uint32_t Analyzer::add_external_function(StmtId id, const ModuleInterface& mi, const ExportedFunction& ef,
                                         const std::string& local_name) {
  Function fn;
  fn.name = local_name;
  fn.cpp_name = mi.namespace_name + "::" + ef.cpp_name;
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
    v.cpp_name = cpp_identifier(p.name);
    v.type = copy_type(mi.types, p.type, r_.types);
    v.reason = "parameter of " + mi.module + "." + ef.name;
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
  auto index = static_cast<uint32_t>(r_.functions.size());
  r_.functions.push_back(std::move(fn));
  if (std::find(r_.module_includes.begin(), r_.module_includes.end(), mi.header) == r_.module_includes.end())
    r_.module_includes.push_back(mi.header);
  return index;
}

bool Analyzer::import_module(StmtId id, const Import& imp) {
  std::vector<std::pair<const ModuleInterface*, std::string>> found;  // interface, local name
  for (const Alias& a : imp.names) {
    const ModuleInterface* mi = find_interface(a.name);
    if (!mi) return false;
    if (a.asname.empty() && a.name.find('.') != std::string::npos) {
      r_.stmt_stub[id] = "import of '" + a.name + "' without `as`: write `from " + a.name +
                         " import ...` or `import " + a.name + " as name`";
      return true;
    }
    found.push_back({mi, a.asname.empty() ? a.name : a.asname});
  }
  for (const auto& [mi, local] : found) {
    r_.imports.push_back(local);
    for (const ExportedFunction& ef : mi->functions)
      module_functions_[local + "." + ef.name] = add_external_function(id, *mi, ef, local + "." + ef.name);
    if (mi->functions.empty() && std::find(r_.module_includes.begin(), r_.module_includes.end(), mi->header) ==
                                     r_.module_includes.end())
      r_.module_includes.push_back(mi->header);
  }
  return true;
}

bool Analyzer::import_from_module(StmtId id, const ImportFrom& imp) {
  const ModuleInterface* mi = find_interface(imp.module);
  if (!mi) return false;
  std::string missing;
  for (const Alias& a : imp.names) {
    if (a.name == "*") {
      missing = "`from " + imp.module + " import *` (name the functions you use)";
      break;
    }
    auto ef = std::find_if(mi->functions.begin(), mi->functions.end(),
                           [&](const ExportedFunction& f) { return f.name == a.name; });
    if (ef == mi->functions.end()) {
      auto ne = std::find_if(mi->not_exported.begin(), mi->not_exported.end(),
                             [&](const auto& p) { return p.first == a.name; });
      missing = "'" + a.name + "' from " + mi->module + ": " +
                (ne != mi->not_exported.end() ? ne->second : "the module defines no such function");
      continue;
    }
    std::string local = a.asname.empty() ? a.name : a.asname;
    if (r_.function_index.count(local)) continue;
    r_.function_index[local] = add_external_function(id, *mi, *ef, local);
  }
  if (!missing.empty()) r_.stmt_stub[id] = "import of " + missing;
  return true;
}

}  // namespace py2cpp::sema
