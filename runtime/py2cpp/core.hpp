// py2cpp runtime: shared basics (integer concepts, None).
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>

namespace py {

// A Python int held in a C++ integer type. bool and the character types are
// excluded: bool prints as True/False, and a char is never a Python int.
template <class T>
concept Integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                  !std::same_as<T, wchar_t> && !std::same_as<T, char8_t> &&
                  !std::same_as<T, char16_t> && !std::same_as<T, char32_t>;

// Anything Python treats as a number: ints, bools and floats.
template <class T>
concept Number = std::integral<T> || std::floating_point<T>;

// Python's None as a value, for generated code that needs to spell it.
struct NoneType {
    friend constexpr bool operator==(NoneType, NoneType) { return true; }
    // `x = None` for a `T | None` value or a class handle.
    template <class T>
    constexpr operator std::optional<T>() const { return std::nullopt; }
    template <class T>
    operator std::shared_ptr<T>() const { return nullptr; }
};
inline constexpr NoneType None{};

namespace detail {

// GCC and Clang evaluate C math functions on constant arguments at compile
// time with exact arithmetic, while CPython calls the C library at run time;
// the two can differ in the last bit. Reading the argument back through a
// volatile keeps the call at run time, so results match CPython's.
inline double runtime_value(double x) {
    volatile double v = x;
    return v;
}

}  // namespace detail

}  // namespace py
