// Comprehensions and generator expressions as loops; the builtins that iterate; key functions.
//
// A comprehension is its loops written out: `for` headers in clause order, `if` for its
// conditions, and one statement per item. What that statement does depends on who consumes the
// items -- the Fold (fold()): a list comprehension appends (`result.push_back(...)`), sum()
// adds, min()/max() feed a py::Min/py::Max, any()/all() return at the first deciding item.
// Generator expressions are never materialised by those folds.
//
// Where a statement allows it the loops are written in place: `xs = [...]` declaring xs fills
// xs, `return [...]` fills a local and returns it, a comprehension that is an item of another
// builds its row inside the outer loop. Anywhere else they sit in an immediately invoked lambda,
// which also gives the comprehension variables their own scope, as in Python.
//
// Each comprehension kind is a branch in fold() whose setup declares the container and whose
// add() inserts the item: `result.push_back(item)`, `result.add(item)`, `result[key] = value`.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

namespace {

// An expression that may be evaluated twice (for a reserve() and the loop) at no cost.
bool is_plain(const Module& m, ExprId e) {
  const ExprNode& n = m.exprs[e].node;
  if (std::holds_alternative<Name>(n) || std::holds_alternative<IntLit>(n)) return true;
  if (auto* u = std::get_if<UnaryOp>(&n)) return is_plain(m, u->operand);
  return false;
}

bool is_builtin_call(const Module& m, const S::SemaResult& s, ExprId e, std::string_view name) {
  auto* c = get_if<Call>(m, e);
  auto* n = c ? get_if<Name>(m, c->func) : nullptr;
  return n && n->id == name && s.name_ref[c->func].kind == S::NameRef::Builtin;
}

}  // namespace

// A name for a generated variable that hides no Python name of the expression being folded,
// no local of the function (the loops may be written straight into it) and no name an
// enclosing fold already uses.
std::string Emitter::fresh_local(const std::string& base) const {
  std::set<std::string> used(taken_names_.begin(), taken_names_.end());
  for_each_expr(m_, fold_root_, [&](ExprId x) {
    if (auto* n = get_if<Name>(m_, x)) used.insert(S::cpp_identifier(n->id));
    if (auto* l = get_if<Lambda>(m_, x))
      for (const auto& p : l->params) used.insert(S::cpp_identifier(p.name));
  });
  if (fn_)
    for (const S::Variable& v : fn_->vars) used.insert(v.cpp_name);
  std::string name = base;
  while (used.count(name)) name += "_";
  return name;
}

// Python truthiness of an item or condition, parenthesised so it can be joined with &&.
std::string Emitter::item_condition(ExprId e) {
  if (s_.expr_type[e] == S::kBool) return paren(expr(e), 13);
  return paren({condition(e), 10}, 13);
}

// The C++ range a range-for walks for a Python iterable.
std::string Emitter::range_expression(ExprId iter) {
  if (s_.expr_type[iter] == S::kStr) return "py::chars(" + as_std_string(iter) + ")";
  return str(iter);
}

namespace {

// The call result a loop's iterable refers into without owning it: the `make()` of
// `make().items()`, `make().values()`, `make_obj().rows`, `make()[0]`. A range-for keeps only the
// outermost temporary alive (until C++23), so that object would be destroyed before the loop.
ExprId borrowed_temporary(const Module& m, ExprId iter) {
  // Methods that return owned values (`s.strip().split()`) need nothing held.
  if (auto* c = get_if<Call>(m, iter)) {
    auto* at = get_if<Attribute>(m, c->func);
    if (!at || (at->attr != "items" && at->attr != "values" && at->attr != "keys")) return kNoNode;
  }
  ExprId e = iter;
  for (;;) {
    ExprId inner = kNoNode;
    if (auto* c = get_if<Call>(m, e)) {
      if (auto* at = get_if<Attribute>(m, c->func)) inner = at->value;
    } else if (auto* at = get_if<Attribute>(m, e)) {
      inner = at->value;
    } else if (auto* sub = get_if<Subscript>(m, e)) {
      inner = sub->value;
    }
    if (inner == kNoNode) return kNoNode;
    if (get_if<Call>(m, inner)) return inner;
    e = inner;
  }
}

}  // namespace

std::string Emitter::loop_init(ExprId iter) {
  ExprId held = borrowed_temporary(m_, iter);
  if (held == kNoNode || override_.count(held)) return "";
  std::string name = "held" + std::to_string(temp_counter_++);
  std::string init = "auto&& " + name + " = " + str(held) + "; ";
  override_[held] = name;
  return init;
}

void Emitter::end_loop_init(ExprId iter) {
  ExprId held = borrowed_temporary(m_, iter);
  if (held != kNoNode && override_.count(held) && override_[held].rfind("held", 0) == 0) override_.erase(held);
}

// The loop variable(s) of one clause: `int64_t x`, `const std::string& w`, `const auto& [i, w]`.
// Nested tuples get a placeholder name, destructured by `opening` lines at the top of the body;
// a name bound twice (`for _, _, p in rows`) keeps only its last value, as in Python.
std::string Emitter::target_binding(ExprId target, std::vector<std::string>& opening,
                                    const std::set<ExprId>& superseded) {
  if (get_if<Name>(m_, target)) {
    S::TypeId t = s_.expr_type[target];
    return (is_scalar(t) ? cpp_type(t) + " " : "const " + cpp_type(t) + "& ") + str(target);
  }
  const auto& elts = std::get<TupleLit>(m_.expr(target).node).elts;
  std::string names;
  for (size_t i = 0; i < elts.size(); ++i) {
    std::string n;
    if (get_if<Name>(m_, elts[i]) && !superseded.count(elts[i])) {
      n = str(elts[i]);
    } else if (get_if<Name>(m_, elts[i])) {
      n = fresh_local("ignored");
      taken_names_.push_back(n);
    } else {
      n = fresh_local("item");
      taken_names_.push_back(n);
      std::vector<std::string> inner;
      std::string decl = target_binding(elts[i], inner, superseded);
      opening.push_back(decl + " = " + n + ";");
      opening.insert(opening.end(), inner.begin(), inner.end());
    }
    names += (i ? ", " : "") + n;
  }
  return "const auto& [" + names + "]";
}

// Names of a target that a later name of the same target rebinds.
std::set<ExprId> Emitter::superseded_names(ExprId target) const {
  std::vector<ExprId> leaves;
  for_each_expr(m_, target, [&](ExprId x) {
    if (get_if<Name>(m_, x)) leaves.push_back(x);
  });
  std::set<ExprId> out;
  for (size_t i = 0; i < leaves.size(); ++i)
    for (size_t j = i + 1; j < leaves.size(); ++j)
      if (std::get<Name>(m_.expr(leaves[i]).node).id == std::get<Name>(m_.expr(leaves[j]).node).id) out.insert(leaves[i]);
  return out;
}

// `for (...)` of one clause. range() with a step of +-1 is the classic counting loop, its bound
// evaluated once (as range() does).
std::string Emitter::clause_header(ExprId target, ExprId iter, std::vector<std::string>& opening) {
  if (is_builtin_call(m_, s_, iter, "range") && get_if<Name>(m_, target)) {
    const Call& range = std::get<Call>(m_.expr(iter).node);
    int64_t step = 1;
    bool literal_step = range.args.size() < 3;
    if (range.args.size() == 3) {
      if (auto* i = get_if<IntLit>(m_, range.args[2])) literal_step = true, step = i->value;
      if (auto* u = get_if<UnaryOp>(m_, range.args[2]); u && u->op == UnaryOpKind::Neg)
        if (auto* i = get_if<IntLit>(m_, u->operand)) literal_step = true, step = -i->value;
    }
    std::string var = str(target);
    // `[x for x in range(x + 4)]` reads the outer x: a counting loop would declare x first.
    bool reads_var = false;
    for (ExprId a : range.args)
      for_each_expr(m_, a, [&](ExprId x) {
        if (get_if<Name>(m_, x) && str(x) == var) reads_var = true;
      });
    if (literal_step && (step == 1 || step == -1) && !reads_var) {
      ExprId start = range.args.size() >= 2 ? range.args[0] : kNoNode;
      ExprId stop = range.args.size() >= 2 ? range.args[1] : range.args[0];
      std::string decl = "int64_t " + var + " = " + (start == kNoNode ? "0" : str(start));
      std::string bound = str(stop);
      if (!is_plain(m_, stop)) {
        decl += ", " + var + "_end = " + bound;
        bound = var + "_end";
      }
      return fmt::format("for ({}; {} {} {}; {}{})", decl, var, step > 0 ? "<" : ">", bound, step > 0 ? "++" : "--",
                         var);
    }
    return "for (int64_t " + var + " : py::range(" + args(range.args) + "))";
  }
  std::string init = loop_init(iter);
  std::string header =
      "for (" + init + target_binding(target, opening, superseded_names(target)) + " : " + range_expression(iter) + ")";
  end_loop_init(iter);
  return header;
}

// The loops of a comprehension around `innermost`, as one line (clang-format lays it out).
std::string Emitter::comprehension_loops(const Comprehension& c, const std::string& innermost) {
  std::string open, close;
  for (const CompFor& g : c.generators) {
    std::vector<std::string> opening;
    open += clause_header(g.target, g.iter, opening) + " { ";
    for (const auto& line : opening) open += line + " ";
    close += "} ";
    if (!g.ifs.empty()) {
      std::string test;
      for (size_t i = 0; i < g.ifs.size(); ++i) test += (i ? " && " : "") + item_condition(g.ifs[i]);
      if (g.ifs.size() == 1 && s_.expr_type[g.ifs[0]] == S::kBool) test = str(g.ifs[0]);
      open += "if (" + test + ") { ";
      close += "} ";
    }
  }
  return open + innermost + " " + close;
}

// `result.reserve(n);` when the item count is known up front: one clause, no condition, over a
// list (or enumerate/reversed of one) or a range with plain bounds.
std::string Emitter::size_hint(const Comprehension& c) {
  if (c.generators.size() != 1 || !c.generators[0].ifs.empty()) return "";
  ExprId iter = c.generators[0].iter;
  if (is_builtin_call(m_, s_, iter, "enumerate") || is_builtin_call(m_, s_, iter, "reversed"))
    iter = std::get<Call>(m_.expr(iter).node).args[0];
  if (get_if<Name>(m_, iter) && s_.types.kind(s_.expr_type[iter]) == TypeKind::List) return str(iter) + ".size()";
  if (is_builtin_call(m_, s_, iter, "range")) {
    const Call& range = std::get<Call>(m_.expr(iter).node);
    if (auto* n = get_if<IntLit>(m_, range.args[0]); n && range.args.size() == 1) return std::to_string(n->value);
    for (ExprId a : range.args)
      if (!is_plain(m_, a)) return "";
    return "py::range(" + args(range.args) + ").size()";
  }
  return "";
}

// The loops computing a list comprehension, or a builtin folding a generator expression.
// `acc` names the accumulator (the variable a declaration assigns); empty: a fresh name.
std::optional<Emitter::Fold> Emitter::fold(ExprId e, const std::string& acc, const std::string& list_name) {
  const Comprehension* gen = nullptr;
  const Call* call = nullptr;
  std::string name = "list";
  if (auto* c = get_if<Comprehension>(m_, e)) {
    gen = c;  // a list comprehension (or a generator expression str.join builds a list from)
    if (c->kind == ComprehensionKind::Set) name = "set";
    if (c->kind == ComprehensionKind::Dict) name = "dict";
  } else if (auto* c = get_if<Call>(m_, e); c && !c->args.empty()) {
    auto* fn = get_if<Name>(m_, c->func);
    auto* g = get_if<Comprehension>(m_, c->args[0]);
    if (!fn || s_.name_ref[c->func].kind != S::NameRef::Builtin || !g || g->kind != ComprehensionKind::Generator)
      return std::nullopt;
    static const std::set<std::string> folds = {"sum", "min", "max", "any", "all", "list", "sorted", "next"};
    if (!folds.count(fn->id)) return std::nullopt;
    gen = g;
    call = c;
    name = fn->id;
  } else {
    return std::nullopt;
  }
  // Generated names must not hide a Python name anywhere in the outermost folded expression.
  bool outermost = fold_root_ == kNoNode;
  if (outermost) fold_root_ = e;
  const S::TypeTable& T = s_.types;
  S::TypeId result_t = s_.expr_type[e];
  S::TypeId el = T.arg(s_.expr_type[call ? call->args[0] : e], 0);
  const Keyword* key = call ? keyword(*call, "key") : nullptr;
  if (key && get_if<NoneLit>(m_, key->value)) key = nullptr;
  const Keyword* dflt = call ? keyword(*call, "default") : nullptr;
  const Keyword* start = call ? keyword(*call, "start") : nullptr;
  ExprId start_e = call && call->args.size() == 2 ? call->args[1] : start ? start->value : kNoNode;
  auto fresh = [&](const std::string& base) {
    std::string n = acc.empty() ? fresh_local(base) : acc;
    taken_names_.push_back(n);
    return n;
  };
  size_t taken = taken_names_.size();
  Fold out;
  std::string setup, finish;
  std::function<std::string(ExprId)> add;
  if (name == "list" || name == "sorted") {
    std::string v = fresh(list_name);
    std::string reserve = size_hint(*gen);
    setup = "std::vector<" + cpp_type(el) + "> " + v + "; " + (reserve.empty() ? "" : v + ".reserve(" + reserve + "); ");
    add = [&, v](ExprId item) { return append(v, item, el); };
    if (name == "sorted") finish = sort_in_place(v, el, *call) + "; ";
    out.value = v;
    out.movable = true;
  } else if (name == "set") {
    std::string v = fresh(list_name);
    setup = cpp_type(result_t) + " " + v + "; ";
    add = [&, v](ExprId item) { return v + ".add(" + str(item, el) + ");"; };
    out.value = v;
    out.movable = true;
  } else if (name == "dict") {
    std::string v = fresh(list_name);
    S::TypeId key_t = T.arg(result_t, 0), value_t = T.arg(result_t, 1);
    setup = cpp_type(result_t) + " " + v + "; ";
    add = [&, v, key_t, value_t](ExprId key) {
      // Python evaluates the key first; C++17 evaluates the right of `=` first.
      if ((has_effects(key) && has_effects(gen->value)) || walrus_conflict(key, gen->value)) {
        std::string k = fresh_local("key");
        return cpp_type(key_t) + " " + k + " = " + str(key, key_t) + "; " + v + "[std::move(" + k + ")] = " +
               str(gen->value, value_t) + ";";
      }
      std::string k = str(key, key_t);
      if (k.rfind('[', 0) == 0) k = "(" + k + ")";  // a lambda key: `[[` would open an attribute
      return v + "[" + k + "] = " + str(gen->value, value_t) + ";";
    };
    out.value = v;
    out.movable = true;
  } else if (name == "sum") {
    std::string v = fresh("total");
    std::string init = start_e == kNoNode ? (result_t == S::kFloat ? "0.0" : "0") : str(start_e, result_t);
    setup = cpp_type(result_t) + " " + v + " = " + init + "; ";
    add = [&, v](ExprId item) { return v + " += " + str(item) + ";"; };
    out.value = v;
  } else if (name == "min" || name == "max") {
    std::string v = fresh_local(name == "min" ? "smallest" : "largest");
    taken_names_.push_back(v);
    std::string cls = std::string(name == "min" ? "py::Min<" : "py::Max<") + cpp_type(el);
    if (key) {
      std::string key_fn = fresh_local("key");
      std::string item_v = fresh_local("item");
      taken_names_.insert(taken_names_.end(), {key_fn, item_v});
      setup = "const auto " + key_fn + " = " + key_function(key->value, el) + "; " + cls + ", " +
              cpp_type(s_.expr_type[key->value]) + "> " + v + "; ";
      add = [&, v, key_fn, item_v](ExprId item) {
        return cpp_type(el) + " " + item_v + " = " + str(item, el) + "; " + v + ".add(" + item_v + ", " + key_fn + "(" +
               item_v + "));";
      };
    } else {
      setup = cls + "> " + v + "; ";
      add = [&, v](ExprId item) { return v + ".add(" + str(item, el) + ");"; };
    }
    out.value = dflt ? v + ".result_or(" + str(dflt->value, el) + ")" : v + ".result()";
  } else if (name == "next") {  // the first item, else the default (or StopIteration)
    std::string rt = cpp_type(result_t);
    add = [&, rt, result_t](ExprId item) { return "return " + rt + "(" + str(item, result_t) + ");"; };
    out.value = call->args.size() == 2 ? rt + "(" + str(call->args[1], result_t) + ")" : "py::stop_iteration<" + rt + ">()";
    out.early_return = true;
  } else {  // any, all: stop at the first item that decides
    bool any = name == "any";
    add = [&, any](ExprId item) {
      return any ? "if (" + condition(item) + ") return true;"
                 : "if (!" + paren({condition(item), 10}, 3) + ") return false;";
    };
    out.value = any ? "false" : "true";
    out.early_return = true;
  }
  out.statements = setup + comprehension_loops(*gen, add(gen->elt)) + finish;
  taken_names_.resize(taken);
  if (outermost) fold_root_ = kNoNode;
  return out;
}

// `acc.push_back(item);` -- where the item is itself a fold (a row built by an inner
// comprehension, a sum), its loops are written out in place and their result appended.
std::string Emitter::append(const std::string& acc, ExprId item, S::TypeId el) {
  if (auto inner = fold(item, "", "row"); inner && !inner->early_return)  // a list inside a list: a row
    return inner->statements + acc + ".push_back(" + (inner->movable ? "std::move(" + inner->value + ")" : inner->value) +
           ");";
  return acc + ".push_back(" + str(item, el) + ");";
}

CppExpr Emitter::comprehension(ExprId e, const Comprehension&, S::TypeId) { return folded(fold(e).value()); }

// A fold as an expression: an immediately invoked lambda holding its loops.
CppExpr Emitter::folded(const Fold& f) {
  return {std::string(fn_ ? "[&]" : "[]") + " { " + f.statements + " return " + f.value + "; }()", 2};
}

// `return <fold>`: the loops, then `return value;` -- no lambda.
std::optional<std::string> Emitter::comprehension_statements(ExprId e) {
  auto f = fold(e);
  if (!f) return std::nullopt;
  return f->statements + " return " + f->value + ";";
}

// `xs = [f(x) for x in ys]` / `total = sum(...)` declaring the name: the loops fill it directly.
bool Emitter::comprehension_assignment(StmtId id, const Assign& a) {
  if (a.targets.size() != 1 || !get_if<Name>(m_, a.targets[0])) return false;
  const S::Variable* v = variable(a.targets[0]);
  if (!v || v->placement != S::DeclPlacement::AtFirstBinding || v->first_binding != id) return false;
  if (v->type != s_.expr_type[a.value]) return false;  // `x: float = sum(ints)`: converted on assignment
  auto* call = get_if<Call>(m_, a.value);
  auto* fn = call ? get_if<Name>(m_, call->func) : nullptr;
  bool named_result = get_if<Comprehension>(m_, a.value) ||
                      (fn && (fn->id == "sum" || fn->id == "list" || fn->id == "sorted"));
  if (!named_result) return false;
  // Python would raise UnboundLocalError if the expression read the name it defines.
  bool reads_target = false;
  for_each_expr(m_, a.value, [&](ExprId x) {
    if (auto* n = get_if<Name>(m_, x); n && n->id == v->name) reads_target = true;
  });
  if (reads_target) return false;
  auto f = fold(a.value, v->cpp_name);
  if (!f) return false;
  w_->line(f->statements);
  return true;
}

// A callable for key=: a lambda, a module function, len/abs/str/sum, str.lower and friends.
// A lambda where a Callable is expected: `[=](int64_t a, int64_t b) -> int64_t { return a + b; }`.
// It copies what it reads from the enclosing function (sema allowed only what copying keeps).
CppExpr Emitter::lambda_value(ExprId e, const Lambda& l) {
  const S::TypeTable& T = s_.types;
  S::TypeId ft = s_.expr_type[e];
  const std::vector<uint32_t>& own = s_.lambda_params.at(e);
  bool captures = false;
  for_each_expr(m_, l.body, [&](ExprId x) {
    const S::NameRef& ref = s_.name_ref[x];
    if (!get_if<Name>(m_, x)) return;
    if (ref.kind == S::NameRef::Variable) captures = true;
    if (ref.kind == S::NameRef::Scoped && std::find(own.begin(), own.end(), ref.index) == own.end()) captures = true;
  });
  std::string params, capture_list = captures ? "=" : "";
  const size_t called_with = T.get(ft).args.size() - 1;
  for (size_t i = 0; i < own.size(); ++i) {
    const S::Variable& p = s_.scoped_vars[own[i]];
    if (i >= called_with) {  // `k=k`: the default, evaluated where the lambda is made
      ExprId d = l.params[i].default_value;
      std::string value = p.type == S::kStr ? as_std_string(d) : str(d, p.type);
      capture_list += (capture_list.empty() ? "" : ", ") + p.cpp_name + " = " + value;
      continue;
    }
    S::TypeId pt = T.arg(ft, i);
    std::string type = is_scalar(pt) ? cpp_type(pt) : "const " + cpp_type(pt) + "&";
    // `lambda s: 2.0`: an unused parameter keeps its name as a comment (-Wunused-parameter).
    bool used = false;
    for_each_expr(m_, l.body, [&](ExprId x) {
      used = used || (get_if<Name>(m_, x) && s_.name_ref[x].kind == S::NameRef::Scoped && s_.name_ref[x].index == own[i]);
    });
    params += (i ? ", " : "") + type + (used ? " " + p.cpp_name : " /*" + p.cpp_name + "*/");
  }
  S::TypeId result = T.get(ft).args.back();
  std::string body = result == S::kNoneType ? str(l.body) + ";" : "return " + str(l.body, result) + ";";
  return {"[" + capture_list + "](" + params + ") -> " + return_type(result) + " { " + body + " }", 2};
}

std::string Emitter::key_function(ExprId key, S::TypeId elem) {
  if (s_.types.get(s_.expr_type[key]).name == "cmp_to_key") return cmp_key_function(key, elem);  // stdlib_partial.cpp
  std::string param = is_scalar(elem) ? cpp_type(elem) : "const " + cpp_type(elem) + "&";
  // operator.itemgetter(i) / attrgetter("field"): the only calls sema accepts as keys.
  if (auto* c = get_if<Call>(m_, key)) {
    if (!get_if<StrLit>(m_, c->args[0])) {  // itemgetter(i), i a literal (maybe negative)
      int64_t i = 0;
      if (auto* lit = get_if<IntLit>(m_, c->args[0])) i = lit->value;
      if (auto* neg = get_if<UnaryOp>(m_, c->args[0])) i = -std::get<IntLit>(m_.expr(neg->operand).node).value;
      if (s_.types.kind(elem) == TypeKind::Tuple) {
        int64_t k = i < 0 ? i + static_cast<int64_t>(s_.types.get(elem).args.size()) : i;
        return "[](" + param + " item) { return std::get<" + std::to_string(k) + ">(item); }";
      }
      return "[](" + param + " item) { return py::at(item, " + std::to_string(i) + "); }";
    }
    const std::string& field = std::get<StrLit>(m_.expr(c->args[0]).node).value;
    return "[](" + param + " item) { return item->" + sema::cpp_identifier(field) + "; }";
  }
  if (auto* l = get_if<Lambda>(m_, key)) {
    const std::vector<uint32_t>& own = s_.lambda_params.at(key);
    const S::Variable& p = s_.scoped_vars[own[0]];
    // Capture by reference only what the body reads from the enclosing function.
    bool captures = false;
    for_each_expr(m_, l->body, [&](ExprId x) {
      const S::NameRef& ref = s_.name_ref[x];
      if (!get_if<Name>(m_, x)) return;
      if (ref.kind == S::NameRef::Variable) captures = true;
      if (ref.kind == S::NameRef::Scoped && std::find(own.begin(), own.end(), ref.index) == own.end()) captures = true;
    });
    std::string capture = captures ? "[&]" : "[]";
    std::string body = s_.expr_type[l->body] == S::kStr ? as_std_string(l->body) : str(l->body);
    return capture + "(" + param + " " + p.cpp_name + ") { return " + body + "; }";
  }
  if (auto* at = get_if<Attribute>(m_, key)) {
    if (s_.types.kind(s_.expr_type[at->value]) == TypeKind::Dict) {  // key=d.__getitem__ / key=d.get
      std::string d = str(at->value);
      if (at->attr == "__getitem__") return "[&](" + param + " k) { return " + d + ".at(k); }";
      return "[&](" + param + " k) { return " + d + ".contains(k) ? " + d + ".at(k) : py::not_translated_value<" +
             cpp_type(s_.types.arg(s_.expr_type[at->value], 1)) + ">(\"key=" + (get_if<Name>(m_, at->value) ? std::get<Name>(m_.expr(at->value).node).id : std::string("d")) +
             ".get met a missing key: Python would compare its None key\"); }";
    }
    return "[](" + param + " s) { return py::" + at->attr + "(s); }";
  }
  const S::NameRef& ref = s_.name_ref[key];
  const std::string& name = std::get<Name>(m_.expr(key).node).id;
  if (ref.kind == S::NameRef::Function) {
    const S::Function& f = s_.functions[ref.index];
    if (f.num_params == 1 && f.vars[0].type == elem) return f.cpp_name;
    return "[](" + param + " item) { return " + f.cpp_name + "(item); }";
  }
  if (ref.kind == S::NameRef::Variable) return fn_->vars[ref.index].cpp_name;  // a Callable value
  std::string fn = name == "int" ? "to_int" : name == "float" ? "to_float" : name;  // int("7"): py::to_int
  return "[](" + param + " item) { return py::" + fn + "(item); }";
}

// list.sort(key=..., reverse=...): stable, and reverse keeps equal items in their order.
std::string Emitter::sort_in_place(const std::string& list, S::TypeId elem, const Call& c) {
  const Keyword* rev = keyword(c, "reverse");
  const Keyword* key = keyword(c, "key");
  if (key && get_if<NoneLit>(m_, key->value)) key = nullptr;
  std::string reverse = rev ? ", " + condition(rev->value) : "";
  if (key) return fmt::format("py::sort_by({}, {}{})", list, key_function(key->value, elem), reverse);
  // Numbers and strings order with operator<; instances (their __lt__), and containers of them,
  // through py::sort's Python comparison.
  const bool plain = elem == S::kInt || elem == S::kFloat || elem == S::kBool || elem == S::kStr;
  if (!rev && plain) return fmt::format("std::stable_sort({0}.begin(), {0}.end())", list);
  return fmt::format("py::sort({}{})", list, reverse);
}

// Builtins that take an iterable; generator expressions become loops folding their items.
std::optional<CppExpr> Emitter::iteration_call(ExprId e, const std::string& name, const Call& c) {
  static const std::set<std::string> names = {"min", "max", "sum", "sorted", "any", "all",
                                              "list", "enumerate", "zip", "reversed", "map", "filter"};
  if (!names.count(name)) return std::nullopt;
  const S::TypeTable& T = s_.types;
  S::TypeId result_t = s_.expr_type[e];
  auto arg_t = [&](size_t i) { return s_.expr_type[c.args[i]]; };
  const Keyword* key = keyword(c, "key");
  if (key && get_if<NoneLit>(m_, key->value)) key = nullptr;
  const Keyword* dflt = keyword(c, "default");
  const Keyword* rev = keyword(c, "reverse");
  const Keyword* start = keyword(c, "start");
  ExprId start_e = c.args.size() == 2 ? c.args[1] : start ? start->value : kNoNode;

  if (auto f = fold(e)) return folded(*f);  // a generator expression, folded as it is produced

  // Everything else: the runtime's functions over any iterable.
  auto iterable = [&](size_t i) {
    // Strings iterate by code point; a literal must become a std::string first.
    if (arg_t(i) == S::kStr && (name == "sorted" || name == "min" || name == "max" || name == "sum"))
      return "py::to_list(" + as_std_string(c.args[i]) + ")";
    return as_std_string(c.args[i]);
  };
  if (name == "min" || name == "max") {
    if (c.args.size() > 1) {
      // Mixed int/float arguments compare as double (the result is a float); int literals next
      // to int64_t values get one type.
      std::string out = "py::" + name + "(";
      for (size_t i = 0; i < c.args.size(); ++i) {
        std::string a = str(c.args[i]);
        if (result_t == S::kFloat && get_if<IntLit>(m_, c.args[i])) a = str(c.args[i], S::kFloat);
        else if (result_t == S::kFloat && arg_t(i) != S::kFloat) a = "static_cast<double>(" + a + ")";
        else if (get_if<IntLit>(m_, c.args[i])) a = "int64_t{" + a + "}";
        else if (get_if<StrLit>(m_, c.args[i])) a = as_std_string(c.args[i]);
        out += (i ? ", " : "") + a;
      }
      return CppExpr{out + ")", 2};
    }
    S::TypeId el = result_t;
    std::string items = iterable(0);
    if (key && dflt)
      return CppExpr{fmt::format("py::{}_by_or({}, {}, {})", name, items, key_function(key->value, el), str(dflt->value, el)), 2};
    if (key) return CppExpr{fmt::format("py::{}_by({}, {})", name, items, key_function(key->value, el)), 2};
    if (dflt) return CppExpr{fmt::format("py::{}_or({}, {})", name, items, str(dflt->value, el)), 2};
    return CppExpr{"py::" + name + "(" + items + ")", 2};
  }
  if (name == "sum") {
    if (start_e == kNoNode) return CppExpr{"py::sum(" + iterable(0) + ")", 2};
    std::string s = str(start_e);
    if (result_t == S::kFloat && s_.expr_type[start_e] != S::kFloat) s = "static_cast<double>(" + s + ")";
    else if (get_if<IntLit>(m_, start_e)) s = "int64_t{" + s + "}";
    return CppExpr{"py::sum(" + iterable(0) + ", " + s + ")", 2};
  }
  if (name == "sorted") {
    S::TypeId el = T.arg(result_t, 0);
    std::string reverse = rev ? ", " + condition(rev->value) : "";
    if (key) return CppExpr{fmt::format("py::sorted_by({}, {}{})", iterable(0), key_function(key->value, el), reverse), 2};
    return CppExpr{"py::sorted(" + iterable(0) + reverse + ")", 2};
  }
  if (name == "any" || name == "all") return CppExpr{"py::" + name + "(" + iterable(0) + ")", 2};
  if (name == "list") {
    if (T.kind(arg_t(0)) == TypeKind::List && !T.is_deque(arg_t(0)))
      return CppExpr{cpp_type(result_t) + "(" + str(c.args[0]) + ")", 2};
    return CppExpr{"py::to_list(" + iterable(0) + ")", 2};
  }
  if (name == "enumerate") {
    if (start_e == kNoNode) return CppExpr{"py::enumerate(" + iterable(0) + ")", 2};
    return CppExpr{"py::enumerate(" + iterable(0) + ", " + str(start_e) + ")", 2};
  }
  if (name == "zip" && c.args.size() == 1 && get_if<Starred>(m_, c.args[0]))  // zip(*rows): sema/transpose.cpp
    return CppExpr{"py::transpose(" + str(std::get<Starred>(m_.expr(c.args[0]).node).value) + ")", 2};
  if (name == "zip") return CppExpr{"py::zip(" + args(c.args, true) + ")", 2};
  if (name == "map" || name == "filter") {
    std::string items = as_std_string(c.args[1]);  // a str walks its code points (views.hpp)
    if (get_if<NoneLit>(m_, c.args[0])) return CppExpr{"py::filter(nullptr, " + items + ")", 2};
    // The item type f / pred is called with (sema checked the iterable is one of these).
    S::TypeId it = arg_t(1);
    S::TypeId el = it == S::kStr ? S::kStr : T.kind(it) == TypeKind::Range ? S::kInt : T.arg(it, 0);
    if (name == "filter") el = T.arg(result_t, 0);
    return CppExpr{"py::" + name + "(" + key_function(c.args[0], el) + ", " + items + ")", 2};
  }
  return CppExpr{"py::reversed(" + iterable(0) + ")", 2};  // reversed
}

// True if the body may change a list named inside the iterable (`for x in reversed(xs)` with
// `xs.append(...)` in the body).
bool Emitter::iterates_mutated_list(ExprId iter, const Body& body) const {
  bool found = false;
  for_each_expr(m_, iter, [&](ExprId x) {
    if (auto* n = get_if<Name>(m_, x); n && s_.types.kind(s_.expr_type[x]) == TypeKind::List && mutated_in(body, n->id))
      found = true;
  });
  return found;
}

// `for a, (b, c) in ...`, or a view whose items refer into a list the body changes or whose
// names the body reassigns: take each element whole and copy its parts into the names
// (declared here when they live only in the loop, assigned when they are declared outside).
void Emitter::unpacking_loop(const For& f, const TupleLit& targets) {
  fold_root_ = f.target;
  std::string element = fresh_local("element");
  fold_root_ = kNoNode;
  std::string init = loop_init(f.iter);
  w_->line("for (" + init + "const auto& " + element + " : " + range_expression(f.iter) + ") {");
  end_loop_init(f.iter);
  w_->indent();
  std::set<const S::Variable*> declared;
  std::function<void(const TupleLit&, const std::string&)> parts = [&](const TupleLit& t, const std::string& from) {
    for (size_t i = 0; i < t.elts.size(); ++i) {
      std::string part = "std::get<" + std::to_string(i) + ">(" + from + ")";
      if (auto* inner = get_if<TupleLit>(m_, t.elts[i])) {
        parts(*inner, part);
        continue;
      }
      const S::Variable* v = variable(t.elts[i]);
      bool declare = v && v->placement == S::DeclPlacement::ForHeader && declared.insert(v).second;
      std::string decl = declare ? cpp_type(v->type) + " " : "";
      w_->line(decl + str(t.elts[i]) + " = " + part + ";");
    }
  };
  parts(targets, element);
  body(f.body);
  w_->dedent();
  w_->line("}");
}

}  // namespace py2cpp
