// Typing what involves user classes: attributes, constructors, method and super() calls,
// dunder operators, and the narrowing of `T | None` by `is None` tests.
#include "ast/walk.hpp"
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

std::string Analyzer::class_name_of(TypeId t) const {
  const TypeTable& T = r_.types;
  if (T.kind(t) == TypeKind::Optional) t = T.arg(t, 0);
  if (T.kind(t) == TypeKind::Class) return T.get(t).name;
  if (T.kind(t) == TypeKind::Exception && r_.class_index.count(T.get(t).name)) return T.get(t).name;
  return {};
}

// The enum class of an enum member's type or of the enum class itself; nullptr otherwise.
const Class* Analyzer::enum_class(TypeId t) const {
  const TypeTable& T = r_.types;
  if (T.kind(t) != TypeKind::Enum && T.kind(t) != TypeKind::ClassRef) return nullptr;
  auto it = r_.class_index.find(T.get(t).name);
  if (it == r_.class_index.end() || !r_.classes[it->second].is_enum) return nullptr;
  return &r_.classes[it->second];
}

TypeId Analyzer::instance_type(const Class& cls) {
  // A stubbed enum is only forward-declared: its values are handles, as for other stubbed classes.
  if (cls.is_enum && cls.stub_reason.empty()) return r_.types.enum_of(cls.name);
  return cls.is_exception() ? r_.types.exception(cls.name) : r_.types.class_of(cls.name);
}

TypeId Analyzer::infer_attribute(ExprId e, const Attribute& a, Scope& s) {
  TypeId bt = infer(a.value, s);
  if (bt == kUnknown) return kUnknown;
  if (auto t = infer_module_attribute(e, a, s)) return *t;  // `m.Point`, `m.LIMIT` (imports.cpp)
  if (auto t = memo_info_field(a)) return *t;  // f.cache_info().hits
  const TypeTable& T = r_.types;
  if (T.kind(bt) == TypeKind::ExcInfo) return infer_exc_info_attribute(a, bt, s);  // exc_type.__name__
  if (const Class* ec = enum_class(bt)) {
    if (!ec->stub_reason.empty()) {
      unsupported(s, StubKind::DependsOnStub, "enum " + ec->name + " could not be translated: " + ec->stub_reason.detail);
      return kUnknown;
    }
    if (T.kind(bt) == TypeKind::Enum) {
      if (a.attr == "name") return kStr;
      if (a.attr == "value") return ec->enum_str_values ? kStr : kInt;
      unsupported(s, StubKind::EnumForm, "attribute '" + a.attr + "' of enum member " + ec->name + " (only .name and .value)");
      return kUnknown;
    }
    for (const EnumMember& mem : ec->enum_members)
      if (mem.name == a.attr) return r_.types.enum_of(ec->name);
    unsupported(s, StubKind::UnknownAttribute, "enum " + ec->name + " has no member '" + a.attr + "'");
    return kUnknown;
  }
  if (T.kind(bt) == TypeKind::ClassRef) {
    if (const Class* k = class_named(T.get(bt).name); k && !k->stub_reason.empty()) {  // an incomplete type in C++
      unsupported(s, StubKind::DependsOnStub, "'" + T.get(bt).name + "." + a.attr + "' of class " + k->name + ", which could not be translated");
      return kUnknown;
    }
    if (ClassAttr* attr = find_class_attr(T.get(bt).name, a.attr)) return attr->type;
    unsupported(s, StubKind::FunctionValue, "'" + T.get(bt).name + "." + a.attr + "' is not a class attribute (methods are called, not used as values)");
    return kUnknown;
  }
  if (T.is_deque(bt) && a.attr == "maxlen") return r_.types.optional_of(kInt);
  if (T.kind(bt) == TypeKind::Union) return infer_union_field(e, bt, a, s);
  std::string cls = class_name_of(bt);
  if (cls.empty()) {
    unsupported(s, StubKind::OperationNotDefined, "attribute '" + a.attr + "' of a " + T.python_name(bt));
    return kUnknown;
  }
  // An instance of a stubbed class is an incomplete type in C++: its fields cannot be read.
  if (const Class* k = class_named(cls); k && !k->stub_reason.empty()) {
    unsupported(s, StubKind::DependsOnStub, "attribute '" + a.attr + "' of class " + cls + ", which could not be translated");
    return kUnknown;
  }
  if (Field* f = find_field(cls, a.attr)) {
    // Unknown after the last round: the assignment that types it could not be translated.
    if (f->type == kUnknown) unsupported(s, StubKind::TypeNotInferred, "the type of field '" + cls + "." + a.attr + "' is unknown (annotate it in the class body)");
    // `if obj.field is not None:` above (attr_narrowing.cpp).
    if (auto nt = s.narrowed.find(narrowing_key(e)); nt != s.narrowed.end() && T.kind(bt) == TypeKind::Class) {
      r_.expr_narrowed[e] = true;
      return nt->second;
    }
    r_.expr_narrowed[e] = false;
    return f->type;
  }
  if (Function* m = find_method(cls, a.attr)) {
    if (m->method_kind == MethodKind::Getter) {
      forget_attribute_narrowing(s);  // a property runs user code
      return m->return_type;
    }
    return bound_method_value(bt, *m, s);  // callables.cpp
  }
  if (ClassAttr* attr = find_class_attr(cls, a.attr)) return attr->type;
  unsupported(s, StubKind::UnknownAttribute, "class " + cls + " has no attribute '" + a.attr + "'");
  return kUnknown;
}

// `t.weight` of a `Leaf | Branch`: a field every alternative has, of one type, read through
// std::visit (emit returns a reference, so `t.items.append(x)` changes the object's list).
TypeId Analyzer::infer_union_field(ExprId e, TypeId u, const Attribute& a, Scope& s) {
  const TypeTable& T = r_.types;
  TypeId type = kUnknown;
  for (TypeId alt : T.get(u).args) {
    const Class* k = T.kind(alt) == TypeKind::Class ? class_named(T.get(alt).name) : nullptr;
    const Field* f = k && k->stub_reason.empty() ? find_field(k->name, a.attr) : nullptr;
    if (!f || f->type == kUnknown || (type != kUnknown && f->type != type)) {
      unsupported(s, StubKind::OperationNotDefined, "attribute '" + a.attr + "' of a " + T.python_name(u) +
                         " (only a field every alternative class has, with one type)");
      return kUnknown;
    }
    type = f->type;
  }
  r_.union_fields.insert(e);
  r_.expr_narrowed[e] = false;
  return type;
}

// `Color(2)`: the member with that value (ValueError if none).
TypeId Analyzer::infer_enum_call(const Class& cls, const Call& c, Scope& s) {
  for (ExprId a : c.args) infer(a, s);
  if (!cls.stub_reason.empty()) {
    unsupported(s, StubKind::DependsOnStub, "enum " + cls.name + " could not be translated: " + cls.stub_reason.detail);
    return kUnknown;
  }
  if (c.args.size() != 1 || !c.keywords.empty()) {
    unsupported(s, StubKind::EnumForm, cls.name + "(...) takes one value (the functional API is not supported)");
    return kUnknown;
  }
  TypeId t = r_.expr_type[c.args[0]];
  if (t == kUnknown) return kUnknown;
  if (t != (cls.enum_str_values ? kStr : kInt)) {
    unsupported(s, StubKind::EnumForm, cls.name + "() of a " + r_.types.python_name(t) + " (its values are " +
                       (cls.enum_str_values ? "str" : "int") + ")");
    return kUnknown;
  }
  return r_.types.enum_of(cls.name);
}

TypeId Analyzer::infer_constructor_call(ExprId e, const Class& cls, const Call& c, Scope& s) {
  if (!cls.stub_reason.empty()) {
    for (ExprId a : c.args) infer(a, s);
    unsupported(s, StubKind::DependsOnStub, "class " + cls.name + " could not be translated");
    return kUnknown;
  }
  bool via_super = s.fn && s.fn->super_init == e;
  if (cls.is_abstract && !via_super) {
    unsupported(s, StubKind::RaisesInPython, "instantiating abstract class " + cls.name);
    return kUnknown;
  }
  Function* init = find_method(cls.name, "__init__");
  if (!init) {
    for (ExprId a : c.args) infer(a, s);
    if (cls.is_exception()) {
      if (c.args.size() > 1 || !c.keywords.empty()) unsupported(s, StubKind::ExceptionForm, "exception with more than one argument");
    } else if (!c.args.empty() || !c.keywords.empty()) {
      unsupported(s, StubKind::CallArguments, cls.name + "() takes no arguments");
    }
    return instance_type(cls);
  }
  TypeId t = infer_user_call(e, static_cast<uint32_t>(init - r_.functions.data()), c, s, 1);
  (void)t;
  return instance_type(cls);
}

TypeId Analyzer::infer_class_method_call(ExprId e, TypeId obj_type, const std::string& method, const Call& c, Scope& s) {
  const TypeTable& T = r_.types;
  bool on_class = T.kind(obj_type) == TypeKind::ClassRef;
  std::string cls = on_class ? T.get(obj_type).name : class_name_of(obj_type);
  if (const Class* k = class_named(cls); k && !k->stub_reason.empty()) {
    for (ExprId a : c.args) infer(a, s);
    unsupported(s, StubKind::DependsOnStub, "method '" + method + "' of class " + cls + ", which could not be translated");
    return kUnknown;
  }
  Function* m = find_method(cls, method);
  if (!m && !on_class) {  // `self.check(x)` where the field `check` holds a Callable
    if (Field* f = find_field(cls, method); f && T.kind(f->type) == TypeKind::Callable) {
      infer(c.func, s);
      return infer_callable_call(f->type, c, s);
    }
  }
  if (!m) {
    for (ExprId a : c.args) infer(a, s);
    unsupported(s, StubKind::UnknownAttribute, "class " + cls + " has no method '" + method + "'");
    return kUnknown;
  }
  if (m->method_kind == MethodKind::Getter || m->method_kind == MethodKind::Setter) {
    unsupported(s, StubKind::ClassForm, "calling property '" + method + "'");
    return kUnknown;
  }
  bool is_static = m->method_kind == MethodKind::Static;
  if (on_class && !is_static && m->method_kind != MethodKind::ClassMethod) {
    unsupported(s, StubKind::ClassForm, "calling instance method '" + method + "' through the class");
    return kUnknown;
  }
  if (!m->stub_reason.empty() && !m->signature_ok) {
    unsupported(s, StubKind::DependsOnStub, "calls '" + m->name + "', which could not be translated");
    return kUnknown;
  }
  return infer_user_call(e, static_cast<uint32_t>(m - r_.functions.data()), c, s, is_static ? 0 : 1);
}

// super().__init__(...) and super().method(...) inside a method.
TypeId Analyzer::infer_super_call(ExprId e, const std::string& method, const Call& c, Scope& s) {
  if (!s.fn || s.fn->owner < 0) {
    unsupported(s, StubKind::ClassForm, "super() outside a method");
    return kUnknown;
  }
  const Class& cls = r_.classes[s.fn->owner];
  if (method == "__init__") {
    if (s.fn->method_kind != MethodKind::Init) {
      unsupported(s, StubKind::ClassForm, "super().__init__() outside __init__");
      return kUnknown;
    }
    // C++ constructs the base before the body runs: the call must come first. An exception
    // class may set its own fields first (`self.line = line`, then `super().__init__(msg)`):
    // with no calls in those values and no `self` in the message, running the base first
    // cannot be told apart.
    const Body& b = *s.fn->body;
    size_t first = !s.fn->docstring.empty() ? 1 : 0;
    while (first < b.size() && get_stmt_if<Comment>(m_, b[first])) ++first;
    if (cls.is_exception()) {
      const std::string self = s.fn->num_params > 0 ? s.fn->vars[0].name : "self";
      auto plain_field_store = [&](StmtId st) {
        auto* a = get_stmt_if<Assign>(m_, st);
        if (!a || a->targets.size() != 1) return false;
        auto* at = get_if<Attribute>(m_, a->targets[0]);
        auto* base = at ? get_if<Name>(m_, at->value) : nullptr;
        if (!base || base->id != self) return false;
        // No user code: builtins (len, str, int...) and str methods only.
        bool pure = true;
        for_each_expr(m_, a->value, [&](ExprId x) {
          if (get_if<Yield>(m_, x) || get_if<NamedExpr>(m_, x)) pure = false;
          auto* c = get_if<Call>(m_, x);
          if (!c) return;
          auto* at = get_if<Attribute>(m_, c->func);
          bool builtin = get_if<Name>(m_, c->func) && r_.name_ref[c->func].kind == NameRef::Builtin;
          bool str_method = at && r_.expr_type[at->value] == kStr;
          if (!builtin && !str_method) pure = false;
        });
        return pure;
      };
      bool reads_self = false;
      for_each_expr(m_, e, [&](ExprId x) {
        if (auto* n = get_if<Name>(m_, x); n && n->id == self) reads_self = true;
      });
      while (first < b.size() && !reads_self && (plain_field_store(b[first]) || get_stmt_if<Comment>(m_, b[first]))) ++first;
    }
    auto* es = first < b.size() ? get_stmt_if<ExprStmt>(m_, b[first]) : nullptr;
    if (!es || es->value != e) {
      unsupported(s, StubKind::ClassForm, "super().__init__(...) must be the first statement of __init__");
      return kUnknown;
    }
    s.fn->super_init = e;
    if (cls.base < 0) {
      for (ExprId a : c.args) infer(a, s);
      if (cls.is_exception()) {
        if (c.args.size() > 1 || !c.keywords.empty()) unsupported(s, StubKind::ExceptionForm, "exception with more than one argument");
      } else if (!c.args.empty()) {
        unsupported(s, StubKind::CallArguments, "object.__init__() takes no arguments");
      }
      return kNoneType;
    }
    return infer_constructor_call(e, r_.classes[cls.base], c, s) == kUnknown ? kUnknown : kNoneType;
  }
  if (cls.base < 0) {
    unsupported(s, StubKind::ClassForm, "super()." + method + "() without a user base class");
    return kUnknown;
  }
  Function* m = find_method(r_.classes[cls.base].name, method);
  if (!m || m->is_abstract) {
    unsupported(s, StubKind::ClassForm, "the base of " + cls.name + " has no (concrete) method '" + method + "'");
    return kUnknown;
  }
  return infer_user_call(e, static_cast<uint32_t>(m - r_.functions.data()), c, s,
                         m->method_kind == MethodKind::Static ? 0 : 1);
}

// `obj.x = value`: a field (whose type may widen, like a variable's), a property setter, or a
// class attribute assigned through the class.
void Analyzer::bind_attribute(ExprId target, const Attribute& a, TypeId t, Scope& s) {
  TypeId bt = infer(a.value, s);
  if (bt == kUnknown) return;
  const TypeTable& T = r_.types;
  if (T.kind(bt) == TypeKind::ClassRef) {
    ClassAttr* attr = find_class_attr(T.get(bt).name, a.attr);
    if (!attr) {
      unsupported(s, StubKind::UnknownAttribute, "assignment to unknown class attribute '" + expr_text(target) + "'");
      return;
    }
    // Another module's class attribute that module never assigns is a `static constexpr` there.
    for (const Class* c = class_named(T.get(bt).name); c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
      if (!c->external_module.empty() && !attr->mutated &&
          std::any_of(c->attrs.begin(), c->attrs.end(), [&](const ClassAttr& x) { return &x == attr; })) {
        unsupported(s, StubKind::ClassForm, "assigns '" + expr_text(target) + "', which " + c->external_module +
                           " never changes (a constant there); change it through a method of the class");
        return;
      }
    attr->mutated = true;
    if (t != kUnknown && r_.types.unify(attr->type, t) != attr->type)
      unsupported(s, StubKind::TypeMismatch, "class attribute '" + a.attr + "' is " + T.python_name(attr->type) + " but is assigned a " +
                         T.python_name(t));
    r_.expr_type[target] = attr->type;
    return;
  }
  std::string cls = class_name_of(bt);
  if (cls.empty()) {
    unsupported(s, StubKind::OperationNotDefined, "assignment to attribute '" + a.attr + "' of a " + T.python_name(bt));
    return;
  }
  if (Function* setter = find_method(cls, a.attr + ".setter")) {
    if (t != kUnknown && setter->num_params == 2 && r_.types.unify(setter->vars[1].type, t) != setter->vars[1].type)
      unsupported(s, StubKind::TypeMismatch, "property '" + a.attr + "' is set to a " + T.python_name(t));
    r_.expr_type[target] = setter->num_params == 2 ? setter->vars[1].type : kUnknown;
    return;
  }
  Field* f = find_field(cls, a.attr);
  if (!f) {
    unsupported(s, StubKind::UnknownAttribute, find_method(cls, a.attr) ? "property '" + a.attr + "' has no setter"
                                            : "class " + cls + " has no field '" + a.attr + "'");
    return;
  }
  const Class* k = class_named(cls);
  if (k && k->is_frozen && !(s.fn && s.fn->method_kind == MethodKind::Init)) {
    unsupported(s, StubKind::RaisesInPython, "assignment to a field of frozen " + cls + " (Python raises FrozenInstanceError)");
    return;
  }
  r_.expr_type[target] = f->type;
  if (t == kUnknown) return;
  TypeId u = r_.types.unify(f->type, t);
  if (u == kUnknown || (f->annotated && u != f->type)) {
    unsupported(s, StubKind::TypeMismatch, "field '" + a.attr + "' is " + T.python_name(f->type) + " but is assigned a " + T.python_name(t));
    return;
  }
  note_int_as_float(s, m_.expr(target).span, t, u, "field '" + a.attr + "' of " + cls);
  if (u != f->type) {
    f->reason = "assignment `" + std::string(m_.text(m_.expr(target).span)) + " = ...` (line " +
                std::to_string(m_.expr(target).span.line) + ")";
    f->type = u;
    f->span = m_.expr(target).span;
    r_.expr_type[target] = u;
    changed_ = true;
  }
}

ExprId type_name_subject(const Module& m, const Attribute& a) {
  if (a.attr != "__name__") return kNoNode;
  if (auto* c = get_if<Call>(m, a.value); c && c->args.size() == 1 && c->keywords.empty())
    if (auto* f = get_if<Name>(m, c->func); f && f->id == "type") return c->args[0];
  if (auto* inner = get_if<Attribute>(m, a.value); inner && inner->attr == "__class__") return inner->value;
  return kNoNode;
}

// `type(x).__name__`: an exception's (its virtual type_name()), a handle's dynamic class among
// this module's subclasses of its type (emit: py::type_name_of), or a scalar's fixed name.
TypeId Analyzer::infer_type_name(ExprId subject, Scope& s) {
  const TypeTable& T = r_.types;
  if (s.fn && s.fn->var_index.count("type")) {
    unsupported(s, StubKind::UnsupportedSyntax, "type(...) where 'type' is a local variable");
    return kUnknown;
  }
  TypeId t = infer(subject, s);
  if (t == kUnknown) return kUnknown;
  if (T.kind(t) == TypeKind::Exception || t == kInt || t == kFloat || t == kStr || t == kBool) return kStr;
  TypeId inner = T.kind(t) == TypeKind::Optional ? T.arg(t, 0) : t;
  const Class* cls = T.kind(inner) == TypeKind::Class ? class_named(T.get(inner).name) : nullptr;
  if (!cls) {
    unsupported(s, StubKind::CallForm, "type(x).__name__ of a " + T.python_name(t) + " (only class instances, exceptions, int, float, str, bool)");
    return kUnknown;
  }
  // A subclass in another module would not be among the names.
  for (const Class& c : r_.classes) {
    bool below = false;
    for (const Class* k = &c; k && !below; k = k->base >= 0 ? &r_.classes[k->base] : nullptr) below = k == cls;
    bool external_sub = subclassed_ && std::any_of(subclassed_->begin(), subclassed_->end(),
                                                   [&](const ExternalSubclass& x) { return x.base == c.name; });
    if (below && (!c.external_module.empty() || external_sub)) {
      unsupported(s, StubKind::ClassForm, "type(x).__name__ of a " + cls->name + ", which another module defines or subclasses");
      return kUnknown;
    }
  }
  return kStr;
}

// "__iadd__" for `a += b` when a's class defines it, else "" (Python falls back to __add__).
std::string Analyzer::inplace_dunder(BinOpKind op, TypeId target) {
  const char* dunder = binop_dunder(op);
  if (!dunder || r_.types.kind(target) != TypeKind::Class) return "";
  std::string name = std::string("__i") + (dunder + 2);
  return find_method(class_name_of(target), name) ? name : "";
}

// `obj[k] = v`: obj.__setitem__(k, v), a statement of its own (not inside an unpacking target).
void Analyzer::store_instance_item(ExprId target, const Subscript& sub, TypeId value, Scope& s) {
  TypeId bt = r_.expr_type[sub.value];
  TypeId it = infer(sub.index, s);
  r_.expr_type[target] = value;
  auto* a = s.stmt == kNoNode ? nullptr : get_stmt_if<Assign>(m_, s.stmt);
  if (!a || std::find(a->targets.begin(), a->targets.end(), target) == a->targets.end()) {
    unsupported(s, StubKind::UnpackingForm, "item assignment on a " + r_.types.python_name(bt) + " inside an unpacking target");
    return;
  }
  if (it == kUnknown || value == kUnknown) return;
  if (dunder_result("__setitem__", bt, {it, value}, s) == kUnknown)
    unsupported(s, StubKind::OperationNotDefined, "item assignment on a " + r_.types.python_name(bt) + " (define __setitem__)");
}

// The result of a dunder used by an operator or builtin (`a + b` -> a.__add__(b)), or kUnknown.
TypeId Analyzer::dunder_result(const std::string& dunder, TypeId self, const std::vector<TypeId>& args, Scope& s) {
  forget_attribute_narrowing(s);  // the dunder is user code
  std::string cls = class_name_of(self);
  Function* m = find_method(cls, dunder);
  if (!m) {
    const Class* k = class_named(cls);
    bool generated = k && k->is_dataclass &&
                     ((dunder == "__eq__" || dunder == "__ne__") ? k->dataclass_eq
                                                                  : (dunder == "__lt__" || dunder == "__le__" ||
                                                                     dunder == "__gt__" || dunder == "__ge__") &&
                                                                        k->dataclass_order);
    if (generated) return kBool;
    if (k && k->derives_ordering(dunder)) {  // @total_ordering: from the root, which must compare two instances
      const Function* root = find_method(cls, k->total_ordering_root);
      if (root && root->num_params == 2 && root->vars[1].type == self && root->return_type == kBool) return kBool;
      unsupported(s, StubKind::ClassForm, "@total_ordering: " + cls + "." + k->total_ordering_root + " must take another " + cls +
                         " (`other: \"" + cls + "\"`) and return bool");
    }
    return kUnknown;
  }
  if (m->num_params != args.size() + 1) {
    unsupported(s, StubKind::CallArguments, m->name + " takes " + std::to_string(m->num_params - 1) + " argument(s)");
    return kUnknown;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    TypeId p = m->vars[i + 1].type;
    if (args[i] != kUnknown && p != kUnknown && r_.types.unify(p, args[i]) != p) {
      unsupported(s, StubKind::CallArguments, m->name + " expects " + r_.types.python_name(p) + ", got " + r_.types.python_name(args[i]));
      return kUnknown;
    }
  }
  return m->return_type;
}

bool Analyzer::printable_class(TypeId t) {
  if (r_.types.kind(t) == TypeKind::TypeParam) {
    require_of_type_param(t, kNeedsPrintable);
    return true;
  }
  std::string cls = class_name_of(t);
  const Class* k = class_named(cls);
  if (!k) return false;
  if (k->is_exception()) return true;
  for (const Class* c = k; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
    if (c->is_dataclass || c->methods.count("__repr__") || c->methods.count("__str__")) return true;
  return false;
}

// True if the repr() of a value of type t would show an object's address: a class (or a
// container of one) that defines __str__ but no __repr__, where Python prints
// `<__main__.S object at 0x...>`, which no translation can reproduce.
bool Analyzer::repr_shows_address(TypeId t) {
  const TypeTable& T = r_.types;
  if (T.kind(t) == TypeKind::Class) {
    const Class* k = class_named(class_name_of(t));
    if (!k || k->is_exception()) return false;
    for (const Class* c = k; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr) {
      if (c->is_dataclass || c->methods.count("__repr__")) return false;
      if (c->methods.count("__str__")) return true;
    }
    return false;
  }
  switch (T.kind(t)) {
    case TypeKind::List:
    case TypeKind::Tuple:
    case TypeKind::Optional:
    case TypeKind::Dict:
    case TypeKind::Set:
    case TypeKind::Union:
      for (TypeId a : T.get(t).args)
        if (repr_shows_address(a)) return true;
      return false;
    default: return false;
  }
}

// Records in `s` what `test` being `when_true` says about names of type `T | None`.
void Analyzer::narrow_from_test(ExprId test, bool when_true, Scope& s) {
  if (!s.fn) return;
  TypeTable& T = r_.types;
  auto narrow = [&](ExprId name_expr) {
    // `(m := d.get(k)) is not None`: the name the assignment expression binds.
    if (auto* ne = get_if<NamedExpr>(m_, name_expr)) name_expr = ne->target;
    if (auto* a = get_if<Attribute>(m_, name_expr)) {
      // `obj.field is not None`, obj a local instance: its field until something may change it.
      std::string key = narrowing_key(name_expr);
      auto* base = get_if<Name>(m_, a->value);
      std::string cls = class_name_of(r_.expr_type[a->value]);
      if (key.empty() || !s.fn->var_index.count(base->id) || T.kind(r_.expr_type[a->value]) != TypeKind::Class ||
          !find_field(cls, a->attr))
        return;
      TypeId ft = find_field(cls, a->attr)->type;
      if (T.kind(ft) == TypeKind::Optional) s.narrowed[key] = T.arg(ft, 0);
      return;
    }
    auto* n = get_if<Name>(m_, name_expr);
    if (!n) return;
    // A comprehension's variable (it shadows the function's names).
    for (const ScopeFrame* f = s.frame; f; f = f->parent)
      for (auto sv = f->names.rbegin(); sv != f->names.rend(); ++sv)
        if (sv->first == n->id) {
          TypeId st = r_.scoped_vars[sv->second].type;
          if (T.kind(st) == TypeKind::Optional) s.narrowed[scoped_narrowing_key(sv->second)] = T.arg(st, 0);
          return;
        }
    auto it = s.fn->var_index.find(n->id);
    if (it == s.fn->var_index.end()) return;
    TypeId vt = s.fn->vars[it->second].type;
    if (T.kind(vt) == TypeKind::Optional) s.narrowed[n->id] = T.arg(vt, 0);
  };
  if (auto* u = get_if<UnaryOp>(m_, test); u && u->op == UnaryOpKind::Not) return narrow_from_test(u->operand, !when_true, s);
  if (auto* b = get_if<BoolOp>(m_, test)) {
    // `a and b` true: both true; `a or b` false: both false.
    if (b->is_and == when_true)
      for (ExprId v : b->values) {
        if (expr_may_change_fields(v)) forget_attribute_narrowing(s);  // `x.f is not None and g(x)`
        narrow_from_test(v, when_true, s);
      }
    return;
  }
  if (get_if<Name>(m_, test) || get_if<NamedExpr>(m_, test) || get_if<Attribute>(m_, test)) {
    if (when_true) narrow(test);  // `if node:` -- a None is falsy
    return;
  }
  if (auto* call = get_if<Call>(m_, test); call && call->args.size() == 2) {
    // isinstance(x, T) on a union: x is the one alternative the test leaves, on either side.
    auto matches = r_.isinstance_matches.find(call->args[0]);
    auto* obj = get_if<Name>(m_, call->args[0]);
    if (matches != r_.isinstance_matches.end() && obj && s.fn->var_index.count(obj->id)) {
      TypeId vt = s.fn->vars[s.fn->var_index.at(obj->id)].type;
      if (T.kind(vt) != TypeKind::Union) return;
      if (auto n = s.narrowed.find(obj->id); n != s.narrowed.end()) vt = n->second;  // an earlier test narrowed it
      if (T.kind(vt) != TypeKind::Union) return;
      std::vector<TypeId> left;
      for (TypeId alt : T.get(vt).args) {
        bool matched = std::find(matches->second.begin(), matches->second.end(), alt) != matches->second.end();
        if (matched == when_true) left.push_back(alt);
      }
      // One alternative left: that type; several: the smaller union (py::narrow converts).
      if (!left.empty() && left.size() < T.get(vt).args.size()) s.narrowed[obj->id] = r_.types.union_of(left);
      return;
    }
  }
  if (auto* call = get_if<Call>(m_, test); call && when_true && call->args.size() == 2) {
    auto* fn = get_if<Name>(m_, call->func);
    auto* obj = get_if<Name>(m_, call->args[0]);
    const Class* cls = named_class(call->args[1]);
    if (fn && fn->id == "isinstance" && obj && cls && s.fn->var_index.count(obj->id)) {
      const Class& k = *cls;
      if (!k.is_exception()) s.narrowed[obj->id] = r_.types.class_of(k.name);
      // A caught exception tested for a subclass: its fields are reachable (emit: static_cast).
      TypeId now = s.narrowed.count(obj->id) ? s.narrowed.at(obj->id) : s.fn->vars[s.fn->var_index.at(obj->id)].type;
      if (k.is_exception() && T.kind(now) == TypeKind::Exception && T.derives_from(k.name, T.get(now).name))
        s.narrowed[obj->id] = r_.types.exception(k.name);
    }
    return;
  }
  auto* c = get_if<Compare>(m_, test);
  if (!c || c->ops.size() != 1) return;
  bool is_not = c->ops[0] == CmpOpKind::IsNot;
  if (c->ops[0] != CmpOpKind::Is && !is_not) return;
  ExprId other = get_if<NoneLit>(m_, c->comparators[0]) ? c->left : get_if<NoneLit>(m_, c->left) ? c->comparators[0] : kNoNode;
  if (other == kNoNode) return;
  if (is_not == when_true) narrow(other);
}

}  // namespace py2cpp::sema
