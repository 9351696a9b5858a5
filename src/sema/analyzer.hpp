#pragma once
// Internal to sema/: the state of one analysis run. One Analyzer per module, no globals, so
// modules can be analysed in parallel.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sema/interface.hpp"
#include "sema/sema.hpp"

namespace py2cpp::sema {

// The name a hint starts with: `List` for both `List[int]`'s head and `typing.List`.
std::string annotation_head(const ast::Module& m, ast::ExprId e);
bool contains_yield(const ast::Module& m, const ast::Body& body);  // generators.cpp
std::string callable_display_name(const Function& fn);             // int_as_float.cpp: "Vec" for Vec.__init__
ast::ExprId iter_delegate_value(const ast::Module& m, const ast::Body& body);

// The keyword argument `name=` of a call, or nullptr.
inline const ast::Keyword* keyword_argument(const ast::Call& c, std::string_view name) {
  for (const auto& k : c.keywords)
    if (k.name == name) return &k;
  return nullptr;
}

// Scope::narrowed key of a comprehension's variable (scoped_vars index), apart from local names.
inline std::string scoped_narrowing_key(uint32_t index) { return "%scoped" + std::to_string(index); }

// The body of a generated function (a dataclass __init__).
inline const ast::Body kEmptyBody{};
// Names bound inside an expression (a comprehension's variables, a lambda's parameters), looked
// up before the function's locals; frames chain outwards to the enclosing comprehension/lambda.
struct ScopeFrame {
  std::vector<std::pair<std::string, uint32_t>> names;  // Python name -> SemaResult::scoped_vars index
  const ScopeFrame* parent = nullptr;
  bool lambda = false;  // a lambda's parameters (else a comprehension's variables)
  bool lazy = false;    // a generator expression not folded at once by sum/min/max/any/all/list/sorted
};

// The scope an expression is analysed in.
struct Scope {
  Function* fn = nullptr;         // nullptr: module level (names bind globals)
  ast::StmtId stmt = ast::kNoNode;  // the statement being analysed: unsupported constructs stub it
  // Names whose type is narrowed here: `x` of type `T | None` inside `if x is not None:`.
  std::map<std::string, TypeId> narrowed;
  // Names the statement just analysed left narrowed although it binds them (`x = Node()` into a
  // `Node | None`; `if x is None: x = Node()`): infer_body keeps these instead of forgetting them.
  std::set<std::string> established;
  const ScopeFrame* frame = nullptr;  // innermost comprehension/lambda scope, if any
};

void forget_attribute_narrowing(Scope& s);                   // every "obj.field"
void forget_name_narrowing(Scope& s, const std::string& name);  // `name` and "name.field": rebound

class Analyzer {
 public:
  explicit Analyzer(const ast::Module& m, const std::vector<ModuleInterface>* imports = nullptr,
                    const std::vector<ExternalSubclass>* subclassed = nullptr);
  SemaResult run();

  // ---- annotations.cpp
  TypeId type_from_annotation(ast::ExprId e, StubReason* error);
  TypeId literal_type(const std::vector<ast::ExprId>& values, StubReason* error);
  bool isinstance_alternatives(TypeId u, ast::ExprId classes, std::vector<TypeId>& matched) const;
  bool fresh_list_of_classes(ast::ExprId x, TypeId t) const;
  bool copies_into_iterable(const Variable& p, TypeId pt, TypeId at) const;
  TypeId infer_union_field(ast::ExprId e, TypeId u, const ast::Attribute& a, Scope& s);
  TypeId union_hint(const std::vector<TypeId>& alternatives, ast::ExprId e, StubReason* error);
  TypeId class_type_named(const std::string& name);
  // ---- callables.cpp
  TypeId callable_of_function(const Function& fn);
  TypeId function_value(ast::ExprId e, TypeId expected, Scope& s);
  TypeId bound_method_value(TypeId base, const Function& m, Scope& s);
  TypeId infer_lambda_value(ast::ExprId e, const ast::Lambda& l, TypeId expected, Scope& s);
  void check_lambda_captures(Function& fn);
  TypeId infer_callable_call(TypeId ft, const ast::Call& c, Scope& s);
  // ---- generics.cpp: TypeVar generics as C++ templates
  static constexpr unsigned kNeedsPrintable = 1, kNeedsHashable = 2, kNeedsOrderable = 4;
  bool scan_type_var(ast::StmtId id);
  void generic_signature(Function& fn, std::string* error);
  void require_of_type_param(TypeId t, unsigned need) const;
  std::string type_param_misfit(const Function& callee, TypeId param, TypeId actual, Scope& s);
  bool bind_type_params(ast::ExprId call, const Function& callee, const std::vector<ast::ExprId>& args,
                        const std::set<ast::ExprId>& deferred, Scope& s);
  void check_type_param_scope();
  // What each generic body does with its TypeVars' values (kNeeds*): the bindings must allow it.
  // Mutable: recorded by const queries (is_hashable); a new need triggers another round.
  mutable std::map<std::pair<const Function*, TypeId>, unsigned> type_param_needs_;
  const Function* current_fn_ = nullptr;  // the body being analysed (analyze_functions)
  mutable bool needs_changed_ = false;
  // ---- type_aliases.cpp
  bool scan_type_alias(ast::StmtId id);
  void resolve_type_aliases();
  TypeId alias_type(const std::string& name, StubReason* error);

  // ---- infer_expr.cpp
  TypeId infer(ast::ExprId e, Scope& s, TypeId expected = kUnknown);
  TypeId infer_name(ast::ExprId e, const ast::Name& n, Scope& s);
  TypeId infer_binop(ast::ExprId e, const ast::BinOp& b, Scope& s, TypeId expected);
  TypeId binop_result(ast::BinOpKind op, TypeId l, TypeId r, ast::ExprId right, Scope& s);
  TypeId infer_compare(const ast::Compare& c, Scope& s);
  std::optional<int64_t> constant_int(ast::ExprId e) const;
  TypeId infer_subscript(const ast::Subscript& sub, Scope& s);
  TypeId infer_fstring(const std::vector<ast::FStringPart>& parts, Scope& s);
  TypeId infer_named_expr(const ast::NamedExpr& ne, Scope& s);

  // ---- builtins.cpp
  TypeId infer_call(ast::ExprId e, const ast::Call& c, Scope& s);
  bool infer_call_arguments(const ast::Call& c, Scope& s, std::vector<TypeId>& types);
  TypeId infer_builtin_call(const std::string& name, const ast::Call& c, Scope& s);
  TypeId infer_math_call(const std::string& fn, const ast::Call& c, Scope& s);
  TypeId infer_random_call(ast::ExprId e, const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_random.cpp
  // `heapq.f(...)`, `bisect.f(...)` ...: dispatches "module.f" to the module's stdlib_<module>.cpp.
  TypeId infer_stdlib_call(ast::ExprId e, const std::string& callee, const ast::Call& c, Scope& s);
  bool infer_stdlib_arguments(const ast::Call& c, Scope& s, bool iterables, std::vector<TypeId>& a);
  TypeId infer_itertools_call(ast::ExprId e, const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_itertools.cpp
  TypeId infer_heapq_call(ast::ExprId e, const std::string& fn, const ast::Call& c, Scope& s);   // stdlib_heapq.cpp
  TypeId infer_bisect_call(ast::ExprId e, const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_bisect.cpp
  TypeId infer_sys_call(const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_sys.cpp
  TypeId infer_sys_attribute(const std::string& attr, Scope& s);
  TypeId infer_collections_call(ast::ExprId e, const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_collections.cpp
  std::optional<TypeId> infer_counter_method(ast::ExprId obj, TypeId ot, const std::string& method, const ast::Call& c,
                                             const std::vector<TypeId>& a, Scope& s);
  bool refine_list_element(ast::ExprId list, TypeId list_t, TypeId item, Scope& s, const std::string& why);
  TypeId infer_method_call(ast::ExprId obj, const std::string& method, const ast::Call& c, Scope& s);
  // `first` skips leading parameters the call does not pass (`self` of a method).
  TypeId infer_user_call(ast::ExprId e, uint32_t fn_index, const ast::Call& c, Scope& s, size_t first = 0);
  static bool is_builtin_function(const std::string& name);
  static bool is_builtin_exception(const std::string& name);
  static bool is_annotation_only_module(const std::string& name);

  // ---- classes.cpp
  void scan_class(ast::StmtId id, const ast::ClassDef& def);
  Function method_of(const ast::ClassDef& def, const ast::FunctionDef& f, ast::StmtId sid) const;
  void add_self_fields(Class& cls);
  void type_classes();
  void compute_constness();
  bool unify_override_params();  // override_params.cpp; true when a parameter became changed
  void find_escaping_self();
  bool is_exception_class(const std::string& name) const;
  void scan_enum_body(Class& cls, const ast::ClassDef& def);
  const Class* enum_class(TypeId t) const;  // of an enum member or enum class type
  TypeId infer_enum_call(const Class& cls, const ast::Call& c, Scope& s);
  std::string common_exception_class(const std::string& a, const std::string& b);
  Class* class_named(const std::string& name);
  Field* find_field(const std::string& cls, const std::string& name, int32_t* owner = nullptr);
  Function* find_method(const std::string& cls, const std::string& name);
  Function* overridden_method(const Function& fn);  // the nearest base-class definition, or nullptr
  ClassAttr* find_class_attr(const std::string& cls, const std::string& name);

  // ---- infer_class.cpp
  std::string class_name_of(TypeId t) const;  // the user class of an instance type, or ""
  TypeId instance_type(const Class& cls);
  TypeId infer_attribute(ast::ExprId e, const ast::Attribute& a, Scope& s);
  TypeId infer_constructor_call(ast::ExprId e, const Class& cls, const ast::Call& c, Scope& s);
  TypeId infer_class_method_call(ast::ExprId e, TypeId obj_type, const std::string& method, const ast::Call& c,
                                 Scope& s);
  TypeId infer_super_call(ast::ExprId e, const std::string& method, const ast::Call& c, Scope& s);
  void bind_attribute(ast::ExprId target, const ast::Attribute& a, TypeId t, Scope& s);
  TypeId dunder_result(const std::string& dunder, TypeId self, const std::vector<TypeId>& args, Scope& s);
  std::string inplace_dunder(ast::BinOpKind op, TypeId target);
  TypeId infer_type_name(ast::ExprId subject, Scope& s);
  void store_instance_item(ast::ExprId target, const ast::Subscript& sub, TypeId value, Scope& s);
  bool printable_class(TypeId t);
  bool repr_shows_address(TypeId t);  // a class with __str__ only, whose repr() is its address

  // ---- str_format.cpp: str.format, printf-style '%', format()
  void check_format_field(TypeId t, char conversion, bool has_spec, Scope& s);
  void check_constant_spec(TypeId t, char conversion, const std::vector<ast::FStringPart>& spec, Scope& s);
  void check_format_parts(const std::vector<ast::FStringPart>& parts, Scope& s);
  TypeId infer_str_format(ast::ExprId obj, const ast::Call& c, Scope& s);
  void check_percent_field(char type, TypeId t, Scope& s);
  TypeId infer_percent_format(const ast::BinOp& b, Scope& s);
  TypeId infer_format_builtin(const ast::Call& c, const std::vector<TypeId>& a, Scope& s);
  bool class_operands_comparable(ast::CmpOpKind op, TypeId l, TypeId r, Scope& s);
  void narrow_from_test(ast::ExprId test, bool when_true, Scope& s);
  void narrow_by_assignment(ast::ExprId target, TypeId value, Scope& outer);  // infer_stmt.cpp
  bool optional_of_value(TypeId left, TypeId right) const;  // infer_expr.cpp: `opt == "a"`
  void check_rebound_param_calls(const Function& fn);  // rebound_params.cpp
  void join_narrowing(const Scope* then_end, const Scope* else_end, Scope& outer);
  // ---- attr_narrowing.cpp: `if obj.field is not None:`
  std::string narrowing_key(ast::ExprId e) const;  // "x", "obj.field", or "" (not narrowed)
  bool expr_may_change_fields(ast::ExprId e);
  bool stmt_may_change_fields(ast::StmtId id, bool whole = false);

  // ---- comprehensions.cpp: comprehensions, generator expressions, lambdas as key=, and the
  // builtins that iterate (min max sum sorted any all list enumerate zip reversed)
  TypeId infer_iterable(ast::ExprId e, Scope& s);
  TypeId infer_comprehension(ast::ExprId e, const ast::Comprehension& c, Scope& s, TypeId expected);
  void bind_scoped_target(ast::ExprId target, TypeId t, ScopeFrame& frame, Scope& s);
  uint32_t scoped_slot(ast::ExprId owner, uint32_t position, const std::string& name);
  TypeId infer_lambda(ast::ExprId e, const ast::Lambda& l, const std::vector<TypeId>& params, Scope& s,
                      bool defaults = false);
  // ordered: the key's values must be orderable (sorted, min); groupby only compares them with ==.
  TypeId infer_key(ast::ExprId key, TypeId elem, Scope& s, bool ordered = true);
  bool is_iter_call(ast::ExprId e) const;
  TypeId infer_transpose(ast::ExprId e, const ast::Call& c, Scope& s);  // transpose.cpp
  bool transpose_use_ok(ast::ExprId e, const std::string& rows_name, Scope& s);
  TypeId infer_iter_call(const ast::Call& c, Scope& s);
  TypeId infer_map_filter(const std::string& name, const ast::Call& c, Scope& s);
  bool orderable(TypeId t, Scope& s);
  std::optional<TypeId> infer_iteration_builtin(const std::string& name, const ast::Call& c, Scope& s);
  TypeId infer_min_max(const std::string& name, const ast::Call& c, const std::vector<TypeId>& a, Scope& s);
  bool sort_keywords_ok(const std::string& what, const ast::Call& c, TypeId elem, Scope& s);
  void check_comprehension_sharing(Function& fn);

  // ---- infer_stmt.cpp
  void infer_body(const ast::Body& body, Scope& s);
  void infer_stmt(ast::StmtId id, Scope& s);
  void bind_target(ast::ExprId target, TypeId value_type, Scope& s, const std::string& reason);
  void bind_starred_target(ast::ExprId target, const std::vector<ast::ExprId>& elts, TypeId t, Scope& s,
                           const std::string& reason);
  void bind_name(ast::ExprId target, const std::string& name, TypeId t, Scope& s, const std::string& reason);
  void note_mutation(ast::ExprId container, Scope& s);
  bool is_builtin_name(ast::ExprId e, const std::string& name) const;
  TypeId infer_dict_fromkeys(const ast::Call& c, Scope& s);
  // `for i, row in enumerate(rows)` -> {(row, rows)}; `for a, b in zip(xs, ys)` -> {(a, xs), (b, ys)}.
  std::vector<std::pair<ast::ExprId, ast::ExprId>> view_item_sources(const ast::For& f) const;
  void collect_bound_names(ast::StmtId id, std::vector<std::string>& out) const;  // names a statement binds
  TypeId element_type_of_iterable(TypeId t);

  // ---- with_stmt.cpp: `with` over user context managers, and __exit__'s exception parameters
  void infer_with(const ast::With& node, Scope& s);
  TypeId exit_parameter_type(const Function& fn, size_t index, std::string* reason) const;
  bool exc_info_identity(TypeId left, TypeId right) const;  // `exc_type is None`, `exc_type is ValueError`
  std::optional<TypeId> infer_exc_info_builtin(const std::string& name, const ast::Call& c,
                                               const std::vector<TypeId>& a, Scope& s);
  TypeId infer_exc_info_attribute(const ast::Attribute& a, TypeId t, Scope& s);

  // ---- match_stmt.cpp: match statements and their patterns
  void infer_match(const ast::Match& node, Scope& s, Scope& after);
  TypeId check_pattern(ast::PatternId p, TypeId t, Scope& s, bool* ok);
  TypeId check_value_pattern(ast::PatternId p, const ast::MatchValue& v, TypeId t, Scope& s, bool* ok);
  TypeId check_sequence_pattern(const ast::MatchSequence& q, TypeId t, Scope& s, bool* ok);
  TypeId check_mapping_pattern(const ast::MatchMapping& q, TypeId t, Scope& s, bool* ok);
  TypeId check_class_pattern(ast::PatternId p, const ast::MatchClass& c, TypeId t, Scope& s, bool* ok);
  std::vector<std::string> match_args(const Class& cls, std::string* error);
  void fresh_containers(ast::PatternId p, std::vector<ast::ExprId>& out) const;
  bool is_none_case(const ast::MatchCase& c) const;

  // ---- infer_try.cpp (exceptions) and infer_lists.cpp (slice assignment, del)
  void infer_try(const ast::Try& node, Scope& s);
  void infer_raise(const ast::Raise& node, Scope& s);
  std::vector<std::string> handler_classes(ast::ExprId type) const;
  void check_return_through_finally(const ast::Try& node, Scope& s);
  void infer_delete(const ast::Delete& node, Scope& s);
  void bind_slice_target(const ast::Subscript& sub, TypeId value, Scope& s);
  void infer_slice_bounds(const ast::Slice& sl, Scope& s);
  // ---- dict_set.cpp: dicts, sets and dict views
  TypeId infer_dict_literal(const ast::DictLit& d, Scope& s, TypeId expected);
  TypeId infer_set_literal(const ast::SetLit& l, Scope& s, TypeId expected);
  TypeId infer_dict_subscript(TypeId dict_t, const ast::Subscript& sub, Scope& s);
  void store_dict_item(ast::ExprId target, const ast::Subscript& sub, TypeId value, Scope& s);
  TypeId infer_dict_method(ast::ExprId obj, TypeId ot, const std::string& method, const ast::Call& c,
                           const std::vector<TypeId>& a, Scope& s);
  TypeId infer_set_method(ast::ExprId obj, TypeId ot, const std::string& method, const ast::Call& c,
                          const std::vector<TypeId>& a, Scope& s);
  TypeId infer_collection_builtin(const std::string& name, const ast::Call& c, const std::vector<TypeId>& a, Scope& s);
  TypeId set_binop(ast::BinOpKind op, TypeId l, TypeId r, Scope& s);
  bool dict_set_membership(TypeId container, TypeId item, bool* ok);
  bool tuple_membership(TypeId tuple, TypeId item);
  bool is_hashable(TypeId t) const;
  bool refine_variable(ast::ExprId obj, TypeId old_t, TypeId new_t, Scope& s, const std::string& why);

  // ---- aliasing.cpp
  void check_aliasing(Function& fn);
  void check_returned_container_mutation(Function& fn);  // returned_container.cpp
  void check_field_sharing();  // field_sharing.cpp
  void compute_effects();

  // ---- stdlib_functools.cpp
  bool memo_decorator(ast::ExprId d, int64_t* maxsize, std::string* error);
  TypeId infer_functools_call(const std::string& fn, const ast::Call& c, Scope& s);
  bool check_binary_function(ast::ExprId f, TypeId acc, TypeId el, Scope& s, const std::string& what);  // stdlib_functools.cpp
  std::optional<TypeId> infer_memo_call(const ast::Attribute& attr, const ast::Call& c, Scope& s);
  std::optional<TypeId> memo_info_field(const ast::Attribute& a);
  TypeId infer_dataclasses_call(const std::string& fn, const ast::Call& c, Scope& s);  // stdlib_dataclasses.cpp
  // ---- stdlib_partial.cpp
  TypeId infer_partial(const ast::Call& c, Scope& s);
  std::optional<TypeId> infer_cmp_key(ast::ExprId key, TypeId elem, Scope& s);
  std::string operator_getter(ast::ExprId key) const;  // comprehensions.cpp
  // ---- nested.cpp: nested functions and closures
  void scan_nested_functions();
  void capture_enclosing(Function& fn);
  void captures_in(Function& fn);
  void captures_out(Function& fn);
  void check_nested_function(Function& fn);

  // ---- placement.cpp
  void place_declarations(Function& fn);

  // ---- imports.cpp: imports of other modules translated in the same batch
  bool import_module(ast::StmtId id, const ast::Import& imp);
  bool import_from_module(ast::StmtId id, const ast::ImportFrom& imp);
  const ModuleInterface* find_interface(const std::string& name) const;
  uint32_t add_external_function(ast::StmtId id, const ModuleInterface& mi, const ExportedFunction& ef,
                                 const std::string& local_name);
  Function external_signature(ast::StmtId id, const ModuleInterface& mi, const ExportedFunction& ef, const std::string& name);
  void add_include(ast::StmtId id, const ModuleInterface& mi);
  uint32_t import_class(ast::StmtId id, const ModuleInterface& mi, const ExportedClass& ec);
  uint32_t import_global(const ModuleInterface& mi, const ExportedGlobal& eg, const std::string& local);
  std::string not_exported_reason(const ModuleInterface& mi, const std::string& name) const;
  std::optional<TypeId> infer_module_attribute(ast::ExprId e, const ast::Attribute& a, Scope& s);
  // The module-level import statement that binds `name` and is itself a stub, or kNoNode.
  ast::StmtId stubbed_import_of(const std::string& name) const;
  const Class* named_class(ast::ExprId e) const;
  void mark_subclassed();  // classes importers subclass: virtual, non-const (classes.cpp)

  std::set<ast::ExprId> folded_generators_;  // generator expressions sum/min/max/any/all/list/sorted consume at once
  ast::ExprId iterated_ = ast::kNoNode;  // infer_iterable(): the expression allowed to be an iterator
  // An assignment's value that may be a generator object (`g = numbers()`, generators.cpp).
  ast::ExprId generator_slot_ = ast::kNoNode;
  bool is_generator_value(ast::ExprId e, TypeId t) const;
  TypeId infer_next_call(const ast::Call& c, Scope& s);
  // ---- generators.cpp
  void generator_signature(Function& fn, const ast::FunctionDef& def);
  void infer_yield(const ast::Yield& y, Scope& s);

  // ---- analyze.cpp
  void scan_module();
  int alias_depth_ = 0;  // type_aliases.cpp: guards `A = list["A"]`
  void type_signatures();
  void analyze_functions();
  void escalate_stubs(Function& fn);
  void record_decisions();
  void unsupported(Scope& s, StubKind kind, const std::string& detail);
  void warn(DiagKind kind, const ast::Span& span, const std::string& message);
  Function* function_named(const std::string& name);
  bool is_main_guard(const ast::If& node) const;
  std::string stmt_excerpt(ast::StmtId id) const;
  std::string expr_text(ast::ExprId e) const { return std::string(m_.text(m_.expr(e).span)); }

  // `int | float` (`Number = Union[int, float]`): a std::variant read as a double where Python's
  // result is a float anyway (infer_expr.cpp binop_result, float()).
  bool is_int_or_float_union(TypeId t) const {
    const TypeTable& T = r_.types;
    if (T.kind(t) != TypeKind::Union || T.get(t).args.size() != 2) return false;
    const auto& a = T.get(t).args;
    return (a[0] == kInt && a[1] == kFloat) || (a[0] == kFloat && a[1] == kInt);
  }

  // A member of an IntEnum: an int in arithmetic and in comparisons with numbers.
  bool is_int_enum_value(TypeId t) const {
    if (r_.types.kind(t) != TypeKind::Enum) return false;
    auto it = r_.class_index.find(r_.types.get(t).name);
    return it != r_.class_index.end() && r_.classes[it->second].is_int_enum;
  }

  static bool is_string_module_constant(const std::string& name) {
    static const std::set<std::string> names = {"ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits",  "hexdigits",
                                                "octdigits",     "punctuation",     "whitespace",      "printable"};
    return names.count(name) > 0;
  }

  // ---- generic_classes.cpp: `class Stack(Generic[T])` with one binding in the module
  bool scan_generic_base(Class& cls, ast::ExprId base);
  void bind_generic_classes();
  TypeId generic_class_hint(const Class& cls, const std::vector<ast::ExprId>& params, ast::ExprId e, StubReason* error);
  TypeId bound_type_var(const std::string& name) const;
  const Class* owner_class_of(const Function& fn) const;  // a method's class, also for a function nested in it
  const Class* generic_scope_ = nullptr;  // the generic class whose annotations are being typed
  struct GenericScope {                   // sets generic_scope_ for one class or method
    Analyzer& a;
    const Class* saved;
    GenericScope(Analyzer& an, const Class* c) : a(an), saved(an.generic_scope_) { a.generic_scope_ = c; }
    GenericScope(Analyzer& an, const Function& fn) : GenericScope(an, an.owner_class_of(fn)) {}
    ~GenericScope() { a.generic_scope_ = saved; }
  };

  // ---- generator_args.cpp: `total(x.w for x in items)` for an Iterable[T] parameter
  struct GeneratorArgument {
    ast::ExprId genexp = ast::kNoNode;
    ast::StmtId stmt = ast::kNoNode;
    uint32_t callee = 0;
    size_t param = 0;
  };
  bool genexp_for_iterable_param(ast::ExprId arg, const Function& callee, size_t p) const;
  bool reads_iterable_to_the_end(const Function& callee, const std::string& param) const;
  void check_generator_arguments();
  std::vector<GeneratorArgument> generator_args_;  // this round's

  // ---- int_as_float.cpp: an int value stored where the C++ holds a double (P2C0206)
  struct IntAsFloatNote {
    ast::StmtId stmt = ast::kNoNode;
    const Function* fn = nullptr;
    ast::Span span;
    std::vector<std::string> slots;  // "'total'", "parameter 'x' of Vec()"
  };
  using IntAsFloatNotes = std::map<std::pair<uint32_t, uint32_t>, IntAsFloatNote>;  // by (line, col)
  bool int_where_float(TypeId given, TypeId slot) const;
  bool float_slot_visible(const Function& fn, const std::string& name);
  void note_int_as_float(const Scope& s, const ast::Span& span, TypeId given, TypeId slot, const std::string& what);
  void record_int_as_float(IntAsFloatNotes& into, ast::StmtId stmt, const Function* fn, const ast::Span& span, const std::string& what);
  void report_int_as_float();
  IntAsFloatNotes int_as_float_;        // this round's (cleared each round: types still grow)
  IntAsFloatNotes int_as_float_fixed_;  // signatures and class bodies, typed once
  std::map<std::pair<const Function*, std::string>, bool> visible_float_slots_;

  const ast::Module& m_;
  const std::vector<ModuleInterface>* imports_ = nullptr;  // batch modules this one may import
  std::map<std::string, uint32_t> module_functions_;       // "geometry.area" (`import geometry`) -> function
  std::map<std::string, const ModuleInterface*> batch_modules_;  // `import geometry as g`: "g" -> its interface
  const std::vector<ExternalSubclass>* subclassed_ = nullptr;    // this module's classes importers subclass
  SemaResult r_;
  bool changed_ = false;                  // a fixed-point iteration changed some type
  std::map<std::string, std::string> from_imports_;  // local name -> "math.sqrt"
  std::vector<StubReason> scan_stubs_;  // per StmtId: the stubs scan_module found (imports), kept across rounds
  std::set<ast::ExprId> text_fields_;  // conditional expressions only printed or formatted (f-string, print)
  std::set<ast::ExprId> truth_tests_;  // and/or expressions whose value is only tested (if/while)
  std::set<std::string> protocols_;  // `class Shape(Protocol)`: not translated, hints naming it are stubs
  std::set<std::string> unavailable_functions_;      // functions whose signature cannot be emitted
  std::map<std::string, ast::ExprId> field_annotations_;  // "Class.field" -> `self.field: T` annotation
  std::vector<std::string> handler_names_;           // `except E as name` of the enclosing handlers ("" unnamed)
  std::map<std::pair<ast::ExprId, uint32_t>, uint32_t> scoped_slots_;  // (binding node, position) -> scoped_vars
};

}  // namespace py2cpp::sema
