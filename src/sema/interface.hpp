#pragma once
// Module interfaces: what one translated module exports to the modules that import it, as plain
// data. The batch driver computes the interface of a module from its SemaResult and hands the
// interfaces of its imports to the importer's analysis (so modules are analysed in dependency
// order; independent modules in parallel). Only functions whose signature uses built-in types
// (int, float, bool, str, None, list/dict/set/tuple/Optional of those) are exported today.
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "sema/types.hpp"

namespace py2cpp::sema {

struct SemaResult;

struct ExportedParam {
  std::string name;
  TypeId type = kUnknown;        // in ModuleInterface::types
  bool has_default = false;
  bool mutated = false;          // the callee mutates it: the caller sees the change
  bool rebound = false;
  ast::ParamKind kind = ast::ParamKind::Positional;
};

struct ExportedFunction {
  std::string name;              // Python name in its module
  std::string cpp_name;          // C++ name inside the module's namespace
  std::vector<ExportedParam> params;
  TypeId return_type = kNoneType;
  bool has_effects = false;
  bool stub = false;             // translated as a stub (still callable, throws NotTranslated)
};

struct ModuleInterface {
  std::string module;            // dotted import name ("geometry", "pkg.sub")
  std::string namespace_name;    // C++ namespace ("geometry")
  std::string header;            // what the importer includes ("geometry.hpp")
  TypeTable types;
  std::vector<ExportedFunction> functions;
  // Names the module defines that are not exported (classes, globals, functions with
  // non-exportable signatures), with the reason, so an importer's stub can say why.
  std::vector<std::pair<std::string, std::string>> not_exported;
};

ModuleInterface module_interface(const SemaResult& sema, const std::string& dotted_name,
                                 const std::string& header);

// A type of `from` re-interned into `to` (built-in kinds only).
TypeId copy_type(const TypeTable& from, TypeId t, TypeTable& to);

}  // namespace py2cpp::sema

namespace py2cpp::sema {

// True if an import of `imported` ("pkg.sub", "sub") names the batch module `module` (its dotted
// name relative to the batch root): equal, or one is a dotted suffix of the other.
bool import_matches(const std::string& imported, const std::string& module);

}  // namespace py2cpp::sema
