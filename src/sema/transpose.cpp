// zip(*rows) for rows: list[list[T]] -- the columns of a matrix.
//
// Python yields tuples of len(rows) items, a length C++ cannot put in a type. py2cpp yields each
// column as a list[T] instead, which is only faithful where nothing can tell a tuple from a list:
// the loop (or comprehension) variable may only be passed to list/sorted/sum/min/max/len/set/
// any/all or str.join, iterated, or indexed with an int. `[list(c) for c in zip(*m)]` is the common use.
// The columns are computed when zip() is called, so rows must not change while they are used.
#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// The uses of `name` in the expression trees `roots` that keep a column's tuple-ness invisible.
void count_uses(const Module& m, const SemaResult& r, ExprId root, const std::string& name, size_t* all, size_t* allowed) {
  static const std::set<std::string> readers = {"list", "sorted", "sum", "min", "max", "len", "set", "any", "all"};
  auto is_name = [&](ExprId x) {
    auto* n = get_if<Name>(m, x);
    return n && n->id == name;
  };
  for_each_expr(m, root, [&](ExprId x) {
    if (is_name(x)) ++*all;
    if (auto* c = get_if<Call>(m, x)) {
      auto* f = get_if<Name>(m, c->func);
      if (f && readers.count(f->id) && r.name_ref[c->func].kind == NameRef::Builtin && c->args.size() == 1 &&
          is_name(c->args[0]))
        ++*allowed;
      if (auto* a = get_if<Attribute>(m, c->func); a && a->attr == "join" && c->args.size() == 1 && is_name(c->args[0]))
        ++*allowed;  // sep.join(col)
    }
    if (auto* sub = get_if<Subscript>(m, x); sub && is_name(sub->value) && !get_if<Slice>(m, sub->index)) ++*allowed;
    if (auto* comp = get_if<Comprehension>(m, x))
      for (const CompFor& g : comp->generators)
        if (is_name(g.iter)) ++*allowed;
  });
}

}  // namespace

// True if the zip(*rows) call `e`, in statement s.stmt, is consumed as described above.
bool Analyzer::transpose_use_ok(ExprId e, const std::string& rows_name, Scope& s) {
  auto why = [&](const std::string& what) {
    unsupported(s, StubKind::StarArgs, "zip(*" + rows_name + ") yields tuples of len(" + rows_name + ") items, which C++ cannot type; " + what);
    return false;
  };
  const std::string usage = "use each column as list(col), sum(col), col[i], sep.join(col) or iterate it (e.g. [list(c) for c in zip(*m)])";
  if (s.stmt == kNoNode) return why(usage);
  std::string target;
  size_t all = 0, allowed = 0;
  if (auto* f = get_stmt_if<For>(m_, s.stmt); f && f->iter == e) {
    auto* n = get_if<Name>(m_, f->target);
    if (!n) return why(usage);
    target = n->id;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        for_each_stmt_expr(m_, st, [&](ExprId root) { count_uses(m_, r_, root, target, &all, &allowed); });
        if (auto* inner = get_stmt_if<For>(m_, st); inner && get_if<Name>(m_, inner->iter) &&
                                                    std::get<Name>(m_.expr(inner->iter).node).id == target)
          ++allowed;
        for (const Body* b : child_bodies(m_, st)) scan(*b);
      }
    };
    scan(f->body);
    scan(f->orelse);
  } else {
    bool found = false;
    for_each_stmt_expr(m_, s.stmt, [&](ExprId root) {
      for_each_expr(m_, root, [&](ExprId x) {
        auto* c = get_if<Comprehension>(m_, x);
        if (!c || found) return;
        for (size_t i = 0; i < c->generators.size(); ++i) {
          if (c->generators[i].iter != e) continue;
          auto* n = get_if<Name>(m_, c->generators[i].target);
          if (!n) return;
          found = true;
          target = n->id;
          count_uses(m_, r_, c->elt, target, &all, &allowed);
          if (c->value != kNoNode) count_uses(m_, r_, c->value, target, &all, &allowed);
          for (size_t j = i; j < c->generators.size(); ++j) {
            for (ExprId cond : c->generators[j].ifs) count_uses(m_, r_, cond, target, &all, &allowed);
            if (j > i) count_uses(m_, r_, c->generators[j].iter, target, &all, &allowed);
          }
          return;
        }
      });
    });
    if (!found) return why(usage);
  }
  if (all != allowed) return why(usage);
  return true;
}

// zip(*rows): each column as a list (see the top of this file), or kUnknown with a stub.
TypeId Analyzer::infer_transpose(ExprId e, const Call& c, Scope& s) {
  ExprId rows = std::get<Starred>(m_.expr(c.args[0]).node).value;
  TypeId t = infer(rows, s);
  r_.expr_type[c.args[0]] = t;
  if (t == kUnknown) return kUnknown;
  const TypeTable& T = r_.types;
  const std::string text = expr_text(rows);
  if (T.kind(t) != TypeKind::List || T.is_deque(t) || T.kind(T.arg(t, 0)) != TypeKind::List || T.is_deque(T.arg(t, 0)) ||
      T.arg(T.arg(t, 0), 0) == kUnknown) {
    unsupported(s, StubKind::StarArgs, "zip(*" + text + ") of a " + T.python_name(t) + " (only of a list of lists)");
    return kUnknown;
  }
  // The columns are copied out at the call; Python's zip reads the rows as it goes.
  bool stable = get_if<ListLit>(m_, rows) || get_if<Call>(m_, rows) || get_if<Comprehension>(m_, rows);
  if (get_if<Name>(m_, rows) && r_.name_ref[rows].kind == NameRef::Variable && s.fn) {
    const Variable& v = s.fn->vars[r_.name_ref[rows].index];
    stable = !v.mutated && !v.elements_mutated;
  }
  // `[list(c) for c in zip(*self.cells)]`: the columns are only read (transpose_use_ok), and a
  // one-generator comprehension without conditions runs nothing else that could change the rows meanwhile.
  if (!stable && s.stmt != kNoNode)
    for_each_stmt_expr(m_, s.stmt, [&](ExprId root) {
      for_each_expr(m_, root, [&](ExprId x) {
        if (auto* comp = get_if<Comprehension>(m_, x); comp && comp->generators.size() == 1 && comp->generators[0].iter == e &&
            comp->generators[0].ifs.empty())
          stable = true;
      });
    });
  if (!stable) {
    unsupported(s, StubKind::ChangedWhileUsed, "zip(*" + text + ") of rows that may change while the columns are used (py2cpp copies the columns "
                   "out when zip() is called); zip a local list that is not changed in place");
    return kUnknown;
  }
  if (!transpose_use_ok(e, text, s)) return kUnknown;
  return r_.types.generator_of(r_.types.arg(t, 0));
}

}  // namespace py2cpp::sema
