// List statements: slice assignment and del.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// Slice bounds must be ints (or absent).
void Analyzer::infer_slice_bounds(const Slice& sl, Scope& s) {
  for (ExprId part : {sl.lower, sl.upper, sl.step}) {
    if (part == kNoNode) continue;
    TypeId t = infer(part, s);
    if (t != kInt && t != kBool && t != kUnknown) unsupported(s, StubKind::TypeMismatch, "slice bound must be an int");
  }
}

// `xs[a:b] = values` / `xs[::2] = values`: the list takes the values' items.
void Analyzer::bind_slice_target(const Subscript& sub, TypeId value, Scope& s) {
  TypeId base = infer(sub.value, s);
  infer_slice_bounds(std::get<Slice>(m_.expr(sub.index).node), s);
  if (base == kUnknown || value == kUnknown) return;
  if (r_.types.kind(base) != TypeKind::List) {
    unsupported(s, StubKind::OperationNotDefined, "slice assignment on a " + r_.types.python_name(base));
    return;
  }
  if (r_.types.kind(value) != TypeKind::List || r_.types.unify(base, value) != base) {
    unsupported(s, StubKind::TypeMismatch, "assigning a " + r_.types.python_name(value) + " to a slice of a " + r_.types.python_name(base));
    return;
  }
  note_mutation(sub.value, s);
}

// `del xs[i]`, `del xs[a:b]`: list items. Names cannot be undeclared in C++.
void Analyzer::infer_delete(const Delete& node, Scope& s) {
  for (ExprId target : node.targets) {
    auto* sub = get_if<Subscript>(m_, target);
    if (!sub) {
      unsupported(s, StubKind::UnsupportedSyntax, "del of '" + expr_text(target) + "' (only list items and slices can be deleted)");
      return;
    }
    TypeId base = infer(sub->value, s);
    if (r_.types.kind(base) == TypeKind::Class) {  // `del obj[k]`: obj.__delitem__(k)
      TypeId it = infer(sub->index, s);
      if (it != kUnknown && dunder_result("__delitem__", base, {it}, s) == kUnknown)
        unsupported(s, StubKind::OperationNotDefined, "del on a " + r_.types.python_name(base) + " (define __delitem__)");
      continue;
    }
    if (r_.types.kind(base) == TypeKind::Dict) {  // `del d[k]` (KeyError when missing)
      r_.expr_type[target] = infer_dict_subscript(base, *sub, s);
      note_mutation(sub->value, s);
      continue;
    }
    if (auto* sl = get_if<Slice>(m_, sub->index)) {
      infer_slice_bounds(*sl, s);
      if (r_.types.is_deque(base)) unsupported(s, StubKind::RaisesInPython, "a deque cannot be sliced (TypeError in Python)");
    } else {
      TypeId t = infer(sub->index, s);
      if (t != kInt && t != kBool && t != kUnknown) unsupported(s, StubKind::TypeMismatch, "list index must be an int");
    }
    if (base == kUnknown) return;
    if (r_.types.kind(base) != TypeKind::List || r_.types.is_vtuple(base)) {
      unsupported(s, StubKind::OperationNotDefined, "del on a " + r_.types.python_name(base));
      return;
    }
    note_mutation(sub->value, s);
  }
}

}  // namespace py2cpp::sema
