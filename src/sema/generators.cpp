// Generator functions: a function whose body has `yield` returns Iterator[T] and becomes a C++20
// coroutine returning py::Generator<T> (runtime/py2cpp/generator.hpp). The call's value is an
// iterator: usable where it is iterated (a for loop, a comprehension, sum/min/max/sorted/list/
// str.join, enumerate/zip), and, unlike generator expressions and views (which are loops in the
// C++), also a value: kept in a variable (`g = numbers()`), advanced with next(g) / next(g, d),
// passed to an `Iterator[T]` parameter, returned. py::Generator copies share the coroutine, as
// Python names share one generator object.
//
// T comes from the hint (`Iterator[T]`, `Iterable[T]`, `Generator[T, None, None]`) or, without
// one, from the yielded values. The parameters are taken by value: the coroutine outlives the
// call, and a reference to a temporary argument would dangle.
#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// The X of a body that is just `return iter(X)` (after a docstring), else kNoNode.
ExprId iter_delegate_value(const Module& m, const Body& body) {
  std::vector<StmtId> stmts;
  for (StmtId s : body)
    if (!get_stmt_if<Comment>(m, s) && !get_stmt_if<Pass>(m, s)) stmts.push_back(s);
  if (!stmts.empty())
    if (auto* doc = get_stmt_if<ExprStmt>(m, stmts[0]); doc && get_if<StrLit>(m, doc->value)) stmts.erase(stmts.begin());
  auto* ret = stmts.size() == 1 ? get_stmt_if<Return>(m, stmts[0]) : nullptr;
  auto* call = ret && ret->value != kNoNode ? get_if<Call>(m, ret->value) : nullptr;
  auto* fn = call ? get_if<Name>(m, call->func) : nullptr;
  if (!fn || fn->id != "iter" || call->args.size() != 1 || !call->keywords.empty()) return kNoNode;
  return call->args[0];
}

bool contains_yield(const Module& m, const Body& body) {
  bool found = false;
  std::function<void(const Body&)> scan = [&](const Body& b) {
    for (StmtId s : b) {
      if (get_stmt_if<FunctionDef>(m, s) || get_stmt_if<ClassDef>(m, s)) continue;  // their own scopes
      for_each_stmt_expr(m, s, [&](ExprId root) {
        for_each_expr(m, root, [&](ExprId e) { found = found || get_if<Yield>(m, e) != nullptr; });
      });
      for (const Body* c : child_bodies(m, s)) scan(*c);
    }
  };
  scan(body);
  return found;
}

namespace {

// A `yield` inside a `try` that has a `finally:` (or inside a `with`): CPython runs that cleanup
// when a generator left suspended is released (a `break` out of the loop over it). The C++
// coroutine is destroyed without running code written into its body, so such a generator is a
// stub (a py::Generator cannot resume the body with GeneratorExit).
bool yield_under_cleanup(const Module& m, const Body& body) {
  bool found = false;
  std::function<void(const Body&)> scan = [&](const Body& b) {
    for (StmtId s : b) {
      if (get_stmt_if<FunctionDef>(m, s) || get_stmt_if<ClassDef>(m, s)) continue;
      if (auto* t = get_stmt_if<Try>(m, s); t && !t->finalbody.empty()) {
        bool in = contains_yield(m, t->body) || contains_yield(m, t->orelse);
        for (const auto& h : t->handlers) in = in || contains_yield(m, h.body);
        found = found || in;
      }
      if (auto* w = get_stmt_if<With>(m, s)) found = found || contains_yield(m, w->body);
      for (const Body* c : child_bodies(m, s)) scan(*c);
    }
  };
  scan(body);
  return found;
}

}  // namespace

void Analyzer::generator_signature(Function& fn, const FunctionDef& def) {
  for (Variable& p : fn.vars) p.by_value = true;  // only the parameters exist yet
  if (yield_under_cleanup(m_, def.body) && fn.stub_reason.empty())
    fn.stub_reason = {StubKind::GeneratorForm,
                      "a generator that yields inside `try: ... finally:` (or `with`): CPython runs the cleanup "
                      "when a loop over it stops early (`break`) and the generator is released; the C++ coroutine "
                      "cannot. Move the cleanup to the caller (after the loop), or collect the items into a list "
                      "inside the try and return the list"};
  fn.return_reason = "a generator (yield)";
  if (def.returns == kNoNode) {
    fn.return_type = kUnknown;  // Iterator[T], T from the yields (infer_yield)
    return;
  }
  fn.return_annotated = true;
  fn.return_reason = "annotation `" + expr_text(def.returns) + "`";
  auto bad = [&](const std::string& why, StubKind kind = StubKind::GeneratorForm) {
    fn.stub_reason = {kind, why};
    warn(DiagKind::UntypedParameter, m_.expr(def.returns).span, why);
    fn.signature_ok = false;
    unavailable_functions_.insert(fn.name);
  };
  auto* sub = get_if<Subscript>(m_, def.returns);
  std::string head = sub ? annotation_head(m_, sub->value) : "";
  if (head != "Iterator" && head != "Iterable" && head != "Generator")
    return bad("a generator's return hint must be Iterator[T], Iterable[T] or Generator[T, None, None]");
  std::vector<ExprId> params = {sub->index};
  if (auto* t = get_if<TupleLit>(m_, sub->index)) params = t->elts;
  if (head == "Generator") {
    bool none_rest = params.size() == 3;
    for (size_t i = 1; none_rest && i < 3; ++i) none_rest = get_if<NoneLit>(m_, params[i]) != nullptr;
    if (!none_rest) return bad("Generator[T, S, R] with a send or return type is not supported: use Iterator[T]");
  } else if (params.size() != 1) {
    return bad("'" + expr_text(def.returns) + "' needs one type argument");
  }
  StubReason error;
  TypeId el = type_from_annotation(params[0], &error);
  if (el == kUnknown) return bad("return type: " + error.detail, error.empty() ? StubKind::UnsupportedTypeHint : error.kind);
  fn.yield_type = el;
  fn.return_type = r_.types.generator_of(el);
}

// `yield x` / `yield from xs` as a statement: x (each item of xs) joins the generator's items.
void Analyzer::infer_yield(const Yield& y, Scope& s) {
  Function& fn = *s.fn;
  TypeId t = kUnknown;
  if (y.is_from) {
    t = element_type_of_iterable(infer_iterable(y.value, s));
    if (t == kUnknown) return unsupported(s, StubKind::GeneratorForm, "`yield from` needs an iterable (a list, str, range, set, dict or generator)");
  } else if (y.value == kNoNode) {
    t = kNoneType;
  } else {
    t = infer(y.value, s, fn.yield_type);
  }
  if (t == kUnknown) return;
  if (fn.return_annotated) {
    if (r_.types.unify(fn.yield_type, t) != fn.yield_type)
      unsupported(s, StubKind::GeneratorForm, "yields a " + r_.types.python_name(t) + " from a generator of " + r_.types.python_name(fn.yield_type));
    return;
  }
  TypeId u = fn.yield_type == kUnknown ? t : r_.types.unify(fn.yield_type, t);
  if (u == kUnknown) {
    unsupported(s, StubKind::GeneratorForm, "yields values of different types (" + r_.types.python_name(fn.yield_type) + " and " +
                       r_.types.python_name(t) + "); add a return hint Iterator[...]");
    return;
  }
  if (u != fn.yield_type) {
    fn.yield_type = u;
    fn.return_type = r_.types.generator_of(u);
    fn.return_reason = "a generator of what it yields";
    changed_ = true;
  }
}

// A py::Generator object: the call of a function returning one, or a variable or field holding one.
// Generator expressions and enumerate()/zip() views are typed Iterator[T] too, but they are loops
// in the C++, so they never are values.
bool Analyzer::is_generator_value(ExprId e, TypeId t) const {
  if (r_.types.kind(t) != TypeKind::Generator) return false;
  if (auto* c = get_if<Call>(m_, e))
    return r_.call_target.count(e) > 0 || is_iter_call(e) || stdlib_callee(m_, r_, c->func) == "itertools.count";
  if (get_if<Name>(m_, e)) {
    const NameRef& ref = r_.name_ref[e];
    return ref.kind == NameRef::Variable || ref.kind == NameRef::Global;
  }
  return get_if<Attribute>(m_, e) != nullptr;  // a field holding one (`self.stream`)
}

// `iter(xs)` with the builtin iter and one argument.
bool Analyzer::is_iter_call(ExprId e) const {
  auto* c = get_if<Call>(m_, e);
  auto* n = c ? get_if<Name>(m_, c->func) : nullptr;
  return n && n->id == "iter" && c->args.size() == 1 && c->keywords.empty() && r_.name_ref[c->func].kind == NameRef::Builtin;
}

// `it = iter(xs)`: a generator object over a copy of xs (runtime/py2cpp/iter.hpp). Python's
// iterator sees later changes to the list; the copy would not, so a container that is changed
// in place (or a field, which other code may change) is refused.
TypeId Analyzer::infer_iter_call(const Call& c, Scope& s) {
  if (c.args.size() != 1 || !c.keywords.empty()) {
    unsupported(s, StubKind::IteratorValue, "iter() takes one iterable (the two-argument form is not supported)");
    return kUnknown;
  }
  TypeId it = infer_iterable(c.args[0], s);
  if (it == kUnknown) return kUnknown;
  TypeId el = element_type_of_iterable(it);
  if (el == kUnknown) {
    unsupported(s, StubKind::IteratorValue, "iter() of a " + r_.types.python_name(it));
    return kUnknown;
  }
  if (r_.types.kind(it) == TypeKind::Generator) {
    if (!is_generator_value(c.args[0], it)) {
      unsupported(s, StubKind::IteratorValue, "iter() of '" + expr_text(c.args[0]) + "' (of a generator object, or of a container)");
      return kUnknown;
    }
    return it;
  }
  bool changed = get_if<Attribute>(m_, c.args[0]) != nullptr;
  if (auto* n = get_if<Name>(m_, c.args[0]); n && r_.name_ref[c.args[0]].kind == NameRef::Variable && s.fn)
    changed = s.fn->vars[r_.name_ref[c.args[0]].index].mutated;
  else if (n)
    changed = r_.name_ref[c.args[0]].kind != NameRef::Scoped;
  if (changed) {
    unsupported(s, StubKind::ChangedWhileUsed, "iter(" + expr_text(c.args[0]) + ") of a container that may change while the iterator is in use "
                   "(py2cpp's iterator walks a copy); iterate it with a for loop or an index");
    return kUnknown;
  }
  return r_.types.generator_of(el);
}

// next(g) / next(g, default): g is a generator object; the default must be of its item type
// (Python would return a default of another type as it is).
TypeId Analyzer::infer_next_call(const Call& c, Scope& s) {
  if (c.args.empty() || c.args.size() > 2 || !c.keywords.empty()) {
    unsupported(s, StubKind::IteratorValue, "next() takes a generator and an optional default");
    return kUnknown;
  }
  // next(iter(xs)): the first item of any iterable (emitted as py::first, no iterator object).
  TypeId g = kUnknown;
  // next(x for x in xs if p(x)) / next((...), None): the first match, folded into one loop by emit/.
  if (auto* gen = get_if<Comprehension>(m_, c.args[0]); gen && gen->kind == ComprehensionKind::Generator) {
    folded_generators_.insert(c.args[0]);
    TypeId it = infer_iterable(c.args[0], s);
    if (it == kUnknown) return kUnknown;
    TypeId el = element_type_of_iterable(it);
    if (c.args.size() == 1 || el == kUnknown) return el;
    TypeId d = infer(c.args[1], s, el);
    if (d == kUnknown) return kUnknown;
    TypeId u = r_.types.unify(el, d);
    if (u == kUnknown) {
      unsupported(s, StubKind::TypeMismatch, "next() with a default of type " + r_.types.python_name(d) + " for items of " +
                                                  r_.types.python_name(el) + " (use a default of the item type, or None)");
      return kUnknown;
    }
    return u;
  }
  if (is_iter_call(c.args[0])) {
    TypeId it = infer_iterable(std::get<Call>(m_.expr(c.args[0]).node).args[0], s);
    if (it == kUnknown) return kUnknown;
    TypeId el = element_type_of_iterable(it);
    if (el == kUnknown) {
      unsupported(s, StubKind::IteratorValue, "iter() of a " + r_.types.python_name(it));
      return kUnknown;
    }
    g = r_.expr_type[c.args[0]] = r_.types.generator_of(el);
  } else {
    ExprId saved = generator_slot_;
    generator_slot_ = c.args[0];
    g = infer(c.args[0], s);
    generator_slot_ = saved;
  }
  if (g == kUnknown) return kUnknown;
  if (r_.types.kind(g) != TypeKind::Generator) {
    unsupported(s, StubKind::IteratorValue, "next() of a " + r_.types.python_name(g) + " (only of a generator object; for a list, index it)");
    return kUnknown;
  }
  TypeId el = r_.types.arg(g, 0);
  if (c.args.size() == 2) {
    TypeId d = infer(c.args[1], s, el);
    if (d != kUnknown && r_.types.unify(el, d) != el) {
      unsupported(s, StubKind::TypeMismatch, "next() with a default of type " + r_.types.python_name(d) + " for a generator of " +
                         r_.types.python_name(el) + " (use a default of the item type)");
      return kUnknown;
    }
  }
  return el;
}

}  // namespace py2cpp::sema
