// Integer constant expressions folded with Python's exact arithmetic: `MASK63 = (1 << 63) - 1`
// has an intermediate (2**63) that int64_t cannot hold although the value fits. Such an
// expression is emitted as its value; the others keep their Python spelling.
#include <optional>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

namespace {

__extension__ typedef __int128 i128;
constexpr i128 kLimit = i128{1} << 100;  // far past int64_t, far from overflowing __int128

bool fits_int64(i128 v) { return v >= INT64_MIN && v <= INT64_MAX; }

i128 floor_div(i128 a, i128 b) {
  i128 q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::optional<i128> apply(BinOpKind op, i128 a, i128 b) {
  switch (op) {
    case BinOpKind::Add: return a + b;
    case BinOpKind::Sub: return a - b;
    case BinOpKind::Mul:
      if ((a != 0 && (a > kLimit || a < -kLimit)) || (b > kLimit || b < -kLimit)) return std::nullopt;
      if (a != 0 && (b > kLimit / (a < 0 ? -a : a) || b < -kLimit / (a < 0 ? -a : a))) return std::nullopt;
      return a * b;
    case BinOpKind::FloorDiv: return b == 0 ? std::nullopt : std::optional<i128>(floor_div(a, b));
    case BinOpKind::Mod: return b == 0 ? std::nullopt : std::optional<i128>(a - floor_div(a, b) * b);
    case BinOpKind::LShift: return (b < 0 || b > 100) ? std::nullopt : std::optional<i128>(a * (i128{1} << b));
    case BinOpKind::RShift:
      if (b < 0) return std::nullopt;
      return b > 120 ? (a < 0 ? -1 : 0) : floor_div(a, i128{1} << b);
    case BinOpKind::BitAnd: return a & b;
    case BinOpKind::BitOr: return a | b;
    case BinOpKind::BitXor: return a ^ b;
    default: return std::nullopt;  // `**`, `/`, `@`: not folded
  }
}

}  // namespace

// The exact value of an int constant expression (literals, constant module globals bound to
// one, + - * // % << >> & | ^ ~ and unary -), and whether some intermediate left int64_t.
std::optional<Emitter::FoldedInt> Emitter::fold_int(ExprId e, int depth) const {
  if (depth > 32 || s_.expr_type[e] != S::kInt) return std::nullopt;
  if (auto* i = get_if<IntLit>(m_, e)) {
    if (i->overflow) return std::nullopt;
    return FoldedInt{i->value, false};
  }
  if (get_if<Name>(m_, e)) {
    if (s_.name_ref[e].kind != S::NameRef::Global) return std::nullopt;
    const S::Global& g = s_.globals[s_.name_ref[e].index];
    if (!g.is_constant || !g.external_module.empty() || g.value == kNoNode) return std::nullopt;
    auto v = fold_int(g.value, depth + 1);
    if (!v || !fits_int64(v->value)) return std::nullopt;
    return FoldedInt{v->value, false};  // the global itself holds the value
  }
  if (auto* u = get_if<UnaryOp>(m_, e)) {
    auto v = fold_int(u->operand, depth + 1);
    if (!v) return std::nullopt;
    if (u->op == UnaryOpKind::Neg) v->value = -v->value;
    else if (u->op == UnaryOpKind::Invert) v->value = ~v->value;
    else if (u->op != UnaryOpKind::Pos) return std::nullopt;
    v->left_int64 = v->left_int64 || !fits_int64(v->value);
    return v;
  }
  auto* b = get_if<BinOp>(m_, e);
  if (!b) return std::nullopt;
  auto l = fold_int(b->left, depth + 1), r = fold_int(b->right, depth + 1);
  if (!l || !r) return std::nullopt;
  auto v = apply(b->op, l->value, r->value);
  if (!v || *v > kLimit || *v < -kLimit) return std::nullopt;
  return FoldedInt{*v, l->left_int64 || r->left_int64 || !fits_int64(*v)};
}

std::optional<int64_t> Emitter::int_constant(ExprId e) const {
  auto v = fold_int(e);
  if (!v || !fits_int64(v->value)) return std::nullopt;
  return static_cast<int64_t>(v->value);
}

// `(1 << 63) - 1` as `9223372036854775807`: only where the spelled-out arithmetic would leave
// int64_t on the way, so ordinary constant expressions read as written.
std::optional<CppExpr> Emitter::folded_int(ExprId e) const {
  auto v = fold_int(e);
  if (!v || !v->left_int64 || !fits_int64(v->value)) return std::nullopt;
  if (v->value == INT64_MIN) return CppExpr{"INT64_MIN", 0};
  std::string text = std::to_string(static_cast<int64_t>(v->value));
  return CppExpr{text, v->value < 0 ? 3 : 0};
}

}  // namespace py2cpp
