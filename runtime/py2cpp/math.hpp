// py2cpp runtime: Python's math module, with CPython's error behaviour:
// domain errors raise ValueError("math domain error"), overflow raises
// OverflowError("math range error"), underflow quietly gives zero.
// Results come from the C library at run time, as in CPython (see
// detail::runtime_value).
#pragma once

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>
#include <type_traits>

#include "arith.hpp"
#include "builtins.hpp"
#include "core.hpp"
#include "exceptions.hpp"

namespace py::math {

inline constexpr double pi = 3.141592653589793;
inline constexpr double e = 2.718281828459045;
inline constexpr double tau = 6.283185307179586;
inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

namespace detail {

using py::detail::runtime_value;

[[noreturn]] inline void domain_error() {
    throw ValueError("math domain error");
}
[[noreturn]] inline void range_error() {
    throw OverflowError("math range error");
}

// CPython's math_1: r = f(x). A NaN from a non-NaN is a domain error; an
// infinity from a finite x is an overflow or, for functions that cannot
// overflow, a singularity (domain error).
inline double checked(double x, double r, bool can_overflow) {
    if (std::isnan(r) && !std::isnan(x)) domain_error();
    if (std::isinf(r) && std::isfinite(x)) {
        if (can_overflow) range_error();
        domain_error();
    }
    return r;
}

// log, log2 and log10 are defined for x > 0 (and +inf, NaN pass through).
inline void check_log_arg(double x) {
    if (!(x > 0.0) && !std::isnan(x)) domain_error();
}

}  // namespace detail

inline double sqrt(double x) { return detail::checked(x, std::sqrt(detail::runtime_value(x)), false); }
inline double exp(double x) { return detail::checked(x, std::exp(detail::runtime_value(x)), true); }
inline double exp2(double x) { return detail::checked(x, std::exp2(detail::runtime_value(x)), true); }
inline double expm1(double x) { return detail::checked(x, std::expm1(detail::runtime_value(x)), true); }
inline double cbrt(double x) { return detail::checked(x, std::cbrt(detail::runtime_value(x)), false); }
inline double log1p(double x) { return detail::checked(x, std::log1p(detail::runtime_value(x)), false); }
inline double sin(double x) { return detail::checked(x, std::sin(detail::runtime_value(x)), false); }
inline double cos(double x) { return detail::checked(x, std::cos(detail::runtime_value(x)), false); }
inline double tan(double x) { return detail::checked(x, std::tan(detail::runtime_value(x)), false); }
inline double asin(double x) { return detail::checked(x, std::asin(detail::runtime_value(x)), false); }
inline double acos(double x) { return detail::checked(x, std::acos(detail::runtime_value(x)), false); }
inline double atan(double x) { return detail::checked(x, std::atan(detail::runtime_value(x)), false); }
inline double sinh(double x) { return detail::checked(x, std::sinh(detail::runtime_value(x)), true); }
inline double cosh(double x) { return detail::checked(x, std::cosh(detail::runtime_value(x)), true); }
inline double tanh(double x) { return detail::checked(x, std::tanh(detail::runtime_value(x)), false); }
inline double asinh(double x) { return detail::checked(x, std::asinh(detail::runtime_value(x)), false); }
inline double acosh(double x) { return detail::checked(x, std::acosh(detail::runtime_value(x)), false); }
inline double atanh(double x) { return detail::checked(x, std::atanh(detail::runtime_value(x)), false); }
inline double erf(double x) { return std::erf(detail::runtime_value(x)); }
inline double erfc(double x) { return std::erfc(detail::runtime_value(x)); }
inline double fabs(double x) { return std::fabs(x); }

inline double log(double x) {
    detail::check_log_arg(x);
    return std::log(detail::runtime_value(x));
}
inline double log2(double x) {
    detail::check_log_arg(x);
    return std::log2(detail::runtime_value(x));
}
inline double log10(double x) {
    detail::check_log_arg(x);
    return std::log10(detail::runtime_value(x));
}
// log(x, base) == log(x) / log(base); base 1 divides by zero.
inline double log(double x, double base) {
    const double num = log(x);
    const double den = log(base);
    if (den == 0.0) throw ZeroDivisionError("float division by zero");
    return num / den;
}

// CPython's m_atan2: special values handled explicitly, as C99 Annex F says.
inline double atan2(double y, double x) {
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(y)) {
        if (std::isinf(x)) return std::copysign(std::signbit(x) ? 0.75 * pi : 0.25 * pi, y);
        return std::copysign(0.5 * pi, y);
    }
    if (std::isinf(x) || y == 0.0) return std::copysign(std::signbit(x) ? pi : 0.0, y);
    return std::atan2(detail::runtime_value(y), x);
}

inline double copysign(double x, double y) { return std::copysign(x, y); }

// CPython's math_fmod.
inline double fmod(double x, double y) {
    if (std::isinf(y) && std::isfinite(x)) return x;
    const double r = std::fmod(x, y);
    if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) detail::domain_error();
    return r;
}

// CPython's math_pow: unlike the ** operator, 0.0 ** -1 is a ValueError
// and a negative base with a fractional exponent is a domain error.
inline double pow(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x)) return y == 0.0 ? 1.0 : x;
        if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
        if (std::isinf(x)) {
            const bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            if (y > 0.0) return odd_y ? x : std::fabs(x);
            if (y == 0.0) return 1.0;
            return odd_y ? std::copysign(0.0, x) : 0.0;
        }
        // y is infinite
        if (std::fabs(x) == 1.0) return 1.0;
        if (y > 0.0 && std::fabs(x) > 1.0) return y;
        if (y < 0.0 && std::fabs(x) < 1.0) return -y;
        return 0.0;
    }
    const double r = std::pow(detail::runtime_value(x), y);
    if (std::isnan(r)) detail::domain_error();
    if (std::isinf(r)) {
        if (x == 0.0) detail::domain_error();
        detail::range_error();
    }
    return r;
}

namespace detail {

// CPython 3.11's vector_norm: the Euclidean norm of n non-negative values whose largest is
// max, bit-identical to hypot() and dist() (more accurate than the C library's hypot).
inline double vector_norm(const double* values, std::size_t n, double max, bool found_nan) {
    if (std::isinf(max)) return max;
    if (found_nan) return std::numeric_limits<double>::quiet_NaN();
    if (max == 0.0 || n <= 1) return max;

    int max_e = 0;
    std::frexp(max, &max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
    double x = 0.0, oldcsum = 0.0, t = 0.0, hi = 0.0, lo = 0.0;
    auto add = [&](double term, double& frac) {  // compensated summation step
        oldcsum = csum;
        csum += term;
        frac += (oldcsum - csum) + term;
    };
    if (max_e < -1023) {  // subnormal max: scaling would overflow, divide instead
        for (std::size_t i = 0; i < n; ++i) {
            x = values[i] / max;
            add(x * x, frac1);
        }
        return max * std::sqrt(csum - 1.0 + frac1);
    }
    const double T27 = 134217729.0;  // ldexp(1.0, 27) + 1.0, for Veltkamp-Dekker splitting
    const double scale = std::ldexp(1.0, -max_e);
    for (std::size_t i = 0; i < n; ++i) {
        x = values[i] * scale;
        t = x * T27;
        hi = t - (t - x);
        lo = x - hi;
        add(hi * hi, frac1);
        add(2.0 * hi * lo, frac2);
        frac3 += lo * lo;
    }
    const double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    // Differential correction of the square root.
    t = h * T27;
    hi = t - (t - h);
    lo = h - hi;
    add(-hi * hi, frac1);
    add(-2.0 * hi * lo, frac2);
    add(-lo * lo, frac3);
    x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
}

}  // namespace detail

// hypot(*coordinates)
template <class... Ts>
double hypot(Ts... coordinates) {
    const double values[] = {std::fabs(static_cast<double>(coordinates))..., 0.0};
    const std::size_t n = sizeof...(Ts);
    double max = 0.0;
    bool found_nan = false;
    for (std::size_t i = 0; i < n; ++i) {
        found_nan = found_nan || std::isnan(values[i]);
        if (values[i] > max) max = values[i];
    }
    return detail::vector_norm(values, n, max, found_nan);
}

namespace detail {

// The coordinates of a point: a list or a tuple of numbers, as doubles.
template <class P>
std::vector<double> coordinates(const P& p) {
    if constexpr (requires { p.size(); p.begin(); }) {
        return std::vector<double>(p.begin(), p.end());
    } else {
        return std::apply([](const auto&... x) { return std::vector<double>{static_cast<double>(x)...}; }, p);
    }
}

}  // namespace detail

// dist(p, q): the Euclidean distance of two points of the same dimension.
template <class P, class Q>
double dist(const P& p, const Q& q) {
    const std::vector<double> a = detail::coordinates(p), b = detail::coordinates(q);
    if (a.size() != b.size()) throw ValueError("both points must have the same number of dimensions");
    std::vector<double> diffs(a.size());
    double max = 0.0;
    bool found_nan = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diffs[i] = std::fabs(a[i] - b[i]);
        found_nan = found_nan || std::isnan(diffs[i]);
        if (diffs[i] > max) max = diffs[i];
    }
    return detail::vector_norm(diffs.data(), diffs.size(), max, found_nan);
}

// fsum(iterable): CPython's math_fsum. Shewchuk's algorithm keeps the running sum exactly
// as non-overlapping partials; the result is their correctly rounded sum, with CPython's
// half-even fix-up across partials (fsum([1e-16, 1, 1e16]) == 1.0000000000000002e16).
template <class Range>
double fsum(const Range& items) {
    std::vector<double> partials;  // increasing magnitude, non-zero, non-overlapping
    double special_sum = 0.0, inf_sum = 0.0;
    for (const auto& item : items) {
        double x = static_cast<double>(item);
        const double xsave = x;
        std::size_t i = 0;
        for (std::size_t j = 0; j < partials.size(); ++j) {
            double y = partials[j];
            if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
            const double hi = x + y;
            const double lo = y - (hi - x);
            if (lo != 0.0) partials[i++] = lo;
            x = hi;
        }
        partials.resize(i);
        if (x == 0.0) continue;
        if (!std::isfinite(x)) {
            // An infinity or NaN summand, or an intermediate overflow.
            if (std::isfinite(xsave)) throw OverflowError("intermediate overflow in fsum");
            if (std::isinf(xsave)) inf_sum += xsave;
            special_sum += xsave;
            partials.clear();
        } else {
            partials.push_back(x);
        }
    }
    if (special_sum != 0.0) {
        if (std::isnan(inf_sum)) throw ValueError("-inf + inf in fsum");
        return special_sum;
    }
    double hi = 0.0, lo = 0.0;
    std::size_t n = partials.size();
    if (n == 0) return hi;
    hi = partials[--n];
    // Add the partials from the top, stopping when the sum becomes inexact.
    while (n > 0) {
        const double x = hi;
        const double y = partials[--n];
        hi = x + y;
        lo = y - (hi - x);
        if (lo != 0.0) break;
    }
    // Half-even rounding across partials: the rest below lo may tip a halfway case.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
        const double y = lo * 2.0;
        const double x = hi + y;
        if (y == x - hi) hi = x;
    }
    return hi;
}

inline double degrees(double x) { return x * (180.0 / pi); }
inline double radians(double x) { return x * (pi / 180.0); }

// floor, ceil and trunc return ints in Python.
inline int64_t floor(double x) { return py::detail::float_to_int64(std::floor(x)); }
inline int64_t ceil(double x) { return py::detail::float_to_int64(std::ceil(x)); }
inline int64_t trunc(double x) { return py::detail::float_to_int64(std::trunc(x)); }
template <std::integral T>
int64_t floor(T x) { return x; }
template <std::integral T>
int64_t ceil(T x) { return x; }
template <std::integral T>
int64_t trunc(T x) { return x; }

inline bool isnan(double x) { return std::isnan(x); }
inline bool isinf(double x) { return std::isinf(x); }
inline bool isfinite(double x) { return std::isfinite(x); }

inline bool isclose(double a, double b, double rel_tol = 1e-09, double abs_tol = 0.0) {
    if (rel_tol < 0.0 || abs_tol < 0.0) throw ValueError("tolerances must be non-negative");
    if (a == b) return true;  // also catches equal infinities
    if (std::isinf(a) || std::isinf(b)) return false;
    const double diff = std::fabs(b - a);
    return diff <= std::fabs(rel_tol * b) || diff <= std::fabs(rel_tol * a) || diff <= abs_tol;
}

// frexp(x): (m, e) with x == m * 2**e and 0.5 <= abs(m) < 1; (x, 0) for 0, inf and nan.
inline std::tuple<double, int64_t> frexp(double x) {
    if (std::isnan(x) || std::isinf(x) || x == 0.0) return {x, 0};
    int e = 0;
    const double m = std::frexp(x, &e);
    return {m, e};
}

// ldexp(x, i): x * 2**i, exactly; OverflowError when it does not fit.
inline double ldexp(double x, int64_t i) {
    if (x == 0.0 || !std::isfinite(x)) return x;
    if (i > std::numeric_limits<int>::max()) detail::range_error();
    if (i < std::numeric_limits<int>::min()) return std::copysign(0.0, x);
    const double r = std::ldexp(x, static_cast<int>(i));
    if (std::isinf(r)) detail::range_error();
    return r;
}

// modf(x): (fractional part, integer part), both with x's sign.
inline std::tuple<double, double> modf(double x) {
    if (std::isinf(x)) return {std::copysign(0.0, x), x};
    if (std::isnan(x)) return {x, x};
    double ip = 0.0;
    const double fp = std::modf(x, &ip);
    return {fp, ip};
}

// remainder(x, y): IEEE 754 remainder, always exact.
inline double remainder(double x, double y) {
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
    if (std::isinf(x) || y == 0.0) detail::domain_error();
    if (std::isinf(y)) return x;
    return std::remainder(x, y);
}

// nextafter(x, y): the next float after x towards y.
inline double nextafter(double x, double y) { return std::nextafter(x, y); }

// ulp(x): the value of the least significant bit of x.
inline double ulp(double x) {
    if (std::isnan(x)) return x;
    x = std::fabs(x);
    if (std::isinf(x)) return x;
    const double up = std::nextafter(x, std::numeric_limits<double>::infinity());
    if (std::isinf(up)) return x - std::nextafter(x, -std::numeric_limits<double>::infinity());
    return up - x;
}

// ---- integer functions (results beyond int64_t raise OverflowError) ---------

namespace detail {

inline uint64_t magnitude(int64_t x) {
    return x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
}

inline int64_t to_int64(uint64_t x) {
    if (x > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) int64_overflow();
    return static_cast<int64_t>(x);
}

inline uint64_t gcd_magnitudes(uint64_t a, uint64_t b) {
    while (b != 0) {
        const uint64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

inline int64_t checked_mul(int64_t a, int64_t b) {
    int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) int64_overflow();
    return r;
}

}  // namespace detail

// gcd(*integers): non-negative; gcd() == 0.
template <std::integral... Ts>
int64_t gcd(Ts... xs) {
    uint64_t g = 0;
    for (int64_t x : std::initializer_list<int64_t>{xs..., 0}) g = detail::gcd_magnitudes(g, detail::magnitude(x));
    return detail::to_int64(g);
}

// lcm(*integers): non-negative; lcm() == 1, and 0 if any argument is 0.
template <std::integral... Ts>
int64_t lcm(Ts... xs) {
    int64_t l = 1;
    for (int64_t x : std::initializer_list<int64_t>{xs..., 1}) {
        if (x == 0) return 0;
        const int64_t m = detail::to_int64(detail::magnitude(x));
        l = detail::checked_mul(l / static_cast<int64_t>(detail::gcd_magnitudes(static_cast<uint64_t>(l), static_cast<uint64_t>(m))), m);
    }
    return l;
}

inline int64_t factorial(int64_t n) {
    if (n < 0) throw ValueError("factorial() not defined for negative values");
    int64_t result = 1;
    for (int64_t i = 2; i <= n; ++i) result = detail::checked_mul(result, i);
    return result;
}

// isqrt(n): the exact integer square root.
inline int64_t isqrt(int64_t n) {
    if (n < 0) throw ValueError("isqrt() argument must be nonnegative");
    const auto u = static_cast<uint64_t>(n);
    auto r = static_cast<uint64_t>(std::sqrt(static_cast<double>(n)));  // off by at most one
    while (r * r > u) --r;
    while ((r + 1) * (r + 1) <= u) ++r;
    return static_cast<int64_t>(r);
}

// comb(n, k): n choose k.
inline int64_t comb(int64_t n, int64_t k) {
    if (n < 0) throw ValueError("n must be a non-negative integer");
    if (k < 0) throw ValueError("k must be a non-negative integer");
    if (k > n) return 0;
    k = std::min(k, n - k);
    int64_t result = 1;
    for (int64_t i = 1; i <= k; ++i) {
        // result * (n - k + i) / i is exact; dividing by the gcd first keeps
        // the intermediate product from overflowing before the result does.
        const auto g = static_cast<int64_t>(detail::gcd_magnitudes(static_cast<uint64_t>(result), static_cast<uint64_t>(i)));
        result = detail::checked_mul(result / g, (n - k + i) / (i / g));
    }
    return result;
}

// perm(n, k): ordered selections of k items from n; perm(n) == n!.
inline int64_t perm(int64_t n, int64_t k) {
    if (n < 0) throw ValueError("n must be a non-negative integer");
    if (k < 0) throw ValueError("k must be a non-negative integer");
    if (k > n) return 0;
    int64_t result = 1;
    for (int64_t i = n - k + 1; i <= n; ++i) result = detail::checked_mul(result, i);
    return result;
}
inline int64_t perm(int64_t n) {
    return perm(n, n);
}

// prod(items, start=1): multiplied left to right.
template <class Range, class Start = int64_t>
auto prod(const Range& items, const Start& start = 1) {
    using T = std::common_type_t<Start, typename Range::value_type>;
    T result = start;
    for (const auto& x : items) {
        if constexpr (std::is_integral_v<T>) {
            result = detail::checked_mul(result, x);
        } else {
            result = result * x;
        }
    }
    return result;
}

}  // namespace py::math
