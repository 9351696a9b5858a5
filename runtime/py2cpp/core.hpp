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

// `T | None` in C++: std::optional<T>, except that a class handle is its own None (empty).
template <class T>
struct optional_of {
    using type = std::optional<T>;
};
template <class C>
struct optional_of<std::shared_ptr<C>> {
    using type = std::shared_ptr<C>;
};
template <class T>
using optional_t = typename optional_of<T>::type;

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

namespace py {

// A nested function that keeps `nonlocal` state and outlives its frame: Python shares the closure
// (and its cells) between every name bound to it, so the copies of this one share one lambda.
template <class F>
auto shared_closure(F f) {
    return [p = std::make_shared<F>(std::move(f))](auto&&... args) -> decltype(auto) {
        return (*p)(static_cast<decltype(args)&&>(args)...);
    };
}

}  // namespace py
