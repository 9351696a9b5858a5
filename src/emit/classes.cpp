// Classes: the struct in the header, member function definitions in the source, and the
// expressions that reach into instances (attributes, constructors, methods, dunders).
//
// Representation (docs/design.md, "Classes"): instances live behind std::shared_ptr, so two names
// bound to one object see each other's changes as in Python; `None` is the empty pointer.
// Exception classes are value types, thrown and caught like the runtime's py::ValueError.
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::MethodKind;
using sema::TypeKind;
namespace S = sema;

namespace {

bool has_self(const S::Function& fn) {
  return fn.owner >= 0 && fn.method_kind != MethodKind::Static && fn.method_kind != MethodKind::ClassMethod;
}

bool is_field_factory(const Module& m, ExprId e) {
  auto* c = get_if<Call>(m, e);
  if (!c) return false;
  if (auto* n = get_if<Name>(m, c->func)) return n->id == "field";
  if (auto* a = get_if<Attribute>(m, c->func)) return a->attr == "field";
  return false;
}

}  // namespace

const S::Class* Emitter::class_of_type(S::TypeId t) const {
  const S::TypeTable& T = s_.types;
  if (T.kind(t) == TypeKind::Optional) t = T.arg(t, 0);
  if (T.kind(t) != TypeKind::Class && T.kind(t) != TypeKind::Exception && T.kind(t) != TypeKind::ClassRef) return nullptr;
  auto it = s_.class_index.find(T.get(t).name);
  return it == s_.class_index.end() ? nullptr : &s_.classes[it->second];
}

std::string Emitter::exception_type(const std::string& python_name) const {
  auto it = s_.class_index.find(python_name);
  return it == s_.class_index.end() ? "py::" + python_name : s_.classes[it->second].cpp_name;
}

// `self` of the method being emitted (not `cls`).
bool Emitter::is_self(ExprId e) const {
  if (!fn_ || !get_if<Name>(m_, e) || s_.name_ref[e].kind != S::NameRef::Variable) return false;
  const S::Function* f = fn_;
  uint32_t index = s_.name_ref[e].index;
  if (f->parent >= 0) {  // a nested function of a method reads the method's self
    if (f->vars[index].placement != S::DeclPlacement::Captured) return false;
    index = f->vars[index].captured_from;
    f = &s_.functions[f->parent];
  }
  if (!has_self(*f)) return false;
  if (s_.classes[f->owner].is_enum) return false;  // an enum method's `self` is a plain parameter
  return index == 0;
}

std::string Emitter::member_access(ExprId obj, const std::string& member) {
  S::TypeId t = s_.expr_type[obj];
  const S::TypeTable& T = s_.types;
  if (is_self(obj)) return "this->" + member;
  if (T.kind(t) == TypeKind::ClassRef) return class_of_type(t)->cpp_name + "::" + member;
  CppExpr base = expr(obj);
  if (T.kind(t) == TypeKind::Exception) return paren(base, 2) + "." + member;
  // A `T | None` not known to be set: Python raises AttributeError on None.
  if (T.kind(t) == TypeKind::Optional)
    return "py::checked(" + base.text + ", " + string_literal(member) + ")->" + member;
  return paren(base, 2) + "->" + member;
}

// `type(x).__name__`: an exception's virtual type_name(); for a handle, the most derived of its
// class's subclasses here that the object is an instance of; a scalar's own name.
CppExpr Emitter::type_name(ExprId subject) {
  S::TypeId t = s_.expr_type[subject];
  const S::TypeTable& T = s_.types;
  if (T.kind(t) == TypeKind::Exception) return {"std::string(" + paren(expr(subject), 2) + ".type_name())", 2};
  if (!class_of_type(t)) {
    std::string name = t == S::kInt ? "int" : t == S::kFloat ? "float" : t == S::kStr ? "str" : "bool";
    if (get_if<Name>(m_, subject)) return {"std::string(" + string_literal(name) + ")", 2};
    return {"((void)(" + str(subject) + "), std::string(" + string_literal(name) + "))", 2};
  }
  const S::Class* cls = class_of_type(t);
  std::vector<std::pair<int, const S::Class*>> below;  // (depth, class), most derived first
  for (const S::Class& c : s_.classes) {
    int depth = 0;
    bool found = false;
    for (const S::Class* k = &c; k; k = k->base >= 0 ? &s_.classes[k->base] : nullptr, ++depth) found = found || k == cls;
    if (found && c.stub_reason.empty()) below.push_back({-depth, &c});
  }
  std::stable_sort(below.begin(), below.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string types, names;
  for (size_t i = 0; i < below.size(); ++i) {
    types += (i ? ", " : "") + below[i].second->cpp_name;
    names += (i ? ", " : "") + string_literal(below[i].second->name);
  }
  std::string ptr = is_self(subject) ? "this" : paren(expr(subject), 2) + ".get()";
  return {"py::type_name_of<" + types + ">(" + ptr + ", {" + names + "})", 2};
}

CppExpr Emitter::attribute(ExprId e, const Attribute& a) {
  if (ExprId subject = S::type_name_subject(m_, a); subject != kNoNode) return type_name(subject);
  S::TypeId bt = s_.expr_type[a.value];
  // `m.Point`, `m.LIMIT` of a batch module: what the Name would be (sema set the reference).
  if (const S::NameRef& ref = s_.name_ref[e]; ref.kind == S::NameRef::Class || ref.kind == S::NameRef::Global)
    return named(ref);
  if (s_.name_ref[a.value].kind == S::NameRef::Module) {
    if (std::get<Name>(m_.expr(a.value).node).id == "sys")  // sys.argv, sys.maxsize, sys.stdin (its lines)
      return {a.attr == "stdin" ? "py::sys::stdin_lines()" : "py::sys::" + a.attr, 2};
    if (std::get<Name>(m_.expr(a.value).node).id == "string") return {"py::string_module::" + a.attr, 2};
    return {"py::math::" + a.attr, 2};
  }
  if (s_.types.kind(bt) == TypeKind::Enum) return {"py::enum_" + a.attr + "(" + str(a.value) + ")", 2};  // .name, .value
  if (s_.types.is_deque(bt)) return {paren(expr(a.value), 2) + ".maxlen()", 2};
  if (s_.types.kind(bt) == TypeKind::ExcInfo) return {"py::exc_name(" + str(a.value) + ")", 2};  // exc_type.__name__
  // fib.cache_info().hits: a field of the function's py::Memo.
  if (auto* c = get_if<Call>(m_, a.value))
    if (auto* at = get_if<Attribute>(m_, c->func); at && at->attr == "cache_info" && get_if<Name>(m_, at->value) &&
                                                   s_.name_ref[at->value].kind == S::NameRef::Function)
      return {s_.functions[s_.name_ref[at->value].index].cpp_name + "_cache." + a.attr +
                  (a.attr == "currsize" || a.attr == "maxsize" ? "()" : ""),
              2};
  const S::Class* cls = class_of_type(bt);
  std::string member = sema::cpp_identifier(a.attr);
  // A field every alternative of a union of classes has (sema): a reference to it, so a
  // mutation through it reaches the object.
  if (s_.union_fields.count(e))
    return {"std::visit([](const auto& o) -> auto& { return o->" + member + "; }, " + str(a.value) + ")", 2};
  if (cls && s_.types.kind(bt) != TypeKind::ClassRef) {
    // A class attribute that a subclass redefines, read through an instance: its virtual accessor.
    for (const S::Class* c = cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr) {
      auto it = std::find_if(c->attrs.begin(), c->attrs.end(), [&](const S::ClassAttr& x) { return x.name == a.attr; });
      if (it == c->attrs.end()) continue;
      if (it->read_virtually || it->overrides) return {member_access(a.value, class_attr_accessor(*it)) + "()", 2};
      break;
    }
    // A @property getter is a member function.
    for (const S::Class* c = cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
      if (auto it = c->methods.find(a.attr); it != c->methods.end()) {
        if (s_.functions[it->second].method_kind == MethodKind::Getter) return {member_access(a.value, member) + "()", 2};
        if (s_.types.kind(s_.expr_type[e]) == TypeKind::Callable) return bound_method(a.value, s_.functions[it->second]);
        break;
      }
  }
  // An `int | None` field known to be set (`if obj.n is not None:`): its value.
  if (s_.expr_narrowed[e] && s_.types.kind(s_.expr_type[e]) != TypeKind::Class)
    return {"(*" + member_access(a.value, member) + ")", 2};
  return {member_access(a.value, member), 2};
}

// `obj.method` as a value: a lambda holding obj's handle (evaluated now, as Python binds it now;
// None raises AttributeError here) that calls the method on it.
CppExpr Emitter::bound_method(ExprId obj, const S::Function& m) {
  S::TypeId t = s_.expr_type[obj];
  std::string handle = is_self(obj) ? "py::self_handle(this)"
                       : s_.types.kind(t) == TypeKind::Optional
                           ? "py::checked(" + str(obj) + ", " + string_literal(m.method_name) + ")"
                           : str(obj);
  std::string params, args;
  for (size_t i = 1; i < m.num_params; ++i) {
    std::string p = "a" + std::to_string(i);
    params += (i > 1 ? ", " : "") + cpp_type(m.vars[i].type) + " " + p;
    args += (i > 1 ? ", " : "") + p;
  }
  std::string call = "self_->" + m.cpp_name + "(" + args + ")";
  bool returns = m.return_type != S::kNoneType;
  return {"[self_ = " + handle + "](" + params + ") { " + (returns ? "return " : "") + call + "; }", 2};
}

// "(a, b)" for a call of `callee`, skipping the first `first` parameters (self).
std::string Emitter::argument_list(ExprId e, const S::Function& callee, size_t first) {
  auto it = s_.call_args.find(e);
  if (it == s_.call_args.end()) return "()";
  const std::vector<ExprId>& given = it->second;
  // C++ has only trailing defaults: pass every argument up to the last one given explicitly
  // (and always the *args vector).
  size_t last = first;
  for (size_t i = first; i < given.size(); ++i)
    if (given[i] != kNoNode || callee.vars[i].param_kind == ast::ParamKind::VarArgs) last = i + 1;
  std::string out = "(";
  // A generic callee's parameters with its TypeVars bound at this call (sema/generics.cpp).
  auto bound = s_.call_param_types.find(e);
  for (size_t i = first; i < last; ++i) {
    const S::Variable& p = callee.vars[i];
    if (p.param_kind == ast::ParamKind::VarArgs) {
      out += (i > first ? ", " : "") + varargs_argument(e, p);
      continue;
    }
    S::TypeId pt = bound == s_.call_param_types.end() ? p.type : bound->second[i];
    if (auto* star = given[i] != kNoNode ? get_if<Starred>(m_, given[i]) : nullptr) {  // `f(*p)`: item k of the tuple
      size_t k = 0;
      for (size_t j = first; j < i; ++j) k += given[j] == given[i] ? 1 : 0;
      S::TypeId item = s_.types.arg(s_.expr_type[star->value], k);
      std::string text = "std::get<" + std::to_string(k) + ">(" + str(star->value) + ")";
      if (pt == S::kFloat && item != S::kFloat) text = "static_cast<double>(" + text + ")";
      out += (i > first ? ", " : "") + text;
      continue;
    }
    ExprId a = given[i] != kNoNode ? given[i] : p.default_value;
    std::string text = given[i] == kNoNode && is_field_factory(m_, a) ? cpp_type(pt) + "{}" : str(a, pt);
    // A set / dict keys / tuple for an Iterable[T] parameter: its items as a vector (sema).
    if (given[i] != kNoNode && s_.iterable_copies.count(a)) text = "py::list(" + str(a) + ")";
    // A parameter the callee mutates binds to a non-const reference: a temporary needs a name.
    bool lvalue = get_if<Name>(m_, a) || get_if<Subscript>(m_, a) || get_if<Attribute>(m_, a);
    if (p.mutated && !p.rebound && !lvalue && s_.types.kind(pt) != TypeKind::Int) text = "py::lvalue(" + text + ")";
    out += (i > first ? ", " : "") + text;
  }
  return out + ")";
}

// What goes into `*args: T`: `xs` for `f(*xs)`, else `std::vector<T>{a, b}`.
std::string Emitter::varargs_argument(ExprId call, const S::Variable& p) {
  auto it = s_.call_varargs.find(call);
  if (it == s_.call_varargs.end() || it->second.empty()) return cpp_type(p.type) + "{}";
  if (auto* star = get_if<Starred>(m_, it->second[0])) {
    // `f(*xs)`: Python makes a tuple of the list's items.
    if (s_.expr_type[star->value] == p.type) return str(star->value);
    return cpp_type(p.type) + "(" + str(star->value) + ")";
  }
  S::TypeId el = s_.types.arg(p.type, 0);
  std::string items;
  for (ExprId x : it->second) items += (items.empty() ? "" : ", ") + str(x, el);
  return cpp_type(p.type) + "{" + items + "}";
}

CppExpr Emitter::constructor_call(ExprId e, const S::Class& cls, const Call& c) {
  std::string args_text;
  if (s_.call_args.count(e)) {
    args_text = argument_list(e, s_.functions[s_.call_target.at(e)], 1);
  } else if (cls.is_exception() && !c.args.empty()) {
    // The message of an exception without its own __init__.
    args_text = s_.expr_type[c.args[0]] == S::kStr ? "(" + as_std_string(c.args[0]) + ")" : "(py::str(" + str(c.args[0]) + "))";
  } else {
    args_text = "()";
  }
  if (cls.is_exception()) return {cls.cpp_name + args_text, 2};
  if (cls.init_after_construction) return {cls.cpp_name + "::create" + args_text, 2};
  return {"std::make_shared<" + cls.cpp_name + ">" + args_text, 2};
}

CppExpr Emitter::class_method_call(ExprId e, ExprId obj, const std::string& method, const Call&) {
  const S::Function& callee = s_.functions[s_.call_target.at(e)];
  size_t first = callee.method_kind == MethodKind::Static ? 0 : 1;
  std::string args_text = argument_list(e, callee, first);
  if (s_.classes[callee.owner].is_enum)  // `c.describe(x)` -> `describe(c, x)`
    return {callee.cpp_name + "(" + str(obj) + (args_text == "()" ? ")" : ", " + args_text.substr(1)), 2};
  // super().m(...): the base class's version, called non-virtually.
  auto* sup = get_if<Call>(m_, obj);
  auto* sup_name = sup ? get_if<Name>(m_, sup->func) : nullptr;
  if (sup_name && sup_name->id == "super" && sup->args.empty()) {
    const S::Class& base = s_.classes[callee.owner];
    return {base.cpp_name + "::" + callee.cpp_name + args_text, 2};
  }
  if (callee.method_kind == MethodKind::Static || callee.method_kind == MethodKind::ClassMethod) {
    const S::Class* cls = class_of_type(s_.expr_type[obj]);
    return {cls->cpp_name + "::" + callee.cpp_name + args_text, 2};
  }
  (void)method;
  return {member_access(obj, callee.cpp_name) + args_text, 2};
}

// `a.__add__(b)` and friends, for operators on instances.
CppExpr Emitter::dunder_call(const std::string& dunder, ExprId self, const std::vector<ExprId>& args) {
  std::string out = member_access(self, dunder) + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + str(args[i]);
  return {out + ")", 2};
}

// ---------------------------------------------------------------- declarations

// True if the body reads parameter `index` (itself, or through a nested function capturing it).
bool Emitter::parameter_read(const S::Function& fn, size_t index) const {
  if (!fn.body || fn.synthesized) return true;
  bool read = false;
  std::function<void(const Body&)> scan = [&](const Body& b) {
    for (StmtId st : b) {
      if (read) return;
      for_each_stmt_expr(m_, st, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId x) {
          // isinstance() of a fixed type became a constant: that name is not read in C++.
          if (get_if<Name>(m_, x) && s_.name_ref[x].kind == S::NameRef::Variable && s_.name_ref[x].index == index &&
              !s_.static_isinstance.count(x))
            read = true;
        });
      });
      if (auto it = s_.nested_functions.find(st); it != s_.nested_functions.end()) {
        for (const S::Variable& v : s_.functions[it->second].vars)
          if (v.placement == S::DeclPlacement::Captured && v.captured_from == index) read = true;
        continue;
      }
      for (const Body* c : child_bodies(m_, st)) scan(*c);
    }
  };
  scan(*fn.body);
  return read;
}

std::string Emitter::parameter_list(const S::Function& fn, size_t first, bool with_defaults, bool stub) {
  std::string out = "(";
  for (size_t i = first; i < fn.num_params; ++i) {
    const S::Variable& p = fn.vars[i];
    if (i > first) out += ", ";
    // A parameter Python ignores (an override's, a callback's, __exit__'s exception) would draw
    // -Wunused-parameter.
    if (stub || (!with_defaults && !parameter_read(fn, i)) || s_.types.kind(p.type) == TypeKind::ExcInfo)
      out += "[[maybe_unused]] ";
    out += param_type(p) + " " + p.cpp_name;
    if (with_defaults && p.default_value != kNoNode) {
      // Defaults are needed only from the first parameter after which every one has a default.
      bool trailing = true;
      for (size_t j = i; j < fn.num_params; ++j) trailing = trailing && fn.vars[j].default_value != kNoNode;
      if (trailing) out += " = " + (is_field_factory(m_, p.default_value) ? cpp_type(p.type) + "{}" : str(p.default_value, p.type));
    }
  }
  return out + ")";
}

// The member function as declared inside the struct (in_class) or defined in the source.
std::string Emitter::method_signature(const S::Function& fn, bool in_class, bool stub) {
  const S::Class& cls = s_.classes[fn.owner];
  // An enum method is a free function taking the member: `std::string describe(Color self)`.
  if (cls.is_enum) return return_type(fn.return_type) + " " + fn.cpp_name + parameter_list(fn, 0, in_class, stub && !in_class);
  size_t first = fn.method_kind == MethodKind::Static ? 0 : 1;
  std::string params = parameter_list(fn, first, in_class, stub && !in_class);
  std::string name = in_class ? fn.cpp_name : cls.cpp_name + "::" + fn.cpp_name;
  if (fn.method_kind == MethodKind::Init) return (cls.init_after_construction ? "void " : "") + name + params;
  std::string out;
  if (in_class && (fn.method_kind == MethodKind::Static || fn.method_kind == MethodKind::ClassMethod)) out += "static ";
  if (in_class && fn.is_virtual && !fn.is_override) out += "virtual ";
  out += return_type(fn.return_type) + " " + name + params;
  if (fn.is_const && has_self(fn)) out += " const";
  if (in_class && fn.is_override) out += " override";
  if (in_class && fn.is_abstract) out += " = 0";
  return out;
}

// `class Color(Enum)`: an `enum class` (int values are its enumerators' values) and the table the
// runtime reads names and values from (py_enum_info, found by argument-dependent lookup).
void Emitter::enum_declaration(const S::Class& cls) {
  const Stmt& st = m_.stmt(cls.stmt);
  w_->set_origin(pos(st.span));
  w_->blank();
  w_->line("// " + location(st.span), pos(st.span));
  doc_comment(cls.docstring);
  w_->line("enum class " + cls.cpp_name + (cls.enum_str_values ? "" : " : int64_t") + " {", pos(st.span));
  w_->indent();
  for (const S::EnumMember& mem : cls.enum_members)
    w_->line(mem.cpp_name + (cls.enum_str_values ? "" : " = " + std::to_string(mem.int_value)) + ",", pos(mem.span));
  w_->dedent();
  w_->line("};");
  std::string value_type = cls.enum_str_values ? "std::string_view" : "int64_t";
  w_->line(fmt::format("constexpr py::EnumInfo<{0}, {1}, {2}> py_enum_info({0}) {{", cls.cpp_name, value_type,
                       cls.enum_members.size()));
  w_->indent();
  w_->line("return {" + string_literal(cls.name) + ", {{");
  w_->indent();
  for (const S::EnumMember& mem : cls.enum_members) {
    std::string value = cls.enum_str_values ? string_literal(mem.str_value) : std::to_string(mem.int_value);
    w_->line(fmt::format("{{{}::{}, {}, {}}},", cls.cpp_name, mem.cpp_name, string_literal(mem.name), value));
  }
  w_->dedent();
  w_->line(cls.is_int_enum ? "}}, py::EnumStyle::IntEnum};" : "}}};");
  w_->dedent();
  w_->line("}");
  std::vector<uint32_t> methods;  // in source order
  for (const auto& [name, fi] : cls.methods) methods.push_back(fi);
  std::sort(methods.begin(), methods.end());
  for (uint32_t fi : methods) {
    const S::Function& fn = s_.functions[fi];
    if (!fn.signature_ok) continue;
    doc_comment(fn.docstring);
    w_->line(method_signature(fn, true, !fn.stub_reason.empty()) + ";", pos(m_.stmt(fn.stmt).span));
  }
}

namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace

void Emitter::class_declaration(const S::Class& cls) {
  if (cls.is_enum && cls.stub_reason.empty()) return;  // enum_declaration
  const Stmt& st = m_.stmt(cls.stmt);
  w_->set_origin(pos(st.span));
  w_->blank();
  w_->line("// " + location(st.span), pos(st.span));
  if (!cls.type_args.empty()) {  // sema/generic_classes.cpp: the module's one binding
    std::string binding;
    for (size_t i = 0; i < cls.type_params.size(); ++i)
      binding += (i ? ", " : "") + cls.type_params[i] + " = " + cpp_type(cls.type_args[i]);
    w_->line("// Generic[" + join_names(cls.type_params) + "] with " + binding + ", as " + cls.binding_reason + " uses it", pos(st.span));
  }
  if (!cls.stub_reason.empty()) {
    stub_comment(*w_, cls.stub_reason, pos(st.span), "class " + cls.name + ": ");
    quote_python(st.span);
    w_->line("struct " + cls.cpp_name + ";");
    return;
  }
  doc_comment(cls.docstring);
  std::string bases;
  if (cls.base >= 0) {
    bases = " : " + s_.classes[cls.base].cpp_name;
  } else if (cls.is_exception()) {
    bases = " : py::" + cls.builtin_base;
  } else if (cls.self_escapes) {
    bases = " : std::enable_shared_from_this<" + cls.cpp_name + ">";
  }
  w_->line("struct " + cls.cpp_name + bases + " {", pos(st.span));
  w_->indent();
  for (const S::ClassAttr& a : cls.attrs) {
    bool scalar = a.type == S::kInt || a.type == S::kFloat || a.type == S::kBool;
    std::string prefix = !a.mutated && scalar ? "static constexpr " : a.mutated ? "static inline " : "static inline const ";
    w_->line(prefix + cpp_type(a.type) + " " + a.cpp_name + " = " + str(a.value, a.type) + ";", pos(m_.stmt(a.stmt).span));
  }
  // `self.unit` where a subclass redefines `unit`: the accessor returns the object's class's value.
  for (const S::ClassAttr& a : cls.attrs)
    if (a.read_virtually || a.overrides) {
      bool scalar = a.type == S::kInt || a.type == S::kFloat || a.type == S::kBool;
      std::string result = scalar ? cpp_type(a.type) : "const " + cpp_type(a.type) + "&";
      w_->line(std::string(a.overrides ? "" : "virtual ") + result + " " + class_attr_accessor(a) + "() const" +
               (a.overrides ? " override" : "") + " { return " + a.cpp_name + "; }");
    }
  for (const S::Field& f : cls.fields) {
    std::string init = "{}";
    if (f.default_value != kNoNode && !cls.is_dataclass && !is_field_factory(m_, f.default_value))
      init = " = " + str(f.default_value, f.type);
    w_->line(cpp_type(f.type) + " " + f.cpp_name + (init == "{}" ? "{}" : init) + ";", pos(f.span));
  }
  if (!cls.attrs.empty() || !cls.fields.empty()) w_->blank();
  bool has_init = false;
  for (const auto& [name, fi] : cls.methods) has_init = has_init || name == "__init__";
  // An exception class inherits its direct base's constructors: a user base (`class NotFound(AppError)`)
  // or the runtime's builtin one.
  if (!has_init && cls.is_exception() && cls.base < 0) w_->line("using py::" + cls.builtin_base + "::" + cls.builtin_base + ";");
  if (!has_init && cls.base >= 0) {
    const S::Class& base = s_.classes[cls.base];
    // `using geometry::Shape::Shape;` for a base of another module: the constructor's own name.
    std::string ctor = base.cpp_name.substr(base.cpp_name.rfind(':') == std::string::npos ? 0 : base.cpp_name.rfind(':') + 1);
    w_->line("using " + base.cpp_name + "::" + ctor + ";");
  }
  if (cls.has_subclasses && !cls.is_exception()) w_->line("virtual ~" + cls.cpp_name + "() = default;");
  // Methods in source order (the generated dataclass __init__ first).
  std::vector<uint32_t> order;
  for (const auto& [name, fi] : cls.methods) order.push_back(fi);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const S::Function &fa = s_.functions[a], &fb = s_.functions[b];
    if (fa.synthesized != fb.synthesized) return fa.synthesized;
    return m_.stmt(fa.stmt).span.begin < m_.stmt(fb.stmt).span.begin;
  });
  for (uint32_t fi : order) {
    const S::Function& fn = s_.functions[fi];
    if (!fn.signature_ok) {
      stub_comment(*w_, fn.stub_reason, pos(m_.stmt(fn.stmt).span), fn.method_name + ": ");
      continue;
    }
    if (!fn.synthesized) doc_comment(fn.docstring);
    w_->line(method_signature(fn, true, false) + ";", pos(m_.stmt(fn.stmt).span));
  }
  if (cls.init_after_construction) init_factory(cls);
  if (cls.is_dataclass) {  // what @dataclass adds: not the methods the class defines itself
    if (!cls.methods.count("__repr__")) w_->line("std::string __repr__() const;");
    if (cls.dataclass_eq && !cls.methods.count("__eq__"))
      w_->line("bool __eq__(const std::shared_ptr<" + cls.cpp_name + ">& other) const;");
    if (generates_hash(cls)) w_->line("int64_t __hash__() const;");
    if (cls.dataclass_order)
      for (const char* op : {"__lt__", "__le__", "__gt__", "__ge__"})
        if (!cls.methods.count(op)) w_->line(fmt::format("bool {}(const std::shared_ptr<{}>& other) const;", op, cls.cpp_name));
  }
  total_ordering_methods(cls, true);
  if (cls.is_exception())
    w_->line("const char* type_name() const noexcept override { return " + string_literal(cls.name) + "; }");
  w_->dedent();
  w_->line("};");
}

// `C::create(args)`: what `C(args)` is when __init__ uses `self` as a value (sema): Python's
// __init__ runs on the new object, here on the handle make_shared returned, so that
// `py::self_handle(this)` inside it shares ownership with every other handle.
void Emitter::init_factory(const S::Class& cls) {
  auto it = cls.methods.find("__init__");
  if (it == cls.methods.end()) return;
  const S::Function& init = s_.functions[it->second];
  std::string args;
  for (size_t i = 1; i < init.num_params; ++i) args += (i > 1 ? ", " : "") + init.vars[i].cpp_name;
  const std::string handle = "std::shared_ptr<" + cls.cpp_name + ">";
  w_->line("static " + handle + " create" + parameter_list(init, 1, true, false) + " {");
  w_->indent();
  w_->line(handle + " py2cpp_new = std::make_shared<" + cls.cpp_name + ">();");
  w_->line("py2cpp_new->__init__(" + args + ");");
  w_->line("return py2cpp_new;");
  w_->dedent();
  w_->line("}");
}

// ---------------------------------------------------------------- definitions

void Emitter::class_definitions(const S::Class& cls) {
  if (!cls.stub_reason.empty()) return;
  std::vector<uint32_t> order;
  for (const auto& [name, fi] : cls.methods) order.push_back(fi);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const S::Function &fa = s_.functions[a], &fb = s_.functions[b];
    if (fa.synthesized != fb.synthesized) return fa.synthesized;
    return m_.stmt(fa.stmt).span.begin < m_.stmt(fb.stmt).span.begin;
  });
  for (uint32_t fi : order) {
    const S::Function& fn = s_.functions[fi];
    if (fn.is_abstract || !fn.signature_ok) continue;
    if (fn.synthesized) {
      dataclass_init(cls, fn);
      continue;
    }
    function_definition(fn);
  }
  if (cls.is_dataclass) dataclass_methods(cls);
  total_ordering_methods(cls, false);
}

// The constructor's member-initializer list: the base class, from `super().__init__(...)`.
std::string Emitter::base_initializer(const S::Function& fn) {
  const S::Class& cls = s_.classes[fn.owner];
  if (fn.super_init == kNoNode) {
    // A stubbed super().__init__(...) (or a stubbed __init__): the base still needs its
    // arguments to compile; they raise NotTranslated when the constructor runs, as the stub would.
    if (cls.base < 0) return "";
    const S::Function* init = nullptr;
    for (const S::Class* c = &s_.classes[cls.base]; c && !init; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
      if (auto it = c->methods.find("__init__"); it != c->methods.end()) init = &s_.functions[it->second];
    if (!init || init->num_params <= 1 || !init->signature_ok) return "";
    std::string args;
    for (size_t i = 1; i < init->num_params; ++i)
      args += (i > 1 ? ", " : "") + fmt::format("py::not_translated_value<{}>({})", cpp_type(init->vars[i].type),
                                                string_literal(cls.name + ".__init__: the base's arguments were not translated"));
    return " : " + s_.classes[cls.base].cpp_name + "(" + args + ")";
  }
  const Call& c = std::get<Call>(m_.expr(fn.super_init).node);
  if (cls.base >= 0) {
    const S::Class& base = s_.classes[cls.base];
    auto it = s_.call_target.find(fn.super_init);
    if (it != s_.call_target.end()) return " : " + base.cpp_name + argument_list(fn.super_init, s_.functions[it->second], 1);
    // A base exception class without its own __init__ takes the message.
    return base.is_exception() ? " : " + constructor_call(fn.super_init, base, c).text : "";
  }
  if (cls.is_exception() && !c.args.empty()) {
    std::string msg = s_.expr_type[c.args[0]] == S::kStr ? as_std_string(c.args[0]) : "py::str(" + str(c.args[0]) + ")";
    return " : py::" + cls.builtin_base + "(" + msg + ")";
  }
  return "";
}

void Emitter::dataclass_init(const S::Class& cls, const S::Function& fn) {
  w_->blank();
  std::string inits;
  size_t own_begin = fn.num_params - cls.fields.size();
  if (cls.base >= 0) {
    inits = s_.classes[cls.base].cpp_name + "(";
    for (size_t i = 1; i < own_begin; ++i) inits += (i > 1 ? ", " : "") + fn.vars[i].cpp_name;
    inits += ")";
  }
  for (size_t i = own_begin; i < fn.num_params; ++i) {
    const S::Variable& p = fn.vars[i];
    bool heavy = param_type(p).find('&') != std::string::npos;
    inits += (inits.empty() ? "" : ", ") + p.cpp_name + "(" + p.cpp_name + ")";
    (void)heavy;
  }
  // Python's generated __init__ ends with self.__post_init__() (sema: only a leaf class has one).
  w_->line(cls.cpp_name + "::" + cls.cpp_name + parameter_list(fn, 1, false, false) + (inits.empty() ? "" : " : " + inits) +
           (cls.methods.count("__post_init__") ? " { __post_init__(); }" : " {}"));
}

// A frozen dataclass (and a NamedTuple) hashes the tuple of its fields, unless it defines __hash__.
bool Emitter::generates_hash(const S::Class& cls) const {
  return cls.is_dataclass && cls.is_frozen && cls.dataclass_eq && cls.fields_hashable && !cls.methods.count("__hash__");
}

// The first field (of `fields`) whose value CPython's generated method could not translate: a repr
// that would show an object's address (a class without __repr__), or an ordering over a class
// without __lt__ (a TypeError in Python when reached); nullptr if none.
const S::Field* Emitter::untranslatable_field(const std::vector<const S::Field*>& fields, bool ordering) const {
  const S::TypeTable& T = s_.types;
  std::function<bool(S::TypeId)> bad = [&](S::TypeId t) {
    if (T.kind(t) == TypeKind::Class) {
      const S::Class* k = class_of_type(t);
      for (const S::Class* c = k; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr) {
        if (ordering && (c->dataclass_order || c->methods.count("__lt__") || !c->total_ordering_root.empty())) return false;
        if (!ordering && (c->is_dataclass || c->methods.count("__repr__"))) return false;
      }
      return k && !k->is_enum && !k->is_exception();
    }
    if (T.kind(t) == TypeKind::List || T.kind(t) == TypeKind::Tuple || T.kind(t) == TypeKind::Optional ||
        (!ordering && (T.kind(t) == TypeKind::Dict || T.kind(t) == TypeKind::Set)))
      for (S::TypeId a : T.get(t).args)
        if (bad(a)) return true;
    return false;
  };
  for (const S::Field* f : fields)
    if (bad(f->type)) return f;
  return nullptr;
}

// What @dataclass generates: __repr__ ("Point(x=1, y=2.5)"), __eq__ and the orderings compare
// the fields in order, as a tuple would.
void Emitter::dataclass_methods(const S::Class& cls) {
  std::vector<const S::Field*> fields;
  std::vector<const S::Class*> chain;
  for (const S::Class* c = &cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr) chain.insert(chain.begin(), c);
  for (const S::Class* c : chain)
    for (const S::Field& f : c->fields) fields.push_back(&f);
  const std::string& C = cls.cpp_name;
  std::vector<const S::Field*> shown, compared;  // field(repr=False) / field(compare=False) leave these
  for (const S::Field* f : fields) {
    if (f->repr) shown.push_back(f);
    if (f->compare) compared.push_back(f);
  }
  if (!cls.methods.count("__repr__")) {
    w_->blank();
    w_->line("std::string " + C + "::__repr__() const {");
    w_->indent();
    std::string expr = string_literal(cls.name + "(");
    if (const S::Field* f = untranslatable_field(shown, false)) {
      w_->line("return py::not_translated_value<std::string>(" +
               string_literal("repr() of " + cls.name + ": field '" + f->name + "' is a " + s_.types.python_name(f->type) +
                              " whose repr CPython shows as an address (define its __repr__)") + ");");
    } else if (shown.empty()) {
      w_->line("return " + string_literal(cls.name + "()") + ";");
    } else {
      w_->line("std::string out = " + expr + ";");
      for (size_t i = 0; i < shown.size(); ++i) {
        w_->line("out += " + string_literal((i ? ", " : "") + shown[i]->name + "=") + ";");
        w_->line("py::repr_to(out, " + shown[i]->cpp_name + ");");
      }
      w_->line("return out + \")\";");
    }
    w_->dedent();
    w_->line("}");
  }
  auto tie = [&](const std::string& prefix) {
    std::string out = "std::tie(";
    for (size_t i = 0; i < compared.size(); ++i) out += (i ? ", " : "") + prefix + compared[i]->cpp_name;
    return out + ")";
  };
  if (cls.dataclass_eq && !cls.methods.count("__eq__")) {
    w_->blank();
    w_->line("bool " + C + "::__eq__(const std::shared_ptr<" + C + ">& other) const {");
    w_->indent();
    w_->line(compared.empty() ? "return true;" : "return py::eq(" + tie("") + ", " + tie("other->") + ");");
    w_->dedent();
    w_->line("}");
  }
  if (generates_hash(cls)) {  // hash((self.x, self.y)), as @dataclass(frozen=True) writes it
    w_->blank();
    w_->line("int64_t " + C + "::__hash__() const {");
    w_->indent();
    std::string items;
    for (size_t i = 0; i < compared.size(); ++i) items += (i ? ", " : "") + compared[i]->cpp_name;
    w_->line("return py::hash{}(std::make_tuple(" + items + "));");
    w_->dedent();
    w_->line("}");
  }
  if (cls.dataclass_order) {
    for (auto [name, op] : {std::pair{"__lt__", "<"}, {"__le__", "<="}, {"__gt__", ">"}, {"__ge__", ">="}}) {
      if (cls.methods.count(name)) continue;  // the class's own
      w_->blank();
      w_->line(fmt::format("bool {}::{}(const std::shared_ptr<{}>& other) const {{", C, name, C));
      w_->indent();
      if (const S::Field* f = untranslatable_field(compared, true)) {
        w_->line("(void)other;");
        w_->line("py::not_translated(" +
                 string_literal(std::string(op) + " on " + cls.name + ": field '" + f->name + "' is a " +
                                s_.types.python_name(f->type) + " without __lt__ (define it, or field(compare=False))") +
                 ");");
        w_->dedent();
        w_->line("}");
        continue;
      }
      w_->line(compared.empty() ? std::string("return ") + (std::string(op).size() == 2 ? "true;" : "false;")
                              : fmt::format("return py::compare({}, {}) {} 0;", tie(""), tie("other->"), op));
      w_->dedent();
      w_->line("}");
    }
  }
}

// `unit` -> `class_unit`: the name of a class attribute's virtual accessor.
std::string Emitter::class_attr_accessor(const S::ClassAttr& a) { return "class_" + a.cpp_name; }

}  // namespace py2cpp
