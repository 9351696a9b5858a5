#pragma once
// Diagnostics: a registry of kinds, each with a stable code and a message format.
// Every stage returns its diagnostics as data; the driver prints them as
//   file.py:LINE:COL: error: message [P2C0001]
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace py2cpp {

enum class Severity { Error, Warning, Note };

// The registry. Add a kind here and a row in diagnostics.cpp; codes never change meaning.
enum class DiagKind : uint16_t {
  // input and usage (exit 2)
  FileNotFound,
  NotAFile,
  NotUtf8,
  EmptyFile,
  ReadFailed,
  OutputNotWritable,
  // parse (exit 2)
  InvalidSyntax,
  MissingToken,
  InconsistentIndentation,
  // sema: reported, translation continues with a stub
  UnsupportedConstruct,
  UnknownName,
  UntypedParameter,
  TypeMismatch,
  IntLiteralOverflow,
  IntStoredAsFloat,
  // output
  EditedFileKept,
  // verify (exit 1)
  CompileError,
  CompilerNotFound,
  FormatterFailed,
  CompileWarning,
  // batch
  ImportCycle,
  ModuleFailed,
  StaleOutput,
  // a bug in py2cpp itself (exit 4)
  InternalError,
};

struct DiagInfo {
  DiagKind kind;
  const char* code;      // "P2C0101"
  Severity severity;
  const char* summary;   // one line, for docs and --explain
};

const DiagInfo& diag_info(DiagKind kind);
const std::vector<DiagInfo>& all_diag_kinds();

struct Diagnostic {
  DiagKind kind;
  std::string file;
  uint32_t line = 0;  // 0: no position (the whole file)
  uint32_t col = 0;
  std::string message;
  std::vector<std::string> notes;  // extra lines, e.g. the C++ line of a compile error
};

// "file:line:col: error: message [code]" (position omitted when line == 0), followed by notes.
std::string render(const Diagnostic& d);

bool has_errors(const std::vector<Diagnostic>& diags);

}  // namespace py2cpp
