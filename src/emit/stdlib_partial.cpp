// functools.partial(f, ...) as a C++ lambda that keeps the bound values (init-captures, evaluated
// once where partial() is, as CPython evaluates them) and calls f with them and its own
// parameters in f's order; and key=cmp_to_key(cmp) as py::functools::cmp_to_key<T>(cmp).
// sema/stdlib_partial.cpp decided which parameters are bound, taken or left to their defaults.
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

CppExpr Emitter::partial_call(ExprId e, const Call& c) {
  const S::Function& fn = s_.functions[s_.name_ref[c.args[0]].index];
  const S::TypeId ft = s_.expr_type[e];
  const size_t taken = s_.types.get(ft).args.size() - 1;
  std::vector<ExprId> given(fn.num_params, kNoNode);
  for (size_t i = 1; i < c.args.size(); ++i) given[i - 1] = c.args[i];
  for (const auto& k : c.keywords)
    for (size_t i = 0; i < fn.num_params; ++i)
      if (fn.vars[i].name == k.name) given[i] = k.value;
  // C++ defaults are trailing: pass every argument up to the last bound or taken one.
  size_t last = 0, seen = 0;
  for (size_t i = 0; i < fn.num_params; ++i) {
    if (given[i] != kNoNode) last = i + 1;
    else if (seen < taken) ++seen, last = i + 1;
  }
  std::string captures, params, call;
  seen = 0;
  for (size_t i = 0; i < last; ++i) {
    const S::Variable& p = fn.vars[i];
    std::string name = p.cpp_name + (given[i] != kNoNode ? "_bound" : "");
    if (given[i] != kNoNode) {
      captures += (captures.empty() ? "" : ", ") + name + " = " + cpp_type(p.type) + "(" + str(given[i], p.type) + ")";
    } else if (seen < taken) {
      ++seen;
      params += (params.empty() ? "" : ", ") + (is_scalar(p.type) ? cpp_type(p.type) : "const " + cpp_type(p.type) + "&") + " " + name;
    } else {
      name = str(p.default_value, p.type);  // between keyword-bound parameters: its default
    }
    call += (call.empty() ? "" : ", ") + name;
  }
  return {"[" + captures + "](" + params + ") { return " + fn.cpp_name + "(" + call + "); }", 2};
}

// key=cmp_to_key(cmp) for items of type elem.
std::string Emitter::cmp_key_function(ExprId key, S::TypeId elem) {
  ExprId cmp = std::get<Call>(m_.expr(key).node).args[0];
  std::string fn;
  if (auto* l = get_if<Lambda>(m_, cmp)) {
    const std::vector<uint32_t>& own = s_.lambda_params.at(cmp);
    std::string param = is_scalar(elem) ? cpp_type(elem) : "const " + cpp_type(elem) + "&";
    fn = fmt::format("[&]({0} {1}, {0} {2}) {{ return {3}; }}", param, s_.scoped_vars[own[0]].cpp_name,
                     s_.scoped_vars[own[1]].cpp_name, str(l->body));
  } else {
    fn = str(cmp, s_.expr_type[cmp]);
  }
  return "py::functools::cmp_to_key<" + cpp_type(elem) + ">(" + fn + ")";
}

}  // namespace py2cpp
