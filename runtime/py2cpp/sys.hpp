// py2cpp runtime: the parts of `sys` hot-path programs use — argv, exit, reading stdin, writing
// stdout — and the builtin input(). Text is read as Python's text mode reads it: UTF-8 bytes
// unchanged, "\r\n" and a lone "\r" read as "\n" (universal newlines).
#pragma once

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "exceptions.hpp"
#include "generator.hpp"

namespace py {

// sys.exit(...): not an Exception, so `except Exception:` lets it through, as in Python.
class SystemExit : public BaseException {
public:
    explicit SystemExit(int64_t code = 0, std::string message = {}) : BaseException(std::move(message)), code_(code) {}
    const char* type_name() const noexcept override { return "SystemExit"; }
    int64_t code() const noexcept { return code_; }

private:
    int64_t code_;
};

namespace sys {

// The program's arguments, argv[0] being the executable's path (Python's is the script's).
inline std::vector<std::string> argv;

inline constexpr int64_t maxsize = std::numeric_limits<int64_t>::max();

[[noreturn]] inline void exit(int64_t code = 0) { throw SystemExit(code); }
// sys.exit("message"): the message goes to stderr, the status is 1.
[[noreturn]] inline void exit(const std::string& message) { throw SystemExit(1, message); }

// One line of stdin with its "\n" (none at the end of input); "" once stdin is exhausted.
// (`in` is for the runtime's tests.)
inline std::string readline(std::FILE* in = stdin) {
    std::string line;
    int c;
    while ((c = std::getc(in)) != EOF) {
        if (c == '\r') {  // universal newlines: "\r\n" and "\r" both end a line as "\n"
            int next = std::getc(in);
            if (next != '\n' && next != EOF) std::ungetc(next, in);
            c = '\n';
        }
        line.push_back(static_cast<char>(c));
        if (c == '\n') break;
    }
    return line;
}

inline std::string read() {
    std::string all, line;
    while (!(line = readline()).empty()) all += line;
    return all;
}

inline std::vector<std::string> readlines() {
    std::vector<std::string> lines;
    for (std::string line; !(line = readline()).empty();) lines.push_back(std::move(line));
    return lines;
}

// `for line in sys.stdin`: lazily, one line at a time, as Python reads it.
inline Generator<std::string> stdin_lines() {
    for (std::string line; !(line = readline()).empty();) co_yield line;
}

// sys.stdout.write(s): no newline added; returns the number of characters written.
inline int64_t stdout_write(const std::string& s) {
    std::fwrite(s.data(), 1, s.size(), stdout);
    int64_t chars = 0;
    for (unsigned char b : s) chars += (b & 0xC0) != 0x80;  // code points, as len(s)
    return chars;
}

inline int64_t stderr_write(const std::string& s) {
    std::fflush(stdout);  // keep the order the two streams were written in
    std::fwrite(s.data(), 1, s.size(), stderr);
    int64_t chars = 0;
    for (unsigned char b : s) chars += (b & 0xC0) != 0x80;
    return chars;
}

inline void stdout_flush() { std::fflush(stdout); }

// sys.setrecursionlimit(n): CPython's guard against deep recursion. C++ has no such limit (its
// stack size decides), so this does nothing; a program relying on RecursionError is not portable.
inline void setrecursionlimit(int64_t) {}

}  // namespace sys

// input(prompt): the prompt to stdout, then one line without its "\n"; EOFError at the end.
inline std::string input(const std::string& prompt = "") {
    if (!prompt.empty()) {
        std::fwrite(prompt.data(), 1, prompt.size(), stdout);
        std::fflush(stdout);
    }
    std::string line = sys::readline();
    if (line.empty()) throw EOFError("EOF when reading a line");
    if (line.back() == '\n') line.pop_back();
    return line;
}

}  // namespace py
