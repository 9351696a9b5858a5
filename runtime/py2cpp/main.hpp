// py2cpp runtime: the program entry wrapper, reporting uncaught Python
// exceptions the way the interpreter's last traceback line does.
#pragma once

#include <cstdio>
#include <exception>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

#include "exceptions.hpp"
#include "sys.hpp"

#ifdef PY2CPP_CHECK_INT_OVERFLOW
// Set by py2cpp/runtime.cmake when UBSan checks int64 overflow: its report ends the program
// with _exit, so run_main flushes the output printed so far first (Python would have shown it).
extern "C" void __sanitizer_set_death_callback(void (*callback)(void));
#endif

namespace py {

namespace detail {

// Writes "TypeName: message" (or just "TypeName") to stderr; returns exit status 1.
inline int report_uncaught(std::string_view type_name, std::string_view message) {
    std::fflush(stdout);  // keep the program's output ahead of the error
    std::fwrite(type_name.data(), 1, type_name.size(), stderr);
    if (!message.empty()) {
        std::fputs(": ", stderr);
        std::fwrite(message.data(), 1, message.size(), stderr);
    }
    std::fputc('\n', stderr);
    return 1;
}

}  // namespace detail

// int main(int argc, char** argv) { return py::run_main(argc, argv, module::py2cpp_main); }
// The body may return void or an exit status.
template <class F>
int run_main(F&& body) {
    // stdout is fully buffered (Python buffers it too when it is not a terminal).
    static char buffer[1 << 16];
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
#ifdef PY2CPP_CHECK_INT_OVERFLOW
    __sanitizer_set_death_callback([] { std::fflush(stdout); });
#endif
    int status = 0;
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
            std::forward<F>(body)();
        } else {
            status = static_cast<int>(std::forward<F>(body)());
        }
    } catch (const SystemExit& e) {
        // sys.exit(status), or sys.exit("message"): the message alone, status 1.
        std::fflush(stdout);
        if (!e.message().empty()) std::fprintf(stderr, "%s\n", e.message().c_str());
        return static_cast<int>(e.code());
    } catch (const BaseException& e) {
        return detail::report_uncaught(e.type_name(), e.message());
    } catch (const std::bad_alloc&) {
        return detail::report_uncaught("MemoryError", "");
    } catch (const std::exception& e) {
        return detail::report_uncaught("RuntimeError", e.what());
    }
    std::fflush(stdout);
    return status;
}

// The same, first recording the program's arguments as sys.argv.
template <class F>
int run_main(int argc, char** argv, F&& body) {
    sys::argv.assign(argv, argv + argc);
    return run_main(std::forward<F>(body));
}

}  // namespace py
