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

  // The caller's side: `h = Holder(xs)` stores the caller's list in Python (a dataclass field, or
  // `self.xs = xs` in __init__); if the caller changes `xs` too, C++ (which stored a copy) differs.
  auto stores_param = [&](const Function& init, size_t p) {
    if (init.synthesized) return true;  // the dataclass __init__ assigns every field
    if (!init.body || init.num_params == 0) return false;
    bool stored = false;
    for (StmtId st : *init.body)
      if (auto* a = get_stmt_if<Assign>(m_, st); a && a->targets.size() == 1 && get_if<Attribute>(m_, a->targets[0]))
        if (auto* v = get_if<Name>(m_, a->value); v && v->id == init.vars[p].name) stored = true;
    return stored;
  };
  // Where `name` is changed in place in fn (byte offsets): `name.append(..)`, `name[k] = ..`,
  // `del name[k]`, `name += ..`, or passed to a parameter the callee changes.
  auto changes_of = [&](const Function& fn, const std::string& name) {
    std::vector<uint32_t> at;
    auto is_name = [&](ExprId x) {
      while (auto* sub = x == kNoNode ? nullptr : get_if<Subscript>(m_, x)) x = sub->value;
      auto* n = x == kNoNode ? nullptr : get_if<Name>(m_, x);
      return n && n->id == name;
    };
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        if (get_stmt_if<FunctionDef>(m_, st)) continue;
        const uint32_t pos = m_.stmt(st).span.begin;
        if (auto* a = get_stmt_if<Assign>(m_, st))
          for (ExprId t : a->targets)
            if (get_if<Subscript>(m_, t) && is_name(t)) at.push_back(pos);
        if (auto* a = get_stmt_if<AugAssign>(m_, st); a && is_name(a->target)) at.push_back(pos);
        if (auto* d = get_stmt_if<Delete>(m_, st))
          for (ExprId t : d->targets)
            if (get_if<Subscript>(m_, t) && is_name(t)) at.push_back(pos);
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId e) {
            auto* c = get_if<Call>(m_, e);
            if (!c) return;
            if (auto* f = get_if<Attribute>(m_, c->func); f && mutating_methods().count(f->attr) && is_name(f->value))
              at.push_back(m_.expr(e).span.begin);
            auto it = r_.call_target.find(e);
            auto args = r_.call_args.find(e);
            if (it != r_.call_target.end() && args != r_.call_args.end())
              for (size_t p = 0; p < args->second.size(); ++p)
                if (args->second[p] != kNoNode && is_name(args->second[p]) && p < r_.functions[it->second].vars.size() &&
                    (r_.functions[it->second].vars[p].mutated || r_.functions[it->second].vars[p].elements_mutated))
                  at.push_back(m_.expr(e).span.begin);
          });
        });
        for (const Body* b : child_bodies(m_, st)) scan(*b);
      }
    };
    scan(*fn.body);
    return at;
  };
  auto check_callers = [&](Function& fn) {
    if (!fn.body || !fn.stub_reason.empty()) return;
    std::vector<Span> loops;  // the loops around the statement being scanned
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId e) {
            auto it = r_.call_target.find(e);
            auto a = r_.call_args.find(e);
            if (it == r_.call_target.end() || a == r_.call_args.end()) return;
            const Function& init = r_.functions[it->second];
            if (init.method_kind != MethodKind::Init) return;
            for (size_t p = 0; p < a->second.size() && p < init.num_params; ++p) {
              ExprId arg = a->second[p];
              if (arg == kNoNode || !get_if<Name>(m_, arg) || r_.name_ref[arg].kind != NameRef::Variable) continue;
              const Variable& v = fn.vars[r_.name_ref[arg].index];
              if (!is_container(r_.types, v.type) || !(v.mutated || v.elements_mutated) || !stores_param(init, p)) continue;
              // Only a change after the call shows (or anywhere in a loop around it): building the
              // list first and then constructing is the common, safe order.
              const Span call = m_.expr(e).span;
              bool later = false;
              for (uint32_t x : changes_of(fn, v.name)) {
                if (x > call.end) later = true;
                for (const Span& l : loops)
                  if (x >= l.begin && x < l.end) later = true;
              }
              if (!later) continue;
              const std::string copy = r_.types.kind(v.type) == TypeKind::List ? "list" :
                                       r_.types.kind(v.type) == TypeKind::Set ? "set" : "dict";
              StubReason& slot = r_.stmt_stub[st];
              if (slot.empty())
                slot = {StubKind::SharedField, callable_display_name(init) + "(" + v.name + ") keeps the caller's " +
                                                   r_.types.python_name(v.type) + " in Python, and '" + v.name +
                                                   "' is changed in this function too; C++ stores a copy. Pass a copy (" +
                                                   callable_display_name(init) + "(" + copy + "(" + v.name + "))) if the object must "
                                                   "not see the changes, or make the changes through the object"};
            }
          });
        });
        if (get_stmt_if<FunctionDef>(m_, st)) continue;
        const bool loop = get_stmt_if<For>(m_, st) || get_stmt_if<While>(m_, st);
        if (loop) loops.push_back(m_.stmt(st).span);
        for (const Body* c : child_bodies(m_, st)) scan(*c);
        if (loop) loops.pop_back();
      }
    };
    scan(*fn.body);
  };
  for (Function& fn : r_.functions) check_callers(fn);
  if (r_.has_main) check_callers(r_.main);

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
