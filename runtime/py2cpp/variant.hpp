#pragma once
// Unions (`int | str` -> std::variant<int64_t, std::string>). Printing lives in repr.hpp; this is
// the one conversion narrowing needs: after `if isinstance(x, str): return`, an `int | float | str`
// x is an `int | float`, a smaller variant holding the same alternative.
#include <variant>

#include "exceptions.hpp"

namespace py {

template <class To, class... Ts>
To narrow(const std::variant<Ts...>& value) {
    return std::visit(
        [](const auto& v) -> To {
            if constexpr (std::is_constructible_v<To, decltype(v)>) {
                return To(std::in_place_type<std::decay_t<decltype(v)>>, v);
            } else {
                // sema proved the test excluded this alternative
                throw RuntimeError("py2cpp: variant narrowed to an alternative it does not hold");
            }
        },
        value);
}

// An `int | float` read where Python's result is a float anyway (`x * 1.5`, `x / n`, float(x)).
template <class... Ts>
double as_float(const std::variant<Ts...>& value) {
    return std::visit([](const auto& v) { return static_cast<double>(v); }, value);
}

}  // namespace py
