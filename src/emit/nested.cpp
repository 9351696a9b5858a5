// A nested function: a C++ lambda in a local of the enclosing function (sema/nested.cpp chose
// how it captures). Its body is emitted like any function body, with the emitter's per-function
// state set aside and restored.
#include <algorithm>

#include "emit/emitter.hpp"

namespace py2cpp {

namespace S = sema;
using namespace ast;

void Emitter::nested_function(StmtId id) {
  const S::Function& fn = s_.functions[s_.nested_functions.at(id)];
  const S::Function& parent = s_.functions[fn.parent];
  const S::Variable& holder = parent.vars[fn.parent_var];
  const Span& span = m_.stmt(id).span;
  w_->line("// " + location(span), pos(span));
  if (!fn.docstring.empty()) doc_comment(fn.docstring);
  bool captures = std::any_of(fn.vars.begin(), fn.vars.end(),
                              [](const S::Variable& v) { return v.placement == S::DeclPlacement::Captured; });
  std::string capture = !captures ? "[]" : fn.capture == S::CaptureMode::Reference ? "[&]" : "[=]";
  std::string head = capture + parameter_list(fn, 0, false, has_stubbed_statement(*fn.body)) +
                     (fn.capture == S::CaptureMode::State ? " mutable" : "") + " -> " + return_type(fn.return_type) + " {";
  // A lambda cannot name itself: a recursive one is a std::function it captures by reference.
  std::string decl = fn.recursive ? cpp_type(holder.type) : "auto";
  if (has_stubbed_statement(*parent.body)) decl = "[[maybe_unused]] " + decl;  // its only use may be a stub
  // Python shares one closure (and its cell) between every name bound to it; so do the copies.
  bool shared = fn.capture == S::CaptureMode::State;
  w_->line(decl + " " + holder.cpp_name + " = " + (shared ? "py::shared_closure(" : "") + head, pos(span));

  // The body, as a function of its own.
  const S::Function* saved_fn = fn_;
  auto saved_finally = std::move(finally_stack_);
  auto saved_breaks = std::move(break_flags_);
  auto saved_index = std::move(str_index_);
  int saved_depth = loop_depth_;
  finally_stack_.clear();
  break_flags_.clear();
  str_index_.clear();
  loop_depth_ = 0;
  fn_ = &fn;
  w_->indent();
  index_str_parameters(fn);
  hoisted_declarations(*fn.body);
  for (size_t i = 0; i < fn.body->size(); ++i) {
    if (i == 0 && !fn.docstring.empty()) continue;
    stmt((*fn.body)[i]);
  }
  w_->dedent();
  fn_ = saved_fn;
  finally_stack_ = std::move(saved_finally);
  break_flags_ = std::move(saved_breaks);
  str_index_ = std::move(saved_index);
  loop_depth_ = saved_depth;
  w_->line(shared ? "});" : "};");
}

}  // namespace py2cpp
