// Python's built-in exception hierarchy (mirrors runtime/py2cpp/exceptions.hpp).
#include "sema/exceptions.hpp"

#include <utility>
#include <vector>

namespace py2cpp::sema {

const std::vector<std::pair<std::string, std::string>>& builtin_exceptions() {
  // CPython's classes and bases (Lib/test/exception_hierarchy.txt), each after its base. Not here:
  // SystemExit, KeyboardInterrupt, GeneratorExit (they stop the program or a generator), the
  // Unicode*Error subclasses (five constructor arguments), the warnings, and the aliases
  // IOError / EnvironmentError (their instances are OSErrors).
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"Exception", "BaseException"},
      {"ArithmeticError", "Exception"},
      {"ZeroDivisionError", "ArithmeticError"},
      {"OverflowError", "ArithmeticError"},
      {"FloatingPointError", "ArithmeticError"},
      {"LookupError", "Exception"},
      {"IndexError", "LookupError"},
      {"KeyError", "LookupError"},
      {"ValueError", "Exception"},
      {"UnicodeError", "ValueError"},
      {"TypeError", "Exception"},
      {"AttributeError", "Exception"},
      {"NameError", "Exception"},
      {"UnboundLocalError", "NameError"},
      {"RuntimeError", "Exception"},
      {"NotImplementedError", "RuntimeError"},
      {"RecursionError", "RuntimeError"},
      {"AssertionError", "Exception"},
      {"StopIteration", "Exception"},
      {"MemoryError", "Exception"},
      {"BufferError", "Exception"},
      {"EOFError", "Exception"},
      {"ImportError", "Exception"},
      {"ModuleNotFoundError", "ImportError"},
      {"SyntaxError", "Exception"},
      {"IndentationError", "SyntaxError"},
      {"TabError", "IndentationError"},
      {"SystemError", "Exception"},
      {"ReferenceError", "Exception"},
      {"OSError", "Exception"},
      {"BlockingIOError", "OSError"},
      {"ChildProcessError", "OSError"},
      {"ConnectionError", "OSError"},
      {"BrokenPipeError", "ConnectionError"},
      {"ConnectionAbortedError", "ConnectionError"},
      {"ConnectionRefusedError", "ConnectionError"},
      {"ConnectionResetError", "ConnectionError"},
      {"FileExistsError", "OSError"},
      {"FileNotFoundError", "OSError"},
      {"InterruptedError", "OSError"},
      {"IsADirectoryError", "OSError"},
      {"NotADirectoryError", "OSError"},
      {"PermissionError", "OSError"},
      {"ProcessLookupError", "OSError"},
      {"TimeoutError", "OSError"},
  };
  return table;
}

std::string exception_base(const std::string& name) {
  for (const auto& [cls, base] : builtin_exceptions())
    if (cls == name) return base;
  return std::string();
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
