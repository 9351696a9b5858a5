// report: the --html review pages (their behaviour in a browser: tests/browser/review_page.mjs).
#include <catch2/catch.hpp>

#include <regex>

#include "analyzed.hpp"
#include "emit/emit.hpp"
#include "report/review_page.hpp"

using namespace py2cpp;

namespace {

const char* kModule =
    "def add(a: int, b: int) -> int:\n"   // 1
    "    return a + b\n"                  // 2
    "\n"                                  // 3
    "\n"                                  // 4
    "def gen(n: int) -> int:\n"           // 5
    "    return getattr(n, 'real')\n"     // 6
    "\n"                                  // 7
    "\n"                                  // 8
    "if __name__ == \"__main__\":\n"      // 9
    "    print(add(1, 2) < 4 and \"<&>\" != '')\n";  // 10

struct Page {
  testing::Analyzed a;
  std::vector<GeneratedFile> files;
  std::string html;
};

Page page() {
  Page p{testing::analyze_source(kModule), {}, {}};
  p.files = emit_project(p.a.parsed.module, p.a.sema).files;
  p.html = build_review_page({"t", "t.py", kModule, &p.files, &p.a.sema});
  return p;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("review page: html_escape") {
  CHECK(html_escape("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
  CHECK(html_escape("") == "");
}

TEST_CASE("review page: one line element per Python line, escaped") {
  Page p = page();
  CHECK(count(p.html, "<div class=\"l") >= 10);
  for (int n = 1; n <= 10; ++n) CHECK(p.html.find("id=\"py-" + std::to_string(n) + "\"") != std::string::npos);
  CHECK(p.html.find("id=\"py-11\"") == std::string::npos);
  CHECK(p.html.find("print(add(1, 2) &lt; 4 and &quot;&lt;&amp;&gt;&quot; != &#39;&#39;)") != std::string::npos);
}

TEST_CASE("review page: stubs listed and marked") {
  Page p = page();
  REQUIRE(p.a.sema.stubs.size() == 1);
  CHECK(p.html.find("<h2>Stubs (1)</h2>") != std::string::npos);
  CHECK(p.html.find("<a href=\"#py-6\" data-goto=\"6\">t.py:6</a> <span class=\"scope\">gen</span>") != std::string::npos);
  CHECK(std::regex_search(p.html, std::regex("<div class=\"l stub[^\"]*\" id=\"py-6\"")));
}

TEST_CASE("review page: C++ lines name the Python line they came from") {
  Page p = page();
  // `return a + b` (line 2) is in the .cpp; runtime headers are not shown.
  CHECK(std::regex_search(p.html, std::regex("data-py=\"2\"><span class=\"n\">\\d+</span>  return a \\+ b;")));
  CHECK(p.html.find("<div class=\"file\" id=\"f0\">t.cpp</div>") != std::string::npos);
  CHECK(p.html.find("py2cpp/runtime.hpp</div>") == std::string::npos);
  CHECK(p.html.find("class=\"l unmapped\"") != std::string::npos);
}

TEST_CASE("review page: deterministic") {
  CHECK(page().html == page().html);
}

TEST_CASE("review index: links, failures, summary") {
  std::string html = build_review_index({{"a", "src/a.py", "a.html", 3, 0, ""},
                                         {"b", "src/b.py", "", 0, 0, "line 2: expected ':'"}});
  CHECK(html.find("<a href=\"a.html\">a</a>") != std::string::npos);
  CHECK(html.find("failed: line 2: expected &#39;:&#39;") != std::string::npos);
  CHECK(html.find("2 modules, 1 failed, 0 stubs") != std::string::npos);
}
