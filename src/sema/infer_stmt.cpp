// Statement walk: binds names, refines variable types, records returns and mutations.
#include <algorithm>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// True if control never falls off the end of `body` (it ends in return/raise/continue/break).
bool always_exits(const Module& m, const Body& body) {
  if (body.empty()) return false;
  const StmtNode& last = m.stmt(body.back()).node;
  return std::holds_alternative<Return>(last) || std::holds_alternative<Raise>(last) ||
         std::holds_alternative<Continue>(last) || std::holds_alternative<Break>(last);
}

}  // namespace

void Analyzer::infer_body(const Body& body, Scope& s) {
  for (StmtId id : body) {
    s.established.clear();
    infer_stmt(id, s);
    if (s.narrowed.empty()) continue;
    // A name bound again is no longer narrowed; `if x is None: return` narrows what follows.
    // `if (m := f()) is None: return` too: the if statement itself handled what its test binds.
    std::vector<std::string> bound, test_bound;
    collect_bound_names(id, bound);
    if (get_stmt_if<If>(m_, id))
      for (ExprId t : walrus_targets(m_, id)) test_bound.push_back(std::get<Name>(m_.expr(t).node).id);
    for (const auto& n : bound)
      if (std::count(bound.begin(), bound.end(), n) != std::count(test_bound.begin(), test_bound.end(), n) &&
          !s.established.count(n))
        forget_name_narrowing(s, n);
    bool fields_narrowed = std::any_of(s.narrowed.begin(), s.narrowed.end(),
                                       [](const auto& kv) { return kv.first.find('.') != std::string::npos; });
    // `self.count += 1`, `self.last = msg`: a plain store into named fields, with nothing in the
    // value that runs user code, changes those fields only (by any base name: two names may be
    // one object); other fields stay narrowed.
    if (fields_narrowed) {
      std::vector<ExprId> targets;
      ExprId value = kNoNode;
      if (auto* a = get_stmt_if<Assign>(m_, id)) targets = a->targets, value = a->value;
      if (auto* a = get_stmt_if<AugAssign>(m_, id)) targets = {a->target}, value = a->value;
      if (auto* a = get_stmt_if<AnnAssign>(m_, id); a && a->value != kNoNode) targets = {a->target}, value = a->value;
      bool plain = value != kNoNode && !targets.empty() && !expr_may_change_fields(value);
      std::set<std::string> fields;
      for (ExprId t : targets) {
        auto* at = get_if<Attribute>(m_, t);
        plain = plain && at && get_if<Name>(m_, at->value);
        if (plain) fields.insert(at->attr);
      }
      if (plain) {
        for (auto it = s.narrowed.begin(); it != s.narrowed.end();) {
          size_t dot = it->first.find('.');
          bool hit = dot != std::string::npos && fields.count(it->first.substr(dot + 1)) && !s.established.count(it->first);
          it = hit ? s.narrowed.erase(it) : std::next(it);
        }
        continue;
      }
    }
    // What this statement itself set (`self.cache = []`, or both branches of an if) stays narrowed.
    if (fields_narrowed && stmt_may_change_fields(id)) {
      std::map<std::string, TypeId> kept;
      for (const auto& k : s.established)
        if (auto it = s.narrowed.find(k); it != s.narrowed.end() && k.find('.') != std::string::npos) kept.insert(*it);
      forget_attribute_narrowing(s);
      s.narrowed.insert(kept.begin(), kept.end());
    }
  }
}

void Analyzer::bind_name(ExprId target, const std::string& name, TypeId t, Scope& s, const std::string& reason) {
  auto update = [&](TypeId& type, std::string& why, ast::Span& span, bool fixed) {
    if (t == kUnknown) return;
    TypeId u = r_.types.unify(type, t);
    if (u == kUnknown || (fixed && u != type)) {
      if (s.fn && s.fn->stmt != kNoNode) r_.loop_name_conflicts.push_back({s.fn->stmt, name});
      unsupported(s, StubKind::TypeMismatch, "'" + name + "' is " + r_.types.python_name(type) + " but is assigned a " +
                         r_.types.python_name(t) + " (a C++ variable has one type)");
      return;
    }
    if (int_where_float(t, u) && (!s.fn || float_slot_visible(*s.fn, name)))
      note_int_as_float(s, m_.expr(target).span, t, u, "'" + name + "'");
    if (u != type) {
      why = type == kUnknown ? reason : reason + " (widened from " + r_.types.python_name(type) + ")";
      type = u;
      span = m_.expr(target).span;
      changed_ = true;
    }
  };
  if (s.fn) {
    auto it = s.fn->var_index.find(name);
    if (it != s.fn->var_index.end()) {
      Variable& v = s.fn->vars[it->second];
      r_.name_ref[target] = {NameRef::Variable, it->second};
      update(v.type, v.reason, v.span, v.annotated || it->second < s.fn->num_params);
      return;
    }
  }
  auto it = r_.global_index.find(name);
  if (it == r_.global_index.end()) {
    unsupported(s, StubKind::GlobalScope, "assignment to '" + name + "', which is not a local here (global statements come later)");
    return;
  }
  Global& g = r_.globals[it->second];
  if (!g.external_module.empty()) {
    // Python rebinds this module's name only; C++ would assign the other module's variable.
    unsupported(s, StubKind::GlobalScope, "assignment to '" + name + "', imported from " + g.external_module + " (Python rebinds only this " +
                       "module's name); use a name of its own");
    return;
  }
  r_.name_ref[target] = {NameRef::Global, it->second};
  if (s.fn) g.mutated = true;  // `global counter` then `counter += 1`: not a constant
  ast::Span span;
  update(g.type, g.reason, span, false);
}

void Analyzer::bind_target(ExprId target, TypeId t, Scope& s, const std::string& reason) {
  const Expr& ex = m_.expr(target);
  if (r_.types.kind(t) == TypeKind::DictView) {
    unsupported(s, StubKind::DictView, "a dict view (" + r_.types.python_name(t) + ") can only be iterated or passed to list(), sorted(), "
                   "len(), set(), min(), max(), sum() or `in` directly; use list(...) to keep it");
    return;
  }
  if (auto* n = std::get_if<Name>(&ex.node)) {
    bind_name(target, n->id, t, s, reason);
    r_.expr_type[target] = t;
    return;
  }
  const std::vector<ExprId>* elts = nullptr;
  if (auto* tl = std::get_if<TupleLit>(&ex.node)) elts = &tl->elts;
  if (auto* ll = std::get_if<ListLit>(&ex.node)) elts = &ll->elts;
  if (elts) {
    const TypeTable& T = r_.types;
    if (std::any_of(elts->begin(), elts->end(), [&](ExprId el) { return get_if<Starred>(m_, el) != nullptr; }))
      return bind_starred_target(target, *elts, t, s, reason);
    for (size_t i = 0; i < elts->size(); ++i) {
      const ExprId el = (*elts)[i];
      const std::vector<ExprId>* inner = get_if<TupleLit>(m_, el) ? &get_if<TupleLit>(m_, el)->elts
                                         : get_if<ListLit>(m_, el) ? &get_if<ListLit>(m_, el)->elts
                                                                   : nullptr;
      if (inner && std::any_of(inner->begin(), inner->end(), [&](ExprId x) { return get_if<Starred>(m_, x) != nullptr; })) {
        unsupported(s, StubKind::UnpackingForm, "a starred name inside a nested target ('" + expr_text(el) + "')");
        return;
      }
      TypeId et = kUnknown;
      if (T.kind(t) == TypeKind::Tuple) {
        if (T.get(t).args.size() != elts->size()) {
          unsupported(s, StubKind::UnpackingForm, "unpacking " + std::to_string(T.get(t).args.size()) + " values into " +
                             std::to_string(elts->size()) + " targets");
          return;
        }
        et = T.arg(t, i);
      } else if (T.kind(t) == TypeKind::List) {
        et = T.arg(t, 0);
      } else if (t != kUnknown) {
        unsupported(s, StubKind::UnpackingForm, "unpacking a " + T.python_name(t));
        return;
      }
      bind_target(el, et, s, reason);
    }
    r_.expr_type[target] = t;
    return;
  }
  if (auto* a = std::get_if<Attribute>(&ex.node)) {
    bind_attribute(target, *a, t, s);
    return;
  }
  if (auto* sub = std::get_if<Subscript>(&ex.node)) {
    if (get_if<Slice>(m_, sub->index)) return bind_slice_target(*sub, t, s);
    if (r_.types.kind(infer(sub->value, s)) == TypeKind::Dict) return store_dict_item(target, *sub, t, s);
    if (r_.types.kind(r_.expr_type[sub->value]) == TypeKind::Class) return store_instance_item(target, *sub, t, s);
    if (r_.types.is_vtuple(r_.expr_type[sub->value]))
      return unsupported(s, StubKind::RaisesInPython, "a tuple's items cannot be assigned (TypeError in Python)");
    TypeId elem = infer(target, s);
    note_mutation(sub->value, s);
    if (elem == kUnknown || t == kUnknown) return;
    if (r_.types.kind(r_.expr_type[sub->value]) != TypeKind::List) {
      unsupported(s, StubKind::OperationNotDefined, "item assignment on a " + r_.types.python_name(r_.expr_type[sub->value]));
      return;
    }
    if (r_.types.unify(elem, t) != elem)
      unsupported(s, StubKind::TypeMismatch, "storing a " + r_.types.python_name(t) + " into a list of " + r_.types.python_name(elem));
    else
      note_int_as_float(s, m_.expr(target).span, t, elem, "an item of '" + expr_text(sub->value) + "'");
    return;
  }
  unsupported(s, StubKind::UnsupportedSyntax, "assignment to '" + expr_text(target) + "' is not supported yet");
}

// `head, *rest = xs`, `*init, last = xs`, `first, *mid, last = xs`: the starred name gets a new
// list of the items the others leave (ValueError when there are fewer items than other names).
// Lists, and tuples whose starred part has one item type; the names are plain names.
void Analyzer::bind_starred_target(ExprId target, const std::vector<ExprId>& elts, TypeId t, Scope& s,
                                   const std::string& reason) {
  TypeTable& T = r_.types;
  size_t star = 0, stars = 0;
  for (size_t i = 0; i < elts.size(); ++i)
    if (get_if<Starred>(m_, elts[i])) star = i, ++stars;
  if (stars > 1) {
    unsupported(s, StubKind::UnpackingForm, "multiple starred expressions in assignment");
    return;
  }
  for (ExprId el : elts) {
    ExprId name = get_if<Starred>(m_, el) ? get_if<Starred>(m_, el)->value : el;
    if (!get_if<Name>(m_, name)) {
      unsupported(s, StubKind::UnpackingForm, "starred unpacking into '" + expr_text(el) + "' (only names are supported with a starred target)");
      return;
    }
  }
  const size_t others = elts.size() - 1;
  auto bind_rest = [&](TypeId item) {
    ExprId st = elts[star];
    TypeId list_t = T.list_of(item);
    bind_target(get_if<Starred>(m_, st)->value, list_t, s, reason);
    r_.expr_type[st] = list_t;
  };
  if (t == kUnknown) {
    for (size_t i = 0; i < elts.size(); ++i)
      if (i != star) bind_target(elts[i], kUnknown, s, reason);
    return;
  }
  if (T.kind(t) == TypeKind::List) {
    TypeId item = T.arg(t, 0);
    for (size_t i = 0; i < elts.size(); ++i)
      if (i != star) bind_target(elts[i], item, s, reason);
    bind_rest(item);
    r_.expr_type[target] = t;
    return;
  }
  if (T.kind(t) == TypeKind::Tuple) {
    const std::vector<TypeId> items = T.get(t).args;  // a copy: binding may intern new types
    if (items.size() < others) {
      unsupported(s, StubKind::UnpackingForm, "unpacking " + std::to_string(items.size()) + " values into at least " + std::to_string(others) +
                         " targets (Python raises ValueError)");
      return;
    }
    const size_t rest = items.size() - others;
    TypeId item = kUnknown;
    for (size_t k = star; k < star + rest; ++k) {
      TypeId u = T.unify(item, items[k]);
      if (u == kUnknown || (item != kUnknown && (u != item || u != items[k]))) {
        unsupported(s, StubKind::UnpackingForm, "the starred name would hold a list of " + T.python_name(item) + " and " +
                           T.python_name(items[k]) + " items (a C++ list has one item type)");
        return;
      }
      item = u;
    }
    for (size_t i = 0; i < elts.size(); ++i)
      if (i != star) bind_target(elts[i], items[i < star ? i : i + rest - 1], s, reason);
    if (rest > 0) bind_rest(item);
    else r_.expr_type[elts[star]] = r_.expr_type[get_if<Starred>(m_, elts[star])->value] = kUnknown;
    r_.expr_type[target] = t;
    return;
  }
  unsupported(s, StubKind::UnpackingForm, "starred unpacking of a " + T.python_name(t) + " (lists and tuples are supported)");
}

void Analyzer::note_mutation(ExprId container, Scope& s) {
  const Expr& ex = m_.expr(container);
  if (auto* sub = std::get_if<Subscript>(&ex.node)) {
    ExprId base = sub->value;
    while (auto* inner = get_if<Subscript>(m_, base)) base = inner->value;
    if (s.fn && get_if<Name>(m_, base) && r_.name_ref[base].kind == NameRef::Variable)
      s.fn->vars[r_.name_ref[base].index].elements_mutated = true;
    return note_mutation(sub->value, s);
  }
  // `Shelf.registry.append(x)`: a class attribute changed through the class is no constant.
  if (auto* at = std::get_if<Attribute>(&ex.node); at && r_.types.kind(r_.expr_type[at->value]) == TypeKind::ClassRef)
    if (ClassAttr* attr = find_class_attr(r_.types.get(r_.expr_type[at->value]).name, at->attr)) {
      if (!attr->mutated) changed_ = true;
      attr->mutated = true;
      return;
    }
  // `m.ROUTES` after `import m` refers to m's global like a Name does.
  if (!std::holds_alternative<Name>(ex.node) && !std::holds_alternative<Attribute>(ex.node)) return;
  const NameRef& ref = r_.name_ref[container];
  if (ref.kind == NameRef::Variable && s.fn && std::holds_alternative<Name>(ex.node)) {
    Variable& v = s.fn->vars[ref.index];
    if (!v.mutated) changed_ = true;
    v.mutated = true;
  } else if (ref.kind == NameRef::Global) {
    Global& g = r_.globals[ref.index];
    if (!g.external_module.empty() && g.is_constant)
      unsupported(s, StubKind::GlobalScope, "changes '" + g.name + "', which " + g.external_module + " never changes (a const there); change it " +
                         "through a function of " + g.external_module);
    g.mutated = true;
  }
}

TypeId Analyzer::element_type_of_iterable(TypeId t) {
  switch (r_.types.kind(t)) {
    case TypeKind::Range: return kInt;
    case TypeKind::List: return r_.types.arg(t, 0);
    case TypeKind::Str: return kStr;
    case TypeKind::Set:
    case TypeKind::Dict:      // its keys
    case TypeKind::DictView:
      return r_.types.arg(t, 0);
    case TypeKind::Generator: return r_.types.arg(t, 0);
    case TypeKind::ClassRef:  // `for c in Color`: the members in definition order
      if (const Class* ec = enum_class(t); ec && ec->stub_reason.empty()) return r_.types.enum_of(ec->name);
      return kUnknown;
    default: return kUnknown;
  }
}

void Analyzer::infer_stmt(StmtId id, Scope& outer) {
  Scope s = outer;
  s.stmt = id;
  const Stmt& st = m_.stmt(id);
  std::visit(
      [&](const auto& node) {
        using N = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<N, ExprStmt>) {
          if (get_if<EllipsisLit>(m_, node.value)) return;  // `...` as a body, like pass
          if (auto* y = get_if<Yield>(m_, node.value); y && s.fn && s.fn->is_generator) {
            r_.expr_type[node.value] = kNoneType;
            return infer_yield(*y, s);  // generators.cpp
          }
          infer(node.value, s);
        } else if constexpr (std::is_same_v<N, Assign>) {
          TypeId expected = kUnknown;
          if (node.targets.size() == 1) {
            if (auto* n = get_if<Name>(m_, node.targets[0])) {
              if (s.fn && s.fn->var_index.count(n->id)) expected = s.fn->vars[s.fn->var_index[n->id]].type;
            }
            // `table[name] = lambda n: ...`: a value stored into a dict or list of Callables takes its type.
            // Likewise an empty container (`out[k] = deque()`) takes the element type of the dict.
            if (auto* sub = get_if<Subscript>(m_, node.targets[0]);
                sub && (get_if<Lambda>(m_, node.value) || get_if<Call>(m_, node.value))) {
              TypeId ct = infer(sub->value, s);
              if (r_.types.kind(ct) == TypeKind::Dict) expected = r_.types.arg(ct, 1);
              if (r_.types.kind(ct) == TypeKind::List) expected = r_.types.arg(ct, 0);
            }
          }
          // `g = numbers()`: a generator object may be kept in a variable (generators.cpp).
          ExprId saved_slot = generator_slot_;
          if (node.targets.size() == 1 && (get_if<Name>(m_, node.targets[0]) || get_if<Attribute>(m_, node.targets[0])))
            generator_slot_ = node.value;
          TypeId t = infer(node.value, s, expected);
          generator_slot_ = saved_slot;
          // `f = square`: the variable holds the function (a std::function).
          if (r_.types.kind(t) == TypeKind::Function && get_if<Name>(m_, node.value)) t = function_value(node.value, kUnknown, s);
          if (node.targets.size() > 1)
            for (ExprId target : node.targets)
              if (get_if<TupleLit>(m_, target) || get_if<ListLit>(m_, target)) {
                unsupported(s, StubKind::UnpackingForm, "a chained assignment with an unpacking target ('" + expr_text(target) +
                                   " = ...'); write one assignment per target");
                break;
              }
          for (ExprId target : node.targets)
            bind_target(target, t, s, "assignment `" + stmt_excerpt(id) + "` (line " + std::to_string(st.span.line) + ")");
          if (node.targets.size() == 1) narrow_by_assignment(node.targets[0], t, outer);
        } else if constexpr (std::is_same_v<N, AnnAssign>) {
          if (node.value != kNoNode && get_if<Name>(m_, node.annotation) && annotation_head(m_, node.annotation) == "Final") {
            // A bare `Final`: the type is the value's, as for a plain assignment.
            TypeId t = infer(node.value, s);
            bind_target(node.target, t, s, "`Final` constant `" + stmt_excerpt(id) + "`");
            return;
          }
          StubReason error;
          TypeId at = type_from_annotation(node.annotation, &error);
          if (at == kUnknown) {
            unsupported(s, error.empty() ? StubKind::UnsupportedTypeHint : error.kind, error.detail);
            return;
          }
          auto* n = get_if<Name>(m_, node.target);
          if (n && s.fn && s.fn->var_index.count(n->id)) {
            Variable& v = s.fn->vars[s.fn->var_index[n->id]];
            if (!v.annotated) {
              v.annotated = true;
              if (v.type != at) changed_ = true;
              v.type = at;
              v.reason = "annotation `" + expr_text(node.annotation) + "`";
              v.span = st.span;
            }
          }
          if (node.value == kNoNode) {
            if (n) r_.name_ref[node.target] = {s.fn ? NameRef::Variable : NameRef::Global,
                                               s.fn ? s.fn->var_index[n->id] : r_.global_index[n->id]};
            return;
          }
          TypeId vt = infer(node.value, s, at);
          if (vt != kUnknown && r_.types.unify(at, vt) != at) {
            unsupported(s, StubKind::TypeMismatch, "value of type " + r_.types.python_name(vt) + " for a " + r_.types.python_name(at));
            return;
          }
          if (!n || !s.fn || float_slot_visible(*s.fn, n->id))
            note_int_as_float(s, m_.expr(node.value).span, vt, at, "'" + expr_text(node.target) + "'");
          bind_target(node.target, at, s, "annotation `" + expr_text(node.annotation) + "`");
        } else if constexpr (std::is_same_v<N, AugAssign>) {
          TypeId tt = infer(node.target, s);
          TypeId vt = infer(node.value, s);
          if (tt == kUnknown || vt == kUnknown) return;
          if (r_.types.is_frozenset(tt)) {
            // Python rebinds the name to a new frozenset; C++'s |= would change the shared value.
            unsupported(s, StubKind::OperationNotDefined, "augmented assignment to a frozenset: write `" + expr_text(node.target) + " = " +
                               expr_text(node.target) + " " + binop_symbol(node.op) + " ...`");
            return;
          }
          // `a += b` on an instance: a = a.__iadd__(b) (in place, returning self), else a = a + b.
          std::string in_place = inplace_dunder(node.op, tt);
          if (!in_place.empty() && get_if<Subscript>(m_, node.target)) {
            unsupported(s, StubKind::OperationNotDefined, "augmented assignment to an item of an instance");
            return;
          }
          TypeId res = in_place.empty() ? binop_result(node.op, tt, vt, node.value, s)
                                        : dunder_result(in_place, tt, {vt}, s);
          if (res == kUnknown) return;
          if (auto* n = get_if<Name>(m_, node.target)) {
            // `s |= t` on a set changes the object in place (a caller passing s sees it).
            if (r_.types.kind(tt) == TypeKind::Set) note_mutation(node.target, s);
            bind_name(node.target, n->id, res, s, "augmented assignment `" + stmt_excerpt(id) + "`");
          } else if (auto* at = get_if<Attribute>(m_, node.target)) {
            bind_attribute(node.target, *at, res, s);
          } else if (auto* sub = get_if<Subscript>(m_, node.target)) {
            if (r_.types.kind(r_.expr_type[sub->value]) == TypeKind::Class) {
              unsupported(s, StubKind::OperationNotDefined, "augmented assignment to an item of an instance (`obj[k] += v`); write obj[k] = obj[k] + v");
              return;
            }
            note_mutation(node.target, s);
            if (res != tt) unsupported(s, StubKind::TypeMismatch, "augmented assignment changes the element type");
          } else {
            unsupported(s, StubKind::UnsupportedSyntax, "augmented assignment to '" + expr_text(node.target) + "'");
          }
        } else if constexpr (std::is_same_v<N, Return>) {
          if (!s.fn || s.fn->name.empty()) {
            unsupported(s, StubKind::UnsupportedSyntax, "return outside a function");
            return;
          }
          if (s.fn->iter_delegate) {  // `return iter(self.items)` in __iter__ (analyze.cpp)
            return infer_yield(Yield{iter_delegate_value(m_, *s.fn->body), true}, s);
          }
          if (s.fn->is_generator) {  // `return` ends the generator; a value would be StopIteration.value
            if (node.value != kNoNode) unsupported(s, StubKind::GeneratorForm, "a generator returning a value (StopIteration.value) is not supported");
            return;
          }
          // `return NotImplemented` from __eq__/__ne__ with a non-instance (None): Python then
          // falls back to identity, which is False for == (True for !=).
          if (auto* n = get_if<Name>(m_, node.value);
              n && n->id == "NotImplemented" && (s.fn->method_name == "__eq__" || s.fn->method_name == "__ne__")) {
            r_.expr_type[node.value] = kBool;
            return;
          }
          TypeId t = node.value == kNoNode ? kNoneType : infer(node.value, s, s.fn->return_type);
          if (t == kUnknown) return;
          if (r_.types.kind(t) == TypeKind::DictView) {
            unsupported(s, StubKind::DictView, "returning a dict view; return list(...) of it");
            return;
          }
          // `return 0` from a `-> float` function: Python returns the int (prints `0`), the C++
          // double prints `0.0`. Only literals are caught (a computed int is not tracked).
          std::function<bool(ExprId)> int_literal = [&](ExprId v) -> bool {
            if (auto* u = get_if<UnaryOp>(m_, v)) return int_literal(u->operand);
            if (auto* ie = get_if<IfExp>(m_, v)) return int_literal(ie->body) || int_literal(ie->orelse);
            return get_if<IntLit>(m_, v) != nullptr;
          };
          if (s.fn->return_annotated && s.fn->return_type == kFloat && node.value != kNoNode && int_literal(node.value)) {
            unsupported(s, StubKind::TypeMismatch, "returns an int literal from a function declared `-> float`: Python returns the int "
                           "unchanged (it prints as `0`, not `0.0`), the C++ double prints as a float; write a "
                           "float literal (`return 0.0`)");
            return;
          }
          if (s.fn->return_type != kUnknown && node.value != kNoNode)
            note_int_as_float(s, m_.expr(node.value).span, t, r_.types.unify(s.fn->return_type, t),
                              "the value " + (s.fn->name.empty() ? std::string("it") : s.fn->name + "()") + " returns");
          if (s.fn->return_annotated) {
            if (r_.types.unify(s.fn->return_type, t) != s.fn->return_type)
              unsupported(s, StubKind::TypeMismatch, "returns a " + r_.types.python_name(t) + " from a function declared to return " +
                                 r_.types.python_name(s.fn->return_type));
            return;
          }
          TypeId u = r_.types.unify(s.fn->return_type, t);
          if (u == kUnknown) {
            unsupported(s, StubKind::TypeMismatch, "returns values of different types (" + r_.types.python_name(s.fn->return_type) + " and " +
                               r_.types.python_name(t) + "); add a return annotation");
            return;
          }
          if (u != s.fn->return_type) {
            s.fn->return_type = u;
            s.fn->return_reason = "inferred from `" + stmt_excerpt(id) + "` (line " + std::to_string(st.span.line) + ")";
            changed_ = true;
          }
        } else if constexpr (std::is_same_v<N, If>) {
          for (ExprId t : walrus_targets(m_, id)) {  // rebound by the test, before any narrowing below
            forget_name_narrowing(outer, std::get<Name>(m_.expr(t).node).id);
            forget_name_narrowing(s, std::get<Name>(m_.expr(t).node).id);
          }
          if (get_if<BoolOp>(m_, node.test)) truth_tests_.insert(node.test);
          infer(node.test, s);
          Scope then_scope = s, else_scope = s;
          narrow_from_test(node.test, true, then_scope);
          narrow_from_test(node.test, false, else_scope);
          infer_body(node.body, then_scope);
          infer_body(node.orelse, else_scope);
          // `if x is None: return` -- below the if, x is not None.
          if (always_exits(m_, node.body) && !always_exits(m_, node.orelse)) narrow_from_test(node.test, false, outer);
          if (always_exits(m_, node.orelse) && !always_exits(m_, node.body)) narrow_from_test(node.test, true, outer);
          join_narrowing(always_exits(m_, node.body) ? nullptr : &then_scope,
                         always_exits(m_, node.orelse) ? nullptr : &else_scope, outer);
        } else if constexpr (std::is_same_v<N, While>) {
          // A name the loop rebinds may be None again on the next iteration.
          std::vector<std::string> bound;
          collect_bound_names(id, bound);
          for (const auto& n : bound) forget_name_narrowing(s, n);
          if (stmt_may_change_fields(id, true)) forget_attribute_narrowing(s);  // for the next iteration
          if (get_if<BoolOp>(m_, node.test)) truth_tests_.insert(node.test);
          infer(node.test, s);
          Scope body_scope = s;
          narrow_from_test(node.test, true, body_scope);
          infer_body(node.body, body_scope);
          infer_body(node.orelse, s);  // runs when the loop ends without `break`
        } else if constexpr (std::is_same_v<N, For>) {
          std::vector<std::string> bound;
          collect_bound_names(id, bound);
          for (const auto& n : bound) forget_name_narrowing(s, n);
          if (stmt_may_change_fields(id, true)) forget_attribute_narrowing(s);  // for the next iteration
          TypeId it = infer_iterable(node.iter, s);
          TypeId el = element_type_of_iterable(it);
          if (it != kUnknown && el == kUnknown) unsupported(s, StubKind::OperationNotDefined, "iterating over a " + r_.types.python_name(it));
          if (node.is_async) unsupported(s, StubKind::Async, "async for");
          if (get_if<ListLit>(m_, node.target))
            unsupported(s, StubKind::UnpackingForm, "a for target in brackets ('" + expr_text(node.target) + "'); write it without the brackets");
          bind_target(node.target, el, s, "loop variable of `for` over " + r_.types.python_name(it));
          infer_body(node.body, s);
          // `for row in rows: row.append(0)` changes an item of rows in place (the loop binds a
          // reference to it), so rows is changed too: not a const parameter.
          if (s.fn && !r_.types.is_numeric(el)) {
            ExprId base = node.iter;
            if (auto* c = get_if<Call>(m_, base))
              if (auto* at = get_if<Attribute>(m_, c->func)) base = at->value;  // d.items(), d.values()
            std::vector<ExprId> names = {node.target};
            if (auto* tl = get_if<TupleLit>(m_, node.target)) names = tl->elts;
            for (ExprId t : names)
              if (get_if<Name>(m_, t) && r_.name_ref[t].kind == NameRef::Variable &&
                  s.fn->vars[r_.name_ref[t].index].mutated)
                note_mutation(base, s);
            // `for i, row in enumerate(rows)` / `for row, x in zip(rows, xs)`: the view binds
            // references into each named list, so changing `row` changes rows.
            for (auto [t, source] : view_item_sources(node)) {
              if (!get_if<Name>(m_, t) || r_.name_ref[t].kind != NameRef::Variable) continue;
              if (!s.fn->vars[r_.name_ref[t].index].mutated) continue;
              note_mutation(source, s);
              auto* list = get_if<Name>(m_, source);
              if (list && may_mutate_name(m_, node.body, list->id))
                unsupported(s, StubKind::ChangedWhileUsed, "the loop changes both '" + list->id + "' and its item '" + expr_text(t) +
                                   "' in place (the item would refer into a list that moves when it grows); "
                                   "change the item through the list (`" + list->id + "[i].append(...)`)");
            }
            // `for row in rows: row.append(0); rows.append([9])`: a list the body changes is
            // iterated by index and each item copied (an appended list would move the items), so
            // a change to the item would be lost.
            auto* loop_var = get_if<Name>(m_, node.target);
            auto* list = get_if<Name>(m_, node.iter);
            TypeKind ek = r_.types.kind(el);
            if (loop_var && list && r_.types.kind(it) == TypeKind::List &&
                (ek == TypeKind::List || ek == TypeKind::Dict || ek == TypeKind::Set) &&
                may_mutate_name(m_, node.body, list->id) && may_mutate_name(m_, node.body, loop_var->id))
              unsupported(s, StubKind::ChangedWhileUsed, "the loop changes both '" + list->id + "' and its item '" + loop_var->id +
                                 "' in place (C++ iterates a changing list by index, with copies); change the item "
                                 "through the list (`" + list->id + "[i].append(...)` with `for i in range(len(" +
                                 list->id + "))`)");
          }
          infer_body(node.orelse, s);  // runs when the loop ends without `break`
        } else if constexpr (std::is_same_v<N, Raise>) {
          infer_raise(node, s);
        } else if constexpr (std::is_same_v<N, Assert>) {
          if (get_if<BoolOp>(m_, node.test)) truth_tests_.insert(node.test);
          infer(node.test, s);
          if (node.msg != kNoNode) {
            TypeId t = infer(node.msg, s);
            if (t != kStr && t != kUnknown) unsupported(s, StubKind::TypeMismatch, "assert message must be a str");
          }
          // `assert x is not None`: below it x is not None (the C++ assert always runs, as
          // Python's does without -O, and throws AssertionError otherwise).
          narrow_from_test(node.test, true, outer);
        } else if constexpr (std::is_same_v<N, Pass> || std::is_same_v<N, Break> || std::is_same_v<N, Continue> ||
                             std::is_same_v<N, Comment>) {
        } else if constexpr (std::is_same_v<N, FunctionDef>) {
          // A nested function is a Function of its own (sema/nested.cpp); deeper ones are not yet.
          if (!r_.nested_functions.count(id))
            unsupported(s, StubKind::NestedDefinition, s.fn == &r_.main ? "a function defined in the __main__ block (define it at module level)"
                                            : "a function nested two levels deep (move it up one level)");
        } else if constexpr (std::is_same_v<N, ClassDef>) {
          unsupported(s, StubKind::NestedDefinition, "classes defined inside a function are not supported (define it at module level)");
        } else if constexpr (std::is_same_v<N, Try>) {
          infer_try(node, s);
        } else if constexpr (std::is_same_v<N, With>) {
          infer_with(node, s);  // with_stmt.cpp
        } else if constexpr (std::is_same_v<N, Match>) {
          infer_match(node, s, outer);  // match_stmt.cpp
        } else if constexpr (std::is_same_v<N, Delete>) {
          infer_delete(node, s);
        } else if constexpr (std::is_same_v<N, ast::Global>) {
          // The names are no locals (analyze.cpp); assignments bind the module's variables.
          if (!s.fn || s.fn == &r_.main) unsupported(s, StubKind::GlobalScope, "a global statement outside a function");
          for (const auto& name : node.names)
            if (!r_.global_index.count(name))
              unsupported(s, StubKind::GlobalScope, "global '" + name + "' is not bound at module level (assign it there first)");
        } else if constexpr (std::is_same_v<N, Nonlocal>) {
          if (!s.fn || s.fn->parent < 0) unsupported(s, StubKind::GlobalScope, "a nonlocal statement outside a nested function");
        } else if constexpr (std::is_same_v<N, Import> || std::is_same_v<N, ImportFrom>) {
          unsupported(s, StubKind::ImportForm, "imports inside functions are not supported");
        } else if constexpr (std::is_same_v<N, UnsupportedStmt>) {
          unsupported(s, node.kind, node.what + " is not supported yet");
        } else {
          unsupported(s, StubKind::UnsupportedSyntax, "statement not supported");
        }
      },
      st.node);
}

}  // namespace py2cpp::sema

namespace py2cpp::sema {

// `x = Node()` with x a `Node | None` local: below it x is a Node, until it is bound again.
void Analyzer::narrow_by_assignment(ExprId target, TypeId value, Scope& outer) {
  // `self.cache = []` into a `list[int] | None` field: set until something may change fields.
  if (auto* a = get_if<Attribute>(m_, target); a && outer.fn) {
    std::string key = narrowing_key(target);
    auto* base = get_if<Name>(m_, a->value);
    std::string cls = class_name_of(r_.expr_type[a->value]);
    const Field* f = cls.empty() ? nullptr : find_field(cls, a->attr);
    if (key.empty() || !base || !outer.fn->var_index.count(base->id) || !f || r_.types.kind(f->type) != TypeKind::Optional) return;
    TypeId inner = r_.types.arg(f->type, 0);
    if (value != inner && r_.types.unify(inner, value) != inner) return;
    outer.narrowed[key] = inner;
    outer.established.insert(key);
    return;
  }
  auto* n = get_if<Name>(m_, target);
  if (!n || !outer.fn || !outer.fn->var_index.count(n->id)) return;
  TypeId var_t = outer.fn->vars[outer.fn->var_index.at(n->id)].type;
  if (r_.types.kind(var_t) != TypeKind::Optional) return;
  TypeId inner = r_.types.arg(var_t, 0);
  // `lines = []` into a `list[int] | None`: the literal's type is list[<unknown>] at first.
  if (value != inner && r_.types.unify(inner, value) != inner) return;
  outer.narrowed[n->id] = inner;
  outer.established.insert(n->id);
}

// After an if statement, a name narrowed at the end of every branch that falls through is
// narrowed below it: `if x is None: x = Node()` leaves x a Node (the test narrows the else).
void Analyzer::join_narrowing(const Scope* then_end, const Scope* else_end, Scope& outer) {
  if (!then_end && !else_end) return;
  const Scope& first = then_end ? *then_end : *else_end;
  for (const auto& [key, type] : first.narrowed) {
    if (then_end && else_end) {
      auto other = else_end->narrowed.find(key);
      if (other == else_end->narrowed.end() || other->second != type) continue;
    }
    if (auto was = outer.narrowed.find(key); was != outer.narrowed.end() && was->second == type) continue;
    outer.narrowed[key] = type;
    outer.established.insert(key);
  }
}

// The loop targets of an enumerate()/zip() loop that are items of a named argument list.
std::vector<std::pair<ExprId, ExprId>> Analyzer::view_item_sources(const For& f) const {
  std::vector<std::pair<ExprId, ExprId>> out;
  auto* c = get_if<Call>(m_, f.iter);
  auto* fn = c ? get_if<Name>(m_, c->func) : nullptr;
  auto* targets = get_if<TupleLit>(m_, f.target);
  if (!fn || !targets || r_.name_ref[c->func].kind != NameRef::Builtin || (fn->id == "zip" && !c->keywords.empty())) return out;
  if (fn->id == "enumerate" && targets->elts.size() == 2 && !c->args.empty())
    out.push_back({targets->elts[1], c->args[0]});
  if (fn->id == "zip" && targets->elts.size() == c->args.size())
    for (size_t i = 0; i < c->args.size(); ++i) out.push_back({targets->elts[i], c->args[i]});
  return out;
}

}  // namespace py2cpp::sema
