// `self.table = table` with a container parameter: Python stores the caller's object, C++ copies
// it into the field. The difference shows as soon as the class changes that field in place
// (`self.table[k] = v`, `self.items.append(x)`): the caller would see it in Python. Such stores
// are stubs whose reason gives the exact rewrite (`dict(table)` copies in Python too). A caller
// changing its own object after the call is not seen here (docs/supported-python.md, Classes).
#include <functional>
#include <set>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// `self.f...` -> "f" (through subscripts and further attributes), else "".
std::string self_field(const Module& m, ExprId e, const std::string& self) {
  while (true) {
    if (auto* s = get_if<Subscript>(m, e)) {
      e = s->value;
      continue;
    }
    auto* a = get_if<Attribute>(m, e);
    if (!a) return "";
    if (auto* n = get_if<Name>(m, a->value); n && n->id == self) return a->attr;
    e = a->value;
  }
}

bool is_container(const TypeTable& T, TypeId t) {
  TypeKind k = T.kind(t);
  return k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set;
}

}  // namespace

void Analyzer::check_field_sharing() {
  // Fields each class (with its subclasses) changes in place, by root class name.
  std::map<int32_t, std::set<std::string>> changed;
  for (const Function& fn : r_.functions) {
    if (fn.owner < 0 || fn.synthesized || fn.num_params == 0 || fn.method_kind == MethodKind::Static) continue;
    const std::string self = fn.vars[0].name;
    std::set<std::string> fields;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        const StmtNode& n = m_.stmt(st).node;
        auto through = [&](ExprId t) {  // a store into self.f[...], not a rebinding of self.f
          if (get_if<Subscript>(m_, t))
            if (std::string f = self_field(m_, t, self); !f.empty()) fields.insert(f);
        };
        if (auto* a = std::get_if<Assign>(&n))
          for (ExprId t : a->targets) through(t);
        if (auto* a = std::get_if<AugAssign>(&n)) {
          through(a->target);
          std::string f;  // `self.items += [x]` extends the list in place
          if (is_container(r_.types, r_.expr_type[a->target]) && !(f = self_field(m_, a->target, self)).empty()) fields.insert(f);
        }
        if (auto* d = std::get_if<Delete>(&n))
          for (ExprId t : d->targets) through(t);
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId e) {
            auto* c = get_if<Call>(m_, e);
            if (!c) return;
            if (auto* at = get_if<Attribute>(m_, c->func); at && mutating_methods().count(at->attr))
              if (std::string f = self_field(m_, at->value, self); !f.empty()) fields.insert(f);
            if (!c->args.empty() && stdlib_mutates_first_argument(stdlib_callee(m_, r_, c->func)))
              if (std::string f = self_field(m_, c->args[0], self); !f.empty()) fields.insert(f);
          });
        });
        for (const Body* c : child_bodies(m_, st)) scan(*c);
      }
    };
    scan(*fn.body);
    for (int32_t k = fn.owner; k >= 0; k = r_.classes[k].base) changed[k].insert(fields.begin(), fields.end());
  }
  for (const Function& fn : r_.functions) {
    if (fn.owner < 0 || fn.synthesized || fn.num_params == 0 || fn.method_kind == MethodKind::Static) continue;
    const std::string self = fn.vars[0].name;
    std::set<std::string> class_changes;
    for (int32_t k = fn.owner; k >= 0; k = r_.classes[k].base) class_changes.insert(changed[k].begin(), changed[k].end());
    // Subclasses change inherited fields too.
    for (size_t ci = 0; ci < r_.classes.size(); ++ci)
      for (int32_t k = r_.classes[ci].base; k >= 0; k = r_.classes[k].base)
        if (k == fn.owner) class_changes.insert(changed[static_cast<int32_t>(ci)].begin(), changed[static_cast<int32_t>(ci)].end());
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        if (auto* a = get_stmt_if<Assign>(m_, st); a && a->targets.size() == 1) {
          std::string attr;
          auto* target = get_if<Attribute>(m_, a->targets[0]);
          auto* base = target ? get_if<Name>(m_, target->value) : nullptr;
          auto* value = get_if<Name>(m_, a->value);
          if (base && base->id == self && value && r_.name_ref[a->value].kind == NameRef::Variable) {
            uint32_t v = r_.name_ref[a->value].index;
            if (v > 0 && v < fn.num_params && is_container(r_.types, fn.vars[v].type) && class_changes.count(target->attr)) {
              const std::string copy = r_.types.kind(fn.vars[v].type) == TypeKind::List ? "list" :
                                       r_.types.kind(fn.vars[v].type) == TypeKind::Set ? "set" : "dict";
              StubReason& slot = r_.stmt_stub[st];
              if (slot.empty())
                slot = {StubKind::SharedField, "self." + target->attr + " = " + value->id + " keeps the caller's " + copy + " in Python, and " +
                       r_.classes[fn.owner].name + " changes it in place; C++ would change a copy. Write self." +
                       target->attr + " = " + copy + "(" + value->id + ") if the caller must not see the changes"};
            }
          }
        }
        for (const Body* c : child_bodies(m_, st)) scan(*c);
      }
    };
    scan(*fn.body);
  }

  // Also a class-wide check, run here for the same reason (it needs every class's methods):
  // a base `__init__` calling `self.m()` where a subclass overrides m. Python dispatches to the
  // override; the C++ constructor of the base calls the base's own m (no virtual dispatch while
  // constructing), so the statement is a stub with the reason.
  for (const Function& fn : r_.functions) {
    if (fn.owner < 0 || fn.method_kind != MethodKind::Init || fn.num_params == 0 || !fn.body) continue;
    const std::string self = fn.vars[0].name;
    auto overrider = [&](const std::string& method) -> std::string {
      for (size_t ci = 0; ci < r_.classes.size(); ++ci)
        for (int32_t k = r_.classes[ci].base; k >= 0; k = r_.classes[k].base)
          if (k == fn.owner) {
            auto it = r_.classes[ci].methods.find(method);
            if (it != r_.classes[ci].methods.end() && r_.functions[it->second].owner == static_cast<int32_t>(ci))
              return r_.classes[ci].name;
            break;
          }
      return "";
    };
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId e) {
            auto* c = get_if<Call>(m_, e);
            auto* at = c ? get_if<Attribute>(m_, c->func) : nullptr;
            auto* base = at ? get_if<Name>(m_, at->value) : nullptr;
            if (!base || base->id != self || r_.name_ref[at->value].kind != NameRef::Variable ||
                r_.name_ref[at->value].index != 0)
              return;
            std::string sub = overrider(at->attr);
            StubReason& slot = r_.stmt_stub[st];
            if (!sub.empty() && slot.empty())
              slot = {StubKind::ClassForm, r_.classes[fn.owner].name + ".__init__ calls the overridden method '" + at->attr + "' (" + sub +
                     " overrides it): Python runs the override, but a C++ constructor calls its own class's version. "
                     "Pass the value into __init__ (`super().__init__(name, self_label)`), or set it after "
                     "construction (`obj.label = obj.make_label()`)"};
          });
        });
        for (const Body* c : child_bodies(m_, st)) scan(*c);
      }
    };
    scan(*fn.body);
  }
}

}  // namespace py2cpp::sema
