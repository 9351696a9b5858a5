// `(h * 2246822507) & MASK32`: integer arithmetic under a mask, the core of hand-written hashes
// (FNV, murmur, xorshift). Python computes the product exactly and keeps its low bits; int64_t
// would overflow, and the generated build stops on signed overflow (py2cpp/runtime.cmake). The
// low 64 bits of a sum, difference, product or left shift depend only on the low 64 bits of the
// operands, so under a mask in [0, 2**63) uint64_t's wrapping arithmetic gives Python's exact
// result: `static_cast<int64_t>((py::u64(h) * 2246822507) & MASK32)`.
#include <optional>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

namespace {

bool wraps(BinOpKind op) {
  return op == BinOpKind::Add || op == BinOpKind::Sub || op == BinOpKind::Mul || op == BinOpKind::LShift;
}

bool bit_op(BinOpKind op) {
  return op == BinOpKind::BitAnd || op == BinOpKind::BitOr || op == BinOpKind::BitXor;
}

}  // namespace

// True if `e` is int arithmetic that uint64_t computes exactly modulo 2**64, and has some
// operation that could overflow (else plain C++ is already exact).
bool Emitter::wraps_under_mask(ExprId e) const {
  if (s_.expr_type[e] != S::kInt) return false;
  if (auto* u = get_if<UnaryOp>(m_, e))
    return u->op == UnaryOpKind::Neg && s_.expr_type[u->operand] == S::kInt && !get_if<IntLit>(m_, u->operand);
  auto* b = get_if<BinOp>(m_, e);
  if (!b || s_.expr_type[b->left] != S::kInt || s_.expr_type[b->right] != S::kInt) return false;
  if (b->op == BinOpKind::LShift) {
    auto n = int_constant(b->right);
    return n && *n >= 0 && *n < 64;
  }
  if (wraps(b->op)) return true;
  return bit_op(b->op) && (wraps_under_mask(b->left) || wraps_under_mask(b->right));
}

// `e` evaluated in uint64_t: its operations wrap, its other operands are converted with py::u64.
std::string Emitter::wrapping(ExprId e) {
  // A literal beside an unsigned operand is converted by C++ itself: `py::u64(h) * 2246822507`.
  auto literal = [&](ExprId x) { return get_if<IntLit>(m_, x) != nullptr; };
  auto operand = [&](ExprId x, ExprId sibling = kNoNode) {
    if (literal(x) && sibling != kNoNode && !literal(sibling)) return expr(x).text;
    if (!wraps_under_mask(x)) return "py::u64(" + expr(x).text + ")";
    if (get_if<UnaryOp>(m_, x)) return wrapping(x);
    return "(" + wrapping(x) + ")";
  };
  if (auto* u = get_if<UnaryOp>(m_, e)) return "-" + operand(u->operand);
  const BinOp& b = *get_if<BinOp>(m_, e);
  if (b.op == BinOpKind::LShift) return operand(b.left) + " << " + expr(b.right).text;
  const char* op = b.op == BinOpKind::Add   ? " + "
                   : b.op == BinOpKind::Sub ? " - "
                   : b.op == BinOpKind::Mul ? " * "
                   : b.op == BinOpKind::BitAnd ? " & "
                   : b.op == BinOpKind::BitOr  ? " | "
                                               : " ^ ";
  return operand(b.left, b.right) + op + operand(b.right, b.left);
}

// `x & MASK` (either side) with MASK a constant in [0, 2**63) and x arithmetic that may overflow.
std::optional<CppExpr> Emitter::masked_arith(const BinOp& b) {
  auto masked = [&](ExprId value, ExprId mask) -> std::optional<CppExpr> {
    auto m = int_constant(mask);
    if (!m || *m < 0 || !wraps_under_mask(value)) return std::nullopt;
    return CppExpr{"static_cast<int64_t>((" + wrapping(value) + ") & " + expr(mask).text + ")", 2};
  };
  if (auto r = masked(b.left, b.right)) return r;
  return masked(b.right, b.left);
}

}  // namespace py2cpp
