#pragma once
// Gives each of several `for` loops that reuse one name for values of different types its own
// name, where that cannot change the program (split_loop_names.cpp).
#include <string>
#include <vector>

#include "ast/ast.hpp"

namespace py2cpp::ast {

// A name sema could not give one type: bound in `function` (a FunctionDef, or the If of the
// __main__ block) to values of different types.
struct LoopNameConflict {
  StmtId function = kNoNode;
  std::string name;
};

// Renames the later loops' variable (`group` -> `group_2`) where safe; true if anything changed.
bool split_loop_names(Module& m, const std::vector<LoopNameConflict>& conflicts);

}  // namespace py2cpp::ast
