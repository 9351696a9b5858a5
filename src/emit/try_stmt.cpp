// try/except/else/finally.
//
// except clauses are C++ catch clauses (`except (A, B)` is one catch per class, each with the
// handler body). `else` runs after the try body when it completed: a flag set at the end of
// the body, tested after the catch clauses, so an exception raised by the else body is not
// caught by them.
//
// `finally` is written out as plain code at every way out of the try, instead of a scope guard
// object whose destructor runs it:
//   - a destructor cannot let an exception escape while another one unwinds the stack (that is
//     std::terminate), but Python lets an exception raised in a finally block replace the one in
//     flight -- and in translated code nearly anything (indexing, int(), division) can raise;
//   - at a `return` Python evaluates the value, then runs the finally body; a guard would run
//     it after the return value was built, but NRVO lets it see (and change) that object.
// So the C++ is
//   try { BODY } catch (...) { FINALLY; throw; }   // leaving by an exception
//   FINALLY                                        // falling off the end
// and every return/break/continue that leaves the try runs a copy of FINALLY first. Such a copy
// still sits inside the `try`, so a flag tells the catch-all that the finally body already ran
// (an exception raised by the copy itself must not run it twice). sema refuses
// return/break/continue inside a finally body, so the copies never leave early themselves.
#include <fmt/format.h>

#include <algorithm>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"
#include "sema/exceptions.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

// True if any local is declared at the top level of `b` (a copy of it then needs its own block).
bool Emitter::declares_locals(const Body& b) const {
  if (!fn_) return false;
  for (const auto& v : fn_->vars) {
    if (v.placement == S::DeclPlacement::Hoisted && v.hoist_block == &b) return true;
    if (v.placement == S::DeclPlacement::AtFirstBinding &&
        std::find(b.begin(), b.end(), v.first_binding) != b.end())
      return true;
  }
  return false;
}

// A local name for generated code that no Python variable of the function and no earlier
// generated name uses.
std::string Emitter::fresh_name(const std::string& base, bool reserve) {
  if (fresh_names_fn_ != fn_) fresh_names_.clear(), fresh_names_fn_ = fn_;
  auto taken = [&](const std::string& n) {
    if (fresh_names_.count(n)) return true;
    if (!fn_) return false;
    for (const auto& v : fn_->vars)
      if (v.cpp_name == n) return true;
    return false;
  };
  std::string name = base;
  for (int i = 2; taken(name); ++i) name = base + "_" + std::to_string(i);
  if (reserve) fresh_names_.insert(name);
  return name;
}

void Emitter::try_stmt(const Try& t) {
  const bool has_finally = !t.finalbody.empty();
  std::string finally_done;  // the flag, when some statement leaves the try through the finally body
  if (has_finally) {
    bool exits = leaves_block(m_, t.body, false) || leaves_block(m_, t.orelse, false);
    for (const auto& h : t.handlers) exits = exits || leaves_block(m_, h.body, false);
    if (exits) {
      finally_done = fresh_name("finally_done");
      w_->line("bool " + finally_done + " = false;");
    }
    w_->line("try {");
    w_->indent();
    finally_stack_.push_back({&t.finalbody, loop_depth_, finally_done});
  }
  if (!t.handlers.empty()) try_except(t);
  else body(t.body);
  if (has_finally) {
    finally_stack_.pop_back();
    w_->dedent();
    w_->line("} catch (...) {  // finally, when an exception leaves the try");
    w_->indent();
    if (!finally_done.empty()) {
      w_->line("if (!" + finally_done + ") {");
      w_->indent();
    }
    body(t.finalbody);
    if (!finally_done.empty()) {
      w_->dedent();
      w_->line("}");
    }
    w_->line("throw;");
    w_->dedent();
    w_->line("}");
    // Falling off the end of the try (omitted where nothing can: g++ would warn at the end of
    // the function otherwise).
    bool reachable = t.orelse.empty() ? falls_through(m_, t.body) : falls_through(m_, t.orelse);
    for (const auto& h : t.handlers) reachable = reachable || falls_through(m_, h.body);
    if (reachable) body(t.finalbody);
  }
}

// The try body with its except clauses and else block.
void Emitter::try_except(const Try& t) {
  std::string completed;
  if (!t.orelse.empty()) {
    completed = fresh_name("try_completed");
    w_->line("bool " + completed + " = false;");
  }
  w_->line("try {");
  w_->indent();
  body(t.body);
  if (!completed.empty()) w_->line(completed + " = true;");
  w_->dedent();
  std::vector<std::string> caught;  // classes earlier catch clauses already take
  for (const auto& h : t.handlers) {
    w_->set_origin(pos(h.span));
    std::vector<std::string> classes{"BaseException"};
    if (h.type != kNoNode) {
      classes.clear();
      // The class each names (sema typed it): `ValueError`, `RouteError`, `models.RouteError`.
      auto named = [&](ExprId x) { return s_.types.get(s_.expr_type[x]).name; };
      if (auto* tuple = get_if<TupleLit>(m_, h.type)) {
        for (ExprId x : tuple->elts) classes.push_back(named(x));
      } else {
        classes.push_back(named(h.type));
      }
    }
    std::string var;
    if (!h.name.empty() && fn_) {
      auto it = fn_->var_index.find(h.name);
      if (it != fn_->var_index.end()) var = " " + fn_->vars[it->second].cpp_name;
    }
    for (const std::string& cls : classes) {
      bool covered = false;
      for (const std::string& c : caught) covered = covered || s_.types.derives_from(cls, c);
      if (covered) continue;  // never reached in Python either (and g++ warns about it)
      caught.push_back(cls);
      // A stub's NotTranslated must never be swallowed by a catch-all.
      if (cls == "BaseException") w_->line("} catch (const py::NotTranslated&) {\n  throw;");
      w_->line("} catch (const " + exception_type(cls) + "&" + var + ") {");
      w_->indent();
      // What the clause declares e as, for an isinstance() narrowing inside (expr.cpp).
      std::optional<std::string> outer;
      if (!var.empty()) {
        if (auto o = catch_classes_.find(var.substr(1)); o != catch_classes_.end()) outer = o->second;
        catch_classes_[var.substr(1)] = cls;
      }
      body(h.body);
      if (!var.empty()) {
        if (outer) catch_classes_[var.substr(1)] = *outer;
        else catch_classes_.erase(var.substr(1));
      }
      w_->dedent();
    }
  }
  w_->line("}");
  if (!completed.empty()) {
    w_->line("if (" + completed + ") {");
    w_->indent();
    body(t.orelse);
    w_->dedent();
    w_->line("}");
  }
}

// Runs the finally bodies a return (all of them) or a break/continue (those of the tries inside
// the innermost loop) leaves, innermost first, then `jump`.
void Emitter::leave_through_finally(bool is_return, const std::string& jump) {
  size_t level = finally_stack_.size();
  while (level > 0 && (is_return || finally_stack_[level - 1].loop_depth == loop_depth_)) --level;
  if (level == finally_stack_.size()) return w_->line(jump);
  bool braces = false;  // only when a copy declares locals: two copies may share a C++ block
  for (size_t i = level; i < finally_stack_.size(); ++i)
    braces = braces || (finally_stack_[i].body && declares_locals(*finally_stack_[i].body));
  if (braces) {
    w_->line("{");
    w_->indent();
  }
  std::vector<FinallyScope> saved = finally_stack_;
  for (size_t i = saved.size(); i-- > level;) {
    finally_stack_.resize(i);  // a copy of a finally body is outside its own try
    if (!saved[i].flag.empty()) w_->line(saved[i].flag + " = true;");
    if (saved[i].body) body(*saved[i].body);
    else w_->line(saved[i].exit_call);  // a with statement's __exit__ (with_stmt.cpp)
  }
  finally_stack_ = saved;
  w_->line(jump);
  if (braces) {
    w_->dedent();
    w_->line("}");
  }
}

void Emitter::return_stmt(const Return& r) {
  if (fn_ && fn_->iter_delegate)  // `return iter(self.items)` in __iter__: yield from the items
    return yield_stmt(Yield{std::get<Call>(m_.expr(r.value).node).args[0], true});
  if (fn_ && fn_->is_generator) return leave_through_finally(true, "co_return;");  // sema: no value
  if (r.value == kNoNode) return leave_through_finally(true, "return;");
  if (auto* n = get_if<Name>(m_, r.value); n && n->id == "NotImplemented" && fn_)  // sema: only in __eq__/__ne__
    return leave_through_finally(true, fn_->method_name == "__ne__" ? "return true;" : "return false;");
  if (fn_ && fn_->return_type == S::kNoneType) {
    w_->line(str(r.value) + ";");  // `return None` or a None-valued call
    return leave_through_finally(true, "return;");
  }
  if (finally_stack_.empty())
    if (auto loops = comprehension_statements(r.value))
      return w_->line(*loops);  // `return [f(x) for x in xs]`: the loops, then `return result;`
  std::string value = str(r.value, fn_ ? fn_->return_type : S::kUnknown);
  if (finally_stack_.empty()) return w_->line("return " + value + ";");
  // `return xs` hands back the list object, which the finally body may still change (sema made
  // sure it does not rebind the name): return the variable as it is after the finally body.
  if (get_if<Name>(m_, r.value) && s_.types.kind(s_.expr_type[r.value]) == sema::TypeKind::List)
    return leave_through_finally(true, "return " + value + ";");
  // A literal, or a name no finally body assigns, reads the same after the finally bodies.
  ExprId literal = r.value;
  if (auto* u = get_if<UnaryOp>(m_, literal)) literal = u->operand;
  bool stable = get_if<IntLit>(m_, literal) || get_if<FloatLit>(m_, literal) || get_if<StrLit>(m_, literal) ||
                get_if<BoolLit>(m_, literal);
  if (auto* n = get_if<Name>(m_, r.value)) {
    stable = true;
    for (const auto& f : finally_stack_) stable = stable && (!f.body || !bound_in(*f.body, n->id));
  }
  if (stable) return leave_through_finally(true, "return " + value + ";");
  // Otherwise Python evaluates the value before the finally body runs (which may change what
  // the expression reads): keep it in a local first.
  std::string name = fresh_name("returned");
  w_->line(cpp_type(fn_->return_type) + " " + name + " = " + value + ";");
  leave_through_finally(true, "return " + name + ";");
}

}  // namespace py2cpp
