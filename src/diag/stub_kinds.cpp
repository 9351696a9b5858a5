#include "diag/stub_kinds.hpp"

#include <fmt/format.h>

#include <cctype>

#include "diag/diagnostics.hpp"

namespace py2cpp {

const std::vector<StubKindInfo>& all_stub_kinds() {
  using K = StubKind;
  static const std::vector<StubKindInfo> kinds = {
      {K::UnsupportedSyntax, "P2S001", "unsupported-syntax",
       "a statement or expression form py2cpp does not translate (old or rare syntax, very deep nesting)",
       "Rewrite it with the common form of the construct (docs/supported-python.md lists them); split a very deeply "
       "nested expression into named steps."},
      {K::TypeParameterSyntax, "P2S002", "type-parameter-syntax",
       "PEP 695 syntax: `def f[T](...)`, `class C[T]:` or a `type X = ...` statement",
       "Declare the type variable as `T = TypeVar(\"T\")` and use it in the hints (`def f(x: T) -> T`); write an "
       "alias as `X: TypeAlias = list[int]` or `X = list[int]`."},
      {K::UnsupportedImport, "P2S003", "unsupported-import",
       "import of a module that py2cpp has no C++ for",
       "Import only the supported modules (math, random, heapq, bisect, collections, itertools, functools, operator, "
       "sys, dataclasses, enum, abc, typing) or modules translated in the same batch; keep code that needs other "
       "libraries in Python and pass it the translated module's results."},
      {K::ImportForm, "P2S004", "import-form",
       "an import in a form py2cpp does not translate (inside a function, `import *`, a dotted module without `as`, "
       "a name the module does not define)",
       "Put imports at the top of the module; name what you import (`from m import f, Point`); write "
       "`from pkg import mod` or `import pkg.mod as mod`; import only names the module defines at module level."},
      {K::UnresolvedName, "P2S005", "unresolved-name",
       "a name that is defined nowhere py2cpp can see (dynamic names, builtins without C++ such as eval or getattr)",
       "Define or import the name at module level (check its spelling); replace eval/exec/getattr/globals() by "
       "direct code or a dict keyed by the names."},
      {K::DependsOnStub, "P2S006", "depends-on-stub",
       "uses a function, class, method or variable that was itself not translated",
       "Fix the stub it names (it is listed in py2cpp-report.json too); this one goes away with it."},
      {K::AnyType, "P2S007", "any-or-object-type",
       "a value typed `Any` or `object`: C++ needs one concrete type",
       "Replace the hint by the concrete type (`int`, `list[str]`, a class); for a value of several types write the "
       "union (`int | str`); for objects of several classes use their common base class."},
      {K::UnsupportedTypeHint, "P2S008", "unsupported-type-hint",
       "a type hint py2cpp cannot map to a C++ type (a string annotation, a bare `list`, a Generator with send type, "
       "a Literal of mixed types, ...)",
       "Write the hint with its element types and without quotes (`list[int]`, `dict[str, float]`, "
       "`Iterator[int]`, `Point | None`); the detail names the part that is not supported."},
      {K::UntypedParameter, "P2S009", "untyped-parameter",
       "a parameter without a type hint (and no default that gives its type)",
       "Add a hint to the parameter: `def area(w: float, h: float) -> float`; `*args` needs one too "
       "(`*args: int`)."},
      {K::TypeNotInferred, "P2S010", "type-not-inferred",
       "the type of a variable, return value, yielded item or class attribute could not be inferred",
       "Annotate it where it is bound: `items: list[int] = []`, `-> dict[str, int]` on the def, "
       "`-> Iterator[int]` on a generator, `count: int = 0` in the class body."},
      {K::TypeMismatch, "P2S011", "type-mismatch",
       "a value of one type where another is declared or already inferred (rebinding, mixed literals, branches or "
       "returns of different types)",
       "Give each variable one type: use a new name for the value of the other type, convert explicitly "
       "(`float(n)`, `str(x)`), or declare the union (`x: int | str`, `-> Node | None`)."},
      {K::OperationNotDefined, "P2S012", "operation-not-defined",
       "an operator, index, slice, attribute, `del` or item assignment on a type that does not define it",
       "Define the special method on the class (`__add__`, `__lt__`, `__getitem__`, `__setitem__`, `__neg__`, ...) or "
       "convert the value first (`list(...)`, `str(...)`, `int(...)`)."},
      {K::IntOverflow, "P2S013", "int-overflow",
       "an integer literal that does not fit in 64 bits (py2cpp's int is int64_t)",
       "Keep arbitrary-precision arithmetic in Python, or reduce the value (e.g. work modulo 2**61 - 1) so that it "
       "fits in int64."},
      {K::Bytes, "P2S014", "bytes",
       "bytes literals and bytes formatting",
       "Work on str in the translated code (`b.decode()` in the Python that calls it), and keep byte-level I/O in "
       "Python."},
      {K::UnhashableKey, "P2S015", "unhashable-key",
       "a dict key, set element or cached argument whose type cannot be hashed",
       "Use an int, str, tuple, enum or frozen dataclass as the key (`tuple(xs)` instead of a list)."},
      {K::DictView, "P2S016", "dict-view",
       "a dict view (`d.keys()`, `d.items()`, `d.values()`) kept or returned instead of iterated",
       "Iterate the view directly, or take a list of it: `list(d.items())`, `sorted(d)`."},
      {K::CallArguments, "P2S017", "call-arguments",
       "a call whose arguments do not match the callee's signature (count, names, types, defaults)",
       "Pass the arguments the def declares, each of its declared type (Python itself would often raise here); "
       "give an imported function's skipped defaults explicitly."},
      {K::Kwargs, "P2S018", "kwargs",
       "`**kwargs` parameters, `f(**d)` calls and `{**a, **b}` literals",
       "Name the keyword parameters in the def and pass them by name; merge dicts with `d = dict(a)` then "
       "`d.update(b)`."},
      {K::StarArgs, "P2S019", "star-args",
       "`*xs` spread where py2cpp cannot type it (into a fixed parameter list, print, str.format, a literal)",
       "Give the callee a `*args: T` parameter, or pass the items one by one (`f(xs[0], xs[1])`)."},
      {K::StdlibFunction, "P2S020", "unsupported-stdlib-function",
       "a function or attribute of a supported module that py2cpp does not translate",
       "Use one of the functions listed for that module in docs/supported-python.md, or write the computation in "
       "plain Python."},
      {K::CallForm, "P2S021", "unsupported-call-form",
       "a builtin, library function or method called in a form py2cpp does not translate (argument types, keywords, "
       "optional arguments)",
       "Call it in the supported form the detail names (positional arguments, one iterable, a literal argument), or "
       "write the loop out."},
      {K::FunctionValue, "P2S022", "function-as-value",
       "a function, method or computed value used as a value or called indirectly",
       "Annotate the receiving parameter or variable with `Callable[[A, B], R]` and pass a module-level function or "
       "a lambda; for a method pass `lambda x: obj.method(x)`."},
      {K::LambdaForm, "P2S023", "lambda-form",
       "a lambda where no `Callable` type gives its parameter types, or one that does not match that type",
       "Use the lambda as a `key=` argument or bind it where a `Callable[[A], R]` hint types it "
       "(`f: Callable[[int], int] = lambda x: x + 1`); otherwise write a def."},
      {K::LateBinding, "P2S024", "late-binding-capture",
       "a lambda that reads a variable which changes after the lambda is made (Python reads it at call time)",
       "Pass the value as a parameter of the lambda, or bind it once in a new name before the lambda."},
      {K::UnsupportedDecorator, "P2S025", "unsupported-decorator",
       "a decorator other than @staticmethod, @classmethod, @property, @dataclass, @abstractmethod, "
       "@total_ordering and @functools.cache / @lru_cache(maxsize) on module functions",
       "Remove the decorator and call the wrapping function explicitly where the decorated one is used."},
      {K::FileIO, "P2S026", "file-io",
       "files and other I/O besides print, input and sys.stdin/stdout",
       "Keep the I/O in Python: read the file there and pass its text or parsed data to the translated functions, "
       "and write their results there."},
      {K::Async, "P2S027", "async",
       "async def, await, async for, async with and async comprehensions",
       "Move the computation into plain (non-async) functions, translate those, and keep the asyncio orchestration "
       "in Python."},
      {K::MatchPattern, "P2S028", "match-pattern",
       "a match statement or case pattern py2cpp does not translate",
       "Use literal, capture, class (with `__match_args__` or keywords), fixed-length sequence and mapping patterns "
       "on a typed subject inside a function, or write the cases as an if/elif chain with isinstance."},
      {K::GeneratorForm, "P2S029", "generator-form",
       "a generator that uses send values, returns a value, yields mixed types or yields inside try/finally",
       "Yield values of one type with `yield` statements and annotate `-> Iterator[T]`; move cleanup out of the "
       "generator (into the code that drives it)."},
      {K::IteratorValue, "P2S030", "iterator-kept-in-variable",
       "an iterator or generator object used other than by iterating it (stored, passed, iter()/next() forms)",
       "Iterate it directly in a for loop or comprehension, or materialise it with `list(...)`; call next() only "
       "on a generator object."},
      {K::UnpackingForm, "P2S031", "unpacking-form",
       "an unpacking or assignment target py2cpp cannot type (counts that differ, nested or several starred names, "
       "attributes inside targets)",
       "Unpack a fixed-size tuple into plain names (`a, b = pair`), with at most one starred name; index or slice "
       "for the rest."},
      {K::AssignmentExpression, "P2S032", "assignment-expression",
       "an assignment expression (`:=`) in a place py2cpp cannot translate",
       "Assign the value in a statement before its use (`m = pattern(x)` then `if m:`)."},
      {K::GlobalScope, "P2S033", "global-scope",
       "global/nonlocal statements and module variables in a form py2cpp cannot translate",
       "Bind the module variable at module level first; change another module's variables through a function of "
       "that module; put module-level logic into a function."},
      {K::NestedDefinition, "P2S034", "nested-definition",
       "a function or class defined inside a function or the __main__ block, used in a way C++ cannot express",
       "Define it at module level and pass the values it reads as parameters."},
      {K::ExceptionForm, "P2S035", "exception-form",
       "exception handling py2cpp does not translate (non-exception classes, several arguments, raise outside "
       "except, control flow in finally)",
       "Derive exception classes from Exception and raise them with one message argument; re-raise with a bare "
       "`raise`; move return/break/continue out of the finally block."},
      {K::ContextManager, "P2S036", "context-manager-form",
       "a with statement over a value that is no translatable context manager",
       "Give the class `def __enter__(self) -> T` and `def __exit__(self, exc_type, exc, tb) -> None` (or `-> bool`) "
       "with type hints, and bind `as name` to a plain name."},
      {K::StringFormatting, "P2S037", "string-formatting",
       "printf-style `%` formatting, str.format() or format specs in a form py2cpp does not translate",
       "Use an f-string with a literal format spec (`f\"{x:>8.2f}\"`); give classes a `__repr__`/`__str__`."},
      {K::RaisesInPython, "P2S038", "raises-in-python",
       "code that always raises in Python (TypeError, ValueError, FrozenInstanceError)",
       "This is a bug in the Python: the statement raises when it runs. Fix it (or raise the exception explicitly)."},
      {K::UnknownAttribute, "P2S039", "unknown-attribute",
       "an attribute, method or enum member the class does not declare (or one reached dynamically)",
       "Declare the attribute in the class (annotate it in the body or assign it in __init__) and check the "
       "spelling; for names computed at run time use a dict."},
      {K::ClassForm, "P2S040", "class-form",
       "a class feature py2cpp cannot express in C++ (self escaping a constructor in a hierarchy, constructors "
       "calling overrides, overrides across modules, dataclass field order, super() forms)",
       "Follow the detail: e.g. register the object after construction, pass computed values into __init__, keep "
       "a base class and its subclasses in one batch, give fields with defaults last."},
      {K::EnumForm, "P2S041", "enum-form",
       "an Enum used in a form py2cpp does not translate (functional API, lookup by name, attributes other than "
       ".name and .value)",
       "Define the enum as a class with literal int or str values, use `.name` and `.value`, and map names to members "
       "with a dict built from the members."},
      {K::GenericForm, "P2S042", "generic-form",
       "a TypeVar or generic function in a form py2cpp cannot make a C++ template of",
       "Name the TypeVar by its variable (`T = TypeVar(\"T\")`), use it in the parameters of a module-level function "
       "so that the arguments decide it, or write the concrete types."},
      {K::AliasedElement, "P2S043", "aliased-element-changed",
       "an element of a container bound to a name and changed in place (Python changes the container too)",
       "Update the element through its container (`d[k].append(x)`, `grid[i][j] = v`)."},
      {K::AliasedContainer, "P2S044", "aliased-container",
       "two names share one list/dict/set and one of them changes it (Python aliasing)",
       "Change the container through one name only, or write `.copy()` where a copy is meant."},
      {K::ShallowCopy, "P2S045", "shallow-copy-of-nested",
       "a shallow copy of nested containers whose inner containers are then changed (Python shares them)",
       "Copy the inner containers explicitly (`[row.copy() for row in grid]`) if independent copies are meant, or "
       "change them through the original."},
      {K::ReturnedArgument, "P2S046", "returned-argument-shared",
       "a function returns its argument itself and the caller changes one of the two",
       "Use the argument after the call instead of the returned value, and call it in separate statements."},
      {K::ReturnedContainer, "P2S047", "returned-container-changed",
       "a container an object owns is returned and changed by the caller (Python shares it with the object)",
       "Change it through a method of the class (`def add(self, k, x): self.groups[k].append(x)`) or through the "
       "attribute itself."},
      {K::SharedField, "P2S048", "shared-field-container",
       "an attribute and another name (another object, the caller) share one container that is changed",
       "Keep one owner and reach the container through it, or copy it on purpose (`self.items = list(items)`)."},
      {K::RepeatedRows, "P2S049", "repeated-list-rows",
       "the same list repeated as every row or item (`[[0] * n] * m`, a comprehension yielding one list)",
       "Build a fresh list per row: `[[0] * n for _ in range(m)]`."},
      {K::MutableDefault, "P2S050", "mutable-default-argument",
       "a mutable (or class instance) default argument that Python creates once and shares across calls",
       "Default to None and create the value in the body: `def f(xs: list[int] | None = None)` then "
       "`if xs is None: xs = []`."},
      {K::ChangedWhileUsed, "P2S051", "container-changed-while-used",
       "a container changed while a loop, iterator, comprehension or loop variable still uses it",
       "Collect the changes and apply them after the loop, or iterate over a copy (`for x in list(xs):`)."},
      {K::RebindsChangedParameter, "P2S052", "rebinds-changed-parameter",
       "a function changes the container passed as a parameter and also rebinds that parameter",
       "Use a new local name for the rebound value, so the parameter always names the caller's container."},
  };
  return kinds;
}

const StubKindInfo& stub_info(StubKind kind) {
  const auto& kinds = all_stub_kinds();
  size_t i = static_cast<size_t>(kind);
  if (i < kinds.size() && kinds[i].kind == kind) return kinds[i];
  for (const auto& k : kinds)
    if (k.kind == kind) return k;
  return kinds.front();
}

const StubKindInfo* find_stub_kind(std::string_view code) {
  for (const auto& k : all_stub_kinds()) {
    std::string_view c = k.code;
    if (c.size() != code.size()) continue;
    bool same = true;
    for (size_t i = 0; i < c.size() && same; ++i)
      same = std::toupper(static_cast<unsigned char>(code[i])) == c[i];
    if (same) return &k;
  }
  return nullptr;
}

std::string explain_text(const StubKindInfo& k) {
  return fmt::format("{} {}\n  {}\nfix:\n  {}\n", k.code, k.name, k.summary, k.fix);
}

namespace {

// `|` inside a table cell would end it.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// GitHub's anchor for the heading "### P2S003 unsupported-import".
std::string anchor(const StubKindInfo& k) {
  std::string a = std::string(k.code) + "-" + k.name;
  for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return a;
}

}  // namespace

std::string registry_markdown() {
  std::string md =
      "# Stub reasons\n\n"
      "<!-- Generated by `py2cpp explain --markdown > docs/stub-reasons.md`; do not edit by hand. -->\n\n"
      "Where py2cpp cannot translate a statement, function or class it emits a stub that compiles:\n"
      "a `// TODO(py2cpp): <detail> [P2S0NN]` comment, a `// => fix: ...` line, the Python quoted, and a\n"
      "`py::not_translated(...)` call. Each stub is listed in `py2cpp-report.json` with its `code` and\n"
      "`fix`. The code names one of the kinds below; `py2cpp explain P2S0NN` prints one of them.\n"
      "Codes never change meaning; new kinds get new codes.\n\n"
      "## Stub kinds\n\n"
      "| code | name | what was not translated |\n"
      "| --- | --- | --- |\n";
  for (const auto& k : all_stub_kinds())
    md += fmt::format("| [{0}](#{1}) | {2} | {3} |\n", k.code, anchor(k), k.name, cell(k.summary));
  md += "\n";
  for (const auto& k : all_stub_kinds()) {
    std::string summary = k.summary;
    summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
    md += fmt::format("### {} {}\n\n{}.\n\n**Fix:** {}\n\n", k.code, k.name, summary, k.fix);
  }
  md += "## Diagnostic codes\n\n"
        "py2cpp prints diagnostics as `file.py:LINE:COL: severity: message [P2C0NNN]`.\n\n"
        "| code | severity | meaning |\n"
        "| --- | --- | --- |\n";
  for (const auto& d : all_diag_kinds()) {
    const char* sev = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    md += fmt::format("| {} | {} | {} |\n", d.code, sev, cell(d.summary));
  }
  return md;
}

}  // namespace py2cpp
