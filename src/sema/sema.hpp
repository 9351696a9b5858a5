#pragma once
// Stage 2: name resolution and type inference over an ast::Module.
//
// The result is plain data: side tables indexed by ExprId/StmtId plus one FunctionInfo per
// translated function body. emit/ reads only this and the AST; it never re-infers anything.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "ast/split_loop_names.hpp"
#include "diag/diagnostics.hpp"
#include "sema/types.hpp"

namespace py2cpp::sema {

// Where a variable's C++ declaration goes.
enum class DeclPlacement {
  Parameter,     // in the function signature
  AtFirstBinding,// `T x = value;` at the statement that first binds it
  ForHeader,     // `for (int64_t i = ...)`: the loop variable lives only in its loop
  Hoisted,       // `T x{};` at the top of the block `hoist_block`, assignments below
  CatchClause,   // `except E as e`: declared by the catch clause
  Captured,      // a nested function's name for a variable of the enclosing function (not declared)
};

struct Variable {
  std::string name;       // Python name
  std::string cpp_name;   // C++ name after renaming collisions (`new` -> `new_`)
  TypeId type = kUnknown;
  std::string reason;     // why this type: "annotation", "first assignment `x = 0` (line 3)", ...
  ast::Span span;         // where the type was decided
  DeclPlacement placement = DeclPlacement::AtFirstBinding;
  ast::StmtId first_binding = ast::kNoNode;
  const ast::Body* hoist_block = nullptr;  // for Hoisted
  bool mutated = false;    // a container mutated in place (append, item assignment, ...)
  bool elements_mutated = false;  // an element mutated in place (`grid[i][j] = v`, `rows[i].append(x)`)
  bool rebound = false;    // assigned again after its first binding
  bool annotated = false;  // the type comes from a hint and may not change
  int32_t alias_of = -1;   // `b = a` on lists: b is a C++ reference to variable a (Python sharing)
  bool by_value = false;       // a generator's parameter: copied into the coroutine (it outlives the call)
  bool borrows_field = false;  // `book = self.bids` (or `a.x if c else b.x`): a C++ reference to that container
  bool borrow_const = false;   // ... never changed through this name: a const reference
  ast::ExprId default_value = ast::kNoNode;  // for parameters
  ast::ParamKind param_kind = ast::ParamKind::Positional;
  bool external_default = false;  // a parameter of an imported function that has a default (in its own module)
  uint32_t captured_from = 0;     // Captured: the enclosing function's variable index
  bool nonlocal = false;          // Captured and rebound here through `nonlocal`
  bool pattern_only = false;      // bound by match patterns and read only by case guards: no C++ variable
  bool read_only_iterable = false;  // hinted Iterable[T] / Collection[T] (a std::vector): a call may pass a
                                    // set, a dict's keys or a tuple[T, ...], copied into a vector
};

// How a nested function sees the enclosing function's variables (sema/nested.cpp).
enum class CaptureMode : uint8_t {
  Reference,  // `[&]`: only called while the enclosing frame runs; sees every later change, as Python
  Value,      // `[=]`: outlives the frame; what it reads is bound once, before the def, never changed
  State,      // `[=]() mutable`, shared by every copy: it owns state the enclosing function no longer touches
};

// How a function defined in a class body is called.
enum class MethodKind : uint8_t {
  None,         // a module-level function
  Instance,     // def m(self, ...)
  Init,         // def __init__(self, ...): the C++ constructor
  Static,       // @staticmethod
  ClassMethod,  // @classmethod: `cls(...)` constructs the class itself
  Getter,       // @property
  Setter,       // @x.setter
};

struct Function {
  std::string name;       // Python name ("" for the __main__ block); methods: "Class.method"
  std::string cpp_name;
  ast::StmtId stmt = ast::kNoNode;  // the FunctionDef (or the If of the __main__ block)
  const ast::Body* body = nullptr;
  std::vector<Variable> vars;       // parameters first, in order, then locals
  size_t num_params = 0;
  std::map<std::string, uint32_t> var_index;
  TypeId return_type = kNoneType;
  bool return_annotated = false;
  std::string return_reason;
  std::string docstring;
  StubReason stub_reason;           // non-empty: the whole function is a stub
  bool signature_ok = true;         // false: not even the signature can be emitted
  bool is_generator = false;        // has `yield`: a coroutine returning py::Generator<yield_type>
  bool iter_delegate = false;       // `def __iter__(self): return iter(self.items)`: a generator of `yield from self.items`
  TypeId yield_type = kUnknown;     // generators: the items (return_type is Iterator[yield_type])
  bool memoized = false;            // @functools.cache / @lru_cache: a py::Memo keyed by the arguments
  int64_t cache_maxsize = -1;       // ... its maxsize (-1: unbounded)
  std::vector<TypeId> type_params;  // TypeVars of a generic function (sema/generics.cpp): a C++ template
  bool has_effects = false;         // prints, or mutates a parameter or global (directly or via calls):
                                    // emit/ keeps Python's left-to-right order around its calls
  // Methods only.
  int32_t owner = -1;               // index into SemaResult::classes
  MethodKind method_kind = MethodKind::None;
  std::string method_name;          // the Python name inside the class ("area", "__init__")
  bool is_virtual = false;          // overridden in a subclass (or abstract): dispatched virtually
  bool is_override = false;         // overrides a base class method
  bool is_abstract = false;         // @abstractmethod: pure virtual
  bool is_const = true;             // never assigns self's fields: a const member function
  bool synthesized = false;         // generated (a dataclass __init__), no Python body
  ast::ExprId super_init = ast::kNoNode;  // __init__: the `super().__init__(...)` call, first statement
  // Nested functions only (sema/nested.cpp): a C++ lambda stored in the enclosing function's local
  // named like the def; its Captured variables are the enclosing ones it uses.
  int32_t parent = -1;              // index into SemaResult::functions
  uint32_t parent_var = 0;          // the enclosing function's variable holding it
  CaptureMode capture = CaptureMode::Reference;
  bool recursive = false;           // calls itself: a std::function (a lambda cannot name itself)
  // Imported from another module of the batch (sema/imports.cpp): only the signature is known,
  // `stmt` is the import statement, cpp_name is qualified ("geometry::area"). "" = defined here.
  std::string external_module;
};

// A field of a class: from a class-level annotation or a `self.x = ...` in a method.
struct Field {
  std::string name;
  std::string cpp_name;
  TypeId type = kUnknown;
  std::string reason;
  ast::Span span;
  ast::ExprId default_value = ast::kNoNode;  // class-level `x: int = 0` (dataclass default)
  bool default_factory = false;              // `field(default_factory=list)`: default is a fresh empty value
  bool compare = true;                       // `field(compare=False)`: left out of __eq__, orderings, __hash__
  bool repr = true;                          // `field(repr=False)`: left out of __repr__
  bool annotated = false;
};

// A class-level name that is not an instance field: `MAX_SIZE = 64`.
struct ClassAttr {
  std::string name;
  std::string cpp_name;
  TypeId type = kUnknown;
  ast::StmtId stmt = ast::kNoNode;
  ast::ExprId value = ast::kNoNode;
  bool mutated = false;  // assigned through the class (`Counter.count += 1`): not a constant
  // `unit = "cm"` in Shape and `unit = "mm"` in its subclass Circle: `self.unit` in a Shape method
  // reads Circle's value for a Circle, so it reads through a virtual accessor (`class_unit()`).
  bool read_virtually = false;  // defined here and redefined in a subclass
  bool overrides = false;       // redefines a base class's attribute
};

// A member of an enum class: `RED = 1`, `NAME = "x"` or `AUTO = auto()` (the value CPython 3.11
// assigns: one more than the largest int value so far, 1 for the first).
struct EnumMember {
  std::string name;
  std::string cpp_name;
  int64_t int_value = 0;
  std::string str_value;
  ast::Span span;
};

struct Class {
  std::string name;
  std::string cpp_name;
  ast::StmtId stmt = ast::kNoNode;
  int32_t base = -1;                 // index of the user base class, or -1
  std::string builtin_base;          // "Exception", "ValueError", ...: an exception class (a value type)
  bool is_dataclass = false;
  bool dataclass_order = false;      // @dataclass(order=True): <, <=, >, >= compare the fields in order
  bool dataclass_eq = true;
  // @functools.total_ordering: the comparison the missing ones derive from (CPython's choice: the
  // greatest name among the defined __ge__/__gt__/__le__/__lt__); "" without the decorator.
  std::string total_ordering_root;
  // True if total_ordering generates `op` (one of the four the class does not define itself).
  bool derives_ordering(const std::string& op) const {
    return !total_ordering_root.empty() && !methods.count(op) &&
           (op == "__lt__" || op == "__le__" || op == "__gt__" || op == "__ge__");
  }
  bool is_frozen = false;
  // A frozen dataclass hashes its compared fields: false if one is unhashable (a list), so
  // hash() raises TypeError in Python and no __hash__ is generated (sema/classes.cpp).
  bool fields_hashable = true;
  bool is_abstract = false;          // has an @abstractmethod
  bool has_subclasses = false;       // needs a virtual destructor
  bool self_escapes = false;         // `self` is used as a value: needs enable_shared_from_this
  // __init__ uses `self` as a value (`parent.children.append(self)`): no handle exists inside a C++
  // constructor, so __init__ is a member function that the static `C::create(...)` calls on the
  // handle make_shared returned (sema/classes.cpp find_escaping_self).
  bool init_after_construction = false;
  std::vector<Field> fields;         // own fields, in declaration order (base fields come from the base)
  std::vector<ClassAttr> attrs;
  std::map<std::string, uint32_t> methods;  // Python method name -> index into SemaResult::functions
  std::string docstring;
  StubReason stub_reason;            // non-empty: the class is not translated
  // `class C(Enum)`: no fields nor methods; members in definition order, all int or all str values.
  bool is_enum = false;
  bool enum_str_values = false;
  bool is_int_enum = false;          // `class C(IntEnum)`: prints, formats and hashes as its int value
  std::vector<EnumMember> enum_members;
  // Imported from another module of the batch (sema/imports.cpp): name is its key
  // ("geometry.Vec"), cpp_name qualified ("geometry::Vec"), stmt the import; its methods are
  // signature-only Functions. Emitted by its own module only. "" = defined here.
  std::string external_module;
  // `class Stack(Generic[T])`: its TypeVars, and the one binding the module uses them with
  // (`Stack[int]`): the class is translated with T = int (sema/generic_classes.cpp).
  std::vector<std::string> type_params;
  std::vector<TypeId> type_args;
  std::string binding_reason;  // "`Stack[int]` (line 24)"
  bool is_exception() const { return !builtin_base.empty(); }
};

struct Global {
  std::string name;
  std::string cpp_name;
  TypeId type = kUnknown;
  std::string reason;
  ast::StmtId stmt = ast::kNoNode;  // the binding statement
  ast::ExprId value = ast::kNoNode;
  bool is_constant = false;         // never rebound nor mutated
  bool is_literal = false;          // initializer is a compile-time literal (constexpr-able)
  bool mutated = false;
  // Imported from another module of the batch: cpp_name is qualified ("config::LIMIT"), stmt is
  // kNoNode, is_constant is what its module says. "" = defined here.
  std::string external_module;
};

// A module-level type alias: `Vector = list[float]`, `Vector: TypeAlias = list[float]`, or
// `UserId = NewType("UserId", int)`. Hints naming it mean its type; C++ gets a `using`.
struct TypeAlias {
  std::string name;
  std::string cpp_name;
  ast::StmtId stmt = ast::kNoNode;
  ast::ExprId value = ast::kNoNode;  // the aliased type expression
  TypeId type = kUnknown;            // kUnknown: the stub reason is in `error`
  bool is_newtype = false;           // `UserId(5)` converts to it
  StubReason error;
};

// What a Name expression refers to.
struct NameRef {
  enum Kind : uint8_t { Unresolved, Variable, Global, Function, Builtin, Module, Exception, Class, Scoped, TypeAlias } kind = Unresolved;
  uint32_t index = 0;  // into Function::vars, Module globals, functions, classes or SemaResult::scoped_vars
};

// One line of the report: a type chosen for a variable/parameter/return, and why.
struct TypeDecision {
  std::string scope;   // function name, "<module>" or "<main>"
  std::string name;    // variable, "return"
  std::string type;    // Python spelling
  std::string reason;
  uint32_t line = 0;
};

// One stub: a statement or function that was not translated.
// An int value stored where the C++ holds a double: Python prints `0`, the C++ `0.0` (P2C0206).
struct IntAsFloat {
  ast::Span span;
  std::string scope;    // the function ("<main>", "<module>")
  std::string slots;    // "'total', parameter 'x' of Vec()"
  std::string message;
};

struct Stub {
  std::string scope;
  std::string reason;  // the detail
  ast::Span span;
  StubKind kind = StubKind::UnsupportedSyntax;
};

// Methods of list, deque, dict and set that change their object in place.
const std::set<std::string>& mutating_methods();
// True if `name` may be changed in place in `b`: a mutating method, item assignment or `del`,
// `name op= ...`, or passing it to a function (sema/mutation_scan.cpp).
bool may_mutate_name(const ast::Module& m, const ast::Body& b, const std::string& name);

// What sema/match_stmt.cpp found about one pattern of a match statement (per PatternId).
struct PatternInfo {
  TypeId subject = kUnknown;   // the type of the value the pattern is matched against
  TypeId narrowed = kUnknown;  // the value's type where the pattern matches, when the test picks it:
                               // a std::variant alternative, a subclass of the subject's class, the
                               // value inside an Optional; kUnknown when it is `subject` itself
  // Class patterns: the C++ member each sub-pattern reads, positional ones (via __match_args__)
  // first, then the keyword ones; "" for `int(x)`-style patterns, which match the value itself.
  std::vector<std::string> members;
};

struct SemaResult {
  TypeTable types;
  std::vector<TypeId> expr_type;          // per ExprId
  std::vector<NameRef> name_ref;          // per ExprId (Name expressions)
  std::vector<bool> expr_narrowed;        // per ExprId: a Name of type `T | None` read where it is known not None
  std::map<ast::ExprId, uint32_t> call_target;
  std::set<ast::ExprId> iterated_tuples;
  std::set<ast::ExprId> iterated_objects;  // instances iterated through their __iter__: `obj->__iter__()`  // homogeneous tuples iterated: py::tuple_items(t), a std::array  // each call of a user function, method or constructor -> the Function
  // `f"{n if n else 'none'}"`: conditional expressions used only as text whose branches have
  // different types; typed str, each branch converted with py::str.
  std::set<ast::ExprId> text_ifexps;
  std::vector<StubReason> stmt_stub;      // per StmtId: non-empty = this statement is a stub, with the reason
  std::vector<Function> functions;        // module-level functions and methods, in source order
  std::map<std::string, uint32_t> function_index;  // "f" for functions, "Class.method" for methods
  std::vector<Class> classes;             // in source order (a base always precedes its subclasses)
  std::map<std::string, uint32_t> class_index;
  std::vector<Global> globals;
  std::map<std::string, uint32_t> global_index;
  // isinstance(x, T) on a union-typed x (keyed by the x expression): the alternatives it holds for.
  std::map<ast::ExprId, std::vector<TypeId>> isinstance_matches;
  // isinstance(n, (int, float)) on a value whose type is fixed (an int, a str, a list...): the
  // answer is known here (keyed by the tested Name).
  std::map<ast::ExprId, bool> static_isinstance;
  std::vector<PatternInfo> patterns;      // per PatternId (sema/match_stmt.cpp)
  std::vector<TypeAlias> type_aliases;    // in source order
  std::map<std::string, TypeId> type_vars;  // `T = TypeVar("T")`: Python name -> its TypeParam type
  // Each call of a generic function: the type bound to each of its type_params, in order.
  std::map<ast::ExprId, std::vector<TypeId>> call_type_args;
  // ... and its parameters' types with those bound (`list[int]` for `xs: list[T]`), per parameter.
  std::map<ast::ExprId, std::vector<TypeId>> call_param_types;
  std::map<std::string, uint32_t> type_alias_index;
  std::vector<ast::StmtId> init_stmts;    // module-level statements that run at import (not defs/constants)
  bool has_main = false;
  Function main;                          // the `if __name__ == "__main__":` block
  std::vector<std::string> imports;       // modules imported ("math")
  std::map<std::string, std::string> from_imports;  // `from math import sqrt as root`: "root" -> "math.sqrt"
  // For each call of a module function: the argument for each parameter, in parameter order
  // (keywords resolved); kNoNode where the parameter's default is used.
  std::map<ast::ExprId, std::vector<ast::ExprId>> call_args;
  // Calls of a function with `*args: T`: the arguments that go into it (one Starred `*xs` alone,
  // or plain values), in order. Its slot in call_args stays kNoNode.
  std::map<ast::ExprId, std::vector<ast::ExprId>> call_varargs;
  // Arguments copied into a std::vector for an Iterable[T] / Collection[T] parameter: a set, a
  // dict's keys or a tuple[T, ...] (`py::list(arg)`, in the argument's iteration order).
  std::set<ast::ExprId> iterable_copies;
  // `t.weight` of a union of classes that all have that field: std::visit (infer_class.cpp).
  std::set<ast::ExprId> union_fields;
  // Names that live inside one expression: comprehension variables and lambda parameters
  // (Python gives each comprehension and lambda its own scope; C++ declares them in the loop
  // header or the lambda's parameter list). Name expressions refer to them as NameRef::Scoped.
  std::vector<Variable> scoped_vars;
  std::map<ast::ExprId, std::vector<uint32_t>> lambda_params;
  std::map<ast::StmtId, uint32_t> nested_functions;  // a FunctionDef inside a function -> its Function  // per Lambda: its parameters' scoped_vars
  std::vector<TypeDecision> decisions;
  std::vector<Stub> stubs;
  std::vector<IntAsFloat> int_as_float;   // in source order; the report's `warnings`
  // Names a function binds to values of different types (`'group' is list[Event] but is assigned
  // a Iterator[Event]`): the driver may split them by loop (ast/split_loop_names) and run sema again.
  std::vector<ast::LoopNameConflict> loop_name_conflicts;
  std::vector<Diagnostic> diagnostics;
  std::string namespace_name;             // C++ namespace for the module
  std::vector<std::string> module_includes;  // headers of imported batch modules ("geometry.hpp")
};

// Standard-library modules with a runtime header (stdlib.cpp): math, random, heapq, bisect, collections.
bool is_stdlib_module(const std::string& name);
// "heapq.heappush" for a call's function `heapq.heappush` or `heappush` (from heapq import ...);
// "" for anything else.
std::string stdlib_callee(const ast::Module& m, const SemaResult& r, ast::ExprId func);
// heappush, insort, shuffle ... change the list passed first.
bool stdlib_mutates_first_argument(const std::string& callee);
// Calls whose evaluation order matters: random's functions, and those that mutate an argument.
bool stdlib_call_has_effects(const std::string& callee);

struct ModuleInterface;
struct ExternalSubclass;
SemaResult analyze(const ast::Module& module);
// With the interfaces of the batch modules this one may import (sema/interface.hpp).
SemaResult analyze(const ast::Module& module, const std::vector<ModuleInterface>& imports);
// ... and the classes of this module that importers subclass (made virtual; sema/interface.hpp).
SemaResult analyze(const ast::Module& module, const std::vector<ModuleInterface>& imports,
                   const std::vector<ExternalSubclass>& subclassed);

// The dunder method behind an operator on instances: Add -> "__add__", Lt -> "__lt__"; nullptr if none.
const char* binop_dunder(ast::BinOpKind op);
// `type(x).__name__`, `x.__class__.__name__`: x, else kNoNode.
ast::ExprId type_name_subject(const ast::Module& m, const ast::Attribute& a);
const char* cmpop_dunder(ast::CmpOpKind op);

// C++ spelling of an identifier: Python names that collide with C++ keywords or with names the
// generated code relies on (`main`, `std`, `py`, `int64_t`, ...) get a trailing underscore.
std::string cpp_identifier(const std::string& python_name);

// C++ namespace of a module: cpp_identifier(module name), plus `_ns` (repeated) while that equals
// a name the module declares at namespace scope (`declared`: C++ names of its functions, classes
// and globals). main.cpp says `using namespace NS;`, so a clash would make that name ambiguous:
// main.py with `def main()` gets namespace `main_ns` and function `main_ns::main_`.
std::string namespace_identifier(const std::string& module_name, const std::vector<std::string>& declared);

// A class's fields with its bases' first, in declaration order (stdlib_dataclasses.cpp).
std::vector<const Field*> all_fields(const SemaResult& r, const Class& cls);

}  // namespace py2cpp::sema
