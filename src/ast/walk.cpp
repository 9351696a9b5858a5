#include "ast/walk.hpp"

#include <algorithm>

namespace py2cpp::ast {

namespace {

void for_each_part(const std::vector<FStringPart>& parts, const std::function<void(ExprId)>& f) {
  for (const auto& p : parts) {
    if (p.expr != kNoNode) f(p.expr);
    for_each_part(p.format_spec, f);
  }
}

void for_each_param(const std::vector<Param>& params, const std::function<void(ExprId)>& f) {
  for (const auto& p : params) {
    if (p.annotation != kNoNode) f(p.annotation);
    if (p.default_value != kNoNode) f(p.default_value);
  }
}

}  // namespace

void for_each_child(const Module& m, ExprId e, const std::function<void(ExprId)>& f) {
  auto opt = [&](ExprId x) {
    if (x != kNoNode) f(x);
  };
  auto all = [&](const std::vector<ExprId>& xs) {
    for (ExprId x : xs) opt(x);
  };
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, FString>) for_each_part(n.parts, f);
        else if constexpr (std::is_same_v<N, UnaryOp>) opt(n.operand);
        else if constexpr (std::is_same_v<N, BinOp>) { opt(n.left); opt(n.right); }
        else if constexpr (std::is_same_v<N, BoolOp>) all(n.values);
        else if constexpr (std::is_same_v<N, Compare>) { opt(n.left); all(n.comparators); }
        else if constexpr (std::is_same_v<N, Call>) {
          opt(n.func);
          all(n.args);
          for (const auto& k : n.keywords) opt(k.value);
        }
        else if constexpr (std::is_same_v<N, Attribute>) opt(n.value);
        else if constexpr (std::is_same_v<N, Subscript>) { opt(n.value); opt(n.index); }
        else if constexpr (std::is_same_v<N, Slice>) { opt(n.lower); opt(n.upper); opt(n.step); }
        else if constexpr (std::is_same_v<N, ListLit> || std::is_same_v<N, TupleLit> || std::is_same_v<N, SetLit>) all(n.elts);
        else if constexpr (std::is_same_v<N, DictLit>) { all(n.keys); all(n.values); }
        else if constexpr (std::is_same_v<N, IfExp>) { opt(n.test); opt(n.body); opt(n.orelse); }
        else if constexpr (std::is_same_v<N, Starred> || std::is_same_v<N, Await>) opt(n.value);
        else if constexpr (std::is_same_v<N, NamedExpr>) { opt(n.target); opt(n.value); }
        else if constexpr (std::is_same_v<N, Yield>) opt(n.value);
        else if constexpr (std::is_same_v<N, Lambda>) { for_each_param(n.params, f); opt(n.body); }
        else if constexpr (std::is_same_v<N, Comprehension>) {
          opt(n.elt);
          opt(n.value);
          for (const auto& g : n.generators) { opt(g.target); opt(g.iter); all(g.ifs); }
        }
      },
      m.exprs[e].node);
}

void for_each_expr(const Module& m, ExprId e, const std::function<void(ExprId)>& f) {
  if (e == kNoNode) return;
  f(e);
  for_each_child(m, e, [&](ExprId c) { for_each_expr(m, c, f); });
}

void for_each_pattern_expr(const Module& m, PatternId p, const std::function<void(ExprId)>& f) {
  auto opt = [&](ExprId x) {
    if (x != kNoNode) f(x);
  };
  auto sub = [&](PatternId q) {
    if (q != kNoNode) for_each_pattern_expr(m, q, f);
  };
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, MatchValue>) opt(n.value);
        else if constexpr (std::is_same_v<N, MatchAs>) { sub(n.pattern); opt(n.name); }
        else if constexpr (std::is_same_v<N, MatchOr>) { for (PatternId q : n.alternatives) sub(q); }
        else if constexpr (std::is_same_v<N, MatchStar>) opt(n.name);
        else if constexpr (std::is_same_v<N, MatchSequence>) { for (PatternId q : n.elts) sub(q); }
        else if constexpr (std::is_same_v<N, MatchMapping>) {
          for (size_t i = 0; i < n.keys.size(); ++i) { opt(n.keys[i]); sub(n.values[i]); }
          opt(n.rest);
        } else if constexpr (std::is_same_v<N, MatchClass>) {
          opt(n.cls);
          for (PatternId q : n.args) sub(q);
          for (PatternId q : n.kw_patterns) sub(q);
        }
      },
      m.patterns[p].node);
}

void pattern_captures(const Module& m, PatternId p, std::vector<ExprId>& out) {
  if (p == kNoNode) return;
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, MatchAs>) {
          pattern_captures(m, n.pattern, out);
          if (n.name != kNoNode) out.push_back(n.name);
        } else if constexpr (std::is_same_v<N, MatchOr>) {
          // Every alternative binds the same names (Python checks): the first one lists them.
          if (!n.alternatives.empty()) pattern_captures(m, n.alternatives[0], out);
        } else if constexpr (std::is_same_v<N, MatchStar>) {
          if (n.name != kNoNode) out.push_back(n.name);
        } else if constexpr (std::is_same_v<N, MatchSequence>) {
          for (PatternId q : n.elts) pattern_captures(m, q, out);
        } else if constexpr (std::is_same_v<N, MatchMapping>) {
          for (PatternId q : n.values) pattern_captures(m, q, out);
          if (n.rest != kNoNode) out.push_back(n.rest);
        } else if constexpr (std::is_same_v<N, MatchClass>) {
          for (PatternId q : n.args) pattern_captures(m, q, out);
          for (PatternId q : n.kw_patterns) pattern_captures(m, q, out);
        }
      },
      m.patterns[p].node);
}

void for_each_stmt_expr(const Module& m, StmtId s, const std::function<void(ExprId)>& f) {
  auto opt = [&](ExprId x) {
    if (x != kNoNode) f(x);
  };
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, ExprStmt>) opt(n.value);
        else if constexpr (std::is_same_v<N, Assign>) { for (ExprId t : n.targets) opt(t); opt(n.value); }
        else if constexpr (std::is_same_v<N, AugAssign>) { opt(n.target); opt(n.value); }
        else if constexpr (std::is_same_v<N, AnnAssign>) { opt(n.target); opt(n.annotation); opt(n.value); }
        else if constexpr (std::is_same_v<N, Return>) opt(n.value);
        else if constexpr (std::is_same_v<N, Delete>) { for (ExprId t : n.targets) opt(t); }
        else if constexpr (std::is_same_v<N, If> || std::is_same_v<N, While>) opt(n.test);
        else if constexpr (std::is_same_v<N, For>) { opt(n.target); opt(n.iter); }
        else if constexpr (std::is_same_v<N, With>) { for (const auto& i : n.items) { opt(i.context); opt(i.target); } }
        else if constexpr (std::is_same_v<N, Try>) { for (const auto& h : n.handlers) opt(h.type); }
        else if constexpr (std::is_same_v<N, Raise>) { opt(n.exc); opt(n.cause); }
        else if constexpr (std::is_same_v<N, Assert>) { opt(n.test); opt(n.msg); }
        else if constexpr (std::is_same_v<N, Match>) {
          opt(n.subject);
          for (const auto& c : n.cases) {
            for_each_pattern_expr(m, c.pattern, f);
            opt(c.guard);
          }
        }
        else if constexpr (std::is_same_v<N, FunctionDef>) {
          for (const auto& p : n.params) { opt(p.annotation); opt(p.default_value); }
          opt(n.returns);
          for (ExprId d : n.decorators) opt(d);
        }
        else if constexpr (std::is_same_v<N, ClassDef>) {
          for (ExprId b : n.bases) opt(b);
          for (ExprId d : n.decorators) opt(d);
        }
      },
      m.stmts[s].node);
}

std::vector<const Body*> child_bodies(const Module& m, StmtId s) {
  std::vector<const Body*> out;
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, If> || std::is_same_v<N, While> || std::is_same_v<N, For>) {
          out.push_back(&n.body);
          out.push_back(&n.orelse);
        } else if constexpr (std::is_same_v<N, With> || std::is_same_v<N, FunctionDef> || std::is_same_v<N, ClassDef>) {
          out.push_back(&n.body);
        } else if constexpr (std::is_same_v<N, Match>) {
          for (const auto& c : n.cases) out.push_back(&c.body);
        } else if constexpr (std::is_same_v<N, Try>) {
          out.push_back(&n.body);
          for (const auto& h : n.handlers) out.push_back(&h.body);
          out.push_back(&n.orelse);
          out.push_back(&n.finalbody);
        }
      },
      m.stmts[s].node);
  return out;
}

std::vector<ExprId> walrus_targets(const Module& m, StmtId s) {
  std::vector<ExprId> out;
  for_each_stmt_expr(m, s, [&](ExprId root) {
    for_each_expr(m, root, [&](ExprId e) {
      if (auto* ne = get_if<NamedExpr>(m, e); ne && get_if<Name>(m, ne->target)) out.push_back(ne->target);
    });
  });
  return out;
}

bool is_independent_unpacking(const Module& m, const Assign& a) {
  if (a.targets.size() != 1) return false;
  auto* targets = get_if<TupleLit>(m, a.targets[0]);
  auto* values = get_if<TupleLit>(m, a.value);
  if (!targets || !values || targets->elts.size() != values->elts.size()) return false;
  std::vector<std::string> names;
  for (ExprId t : targets->elts) {
    auto* n = get_if<Name>(m, t);
    if (!n || std::find(names.begin(), names.end(), n->id) != names.end()) return false;
    names.push_back(n->id);
  }
  bool reads_target = false;
  for_each_expr(m, a.value, [&](ExprId e) {
    if (auto* n = get_if<Name>(m, e); n && std::find(names.begin(), names.end(), n->id) != names.end())
      reads_target = true;
  });
  return !reads_target;
}

bool leaves_block(const Module& m, const Body& body, bool in_loop) {
  for (StmtId s : body) {
    const StmtNode& n = m.stmts[s].node;
    if (std::holds_alternative<Return>(n)) return true;
    if (!in_loop && (std::holds_alternative<Break>(n) || std::holds_alternative<Continue>(n))) return true;
    if (std::holds_alternative<FunctionDef>(n) || std::holds_alternative<ClassDef>(n)) continue;
    bool loop = std::holds_alternative<For>(n) || std::holds_alternative<While>(n);
    for (const Body* c : child_bodies(m, s))
      if (leaves_block(m, *c, in_loop || loop)) return true;
  }
  return false;
}

bool falls_through(const Module& m, const Body& body) {
  if (body.empty()) return true;
  const StmtNode& n = m.stmts[body.back()].node;
  if (std::holds_alternative<Return>(n) || std::holds_alternative<Raise>(n) || std::holds_alternative<Break>(n) ||
      std::holds_alternative<Continue>(n))
    return false;
  if (auto* i = std::get_if<If>(&n)) return i->orelse.empty() || falls_through(m, i->body) || falls_through(m, i->orelse);
  return true;
}

}  // namespace py2cpp::ast
