// py2cpp runtime: one printf-style conversion, `"%05.1f" % x` -- py::percent(x, "05.1f").
// The translator splits the literal format string into literal text and one call per
// conversion (flags, width, precision and the type letter; `%%`, mapping keys and `*` never
// reach here). It follows CPython's unicode_format_arg_parse / _format / _output.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core.hpp"
#include "exceptions.hpp"
#include "format.hpp"
#include "repr.hpp"
#include "utf8.hpp"

namespace py {

namespace detail {

struct PercentSpec {
    bool left = false;       // '-'
    bool sign = false;       // '+'
    bool blank = false;      // ' '
    bool alternate = false;  // '#'
    bool zero = false;       // '0'
    int64_t width = -1;
    int64_t precision = -1;
    char type = 's';
};

inline PercentSpec parse_percent_spec(std::string_view spec) {
    PercentSpec p;
    std::size_t i = 0;
    for (; i < spec.size(); ++i) {
        const char c = spec[i];
        if (c == '-') p.left = true;
        else if (c == '+') p.sign = true;
        else if (c == ' ') p.blank = true;
        else if (c == '#') p.alternate = true;
        else if (c == '0') p.zero = true;
        else break;
    }
    auto number = [&](int64_t& out) {
        int64_t v = 0;
        bool any = false;
        for (; i < spec.size() && spec[i] >= '0' && spec[i] <= '9'; ++i, any = true) v = v * 10 + (spec[i] - '0');
        if (any) out = v;
    };
    number(p.width);
    if (i < spec.size() && spec[i] == '.') {
        ++i;
        p.precision = 0;  // "%.f" means precision 0
        number(p.precision);
    }
    while (i < spec.size() && (spec[i] == 'h' || spec[i] == 'l' || spec[i] == 'L')) ++i;  // ignored, as in Python
    if (i < spec.size()) p.type = spec[i];
    return p;
}

// Sign, prefix and digits padded to the width: zeros after the sign and prefix with '0'
// (unless '-'), else spaces on the left, or on the right with '-'.
inline std::string percent_number(const PercentSpec& p, bool negative, std::string_view prefix,
                                  std::string_view body) {
    std::string head;
    if (negative) head = "-";
    else if (p.sign) head = "+";
    else if (p.blank) head = " ";
    head += prefix;
    const auto len = static_cast<int64_t>(head.size() + body.size());
    const std::size_t pad = p.width > len ? static_cast<std::size_t>(p.width - len) : 0;
    if (p.left) return head.append(body).append(pad, ' ');
    if (p.zero) return head.append(pad, '0').append(body);
    return std::string(pad, ' ').append(head).append(body);
}

// %d %i %u %x %X %o of an integer magnitude; the precision is a minimum digit count.
inline std::string percent_int(const PercentSpec& p, bool negative, uint64_t magnitude) {
    const int base = p.type == 'x' || p.type == 'X' ? 16 : p.type == 'o' ? 8 : 10;
    char buf[72];
    const auto r = std::to_chars(buf, buf + sizeof buf, magnitude, base);
    std::string digits(buf, r.ptr);
    if (p.type == 'X') {
        for (char& c : digits) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
    }
    if (p.precision > static_cast<int64_t>(digits.size())) {
        digits.insert(0, static_cast<std::size_t>(p.precision) - digits.size(), '0');
    }
    std::string_view prefix;
    if (p.alternate) prefix = p.type == 'x' ? "0x" : p.type == 'X' ? "0X" : p.type == 'o' ? "0o" : "";
    return percent_number(p, negative, prefix, digits);
}

// %e %E %f %F %g %G: PyOS_double_to_string with Py_DTSF_ALT for '#'.
inline std::string percent_float(const PercentSpec& p, double x) {
    const int precision = p.precision < 0 ? 6 : static_cast<int>(p.precision);
    const char lower = static_cast<char>(p.type | 0x20);
    std::string text;
    if (std::isnan(x)) {
        text = "nan";
    } else if (std::isinf(x)) {
        text = x > 0 ? "inf" : "-inf";
    } else if (lower == 'e') {
        text = format_e(x, precision, p.alternate);
    } else if (lower == 'f') {
        text = format_f(x, precision, p.alternate);
    } else {
        text = format_g(x, precision, p.alternate, false);
    }
    if (p.type != lower) {
        for (char& c : text) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    const bool negative = !text.empty() && text[0] == '-';
    return percent_number(p, negative, "", std::string_view(text).substr(negative ? 1 : 0));
}

// %s %r %c: the precision keeps that many code points; '0' pads with spaces here too.
inline std::string percent_text(const PercentSpec& p, std::string_view s) {
    int64_t length = utf8::length(s);
    if (p.precision >= 0 && length > p.precision) {
        s = s.substr(0, utf8::offset(s, p.precision));
        length = p.precision;
    }
    const std::size_t pad = p.width > length ? static_cast<std::size_t>(p.width - length) : 0;
    if (p.left) return std::string(s).append(pad, ' ');
    return std::string(pad, ' ').append(s);
}

inline bool is_percent_int_type(char t) {
    return t == 'd' || t == 'i' || t == 'u' || t == 'x' || t == 'X' || t == 'o';
}

}  // namespace detail

// One conversion of a printf-style format: py::percent(x, "-8.2f").
template <class T>
std::string percent(const T& value, std::string_view spec) {
    if constexpr (std::is_same_v<T, std::vector<bool>::reference>) {  // `flags[i]` of a list[bool]
        return py::percent(static_cast<bool>(value), spec);
    }
    const detail::PercentSpec p = detail::parse_percent_spec(spec);
    if (p.type == 's') return detail::percent_text(p, py::str(value));
    if (p.type == 'r') return detail::percent_text(p, py::repr(value));
    if constexpr (std::is_same_v<T, bool> || Integer<T>) {
        const auto wide = static_cast<int64_t>(value);
        const bool negative = wide < 0;
        const uint64_t magnitude =
            negative ? uint64_t{0} - static_cast<uint64_t>(wide) : static_cast<uint64_t>(wide);
        if (detail::is_percent_int_type(p.type)) return detail::percent_int(p, negative, magnitude);
        if (p.type == 'c') {
            if (negative || magnitude > 0x10FFFF) throw OverflowError("%c arg not in range(0x110000)");
            return detail::percent_text(p, utf8::encode(static_cast<char32_t>(magnitude)));
        }
        return detail::percent_float(p, static_cast<double>(value));
    } else if constexpr (std::is_floating_point_v<T>) {
        const double x = static_cast<double>(value);
        if (p.type == 'd' || p.type == 'i' || p.type == 'u') {  // int(x): the exact integral digits
            if (std::isnan(x)) throw ValueError("cannot convert float NaN to integer");
            if (std::isinf(x)) throw OverflowError("cannot convert float infinity to integer");
            const std::string digits = detail::format_f(std::fabs(std::trunc(x)), 0, false);
            return detail::percent_number(p, std::trunc(x) < 0, "", digits);
        }
        if (detail::is_percent_int_type(p.type) || p.type == 'c') {
            throw TypeError(std::string("%") + p.type + " format: an integer is required, not float");
        }
        return detail::percent_float(p, x);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        const std::string_view s = value;
        if (p.type == 'c' && utf8::length(s) == 1) return detail::percent_text(p, s);
        if (p.type == 'c') throw TypeError("%c requires int or char");
        if (detail::is_percent_int_type(p.type) && p.type != 'x' && p.type != 'X' && p.type != 'o') {
            throw TypeError(std::string("%") + p.type + " format: a real number is required, not str");
        }
        if (detail::is_percent_int_type(p.type)) {
            throw TypeError(std::string("%") + p.type + " format: an integer is required, not str");
        }
        throw TypeError("must be real number, not str");
    } else {
        throw TypeError(std::string("unsupported conversion %") + p.type);
    }
}

}  // namespace py
