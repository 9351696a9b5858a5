// driver: the batch scheduler (dependency order on worker threads) and import cycle detection.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "driver/import_cycles.hpp"
#include "driver/scheduler.hpp"

using namespace py2cpp;

namespace {

// Runs the jobs and records, per job, when it started and finished (a global sequence number).
struct Trace {
  std::mutex mu;
  size_t clock = 0;
  std::vector<size_t> started, finished;
  std::vector<int> runs;
  explicit Trace(size_t n) : started(n), finished(n), runs(n) {}
};

void run_traced(Trace& t, const std::vector<std::vector<size_t>>& deps, unsigned workers,
                const std::function<void(size_t)>& work = {}) {
  run_in_dependency_order(deps.size(), deps, workers, [&](size_t i) {
    {
      std::lock_guard lock(t.mu);
      t.started[i] = t.clock++;
      ++t.runs[i];
    }
    if (work) work(i);
    std::this_thread::sleep_for(std::chrono::microseconds(200 * (i % 3)));  // vary completion order
    std::lock_guard lock(t.mu);
    t.finished[i] = t.clock++;
  });
}

void check_order(const Trace& t, const std::vector<std::vector<size_t>>& deps) {
  for (size_t i = 0; i < deps.size(); ++i) {
    CHECK(t.runs[i] == 1);
    for (size_t d : deps[i]) {
      INFO("job " << i << " depends on " << d);
      CHECK(t.finished[d] < t.started[i]);
    }
  }
}

}  // namespace

TEST_CASE("scheduler: every job runs once, after all its dependencies") {
  // 0 <- 1 <- 3, 0 <- 2 <- 3 (a diamond), 4 independent, 5 <- 6 <- 7 (a chain), 8 needs 3 and 7.
  std::vector<std::vector<size_t>> deps = {{}, {0}, {0}, {1, 2}, {}, {}, {5}, {6}, {3, 7}};
  for (unsigned workers : {1u, 2u, 4u, 16u}) {
    for (int round = 0; round < 5; ++round) {
      INFO("workers " << workers << " round " << round);
      Trace t(deps.size());
      run_traced(t, deps, workers);
      check_order(t, deps);
    }
  }
}

TEST_CASE("scheduler: one worker runs ready jobs lowest index first") {
  std::vector<std::vector<size_t>> deps = {{3}, {}, {}, {}};
  std::vector<size_t> order;
  run_in_dependency_order(deps.size(), deps, 1, [&](size_t i) { order.push_back(i); });
  // 1, 2, 3 are ready at once; 0 becomes ready when 3 is done.
  CHECK(order == std::vector<size_t>{1, 2, 3, 0});
}

TEST_CASE("scheduler: no jobs, and zero workers means one") {
  int calls = 0;
  run_in_dependency_order(0, {}, 4, [&](size_t) { ++calls; });
  CHECK(calls == 0);
  run_in_dependency_order(3, {{}, {0}, {1}}, 0, [&](size_t) { ++calls; });
  CHECK(calls == 3);
}

TEST_CASE("scheduler: independent jobs run in parallel") {
  std::atomic<int> inside{0}, most{0};
  run_in_dependency_order(4, {{}, {}, {}, {}}, 4, [&](size_t) {
    int now = ++inside;
    for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    // Wait (bounded) for a second job to arrive, so the overlap does not depend on timing luck.
    for (int k = 0; k < 2000 && most.load() < 2; ++k) std::this_thread::sleep_for(std::chrono::microseconds(100));
    --inside;
  });
  CHECK(most.load() >= 2);
}

TEST_CASE("scheduler: a failing job does not stop the others") {
  // As the batch driver does it: a job that fails records it; its dependents still run (and give
  // up, naming the failed import); independent jobs are not affected.
  std::vector<std::vector<size_t>> deps = {{}, {0}, {1}, {}, {3}};
  for (unsigned workers : {1u, 3u}) {
    std::vector<int> failed(deps.size(), 0), translated(deps.size(), 0);
    Trace t(deps.size());
    run_traced(t, deps, workers, [&](size_t i) {
      bool dep_failed = false;
      for (size_t d : deps[i]) dep_failed |= failed[d] != 0;
      if (i == 0 || dep_failed) {
        failed[i] = 1;
        return;
      }
      translated[i] = 1;
    });
    check_order(t, deps);
    CHECK(failed == std::vector<int>{1, 1, 1, 0, 0});
    CHECK(translated == std::vector<int>{0, 0, 0, 1, 1});
  }
}

TEST_CASE("import cycles: none in a DAG") {
  CHECK(find_import_cycles({}).empty());
  CHECK(find_import_cycles({{}, {0}, {0, 1}}).empty());
}

TEST_CASE("import cycles: two modules, in import order from the first") {
  auto cycles = find_import_cycles({{1}, {0}});
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].modules == std::vector<size_t>{0, 1});
}

TEST_CASE("import cycles: a longer cycle with a tail, and a self-import") {
  // 0 -> 1 -> 2 -> 3 -> 1 (0 is outside the cycle); 4 imports itself.
  auto cycles = find_import_cycles({{1}, {2}, {3}, {1}, {4}});
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0].modules == std::vector<size_t>{1, 2, 3});
  CHECK(cycles[1].modules == std::vector<size_t>{4});
}

TEST_CASE("import cycles: the same graph gives the same cycles") {
  std::vector<std::vector<size_t>> deps = {{1, 2}, {0}, {0}, {2}};
  auto a = find_import_cycles(deps), b = find_import_cycles(deps);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() == 2);
  CHECK(a[0].modules == std::vector<size_t>{0, 1});
  CHECK(a[1].modules == std::vector<size_t>{0, 2});
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].modules == b[i].modules);
}
