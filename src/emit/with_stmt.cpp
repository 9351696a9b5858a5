// `with` statements over user context managers (sema/with_stmt.cpp checks them).
//
// `with Lock(t, "a") as n: BODY` is
//   std::shared_ptr<Lock> lock = std::make_shared<Lock>(t, "a");
//   int64_t n = lock->__enter__();
//   try {
//     BODY
//   } catch (const py::BaseException& exc) {
//     lock->__exit__(py::ExcType{&exc}, py::ExcValue{&exc}, py::Traceback{});
//     throw;                                  // `-> bool`: `if (!lock->__exit__(...)) throw;`
//   }
//   lock->__exit__(py::ExcType{}, py::ExcValue{}, py::Traceback{});
// Like a finally body (emit/try_stmt.cpp, which explains why not a destructor: __exit__ may
// raise, and Python evaluates a return value before it runs), the no-exception __exit__ call is
// also written before each return/break/continue that leaves the body. A flag then tells the
// catch clause that __exit__ already ran (an exception it raised must not call it again); an
// __exit__ returning bool needs the flag as well, so that a swallowed exception does not reach
// the call after the try. Several items nest: `with A() as a, B() as b` enters A, then B, and
// leaves B first, as Python does.
#include <fmt/format.h>

#include <cctype>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void Emitter::with_stmt(StmtId id, const With& w) { with_item(id, w, 0); }

void Emitter::with_item(StmtId id, const With& w, size_t index) {
  if (index == w.items.size()) return body(w.body);
  const WithItem& item = w.items[index];
  S::TypeId t = s_.expr_type[item.context];
  const S::Class* cls = class_of_type(t);
  auto method = [&](const char* name) -> const S::Function& {
    for (const S::Class* c = cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
      if (auto it = c->methods.find(name); it != c->methods.end()) return s_.functions[it->second];
    return s_.functions[0];  // sema made sure both exist
  };
  const S::Function& enter = method("__enter__");
  const S::Function& exit = method("__exit__");
  const bool swallows = exit.return_type == S::kBool;
  // The manager: a name the body does not rebind is used as it is, anything else is kept in a local.
  std::string mgr;
  if (auto* n = get_if<Name>(m_, item.context); n && !bound_in(w.body, n->id)) {
    mgr = str(item.context);
  } else {
    mgr = fresh_name(lower(cls->cpp_name));
    w_->line(cpp_type(t) + " " + mgr + " = " + str(item.context) + ";");
  }
  std::string entered = mgr + "->" + enter.cpp_name + "()";
  if (item.target == kNoNode) {
    w_->line(entered + ";");
  } else {
    const S::Variable* v = variable(item.target);
    std::string lhs = store_target(item.target);
    if (v && v->placement == S::DeclPlacement::AtFirstBinding && v->first_binding == id) lhs = cpp_type(v->type) + " " + lhs;
    w_->line(lhs + " = " + entered + ";");
  }
  const std::string none_exit = mgr + "->" + exit.cpp_name + "(py::ExcType{}, py::ExcValue{}, py::Traceback{});";
  const bool leaves = leaves_block(m_, w.body, false);
  std::string flag;  // __exit__ already ran
  if (leaves || swallows) {
    flag = fresh_name(mgr + "_exited");
    w_->line("bool " + flag + " = false;");
  }
  w_->line("try {");
  w_->indent();
  finally_stack_.push_back({nullptr, loop_depth_, leaves ? flag : std::string(), none_exit});
  with_item(id, w, index + 1);
  finally_stack_.pop_back();
  w_->dedent();
  if (swallows) w_->line("} catch (const py::NotTranslated&) {\n  throw;");  // a stub is never swallowed
  std::string exc = fresh_name("exc");
  w_->line("} catch (const py::BaseException& " + exc + ") {  // __exit__, when an exception leaves the with body");
  w_->indent();
  if (leaves) w_->line("if (" + flag + ") throw;  // raised by __exit__ itself on the way out");
  if (!flag.empty()) w_->line(flag + " = true;");
  std::string call = fmt::format("{}->{}(py::ExcType{{&{}}}, py::ExcValue{{&{}}}, py::Traceback{{}})", mgr, exit.cpp_name, exc, exc);
  if (swallows) {
    w_->line("if (!" + call + ") throw;  // True swallows the exception");
  } else {
    w_->line(call + ";");
    w_->line("throw;");
  }
  w_->dedent();
  w_->line("}");
  // Falling off the end of the body (a swallowed exception continues here too, without it).
  if (falls_through(m_, w.body)) w_->line(swallows ? "if (!" + flag + ") " + none_exit : none_exit);
}

// `exc_type is None`, `exc is not None`, `exc_type is ValueError` on __exit__'s parameters.
std::string Emitter::exc_info_comparison(CmpOpKind op, ExprId lhs_e, const std::string& lhs, ExprId rhs_e) {
  if (op != CmpOpKind::Is && op != CmpOpKind::IsNot) return "";
  if (s_.types.kind(s_.expr_type[lhs_e]) != S::TypeKind::ExcInfo) return "";
  bool is = op == CmpOpKind::Is;
  if (s_.expr_type[rhs_e] == S::kNoneType) return lhs + ".active " + (is ? "==" : "!=") + " nullptr";
  const std::string& cls = std::get<Name>(m_.expr(rhs_e).node).id;
  return std::string(is ? "" : "!") + "py::exc_is<" + exception_type(cls) + ">(" + lhs + ")";
}

// issubclass(exc_type, E) and isinstance(exc, (A, B)) on __exit__'s parameters.
std::optional<CppExpr> Emitter::exc_info_call(const std::string& name, const Call& c) {
  if ((name != "issubclass" && name != "isinstance") || c.args.size() != 2) return std::nullopt;
  if (s_.types.kind(s_.expr_type[c.args[0]]) != S::TypeKind::ExcInfo) return std::nullopt;
  std::vector<ExprId> classes{c.args[1]};
  if (auto* t = get_if<TupleLit>(m_, c.args[1])) classes = t->elts;
  std::string value = str(c.args[0]), out;
  for (ExprId x : classes)
    out += (out.empty() ? "" : " || ") + fmt::format("py::exc_matches<{}>({}, \"{}\")",
                                                     exception_type(std::get<Name>(m_.expr(x).node).id), value, name);
  return classes.size() == 1 ? CppExpr{out, 2} : CppExpr{"(" + out + ")", 2};
}

}  // namespace py2cpp
