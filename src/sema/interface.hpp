#pragma once
// Module interfaces: what one translated module exports to the modules that import it, as plain
// data. The batch driver computes the interface of a module from its SemaResult and hands the
// interfaces of its imports to the importer's analysis (so modules are analysed in dependency
// order; independent modules in parallel). Exported: functions, classes (with their fields,
// method signatures, bases and flags, enough for an importer to construct, call, subclass and
// catch them) and module constants. Class types in `types` are named by their key
// "<module>.<Class>" ("geometry.Vec"), so an importer can never confuse them with its own classes.
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "sema/sema.hpp"
#include "sema/types.hpp"

namespace py2cpp::sema {

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

struct ExportedField {
  std::string name;
  std::string cpp_name;
  TypeId type = kUnknown;
  bool has_default = false;  // a dataclass field with a default (the default stays in its module)
};

struct ExportedClassAttr {
  std::string name;
  std::string cpp_name;
  TypeId type = kUnknown;
  bool mutated = false;       // assigned through the class: importers may assign it too
};

struct ExportedMethod {
  std::string key;            // in Class::methods: the Python name, "x.setter" for a setter
  ExportedFunction fn;        // fn.name: the Python method name; params include self (or cls)
  MethodKind kind = MethodKind::Instance;
  bool signature_ok = true;   // false: not declared in C++; the importer's calls are stubs
  bool is_virtual = false;
  bool is_override = false;
  bool is_abstract = false;
  bool is_const = true;
};

struct ExportedClass {
  std::string name;           // Python name in its module ("Vec")
  std::string key;            // the name its types carry: "<module>.<name>" ("geometry.Vec")
  std::string cpp_name;       // qualified: "geometry::Vec"
  std::string module;         // the batch module defining it
  std::string header;         // what an importer includes for it
  bool reexported = false;    // imported by this module from another one: there for its users only
  std::string base;           // key of the user base class, or ""
  std::string builtin_base;   // "Exception", "ValueError", ...: an exception class
  bool is_dataclass = false, dataclass_order = false, dataclass_eq = true, is_frozen = false;
  bool is_abstract = false, has_subclasses = false, self_escapes = false, init_after_construction = false;
  bool is_enum = false, enum_str_values = false, is_int_enum = false;
  std::vector<ExportedField> fields;  // own fields, in declaration order
  std::vector<ExportedClassAttr> attrs;
  std::vector<ExportedMethod> methods;
  std::vector<EnumMember> enum_members;
  StubReason stub_reason;     // not translated in its module: importers' uses are stubs too
};

// A module-level variable: `LIMIT = 10`, `WEIGHTS: dict[str, float] = {...}`, `ROUTES: list[str] = []`.
// Its C++ is an `inline` variable in the module's header, so every importer shares the one object.
struct ExportedGlobal {
  std::string name;
  std::string cpp_name;       // inside the module's namespace
  TypeId type = kUnknown;
  bool is_constant = false;   // `inline const` in C++: importers may read it only
};

// A class of another module subclassed in the module being analysed, with the methods the
// subclass defines (subclasses_in): the defining module makes those virtual and non-const so the
// overrides dispatch and share one signature.
struct ExternalSubclass {
  std::string base;           // Python name of the class in its module
  std::vector<std::string> methods;
};

struct ModuleInterface {
  std::string module;            // dotted import name ("geometry", "pkg.sub")
  std::string namespace_name;    // C++ namespace ("geometry")
  std::string header;            // what the importer includes ("geometry.hpp")
  TypeTable types;
  std::vector<ExportedFunction> functions;
  std::vector<ExportedClass> classes;  // its own classes, then re-exported ones it uses
  std::vector<ExportedGlobal> globals;
  // Module-level statements other than initializers run in its init_module(), which only its
  // own main calls: importers cannot rely on its globals then.
  bool runs_statements = false;
  // Names the module defines that are not exported (classes, globals, functions with
  // non-exportable signatures), with the reason, so an importer's stub can say why.
  std::vector<std::pair<std::string, std::string>> not_exported;
};

ModuleInterface module_interface(const SemaResult& sema, const std::string& dotted_name,
                                 const std::string& header);

// A type of `from` re-interned into `to`; class names found in `rename` are replaced (a module's
// own class "Vec" becomes its key "geometry.Vec").
TypeId copy_type(const TypeTable& from, TypeId t, TypeTable& to,
                 const std::map<std::string, std::string>* rename = nullptr);

// The classes of batch module `module` (its dotted name) that `importer` subclasses, found from
// the syntax alone (before any analysis, so the defining module can be analysed first).
std::vector<ExternalSubclass> subclasses_in(const ast::Module& importer, const std::string& module);

}  // namespace py2cpp::sema

namespace py2cpp::sema {

// True if an import of `imported` ("pkg.sub", "sub") names the batch module `module` (its dotted
// name relative to the batch root): equal, or one is a dotted suffix of the other.
bool import_matches(const std::string& imported, const std::string& module);

}  // namespace py2cpp::sema
