// Module-level type aliases: `Vector = list[float]`, `Vector: TypeAlias = list[float]`, and
// `UserId = NewType("UserId", int)`. They are found while scanning the module (they are not
// globals: nothing is stored at run time) and resolved lazily, because an alias may name a class
// or another alias defined further down.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// Heads of generic hints: `X = list[int]` can only be an alias.
bool is_generic_head(const std::string& h) {
  static const std::set<std::string> heads = {
      "list",  "List",     "dict",    "Dict",       "set",      "Set",     "frozenset", "FrozenSet",
      "tuple", "Tuple",    "Optional", "Union",     "Callable", "Sequence", "Mapping",  "MutableMapping",
      "Iterable", "Iterator", "MutableSequence", "Collection", "AbstractSet", "MutableSet", "Literal"};
  return heads.count(h) > 0;
}

bool is_builtin_type_name(const std::string& n) {
  return n == "int" || n == "float" || n == "str" || n == "bool";
}

// `int | None`, `list[int] | None`: a union of type expressions (not `A | B` of int constants).
bool looks_like_type(const Module& m, ExprId e, const std::map<std::string, uint32_t>& aliases,
                     const std::map<std::string, uint32_t>& classes) {
  if (get_if<NoneLit>(m, e)) return true;
  if (auto* n = get_if<Name>(m, e)) return is_builtin_type_name(n->id) || aliases.count(n->id) || classes.count(n->id);
  if (auto* s = get_if<Subscript>(m, e)) return is_generic_head(annotation_head(m, s->value));
  if (auto* b = get_if<BinOp>(m, e); b && b->op == BinOpKind::BitOr)
    return looks_like_type(m, b->left, aliases, classes) && looks_like_type(m, b->right, aliases, classes);
  return false;
}

}  // namespace

// Records `id` as a type alias if it is one; false for every other statement.
bool Analyzer::scan_type_alias(StmtId id) {
  const StmtNode& node = m_.stmt(id).node;
  ExprId target = kNoNode, value = kNoNode;
  bool explicit_alias = false;
  if (auto* a = std::get_if<Assign>(&node); a && a->targets.size() == 1) target = a->targets[0], value = a->value;
  if (auto* a = std::get_if<AnnAssign>(&node); a && a->value != kNoNode) {
    if (annotation_head(m_, a->annotation) != "TypeAlias") return false;
    target = a->target, value = a->value, explicit_alias = true;
  }
  auto* name = target == kNoNode ? nullptr : get_if<Name>(m_, target);
  if (!name) return false;
  TypeAlias alias;
  alias.name = name->id;
  alias.cpp_name = cpp_identifier(name->id);
  alias.stmt = id;
  alias.value = value;
  if (auto* c = get_if<Call>(m_, value); c && annotation_head(m_, c->func) == "NewType") {
    if (c->args.size() != 2 || !get_if<StrLit>(m_, c->args[0])) return false;
    alias.value = c->args[1];
    alias.is_newtype = true;
  } else if (!explicit_alias) {
    // `Number = float` or `Grid = list[list[int]]`; `Pair = tuple` alone is a value, not a hint.
    auto* n = get_if<Name>(m_, value);
    bool bare_builtin = n && is_builtin_type_name(n->id);
    if (!bare_builtin && (n || !looks_like_type(m_, value, r_.type_alias_index, r_.class_index))) return false;
  }
  if (r_.type_alias_index.count(alias.name)) return false;  // rebinding: a variable after all
  r_.type_alias_index[alias.name] = static_cast<uint32_t>(r_.type_aliases.size());
  r_.type_aliases.push_back(std::move(alias));
  return true;
}

// Types every alias once all classes are known; an alias that cannot be typed stubs its
// statement (hints that use it then report the reason).
void Analyzer::resolve_type_aliases() {
  for (TypeAlias& a : r_.type_aliases) {
    StubReason error;
    TypeId t = alias_type(a.name, &error);
    if (t == kUnknown) r_.stmt_stub[a.stmt] = {error.kind, "type alias '" + a.name + "': " + error.detail};
  }
}

TypeId Analyzer::alias_type(const std::string& name, StubReason* error) {
  TypeAlias& a = r_.type_aliases[r_.type_alias_index.at(name)];
  if (a.type != kUnknown) return a.type;
  if (!a.error.empty()) {
    *error = a.error;
    return kUnknown;
  }
  if (alias_depth_ > 16) {
    *error = {StubKind::UnsupportedTypeHint, "type alias '" + name + "' refers to itself"};
    return kUnknown;
  }
  ++alias_depth_;
  StubReason why;
  TypeId t = type_from_annotation(a.value, &why);
  --alias_depth_;
  if (t == kUnknown) {
    a.error = why.empty() ? StubReason{StubKind::UnsupportedTypeHint, "cannot be typed"} : why;
    *error = a.error;
  }
  a.type = t;
  return t;
}

}  // namespace py2cpp::sema
