// List stores: `xs[i] = v`, `xs[a:b] = values`, `del xs[i]`, `del xs[a:b]`.
#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;

namespace {

std::string bound_text(Emitter& e, ExprId x) { return x == kNoNode ? std::string("{}") : e.str(x); }

}  // namespace

// The left side of `target = value`. A list item goes through py::store_at, whose IndexError
// says "list assignment index out of range", as Python's does for a store.
std::string Emitter::store_target(ExprId target) {
  auto* sub = get_if<Subscript>(m_, target);
  if (!sub || get_if<Slice>(m_, sub->index) || s_.types.kind(s_.expr_type[sub->value]) != TypeKind::List)
    return str(target);
  return "py::store_at(" + str(sub->value) + ", " + str(sub->index) + ")";
}

// `xs[a:b:c] = values`. Python evaluates the values first, then the list and the bounds.
void Emitter::slice_assign(const Subscript& target, ExprId value) {
  const Slice& sl = std::get<Slice>(m_.expr(target.index).node);
  CppExpr call = in_order({value, target.value, sl.lower, sl.upper, sl.step}, [&]() -> CppExpr {
    return {"py::assign_slice(" + str(target.value) + ", " + bound_text(*this, sl.lower) + ", " +
                bound_text(*this, sl.upper) + ", " + bound_text(*this, sl.step) + ", " +
                str(value, s_.expr_type[target.value]) + ")",
            2};
  });
  w_->line(call.text + ";");
}

// `a, b = b, a` and `xs[i], xs[j] = xs[j], xs[i]`: std::swap, instead of building a tuple of
// copies (for lists, two copies per swap where Python only swaps two references). Only for
// names and items of named lists at plain indexes, which reading twice cannot change.
bool Emitter::swap_assign(const Assign& a) {
  if (a.targets.size() != 1) return false;
  auto* targets = get_if<TupleLit>(m_, a.targets[0]);
  auto* values = get_if<TupleLit>(m_, a.value);
  if (!targets || !values || targets->elts.size() != 2 || values->elts.size() != 2) return false;
  auto plain = [&](ExprId e) {
    if (get_if<Name>(m_, e)) return true;
    auto* sub = get_if<Subscript>(m_, e);
    if (!sub || !get_if<Name>(m_, sub->value) || s_.types.kind(s_.expr_type[sub->value]) != TypeKind::List ||
        s_.expr_type[e] == sema::kBool)  // std::vector<bool> items are proxies std::swap cannot take
      return false;
    bool simple_index = true;
    for_each_expr(m_, sub->index, [&](ExprId x) {
      const ExprNode& n = m_.expr(x).node;
      simple_index = simple_index && (std::holds_alternative<Name>(n) || std::holds_alternative<IntLit>(n) ||
                                      std::holds_alternative<BinOp>(n) || std::holds_alternative<UnaryOp>(n));
    });
    return simple_index;
  };
  auto text = [&](ExprId e) { return std::string(m_.text(m_.expr(e).span)); };
  ExprId x = targets->elts[0], y = targets->elts[1];
  if (!plain(x) || !plain(y) || text(x) != text(values->elts[1]) || text(y) != text(values->elts[0]) ||
      text(x) == text(y))
    return false;
  w_->line("std::swap(" + str(x) + ", " + str(y) + ");");
  return true;
}

void Emitter::del_stmt(const Delete& d) {
  for (ExprId t : d.targets) {
    const auto& sub = std::get<Subscript>(m_.expr(t).node);
    if (s_.types.kind(s_.expr_type[sub.value]) == TypeKind::Class) {  // `del obj[k]`: obj.__delitem__(k)
      w_->line(dunder_call("__delitem__", sub.value, {sub.index}).text + ";");
      continue;
    }
    if (s_.types.kind(s_.expr_type[sub.value]) == TypeKind::Dict) {  // `del d[k]`: KeyError when missing
      w_->line(paren(expr(sub.value), 2) + ".erase(" + dict_key(sub) + ");");
      continue;
    }
    if (auto* sl = get_if<Slice>(m_, sub.index)) {
      std::string step = sl->step == kNoNode ? "" : ", " + str(sl->step);
      w_->line("py::del_slice(" + str(sub.value) + ", " + bound_text(*this, sl->lower) + ", " +
               bound_text(*this, sl->upper) + step + ");");
    } else {
      w_->line("py::del_item(" + str(sub.value) + ", " + str(sub.index) + ");");
    }
  }
}

}  // namespace py2cpp
