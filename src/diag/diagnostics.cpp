#include "diag/diagnostics.hpp"

#include <fmt/format.h>

namespace py2cpp {

const std::vector<DiagInfo>& all_diag_kinds() {
  static const std::vector<DiagInfo> kinds = {
      {DiagKind::FileNotFound, "P2C0001", Severity::Error, "input file does not exist"},
      {DiagKind::NotAFile, "P2C0002", Severity::Error, "input path is not a regular file"},
      {DiagKind::NotUtf8, "P2C0003", Severity::Error, "input file is not valid UTF-8"},
      {DiagKind::EmptyFile, "P2C0004", Severity::Error, "input file is empty"},
      {DiagKind::ReadFailed, "P2C0005", Severity::Error, "input file could not be read"},
      {DiagKind::OutputNotWritable, "P2C0006", Severity::Error, "output directory cannot be written"},
      {DiagKind::InvalidSyntax, "P2C0101", Severity::Error, "Python syntax error"},
      {DiagKind::MissingToken, "P2C0102", Severity::Error, "Python syntax error: a token is missing"},
      {DiagKind::InconsistentIndentation, "P2C0103", Severity::Error, "indentation does not match any outer level"},
      {DiagKind::UnsupportedConstruct, "P2C0201", Severity::Warning, "construct not translated; a stub was emitted"},
      {DiagKind::UnknownName, "P2C0202", Severity::Warning, "name cannot be resolved; a stub was emitted"},
      {DiagKind::UntypedParameter, "P2C0203", Severity::Warning, "parameter type unknown; add a type hint"},
      {DiagKind::TypeMismatch, "P2C0204", Severity::Warning, "types cannot be reconciled; a stub was emitted"},
      {DiagKind::IntLiteralOverflow, "P2C0205", Severity::Warning, "integer literal does not fit in int64_t"},
      {DiagKind::IntStoredAsFloat, "P2C0206", Severity::Warning, "an int stored as a float prints as `0.0` where Python prints `0`"},
      {DiagKind::EditedFileKept, "P2C0301", Severity::Error, "generated file was edited by hand; new version written beside it"},
      {DiagKind::CompileError, "P2C0401", Severity::Error, "generated C++ does not compile"},
      {DiagKind::CompilerNotFound, "P2C0402", Severity::Error, "C++ compiler not found"},
      {DiagKind::FormatterFailed, "P2C0403", Severity::Warning, "clang-format failed; output left unformatted"},
      {DiagKind::CompileWarning, "P2C0404", Severity::Warning, "the compiler warns about the generated C++"},
      {DiagKind::ImportCycle, "P2C0501", Severity::Error, "modules of a batch import each other in a cycle"},
      {DiagKind::ModuleFailed, "P2C0502", Severity::Error, "a module of a batch could not be translated"},
      {DiagKind::StaleOutput, "P2C0503", Severity::Error, "generated code is out of date (py2cpp check)"},
      {DiagKind::InternalError, "P2C0901", Severity::Error, "py2cpp failed on this input (a py2cpp bug); nothing was written"},
  };
  return kinds;
}

const DiagInfo& diag_info(DiagKind kind) {
  for (const auto& k : all_diag_kinds())
    if (k.kind == kind) return k;
  return all_diag_kinds().front();
}

std::string render(const Diagnostic& d) {
  const DiagInfo& info = diag_info(d.kind);
  const char* sev = info.severity == Severity::Error ? "error" : info.severity == Severity::Warning ? "warning" : "note";
  std::string out;
  if (d.line > 0)
    out = fmt::format("{}:{}:{}: {}: {} [{}]", d.file, d.line, d.col, sev, d.message, info.code);
  else
    out = fmt::format("{}: {}: {} [{}]", d.file, sev, d.message, info.code);
  for (const auto& n : d.notes) out += "\n" + n;
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags)
    if (diag_info(d.kind).severity == Severity::Error) return true;
  return false;
}

}  // namespace py2cpp
