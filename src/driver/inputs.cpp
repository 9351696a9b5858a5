#include "driver/inputs.hpp"

#include <fnmatch.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace py2cpp {

namespace fs = std::filesystem;

namespace {

// An --exclude glob matches the whole path, its file name, or any directory part of it.
bool excluded(const std::string& path, const std::vector<std::string>& excludes) {
  for (const auto& g : excludes) {
    if (fnmatch(g.c_str(), path.c_str(), 0) == 0) return true;
    fs::path p(path);
    for (const auto& part : p)
      if (fnmatch(g.c_str(), part.string().c_str(), 0) == 0) return true;
  }
  return false;
}

std::string dotted_of(const fs::path& rel) {
  std::string out;
  fs::path noext = rel;
  noext.replace_extension();
  for (const auto& part : noext) {
    if (!out.empty()) out += '.';
    out += part.string();
  }
  if (out.size() > 9 && out.compare(out.size() - 9, 9, ".__init__") == 0) out.resize(out.size() - 9);
  return out;
}

}  // namespace

CollectedInputs collect_inputs(const std::vector<std::string>& sources, const std::vector<std::string>& excludes) {
  CollectedInputs out;
  std::set<std::string> seen;
  auto add = [&](const fs::path& file, const fs::path& root) {
    std::string path = file.lexically_normal().string();
    if (excluded(path, excludes) || !seen.insert(path).second) return;
    fs::path rel = root.empty() ? file.filename() : file.lexically_normal().lexically_relative(root.lexically_normal());
    BatchInput in{path, dotted_of(rel), file.stem().string()};
    out.inputs.push_back(in);
  };
  for (const auto& src : sources) {
    std::error_code ec;
    if (fs::is_directory(src, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(src, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".py") files.push_back(it->path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add(f, fs::path(src));
      continue;
    }
    if (fs::exists(src, ec)) {
      add(fs::path(src), {});
      continue;
    }
    glob_t g{};
    if (::glob(src.c_str(), 0, nullptr, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i)
        if (fs::is_regular_file(g.gl_pathv[i], ec)) add(fs::path(g.gl_pathv[i]), {});
    } else {
      out.diagnostics.push_back({DiagKind::FileNotFound, src, 0, 0, "no such file, directory or matching glob", {}});
    }
    globfree(&g);
  }
  std::sort(out.inputs.begin(), out.inputs.end(), [](const BatchInput& a, const BatchInput& b) { return a.path < b.path; });
  return out;
}

}  // namespace py2cpp
