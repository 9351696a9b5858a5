// format: #line directives and source maps, both checked against the emitter's line map.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "emit/emit.hpp"
#include "format/format.hpp"
#include "format/line_directives.hpp"
#include "format/source_map.hpp"
#include "parse/parse.hpp"
#include "sema/sema.hpp"
#include "util/process.hpp"

using namespace py2cpp;

namespace {

const char* kModule =
    "def add(a: int, b: int) -> int:\n"   // 1
    "    \"\"\"Sum.\"\"\"\n"              // 2
    "    return a + b\n"                  // 3
    "\n"                                  // 4
    "\n"                                  // 5
    "def loop(n: int) -> int:\n"          // 6
    "    total = 0\n"                     // 7
    "    for i in range(n):\n"            // 8
    "        if i % 2 == 0:\n"            // 9
    "            total += add(i, 1)\n"    // 10
    "    return total\n"                  // 11
    "\n"                                  // 12
    "\n"                                  // 13
    "if __name__ == \"__main__\":\n"      // 14
    "    print(loop(10))\n";              // 15

std::vector<GeneratedFile> generated(bool format) {
  ParseResult parsed = parse_module("t.py", kModule);
  REQUIRE(parsed.ok());
  sema::SemaResult s = sema::analyze(parsed.module);
  EmitResult out = emit_project(parsed.module, s);
  if (format && !run_process({"clang-format", "--version"}).spawn_failed) format_files(out.files, FormatOptions{});
  std::vector<GeneratedFile> cpp;
  for (auto& f : out.files)
    if (f.is_cpp) cpp.push_back(std::move(f));
  REQUIRE(cpp.size() == 3);  // t.hpp, t.cpp, main.cpp
  return cpp;
}

// An independent Base64 VLQ decoder: a line's segments, each a list of fields.
std::vector<std::vector<std::vector<int64_t>>> decode_mappings(const std::string& mappings) {
  const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<std::vector<std::vector<int64_t>>> lines(1);
  std::vector<int64_t> fields;
  uint64_t value = 0;
  int shift = 0;
  auto end_segment = [&] {
    if (!fields.empty()) lines.back().push_back(fields);
    fields.clear();
  };
  for (char c : mappings) {
    if (c == ';' || c == ',') {
      REQUIRE(shift == 0);
      end_segment();
      if (c == ';') lines.emplace_back();
      continue;
    }
    size_t d = digits.find(c);
    REQUIRE(d != std::string::npos);
    value |= static_cast<uint64_t>(d & 0x1f) << shift;
    shift += 5;
    if (d & 0x20) continue;
    int64_t magnitude = static_cast<int64_t>(value >> 1);
    fields.push_back(value & 1 ? -magnitude : magnitude);
    value = 0;
    shift = 0;
  }
  REQUIRE(shift == 0);
  end_segment();
  return lines;
}

// What a compiler calls each line of `text`: {file, line} after applying #line directives
// (a directive line itself gets {"#line", 0}).
std::vector<std::pair<std::string, uint32_t>> compiler_lines(const std::string& text, const std::string& self) {
  std::vector<std::pair<std::string, uint32_t>> out;
  std::istringstream in(text);
  std::string line, file = self;
  uint32_t next = 1;
  const std::regex directive(R"re(#line (\d+) "([^"]*)")re");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, directive)) {
      out.push_back({"#line", 0});
      next = static_cast<uint32_t>(std::stoul(m[1]));
      file = m[2];
      continue;
    }
    out.push_back({file, next++});
  }
  return out;
}

// As in format/line_directives.cpp: blank lines, comments, lines of closing brackets.
bool dont_care(const std::string& line) {
  size_t first = line.find_first_not_of(" \t})];");
  return first == std::string::npos || line.compare(first, 2, "//") == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("source map: Base64 VLQ of single values") {
  CHECK(base64_vlq(0) == "A");
  CHECK(base64_vlq(1) == "C");
  CHECK(base64_vlq(-1) == "D");
  CHECK(base64_vlq(15) == "e");
  CHECK(base64_vlq(16) == "gB");
  CHECK(base64_vlq(-16) == "hB");
  CHECK(base64_vlq(1000) == "w+B");
}

TEST_CASE("source map: the decoded mappings are the emitter's line map") {
  for (bool format : {false, true}) {
    for (const GeneratedFile& f : generated(format)) {
      INFO(f.path << (format ? " formatted" : " unformatted"));
      auto j = nlohmann::json::parse(source_map_json(f.path, "../src/t.py", f.py_map));
      CHECK(j["version"] == 3);
      CHECK(j["file"] == f.path);
      CHECK(j["sources"] == nlohmann::json::array({"../src/t.py"}));
      CHECK(j["names"] == nlohmann::json::array());
      auto lines = decode_mappings(j["mappings"].get<std::string>());
      REQUIRE(lines.size() == f.py_map.size());
      int64_t source = 0, line = 0, col = 0;
      size_t mapped = 0;
      for (size_t i = 0; i < lines.size(); ++i) {
        INFO("generated line " << i + 1);
        if (f.py_map[i].line == 0) {
          CHECK(lines[i].empty());
          continue;
        }
        REQUIRE(lines[i].size() == 1);  // line-level: one segment per mapped line
        const auto& seg = lines[i][0];
        REQUIRE(seg.size() == 4);
        CHECK(seg[0] == 0);  // generated column (absolute within a line)
        source += seg[1], line += seg[2], col += seg[3];
        CHECK(source == 0);
        CHECK(line == static_cast<int64_t>(f.py_map[i].line) - 1);
        CHECK(col == 0);
        ++mapped;
      }
      CHECK(mapped > 0);
    }
  }
}

TEST_CASE("line directives: every line that matters is numbered with its Python line") {
  for (bool format : {false, true}) {
    for (GeneratedFile f : generated(format)) {
      INFO(f.path << (format ? " formatted" : " unformatted"));
      const GeneratedFile before = f;
      add_line_directives(f, "t.py", f.path);
      auto seen = compiler_lines(f.content, f.path);
      auto text = lines_of(f.content);
      REQUIRE(seen.size() == text.size());
      REQUIRE(f.py_map.size() == text.size());
      // Without the directives the file is what it was, line for line and origin for origin.
      std::vector<std::string> kept;
      std::vector<uint32_t> kept_origin;
      size_t directives = 0;
      for (size_t i = 0; i < text.size(); ++i) {
        if (seen[i].first == "#line") {
          ++directives;
          CHECK(f.py_map[i].line == 0);
          continue;
        }
        kept.push_back(text[i]);
        kept_origin.push_back(f.py_map[i].line);
        if (dont_care(text[i])) continue;
        INFO("line " << i + 1 << ": " << text[i]);
        if (f.py_map[i].line) {
          CHECK(seen[i] == std::make_pair(std::string("t.py"), f.py_map[i].line));
        } else {
          CHECK(seen[i] == std::make_pair(f.path, static_cast<uint32_t>(i + 1)));  // its own line
        }
      }
      CHECK(kept == lines_of(before.content));
      std::vector<uint32_t> old_origin;
      for (auto p : before.py_map) old_origin.push_back(p.line);
      CHECK(kept_origin == old_origin);
      CHECK(directives > 0);
      CHECK(directives < text.size() / 2);  // only where the numbering changes
    }
  }
}

TEST_CASE("line directives: blanking them keeps every line and its number") {
  for (GeneratedFile f : generated(true)) {
    INFO(f.path);
    const std::string before = f.content;
    add_line_directives(f, "t.py", f.path);
    auto with = lines_of(f.content), blanked = lines_of(without_line_directives(f.content));
    REQUIRE(blanked.size() == with.size());
    for (size_t i = 0; i < with.size(); ++i)
      CHECK(blanked[i] == (with[i].rfind("#line ", 0) == 0 ? std::string() : with[i]));
    CHECK(without_line_directives(before) == before);  // nothing else looks like one
  }
}

TEST_CASE("line directives: a statement deep in a loop is named by its Python line") {
  for (bool format : {false, true})
    for (GeneratedFile f : generated(format)) {
      if (f.path != "t.cpp") continue;
      add_line_directives(f, "t.py", "t.cpp");
      auto text = lines_of(f.content);
      auto seen = compiler_lines(f.content, "t.cpp");
      bool found = false;
      for (size_t i = 0; i < text.size(); ++i)
        if (text[i].find("total += add(i, 1);") != std::string::npos) {
          found = true;
          CHECK(seen[i] == std::make_pair(std::string("t.py"), 10u));
        }
      CHECK(found);
    }
}

TEST_CASE("source map: files without a py_map get no map; names are escaped") {
  std::vector<GeneratedFile> files = {{"a.cpp", "x\n", true, {{1, 0}}}, {"CMakeLists.txt", "y\n", false, {}},
                                      {"b.hpp", "z\n", true, {}}};
  auto maps = source_map_files(files, "dir/\"q\".py");
  REQUIRE(maps.size() == 1);
  CHECK(maps[0].path == "a.cpp.map");
  CHECK_FALSE(maps[0].is_cpp);
  auto j = nlohmann::json::parse(maps[0].content);
  CHECK(j["sources"][0] == "dir/\"q\".py");
  CHECK(j["mappings"] == "AAAA");
}
