// itertools: each function is a lazy iterator (TypeKind::Generator) over CPython's items, run by
// runtime/py2cpp/itertools.hpp. Like generator expressions they exist only where they are
// iterated (a for loop, a comprehension, list()/sum()/sorted()..., another itertools call).
// Tuple sizes must be known to C++: combinations/permutations take r, product takes repeat=, as
// int literals.
#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

TypeId Analyzer::infer_itertools_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  TypeTable& T = r_.types;
  const bool iterated = e == iterated_;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "itertools." + fn + "(): " + why);
    return kUnknown;
  };
  // The element type of an iterable argument; generator expressions must be lists here.
  auto items = [&](ExprId x) -> TypeId {
    if (auto* g = get_if<Comprehension>(m_, x); g && g->kind == ComprehensionKind::Generator) {
      infer_iterable(x, s);
      bad("a generator expression argument (pass a list comprehension)");
      return kUnknown;
    }
    TypeId t = infer_iterable(x, s);
    TypeId el = t == kUnknown ? kUnknown : element_type_of_iterable(t);
    if (t != kUnknown && el == kUnknown) bad("iterating over a " + T.python_name(t));
    return el;
  };
  auto literal = [&](ExprId x, int64_t* out) {
    auto* i = get_if<IntLit>(m_, x);
    if (!i) return false;
    *out = i->value;
    return true;
  };
  auto result = [&](TypeId el) {
    if (el == kUnknown) return kUnknown;
    // `tie = itertools.count()` then next(tie): a count is a generator object over nothing
    // else, so it may be kept like a generator function's result (is_generator_value).
    if (fn == "count" && e == generator_slot_) return T.generator_of(el);
    if (!iterated) return bad("kept in a variable or passed on; iterate it where it is written (or wrap it in list())");
    return T.generator_of(el);
  };
  const Keyword* kw_r = keyword(c, "r");
  if (fn == "combinations" || fn == "permutations" || fn == "combinations_with_replacement") {
    if (c.args.empty() || c.args.size() > 2 || (c.keywords.size() > (kw_r ? 1u : 0u))) return bad("takes an iterable and r");
    TypeId el = items(c.args[0]);
    ExprId r_e = c.args.size() == 2 ? c.args[1] : kw_r ? kw_r->value : kNoNode;
    int64_t r = 0;
    if (r_e == kNoNode || !literal(r_e, &r) || r < 1 || r > 16)
      return bad("r must be an int literal from 1 to 16 (C++ needs the tuple size)");
    if (el == kUnknown) return kUnknown;
    return result(T.tuple_of(std::vector<TypeId>(static_cast<size_t>(r), el)));
  }
  if (fn == "product") {
    const Keyword* rep = keyword(c, "repeat");
    if (c.args.empty() || c.keywords.size() > (rep ? 1u : 0u)) return bad("takes iterables and repeat=");
    std::vector<TypeId> els;
    for (ExprId x : c.args) els.push_back(items(x));
    for (TypeId el : els)
      if (el == kUnknown) return kUnknown;
    if (rep) {
      int64_t r = 0;
      if (c.args.size() != 1 || !literal(rep->value, &r) || r < 1 || r > 16)
        return bad("repeat= must be an int literal from 1 to 16, with one iterable");
      return result(T.tuple_of(std::vector<TypeId>(static_cast<size_t>(r), els[0])));
    }
    return result(T.tuple_of(els));
  }
  if (fn == "pairwise") {
    if (c.args.size() != 1 || !c.keywords.empty()) return bad("takes one iterable");
    TypeId el = items(c.args[0]);
    return el == kUnknown ? kUnknown : result(T.tuple_of({el, el}));
  }
  if (fn == "accumulate") {
    const Keyword* initial = keyword(c, "initial");
    const Keyword* func_kw = keyword(c, "func");
    if (c.args.empty() || c.args.size() > 2 || (c.args.size() == 2 && func_kw) ||
        c.keywords.size() > (initial ? 1u : 0u) + (func_kw ? 1u : 0u))
      return bad("takes one iterable, func and initial=");
    ExprId func = c.args.size() == 2 ? c.args[1] : func_kw ? func_kw->value : kNoNode;
    if (func != kNoNode && get_if<NoneLit>(m_, func)) func = kNoNode;
    TypeId el = items(c.args[0]);
    if (el == kUnknown) return kUnknown;
    if (initial && infer(initial->value, s) != el) return bad("initial= must have the items' type");
    if (func != kNoNode) {  // func(total, item): of the items' type, like the totals
      if (!check_binary_function(func, el, el, s, "itertools.accumulate()")) return kUnknown;
      return result(el);
    }
    if (el != kInt && el != kFloat && el != kStr) return bad("running sums of " + T.python_name(el) + " (int, float or str are)");
    return result(el);
  }
  if (fn == "takewhile" || fn == "dropwhile") {  // the predicate is typed like filter's
    if (c.args.size() != 2 || !c.keywords.empty()) return bad("takes a predicate and one iterable");
    TypeId el = items(c.args[1]);
    if (el == kUnknown) return kUnknown;
    if (get_if<NoneLit>(m_, c.args[0])) return bad("the predicate cannot be None");
    if (infer_key(c.args[0], el, s, false) == kUnknown) return kUnknown;
    return result(el);
  }
  if (fn == "starmap") {  // f(*t) for each tuple t: a module function or a lambda taking t's items
    if (c.args.size() != 2 || !c.keywords.empty()) return bad("takes a function and one iterable of tuples");
    TypeId el = items(c.args[1]);
    if (el == kUnknown) return kUnknown;
    if (T.kind(el) != TypeKind::Tuple) return bad("items of type " + T.python_name(el) + " (tuples are)");
    std::vector<TypeId> params = T.get(el).args;
    TypeId rt = kUnknown;
    if (auto* l = get_if<Lambda>(m_, c.args[0])) {
      TypeId body = infer_lambda(c.args[0], *l, params, s, true);
      if (body == kUnknown) return kUnknown;
      if (infer(c.args[0], s, T.callable_of(params, body)) == kUnknown) return kUnknown;
      rt = body;
    } else {
      TypeId ft = infer(c.args[0], s);
      if (ft == kUnknown) return kUnknown;
      if (T.kind(ft) != TypeKind::Function || r_.name_ref[c.args[0]].kind != NameRef::Function)
        return bad("the function must be a module function or a lambda");
      ft = function_value(c.args[0], kUnknown, s);
      if (ft == kUnknown) return kUnknown;
      std::vector<TypeId> fp(T.get(ft).args.begin(), T.get(ft).args.end() - 1);
      if (fp != params) return bad("'" + expr_text(c.args[0]) + "' is a " + T.python_name(ft) + ", the items are " + T.python_name(el));
      r_.expr_type[c.args[0]] = ft;
      rt = T.get(ft).args.back();
    }
    if (rt == kNoneType) return bad("a function returning None");
    return result(rt);
  }
  if (fn == "chain") {
    if (c.args.empty() || !c.keywords.empty()) return bad("takes iterables");
    TypeId el = kUnknown;
    for (ExprId x : c.args) {
      TypeId t = items(x);
      if (t == kUnknown) return kUnknown;
      if (el != kUnknown && t != el) return bad("inputs of different item types");
      el = t;
    }
    return result(el);
  }
  if (fn == "chain.from_iterable") {  // the items of each inner iterable in turn
    if (c.args.size() != 1 || !c.keywords.empty()) return bad("takes one iterable of iterables");
    TypeId inner = items(c.args[0]);
    if (inner == kUnknown) return kUnknown;
    TypeId el = element_type_of_iterable(inner);
    if (el == kUnknown || T.kind(inner) == TypeKind::Generator) return bad("items of type " + T.python_name(inner) + " (lists, sets, dicts, str, ranges are)");
    return result(el);
  }
  if (fn == "islice") {
    if (c.args.size() < 2 || c.args.size() > 4 || !c.keywords.empty()) return bad("takes an iterable, then stop or start, stop[, step]");
    TypeId el = items(c.args[0]);
    for (size_t i = 1; i < c.args.size(); ++i) {
      TypeId t = infer(c.args[i], s);
      bool may_be_none = (c.args.size() == 2 || i == 2) && t == kNoneType;
      if (t != kInt && !may_be_none) return bad("start, stop and step must be ints (stop may be None)");
    }
    return result(el);
  }
  if (fn == "count") {
    std::vector<ExprId> a(c.args.begin(), c.args.end());
    for (const auto& k : c.keywords) {
      if (k.name != "start" && k.name != "step") return bad("unexpected keyword '" + k.name + "'");
      a.push_back(k.value);
    }
    if (a.size() > 2) return bad("takes start and step");
    TypeId el = kInt;
    for (ExprId x : a) {
      TypeId t = infer(x, s);
      if (t != kInt && t != kFloat) return bad("start and step must be numbers");
      if (t == kFloat) el = kFloat;
    }
    return result(el);
  }
  if (fn == "repeat") {
    const Keyword* times = keyword(c, "times");
    if (c.args.empty() || c.args.size() > 2 || (c.args.size() == 2 && times)) return bad("takes an object and times");
    TypeId el = infer(c.args[0], s);
    ExprId n = c.args.size() == 2 ? c.args[1] : times ? times->value : kNoNode;
    if (n != kNoNode && infer(n, s) != kInt) return bad("times must be an int");
    if (el == kUnknown) return kUnknown;
    return result(el);
  }
  if (fn == "groupby") {
    // groupby(items, key): (key, group) pairs; a group is Iterator[T] (TypeKind::Generator named
    // "groupby", args item and key type), so like any iterator it can only be iterated where it is
    // named: `for x in g`, list(g), sum(g) ... — never kept, which CPython would invalidate anyway.
    const Keyword* kw = keyword(c, "key");
    if (c.args.empty() || c.args.size() > 2 || c.keywords.size() > (kw ? 1u : 0u) || (c.args.size() == 2 && kw))
      return bad("takes an iterable and key=");
    TypeId el = items(c.args[0]);
    ExprId key = c.args.size() == 2 ? c.args[1] : kw ? kw->value : kNoNode;
    if (key != kNoNode && get_if<NoneLit>(m_, key)) key = kNoNode;
    if (el == kUnknown) return kUnknown;
    TypeId kt = key == kNoNode ? el : infer_key(key, el, s, false);
    if (kt == kUnknown) return kUnknown;
    if (T.kind(kt) == TypeKind::Class || T.kind(kt) == TypeKind::Callable || T.kind(kt) == TypeKind::Generator)
      return bad("keys of type " + T.python_name(kt) + " (a key must be a value: number, str, tuple, enum)");
    return result(T.tuple_of({kt, T.intern({TypeKind::Generator, {el, kt}, "groupby"})}));
  }
  if (fn == "zip_longest") {
    // Without fillvalue a missing item is None: each position is Optional[T]. With one, the
    // fill must have every input's item type, and the positions are plain T.
    const Keyword* fill = keyword(c, "fillvalue");
    if (c.args.empty() || c.keywords.size() > (fill ? 1u : 0u)) return bad("takes iterables and fillvalue=");
    std::vector<TypeId> els;
    for (ExprId x : c.args) els.push_back(items(x));
    TypeId ft = fill ? infer(fill->value, s) : kUnknown;
    for (TypeId el : els)
      if (el == kUnknown) return kUnknown;
    if (fill) {
      if (ft == kUnknown) return kUnknown;
      if (ft == kNoneType) return bad("fillvalue=None: leave it out (the items are then Optional)");
      for (TypeId el : els)
        if (el != ft)
          return bad("fillvalue of type " + T.python_name(ft) + " for items of type " + T.python_name(el) +
                     " (the fill must have the items' type)");
      return result(T.tuple_of(std::vector<TypeId>(els.size(), ft)));
    }
    for (TypeId& el : els) {
      if (T.kind(el) == TypeKind::Optional || el == kNoneType) return bad("items that may already be None (pass fillvalue=)");
      el = T.optional_of(el);
    }
    return result(T.tuple_of(els));
  }
  if (fn == "cycle") {
    if (c.args.size() != 1 || !c.keywords.empty()) return bad("takes one iterable");
    TypeId el = items(c.args[0]);
    return el == kUnknown ? kUnknown : result(el);
  }
  for (ExprId x : c.args) infer(x, s);
  return bad("not supported yet (combinations, combinations_with_replacement, permutations, product, pairwise, "
             "accumulate, chain, islice, count, repeat, groupby, zip_longest, cycle, takewhile, dropwhile, starmap are)");
}

}  // namespace py2cpp::sema
