// One Python name reused by several `for` loops for values of different types:
//
//     for start, group in sorted(buckets.items()):   # group: list[Event]
//         ...
//     for kind, group in itertools.groupby(...):     # group: an iterator
//         ...
//
// A C++ variable has one type, so sema reports the name (SemaResult::loop_name_conflicts); this
// pass gives each loop after the first its own name (`group_2`) when that cannot change what the
// program does: the name is bound only by those loops, read only inside them (not in an `else`,
// not after them, not by a nested function or lambda), and the loops do not nest. The driver then
// runs sema again on the renamed module.
#include "ast/split_loop_names.hpp"

#include <algorithm>
#include <set>

#include "ast/walk.hpp"

namespace py2cpp::ast {

namespace {

bool is_name(const Module& m, ExprId e, const std::string& name) {
  auto* n = std::get_if<Name>(&m.expr(e).node);
  return n && n->id == name;
}

// Every Name expression `name` in e's tree.
void names_in(const Module& m, ExprId e, const std::string& name, std::vector<ExprId>& out) {
  if (e == kNoNode) return;
  for_each_expr(m, e, [&](ExprId x) {
    if (is_name(m, x, name)) out.push_back(x);
  });
}

struct Scan {
  const Module& m;
  const std::string& name;
  std::vector<StmtId> loops;     // the loops whose target binds name, in source order
  std::vector<ExprId> uses;      // every occurrence of name in the function
  bool unsafe = false;           // bound otherwise, read by a nested function or lambda, ...

  bool binds(ExprId target) const {
    std::vector<ExprId> found;
    names_in(m, target, name, found);
    return !found.empty();
  }

  void body(const Body& b) {
    for (StmtId s : b) stmt(s);
  }

  void stmt(StmtId s) {
    const StmtNode& n = m.stmt(s).node;
    if (auto* f = std::get_if<FunctionDef>(&n)) {  // a nested def: its own scope, but it may read name
      std::vector<ExprId> inner;
      collect_all(f->body, inner);
      unsafe = unsafe || !inner.empty() || f->name == name;
      return;
    }
    if (auto* c = std::get_if<ClassDef>(&n)) {
      unsafe = unsafe || c->name == name;
      return;
    }
    if (auto* a = std::get_if<Assign>(&n))
      for (ExprId t : a->targets) unsafe = unsafe || binds(t);
    if (auto* a = std::get_if<AugAssign>(&n)) unsafe = unsafe || binds(a->target);
    if (auto* a = std::get_if<AnnAssign>(&n)) unsafe = unsafe || binds(a->target);
    if (auto* d = std::get_if<Delete>(&n))
      for (ExprId t : d->targets) unsafe = unsafe || binds(t);
    if (auto* w = std::get_if<With>(&n))
      for (const WithItem& item : w->items) unsafe = unsafe || (item.target != kNoNode && binds(item.target));
    if (auto* t = std::get_if<Try>(&n))
      for (const ExceptHandler& h : t->handlers) unsafe = unsafe || h.name == name;
    if (auto* g = std::get_if<Global>(&n)) unsafe = unsafe || std::count(g->names.begin(), g->names.end(), name);
    if (auto* g = std::get_if<Nonlocal>(&n)) unsafe = unsafe || std::count(g->names.begin(), g->names.end(), name);
    if (std::holds_alternative<Import>(n) || std::holds_alternative<ImportFrom>(n) || std::holds_alternative<Match>(n))
      unsafe = true;  // rare inside these functions; not worth modelling
    for (ExprId w : walrus_targets(m, s)) unsafe = unsafe || is_name(m, w, name);
    if (auto* f = std::get_if<For>(&n); f && binds(f->target)) loops.push_back(s);
    for_each_stmt_expr(m, s, [&](ExprId root) {
      names_in(m, root, name, uses);
      for_each_expr(m, root, [&](ExprId x) {
        if (auto* l = std::get_if<Lambda>(&m.expr(x).node)) {
          std::vector<ExprId> in_lambda;
          names_in(m, l->body, name, in_lambda);
          unsafe = unsafe || !in_lambda.empty();
        }
      });
    });
    for (const Body* b : child_bodies(m, s)) body(*b);
  }

  // Every occurrence of name in a body, nested definitions included.
  void collect_all(const Body& b, std::vector<ExprId>& out) const {
    for (StmtId s : b) {
      for_each_stmt_expr(m, s, [&](ExprId root) { names_in(m, root, name, out); });
      for (const Body* c : child_bodies(m, s)) collect_all(*c, out);
      if (auto* f = std::get_if<FunctionDef>(&m.stmt(s).node)) collect_all(f->body, out);
    }
  }
};

std::set<std::string> all_names(const Module& m) {
  std::set<std::string> out;
  for (const Expr& e : m.exprs)
    if (auto* n = std::get_if<Name>(&e.node)) out.insert(n->id);
  return out;
}

}  // namespace

bool split_loop_names(Module& m, const std::vector<LoopNameConflict>& conflicts) {
  bool renamed = false;
  std::set<std::string> taken = all_names(m);
  for (const LoopNameConflict& c : conflicts) {
    const Body* fn_body = nullptr;
    const StmtNode& owner = m.stmt(c.function).node;
    if (auto* f = std::get_if<FunctionDef>(&owner)) fn_body = &f->body;
    if (auto* i = std::get_if<If>(&owner)) fn_body = &i->body;  // the __main__ block
    if (!fn_body) continue;
    if (auto* f = std::get_if<FunctionDef>(&owner))
      if (std::any_of(f->params.begin(), f->params.end(), [&](const Param& p) { return p.name == c.name; })) continue;
    Scan scan{m, c.name, {}, {}, false};
    scan.body(*fn_body);
    if (scan.unsafe || scan.loops.size() < 2) continue;
    // Each loop's own occurrences: its target and body (not its else clause, which runs after it).
    std::vector<std::vector<ExprId>> per_loop;
    size_t covered = 0;
    for (StmtId l : scan.loops) {
      const For& f = std::get<For>(m.stmt(l).node);
      std::vector<ExprId> own;
      names_in(m, f.target, c.name, own);
      names_in(m, f.iter, c.name, own);  // `for x in f(x)` reads the previous loop's x: unsafe below
      scan.collect_all(f.body, own);
      std::vector<ExprId> in_iter;
      names_in(m, f.iter, c.name, in_iter);
      if (!in_iter.empty()) scan.unsafe = true;
      per_loop.push_back(own);
      covered += own.size();
    }
    std::set<ExprId> distinct;
    for (const auto& own : per_loop) distinct.insert(own.begin(), own.end());
    // Nested loops would count an occurrence twice; a use outside every loop is not covered.
    if (scan.unsafe || distinct.size() != covered || covered != scan.uses.size()) continue;
    for (size_t k = 1; k < per_loop.size(); ++k) {
      std::string fresh = c.name + "_" + std::to_string(k + 1);
      while (taken.count(fresh)) fresh += "_";
      taken.insert(fresh);
      for (ExprId e : per_loop[k]) std::get<Name>(m.exprs[e].node).id = fresh;
    }
    renamed = true;
  }
  return renamed;
}

}  // namespace py2cpp::ast
