#include "report/review_page.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "emit/emit.hpp"
#include "util/embedded.hpp"

namespace py2cpp {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = nl + 1;
  }
  return lines;
}

std::string style() { return std::string(embedded_file("templates/review.css")); }

// What the page says about one Python line: the stubs covering it and the decisions made on it.
struct LineNotes {
  std::vector<std::string> stubs;
  std::vector<std::string> decisions;
};

std::map<uint32_t, LineNotes> notes_by_line(const sema::SemaResult& s) {
  std::map<uint32_t, LineNotes> notes;
  for (const auto& st : s.stubs) {
    uint32_t last = std::max(st.span.line, st.span.end_line);
    for (uint32_t l = st.span.line; l <= last; ++l)
      notes[l].stubs.push_back(st.reason + " [" + stub_info(st.kind).code + "]");
  }
  for (const auto& d : s.decisions)
    if (d.line > 0) notes[d.line].decisions.push_back(fmt::format("{}: {} ({})", d.name, d.type, d.reason));
  return notes;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string python_lines(const std::string& source, const std::map<uint32_t, LineNotes>& notes) {
  std::string out;
  auto lines = split_lines(source);
  for (size_t i = 0; i < lines.size(); ++i) {
    uint32_t n = static_cast<uint32_t>(i + 1);
    std::string cls = "l";
    std::string title;
    if (auto it = notes.find(n); it != notes.end()) {
      std::vector<std::string> parts;
      if (!it->second.stubs.empty()) {
        cls += " stub";
        for (const auto& r : it->second.stubs) parts.push_back("stub: " + r);
      }
      if (!it->second.decisions.empty()) {
        cls += " decision";
        for (const auto& d : it->second.decisions) parts.push_back("type: " + d);
      }
      title = fmt::format(" title=\"{}\"", html_escape(join(parts, "\n")));
    }
    out += fmt::format("<div class=\"{}\" id=\"py-{}\" data-line=\"{}\"{}><span class=\"n\">{}</span>{}</div>\n", cls,
                       n, n, title, n, html_escape(lines[i]));
  }
  return out;
}

bool shown(const GeneratedFile& f) { return f.is_cpp && f.path.rfind("py2cpp/", 0) != 0; }

bool is_header(const GeneratedFile& f) { return f.path.size() > 4 && f.path.compare(f.path.size() - 4, 4, ".hpp") == 0; }

// Sources before headers: a click on a Python line scrolls to its first C++ line, which should be
// the definition a reviewer reads, not the declaration.
std::string cpp_lines(const std::vector<GeneratedFile>& files) {
  std::vector<const GeneratedFile*> order;
  for (const auto& f : files)
    if (shown(f) && !is_header(f)) order.push_back(&f);
  for (const auto& f : files)
    if (shown(f) && is_header(f)) order.push_back(&f);
  std::string out;
  size_t index = 0;
  for (const GeneratedFile* fp : order) {
    const GeneratedFile& f = *fp;
    out += fmt::format("<div class=\"file\" id=\"f{}\">{}</div>\n", index, html_escape(f.path));
    auto lines = split_lines(f.content);
    for (size_t i = 0; i < lines.size(); ++i) {
      uint32_t py = i < f.py_map.size() ? f.py_map[i].line : 0;
      std::string cls = py > 0 ? "l" : "l unmapped";
      if (lines[i].find("TODO(py2cpp)") != std::string::npos) cls += " stub";
      std::string data = py > 0 ? fmt::format(" data-py=\"{}\"", py) : "";
      out += fmt::format("<div class=\"{}\" id=\"c{}-{}\"{}><span class=\"n\">{}</span>{}</div>\n", cls, index, i + 1,
                         data, i + 1, html_escape(lines[i]));
    }
    ++index;
  }
  return out;
}

std::string stub_list(const std::string& python_name, const sema::SemaResult& s) {
  if (s.stubs.empty()) return "<p class=\"none\">No stubs: every statement was translated.</p>\n";
  std::string out = "<ol>\n";
  for (const auto& st : s.stubs)
    out += fmt::format("<li><a href=\"#py-{0}\" data-goto=\"{0}\">{1}:{0}</a> <span class=\"scope\">{2}</span> {3} "
                       "<span class=\"code\" title=\"{5}\">{4}</span></li>\n",
                       st.span.line, html_escape(python_name), html_escape(st.scope), html_escape(st.reason),
                       stub_info(st.kind).code, html_escape(std::string("fix: ") + stub_info(st.kind).fix));
  return out + "</ol>\n";
}

std::string decision_rows(const sema::SemaResult& s) {
  std::string out;
  for (const auto& d : s.decisions)
    out += fmt::format(
        "<tr><td><a href=\"#py-{0}\" data-goto=\"{0}\">{0}</a></td><td class=\"scope\">{1}</td><td><code>{2}</code></td>"
        "<td><code>{3}</code></td><td>{4}</td></tr>\n",
        d.line, html_escape(d.scope), html_escape(d.name), html_escape(d.type), html_escape(d.reason));
  return out;
}

size_t function_count(const sema::SemaResult& s) {
  size_t n = s.has_main ? 1 : 0;
  for (const auto& fn : s.functions)
    if (fn.external_module.empty()) ++n;
  return n;
}

const char* plural(size_t n, const char* one, const char* many) { return n == 1 ? one : many; }

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

size_t review_function_count(const sema::SemaResult& s) { return function_count(s); }

std::string build_review_page(const ReviewPageInput& in) {
  const sema::SemaResult& s = *in.sema;
  size_t functions = function_count(s);
  std::string summary = fmt::format("{} {}, {} {}, {} type {}", functions, plural(functions, "function", "functions"),
                                    s.stubs.size(), plural(s.stubs.size(), "stub", "stubs"), s.decisions.size(),
                                    plural(s.decisions.size(), "decision", "decisions"));
  return render_template("templates/review-page.html.tmpl",
                         {{"title", html_escape(in.python_name) + " → C++ · py2cpp review"},
                          {"style", style()},
                          {"heading", html_escape(in.python_name) + " → C++"},
                          {"summary", summary},
                          {"stub_count", std::to_string(s.stubs.size())},
                          {"stub_list", stub_list(in.python_name, s)},
                          {"decision_count", std::to_string(s.decisions.size())},
                          {"decision_rows", decision_rows(s)},
                          {"python_name", html_escape(in.python_name)},
                          {"python_lines", python_lines(in.python_source, notes_by_line(s))},
                          {"cpp_files", cpp_lines(*in.files)},
                          {"script", std::string(embedded_file("templates/review.js"))}});
}

std::string build_review_index(const std::vector<ReviewIndexEntry>& modules) {
  std::string rows;
  size_t failed = 0, stubs = 0;
  for (const auto& m : modules) {
    std::string name = m.page.empty() ? html_escape(m.module)
                                      : fmt::format("<a href=\"{}\">{}</a>", html_escape(m.page), html_escape(m.module));
    std::string status = m.error.empty() ? (m.stubs ? "partial" : "translated")
                                         : "<span class=\"failed\">failed: " + html_escape(m.error) + "</span>";
    if (!m.error.empty()) ++failed;
    stubs += m.stubs;
    rows += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n", name,
                        html_escape(m.python_path), m.error.empty() ? std::to_string(m.functions) : "",
                        m.error.empty() ? std::to_string(m.stubs) : "", status);
  }
  std::string summary = fmt::format("{} {}, {} failed, {} {}", modules.size(),
                                    plural(modules.size(), "module", "modules"), failed, stubs,
                                    plural(stubs, "stub", "stubs"));
  return render_template("templates/review-index.html.tmpl", {{"style", style()}, {"summary", summary}, {"rows", rows}});
}

}  // namespace py2cpp
