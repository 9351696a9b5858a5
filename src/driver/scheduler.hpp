#pragma once
// Runs n jobs on `workers` std::threads; job i starts only after every job in deps[i] finished.
// deps must be acyclic (the batch driver removes cycles first). Jobs share no state except
// what the caller's job function protects; results are indexed by job, so completion order
// never changes the output.
#include <cstddef>
#include <functional>
#include <vector>

namespace py2cpp {

void run_in_dependency_order(size_t n, const std::vector<std::vector<size_t>>& deps, unsigned workers,
                             const std::function<void(size_t)>& job);

}  // namespace py2cpp
