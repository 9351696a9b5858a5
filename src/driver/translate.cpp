#include "driver/translate.hpp"

#include <sys/stat.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "emit/emit.hpp"
#include "format/format.hpp"
#include "format/line_directives.hpp"
#include "format/source_map.hpp"
#include "output/write.hpp"
#include "parse/parse.hpp"
#include "report/report.hpp"
#include "report/review_page.hpp"
#include "sema/sema.hpp"
#include "util/embedded.hpp"
#include "util/utf8.hpp"
#include "verify/verify.hpp"

namespace py2cpp {

namespace {

Diagnostic input_error(DiagKind kind, const std::string& file, const std::string& message) {
  return {kind, file, 0, 0, message, {}};
}

}  // namespace

bool read_input(const std::string& path, std::string* source, std::vector<Diagnostic>* diags) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    diags->push_back(input_error(DiagKind::FileNotFound, path, std::string("cannot open input: ") + std::strerror(errno)));
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    diags->push_back(input_error(DiagKind::NotAFile, path, "input is not a regular file (a directory?)"));
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) {
    diags->push_back(input_error(DiagKind::ReadFailed, path, "cannot read input"));
    return false;
  }
  *source = buf.str();
  if (source->empty()) {
    diags->push_back(input_error(DiagKind::EmptyFile, path, "input file is empty: nothing to translate"));
    return false;
  }
  if (size_t bad = find_invalid_utf8(*source); bad != std::string::npos) {
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < bad; ++i) {
      if ((*source)[i] == '\n') ++line, col = 1;
      else ++col;
    }
    diags->push_back({DiagKind::NotUtf8, path, line, col, "input is not valid UTF-8 (Python source must be UTF-8)", {}});
    return false;
  }
  return true;
}

namespace {

std::string base_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

// The Python file as the maps' "sources" entry: relative to the folder the maps are written to,
// from canonical paths, so it does not depend on the working directory or how paths are spelt.
std::string source_url(const std::string& python_path, const std::string& out_dir) {
  namespace fs = std::filesystem;
  // absolute() first: weakly_canonical leaves a relative path that does not exist yet relative.
  std::error_code e1, e2, e3, e4;
  fs::path py = fs::weakly_canonical(fs::absolute(python_path, e1), e2);
  fs::path dir = fs::weakly_canonical(fs::absolute(out_dir, e3), e4);
  fs::path rel = e1 || e2 || e3 || e4 ? fs::path() : py.lexically_relative(dir);
  return rel.empty() ? base_name(python_path) : rel.generic_string();
}

std::vector<OutputFile> to_output(const std::vector<GeneratedFile>& files) {
  std::vector<OutputFile> out;
  for (const auto& f : files) out.push_back({f.path, f.content});
  return out;
}

std::vector<OutputFile> to_scratch(const std::vector<GeneratedFile>& files) {
  std::vector<OutputFile> out;
  for (const auto& f : files) out.push_back({f.path, verify_content(f)});
  return out;
}

}  // namespace

void insert_line_directives(std::vector<GeneratedFile>& files, const std::string& python_path) {
  for (auto& f : files)
    // The same file name as the `// file.py:LINE` comments.
    if (f.is_cpp) add_line_directives(f, base_name(python_path), base_name(f.path));
}

void add_source_maps(std::vector<GeneratedFile>& files, const std::string& python_path, const std::string& out_dir) {
  auto maps = source_map_files(files, source_url(python_path, out_dir));
  files.insert(files.end(), std::make_move_iterator(maps.begin()), std::make_move_iterator(maps.end()));
}

GeneratedFile review_page_file(const ast::Module& module, const sema::SemaResult& sema,
                               const std::vector<GeneratedFile>& files) {
  ReviewPageInput in{module.name, base_name(module.path), module.source, &files, &sema};
  return {std::string(kReviewDir) + "/" + module.name + ".html", build_review_page(in), false, {}};
}

std::string verify_content(const GeneratedFile& file) {
  return file.is_cpp ? without_line_directives(file.content) : file.content;
}

namespace {

TranslateOutcome translate_unguarded(const TranslateOptions& opt) {
  TranslateOutcome result;
  auto& diags = result.diagnostics;

  std::string source;
  if (!read_input(opt.input, &source, &diags)) {
    result.exit_code = kExitBadInput;
    return result;
  }

  ParseResult parsed = parse_module(opt.input, std::move(source));
  if (!parsed.ok()) {
    // Like Python, report the first syntax error: later ones are usually its echoes.
    for (const auto& d : parsed.diagnostics)
      if (diag_info(d.kind).severity == Severity::Error) {
        diags.push_back(d);
        break;
      }
    result.exit_code = kExitBadInput;
    return result;
  }

  sema::SemaResult typed = sema::analyze(parsed.module);
  // A name two loops bind to different types: each later loop gets its own name, then sema again.
  if (!typed.loop_name_conflicts.empty() && ast::split_loop_names(parsed.module, typed.loop_name_conflicts))
    typed = sema::analyze(parsed.module);
  if (!opt.quiet) diags.insert(diags.end(), typed.diagnostics.begin(), typed.diagnostics.end());

  EmitResult emitted = emit_project(parsed.module, typed, EmitOptions{opt.bindings});

  if (opt.format) {
    FormatOptions fo;
    fo.style = std::string(embedded_file("templates/clang-format"));
    auto fd = format_files(emitted.files, fo);
    diags.insert(diags.end(), fd.begin(), fd.end());
  }
  if (opt.line_directives) insert_line_directives(emitted.files, opt.input);

  // Verify in a scratch copy, so the report written below can carry the result and the output
  // directory only ever receives one complete, consistent set of files.
  VerifyResult verified;
  if (opt.verify) {
    std::error_code ec;
    auto scratch = std::filesystem::temp_directory_path(ec) / ("py2cpp-verify-" + std::to_string(::getpid()) + "-" + parsed.module.name);
    std::filesystem::remove_all(scratch, ec);
    WriteResult tmp = write_project(scratch.string(), to_scratch(emitted.files), WriteOptions{true});
    if (!tmp.ok()) {
      diags.insert(diags.end(), tmp.diagnostics.begin(), tmp.diagnostics.end());
      result.exit_code = kExitBadInput;
      return result;
    }
    VerifyOptions vo;
    vo.cxx = opt.cxx;
    verified = verify_project(scratch.string(), emitted.files, opt.input, vo);
    std::filesystem::remove_all(scratch, ec);
    diags.insert(diags.end(), verified.diagnostics.begin(), verified.diagnostics.end());
  }

  if (opt.html) {
    GeneratedFile page = review_page_file(parsed.module, typed, emitted.files);
    ReviewIndexEntry entry{parsed.module.name, opt.input, parsed.module.name + ".html",
                           review_function_count(typed), typed.stubs.size(), ""};
    emitted.files.push_back(std::move(page));
    emitted.files.push_back({std::string(kReviewDir) + "/index.html", build_review_index({entry}), false, {}});
  }
  if (opt.source_map) add_source_maps(emitted.files, opt.input, opt.out_dir);

  ReportInput ri{&parsed.module, &typed, opt.verify ? &verified : nullptr, opt.cxx,
                 emitted.bindings ? &*emitted.bindings : nullptr};
  emitted.files.push_back({"py2cpp-report.json", build_report(ri), false, {}});

  WriteResult written = write_project(opt.out_dir, to_output(emitted.files), WriteOptions{opt.force});
  diags.insert(diags.end(), written.diagnostics.begin(), written.diagnostics.end());
  if (!written.ok()) {
    result.exit_code = written.conflicts.empty() ? kExitBadInput : kExitConflict;
    return result;
  }
  if (opt.verify && !verified.ok) result.exit_code = kExitVerifyFailed;
  return result;
}

}  // namespace

// A failure inside a stage is a py2cpp bug, never the user's: it is reported as one, with the
// file it happened on, and nothing is written (files are only written after every stage ran).
TranslateOutcome translate_file(const TranslateOptions& opt) {
  try {
    return translate_unguarded(opt);
  } catch (const std::exception& e) {
    TranslateOutcome failed;
    failed.exit_code = kExitInternal;
    failed.diagnostics.push_back({DiagKind::InternalError, opt.input, 0, 0,
                                  std::string("internal error in py2cpp (please report it with this file): ") + e.what(), {}});
    return failed;
  }
}

}  // namespace py2cpp
