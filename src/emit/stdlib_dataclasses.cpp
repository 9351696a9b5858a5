// dataclasses.replace / asdict / astuple (sema/stdlib_dataclasses.cpp decided they apply).
// replace copies the instance and sets the changed fields, in the order CPython evaluates them
// (the instance, then each keyword value); asdict/astuple read each field of a named instance.
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

CppExpr Emitter::dataclasses_call(ExprId e, const std::string& fn, const Call& c) {
  const S::Class* cls = class_of_type(s_.expr_type[c.args[0]]);
  std::string obj = str(c.args[0]);
  if (fn == "replace") {
    std::string out = "[&] { auto copy = std::make_shared<" + cls->cpp_name + ">(*" + paren(expr(c.args[0]), 3) + "); ";
    for (const auto& k : c.keywords) {
      const S::Field* field = nullptr;
      for (const S::Field* f : S::all_fields(s_, *cls))
        if (f->name == k.name) field = f;
      out += "copy->" + field->cpp_name + " = " + str(k.value, field->type) + "; ";
    }
    return {out + "return copy; }()", 2};
  }
  std::string items;
  for (const S::Field* f : S::all_fields(s_, *cls)) {
    std::string value = obj + "->" + f->cpp_name;
    items += (items.empty() ? "" : ", ") + (fn == "asdict" ? "{" + string_literal(f->name) + ", " + value + "}" : value);
  }
  if (fn == "asdict") return {cpp_type(s_.expr_type[e]) + "{" + items + "}", 2};
  return {cpp_type(s_.expr_type[e]) + "(" + items + ")", 2};
}

}  // namespace py2cpp
