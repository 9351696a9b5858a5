#include "driver/batch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "driver/import_cycles.hpp"
#include "driver/inputs.hpp"
#include "driver/scheduler.hpp"
#include "driver/translate.hpp"
#include "emit/emit.hpp"
#include "format/format.hpp"
#include "format/line_directives.hpp"
#include "output/file_io.hpp"
#include "output/manifest.hpp"
#include "output/write.hpp"
#include "parse/parse.hpp"
#include "report/batch_report.hpp"
#include "report/report.hpp"
#include "report/review_page.hpp"
#include "sema/interface.hpp"
#include "sema/sema.hpp"
#include "util/embedded.hpp"
#include "verify/verify.hpp"

namespace py2cpp {

namespace {

namespace fs = std::filesystem;

struct ModuleJob {
  BatchInput in;
  std::string source;
  std::unique_ptr<ParseResult> parsed;  // stays put: sema results point into its AST
  std::vector<size_t> deps;             // batch modules it imports
  std::vector<ast::Span> dep_spans;     // the import statement of each dep
  bool failed = false;
  int fail_code = kExitBadInput;
  std::string error;
  std::vector<Diagnostic> diags;
  sema::ModuleInterface iface;
  std::vector<sema::ExternalSubclass> subclassed;  // its classes that importers subclass
  std::string input_hash;
  bool unchanged = false;
  bool verify_failed = false;
  bool conflict = false;
  std::vector<OutputFile> files;  // relative to OUT
  std::string report_json;
  size_t functions = 0, stubs = 0;
  size_t page_functions = 0;      // as the review page counts them (with the main block)
};

// The previous run's py2cpp-report.json, by module: what the incremental check compares with.
struct PreviousRun {
  std::map<std::string, nlohmann::ordered_json> modules;
  output_detail::Manifest manifest;
};

PreviousRun read_previous(const std::string& out_dir) {
  PreviousRun p;
  auto report = output_detail::read_file(out_dir + "/py2cpp-report.json");
  auto manifest = output_detail::read_file(out_dir + "/" + output_detail::kManifestName);
  p.manifest = output_detail::parse_manifest(manifest.content);
  if (!report.exists) return p;
  auto j = nlohmann::ordered_json::parse(report.content, nullptr, false);
  if (j.is_discarded() || !j.contains("modules") || j.value("report_format", 0) != 2) return p;
  for (const auto& m : j["modules"])
    if (m.contains("module") && m["module"].is_string()) p.modules[m["module"].get<std::string>()] = m;
  return p;
}

// Unchanged: same inputs as last time, translated fine, and every file it generated is still on
// disk exactly as generated.
bool is_unchanged(const PreviousRun& prev, const std::string& out_dir, const ModuleJob& job) {
  auto it = prev.modules.find(job.in.dotted);
  if (it == prev.modules.end()) return false;
  const auto& m = it->second;
  if (m.value("input_hash", "") != job.input_hash || !m.value("ok", false) || !m.contains("files")) return false;
  if (!m.contains("report") || m["report"].is_null()) return false;
  for (const auto& f : m["files"]) {
    std::string rel = f.get<std::string>();
    auto entry = prev.manifest.find(rel);
    auto disk = output_detail::read_file(out_dir + "/" + rel);
    if (entry == prev.manifest.end() || !disk.exists || content_hash(disk.content) != entry->second) return false;
  }
  return true;
}

std::vector<std::string> imported_names(const ast::Module& m, ast::StmtId id) {
  std::vector<std::string> out;
  const ast::StmtNode& n = m.stmt(id).node;
  if (auto* imp = std::get_if<ast::Import>(&n))
    for (const auto& a : imp->names) out.push_back(a.name);
  if (auto* imp = std::get_if<ast::ImportFrom>(&n)) {
    if (!imp->module.empty()) out.push_back(imp->module);
    else
      for (const auto& a : imp->names) out.push_back(a.name);  // `from . import mod`
  }
  return out;
}

void find_dependencies(std::vector<ModuleJob>& jobs) {
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!jobs[i].parsed) continue;
    const ast::Module& m = jobs[i].parsed->module;
    for (ast::StmtId id : m.body)
      for (const std::string& name : imported_names(m, id))
        for (size_t j = 0; j < jobs.size(); ++j)
          if (j != i && sema::import_matches(name, jobs[j].in.dotted) &&
              std::find(jobs[i].deps.begin(), jobs[i].deps.end(), j) == jobs[i].deps.end()) {
            jobs[i].deps.push_back(j);
            jobs[i].dep_spans.push_back(m.stmt(id).span);
            break;
          }
  }
  // Before any analysis (a module is analysed before its importers): which of its classes the
  // importers subclass, so it makes the overridden methods virtual.
  for (size_t i = 0; i < jobs.size(); ++i)
    for (size_t d : jobs[i].deps) {
      auto subs = sema::subclasses_in(jobs[i].parsed->module, jobs[d].in.dotted);
      jobs[d].subclassed.insert(jobs[d].subclassed.end(), subs.begin(), subs.end());
    }
}

// Fails every module on an import cycle with `file:line:col: error: import cycle: a -> b -> a`
// (at the import that closes the cycle in its first module), and cuts the cycle's edges so the
// scheduler sees a DAG.
void break_cycles(std::vector<ModuleJob>& jobs) {
  std::vector<std::vector<size_t>> deps;
  for (const auto& j : jobs) deps.push_back(j.deps);
  for (const ImportCycle& cycle : find_import_cycles(deps)) {
    std::string path;
    for (size_t m : cycle.modules) path += jobs[m].in.dotted + " -> ";
    size_t first = cycle.modules.front();
    path += jobs[first].in.dotted;
    // Report at the first module of the cycle: its import of the next one.
    size_t next = cycle.modules.size() > 1 ? cycle.modules[1] : first;
    ast::Span at{};
    for (size_t q = 0; q < jobs[first].deps.size(); ++q)
      if (jobs[first].deps[q] == next) at = jobs[first].dep_spans[q];
    for (size_t m : cycle.modules) {
      ModuleJob& j = jobs[m];
      if (j.failed) continue;
      j.failed = true;
      j.error = "import cycle: " + path;
    }
    jobs[first].diags.push_back({DiagKind::ImportCycle, jobs[first].in.path, at.line, at.col, "import cycle: " + path, {}});
  }
  for (auto& j : jobs)
    if (j.failed) {
      j.deps.clear();
      j.dep_spans.clear();
    }
  // A module importing a cycle member keeps its edge: it fails because its import failed.
}

std::string options_key(const BatchOptions& o) {
  std::string key = fmt::format("py2cpp {} verify={} cxx={} format={}", PY2CPP_VERSION, o.verify, o.verify ? o.cxx : "", o.format);
  // Only when set: the hashes of runs without them stay what they were.
  if (o.line_directives) key += " line-directives";
  if (o.source_map) key += " source-map";
  if (o.html) key += " html";
  if (o.bindings) key += " bindings";
  return key;
}

void translate_one(ModuleJob& job, const std::vector<ModuleJob>& all, const BatchOptions& opt, const PreviousRun& prev) {
  if (job.failed) return;
  std::vector<sema::ModuleInterface> imports;
  std::string key = options_key(opt) + "\n" + job.source;
  for (size_t d : job.deps) {
    if (all[d].failed) {
      job.failed = true;
      job.error = "imports '" + all[d].in.dotted + "', which could not be translated";
      return;
    }
    imports.push_back(all[d].iface);
    key += "\n" + all[d].in.dotted + "=" + all[d].input_hash;
  }
  // Its importers' subclasses change its C++ (virtual methods), not its source.
  for (const sema::ExternalSubclass& sub : job.subclassed) {
    key += "\nsubclassed " + sub.base + ":";
    for (const std::string& m : sub.methods) key += " " + m;
  }
  job.input_hash = content_hash(key);
  const ast::Module& m = job.parsed->module;
  sema::SemaResult typed = sema::analyze(m, imports, job.subclassed);
  // A name two loops bind to different types: each later loop gets its own name, then sema again.
  if (!typed.loop_name_conflicts.empty() && ast::split_loop_names(job.parsed->module, typed.loop_name_conflicts))
    typed = sema::analyze(m, imports, job.subclassed);
  job.iface = sema::module_interface(typed, job.in.dotted, job.in.name + ".hpp");
  if (!opt.quiet) job.diags.insert(job.diags.end(), typed.diagnostics.begin(), typed.diagnostics.end());
  for (const auto& fn : typed.functions) job.functions += fn.external_module.empty() ? 1 : 0;
  job.stubs = typed.stubs.size();
  job.page_functions = review_function_count(typed);

  if (!opt.check && !opt.force && is_unchanged(prev, opt.out_dir, job)) {
    job.unchanged = true;
    const auto& old = prev.modules.at(job.in.dotted);
    job.report_json = old["report"].dump();
    for (const auto& f : old["files"]) job.files.push_back({f.get<std::string>(), ""});
    return;
  }

  EmitResult emitted = emit_project(m, typed, EmitOptions{opt.bindings});
  if (opt.format) {
    FormatOptions fo;
    fo.style = std::string(embedded_file("templates/clang-format"));
    auto fd = format_files(emitted.files, fo);
    job.diags.insert(job.diags.end(), fd.begin(), fd.end());
  }
  // The module's own folder: its sources and CMakeLists.txt; the runtime and style are shared.
  std::vector<GeneratedFile> own;
  for (auto& f : emitted.files)
    if (f.path != ".clang-format" && f.path.rfind("py2cpp/", 0) != 0) own.push_back(std::move(f));
  for (auto& f : own)
    if (f.path == "CMakeLists.txt" && !job.deps.empty()) {
      f.content += "\n# Modules of the batch that " + job.in.name + " imports.\n";
      std::vector<std::string> libs;
      for (size_t d : job.deps) libs.push_back(library_target(all[d].in.name));
      std::sort(libs.begin(), libs.end());
      f.content += fmt::format("target_link_libraries({} PUBLIC {})\n", library_target(job.in.name), fmt::join(libs, " "));
    }
  if (opt.line_directives) insert_line_directives(own, job.in.path);

  VerifyResult verified;
  if (opt.verify) {
    std::error_code ec;
    auto scratch = fs::temp_directory_path(ec) / ("py2cpp-verify-" + std::to_string(::getpid()) + "-" + job.in.name);
    fs::remove_all(scratch, ec);
    std::vector<OutputFile> tmp;
    for (const auto& f : own) tmp.push_back({f.path, verify_content(f)});
    // The headers of imported modules and the runtime, where the includes find them.
    for (const auto& f : runtime_files(false)) tmp.push_back({f.path, f.content});
    std::function<void(size_t)> add_headers = [&](size_t d) {
      for (const auto& f : all[d].files)
        if (f.path == all[d].in.name + "/" + all[d].in.name + ".hpp") {
          std::string content = f.content;
          if (content.empty()) content = output_detail::read_file(opt.out_dir + "/" + f.path).content;
          tmp.push_back({all[d].in.name + ".hpp", without_line_directives(content)});
        }
      for (size_t dd : all[d].deps) add_headers(dd);
    };
    for (size_t d : job.deps) add_headers(d);
    WriteResult w = write_project(scratch.string(), tmp, WriteOptions{true});
    if (w.ok()) {
      VerifyOptions vo;
      vo.cxx = opt.cxx;
      verified = verify_project(scratch.string(), own, job.in.path, vo);
      job.diags.insert(job.diags.end(), verified.diagnostics.begin(), verified.diagnostics.end());
      if (!verified.ok) {
        job.verify_failed = true;
        job.error = "the generated C++ does not compile (--verify)";
      }
    } else {
      job.diags.insert(job.diags.end(), w.diagnostics.begin(), w.diagnostics.end());
    }
    fs::remove_all(scratch, ec);
  }
  // The page sits in OUT/review/ with the other modules' pages and their index, not in the module's folder.
  if (opt.html) job.files.push_back({std::string(kReviewDir) + "/" + job.in.name + ".html",
                                     review_page_file(m, typed, own).content});
  if (opt.source_map) add_source_maps(own, job.in.path, opt.out_dir + "/" + job.in.name);
  ReportInput ri{&m, &typed, opt.verify ? &verified : nullptr, opt.cxx, emitted.bindings ? &*emitted.bindings : nullptr};
  job.report_json = build_report(ri);
  for (auto& f : own) job.files.push_back({job.in.name + "/" + f.path, std::move(f.content)});
}

std::string module_line(const ModuleJob& j) {
  if (j.failed) return fmt::format("FAILED    {}: {}", j.in.path, j.error);
  std::string what = fmt::format("{} functions, {} stubs", j.functions, j.stubs);
  if (j.verify_failed) return fmt::format("ERRORS    {} -> {}/ ({}): {}", j.in.path, j.in.name, what, j.error);
  if (j.unchanged) return fmt::format("unchanged {} -> {}/ ({})", j.in.path, j.in.name, what);
  return fmt::format("ok        {} -> {}/ ({})", j.in.path, j.in.name, what);
}

}  // namespace

// `check` regenerates OUT the way it was generated: with the options its report recorded (a
// flag given to check as well changes nothing; one the report lacks is added).
BatchOptions with_recorded_options(BatchOptions opt) {
  auto report = output_detail::read_file(opt.out_dir + "/py2cpp-report.json");
  if (!report.exists) return opt;
  auto j = nlohmann::json::parse(report.content, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("options") || !j["options"].is_object()) return opt;
  const auto& o = j["options"];
  auto flag = [&](const char* key, bool fallback) { return o.contains(key) && o[key].is_boolean() ? o[key].get<bool>() : fallback; };
  opt.format = opt.format && flag("format", true);
  opt.line_directives = opt.line_directives || flag("line_directives", false);
  opt.source_map = opt.source_map || flag("source_map", false);
  opt.html = opt.html || flag("html", false);
  opt.bindings = opt.bindings || flag("bindings", false);
  return opt;
}

BatchOutcome run_batch(const BatchOptions& given, void (*progress)(const BatchProgress&)) {
  const BatchOptions opt = given.check ? with_recorded_options(given) : given;
  BatchOutcome out;
  CollectedInputs collected = collect_inputs(opt.sources, opt.excludes);
  out.diagnostics = collected.diagnostics;
  if (collected.inputs.empty()) {
    if (out.diagnostics.empty())
      out.diagnostics.push_back({DiagKind::FileNotFound, opt.sources.empty() ? "batch" : opt.sources[0], 0, 0,
                                 "no Python modules (*.py) to translate", {}});
    out.exit_code = kExitBadInput;
    return out;
  }
  std::vector<ModuleJob> jobs(collected.inputs.size());
  for (size_t i = 0; i < jobs.size(); ++i) jobs[i].in = collected.inputs[i];

  // Names must be unique: each module is a folder, a CMake target and a C++ namespace.
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < jobs.size(); ++i) by_name[jobs[i].in.name].push_back(i);
  for (const auto& [name, idx] : by_name)
    if (idx.size() > 1)
      for (size_t i : idx) {
        jobs[i].failed = true;
        jobs[i].error = fmt::format("module name '{}' is used by {} files of the batch (it names a folder, a target "
                                    "and a namespace): rename or --exclude one",
                                    name, idx.size());
      }

  unsigned workers = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::vector<size_t>> no_deps(jobs.size());
  run_in_dependency_order(jobs.size(), no_deps, workers, [&](size_t i) {
    ModuleJob& j = jobs[i];
    if (j.failed) return;
    if (!read_input(j.in.path, &j.source, &j.diags)) {
      j.failed = true;
      j.error = j.diags.empty() ? "cannot read" : j.diags.back().message;
      return;
    }
    j.parsed = std::make_unique<ParseResult>(parse_module(j.in.path, j.source));
    if (!j.parsed->ok()) {
      for (const auto& d : j.parsed->diagnostics)
        if (diag_info(d.kind).severity == Severity::Error) {
          j.diags.push_back(d);
          j.error = fmt::format("line {}: {}", d.line, d.message);
          break;
        }
      j.failed = true;
      j.parsed.reset();
    }
  });
  find_dependencies(jobs);
  break_cycles(jobs);

  PreviousRun prev = read_previous(opt.out_dir);
  std::vector<std::vector<size_t>> deps(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) deps[i] = jobs[i].deps;
  std::mutex print_mu;
  size_t finished = 0;
  run_in_dependency_order(jobs.size(), deps, workers, [&](size_t i) {
    try {
      translate_one(jobs[i], jobs, opt, prev);
    } catch (const std::exception& e) {  // a py2cpp bug: this module fails, the others go on
      jobs[i].failed = true;
      jobs[i].error = std::string("internal error in py2cpp (please report it with this file): ") + e.what();
    }
    std::lock_guard lock(print_mu);
    ++finished;
    if (progress)
      progress({finished, jobs.size(), jobs[i].in.dotted, module_line(jobs[i]), jobs[i].failed || jobs[i].verify_failed});
  });

  // Assemble the project, in input order: byte-identical whatever -j and completion order.
  std::vector<OutputFile> files;
  std::vector<BatchModuleReport> reports;
  std::string subdirs;
  size_t ok = 0, unchanged = 0, failed = 0;
  for (auto& j : jobs) {
    BatchModuleReport r{j.in.dotted, j.in.path, j.in.name, !j.failed && !j.verify_failed, j.error, j.input_hash, {}, j.report_json};
    for (const auto& f : j.files) r.files.push_back(f.path);
    reports.push_back(r);
    out.diagnostics.insert(out.diagnostics.end(), j.diags.begin(), j.diags.end());
    if (j.failed) {
      ++failed;
      if (j.diags.empty() || !has_errors(j.diags))
        out.diagnostics.push_back({DiagKind::ModuleFailed, j.in.path, 0, 0, j.error, {}});
      continue;
    }
    ok += 1;
    unchanged += j.unchanged ? 1 : 0;
    subdirs += "add_subdirectory(" + j.in.name + ")\n";
    if (!j.unchanged)
      for (auto& f : j.files) files.push_back(std::move(f));
  }
  // A fixed project name: the output is the same wherever it is written.
  std::string project = "py2cpp_batch";
  files.push_back({"CMakeLists.txt", render_template("templates/batch-CMakeLists.txt.tmpl",
                                                     {{"count", std::to_string(jobs.size())},
                                                      {"project", project},
                                                      {"subdirectories", subdirs}})});
  files.push_back({".clang-format", std::string(embedded_file("templates/clang-format"))});
  for (const auto& f : runtime_files(opt.bindings)) files.push_back({f.path, f.content});
  files.push_back({"py2cpp-report.json",
                   build_batch_report(reports, {opt.format, opt.line_directives, opt.source_map, opt.html, opt.bindings})});
  files.push_back({"REPORT.md", build_review_markdown(reports)});
  if (opt.html) {
    std::vector<ReviewIndexEntry> index;
    for (const auto& j : jobs)
      index.push_back({j.in.dotted, j.in.path, j.failed ? "" : j.in.name + ".html", j.page_functions, j.stubs, j.error});
    files.push_back({std::string(kReviewDir) + "/index.html", build_review_index(index)});
  }

  if (!progress)
    for (const auto& j : jobs) out.lines.push_back(module_line(j));

  if (opt.check) {
    // Every module was regenerated in memory: list what differs from OUT.
    std::vector<std::string> stale;
    for (const auto& f : files) {
      auto disk = output_detail::read_file(opt.out_dir + "/" + f.path);
      if (!disk.exists || disk.content != f.content) stale.push_back(f.path);
    }
    out.lines.clear();
    for (const auto& s : stale) {
      out.lines.push_back("stale " + s);
      out.diagnostics.push_back({DiagKind::StaleOutput, opt.out_dir + "/" + s, 0, 0,
                                 "would change: regenerate with `py2cpp batch`", {}});
    }
    out.lines.push_back(stale.empty() ? fmt::format("check: {} up to date ({} modules)", opt.out_dir, jobs.size())
                                      : fmt::format("check: {} files of {} are stale", stale.size(), opt.out_dir));
    out.exit_code = failed ? kExitBadInput : stale.empty() ? kExitOk : kExitVerifyFailed;
    return out;
  }

  WriteResult written = write_project(opt.out_dir, files, WriteOptions{opt.force});
  out.diagnostics.insert(out.diagnostics.end(), written.diagnostics.begin(), written.diagnostics.end());
  if (!opt.sarif.empty())
    if (auto err = output_detail::write_file_atomic(opt.sarif, build_sarif(reports)))
      out.diagnostics.push_back({DiagKind::OutputNotWritable, opt.sarif, 0, 0, "cannot write the SARIF file: " + *err, {}});

  size_t verify_failed = 0;
  for (const auto& j : jobs) verify_failed += (!j.failed && j.verify_failed) ? 1 : 0;
  std::string summary = fmt::format("batch: {} modules: {} ok ({} unchanged), {} failed", jobs.size(), ok, unchanged, failed);
  if (verify_failed) summary += fmt::format(", {} with compile errors", verify_failed);
  if (!written.conflicts.empty()) summary += fmt::format(", {} hand-edited files kept (FILE.new)", written.conflicts.size());
  out.lines.push_back(summary);
  for (const auto& j : jobs)
    if (j.failed || j.verify_failed) out.lines.push_back(fmt::format("  failed: {}: {}", j.in.path, j.error));

  if (failed || (!written.ok() && written.conflicts.empty())) out.exit_code = kExitBadInput;
  else if (!written.conflicts.empty()) out.exit_code = kExitConflict;
  else if (verify_failed) out.exit_code = kExitVerifyFailed;
  return out;
}

}  // namespace py2cpp
