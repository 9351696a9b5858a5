// @functools.total_ordering: the comparisons a class does not define, derived from the one it
// does (Class::total_ordering_root) exactly as CPython's functools writes them, e.g. from
// __lt__: `a > b` is `not a < b and a != b`, `a <= b` is `a < b or a == b`, `a >= b` is
// `not a < b`. `==` is the class's __eq__ (identity without one), `!=` its __ne__ or `not ==`;
// C++'s && and || evaluate them only when Python's `and`/`or` would.
#include <fmt/format.h>

#include <map>

#include "emit/emitter.hpp"

namespace py2cpp {

namespace S = sema;

namespace {

// CPython's functools._convert: root -> {derived operator -> its body over op (root's result),
// eq and ne}.
const std::map<std::string, std::map<std::string, std::string>>& derivations() {
  static const std::map<std::string, std::map<std::string, std::string>> table = {
      {"__lt__", {{"__gt__", "!{op} && {ne}"}, {"__le__", "{op} || {eq}"}, {"__ge__", "!{op}"}}},
      {"__le__", {{"__ge__", "!{op} || {eq}"}, {"__lt__", "{op} && {ne}"}, {"__gt__", "!{op}"}}},
      {"__gt__", {{"__lt__", "!{op} && {ne}"}, {"__ge__", "{op} || {eq}"}, {"__le__", "!{op}"}}},
      {"__ge__", {{"__le__", "!{op} || {eq}"}, {"__gt__", "{op} && {ne}"}, {"__lt__", "!{op}"}}},
  };
  return table;
}

}  // namespace

// declare: the declarations in the class body, else the definitions after it.
void Emitter::total_ordering_methods(const S::Class& cls, bool declare) {
  if (cls.total_ordering_root.empty()) return;
  const std::string& root = cls.total_ordering_root;
  const S::Function& rf = s_.functions[cls.methods.at(root)];
  // The root must compare two instances (sema stubs the uses otherwise).
  if (!rf.signature_ok || rf.num_params != 2 || class_of_type(rf.vars[1].type) != &cls || rf.return_type != S::kBool)
    return;
  const std::string C = cls.cpp_name;
  bool user_eq = cls.methods.count("__eq__") || (cls.is_dataclass && cls.dataclass_eq);
  std::string eq = user_eq ? "__eq__(other)" : "this == other.get()";
  std::string ne = cls.methods.count("__ne__") ? "__ne__(other)" : user_eq ? "!__eq__(other)" : "this != other.get()";
  for (const auto& [op, body] : derivations().at(root)) {
    if (!cls.derives_ordering(op)) continue;
    if (declare) {
      w_->line(fmt::format("bool {}(const std::shared_ptr<{}>& other);  // @total_ordering, from {}", op, C, root));
      continue;
    }
    w_->blank();
    w_->line(fmt::format("bool {}::{}(const std::shared_ptr<{}>& other) {{", C, op, C));
    w_->indent();
    w_->line("return " + fmt::format(fmt::runtime(body), fmt::arg("op", root + "(other)"), fmt::arg("eq", eq), fmt::arg("ne", ne)) + ";");
    w_->dedent();
    w_->line("}");
  }
}

}  // namespace py2cpp
