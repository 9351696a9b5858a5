#pragma once
#include <cstddef>
#include <string_view>

namespace py2cpp {

// Byte offset of the first invalid UTF-8 sequence in s, or npos if s is valid UTF-8.
size_t find_invalid_utf8(std::string_view s);

}  // namespace py2cpp
