#pragma once
// The translation report, py2cpp-report.json: per function translated / partial / stub, every stub
// with its reason and Python position, every type decision with its reason, the verify result.
// The schema is documented in docs/report-schema.md and versioned by "report_format".
#include <string>

#include "ast/ast.hpp"
#include "emit/bindings.hpp"
#include "sema/sema.hpp"
#include "verify/verify.hpp"

namespace py2cpp {

struct ReportInput {
  const ast::Module* module = nullptr;
  const sema::SemaResult* sema = nullptr;
  const VerifyResult* verify = nullptr;  // nullptr when --verify was not given
  std::string compiler;                  // the --cxx used for verify
  const BindingsSummary* bindings = nullptr;  // with --bindings: what the extension exposes and skips
};

// Deterministic JSON text (stable key order, 2-space indent, trailing newline).
std::string build_report(const ReportInput& in);

}  // namespace py2cpp
