// Expressions: one Python expression -> one C++ expression, using std operations where they
// already mean what Python means and the py:: runtime where Python's semantics differ.
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

namespace {

bool is_str_literal(const Module& m, ExprId e) { return get_if<StrLit>(m, e) != nullptr; }

// An expression that can be evaluated twice without changing behaviour or cost much.
bool is_simple(const Module& m, ExprId e) {
  const ExprNode& n = m.exprs[e].node;
  if (std::holds_alternative<Name>(n) || std::holds_alternative<IntLit>(n) || std::holds_alternative<FloatLit>(n) ||
      std::holds_alternative<BoolLit>(n) || std::holds_alternative<StrLit>(n))
    return true;
  if (auto* u = std::get_if<UnaryOp>(&n)) return is_simple(m, u->operand);
  return false;
}

}  // namespace

const S::Variable* Emitter::variable(ExprId name_expr) const {
  const S::NameRef& ref = s_.name_ref[name_expr];
  if (ref.kind != S::NameRef::Variable || !fn_) return nullptr;
  return &fn_->vars[ref.index];
}

std::string Emitter::paren(const CppExpr& e, int max_prec) const {
  return e.prec > max_prec ? "(" + e.text + ")" : e.text;
}

std::string Emitter::as_std_string(ExprId e) {
  if (auto* s = get_if<StrLit>(m_, e)) {
    std::string lit = string_literal(s->value);
    return lit.rfind("std::string(", 0) == 0 ? lit : "std::string(" + lit + ")";
  }
  return str(e);
}

std::string Emitter::args(const std::vector<ExprId>& xs, bool strings_as_std) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i) out += ", ";
    std::string a = strings_as_std ? as_std_string(xs[i]) : str(xs[i]);
    // A call of a function returning None used as a value: call it, then pass None.
    if (s_.expr_type[xs[i]] == S::kNoneType && get_if<Call>(m_, xs[i]) && !override_.count(xs[i]))
      a = "(" + a + ", py::None)";
    out += a;
  }
  return out;
}

std::string Emitter::condition(ExprId e) {
  S::TypeId t = s_.expr_type[e];
  CppExpr c = expr(e);
  switch (s_.types.kind(t)) {
    case TypeKind::Bool: return c.text;
    case TypeKind::Int: return paren(c, 9) + " != 0";
    case TypeKind::Float: return paren(c, 9) + " != 0.0";
    case TypeKind::Str:
      // A literal is a C array, not a std::string: its truth is known here (`bool("0")` is True).
      if (const auto* lit = get_if<StrLit>(m_, e)) return lit->value.empty() ? "false" : "true";
      [[fallthrough]];
    case TypeKind::List:
    case TypeKind::Dict:
    case TypeKind::Set: return "!" + paren(c, 2) + ".empty()";
    default: return "py::truthy(" + c.text + ")";
  }
}

CppExpr Emitter::expr(ExprId e, S::TypeId expected) {
  if (auto it = override_.find(e); it != override_.end()) return {it->second, 2};
  // A homogeneous tuple where it is iterated: its items as a std::array.
  if (s_.iterated_tuples.count(e)) return {"py::tuple_items(" + expr_node(e, expected).text + ")", 2};
  // An instance iterated: its __iter__ generator.
  if (s_.iterated_objects.count(e)) return {paren(expr_node(e, expected), 2) + "->__iter__()", 2};
  return expr_node(e, expected);
}

CppExpr Emitter::expr_node(ExprId e, S::TypeId expected) {
  const Expr& ex = m_.expr(e);
  S::TypeId type = s_.expr_type[e];
  return std::visit(
      [&](const auto& node) -> CppExpr {
        using N = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<N, Name>) {
          return name(e, node);
        } else if constexpr (std::is_same_v<N, IntLit>) {
          if (expected == S::kFloat) return {std::to_string(node.value) + ".0", 2};
          return {std::to_string(node.value), 2};
        } else if constexpr (std::is_same_v<N, FloatLit>) {
          return {float_literal(node.value), 2};
        } else if constexpr (std::is_same_v<N, StrLit>) {
          return {string_literal(node.value), 2};
        } else if constexpr (std::is_same_v<N, BoolLit>) {
          return {node.value ? "true" : "false", 2};
        } else if constexpr (std::is_same_v<N, NoneLit>) {
          if (class_of_type(expected) && s_.types.kind(expected) != TypeKind::Exception) return {"nullptr", 2};
          if (s_.types.kind(expected) == TypeKind::Optional) return {"std::nullopt", 2};
          return {"py::None", 2};
        } else if constexpr (std::is_same_v<N, FString>) {
          std::vector<ExprId> fields;
          for (const auto& p : node.parts)
            if (p.expr != kNoNode) fields.push_back(p.expr);
          return in_order(fields, [&] { return fstring(node.parts); });
        } else if constexpr (std::is_same_v<N, UnaryOp>) {
          if (node.op == UnaryOpKind::Not) return {"!" + paren({condition(node.operand), 16}, 3), 3};
          if (class_of_type(s_.expr_type[node.operand]) && node.op == UnaryOpKind::Neg)
            return dunder_call("__neg__", node.operand, {});
          CppExpr operand = expr(node.operand);
          const char* op = node.op == UnaryOpKind::Neg ? "-" : node.op == UnaryOpKind::Pos ? "+" : "~";
          // -(-x) must not become --x.
          std::string inner = paren(operand, 3);
          if (inner[0] == op[0]) inner = "(" + inner + ")";
          return {op + inner, 3};
        } else if constexpr (std::is_same_v<N, BinOp>) {
          if (node.op == BinOpKind::Mod && get_if<StrLit>(m_, node.left)) return percent_format(node);  // str_format.cpp
          return in_order({node.left, node.right}, [&] { return binop(e, node); });
        } else if constexpr (std::is_same_v<N, BoolOp>) {
          return boolop(e, node);
        } else if constexpr (std::is_same_v<N, Compare>) {
          if (node.ops.size() > 1) return compare(node);  // chains already use temporaries where needed
          return in_order({node.left, node.comparators[0]}, [&] { return compare(node); });
        } else if constexpr (std::is_same_v<N, Call>) {
          // set() / dict() / list() whose element types come from where the value goes.
          if (auto* f = get_if<Name>(m_, node.func); f && node.args.empty() && s_.types.has_unknown(type) &&
                                                     s_.name_ref[node.func].kind == S::NameRef::Builtin &&
                                                     (f->id == "set" || f->id == "dict" || f->id == "list" || f->id == "tuple"))
            return collection_builtin(e, f->id, node, expected);
          if (object_sequenced_first(node)) return call(e, node);
          std::vector<ExprId> operands;
          ExprId receiver = kNoNode;
          if (auto* at = get_if<Attribute>(m_, node.func)) operands.push_back(receiver = at->value);
          operands.insert(operands.end(), node.args.begin(), node.args.end());
          for (const auto& k : node.keywords) operands.push_back(k.value);
          // `d.setdefault(k(x), []).append(x)` changes the list inside d, not a copy of it.
          auto* method = get_if<Attribute>(m_, node.func);
          bool by_ref = method && method->attr == "setdefault" && get_if<Name>(m_, receiver) &&
                        s_.types.kind(s_.expr_type[receiver]) == TypeKind::Dict;
          return in_order(operands, [&] { return call(e, node); }, receiver, by_ref);
        } else if constexpr (std::is_same_v<N, Attribute>) {
          return attribute(e, node);
        } else if constexpr (std::is_same_v<N, Subscript>) {
          return subscript(node);
        } else if constexpr (std::is_same_v<N, ListLit>) {
          S::TypeId t = type;
          if (s_.types.has_unknown(t) && expected != S::kUnknown) t = literal_type(expected);
          if (s_.types.kind(t) == TypeKind::List) {  // `[[1], []]`: each item gets the element type
            std::string items;
            for (size_t i = 0; i < node.elts.size(); ++i) items += (i ? ", " : "") + str(node.elts[i], s_.types.arg(t, 0));
            return {cpp_type(t) + "{" + items + "}", 2};
          }
          return {cpp_type(t) + "{" + args(node.elts) + "}", 2};
        } else if constexpr (std::is_same_v<N, DictLit> || std::is_same_v<N, SetLit>) {
          return collection_literal(e, expected, false);
        } else if constexpr (std::is_same_v<N, TupleLit>) {
          S::TypeId t = type;
          if (s_.types.has_unknown(t) && expected != S::kUnknown) t = literal_type(expected);
          // Braces: a braced list is evaluated left to right, as Python does; a constructor's
          // arguments are not (g++ goes right to left: `(c.next(), c.next())` would be (2, 1)).
          std::string items;
          for (size_t i = 0; i < node.elts.size(); ++i)
            items += (i ? ", " : "") + str(node.elts[i], s_.types.kind(t) == TypeKind::Tuple ? s_.types.arg(t, i) : S::kUnknown);
          return {cpp_type(t) + "{" + items + "}", 2};
        } else if constexpr (std::is_same_v<N, Comprehension>) {
          return comprehension(e, node, expected);
        } else if constexpr (std::is_same_v<N, Lambda>) {
          return lambda_value(e, node);
        } else if constexpr (std::is_same_v<N, IfExp>) {
          S::TypeId t = type;
          std::string a = paren(expr(node.body, t), 15), b = paren(expr(node.orelse, t), 16);
          // Both branches must have one C++ type: make string literals std::string.
          if (s_.text_ifexps.count(e)) {  // only its text is used: str() of each branch
            auto text = [&](ExprId x) {
              return s_.expr_type[x] == S::kStr ? as_std_string(x) : "py::str(" + expr(x).text + ")";
            };
            a = text(node.body);
            b = text(node.orelse);
          } else if (t == S::kStr) {
            a = as_std_string(node.body);
            b = as_std_string(node.orelse);
          }
          // `s if s else None` for an Optional[str]: `std::string` and `std::nullopt` have no common
          // type, so a branch of another type is converted to the optional explicitly.
          if (s_.types.kind(t) == TypeKind::Optional || s_.types.kind(t) == TypeKind::Union) {
            if (s_.expr_type[node.body] != t) a = cpp_type(t) + "(" + expr(node.body, t).text + ")";
            if (s_.expr_type[node.orelse] != t) b = cpp_type(t) + "(" + expr(node.orelse, t).text + ")";
          }
          return {paren({condition(node.test), 16}, 15) + " ? " + a + " : " + b, 16};
        } else if constexpr (std::is_same_v<N, NamedExpr>) {
          // `(n := value)`: the C++ assignment expression; sema gave both sides one type.
          return {str(node.target) + " = " + str(node.value, type), 16};
        } else {
          return {"py::not_translated_value<int>(\"expression\")", 2};
        }
      },
      ex.node);
}

// A class or module variable, named by a Name or (imported) by `m.Point`.
CppExpr Emitter::named(const S::NameRef& ref) {
  if (ref.kind == S::NameRef::Global) return {s_.globals[ref.index].cpp_name, 2};
  // An enum class as a value is its members: `for c in Color`, `len(Color)`, `list(Color)`.
  if (s_.classes[ref.index].is_enum) return {"py::enum_members<" + s_.classes[ref.index].cpp_name + ">()", 2};
  return {s_.classes[ref.index].cpp_name, 2};
}

CppExpr Emitter::name(ExprId e, const Name& n) {
  const S::NameRef& ref = s_.name_ref[e];
  switch (ref.kind) {
    case S::NameRef::Variable: {
      const S::Variable& v = fn_->vars[ref.index];
      // `self` as a value: the handle that owns this object.
      if (is_self(e)) return {class_of_type(v.type)->is_exception() ? "*this" : "py::self_handle(this)", 2};
      // A `T | None` known not to be None here (`if x is not None:`).
      if (s_.expr_narrowed[e] && s_.types.kind(v.type) == TypeKind::Optional &&
          s_.types.kind(s_.types.arg(v.type, 0)) != TypeKind::Class)
        return {"(*" + v.cpp_name + ")", 2};
      // A std::variant narrowed to one alternative by isinstance().
      if (s_.expr_narrowed[e] && s_.types.kind(v.type) == TypeKind::Union) {
        if (s_.types.kind(s_.expr_type[e]) == TypeKind::Union)  // to a smaller union
          return {"py::narrow<" + cpp_type(s_.expr_type[e]) + ">(" + v.cpp_name + ")", 2};
        return {"std::get<" + cpp_type(s_.expr_type[e]) + ">(" + v.cpp_name + ")", 2};
      }
      // A caught exception narrowed to a subclass by isinstance() (the catch clause names a base).
      if (s_.expr_narrowed[e] && s_.types.kind(s_.expr_type[e]) == TypeKind::Exception) {
        const std::string& now = s_.types.get(s_.expr_type[e]).name;
        auto c = catch_classes_.find(v.cpp_name);
        if (c != catch_classes_.end() && c->second != now && s_.types.derives_from(now, c->second))
          return {"static_cast<const " + exception_type(now) + "&>(" + v.cpp_name + ")", 2};
      }
      // A handle narrowed to a subclass by isinstance().
      if (s_.expr_narrowed[e] && s_.types.kind(s_.expr_type[e]) == TypeKind::Class &&
          class_of_type(s_.expr_type[e]) != class_of_type(v.type))
        return {"std::static_pointer_cast<" + class_of_type(s_.expr_type[e])->cpp_name + ">(" + v.cpp_name + ")", 2};
      return {v.cpp_name, 2};
    }
    case S::NameRef::Class:
    case S::NameRef::Global: return named(ref);
    case S::NameRef::Function: return {s_.functions[ref.index].cpp_name, 2};
    case S::NameRef::Exception: return {"py::" + n.id, 2};
    case S::NameRef::Builtin:  // `from string import digits` / `from math import pi`: the module's constant
      if (auto fi = s_.from_imports.find(n.id); fi != s_.from_imports.end() && s_.expr_type[e] != S::kUnknown &&
                                                 s_.types.kind(s_.expr_type[e]) != TypeKind::Function) {
        const std::string& q = fi->second;
        return {(q.rfind("string.", 0) == 0 ? "py::string_module::" : "py::math::") + q.substr(q.find('.') + 1), 2};
      }
      return {sema::cpp_identifier(n.id), 2};
    case S::NameRef::Scoped: {
      const S::Variable& v = s_.scoped_vars[ref.index];
      // A comprehension's `T | None` variable its condition narrowed (`if v is not None`).
      if (s_.expr_narrowed[e] && s_.types.kind(v.type) == TypeKind::Optional && s_.types.kind(s_.types.arg(v.type, 0)) != TypeKind::Class)
        return {"(*" + v.cpp_name + ")", 2};
      return {v.cpp_name, 2};
    }
    default: return {sema::cpp_identifier(n.id), 2};
  }
}

CppExpr Emitter::binop(ExprId e, const BinOp& b) {
  const S::TypeTable& T = s_.types;
  S::TypeId lt = s_.expr_type[b.left], rt = s_.expr_type[b.right], result = s_.expr_type[e];
  if (class_of_type(lt)) return dunder_call(S::binop_dunder(b.op), b.left, {b.right});
  if (result == S::kInt)
    if (auto folded = folded_int(e)) return *folded;
  if (b.op == BinOpKind::BitAnd && result == S::kInt)
    if (auto masked = masked_arith(b)) return *masked;
  CppExpr l = expr(b.left), r = expr(b.right);
  // An IntEnum member in arithmetic: its int value.
  if (T.kind(lt) == TypeKind::Enum) l = {"py::enum_value(" + l.text + ")", 2}, lt = S::kInt;
  if (T.kind(rt) == TypeKind::Enum) r = {"py::enum_value(" + r.text + ")", 2}, rt = S::kInt;
  // An `int | float` operand of a float result (`x * 1.5`): read as a double (sema binop_result).
  if (result == S::kFloat) {
    auto num_union = [&](S::TypeId t) { return T.kind(t) == TypeKind::Union && T.get(t).args.size() == 2; };
    if (num_union(lt)) l = {"py::as_float(" + l.text + ")", 2}, lt = S::kFloat;
    if (num_union(rt)) r = {"py::as_float(" + r.text + ")", 2}, rt = S::kFloat;
  }
  // `a | set()`, `xs + []`: the empty operand takes its element type from the result.
  TypeKind rk = T.kind(result);
  if ((rk == TypeKind::Set || rk == TypeKind::List || rk == TypeKind::Dict) && !T.has_unknown(result)) {
    if (T.has_unknown(lt)) l = {str(b.left, result), 2};
    if (T.has_unknown(rt)) r = {str(b.right, result), 2};
  }
  auto call2 = [&](const char* fn) -> CppExpr { return {fmt::format("{}({}, {})", fn, l.text, r.text), 2}; };
  // Two int literals would be computed in 32-bit `int`: make the left one int64_t.
  bool both_int_literals = get_if<IntLit>(m_, b.left) && get_if<IntLit>(m_, b.right);
  if (both_int_literals && b.op != BinOpKind::Div) l = {"int64_t{" + l.text + "}", 2};
  auto infix = [&](const char* op, int prec) -> CppExpr {
    return {paren(l, prec) + " " + op + " " + paren(r, prec - 1), prec};
  };
  // Bitwise and shift operands are always parenthesised when compound: -Wparentheses, and readability.
  auto bitwise = [&](const char* op, int prec) -> CppExpr {
    auto wrap = [&](const CppExpr& x) { return x.prec > 3 ? "(" + x.text + ")" : x.text; };
    CppExpr out{wrap(l) + " " + op + " " + wrap(r), prec};
    if (result == S::kBool) out = {"static_cast<bool>(" + out.text + ")", 2};
    return out;
  };
  switch (b.op) {
    case BinOpKind::Add:
      if (lt == S::kStr && is_str_literal(m_, b.left) && is_str_literal(m_, b.right))
        l = {as_std_string(b.left), 2};
      if (T.kind(lt) == TypeKind::List) return call2("py::concat_list");
      return infix("+", 6);
    case BinOpKind::Sub: return infix("-", 6);
    case BinOpKind::Mul:
      if (lt == S::kStr || rt == S::kStr) {
        bool str_left = lt == S::kStr;
        ExprId s = str_left ? b.left : b.right;
        return {fmt::format("py::repeat({}, {})", as_std_string(s), str_left ? r.text : l.text), 2};
      }
      if (T.kind(lt) == TypeKind::List || T.kind(rt) == TypeKind::List) {
        bool list_left = T.kind(lt) == TypeKind::List;
        ExprId lst = list_left ? b.left : b.right;
        ExprId cnt = list_left ? b.right : b.left;
        S::TypeId list_t = list_left ? lt : rt;
        // [x] * n with n known non-negative is the vector fill constructor.
        auto* lit = get_if<ListLit>(m_, lst);
        auto* n = get_if<IntLit>(m_, cnt);
        if (lit && lit->elts.size() == 1 && n && n->value >= 0)
          return {fmt::format("{}({}, {})", cpp_type(list_t), n->value, str(lit->elts[0], T.arg(list_t, 0))), 2};
        return {fmt::format("py::repeat({}, {})", str(lst, list_t), str(cnt)), 2};
      }
      return infix("*", 5);
    case BinOpKind::Div: {
      // Dividing by a non-zero literal cannot raise: plain C++ division in double.
      bool nonzero_literal = false;
      if (auto* i = get_if<IntLit>(m_, b.right)) nonzero_literal = i->value != 0;
      if (auto* f = get_if<FloatLit>(m_, b.right)) nonzero_literal = f->value != 0;
      if (nonzero_literal) {
        std::string rhs = get_if<IntLit>(m_, b.right) ? r.text + ".0" : r.text;
        std::string lhs = lt == S::kFloat ? paren(l, 5) : (get_if<IntLit>(m_, b.left) ? l.text + ".0" : "static_cast<double>(" + l.text + ")");
        return {lhs + " / " + rhs, 5};
      }
      return call2("py::truediv");
    }
    case BinOpKind::FloorDiv: return call2("py::floordiv");
    case BinOpKind::Mod: return call2("py::mod");
    case BinOpKind::Pow:
      if (result == S::kInt) return call2("py::ipow");
      return call2("py::fpow");
    case BinOpKind::LShift:
    case BinOpKind::RShift: {
      // A literal shift count in [0, 63] is plain C++ (C++20 defines shifts of negative values).
      if (auto* i = get_if<IntLit>(m_, b.right); i && i->value >= 0 && i->value < 63)
        return bitwise(b.op == BinOpKind::LShift ? "<<" : ">>", 7);
      return call2(b.op == BinOpKind::LShift ? "py::lshift" : "py::rshift");
    }
    case BinOpKind::BitAnd: return bitwise("&", 11);
    case BinOpKind::BitOr: return bitwise("|", 13);
    case BinOpKind::BitXor: return bitwise("^", 12);
    case BinOpKind::MatMul: break;
  }
  return {"py::not_translated_value<int>(\"operator\")", 2};
}

CppExpr Emitter::boolop(ExprId e, const BoolOp& b) {
  if (s_.expr_type[e] == S::kBool) {
    const char* op = b.is_and ? " && " : " || ";
    int prec = b.is_and ? 14 : 15;
    std::string out;
    for (size_t i = 0; i < b.values.size(); ++i) {
      CppExpr v = expr(b.values[i]);
      // `heap and heap[0] < t` as a test: the truth of each operand.
      if (s_.expr_type[b.values[i]] != S::kBool) v = {condition(b.values[i]), 9};
      // Mixed && inside || gets parentheses (-Wparentheses, and it reads better).
      std::string t = v.prec >= 14 ? "(" + v.text + ")" : v.text;
      out += (i ? op : "") + t;
    }
    return {out, prec};
  }
  // `opt or default` on an `int | None` (sema): the optional's value when truthy.
  if (S::TypeId first = s_.expr_type[b.values[0]]; !b.is_and && b.values.size() == 2 &&
      s_.types.kind(first) == TypeKind::Optional && s_.types.arg(first, 0) == s_.expr_type[e])
    return {fmt::format("[&] {{ {} v = {}; return py::truthy(v) ? *v : {}; }}()", cpp_type(first), str(b.values[0]),
                        str(b.values[1], s_.expr_type[e])),
            2};
  // `x or y` on non-bools yields an operand: evaluate each once, left to right.
  std::string t = cpp_type(s_.expr_type[e]);
  std::string out = expr(b.values.back()).text;
  for (size_t i = b.values.size() - 1; i-- > 0;) {
    ExprId v = b.values[i];
    std::string test = b.is_and ? "!py::truthy(v)" : "py::truthy(v)";
    out = fmt::format("[&] {{ {} v = {}; return {} ? v : {}; }}()", t, str(v), test, out);
  }
  return {out, 2};
}

CppExpr Emitter::compare(const Compare& c) {
  std::vector<ExprId> operands{c.left};
  operands.insert(operands.end(), c.comparators.begin(), c.comparators.end());
  auto piece = [&](CmpOpKind op, ExprId lhs_e, const std::string& lhs, ExprId rhs_e, const std::string& rhs) {
    if (std::string g = type_param_comparison(op, lhs_e, lhs, rhs); !g.empty()) return g;
    if (std::string special = class_comparison(op, lhs_e, lhs, rhs_e, rhs); !special.empty()) return special;
    if (std::string exc = exc_info_comparison(op, lhs_e, lhs, rhs_e); !exc.empty()) return exc;
    if (op == CmpOpKind::In || op == CmpOpKind::NotIn) {
      std::string needle = is_str_literal(m_, lhs_e) ? "std::string(" + lhs + ")" : lhs;
      std::string hay = is_str_literal(m_, rhs_e) ? as_std_string(rhs_e) : rhs;
      return fmt::format("{}py::contains({}, {})", op == CmpOpKind::NotIn ? "!" : "", hay, needle);
    }
    if (op == CmpOpKind::Is || op == CmpOpKind::IsNot) {  // an Optional against None
      std::string value = lhs.find(' ') == std::string::npos ? lhs : "(" + lhs + ")";
      return (op == CmpOpKind::Is ? "!" : "") + value + ".has_value()";
    }
    std::string l = lhs;
    if (is_str_literal(m_, lhs_e) && is_str_literal(m_, rhs_e)) l = "std::string(" + l + ")";
    return l + " " + cmpop_symbol(op) + " " + rhs;
  };
  bool all_simple = true;
  for (size_t i = 1; i + 1 < operands.size(); ++i) all_simple = all_simple && is_simple(m_, operands[i]);
  // `xs == []`: the empty literal is spelled with the other operand's type.
  auto operand = [&](size_t i) {
    S::TypeId t = s_.expr_type[operands[i]];
    CppExpr out = s_.types.has_unknown(t) && operands.size() == 2 ? expr(operands[i], s_.expr_type[operands[1 - i]])
                                                                   : expr(operands[i]);
    // `std::vector<T>{1} < ...` would read (to people and clang-format) like a template.
    auto ordering = [&](size_t k) {
      return k < c.ops.size() && (c.ops[k] == CmpOpKind::Lt || c.ops[k] == CmpOpKind::Gt ||
                                  c.ops[k] == CmpOpKind::LtE || c.ops[k] == CmpOpKind::GtE);
    };
    if (get_if<ListLit>(m_, operands[i]) && (ordering(i) || (i > 0 && ordering(i - 1)))) out.prec = 17;
    return out;
  };
  if (c.ops.size() == 1 || all_simple) {
    // a < b <= c with a plain middle: (a < b && b <= c).
    std::string joined;
    for (size_t i = 0; i < c.ops.size(); ++i)
      joined += (i ? " && " : "") + piece(c.ops[i], operands[i], paren(operand(i), 8), operands[i + 1],
                                          paren(operand(i + 1), 8));
    return {joined, c.ops.size() > 1 ? 14 : 10};
  }
  // A chain with computed operands: each evaluated once, left to right, stopping at the first
  // false comparison -- exactly Python's order.
  std::string out = "[&] { ";
  std::vector<std::string> names;
  for (size_t i = 0; i < operands.size(); ++i) {
    std::string name = "operand" + std::to_string(i);
    names.push_back(name);
    std::string value = is_str_literal(m_, operands[i]) ? as_std_string(operands[i]) : str(operands[i]);
    out += "const auto " + name + " = " + value + "; ";
    if (i == 0) continue;
    std::string test = type_param_comparison(c.ops[i - 1], operands[i - 1], names[i - 1], name);
    if (test.empty()) test = piece(c.ops[i - 1], kNoNode, names[i - 1], kNoNode, name);
    if (i + 1 < operands.size())
      out += "if (!(" + test + ")) return false; ";
    else
      out += "return " + test + "; ";
  }
  return {out + "}()", 2};
}

// `a < b` on two values of a TypeVar (sema/generics.cpp): the runtime's Python comparisons, which
// call __lt__ on instances and compare containers element-wise, whatever the template gets.
// "" for other operands.
std::string Emitter::type_param_comparison(CmpOpKind op, ExprId lhs_e, const std::string& lhs, const std::string& rhs) {
  if (lhs_e == kNoNode || s_.types.kind(s_.expr_type[lhs_e]) != TypeKind::TypeParam) return "";
  return python_comparison(op, lhs, rhs);
}

// `lhs op rhs` through the runtime's Python comparisons (py::eq / py::lt / py::le); "" for `in`, `is`.
std::string Emitter::python_comparison(CmpOpKind op, const std::string& lhs, const std::string& rhs) {
  switch (op) {
    case CmpOpKind::Eq: return "py::eq(" + lhs + ", " + rhs + ")";
    case CmpOpKind::NotEq: return "!py::eq(" + lhs + ", " + rhs + ")";
    case CmpOpKind::Lt: return "py::lt(" + lhs + ", " + rhs + ")";
    case CmpOpKind::Gt: return "py::lt(" + rhs + ", " + lhs + ")";
    case CmpOpKind::LtE: return "py::le(" + lhs + ", " + rhs + ")";
    case CmpOpKind::GtE: return "py::le(" + rhs + ", " + lhs + ")";
    default: return "";
  }
}

// Comparisons Python routes through dunders or identity: `x is None`, `a == b` and `a < b` on
// instances, `item in obj`. Returns "" for the plain C++ operator. The operand types come from
// the expressions when known (lhs_e/rhs_e), else from the chain's temporaries being `auto`.
std::string Emitter::class_comparison(CmpOpKind op, ExprId lhs_e, const std::string& lhs, ExprId rhs_e,
                                      const std::string& rhs) {
  const S::TypeTable& T = s_.types;
  S::TypeId lt = lhs_e == kNoNode ? S::kUnknown : s_.expr_type[lhs_e];
  S::TypeId rt = rhs_e == kNoNode ? S::kUnknown : s_.expr_type[rhs_e];
  if (op == CmpOpKind::Is || op == CmpOpKind::IsNot) {
    const char* neg = op == CmpOpKind::Is ? "" : "!";
    const char* cmp = op == CmpOpKind::Is ? " == " : " != ";
    if (rt == S::kNoneType && T.kind(lt) == TypeKind::Optional && !class_of_type(lt))
      return std::string(op == CmpOpKind::Is ? "!" : "") + paren({lhs, 2}, 2) + ".has_value()";
    if (lt == S::kNoneType && T.kind(rt) == TypeKind::Optional && !class_of_type(rt))
      return std::string(op == CmpOpKind::Is ? "!" : "") + paren({rhs, 2}, 2) + ".has_value()";
    if (rt == S::kNoneType) return lhs + cmp + "nullptr";
    if (lt == S::kNoneType) return std::string("nullptr") + cmp + rhs;
    (void)neg;
    return lhs + cmp + rhs;
  }
  if ((op == CmpOpKind::In || op == CmpOpKind::NotIn) && class_of_type(rt))
    return std::string(op == CmpOpKind::NotIn ? "!" : "") + member_access(rhs_e, "__contains__") + "(" + lhs + ")";
  const S::Class* lc = class_of_type(lt);
  const S::Class* rc = class_of_type(rt);
  // Lists, tuples and Optionals holding instances: Python compares their items with __eq__/__lt__
  // (the handles' operators would compare addresses).
  std::function<bool(S::TypeId)> holds_instances = [&](S::TypeId t) {
    TypeKind k = T.kind(t);
    if (k != TypeKind::List && k != TypeKind::Tuple && k != TypeKind::Optional) return false;
    for (S::TypeId a : T.get(t).args)
      if (class_of_type(a) || holds_instances(a)) return true;
    return false;
  };
  // An `int | float` against a number: compared as the value it holds (1 == 1.0, as in Python).
  auto num_union = [&](S::TypeId t) {
    if (T.kind(t) != TypeKind::Union || T.get(t).args.size() != 2) return false;
    const auto& a = T.get(t).args;
    return (a[0] == S::kInt && a[1] == S::kFloat) || (a[0] == S::kFloat && a[1] == S::kInt);
  };
  // An IntEnum member against a number: its int value (`op == 3`, `op < 10`).
  if ((T.kind(lt) == TypeKind::Enum) != (T.kind(rt) == TypeKind::Enum) && (T.is_numeric(lt) || T.is_numeric(rt)) &&
      op != CmpOpKind::In && op != CmpOpKind::NotIn && op != CmpOpKind::Is && op != CmpOpKind::IsNot) {
    std::string l = T.kind(lt) == TypeKind::Enum ? "py::enum_value(" + lhs + ")" : lhs;
    std::string r = T.kind(rt) == TypeKind::Enum ? "py::enum_value(" + rhs + ")" : rhs;
    return l + " " + cmpop_symbol(op) + " " + r;
  }
  if ((num_union(lt) || num_union(rt)) && op != CmpOpKind::In && op != CmpOpKind::NotIn) {
    std::string l = num_union(lt) ? "py::as_float(" + lhs + ")" : lhs, r = num_union(rt) ? "py::as_float(" + rhs + ")" : rhs;
    return l + " " + cmpop_symbol(op) + " " + r;
  }
  if (!lc && !rc && (holds_instances(lt) || holds_instances(rt)))
    if (std::string out = python_comparison(op, lhs, rhs); !out.empty()) return out;
  if (!lc && !rc) return "";
  const char* dunder = S::cmpop_dunder(op);
  if (!dunder) return "";
  std::string d = dunder;
  auto has = [&](const S::Class* c, const std::string& name) {
    for (; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr) {
      if (c->methods.count(name) || c->derives_ordering(name)) return true;
      if (c->is_dataclass && (name == "__eq__" ? c->dataclass_eq : c->dataclass_order && name != "__ne__")) return true;
    }
    return false;
  };
  if (op == CmpOpKind::Eq || op == CmpOpKind::NotEq) {
    bool user_ne = lc && op == CmpOpKind::NotEq && has(lc, "__ne__") && !(lc->is_dataclass && !lc->methods.count("__ne__"));
    if (user_ne) return paren({lhs, 2}, 2) + "->__ne__(" + rhs + ")";
    if (lc && has(lc, "__eq__")) return std::string(op == CmpOpKind::NotEq ? "!" : "") + "py::eq(" + lhs + ", " + rhs + ")";
    return lhs + " " + cmpop_symbol(op) + " " + rhs;  // identity, as object.__eq__
  }
  if (lc && has(lc, d)) return paren({lhs, 2}, 2) + "->" + d + "(" + rhs + ")";
  static const std::map<CmpOpKind, const char*> reflected = {
      {CmpOpKind::Lt, "__gt__"}, {CmpOpKind::Gt, "__lt__"}, {CmpOpKind::LtE, "__ge__"}, {CmpOpKind::GtE, "__le__"}};
  return paren({rhs, 2}, 2) + "->" + reflected.at(op) + "(" + lhs + ")";
}

CppExpr Emitter::subscript(const Subscript& sub) {
  if (sub.value != kNoNode && s_.types.kind(s_.expr_type[sub.value]) == TypeKind::ClassRef)
    if (const S::Class* cls = class_of_type(s_.expr_type[sub.value]); cls && cls->is_enum)  // `Color["RED"]`: KeyError if none
      return {"py::enum_from_name<" + cls->cpp_name + ">(" + str(sub.index) + ")", 2};
  std::string base = sub.value == kNoNode ? "" : as_std_string(sub.value);
  if (auto* sl = get_if<Slice>(m_, sub.index)) {
    auto bound = [&](ExprId x) { return x == kNoNode ? std::string("{}") : str(x); };
    std::string out = "py::slice(" + base + ", " + bound(sl->lower) + ", " + bound(sl->upper);
    if (sl->step != kNoNode) out += ", " + bound(sl->step);
    return {out + ")", 2};
  }
  S::TypeId bt = s_.expr_type[sub.value];
  if (class_of_type(bt)) return dunder_call("__getitem__", sub.value, {sub.index});
  if (s_.types.kind(bt) == TypeKind::Dict) return dict_subscript(sub);
  if (s_.types.kind(bt) == TypeKind::Tuple) {
    // Tuple elements have their own types: the index is a constant (sema checked it).
    int64_t size = static_cast<int64_t>(s_.types.get(bt).args.size());
    int64_t k = 0;
    if (auto* i = get_if<IntLit>(m_, sub.index)) k = i->value;
    if (auto* u = get_if<UnaryOp>(m_, sub.index))
      if (auto* i = get_if<IntLit>(m_, u->operand)) k = -i->value;
    if (k < 0) k += size;
    return {"std::get<" + std::to_string(k) + ">(" + base + ")", 2};
  }
  if (get_if<Name>(m_, sub.value) && s_.name_ref[sub.value].kind == S::NameRef::Variable)
    if (auto it = str_index_.find(s_.name_ref[sub.value].index); it != str_index_.end())
      return {it->second + ".at(" + str(sub.index) + ")", 2};  // a str parameter: module.cpp
  return {"py::at(" + base + ", " + str(sub.index) + ")", 2};
}

CppExpr Emitter::fstring(const std::vector<FStringPart>& parts) {
  std::vector<std::string> pieces;
  for (const auto& p : parts) {
    if (p.expr == kNoNode) {
      if (!p.literal.empty()) pieces.push_back(string_literal(p.literal));
      continue;
    }
    if (!p.debug_text.empty()) pieces.push_back(string_literal(p.debug_text));
    pieces.push_back(fstring_field(p));
  }
  if (pieces.empty()) return {"std::string()", 2};
  if (pieces.size() == 1) {
    if (pieces[0][0] == '"') return {"std::string(" + pieces[0] + ")", 2};
    return {pieces[0], 2};
  }
  std::string out = "py::concat(";
  for (size_t i = 0; i < pieces.size(); ++i) out += (i ? ", " : "") + pieces[i];
  return {out + ")", 2};
}

std::string Emitter::fstring_field(const FStringPart& p) {
  std::string value = str(p.expr);
  char conv = p.conversion;
  // f"{x=}" shows repr(x) unless a conversion or format spec is given.
  if (conv == 0 && !p.debug_text.empty() && p.format_spec.empty()) conv = 'r';
  if (conv == 'r' || conv == 'a') value = "py::repr(" + value + ")";
  else if (conv == 's') value = "py::str(" + value + ")";
  if (p.format_spec.empty()) return conv ? value : "py::str(" + value + ")";
  std::string spec;
  bool constant = true;
  for (const auto& sp : p.format_spec) constant = constant && sp.expr == kNoNode;
  if (constant) {
    std::string text;
    for (const auto& sp : p.format_spec) text += sp.literal;
    spec = string_literal(text);
  } else {
    spec = fstring(p.format_spec).text;
  }
  return "py::format(" + value + ", " + spec + ")";
}

}  // namespace py2cpp
