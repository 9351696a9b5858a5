#include <catch2/catch.hpp>

#include <dirent.h>

#include <string>
#include <thread>
#include <vector>

#include "util/process.hpp"

using py2cpp::run_process;

namespace {
int open_fd_count() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (readdir(d)) ++n;
    closedir(d);
  }
  return n;
}
}  // namespace

TEST_CASE("process: captures stdout, stderr and exit code") {
  auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  CHECK_FALSE(r.spawn_failed);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
}

TEST_CASE("process: large stdin and stdout do not deadlock") {
  std::string big(4 << 20, 'x');  // far beyond any pipe buffer, in both directions
  for (size_t i = 0; i < big.size(); i += 100) big[i] = '\n';
  auto r = run_process({"cat"}, big);
  CHECK(r.exit_code == 0);
  CHECK(r.out == big);
}

TEST_CASE("process: arguments are never interpreted by a shell") {
  auto r = run_process({"echo", "a b;$(touch x)", "*"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "a b;$(touch x) *\n");
}

TEST_CASE("process: missing program is a spawn failure") {
  auto r = run_process({"py2cpp-no-such-program-xyz", "--version"});
  CHECK(r.spawn_failed);
  CHECK(r.exit_code == -1);
  CHECK(r.err.find("No such file") != std::string::npos);
}

TEST_CASE("process: timeout kills the child") {
  auto start = std::chrono::steady_clock::now();
  auto r = run_process({"sleep", "10"}, {}, 200);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(r.timed_out);
  CHECK(r.exit_code == -1);
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("process: child that ignores stdin does not raise SIGPIPE") {
  std::string big(1 << 20, 'y');
  auto r = run_process({"true"}, big);  // exits without reading: our writes hit EPIPE
  CHECK(r.exit_code == 0);
  CHECK_FALSE(r.timed_out);
}

TEST_CASE("process: no descriptors leak, concurrent calls are safe") {
  int before = open_fd_count();
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([t, &ok] {
      for (int i = 0; i < 10; ++i) {
        std::string in = std::to_string(t * 100 + i);
        auto r = run_process({"cat"}, in);
        ok[t] += r.exit_code == 0 && r.out == in;
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) CHECK(ok[t] == 10);
  CHECK(open_fd_count() == before);
  // A child sees no more descriptors than we have (whatever our own parent left open, plus its
  // 0/1/2 replacing ours); before - 2 drops "." and ".." from our count, ls opens one dir fd as we did.
  auto r = run_process({"sh", "-c", "ls /proc/self/fd | wc -l"});
  CHECK(std::stoi(r.out) <= before - 2);
}
