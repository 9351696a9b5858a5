// Nested functions and closures.
//
// A `def` inside a function becomes a C++ lambda stored in a local of the enclosing function,
// named like the def and typed as the Callable of its signature. The nested body is analysed as
// a Function of its own whose Captured variables stand for the enclosing variables it uses (and
// those it declares `nonlocal`); their types and changes flow both ways between the two.
//
// How it captures decides whether Python's semantics survive (CaptureMode):
// - called only while the enclosing function runs: `[&]`, which is exact — Python reads the
//   variable when the function is called, and so does a reference;
// - used as a value (returned, stored, passed on): `[=]`, exact only when everything it reads
//   is bound once, before the def, and never changed in place (class instances are handles);
// - used as a value and changing its captured state (`nonlocal count; count += 1`): the state
//   moves into the closure (`mutable`, shared by all copies, as Python's cell is), exact only
//   when the enclosing function no longer touches that state after the def.
// Anything else is a stub whose reason says which rewrite makes it translatable.
#include <algorithm>
#include <functional>

#include "ast/walk.hpp"
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// FunctionDefs anywhere in a body's blocks, not inside nested functions or classes.
void nested_defs(const Module& m, const Body& body, std::vector<StmtId>& out) {
  for (StmtId s : body) {
    if (std::holds_alternative<FunctionDef>(m.stmt(s).node)) {
      out.push_back(s);
      continue;
    }
    if (std::holds_alternative<ClassDef>(m.stmt(s).node)) continue;
    for (const Body* b : child_bodies(m, s)) nested_defs(m, *b, out);
  }
}

// Every Name read or written in a body (nested functions' bodies excluded), plus `nonlocal` names.
void used_names(const Module& m, const Body& body, std::vector<std::string>& names,
                std::vector<std::string>& nonlocals) {
  for (StmtId s : body) {
    if (auto* nl = std::get_if<Nonlocal>(&m.stmt(s).node)) nonlocals.insert(nonlocals.end(), nl->names.begin(), nl->names.end());
    for_each_stmt_expr(m, s, [&](ExprId root) {
      for_each_expr(m, root, [&](ExprId e) {
        if (auto* n = get_if<Name>(m, e)) names.push_back(n->id);
      });
    });
    if (std::holds_alternative<FunctionDef>(m.stmt(s).node) || std::holds_alternative<ClassDef>(m.stmt(s).node)) continue;
    for (const Body* b : child_bodies(m, s)) used_names(m, *b, names, nonlocals);
  }
}

bool is_handle(const TypeTable& T, TypeId t) {
  TypeKind k = T.kind(t);
  return k == TypeKind::Class || (k == TypeKind::Optional && T.kind(T.arg(t, 0)) == TypeKind::Class);
}

}  // namespace

// One Function per def nested directly in a module function or method (one level deep).
void Analyzer::scan_nested_functions() {
  const size_t outer = r_.functions.size();
  for (size_t pi = 0; pi < outer; ++pi) {
    if (r_.functions[pi].synthesized || !r_.functions[pi].external_module.empty() || !r_.functions[pi].body) continue;
    std::vector<StmtId> defs;
    nested_defs(m_, *r_.functions[pi].body, defs);
    for (StmtId id : defs) {
      const auto& def = std::get<FunctionDef>(m_.stmt(id).node);
      Function fn;
      fn.name = r_.functions[pi].name + "." + def.name;
      fn.cpp_name = cpp_identifier(def.name);
      fn.stmt = id;
      fn.body = &def.body;
      fn.parent = static_cast<int32_t>(pi);
      if (!def.body.empty())
        if (auto* es = get_stmt_if<ExprStmt>(m_, def.body[0]))
          if (auto* doc = get_if<StrLit>(m_, es->value)) fn.docstring = doc->value;
      r_.nested_functions[id] = static_cast<uint32_t>(r_.functions.size());
      r_.functions.push_back(std::move(fn));
    }
  }
}

// After the nested function's own parameters and locals: the enclosing variables it uses become
// Captured variables; the enclosing local named like the def gets the Callable type.
void Analyzer::capture_enclosing(Function& fn) {
  Function& parent = r_.functions[fn.parent];
  const auto& def = std::get<FunctionDef>(m_.stmt(fn.stmt).node);
  auto fail = [&](StubKind kind, const std::string& why) {
    if (fn.stub_reason.empty()) fn.stub_reason = {kind, why};
  };
  if (fn.is_generator) fail(StubKind::NestedDefinition, "a nested generator function (define it at module level, passing what it reads)");
  std::vector<std::string> names, nonlocals;
  used_names(m_, def.body, names, nonlocals);
  for (const auto& n : nonlocals)
    if (!parent.var_index.count(n)) fail(StubKind::GlobalScope, "nonlocal '" + n + "' is not a variable of the enclosing function");
  names.insert(names.end(), nonlocals.begin(), nonlocals.end());
  for (const auto& n : names) {
    if (fn.var_index.count(n)) continue;
    auto it = parent.var_index.find(n);
    if (it == parent.var_index.end()) continue;
    Variable v;
    const Variable& outer = parent.vars[it->second];
    v.name = n;
    v.cpp_name = outer.cpp_name;
    v.type = outer.type;
    v.reason = "captured from " + (parent.name.empty() ? std::string("the __main__ block") : parent.name);
    v.span = outer.span;
    v.placement = DeclPlacement::Captured;
    v.captured_from = it->second;
    v.nonlocal = std::find(nonlocals.begin(), nonlocals.end(), n) != nonlocals.end();
    v.annotated = outer.annotated;
    fn.var_index[n] = static_cast<uint32_t>(fn.vars.size());
    fn.vars.push_back(std::move(v));
  }
  auto self = parent.var_index.find(def.name);
  fn.parent_var = self->second;  // bound_names() made the def's name a local of the parent
  if (fn.var_index.count(def.name) && fn.vars[fn.var_index[def.name]].placement == DeclPlacement::Captured)
    fn.recursive = true;
  Variable& holder = parent.vars[fn.parent_var];
  holder.type = callable_of_function(fn);
  holder.annotated = true;
  holder.reason = "nested function (line " + std::to_string(m_.stmt(fn.stmt).span.line) + ")";
  holder.span = m_.stmt(fn.stmt).span;
}

// Before a round of inference over the nested body: the enclosing variables' current types.
void Analyzer::captures_in(Function& fn) {
  const Function& parent = r_.functions[fn.parent];
  for (Variable& v : fn.vars)
    if (v.placement == DeclPlacement::Captured) v.type = parent.vars[v.captured_from].type;
}

// After it: what the nested body learnt or changed goes back to the enclosing variables
// (`seen = set()` typed by `seen.add((r, c))` in the helper; a list appended to there is mutated).
void Analyzer::captures_out(Function& fn) {
  Function& parent = r_.functions[fn.parent];
  for (const Variable& v : fn.vars) {
    if (v.placement != DeclPlacement::Captured) continue;
    Variable& outer = parent.vars[v.captured_from];
    if (outer.type != v.type && !outer.annotated) {
      TypeId t = r_.types.unify(outer.type, v.type);
      if (t != outer.type) {
        outer.type = t;
        if (outer.reason.empty() || outer.reason.rfind("used in", 0) == 0) outer.reason = "used in " + fn.name;
        changed_ = true;
      }
    }
    outer.mutated = outer.mutated || v.mutated;
    outer.elements_mutated = outer.elements_mutated || v.elements_mutated;
    outer.rebound = outer.rebound || v.nonlocal;
  }
  if (!fn.return_annotated && fn.return_type != kUnknown) {
    TypeId t = callable_of_function(fn);
    if (parent.vars[fn.parent_var].type != t) {
      parent.vars[fn.parent_var].type = t;
      changed_ = true;
    }
  }
}

// Once everything is typed: how the nested function captures, or why it cannot be translated.
void Analyzer::check_nested_function(Function& fn) {
  if (!fn.stub_reason.empty()) return;
  const Function& parent = r_.functions[fn.parent];
  const TypeTable& T = r_.types;
  const StmtId def_stmt = fn.stmt;
  const uint32_t def_line = m_.stmt(def_stmt).span.line;
  const uint32_t holder = fn.parent_var;
  // Where the enclosing function uses its variables, outside the nested function's own body.
  // `in_loop`: the def sits in a loop, so "after the def" includes the next iterations.
  bool def_in_loop = false, escapes = false, rebinds_holder = false;
  std::map<uint32_t, bool> touched_after;  // enclosing variable -> used after the def
  std::map<uint32_t, int> bindings;        // enclosing variable -> assignments (loops count twice)
  std::function<void(const Body&, bool)> walk = [&](const Body& body, bool in_loop) {
    for (StmtId st : body) {
      if (st == def_stmt) {
        def_in_loop = in_loop;
        continue;
      }
      const StmtNode& node = m_.stmt(st).node;
      bool after = m_.stmt(st).span.line > def_line;
      std::vector<std::string> bound;
      if (!std::holds_alternative<FunctionDef>(node)) {
        collect_bound_names(st, bound);
        std::vector<std::string> nested;
        for (const Body* c : child_bodies(m_, st))
          for (StmtId cs : *c) collect_bound_names(cs, nested);
        for (const auto& nm : nested)
          if (auto it = std::find(bound.begin(), bound.end(), nm); it != bound.end()) bound.erase(it);
      }
      for (const auto& nm : bound)
        if (auto it = parent.var_index.find(nm); it != parent.var_index.end()) {
          bindings[it->second] += in_loop ? 2 : 1;
          if (it->second == holder) rebinds_holder = true;
        }
      for_each_stmt_expr(m_, st, [&](ExprId root) {
        std::set<ExprId> called, arguments;
        for_each_expr(m_, root, [&](ExprId e) {
          auto* c = get_if<Call>(m_, e);
          if (!c) return;
          called.insert(c->func);
          // Handing it to a builtin or a module function that only calls it (`sorted(xs, key=f)`).
          const NameRef& callee = r_.name_ref[c->func];
          if (get_if<Name>(m_, c->func) && (callee.kind == NameRef::Builtin || callee.kind == NameRef::Function)) {
            for (ExprId a : c->args) arguments.insert(a);
            for (const auto& k : c->keywords) arguments.insert(k.value);
          }
        });
        for_each_expr(m_, root, [&](ExprId e) {
          if (!get_if<Name>(m_, e) || r_.name_ref[e].kind != NameRef::Variable) return;
          uint32_t v = r_.name_ref[e].index;
          if (after || in_loop) touched_after[v] = true;
          if (v == holder && !called.count(e) && !arguments.count(e)) escapes = true;
        });
      });
      bool loop = std::holds_alternative<For>(node) || std::holds_alternative<While>(node);
      if (std::holds_alternative<FunctionDef>(node)) {
        // A sibling nested function using this one (or the same state) counts as a use after.
        if (auto it = r_.nested_functions.find(st); it != r_.nested_functions.end())
          for (const Variable& v : r_.functions[it->second].vars)
            if (v.placement == DeclPlacement::Captured) {
              touched_after[v.captured_from] = true;
              if (v.captured_from == holder) escapes = escapes || r_.functions[it->second].capture != CaptureMode::Reference;
            }
        continue;
      }
      for (const Body* c : child_bodies(m_, st)) walk(*c, in_loop || loop);
    }
  };
  walk(*parent.body, false);
  const std::string name = std::get<FunctionDef>(m_.stmt(def_stmt).node).name;
  if (rebinds_holder) {
    fn.stub_reason = {StubKind::NestedDefinition, "'" + name + "' is assigned again in the enclosing function; give the nested function its own name"};
    return;
  }
  if (parent.vars[holder].placement != DeclPlacement::AtFirstBinding && parent.vars[holder].placement != DeclPlacement::Captured) {
    fn.stub_reason = {StubKind::NestedDefinition, "the nested function '" + name + "' is used outside the block that defines it; define it at "
                     "the top level of " + parent.name};
    return;
  }
  if (!escapes) {
    fn.capture = CaptureMode::Reference;
    return;
  }
  // It outlives the frame: copies of what it reads must stay equal to the variables.
  bool owns_state = false;
  for (const Variable& v : fn.vars) {
    if (v.placement != DeclPlacement::Captured) continue;
    const Variable& outer = parent.vars[v.captured_from];
    std::string why;
    bool changed_here = v.nonlocal || v.mutated || v.elements_mutated;
    if (v.captured_from == holder)
      why = "calls itself";
    else if (outer.name == "self" && parent.owner >= 0)
      why = "reads self";
    else if (changed_here && !is_handle(T, outer.type)) {
      if (touched_after.count(v.captured_from) || def_in_loop)
        why = "changes '" + v.name + "', which " + parent.name + " also uses after the def";
      else
        owns_state = true;
    } else if (bindings[v.captured_from] > 1 && v.captured_from >= parent.num_params)
      why = "reads '" + v.name + "', which is assigned again";
    else if (v.captured_from < parent.num_params && parent.vars[v.captured_from].rebound)
      why = "reads '" + v.name + "', which is assigned again";
    else if ((outer.mutated || outer.elements_mutated) && !is_handle(T, outer.type) && !changed_here)
      why = "reads '" + v.name + "', which is changed in place";
    else if (v.captured_from >= parent.num_params && outer.first_binding != kNoNode &&
             m_.stmt(outer.first_binding).span.line > def_line)
      why = "reads '" + v.name + "' before it is bound";
    if (!why.empty()) {
      fn.stub_reason = {StubKind::NestedDefinition, "the nested function '" + name + "' is used as a value (it outlives " + parent.name +
                       ") and " + why + "; pass that as a parameter, or only call it inside " + parent.name};
      return;
    }
  }
  fn.capture = owns_state ? CaptureMode::State : CaptureMode::Value;
}

}  // namespace py2cpp::sema
