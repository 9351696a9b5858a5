#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "format/line_directives.hpp"
#include "util/process.hpp"
#include "verify/compiler_output.hpp"
#include "verify/verify.hpp"

using namespace py2cpp;
namespace fs = std::filesystem;

namespace {

// A fresh directory (with a space in its name: paths are never split) removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "py2cpp verify XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

void write_files(const fs::path& dir, const std::vector<GeneratedFile>& files) {
  for (const auto& f : files) {
    fs::create_directories((dir / f.path).parent_path());
    std::ofstream(dir / f.path) << f.content;
  }
}

// One PyPos per line: line i of the C++ maps to Python line origins[i] (column 1).
std::vector<PyPos> map_of(std::vector<uint32_t> origins) {
  std::vector<PyPos> out;
  for (auto l : origins) out.push_back({l, l ? 1u : 0u});
  return out;
}

GeneratedFile cpp(std::string path, std::string content, std::vector<uint32_t> origins) {
  return {std::move(path), std::move(content), true, map_of(std::move(origins))};
}

bool have(const char* program) { return !run_process({program, "--version"}).spawn_failed; }

VerifyResult verify(const TempDir& dir, const std::vector<GeneratedFile>& files, const char* cxx = "g++") {
  write_files(dir.path, files);
  VerifyOptions options;
  options.cxx = cxx;
  return verify_project(dir.path.string(), files, "stats.py", options);
}

}  // namespace

TEST_CASE("verify: compiler lines are parsed, including paths with colons and spaces") {
  verify_detail::CompilerRecord r;
  REQUIRE(verify_detail::parse_record("out dir/a:b.cpp:12:5: error: 'x' was not declared", r));
  CHECK(r.path == "out dir/a:b.cpp");
  CHECK(r.line == 12);
  CHECK(r.col == 5);
  CHECK(r.kind == verify_detail::RecordKind::Error);
  CHECK(r.message == "'x' was not declared");
  REQUIRE(verify_detail::parse_record("o/s.cpp:4:15:   required from here", r));
  CHECK(r.kind == verify_detail::RecordKind::Context);
  CHECK_FALSE(verify_detail::parse_record("o/s.cpp: In function 'int f()':", r));
  CHECK_FALSE(verify_detail::parse_record("    3 | int f() { return x; }", r));
}

TEST_CASE("verify: an error maps to its Python line") {
  TempDir dir;
  auto result = verify(dir, {cpp("stats.cpp",
                                 "#include <cstdint>\n"
                                 "int64_t mean() {\n"
                                 "  return undefined_total;\n"
                                 "}\n",
                                 {0, 3, 4, 3})});
  CHECK_FALSE(result.ok);
  REQUIRE(result.diagnostics.size() == 1);
  const auto& d = result.diagnostics[0];
  CHECK(d.kind == DiagKind::CompileError);
  CHECK(d.file == "stats.py");
  CHECK(d.line == 4);
  CHECK(d.col == 1);
  CHECK(d.message.find("undefined_total") != std::string::npos);
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0] == "  note: in generated stats.cpp:3:10");
  CHECK(d.notes[1] == "return undefined_total;");
}

TEST_CASE("verify: with #line directives, errors map through the same py_map to written lines") {
  // As the driver does it: directives in the file that will be written, verify compiles that
  // file with the directives blanked, so the note names the line as it is on disk.
  GeneratedFile f = cpp("stats.cpp",
                        "#include <cstdint>\n"
                        "int64_t mean() {\n"
                        "  static_assert(true);\n"
                        "  return undefined_total;\n"
                        "}\n",
                        {0, 3, 4, 9, 3});
  add_line_directives(f, "stats.py", "stats.cpp");
  REQUIRE(f.content.find("#line 9 \"stats.py\"\n  return") != std::string::npos);
  uint32_t written_line = 0, n = 1;
  for (size_t at = 0; at < f.content.size(); at = f.content.find('\n', at) + 1, ++n)
    if (f.content.compare(at, 25, "  return undefined_total;") == 0) written_line = n;
  CHECK(written_line == 6);  // two directives above it moved it down

  TempDir dir;
  GeneratedFile scratch = f;
  scratch.content = without_line_directives(f.content);
  CHECK(std::count(scratch.content.begin(), scratch.content.end(), '\n') ==
        std::count(f.content.begin(), f.content.end(), '\n'));
  CHECK(scratch.content.find("#line") == std::string::npos);
  write_files(dir.path, {scratch});
  VerifyOptions options;
  VerifyResult result = verify_project(dir.path.string(), {f}, "stats.py", options);
  CHECK_FALSE(result.ok);
  REQUIRE(result.diagnostics.size() == 1);
  const auto& d = result.diagnostics[0];
  CHECK(d.file == "stats.py");
  CHECK(d.line == 9);
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0] == "  note: in generated stats.cpp:" + std::to_string(written_line) + ":10");
  CHECK(d.notes[1] == "return undefined_total;");
}

TEST_CASE("verify: a clean project is ok; warnings do not fail it") {
  TempDir dir;
  auto clean = verify(dir, {cpp("main.cpp", "int main() { return 0; }\n", {1})});
  CHECK(clean.ok);
  CHECK(clean.diagnostics.empty());

  TempDir dir2;
  auto warned = verify(dir2, {cpp("main.cpp", "int main() {\n  int unused = 1;\n  return 0;\n}\n", {1, 2, 3, 1})});
  CHECK(warned.ok);
  REQUIRE(warned.diagnostics.size() == 1);
  CHECK(warned.diagnostics[0].line == 2);
  CHECK(warned.diagnostics[0].kind == py2cpp::DiagKind::CompileWarning);
}

TEST_CASE("verify: a header error is mapped through the header and reported once") {
  TempDir dir;
  auto result = verify(dir, {cpp("stats.hpp", "#pragma once\ninline int h() { return missing_h; }\n", {0, 7}),
                             cpp("a.cpp", "#include \"stats.hpp\"\nint a() { return h(); }\n", {0, 1}),
                             cpp("b.cpp", "#include \"stats.hpp\"\nint b() { return h(); }\n", {0, 2})});
  CHECK_FALSE(result.ok);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].line == 7);
  CHECK(result.diagnostics[0].notes[0] == "  note: in generated stats.hpp:2:25");
}

TEST_CASE("verify: an error inside a runtime header maps to the generated instantiation") {
  for (const char* cxx : {"g++", "clang++"}) {
    if (!have(cxx)) continue;
    INFO(cxx);
    TempDir dir;
    GeneratedFile runtime{"py2cpp/rt.hpp", "#pragma once\ntemplate <class T> T twice(T x) { return x.twice(); }\n",
                          false, {}};
    auto result = verify(dir,
                         {runtime, cpp("stats.cpp", "#include \"py2cpp/rt.hpp\"\nint f() {\n  return twice(4);\n}\n",
                                       {0, 2, 3, 2})},
                         cxx);
    CHECK_FALSE(result.ok);
    REQUIRE(result.diagnostics.size() == 1);
    const auto& d = result.diagnostics[0];
    CHECK(d.line == 3);
    CHECK(d.notes[0].rfind("  note: in generated stats.cpp:3:", 0) == 0);
    CHECK(d.notes[1] == "return twice(4);");
    CHECK(d.notes[2].rfind("  note: reported in py2cpp/rt.hpp:2:", 0) == 0);
  }
}

TEST_CASE("verify: a missing compiler is CompilerNotFound") {
  TempDir dir;
  auto result = verify(dir, {cpp("main.cpp", "int main() {}\n", {1}), cpp("x.cpp", "int x;\n", {1})},
                       "py2cpp-no-such-compiler");
  CHECK_FALSE(result.ok);
  REQUIRE(result.diagnostics.size() == 1);  // the same failure for every unit, reported once
  CHECK(result.diagnostics[0].kind == DiagKind::CompilerNotFound);
  CHECK(result.diagnostics[0].message.find("py2cpp-no-such-compiler") != std::string::npos);
}

TEST_CASE("verify: file names with spaces and shell metacharacters are passed verbatim") {
  TempDir dir;
  auto cwd = fs::current_path();
  fs::current_path(dir.path);  // a shell would run `touch x` here
  auto result = verify(dir, {cpp("a b;$(touch x).cpp", "int f() { return 1; }\n", {1}),
                             cpp("sub dir/`touch y`.cpp", "int g() { return 2; }\n", {1})});
  fs::current_path(cwd);
  CHECK(result.ok);
  CHECK(result.diagnostics.empty());
  CHECK_FALSE(fs::exists(dir.path / "x"));
  CHECK_FALSE(fs::exists(dir.path / "y"));
}
