#include "report/batch_report.hpp"

#include <fmt/format.h>

#include <cctype>

#include <nlohmann/json.hpp>

namespace py2cpp {

using nlohmann::ordered_json;

namespace {

const int kBatchReportFormat = 2;

ordered_json module_report(const BatchModuleReport& m) {
  if (m.report_json.empty()) return nullptr;
  return ordered_json::parse(m.report_json);
}

struct Totals {
  size_t modules = 0, failed = 0, functions = 0, translated = 0, partial = 0, stub_functions = 0, stubs = 0;
  int percent() const { return functions ? static_cast<int>((translated + partial) * 100 / functions) : 100; }
};

Totals totals(const std::vector<BatchModuleReport>& modules) {
  Totals t;
  for (const auto& m : modules) {
    ++t.modules;
    if (!m.ok) ++t.failed;
    ordered_json r = module_report(m);
    if (r.is_null()) continue;
    t.functions += r["summary"]["functions"].get<size_t>();
    t.translated += r["summary"]["translated"].get<size_t>();
    t.partial += r["summary"]["partial"].get<size_t>();
    t.stub_functions += r["summary"]["stub"].get<size_t>();
    t.stubs += r["summary"]["stubs"].get<size_t>();
  }
  return t;
}

std::string md_escape(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// A SARIF artifactLocation.uri must be a URI reference: the path as given, percent-encoded, and
// an absolute path as a file:// URI. A relative one stays relative (to where batch ran), which is
// what code-scanning uploads resolve against the repository.
std::string artifact_uri(const std::string& path) {
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

std::string stub_advice(const std::string& reason) {
  auto has = [&](const char* w) { return reason.find(w) != std::string::npos; };
  if (has("comprehension")) return "rewrite the comprehension as a `for` loop with `append`";
  if (has("could not be inferred") || has("no type hint") || has("add a hint")) return "add a type hint";
  // Imports between modules of the batch say themselves what is missing.
  if (has("import *")) return "import the names you use (`from m import f, Point`)";
  if (has("defines no such name")) return "import a name the module defines, or define it there";
  if (has("rebinds only this") || has("never changes"))
    return "give the value a name of its own here, or change it through a function of its module";
  if (has("import")) return "add the imported module to the batch, or move what is used into this module";
  if (has("lambda")) return "use a named function";
  if (has("generator") || has("yield")) return "return a list instead of yielding";
  if (has("with")) return "use try/finally instead of `with`";
  if (has("decorator")) return "remove the decorator from the hot path";
  if (has("*args") || has("**kwargs")) return "give the parameters explicit names and types";
  if (has("cannot be resolved")) return "define or import the name in a module of the batch";
  return "rewrite with supported constructs (docs/supported-python.md), or hand-write the C++ (py2cpp keeps edits)";
}

// The stub kind's fix (docs/stub-reasons.md); reports written before stubs had kinds: the advice.
std::string stub_fix(const nlohmann::ordered_json& stub) {
  if (stub.contains("fix")) return stub["fix"].get<std::string>() + " [" + stub["code"].get<std::string>() + "]";
  return stub_advice(stub["reason"].get<std::string>());
}

std::string build_batch_report(const std::vector<BatchModuleReport>& modules, const BatchOutputOptions& options) {
  Totals t = totals(modules);
  ordered_json j;
  j["report_format"] = kBatchReportFormat;
  j["tool"] = {{"name", "py2cpp"}, {"version", PY2CPP_VERSION}};
  j["options"] = {{"format", options.format},
                  {"line_directives", options.line_directives},
                  {"source_map", options.source_map},
                  {"html", options.html}};
  if (options.bindings) j["options"]["bindings"] = true;
  j["summary"] = {{"modules", t.modules},         {"failed", t.failed},       {"functions", t.functions},
                  {"translated", t.translated},   {"partial", t.partial},     {"stub", t.stub_functions},
                  {"stubs", t.stubs},             {"percent_translated", t.percent()}};
  ordered_json list = ordered_json::array();
  for (const auto& m : modules) {
    ordered_json e;
    e["module"] = m.module;
    e["source"] = m.source;
    e["dir"] = m.dir;
    e["ok"] = m.ok;
    e["error"] = m.ok ? ordered_json(nullptr) : ordered_json(m.error);
    e["input_hash"] = m.input_hash;
    e["files"] = m.files;
    e["report"] = module_report(m);
    list.push_back(e);
  }
  j["modules"] = list;
  return j.dump(2) + "\n";
}

std::string build_review_markdown(const std::vector<BatchModuleReport>& modules) {
  Totals t = totals(modules);
  std::string out = "# py2cpp translation report\n\n";
  out += fmt::format("**{} modules, {} functions, {}% translated, {} stubs**", t.modules, t.functions, t.percent(), t.stubs);
  if (t.failed) out += fmt::format(", **{} failed**", t.failed);
  out += fmt::format(" (py2cpp {})\n\n", PY2CPP_VERSION);
  out += "| module | source | functions | translated | partial | stub | stubs | verify | status |\n";
  out += "|---|---|---:|---:|---:|---:|---:|---|---|\n";
  std::string todo;
  std::string failures;
  for (const auto& m : modules) {
    ordered_json r = module_report(m);
    if (r.is_null()) {
      out += fmt::format("| {} | `{}` | | | | | | | failed |\n", m.module, m.source);
    } else {
      const auto& s = r["summary"];
      std::string verify = r["verify"].is_null() ? "not run" : (r["verify"]["ok"].get<bool>() ? "ok" : "errors");
      out += fmt::format("| {} | `{}` | {} | {} | {} | {} | {} | {} | {} |\n", m.module, m.source,
                         s["functions"].get<size_t>(), s["translated"].get<size_t>(), s["partial"].get<size_t>(),
                         s["stub"].get<size_t>(), s["stubs"].get<size_t>(), verify, m.ok ? "ok" : "failed");
      for (const auto& st : r["stubs"])
        todo += fmt::format("- [ ] `{}:{}` ({}): {} — {}\n", m.source, st["line"].get<uint32_t>(),
                            md_escape(st["scope"].get<std::string>()), md_escape(st["reason"].get<std::string>()),
                            stub_fix(st));
      if (!r["verify"].is_null())
        for (const auto& d : r["verify"]["diagnostics"])
          todo += fmt::format("- [ ] `{}:{}`: compile error: {}\n", m.source, d["line"].get<uint32_t>(),
                              md_escape(d["message"].get<std::string>()));
    }
    if (!m.ok) failures += fmt::format("- `{}`: {}\n", m.source, md_escape(m.error));
  }
  if (!failures.empty()) out += "\n## Failed\n\n" + failures;
  out += "\n## TODO\n\n";
  out += todo.empty() ? "Nothing: every function was translated.\n" : todo;
  out += "\nStubs compile and throw `NotTranslated` if reached. Details per function and every type decision: "
         "`py2cpp-report.json`.\n";
  return out;
}

std::string build_sarif(const std::vector<BatchModuleReport>& modules) {
  ordered_json results = ordered_json::array();
  auto result = [&](const std::string& rule, const std::string& level, const std::string& text,
                    const std::string& uri, uint32_t line, uint32_t col) {
    ordered_json region = {{"startLine", std::max<uint32_t>(line, 1)}};
    if (col) region["startColumn"] = col;
    results.push_back({{"ruleId", rule},
                       {"level", level},
                       {"message", {{"text", text}}},
                       {"locations", ordered_json::array({{{"physicalLocation",
                                                            {{"artifactLocation", {{"uri", artifact_uri(uri)}}}, {"region", region}}}}})}});
  };
  for (const auto& m : modules) {
    ordered_json r = module_report(m);
    if (r.is_null()) {
      result("py2cpp/failed", "error", m.error, m.source, 1, 0);
      continue;
    }
    for (const auto& st : r["stubs"]) {
      std::string reason = st["reason"].get<std::string>();
      result("py2cpp/stub", "warning", "not translated: " + reason + " (" + stub_fix(st) + ")", m.source,
             st["line"].get<uint32_t>(), st["col"].get<uint32_t>());
    }
    if (!r["verify"].is_null())
      for (const auto& d : r["verify"]["diagnostics"])
        result("py2cpp/compile-error", "error", d["message"].get<std::string>(), m.source, d["line"].get<uint32_t>(),
               d["col"].get<uint32_t>());
  }
  ordered_json rules = ordered_json::array(
      {{{"id", "py2cpp/stub"}, {"shortDescription", {{"text", "A Python construct was not translated (a stub)"}}}},
       {{"id", "py2cpp/compile-error"}, {"shortDescription", {{"text", "The generated C++ does not compile"}}}},
       {{"id", "py2cpp/failed"}, {"shortDescription", {{"text", "The module could not be translated"}}}}});
  ordered_json j;
  j["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  j["version"] = "2.1.0";
  j["runs"] = ordered_json::array({{{"tool", {{"driver", {{"name", "py2cpp"},
                                                          {"version", PY2CPP_VERSION},
                                                          {"rules", rules}}}}},
                                    {"results", results}}});
  return j.dump(2) + "\n";
}

}  // namespace py2cpp
