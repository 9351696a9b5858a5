// Python's built-in exception hierarchy (mirrors runtime/py2cpp/exceptions.hpp).
#include "sema/exceptions.hpp"

#include <map>

namespace py2cpp::sema {

std::string exception_base(const std::string& name) {
  static const std::map<std::string, std::string> base = {
      {"Exception", "BaseException"},         {"ArithmeticError", "Exception"},
      {"ZeroDivisionError", "ArithmeticError"}, {"OverflowError", "ArithmeticError"},
      {"LookupError", "Exception"},           {"IndexError", "LookupError"},
      {"KeyError", "LookupError"},            {"ValueError", "Exception"},
      {"TypeError", "Exception"},             {"AttributeError", "Exception"},
      {"RuntimeError", "Exception"},          {"NotImplementedError", "RuntimeError"},
      {"RecursionError", "RuntimeError"},     {"AssertionError", "Exception"},
      {"StopIteration", "Exception"},         {"MemoryError", "Exception"},
  };
  auto it = base.find(name);
  return it == base.end() ? std::string() : it->second;
}

bool exception_derives_from(const std::string& name, const std::string& base) {
  for (std::string c = name; !c.empty(); c = exception_base(c))
    if (c == base) return true;
  return false;
}

std::string common_exception_base(const std::string& a, const std::string& b) {
  for (std::string c = a; !c.empty(); c = exception_base(c))
    if (exception_derives_from(b, c)) return c;
  return "BaseException";
}

}  // namespace py2cpp::sema
