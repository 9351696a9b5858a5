#pragma once
// Python's built-in exception hierarchy, as runtime/py2cpp/exceptions.hpp declares it. sema uses
// it to type `except (A, B) as e`; emit uses it to drop except clauses an earlier clause already
// covers (they never run in Python, and g++ warns about them).
#include <string>
#include <utility>
#include <vector>

namespace py2cpp::sema {

// Every built-in exception class but BaseException with its direct base, each after its base.
const std::vector<std::pair<std::string, std::string>>& builtin_exceptions();

// The direct base class of a built-in exception ("" for BaseException and unknown names).
std::string exception_base(const std::string& name);

// True if `name` is `base` or derives from it.
bool exception_derives_from(const std::string& name, const std::string& base);

// The nearest class both derive from ("BaseException" at worst).
std::string common_exception_base(const std::string& a, const std::string& b);

}  // namespace py2cpp::sema
