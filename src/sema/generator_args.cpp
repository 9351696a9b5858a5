// A generator expression passed to an `Iterable[T]` parameter: `total(x.w for x in items)`.
//
// The parameter is a `const std::vector<T>&`, so the call builds the list the generator yields
// (emit folds the generator into a vector, as for list(...)). Python runs the generator lazily,
// inside the callee; building it first shows only when the generator has effects (a print, a
// change to a caller's object), when the callee catches exceptions (an item raising would raise
// outside its try), or when the callee may stop before the end (a later item that raises would
// not run in Python). Those calls are stubs; the rest translate.
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

bool Analyzer::genexp_for_iterable_param(ExprId arg, const Function& callee, size_t p) const {
  auto* g = get_if<Comprehension>(m_, arg);
  if (!g || g->kind != ComprehensionKind::Generator || !callee.signature_ok || p >= callee.num_params) return false;
  const Variable& v = callee.vars[p];
  return v.read_only_iterable && v.param_kind != ParamKind::VarArgs && r_.types.kind(v.type) == TypeKind::List &&
         callee.type_params.empty();
}

namespace {

bool has_try(const Module& m, const Body& body) {
  for (StmtId s : body) {
    if (get_stmt_if<Try>(m, s)) return true;
    if (get_stmt_if<FunctionDef>(m, s)) continue;
    for (const Body* c : child_bodies(m, s))
      if (has_try(m, *c)) return true;
  }
  return false;
}

}  // namespace

// Every read of `param` in the callee consumes all of it: a for loop that never leaves early,
// sum/min/max/sorted/list/set/tuple of it, or a list/set/dict comprehension over it.
bool Analyzer::reads_iterable_to_the_end(const Function& callee, const std::string& param) const {
  std::set<ExprId> whole;
  bool ok = true;
  auto is_param = [&](ExprId x) {
    auto* n = x == kNoNode ? nullptr : get_if<Name>(m_, x);
    return n && n->id == param;
  };
  std::function<void(const Body&)> scan = [&](const Body& body) {
    for (StmtId sid : body) {
      if (get_stmt_if<FunctionDef>(m_, sid) || get_stmt_if<ClassDef>(m_, sid)) continue;
      if (auto* f = get_stmt_if<For>(m_, sid); f && is_param(f->iter)) {
        if (leaves_block(m_, f->body)) ok = false;
        whole.insert(f->iter);
      }
      for_each_stmt_expr(m_, sid, [&](ExprId top) {
        for_each_expr(m_, top, [&](ExprId x) {
          if (auto* c = get_if<Call>(m_, x); c && c->args.size() == 1 && c->keywords.empty() && is_param(c->args[0])) {
            static const std::set<std::string> consume = {"sum", "min", "max", "sorted", "list", "set", "tuple", "frozenset"};
            if (auto* fn = get_if<Name>(m_, c->func); fn && consume.count(fn->id)) whole.insert(c->args[0]);
          }
          if (auto* c = get_if<Comprehension>(m_, x); c && c->kind != ComprehensionKind::Generator)
            for (const CompFor& g : c->generators)
              if (is_param(g.iter)) whole.insert(g.iter);
        });
        for_each_expr(m_, top, [&](ExprId x) {
          if (is_param(x) && !whole.count(x)) ok = false;
        });
      });
      for (const Body* c : child_bodies(m_, sid)) scan(*c);
    }
  };
  if (callee.body) scan(*callee.body);
  return ok;
}

void Analyzer::check_generator_arguments() {
  for (const GeneratorArgument& g : generator_args_) {
    if (!r_.stmt_stub[g.stmt].empty()) continue;
    const Function& callee = r_.functions[g.callee];
    const std::string& param = callee.vars[g.param].name;
    std::string why;
    bool effects = false;
    for_each_expr(m_, g.genexp, [&](ExprId x) {
      if (!get_if<Call>(m_, x)) return;
      if (auto it = r_.call_target.find(x); it != r_.call_target.end() && r_.functions[it->second].has_effects) effects = true;
      if (auto* fn = get_if<Name>(m_, std::get<Call>(m_.expr(x).node).func); fn && fn->id == "print") effects = true;
    });
    if (effects)
      why = "its items call functions with effects";
    else if (callee.body && has_try(m_, *callee.body))
      why = callable_display_name(callee) + "() has a try statement (an item raising would raise outside it)";
    else if (!reads_iterable_to_the_end(callee, param))
      why = callable_display_name(callee) + "() may stop reading '" + param + "' before its end";
    if (why.empty()) continue;
    r_.stmt_stub[g.stmt] = {StubKind::IteratorValue, "a generator expression for '" + param + "' of " + callable_display_name(callee) +
                                                         "(): the C++ builds its list first, Python runs it lazily inside the call, and " +
                                                         why + "; pass a list comprehension ([...])"};
  }
}

}  // namespace py2cpp::sema
