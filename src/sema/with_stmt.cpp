// `with` statements over user context managers (classes defining __enter__ and __exit__), and
// the exception parameters of __exit__.
//
// `with A() as a, B() as b: BODY` is `with A() as a: with B() as b: BODY`: each item's manager
// is evaluated, its __enter__ called and bound by `as`, and its __exit__ runs however the body
// is left (emit/with_stmt.cpp). __exit__(self, exc_type, exc, tb) gets the exception leaving the
// body: its three parameters are typed here whatever their hints say (`type[BaseException] |
// None`, `BaseException | None`, `object`, or none at all) as ExcInfo values, which support what
// context managers do with them: `exc_type is None`, `exc_type is ValueError`,
// `issubclass(exc_type, (KeyError, ValueError))`, `exc_type.__name__`, `isinstance(exc, E)`,
// `str(exc)`/`repr(exc)`/print/f-strings of exc, truth tests. Anything else is a stub.
#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// The type of parameter `index` of a method named __exit__ with exactly (self, exc_type, exc, tb),
// or kUnknown when the hint decides.
TypeId Analyzer::exit_parameter_type(const Function& fn, size_t index, std::string* reason) const {
  if (fn.owner < 0 || fn.method_name != "__exit__" || fn.method_kind != MethodKind::Instance) return kUnknown;
  const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
  if (def.params.size() != 4 || index == 0 || index > 3) return kUnknown;
  for (const Param& p : def.params)
    if (p.kind != ParamKind::Positional || p.default_value != kNoNode) return kUnknown;
  static const char* const which[] = {"", "type", "exc", "tb"};
  static const char* const what[] = {"", "the class of the exception leaving the with body, or None",
                                     "the exception leaving the with body, or None", "the traceback (not kept)"};
  *reason = std::string("__exit__'s parameter: ") + what[index];
  return const_cast<TypeTable&>(r_.types).exc_info(which[index]);
}

// `exc_type is None`, `exc is not None`, `exc_type is ValueError` (exactly that class).
bool Analyzer::exc_info_identity(TypeId left, TypeId right) const {
  const TypeTable& T = r_.types;
  if (T.kind(left) != TypeKind::ExcInfo) return false;
  if (T.get(left).name == "tb") return false;
  if (right == kNoneType) return true;
  return T.get(left).name == "type" && T.kind(right) == TypeKind::Exception;
}

std::optional<TypeId> Analyzer::infer_exc_info_builtin(const std::string& name, const Call& c,
                                                       const std::vector<TypeId>& a, Scope& s) {
  const TypeTable& T = r_.types;
  if (a.empty() || T.kind(a[0]) != TypeKind::ExcInfo) return std::nullopt;
  const std::string which = T.get(a[0]).name;
  auto bad = [&](const std::string& why) -> std::optional<TypeId> {
    unsupported(s, StubKind::ContextManager, why);
    return kUnknown;
  };
  if (which == "tb") return bad("the traceback parameter of __exit__ is not available in translated code");
  if (name == "issubclass" || name == "isinstance") {
    if (a.size() != 2 || !c.keywords.empty()) return bad(name + "() takes two arguments");
    if ((name == "issubclass") != (which == "type"))
      return bad(name == "issubclass" ? "issubclass(exc, ...): pass exc_type (or use isinstance(exc, ...))"
                                      : "isinstance(exc_type, ...): use issubclass(exc_type, ...)");
    std::vector<ExprId> classes{c.args[1]};
    if (auto* t = get_if<TupleLit>(m_, c.args[1])) classes = t->elts;
    for (ExprId x : classes)
      if (r_.expr_type[x] == kUnknown || T.kind(r_.expr_type[x]) != TypeKind::Exception || !get_if<Name>(m_, x))
        return bad(name + "(" + T.python_name(a[0]) + ", ...): the second argument must name exception classes");
    return kBool;
  }
  if (name == "str" || name == "repr") {
    if (which != "exc") return bad(name + "(exc_type): use exc_type.__name__");
    return kStr;
  }
  if (name == "bool") return kBool;
  return std::nullopt;
}

TypeId Analyzer::infer_exc_info_attribute(const Attribute& a, TypeId t, Scope& s) {
  if (r_.types.get(t).name == "type" && a.attr == "__name__") return kStr;
  unsupported(s, StubKind::ContextManager, "attribute '" + a.attr + "' of __exit__'s " + r_.types.python_name(t) +
                     " parameter (only exc_type.__name__, str(exc), is/issubclass/isinstance tests)");
  return kUnknown;
}

void Analyzer::infer_with(const With& node, Scope& s) {
  if (node.is_async) return unsupported(s, StubKind::Async, "async with is not supported");
  const TypeTable& T = r_.types;
  for (const WithItem& item : node.items) {
    if (auto* c = get_if<Call>(m_, item.context); c && get_if<Name>(m_, c->func) &&
                                                   std::get<Name>(m_.expr(c->func).node).id == "open")
      return unsupported(s, StubKind::FileIO, "with open(...): files are not supported yet (translate the computation, keep the I/O in Python)");
    TypeId t = infer(item.context, s);
    if (t == kUnknown) continue;
    std::string cls = class_name_of(t);
    if (cls.empty() || T.kind(t) == TypeKind::Exception || T.kind(t) == TypeKind::Optional)
      return unsupported(s, StubKind::ContextManager, "with over a " + T.python_name(t) +
                                ": only instances of user classes defining __enter__ and __exit__ are supported");
    Function* enter = find_method(cls, "__enter__");
    Function* exit = find_method(cls, "__exit__");
    if (!enter || !exit) return unsupported(s, StubKind::ContextManager, "with over a " + cls + ", which does not define __enter__ and __exit__");
    if (!enter->signature_ok || !exit->signature_ok)
      return unsupported(s, StubKind::DependsOnStub, "with over a " + cls + ": its __enter__ or __exit__ could not be translated");
    if (enter->num_params != 1 || enter->method_kind != MethodKind::Instance)
      return unsupported(s, StubKind::ContextManager, cls + ".__enter__ must take only self");
    std::string reason;
    for (size_t i = 1; i < 4; ++i)
      if (exit->num_params != 4 || exit->vars[i].type != exit_parameter_type(*exit, i, &reason))
        return unsupported(s, StubKind::ContextManager, cls + ".__exit__ must be (self, exc_type, exc, tb) without defaults");
    if (exit->return_type != kBool && exit->return_type != kNoneType)
      return unsupported(s, StubKind::ContextManager, cls + ".__exit__ returns " + T.python_name(exit->return_type) +
                                "; annotate it -> bool (True swallows the exception) or -> None");
    if (item.target != kNoNode) {
      if (!get_if<Name>(m_, item.target))
        return unsupported(s, StubKind::UnpackingForm, "with ... as a target other than a plain name (bind a name, then unpack it)");
      if (enter->return_type == kNoneType || enter->return_type == kUnknown)
        return unsupported(s, StubKind::ContextManager, "with ... as: " + cls + ".__enter__ returns nothing (annotate its return type)");
      bind_target(item.target, enter->return_type, s, "the value of " + cls + ".__enter__() in `with ... as`");
    }
  }
  infer_body(node.body, s);
}

}  // namespace py2cpp::sema
