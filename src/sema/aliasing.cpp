// Lists are C++ values (std::vector), Python lists are shared objects. The two agree unless a
// list held by one name is stored somewhere else (`grid = [row, row]`, `rows.append(row)`,
// `b = a`) and then used again through the first name. Such a store is refused with a reason
// instead of being silently copied.
#include <algorithm>
#include <functional>
#include <set>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

// A list, dict or set: a C++ value but a shared object in Python. A tuple[T, ...] is never
// changed, so a copy of it behaves as the shared tuple does.
static bool mutable_container(const TypeTable& T, TypeId t) {
  TypeKind k = T.kind(t);
  return (k == TypeKind::List && !T.is_vtuple(t)) || k == TypeKind::Dict || k == TypeKind::Set;
}

using namespace ast;

namespace {

struct Occurrence {
  size_t order;
  bool rebind;                     // `x = ...`: later reads see a new object
  std::vector<const Body*> loops;  // enclosing loop bodies, outermost first
  const Body* body = nullptr;      // the statement list it stands in directly
};

// `row = table[k]` / `row = table.setdefault(k, [])`: in Python, row is the element itself.
struct Borrow {
  uint32_t var;
  StmtId stmt;
  size_t order;
  std::vector<const Body*> loops;
  int64_t source = -1;     // `grid` in `row = grid[0]` / `min(grid, ...)`, -1 unknown
  bool whole = false;      // `r = add(1, xs)` returning its parameter: r is xs itself
};

// `out = lines` / `out = [] if lines is None else lines` with a container parameter: in Python
// `out` is the caller's object.
struct ParamBind {
  uint32_t var;
  uint32_t param;
  StmtId stmt;
  size_t order;
};

struct Store {
  int64_t container;  // the variable the list is stored into, -1 unknown, -2 `b = a`
  uint32_t var;
  StmtId stmt;
  size_t order;
  std::vector<const Body*> loops;
  const Body* body = nullptr;
};

// `book = self.bids if buy else self.asks`: a local bound to containers held by objects, or
// `target = evens if even else odds`: a local bound to one of several local containers.
struct FieldBorrow {
  uint32_t var;
  StmtId stmt;
  size_t order;
  std::vector<ExprId> roots;       // `self` in `self.bids`, `evens` itself for a local leaf
  std::vector<std::string> attrs;  // "bids"
  bool locals = false;             // some leaf is a local container, not an attribute
};

// `c = rows.copy()` / `rows[:]` / `list(rows)` / `dict(d)` with container items: Python's copy
// shares the inner containers, C++ copies them too.
struct ShallowCopy {
  uint32_t copy;
  uint32_t source;
  StmtId stmt;
  size_t order;
};

}  // namespace

void Analyzer::check_aliasing(Function& fn) {
  std::vector<std::vector<Occurrence>> occ(fn.vars.size());
  std::vector<std::vector<Occurrence>> mutations(fn.vars.size());  // in-place changes, by position
  std::vector<Store> stores;
  std::vector<Borrow> borrows;
  std::vector<FieldBorrow> field_borrows;
  std::vector<ShallowCopy> shallow_copies;
  std::vector<ParamBind> param_binds;
  std::vector<std::vector<size_t>> element_changes(fn.vars.size());  // `c[i].append(x)`, `c[i][j] = v`
  std::set<std::string> assigned_attrs;  // `x.attr = ...` anywhere: such a field may be rebound
  std::vector<const Body*> loops;
  size_t order = 0;
  // The container parameters a function returns by name (`return acc`): the caller gets its own
  // argument back in Python.
  auto returned_params = [&](const Function& callee) {
    std::vector<uint32_t> out;
    if (!callee.body) return out;
    std::function<void(ExprId)> leaf = [&](ExprId v) {
      if (auto* ie = get_if<IfExp>(m_, v)) {
        leaf(ie->body);
        leaf(ie->orelse);
        return;
      }
      auto* n = get_if<Name>(m_, v);
      if (!n || r_.name_ref[v].kind != NameRef::Variable) return;
      uint32_t i = r_.name_ref[v].index;
      if (i >= callee.num_params || callee.vars[i].name != n->id) return;
      if (mutable_container(r_.types, callee.vars[i].type)) out.push_back(i);
    };
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        if (auto* r = get_stmt_if<Return>(m_, st); r && r->value != kNoNode) leaf(r->value);
        for (const Body* b : child_bodies(m_, st)) scan(*b);
      }
    };
    scan(*callee.body);
    return out;
  };
  // A name that refers to one of this function's variables.
  auto own = [&](ExprId e) {
    return get_if<Name>(m_, e) && r_.name_ref[e].kind == NameRef::Variable && r_.name_ref[e].index < fn.vars.size() &&
           fn.vars[r_.name_ref[e].index].name == std::get<Name>(m_.expr(e).node).id;
  };
  // `grid` for `grid[i][j]`: the variable whose list is changed.
  auto root_variable = [&](ExprId e) -> int64_t {
    while (auto* sub = get_if<Subscript>(m_, e)) e = sub->value;
    return own(e) ? static_cast<int64_t>(r_.name_ref[e].index) : int64_t{-1};
  };
  auto variable_of = [&](ExprId e) -> int64_t {
    return own(e) ? static_cast<int64_t>(r_.name_ref[e].index) : int64_t{-1};
  };
  // The variable a list literal is assigned to (`grid = [row, row]`), or -1.
  auto assigned_to = [&](StmtId s, ExprId literal) -> int64_t {
    if (auto* a = get_stmt_if<Assign>(m_, s); a && a->value == literal && a->targets.size() == 1)
      return variable_of(a->targets[0]);
    if (auto* a = get_stmt_if<AnnAssign>(m_, s); a && a->value == literal) return variable_of(a->target);
    return -1;
  };
  auto list_var = [&](ExprId e) -> int64_t {
    if (!own(e)) return -1;
    uint32_t i = r_.name_ref[e].index;
    // containers: C++ values, Python shared objects
    return mutable_container(r_.types, fn.vars[i].type) ? static_cast<int64_t>(i) : -1;
  };
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (StmtId s : body) {
      ++order;
      const StmtNode& node = m_.stmt(s).node;
      ExprId rebind_target = kNoNode;
      std::vector<ExprId> rebinds = walrus_targets(m_, s);  // `(b := ...)` rebinds b too
      // `first, *rest = row`: every name gets a new object (rest a new list).
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1)
        if (auto* t = get_if<TupleLit>(m_, a->targets[0]))
          if (std::any_of(t->elts.begin(), t->elts.end(), [&](ExprId el) { return get_if<Starred>(m_, el) != nullptr; }))
            for (ExprId el : t->elts) rebinds.push_back(get_if<Starred>(m_, el) ? get_if<Starred>(m_, el)->value : el);
      auto item_target = [&](ExprId t) {
        if (auto* sub = get_if<Subscript>(m_, t)) {
          if (int64_t v = root_variable(t); v >= 0) mutations[v].push_back({order, false, loops});
          if (get_if<Subscript>(m_, sub->value))
            if (int64_t v = root_variable(t); v >= 0) element_changes[v].push_back(order);
        }
      };
      // The source of a shallow copy of a container whose items are containers, or -1.
      auto shallow_source = [&](ExprId v) -> int64_t {
        ExprId src = kNoNode;
        if (auto* sub = get_if<Subscript>(m_, v); sub && get_if<Slice>(m_, sub->index)) src = sub->value;
        if (auto* c = get_if<Call>(m_, v)) {
          if (auto* at = get_if<Attribute>(m_, c->func); at && at->attr == "copy" && c->args.empty()) src = at->value;
          if (auto* n = get_if<Name>(m_, c->func); n && (n->id == "list" || n->id == "dict") && c->args.size() == 1)
            src = c->args[0];
        }
        int64_t sv = src == kNoNode ? -1 : list_var(src);
        if (sv < 0) return -1;
        TypeId t = fn.vars[static_cast<size_t>(sv)].type;
        TypeId item = r_.types.kind(t) == TypeKind::Dict ? r_.types.arg(t, 1) : r_.types.arg(t, 0);
        return mutable_container(r_.types, item) ? sv : -1;
      };
      auto shallow = [&](ExprId target, ExprId value) {
        if (value == kNoNode) return;
        int64_t c = list_var(target), src = shallow_source(value);
        if (c >= 0 && src >= 0) shallow_copies.push_back({static_cast<uint32_t>(c), static_cast<uint32_t>(src), s, order});
      };
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1) shallow(a->targets[0], a->value);
      if (auto* a = std::get_if<AnnAssign>(&node)) shallow(a->target, a->value);
      if (auto* a = std::get_if<Assign>(&node))
        for (ExprId t : a->targets) item_target(t);
      if (auto* a = std::get_if<AugAssign>(&node)) item_target(a->target);
      if (auto* d = std::get_if<Delete>(&node))
        for (ExprId t : d->targets) item_target(t);
      // `xs += ys` / `s |= t` on a container name changes it in place.
      if (auto* a = std::get_if<AugAssign>(&node))
        if (int64_t v = list_var(a->target); v >= 0) mutations[v].push_back({order, false, loops});
      // An element of another container bound to a name: Python shares it.
      auto element_access = [&](ExprId v) {
        if (auto* sub = get_if<Subscript>(m_, v)) return get_if<Slice>(m_, sub->index) == nullptr;
        if (auto* c = get_if<Call>(m_, v)) {
          if (auto* at = get_if<Attribute>(m_, c->func)) return at->attr == "setdefault" || at->attr == "get";
          // min()/max() of a list of containers return one of its items itself.
          if (auto* n = get_if<Name>(m_, c->func); n && (n->id == "min" || n->id == "max") && !c->args.empty())
            return true;
        }
        return false;
      };
      // The variable whose element (or, for a call returning its parameter, whose whole
      // container) a borrow reads.
      auto borrow_of = [&](uint32_t var, ExprId v) {
        Borrow b{var, s, order, loops};
        if (auto* sub = get_if<Subscript>(m_, v)) b.source = root_variable(sub->value);
        if (auto* c = get_if<Call>(m_, v)) {
          if (auto* at = get_if<Attribute>(m_, c->func)) b.source = root_variable(at->value);
          if (get_if<Name>(m_, c->func) && !c->args.empty()) b.source = root_variable(c->args[0]);
        }
        return b;
      };
      // `book = self.bids` / `= a.x if c else b.x`: the attribute's list itself, in Python.
      std::function<bool(ExprId, FieldBorrow&, bool)> field_source = [&](ExprId v, FieldBorrow& fb, bool branch) {
        if (auto* ie = get_if<IfExp>(m_, v))
          return field_source(ie->body, fb, true) && field_source(ie->orelse, fb, true);
        // A local container as a branch (plain `b = a` is a Store below): the local itself.
        if (branch && list_var(v) >= 0) {
          fb.roots.push_back(v);
          fb.locals = true;
          return true;
        }
        auto* at = get_if<Attribute>(m_, v);
        if (!at || !get_if<Name>(m_, at->value)) return false;
        fb.roots.push_back(at->value);
        fb.attrs.push_back(at->attr);
        return true;
      };
      auto field_borrow = [&](ExprId target, ExprId value) {
        FieldBorrow fb{0, s, order, {}, {}};
        int64_t v = list_var(target);
        if (v >= 0 && value != kNoNode && field_source(value, fb, false)) {
          fb.var = static_cast<uint32_t>(v);
          field_borrows.push_back(std::move(fb));
        }
      };
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1) field_borrow(a->targets[0], a->value);
      if (auto* a = std::get_if<AnnAssign>(&node)) field_borrow(a->target, a->value);
      auto note_attr = [&](ExprId t) {
        if (auto* at = get_if<Attribute>(m_, t)) assigned_attrs.insert(at->attr);
      };
      if (auto* a = std::get_if<Assign>(&node))
        for (ExprId t : a->targets) note_attr(t);
      if (auto* a = std::get_if<AnnAssign>(&node)) note_attr(a->target);
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1 && element_access(a->value))
        if (int64_t v = list_var(a->targets[0]); v >= 0) borrows.push_back(borrow_of(static_cast<uint32_t>(v), a->value));
      if (auto* a = std::get_if<AnnAssign>(&node); a && a->value != kNoNode && element_access(a->value))
        if (int64_t v = list_var(a->target); v >= 0) borrows.push_back(borrow_of(static_cast<uint32_t>(v), a->value));
      // `r = add(1, xs)` where add returns its (container) parameter: r is xs itself in Python.
      auto returned_arg = [&](ExprId target, ExprId v) {
        int64_t t = list_var(target);
        auto* c = v == kNoNode ? nullptr : get_if<Call>(m_, v);
        if (t < 0 || !c) return;
        auto ct = r_.call_target.find(v);
        auto ca = r_.call_args.find(v);
        if (ct == r_.call_target.end() || ca == r_.call_args.end()) return;
        for (uint32_t p : returned_params(r_.functions[ct->second]))
          if (p < ca->second.size() && ca->second[p] != kNoNode)
            if (int64_t src = root_variable(ca->second[p]); src >= 0) {
              Borrow b{static_cast<uint32_t>(t), s, order, loops, src, true};
              borrows.push_back(b);
            }
      };
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1) returned_arg(a->targets[0], a->value);
      if (auto* a = std::get_if<AnnAssign>(&node)) returned_arg(a->target, a->value);
      // `out = lines` / `out = [] if lines is None else lines`: a local bound to a container
      // parameter is the caller's object in Python.
      std::function<void(ExprId, std::vector<uint32_t>&)> param_leaves = [&](ExprId v, std::vector<uint32_t>& out) {
        if (auto* ie = get_if<IfExp>(m_, v)) {
          param_leaves(ie->body, out);
          param_leaves(ie->orelse, out);
          return;
        }
        if (!own(v) || r_.name_ref[v].index >= fn.num_params) return;
        TypeId t = fn.vars[r_.name_ref[v].index].type;
        if (r_.types.kind(t) == TypeKind::Optional) t = r_.types.arg(t, 0);
        if (mutable_container(r_.types, t)) out.push_back(r_.name_ref[v].index);
      };
      auto param_bind = [&](ExprId target, ExprId v) {
        int64_t t = list_var(target);
        if (t < 0 || static_cast<size_t>(t) < fn.num_params || v == kNoNode) return;
        std::vector<uint32_t> leaves;
        param_leaves(v, leaves);
        for (uint32_t p : leaves) param_binds.push_back({static_cast<uint32_t>(t), p, s, order});
      };
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1) param_bind(a->targets[0], a->value);
      if (auto* a = std::get_if<AnnAssign>(&node)) param_bind(a->target, a->value);
      // `a.items = b.items`: Python makes both objects share one container, C++ copies it.
      if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1 && get_if<Attribute>(m_, a->targets[0])) {
        std::function<bool(ExprId)> field_leaf = [&](ExprId v) -> bool {
          if (auto* ie = get_if<IfExp>(m_, v)) return field_leaf(ie->body) || field_leaf(ie->orelse);
          if (!get_if<Attribute>(m_, v) && !(get_if<Subscript>(m_, v) && !get_if<Slice>(m_, get_if<Subscript>(m_, v)->index)))
            return false;
          return mutable_container(r_.types, r_.expr_type[v]);
        };
        if (field_leaf(a->value) && r_.stmt_stub[s].empty())
          r_.stmt_stub[s] = {StubKind::SharedField, "'" + expr_text(a->targets[0]) + " = " + expr_text(a->value) + "' makes two objects share "
                            "one container in Python (a change through either shows in both); py2cpp copies it: "
                            "write `" + expr_text(a->targets[0]) + " = " + expr_text(a->value) + ".copy()` if a copy "
                            "is meant, or keep one owner and reach the container through it"};
      }
      if (auto* a = std::get_if<Assign>(&node)) {
        if (a->targets.size() == 1 && get_if<Name>(m_, a->targets[0])) rebind_target = a->targets[0];
        // `x, y = xs` and `ys[a:b] = xs` copy the items: only items that are lists would be shared.
        ExprId t0 = a->targets[0];
        auto* sliced = get_if<Subscript>(m_, t0);
        bool copies_items = a->targets.size() == 1 && (get_if<TupleLit>(m_, t0) || get_if<ListLit>(m_, t0) ||
                                                       (sliced && get_if<Slice>(m_, sliced->index)));
        int64_t v = list_var(a->value);
        if (v >= 0 && copies_items && r_.types.kind(r_.types.arg(fn.vars[v].type, 0)) != TypeKind::List) v = -1;
        if (v >= 0) stores.push_back({-2, static_cast<uint32_t>(v), s, order, loops, &body});
      }
      if (auto* a = std::get_if<AnnAssign>(&node)) {
        if (get_if<Name>(m_, a->target)) rebind_target = a->target;
        if (int64_t v = a->value == kNoNode ? -1 : list_var(a->value); v >= 0)
          stores.push_back({-2, static_cast<uint32_t>(v), s, order, loops});
      }
      for_each_stmt_expr(m_, s, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId e) {
          if (auto* l = get_if<ListLit>(m_, e))
            for (ExprId x : l->elts)
              if (int64_t v = list_var(x); v >= 0)
                stores.push_back({assigned_to(s, e), static_cast<uint32_t>(v), s, order, loops});
          // `t = (xs, "tag")`: the tuple holds xs itself. Not `a, b = xs, ys`, which only rebinds
          // names, nor a tuple that is itself a target (`for k, v in ...`, `k, v = ...`).
          if (auto* tl = get_if<TupleLit>(m_, e)) {
            auto* a = std::get_if<Assign>(&node);
            bool unpack = a && a->value == e && a->targets.size() == 1 && get_if<TupleLit>(m_, a->targets[0]);
            if (a)
              for (ExprId t : a->targets) unpack = unpack || t == e;
            if (auto* f = std::get_if<For>(&node)) unpack = unpack || f->target == e;
            for_each_expr(m_, root, [&](ExprId x) {
              if (auto* c = get_if<Comprehension>(m_, x))
                for (const CompFor& g : c->generators) unpack = unpack || g.target == e;
            });
            if (!unpack)
              for (ExprId x : tl->elts)
                if (int64_t v = list_var(x); v >= 0)
                  stores.push_back({assigned_to(s, e), static_cast<uint32_t>(v), s, order, loops});
          }
          if (auto* d = get_if<DictLit>(m_, e))  // {k: row}
            for (ExprId x : d->values)
              if (int64_t v = list_var(x); v >= 0)
                stores.push_back({assigned_to(s, e), static_cast<uint32_t>(v), s, order, loops});
          if (auto* c = get_if<Call>(m_, e))
            if (auto* at = get_if<Attribute>(m_, c->func);
                at && (at->attr == "append" || at->attr == "insert" || at->attr == "setdefault"))
              for (ExprId x : c->args)
                if (int64_t v = list_var(x); v >= 0)
                  stores.push_back({variable_of(at->value), static_cast<uint32_t>(v), s, order, loops});
          if (own(e))
            occ[r_.name_ref[e].index].push_back(
                {order, e == rebind_target || std::find(rebinds.begin(), rebinds.end(), e) != rebinds.end(), loops, &body});
          if (auto* c = get_if<Call>(m_, e)) {
            if (auto* at = get_if<Attribute>(m_, c->func); at && mutating_methods().count(at->attr)) {
              if (int64_t v = root_variable(at->value); v >= 0) mutations[v].push_back({order, false, loops});
              if (get_if<Subscript>(m_, at->value))
                if (int64_t v = root_variable(at->value); v >= 0) element_changes[v].push_back(order);
            }
            if (auto it = r_.call_args.find(e); it != r_.call_args.end()) {
              const Function& callee = r_.functions[r_.call_target.at(e)];
              for (size_t i = 0; i < it->second.size(); ++i)
                if (it->second[i] != kNoNode && callee.vars[i].mutated)
                  if (int64_t v = root_variable(it->second[i]); v >= 0) mutations[v].push_back({order, false, loops});
            }
          }
        });
      });
      // `print(add(2, xs), add(3, xs))` with add returning its changed parameter: Python prints
      // one list twice (its final state), C++ two copies taken at each call.
      for_each_stmt_expr(m_, s, [&](ExprId root) {
        for_each_expr(m_, root, [&](ExprId e) {
          auto ct = r_.call_target.find(e);
          auto ca = r_.call_args.find(e);
          if (!get_if<Call>(m_, e) || ct == r_.call_target.end() || ca == r_.call_args.end()) return;
          for (uint32_t p : returned_params(r_.functions[ct->second])) {
            if (p >= ca->second.size() || ca->second[p] == kNoNode) continue;
            int64_t v = root_variable(ca->second[p]);
            if (v < 0) continue;
            size_t here = 0;
            for (const auto& mu : mutations[static_cast<size_t>(v)]) here += mu.order == order;
            if (here >= 2 && r_.stmt_stub[s].empty())
              r_.stmt_stub[s] = {StubKind::ReturnedArgument, "'" + expr_text(e) + "' returns its argument '" + fn.vars[static_cast<size_t>(v)].name +
                                "' itself in Python, and this statement changes that list again, so each use sees "
                                "its final state; py2cpp returns copies: call it in separate statements and use '" +
                                fn.vars[static_cast<size_t>(v)].name + "' afterwards"};
          }
        });
      });
      if (auto* f = std::get_if<For>(&node)) {
        loops.push_back(&f->body);
        walk(f->body);
        loops.pop_back();
      } else if (auto* w = std::get_if<While>(&node)) {
        loops.push_back(&w->body);
        walk(w->body);
        loops.pop_back();
      } else {
        for (const Body* b : child_bodies(m_, s)) walk(*b);
      }
    }
  };
  walk(*fn.body);

  // A field borrow is a C++ reference to the field (Python's sharing) when the local is bound
  // only there, the objects it reads are not rebound afterwards (the reference would outlive
  // them), and this function does not reassign such a field. Otherwise the local would be a
  // copy: refused when either side is changed.
  for (const FieldBorrow& fb : field_borrows) {
    bool ok = fb.var >= fn.num_params;
    for (const auto& o : occ[fb.var]) ok = ok && (!o.rebind || o.order == fb.order);
    for (ExprId root : fb.roots) {
      int64_t r = variable_of(root);
      ok = ok && r >= 0;
      if (!ok) break;
      size_t binds = 0;
      for (const auto& o : occ[static_cast<size_t>(r)])
        if (o.rebind) ok = ok && ++binds == 1 && o.order < fb.order && static_cast<size_t>(r) >= fn.num_params;
      // A local leaf must be a local bound once before (a parameter may be a const reference).
      if (list_var(root) >= 0) ok = ok && binds == 1 && static_cast<size_t>(r) >= fn.num_params;
    }
    for (const std::string& attr : fb.attrs) ok = ok && !assigned_attrs.count(attr);
    Variable& v = fn.vars[fb.var];
    if (ok) {
      v.borrows_field = true;
      v.borrow_const = mutations[fb.var].empty() && !v.mutated;  // v.mutated: heappush(book, x) too
      continue;
    }
    StubReason& slot = r_.stmt_stub[fb.stmt];
    if (fb.locals) {
      // A copy differs from Python once either name changes the list after the binding.
      bool changed = !mutations[fb.var].empty();
      for (ExprId root : fb.roots)
        if (int64_t r = list_var(root); r >= 0)
          changed = changed || !mutations[static_cast<size_t>(r)].empty();  // in a loop, earlier changes count
      if (changed && slot.empty())
        slot = {StubKind::AliasedContainer, "'" + v.name + "' would be one of several lists chosen by a condition (Python aliasing); py2cpp shares "
               "it (a C++ reference) only when '" + v.name + "' is bound once and the chosen lists are locals bound "
               "once before: change each list through its own name (`if c: a.append(x)` / `else: b.append(x)`)"};
      continue;
    }
    if (!mutations[fb.var].empty() && slot.empty())
      slot = {StubKind::SharedField, "'" + v.name + "' is a list held by an attribute, changed through this second name; py2cpp shares it "
             "(a C++ reference) only when '" + v.name + "' is bound once and the attribute is not reassigned in this "
             "function: change it through the attribute"};
  }

  for (const ParamBind& pb : param_binds) {
    bool changed = false;
    for (const auto& mu : mutations[pb.var]) changed = changed || mu.order > pb.order;
    StubReason& slot = r_.stmt_stub[pb.stmt];
    const std::string& v = fn.vars[pb.var].name;
    const std::string& p = fn.vars[pb.param].name;
    if (changed && slot.empty())
      slot = {StubKind::AliasedContainer, "'" + v + "' is bound to the parameter '" + p + "', so in Python changing '" + v + "' changes the "
             "caller's container; py2cpp copies it: change '" + p + "' itself (for an optional one: `if " + p +
             " is None: " + p + " = []`), or write `" + p + ".copy()` if a copy is meant"};
  }

  // A shallow copy differs from C++'s deep one once an inner container of either side is changed
  // in place afterwards.
  for (const ShallowCopy& sc : shallow_copies) {
    bool changed = false;
    for (uint32_t var : {sc.copy, sc.source})
      for (size_t at : element_changes[var]) changed = changed || at > sc.order;
    StubReason& slot = r_.stmt_stub[sc.stmt];
    const std::string& c = fn.vars[sc.copy].name;
    const std::string& src = fn.vars[sc.source].name;
    if (changed && slot.empty())
      slot = {StubKind::ShallowCopy, "'" + c + "' is a shallow copy of '" + src + "': in Python both share the inner containers, and one "
             "of them is changed in place afterwards; py2cpp copies the inner containers too. Write `" + c +
             " = " + (r_.types.kind(fn.vars[sc.source].type) == TypeKind::Dict ? "{k: v.copy() for k, v in " + src + ".items()}"
                                                                     : "[row.copy() for row in " + src + "]") +
             "` if independent inner containers are meant"};
  }

  for (const Borrow& b : borrows) {
    bool changed = false;
    for (const auto& mu : mutations[b.var]) {
      changed = changed || mu.order > b.order;
      if (!b.loops.empty() && std::find(mu.loops.begin(), mu.loops.end(), b.loops.back()) != mu.loops.end())
        changed = true;
    }
    // A change made through the source afterwards shows in the borrowed name too
    // (`row = grid[0]; grid[0].append(9)`; `r = add(1, xs); xs.append(7)`).
    bool source_changed = false;
    if (b.source >= 0 && static_cast<size_t>(b.source) != b.var) {
      if (b.whole) {
        for (const auto& mu : mutations[static_cast<size_t>(b.source)]) source_changed |= mu.order > b.order;
      } else {
        for (size_t at : element_changes[static_cast<size_t>(b.source)]) source_changed |= at > b.order;
      }
    }
    StubReason& slot = r_.stmt_stub[b.stmt];
    if (b.whole) {
      if ((changed || source_changed) && slot.empty())
        slot = {StubKind::ReturnedArgument, "'" + fn.vars[b.var].name + "' is bound to the list the call returns, which is its argument '" +
               fn.vars[static_cast<size_t>(b.source)].name + "' itself in Python, and one of them is changed "
               "afterwards; py2cpp returns a copy: use '" + fn.vars[static_cast<size_t>(b.source)].name +
               "' after the call instead of the returned value"};
      continue;
    }
    if ((changed || source_changed) && slot.empty())
      slot = {StubKind::AliasedElement, "'" + fn.vars[b.var].name + "' is an element of another container; changing it in place would change "
             "that container in Python, but py2cpp copies values: update the element through the container "
             "(e.g. `d[k].append(x)`)"};
  }

  for (const Store& st : stores) {
    const Variable& v = fn.vars[st.var];
    // Sharing is only visible if the shared list is changed in place after the store (or, in a
    // loop, anywhere in that loop).
    auto changed_after = [&](size_t var) {
      for (const auto& mu : mutations[var]) {
        if (mu.order > st.order) return true;
        if (!st.loops.empty() && std::find(mu.loops.begin(), mu.loops.end(), st.loops.back()) != mu.loops.end())
          return true;
      }
      return false;
    };
    // `b = a` outside loops: the two names hold one object only until either is rebound by a
    // statement of the same block (`b = b + [4]`); a change after that is not shared.
    size_t window_end = SIZE_MAX;
    int64_t alias = -1;
    if (auto* a = get_stmt_if<Assign>(m_, st.stmt); st.container == -2 && a && a->targets.size() == 1)
      alias = variable_of(a->targets[0]);
    if (alias >= 0 && st.loops.empty())
      for (size_t var : {static_cast<size_t>(alias), static_cast<size_t>(st.var)})
        for (const auto& o : occ[var])
          if (o.rebind && o.order > st.order && o.body == st.body) window_end = std::min(window_end, o.order);
    if (window_end != SIZE_MAX) {
      bool shared_change = false;  // a change in the rebinding statement itself still happens while shared
      for (size_t var : {static_cast<size_t>(alias), static_cast<size_t>(st.var)})
        for (const auto& mu : mutations[var]) shared_change |= mu.order > st.order && mu.order <= window_end;
      if (!shared_change) continue;
    }
    bool mutation = changed_after(st.var) || st.container == -1;
    if (st.container >= 0) mutation = mutation || fn.vars[static_cast<size_t>(st.container)].elements_mutated;
    if (st.container == -2) {  // `b = a`: b and a are the same list afterwards
      auto* a = get_stmt_if<Assign>(m_, st.stmt);
      // `self.rows = rows` with a parameter: a class changing that field in place is refused by
      // check_field_sharing (field_sharing.cpp), so only a change through `rows` itself would show.
      auto* field = a && a->targets.size() == 1 ? get_if<Attribute>(m_, a->targets[0]) : nullptr;
      bool param_into_self = field && fn.owner >= 0 && fn.num_params > 0 &&
                             (fn.method_kind == MethodKind::Instance || fn.method_kind == MethodKind::Init) &&
                             variable_of(field->value) == 0 && st.var > 0 && st.var < fn.num_params;
      if (a && a->targets.size() == 1 && variable_of(a->targets[0]) >= 0)
        mutation = mutation || changed_after(static_cast<size_t>(variable_of(a->targets[0])));
      else if (!param_into_self)
        mutation = true;
    }
    if (!mutation) continue;
    bool unsafe = false;
    // The next use after the store must be a rebinding, not a read through the old name.
    const Occurrence* next = nullptr;
    for (const auto& o : occ[st.var])
      if (o.order > st.order && (!next || o.order < next->order)) next = &o;
    if (next && !next->rebind) unsafe = true;
    // In a loop, the next iteration reads the same object again unless the loop rebinds it.
    if (!st.loops.empty()) {
      const Body* inner = st.loops.back();
      bool rebinds = false, other_use = false;
      for (const auto& o : occ[st.var]) {
        bool inside = std::find(o.loops.begin(), o.loops.end(), inner) != o.loops.end();
        if (!inside) continue;
        if (o.rebind) rebinds = true;
        else if (o.order != st.order) other_use = true;
      }
      if (other_use && !rebinds) unsafe = true;
    }
    // `b = a` where b is bound only here, outside loops, and a is not rebound afterwards: b can
    // be a C++ reference to a (`std::vector<T>& b = a;`), which is exactly Python's sharing.
    if (unsafe && st.container == -2 && st.loops.empty()) {
      auto* a = get_stmt_if<Assign>(m_, st.stmt);
      int64_t target = a && a->targets.size() == 1 ? variable_of(a->targets[0]) : -1;
      // Both locals: a parameter's const& / & choice was made before this was known.
      bool ok = target >= 0 && static_cast<size_t>(target) >= fn.num_params && st.var >= fn.num_params;
      if (ok)
        for (const auto& o : occ[static_cast<size_t>(target)]) ok = ok && (!o.rebind || o.order == st.order);
      if (ok)
        for (const auto& o : occ[st.var]) ok = ok && (!o.rebind || o.order < st.order);
      if (ok) {
        fn.vars[static_cast<size_t>(target)].alias_of = static_cast<int32_t>(st.var);
        continue;
      }
    }
    if (unsafe) {
      StubReason& slot = r_.stmt_stub[st.stmt];
      if (slot.empty())
        slot = {StubKind::AliasedContainer, "list '" + v.name + "' would be shared by two names here (Python aliasing); py2cpp copies lists, "
               "so write " + v.name + ".copy() if a copy is meant"};
    }
  }
}

}  // namespace py2cpp::sema
