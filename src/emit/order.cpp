// Evaluation order. Python evaluates call arguments and operands left to right; C++ does not
// promise an order. Where it can matter -- an operand has effects (prints, pops, calls a function
// that mutates) and another operand is evaluated too -- the earlier operands are computed into
// temporaries first, inside an immediately invoked lambda. Pure expressions stay as they are.
#include <algorithm>
#include <set>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

namespace {

bool is_trivial(const Module& m, ExprId e) {
  const ExprNode& n = m.exprs[e].node;
  if (std::holds_alternative<IntLit>(n) || std::holds_alternative<FloatLit>(n) || std::holds_alternative<BoolLit>(n) ||
      std::holds_alternative<StrLit>(n) || std::holds_alternative<NoneLit>(n))
    return true;
  if (auto* u = std::get_if<UnaryOp>(&n)) return is_trivial(m, u->operand);
  return false;
}

}  // namespace

bool Emitter::has_effects(ExprId e, bool walrus) const {
  const std::set<std::string>& mutating = S::mutating_methods();
  bool found = false;
  for_each_expr(m_, e, [&](ExprId x) {
    if (walrus && get_if<NamedExpr>(m_, x)) found = true;  // `(n := value)` rebinds n
    // d[k] on a defaultdict inserts the default when k is missing.
    if (auto* sub = get_if<Subscript>(m_, x); sub && s_.types.dict_kind(s_.expr_type[sub->value]) == "defaultdict")
      found = true;
    auto* c = get_if<Call>(m_, x);
    if (!c) return;
    if (auto* n = get_if<Name>(m_, c->func)) {
      const S::NameRef& ref = s_.name_ref[c->func];
      if (ref.kind == S::NameRef::Builtin && (n->id == "print" || n->id == "next" || n->id == "input")) found = true;
      if (ref.kind == S::NameRef::Function && s_.functions[ref.index].has_effects) found = true;
    }
    // A generator object handed to a call may be advanced by it (`take(stream, 3)`, `list(g)`).
    for (ExprId a : c->args)
      if (s_.types.kind(s_.expr_type[a]) == S::TypeKind::Generator && (get_if<Name>(m_, a) || get_if<Attribute>(m_, a)))
        found = true;
    // A Callable value may be anything, a closure with state included.
    if (s_.types.kind(s_.expr_type[c->func]) == S::TypeKind::Callable &&
        !(get_if<Name>(m_, c->func) && s_.name_ref[c->func].kind == S::NameRef::Function))
      found = true;
    if (auto* a = get_if<Attribute>(m_, c->func); a && mutating.count(a->attr)) found = true;
    // A method that assigns fields of its object (`s.run()` advancing `s.now`), prints or mutates.
    if (auto it = s_.call_target.find(x); it != s_.call_target.end() && get_if<Attribute>(m_, c->func)) {
      const S::Function& callee = s_.functions[it->second];
      if (callee.has_effects || (callee.method_kind == S::MethodKind::Instance && !callee.is_const)) found = true;
    }
    // random's functions advance the program's generator; heappush, insort ... change a list.
    if (S::stdlib_call_has_effects(S::stdlib_callee(m_, s_, c->func))) found = true;
  });
  return found;
}

// True if one of a and b binds a name with `:=` that the other reads or binds: their order matters.
bool Emitter::walrus_conflict(ExprId a, ExprId b) const {
  if (a == kNoNode || b == kNoNode) return false;
  auto names_in = [&](ExprId e, bool bound_only) {  // the names e reads (or binds with :=)
    std::set<std::string> out;
    for_each_expr(m_, e, [&](ExprId x) {
      if (auto* ne = get_if<NamedExpr>(m_, x); ne && bound_only)
        if (auto* n = get_if<Name>(m_, ne->target)) out.insert(n->id);
      if (auto* n = get_if<Name>(m_, x); n && !bound_only) out.insert(n->id);
    });
    return out;
  };
  auto overlap = [](const std::set<std::string>& x, const std::set<std::string>& y) {
    return std::any_of(x.begin(), x.end(), [&](const std::string& n) { return y.count(n) > 0; });
  };
  std::set<std::string> bound_a = names_in(a, true), bound_b = names_in(b, true);
  if (bound_a.empty() && bound_b.empty()) return false;
  return overlap(bound_a, names_in(b, false)) || overlap(bound_b, names_in(a, false));
}

CppExpr Emitter::in_order(const std::vector<ExprId>& operands, const std::function<CppExpr()>& build,
                          ExprId receiver, bool by_ref) {
  int last_effect = -1, nontrivial = 0;
  for (size_t i = 0; i < operands.size(); ++i) {
    if (operands[i] == kNoNode) continue;
    if (!is_trivial(m_, operands[i])) ++nontrivial;
    if (has_effects(operands[i], false)) last_effect = static_cast<int>(i);
  }
  // `(n := f()) > n` / `n < (n := f())`: an assignment expression matters only to the operands
  // naming the same variable; the earlier of the two is evaluated first.
  for (size_t i = 0; i < operands.size(); ++i)
    for (size_t j = i + 1; j < operands.size(); ++j)
      if (walrus_conflict(operands[i], operands[j])) last_effect = std::max(last_effect, static_cast<int>(i));
  if (last_effect < 0 || nontrivial < 2) return build();
  // Evaluate every operand up to the last one with effects, in order, before the rest.
  std::string prelude;
  std::vector<ExprId> hoisted;
  for (int i = 0; i <= last_effect; ++i) {
    ExprId op = operands[static_cast<size_t>(i)];
    // Names are read in place: a container name refers to the object, which Python's callee
    // would also see in its mutated state; copying it into a temporary would be wrong.
    // A module variable of a value type is different: a later call may rebind it (`global n`).
    bool rebindable_global = false;
    if (get_if<Name>(m_, op) && s_.name_ref[op].kind == S::NameRef::Global) {
      S::TypeKind k = s_.types.kind(s_.expr_type[op]);
      rebindable_global = s_.types.is_numeric(s_.expr_type[op]) || k == S::TypeKind::Str || k == S::TypeKind::Class ||
                          k == S::TypeKind::Optional;
    }
    // A name that a later operand rebinds (`n < (n := f())`) is read before that, as in Python.
    bool rebound_later = false;
    if (get_if<Name>(m_, op))
      for (size_t j = static_cast<size_t>(i) + 1; j < operands.size(); ++j)
        rebound_later = rebound_later || walrus_conflict(op, operands[j]);
    if (op == kNoNode || is_trivial(m_, op) || (get_if<Name>(m_, op) && !rebindable_global && !rebound_later)) continue;
    std::string name = "arg" + std::to_string(temp_counter_++);
    std::string value = str(op);
    if (s_.expr_type[op] == S::kNoneType) value = "(" + value + ", py::None)";
    if (get_if<NamedExpr>(m_, op)) value = "(" + value + ")";
    // A method's object is the object itself in Python (it may be changed in place), not a copy.
    prelude += (op == receiver ? "auto&& " : "auto ") + name + " = " + value + "; ";
    override_[op] = name;
    hoisted.push_back(op);
  }
  CppExpr inner = build();
  for (ExprId op : hoisted) override_.erase(op);
  // A reference into a hoisted temporary would dangle, so by_ref needs the receiver left in place.
  bool ref = by_ref && std::find(hoisted.begin(), hoisted.end(), receiver) == hoisted.end();
  return {std::string(ref ? "[&]() -> decltype(auto) { " : "[&] { ") + prelude + "return " + inner.text + "; }()", 2};
}

}  // namespace py2cpp
