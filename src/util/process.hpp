#pragma once
// Runs an external program without a shell (posix_spawnp): arguments are never re-parsed,
// so file names cannot inject commands. Used by format/ (clang-format) and verify/ (the compiler).
#include <string>
#include <string_view>
#include <vector>

namespace py2cpp {

struct ProcessResult {
  int exit_code = -1;        // -1 when the program could not be started or was killed
  bool spawn_failed = false; // program not found / not executable
  bool timed_out = false;    // killed after the timeout
  std::string out;           // captured stdout
  std::string err;           // captured stderr
};

// argv[0] is looked up in PATH. stdin_data is written to the child's stdin (then closed).
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view stdin_data = {},
                          int timeout_ms = 120000);

}  // namespace py2cpp
