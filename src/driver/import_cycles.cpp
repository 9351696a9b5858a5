#include "driver/import_cycles.hpp"

#include <algorithm>
#include <functional>

namespace py2cpp {

std::vector<ImportCycle> find_import_cycles(const std::vector<std::vector<size_t>>& deps) {
  std::vector<ImportCycle> cycles;
  std::vector<int> color(deps.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<size_t> stack;
  std::function<void(size_t)> dfs = [&](size_t i) {
    color[i] = 1;
    stack.push_back(i);
    for (size_t d : deps[i]) {
      if (color[d] == 1) {
        cycles.push_back({std::vector<size_t>(std::find(stack.begin(), stack.end(), d), stack.end())});
      } else if (color[d] == 0) {
        dfs(d);
      }
    }
    stack.pop_back();
    color[i] = 2;
  };
  for (size_t i = 0; i < deps.size(); ++i)
    if (color[i] == 0) dfs(i);
  return cycles;
}

}  // namespace py2cpp
