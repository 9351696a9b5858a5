#pragma once
// Shared by the runtime unit tests: what a call raises, as Python would print it.
#include <string>

#include "py2cpp/runtime.hpp"

namespace py2cpp::testing {

// "KeyError: 'k'" for the py exception `f()` throws; "no exception" when it returns.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const py::BaseException& e) {
        return std::string(e.type_name()) + ": " + e.message();
    }
    return "no exception";
}

}  // namespace py2cpp::testing
