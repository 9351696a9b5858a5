// py2cpp runtime: print().
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "repr.hpp"

namespace py {

// print()'s keyword arguments: py::print_with({.sep = ", ", .end = ""}, a, b).
struct PrintOptions {
    std::string_view sep = " ";
    std::string_view end = "\n";
    bool flush = false;
    std::FILE* file = nullptr;  // nullptr means stdout; stderr for file=sys.stderr
};

// Writes str() of each argument separated by sep, then end. The line is built
// first and written with one fwrite through C stdio (buffered by run_main).
template <class... Args>
void print_with(const PrintOptions& options, const Args&... args) {
    std::string line;
    [[maybe_unused]] std::string_view separator;
    ((line += separator, py::str_to(line, args), separator = options.sep), ...);
    line += options.end;
    std::FILE* file = options.file != nullptr ? options.file : stdout;
    std::fwrite(line.data(), 1, line.size(), file);
    if (options.flush) std::fflush(file);
}

template <class... Args>
void print(const Args&... args) {
    print_with(PrintOptions{}, args...);
}

}  // namespace py
