#pragma once
// Stub kinds: a registry of the reasons py2cpp leaves a statement, function or class untranslated.
// Each stub names one kind; the kind gives a stable code (P2S001), a summary and the change to the
// Python that makes it translatable. The stub's own detail text says what was found where.
// `py2cpp explain` prints the registry; docs/stub-reasons.md is generated from it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace py2cpp {

// Add a kind at the end of its group here and a row (with the next free code) in stub_kinds.cpp;
// codes never change meaning and are never reused.
enum class StubKind : uint16_t {
  // syntax and modules
  UnsupportedSyntax,
  TypeParameterSyntax,
  UnsupportedImport,
  ImportForm,
  UnresolvedName,
  DependsOnStub,
  // types and hints
  AnyType,
  UnsupportedTypeHint,
  UntypedParameter,
  TypeNotInferred,
  TypeMismatch,
  OperationNotDefined,
  IntOverflow,
  Bytes,
  UnhashableKey,
  DictView,
  // calls and callables
  CallArguments,
  Kwargs,
  StarArgs,
  StdlibFunction,
  CallForm,
  FunctionValue,
  LambdaForm,
  LateBinding,
  UnsupportedDecorator,
  // statements
  FileIO,
  Async,
  MatchPattern,
  GeneratorForm,
  IteratorValue,
  UnpackingForm,
  AssignmentExpression,
  GlobalScope,
  NestedDefinition,
  ExceptionForm,
  ContextManager,
  StringFormatting,
  RaisesInPython,
  // classes
  UnknownAttribute,
  ClassForm,
  EnumForm,
  GenericForm,
  // shared containers: Python shares one object where C++ holds values
  AliasedElement,
  AliasedContainer,
  ShallowCopy,
  ReturnedArgument,
  ReturnedContainer,
  SharedField,
  RepeatedRows,
  MutableDefault,
  ChangedWhileUsed,
  RebindsChangedParameter,
};

struct StubKindInfo {
  StubKind kind;
  const char* code;     // "P2S001"
  const char* name;     // "unsupported-import": short, kebab-case
  const char* summary;  // one line: what was not translated
  const char* fix;      // what to change in the Python so that it translates
};

const StubKindInfo& stub_info(StubKind kind);
const std::vector<StubKindInfo>& all_stub_kinds();
// The kind with this code ("P2S012", any case), or nullptr.
const StubKindInfo* find_stub_kind(std::string_view code);

// Why something was not translated: its kind and the specific detail ("import of module 'numpy'").
// An empty detail means "translated".
struct StubReason {
  StubKind kind = StubKind::UnsupportedSyntax;
  std::string detail;
  bool empty() const { return detail.empty(); }
};

// The registry as Markdown (docs/stub-reasons.md): stub kinds, then the diagnostic codes.
std::string registry_markdown();
// One kind for `py2cpp explain CODE`: code, name, summary and fix.
std::string explain_text(const StubKindInfo& k);

}  // namespace py2cpp
