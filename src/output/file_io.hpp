#pragma once
// Whole-file reads and atomic whole-file writes (temp file in the same directory + rename), so a
// crash or a full disk never leaves a half-written file where a complete one was.
#include <optional>
#include <string>

namespace py2cpp::output_detail {

struct ReadResult {
  bool exists = false;
  std::string content;
  std::string error;  // set when the file exists but could not be read
};

ReadResult read_file(const std::string& path);

// Writes `content` to `path` through "<dir>/.<name>.tmp.<random>" and rename(2). An existing file's
// permission bits are kept. Returns an error message, or nullopt on success.
std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content);

// Creates and removes a probe file in `dir`: the only reliable writability test (access(2) says
// yes to root on a read-only file system). Returns an error message, or nullopt when writable.
std::optional<std::string> probe_writable(const std::string& dir);

}  // namespace py2cpp::output_detail
