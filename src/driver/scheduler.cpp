#include "driver/scheduler.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace py2cpp {

void run_in_dependency_order(size_t n, const std::vector<std::vector<size_t>>& deps, unsigned workers,
                             const std::function<void(size_t)>& job) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<size_t> waiting(n);
  std::vector<std::vector<size_t>> dependents(n);
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = deps[i].size();
    for (size_t d : deps[i]) dependents[d].push_back(i);
  }
  for (size_t i = n; i-- > 0;)
    if (waiting[i] == 0) ready.push_back(i);  // lowest index first (popped from the back)
  size_t done = 0;
  auto worker = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return !ready.empty() || done == n; });
      if (ready.empty()) return;
      size_t i = ready.back();
      ready.pop_back();
      lock.unlock();
      job(i);
      lock.lock();
      ++done;
      for (size_t d : dependents[i])
        if (--waiting[d] == 0) ready.push_back(d);
      cv.notify_all();
    }
  };
  if (workers < 1) workers = 1;
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

}  // namespace py2cpp
