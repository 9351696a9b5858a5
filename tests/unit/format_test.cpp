#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "format/format.hpp"
#include "format/replacements.hpp"
#include "util/process.hpp"

using namespace py2cpp;
using format_detail::apply_replacements;
using format_detail::parse_replacements_xml;
using format_detail::Replacement;

namespace {

std::string template_style() {
  std::ifstream in(std::string(PY2CPP_SOURCE_DIR) + "/templates/clang-format");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool have_clang_format() { return !run_process({"clang-format", "--version"}).spawn_failed; }

std::vector<uint32_t> lines_of(const std::vector<PyPos>& map) {
  std::vector<uint32_t> out;
  for (auto p : map) out.push_back(p.line);
  return out;
}

GeneratedFile cpp_file(std::string content, std::vector<PyPos> map) {
  return GeneratedFile{"stats.cpp", std::move(content), true, std::move(map)};
}

}  // namespace

TEST_CASE("format: replacement XML entities are decoded") {
  std::string xml =
      "<?xml version='1.0'?>\n<replacements xml:space='preserve' incomplete_format='false'>\n"
      "<replacement offset='1' length='2'>&#10;&#13;&lt;&gt;&amp;&apos;&quot;&#x41;</replacement>\n"
      "<replacement offset='5' length='0'></replacement>\n"
      "<replacement offset='6' length='1'/>\n</replacements>\n";
  auto reps = parse_replacements_xml(xml, 10);
  REQUIRE(reps);
  REQUIRE(reps->size() == 3);
  CHECK((*reps)[0].offset == 1);
  CHECK((*reps)[0].length == 2);
  CHECK((*reps)[0].text == "\n\r<>&'\"A");
  CHECK((*reps)[1].text.empty());
  CHECK((*reps)[2].length == 1);
  // Out of range or overlapping replacements mean we misread the output.
  CHECK_FALSE(parse_replacements_xml(xml, 4));
  CHECK_FALSE(parse_replacements_xml("garbage", 10));
}

TEST_CASE("format: split lines keep their origin, joined lines take the first non-zero one") {
  std::string text = "a;b;\nreturn\n  x;\n\nend\n";
  std::vector<PyPos> map = {{3, 1}, {0, 0}, {7, 5}, {0, 0}, {9, 1}};
  // "a;b;" -> "a;\nb;"   "return\n  x;" -> "return x;"
  std::vector<Replacement> reps = {{2, 0, "\n"}, {11, 3, " "}};
  auto out = apply_replacements(text, map, reps);
  CHECK(out.content == "a;\nb;\nreturn x;\n\nend\n");
  CHECK(lines_of(out.py_map) == std::vector<uint32_t>{3, 3, 7, 0, 9});
  CHECK(out.py_map[2].col == 5);
  // An unmapped file stays unmapped.
  CHECK(apply_replacements(text, {}, reps).py_map.empty());
}

TEST_CASE("format: clang-format output maps back to the original Python lines") {
  if (!have_clang_format()) {
    WARN("clang-format not installed; skipped");
    return;
  }
  std::vector<GeneratedFile> files = {cpp_file(
      "#include <cstdint>\n"
      "\n"
      "int64_t f(int64_t a,\n"
      "          int64_t b) {\n"
      "  int64_t x = a; int64_t y = b;\n"
      "  return\n"
      "    x + y;\n"
      "}\n"
      "int64_t g() { return f(100000000000, 200000000000) + f(300000000000, 400000000000) + "
      "f(500000000000, 600000000000); }\n",
      {{0, 0}, {0, 0}, {3, 1}, {3, 1}, {4, 5}, {0, 0}, {6, 5}, {3, 1}, {8, 1}})};
  FormatOptions options;
  options.style = template_style();
  auto diags = format_files(files, options);
  CHECK(diags.empty());
  CHECK(files[0].content ==
        "#include <cstdint>\n"
        "\n"
        "int64_t f(int64_t a, int64_t b) {\n"
        "  int64_t x = a;\n"
        "  int64_t y = b;\n"
        "  return x + y;\n"
        "}\n"
        "int64_t g() {\n"
        "  return f(100000000000, 200000000000) + f(300000000000, 400000000000) +\n"
        "         f(500000000000, 600000000000);\n"
        "}\n");
  CHECK(lines_of(files[0].py_map) == std::vector<uint32_t>{0, 0, 3, 4, 4, 6, 3, 8, 8, 8, 8});
}

TEST_CASE("format: formatting is idempotent") {
  if (!have_clang_format()) {
    WARN("clang-format not installed; skipped");
    return;
  }
  std::string src =
      "#include <string>\nnamespace m{\nstruct P{int x;int y;};\n"
      "std::string s(){return \"a<b>&'\\\"\";}\n"
      "int h(int a,int b,int c,int d,int e,int f,int g,int hh,int i,int j,int k,int l,int mm,int n,int o){"
      "return a;}\n}\n";
  std::vector<PyPos> map(6, PyPos{2, 1});
  std::vector<GeneratedFile> files = {cpp_file(src, map)};
  FormatOptions options;
  options.style = template_style();
  REQUIRE(format_files(files, options).empty());
  CHECK(files[0].content != src);
  CHECK(files[0].py_map.size() == static_cast<size_t>(std::count(files[0].content.begin(),
                                                                  files[0].content.end(), '\n')));

  // Formatting the output again yields no replacements at all.
  auto again = files;
  REQUIRE(format_files(again, options).empty());
  CHECK(again[0].content == files[0].content);
  CHECK(lines_of(again[0].py_map) == lines_of(files[0].py_map));
  auto r = run_process({"clang-format", "--output-replacements-xml", "--assume-filename=x.cpp",
                        "--style=file:" + std::string(PY2CPP_SOURCE_DIR) + "/templates/clang-format"},
                       files[0].content);
  auto reps = parse_replacements_xml(r.out, files[0].content.size());
  REQUIRE(reps);
  CHECK(reps->empty());
}

TEST_CASE("format: a missing clang-format leaves content untouched with a warning") {
  std::vector<GeneratedFile> files = {cpp_file("int  x;\n", {{1, 1}}), cpp_file("int  y;\n", {{2, 1}})};
  FormatOptions options;
  options.clang_format = "py2cpp-no-such-clang-format";
  auto diags = format_files(files, options);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagKind::FormatterFailed);
  CHECK(diag_info(diags[0].kind).severity == Severity::Warning);
  CHECK(diags[0].message.find("py2cpp-no-such-clang-format") != std::string::npos);
  CHECK(files[0].content == "int  x;\n");
  CHECK(files[1].content == "int  y;\n");
  CHECK(files[0].py_map[0].line == 1);
}

TEST_CASE("format: a failing clang-format (bad style) leaves content untouched") {
  if (!have_clang_format()) return;
  std::vector<GeneratedFile> files = {cpp_file("int  x;\n", {{1, 1}})};
  FormatOptions options;
  options.style = "NoSuchOption: [\n";
  auto diags = format_files(files, options);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagKind::FormatterFailed);
  CHECK(files[0].content == "int  x;\n");
}

TEST_CASE("format: non-C++ files are not touched") {
  std::vector<GeneratedFile> files = {{"CMakeLists.txt", "project(x)   \n", false, {}}};
  FormatOptions options;
  options.clang_format = "py2cpp-no-such-clang-format";
  CHECK(format_files(files, options).empty());
  CHECK(files[0].content == "project(x)   \n");
}
