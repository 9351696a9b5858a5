#include "verify/verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>
#include <unordered_map>

#include "util/process.hpp"
#include "verify/compiler_output.hpp"

namespace py2cpp {

namespace {

namespace fs = std::filesystem;
using verify_detail::CompilerDiag;
using verify_detail::CompilerRecord;
using verify_detail::RecordKind;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r") - b + 1));
}

std::string source_line(const std::string& content, uint32_t line) {
  size_t start = 0;
  for (uint32_t i = 1; i < line; ++i) {
    start = content.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  return trim(std::string_view(content).substr(start, content.find('\n', start) - start));
}

// g++ and clang++ agree on no flag that hides the source echo, so pick by name; the parser skips
// echoed lines anyway, the flag only keeps the output small.
std::string no_caret_flag(const std::string& cxx) {
  return fs::path(cxx).filename().string().find("clang") != std::string::npos ? "-fno-caret-diagnostics"
                                                                              : "-fno-diagnostics-show-caret";
}

// Resolves the paths the compiler prints to the project's files: both sides are canonicalised, so
// relative, absolute and symlinked spellings of the output directory all match.
class PathMap {
 public:
  PathMap(const std::string& out_dir, const std::vector<GeneratedFile>& files) : files_(files) {
    std::error_code ec;
    root_ = fs::weakly_canonical(out_dir, ec);
    for (size_t i = 0; i < files.size(); ++i) index_[(root_ / files[i].path).lexically_normal().string()] = i;
  }

  // The generated file a printed path names, if any.
  const GeneratedFile* file(const std::string& printed) const {
    auto it = index_.find(canonical(printed));
    return it == index_.end() ? nullptr : &files_[it->second];
  }

  // Shown relative to the output directory when inside it.
  std::string display(const std::string& printed) const {
    fs::path p = canonical(printed);
    fs::path rel = p.lexically_relative(root_);
    return !rel.empty() && *rel.begin() != ".." ? rel.generic_string() : printed;
  }

 private:
  std::string canonical(const std::string& printed) const {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(printed, ec);
    return ec ? printed : p.string();
  }
  const std::vector<GeneratedFile>& files_;
  fs::path root_;
  std::unordered_map<std::string, size_t> index_;
};

PyPos py_pos(const GeneratedFile* f, uint32_t line) {
  if (!f || line == 0 || line > f->py_map.size()) return {};
  return f->py_map[line - 1];
}

// The C++ location to blame: the error itself when it maps to Python; otherwise (an error inside
// a runtime or system header) the instantiation in generated code that led there.
const CompilerRecord& blame(const CompilerDiag& d, const PathMap& paths) {
  auto mapped = [&](const CompilerRecord& r) { return py_pos(paths.file(r.path), r.line).line != 0; };
  if (mapped(d.main)) return d.main;
  auto is_instantiation = [](const CompilerRecord& r) {
    return r.kind == RecordKind::Context || r.message.find("requested here") != std::string::npos ||
           r.message.find("required from") != std::string::npos;
  };
  for (const auto& r : d.context)
    if (is_instantiation(r) && mapped(r)) return r;
  for (const auto& r : d.context)
    if (mapped(r)) return r;
  return d.main;
}

Diagnostic to_diagnostic(const CompilerDiag& d, const PathMap& paths, const std::string& python_file) {
  const CompilerRecord& at = blame(d, paths);
  const GeneratedFile* f = paths.file(at.path);
  PyPos pos = py_pos(f, at.line);
  bool warning = d.main.kind == RecordKind::Warning;
  Diagnostic diag{warning ? DiagKind::CompileWarning : DiagKind::CompileError, python_file, pos.line, pos.col,
                  d.main.message, {}};
  diag.notes.push_back(fmt::format("  note: in {}{}:{}:{}", f ? "generated " : "", paths.display(at.path),
                                   at.line, at.col));
  if (f) {
    std::string src = source_line(f->content, at.line);
    if (!src.empty()) diag.notes.push_back(src);
  }
  if (&at != &d.main)
    diag.notes.push_back(fmt::format("  note: reported in {}:{}:{}", paths.display(d.main.path),
                                     d.main.line, d.main.col));
  return diag;
}

struct UnitResult {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
};

UnitResult compile_unit(const std::string& out_dir, const GeneratedFile& unit, const PathMap& paths,
                        const std::string& python_file, const VerifyOptions& options) {
  std::string source = out_dir + "/" + unit.path;
  if (!source.empty() && source[0] == '-') source = "./" + source;  // never read as an option
  ProcessResult r = run_process({options.cxx, "-std=c++20", "-Wall", "-Wextra", "-fsyntax-only",
                                 "-fdiagnostics-color=never", no_caret_flag(options.cxx), "-I", out_dir,
                                 source},
                                {}, options.timeout_ms);
  UnitResult out;
  auto whole_file = [&](DiagKind kind, std::string message) {
    out.diagnostics.push_back(Diagnostic{kind, python_file, 0, 0, std::move(message), {}});
  };
  if (r.spawn_failed) {
    whole_file(DiagKind::CompilerNotFound, fmt::format("C++ compiler `{}` not found ({})", options.cxx, r.err));
    return out;
  }
  if (r.timed_out) {
    whole_file(DiagKind::CompileError,
               fmt::format("`{}` timed out after {} ms on {}", options.cxx, options.timeout_ms, unit.path));
    return out;
  }
  bool saw_error = false;
  for (const CompilerDiag& d : verify_detail::parse_compiler_output(r.err)) {
    saw_error |= d.main.kind == RecordKind::Error;
    out.diagnostics.push_back(to_diagnostic(d, paths, python_file));
  }
  out.ok = r.exit_code == 0;
  if (!out.ok && !saw_error)  // a crash or an unknown flag: say something rather than nothing
    whole_file(DiagKind::CompileError, fmt::format("`{}` failed on {} (exit {}): {}", options.cxx, unit.path,
                                                   r.exit_code, trim(r.err.substr(0, r.err.find('\n')))));
  return out;
}

}  // namespace

VerifyResult verify_project(const std::string& out_dir, const std::vector<GeneratedFile>& files,
                            const std::string& python_file, const VerifyOptions& options) {
  std::vector<const GeneratedFile*> units;
  for (const auto& f : files)
    if (ends_with(f.path, ".cpp") && !f.needs_python) units.push_back(&f);
  const PathMap paths(out_dir, files);

  // Workers take the next unit; results stay in unit order so the report does not depend on timing.
  std::vector<UnitResult> results(units.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < units.size(); i = next++)
      results[i] = compile_unit(out_dir, *units[i], paths, python_file, options);
  };
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::thread::hardware_concurrency();
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(units.size())));
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < jobs; ++i) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();

  // A header's error is seen once per translation unit that includes it: report it once.
  VerifyResult result;
  result.ok = true;
  std::set<std::string> seen;
  for (auto& unit : results) {
    result.ok &= unit.ok;
    for (auto& d : unit.diagnostics)
      if (seen.insert(render(d)).second) result.diagnostics.push_back(std::move(d));
  }
  return result;
}

}  // namespace py2cpp
