// Match statements: each pattern is checked against the type of the value it meets, the names it
// captures are bound (as the function's locals, like assignment targets) with the types they
// get, and a subject that is a local variable is narrowed in a case body where the pattern
// tells which alternative of a union, which subclass or which non-None value it holds.
//
// What is supported (emit/match_stmt.cpp writes the C++):
//   literals and dotted values (`1`, `-1`, `"add"`, `None` on an Optional, `True` on a bool,
//   `Color.RED`, `config.LIMIT`) compared with ==; `P | Q` (without captures); `_`; captures;
//   `P as name`; sequences `[a, *rest, b]` on list[T] and tuple[...]; mappings
//   `{"key": P, **rest}` on dict[K, V]; class patterns `C(P, attr=Q)` on an instance of C, of a
//   base of C (a subclass test), on a union holding C, and `int(x)`/`str()` style on a union or
//   on that type. A pattern that can never match its subject's type, or one this cannot type,
//   stubs the whole statement with the reason.
#include <algorithm>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// `x` or `_` (maybe `P as x` over one of them): matches anything.
bool irrefutable(const Module& m, PatternId p) {
  if (auto* as = std::get_if<MatchAs>(&m.pattern(p).node)) return as->pattern == kNoNode || irrefutable(m, as->pattern);
  if (auto* o = std::get_if<MatchOr>(&m.pattern(p).node))
    return std::any_of(o->alternatives.begin(), o->alternatives.end(), [&](PatternId q) { return irrefutable(m, q); });
  return false;
}

const std::map<std::string, TypeKind>& builtin_classes() {
  static const std::map<std::string, TypeKind> b = {
      {"int", TypeKind::Int},   {"float", TypeKind::Float}, {"str", TypeKind::Str}, {"bool", TypeKind::Bool},
      {"list", TypeKind::List}, {"dict", TypeKind::Dict},   {"set", TypeKind::Set}, {"tuple", TypeKind::Tuple}};
  return b;
}

}  // namespace

// The names of `*rest` and `**rest` in pattern p.
void Analyzer::fresh_containers(PatternId p, std::vector<ExprId>& out) const {
  if (p == kNoNode) return;
  std::visit(
      [&](const auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, MatchAs>) fresh_containers(n.pattern, out);
        else if constexpr (std::is_same_v<N, MatchStar>) out.push_back(n.name);
        else if constexpr (std::is_same_v<N, MatchSequence>) { for (PatternId q : n.elts) fresh_containers(q, out); }
        else if constexpr (std::is_same_v<N, MatchMapping>) {
          for (PatternId q : n.values) fresh_containers(q, out);
          out.push_back(n.rest);
        } else if constexpr (std::is_same_v<N, MatchClass>) {
          for (PatternId q : n.args) fresh_containers(q, out);
          for (PatternId q : n.kw_patterns) fresh_containers(q, out);
        }
      },
      m_.pattern(p).node);
}

// `case None:` without a guard: later cases see the value inside the Optional.
bool Analyzer::is_none_case(const MatchCase& c) const {
  auto* v = std::get_if<MatchValue>(&m_.pattern(c.pattern).node);
  return c.guard == kNoNode && v && get_if<NoneLit>(m_, v->value);
}

void Analyzer::infer_match(const Match& node, Scope& s, Scope& after) {
  if (!s.fn) return unsupported(s, StubKind::MatchPattern, "a match statement at module level (move it into a function or the __main__ block)");
  const TypeTable& T = r_.types;
  TypeId t = infer(node.subject, s);
  // While a type is still being inferred the patterns cannot be checked; the next round does it.
  bool known = t != kUnknown && !T.has_unknown(t);
  auto* subject_name = get_if<Name>(m_, node.subject);
  bool local_subject = subject_name && r_.name_ref[node.subject].kind == NameRef::Variable;
  TypeId remaining = t;     // the subject's type the case meets: not None after `case None:`
  bool none_exits = false;  // `case None:` leaves the block: below the match the subject is not None
  bool none_seen = false;   // ... and no case before it could match None
  for (size_t i = 0; i < node.cases.size(); ++i) {
    const MatchCase& c = node.cases[i];
    Scope body_scope = s;
    if (local_subject && remaining != t) body_scope.narrowed[subject_name->id] = remaining;
    std::vector<ExprId> captures;
    pattern_captures(m_, c.pattern, captures);
    if (known) {
      if (i + 1 < node.cases.size() && c.guard == kNoNode && irrefutable(m_, c.pattern))
        return unsupported(s, StubKind::MatchPattern, "case '" + std::string(m_.text(m_.pattern(c.pattern).span)) +
                                  "' matches everything but is not the last case (Python: SyntaxError)");
      bool ok = true;
      TypeId narrowed = check_pattern(c.pattern, remaining, body_scope, &ok);
      if (!ok) return;
      bool captures_subject = local_subject && std::any_of(captures.begin(), captures.end(), [&](ExprId x) {
                                return std::get<Name>(m_.expr(x).node).id == subject_name->id;
                              });
      if (local_subject && !captures_subject && narrowed != kUnknown && narrowed != remaining)
        body_scope.narrowed[subject_name->id] = narrowed;
      if (captures_subject) body_scope.narrowed.erase(subject_name->id);
      const Pattern& pat = m_.pattern(c.pattern);
      bool may_be_none = std::holds_alternative<MatchAs>(pat.node) || std::holds_alternative<MatchOr>(pat.node);
      if (is_none_case(c) && T.kind(remaining) == TypeKind::Optional) {
        if (!none_seen) none_exits = !falls_through(m_, c.body);
        none_seen = true;
        remaining = T.arg(remaining, 0);
      } else if (may_be_none && !none_seen) {
        none_seen = true;  // a capture or `|` before `case None:` may take the None
      }
    }
    if (c.guard != kNoNode) {
      bool walrus = false;
      for_each_expr(m_, c.guard, [&](ExprId e) { walrus = walrus || get_if<NamedExpr>(m_, e); });
      if (walrus) return unsupported(s, StubKind::MatchPattern, "an assignment expression (:=) in a case guard");
      infer(c.guard, body_scope);
    }
    infer_body(c.body, body_scope);
    // A capture is a copy of the part of the subject it names (Python shares the object): a
    // container changed through the capture would not change the subject.
    // `*rest` and `**rest` are new containers in Python as well.
    std::vector<ExprId> fresh;
    fresh_containers(c.pattern, fresh);
    for (ExprId x : captures) {
      if (std::find(fresh.begin(), fresh.end(), x) != fresh.end()) continue;
      const NameRef& ref = r_.name_ref[x];
      if (ref.kind != NameRef::Variable) continue;
      const Variable& v = s.fn->vars[ref.index];
      TypeKind k = T.kind(v.type);
      bool container = k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set;
      if (container && (v.mutated || v.elements_mutated))
        return unsupported(s, StubKind::MatchPattern, "the capture '" + v.name + "' (a " + T.python_name(v.type) +
                                  ") is changed in place; in Python that changes the subject too. Copy it "
                                  "first (`" + v.name + " = list(" + v.name + ")`-style) under another name");
    }
  }
  // `case None: return` -- below the match statement the subject is not None (as after an if).
  if (known && none_exits && local_subject && T.kind(t) == TypeKind::Optional) {
    std::vector<std::string> bound;
    collect_bound_names(s.stmt, bound);
    if (std::find(bound.begin(), bound.end(), subject_name->id) == bound.end())
      after.narrowed[subject_name->id] = T.arg(t, 0);
  }
}

// Checks pattern p against a value of type t; returns the type the value has where p matches.
TypeId Analyzer::check_pattern(PatternId p, TypeId t, Scope& s, bool* ok) {
  const TypeTable& T = r_.types;
  r_.patterns[p].subject = t;
  const Pattern& pat = m_.pattern(p);
  const std::string text(m_.text(pat.span));
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::MatchPattern, "case pattern '" + text + "': " + why);
    *ok = false;
    return kUnknown;
  };
  // A non-None pattern on an Optional subject tests for a value first, then matches the value.
  auto* value = std::get_if<MatchValue>(&pat.node);
  bool none_literal = value && get_if<NoneLit>(m_, value->value);
  TypeId inner = t;
  if (T.kind(t) == TypeKind::Optional && !none_literal && !std::holds_alternative<MatchAs>(pat.node) &&
      !std::holds_alternative<MatchOr>(pat.node))
    inner = T.arg(t, 0);
  TypeId result = std::visit(
      [&](const auto& n) -> TypeId {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, MatchAs>) {
          TypeId got = n.pattern == kNoNode ? t : check_pattern(n.pattern, t, s, ok);
          if (!*ok) return kUnknown;
          if (n.name != kNoNode)
            bind_name(n.name, std::get<Name>(m_.expr(n.name).node).id, got, s,
                      "captured by the case pattern `" + text + "` (line " + std::to_string(pat.span.line) + ")");
          return got;
        } else if constexpr (std::is_same_v<N, MatchValue>) {
          return check_value_pattern(p, n, inner, s, ok);
        } else if constexpr (std::is_same_v<N, MatchOr>) {
          std::vector<ExprId> captures;
          pattern_captures(m_, p, captures);
          if (!captures.empty()) return fail("names captured inside `|` alternatives (write one case per alternative)");
          TypeId common = kUnknown;
          for (size_t i = 0; i < n.alternatives.size(); ++i) {
            TypeId got = check_pattern(n.alternatives[i], t, s, ok);
            if (!*ok) return kUnknown;
            common = i == 0 ? got : (common == got ? got : t);
          }
          return common;
        } else if constexpr (std::is_same_v<N, MatchStar>) {
          return fail("a starred name outside a sequence pattern");
        } else if constexpr (std::is_same_v<N, MatchSequence>) {
          return check_sequence_pattern(n, inner, s, ok);
        } else if constexpr (std::is_same_v<N, MatchMapping>) {
          return check_mapping_pattern(n, inner, s, ok);
        } else {
          return check_class_pattern(p, n, inner, s, ok);
        }
      },
      pat.node);
  if (!*ok) return kUnknown;
  if (inner != t && result == inner) result = inner;  // the value inside the Optional
  r_.patterns[p].narrowed = result == t ? kUnknown : result;
  return result;
}

TypeId Analyzer::check_value_pattern(PatternId p, const MatchValue& v, TypeId t, Scope& s, bool* ok) {
  const TypeTable& T = r_.types;
  const std::string text(m_.text(m_.pattern(p).span));
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::MatchPattern, "case pattern '" + text + "': " + why);
    *ok = false;
    return kUnknown;
  };
  TypeId vt = infer(v.value, s);
  if (vt == kUnknown) return fail("not a value this translation knows (literals, enum members, module constants)");
  if (vt == kNoneType) {
    if (t == kNoneType || T.kind(t) == TypeKind::Optional) return t;
    return fail("the subject is a " + T.python_name(t) + ", never None");
  }
  // Compares `==` (a literal True/False/None compares `is`: only a bool is True).
  auto comparable = [&](TypeId subject) {
    if (get_if<BoolLit>(m_, v.value)) return subject == kBool;
    if (T.is_numeric(vt) && T.is_numeric(subject)) return true;
    return vt == subject && (vt == kStr || T.kind(vt) == TypeKind::Enum);
  };
  if (T.kind(t) == TypeKind::Union) {
    // `case 0:` on an `int | str`: the int alternative, compared.
    // (`case 0:` on an `int | float` would also match 0.0: one alternative must be the only fit.)
    std::vector<TypeId> fits;
    for (TypeId alt : T.get(t).args)
      if (comparable(alt)) fits.push_back(alt);
    if (fits.size() == 1) return fits[0];
    if (fits.empty()) return fail("none of the alternatives of " + T.python_name(t) + " is a " + T.python_name(vt));
    return fail("several alternatives of " + T.python_name(t) + " compare equal to a " + T.python_name(vt));
  }
  if (!comparable(t))
    return fail("a " + T.python_name(vt) + " value never matches a " + T.python_name(t) + " subject");
  return t;
}

TypeId Analyzer::check_sequence_pattern(const MatchSequence& q, TypeId t, Scope& s, bool* ok) {
  TypeTable& T = r_.types;
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::MatchPattern, "sequence pattern: " + why);
    *ok = false;
    return kUnknown;
  };
  size_t stars = 0, star_at = q.elts.size();
  for (size_t i = 0; i < q.elts.size(); ++i)
    if (std::holds_alternative<MatchStar>(m_.pattern(q.elts[i]).node)) {
      ++stars;
      star_at = i;
    }
  if (stars > 1) return fail("more than one starred name");
  const size_t fixed = q.elts.size() - stars;
  auto bind_star = [&](TypeId list_t) {
    PatternId sp = q.elts[star_at];
    r_.patterns[sp].subject = t;
    const auto& star = std::get<MatchStar>(m_.pattern(sp).node);
    if (star.name != kNoNode)
      bind_name(star.name, std::get<Name>(m_.expr(star.name).node).id, list_t, s,
                "the rest of a sequence pattern (line " + std::to_string(m_.pattern(sp).span.line) + ")");
  };
  if (T.kind(t) == TypeKind::List && !T.is_deque(t)) {
    TypeId elem = T.arg(t, 0);
    for (size_t i = 0; i < q.elts.size(); ++i) {
      if (i == star_at) continue;
      check_pattern(q.elts[i], elem, s, ok);
      if (!*ok) return kUnknown;
    }
    if (stars) bind_star(T.list_of(elem));
    return t;
  }
  if (T.kind(t) == TypeKind::Tuple) {
    const std::vector<TypeId> items = T.get(t).args;
    if ((!stars && items.size() != fixed) || fixed > items.size())
      return fail("it has " + std::to_string(fixed) + " items, the subject is a " + T.python_name(t) +
                  ": it never matches");
    const size_t after = q.elts.size() - star_at - (stars ? 1 : 0);
    for (size_t i = 0; i < q.elts.size(); ++i) {
      if (i == star_at) continue;
      size_t item = i < star_at ? i : items.size() - (q.elts.size() - i);
      check_pattern(q.elts[i], items[item], s, ok);
      if (!*ok) return kUnknown;
    }
    if (stars) {
      TypeId elem = kUnknown;
      for (size_t i = star_at; i < items.size() - after; ++i) {
        elem = elem == kUnknown ? items[i] : T.unify(elem, items[i]);
        if (elem == kUnknown) return fail("*rest would collect tuple items of different types");
      }
      const auto& star = std::get<MatchStar>(m_.pattern(q.elts[star_at]).node);
      if (elem == kUnknown && star.name != kNoNode) return fail("*rest would always be empty here (drop it)");
      bind_star(elem == kUnknown ? T.list_of(kInt) : T.list_of(elem));
    }
    return t;
  }
  if (t == kStr) return fail("a str subject never matches a sequence pattern (Python excludes str)");
  return fail("sequence patterns are supported on list[T] and tuple[...] subjects, not on a " + T.python_name(t));
}

TypeId Analyzer::check_mapping_pattern(const MatchMapping& q, TypeId t, Scope& s, bool* ok) {
  TypeTable& T = r_.types;
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::MatchPattern, "mapping pattern: " + why);
    *ok = false;
    return kUnknown;
  };
  if (T.kind(t) != TypeKind::Dict || !T.dict_kind(t).empty())
    return fail("supported on dict[K, V] subjects, not on a " + T.python_name(t));
  TypeId k = T.arg(t, 0), v = T.arg(t, 1);
  for (size_t i = 0; i < q.keys.size(); ++i) {
    TypeId kt = infer(q.keys[i], s);
    if (kt != k) return fail("the key '" + expr_text(q.keys[i]) + "' is not a " + T.python_name(k));
    for (size_t j = 0; j < i; ++j)
      if (expr_text(q.keys[j]) == expr_text(q.keys[i])) return fail("the key '" + expr_text(q.keys[i]) + "' twice");
    check_pattern(q.values[i], v, s, ok);
    if (!*ok) return kUnknown;
  }
  if (q.rest != kNoNode)
    bind_name(q.rest, std::get<Name>(m_.expr(q.rest).node).id, T.dict_of(k, v), s,
              "the rest (**) of a mapping pattern");
  return t;
}

// The attribute names positional sub-patterns of class `cls` stand for, in order.
std::vector<std::string> Analyzer::match_args(const Class& cls, std::string* error) {
  if (ClassAttr* a = find_class_attr(cls.name, "__match_args__")) {
    std::vector<std::string> names;
    auto* tuple = get_if<TupleLit>(m_, a->value);
    if (tuple)
      for (ExprId e : tuple->elts)
        if (auto* str = get_if<StrLit>(m_, e)) names.push_back(str->value);
    if (!tuple || names.size() != tuple->elts.size()) *error = cls.name + ".__match_args__ must be a tuple of str literals";
    return names;
  }
  if (!cls.is_dataclass) {
    *error = cls.name + " defines no __match_args__ (add `__match_args__ = (\"field\", ...)`, or use keyword sub-patterns)";
    return {};
  }
  // A dataclass (or NamedTuple): its fields in __init__ order, the bases' first.
  std::vector<const Class*> chain;
  for (const Class* c = &cls; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr) chain.insert(chain.begin(), c);
  std::vector<std::string> names;
  for (const Class* c : chain)
    for (const Field& f : c->fields) names.push_back(f.name);
  return names;
}

TypeId Analyzer::check_class_pattern(PatternId p, const MatchClass& c, TypeId t, Scope& s, bool* ok) {
  TypeTable& T = r_.types;
  auto fail = [&](const std::string& why) {
    unsupported(s, StubKind::MatchPattern, "class pattern '" + std::string(m_.text(m_.pattern(p).span)) + "': " + why);
    *ok = false;
    return kUnknown;
  };
  auto* cn = get_if<Name>(m_, c.cls);
  if (!cn) return fail("a dotted class name (import the class by name)");
  std::vector<std::string> members;
  std::vector<TypeId> member_types;  // what each sub-pattern is matched against
  TypeId narrowed = kUnknown;
  // The alternatives of a union the test holds for: exactly one, so the case knows the type.
  auto pick = [&](const std::function<bool(TypeId)>& holds) -> TypeId {
    std::vector<TypeId> matched;
    for (TypeId alt : T.get(t).args)
      if (holds(alt)) matched.push_back(alt);
    if (matched.size() == 1) return matched[0];
    fail(matched.empty() ? "no alternative of " + T.python_name(t) + " is a " + cn->id
                         : "several alternatives of " + T.python_name(t) + " are a " + cn->id);
    return kUnknown;
  };
  if (auto b = builtin_classes().find(cn->id); b != builtin_classes().end() && !r_.class_index.count(cn->id)) {
    if (!c.kw_names.empty()) return fail("keyword sub-patterns of a builtin type");
    if (c.args.size() > 1) return fail(cn->id + "() takes at most one positional sub-pattern (the value itself)");
    if (T.kind(t) == TypeKind::Union) {
      narrowed = pick([&](TypeId alt) { return T.kind(alt) == b->second; });
      if (!*ok) return kUnknown;
    } else if (T.kind(t) == b->second || (b->second == TypeKind::Int && t == kBool)) {
      narrowed = t;
    } else {
      return fail("a " + T.python_name(t) + " subject is never a " + cn->id);
    }
    if (!c.args.empty()) {
      members.push_back("");
      member_types.push_back(narrowed);
    }
  } else {
    auto it = r_.class_index.find(cn->id);
    if (it == r_.class_index.end()) return fail("'" + cn->id + "' is not a user class nor int/float/str/bool/list/dict/set/tuple");
    const Class& k = r_.classes[it->second];
    if (k.is_enum || k.is_exception() || !k.stub_reason.empty())
      return fail("class patterns are supported on plain classes and dataclasses, not on " + cn->id);
    if (T.kind(t) == TypeKind::Class) {
      const std::string& sub = T.get(t).name;
      if (T.derives_from(sub, k.name)) narrowed = t;
      else if (T.derives_from(k.name, sub)) narrowed = instance_type(k);  // a subclass test, as isinstance()
      else return fail("a " + sub + " is never a " + k.name);
    } else if (T.kind(t) == TypeKind::Union) {
      for (TypeId alt : T.get(t).args)
        if (T.kind(alt) == TypeKind::Class && T.get(alt).name != k.name && T.derives_from(k.name, T.get(alt).name))
          return fail("a subclass test on an alternative of " + T.python_name(t) + " (not supported)");
      narrowed = pick([&](TypeId alt) { return T.kind(alt) == TypeKind::Class && T.derives_from(T.get(alt).name, k.name); });
      if (!*ok) return kUnknown;
    } else {
      return fail("the subject is a " + T.python_name(t) + ", never a " + k.name);
    }
    std::vector<std::string> attrs;
    if (!c.args.empty()) {
      std::string error;
      attrs = match_args(k, &error);
      if (!error.empty()) return fail(error);
      if (c.args.size() > attrs.size())
        return fail(k.name + "() accepts " + std::to_string(attrs.size()) + " positional sub-patterns (__match_args__)");
      attrs.resize(c.args.size());
    }
    attrs.insert(attrs.end(), c.kw_names.begin(), c.kw_names.end());
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (std::count(attrs.begin(), attrs.end(), attrs[i]) > 1) return fail("attribute '" + attrs[i] + "' twice");
      Field* f = find_field(k.name, attrs[i]);
      if (!f) return fail(k.name + " has no field '" + attrs[i] + "' (class patterns read fields)");
      members.push_back(f->cpp_name);
      member_types.push_back(f->type);
    }
  }
  r_.patterns[p].members = members;
  std::vector<PatternId> subs = c.args;
  subs.insert(subs.end(), c.kw_patterns.begin(), c.kw_patterns.end());
  for (size_t i = 0; i < subs.size(); ++i) {
    // A field whose type a later round infers: checked then (each round checks again).
    if (member_types[i] == kUnknown || T.has_unknown(member_types[i])) continue;
    check_pattern(subs[i], member_types[i], s, ok);
    if (!*ok) return kUnknown;
  }
  return narrowed;
}

}  // namespace py2cpp::sema
