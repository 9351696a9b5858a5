// py2cpp runtime: arithmetic where Python and C++ disagree (floor division,
// modulo sign, true division, powers, shifts), with CPython's exact errors.
#pragma once

#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>

#include "core.hpp"
#include "exceptions.hpp"

namespace py {

// An int as uint64_t, for arithmetic under a mask (`(h * C) & MASK32`): unsigned arithmetic wraps
// modulo 2**64, which keeps the low bits exact, as Python's unbounded ints do.
constexpr uint64_t u64(int64_t x) { return static_cast<uint64_t>(x); }

namespace detail {

inline int64_t int_floordiv(int64_t a, int64_t b) {
    if (b == 0) throw ZeroDivisionError("integer division or modulo by zero");
    if (b == -1) {  // C++ traps on INT64_MIN / -1
        if (a == std::numeric_limits<int64_t>::min()) int64_overflow();
        return -a;
    }
    int64_t q = a / b;  // C++ truncates toward zero; Python floors
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
}

inline int64_t int_mod(int64_t a, int64_t b, const char* zero_message) {
    if (b == 0) throw ZeroDivisionError(zero_message);
    if (b == -1) return 0;
    int64_t r = a % b;  // C++ keeps the dividend's sign; Python the divisor's
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

// CPython's _float_div_mod (Objects/floatobject.c), signed zeros included.
inline void float_div_mod(double vx, double wx, double& floordiv, double& mod) {
    mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {  // the remainder takes the divisor's sign
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    if (div != 0.0) {
        floordiv = std::floor(div);  // snap to the nearest integral value
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
}

// Correctly rounded a / b, like CPython's int true division.
inline double int_truediv(int64_t a, int64_t b) {
    if (b == 0) throw ZeroDivisionError("division by zero");
    constexpr int64_t exact = int64_t{1} << 53;  // ints up to 2**53 are exact doubles
    if (-exact <= a && a <= exact && -exact <= b && b <= exact) {
        return static_cast<double>(a) / static_cast<double>(b);
    }
    // Long division until the quotient has 63+ bits; a nonzero remainder is
    // folded into the lowest bit so the final conversion rounds correctly.
    const bool negative = (a < 0) != (b < 0);
    const uint64_t ua = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
    const uint64_t ub = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
    uint64_t q = ua / ub;
    uint64_t r = ua % ub;
    int shift = 0;
    while (q < (uint64_t{1} << 62)) {
        const bool bit = r >= ub - r;  // 2r >= ub without overflowing
        q = 2 * q + bit;
        r = bit ? r - (ub - r) : 2 * r;
        ++shift;
    }
    const double magnitude = std::ldexp(static_cast<double>(q | (r != 0)), -shift);
    return negative ? -magnitude : magnitude;
}

// True when x is an odd integer (CPython's DOUBLE_IS_ODD_INTEGER).
inline bool is_odd_integer(double x) {
    return std::fmod(std::fabs(x), 2.0) == 1.0;
}

}  // namespace detail

// a // b: ints give int64_t, anything involving a float gives double.
template <Number A, Number B>
auto floordiv(A a, B b) {
    if constexpr (std::integral<A> && std::integral<B>) {
        return detail::int_floordiv(a, b);
    } else {
        if (b == 0) throw ZeroDivisionError("float floor division by zero");
        double div = 0.0, mod = 0.0;
        detail::float_div_mod(static_cast<double>(a), static_cast<double>(b), div, mod);
        return div;
    }
}

// a % b: the result takes the sign of the divisor.
template <Number A, Number B>
auto mod(A a, B b) {
    if constexpr (std::integral<A> && std::integral<B>) {
        return detail::int_mod(a, b, "integer modulo by zero");
    } else {
        if (b == 0) throw ZeroDivisionError("float modulo");
        double div = 0.0, mod = 0.0;
        detail::float_div_mod(static_cast<double>(a), static_cast<double>(b), div, mod);
        return mod;
    }
}

// divmod(a, b) == (a // b, a % b).
template <Number A, Number B>
auto divmod(A a, B b) {
    if constexpr (std::integral<A> && std::integral<B>) {
        return std::tuple<int64_t, int64_t>(
            detail::int_floordiv(a, b),
            detail::int_mod(a, b, "integer division or modulo by zero"));
    } else {
        if (b == 0) throw ZeroDivisionError("float divmod()");
        double div = 0.0, mod = 0.0;
        detail::float_div_mod(static_cast<double>(a), static_cast<double>(b), div, mod);
        return std::tuple<double, double>(div, mod);
    }
}

// a / b: always a float in Python 3.
template <Number A, Number B>
double truediv(A a, B b) {
    if constexpr (std::integral<A> && std::integral<B>) {
        return detail::int_truediv(a, b);
    } else {
        if (b == 0) throw ZeroDivisionError("float division by zero");
        return static_cast<double>(a) / static_cast<double>(b);
    }
}

// int ** int for a non-negative exponent, by repeated squaring.
inline int64_t ipow(int64_t base, int64_t exp) {
    if (exp < 0) {
        throw NotTranslated("int ** negative int gives a float in Python; write float(x) ** n");
    }
    int64_t result = 1;
    while (exp > 0) {
        if ((exp & 1) != 0 && __builtin_mul_overflow(result, base, &result)) int64_overflow();
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) int64_overflow();
    }
    return result;
}

namespace detail {

// The inverse of a modulo mod (mod > 1) by the extended Euclidean algorithm, in [0, mod);
// CPython's ValueError when gcd(a, mod) != 1.
inline __int128 invmod(__int128 a, __int128 mod) {
    __int128 r0 = ((a % mod) + mod) % mod, r1 = mod, s0 = 1, s1 = 0;
    while (r1 != 0) {
        const __int128 q = r0 / r1;
        __int128 t = r0 - q * r1;
        r0 = r1;
        r1 = t;
        t = s0 - q * s1;
        s0 = s1;
        s1 = t;
    }
    if (r0 != 1) throw ValueError("base is not invertible for the given modulus");
    return ((s0 % mod) + mod) % mod;
}

}  // namespace detail

// pow(a, b, m): (a ** b) % m with Python's sign rule (the result has m's sign); a negative b
// raises the modular inverse of a to -b, in CPython's order (m == 1 or -1 gives 0 first).
inline int64_t pow(int64_t base, int64_t exp, int64_t m) {
    if (m == 0) throw ValueError("pow() 3rd argument cannot be 0");
    const __int128 mod = m < 0 ? -static_cast<__int128>(m) : m;
    if (mod == 1) return 0;
    __int128 b = ((static_cast<__int128>(base) % mod) + mod) % mod;
    uint64_t e = static_cast<uint64_t>(exp);
    if (exp < 0) {
        b = detail::invmod(b, mod);
        e = 0 - e;  // |exp|, also for INT64_MIN
    }
    __int128 result = 1;
    for (; e > 0; e >>= 1) {
        if (e & 1) result = result * b % mod;
        b = b * b % mod;
    }
    if (m < 0 && result != 0) result -= mod;
    return static_cast<int64_t>(result);
}

// int.bit_length(): the number of bits of abs(x), 0 for 0.
inline int64_t bit_length(int64_t x) {
    const uint64_t a = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    return a == 0 ? 0 : 64 - __builtin_clzll(a);
}

// int.bit_count(): the number of one bits of abs(x).
inline int64_t bit_count(int64_t x) {
    const uint64_t a = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    return __builtin_popcountll(a);
}

// float ** float, following CPython's float_pow special cases.
inline double fpow(double x, double y) {
    if (y == 0.0) return 1.0;  // even 0**0 and nan**0
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
    if (std::isinf(y)) {
        const double ax = std::fabs(x);
        if (ax == 1.0) return 1.0;
        return (y > 0.0) == (ax > 1.0) ? std::fabs(y) : 0.0;
    }
    if (std::isinf(x)) {
        const bool odd = detail::is_odd_integer(y);
        if (y > 0.0) return odd ? x : std::fabs(x);
        return odd ? std::copysign(0.0, x) : 0.0;
    }
    if (x == 0.0) {
        if (y < 0.0) throw ZeroDivisionError("0.0 cannot be raised to a negative power");
        return detail::is_odd_integer(y) ? x : 0.0;
    }
    bool negate = false;
    if (x < 0.0) {
        if (y != std::floor(y)) not_translated("complex result");
        x = -x;
        negate = detail::is_odd_integer(y);
    }
    if (x == 1.0) return negate ? -1.0 : 1.0;
    const double r = std::pow(detail::runtime_value(x), y);  // the C library's pow, as in CPython
    if (std::isinf(r)) throw OverflowError("(34, 'Numerical result out of range')");
    return negate ? -r : r;
}

// a << n. Python ints never overflow; int64_t can, and that is reported.
template <std::integral A, std::integral N>
int64_t lshift(A a, N n) {
    const int64_t value = a;
    const int64_t count = n;
    if (count < 0) throw ValueError("negative shift count");
    if (value == 0) return 0;
    if (count >= 64) int64_overflow();
    const auto shifted = static_cast<int64_t>(static_cast<uint64_t>(value) << count);
    if ((shifted >> count) != value) int64_overflow();
    return shifted;
}

// a >> n, an arithmetic shift (floors, like Python).
template <std::integral A, std::integral N>
int64_t rshift(A a, N n) {
    const int64_t value = a;
    const int64_t count = n;
    if (count < 0) throw ValueError("negative shift count");
    if (count >= 64) return value < 0 ? -1 : 0;
    return value >> count;
}

// pow(a, b): a ** b, an int for two ints (NotTranslated for a negative exponent), else a float.
template <class A, class B>
    requires(std::is_arithmetic_v<A> && std::is_arithmetic_v<B>)
auto pow(A a, B b) {
    if constexpr (std::is_floating_point_v<A> || std::is_floating_point_v<B>) {
        return fpow(static_cast<double>(a), static_cast<double>(b));
    } else {
        return ipow(static_cast<int64_t>(a), static_cast<int64_t>(b));
    }
}

namespace detail {
// hex()/oct()/bin(): "-0x1f" style, the digits of abs(x) in base 2^bits.
inline std::string based(int64_t x, int bits, const char* prefix) {
    uint64_t a = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    std::string digits;
    do {
        digits.insert(digits.begin(), "0123456789abcdef"[a & ((1u << bits) - 1)]);
        a >>= bits;
    } while (a != 0);
    return (x < 0 ? "-" : "") + std::string(prefix) + digits;
}
}  // namespace detail

inline std::string hex(int64_t x) { return detail::based(x, 4, "0x"); }
inline std::string oct(int64_t x) { return detail::based(x, 3, "0o"); }
inline std::string bin(int64_t x) { return detail::based(x, 1, "0b"); }

}  // namespace py
