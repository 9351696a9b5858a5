#include "report/report.hpp"

#include <nlohmann/json.hpp>

namespace py2cpp {

using nlohmann::ordered_json;

namespace {

const char* kReportFormat = "1";

ordered_json stub_json(const sema::Stub& s) {
  const StubKindInfo& k = stub_info(s.kind);
  return {{"line", s.span.line}, {"col", s.span.col}, {"reason", s.reason}, {"code", k.code}, {"fix", k.fix}};
}

}  // namespace

std::string build_report(const ReportInput& in) {
  const ast::Module& m = *in.module;
  const sema::SemaResult& s = *in.sema;
  ordered_json j;
  j["report_format"] = std::stoi(kReportFormat);
  j["tool"] = {{"name", "py2cpp"}, {"version", PY2CPP_VERSION}};
  j["source"] = m.path.substr(m.path.find_last_of('/') + 1);
  j["module"] = m.name;
  j["namespace"] = s.namespace_name;

  size_t translated = 0, partial = 0, stubbed = 0;
  ordered_json functions = ordered_json::array();
  auto add_function = [&](const sema::Function& fn, const std::string& name, uint32_t line) {
    ordered_json f;
    f["name"] = name;
    f["cpp_name"] = fn.name.empty() ? "main" : fn.cpp_name;
    f["line"] = line;
    ordered_json stubs = ordered_json::array();
    for (const auto& st : s.stubs)
      if (st.scope == name) stubs.push_back(stub_json(st));
    std::string status = !fn.stub_reason.empty() ? "stub" : stubs.empty() ? "translated" : "partial";
    if (status == "translated") ++translated;
    if (status == "partial") ++partial;
    if (status == "stub") ++stubbed;
    f["status"] = status;
    if (!fn.stub_reason.empty()) {
      f["reason"] = fn.stub_reason.detail;
      f["code"] = stub_info(fn.stub_reason.kind).code;
    }
    f["stubs"] = stubs;
    functions.push_back(f);
  };
  for (const auto& fn : s.functions)
    if (fn.external_module.empty()) add_function(fn, fn.name, m.stmt(fn.stmt).span.line);
  if (s.has_main) add_function(s.main, "<main>", m.stmt(s.main.stmt).span.line);

  ordered_json stubs = ordered_json::array();
  for (const auto& st : s.stubs) {
    ordered_json x = stub_json(st);
    x["scope"] = st.scope;
    stubs.push_back(x);
  }
  ordered_json warnings = ordered_json::array();
  for (const auto& w : s.int_as_float)
    warnings.push_back({{"line", w.span.line}, {"col", w.span.col}, {"code", diag_info(DiagKind::IntStoredAsFloat).code},
                        {"scope", w.scope}, {"slots", w.slots}, {"message", w.message}});
  ordered_json decisions = ordered_json::array();
  for (const auto& d : s.decisions)
    decisions.push_back({{"scope", d.scope}, {"name", d.name}, {"type", d.type}, {"reason", d.reason}, {"line", d.line}});

  j["summary"] = {{"functions", functions.size()},
                  {"translated", translated},
                  {"partial", partial},
                  {"stub", stubbed},
                  {"stubs", stubs.size()},
                  {"warnings", warnings.size()}};
  j["functions"] = functions;
  j["stubs"] = stubs;
  j["warnings"] = warnings;
  j["type_decisions"] = decisions;
  if (in.verify) {
    ordered_json errors = ordered_json::array();
    for (const auto& d : in.verify->diagnostics)
      errors.push_back({{"line", d.line}, {"col", d.col}, {"message", d.message}, {"notes", d.notes}});
    j["verify"] = {{"ok", in.verify->ok}, {"compiler", in.compiler}, {"diagnostics", errors}};
  } else {
    j["verify"] = nullptr;
  }
  // Only with --bindings, last: reports without it stay what they were.
  if (in.bindings) {
    auto entries = [](const std::vector<BindingEntry>& list, bool with_reason) {
      ordered_json out = ordered_json::array();
      for (const auto& b : list) {
        ordered_json x = {{"name", b.name}, {"kind", b.kind}, {"line", b.line}};
        if (with_reason) x["reason"] = b.reason;
        out.push_back(x);
      }
      return out;
    };
    j["bindings"] = {{"file", in.bindings->file},
                     {"exposed", entries(in.bindings->exposed, false)},
                     {"skipped", entries(in.bindings->skipped, true)}};
  }
  return j.dump(2) + "\n";
}

}  // namespace py2cpp
