// Where each local's C++ declaration goes.
//
// Python locals are function-scoped; C++ locals are block-scoped. A local is declared at its
// first assignment when that assignment sits in the innermost block enclosing every use (the
// idiomatic `int64_t total = 0;`), in the loop header when it is a loop variable used only in
// its loop, and otherwise hoisted to the top of that enclosing block (`int64_t best{};`).
#include <algorithm>
#include <set>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

struct Occurrence {
  size_t order = 0;
  std::vector<const Body*> path;  // enclosing blocks, outermost first
  StmtId stmt = kNoNode;
  bool binding = false;
  bool simple_binding = false;    // `x = value` / `x: T = value` with x the only target
  bool for_target = false;
  bool pattern_only = false;      // a match pattern binding it, or a case guard reading it
};

struct Walker {
  const Module& m;
  const SemaResult& r;
  std::vector<std::vector<Occurrence>> occ;  // per variable
  std::vector<const Body*> path;
  size_t order = 0;

  void names_in(ExprId e, const std::function<void(ExprId)>& f) {
    for_each_expr(m, e, [&](ExprId x) {
      if (std::holds_alternative<Name>(m.exprs[x].node) && r.name_ref[x].kind == NameRef::Variable) f(x);
    });
  }

  // The names a target binds: `x`, or the names inside `a, b` -- not `xs` in `xs[i] = v`.
  void bound_by(ExprId target, std::set<ExprId>& out) {
    const ExprNode& n = m.exprs[target].node;
    if (std::holds_alternative<Name>(n)) out.insert(target);
    if (auto* t = std::get_if<TupleLit>(&n))
      for (ExprId x : t->elts) bound_by(x, out);
    if (auto* l = std::get_if<ListLit>(&n))
      for (ExprId x : l->elts) bound_by(x, out);
    if (auto* st = std::get_if<Starred>(&n)) bound_by(st->value, out);  // `head, *rest = xs`
  }

  void add(ExprId name, StmtId s, bool binding, bool simple, bool for_target, const std::vector<const Body*>& p) {
    occ[r.name_ref[name].index].push_back({order, p, s, binding, simple, for_target});
  }

  void body(const Body& b) {
    path.push_back(&b);
    for (StmtId s : b) stmt(s);
    path.pop_back();
  }

  void stmt(StmtId s) {
    ++order;
    const StmtNode& node = m.stmts[s].node;
    // A nested def binds its name and uses (captures) the enclosing variables its body reads.
    if (auto it = r.nested_functions.find(s); it != r.nested_functions.end()) {
      const Function& fn = r.functions[it->second];
      occ[fn.parent_var].push_back({order, path, s, true, true, false});
      for (const Variable& v : fn.vars)
        if (v.placement == DeclPlacement::Captured && v.captured_from != fn.parent_var)
          occ[v.captured_from].push_back({order, path, s, false, false, false});
      return;
    }
    std::set<ExprId> targets;
    bool simple = false;
    if (auto* a = std::get_if<Assign>(&node)) {
      for (ExprId t : a->targets) bound_by(t, targets);
      simple = (a->targets.size() == 1 && std::holds_alternative<Name>(m.exprs[a->targets[0]].node)) ||
               is_independent_unpacking(m, *a);
    } else if (auto* an = std::get_if<AnnAssign>(&node)) {
      bound_by(an->target, targets);
      simple = an->value != kNoNode && std::holds_alternative<Name>(m.exprs[an->target].node);
    } else if (auto* w = std::get_if<With>(&node)) {
      // `with A() as a`: a is bound by the statement (a plain name: sema/with_stmt.cpp).
      for (const auto& item : w->items)
        if (item.target != kNoNode) bound_by(item.target, targets);
      simple = !targets.empty();
    } else if (auto* au = std::get_if<AugAssign>(&node)) {
      // `s |= t` on a set updates the object in place: not a new binding.
      if (r.types.kind(r.expr_type[au->target]) != TypeKind::Set) bound_by(au->target, targets);
    }
    // `(n := value)` binds n, never as the declaring statement: such a variable is hoisted.
    std::set<ExprId> walrus;
    for (ExprId t : walrus_targets(m, s)) walrus.insert(t);
    if (auto* mt = std::get_if<Match>(&node)) {
      // The names a case captures, its guard and its body belong to the case: a capture used only
      // there is declared where the case binds it (emit/match_stmt.cpp).
      names_in(mt->subject, [&](ExprId x) { add(x, s, walrus.count(x) > 0, false, false, path); });
      for (const auto& c : mt->cases) {
        std::vector<const Body*> inner = path;
        inner.push_back(&c.body);
        std::vector<ExprId> captures;
        pattern_captures(m, c.pattern, captures);
        std::set<ExprId> bound(captures.begin(), captures.end());
        for_each_pattern_expr(m, c.pattern, [&](ExprId e) {
          names_in(e, [&](ExprId x) {
            add(x, s, bound.count(x) > 0, bound.count(x) > 0, false, inner);
            occ[r.name_ref[x].index].back().pattern_only = bound.count(x) > 0;
          });
        });
        names_in(c.guard, [&](ExprId x) {
          add(x, s, false, false, false, inner);
          occ[r.name_ref[x].index].back().pattern_only = true;
        });
        body(c.body);
      }
      return;
    }
    if (auto* f = std::get_if<For>(&node)) {
      // The loop target belongs to the loop body: a variable used only there can live in the header.
      std::vector<const Body*> inner = path;
      inner.push_back(&f->body);
      std::set<ExprId> loop_targets;
      bound_by(f->target, loop_targets);
      names_in(f->target, [&](ExprId x) { add(x, s, loop_targets.count(x) > 0, false, loop_targets.count(x) > 0, inner); });
      names_in(f->iter, [&](ExprId x) { add(x, s, walrus.count(x) > 0, false, false, path); });
    } else {
      for_each_stmt_expr(m, s, [&](ExprId e) {
        names_in(e, [&](ExprId x) {
          // A plain `x = ...` does not read x; an augmented one does, but it still binds.
          bool is_target = targets.count(x) > 0;
          add(x, s, is_target || walrus.count(x) > 0, is_target && simple, false, path);
        });
      });
    }
    if (std::holds_alternative<If>(node) || std::holds_alternative<While>(node) || std::holds_alternative<For>(node) ||
        std::holds_alternative<Try>(node) || std::holds_alternative<With>(node)) {
      for (const Body* b : child_bodies(m, s)) body(*b);
    }
  }
};

std::vector<const Body*> common_prefix(const std::vector<const Body*>& a, const std::vector<const Body*>& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return {a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

void Analyzer::place_declarations(Function& fn) {
  Walker w{m_, r_, {}, {}, 0};
  w.occ.resize(fn.vars.size());
  w.body(*fn.body);
  for (size_t i = 0; i < fn.num_params; ++i)
    for (const auto& o : w.occ[i]) fn.vars[i].rebound = fn.vars[i].rebound || o.binding;
  for (size_t i = fn.num_params; i < fn.vars.size(); ++i) {
    Variable& v = fn.vars[i];
    const auto& occs = w.occ[i];
    if (v.placement == DeclPlacement::Captured) continue;  // declared by the enclosing function
    if (r_.types.kind(v.type) == TypeKind::Exception) {
      v.placement = DeclPlacement::CatchClause;
      continue;
    }
    if (occs.empty()) {  // bound only in code that was stubbed: declare it so the stub compiles
      v.placement = DeclPlacement::Hoisted;
      v.hoist_block = fn.body;
      continue;
    }
    // Captured by match patterns and read only by guards (which read the subject instead).
    v.pattern_only = std::all_of(occs.begin(), occs.end(), [](const Occurrence& o) { return o.pattern_only; });
    std::vector<const Body*> lca = occs.front().path;
    size_t bindings = 0;
    for (const auto& o : occs) {
      lca = common_prefix(lca, o.path);
      if (o.binding && !o.for_target) ++bindings;
    }
    // Loop bodies that bind v as their loop variable. If every use of v sits inside one of them
    // (and they do not nest), each loop declares its own v in its header.
    std::set<const Body*> loops;
    for (const auto& o : occs)
      if (o.for_target) loops.insert(o.path.back());
    bool all_in_loops = !loops.empty();
    for (const auto& o : occs) {
      size_t inside = 0;
      for (const Body* b : o.path) inside += loops.count(b);
      if (inside != 1) all_in_loops = false;
    }
    const Occurrence& first = occs.front();
    // `for row in grid: ...` then `row.append(x)` after the loop: a variable that outlives its
    // loop is a C++ copy of each item, so a change through it would not reach the list.
    TypeKind k = r_.types.kind(v.type);
    if (!loops.empty() && !all_in_loops && (v.mutated || v.elements_mutated) &&
        (k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set) && fn.stub_reason.empty())
      fn.stub_reason = {StubKind::AliasedElement, "loop variable '" + v.name + "' is used outside its loop and changed in place; py2cpp copies "
                       "each item into such a variable, so the change would not reach the "
                       "container it came from: change the item "
                       "through the container (`xs[-1].append(x)`) or keep the change inside the loop"};
    if (all_in_loops) {
      v.placement = DeclPlacement::ForHeader;
      v.rebound = bindings > 0;
      v.first_binding = first.stmt;
      continue;
    }
    // An `elif` chain is one C++ if/else-if chain: the `else` block holding an elif has no place
    // for declarations, so declare in the block around the whole chain.
    while (lca.size() > 1 && lca.back()->size() == 1)
      if (auto* elif = get_stmt_if<If>(m_, lca.back()->front()); elif && elif->is_elif) lca.pop_back();
      else break;
    v.rebound = bindings + loops.size() > 1;
    if (first.simple_binding && first.path.size() == lca.size()) {
      v.placement = DeclPlacement::AtFirstBinding;
      v.first_binding = first.stmt;
    } else {
      v.placement = DeclPlacement::Hoisted;
      v.hoist_block = lca.empty() ? fn.body : lca.back();
    }
  }
}

}  // namespace py2cpp::sema
