// py2cpp runtime: Python built-in functions (len, abs, min, max, sum, round,
// int(), float(), bool(), bin/oct/hex) where C++ has no exact equivalent.
#pragma once

#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "arith.hpp"
#include "core.hpp"
#include "exceptions.hpp"
#include "object.hpp"
#include "format.hpp"
#include "range.hpp"
#include "repr.hpp"
#include "str.hpp"

namespace py {

namespace detail {

template <class T>
concept StringLike = std::is_convertible_v<const T&, std::string_view>;

// Containers other than strings (strings count code points: see str.hpp).
template <class T>
concept Sized = !StringLike<T> && requires(const T& c) { c.size(); };

// The type of min(a, b, ...) / max(a, b, ...): string literals become std::string.
template <class... Ts>
using CommonValue = std::conditional_t<(StringLike<Ts> && ...), std::string, std::common_type_t<Ts...>>;

template <class T>
concept Iterable = !StringLike<T> && requires(const T& c) {
    c.begin();
    c.end();
};

// float -> int64_t with CPython's errors for NaN and infinities.
inline int64_t float_to_int64(double x) {
    if (std::isnan(x)) throw ValueError("cannot convert float NaN to integer");
    if (std::isinf(x)) throw OverflowError("cannot convert float infinity to integer");
    // 2**63 is exact as a double; every double in [-2**63, 2**63) fits in int64_t.
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) int64_overflow();
    return static_cast<int64_t>(x);
}

// Strips the whitespace int() and float() accept around a number: Python's
// whitespace except \x1c-\x1f.
inline std::string strip_number_spaces(std::string_view s) {
    return strip_where(s, true, true, [](std::string_view text, std::size_t pos) -> std::size_t {
        const auto c = static_cast<unsigned char>(text[pos]);
        return c >= 0x1C && c <= 0x1F ? 0 : whitespace_at(text, pos);
    });
}

inline int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower(a[i]) != b[i]) return false;
    }
    return true;
}

}  // namespace detail

// ---- len, abs, min, max, sum -----------------------------------------------

// len() of a container. (len() of a string is in str.hpp.)
template <detail::Sized C>
int64_t len(const C& container) {
    return static_cast<int64_t>(container.size());
}

template <std::integral T>
int64_t abs(T x) {
    const int64_t value = x;
    if (value == std::numeric_limits<int64_t>::min()) int64_overflow();
    return value < 0 ? -value : value;
}
inline double abs(double x) {
    return std::fabs(x);
}

// min(a, b, ...): the first of the smallest values, like Python.
template <class A, class B, class... Rest>
detail::CommonValue<A, B, Rest...> min(const A& a, const B& b, const Rest&... rest) {
    using T = detail::CommonValue<A, B, Rest...>;
    T best = a;
    for (const T& x : {T(b), T(rest)...}) {
        if (py::lt(x, best)) best = x;
    }
    return best;
}

// max(a, b, ...): the first of the largest values, like Python.
template <class A, class B, class... Rest>
detail::CommonValue<A, B, Rest...> max(const A& a, const B& b, const Rest&... rest) {
    using T = detail::CommonValue<A, B, Rest...>;
    T best = a;
    for (const T& x : {T(b), T(rest)...}) {
        if (py::lt(best, x)) best = x;
    }
    return best;
}

// min(items) / max(items) over an iterable.
template <detail::Iterable Range>
typename Range::value_type min(const Range& items) {
    auto it = items.begin();
    if (it == items.end()) throw ValueError("min() arg is an empty sequence");
    typename Range::value_type best = *it;
    for (++it; it != items.end(); ++it) {
        if (py::lt(*it, best)) best = *it;
    }
    return best;
}
template <detail::Iterable Range>
typename Range::value_type max(const Range& items) {
    auto it = items.begin();
    if (it == items.end()) throw ValueError("max() arg is an empty sequence");
    typename Range::value_type best = *it;
    for (++it; it != items.end(); ++it) {
        if (py::lt(best, *it)) best = *it;
    }
    return best;
}

// min(items, key=key) / max(items, key=key): key is called once per item.
template <detail::Iterable Range, class Key>
typename Range::value_type min_by(const Range& items, Key key) {
    auto it = items.begin();
    if (it == items.end()) throw ValueError("min() arg is an empty sequence");
    typename Range::value_type best = *it;
    auto best_key = std::invoke(key, best);
    for (++it; it != items.end(); ++it) {
        auto k = std::invoke(key, *it);
        if (k < best_key) {
            best = *it;
            best_key = std::move(k);
        }
    }
    return best;
}
template <detail::Iterable Range, class Key>
typename Range::value_type max_by(const Range& items, Key key) {
    auto it = items.begin();
    if (it == items.end()) throw ValueError("max() arg is an empty sequence");
    typename Range::value_type best = *it;
    auto best_key = std::invoke(key, best);
    for (++it; it != items.end(); ++it) {
        auto k = std::invoke(key, *it);
        if (best_key < k) {
            best = *it;
            best_key = std::move(k);
        }
    }
    return best;
}

namespace detail {

template <class T>
T add(const T& a, const T& b) {
    if constexpr (std::is_integral_v<T>) {
        T sum{};
        if (__builtin_add_overflow(a, b, &sum)) int64_overflow();
        return sum;
    } else {
        return a + b;
    }
}

}  // namespace detail

// sum(items, start): added left to right (Python 3.11 does no compensated
// float summation).
template <detail::Iterable Range, class Start>
auto sum(const Range& items, const Start& start) {
    using T = std::common_type_t<Start, typename Range::value_type>;
    T total = start;
    for (const auto& x : items) total = detail::add<T>(total, x);
    return total;
}

// sum(items): bools add up as ints.
template <detail::Iterable Range>
auto sum(const Range& items) {
    using T = typename Range::value_type;
    if constexpr (std::is_same_v<T, bool>) {
        return py::sum(items, int64_t{0});
    } else {
        return py::sum(items, T{});
    }
}

// ---- round -----------------------------------------------------------------

// round(x): nearest int, halves to even.
inline int64_t round(double x) {
    double rounded = std::round(x);
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
    return detail::float_to_int64(rounded);
}

// round(x, ndigits): correctly rounded to a multiple of 10**-ndigits, halves
// to even, like CPython (which rounds the exact binary value in decimal).
inline double round(double x, int64_t ndigits) {
    if (!std::isfinite(x) || ndigits > 323) return x;  // 323: beyond any double's digits
    if (ndigits < -308) return 0.0 * x;                // every double rounds to (signed) zero
    std::string text;
    if (ndigits >= 0) {
        text = detail::format_f(x, static_cast<int>(ndigits), false);  // exact decimal rounding
    } else {
        // Round the exact integer part at digit position k = -ndigits.
        const auto k = static_cast<std::size_t>(-ndigits);
        const double whole = std::trunc(x);
        const bool has_fraction = whole != x;
        std::string digits = detail::format_f(std::fabs(whole), 0, false);
        if (digits.size() <= k) digits.insert(0, k + 1 - digits.size(), '0');
        std::string head = digits.substr(0, digits.size() - k);
        const std::string tail = digits.substr(digits.size() - k);
        const std::string half = "5" + std::string(k - 1, '0');
        const bool odd = (head.back() - '0') % 2 == 1;
        if (tail > half || (tail == half && (has_fraction || odd))) {  // round up: add 1 to head
            std::size_t i = head.size();
            while (i > 0 && head[i - 1] == '9') head[--i] = '0';
            if (i == 0) {
                head.insert(0, "1");
            } else {
                ++head[i - 1];
            }
        }
        text = concat(std::signbit(x) ? "-" : "", head, "e", std::to_string(k));
    }
    const double rounded = std::strtod(text.c_str(), nullptr);
    if (std::isinf(rounded)) throw OverflowError("rounded value too large to represent");
    return rounded;
}

// round(n) on an int is n itself.
template <std::integral T>
int64_t round(T n) {
    return n;
}

// round(n, ndigits) on an int: to a multiple of 10**-ndigits, halves to even.
template <std::integral T>
int64_t round(T n, int64_t ndigits) {
    const int64_t value = n;
    if (ndigits >= 0) return value;
    if (ndigits < -18) {  // 10**19 and up: only zero (or an overflow) is possible
        if (ndigits == -19 && (value > 5'000'000'000'000'000'000 || value < -5'000'000'000'000'000'000)) {
            int64_overflow();
        }
        return 0;
    }
    int64_t pow10 = 1;
    for (int64_t i = 0; i < -ndigits; ++i) pow10 *= 10;
    int64_t quotient = py::floordiv(value, pow10);
    const int64_t remainder = py::mod(value, pow10);  // 0 <= remainder < pow10
    if (2 * remainder > pow10 || (2 * remainder == pow10 && quotient % 2 != 0)) ++quotient;
    int64_t result = 0;
    if (__builtin_mul_overflow(quotient, pow10, &result)) int64_overflow();
    return result;
}

// ---- conversions -----------------------------------------------------------

// int(s, base): optional sign, digits with single underscores between them,
// surrounding whitespace; base 0 reads a 0x/0o/0b prefix.
inline int64_t to_int(std::string_view text, int base) {
    if (base != 0 && (base < 2 || base > 36)) throw ValueError("int() base must be >= 2 and <= 36, or 0");
    const int base_argument = base;
    auto invalid = [&]() {
        std::string quoted = py::repr(text);
        quoted.resize(utf8::offset(quoted, 200));  // CPython formats it with %.200R
        return ValueError(concat("invalid literal for int() with base ", std::to_string(base_argument), ": ", quoted));
    };
    const std::string stripped = detail::strip_number_spaces(text);
    std::string_view s = stripped;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.size() >= 2 && s[0] == '0') {
        const char p = detail::to_lower(s[1]);
        const int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
            base = prefix_base;
            s.remove_prefix(2);
            if (!s.empty() && s[0] == '_') s.remove_prefix(1);  // "0x_ff" is allowed
        }
    }
    if (base == 0) {  // no prefix: decimal, and a leading 0 means the value 0
        base = 10;
        if (!s.empty() && s[0] == '0') {
            for (char c : s) {
                if (c != '0' && c != '_') throw invalid();
            }
        }
    }
    const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    uint64_t magnitude = 0;
    bool previous_digit = false;
    for (char c : s) {
        if (c == '_' && previous_digit) {
            previous_digit = false;
            continue;
        }
        const int digit = detail::digit_value(c);
        if (digit >= base) throw invalid();
        if (magnitude > (limit - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(base)) int64_overflow();
        magnitude = magnitude * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
        previous_digit = true;
    }
    if (!previous_digit) throw invalid();  // empty, or a trailing underscore
    return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

inline int64_t to_int(std::string_view text) {
    return to_int(text, 10);
}

// int(x) on a float truncates toward zero.
inline int64_t to_int(double x) {
    return detail::float_to_int64(std::trunc(x));
}

template <std::integral T>
int64_t to_int(T x) {
    return x;
}

// float(s): decimal literals with underscores between digits, "inf",
// "infinity", "nan" in any case, optional sign, surrounding whitespace.
inline double to_float(std::string_view text) {
    auto invalid = [&]() { return ValueError(concat("could not convert string to float: ", py::repr(text))); };
    const std::string stripped = detail::strip_number_spaces(text);
    const std::string_view s = stripped;
    std::string_view body = s;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
    const bool negative = !s.empty() && s[0] == '-';
    if (detail::ascii_iequals(body, "inf") || detail::ascii_iequals(body, "infinity")) {
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    }
    if (detail::ascii_iequals(body, "nan")) return std::numeric_limits<double>::quiet_NaN();

    // digits ["." digits] ["e" [sign] digits], where a "digits" group may be
    // empty on one side of the point only and "_" must sit between digits.
    std::string clean(s.substr(0, s.size() - body.size()));
    std::size_t i = 0;
    auto digits = [&]() {
        std::size_t count = 0;
        while (i < body.size()) {
            if (detail::is_digit(body[i])) {
                clean += body[i++];
                ++count;
            } else if (body[i] == '_' && count > 0 && i + 1 < body.size() && detail::is_digit(body[i + 1])) {
                ++i;
            } else {
                break;
            }
        }
        return count;
    };
    std::size_t mantissa_digits = digits();
    if (i < body.size() && body[i] == '.') {
        clean += body[i++];
        mantissa_digits += digits();
    }
    if (mantissa_digits == 0) throw invalid();
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        clean += body[i++];
        if (i < body.size() && (body[i] == '+' || body[i] == '-')) clean += body[i++];
        if (digits() == 0) throw invalid();
    }
    if (i != body.size()) throw invalid();
    return std::strtod(clean.c_str(), nullptr);  // correctly rounded; overflow gives inf like Python
}

template <Number T>
double to_float(T x) {
    return static_cast<double>(x);
}

// bin(), oct(), hex()
template <std::integral T>
std::string bin(T x) {
    return py::format(static_cast<int64_t>(x), "#b");
}
template <std::integral T>
std::string oct(T x) {
    return py::format(static_cast<int64_t>(x), "#o");
}
template <std::integral T>
std::string hex(T x) {
    return py::format(static_cast<int64_t>(x), "#x");
}

// ---- truth value -----------------------------------------------------------

// bool(x): zero, empty and None are false; objects use __bool__ or __len__.
template <class T>
bool truthy(const T& x) {
    if constexpr (std::is_same_v<T, bool>) {
        return x;
    } else if constexpr (std::is_arithmetic_v<T>) {
        return x != 0;  // NaN is true, as in Python
    } else if constexpr (std::is_same_v<T, NoneType> || std::is_same_v<T, std::nullopt_t>) {
        return false;
    } else if constexpr (detail::StringLike<T>) {
        return !std::string_view(x).empty();
    } else if constexpr (requires { x.has_value(); *x; }) {  // std::optional
        return x.has_value() && py::truthy(*x);
    } else if constexpr (requires { x.get(); *x; }) {  // std::shared_ptr / std::unique_ptr
        return x != nullptr && py::truthy(*x);
    } else if constexpr (requires { x.__bool__(); }) {
        return static_cast<bool>(x.__bool__());
    } else if constexpr (requires { x.__len__(); }) {
        return x.__len__() != 0;
    } else if constexpr (requires { x.empty(); }) {
        return !x.empty();
    } else if constexpr (requires { std::tuple_size<T>::value; }) {
        return std::tuple_size_v<T> != 0;
    } else {
        return true;  // any other object
    }
}

}  // namespace py
