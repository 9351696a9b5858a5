// Type hints -> types. Hints always win over inference.
#include <algorithm>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

// `typing.List` and `List` mean the same: strip a `typing.` / `t.` qualifier.
std::string annotation_head(const ast::Module& m, ast::ExprId e) {
  if (auto* n = ast::get_if<ast::Name>(m, e)) return n->id;
  if (auto* a = ast::get_if<ast::Attribute>(m, e)) {
    if (auto* base = ast::get_if<ast::Name>(m, a->value); base && (base->id == "typing" || base->id == "t"))
      return a->attr;
    // collections.deque[int], collections.defaultdict[str, int], collections.Counter[str]
    if (auto* base = ast::get_if<ast::Name>(m, a->value);
        base && base->id == "collections" && (a->attr == "deque" || a->attr == "defaultdict" || a->attr == "Counter" || a->attr == "OrderedDict"))
      return a->attr;
  }
  return {};
}

TypeId Analyzer::type_from_annotation(ast::ExprId e, StubReason* error) {
  const ast::Expr& ex = m_.expr(e);
  if (std::holds_alternative<ast::NoneLit>(ex.node)) return kNoneType;
  if (auto* s = std::get_if<ast::StrLit>(&ex.node)) {
    // A string forward reference: only simple builtin names make sense in this subset.
    static const std::map<std::string, TypeId> simple = {
        {"int", kInt}, {"float", kFloat}, {"bool", kBool}, {"str", kStr}, {"None", kNoneType}};
    if (auto it = simple.find(s->value); it != simple.end()) return it->second;
    if (TypeId t = class_type_named(s->value); t != kUnknown) return t;
    if (r_.type_alias_index.count(s->value)) return alias_type(s->value, error);
    *error = {StubKind::UnsupportedTypeHint, "string annotation '" + s->value + "' is not supported yet"};
    return kUnknown;
  }
  if (auto* b = std::get_if<ast::BinOp>(&ex.node); b && b->op == ast::BinOpKind::BitOr) {
    TypeId l = type_from_annotation(b->left, error);
    TypeId r = type_from_annotation(b->right, error);
    if (l == kUnknown || r == kUnknown) return kUnknown;
    return union_hint({l, r}, e, error);
  }
  if (auto* sub = std::get_if<ast::Subscript>(&ex.node)) {
    std::string head = annotation_head(m_, sub->value);
    std::vector<ast::ExprId> params;
    if (auto* t = ast::get_if<ast::TupleLit>(m_, sub->index))
      params = t->elts;
    else
      params = {sub->index};
    if (const Class* k = named_class(sub->value); k && !k->type_params.empty()) return generic_class_hint(*k, params, e, error);
    auto param = [&](size_t i) { return type_from_annotation(params[i], error); };
    auto need = [&](size_t n) {
      if (params.size() == n) return true;
      *error = {StubKind::UnsupportedTypeHint, "'" + expr_text(e) + "' needs " + std::to_string(n) + " type argument(s)"};
      return false;
    };
    if (head == "list" || head == "List" || head == "Sequence" || head == "MutableSequence" ||
        head == "Iterable" || head == "Collection") {
      if (!need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.list_of(el);
    }
    if (head == "Callable") {
      // Callable[[A, B], R]; Callable[..., R] says nothing C++ can call.
      auto* ps = params.size() == 2 ? get_if<ast::ListLit>(m_, params[0]) : nullptr;
      if (!ps) {
        *error = {StubKind::UnsupportedTypeHint, "'" + expr_text(e) + "': give the parameter types, as in Callable[[int, int], int]"};
        return kUnknown;
      }
      std::vector<TypeId> types;
      for (ast::ExprId p : ps->elts) {
        TypeId t = type_from_annotation(p, error);
        if (t == kUnknown) return kUnknown;
        types.push_back(t);
      }
      TypeId result = param(1);
      return result == kUnknown ? kUnknown : r_.types.callable_of(types, result);
    }
    if (head == "Union") {
      std::vector<TypeId> alts;
      for (size_t i = 0; i < params.size(); ++i) {
        TypeId t = param(i);
        if (t == kUnknown) return kUnknown;
        alts.push_back(t);
      }
      return union_hint(alts, e, error);
    }
    if (head == "Optional") {
      if (!need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.optional_of(el);
    }
    if (head == "tuple" || head == "Tuple") {
      // tuple[T, ...] is a homogeneous sequence: a vector.
      if (params.size() == 2 && std::holds_alternative<ast::EllipsisLit>(m_.expr(params[1]).node)) {
        TypeId el = param(0);
        return el == kUnknown ? kUnknown : r_.types.vtuple_of(el);
      }
      std::vector<TypeId> elems;
      for (size_t i = 0; i < params.size(); ++i) {
        TypeId t = param(i);
        if (t == kUnknown) return kUnknown;
        elems.push_back(t);
      }
      return r_.types.tuple_of(elems);
    }
    if (head == "dict" || head == "Dict" || head == "Mapping" || head == "MutableMapping") {
      if (!need(2)) return kUnknown;
      TypeId k = param(0), v = param(1);
      return (k == kUnknown || v == kUnknown) ? kUnknown : r_.types.dict_of(k, v);
    }
    if (head == "defaultdict" || head == "DefaultDict") {
      if (!need(2)) return kUnknown;
      TypeId k = param(0), v = param(1);
      return (k == kUnknown || v == kUnknown) ? kUnknown : r_.types.dict_of(k, v, "defaultdict");
    }
    if (head == "OrderedDict") {  // collections.OrderedDict / typing.OrderedDict
      if (!need(2)) return kUnknown;
      TypeId k = param(0), v = param(1);
      return (k == kUnknown || v == kUnknown) ? kUnknown : r_.types.dict_of(k, v, "OrderedDict");
    }
    if (head == "deque" || head == "Deque") {
      if (!need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.deque_of(el);
    }
    if (head == "Counter") {
      if (!need(1)) return kUnknown;
      TypeId k = param(0);
      return k == kUnknown ? kUnknown : r_.types.dict_of(k, kInt, "Counter");
    }
    if (head == "frozenset" || head == "FrozenSet") {
      if (!need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.frozenset_of(el);
    }
    if (head == "set" || head == "Set" || head == "AbstractSet" || head == "MutableSet") {
      if (!need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.set_of(el);
    }
    if (head == "Iterator" || head == "Generator") {
      // A generator object held in a variable or passed on (generators.cpp): py::Generator<T>.
      bool none_rest = params.size() == 3 && std::holds_alternative<ast::NoneLit>(m_.expr(params[1]).node) &&
                       std::holds_alternative<ast::NoneLit>(m_.expr(params[2]).node);
      if (head == "Generator" && !none_rest) {
        *error = {StubKind::GeneratorForm, "Generator[T, S, R] with a send or return type is not supported: use Iterator[T]"};
        return kUnknown;
      }
      if (head == "Iterator" && !need(1)) return kUnknown;
      TypeId el = param(0);
      return el == kUnknown ? kUnknown : r_.types.generator_of(el);
    }
    if (head == "Final" || head == "ClassVar") {
      if (!need(1)) return kUnknown;
      return param(0);
    }
    if (head == "Literal") return literal_type(params, error);
    *error = {StubKind::UnsupportedTypeHint, "type hint '" + expr_text(e) + "' is not supported yet"};
    return kUnknown;
  }
  std::string head = annotation_head(m_, e);
  if (const Class* k = get_if<ast::Attribute>(m_, e) ? named_class(e) : nullptr) return instance_type(*k);  // `m.Point`
  if (get_if<ast::Name>(m_, e) && protocols_.count(head)) {
    *error = {StubKind::UnsupportedTypeHint, "'" + head + "' is a Protocol (a structural type C++ does not have): use a base class "
                                             "the implementations derive from (abc.ABC with @abstractmethod)"};
    return kUnknown;
  }
  if (get_if<ast::Name>(m_, e)) {
    if (TypeId t = class_type_named(head); t != kUnknown) return t;
    if (TypeId t = bound_type_var(head); t != kUnknown) return t;  // T inside `class C(Generic[T])`
    if (auto it = r_.type_vars.find(head); it != r_.type_vars.end()) return it->second;
    if (r_.type_alias_index.count(head)) return alias_type(head, error);
  }
  if (head == "int") return kInt;
  if (head == "float") return kFloat;
  if (head == "bool") return kBool;
  if (head == "str") return kStr;
  if (head == "None") return kNoneType;
  if (head == "list" || head == "List" || head == "dict" || head == "Dict" || head == "set" || head == "tuple") {
    *error = {StubKind::UnsupportedTypeHint, "bare '" + head + "' hint: give the element type, e.g. " + head + "[int]"};
    return kUnknown;
  }
  if (head == "Any" || head == "object") {
    *error = {StubKind::AnyType, "'" + head + "' hint: py2cpp needs a concrete type here"};
    return kUnknown;
  }
  *error = {StubKind::UnsupportedTypeHint, "type hint '" + expr_text(e) + "' is not supported yet"};
  return kUnknown;
}

// `A | B | None`, `Union[A, B]`: None makes it an Optional, two or more other alternatives a
// std::variant. Alternatives a variant cannot tell apart the way isinstance() does are refused.
TypeId Analyzer::union_hint(const std::vector<TypeId>& alternatives, ast::ExprId e, StubReason* error) {
  TypeTable& T = r_.types;
  bool has_none = false;
  std::vector<TypeId> rest;
  for (TypeId a : alternatives) {
    if (a == kNoneType) {
      has_none = true;
    } else if (T.kind(a) == TypeKind::Optional) {
      has_none = true;
      rest.push_back(T.arg(a, 0));
    } else {
      rest.push_back(a);
    }
  }
  TypeId u = T.union_of(rest);
  if (T.kind(u) == TypeKind::Union) {
    // isinstance(x, int) also holds for a bool, isinstance(x, Base) for a subclass: such
    // alternatives could not be told apart by which one the variant holds.
    const auto& alts = T.get(u).args;
    auto refuse = [&](const std::string& why) {
      *error = {StubKind::UnsupportedTypeHint, "union '" + expr_text(e) + "': " + why + " (not supported yet)"};
      return kUnknown;
    };
    for (TypeId a : alts) {
      if (T.kind(a) == TypeKind::Exception) return refuse("an exception alternative");
      if (a == kBool && std::find(alts.begin(), alts.end(), kInt) != alts.end()) return refuse("bool and int together");
      for (TypeId b : alts)
        if (a != b && T.kind(a) == TypeKind::Class && T.kind(b) == TypeKind::Class && T.derives_from(T.get(a).name, T.get(b).name))
          return refuse(T.get(a).name + " derives from " + T.get(b).name);
    }
    if (has_none) {
      *error = {StubKind::UnsupportedTypeHint, "an optional union '" + expr_text(e) + "' is not supported yet"};
      return kUnknown;
    }
  }
  if (rest.empty()) return kNoneType;
  return has_none ? T.optional_of(u) : u;
}

// `Literal["a", "b"]` is the literals' common type: str here.
TypeId Analyzer::literal_type(const std::vector<ast::ExprId>& values, StubReason* error) {
  TypeId t = kUnknown;
  for (ast::ExprId v : values) {
    const ast::ExprNode& n = m_.expr(v).node;
    TypeId vt = kUnknown;
    if (std::holds_alternative<ast::StrLit>(n)) vt = kStr;
    if (std::holds_alternative<ast::BoolLit>(n)) vt = kBool;
    if (std::holds_alternative<ast::IntLit>(n)) vt = kInt;
    if (auto* u = ast::get_if<ast::UnaryOp>(m_, v); u && u->op == ast::UnaryOpKind::Neg && ast::get_if<ast::IntLit>(m_, u->operand))
      vt = kInt;
    if (vt == kUnknown || (t != kUnknown && vt != t)) {
      *error = {StubKind::UnsupportedTypeHint, "Literal[...] of values of different or non-literal types is not supported"};
      return kUnknown;
    }
    t = vt;
  }
  if (t == kUnknown) *error = {StubKind::UnsupportedTypeHint, "empty Literal[]"};
  return t;
}

// A user class or exception class (built-in or user) named in a hint.
TypeId Analyzer::class_type_named(const std::string& name) {
  if (auto it = r_.class_index.find(name); it != r_.class_index.end()) return instance_type(r_.classes[it->second]);
  if (is_builtin_exception(name)) return r_.types.exception(name);
  return kUnknown;
}

}  // namespace py2cpp::sema
