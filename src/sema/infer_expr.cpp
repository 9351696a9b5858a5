// Expression typing: hints are already on variables; here every expression gets its type.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

TypeId Analyzer::infer(ExprId e, Scope& s, TypeId expected) {
  if (e == kNoNode) return kUnknown;
  const Expr& ex = m_.expr(e);
  TypeId t = std::visit(
      [&](const auto& node) -> TypeId {
        using N = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<N, Name>) {
          return infer_name(e, node, s);
        } else if constexpr (std::is_same_v<N, IntLit>) {
          if (node.overflow) unsupported(s, StubKind::IntOverflow, "integer literal " + expr_text(e) + " does not fit in int64_t");
          return kInt;
        } else if constexpr (std::is_same_v<N, FloatLit>) {
          return kFloat;
        } else if constexpr (std::is_same_v<N, StrLit>) {
          if (node.is_bytes) unsupported(s, StubKind::Bytes, "bytes literals are not supported yet");
          return kStr;
        } else if constexpr (std::is_same_v<N, BoolLit>) {
          return kBool;
        } else if constexpr (std::is_same_v<N, NoneLit>) {
          return kNoneType;
        } else if constexpr (std::is_same_v<N, FString>) {
          TypeId t = infer_fstring(node.parts, s);
          forget_attribute_narrowing(s);  // __str__/__format__ of an instance is user code
          return t;
        } else if constexpr (std::is_same_v<N, UnaryOp>) {
          TypeId t = infer(node.operand, s);
          if (node.op == UnaryOpKind::Not) return kBool;
          if (t == kUnknown) return kUnknown;
          if (!class_name_of(t).empty() && node.op == UnaryOpKind::Neg) {
            TypeId res = dunder_result("__neg__", t, {}, s);
            if (res == kUnknown) unsupported(s, StubKind::OperationNotDefined, "unary - on " + r_.types.python_name(t) + " (define __neg__)");
            return res;
          }
          if (!r_.types.is_numeric(t)) {
            unsupported(s, StubKind::OperationNotDefined, std::string("unary operator on ") + r_.types.python_name(t));
            return kUnknown;
          }
          if (node.op == UnaryOpKind::Invert) {
            if (t == kFloat) unsupported(s, StubKind::RaisesInPython, "~ on a float");
            return kInt;
          }
          return t == kBool ? kInt : t;
        } else if constexpr (std::is_same_v<N, BinOp>) {
          return infer_binop(e, node, s, expected);
        } else if constexpr (std::is_same_v<N, BoolOp>) {
          TypeId acc = kUnknown;
          bool all_bool = true, all_testable = true;
          const bool tested = truth_tests_.count(e) > 0;
          // `x is not None and x.v > 0`: each operand runs only when the ones before it were
          // true (and) / false (or), which may narrow `T | None` names for it.
          Scope operand_scope = s;
          for (ExprId v : node.values) {
            if (tested && get_if<BoolOp>(m_, v)) truth_tests_.insert(v);
            TypeId t = infer(v, operand_scope);
            narrow_from_test(v, node.is_and, operand_scope);
            all_bool = all_bool && t == kBool;
            TypeKind k = r_.types.kind(t);
            all_testable = all_testable && (k == TypeKind::Bool || k == TypeKind::Int || k == TypeKind::Float ||
                                            k == TypeKind::Str || k == TypeKind::List || k == TypeKind::Dict ||
                                            k == TypeKind::Set);
            acc = acc == kUnknown ? t : (acc == t ? acc : kUnknown);
          }
          if (all_bool) return kBool;
          // `while heap and heap[0] < t:` -- only the truth of the result is used: a bool.
          if (tested && all_testable && (acc == kUnknown || acc == kNoneType)) return kBool;
          // `limit = opt or -1` on an `int | None`: the value when it is truthy (Python's 0 and ""
          // are falsy too, so they also give the default), else the other operand.
          if (!node.is_and && node.values.size() == 2) {
            TypeId first = r_.expr_type[node.values[0]], second = r_.expr_type[node.values[1]];
            bool plain = second == kInt || second == kFloat || second == kStr || second == kBool;
            if (plain && r_.types.kind(first) == TypeKind::Optional && r_.types.arg(first, 0) == second) return second;
          }
          if (acc == kUnknown || acc == kNoneType) {
            unsupported(s, StubKind::TypeMismatch, "'and'/'or' over operands of different types");
            return kUnknown;
          }
          return acc;  // `x or default` with one type: the value of an operand
        } else if constexpr (std::is_same_v<N, Compare>) {
          return infer_compare(node, s);
        } else if constexpr (std::is_same_v<N, Call>) {
          TypeId t = infer_call(e, node, s);
          forget_attribute_narrowing(s);  // the callee may change any object's fields
          return t;
        } else if constexpr (std::is_same_v<N, Attribute>) {
          if (get_if<Name>(m_, node.value)) {
            TypeId bt = infer(node.value, s);
            if (r_.types.kind(bt) == TypeKind::Module && r_.types.get(bt).name == "math") {
              static const std::set<std::string> constants = {"pi", "e", "tau", "inf", "nan"};
              if (constants.count(node.attr)) return kFloat;
              unsupported(s, StubKind::FunctionValue, "math." + node.attr + " used as a value");
              return kUnknown;
            }
            if (r_.types.kind(bt) == TypeKind::Module && r_.types.get(bt).name == "sys") return infer_sys_attribute(node.attr, s);
            if (r_.types.kind(bt) == TypeKind::Module && r_.types.get(bt).name == "string") {
              if (is_string_module_constant(node.attr)) return kStr;
              unsupported(s, StubKind::StdlibFunction, "string." + node.attr + " (the string module's constants are supported)");
              return kUnknown;
            }
          }
          if (ExprId subject = type_name_subject(m_, node); subject != kNoNode) return infer_type_name(subject, s);
          return infer_attribute(e, node, s);
        } else if constexpr (std::is_same_v<N, Subscript>) {
          return infer_subscript(node, s);
        } else if constexpr (std::is_same_v<N, ListLit>) {
          TypeId el = kUnknown;
          TypeId expected_el = r_.types.kind(expected) == TypeKind::List ? r_.types.arg(expected, 0) : kUnknown;
          for (ExprId x : node.elts) {
            if (std::holds_alternative<Starred>(m_.expr(x).node)) {
              unsupported(s, StubKind::StarArgs, "starred element in a list literal");
              continue;
            }
            TypeId t = infer(x, s, expected_el);
            // `xs: list[int | str] = [1, "a"]`: every item is of the union.
            if (r_.types.kind(expected_el) == TypeKind::Union && r_.types.unify(expected_el, t) == expected_el) t = expected_el;
            TypeId u = r_.types.unify(el, t);
            if (u == kUnknown && el != kUnknown && t != kUnknown) {
              unsupported(s, StubKind::TypeMismatch, "list literal mixes " + r_.types.python_name(el) + " and " + r_.types.python_name(t));
              return kUnknown;
            }
            el = u;
          }
          if (expected_el != kUnknown) {
            TypeId u = r_.types.unify(expected_el, el);
            if (u != kUnknown) el = u;
          }
          for (ExprId x : node.elts) note_int_as_float(s, m_.expr(x).span, r_.expr_type[x], el, "a list item");
          return r_.types.list_of(el);
        } else if constexpr (std::is_same_v<N, IfExp>) {
          infer(node.test, s);
          // `float(a) if isinstance(a, int) else a`: each branch sees what the test says.
          Scope then_scope = s, else_scope = s;
          narrow_from_test(node.test, true, then_scope);
          narrow_from_test(node.test, false, else_scope);
          TypeId a = infer(node.body, then_scope, expected);
          TypeId b = infer(node.orelse, else_scope, expected);
          TypeId u = r_.types.unify(a, b);
          // `f"{v if v is not None else 'miss'}"`: only the text is used, so each branch is
          // converted with str() (py::str), as the f-string or print would convert it.
          if (u == kUnknown && a != kUnknown && b != kUnknown && text_fields_.count(e) && r_.types.kind(a) != TypeKind::Class &&
              r_.types.kind(b) != TypeKind::Class) {
            r_.text_ifexps.insert(e);
            return kStr;
          }
          if (u == kUnknown && a != kUnknown && b != kUnknown)
            unsupported(s, StubKind::TypeMismatch, "conditional expression with branches of types " + r_.types.python_name(a) + " and " +
                               r_.types.python_name(b));
          note_int_as_float(s, m_.expr(node.body).span, a, u, "a branch of `" + expr_text(e) + "`");
          note_int_as_float(s, m_.expr(node.orelse).span, b, u, "a branch of `" + expr_text(e) + "`");
          return u;
        } else if constexpr (std::is_same_v<N, TupleLit>) {
          // `return -1, []` for `-> tuple[int, list[int]]`: each element takes the expected one's type.
          const bool shaped = r_.types.kind(expected) == TypeKind::Tuple && r_.types.get(expected).args.size() == node.elts.size();
          std::vector<TypeId> elems;
          for (size_t i = 0; i < node.elts.size(); ++i) {
            TypeId want = shaped ? r_.types.arg(expected, i) : kUnknown;
            TypeId t = infer(node.elts[i], s, want);
            // An element of a compatible but wider type (an empty list, None for an Optional) is the expected one.
            if (want != kUnknown && t != kUnknown && r_.types.unify(want, t) == want) t = want;
            elems.push_back(t);
          }
          // `return (a, b)` for `-> tuple[int, ...]`: items of exactly the element type (an int
          // stays an int in a tuple[float, ...] in Python, so that stays a mismatch).
          if (r_.types.is_vtuple(expected)) {
            TypeId el = r_.types.arg(expected, 0);
            if (std::all_of(elems.begin(), elems.end(), [&](TypeId t) { return t == el; })) return expected;
          }
          return r_.types.tuple_of(elems);
        } else if constexpr (std::is_same_v<N, Slice>) {
          infer(node.lower, s);
          infer(node.upper, s);
          infer(node.step, s);
          return kUnknown;
        } else if constexpr (std::is_same_v<N, UnsupportedExpr>) {
          unsupported(s, node.kind, node.what);
          return kUnknown;
        } else if constexpr (std::is_same_v<N, Comprehension>) {
          return infer_comprehension(e, node, s, expected);
        } else if constexpr (std::is_same_v<N, DictLit>) {
          return infer_dict_literal(node, s, expected);
        } else if constexpr (std::is_same_v<N, SetLit>) {
          return infer_set_literal(node, s, expected);
        } else if constexpr (std::is_same_v<N, Lambda>) {
          return infer_lambda_value(e, node, expected, s);  // callables.cpp
        } else if constexpr (std::is_same_v<N, Yield>) {
          unsupported(s, StubKind::GeneratorForm, "the value of a yield expression (generator.send()) is not supported; use yield as a statement");
          return kUnknown;
        } else if constexpr (std::is_same_v<N, NamedExpr>) {
          return infer_named_expr(node, s);
        } else if constexpr (std::is_same_v<N, Await>) {
          unsupported(s, StubKind::Async, "async code is not supported");
          return kUnknown;
        } else if constexpr (std::is_same_v<N, Starred>) {
          unsupported(s, StubKind::StarArgs, "*" + expr_text(node.value) + " here (only a call of a function with a *args parameter spreads a list)");
          return kUnknown;
        } else {
          unsupported(s, StubKind::UnsupportedSyntax, "this expression is not supported yet");
          return kUnknown;
        }
      },
      ex.node);
  if (r_.types.kind(t) == TypeKind::Generator && e != iterated_ &&
      !((e == generator_slot_ || r_.types.kind(expected) == TypeKind::Generator) && is_generator_value(e, t))) {
    unsupported(s, StubKind::IteratorValue, "'" + expr_text(e) + "' is an iterator: it is supported where it is iterated (a for loop, a "
                   "comprehension, sum/min/max/any/all/sorted/list/str.join), in next(), and, for a generator "
                   "function's result, kept in a variable or passed to an Iterator[T] parameter");
    t = kUnknown;
  }
  // A module function named where a Callable is expected: `apply(square, xs)`.
  if (r_.types.kind(t) == TypeKind::Function && r_.types.kind(expected) == TypeKind::Callable)
    t = function_value(e, expected, s);
  // `q: deque[int] = deque()`: the empty container takes the element type of where it goes.
  // Likewise `od: OrderedDict[str, int] = OrderedDict()`.
  // And `self.load: defaultdict[int, list[str]] = defaultdict(list)`, whose list has no element type.
  const bool empty_ordered = r_.types.kind(t) == TypeKind::Dict &&
                             (r_.types.dict_kind(t) == "OrderedDict" || r_.types.dict_kind(t) == "defaultdict");
  if (get_if<Call>(m_, e) && (r_.types.is_deque(t) || empty_ordered) && r_.types.has_unknown(t) && expected != kUnknown &&
      r_.types.unify(t, expected) == expected)
    t = expected;
  r_.expr_type[e] = t;
  return t;
}

TypeId Analyzer::infer_name(ExprId e, const Name& n, Scope& s) {
  NameRef& ref = r_.name_ref[e];
  for (const ScopeFrame* f = s.frame; f; f = f->parent)
    for (auto it = f->names.rbegin(); it != f->names.rend(); ++it)
      if (it->first == n.id) {
        ref = {NameRef::Scoped, it->second};
        // `[v for v in vals if v is not None]`: narrowed by the comprehension's condition.
        if (auto nt = s.narrowed.find(scoped_narrowing_key(it->second)); nt != s.narrowed.end()) {
          r_.expr_narrowed[e] = true;
          return nt->second;
        }
        r_.expr_narrowed[e] = false;
        return r_.scoped_vars[it->second].type;
      }
  if (s.fn) {
    if (auto it = s.fn->var_index.find(n.id); it != s.fn->var_index.end()) {
      ref = {NameRef::Variable, it->second};
      if (auto nt = s.narrowed.find(n.id); nt != s.narrowed.end()) {
        r_.expr_narrowed[e] = true;
        return nt->second;
      }
      r_.expr_narrowed[e] = false;
      return s.fn->vars[it->second].type;
    }
  }
  if (auto it = r_.class_index.find(n.id); it != r_.class_index.end()) {
    ref = {NameRef::Class, it->second};
    return r_.types.class_ref(r_.classes[it->second].name);  // an imported class's key, not its local name
  }
  if (auto it = r_.type_alias_index.find(n.id); it != r_.type_alias_index.end()) {
    ref = {NameRef::TypeAlias, it->second};
    return r_.types.function(n.id);  // only callable (NewType) or used in hints
  }
  if (auto it = r_.global_index.find(n.id); it != r_.global_index.end()) {
    ref = {NameRef::Global, it->second};
    const Global& g = r_.globals[it->second];
    // A module variable whose definition is a stub has no C++ declaration: neither can its users.
    if (s.fn && g.stmt != kNoNode && !r_.stmt_stub[g.stmt].empty()) {
      unsupported(s, StubKind::DependsOnStub, "uses '" + n.id + "', whose definition (line " + std::to_string(m_.stmt(g.stmt).span.line) +
                         ") could not be translated: " + r_.stmt_stub[g.stmt].detail);
      return kUnknown;
    }
    return g.type;
  }
  if (auto it = r_.function_index.find(n.id); it != r_.function_index.end()) {
    ref = {NameRef::Function, it->second};
    return r_.types.function(n.id);
  }
  if (std::find(r_.imports.begin(), r_.imports.end(), n.id) != r_.imports.end()) {
    ref = {NameRef::Module, 0};
    return r_.types.module(n.id);
  }
  // `from string import digits`, `from math import pi`: a constant of the module.
  if (auto fi = from_imports_.find(n.id); fi != from_imports_.end()) {
    const std::string& q = fi->second;
    if ((q.rfind("string.", 0) == 0 && is_string_module_constant(q.substr(7))) ||
        (q == "math.pi" || q == "math.e" || q == "math.tau" || q == "math.inf" || q == "math.nan")) {
      ref = {NameRef::Builtin, 0};
      return q.rfind("string.", 0) == 0 ? kStr : kFloat;
    }
  }
  if (from_imports_.count(n.id) || is_builtin_function(n.id)) {
    ref = {NameRef::Builtin, 0};
    return r_.types.function(n.id);
  }
  if (is_builtin_exception(n.id)) {
    ref = {NameRef::Exception, 0};
    return r_.types.exception(n.id);
  }
  ref = {NameRef::Unresolved, 0};
  // Bound by an import that is a stub (`import json`): that stub is the one to fix.
  if (StmtId imp = stubbed_import_of(n.id); imp != kNoNode) {
    unsupported(s, StubKind::DependsOnStub, "name '" + n.id + "' cannot be resolved: its import (line " +
                                                std::to_string(m_.stmt(imp).span.line) + ") is not translated");
    return kUnknown;
  }
  unsupported(s, StubKind::UnresolvedName, "name '" + n.id + "' cannot be resolved");
  return kUnknown;
}

TypeId Analyzer::infer_binop(ExprId, const BinOp& b, Scope& s, TypeId expected) {
  if (b.op == BinOpKind::Mod && get_if<StrLit>(m_, b.left)) return infer_percent_format(b, s);  // str_format.cpp
  // `[None] * cols` where a `list[str | None]` is expected, `xs + []`: list operands take the
  // expected list type, as a list literal alone does.
  TypeId want = kUnknown;
  if (r_.types.kind(expected) == TypeKind::List && (b.op == BinOpKind::Mul || b.op == BinOpKind::Add)) want = expected;
  auto list_operand = [&](ExprId x) { return get_if<ListLit>(m_, x) || get_if<Comprehension>(m_, x) || get_if<BinOp>(m_, x); };
  TypeId l = infer(b.left, s, list_operand(b.left) ? want : kUnknown);
  TypeId r = infer(b.right, s, list_operand(b.right) ? want : kUnknown);
  if (l == kUnknown || r == kUnknown) return kUnknown;
  return binop_result(b.op, l, r, b.right, s);
}

// Python's result type of `l op r`, or kUnknown (and a stub) where this subset has no translation.
TypeId Analyzer::binop_result(BinOpKind op, TypeId l, TypeId r, ExprId right, Scope& s) {
  const TypeTable& T = r_.types;
  // An IntEnum member is an int in arithmetic (`Op.MUL + 1` is 6; emit: py::enum_value).
  if (is_int_enum_value(l)) l = kInt;
  if (is_int_enum_value(r)) r = kInt;
  if (!class_name_of(l).empty()) {
    const char* dunder = binop_dunder(op);
    TypeId t = dunder ? dunder_result(dunder, l, {r}, s) : kUnknown;
    if (t == kUnknown)
      unsupported(s, StubKind::OperationNotDefined, std::string("operator ") + binop_symbol(op) + " on " + T.python_name(l) + " (define " +
                         (dunder ? dunder : "a dunder method") + ")");
    return t;
  }
  if (!class_name_of(r).empty()) {
    unsupported(s, StubKind::OperationNotDefined, std::string("operator ") + binop_symbol(op) + " with a " + T.python_name(r) +
                       " on the right (reflected dunders are not supported)");
    return kUnknown;
  }
  if (T.kind(l) == TypeKind::Set || T.kind(r) == TypeKind::Set) return set_binop(op, l, r, s);
  // `x * 1.5`, `x / n` with x an `int | float`: a float whichever x holds (emit: py::as_float(x)).
  if (is_int_or_float_union(l) || is_int_or_float_union(r)) {
    auto numberish = [&](TypeId t) { return T.is_numeric(t) || is_int_or_float_union(t); };
    bool arith = op == BinOpKind::Add || op == BinOpKind::Sub || op == BinOpKind::Mul || op == BinOpKind::Div ||
                 op == BinOpKind::FloorDiv || op == BinOpKind::Mod;
    if (arith && numberish(l) && numberish(r) && (l == kFloat || r == kFloat || op == BinOpKind::Div)) return kFloat;
  }
  bool num = T.is_numeric(l) && T.is_numeric(r);
  bool any_float = l == kFloat || r == kFloat;
  auto fail = [&] {
    unsupported(s, StubKind::OperationNotDefined, std::string("operator ") + binop_symbol(op) + " on " + T.python_name(l) + " and " +
                       T.python_name(r));
    return kUnknown;
  };
  if (T.is_deque(l) || T.is_deque(r)) {
    unsupported(s, StubKind::OperationNotDefined, std::string("operator ") + binop_symbol(op) + " on a deque is not supported yet; extend a copy");
    return kUnknown;
  }
  switch (op) {
    case BinOpKind::Add:
      if (num) return any_float ? kFloat : kInt;
      if (l == kStr && r == kStr) return kStr;
      if (T.kind(l) == TypeKind::List && T.kind(r) == TypeKind::List) {
        TypeId u = r_.types.unify(l, r);
        return u == kUnknown ? fail() : u;
      }
      return fail();
    case BinOpKind::Sub:
      if (num) return any_float ? kFloat : kInt;
      return fail();
    case BinOpKind::Mul:
      if (num) return any_float ? kFloat : kInt;
      if ((l == kStr && (r == kInt || r == kBool)) || (r == kStr && (l == kInt || l == kBool))) return kStr;
      if ((T.kind(l) == TypeKind::List && (r == kInt || r == kBool)) ||
          (T.kind(r) == TypeKind::List && (l == kInt || l == kBool))) {
        TypeId lst = T.kind(l) == TypeKind::List ? l : r;
        if (T.kind(T.arg(lst, 0)) == TypeKind::List) {
          unsupported(s, StubKind::RepeatedRows, "repeating a list of lists makes every row the same list in Python; build the rows in a loop");
          return kUnknown;
        }
        return lst;
      }
      return fail();
    case BinOpKind::Div:
      if (num) return kFloat;
      return fail();
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod:
      if (num) return any_float ? kFloat : kInt;
      if (op == BinOpKind::Mod && l == kStr) {
        unsupported(s, StubKind::StringFormatting, "printf-style '%' formatting needs a literal format string on the left; use an f-string");
        return kUnknown;
      }
      return fail();
    case BinOpKind::Pow: {
      if (!num) return fail();
      if (any_float) return kFloat;
      // int ** int is an int only for a non-negative exponent; a negative constant gives a float.
      // A non-constant exponent stays int, and py::ipow refuses a negative one at run time.
      if (auto c = constant_int(right); c && *c < 0) return kFloat;
      return kInt;
    }
    case BinOpKind::LShift:
    case BinOpKind::RShift:
      if ((l == kInt || l == kBool) && (r == kInt || r == kBool)) return kInt;
      return fail();
    case BinOpKind::BitAnd:
    case BinOpKind::BitOr:
    case BinOpKind::BitXor:
      if (l == kBool && r == kBool) return kBool;
      if ((l == kInt || l == kBool) && (r == kInt || r == kBool)) return kInt;
      return fail();
    case BinOpKind::MatMul:
      return fail();
  }
  return fail();
}

// The value of an int expression made only of literals, or nothing.
std::optional<int64_t> Analyzer::constant_int(ExprId e) const {
  if (auto* i = get_if<IntLit>(m_, e)) return i->overflow ? std::nullopt : std::optional<int64_t>(i->value);
  if (auto* u = get_if<UnaryOp>(m_, e)) {
    auto v = constant_int(u->operand);
    if (!v) return std::nullopt;
    if (u->op == UnaryOpKind::Neg) return -*v;
    if (u->op == UnaryOpKind::Pos) return *v;
    if (u->op == UnaryOpKind::Invert) return ~*v;
    return std::nullopt;
  }
  if (auto* b = get_if<BinOp>(m_, e)) {
    auto l = constant_int(b->left), r = constant_int(b->right);
    if (!l || !r || *l > 1000000 || *l < -1000000 || *r > 64 || *r < -64) return std::nullopt;
    switch (b->op) {
      case BinOpKind::Add: return *l + *r;
      case BinOpKind::Sub: return *l - *r;
      case BinOpKind::Mul: return *l * *r;
      case BinOpKind::Pow: {
        if (*r < 0) return std::nullopt;
        int64_t v = 1;
        for (int64_t i = 0; i < *r; ++i) {
          if (v > (int64_t{1} << 40)) return std::nullopt;
          v *= *l;
        }
        return v;
      }
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

// `T | None` against `T` (either order), T a str, number, bool or enum: std::optional's `==`
// is false for an empty optional and compares the value otherwise, as Python's `==` does.
bool Analyzer::optional_of_value(TypeId left, TypeId right) const {
  const TypeTable& T = r_.types;
  auto matches = [&](TypeId opt, TypeId value) {
    if (T.kind(opt) != TypeKind::Optional || T.arg(opt, 0) != value) return false;
    TypeKind k = T.kind(value);
    return value == kStr || T.is_numeric(value) || k == TypeKind::Enum;
  };
  return matches(left, right) || matches(right, left);
}

TypeId Analyzer::infer_compare(const Compare& c, Scope& s) {
  TypeId left = infer(c.left, s);
  // `x is None` where x is known not None (`x = 5` before it): test the optional itself, whose
  // answer is False, rather than the narrowed int, which has no `is None`.
  if (c.ops.size() == 1 && (c.ops[0] == CmpOpKind::Is || c.ops[0] == CmpOpKind::IsNot) &&
      get_if<NoneLit>(m_, c.comparators[0]) && r_.expr_narrowed[c.left] && get_if<Name>(m_, c.left) && s.fn &&
      r_.name_ref[c.left].kind == NameRef::Variable) {
    r_.expr_narrowed[c.left] = false;
    left = r_.expr_type[c.left] = s.fn->vars[r_.name_ref[c.left].index].type;
  }
  for (size_t i = 0; i < c.ops.size(); ++i) {
    TypeId right = infer(c.comparators[i], s);
    if (left == kUnknown || right == kUnknown) {
      left = right;
      continue;
    }
    CmpOpKind op = c.ops[i];
    const TypeTable& T = r_.types;
    bool ok = true;
    if (op == CmpOpKind::In || op == CmpOpKind::NotIn) {
      if (!class_name_of(right).empty())
        ok = dunder_result("__contains__", right, {left}, s) == kBool;
      else if (right == kStr)
        ok = left == kStr;
      else if (T.kind(right) == TypeKind::List)
        ok = r_.types.unify(T.arg(right, 0), left) != kUnknown;
      else if (right == kRange)
        ok = left == kInt || left == kBool;
      else if (T.kind(right) == TypeKind::Tuple)
        ok = tuple_membership(right, left);
      else if (!dict_set_membership(right, left, &ok))
        ok = false;
    } else if (op == CmpOpKind::Is || op == CmpOpKind::IsNot) {
      // `x is None` on an optional value or a class handle; `a is b` on two class handles.
      auto nullable = [&](TypeId t) { return T.kind(t) == TypeKind::Optional || T.kind(t) == TypeKind::Class; };
      ok = (left == right && T.kind(left) == TypeKind::Enum) || (left == kNoneType && nullable(right)) || (right == kNoneType && nullable(left)) ||
           (!class_name_of(left).empty() && !class_name_of(right).empty() && T.kind(left) != TypeKind::Exception) ||
           exc_info_identity(left, right);
    } else if (!class_name_of(left).empty() || !class_name_of(right).empty()) {
      ok = class_operands_comparable(op, left, right, s);
    } else if (T.is_numeric(left) && T.is_numeric(right)) {
      ok = true;
    } else if ((T.is_numeric(left) || is_int_or_float_union(left) || is_int_enum_value(left)) &&
               (T.is_numeric(right) || is_int_or_float_union(right) || is_int_enum_value(right)) &&
               !(is_int_enum_value(left) && is_int_enum_value(right))) {
      ok = true;  // an `int | float` compared as the number it holds (emit: py::as_float)
    } else if ((op == CmpOpKind::Eq || op == CmpOpKind::NotEq) && optional_of_value(left, right)) {
      ok = true;  // `name == "a"` with name a `str | None`: False when None, as std::optional's ==
    } else {
      // `xs == []`: an empty literal takes the other side's list type.
      bool same = left == right || (T.kind(left) == TypeKind::List && r_.types.unify(left, right) != kUnknown) ||
                  (T.kind(left) == TypeKind::Set && T.kind(right) == TypeKind::Set &&  // a set and a frozenset
                   r_.types.unify(T.arg(left, 0), T.arg(right, 0)) != kUnknown);
      // Two values of one TypeVar: py::eq/py::lt/py::le do what Python does for any binding.
      if (same && T.kind(left) == TypeKind::TypeParam && op != CmpOpKind::Eq && op != CmpOpKind::NotEq)
        require_of_type_param(left, kNeedsOrderable);
      ok = same && (op == CmpOpKind::Eq || op == CmpOpKind::NotEq || left == kStr || T.kind(left) == TypeKind::TypeParam ||
                             T.kind(left) == TypeKind::List || T.kind(left) == TypeKind::Tuple ||
                             T.kind(left) == TypeKind::Set ||  // sets: subset order
                             (T.kind(left) == TypeKind::Enum && enum_class(left)->is_int_enum));
    }
    if (!ok)
      unsupported(s, StubKind::OperationNotDefined, std::string("comparison '") + cmpop_symbol(op) + "' between " + T.python_name(left) + " and " +
                         T.python_name(right));
    left = right;
  }
  return kBool;
}

TypeId Analyzer::infer_subscript(const Subscript& sub, Scope& s) {
  TypeId base = infer(sub.value, s);
  if (r_.types.kind(base) == TypeKind::Dict) return infer_dict_subscript(base, sub, s);
  if (auto* sl = get_if<Slice>(m_, sub.index)) {
    if (r_.types.is_deque(base)) unsupported(s, StubKind::RaisesInPython, "a deque cannot be sliced (TypeError in Python); use itertools.islice or list(d)[a:b]");
    for (ExprId part : {sl->lower, sl->upper, sl->step}) {
      if (part == kNoNode) continue;
      TypeId t = infer(part, s);
      if (t != kInt && t != kBool && t != kUnknown) unsupported(s, StubKind::TypeMismatch, "slice bound must be an int");
    }
    r_.expr_type[sub.index] = kUnknown;
    if (base == kStr || r_.types.kind(base) == TypeKind::List) return base;
    if (base != kUnknown) unsupported(s, StubKind::OperationNotDefined, "slicing a " + r_.types.python_name(base));
    return kUnknown;
  }
  TypeId idx = infer(sub.index, s);
  if (base == kUnknown) return kUnknown;
  if (const Class* ec = enum_class(base); ec && r_.types.kind(base) == TypeKind::ClassRef) {
    // `Color["RED"]`: the member of that name (KeyError if none).
    if (idx == kUnknown) return kUnknown;
    if (idx != kStr || !ec->stub_reason.empty()) {
      unsupported(s, ec->stub_reason.empty() ? StubKind::EnumForm : StubKind::DependsOnStub, ec->stub_reason.empty() ? "an enum is indexed by a member name (str)" : "enum " + ec->name + " could not be translated");
      return kUnknown;
    }
    return r_.types.enum_of(ec->name);
  }
  if (!class_name_of(base).empty()) {
    TypeId t = dunder_result("__getitem__", base, {idx}, s);
    if (t == kUnknown) unsupported(s, StubKind::OperationNotDefined, "indexing a " + r_.types.python_name(base) + " (define __getitem__)");
    return t;
  }
  if (base == kStr || r_.types.kind(base) == TypeKind::List) {
    if (idx != kInt && idx != kBool && idx != kUnknown) {
      unsupported(s, StubKind::TypeMismatch, "index of type " + r_.types.python_name(idx));
      return kUnknown;
    }
    return base == kStr ? kStr : r_.types.arg(base, 0);
  }
  if (r_.types.kind(base) == TypeKind::Tuple) {
    // Elements differ in type, so the index must be known here: a literal, maybe negative.
    std::optional<int64_t> k;
    if (auto* i = get_if<IntLit>(m_, sub.index)) k = i->value;
    if (auto* u = get_if<UnaryOp>(m_, sub.index); u && u->op == UnaryOpKind::Neg)
      if (auto* i = get_if<IntLit>(m_, u->operand)) k = -i->value;
    int64_t size = static_cast<int64_t>(r_.types.get(base).args.size());
    if (!k) {
      unsupported(s, StubKind::OperationNotDefined, "tuple index must be a literal (tuple elements have different C++ types)");
      return kUnknown;
    }
    if (*k < -size || *k >= size) {
      unsupported(s, StubKind::RaisesInPython, "tuple index out of range");
      return kUnknown;
    }
    return r_.types.arg(base, static_cast<size_t>(*k < 0 ? *k + size : *k));
  }
  unsupported(s, StubKind::OperationNotDefined, "indexing a " + r_.types.python_name(base) + " is not supported yet");
  return kUnknown;
}

// `name := value`: binds name in the enclosing function (from inside a comprehension too, as
// Python does); the C++ is the assignment expression `(name = value)`, whose value is the
// variable's -- so the value must already have the variable's type.
TypeId Analyzer::infer_named_expr(const NamedExpr& ne, Scope& s) {
  auto* n = get_if<Name>(m_, ne.target);
  for (const ScopeFrame* f = s.frame; f && n; f = f->parent) {
    if (f->lambda) {
      unsupported(s, StubKind::AssignmentExpression, "an assignment expression (:=) inside a lambda (it binds the lambda's own local); use a def");
      return kUnknown;
    }
    if (f->lazy) {
      unsupported(s, StubKind::AssignmentExpression, "an assignment expression (:=) in a generator expression that is iterated lazily; py2cpp builds "
                     "its items at once, so '" + n->id + "' would change at other times than in Python (use a list "
                     "comprehension or a loop)");
      return kUnknown;
    }
    for (const auto& [name, slot] : f->names)
      if (name == n->id) {
        unsupported(s, StubKind::AssignmentExpression, "assignment expression cannot rebind comprehension iteration variable '" + n->id + "'");
        return kUnknown;
      }
  }
  if (!n) {
    unsupported(s, StubKind::AssignmentExpression, "assignment expression target must be a name");
    return kUnknown;
  }
  // The variable's type so far types `[]`/`{}`/None values.
  TypeId var_t = kUnknown;
  if (s.fn && s.fn->var_index.count(n->id)) var_t = s.fn->vars[s.fn->var_index.at(n->id)].type;
  else if (auto g = r_.global_index.find(n->id); g != r_.global_index.end()) var_t = r_.globals[g->second].type;
  TypeId vt = infer(ne.value, s, var_t);
  if (vt == kUnknown) return kUnknown;
  if (r_.types.kind(vt) == TypeKind::Function) {
    unsupported(s, StubKind::AssignmentExpression, "an assignment expression (:=) binding a function; use an assignment statement");
    return kUnknown;
  }
  // A container read from a name or from another object is that same object in Python; C++
  // would copy it, and a change through one name would not show through the other.
  TypeKind k = r_.types.kind(vt);
  if (k == TypeKind::List || k == TypeKind::Dict || k == TypeKind::Set) {
    bool shared = get_if<Name>(m_, ne.value) || get_if<Attribute>(m_, ne.value);
    if (auto* sub = get_if<Subscript>(m_, ne.value)) shared = shared || !get_if<Slice>(m_, sub->index);
    if (auto* c = get_if<Call>(m_, ne.value))
      if (auto* at = get_if<Attribute>(m_, c->func)) shared = shared || at->attr == "get" || at->attr == "setdefault";
    if (shared) {
      unsupported(s, StubKind::AliasedContainer, "'" + n->id + " := " + expr_text(ne.value) + "' would share the " + r_.types.python_name(vt) +
                         " in Python (py2cpp copies containers); use an assignment statement");
      return kUnknown;
    }
  }
  // A module variable is declared from its first plain `name = value`: it must come first.
  if (auto g = r_.global_index.find(n->id); g != r_.global_index.end() && !(s.fn && s.fn->var_index.count(n->id))) {
    StmtId decl = r_.globals[g->second].stmt;
    if (decl == kNoNode || (!s.fn && s.stmt != kNoNode && m_.stmt(decl).span.begin > m_.stmt(s.stmt).span.begin)) {
      unsupported(s, StubKind::GlobalScope, "an assignment expression binding module variable '" + n->id + "', which is not first bound by a "
                     "plain assignment (`" + n->id + " = ...` before it)");
      return kUnknown;
    }
  }
  bind_target(ne.target, vt, s, "assignment expression `" + expr_text(ne.target) + " := " + expr_text(ne.value) +
                                    "` (line " + std::to_string(m_.expr(ne.target).span.line) + ")");
  forget_name_narrowing(s, n->id);  // rebound: what an earlier test said no longer holds
  if (s.fn && s.fn->var_index.count(n->id)) var_t = s.fn->vars[s.fn->var_index.at(n->id)].type;
  else if (auto g = r_.global_index.find(n->id); g != r_.global_index.end()) var_t = r_.globals[g->second].type;
  if (var_t != vt && !r_.types.has_unknown(vt)) {
    unsupported(s, StubKind::TypeMismatch, "the value of '" + n->id + " := " + expr_text(ne.value) + "' is a " + r_.types.python_name(vt) +
                       " but '" + n->id + "' is a " + r_.types.python_name(var_t) +
                       " (the C++ expression would have the variable's type); convert the value");
    return kUnknown;
  }
  return var_t;
}

TypeId Analyzer::infer_fstring(const std::vector<FStringPart>& parts, Scope& s) {
  for (const auto& p : parts) {
    if (p.expr != kNoNode) {
      // `{a if c else b}` without a spec, `!r` or `=`: str() of whichever branch runs.
      if (get_if<IfExp>(m_, p.expr) && (p.conversion == 0 || p.conversion == 's') && p.format_spec.empty() &&
          p.debug_text.empty())
        text_fields_.insert(p.expr);
      TypeId t = infer(p.expr, s);
      check_format_field(t, p.conversion, !p.format_spec.empty(), s);
      check_constant_spec(t, p.conversion, p.format_spec, s);
    }
    infer_fstring(p.format_spec, s);
  }
  return kStr;
}

}  // namespace py2cpp::sema

namespace py2cpp::sema {

const char* binop_dunder(ast::BinOpKind op) {
  switch (op) {
    case ast::BinOpKind::Add: return "__add__";
    case ast::BinOpKind::Sub: return "__sub__";
    case ast::BinOpKind::Mul: return "__mul__";
    case ast::BinOpKind::Div: return "__truediv__";
    case ast::BinOpKind::FloorDiv: return "__floordiv__";
    case ast::BinOpKind::Mod: return "__mod__";
    case ast::BinOpKind::MatMul: return "__matmul__";
    case ast::BinOpKind::Pow: return "__pow__";
    case ast::BinOpKind::LShift: return "__lshift__";
    case ast::BinOpKind::RShift: return "__rshift__";
    case ast::BinOpKind::BitAnd: return "__and__";
    case ast::BinOpKind::BitOr: return "__or__";
    case ast::BinOpKind::BitXor: return "__xor__";
    default: return nullptr;
  }
}

const char* cmpop_dunder(ast::CmpOpKind op) {
  switch (op) {
    case ast::CmpOpKind::Eq: return "__eq__";
    case ast::CmpOpKind::NotEq: return "__ne__";
    case ast::CmpOpKind::Lt: return "__lt__";
    case ast::CmpOpKind::LtE: return "__le__";
    case ast::CmpOpKind::Gt: return "__gt__";
    case ast::CmpOpKind::GtE: return "__ge__";
    default: return nullptr;
  }
}

// `a == b` on instances: __eq__, else identity (Python's default). Orderings need the dunder
// on the left, or the reflected one on the right (`a > b` falls back to `b < a`).
bool Analyzer::class_operands_comparable(ast::CmpOpKind op, TypeId l, TypeId r, Scope& s) {
  const char* dunder = cmpop_dunder(op);
  if (!dunder) return false;
  if (op == ast::CmpOpKind::Eq || op == ast::CmpOpKind::NotEq) return true;
  if (!class_name_of(l).empty() && dunder_result(dunder, l, {r}, s) == kBool) return true;
  static const std::map<ast::CmpOpKind, const char*> reflected = {{ast::CmpOpKind::Lt, "__gt__"},
                                                                  {ast::CmpOpKind::Gt, "__lt__"},
                                                                  {ast::CmpOpKind::LtE, "__ge__"},
                                                                  {ast::CmpOpKind::GtE, "__le__"}};
  return !class_name_of(r).empty() && dunder_result(reflected.at(op), r, {l}, s) == kBool;
}

}  // namespace py2cpp::sema
