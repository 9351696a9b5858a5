// Exceptions: try/except/else/finally, raise.
#include <set>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"
#include "sema/exceptions.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// Names a body rebinds with `=` or as a loop target (not `+=`: on a list that mutates in place).
void rebound_names(const Module& m, const Body& body, std::set<std::string>& out) {
  auto target = [&](ExprId t) {
    for_each_expr(m, t, [&](ExprId x) {
      if (auto* n = get_if<Name>(m, x)) out.insert(n->id);
    });
  };
  for (StmtId s : body) {
    const StmtNode& n = m.stmts[s].node;
    if (auto* a = std::get_if<Assign>(&n))
      for (ExprId t : a->targets) target(t);
    if (auto* a = std::get_if<AnnAssign>(&n)) target(a->target);
    if (auto* f = std::get_if<For>(&n)) target(f->target);
    for (ExprId t : walrus_targets(m, s)) target(t);
    for (const Body* c : child_bodies(m, s)) rebound_names(m, *c, out);
  }
}

// `return xs` statements in a body (not in nested functions).
void returned_names(const Module& m, const Body& body, std::vector<ExprId>& out) {
  for (StmtId s : body) {
    const StmtNode& n = m.stmts[s].node;
    if (auto* r = std::get_if<Return>(&n); r && r->value != kNoNode && get_if<Name>(m, r->value)) out.push_back(r->value);
    if (std::holds_alternative<FunctionDef>(n) || std::holds_alternative<ClassDef>(n)) continue;
    for (const Body* c : child_bodies(m, s)) returned_names(m, *c, out);
  }
}

}  // namespace

// `return xs` through a finally body that rebinds xs: Python returns the list object taken before
// the finally ran (mutations to it still show). A C++ vector is one value: it cannot be both.
void Analyzer::check_return_through_finally(const Try& node, Scope& s) {
  if (node.finalbody.empty()) return;
  std::set<std::string> rebound;
  rebound_names(m_, node.finalbody, rebound);
  std::vector<ExprId> returned;
  returned_names(m_, node.body, returned);
  returned_names(m_, node.orelse, returned);
  for (const auto& h : node.handlers) returned_names(m_, h.body, returned);
  for (ExprId r : returned) {
    const std::string& name = std::get<Name>(m_.expr(r).node).id;
    if (rebound.count(name) && r_.types.kind(r_.expr_type[r]) == TypeKind::List)
      unsupported(s, StubKind::ExceptionForm, "returning list '" + name + "' through a finally block that rebinds it");
  }
}

// The classes an except clause names: `E` or `(A, B)`; empty if it names anything else.
std::vector<std::string> Analyzer::handler_classes(ExprId type) const {
  if (type == kNoNode) return {"BaseException"};
  std::vector<ExprId> elts{type};
  if (auto* t = get_if<TupleLit>(m_, type)) elts = t->elts;
  std::vector<std::string> out;
  for (ExprId x : elts) {
    if (const Class* k = named_class(x)) {  // a user class (`RouteError`, `models.RouteError`)
      if (!k->is_exception()) return {};
      out.push_back(k->name);
      continue;
    }
    auto* n = get_if<Name>(m_, x);
    if (!n || !is_builtin_exception(n->id)) return {};
    out.push_back(n->id);
  }
  return out;
}

// The nearest class two exception classes (built-in or user) both derive from.
std::string Analyzer::common_exception_class(const std::string& a, const std::string& b) {
  TypeId u = r_.types.unify(r_.types.exception(a), r_.types.exception(b));
  return u == kUnknown ? "BaseException" : r_.types.get(u).name;
}

void Analyzer::infer_try(const Try& node, Scope& s) {
  if (leaves_block(m_, node.finalbody, false)) {
    unsupported(s, StubKind::ExceptionForm, "return/break/continue inside a finally block is not supported");
    return;
  }
  for (const auto& h : node.handlers) {
    if (handler_classes(h.type).empty() || (h.type != kNoNode && get_if<TupleLit>(m_, h.type) &&
                                            get_if<TupleLit>(m_, h.type)->elts.empty())) {
      unsupported(s, StubKind::ExceptionForm, "except clause for '" + expr_text(h.type) + "' (only built-in exception classes are supported yet)");
      return;
    }
    // `except Unknown as e` of a class that is a stub itself: C++ cannot catch an incomplete type.
    for (const std::string& name : handler_classes(h.type))
      if (const Class* k = class_named(name); k && !k->stub_reason.empty()) {
        unsupported(s, StubKind::DependsOnStub, "except clause for class " + name + ", which could not be translated");
        return;
      }
  }
  infer_body(node.body, s);
  for (const auto& h : node.handlers) {
    std::vector<std::string> classes = handler_classes(h.type);
    std::string cls = classes[0];
    for (const std::string& c : classes) cls = common_exception_class(cls, c);
    const std::string own_class = cls;  // what `e` is inside this clause
    if (h.type != kNoNode) {
      if (auto* t = get_if<TupleLit>(m_, h.type))
        for (ExprId x : t->elts) infer(x, s);
      else
        infer(h.type, s);
    }
    if (!h.name.empty() && s.fn) {
      auto it = s.fn->var_index.find(h.name);
      if (it != s.fn->var_index.end()) {
        Variable& v = s.fn->vars[it->second];
        // One name over several handlers: each catch clause declares its own; uses only need
        // what every exception has (str, repr), so the name gets the classes' common base.
        if (v.type != kUnknown && r_.types.kind(v.type) == TypeKind::Exception)
          cls = common_exception_class(r_.types.get(v.type).name, cls);
        TypeId t = r_.types.exception(cls);
        if (v.type != t) changed_ = true;
        v.type = t;
        v.reason = "except " + expr_text(h.type) + " as " + h.name;
      }
    }
    handler_names_.push_back(h.name);
    // Each catch clause declares its own `e`: inside it, e has that clause's class.
    Scope handler_scope = s;
    forget_attribute_narrowing(handler_scope);  // the try body may have stopped anywhere
    if (!h.name.empty()) handler_scope.narrowed[h.name] = r_.types.exception(own_class);
    infer_body(h.body, handler_scope);
    handler_names_.pop_back();
  }
  infer_body(node.orelse, s);
  forget_attribute_narrowing(s);  // finally also runs after a body that stopped early
  infer_body(node.finalbody, s);
  check_return_through_finally(node, s);
}

void Analyzer::infer_raise(const Raise& node, Scope& s) {
  if (node.cause != kNoNode) {  // `raise X from Y`: the chain is not observable in stdout
    TypeId c = infer(node.cause, s);
    if (c != kUnknown && c != kNoneType && r_.types.kind(c) != TypeKind::Exception)
      unsupported(s, StubKind::ExceptionForm, "raise ... from a non-exception");
  }
  if (node.exc == kNoNode) return;  // re-raise inside an except clause: `throw;`
  TypeId t = infer(node.exc, s);
  if (t == kUnknown) return;
  // `raise NotFound`: the class of a user exception raises an instance made without arguments.
  if (r_.types.kind(t) == TypeKind::ClassRef)
    if (const Class* k = class_named(r_.types.get(t).name); k && k->is_exception()) {
      if (!k->stub_reason.empty()) {
        unsupported(s, StubKind::DependsOnStub, "raises " + k->name + ", which could not be translated");
        return;
      }
      for (const Class* c = k; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
        if (auto it = c->methods.find("__init__"); it != c->methods.end()) {
          const Function& init = r_.functions[it->second];
          for (size_t i = 1; i < init.num_params; ++i)
            if (init.vars[i].default_value == kNoNode && init.vars[i].param_kind != ParamKind::VarArgs) {
              unsupported(s, StubKind::ExceptionForm, "raise " + k->name + " without arguments, but its __init__ needs '" + init.vars[i].name +
                                                          "' (TypeError in Python)");
              return;
            }
          break;
        }
      return;
    }
  if (r_.types.kind(t) != TypeKind::Exception) {
    unsupported(s, StubKind::ExceptionForm, "raising a non-exception");
    return;
  }
  // `raise e` re-raises the caught object: only the innermost handler's exception is current.
  if (auto* n = get_if<Name>(m_, node.exc); n && r_.name_ref[node.exc].kind == NameRef::Variable) {
    if (handler_names_.empty() || handler_names_.back() != n->id)
      unsupported(s, StubKind::ExceptionForm, "raising '" + n->id + "' outside the except clause that caught it");
  }
}

}  // namespace py2cpp::sema
