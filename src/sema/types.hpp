#pragma once
// The type model of sema/: Python types as interned plain data. A TypeId is an index into a
// TypeTable; equal types have equal ids, so comparing types is comparing integers.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace py2cpp::sema {

using TypeId = uint32_t;

enum class TypeKind : uint8_t {
  Unknown,   // not (yet) inferred
  None,      // Python None / a function returning nothing
  Bool,
  Int,       // Python int -> int64_t
  Float,     // Python float -> double
  Str,       // Python str -> std::string (UTF-8)
  List,      // args[0] = element; name = "" (list) or "deque"
  Tuple,     // args = elements
  Dict,      // args = key, value; name = "" (dict), "defaultdict" or "Counter" (value int)
  Set,       // args[0] = element
  Optional,  // args[0] = the non-None type
  Range,     // the result of range(...)
  Module,    // an imported module (name = "math")
  Function,  // a module-level function used as a value (name = its Python name)
  Exception, // an exception class or instance (name = "ValueError", or a user class deriving from one)
  Class,     // an instance of a user class, held by a shared handle (name = the Python class name)
  ClassRef,  // a user class itself, as in `Point(...)` or `Point.origin()` (name = the class name)
  DictView,  // d.keys()/d.values()/d.items(): args[0] = element, name = "dict_keys"/"dict_values"/"dict_items"
  Generator, // args[0] = element: a generator expression or enumerate/zip/reversed, only ever
             // iterated where it is written (comprehensions.cpp)
  Union,     // args = the alternatives, in the hint's order, none of them None or a Union
  Callable,  // args = parameter types, then the return type (last)
  Enum,      // a member of a user `class C(Enum)`, a C++ `enum class` value (name = the class name)
  TypeParam, // a `T = TypeVar("T")` inside a generic function: a C++ template parameter (name = "T")
  ExcInfo,   // a parameter of a context manager's __exit__: name = "type" (exc_type), "exc" (exc) or
             // "tb"; the exception leaving the with body, or None (runtime/py2cpp/context.hpp)
};

struct Type {
  TypeKind kind = TypeKind::Unknown;
  std::vector<TypeId> args;
  std::string name;
  auto operator<=>(const Type&) const = default;
};

// Fixed ids of the scalar types, interned first by every TypeTable.
inline constexpr TypeId kUnknown = 0;
inline constexpr TypeId kNoneType = 1;
inline constexpr TypeId kBool = 2;
inline constexpr TypeId kInt = 3;
inline constexpr TypeId kFloat = 4;
inline constexpr TypeId kStr = 5;
inline constexpr TypeId kRange = 6;

class TypeTable {
 public:
  TypeTable();

  TypeId intern(const Type& t);
  const Type& get(TypeId id) const { return types_[id]; }
  TypeKind kind(TypeId id) const { return types_[id].kind; }
  TypeId arg(TypeId id, size_t i) const { return types_[id].args.at(i); }

  TypeId list_of(TypeId elem) { return intern({TypeKind::List, {elem}, {}}); }
  // collections.deque: a list of its own kind (name "deque"), with appendleft/popleft and maxlen.
  TypeId deque_of(TypeId elem) { return intern({TypeKind::List, {elem}, "deque"}); }
  // The list type `like` with another element type: a deque stays a deque.
  TypeId list_like(TypeId like, TypeId elem) { return intern({TypeKind::List, {elem}, types_[like].name}); }
  bool is_deque(TypeId t) const { return types_[t].kind == TypeKind::List && types_[t].name == "deque"; }
  // tuple[T, ...]: a list of its own kind (name "tuple"), never changed, printed and hashed as a tuple.
  TypeId vtuple_of(TypeId elem) { return intern({TypeKind::List, {elem}, "tuple"}); }
  bool is_vtuple(TypeId t) const { return types_[t].kind == TypeKind::List && types_[t].name == "tuple"; }
  TypeId tuple_of(std::vector<TypeId> elems) { return intern({TypeKind::Tuple, std::move(elems), {}}); }
  TypeId dict_of(TypeId k, TypeId v) { return intern({TypeKind::Dict, {k, v}, {}}); }
  // collections.defaultdict / Counter: dicts whose d[k] differs for a missing key (name).
  TypeId dict_of(TypeId k, TypeId v, const std::string& name) { return intern({TypeKind::Dict, {k, v}, name}); }
  // The dict type `like` with other key and value types: a defaultdict stays a defaultdict.
  TypeId dict_like(TypeId like, TypeId k, TypeId v) { return dict_of(k, v, types_[like].name); }
  // "" for a plain dict, "defaultdict", "Counter".
  const std::string& dict_kind(TypeId t) const { return types_[t].name; }
  TypeId set_of(TypeId elem) { return intern({TypeKind::Set, {elem}, {}}); }
  // frozenset[T]: a set of its own kind (name "frozenset"), immutable and hashable.
  TypeId frozenset_of(TypeId elem) { return intern({TypeKind::Set, {elem}, "frozenset"}); }
  // The set type `like` with another element type: a frozenset stays a frozenset.
  TypeId set_like(TypeId like, TypeId elem) { return intern({TypeKind::Set, {elem}, types_[like].name}); }
  bool is_frozenset(TypeId t) const { return types_[t].kind == TypeKind::Set && types_[t].name == "frozenset"; }
  TypeId optional_of(TypeId t) { return intern({TypeKind::Optional, {t}, {}}); }
  // `A | B`: nested unions are flattened and repeats dropped; one alternative is that type.
  TypeId union_of(const std::vector<TypeId>& alternatives);
  // `Callable[[A, B], R]`
  TypeId callable_of(std::vector<TypeId> params, TypeId result) {
    params.push_back(result);
    return intern({TypeKind::Callable, std::move(params), {}});
  }
  TypeId module(const std::string& name) { return intern({TypeKind::Module, {}, name}); }
  TypeId function(const std::string& name) { return intern({TypeKind::Function, {}, name}); }
  TypeId exception(const std::string& name) { return intern({TypeKind::Exception, {}, name}); }
  TypeId class_of(const std::string& name) { return intern({TypeKind::Class, {}, name}); }
  TypeId exc_info(const std::string& which) { return intern({TypeKind::ExcInfo, {}, which}); }
  TypeId class_ref(const std::string& name) { return intern({TypeKind::ClassRef, {}, name}); }
  TypeId enum_of(const std::string& name) { return intern({TypeKind::Enum, {}, name}); }
  TypeId type_param(const std::string& name) { return intern({TypeKind::TypeParam, {}, name}); }

  // The class hierarchy, so that unify() can find the common base of two user classes.
  void set_base(const std::string& cls, const std::string& base) { bases_[cls] = base; }
  // True if class `cls` is `base` or derives from it (user classes and exceptions).
  bool derives_from(const std::string& cls, const std::string& base) const;
  TypeId dict_view(const std::string& name, TypeId elem) { return intern({TypeKind::DictView, {elem}, name}); }
  TypeId generator_of(TypeId elem) { return intern({TypeKind::Generator, {elem}, {}}); }

  bool is_numeric(TypeId t) const { return t == kInt || t == kFloat || t == kBool; }
  // True if the type or any type inside it is still Unknown.
  bool has_unknown(TypeId t) const;
  // The TypeVars `t` mentions, added to `out` in first-appearance order (sema/generics.cpp).
  void collect_type_params(TypeId t, std::vector<TypeId>& out) const;
  // `t` with each TypeVar params[i] replaced by args[i]: list[T] with T=int -> list[int].
  TypeId substitute(TypeId t, const std::vector<TypeId>& params, const std::vector<TypeId>& args);

  // The Python spelling: "list[int]", "float", "None".
  std::string python_name(TypeId t) const;

  // Python's result type when values of types a and b meet in one variable (int + float -> float,
  // list[Unknown] + list[int] -> list[int]). Returns kUnknown when they cannot be reconciled.
  TypeId unify(TypeId a, TypeId b);

 private:
  std::vector<Type> types_;
  std::map<Type, TypeId> index_;
  std::map<std::string, std::string> bases_;  // class name -> its base class name
};

}  // namespace py2cpp::sema
