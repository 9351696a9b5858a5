// The sema driver: scan the module, type the signatures, then infer every body to a fixed point.
#include <algorithm>
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"
#include "sema/exceptions.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// The reason of an import stub: the modules that do translate (sema/stdlib.cpp).
// is_stdlib_module (stdlib.cpp) and is_annotation_only_module below, plus the modules of the batch.
constexpr const char* kSupportedModules =
    "supported: math, random, heapq, bisect, collections, itertools, functools, operator, sys, dataclasses, string, "
    "enum, abc, typing, typing_extensions, collections.abc, __future__ and the modules translated in the same batch";

// Names bound by an assignment target (`x`, `a, b`, `[p, q]`).
void target_names(const Module& m, ExprId e, std::vector<std::string>& out) {
  const ExprNode& n = m.exprs[e].node;
  if (auto* name = std::get_if<Name>(&n)) out.push_back(name->id);
  if (auto* t = std::get_if<TupleLit>(&n))
    for (ExprId x : t->elts) target_names(m, x, out);
  if (auto* l = std::get_if<ListLit>(&n))
    for (ExprId x : l->elts) target_names(m, x, out);
  if (auto* s = std::get_if<Starred>(&n)) target_names(m, s->value, out);
}

// Every name a statement binds, including in nested blocks (but not in nested functions' bodies).
void bound_names(const Module& m, StmtId s, std::vector<std::string>& out) {
  const StmtNode& n = m.stmts[s].node;
  if (auto* a = std::get_if<Assign>(&n))
    for (ExprId t : a->targets) target_names(m, t, out);
  if (auto* a = std::get_if<AnnAssign>(&n)) target_names(m, a->target, out);
  if (auto* a = std::get_if<AugAssign>(&n)) target_names(m, a->target, out);
  if (auto* f = std::get_if<For>(&n)) target_names(m, f->target, out);
  if (auto* w = std::get_if<With>(&n))
    for (const auto& i : w->items)
      if (i.target != kNoNode) target_names(m, i.target, out);
  if (auto* t = std::get_if<Try>(&n))
    for (const auto& h : t->handlers)
      if (!h.name.empty()) out.push_back(h.name);
  if (auto* mt = std::get_if<Match>(&n))
    for (const auto& c : mt->cases) {
      std::vector<ExprId> captures;
      pattern_captures(m, c.pattern, captures);
      for (ExprId x : captures) out.push_back(std::get<Name>(m.exprs[x].node).id);
    }
  if (auto* f = std::get_if<FunctionDef>(&n)) {
    out.push_back(f->name);
    return;
  }
  if (auto* c = std::get_if<ClassDef>(&n)) {
    out.push_back(c->name);
    return;
  }
  // `while (line := next_line()) != ""`, `[y for x in xs if (y := f(x))]`: the function's names.
  for (ExprId t : walrus_targets(m, s)) out.push_back(std::get<Name>(m.exprs[t].node).id);
  for (const Body* b : child_bodies(m, s))
    for (StmtId c : *b) bound_names(m, c, out);
}

// Names a body declares `global` (or, in a nested function, `nonlocal`): not its locals.
void global_names(const Module& m, const Body& body, std::vector<std::string>& out) {
  for (StmtId s : body) {
    if (auto* g = std::get_if<ast::Global>(&m.stmts[s].node)) out.insert(out.end(), g->names.begin(), g->names.end());
    if (auto* g = std::get_if<Nonlocal>(&m.stmts[s].node)) out.insert(out.end(), g->names.begin(), g->names.end());
    if (std::holds_alternative<FunctionDef>(m.stmts[s].node) || std::holds_alternative<ClassDef>(m.stmts[s].node))
      continue;
    for (const Body* b : child_bodies(m, s)) global_names(m, *b, out);
  }
}

// A fresh C++ name for `name` that no other variable of the function uses yet.
std::string unique_cpp_name(const Function& fn, const std::string& name) {
  std::string c = cpp_identifier(name);
  auto taken = [&](const std::string& x) {
    return std::any_of(fn.vars.begin(), fn.vars.end(), [&](const Variable& v) { return v.cpp_name == x; });
  };
  while (taken(c)) c += "_";
  return c;
}

void add_local(Function& fn, const std::string& name) {
  if (fn.var_index.count(name)) return;
  Variable v;
  v.name = name;
  v.cpp_name = unique_cpp_name(fn, name);
  fn.var_index[name] = static_cast<uint32_t>(fn.vars.size());
  fn.vars.push_back(std::move(v));
}

}  // namespace

Analyzer::Analyzer(const Module& m, const std::vector<ModuleInterface>* imports, const std::vector<ExternalSubclass>* subclassed)
    : m_(m), imports_(imports), subclassed_(subclassed) {}

bool Analyzer::is_annotation_only_module(const std::string& name) {
  return name == "typing" || name == "__future__" || name == "collections.abc" || name == "abc" ||
         name == "dataclasses" || name == "typing_extensions" || name == "enum";
}

void Analyzer::unsupported(Scope& s, StubKind kind, const std::string& detail) {
  if (s.stmt == kNoNode) return;
  StubReason& slot = r_.stmt_stub[s.stmt];
  if (slot.empty()) slot = {kind, detail};
}

void Analyzer::warn(DiagKind kind, const Span& span, const std::string& message) {
  r_.diagnostics.push_back({kind, m_.path, span.line, span.col, message, {}});
}

Function* Analyzer::function_named(const std::string& name) {
  auto it = r_.function_index.find(name);
  return it == r_.function_index.end() ? nullptr : &r_.functions[it->second];
}

bool Analyzer::is_main_guard(const If& node) const {
  auto* c = get_if<Compare>(m_, node.test);
  if (!c || c->ops.size() != 1 || c->ops[0] != CmpOpKind::Eq) return false;
  auto is_name = [&](ExprId e) {
    auto* n = get_if<Name>(m_, e);
    return n && n->id == "__name__";
  };
  auto is_main = [&](ExprId e) {
    auto* s = get_if<StrLit>(m_, e);
    return s && s->value == "__main__";
  };
  return (is_name(c->left) && is_main(c->comparators[0])) || (is_main(c->left) && is_name(c->comparators[0]));
}

std::string Analyzer::stmt_excerpt(StmtId id) const {
  std::string_view t = m_.text(m_.stmt(id).span);
  t = t.substr(0, t.find('\n'));
  std::string s(t.substr(0, 60));
  if (t.size() > 60) s += "...";
  return s;
}

void Analyzer::scan_module() {
  std::vector<std::string> module_bound;
  for (StmtId id : m_.body) {
    const Stmt& st = m_.stmt(id);
    if (auto* f = std::get_if<FunctionDef>(&st.node)) {
      Function fn;
      fn.name = f->name;
      fn.cpp_name = cpp_identifier(f->name);
      fn.stmt = id;
      fn.body = &f->body;
      if (!f->body.empty())
        if (auto* es = get_stmt_if<ExprStmt>(m_, f->body[0]))
          if (auto* doc = get_if<StrLit>(m_, es->value)) fn.docstring = doc->value;
      if (r_.function_index.count(f->name)) {
        warn(DiagKind::UnsupportedConstruct, st.span, "function '" + f->name + "' is defined twice; the first definition is used");
        continue;
      }
      r_.function_index[f->name] = static_cast<uint32_t>(r_.functions.size());
      r_.functions.push_back(std::move(fn));
      continue;
    }
    if (auto* imp = std::get_if<Import>(&st.node)) {
      if (import_module(id, *imp)) continue;
      for (const auto& a : imp->names) {
        if (is_stdlib_module(a.name) && a.asname.empty()) {
          r_.imports.push_back(a.name);
        } else if (!is_annotation_only_module(a.name)) {
          r_.stmt_stub[id] = {StubKind::UnsupportedImport, "import of module '" + a.name + "' (" + kSupportedModules + ")"};
        }
      }
      continue;
    }
    if (auto* imp = std::get_if<ImportFrom>(&st.node)) {
      // Modules whose names only decorate or annotate (dataclass, ABC, Optional): nothing to import in C++.
      if (imp->module == "dataclasses")  // replace/asdict/astuple are calls (stdlib_dataclasses.cpp)
        for (const auto& a : imp->names)
          if (a.name == "replace" || a.name == "asdict" || a.name == "astuple")
            from_imports_[a.asname.empty() ? a.name : a.asname] = "dataclasses." + a.name;
      if (is_annotation_only_module(imp->module)) continue;
      if (import_from_module(id, *imp)) continue;
      if (is_stdlib_module(imp->module) && imp->level == 0) {
        for (const auto& a : imp->names) from_imports_[a.asname.empty() ? a.name : a.asname] = imp->module + "." + a.name;
        continue;
      }
      r_.stmt_stub[id] = {StubKind::UnsupportedImport, "import from module '" + imp->module + "' (" + kSupportedModules + ")"};
      continue;
    }
    if (auto* iff = std::get_if<If>(&st.node); iff && is_main_guard(*iff)) {
      r_.has_main = true;
      r_.main.stmt = id;
      r_.main.body = &iff->body;
      continue;
    }
    if (std::holds_alternative<Comment>(st.node)) continue;
    if (auto* es = std::get_if<ExprStmt>(&st.node); es && get_if<StrLit>(m_, es->value)) continue;  // docstring
    if (auto* c = std::get_if<ClassDef>(&st.node)) {
      // `class Shape(Protocol)`: a structural type for the type checker only; nothing to run.
      // Hints naming it are stubs (annotations.cpp): C++ has no structural types.
      if (std::any_of(c->bases.begin(), c->bases.end(), [&](ExprId b) {
            if (auto* sub = get_if<Subscript>(m_, b)) b = sub->value;
            return annotation_head(m_, b) == "Protocol";
          })) {
        protocols_.insert(c->name);
        continue;
      }
      scan_class(id, *c);
      continue;
    }
    if (scan_type_var(id) || scan_type_alias(id)) continue;
    bound_names(m_, id, module_bound);
    r_.init_stmts.push_back(id);
  }
  r_.from_imports = from_imports_;
  for (const auto& name : module_bound) {
    if (r_.global_index.count(name)) continue;
    Global g;
    g.name = name;
    g.cpp_name = cpp_identifier(name);
    r_.global_index[name] = static_cast<uint32_t>(r_.globals.size());
    r_.globals.push_back(std::move(g));
  }
  // A global's declaration carries its first simple assignment as initializer.
  for (StmtId id : r_.init_stmts) {
    const StmtNode& n = m_.stmt(id).node;
    ExprId target = kNoNode, value = kNoNode;
    if (auto* a = std::get_if<Assign>(&n); a && a->targets.size() == 1) target = a->targets[0], value = a->value;
    if (auto* a = std::get_if<AnnAssign>(&n); a && a->value != kNoNode) target = a->target, value = a->value;
    auto* name = target == kNoNode ? nullptr : get_if<Name>(m_, target);
    if (!name) continue;
    Global& g = r_.globals[r_.global_index[name->id]];
    if (g.stmt == kNoNode) {
      g.stmt = id;
      g.value = value;
    }
  }
  std::vector<std::string> declared;
  for (const Function& fn : r_.functions)
    if (fn.owner < 0) declared.push_back(fn.cpp_name);
  for (const Class& cls : r_.classes)
    if (cls.external_module.empty()) declared.push_back(cls.cpp_name);
  for (const Global& g : r_.globals)
    if (g.external_module.empty()) declared.push_back(g.cpp_name);
  r_.namespace_name = namespace_identifier(m_.name, declared);
  scan_nested_functions();
}

void Analyzer::type_signatures() {
  for (Function& fn : r_.functions) {
    if (fn.synthesized) continue;
    GenericScope generic(*this, fn);
    const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
    auto fail = [&](StubKind stub, const std::string& why, DiagKind kind, const Span& span) {
      if (fn.stub_reason.empty()) {
        fn.stub_reason = {stub, why};
        warn(kind, span, why);
      }
      fn.signature_ok = false;
      unavailable_functions_.insert(fn.name);
    };
    const Class* owner = fn.owner >= 0 ? &r_.classes[fn.owner] : nullptr;
    for (ExprId d : owner ? std::vector<ExprId>{} : def.decorators) {
      std::string error;
      if (fn.parent < 0 && def.decorators.size() == 1 && memo_decorator(d, &fn.cache_maxsize, &error)) {
        fn.memoized = error.empty();
        if (!error.empty()) fail(StubKind::UnsupportedDecorator, error, DiagKind::UnsupportedConstruct, m_.expr(d).span);
      } else {
        fail(StubKind::UnsupportedDecorator, "decorators are not supported yet (functools.cache and lru_cache are, on module functions)",
             DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
      }
    }
    if (owner && !owner->stub_reason.empty())
      fail(owner->stub_reason.kind, "class " + owner->name + ": " + owner->stub_reason.detail, DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    if (!fn.stub_reason.empty()) fail(fn.stub_reason.kind, fn.stub_reason.detail, DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    if (def.is_async) fail(StubKind::Async, "async functions are not supported", DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    // `self` (or `cls`) is typed by the class; a static method has no such parameter.
    bool has_self = owner && fn.method_kind != MethodKind::Static;
    if (has_self && (def.params.empty() || def.params[0].kind != ParamKind::Positional))
      fail(StubKind::ClassForm, "method '" + fn.method_name + "' has no self parameter", DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    for (const Param& p : def.params) {
      if (has_self && &p == &def.params[0]) {
        Variable v;
        v.name = p.name;
        v.cpp_name = p.name == "self" ? "self" : unique_cpp_name(fn, p.name);
        v.placement = DeclPlacement::Parameter;
        v.span = p.span;
        v.annotated = true;
        v.type = fn.method_kind == MethodKind::ClassMethod ? r_.types.class_ref(owner->name) : instance_type(*owner);
        v.reason = fn.method_kind == MethodKind::ClassMethod ? "the class of a classmethod" : "the instance (self)";
        fn.var_index[p.name] = 0;
        fn.vars.push_back(std::move(v));
        continue;
      }
      if (p.kind == ParamKind::KwArgs) {
        fail(StubKind::Kwargs, "**kwargs parameters are not supported yet (name the keyword parameters)", DiagKind::UnsupportedConstruct, p.span);
        continue;
      }
      if (p.kind == ParamKind::VarArgs) {
        // `*args: T` is a tuple[T, ...]: a py::vtuple<T> (a std::vector that prints as a tuple)
        // the call sites fill.
        StubReason error;
        TypeId el = p.annotation == kNoNode ? kUnknown : type_from_annotation(p.annotation, &error);
        if (el == kUnknown) {
          fail(StubKind::UntypedParameter, "parameter '*" + p.name + "' has no type hint; add one (e.g. *" + p.name + ": int)", DiagKind::UntypedParameter, p.span);
          continue;
        }
        Variable v;
        v.name = p.name;
        v.cpp_name = unique_cpp_name(fn, p.name);
        v.placement = DeclPlacement::Parameter;
        v.param_kind = ParamKind::VarArgs;
        v.span = p.span;
        v.annotated = true;
        v.type = r_.types.vtuple_of(el);
        v.reason = "`*" + p.name + ": " + expr_text(p.annotation) + "` (a tuple of " + r_.types.python_name(el) + ")";
        fn.var_index[p.name] = static_cast<uint32_t>(fn.vars.size());
        fn.vars.push_back(std::move(v));
        continue;
      }
      Variable v;
      v.name = p.name;
      v.cpp_name = unique_cpp_name(fn, p.name);
      v.placement = DeclPlacement::Parameter;
      v.default_value = p.default_value;
      v.param_kind = p.kind;
      v.span = p.span;
      v.annotated = true;
      std::string exit_reason;  // __exit__(self, exc_type, exc, tb): sema/with_stmt.cpp
      if (TypeId et = exit_parameter_type(fn, static_cast<size_t>(&p - &def.params[0]), &exit_reason); et != kUnknown) {
        v.type = et;
        v.reason = exit_reason;
      } else if (p.annotation != kNoNode) {
        StubReason error;
        v.type = type_from_annotation(p.annotation, &error);
        v.reason = "annotation `" + expr_text(p.annotation) + "`";
        auto* hinted = get_if<Subscript>(m_, p.annotation);
        const std::string head = hinted ? annotation_head(m_, hinted->value) : "";
        v.read_only_iterable = r_.types.kind(v.type) == TypeKind::List && (head == "Iterable" || head == "Collection");
        // `def __eq__(self, other: object)`: py2cpp compares instances of one class only.
        if (owner && (fn.method_name == "__eq__" || fn.method_name == "__ne__") && annotation_head(m_, p.annotation) == "object") {
          v.type = instance_type(*owner);
          v.reason = "the other operand of " + fn.method_name + " (an instance of " + owner->name + " or None)";
        }
        if (v.type == kUnknown) fail(error.empty() ? StubKind::UnsupportedTypeHint : error.kind, "parameter '" + p.name + "': " + error.detail, DiagKind::UntypedParameter, p.span);
        if (p.default_value != kNoNode && v.type != kUnknown) {
          Scope s;
          TypeId dt = infer(p.default_value, s, v.type);
          if (int_where_float(dt, v.type) && float_slot_visible(fn, p.name))
            record_int_as_float(int_as_float_fixed_, kNoNode, &fn, m_.expr(p.default_value).span,
                                "the default of parameter '" + p.name + "'");
          if (dt != kUnknown && r_.types.unify(v.type, dt) != v.type)
            fail(StubKind::TypeMismatch, "default value of '" + p.name + "' does not match its hint", DiagKind::TypeMismatch, p.span);
          // Python builds `p: Pt = Pt(0)` once, when the def runs, and every call shares that object.
          if (r_.types.kind(v.type) == TypeKind::Class && get_if<Call>(m_, p.default_value))
            fail(StubKind::MutableDefault, "a class instance as the default of '" + p.name + "' (Python creates it once and shares it "
                 "across calls); default to None and create it in the body",
                 DiagKind::UnsupportedConstruct, p.span);
        }
      } else if (p.default_value != kNoNode) {
        Scope s;
        v.type = infer(p.default_value, s);
        v.reason = "default value `" + expr_text(p.default_value) + "`";
        if (v.type == kUnknown || v.type == kNoneType)
          fail(StubKind::UntypedParameter, "parameter '" + p.name + "' has no type hint", DiagKind::UntypedParameter, p.span);
      } else {
        fail(StubKind::UntypedParameter, "parameter '" + p.name + "' has no type hint; add one (e.g. " + p.name + ": int)",
             DiagKind::UntypedParameter, p.span);
      }
      fn.var_index[p.name] = static_cast<uint32_t>(fn.vars.size());
      fn.vars.push_back(std::move(v));
    }
    fn.num_params = fn.vars.size();
    for (size_t i = 0; i < fn.num_params && fn.memoized; ++i)
      if (fn.vars[i].type != kUnknown && !is_hashable(fn.vars[i].type))
        fail(StubKind::UnhashableKey, "the cache needs hashable arguments; '" + fn.vars[i].name + "' is a " + r_.types.python_name(fn.vars[i].type) +
                 " (pass a tuple)", DiagKind::UnsupportedConstruct, fn.vars[i].span);
    fn.is_generator = contains_yield(m_, def.body);
    // `return iter(self.items)` in __iter__ iterates the field as `yield from self.items` would.
    if (!fn.is_generator && fn.method_name == "__iter__" && iter_delegate_value(m_, def.body) != kNoNode)
      fn.is_generator = fn.iter_delegate = true;
    if (fn.memoized && fn.is_generator) fail(StubKind::UnsupportedDecorator, "a cached generator function", DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    if (fn.is_generator) {
      generator_signature(fn, def);
    } else if (fn.method_kind == MethodKind::Init) {
      fn.return_type = kNoneType;
      fn.return_annotated = true;
      fn.return_reason = "a constructor";
    } else if (def.returns != kNoNode) {
      StubReason error;
      fn.return_type = type_from_annotation(def.returns, &error);
      fn.return_annotated = true;
      fn.return_reason = "annotation `" + expr_text(def.returns) + "`";
      if (fn.return_type == kUnknown) fail(error.empty() ? StubKind::UnsupportedTypeHint : error.kind, "return type: " + error.detail, DiagKind::UntypedParameter, m_.expr(def.returns).span);
    } else {
      fn.return_type = kUnknown;  // inferred from the return statements
    }
    if (fn.signature_ok) {
      std::string error;
      generic_signature(fn, &error);
      if (!error.empty()) fail(StubKind::GenericForm, error, DiagKind::UnsupportedConstruct, m_.stmt(fn.stmt).span);
    }
    // Locals: every name bound in the body (Python's rule), minus `global` declarations.
    std::vector<std::string> names, globals;
    for (StmtId s : def.body) bound_names(m_, s, names);
    global_names(m_, def.body, globals);
    for (const auto& n : names)
      if (std::find(globals.begin(), globals.end(), n) == globals.end()) add_local(fn, n);
    if (fn.parent >= 0) capture_enclosing(fn);
  }
  if (r_.has_main) {
    std::vector<std::string> names;
    for (StmtId s : *r_.main.body) bound_names(m_, s, names);
    for (const auto& n : names) add_local(r_.main, n);
    r_.main.return_type = kNoneType;
    r_.main.return_annotated = true;
  }
}

void Analyzer::analyze_functions() {
  // Types only ever grow (unify), so this reaches a fixed point; the bound is a safety net.
  for (int round = 0; round < 12; ++round) {
    changed_ = false;
    std::fill(r_.stmt_stub.begin(), r_.stmt_stub.end(), StubReason{});
    int_as_float_.clear();
    generator_args_.clear();
    r_.call_args.clear();
    r_.call_target.clear();
    r_.call_type_args.clear();
    r_.call_param_types.clear();
    Scope module_scope;
    for (StmtId id : r_.init_stmts) infer_stmt(id, module_scope);
    for (Function& fn : r_.functions) {
      if (!fn.signature_ok) continue;
      Scope s{&fn, kNoNode};
      current_fn_ = &fn;
      GenericScope generic(*this, fn);
      if (fn.parent >= 0) captures_in(fn);
      infer_body(*fn.body, s);
      if (fn.parent >= 0) captures_out(fn);
      current_fn_ = nullptr;
    }
    if (r_.has_main) {
      Scope s{&r_.main, kNoNode};
      infer_body(*r_.main.body, s);
    }
    if (unify_override_params()) changed_ = true;  // callers passing such an argument: next round
    if (!changed_ && !needs_changed_) break;
    needs_changed_ = false;
  }
  check_type_param_scope();
  // Unannotated functions without a `return value` return None.
  for (Function& fn : r_.functions)
    if (!fn.return_annotated && fn.return_type == kUnknown && !fn.is_generator) {
      bool returns_value = false;
      std::function<void(const Body&)> scan = [&](const Body& b) {
        for (StmtId s : b) {
          if (auto* r = get_stmt_if<Return>(m_, s); r && r->value != kNoNode) returns_value = true;
          if (!get_stmt_if<FunctionDef>(m_, s))
            for (const Body* c : child_bodies(m_, s)) scan(*c);
        }
      };
      scan(*fn.body);
      if (!returns_value) {
        fn.return_type = kNoneType;
        fn.return_reason = "no return statement with a value";
      }
    }
}

void Analyzer::escalate_stubs(Function& fn) {
  if (!fn.stub_reason.empty()) return;
  // A stubbed statement that binds a variable leaves it without a value: stub the whole function.
  std::function<bool(const Body&)> scan = [&](const Body& b) {
    for (StmtId s : b) {
      if (!r_.stmt_stub[s].empty()) {
        std::vector<std::string> names;
        bound_names(m_, s, names);
        if (!names.empty()) {
          fn.stub_reason = {r_.stmt_stub[s].kind, r_.stmt_stub[s].detail + " (line " + std::to_string(m_.stmt(s).span.line) + ")"};
          return true;
        }
        continue;
      }
      for (const Body* c : child_bodies(m_, s))
        if (scan(*c)) return true;
    }
    return false;
  };
  if (scan(*fn.body)) return;
  for (size_t i = 0; i < fn.vars.size(); ++i) {
    const Variable& v = fn.vars[i];
    if (r_.types.has_unknown(v.type)) {
      fn.stub_reason = {StubKind::TypeNotInferred, "the type of '" + v.name + "' could not be inferred; add a hint (e.g. " +
                                                       v.name + ": list[int] = [])"};
      return;
    }
  }
  if (fn.is_generator) {
    if (fn.return_type == kUnknown)
      fn.stub_reason = {StubKind::TypeNotInferred,
                        "the type of the yielded items could not be inferred; add a return hint (e.g. -> Iterator[int])"};
    for (size_t i = 0; i < fn.num_params && fn.stub_reason.empty(); ++i)
      if (fn.vars[i].mutated && fn.vars[i].name != "self")
        fn.stub_reason = {StubKind::GeneratorForm, "the generator changes its argument '" + fn.vars[i].name +
                                                     "' (a generator copies its arguments); change it outside the generator"};
    return;
  }
  if (fn.return_type == kUnknown)
    fn.stub_reason = {StubKind::TypeNotInferred, "the return type could not be inferred; add a return annotation"};
}

void Analyzer::record_decisions() {
  auto add_fn = [&](const Function& fn, const std::string& scope) {
    for (const Variable& v : fn.vars)
      r_.decisions.push_back({scope, v.name, r_.types.python_name(v.type), v.reason, v.span.line});
    if (!fn.name.empty())
      r_.decisions.push_back({scope, "return", r_.types.python_name(fn.return_type), fn.return_reason,
                              m_.stmt(fn.stmt).span.line});
  };
  for (const Global& g : r_.globals)
    if (g.external_module.empty())
      r_.decisions.push_back({"<module>", g.name, r_.types.python_name(g.type), g.reason,
                              g.stmt == kNoNode ? 0 : m_.stmt(g.stmt).span.line});
  for (const Class& cls : r_.classes)
    for (const Field& f : cls.fields)
      if (cls.external_module.empty())
        r_.decisions.push_back({cls.name, "self." + f.name, r_.types.python_name(f.type), f.reason, f.span.line});
  for (const Function& fn : r_.functions)
    if (!fn.synthesized) add_fn(fn, fn.name);
  if (r_.has_main) add_fn(r_.main, "<main>");
}

SemaResult Analyzer::run() {
  r_.expr_type.assign(m_.exprs.size(), kUnknown);
  r_.name_ref.assign(m_.exprs.size(), NameRef{});
  r_.expr_narrowed.assign(m_.exprs.size(), false);
  r_.stmt_stub.assign(m_.stmts.size(), StubReason{});
  r_.patterns.assign(m_.patterns.size(), PatternInfo{});
  r_.main.cpp_name = "main";
  // The built-in hierarchy first, so that unify() finds common bases of exception classes.
  for (const auto& [name, base] : builtin_exceptions()) r_.types.set_base(name, base);
  scan_module();
  resolve_type_aliases();
  bind_generic_classes();
  scan_stubs_ = r_.stmt_stub;  // imports found while scanning (analyze_functions clears stmt_stub each round)
  type_classes();
  type_signatures();
  analyze_functions();
  compute_constness();  // again, now that parameters and loop variables know whether they are changed
  for (size_t i = 0; i < scan_stubs_.size(); ++i)
    if (!scan_stubs_[i].empty()) r_.stmt_stub[i] = scan_stubs_[i];

  for (Function& fn : r_.functions)
    if (fn.signature_ok) check_aliasing(fn), check_returned_container_mutation(fn), check_comprehension_sharing(fn), check_lambda_captures(fn);
  if (r_.has_main) check_aliasing(r_.main), check_returned_container_mutation(r_.main), check_comprehension_sharing(r_.main), check_lambda_captures(r_.main);
  check_field_sharing();
  compute_effects();
  check_generator_arguments();

  // `acc: list[int] = []` changed by the body: Python shares that one list across calls, C++
  // would make a fresh one per call. The stub keeps a const parameter (a temporary binds to it).
  for (Function& fn : r_.functions)
    for (size_t i = 0; i < fn.num_params && i < fn.vars.size() && fn.signature_ok; ++i) {
      Variable& v = fn.vars[i];
      TypeKind k = r_.types.kind(v.type);
      bool container = k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set;
      if (v.default_value == kNoNode || !container || !v.mutated || v.rebound || v.by_value) continue;
      if (fn.stub_reason.empty())
        fn.stub_reason = {StubKind::MutableDefault, "mutable default argument '" + v.name +
                                                      "' changed by the function (Python shares one default object "
                                                      "across calls); default to None and create it in the body"};
      v.mutated = false;
    }
  // Functions whose body cannot be typed become stubs; callers then see them as unavailable only
  // when the signature itself is unknown (a typed stub still links and throws if reached).
  for (Function& fn : r_.functions) escalate_stubs(fn);
  if (r_.has_main) escalate_stubs(r_.main);
  auto place = [&](Function& fn) {
    place_declarations(fn);
    // A reference must be bound where it is declared.
    for (const Variable& v : fn.vars) {
      if (v.alias_of >= 0 && v.placement != DeclPlacement::AtFirstBinding)
        fn.stub_reason = {StubKind::AliasedContainer, "'" + v.name + "' shares the list '" + fn.vars[v.alias_of].name +
                                                        "' but is not bound where it is first used; bind it once, unconditionally"};
      if (v.borrows_field && v.placement != DeclPlacement::AtFirstBinding)
        fn.stub_reason = {StubKind::SharedField, "'" + v.name + "' shares an attribute's container but is not bound where it is "
                                                   "first used; bind it once, unconditionally"};
    }
  };
  for (Function& fn : r_.functions)
    if (fn.stub_reason.empty()) place(fn);
  if (r_.has_main && r_.main.stub_reason.empty()) place(r_.main);
  for (const Function& fn : r_.functions) check_rebound_param_calls(fn);
  if (r_.has_main) check_rebound_param_calls(r_.main);
  // A nested function that cannot be translated leaves its name unbound: the enclosing one is a stub.
  for (Function& fn : r_.functions) {
    if (fn.parent < 0) continue;
    check_nested_function(fn);
    Function& parent = r_.functions[fn.parent];
    if (!fn.stub_reason.empty() && parent.stub_reason.empty())
      parent.stub_reason = {fn.stub_reason.kind, "nested function '" + fn.name.substr(parent.name.size() + 1) + "': " +
                                                     fn.stub_reason.detail + " (line " + std::to_string(m_.stmt(fn.stmt).span.line) + ")"};
  }

  for (Global& g : r_.globals) {
    if (!g.external_module.empty()) continue;  // its module decided
    if (g.type == kUnknown && g.reason.empty()) g.reason = "could not be inferred";
    size_t bindings = 0;
    for (StmtId id : r_.init_stmts) {
      std::vector<std::string> names;
      bound_names(m_, id, names);
      bindings += static_cast<size_t>(std::count(names.begin(), names.end(), g.name));
    }
    g.is_constant = bindings == 1 && !g.mutated && g.stmt != kNoNode;
  }

  // Stub records for the report, in source order.
  auto collect = [&](const Body& body, const std::string& scope) {
    std::function<void(const Body&)> scan = [&](const Body& b) {
      for (StmtId s : b) {
        if (!r_.stmt_stub[s].empty()) {
          r_.stubs.push_back({scope, r_.stmt_stub[s].detail, m_.stmt(s).span, r_.stmt_stub[s].kind});
          continue;
        }
        for (const Body* c : child_bodies(m_, s)) scan(*c);
      }
    };
    scan(body);
  };
  for (StmtId id : m_.body)
    if (!r_.stmt_stub[id].empty()) r_.stubs.push_back({"<module>", r_.stmt_stub[id].detail, m_.stmt(id).span, r_.stmt_stub[id].kind});
  for (const Class& cls : r_.classes)
    if (!cls.stub_reason.empty() && cls.external_module.empty())
      r_.stubs.push_back({cls.name, cls.stub_reason.detail, m_.stmt(cls.stmt).span, cls.stub_reason.kind});
  for (const Function& fn : r_.functions) {
    if (fn.owner >= 0 && !r_.classes[fn.owner].stub_reason.empty()) continue;  // reported with its class
    if (fn.parent >= 0 && !r_.functions[fn.parent].stub_reason.empty()) continue;  // reported with its parent
    if (!fn.stub_reason.empty())
      r_.stubs.push_back({fn.name, fn.stub_reason.detail, m_.stmt(fn.stmt).span, fn.stub_reason.kind});
    else
      collect(*fn.body, fn.name);
  }
  if (r_.has_main) {
    if (!r_.main.stub_reason.empty())
      r_.stubs.push_back({"<main>", r_.main.stub_reason.detail, m_.stmt(r_.main.stmt).span, r_.main.stub_reason.kind});
    else
      collect(*r_.main.body, "<main>");
  }
  report_int_as_float();
  for (const Stub& s : r_.stubs)
    warn(DiagKind::UnsupportedConstruct, s.span, "not translated: " + s.reason + " [" + stub_info(s.kind).code + "]");
  record_decisions();
  return std::move(r_);
}

// A function has effects when it prints or mutates what its caller can see; the property spreads
// through calls until nothing changes.
void Analyzer::compute_effects() {
  const std::set<std::string>& mutating = mutating_methods();
  for (Function& fn : r_.functions)
    if (fn.memoized) fn.has_effects = true;  // it fills its cache, which cache_info() shows
  bool changed = true;
  while (changed) {
    changed = false;
    for (Function& fn : r_.functions) {
      if (fn.has_effects || !fn.signature_ok) continue;
      // `xs[i]`, `p.x`, `p.items[k]`: a place reached from a parameter or a global.
      auto outside = [&](ExprId base) {
        while (true) {
          if (auto* sub = get_if<Subscript>(m_, base)) base = sub->value;
          else if (auto* at = get_if<Attribute>(m_, base)) base = at->value;
          else break;
        }
        if (!get_if<Name>(m_, base)) return false;
        const NameRef& ref = r_.name_ref[base];
        return ref.kind == NameRef::Global || (ref.kind == NameRef::Variable && ref.index < fn.num_params);
      };
      std::function<void(const Body&)> scan = [&](const Body& b) {
        for (StmtId s : b) {
          const StmtNode& node = m_.stmt(s).node;
          // A store into a caller-visible object, or into a module variable (`global n`).
          auto global_store = [&](ExprId t) {
            std::vector<std::string> names;
            if (get_if<Name>(m_, t) && r_.name_ref[t].kind == NameRef::Global) fn.has_effects = true;
            if (auto* tl = get_if<TupleLit>(m_, t))
              for (ExprId x : tl->elts)
                if (get_if<Name>(m_, x) && r_.name_ref[x].kind == NameRef::Global) fn.has_effects = true;
          };
          // `p.x = v` on a parameter's object: the caller sees the field change (bug_52).
          auto field_store = [&](ExprId t) {
            if (auto* at = get_if<Attribute>(m_, t); at && outside(at->value)) fn.has_effects = true;
          };
          if (auto* a = std::get_if<Assign>(&node))
            for (ExprId t : a->targets) {
              if (auto* sub = get_if<Subscript>(m_, t); sub && outside(sub->value)) fn.has_effects = true;
              field_store(t);
              if (auto* tl = get_if<TupleLit>(m_, t))
                for (ExprId x : tl->elts) field_store(x);
              global_store(t);
            }
          if (auto* a = std::get_if<AnnAssign>(&node)) field_store(a->target);
          if (auto* a = std::get_if<AnnAssign>(&node)) global_store(a->target);
          for (ExprId t : walrus_targets(m_, s)) global_store(t);  // `(counter := counter + 1)` after `global counter`
          if (auto* a = std::get_if<AugAssign>(&node)) {
            if (auto* sub = get_if<Subscript>(m_, a->target); sub && outside(sub->value)) fn.has_effects = true;
            field_store(a->target);
            global_store(a->target);
          }
          for_each_stmt_expr(m_, s, [&](ExprId root) {
            for_each_expr(m_, root, [&](ExprId e) {
              // d[k] on a defaultdict parameter or global inserts the default: the caller sees it.
              if (auto* sub = get_if<Subscript>(m_, e);
                  sub && r_.types.dict_kind(r_.expr_type[sub->value]) == "defaultdict" && outside(sub->value))
                fn.has_effects = true;
              auto* c = get_if<Call>(m_, e);
              if (!c) return;
              if (auto* n = get_if<Name>(m_, c->func)) {
                const NameRef& ref = r_.name_ref[c->func];
                if (ref.kind == NameRef::Builtin && n->id == "print") fn.has_effects = true;
                if (ref.kind == NameRef::Function && r_.functions[ref.index].has_effects) fn.has_effects = true;
              }
              // random's functions advance the program's generator; heappush(heap, x) on a
              // parameter or global changes what the caller sees.
              if (std::string callee = stdlib_callee(m_, r_, c->func); !callee.empty()) {
                if (callee.rfind("random.", 0) == 0) fn.has_effects = true;
                if (stdlib_mutates_first_argument(callee) && !c->args.empty() && outside(c->args[0])) fn.has_effects = true;
              }
              if (auto* at = get_if<Attribute>(m_, c->func); at && mutating.count(at->attr) && outside(at->value))
                fn.has_effects = true;
              // `p.advance()` on a parameter's object, a method that changes its fields.
              if (auto* at = get_if<Attribute>(m_, c->func); at && outside(at->value))
                if (auto it = r_.call_target.find(e); it != r_.call_target.end()) {
                  const Function& callee = r_.functions[it->second];
                  if (callee.has_effects || (callee.method_kind == MethodKind::Instance && !callee.is_const))
                    fn.has_effects = true;
                }
            });
          });
          // `with M():` calls M's __enter__ and __exit__ (sema/with_stmt.cpp).
          if (auto* w = std::get_if<With>(&node))
            for (const auto& item : w->items) {
              std::string cls = class_name_of(r_.expr_type[item.context]);
              for (const char* dunder : {"__enter__", "__exit__"})
                if (const Function* f = cls.empty() ? nullptr : find_method(cls, dunder); f && f->has_effects)
                  fn.has_effects = true;
            }
          for (const Body* c : child_bodies(m_, s)) scan(*c);
        }
      };
      scan(*fn.body);
      changed = changed || fn.has_effects;
    }
    // A call of a virtual method may run any override: an abstract `...` body has the effects of
    // its overrides.
    for (Function& fn : r_.functions) {
      if (fn.owner < 0 || !fn.is_override || !fn.has_effects) continue;
      for (int32_t b = r_.classes[fn.owner].base; b >= 0; b = r_.classes[b].base)
        if (auto it = r_.classes[b].methods.find(fn.method_name); it != r_.classes[b].methods.end()) {
          Function& base = r_.functions[it->second];
          if (!base.has_effects && base.external_module.empty()) base.has_effects = changed = true;
          break;
        }
    }
  }
}

SemaResult analyze(const Module& module) { return Analyzer(module).run(); }
SemaResult analyze(const Module& module, const std::vector<ModuleInterface>& imports) {
  return Analyzer(module, &imports).run();
}
SemaResult analyze(const Module& module, const std::vector<ModuleInterface>& imports,
                   const std::vector<ExternalSubclass>& subclassed) {
  return Analyzer(module, &imports, &subclassed).run();
}

}  // namespace py2cpp::sema

namespace py2cpp::sema {

void Analyzer::collect_bound_names(ast::StmtId id, std::vector<std::string>& out) const { bound_names(m_, id, out); }

}  // namespace py2cpp::sema
