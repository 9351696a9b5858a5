// Renaming of Python identifiers that cannot be used as-is in C++.
#include <algorithm>
#include <set>
#include <string>

#include "sema/sema.hpp"

namespace py2cpp::sema {

namespace {

// C++20 keywords and alternative tokens, plus names the generated code itself relies on.
const std::set<std::string>& reserved_names() {
  static const std::set<std::string> names = {
      // keywords
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
      "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
      "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
      "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // identifiers with special meaning, and names the generated code uses unqualified
      "final", "override", "import", "module", "main", "std", "py", "int64_t", "int32_t", "uint64_t", "size_t",
      "ptrdiff_t", "NULL", "assert", "errno", "stdin", "stdout", "stderr", "EOF", "INFINITY", "NAN",
      // macros of the C and C++ standard headers the runtime includes
      "INT_MAX", "INT_MIN", "UINT_MAX", "LONG_MAX", "LONG_MIN", "ULONG_MAX", "LLONG_MAX", "LLONG_MIN", "SHRT_MAX",
      "SHRT_MIN", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "SCHAR_MAX", "UCHAR_MAX", "INT8_MAX", "INT16_MAX", "INT32_MAX",
      "INT64_MAX", "INT8_MIN", "INT16_MIN", "INT32_MIN", "INT64_MIN", "UINT8_MAX", "UINT16_MAX", "UINT32_MAX",
      "UINT64_MAX", "SIZE_MAX", "PTRDIFF_MAX", "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX", "BUFSIZ", "FILENAME_MAX",
      "SEEK_SET", "SEEK_CUR", "SEEK_END", "HUGE_VAL", "HUGE_VALF", "DBL_MAX", "DBL_MIN", "DBL_EPSILON", "DBL_DIG",
      "FLT_MAX", "FLT_MIN", "FLT_EPSILON", "M_PI", "M_E", "EDOM", "ERANGE", "EINVAL", "unix", "linux",
  };
  return names;
}

}  // namespace

std::string namespace_identifier(const std::string& module_name, const std::vector<std::string>& declared) {
  // The suffix goes on the Python name, so a renamed `main_` does not become `main__ns` (C++
  // reserves names with a double underscore).
  std::string base = module_name, ns = cpp_identifier(module_name);
  while (std::find(declared.begin(), declared.end(), ns) != declared.end()) ns = cpp_identifier(base += "_ns");
  return ns;
}

std::string cpp_identifier(const std::string& python_name) {
  if (reserved_names().count(python_name)) return python_name + "_";
  return python_name;
}

}  // namespace py2cpp::sema
