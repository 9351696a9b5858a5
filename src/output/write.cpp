#include "output/write.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <string_view>

#include "output/file_io.hpp"
#include "output/manifest.hpp"

namespace py2cpp {

namespace {

namespace fs = std::filesystem;
using namespace output_detail;

Diagnostic not_writable(const std::string& path, const std::string& message) {
  return Diagnostic{DiagKind::OutputNotWritable, path, 0, 0, message, {}};
}

// Why `path` could escape or clobber the output directory, or "" when it is safe.
std::string unsafe_reason(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path is absolute";
  if (path.find('\0') != std::string_view::npos) return "the path contains a NUL byte";
  if (path == kManifestName) return "the name is reserved for py2cpp's manifest";
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..")
      return "the path must stay inside the output directory (no empty, '.' or '..' parts)";
    start = end + 1;
  }
  return {};
}

// Everything that can fail before the first file is written: bad paths, an output directory (or a
// subdirectory) that cannot be created, a directory we cannot write to. Empty when all is well.
std::vector<Diagnostic> preflight(const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::vector<Diagnostic> diags;
  for (const auto& f : files)
    if (auto why = unsafe_reason(f.path); !why.empty())
      diags.push_back(not_writable(f.path, fmt::format("refusing to write `{}`: {}", f.path, why)));
  if (!diags.empty()) return diags;

  std::set<fs::path> dirs{fs::path(out_dir)};
  for (const auto& f : files) dirs.insert((fs::path(out_dir) / f.path).parent_path());
  for (const auto& dir : dirs) {  // sorted: parents before children
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!ec && !fs::is_directory(dir, ec)) ec = std::make_error_code(std::errc::not_a_directory);
    if (ec) {
      diags.push_back(not_writable(dir.string(), "cannot create the output directory: " + ec.message()));
      return diags;
    }
  }
  for (const auto& dir : dirs)
    if (auto err = probe_writable(dir.string())) {
      diags.push_back(not_writable(dir.string(), "the output directory is not writable: " + *err));
      return diags;
    }
  for (const auto& f : files) {
    std::error_code ec;
    if (fs::is_directory(fs::path(out_dir) / f.path, ec))
      diags.push_back(not_writable(out_dir + "/" + f.path, "cannot write the file: a directory is in the way"));
  }
  return diags;
}

}  // namespace

std::string content_hash(const std::string& content) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ull;  // FNV-1a 64 prime
  }
  return fmt::format("{:016x}", h);
}

WriteResult write_project(const std::string& out_dir, const std::vector<OutputFile>& files,
                          const WriteOptions& options) {
  WriteResult result;
  result.diagnostics = preflight(out_dir, files);
  if (!result.diagnostics.empty()) return result;

  const std::string manifest_path = out_dir + "/" + kManifestName;
  ReadResult old_manifest = read_file(manifest_path);
  // Entries of files not generated this time are kept: those files are still ours on disk.
  Manifest manifest = parse_manifest(old_manifest.content);
  const Manifest recorded = manifest;

  for (const auto& f : files) {
    const std::string target = out_dir + "/" + f.path;
    const std::string hash = content_hash(f.content);
    ReadResult disk = read_file(target);
    if (!disk.error.empty()) {
      result.diagnostics.push_back(not_writable(target, "cannot read the existing file: " + disk.error));
      continue;
    }
    if (disk.exists && disk.content == f.content) {
      result.unchanged.push_back(f.path);
      manifest[f.path] = hash;
      continue;
    }
    auto entry = recorded.find(f.path);
    bool ours = !disk.exists || (entry != recorded.end() && entry->second == content_hash(disk.content));
    if (ours || options.force) {
      if (auto err = write_file_atomic(target, f.content)) {
        result.diagnostics.push_back(not_writable(target, "cannot write the file: " + *err));
        continue;
      }
      result.written.push_back(f.path);
      manifest[f.path] = hash;
      continue;
    }
    // Edited by a person (or never ours): keep it, put ours beside it. The manifest records what
    // we generated, so the edit is still recognised as one on the next run.
    if (auto err = write_file_atomic(target + ".new", f.content)) {
      result.diagnostics.push_back(not_writable(target + ".new", "cannot write the file: " + *err));
      continue;
    }
    result.conflicts.push_back(f.path);
    manifest[f.path] = hash;
    result.diagnostics.push_back(Diagnostic{
        DiagKind::EditedFileKept, target, 0, 0,
        fmt::format("`{}` was edited since py2cpp generated it; the new version is in `{}.new` "
                    "(use --force to overwrite)",
                    f.path, f.path),
        {}});
  }

  // Last, so an interrupted run never records hashes for files it did not write.
  std::string text = serialize_manifest(manifest);
  if (text != old_manifest.content)
    if (auto err = write_file_atomic(manifest_path, text))
      result.diagnostics.push_back(not_writable(manifest_path, "cannot write the manifest: " + *err));
  return result;
}

}  // namespace py2cpp
