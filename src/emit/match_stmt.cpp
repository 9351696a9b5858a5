// Match statements (sema/match_stmt.cpp typed the patterns): an if / else-if chain over the
// subject, evaluated once.
//
//   match cmd:                        const auto& subject = cmd.split();   // unless a plain local
//       case ["push", value]:         if (subject.size() == 2 && subject[0] == "push") {
//           ...                         std::string value = subject[1];
//       case [op, *rest] if rest:       ...
//           ...                       } else if (subject.size() >= 1 && !std::vector<...>(...).empty()) {
//       case _:                         std::string op = subject[0];
//           ...                         std::vector<std::string> rest(subject.begin() + 1, subject.end());
//                                     } else { ... }
//
// Each pattern becomes tests (joined by &&, so a length test guards the element tests after it)
// and bindings, C++ expressions reading the part of the subject a capture names. A guard reads
// the captures through those expressions, so captures are assigned only once the whole case
// (pattern and guard) matched; Python assigns them before the guard runs, which shows only when
// a guard fails and the name is read after the match statement.
#include <fmt/format.h>

#include <algorithm>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// `(a || b)` alone in an if condition needs no parentheses of its own.
std::string condition_text(const std::vector<std::string>& tests) {
  if (tests.size() == 1 && tests[0].size() > 2 && tests[0].front() == '(' && tests[0].back() == ')') {
    int depth = 0;
    for (size_t i = 0; i < tests[0].size(); ++i) {
      depth += tests[0][i] == '(' ? 1 : tests[0][i] == ')' ? -1 : 0;
      if (depth == 0 && i + 1 < tests[0].size()) return tests[0];  // `(a) == (b)`: not one group
    }
    return tests[0].substr(1, tests[0].size() - 2);
  }
  return join(tests, " && ");
}

}  // namespace

// The value where pattern p matched, as its narrowed type: the variant alternative, the subclass
// handle, the value inside an Optional.
std::string Emitter::narrowed_value(PatternId p, const std::string& value) {
  const S::PatternInfo& info = s_.patterns[p];
  const S::TypeTable& T = s_.types;
  if (info.narrowed == S::kUnknown) return value;
  switch (T.kind(info.subject)) {
    case TypeKind::Union: return "std::get<" + cpp_type(info.narrowed) + ">(" + value + ")";
    case TypeKind::Optional:
      if (T.kind(T.arg(info.subject, 0)) == TypeKind::Class) return narrowed_handle(T.arg(info.subject, 0), info.narrowed, value);
      return "(*" + value + ")";
    case TypeKind::Class: return narrowed_handle(info.subject, info.narrowed, value);
    default: return value;
  }
}

// A handle of class `from` known to point to a `to` (a subclass): the handle of that type.
std::string Emitter::narrowed_handle(S::TypeId from, S::TypeId to, const std::string& value) {
  if (class_of_type(from) == class_of_type(to)) return value;
  return "std::static_pointer_cast<" + class_of_type(to)->cpp_name + ">(" + value + ")";
}

void Emitter::pattern_tests(PatternId p, const std::string& value, std::vector<std::string>& tests,
                            std::vector<std::pair<ExprId, std::string>>& binds) {
  const S::TypeTable& T = s_.types;
  const S::PatternInfo& info = s_.patterns[p];
  const Pattern& pat = m_.pattern(p);
  S::TypeId t = info.subject;
  std::string v = value;
  // A pattern other than None, a capture or `|` on an Optional: there is a value, then it matches.
  auto* mv = std::get_if<MatchValue>(&pat.node);
  bool none_literal = mv && get_if<NoneLit>(m_, mv->value);
  if (T.kind(t) == TypeKind::Optional && !none_literal && !std::holds_alternative<MatchAs>(pat.node) &&
      !std::holds_alternative<MatchOr>(pat.node)) {
    bool handle = T.kind(T.arg(t, 0)) == TypeKind::Class;
    tests.push_back(handle ? value + " != nullptr" : value + ".has_value()");
    if (!handle) v = "(*" + value + ")";
    t = T.arg(t, 0);
  }
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, MatchAs>) {
          if (n.pattern != kNoNode) pattern_tests(n.pattern, v, tests, binds);
          if (n.name != kNoNode) binds.emplace_back(n.name, n.pattern == kNoNode ? v : narrowed_value(n.pattern, v));
        } else if constexpr (std::is_same_v<N, MatchValue>) {
          if (none_literal) {
            if (T.kind(t) != TypeKind::Optional) return;  // a None subject
            tests.push_back(T.kind(T.arg(t, 0)) == TypeKind::Class ? v + " == nullptr" : "!" + v + ".has_value()");
            return;
          }
          std::string lhs = v;
          if (T.kind(t) == TypeKind::Union) {
            tests.push_back("std::holds_alternative<" + cpp_type(info.narrowed) + ">(" + v + ")");
            lhs = "std::get<" + cpp_type(info.narrowed) + ">(" + v + ")";
          }
          if (auto* b = get_if<BoolLit>(m_, n.value)) tests.push_back(b->value ? lhs : "!" + lhs);
          else tests.push_back(lhs + " == " + paren(expr(n.value), 9));
        } else if constexpr (std::is_same_v<N, MatchOr>) {
          std::vector<std::string> alternatives;
          for (PatternId q : n.alternatives) {
            std::vector<std::string> alt;
            pattern_tests(q, v, alt, binds);
            if (alt.empty()) return;  // this alternative matches anything
            alternatives.push_back(alt.size() == 1 ? alt[0] : "(" + join(alt, " && ") + ")");
          }
          tests.push_back("(" + join(alternatives, " || ") + ")");
        } else if constexpr (std::is_same_v<N, MatchSequence>) {
          sequence_tests(n, t, v, tests, binds);
        } else if constexpr (std::is_same_v<N, MatchMapping>) {
          std::vector<std::string> keys;
          for (size_t i = 0; i < n.keys.size(); ++i) {
            std::string key = str(n.keys[i]);
            keys.push_back(key);
            tests.push_back(v + ".contains(" + key + ")");
            pattern_tests(n.values[i], v + ".at(" + key + ")", tests, binds);
          }
          if (n.rest != kNoNode) binds.emplace_back(n.rest, "py::mapping_rest(" + v + (keys.empty() ? "" : ", {") + join(keys, ", ") + (keys.empty() ? "" : "}") + ")");
        } else if constexpr (std::is_same_v<N, MatchClass>) {
          S::TypeId narrowed = info.narrowed == S::kUnknown ? t : info.narrowed;
          std::string value_as = v;
          if (T.kind(t) == TypeKind::Union) {
            tests.push_back("std::holds_alternative<" + cpp_type(narrowed) + ">(" + v + ")");
            value_as = "std::get<" + cpp_type(narrowed) + ">(" + v + ")";
          } else if (T.kind(t) == TypeKind::Class && class_of_type(t) != class_of_type(narrowed)) {
            tests.push_back("py::isinstance<" + class_of_type(narrowed)->cpp_name + ">(" + v + ")");
            value_as = narrowed_handle(t, narrowed, v);
          }
          std::vector<PatternId> subs = n.args;
          subs.insert(subs.end(), n.kw_patterns.begin(), n.kw_patterns.end());
          for (size_t i = 0; i < subs.size(); ++i) {
            const std::string& member = info.members[i];
            pattern_tests(subs[i], member.empty() ? value_as : value_as + "->" + member, tests, binds);
          }
        }
      },
      pat.node);
}

void Emitter::sequence_tests(const MatchSequence& q, S::TypeId t, const std::string& v, std::vector<std::string>& tests,
                             std::vector<std::pair<ExprId, std::string>>& binds) {
  const S::TypeTable& T = s_.types;
  size_t star_at = q.elts.size();
  for (size_t i = 0; i < q.elts.size(); ++i)
    if (std::holds_alternative<MatchStar>(m_.pattern(q.elts[i]).node)) star_at = i;
  const bool star = star_at < q.elts.size();
  const size_t fixed = q.elts.size() - (star ? 1 : 0);
  const size_t after = star ? q.elts.size() - star_at - 1 : 0;
  if (T.kind(t) == TypeKind::List) {
    if (!star && fixed == 0) tests.push_back(v + ".empty()");
    else tests.push_back(v + ".size() " + (star ? ">= " : "== ") + std::to_string(fixed));
    for (size_t i = 0; i < q.elts.size(); ++i) {
      if (i == star_at) continue;
      std::string at = i < star_at ? std::to_string(i) : v + ".size() - " + std::to_string(q.elts.size() - i);
      pattern_tests(q.elts[i], v + "[" + at + "]", tests, binds);
    }
    if (star)
      if (ExprId name = std::get<MatchStar>(m_.pattern(q.elts[star_at]).node).name; name != kNoNode)
        binds.emplace_back(name, fmt::format("{}({}.begin() + {}, {}.end(){})", cpp_type(t), v, star_at, v,
                                             after ? " - " + std::to_string(after) : ""));
    return;
  }
  // A tuple: its length is known, sema checked it fits.
  const std::vector<S::TypeId>& items = T.get(t).args;
  for (size_t i = 0; i < q.elts.size(); ++i) {
    if (i == star_at) continue;
    size_t item = i < star_at ? i : items.size() - (q.elts.size() - i);
    pattern_tests(q.elts[i], fmt::format("std::get<{}>({})", item, v), tests, binds);
  }
  if (!star) return;
  ExprId name = std::get<MatchStar>(m_.pattern(q.elts[star_at]).node).name;
  if (name == kNoNode) return;
  std::vector<std::string> rest;
  for (size_t i = star_at; i < items.size() - after; ++i) rest.push_back(fmt::format("std::get<{}>({})", i, v));
  binds.emplace_back(name, cpp_type(variable(name)->type) + "{" + join(rest, ", ") + "}");
}

// True if sema typed pattern p and every pattern inside it.
bool Emitter::typed(PatternId p) const {
  if (s_.patterns[p].subject == S::kUnknown) return false;
  return std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        auto all = [&](const std::vector<PatternId>& ps) {
          return std::all_of(ps.begin(), ps.end(), [&](PatternId q) { return typed(q); });
        };
        if constexpr (std::is_same_v<N, MatchAs>) return n.pattern == kNoNode || typed(n.pattern);
        else if constexpr (std::is_same_v<N, MatchOr>) return all(n.alternatives);
        else if constexpr (std::is_same_v<N, MatchSequence>) return all(n.elts);
        else if constexpr (std::is_same_v<N, MatchMapping>) return all(n.values);
        else if constexpr (std::is_same_v<N, MatchClass>) return all(n.args) && all(n.kw_patterns);
        else return true;
      },
      m_.pattern(p).node);
}

void Emitter::match_stmt(StmtId id, const Match& mt) {
  // sema types every pattern once the subject's type is known; a subject it never typed has
  // already made its function a stub (an unknown type), this only keeps the C++ well-formed.
  for (const MatchCase& c : mt.cases)
    if (!typed(c.pattern)) return stub_stmt(id, {StubKind::MatchPattern, "the type of the match subject is not known"});
  // The subject once: a local the cases do not rebind is read as it is.
  std::string subject;
  auto* n = get_if<Name>(m_, mt.subject);
  bool plain = n && s_.name_ref[mt.subject].kind == S::NameRef::Variable;
  for (const MatchCase& c : mt.cases) {
    std::vector<ExprId> captures;
    pattern_captures(m_, c.pattern, captures);
    for (ExprId x : captures) plain = plain && std::get<Name>(m_.expr(x).node).id != n->id;
    plain = plain && !bound_in(c.body, n->id);
  }
  if (plain) {
    subject = str(mt.subject);
  } else {
    subject = fresh_name("subject");
    w_->line("const auto& " + subject + " = " + str(mt.subject) + ";");
  }
  bool first = true;
  for (const MatchCase& c : mt.cases) {
    std::vector<std::string> tests;
    std::vector<std::pair<ExprId, std::string>> binds;
    // After `case None:` the cases meet the value inside the Optional.
    std::string value = subject;
    S::TypeId st = s_.expr_type[mt.subject];
    if (s_.types.kind(st) == TypeKind::Optional && s_.patterns[c.pattern].subject != st &&
        s_.types.kind(s_.types.arg(st, 0)) != TypeKind::Class)
      value = "(*" + subject + ")";
    pattern_tests(c.pattern, value, tests, binds);
    if (c.guard != kNoNode) {
      // The guard sees the captures: read through the expressions that bind them.
      std::map<uint32_t, std::string> captured;
      for (const auto& [name, value] : binds)
        if (const S::Variable* v = variable(name)) captured[static_cast<uint32_t>(v - fn_->vars.data())] = value;
      std::vector<ExprId> replaced;
      for_each_expr(m_, c.guard, [&](ExprId e) {
        if (!get_if<Name>(m_, e) || s_.name_ref[e].kind != S::NameRef::Variable) return;
        if (auto it = captured.find(s_.name_ref[e].index); it != captured.end()) {
          override_[e] = it->second;  // a primary expression: a subscript, a call, a member
          replaced.push_back(e);
        }
      });
      std::string guard = condition(c.guard);
      for (ExprId e : replaced) override_.erase(e);
      bool low = guard.find("||") != std::string::npos || guard.find(" ? ") != std::string::npos;
      tests.push_back(tests.empty() || !low ? guard : "(" + guard + ")");
    }
    w_->set_origin(pos(c.span));
    if (tests.empty()) w_->line(first ? "{  // case " + std::string(m_.text(m_.pattern(c.pattern).span)) : "} else {");
    else w_->line(std::string(first ? "if (" : "} else if (") + condition_text(tests) + ") {");
    w_->indent();
    for (const auto& [name, value] : binds) {
      const S::Variable* v = variable(name);
      bool declare = v->placement == S::DeclPlacement::AtFirstBinding && v->first_binding == id;
      if (v->pattern_only) continue;  // only guards read it, through the subject
      const std::string type = cpp_type(v->type);
      // `std::vector<T> rest(first, last);` rather than `... rest = std::vector<T>(first, last);`
      bool constructed = value.size() > type.size() && value.compare(0, type.size(), type) == 0 &&
                         (value[type.size()] == '(' || value[type.size()] == '{');
      if (declare && constructed) w_->line(type + " " + v->cpp_name + value.substr(type.size()) + ";");
      else w_->line((declare ? type + " " : std::string()) + v->cpp_name + " = " + value + ";");
    }
    body(c.body);
    w_->dedent();
    first = false;
    if (tests.empty()) break;  // sema made sure nothing follows a case that matches everything
  }
  if (!first) w_->line("}");
}

}  // namespace py2cpp
