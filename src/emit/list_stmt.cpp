// List stores: `xs[i] = v`, `xs[a:b] = values`, `del xs[i]`, `del xs[a:b]`.
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

void Emitter::del_stmt(const Delete& d) {
  for (ExprId t : d.targets) {
    const auto& sub = std::get<Subscript>(m_.expr(t).node);
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
