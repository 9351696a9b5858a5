// `class Stack(Generic[T])`: a generic class the module uses with one binding.
//
// Python erases T; a C++ class template would need every member defined in the header and a
// template argument at each use. A hot-path module nearly always uses its generic container with
// one element type (`s: Stack[int] = Stack()`, `Stack[int]()`), so the class is translated with
// that binding (T = int): a plain class a reviewer reads as the Python with its types filled in.
// Two bindings (`Stack[int]` and `Stack[str]`), or none the module spells, are a stub.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

std::vector<ExprId> type_arguments(const Module& m, const Subscript& sub) {
  if (auto* t = get_if<TupleLit>(m, sub.index)) return t->elts;
  return {sub.index};
}

}  // namespace

// `Generic[T]`, `Generic[K, V]`, `typing.Generic[T]` among the bases: records the TypeVars.
bool Analyzer::scan_generic_base(Class& cls, ExprId base) {
  auto* sub = get_if<Subscript>(m_, base);
  if (!sub || annotation_head(m_, sub->value) != "Generic") return false;
  for (ExprId p : type_arguments(m_, *sub)) {
    auto* n = get_if<Name>(m_, p);
    if (!n || !r_.type_vars.count(n->id)) {
      if (cls.stub_reason.empty()) cls.stub_reason = {StubKind::GenericForm, "Generic[...] takes TypeVars; '" + expr_text(p) + "' is not one"};
      return true;
    }
    cls.type_params.push_back(n->id);
  }
  return true;
}

const Class* Analyzer::owner_class_of(const Function& fn) const {
  const Function* f = &fn;
  while (f->owner < 0 && f->parent >= 0) f = &r_.functions[f->parent];
  return f->owner >= 0 ? &r_.classes[f->owner] : nullptr;
}

// T inside a generic class (or a subclass of one): the type the module binds it to.
TypeId Analyzer::bound_type_var(const std::string& name) const {
  for (const Class* c = generic_scope_; c; c = c->base >= 0 ? &r_.classes[c->base] : nullptr)
    for (size_t i = 0; i < c->type_params.size(); ++i)
      if (c->type_params[i] == name && i < c->type_args.size()) return c->type_args[i];
  return kUnknown;
}

// Every `Stack[...]` the module spells (annotations, `Stack[int]()`, `class S(Stack[int])`) must
// say the same; the ones that mention a TypeVar left open (`Stack[T]` inside the class, or in a
// generic function) do not count.
void Analyzer::bind_generic_classes() {
  for (Class& cls : r_.classes) {
    if (cls.type_params.empty() || !cls.stub_reason.empty()) continue;
    std::vector<std::pair<std::vector<TypeId>, std::string>> seen;
    for (ExprId e = 0; e < static_cast<ExprId>(m_.exprs.size()); ++e) {
      auto* sub = get_if<Subscript>(m_, e);
      auto* n = sub ? get_if<Name>(m_, sub->value) : nullptr;
      if (!n || n->id != cls.name) continue;
      std::vector<ExprId> params = type_arguments(m_, *sub);
      if (params.size() != cls.type_params.size()) {
        cls.stub_reason = {StubKind::GenericForm, "`" + expr_text(e) + "` gives " + std::to_string(params.size()) + " type arguments for " +
                                                      std::to_string(cls.type_params.size()) + " TypeVars"};
        break;
      }
      std::vector<TypeId> args;
      for (ExprId p : params) {
        StubReason error;
        TypeId t = type_from_annotation(p, &error);
        std::vector<TypeId> open;
        if (t != kUnknown) r_.types.collect_type_params(t, open);
        if (t == kUnknown || !open.empty()) break;
        args.push_back(t);
      }
      if (args.size() != params.size()) continue;
      if (std::none_of(seen.begin(), seen.end(), [&](const auto& x) { return x.first == args; }))
        seen.push_back({args, "`" + expr_text(e) + "` (line " + std::to_string(m_.expr(e).span.line) + ")"});
    }
    if (!cls.stub_reason.empty()) continue;
    if (seen.empty())
      cls.stub_reason = {StubKind::GenericForm, "generic class " + cls.name + ": no `" + cls.name + "[...]` in the module says what " +
                                                    cls.type_params[0] + " is; annotate a use (`s: " + cls.name + "[int] = " + cls.name +
                                                    "()`)"};
    else if (seen.size() > 1)
      cls.stub_reason = {StubKind::GenericForm, "generic class " + cls.name + " is used with " + seen[0].second + " and " + seen[1].second +
                                                    ": one binding per module is translated (no C++ class templates yet); "
                                                    "write one class per element type"};
    else
      cls.type_args = seen[0].first, cls.binding_reason = seen[0].second;
  }
}

// The hint `Stack[int]`: the class, when it is the binding the module uses.
TypeId Analyzer::generic_class_hint(const Class& cls, const std::vector<ExprId>& params, ExprId e, StubReason* error) {
  if (!cls.stub_reason.empty() || cls.type_args.empty()) return instance_type(cls);  // reported with the class
  std::vector<TypeId> args;
  for (ExprId p : params) {
    TypeId t = type_from_annotation(p, error);
    if (t == kUnknown) return kUnknown;
    args.push_back(t);
  }
  if (args == cls.type_args) return instance_type(cls);
  *error = {StubKind::GenericForm, "`" + expr_text(e) + "`: this module uses " + cls.name + " as " + cls.binding_reason +
                                       " (one binding per generic class)"};
  return kUnknown;
}

}  // namespace py2cpp::sema
