#pragma once
// Import cycles of a batch, found on plain data (the import graph as dependency lists) so the
// batch driver and the tests share one definition of "cycle".
#include <cstddef>
#include <vector>

namespace py2cpp {

// modules[0] imports modules[1], ..., the last imports modules[0] (one element: imports itself).
struct ImportCycle {
  std::vector<size_t> modules;
};

// Every cycle a depth-first walk from module 0, 1, ... meets, once per edge that closes one,
// in that order: the same graph always gives the same cycles.
std::vector<ImportCycle> find_import_cycles(const std::vector<std::vector<size_t>>& deps);

}  // namespace py2cpp
