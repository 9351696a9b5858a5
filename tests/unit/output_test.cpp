#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "output/write.hpp"

using namespace py2cpp;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "py2cpp-output-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }

std::vector<OutputFile> project(const std::string& version) {
  return {{"stats.cpp", "// stats " + version + "\n"},
          {"stats.hpp", "// header " + version + "\n"},
          {"py2cpp/runtime.hpp", "// runtime\n"}};
}

// Entries of the directory tree, as relative paths: to prove nothing else was left behind.
std::vector<std::string> tree(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    out.push_back(fs::relative(e.path(), root).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("output: content_hash is FNV-1a 64 in hex") {
  CHECK(content_hash("") == "cbf29ce484222325");
  CHECK(content_hash("a") == "af63dc4c8601ec8c");
  CHECK(content_hash("foobar") == "85944171f73967e8");
}

TEST_CASE("output: a fresh project is written with its manifest") {
  TempDir tmp;
  fs::path out = tmp.path / "new" / "out";  // created, parents included
  auto r = write_project(out.string(), project("v1"), {});
  CHECK(r.ok());
  CHECK(r.written == std::vector<std::string>{"stats.cpp", "stats.hpp", "py2cpp/runtime.hpp"});
  CHECK(slurp(out / "stats.cpp") == "// stats v1\n");
  CHECK(slurp(out / "py2cpp/runtime.hpp") == "// runtime\n");
  auto manifest = nlohmann::json::parse(slurp(out / ".py2cpp-manifest.json"));
  CHECK(manifest["format"] == 1);
  CHECK(manifest["files"]["stats.cpp"] == content_hash("// stats v1\n"));
  CHECK(manifest["files"].size() == 3);
  // Keys sorted, and no temp or probe files left behind.
  std::string text = slurp(out / ".py2cpp-manifest.json");
  CHECK(text.find("py2cpp/runtime.hpp") < text.find("stats.cpp"));
  CHECK(tree(out) == std::vector<std::string>{".py2cpp-manifest.json", "py2cpp", "py2cpp/runtime.hpp",
                                              "stats.cpp", "stats.hpp"});
}

TEST_CASE("output: an identical rerun touches nothing") {
  TempDir tmp;
  REQUIRE(write_project(tmp.path.string(), project("v1"), {}).ok());
  auto old_time = fs::last_write_time(tmp.path / "stats.cpp") - std::chrono::hours(1);
  for (const auto& p : {"stats.cpp", "stats.hpp", "py2cpp/runtime.hpp", ".py2cpp-manifest.json"})
    fs::last_write_time(tmp.path / p, old_time);  // an mtime a rewrite could not reproduce
  auto r = write_project(tmp.path.string(), project("v1"), {});
  CHECK(r.ok());
  CHECK(r.written.empty());
  CHECK(r.unchanged.size() == 3);
  for (const auto& p : {"stats.cpp", "stats.hpp", "py2cpp/runtime.hpp", ".py2cpp-manifest.json"})
    CHECK(fs::last_write_time(tmp.path / p) == old_time);
}

TEST_CASE("output: stale generated files are replaced") {
  TempDir tmp;
  REQUIRE(write_project(tmp.path.string(), project("v1"), {}).ok());
  auto r = write_project(tmp.path.string(), project("v2"), {});
  CHECK(r.ok());
  CHECK(r.written == std::vector<std::string>{"stats.cpp", "stats.hpp"});
  CHECK(r.unchanged == std::vector<std::string>{"py2cpp/runtime.hpp"});
  CHECK(slurp(tmp.path / "stats.cpp") == "// stats v2\n");
  auto manifest = nlohmann::json::parse(slurp(tmp.path / ".py2cpp-manifest.json"));
  CHECK(manifest["files"]["stats.cpp"] == content_hash("// stats v2\n"));
}

TEST_CASE("output: a hand-edited file is kept and the new version written beside it") {
  TempDir tmp;
  REQUIRE(write_project(tmp.path.string(), project("v1"), {}).ok());
  spit(tmp.path / "stats.cpp", "// my edit\n");
  auto r = write_project(tmp.path.string(), project("v2"), {});
  CHECK_FALSE(r.ok());
  CHECK(r.conflicts == std::vector<std::string>{"stats.cpp"});
  CHECK(r.written == std::vector<std::string>{"stats.hpp"});
  CHECK(slurp(tmp.path / "stats.cpp") == "// my edit\n");
  CHECK(slurp(tmp.path / "stats.cpp.new") == "// stats v2\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].kind == DiagKind::EditedFileKept);
  CHECK(r.diagnostics[0].message ==
        "`stats.cpp` was edited since py2cpp generated it; the new version is in `stats.cpp.new` "
        "(use --force to overwrite)");

  // The manifest still records what we generated: the next run recognises the edit again.
  auto again = write_project(tmp.path.string(), project("v2"), {});
  CHECK(again.conflicts == std::vector<std::string>{"stats.cpp"});
  CHECK(slurp(tmp.path / "stats.cpp") == "// my edit\n");
}

TEST_CASE("output: a file py2cpp never wrote is not overwritten") {
  TempDir tmp;
  spit(tmp.path / "stats.cpp", "// someone else's\n");
  auto r = write_project(tmp.path.string(), project("v1"), {});
  CHECK(r.conflicts == std::vector<std::string>{"stats.cpp"});
  CHECK(slurp(tmp.path / "stats.cpp") == "// someone else's\n");
}

TEST_CASE("output: force overwrites a hand-edited file") {
  TempDir tmp;
  REQUIRE(write_project(tmp.path.string(), project("v1"), {}).ok());
  spit(tmp.path / "stats.cpp", "// my edit\n");
  auto r = write_project(tmp.path.string(), project("v2"), WriteOptions{true});
  CHECK(r.ok());
  CHECK(r.conflicts.empty());
  CHECK(slurp(tmp.path / "stats.cpp") == "// stats v2\n");
  CHECK_FALSE(fs::exists(tmp.path / "stats.cpp.new"));
}

TEST_CASE("output: an output directory that cannot be created is refused before any write") {
  TempDir tmp;
  spit(tmp.path / "file", "x");
  auto r = write_project((tmp.path / "file" / "out").string(), project("v1"), {});
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].kind == DiagKind::OutputNotWritable);
  CHECK(r.diagnostics[0].file.find("file/out") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("Not a directory") != std::string::npos);
  CHECK(r.written.empty());

  // A subdirectory blocked by a regular file: not even the other files are written.
  fs::path out = tmp.path / "out";
  fs::create_directory(out);
  spit(out / "py2cpp", "in the way");
  auto r2 = write_project(out.string(), project("v1"), {});
  CHECK_FALSE(r2.ok());
  CHECK(r2.diagnostics[0].kind == DiagKind::OutputNotWritable);
  CHECK(tree(out) == std::vector<std::string>{"py2cpp"});
}

TEST_CASE("output: unsafe paths are rejected and nothing is written") {
  for (const char* bad : {"../x", "a/../../x", "/etc/x", "", "a//b", "./a", ".py2cpp-manifest.json"}) {
    INFO(bad);
    TempDir tmp;
    auto r = write_project(tmp.path.string(), {{"ok.cpp", "x\n"}, {bad, "y\n"}}, {});
    CHECK_FALSE(r.ok());
    CHECK(r.diagnostics[0].kind == DiagKind::OutputNotWritable);
    CHECK(tree(tmp.path).empty());
  }
  CHECK_FALSE(fs::exists(fs::temp_directory_path() / "x"));
}
