// An int value stored where the C++ holds a double.
//
// PEP 484 lets an int stand for a float: `total: float = 0`, `Vec(0, 0)` for `x: float`,
// `max(0, x)`, `[1, 2.5]`. Python keeps the int (print shows `0`), the C++ double prints `0.0`.
// py2cpp converts, as mypyc does, and says so: one warning (P2C0206) per statement, on stderr and
// in the report's `warnings`, naming the slots. A local or parameter whose every read cannot show
// the difference (an operand of `/` or of a comparison, a truth test, float()/int()/math.*) is
// not reported.
#include <algorithm>
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

bool Analyzer::int_where_float(TypeId given, TypeId slot) const {
  const TypeTable& T = r_.types;
  if (slot == kFloat) return given == kInt || given == kBool;
  if (given == kUnknown || slot == kUnknown || given == slot) return false;
  TypeKind k = T.kind(slot);
  if (k == TypeKind::Optional && T.kind(given) != TypeKind::Optional) return int_where_float(given, T.arg(slot, 0));
  if (T.kind(given) != k) return false;
  if (k != TypeKind::List && k != TypeKind::Dict && k != TypeKind::Set && k != TypeKind::Tuple && k != TypeKind::Optional) return false;
  const auto& ga = T.get(given).args;
  const auto& sa = T.get(slot).args;
  if (ga.size() != sa.size()) return false;
  for (size_t i = 0; i < ga.size(); ++i)
    if (int_where_float(ga[i], sa[i])) return true;
  return false;
}

// `Vec.__init__` is called as `Vec(...)`.
std::string callable_display_name(const Function& fn) {
  const std::string init = ".__init__";
  if (fn.name.size() > init.size() && fn.name.compare(fn.name.size() - init.size(), init.size(), init) == 0)
    return fn.name.substr(0, fn.name.size() - init.size());
  return fn.name;
}

bool Analyzer::float_slot_visible(const Function& fn, const std::string& name) {
  auto key = std::make_pair(&fn, name);
  if (auto it = visible_float_slots_.find(key); it != visible_float_slots_.end()) return it->second;
  if (!fn.body || fn.synthesized) return visible_float_slots_[key] = true;  // a dataclass __init__ stores it
  std::set<ExprId> quiet;  // reads of the name that cannot show int against float, and stores
  // A name, or arithmetic over it, whose value ends in a float or a truth value anyway.
  std::function<void(ExprId)> quiet_name = [&](ExprId x) {
    if (x == kNoNode) return;
    if (get_if<Name>(m_, x)) quiet.insert(x);
    if (auto* b = get_if<BinOp>(m_, x); b && b->op != BinOpKind::Div) quiet_name(b->left), quiet_name(b->right);
    if (auto* u = get_if<UnaryOp>(m_, x); u && u->op != UnaryOpKind::Not) quiet_name(u->operand);
  };
  auto quiet_targets = [&](ExprId t) {
    if (t != kNoNode) for_each_expr(m_, t, [&](ExprId x) {
      if (get_if<Name>(m_, x)) quiet.insert(x);
    });
  };
  bool visible = false;
  std::function<void(const Body&)> scan = [&](const Body& body) {
    for (StmtId sid : body) {
      if (get_stmt_if<FunctionDef>(m_, sid) || get_stmt_if<ClassDef>(m_, sid)) continue;
      if (auto* a = get_stmt_if<Assign>(m_, sid))
        for (ExprId t : a->targets) quiet_targets(t);
      if (auto* a = get_stmt_if<AugAssign>(m_, sid)) quiet_name(a->target);
      if (auto* a = get_stmt_if<AnnAssign>(m_, sid)) quiet_name(a->target);
      if (auto* f = get_stmt_if<For>(m_, sid)) quiet_targets(f->target);
      if (auto* i = get_stmt_if<If>(m_, sid)) quiet_name(i->test);
      if (auto* w = get_stmt_if<While>(m_, sid)) quiet_name(w->test);
      for_each_stmt_expr(m_, sid, [&](ExprId top) {
        for_each_expr(m_, top, [&](ExprId x) {
          if (auto* b = get_if<BinOp>(m_, x); b && b->op == BinOpKind::Div) quiet_name(b->left), quiet_name(b->right);
          if (auto* c = get_if<Compare>(m_, x)) {
            quiet_name(c->left);
            for (ExprId y : c->comparators) quiet_name(y);
          }
          if (auto* u = get_if<UnaryOp>(m_, x); u && u->op == UnaryOpKind::Not) quiet_name(u->operand);
          if (auto* ie = get_if<IfExp>(m_, x)) quiet_name(ie->test);
          if (auto* ne = get_if<NamedExpr>(m_, x)) quiet_name(ne->target);
          if (auto* c = get_if<Call>(m_, x)) {
            std::string callee = expr_text(c->func);
            if (callee == "float" || callee == "int" || callee.rfind("math.", 0) == 0)
              for (ExprId y : c->args) quiet_name(y);
          }
        });
        for_each_expr(m_, top, [&](ExprId x) {
          if (auto* n = get_if<Name>(m_, x); n && n->id == name && !quiet.count(x)) visible = true;
        });
      });
      for (const Body* c : child_bodies(m_, sid)) scan(*c);
    }
  };
  scan(*fn.body);
  return visible_float_slots_[key] = visible;
}

void Analyzer::note_int_as_float(const Scope& s, const ast::Span& span, TypeId given, TypeId slot, const std::string& what) {
  if (!int_where_float(given, slot)) return;
  record_int_as_float(int_as_float_, s.stmt, s.fn, span, what);
}

void Analyzer::record_int_as_float(std::map<std::pair<uint32_t, uint32_t>, IntAsFloatNote>& into, StmtId stmt, const Function* fn,
                                   const ast::Span& span, const std::string& what) {
  IntAsFloatNote& n = into[{span.line, span.col}];
  n.stmt = stmt;
  n.fn = fn;
  n.span = span;
  if (std::find(n.slots.begin(), n.slots.end(), what) == n.slots.end()) n.slots.push_back(what);
}

// After the last round: one warning per statement (their notes merged), none on stubbed code.
void Analyzer::report_int_as_float() {
  std::map<std::pair<uint32_t, uint32_t>, IntAsFloatNote> notes = int_as_float_fixed_;
  for (const auto& [pos, n] : int_as_float_) {
    IntAsFloatNote& into = notes[pos];
    if (into.slots.empty()) into = n;
    else
      for (const auto& w : n.slots)
        if (std::find(into.slots.begin(), into.slots.end(), w) == into.slots.end()) into.slots.push_back(w);
  }
  // Merge notes of one statement into its first one.
  std::map<StmtId, std::pair<uint32_t, uint32_t>> first_of_stmt;
  std::vector<std::pair<uint32_t, uint32_t>> order;
  for (auto& [pos, n] : notes) {
    if (n.stmt != kNoNode && !r_.stmt_stub[n.stmt].empty()) continue;
    if (n.fn && !n.fn->stub_reason.empty()) continue;
    if (n.fn && n.fn->owner >= 0 && !r_.classes[n.fn->owner].stub_reason.empty()) continue;
    if (n.stmt != kNoNode) {
      auto [it, fresh] = first_of_stmt.emplace(n.stmt, pos);
      if (!fresh) {
        auto& slots = notes[it->second].slots;
        for (const auto& w : n.slots)
          if (std::find(slots.begin(), slots.end(), w) == slots.end()) slots.push_back(w);
        continue;
      }
    }
    order.push_back(pos);
  }
  for (const auto& pos : order) {
    const IntAsFloatNote& n = notes[pos];
    std::string slots;
    for (size_t i = 0; i < n.slots.size(); ++i) slots += (i ? ", " : "") + n.slots[i];
    std::string msg = "an int stored as a float (" + slots + "): the C++ double prints `1.0` where Python keeps and prints the "
                      "int `1`; write `1.0` or `float(...)` if the printed form matters";
    r_.int_as_float.push_back({n.span, n.fn ? (n.fn->name.empty() ? "<main>" : n.fn->name) : "<module>", slots, msg});
    warn(DiagKind::IntStoredAsFloat, n.span, msg);
  }
}

}  // namespace py2cpp::sema
