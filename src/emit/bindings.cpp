// --bindings: <module>_bindings.cpp, a pybind11 module exposing the translated functions and classes
// under their Python names, so a Python application keeps calling them (docs/bindings.md).
//
// Class instances are std::shared_ptr handles in the C++ (docs/design.md, "Classes"), so the
// pybind11 holder is std::shared_ptr too: a Python name and a C++ container share one object, as
// two Python names would. Containers cross by copy (pybind11/stl.h and py2cpp/pybind.hpp).
// Exception classes are registered as Python exceptions deriving from the matching builtin.
// Whatever cannot be exposed faithfully is left out and listed with its reason.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "emit/emit.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::MethodKind;
using sema::TypeKind;
namespace S = sema;

namespace {

bool is_field_factory(const Module& m, ExprId e) {
  auto* c = get_if<Call>(m, e);
  if (!c) return false;
  if (auto* n = get_if<Name>(m, c->func)) return n->id == "field";
  if (auto* a = get_if<Attribute>(m, c->func)) return a->attr == "field";
  return false;
}

// Dunders whose meaning pybind11 keeps when they are plain methods of the Python class.
const std::set<std::string>& exposed_dunders() {
  static const std::set<std::string> names = {
      "__repr__", "__str__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__len__",
      "__bool__", "__contains__", "__getitem__", "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__",
      "__mod__", "__neg__", "__abs__", "__call__"};
  return names;
}

// Binary operators: an argument of another type returns NotImplemented (Python then tries the
// reflected operator or identity) instead of raising TypeError.
bool is_binary_operator(const std::string& name) {
  static const std::set<std::string> names = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__",
                                              "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__"};
  return names.count(name) > 0;
}

class BindingsWriter {
 public:
  BindingsWriter(Emitter& e, const Module& m, const S::SemaResult& s, CodeWriter& w, BindingsSummary& out)
      : e_(e), m_(m), s_(s), w_(w), out_(out) {}

  void write() {
    decide_classes();
    w_.line("// Runtime exceptions arrive as the builtin Python exception of the same name and message.");
    w_.line("py::bindings::translate_exceptions();");
    if (!m_.body.empty())
      if (auto* es = get_stmt_if<ExprStmt>(m_, m_.body[0]))
        if (auto* doc = get_if<StrLit>(m_, es->value)) w_.line("py2cpp_module.doc() = " + Emitter::string_literal(doc->value) + ";");
    // Batch modules this one imports: their extensions register the classes its signatures use.
    for (const std::string& header : s_.module_includes)
      w_.line("pybind11::module_::import(" + Emitter::string_literal(header.substr(0, header.rfind('.'))) + ");");
    if (needs_init()) w_.line("init_module();  // the module-level statements, as `import` runs them");
    for (const S::Class& cls : s_.classes)
      if (cls.external_module.empty() && cls.is_exception()) exception_class(cls);
    for (const S::Class& cls : s_.classes)
      if (cls.external_module.empty() && cls.is_enum) enum_binding(cls);
    for (const S::Class& cls : s_.classes)
      if (cls.external_module.empty() && !cls.is_exception() && !cls.is_enum) class_binding(cls);
    for (const S::Function& fn : s_.functions)
      if (fn.owner < 0 && fn.parent < 0 && fn.external_module.empty()) function_binding(fn);
    for (const S::Global& g : s_.globals)
      if (g.external_module.empty() && g.stmt != kNoNode) constant_binding(g);
  }

 private:
  void skip(const std::string& name, const std::string& kind, const Span& at, const std::string& reason) {
    out_.skipped.push_back({name, kind, at.line, reason});
    w_.blank();  // its own comment block: clang-format would reflow adjacent ones into one paragraph
    w_.line("// not exposed: " + name + ": " + reason, e_.pos(at));
  }
  void expose(const std::string& name, const std::string& kind, const Span& at) {
    out_.exposed.push_back({name, kind, at.line, ""});
  }

  bool needs_init() const {
    for (StmtId id : s_.init_stmts) {
      bool is_initializer = false;
      for (const S::Global& g : s_.globals) is_initializer = is_initializer || g.stmt == id;
      if (!is_initializer) return true;
    }
    return false;
  }

  // Which of the module's classes get a Python class: translated, not an enum, base exposed too.
  void decide_classes() {
    for (const S::Class& cls : s_.classes) {
      std::string why;
      if (!cls.external_module.empty())
        why = cls.stub_reason.empty() && !(cls.is_enum && cls.enum_str_values) ? "" : "not exposed by its module";
      else if (!cls.stub_reason.empty()) why = "not translated: " + cls.stub_reason.detail;
      else if (cls.is_enum && cls.enum_str_values) why = "an Enum with str values is not converted yet (int values are)";
      else if (cls.base >= 0 && !class_reason_.at(s_.classes[cls.base].name).empty())
        why = "its base class " + s_.classes[cls.base].name + " is not exposed";
      class_reason_[cls.name] = why;
    }
  }

  // "" if values of type t convert between Python and C++, else why not.
  std::string unsupported(S::TypeId t) const {
    const S::TypeTable& T = s_.types;
    const S::Type& ty = T.get(t);
    auto args = [&]() -> std::string {
      for (S::TypeId a : ty.args)
        if (std::string why = unsupported(a); !why.empty()) return why;
      return "";
    };
    switch (ty.kind) {
      case TypeKind::Int: case TypeKind::Float: case TypeKind::Bool: case TypeKind::Str: case TypeKind::None:
        return "";
      case TypeKind::List:
        if (ty.name == "deque") return "a deque is not converted yet";
        return args();
      case TypeKind::Optional: case TypeKind::Tuple: case TypeKind::Union:
        return args();
      case TypeKind::Set:
        return args();
      case TypeKind::Dict:
        if (!ty.name.empty()) return "a " + ty.name + " is not converted yet (a plain dict is)";
        return args();
      case TypeKind::Callable:
        if (ty.name == "cmp_to_key") return "a cmp_to_key key is not converted";
        return args();
      case TypeKind::Class: {
        auto it = class_reason_.find(ty.name);
        if (it == class_reason_.end()) return "class " + ty.name + " is unknown here";
        return it->second.empty() ? "" : "class " + ty.name + " is not exposed";
      }
      case TypeKind::Enum: {
        auto it = class_reason_.find(ty.name);
        return it != class_reason_.end() && it->second.empty() ? "" : "the enum " + ty.name + " is not exposed";
      }
      case TypeKind::Exception: return "an exception value (" + ty.name + ") is not converted";
      case TypeKind::Generator: return "a generator/iterator result is not converted yet";
      case TypeKind::Range: return "a range is not converted";
      case TypeKind::TypeParam: return "a generic function is a C++ template: no single signature to expose";
      default: return "the type " + T.python_name(t) + " is not converted";
    }
  }

  // A container parameter the body changes in place: the binding hands C++ a converted copy, so the
  // Python caller would not see the change.
  bool mutation_lost(const S::Variable& p) const {
    const S::TypeTable& T = s_.types;
    TypeKind k = T.kind(p.type);
    if (k != TypeKind::List && k != TypeKind::Dict && k != TypeKind::Set && k != TypeKind::Tuple &&
        k != TypeKind::Optional && k != TypeKind::Union)
      return false;
    if (p.rebound && !p.mutated) return false;
    if (p.mutated) return true;
    if (!p.elements_mutated) return false;
    // Elements that are class handles are shared with Python: changing them is seen.
    S::TypeId el = k == TypeKind::Dict ? T.arg(p.type, 1) : k == TypeKind::List || k == TypeKind::Set ? T.arg(p.type, 0) : p.type;
    return T.kind(el) != TypeKind::Class;
  }

  // "" if fn's parameters (from `first`) and result convert, else why not.
  std::string signature_problem(const S::Function& fn, size_t first) const {
    if (!fn.stub_reason.empty()) return "not translated: " + fn.stub_reason.detail;
    if (!fn.signature_ok) return "its signature is not translated";
    if (!fn.type_params.empty()) return "a generic function is a C++ template: no single signature to expose";
    if (fn.is_generator) return "a generator is not converted to a Python iterator yet";
    for (size_t i = first; i < fn.num_params; ++i) {
      const S::Variable& p = fn.vars[i];
      if (p.param_kind == ParamKind::VarArgs || p.param_kind == ParamKind::KwArgs)
        return "*args / **kwargs parameters are not exposed yet";
      if (std::string why = unsupported(p.type); !why.empty()) return "parameter " + p.name + ": " + why;
      if (mutation_lost(p))
        return "changes its argument " + p.name +
               " in place, and the binding passes C++ a converted copy: the caller would not see the change";
    }
    if (fn.method_kind != MethodKind::Init)
      if (std::string why = unsupported(fn.return_type); !why.empty()) return "result: " + why;
    return "";
  }

  // `, pybind11::arg("x"), pybind11::arg("n") = static_cast<int64_t>(3)` with Python's names and defaults.
  std::string arguments(const S::Function& fn, size_t first) {
    std::string out;
    bool kw_only = false;
    for (size_t i = first; i < fn.num_params; ++i) {
      const S::Variable& p = fn.vars[i];
      if (p.param_kind == ParamKind::KeywordOnly && !kw_only) {
        out += ", pybind11::kw_only()";
        kw_only = true;
      }
      out += ", pybind11::arg(" + Emitter::string_literal(p.name) + ")";
      // A class handle that may not be None: pybind11 would pass nullptr for None.
      if (s_.types.kind(p.type) == TypeKind::Class) out += ".none(false)";
      if (p.default_value != kNoNode) {
        std::string type = e_.cpp_type(p.type);
        std::string value = is_field_factory(m_, p.default_value) ? type + "{}" : e_.str(p.default_value, p.type);
        // Typed as the parameter, so pybind11 converts the value the C++ would get (`3` for a float is 3.0).
        out += " = " + (value == type + "{}" ? value : "static_cast<" + type + ">(" + value + ")");
      }
      bool last_positional_only = p.param_kind == ParamKind::PositionalOnly &&
                                  (i + 1 == fn.num_params || fn.vars[i + 1].param_kind != ParamKind::PositionalOnly);
      if (last_positional_only) out += ", pybind11::pos_only()";
    }
    return out;
  }

  // Prints (directly or through what it calls): C stdio and sys.stdout are synchronised around it.
  bool prints(const S::Function& fn, std::set<const S::Function*>& seen) const {
    if (!fn.body || !seen.insert(&fn).second) return false;
    bool found = false;
    std::function<void(const Body&)> scan = [&](const Body& b) {
      for (StmtId st : b) {
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId x) {
            if (found) return;
            if (auto* n = get_if<Name>(m_, x); n && (n->id == "print" || n->id == "sys")) found = true;
            if (auto it = s_.call_target.find(x); it != s_.call_target.end() && prints(s_.functions[it->second], seen))
              found = true;
          });
        });
        for (const Body* c : child_bodies(m_, st)) scan(*c);
      }
    };
    scan(*fn.body);
    return found;
  }
  std::string guard(const S::Function& fn) const {
    std::set<const S::Function*> seen;
    return prints(fn, seen) ? ", pybind11::call_guard<py::bindings::SyncStdout>()" : "";
  }

  std::string doc(const std::string& docstring) const {
    return docstring.empty() ? "" : ", " + Emitter::string_literal(docstring);
  }

  void function_binding(const S::Function& fn) {
    const Span& at = m_.stmt(fn.stmt).span;
    w_.set_origin(e_.pos(at));
    if (std::string why = signature_problem(fn, 0); !why.empty()) return skip(fn.name, "function", at, why);
    w_.line(fmt::format("py2cpp_module.def({}, &{}{}{}{});", Emitter::string_literal(fn.name), fn.cpp_name,
                        doc(fn.docstring), arguments(fn, 0), guard(fn)),
            e_.pos(at));
    expose(fn.name, "function", at);
  }

  void constant_binding(const S::Global& g) {
    const Span& at = m_.stmt(g.stmt).span;
    if (s_.types.has_unknown(g.type)) return;
    w_.set_origin(e_.pos(at));
    if (!g.is_constant) return skip(g.name, "constant", at, "a module variable that changes: a copy taken at import would go stale");
    if (std::string why = unsupported(g.type); !why.empty()) return skip(g.name, "constant", at, why);
    w_.line("py2cpp_module.attr(" + Emitter::string_literal(g.name) + ") = " + g.cpp_name + ";", e_.pos(at));
    expose(g.name, "constant", at);
  }

  void exception_class(const S::Class& cls) {
    const Span& at = m_.stmt(cls.stmt).span;
    w_.set_origin(e_.pos(at));
    const std::string& why = class_reason_.at(cls.name);
    if (!why.empty()) return skip(cls.name, "exception", at, why);
    std::string base = cls.base >= 0 ? exception_var(s_.classes[cls.base]) : "PyExc_" + cls.builtin_base;
    // Global, so that another module of a batch that throws it translates it too.
    w_.line(fmt::format("[[maybe_unused]] auto& {} = pybind11::register_exception<{}>(py2cpp_module, {}, {});",
                        exception_var(cls), cls.cpp_name, Emitter::string_literal(cls.name), base),
            e_.pos(at));
    expose(cls.name, "exception", at);
  }
  static std::string exception_var(const S::Class& cls) { return "py2cpp_" + cls.cpp_name; }

  // The __init__ a class is constructed with: its own, or the nearest base's (inherited constructors).
  const S::Function* constructor_of(const S::Class& cls) const {
    for (const S::Class* c = &cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
      if (auto it = c->methods.find("__init__"); it != c->methods.end()) return &s_.functions[it->second];
    return nullptr;
  }

  void constructor(const S::Class& cls, std::vector<std::string>& defs) {
    const Span& at = m_.stmt(cls.stmt).span;
    if (cls.is_abstract) return;  // Python cannot instantiate it either
    const S::Function* init = constructor_of(cls);
    if (!init) {
      defs.push_back(".def(pybind11::init<>())");
      return;
    }
    if (std::string why = signature_problem(*init, 1); !why.empty()) return skip(cls.name + ".__init__", "method", at, why);
    if (cls.init_after_construction) {
      if (init->owner != static_cast<int32_t>(&cls - s_.classes.data()))
        return skip(cls.name + ".__init__", "method", at, "an inherited __init__ that uses self as a value");
      defs.push_back(".def(pybind11::init(&" + cls.cpp_name + "::create)" + arguments(*init, 1) + guard(*init) + ")");
      return;
    }
    std::string types;
    for (size_t i = 1; i < init->num_params; ++i) types += (i > 1 ? ", " : "") + e_.param_type(init->vars[i]);
    defs.push_back(".def(pybind11::init<" + types + ">()" + arguments(*init, 1) + guard(*init) + ")");
  }

  void method(const S::Class& cls, const S::Function& fn, std::vector<std::string>& defs) {
    const Span& at = m_.stmt(fn.stmt).span;
    const std::string name = cls.name + "." + fn.method_name;
    if (fn.method_kind == MethodKind::Init || fn.method_kind == MethodKind::Setter) return;
    if (fn.method_name.rfind("__", 0) == 0 && !exposed_dunders().count(fn.method_name))
      return skip(name, "method", at, fn.method_name + " is not exposed (no pybind11 protocol wrapper for it yet)");
    size_t first = fn.method_kind == MethodKind::Static ? 0 : 1;
    if (std::string why = signature_problem(fn, first); !why.empty()) return skip(name, "method", at, why);
    std::string member = "&" + cls.cpp_name + "::" + fn.cpp_name;
    if (fn.method_kind == MethodKind::Getter) {
      auto setter = cls.methods.find(fn.method_name + ".setter");
      std::string set;
      if (setter != cls.methods.end()) {
        const S::Function& sf = s_.functions[setter->second];
        if (std::string why = signature_problem(sf, 1); !why.empty()) skip(name + ".setter", "method", at, why);
        else set = ", &" + cls.cpp_name + "::" + sf.cpp_name;
      }
      defs.push_back(fmt::format(".def_property{}({}, {}{})", set.empty() ? "_readonly" : "",
                                 Emitter::string_literal(fn.method_name), member, set));
      expose(name, "property", at);
      return;
    }
    bool is_static = fn.method_kind == MethodKind::Static || fn.method_kind == MethodKind::ClassMethod;
    std::string extra = is_binary_operator(fn.method_name) ? ", pybind11::is_operator()" : "";
    defs.push_back(fmt::format(".def{}({}, {}{}{}{}{})", is_static ? "_static" : "", Emitter::string_literal(fn.method_name),
                               member, doc(fn.docstring), extra, arguments(fn, first), guard(fn)));
    expose(name, "method", at);
  }

  // What @dataclass and @total_ordering generate: members of the C++ class with Python's names.
  void generated_methods(const S::Class& cls, std::vector<std::string>& defs) {
    const std::string& C = cls.cpp_name;
    auto add = [&](const std::string& op) {
      if (cls.methods.count(op)) return;  // the class's own, bound with the others
      std::string extra = is_binary_operator(op) ? ", pybind11::is_operator(), pybind11::arg(\"other\").none(false)" : "";
      defs.push_back(fmt::format(".def({}, &{}::{}{})", Emitter::string_literal(op), C, op, extra));
    };
    if (cls.is_dataclass) {
      add("__repr__");
      if (cls.dataclass_eq) add("__eq__");
      if (e_.generates_hash(cls)) add("__hash__");
      if (cls.dataclass_order)
        for (const char* op : {"__lt__", "__le__", "__gt__", "__ge__"}) add(op);
    }
    for (const char* op : {"__lt__", "__le__", "__gt__", "__ge__"})
      if (cls.derives_ordering(op)) add(op);
  }

  // `class Side(Enum)` with int values: a pybind11 enum with the members' names and values
  // (`.name`, `.value`, `Side(2)`, `==`, hashing); an IntEnum also compares and converts as its int.
  void enum_binding(const S::Class& cls) {
    const Span& at = m_.stmt(cls.stmt).span;
    w_.set_origin(e_.pos(at));
    if (const std::string& why = class_reason_.at(cls.name); !why.empty()) return skip(cls.name, "class", at, why);
    expose(cls.name, "class", at);
    w_.line(fmt::format("pybind11::enum_<{}>(py2cpp_module, {}{}{})", cls.cpp_name, Emitter::string_literal(cls.name),
                        doc(cls.docstring), cls.is_int_enum ? ", pybind11::arithmetic()" : ""),
            e_.pos(at));
    w_.indent();
    for (size_t i = 0; i < cls.enum_members.size(); ++i) {
      const S::EnumMember& mem = cls.enum_members[i];
      w_.line(fmt::format(".value({}, {}::{}){}", Emitter::string_literal(mem.name), cls.cpp_name, mem.cpp_name,
                          i + 1 == cls.enum_members.size() ? ";" : ""),
              e_.pos(mem.span));
    }
    if (cls.enum_members.empty()) w_.line(";");
    w_.dedent();
    std::vector<uint32_t> order;
    for (const auto& [name, fi] : cls.methods) order.push_back(fi);
    std::sort(order.begin(), order.end());
    for (uint32_t fi : order)
      skip(cls.name + "." + s_.functions[fi].method_name, "method", m_.stmt(s_.functions[fi].stmt).span,
           "methods of an Enum are not exposed yet (a C++ enum class has no members)");
  }

  void class_binding(const S::Class& cls) {
    const Span& at = m_.stmt(cls.stmt).span;
    w_.set_origin(e_.pos(at));
    if (const std::string& why = class_reason_.at(cls.name); !why.empty()) return skip(cls.name, "class", at, why);
    expose(cls.name, "class", at);  // before its members
    std::vector<std::string> defs;
    constructor(cls, defs);
    for (const S::Field& f : cls.fields) {
      std::string name = cls.name + "." + f.name;
      if (std::string why = unsupported(f.type); !why.empty()) {
        skip(name, "field", f.span, why);
        continue;
      }
      defs.push_back(fmt::format(".def_{}({}, &{}::{})", cls.is_frozen ? "readonly" : "readwrite",
                                 Emitter::string_literal(f.name), cls.cpp_name, f.cpp_name));
      expose(name, "field", f.span);
    }
    for (const S::ClassAttr& a : cls.attrs) {
      const Span& as = m_.stmt(a.stmt).span;
      if (std::string why = unsupported(a.type); !why.empty()) {
        skip(cls.name + "." + a.name, "field", as, why);
        continue;
      }
      defs.push_back(fmt::format(".def_{}_static({}, &{}::{})", a.mutated ? "readwrite" : "readonly",
                                 Emitter::string_literal(a.name), cls.cpp_name, a.cpp_name));
      expose(cls.name + "." + a.name, "field", as);
    }
    std::vector<uint32_t> order;  // source order
    for (const auto& [name, fi] : cls.methods) order.push_back(fi);
    std::sort(order.begin(), order.end());
    for (uint32_t fi : order) method(cls, s_.functions[fi], defs);
    generated_methods(cls, defs);
    std::string holder = cls.base >= 0 ? s_.classes[cls.base].cpp_name + ", " : "";
    w_.line(fmt::format("pybind11::class_<{}, {}std::shared_ptr<{}>>(py2cpp_module, {}{})", cls.cpp_name, holder,
                        cls.cpp_name, Emitter::string_literal(cls.name), doc(cls.docstring)),
            e_.pos(at));
    w_.indent();
    for (size_t i = 0; i < defs.size(); ++i) w_.line(defs[i] + (i + 1 == defs.size() ? ";" : ""));
    if (defs.empty()) w_.line(";");
    w_.dedent();
  }

  Emitter& e_;
  const Module& m_;
  const S::SemaResult& s_;
  CodeWriter& w_;
  BindingsSummary& out_;
  std::map<std::string, std::string> class_reason_;  // class name -> why it is not exposed ("" = exposed)
};

}  // namespace

GeneratedFile emit_bindings(Emitter& e, const Module& m, const S::SemaResult& s, BindingsSummary* summary) {
  CodeWriter w;
  e.w_ = &w;  // defaults are expressions of the module (`= LIMIT`)
  w.indent();
  BindingsWriter(e, m, s, w, *summary).write();
  std::string file = m.path.substr(m.path.find_last_of('/') + 1);
  summary->file = m.name + "_bindings.cpp";
  std::string text = render_template("templates/bindings.cpp.tmpl",
                                     {{"source", file}, {"module", m.name}, {"namespace", s.namespace_name}, {"body", "@@BODY@@"}});
  // The body's lines keep their Python positions (for --line-directives and --source-map).
  size_t at = text.find("@@BODY@@\n");
  std::string before = text.substr(0, at), after = text.substr(at + 9);
  GeneratedFile out{summary->file, before + w.text() + after, true, {}};
  auto lines = [](const std::string& t) { return static_cast<size_t>(std::count(t.begin(), t.end(), '\n')); };
  out.py_map.assign(lines(before), PyPos{});
  out.py_map.insert(out.py_map.end(), w.map().begin(), w.map().end());
  out.py_map.resize(out.py_map.size() + lines(after), PyPos{});
  out.needs_python = true;
  return out;
}

}  // namespace py2cpp
