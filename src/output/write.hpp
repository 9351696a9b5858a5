#pragma once
// Stage 5: write the output project safely.
//  - Nothing is written unless the whole translation succeeded (the driver calls this last).
//  - Every write is atomic (temp file in the same directory + rename).
//  - Paths are confined to the output directory (no absolute paths, no "..").
//  - Files whose content is unchanged are not touched (mtimes kept, builds stay warm).
//  - A file a person edited since py2cpp generated it is never overwritten: the new version is
//    written beside it as FILE.new and a conflict is reported, unless force is set.
//    Generated content hashes are recorded in OUT/.py2cpp-manifest.json.
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace py2cpp {

struct OutputFile {
  std::string path;     // relative, '/'-separated
  std::string content;
};

struct WriteOptions {
  bool force = false;   // overwrite hand-edited files
};

struct WriteResult {
  std::vector<std::string> written;    // created or replaced
  std::vector<std::string> unchanged;  // identical content already on disk
  std::vector<std::string> conflicts;  // edited by hand: FILE.new written instead
  std::vector<Diagnostic> diagnostics; // OutputNotWritable, EditedFileKept, ...
  bool ok() const { return !has_errors(diagnostics); }
};

WriteResult write_project(const std::string& out_dir, const std::vector<OutputFile>& files,
                          const WriteOptions& options);

// The hash recorded in the manifest (FNV-1a 64, hex). Exposed for tests.
std::string content_hash(const std::string& content);

}  // namespace py2cpp
