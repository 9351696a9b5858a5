// Classes: the class table (fields, class attributes, methods, bases) built from the ClassDefs
// before any body is typed, and the facts that need the whole hierarchy (virtual, const).
#include <algorithm>
#include <functional>
#include <set>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// `dataclass`, `dataclasses.dataclass`, `abc.abstractmethod` -> the last name.
std::string decorator_name(const Module& m, ExprId d) {
  if (auto* c = get_if<Call>(m, d)) d = c->func;
  if (auto* n = get_if<Name>(m, d)) return n->id;
  if (auto* a = get_if<Attribute>(m, d)) return a->attr;
  return {};
}

bool is_self_attribute(const Module& m, ExprId e, const std::string& self, std::string* attr) {
  auto* a = get_if<Attribute>(m, e);
  if (!a) return false;
  auto* n = get_if<Name>(m, a->value);
  if (!n || n->id != self) return false;
  *attr = a->attr;
  return true;
}

// The innermost base of `self.items[i].x`: true if the chain starts at `self.<field>`.
bool rooted_at_self(const Module& m, ExprId e, const std::string& self) {
  while (true) {
    if (auto* s = get_if<Subscript>(m, e)) {
      e = s->value;
      continue;
    }
    std::string attr;
    if (is_self_attribute(m, e, self, &attr)) return true;
    if (auto* a = get_if<Attribute>(m, e)) {
      e = a->value;
      // `self.child.x = 1` writes through a handle: allowed in a const method.
      return false;
    }
    return false;
  }
}

}  // namespace

bool Analyzer::is_exception_class(const std::string& name) const {
  if (is_builtin_exception(name)) return true;
  auto it = r_.class_index.find(name);
  return it != r_.class_index.end() && r_.classes[it->second].is_exception();
}

Class* Analyzer::class_named(const std::string& name) {
  auto it = r_.class_index.find(name);
  return it == r_.class_index.end() ? nullptr : &r_.classes[it->second];
}

// A method of the class being scanned (it is appended next to r_.classes): names, body, docstring.
Function Analyzer::method_of(const ClassDef& def, const FunctionDef& f, StmtId sid) const {
  Function fn;
  fn.name = def.name + "." + f.name;
  fn.method_name = f.name;
  fn.cpp_name = cpp_identifier(f.name);
  fn.stmt = sid;
  fn.body = &f.body;
  fn.owner = static_cast<int32_t>(r_.classes.size());
  if (!f.body.empty())
    if (auto* es = get_stmt_if<ExprStmt>(m_, f.body[0]))
      if (auto* doc = get_if<StrLit>(m_, es->value)) fn.docstring = doc->value;
  return fn;
}

void Analyzer::scan_class(StmtId id, const ClassDef& def) {
  Class cls;
  cls.name = def.name;
  cls.cpp_name = cpp_identifier(def.name);
  cls.stmt = id;
  auto fail = [&](StubKind kind, const std::string& why) {
    if (cls.stub_reason.empty()) cls.stub_reason = {kind, why};
  };
  if (r_.class_index.count(def.name) || r_.function_index.count(def.name)) fail(StubKind::ClassForm, "the name '" + def.name + "' is defined twice");
  bool total_ordering = false;
  for (ExprId d : def.decorators) {
    std::string name = decorator_name(m_, d);
    if (name == "total_ordering") {
      total_ordering = true;
      continue;
    }
    if (name != "dataclass") {
      fail(StubKind::UnsupportedDecorator, "class decorator '" + expr_text(d) + "' is not supported");
      continue;
    }
    cls.is_dataclass = true;
    if (auto* c = get_if<Call>(m_, d))
      for (const Keyword& k : c->keywords) {
        auto* b = get_if<BoolLit>(m_, k.value);
        if (!b) {
          fail(StubKind::ClassForm, "dataclass option '" + k.name + "' must be True or False");
        } else if (k.name == "order") {
          cls.dataclass_order = b->value;
        } else if (k.name == "frozen") {
          cls.is_frozen = b->value;
        } else if (k.name == "eq") {
          cls.dataclass_eq = b->value;
        } else if (k.name == "slots" || k.name == "kw_only" || (k.name == "match_args" && b->value)) {
          // No observable difference for typed code: C++ fields are fixed anyway (slots), and
          // valid Python already passes kw_only fields by keyword, which the call maps to positions.
        } else if (k.name != "repr" || !b->value) {
          fail(StubKind::ClassForm, "dataclass option '" + k.name + "' is not supported");
        }
      }
  }
  if (!def.keywords.empty()) fail(StubKind::ClassForm, "class keywords (metaclass=...) are not supported");
  for (ExprId b : def.bases) {
    std::string base;
    if (scan_generic_base(cls, b)) continue;  // generic_classes.cpp
    if (const Class* k = named_class(b)) {  // a class defined above, or imported from the batch
      if (cls.base >= 0 || !cls.builtin_base.empty()) {
        fail(StubKind::ClassForm, "base class '" + expr_text(b) + "' is not supported (single inheritance from a class defined above)");
        continue;
      }
      cls.base = static_cast<int32_t>(k - r_.classes.data());
      cls.builtin_base = k->builtin_base;
      if (k->is_dataclass && !cls.is_dataclass) fail(StubKind::ClassForm, "a plain class deriving from a dataclass is not supported");
      if (k->is_dataclass && !k->external_module.empty())
        fail(StubKind::ClassForm, "a dataclass deriving from a dataclass of another module is not supported yet (its field defaults "
             "stay in that module); derive in the same module");
      if (k->is_enum) fail(StubKind::EnumForm, "an enum with members cannot be subclassed");
      continue;
    }
    if (auto* n = get_if<Name>(m_, b)) base = n->id;
    if (auto* a = get_if<Attribute>(m_, b)) base = a->attr;  // abc.ABC, typing.NamedTuple
    if (base == "object" || base == "ABC") continue;
    if (base == "Enum") {
      cls.is_enum = true;
      continue;
    }
    if (base == "IntEnum") {
      cls.is_enum = cls.is_int_enum = true;
      continue;
    }
    if (base == "StrEnum" || base == "Flag" || base == "IntFlag") {
      fail(StubKind::EnumForm, "enum base '" + base + "' is not supported yet (only enum.Enum)");
      cls.is_enum = true;  // a stub: its members are not class attributes either
      continue;
    }
    if (base == "NamedTuple") {
      // A NamedTuple is an immutable record compared as a tuple: a frozen, ordered dataclass.
      cls.is_dataclass = cls.is_frozen = cls.dataclass_order = true;
      continue;
    }
    if (is_builtin_exception(base) && cls.base < 0 && cls.builtin_base.empty()) {
      cls.builtin_base = base;
      continue;
    }
    if (auto it = r_.class_index.find(base); it != r_.class_index.end() && cls.base < 0 && cls.builtin_base.empty()) {
      cls.base = static_cast<int32_t>(it->second);
      cls.builtin_base = r_.classes[it->second].builtin_base;
      if (r_.classes[it->second].is_dataclass && !cls.is_dataclass)
        fail(StubKind::ClassForm, "a plain class deriving from a dataclass is not supported");
      continue;
    }
    fail(StubKind::ClassForm, "base class '" + expr_text(b) + "' is not supported (single inheritance from a class defined above)");
  }

  if (cls.is_enum) {
    if (!def.bases.empty() && def.bases.size() != 1) fail(StubKind::EnumForm, "an enum with more than one base class");
    scan_enum_body(cls, def);
    uint32_t index = static_cast<uint32_t>(r_.classes.size());
    r_.class_index[def.name] = index;
    r_.classes.push_back(std::move(cls));
    return;
  }

  // The body: fields, class attributes, methods.
  for (size_t i = 0; i < def.body.size(); ++i) {
    StmtId sid = def.body[i];
    const StmtNode& n = m_.stmt(sid).node;
    if (i == 0)
      if (auto* es = std::get_if<ExprStmt>(&n))
        if (auto* doc = get_if<StrLit>(m_, es->value)) {
          cls.docstring = doc->value;
          continue;
        }
    if (std::holds_alternative<Pass>(n) || std::holds_alternative<Comment>(n)) continue;
    if (auto* es = std::get_if<ExprStmt>(&n); es && (get_if<StrLit>(m_, es->value) || get_if<EllipsisLit>(m_, es->value)))
      continue;
    if (auto* a = std::get_if<AnnAssign>(&n)) {
      auto* target = get_if<Name>(m_, a->target);
      if (!target) {
        fail(StubKind::ClassForm, "class-level annotation of '" + expr_text(a->target) + "'");
        continue;
      }
      bool class_var = false;
      if (auto* sub = get_if<Subscript>(m_, a->annotation))
        class_var = decorator_name(m_, sub->value) == "ClassVar";
      if (class_var || (!cls.is_dataclass && a->value != kNoNode)) {
        // Without @dataclass, `x: int = 0` at class level is a class attribute (unless `self.x`
        // is assigned too: then it is an instance field with that default; see add_self_fields).
        cls.attrs.push_back({target->id, cpp_identifier(target->id), kUnknown, sid, a->value, false});
        continue;
      }
      Field f;
      f.name = target->id;
      f.cpp_name = cpp_identifier(target->id);
      f.span = m_.stmt(sid).span;
      f.annotated = true;
      f.reason = "annotation `" + expr_text(a->annotation) + "`";
      if (a->value != kNoNode) {
        f.default_value = a->value;
        if (auto* call = get_if<Call>(m_, a->value); call && decorator_name(m_, call->func) == "field") {
          // field(default=x | default_factory=list|dict|set, compare=bool, repr=bool).
          bool ok = call->args.empty();
          f.default_value = kNoNode;
          for (const auto& k : call->keywords) {
            auto flag = [&](bool& out) {
              auto* b = get_if<BoolLit>(m_, k.value);
              ok = ok && b;
              if (b) out = b->value;
            };
            if (k.name == "default_factory") {
              std::string factory = expr_text(k.value);
              ok = ok && (factory == "list" || factory == "dict" || factory == "set");
              f.default_factory = true;
              f.default_value = a->value;  // the field(...) call: a fresh empty container (emit)
            } else if (k.name == "default") {
              f.default_value = k.value;
            } else if (k.name == "compare") {
              flag(f.compare);
            } else if (k.name == "repr") {
              flag(f.repr);
            } else {
              ok = false;
            }
          }
          if (!ok)
            fail(StubKind::ClassForm, "field(...) takes default=, default_factory=list|dict|set, compare= and repr= (True/False) here");
        }
      }
      cls.fields.push_back(std::move(f));
      continue;
    }
    if (auto* a = std::get_if<Assign>(&n)) {
      auto* target = a->targets.size() == 1 ? get_if<Name>(m_, a->targets[0]) : nullptr;
      if (!target) {
        fail(StubKind::ClassForm, "class-level assignment '" + stmt_excerpt(sid) + "'");
        continue;
      }
      cls.attrs.push_back({target->id, cpp_identifier(target->id), kUnknown, sid, a->value, false});
      continue;
    }
    if (auto* f = std::get_if<FunctionDef>(&n)) {
      Function fn = method_of(def, *f, sid);
      fn.method_kind = f->name == "__init__" ? MethodKind::Init : MethodKind::Instance;
      if (fn.method_kind == MethodKind::Init) fn.cpp_name = cls.cpp_name;  // the constructor
      for (ExprId d : f->decorators) {
        std::string dn = decorator_name(m_, d);
        if (dn == "staticmethod") {
          fn.method_kind = MethodKind::Static;
        } else if (dn == "classmethod") {
          fn.method_kind = MethodKind::ClassMethod;
        } else if (dn == "property") {
          fn.method_kind = MethodKind::Getter;
        } else if (dn == "setter" && get_if<Attribute>(m_, d)) {
          fn.method_kind = MethodKind::Setter;
          fn.name = def.name + "." + f->name + ".setter";
          fn.cpp_name = "set_" + cpp_identifier(f->name);
        } else if (dn == "abstractmethod") {
          fn.is_abstract = fn.is_virtual = true;
          cls.is_abstract = true;
        } else {
          fn.stub_reason = {StubKind::UnsupportedDecorator, "decorator '" + expr_text(d) + "' is not supported"};
        }
      }
      if (r_.function_index.count(fn.name)) {
        fail(StubKind::ClassForm, "method '" + f->name + "' is defined twice");
        continue;
      }
      cls.methods[fn.method_kind == MethodKind::Setter ? f->name + ".setter" : f->name] =
          static_cast<uint32_t>(r_.functions.size());
      r_.function_index[fn.name] = static_cast<uint32_t>(r_.functions.size());
      r_.functions.push_back(std::move(fn));
      continue;
    }
    fail(StubKind::ClassForm, "statement in a class body: '" + stmt_excerpt(sid) + "'");
  }
  if (total_ordering && !cls.dataclass_order) {  // with order=True every operator exists already
    for (const char* op : {"__ge__", "__gt__", "__le__", "__lt__"})  // ascending: the last defined wins
      if (cls.methods.count(op)) cls.total_ordering_root = op;
    if (cls.total_ordering_root.empty())
      fail(StubKind::RaisesInPython, "@total_ordering needs one of __lt__, __le__, __gt__, __ge__ (CPython raises ValueError)");
  }
  if (cls.is_dataclass && cls.methods.count("__init__")) fail(StubKind::ClassForm, "a dataclass with its own __init__ is not supported");
  if (cls.is_exception() && cls.is_dataclass) fail(StubKind::ClassForm, "an exception class cannot be a dataclass here");

  uint32_t index = static_cast<uint32_t>(r_.classes.size());
  r_.class_index[def.name] = index;
  if (cls.base >= 0) {
    if (!r_.classes[cls.base].external_module.empty() && !r_.classes[cls.base].has_subclasses && cls.stub_reason.empty())
      cls.stub_reason = {StubKind::ClassForm, "its base " + r_.classes[cls.base].name +
                                                  " was translated without subclasses (not polymorphic); name the base "
                                                  "class directly in the class statement (`class C(Base)` or `class C(m.Base)`)"};
    r_.classes[cls.base].has_subclasses = true;
    r_.types.set_base(def.name, r_.classes[cls.base].name);
  } else if (cls.is_exception()) {
    r_.types.set_base(def.name, cls.builtin_base);
  }
  r_.classes.push_back(std::move(cls));
  add_self_fields(r_.classes.back());
}

// The members of `class C(Enum)`: `NAME = <int literal> | <str literal> | auto()`, in order.
// Everything CPython would treat differently (aliases, mixed value types, methods, _missing_)
// makes the class a stub with the reason.
void Analyzer::scan_enum_body(Class& cls, const ClassDef& def) {
  auto fail = [&](const std::string& why) {
    if (cls.stub_reason.empty()) cls.stub_reason = {StubKind::EnumForm, why};
  };
  bool any_int = false, any_str = false;
  std::optional<int64_t> max_int;
  for (size_t i = 0; i < def.body.size(); ++i) {
    StmtId sid = def.body[i];
    const StmtNode& n = m_.stmt(sid).node;
    if (std::holds_alternative<Pass>(n) || std::holds_alternative<Comment>(n)) continue;
    if (auto* es = std::get_if<ExprStmt>(&n); es && get_if<StrLit>(m_, es->value)) {
      if (i == 0) cls.docstring = get_if<StrLit>(m_, es->value)->value;
      continue;
    }
    if (auto* f = std::get_if<FunctionDef>(&n)) {
      // A plain instance method: a free function of the member in C++ (`describe(Color self)`).
      if (!f->decorators.empty()) {
        fail("decorated methods (@property, @staticmethod, ...) in an enum class are not supported yet");
        continue;
      }
      if (f->name.starts_with("_")) {
        fail("method '" + f->name + "' in an enum class is not supported (it would change the enum's behaviour)");
        continue;
      }
      Function fn = method_of(def, *f, sid);
      fn.method_kind = MethodKind::Instance;
      if (r_.function_index.count(fn.name)) {
        fail("method '" + f->name + "' is defined twice");
        continue;
      }
      cls.methods[f->name] = static_cast<uint32_t>(r_.functions.size());
      r_.function_index[fn.name] = static_cast<uint32_t>(r_.functions.size());
      r_.functions.push_back(std::move(fn));
      continue;
    }
    auto* a = std::get_if<Assign>(&n);
    auto* target = a && a->targets.size() == 1 ? get_if<Name>(m_, a->targets[0]) : nullptr;
    if (!target) {
      fail("statement in an enum body: '" + stmt_excerpt(sid) + "' (only NAME = value members)");
      continue;
    }
    if (target->id.starts_with("_")) {
      fail("enum member or option '" + target->id + "' starting with '_' is not supported");
      continue;
    }
    EnumMember member;
    member.name = target->id;
    member.cpp_name = cpp_identifier(target->id);
    member.span = m_.stmt(sid).span;
    std::optional<int64_t> iv = constant_int(a->value);
    auto* call = get_if<Call>(m_, a->value);
    bool is_auto = call && call->args.empty() && call->keywords.empty() && decorator_name(m_, call->func) == "auto";
    if (is_auto) {
      if (any_str) {
        fail("auto() after a str value in enum " + cls.name + " (CPython 3.11 deprecates this)");
        continue;
      }
      iv = max_int ? *max_int + 1 : 1;
    }
    if (iv && (get_if<BoolLit>(m_, a->value) == nullptr)) {
      any_int = true;
      member.int_value = *iv;
      max_int = max_int ? std::max(*max_int, *iv) : *iv;
    } else if (auto* sv = get_if<StrLit>(m_, a->value)) {
      any_str = true;
      member.str_value = sv->value;
    } else {
      fail("enum member '" + target->id + "' must be an int or str literal or auto()");
      continue;
    }
    for (const EnumMember& other : cls.enum_members) {
      if (other.name == member.name) fail("enum member '" + member.name + "' is defined twice");
      if (any_int && !any_str && other.int_value == member.int_value)
        fail("enum alias '" + member.name + "' (same value as '" + other.name + "') is not supported");
      if (any_str && !any_int && other.str_value == member.str_value)
        fail("enum alias '" + member.name + "' (same value as '" + other.name + "') is not supported");
    }
    cls.enum_members.push_back(std::move(member));
  }
  if (any_int && any_str) fail("enum " + cls.name + " mixes int and str values");
  if (cls.is_int_enum && any_str) fail("IntEnum " + cls.name + " with str values");
  if (cls.enum_members.empty()) fail("enum " + cls.name + " has no members");
  cls.enum_str_values = any_str;
}

// Instance fields assigned in methods (`self.total = 0`), in order of appearance, __init__ first.
void Analyzer::add_self_fields(Class& cls) {
  std::vector<uint32_t> order;
  if (auto it = cls.methods.find("__init__"); it != cls.methods.end()) order.push_back(it->second);
  for (const auto& [name, index] : cls.methods)
    if (name != "__init__") order.push_back(index);
  std::sort(order.begin() + (cls.methods.count("__init__") ? 1 : 0), order.end());
  for (uint32_t fi : order) {
    const Function& fn = r_.functions[fi];
    const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
    if (fn.method_kind == MethodKind::Static || fn.method_kind == MethodKind::ClassMethod || def.params.empty()) continue;
    const std::string self = def.params[0].name;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId s : body) {
        std::vector<ExprId> targets;
        ExprId annotation = kNoNode;
        if (auto* a = get_stmt_if<Assign>(m_, s)) targets = a->targets;
        if (auto* a = get_stmt_if<AnnAssign>(m_, s)) targets = {a->target}, annotation = a->annotation;
        // `n = 0` at class level and `self.n += 1` in a method: Python reads the class value
        // once, then the instance has its own n -- an instance field that starts at 0.
        const auto* aug = get_stmt_if<AugAssign>(m_, s);
        if (aug) targets = {aug->target};
        for (ExprId t : targets) {
          std::string attr;
          if (!is_self_attribute(m_, t, self, &attr)) continue;
          if (aug && std::none_of(cls.attrs.begin(), cls.attrs.end(), [&](const ClassAttr& a) { return a.name == attr; }))
            continue;
          bool known = std::any_of(cls.fields.begin(), cls.fields.end(), [&](const Field& f) { return f.name == attr; });
          for (int32_t b = cls.base; b >= 0 && !known; b = r_.classes[b].base)
            for (const Field& f : r_.classes[b].fields) known = known || f.name == attr;
          // A property setter's `self.x = v` goes through the setter, not a field named x.
          bool is_property = cls.methods.count(attr) > 0;
          if (known || is_property) continue;
          Field f;
          f.name = attr;
          f.cpp_name = cpp_identifier(attr);
          f.span = m_.expr(t).span;
          f.annotated = annotation != kNoNode;
          if (f.annotated) f.reason = "annotation `" + expr_text(annotation) + "`";
          // `count: int = 0` at class level and `self.count = ...` in a method: an instance field.
          auto attr_it = std::find_if(cls.attrs.begin(), cls.attrs.end(), [&](const ClassAttr& a) { return a.name == attr; });
          if (attr_it != cls.attrs.end()) {
            if (auto* aa = get_stmt_if<AnnAssign>(m_, attr_it->stmt)) {
              f.annotated = true;
              f.reason = "annotation `" + expr_text(aa->annotation) + "`";
              annotation = aa->annotation;
            }
            f.default_value = attr_it->value;
            cls.attrs.erase(attr_it);
          }
          if (annotation != kNoNode) field_annotations_[cls.name + "." + attr] = annotation;
          cls.fields.push_back(std::move(f));
        }
        if (get_stmt_if<FunctionDef>(m_, s) || get_stmt_if<ClassDef>(m_, s)) continue;
        for (const Body* c : child_bodies(m_, s)) scan(*c);
      }
    };
    scan(*fn.body);
  }
}

// After every class is scanned (so hints may name any class): field and class attribute types
// from hints, the dataclass constructors, virtual dispatch and const member functions.
void Analyzer::type_classes() {
  mark_subclassed();
  for (Class& cls : r_.classes) {
    if (!cls.external_module.empty()) continue;  // typed by its own module
    GenericScope generic(*this, &cls);
    const auto& def = std::get<ClassDef>(m_.stmt(cls.stmt).node);
    for (Field& f : cls.fields) {
      // `n = 0` at class level, only changed by `self.n += 1`: the value's type (an int, float,
      // str or bool literal), as a plain `self.n = 0` in __init__ would give.
      if (!f.annotated && f.type == kUnknown && f.default_value != kNoNode &&
          (get_if<IntLit>(m_, f.default_value) || get_if<FloatLit>(m_, f.default_value) ||
           get_if<StrLit>(m_, f.default_value) || get_if<BoolLit>(m_, f.default_value))) {
        Scope s;
        f.type = infer(f.default_value, s);
        f.reason = "class attribute `" + expr_text(f.default_value) + "`";
        f.span = m_.expr(f.default_value).span;
      }
      if (!f.annotated) continue;
      ExprId ann = kNoNode;
      for (StmtId sid : def.body)
        if (auto* a = get_stmt_if<AnnAssign>(m_, sid))
          if (auto* n = get_if<Name>(m_, a->target); n && n->id == f.name) ann = a->annotation;
      if (auto it = field_annotations_.find(cls.name + "." + f.name); ann == kNoNode && it != field_annotations_.end())
        ann = it->second;
      if (ann == kNoNode) continue;
      StubReason error;
      f.type = type_from_annotation(ann, &error);
      if (f.type == kUnknown && cls.stub_reason.empty()) cls.stub_reason = {error.kind, "field '" + f.name + "': " + error.detail};
      // The default (`p: Priority = Priority.NORMAL`) is emitted in the constructor's declaration: type it.
      if (f.default_value != kNoNode && !f.default_factory && f.type != kUnknown) {
        Scope s;
        TypeId dt = infer(f.default_value, s, f.type);
        if (int_where_float(dt, f.type))
          record_int_as_float(int_as_float_fixed_, kNoNode, nullptr, m_.expr(f.default_value).span,
                              "the default of field '" + f.name + "' of " + cls.name);
      }
    }
    for (ClassAttr& a : cls.attrs) {
      if (auto* aa = get_stmt_if<AnnAssign>(m_, a.stmt)) {
        StubReason error;
        ExprId ann = aa->annotation;
        if (auto* sub = get_if<Subscript>(m_, ann); sub && decorator_name(m_, sub->value) == "ClassVar") ann = sub->index;
        a.type = type_from_annotation(ann, &error);
        if (a.type == kUnknown && cls.stub_reason.empty()) cls.stub_reason = {error.kind, "class attribute '" + a.name + "': " + error.detail};
      } else {
        Scope s;
        a.type = infer(a.value, s);
        if (a.type == kUnknown && cls.stub_reason.empty())
          cls.stub_reason = {StubKind::TypeNotInferred, "the type of class attribute '" + a.name + "' could not be inferred; add a hint"};
      }
    }
  }
  // Dataclasses get a generated __init__ over their fields (a base dataclass's fields first).
  for (uint32_t ci = 0; ci < r_.classes.size(); ++ci) {
    Class& cls = r_.classes[ci];
    if (!cls.is_dataclass || !cls.stub_reason.empty() || !cls.external_module.empty()) continue;
    // The generated constructor ends by calling __post_init__; in C++ a base's constructor would
    // call the base's version (no virtual dispatch while constructing), so only a leaf may have one.
    bool post_init_above = false;
    for (const Class* c = cls.base >= 0 ? &r_.classes[cls.base] : nullptr; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
      post_init_above = post_init_above || c->methods.count("__post_init__");
    if ((cls.methods.count("__post_init__") && cls.has_subclasses) || post_init_above) {
      cls.stub_reason = {StubKind::ClassForm, "a dataclass __post_init__ in a class hierarchy (only a dataclass without subclasses may define one)"};
      continue;
    }
    Function init;
    init.name = cls.name + ".__init__";
    init.method_name = "__init__";
    init.cpp_name = cls.cpp_name;
    init.stmt = cls.stmt;
    init.body = &kEmptyBody;
    init.owner = static_cast<int32_t>(ci);
    init.method_kind = MethodKind::Init;
    init.synthesized = true;
    init.is_const = false;
    init.return_type = kNoneType;
    init.return_annotated = true;
    std::vector<const Class*> chain;
    for (int32_t c = static_cast<int32_t>(ci); c >= 0; c = r_.classes[c].base) chain.insert(chain.begin(), &r_.classes[c]);
    Variable self;
    self.name = "self";
    self.cpp_name = "self";
    self.type = r_.types.class_of(cls.name);
    self.placement = DeclPlacement::Parameter;
    init.var_index["self"] = 0;
    init.vars.push_back(self);
    bool seen_default = false;
    for (const Class* c : chain)
      for (const Field& f : c->fields) {
        Variable v;
        v.name = f.name;
        v.cpp_name = f.cpp_name;
        v.type = f.type;
        v.reason = f.reason;
        v.span = f.span;
        v.placement = DeclPlacement::Parameter;
        v.annotated = true;
        v.default_value = f.default_value;
        if (seen_default && f.default_value == kNoNode && cls.stub_reason.empty())
          cls.stub_reason = {StubKind::ClassForm, "dataclass field '" + f.name + "' without a default follows one with a default"};
        seen_default = seen_default || f.default_value != kNoNode;
        init.var_index[f.name] = static_cast<uint32_t>(init.vars.size());
        init.vars.push_back(std::move(v));
      }
    init.num_params = init.vars.size();
    cls.methods["__init__"] = static_cast<uint32_t>(r_.functions.size());
    r_.function_index[init.name] = static_cast<uint32_t>(r_.functions.size());
    r_.functions.push_back(std::move(init));
  }
  // A class attribute redefined in a subclass is read through a virtual accessor (ClassAttr).
  for (Class& cls : r_.classes)
    for (ClassAttr& a : cls.attrs)
      for (int32_t b = cls.base; b >= 0; b = r_.classes[b].base) {
        auto base_attr = std::find_if(r_.classes[b].attrs.begin(), r_.classes[b].attrs.end(),
                                      [&](const ClassAttr& x) { return x.name == a.name; });
        if (base_attr == r_.classes[b].attrs.end()) continue;
        if (cls.stub_reason.empty() && (base_attr->type != a.type || a.mutated || base_attr->mutated))
          cls.stub_reason = {StubKind::ClassForm, "class attribute '" + a.name + "' redefines " + r_.classes[b].name + "." +
                                                      a.name +
                                                      (base_attr->type != a.type ? " with another type" : " and one of them is changed") +
                                                      " (give both the same type, and keep them constant)"};
        if (cls.stub_reason.empty() && !r_.classes[b].external_module.empty())
          cls.stub_reason = {StubKind::ClassForm, "class attribute '" + a.name + "' redefines one of " + r_.classes[b].name +
                                                      ", a class of " + r_.classes[b].external_module +
                                                      " (define the subclass in that module)"};
        base_attr->read_virtually = true;
        a.overrides = true;
        break;
      }
  // Virtual dispatch: a method overridden below its class is virtual there.
  for (Class& cls : r_.classes)
    for (auto& [name, fi] : cls.methods) {
      if (name == "__init__") continue;
      for (int32_t b = cls.base; b >= 0; b = r_.classes[b].base) {
        auto it = r_.classes[b].methods.find(name);
        if (it == r_.classes[b].methods.end()) continue;
        const Function& base = r_.functions[it->second];
        // A method of another module's class is virtual there only if that module was told
        // (subclasses_in): a non-virtual one would not dispatch to this override.
        if (!base.external_module.empty() && !base.is_virtual && cls.stub_reason.empty())
          cls.stub_reason = {StubKind::ClassForm, "method '" + name + "' overrides " + base.name + ", which is not virtual in " +
                            base.external_module + " (subclass it where the base class is named directly)"};
        r_.functions[it->second].is_virtual = true;
        r_.functions[fi].is_override = true;
      }
    }
  // Frozen dataclasses: hashable only if every compared field is (nested ones settle in a second pass).
  for (int pass = 0; pass < 2; ++pass)
    for (Class& cls : r_.classes) {
      if (!cls.is_dataclass || !cls.is_frozen || !cls.external_module.empty()) continue;
      bool ok = true;
      for (const Class* c = &cls; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
        for (const Field& f : c->fields) {
          TypeId t = r_.types.kind(f.type) == TypeKind::Optional ? r_.types.arg(f.type, 0) : f.type;  // None hashes
          if (f.compare && t != kUnknown && !is_hashable(t)) ok = false;
        }
      cls.fields_hashable = ok;
    }
  compute_constness();
  find_escaping_self();
}

// Classes of this module that importers subclass (sema/interface.hpp, subclasses_in): the methods
// they define become virtual (so the importer's overrides dispatch) and non-const (so an override
// that changes self has the same signature); the class gets a virtual destructor.
void Analyzer::mark_subclassed() {
  if (!subclassed_) return;
  for (const ExternalSubclass& sub : *subclassed_) {
    Class* cls = class_named(sub.base);
    if (!cls || !cls->external_module.empty()) continue;
    cls->has_subclasses = true;
    for (const std::string& name : sub.methods)
      if (Function* fn = find_method(sub.base, name); fn && fn->method_kind != MethodKind::Static &&
                                                      fn->method_kind != MethodKind::ClassMethod &&
                                                      fn->method_kind != MethodKind::Init) {
        fn->is_virtual = true;
        fn->is_const = false;
      }
  }
}

// `self` used other than as `self.x` (appended to a list, returned, passed along) needs a handle
// to the object: the root class derives from std::enable_shared_from_this. In __init__ no handle
// exists yet (make_shared has not returned): a class without base and subclasses then runs its
// __init__ as a method on the new handle (init_after_construction); other classes are stubs.
void Analyzer::find_escaping_self() {
  for (Function& fn : r_.functions) {
    if (fn.owner < 0 || fn.synthesized || fn.method_kind == MethodKind::Static ||
        fn.method_kind == MethodKind::ClassMethod)
      continue;
    const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
    if (def.params.empty()) continue;
    const std::string self = def.params[0].name;
    bool escapes = false;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId s : body) {
        for_each_stmt_expr(m_, s, [&](ExprId root) {
          std::set<ExprId> as_base, called;
          for_each_expr(m_, root, [&](ExprId e) {
            if (auto* c = get_if<Call>(m_, e)) {
              called.insert(c->func);
              // type(self).__name__ reads the object, it keeps no handle.
              if (auto* f = get_if<Name>(m_, c->func); f && f->id == "type" && c->args.size() == 1)
                as_base.insert(c->args[0]);
            }
          });
          for_each_expr(m_, root, [&](ExprId e) {
            auto* a = get_if<Attribute>(m_, e);
            if (!a) return;
            // `self.on_event` not called: a bound method holds a handle to self.
            const Function* m = called.count(e) ? nullptr : find_method(r_.classes[fn.owner].name, a->attr);
            if (!m || m->method_kind != MethodKind::Instance) as_base.insert(a->value);
          });
          for_each_expr(m_, root, [&](ExprId e) {
            auto* n = get_if<Name>(m_, e);
            if (n && n->id == self && !as_base.count(e)) escapes = true;
          });
        });
        if (get_stmt_if<FunctionDef>(m_, s) && !r_.nested_functions.count(s)) continue;  // nested: sees self
        for (const Body* c : child_bodies(m_, s)) scan(*c);
      }
    };
    scan(*fn.body);
    if (!escapes) continue;
    Class* root = &r_.classes[fn.owner];
    if (root->is_exception()) continue;  // a value: `*this`
    bool constructing = fn.method_kind == MethodKind::Init || (root->is_dataclass && fn.method_name == "__post_init__");
    // A plain class of its own (no base, no subclass whose constructor would need its own):
    // __init__ runs on the handle after make_shared, as Python's does on the new object.
    bool after = fn.method_kind == MethodKind::Init && root->base < 0 && !root->has_subclasses && !root->is_dataclass &&
                 root->external_module.empty();
    if (constructing && after) {
      root->init_after_construction = true;
      fn.cpp_name = "__init__";
    } else if (constructing && root->stub_reason.empty()) {
      root->stub_reason = {StubKind::ClassForm, "`self` is used as a value inside __init__ (no shared handle exists yet; only a class "
                          "without base and subclasses runs __init__ after construction); move that into a method "
                          "called after construction"};
    }
    while (root->base >= 0) root = &r_.classes[root->base];
    if (!root->external_module.empty() && !root->self_escapes) {
      Class& cls = r_.classes[fn.owner];
      if (cls.stub_reason.empty())
        cls.stub_reason = {StubKind::ClassForm, "`self` is used as a value, but the base class " + root->name +
                          " (another module) holds no shared handle to itself"};
      continue;
    }
    root->self_escapes = true;
  }
}

// A method is a const member function unless it assigns one of self's fields, mutates a field
// container in place, or calls a non-const method of self. `self.child.x = 1` writes through a
// handle and keeps the method const, as C++ allows.
void Analyzer::compute_constness() {
  bool changed = true;
  for (Function& fn : r_.functions)
    if (fn.owner >= 0 && (fn.method_kind == MethodKind::Init || fn.method_kind == MethodKind::Setter ||
                          fn.method_kind == MethodKind::Static || fn.method_kind == MethodKind::ClassMethod))
      fn.is_const = false;
  while (changed) {
    changed = false;
    for (Function& fn : r_.functions) {
      if (fn.owner < 0 || !fn.is_const || fn.synthesized) continue;
      const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
      if (def.params.empty()) continue;
      const std::string self = def.params[0].name;
      const Class& cls = r_.classes[fn.owner];
      bool mutates = false;
      // `book = self.bids if buy else self.asks`: a local bound to self's containers is a C++
      // reference to them (check_aliasing), so changing it changes self.
      std::set<std::string> borrowed;
      std::function<bool(ExprId)> self_field = [&](ExprId v) {
        if (auto* ie = get_if<IfExp>(m_, v)) return self_field(ie->body) && self_field(ie->orelse);
        std::string attr;
        return is_self_attribute(m_, v, self, &attr);
      };
      std::function<void(const Body&)> find_borrows = [&](const Body& body) {
        for (StmtId s : body) {
          if (auto* a = get_stmt_if<Assign>(m_, s); a && a->targets.size() == 1 && self_field(a->value))
            if (auto* n = get_if<Name>(m_, a->targets[0])) borrowed.insert(n->id);
          if (auto* a = get_stmt_if<AnnAssign>(m_, s); a && a->value != kNoNode && self_field(a->value))
            if (auto* n = get_if<Name>(m_, a->target)) borrowed.insert(n->id);
          if (get_stmt_if<FunctionDef>(m_, s) && !r_.nested_functions.count(s)) continue;  // nested: sees self
          for (const Body* c : child_bodies(m_, s)) find_borrows(*c);
        }
      };
      find_borrows(*fn.body);
      auto changes_self = [&](ExprId e) {
        if (rooted_at_self(m_, e, self)) return true;
        while (auto* sub = get_if<Subscript>(m_, e)) e = sub->value;
        auto* n = get_if<Name>(m_, e);
        return n && borrowed.count(n->id) > 0;
      };
      std::function<void(const Body&)> scan = [&](const Body& body) {
        for (StmtId s : body) {
          const StmtNode& n = m_.stmt(s).node;
          // `self.parent[x], x = root, self.parent[x]`: each item of a tuple target counts.
          std::function<bool(ExprId)> target_changes_self = [&](ExprId t) {
            if (auto* tl = get_if<TupleLit>(m_, t))
              return std::any_of(tl->elts.begin(), tl->elts.end(), target_changes_self);
            if (auto* st = get_if<Starred>(m_, t)) return target_changes_self(st->value);
            return get_if<Subscript>(m_, t) ? changes_self(t) : rooted_at_self(m_, t, self);
          };
          if (auto* a = std::get_if<Assign>(&n))
            for (ExprId t : a->targets) mutates = mutates || target_changes_self(t);
          // `for row in self.rows: row.append(0)`: the loop variable is the field's item (the
          // mutation flags exist from the second run on, after inference).
          if (auto* f = std::get_if<For>(&n)) {
            ExprId iter = f->iter;
            if (auto* c = get_if<Call>(m_, iter))
              if (auto* at = get_if<Attribute>(m_, c->func)) iter = at->value;  // self.d.items()
            std::vector<ExprId> names = {f->target};
            if (auto* tl = get_if<TupleLit>(m_, f->target)) names = tl->elts;
            for (ExprId t : names)
              if (auto* tn = get_if<Name>(m_, t))
                if (auto it = fn.var_index.find(tn->id); it != fn.var_index.end() && fn.vars[it->second].mutated &&
                                                           changes_self(iter))
                  mutates = true;
            // `for i, row in enumerate(self.rows): row.append(i)`, and zip(self.rows, ...).
            for (auto [t, source] : view_item_sources(*f))
              if (auto* tn = get_if<Name>(m_, t))
                if (auto it = fn.var_index.find(tn->id);
                    it != fn.var_index.end() && fn.vars[it->second].mutated && changes_self(source))
                  mutates = true;
          }
          if (auto* a = std::get_if<AnnAssign>(&n)) mutates = mutates || rooted_at_self(m_, a->target, self);
          if (auto* a = std::get_if<AugAssign>(&n)) mutates = mutates || changes_self(a->target);
          if (auto* d = std::get_if<Delete>(&n))
            for (ExprId t : d->targets) mutates = mutates || changes_self(t);
          for_each_stmt_expr(m_, s, [&](ExprId root) {
            for_each_expr(m_, root, [&](ExprId e) {
              auto* c = get_if<Call>(m_, e);
              auto* at = c ? get_if<Attribute>(m_, c->func) : nullptr;
              // `self._best(self.asks)` where _best changes its parameter in place (inferred).
              if (auto t = r_.call_target.find(e); c && t != r_.call_target.end()) {
                const Function& callee = r_.functions[t->second];
                const std::vector<ExprId>& args = r_.call_args[e];
                for (size_t i = 0; i < args.size() && i < callee.vars.size(); ++i) {
                  const Variable& p = callee.vars[i];
                  if (args[i] != kNoNode && p.mutated && !p.rebound && !p.by_value && changes_self(args[i])) mutates = true;
                }
              }
              // heapq.heappush(self.queue, x), insort(self.items, x) ... change a field.
              if (c && !c->args.empty() && changes_self(c->args[0])) {
                std::string callee;
                if (auto* n = get_if<Name>(m_, c->func))
                  if (auto it = from_imports_.find(n->id); it != from_imports_.end()) callee = it->second;
                if (auto* mod = at ? get_if<Name>(m_, at->value) : nullptr; mod && is_stdlib_module(mod->id))
                  callee = mod->id + "." + at->attr;
                if (stdlib_mutates_first_argument(callee)) mutates = true;
              }
              if (!at) return;
              if (mutating_methods().count(at->attr) && changes_self(at->value)) mutates = true;
              if (auto* base = get_if<Name>(m_, at->value); base && base->id == self) {
                for (const Class* k = &cls; k; k = k->base >= 0 ? &r_.classes[k->base] : nullptr)
                  if (auto it = k->methods.find(at->attr); it != k->methods.end()) {
                    if (!r_.functions[it->second].is_const) mutates = true;
                    break;
                  }
              }
            });
          });
          if (get_stmt_if<FunctionDef>(m_, s) && !r_.nested_functions.count(s)) continue;  // nested: sees self
          for (const Body* c : child_bodies(m_, s)) scan(*c);
        }
      };
      scan(*fn.body);
      if (mutates) {
        fn.is_const = false;
        changed = true;
      }
    }
    // An override has the constness of what it overrides (C++ needs one signature), and the other way round.
    for (Function& fn : r_.functions) {
      if (fn.owner < 0 || !fn.is_override) continue;
      for (Function* bp = overridden_method(fn); bp; bp = overridden_method(*bp)) {
        Function& base = *bp;
        if (!base.external_module.empty()) {
          // Its module fixed the signature: an override that changes self cannot be const there.
          if (base.is_const && !fn.is_const && r_.classes[fn.owner].stub_reason.empty())
            r_.classes[fn.owner].stub_reason = {StubKind::ClassForm, "method '" + fn.method_name + "' changes self but overrides " + base.name +
                                               ", a const member function of " + base.external_module};
          if (!base.is_const && fn.is_const) {
            fn.is_const = false;
            changed = true;
          }
          break;
        }
        if (base.is_const != fn.is_const) {
          base.is_const = fn.is_const = false;
          changed = true;
        }
      }
    }
  }
}

// The nearest definition of method `fn` in a base class of its owner, or nullptr.
Function* Analyzer::overridden_method(const Function& fn) {
  if (fn.owner < 0) return nullptr;
  for (int32_t b = r_.classes[fn.owner].base; b >= 0; b = r_.classes[b].base)
    if (auto it = r_.classes[b].methods.find(fn.method_name); it != r_.classes[b].methods.end())
      return &r_.functions[it->second];
  return nullptr;
}

// The field `name` of class `cls` or of one of its bases.
Field* Analyzer::find_field(const std::string& cls, const std::string& name, int32_t* owner) {
  for (Class* c = class_named(cls); c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
    for (Field& f : c->fields)
      if (f.name == name) {
        if (owner) *owner = static_cast<int32_t>(c - r_.classes.data());
        return &f;
      }
  return nullptr;
}

Function* Analyzer::find_method(const std::string& cls, const std::string& name) {
  for (Class* c = class_named(cls); c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
    if (auto it = c->methods.find(name); it != c->methods.end()) return &r_.functions[it->second];
  return nullptr;
}

ClassAttr* Analyzer::find_class_attr(const std::string& cls, const std::string& name) {
  for (Class* c = class_named(cls); c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
    for (ClassAttr& a : c->attrs)
      if (a.name == name) return &a;
  return nullptr;
}

}  // namespace py2cpp::sema
