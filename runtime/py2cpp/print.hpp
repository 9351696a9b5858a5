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

// print(*xs): each item of xs is one argument. Holds xs by reference: it lives only for the call.
template <class R>
struct Spread {
    const R& items;
};
template <class R>
Spread<R> spread(const R& items) {
    return {items};
}

namespace detail {

template <class T>
void print_part(std::string& line, std::string_view& separator, std::string_view sep, const T& arg) {
    line += separator;
    py::str_to(line, arg);
    separator = sep;
}
template <class R>
void print_part(std::string& line, std::string_view& separator, std::string_view sep, const Spread<R>& arg) {
    for (const auto& item : arg.items) print_part(line, separator, sep, item);
}

}  // namespace detail

// Writes str() of each argument separated by sep, then end. The line is built
// first and written with one fwrite through C stdio (buffered by run_main).
template <class... Args>
void print_with(const PrintOptions& options, const Args&... args) {
    std::string line;
    [[maybe_unused]] std::string_view separator;
    (detail::print_part(line, separator, options.sep, args), ...);
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
