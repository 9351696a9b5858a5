#pragma once
// `--html`: the review pages. One page per module, Python on the left and its C++ on the right,
// linked line by line through the files' py_maps (click a line on one side: the lines it maps to
// on the other side are highlighted and scrolled into view). Stubs and type decisions are listed
// above the code and marked on their Python lines. Plus an index of the modules.
//
// Each page is one self-contained HTML file (its CSS and script inline, no network), built from
// templates/review-*.tmpl. The text depends only on the inputs: deterministic.
#include <cstddef>
#include <string>
#include <vector>

#include "emit/generated_file.hpp"
#include "sema/sema.hpp"

namespace py2cpp {

struct ReviewPageInput {
  std::string module;                      // "stats"
  std::string python_name;                 // "stats.py", as the `// file.py:LINE` comments name it
  std::string python_source;
  const std::vector<GeneratedFile>* files = nullptr;  // the module's files; the C++ ones are shown
  const sema::SemaResult* sema = nullptr;
};

std::string build_review_page(const ReviewPageInput& in);

// The functions a page counts: the module's own functions and methods, plus the main block.
size_t review_function_count(const sema::SemaResult& s);

struct ReviewIndexEntry {
  std::string module;
  std::string python_path;  // as given on the command line
  std::string page;         // relative to the index ("stats.html"); "" when the module failed
  size_t functions = 0;
  size_t stubs = 0;
  std::string error;        // why the module failed ("" = it did not)
};

std::string build_review_index(const std::vector<ReviewIndexEntry>& modules);

// Where the pages go, relative to the output directory.
inline const char* kReviewDir = "review";

// Text as HTML character data or attribute value.
std::string html_escape(const std::string& text);

}  // namespace py2cpp
