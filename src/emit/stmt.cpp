// Statements. Each Python statement becomes the C++ a reviewer expects at that place, with a
// `// file.py:LINE` provenance mapping kept per line for diagnostics.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ast/walk.hpp"
#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

std::string Emitter::location(const Span& span) const {
  std::string file = m_.path.substr(m_.path.find_last_of('/') + 1);
  return file + ":" + std::to_string(span.line);
}

void Emitter::quote_python(const Span& span, std::string_view prefix) {
  // Quote whole source lines, so indentation reads as in the Python file.
  size_t begin = m_.source.rfind('\n', span.begin == 0 ? 0 : span.begin - 1);
  begin = (begin == std::string::npos || span.begin == 0) ? 0 : begin + 1;
  std::string_view text = std::string_view(m_.source).substr(begin, span.end - begin);
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    w_->line(std::string(prefix) + std::string(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

void stub_comment(CodeWriter& w, const StubReason& r, PyPos pos, const std::string& what) {
  const StubKindInfo& k = stub_info(r.kind);
  w.line("// TODO(py2cpp): " + what + r.detail + " [" + k.code + "]", pos);
  w.line(std::string("// => fix: ") + k.fix, pos);  // "=>": clang-format does not join it to the line above
}

std::string stub_message(const StubReason& r) { return r.detail + " [" + stub_info(r.kind).code + "]"; }

void Emitter::stub_stmt(StmtId id, const StubReason& reason) {
  const Span& span = m_.stmt(id).span;
  stub_comment(*w_, reason, pos(span));
  quote_python(span);
  w_->line("py::not_translated(" + string_literal(location(span) + ": " + stub_message(reason)) + ");", pos(span));
}

void Emitter::body(const Body& b) {
  hoisted_declarations(b);
  for (StmtId id : b) stmt(id);
}

// Variables whose uses span several blocks are declared once, at the top of the enclosing block.
void Emitter::hoisted_declarations(const Body& b) {
  if (!fn_) return;
  for (size_t i = fn_->num_params; i < fn_->vars.size(); ++i) {
    const S::Variable& v = fn_->vars[i];
    if (v.placement == S::DeclPlacement::Hoisted && v.hoist_block == &b && !v.pattern_only)
      w_->line(cpp_type(v.type) + " " + v.cpp_name + "{};", pos(v.span));
  }
}

bool Emitter::bound_in(const Body& b, const std::string& name) const {
  for (StmtId s : b) {
    bool found = false;
    for_each_stmt_expr(m_, s, [&](ExprId e) {
      const StmtNode& n = m_.stmt(s).node;
      auto check_target = [&](ExprId t) {
        for_each_expr(m_, t, [&](ExprId x) {
          if (auto* nm = get_if<Name>(m_, x); nm && nm->id == name) found = true;
        });
      };
      if (auto* a = std::get_if<Assign>(&n)) {
        for (ExprId t : a->targets)
          if (t == e) check_target(t);
      } else if (auto* a = std::get_if<AugAssign>(&n)) {
        if (a->target == e) check_target(e);
      } else if (auto* a = std::get_if<AnnAssign>(&n)) {
        if (a->target == e) check_target(e);
      } else if (auto* f = std::get_if<For>(&n)) {
        if (f->target == e) check_target(e);
      }
    });
    for (ExprId t : walrus_targets(m_, s))  // `(n := n - 1)`
      if (std::get<Name>(m_.expr(t).node).id == name) found = true;
    if (auto* mt = get_stmt_if<Match>(m_, s))  // `case [name, *_]:`
      for (const MatchCase& c : mt->cases) {
        std::vector<ExprId> captures;
        pattern_captures(m_, c.pattern, captures);
        for (ExprId x : captures) found = found || std::get<Name>(m_.expr(x).node).id == name;
      }
    if (found) return true;
    for (const Body* c : child_bodies(m_, s))
      if (bound_in(*c, name)) return true;
  }
  return false;
}

// True if `name` may be mutated in b (sema/mutation_scan.cpp).
bool Emitter::mutated_in(const Body& b, const std::string& name) const { return S::may_mutate_name(m_, b, name); }

void Emitter::stmt(StmtId id) {
  const Stmt& st = m_.stmt(id);
  w_->set_origin(pos(st.span));
  if (!s_.stmt_stub[id].empty()) return stub_stmt(id, s_.stmt_stub[id]);
  std::visit(
      [&](const auto& node) {
        using N = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<N, ExprStmt>) {
          if (fn_ && node.value == fn_->super_init) return;  // in the constructor's initializer list
          if (get_if<EllipsisLit>(m_, node.value)) return;     // `...` as a body, like pass
          if (get_if<StrLit>(m_, node.value)) {  // a docstring or a bare string: keep it as a comment
            std::string text = std::get<StrLit>(m_.expr(node.value).node).value;
            size_t start = 0;
            while (start <= text.size()) {
              size_t nl = text.find('\n', start);
              w_->line("// " + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
              if (nl == std::string::npos) break;
              start = nl + 1;
            }
            return;
          }
          if (auto* y = get_if<Yield>(m_, node.value); y && fn_ && fn_->is_generator) return yield_stmt(*y);
          w_->line(str(node.value) + ";");
        } else if constexpr (std::is_same_v<N, Assign>) {
          assign(id, node);
        } else if constexpr (std::is_same_v<N, AnnAssign>) {
          if (node.value == kNoNode) return;  // a declaration: the variable is hoisted
          Assign a{{node.target}, node.value};
          assign(id, a);
        } else if constexpr (std::is_same_v<N, AugAssign>) {
          aug_assign(node);
        } else if constexpr (std::is_same_v<N, Return>) {
          return_stmt(node);
        } else if constexpr (std::is_same_v<N, If>) {
          if_chain(node, false);
        } else if constexpr (std::is_same_v<N, While>) {
          loop_with_else(node.body, node.orelse, [&] {
            w_->line("while (" + condition(node.test) + ") {");
            w_->indent();
            body(node.body);
            w_->dedent();
            w_->line("}");
          });
        } else if constexpr (std::is_same_v<N, For>) {
          loop_with_else(node.body, node.orelse, [&] { for_loop(id, node); });
        } else if constexpr (std::is_same_v<N, Break>) {
          if (auto flag = break_flags_.find(loop_depth_); flag != break_flags_.end())
            w_->line(flag->second + " = true;");
          leave_through_finally(false, "break;");
        } else if constexpr (std::is_same_v<N, Continue>) {
          leave_through_finally(false, "continue;");
        } else if constexpr (std::is_same_v<N, ast::Global>) {
          // nothing to declare: the names are the namespace's variables
        } else if constexpr (std::is_same_v<N, Pass>) {
          // nothing to do: an empty C++ statement would only draw warnings
        } else if constexpr (std::is_same_v<N, Comment>) {
          std::string comment = "//" + (node.text.empty() ? std::string() : " " + node.text);
          if (!w_->trailing_comment(comment, st.span.line)) w_->line(comment);
        } else if constexpr (std::is_same_v<N, Raise>) {
          raise(node);
        } else if constexpr (std::is_same_v<N, Try>) {
          try_stmt(node);
        } else if constexpr (std::is_same_v<N, With>) {
          with_stmt(id, node);  // with_stmt.cpp
        } else if constexpr (std::is_same_v<N, Match>) {
          match_stmt(id, node);  // match_stmt.cpp
        } else if constexpr (std::is_same_v<N, Delete>) {
          del_stmt(node);
        } else if constexpr (std::is_same_v<N, FunctionDef>) {
          nested_function(id);
        } else if constexpr (std::is_same_v<N, Nonlocal>) {
          // nothing to declare: the lambda captures the enclosing variable
        } else if constexpr (std::is_same_v<N, Assert>) {
          std::string msg = node.msg == kNoNode ? "" : str(node.msg);
          w_->line("if (!(" + condition(node.test) + ")) throw py::AssertionError(" + msg + ");");
        } else {
          stub_stmt(id, {StubKind::UnsupportedSyntax, "statement not supported"});
        }
      },
      st.node);
}

void Emitter::assign(StmtId id, const Assign& a) {
  if (comprehension_assignment(id, a)) return;  // `T xs; for (...) xs.push_back(...);`
  // `a, b = 0, 1` where no target is read on the right: plain assignments, one per name.
  if (a.targets.size() == 1 && is_independent_unpacking(m_, a)) {
    const auto& targets = get_if<TupleLit>(m_, a.targets[0])->elts;
    const auto& values = get_if<TupleLit>(m_, a.value)->elts;
    for (size_t i = 0; i < targets.size(); ++i) assign(id, Assign{{targets[i]}, values[i]});
    return;
  }
  if (swap_assign(a)) return;
  // Unpacking: `a, b = b, a + b` evaluates the whole right side first.
  if (a.targets.size() == 1 && (get_if<TupleLit>(m_, a.targets[0]) || get_if<ListLit>(m_, a.targets[0]))) {
    const std::vector<ExprId>& elts = get_if<TupleLit>(m_, a.targets[0]) ? get_if<TupleLit>(m_, a.targets[0])->elts
                                                                         : get_if<ListLit>(m_, a.targets[0])->elts;
    if (std::any_of(elts.begin(), elts.end(), [&](ExprId el) { return get_if<Starred>(m_, el) != nullptr; })) {
      // `head, *rest = xs`: in a block of its own, the value held once while the names take their parts.
      // `*xs, last = xs`: xs changes while the parts are still being taken (a copy is held);
      // `head, *tail = tail` takes the parts before its last store.
      bool reads_target = false;
      for_each_expr(m_, a.value, [&](ExprId x) {
        for (size_t i = 0; i + 1 < elts.size(); ++i)
          for_each_expr(m_, elts[i], [&](ExprId t) {
            if (get_if<Name>(m_, t) && get_if<Name>(m_, x) && get_if<Name>(m_, t)->id == get_if<Name>(m_, x)->id)
              reads_target = true;
          });
      });
      std::string values = unpack_name("values", a.value);
      w_->line("{");
      w_->indent();
      w_->line((reads_target ? "const auto " : "const auto& ") + values + " = " + str(a.value) + ";");
      starred_stores(elts, values, s_.expr_type[a.value], false);
      w_->dedent();
      w_->line("}");
      return;
    }
    if (std::any_of(elts.begin(), elts.end(), [&](ExprId el) { return get_if<TupleLit>(m_, el) || get_if<ListLit>(m_, el); })) {
      // `(x0, y0), (x1, y1) = pts[0], pts[1]`: std::tie cannot nest, so the value is held (a copy:
      // the names may appear on the right) and each name takes its part.
      std::string values = unpack_name("values", a.value);
      w_->line("{");
      w_->indent();
      w_->line("const auto " + values + " = " + str(a.value) + ";");
      nested_stores(elts, values, s_.expr_type[a.value]);
      w_->dedent();
      w_->line("}");
      return;
    }
    std::string lhs;
    for (size_t i = 0; i < elts.size(); ++i) lhs += (i ? ", " : "") + str(elts[i]);
    S::TypeId vt = s_.expr_type[a.value];
    if (s_.types.kind(vt) == TypeKind::Tuple) {
      w_->line("std::tie(" + lhs + ") = " + str(a.value) + ";");
    } else {  // a list of the right length
      w_->line("{");
      w_->indent();
      w_->line("const auto& values = " + str(a.value) + ";");
      w_->line("py::check_unpack(values, " + std::to_string(elts.size()) + ");");
      for (size_t i = 0; i < elts.size(); ++i) w_->line(fmt::format("{} = values[{}];", str(elts[i]), i));
      w_->dedent();
      w_->line("}");
    }
    return;
  }
  ExprId first = a.targets[0];
  S::TypeId target_t = s_.expr_type[first];
  if (auto* n = get_if<Name>(m_, first)) {
    (void)n;
    const S::Variable* v = variable(first);
    if (v) target_t = v->type;
    else if (s_.name_ref[first].kind == S::NameRef::Global) target_t = s_.globals[s_.name_ref[first].index].type;
  }
  if (auto* sub = get_if<Subscript>(m_, first); sub && a.targets.size() == 1 && get_if<Slice>(m_, sub->index))
    return slice_assign(*sub, a.value);
  std::string value = str(a.value, target_t);
  if (s_.types.kind(s_.expr_type[a.value]) == TypeKind::None)
    value = get_if<NoneLit>(m_, a.value) ? str(a.value, target_t) : "py::None";
  // `d = {...}`, `s = set()`: the type is spelled on the left already.
  if (a.targets.size() == 1 && get_if<Name>(m_, first)) value = collection_initializer(a.value, target_t, value);
  // `self.log: Counter[str] = Counter()`: the empty factory call's items come from the field's type.
  else if (a.targets.size() == 1 && s_.types.has_unknown(s_.expr_type[a.value]) && !s_.types.has_unknown(target_t) &&
           collection_initializer(a.value, target_t, "") == "{}")
    value = cpp_type(target_t) + "()";
  // `xs = [1, 2]`: the variable's type is spelled on the left already.
  if (auto* list = get_if<ListLit>(m_, a.value); list && a.targets.size() == 1 && get_if<Name>(m_, first)) {
    S::TypeId el = s_.types.kind(target_t) == TypeKind::List ? s_.types.arg(target_t, 0) : S::kUnknown;
    std::string items;
    for (size_t i = 0; i < list->elts.size(); ++i) items += (i ? ", " : "") + str(list->elts[i], el);
    value = "{" + items + "}";
  }
  // `lines = []` into a `list[int] | None`: `lines = {}` would make an empty optional (None).
  if (s_.types.kind(target_t) == TypeKind::Optional && !value.empty() && value.front() == '{')
    value = cpp_type(s_.types.arg(target_t, 0)) + value;
  for (size_t i = 0; i < a.targets.size(); ++i) {
    ExprId t = a.targets[i];
    const S::Variable* v = get_if<Name>(m_, t) ? variable(t) : nullptr;
    if (std::string setter = property_setter(t); !setter.empty()) {
      w_->line(setter + "(" + (i == 0 ? value : str(a.targets[0])) + ");");
      continue;
    }
    if (auto* sub = get_if<Subscript>(m_, t); sub && s_.types.kind(s_.expr_type[sub->value]) == TypeKind::Class) {
      // `obj[k] = v`: obj.__setitem__(k, v).
      w_->line(member_access(sub->value, "__setitem__") + "(" + str(sub->index) + ", " +
               (i == 0 ? value : str(a.targets[0])) + ");");
      continue;
    }
    std::string lhs = store_target(t);
    if (auto* sub = get_if<Subscript>(m_, t); sub && s_.types.kind(s_.expr_type[sub->value]) == TypeKind::Dict) {
      lhs = dict_store_target(*sub);  // d[k] = v inserts
      if (i == 0) value = braced(a.value, s_.expr_type[t]);
    }
    if (v && v->placement == S::DeclPlacement::AtFirstBinding && v->first_binding == id)
      // `b = a` and `book = self.bids` share the list, as Python does.
      lhs = (v->borrows_field && v->borrow_const ? "const " : "") + cpp_type(v->type) +
            (v->alias_of >= 0 || v->borrows_field ? "& " : " ") + lhs;
    if (i == 0) {
      w_->line(lhs + " = " + value + ";");
    } else {
      w_->line(lhs + " = " + str(a.targets[0]) + ";");
    }
  }
}

// A name for a generated local that is no variable of the function, no global and no name read in `e`.
std::string Emitter::unpack_name(const std::string& base, ExprId e) {
  std::string name = fresh_name(base, false);
  auto clashes = [&](const std::string& n) {
    bool found = s_.global_index.count(n) > 0;
    for_each_expr(m_, e, [&](ExprId x) { found = found || str(x) == n; });
    return found;
  };
  while (clashes(name)) name = fresh_name(name + "_", false);
  return name;
}

// The stores of a starred unpacking, `first, *mid, last = values`: each plain name takes its
// item, the starred one a new list of those between (ValueError with CPython's message when
// there are fewer items than plain names). `values` is a list or a tuple (of known length);
// `declare`: loop variables that live only in the loop are declared here.
void Emitter::starred_stores(const std::vector<ExprId>& elts, const std::string& values, S::TypeId vt, bool declare) {
  size_t star = 0;
  for (size_t i = 0; i < elts.size(); ++i)
    if (get_if<Starred>(m_, elts[i])) star = i;
  const size_t after = elts.size() - 1 - star;
  const bool tuple = s_.types.kind(vt) == TypeKind::Tuple;
  const size_t n = tuple ? s_.types.get(vt).args.size() : 0;
  auto store = [&](ExprId name, const std::string& value) {
    const S::Variable* v = variable(name);
    bool decl = declare && v && v->placement == S::DeclPlacement::ForHeader;
    w_->line((decl ? cpp_type(v->type) + " " : "") + str(name) + " = " + value + ";");
  };
  if (!tuple) w_->line(fmt::format("py::check_unpack_at_least({}, {});", values, elts.size() - 1));
  for (size_t i = 0; i < elts.size(); ++i) {
    if (i == star) {
      ExprId name = get_if<Starred>(m_, elts[i])->value;
      const S::Variable* v = variable(name);
      std::string list_t = cpp_type(v ? v->type : s_.expr_type[name]);
      if (!tuple) {
        std::string end = after ? fmt::format("{}.end() - {}", values, after) : values + ".end()";
        std::string begin = star ? fmt::format("{}.begin() + {}", values, star) : values + ".begin()";
        store(name, fmt::format("{}({}, {})", list_t, begin, end));
      } else {
        std::string items;
        for (size_t k = star; k + after < n; ++k) items += fmt::format("{}std::get<{}>({})", items.empty() ? "" : ", ", k, values);
        store(name, list_t + "{" + items + "}");
      }
    } else if (i < star) {
      store(elts[i], tuple ? fmt::format("std::get<{}>({})", i, values) : fmt::format("{}[{}]", values, i));
    } else {
      size_t from_end = elts.size() - i;  // 1 for the last name
      store(elts[i], tuple ? fmt::format("std::get<{}>({})", n - from_end, values)
                           : fmt::format("{0}[{0}.size() - {1}]", values, from_end));
    }
  }
}

// The stores of a nested unpacking target from `values` (a tuple, or a list checked for length).
void Emitter::nested_stores(const std::vector<ExprId>& elts, const std::string& values, S::TypeId vt) {
  const bool tuple = s_.types.kind(vt) == TypeKind::Tuple;
  if (!tuple) w_->line(fmt::format("py::check_unpack({}, {});", values, elts.size()));
  for (size_t i = 0; i < elts.size(); ++i) {
    std::string part = tuple ? fmt::format("std::get<{}>({})", i, values) : fmt::format("{}[{}]", values, i);
    S::TypeId part_t = tuple ? s_.types.arg(vt, i) : s_.types.arg(vt, 0);
    const std::vector<ExprId>* inner = nullptr;
    if (auto* t = get_if<TupleLit>(m_, elts[i])) inner = &t->elts;
    if (auto* l = get_if<ListLit>(m_, elts[i])) inner = &l->elts;
    if (inner) {
      nested_stores(*inner, part, part_t);
    } else {
      w_->line(str(elts[i]) + " = " + part + ";");
    }
  }
}

// `obj.prop = v` where prop is a @property with a setter: "obj->set_prop", else "".
std::string Emitter::property_setter(ExprId target) {
  auto* at = get_if<Attribute>(m_, target);
  if (!at) return "";
  const S::Class* cls = class_of_type(s_.expr_type[at->value]);
  for (const S::Class* c = cls; c; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
    if (auto it = c->methods.find(at->attr + ".setter"); it != c->methods.end())
      return member_access(at->value, s_.functions[it->second].cpp_name);
  return "";
}

void Emitter::aug_assign(const AugAssign& a) {
  std::string target = str(a.target);
  // c[k] += n on a Counter: the item is created (0) when missing; a read alone would not create it.
  if (auto* sub = get_if<Subscript>(m_, a.target); sub && s_.types.dict_kind(s_.expr_type[sub->value]) == "Counter")
    target = dict_store_target(*sub);
  // `xs[i()] += f()`: Python evaluates the index before the value, but C++17 sequences the right
  // operand of a compound assignment first. Bind the element (index evaluated) to a reference in a
  // block of its own, then update it.
  bool slot = false;
  if (auto* sub = get_if<Subscript>(m_, a.target);
      sub && !(class_of_type(s_.expr_type[a.target]) && S::binop_dunder(a.op)) &&
      (has_effects(sub->index) || has_effects(sub->value)) && has_effects(a.value)) {
    w_->line("{");
    w_->indent();
    w_->line("auto& py_slot = " + target + ";");
    target = "py_slot";
    slot = true;
  }
  auto update = [&]() {
    S::TypeId tt = s_.expr_type[a.target];
    // `v += w` on instances: v = v.__iadd__(w) (which changes v and returns it), else v = v.__add__(w).
    if (class_of_type(tt) && S::binop_dunder(a.op)) {
      std::string in_place = std::string("__i") + (S::binop_dunder(a.op) + 2);
      bool has_in_place = false;
      for (const S::Class* c = class_of_type(tt); c && !has_in_place; c = c->base >= 0 ? &s_.classes[c->base] : nullptr)
        has_in_place = c->methods.count(in_place) > 0;
      return w_->line(target + " = " +
                      dunder_call(has_in_place ? in_place : S::binop_dunder(a.op), a.target, {a.value}).text + ";");
    }
    S::TypeId vt = s_.expr_type[a.value];
    std::string value = str(a.value);
    auto assign_call = [&](const char* fn) { w_->line(fmt::format("{0} = {1}({0}, {2});", target, fn, value)); };
    switch (a.op) {
      case BinOpKind::Add:
        if (s_.types.kind(tt) == TypeKind::List) return w_->line("py::extend(" + target + ", " + value + ");");
        return w_->line(target + " += " + value + ";");
      case BinOpKind::Sub: return w_->line(target + " -= " + value + ";");
      case BinOpKind::Mul:
        if (tt == S::kStr || s_.types.kind(tt) == TypeKind::List) return assign_call("py::repeat");
        return w_->line(target + " *= " + value + ";");
      case BinOpKind::Div: return assign_call("py::truediv");
      case BinOpKind::FloorDiv: return assign_call("py::floordiv");
      case BinOpKind::Mod: return assign_call("py::mod");
      case BinOpKind::Pow: return assign_call(tt == S::kInt && vt != S::kFloat ? "py::ipow" : "py::fpow");
      case BinOpKind::LShift: return assign_call("py::lshift");
      case BinOpKind::RShift: return assign_call("py::rshift");
      case BinOpKind::BitAnd: return w_->line(target + " &= " + value + ";");
      case BinOpKind::BitOr: return w_->line(target + " |= " + value + ";");
      case BinOpKind::BitXor: return w_->line(target + " ^= " + value + ";");
      case BinOpKind::MatMul: break;
    }
    w_->line("py::not_translated(\"@=\");");
  };
  update();
  if (slot) {
    w_->dedent();
    w_->line("}");
  }
}

void Emitter::if_chain(const If& node, bool is_else_if) {
  w_->line(std::string(is_else_if ? "} else if (" : "if (") + condition(node.test) + ") {");
  w_->indent();
  body(node.body);
  w_->dedent();
  if (node.orelse.size() == 1 && s_.stmt_stub[node.orelse[0]].empty())
    if (auto* elif = get_stmt_if<If>(m_, node.orelse[0]); elif && elif->is_elif) {
      w_->set_origin(pos(m_.stmt(node.orelse[0]).span));
      return if_chain(*elif, true);
    }
  if (!node.orelse.empty()) {
    w_->line("} else {");
    w_->indent();
    body(node.orelse);
    w_->dedent();
  }
  w_->line("}");
}

void Emitter::raise(const Raise& r) {
  // `raise e` inside `except E as e` re-raises the caught object (sema checked it is current);
  // `raise X from Y` is `raise X`: the chain only shows in a traceback.
  if (r.exc == kNoNode || s_.name_ref[r.exc].kind == S::NameRef::Variable) return w_->line("throw;");
  if (get_if<Call>(m_, r.exc)) return w_->line("throw " + str(r.exc) + ";");
  w_->line("throw " + str(r.exc) + "();");  // `raise ValueError` raises an instance
}

namespace {

// True if a `break` in `b` leaves the loop whose body `b` is (not one of its nested loops).
bool breaks_out(const Module& m, const Body& b) {
  for (StmtId s : b) {
    const StmtNode& n = m.stmts[s].node;
    if (std::holds_alternative<Break>(n)) return true;
    if (std::holds_alternative<For>(n) || std::holds_alternative<While>(n) ||
        std::holds_alternative<FunctionDef>(n) || std::holds_alternative<ClassDef>(n))
      continue;
    for (const Body* c : child_bodies(m, s))
      if (breaks_out(m, *c)) return true;
  }
  return false;
}

}  // namespace

// A loop, and its `else` body, which runs when the loop ends without `break`: after a loop that
// never breaks it simply follows; otherwise each `break` sets a flag the else body tests.
void Emitter::loop_with_else(const Body& loop_body, const Body& orelse, const std::function<void()>& emit_loop) {
  std::string flag;
  if (!orelse.empty() && breaks_out(m_, loop_body)) {
    flag = fresh_name("broke_out");
    w_->line("bool " + flag + " = false;");
  }
  ++loop_depth_;
  if (!flag.empty()) break_flags_[loop_depth_] = flag;
  emit_loop();
  break_flags_.erase(loop_depth_);
  --loop_depth_;
  if (orelse.empty()) return;
  if (flag.empty() && !declares_locals(orelse)) return body(orelse);
  w_->line(flag.empty() ? "{" : "if (!" + flag + ") {");
  w_->indent();
  body(orelse);
  w_->dedent();
  w_->line("}");
}

void Emitter::for_loop(StmtId id, const For& f) {
  const S::Variable* var = get_if<Name>(m_, f.target) ? variable(f.target) : nullptr;
  std::string target = str(f.target);
  S::TypeId iter_t = s_.expr_type[f.iter];
  bool header = var && var->placement == S::DeclPlacement::ForHeader;
  if (iter_t == S::kRange) {
    if (auto* c = get_if<Call>(m_, f.iter)) return for_range(f, *c, var, target);
  }
  if (auto* tuple = get_if<TupleLit>(m_, f.target)) {
    if (std::any_of(tuple->elts.begin(), tuple->elts.end(), [&](ExprId el) { return get_if<Starred>(m_, el) != nullptr; }))
      return for_starred(f, *tuple);
    return for_unpacking(f, *tuple);
  }
  std::string init = loop_init(f.iter);  // `for x in make().values()`: make() held by the loop
  S::TypeId el = var ? var->type : s_.expr_type[f.target];
  std::string el_t = cpp_type(el);
  bool scalar = el == S::kInt || el == S::kFloat || el == S::kBool;
  // A view (reversed(xs), zip(...)) over a list the body changes: copy each item, as a reference
  // into the list would not survive an append.
  if (s_.types.kind(iter_t) == TypeKind::Generator && iterates_mutated_list(f.iter, f.body)) scalar = true;
  std::string iterable = str(f.iter);
  if (iter_t == S::kStr) iterable = "py::chars(" + as_std_string(f.iter) + ")";
  if (get_if<SetLit>(m_, f.iter)) iterable = collection_literal(f.iter, S::kUnknown, true).text;
  // `for p in [2, 3, 5]`: nothing else can see the list, so a std::array (no allocation per loop).
  if (auto* list = get_if<ListLit>(m_, f.iter); list && !list->elts.empty() && s_.types.kind(iter_t) == TypeKind::List) {
    S::TypeId item_t = s_.types.arg(iter_t, 0);
    std::string items;
    for (size_t i = 0; i < list->elts.size(); ++i) items += (i ? ", " : "") + str(list->elts[i], item_t);
    iterable = fmt::format("std::array<{}, {}>{{{}}}", cpp_type(item_t), list->elts.size(), items);
  }
  bool by_value = iterates_changed_collection(f);
  auto* iter_name = get_if<Name>(m_, f.iter);
  if (s_.types.kind(iter_t) == TypeKind::List && iter_name && mutated_in(f.body, iter_name->id)) {
    // The body changes the list: iterate by index, as Python does, so appends are seen and
    // no iterator is invalidated.
    std::string idx = target + "_index";
    w_->line(fmt::format("for (size_t {0} = 0; {0} < {1}.size(); ++{0}) {{", idx, iterable));
    w_->indent();
    w_->line((header ? el_t + " " : "") + target + " = " + iterable + "[" + idx + "];");
  } else if (header) {
    std::string decl = scalar || var->rebound || by_value ? el_t + " " + target : "const " + el_t + "& " + target;
    // `for row in rows: row.append(0)`: Python's row is the list in rows, so the change is seen
    // there. A generator's items are copies already (co_yield stores one): the loop's own copy.
    if (!scalar && !var->rebound && !by_value && var->mutated)
      decl = s_.types.kind(iter_t) == TypeKind::Generator ? el_t + " " + target : "auto&& " + target;
    w_->line("for (" + init + decl + " : " + iterable + ") {");
    w_->indent();
  } else {
    std::string item = target + "_item";
    w_->line(fmt::format("for ({}{} {} : {}) {{", init, scalar ? el_t : "const " + el_t + "&", item, iterable));
    w_->indent();
    w_->line(target + " = " + item + ";");
  }
  end_loop_init(f.iter);
  (void)id;
  body(f.body);
  w_->dedent();
  w_->line("}");
}

// `for a, b in pairs`: structured bindings when the names live only in the loop, otherwise
// assignments to the enclosing variables from each element.
void Emitter::for_unpacking(const For& f, const TupleLit& targets) {
  bool header = true, rebound = false;
  std::string names;
  for (size_t i = 0; i < targets.elts.size(); ++i) {
    const S::Variable* v = get_if<Name>(m_, targets.elts[i]) ? variable(targets.elts[i]) : nullptr;
    header = header && v && v->placement == S::DeclPlacement::ForHeader;
    rebound = rebound || (v && v->rebound);
    names += (i ? ", " : "") + str(targets.elts[i]);
  }
  rebound = rebound || iterates_changed_collection(f);
  // Nested targets, and views (enumerate/zip) whose items refer into a list: comprehensions.cpp.
  bool nested = false;
  for (ExprId t : targets.elts) nested = nested || !get_if<Name>(m_, t);
  if (nested) header = false;
  if (!superseded_names(f.target).empty()) nested = true;  // `for _, _, p in rows`
  bool view = s_.types.kind(s_.expr_type[f.iter]) == TypeKind::Generator;
  if (nested || (view && header && (rebound || iterates_mutated_list(f.iter, f.body))))
    return unpacking_loop(f, targets);
  std::string init = loop_init(f.iter);  // `for k, v in make().items()`: make() held by the loop
  std::string iterable = str(f.iter);
  end_loop_init(f.iter);
  // `for k, v in d.items(): v.append(x)`: bind the entries themselves, as Python shares them.
  bool changed = false;
  for (ExprId t : targets.elts)
    if (const S::Variable* v = get_if<Name>(m_, t) ? variable(t) : nullptr) changed = changed || v->mutated;
  // A generator's (or view's) items are values: the loop's own copy, as for one name.
  const std::string binding = rebound || (changed && view) ? "auto [" : changed ? "auto&& [" : "const auto& [";
  if (header) {
    w_->line("for (" + init + binding + names + "] : " + iterable + ") {");
    w_->indent();
  } else {
    // Some names outlive the loop: bind fresh names and assign those; the loop-only ones are
    // declared by the binding itself.
    std::string bound;
    std::vector<std::string> stores;
    for (size_t i = 0; i < targets.elts.size(); ++i) {
      const S::Variable* v = variable(targets.elts[i]);
      std::string name = str(targets.elts[i]);
      if (v && v->placement == S::DeclPlacement::ForHeader) {
        bound += (i ? ", " : "") + name;
      } else {
        std::string item = fresh_name(name + "_item", false);  // scoped to the loop: reusable
        bound += (i ? ", " : "") + item;
        stores.push_back(name + " = " + item + ";");
      }
    }
    w_->line("for (" + init + binding + bound + "] : " + iterable + ") {");
    w_->indent();
    for (const auto& store : stores) w_->line(store);
  }
  body(f.body);
  w_->dedent();
  w_->line("}");
}

// `for first, *rest in rows`: each row whole, then its parts into the names.
void Emitter::for_starred(const For& f, const TupleLit& targets) {
  std::string element = unpack_name("row", f.iter);
  for (ExprId el : targets.elts)  // not a loop name either
    for_each_expr(m_, el, [&](ExprId x) {
      if (get_if<Name>(m_, x) && str(x) == element) element = unpack_name(element + "_", f.iter);
    });
  auto* iter_name = get_if<Name>(m_, f.iter);
  if (s_.types.kind(s_.expr_type[f.iter]) == TypeKind::List && iter_name && mutated_in(f.body, iter_name->id)) {
    // The body changes the list: by index, as Python does, with each row copied.
    std::string idx = element + "_index", list = str(f.iter);
    w_->line(fmt::format("for (size_t {0} = 0; {0} < {1}.size(); ++{0}) {{", idx, list));
    w_->indent();
    w_->line(fmt::format("const auto {} = {}[{}];", element, list, idx));
  } else {
    bool copy = iterates_changed_collection(f) || iterates_mutated_list(f.iter, f.body);
    std::string init = loop_init(f.iter);
    w_->line("for (" + init + (copy ? "const auto " : "const auto& ") + element + " : " + range_expression(f.iter) + ") {");
    end_loop_init(f.iter);
    w_->indent();
  }
  starred_stores(targets.elts, element, s_.expr_type[f.target], true);
  body(f.body);
  w_->dedent();
  w_->line("}");
}

void Emitter::for_range(const For& f, const Call& range, const S::Variable* var, const std::string& target) {
  ExprId start = kNoNode, stop = kNoNode, step = kNoNode;
  if (range.args.size() == 1) stop = range.args[0];
  if (range.args.size() >= 2) start = range.args[0], stop = range.args[1];
  if (range.args.size() == 3) step = range.args[2];
  int64_t step_value = 1;
  bool literal_step = true;
  if (step != kNoNode) {
    literal_step = false;
    if (auto* i = get_if<IntLit>(m_, step)) literal_step = true, step_value = i->value;
    if (auto* u = get_if<UnaryOp>(m_, step); u && u->op == UnaryOpKind::Neg)
      if (auto* i = get_if<IntLit>(m_, u->operand)) literal_step = true, step_value = -i->value;
  }
  bool header = var && var->placement == S::DeclPlacement::ForHeader;
  std::string args_text = args(range.args);
  // Steps other than +-1 go through py::range, whose iteration cannot overflow near INT64_MAX.
  if (!header || var->rebound || !literal_step || (step_value != 1 && step_value != -1)) {
    // The general form: py::range evaluates its bounds once and checks a zero step.
    if (header) {
      w_->line("for (int64_t " + target + " : py::range(" + args_text + ")) {");
      w_->indent();
    } else {
      w_->line("for (int64_t " + target + "_value : py::range(" + args_text + ")) {");
      w_->indent();
      w_->line(target + " = " + target + "_value;");
    }
  } else {
    // The classic counting loop. The bound is evaluated once, as Python's range() does.
    std::string init = start == kNoNode ? "0" : str(start);
    std::string bound = str(stop);
    bool stable = get_if<IntLit>(m_, stop) != nullptr;
    if (auto* n = get_if<Name>(m_, stop)) stable = !bound_in(f.body, n->id);
    std::string decl = "int64_t " + target + " = " + init;
    if (!stable) {
      decl += ", " + target + "_end = " + bound;
      bound = target + "_end";
    }
    std::string cond = target + (step_value > 0 ? " < " : " > ") + bound;
    std::string incr = step_value == 1    ? "++" + target
                       : step_value == -1 ? "--" + target
                       : step_value > 0   ? target + " += " + std::to_string(step_value)
                                          : target + " -= " + std::to_string(-step_value);
    w_->line("for (" + decl + "; " + cond + "; " + incr + ") {");
    w_->indent();
  }
  body(f.body);
  w_->dedent();
  w_->line("}");
}


// `yield x` -> `co_yield x;`; `yield from xs` -> a loop yielding each item (generators.cpp in sema).
void Emitter::yield_stmt(const Yield& y) {
  S::TypeId el = fn_->yield_type;
  if (!y.is_from) {
    // A binary expression in parentheses: clang-format 14 reads `co_yield i * i` as a declaration.
    std::string value = y.value == kNoNode ? std::string("py::None") : str(y.value, el);
    if (y.value != kNoNode && (get_if<BinOp>(m_, y.value) || get_if<BoolOp>(m_, y.value) ||
                               get_if<Compare>(m_, y.value) || get_if<IfExp>(m_, y.value)))
      value = "(" + value + ")";
    w_->line("co_yield " + value + ";");
    return;
  }
  S::TypeId iter_t = s_.expr_type[y.value];
  std::string iterable = iter_t == S::kStr ? "py::chars(" + as_std_string(y.value) + ")" : str(y.value);
  std::string item = fresh_name("item", false);
  w_->line("for (const auto& " + item + " : " + iterable + ") {");
  w_->indent();
  w_->line("co_yield " + item + ";");
  w_->dedent();
  w_->line("}");
}

}  // namespace py2cpp
