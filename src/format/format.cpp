#include "format/format.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "format/replacements.hpp"
#include "util/process.hpp"

namespace py2cpp {

namespace {

constexpr int kTimeoutMs = 60000;

// The style goes to clang-format as --style=file:<tmp> (clang-format >= 14): inline --style only
// takes one-line "{key: value}" YAML, and searching for .clang-format next to the output would pick
// up whatever the user's tree has. Removed again when format_files returns.
class StyleFile {
 public:
  explicit StyleFile(const std::string& style) {
    const char* dir = getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/py2cpp-style-XXXXXX";
    int fd = mkstemp(path_.data());
    if (fd < 0) {
      error_ = fmt::format("cannot create a temporary style file: {}", std::strerror(errno));
      path_.clear();
      return;
    }
    size_t done = 0;
    while (done < style.size()) {
      ssize_t w = ::write(fd, style.data() + done, style.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        error_ = fmt::format("cannot write the temporary style file: {}", std::strerror(errno));
        break;
      }
      done += static_cast<size_t>(w);
    }
    ::close(fd);
  }
  ~StyleFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  StyleFile(const StyleFile&) = delete;
  StyleFile& operator=(const StyleFile&) = delete;
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  std::string error_;
};

Diagnostic warning(const std::string& file, std::string message) {
  return Diagnostic{DiagKind::FormatterFailed, file, 0, 0, std::move(message), {}};
}

// First line of clang-format's stderr: enough to tell a bad style from a crash.
std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  return line.empty() ? "no message" : line;
}

}  // namespace

std::vector<Diagnostic> format_files(std::vector<GeneratedFile>& files, const FormatOptions& options) {
  std::vector<Diagnostic> diags;
  // Without a style, the same settings as templates/clang-format (the driver normally passes that file).
  std::string style = options.style.empty() ? "BasedOnStyle: Google\nColumnLimit: 100\nIndentWidth: 2\n"
                                            : options.style;
  StyleFile style_file(style);
  for (auto& file : files) {
    if (!file.is_cpp) continue;
    if (!style_file.error().empty()) {
      diags.push_back(warning(file.path, style_file.error() + "; left unformatted"));
      continue;
    }
    ProcessResult r = run_process({options.clang_format, "--output-replacements-xml",
                                   "--assume-filename=" + file.path, "--style=file:" + style_file.path()},
                                  file.content, kTimeoutMs);
    if (r.spawn_failed) {
      // One warning is enough: every other file would fail the same way.
      diags.push_back(warning(file.path, fmt::format("cannot run `{}` ({}); C++ files left unformatted",
                                                     options.clang_format, first_line(r.err))));
      break;
    }
    if (r.timed_out || r.exit_code != 0) {
      diags.push_back(warning(
          file.path, fmt::format("`{}` failed ({}); left unformatted", options.clang_format,
                                 r.timed_out ? "timed out" : first_line(r.err))));
      continue;
    }
    auto reps = format_detail::parse_replacements_xml(r.out, file.content.size());
    if (!reps) {
      diags.push_back(warning(file.path, fmt::format("cannot read the output of `{}`; left unformatted",
                                                     options.clang_format)));
      continue;
    }
    auto formatted = format_detail::apply_replacements(file.content, file.py_map, *reps);
    file.content = std::move(formatted.content);
    file.py_map = std::move(formatted.py_map);
  }
  return diags;
}

}  // namespace py2cpp
