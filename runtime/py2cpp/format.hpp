// py2cpp runtime: format(value, spec) -- Python's format-spec mini-language
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// for ints, bools, floats and strings, with CPython's error messages -- and
// concat(), which generated f-strings use to join their pieces.
#pragma once

#include <algorithm>
#include <charconv>
#include <climits>
#include <cctype>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <system_error>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core.hpp"
#include "exceptions.hpp"
#include "repr.hpp"
#include "utf8.hpp"

namespace py {

// Concatenates strings, string_views and C strings with a single allocation.
template <class... Parts>
std::string concat(const Parts&... parts) {
    const std::string_view views[] = {std::string_view(parts)..., std::string_view()};
    std::size_t size = 0;
    for (std::string_view v : views) size += v.size();
    std::string out;
    out.reserve(size);
    for (std::string_view v : views) out += v;
    return out;
}

namespace detail {

struct FormatSpec {
    std::string fill = " ";  // one code point, UTF-8 encoded
    char32_t align = 0;      // '<', '>', '=', '^'
    char32_t sign = 0;       // '+', '-', ' ', or 0 when absent
    bool no_neg_0 = false;   // 'z'
    bool alternate = false;  // '#'
    int64_t width = -1;      // -1: not given
    char grouping = 0;       // ',' or '_', 0 for none
    int group_size = 3;      // 4 for '_' with b/o/x/X
    int64_t precision = -1;  // -1: not given
    char32_t type = 0;
};

// How CPython quotes a presentation type in messages: itself, or \x<hex>.
inline std::string describe_code(char32_t c) {
    if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
    char buf[16];
    const auto result = std::to_chars(buf, buf + sizeof buf, static_cast<uint32_t>(c), 16);
    return "\\x" + std::string(buf, result.ptr);
}

[[noreturn]] inline void unknown_format_code(char32_t type, const char* type_name) {
    throw ValueError(concat("Unknown format code '", describe_code(type), "' for object of type '",
                            type_name, "'"));
}

// CPython's parse_internal_render_format_spec (Python/formatter_unicode.c).
inline FormatSpec parse_format_spec(std::string_view text, char32_t default_type,
                                    char32_t default_align, const char* type_name) {
    std::u32string spec;
    for (std::size_t pos = 0; pos < text.size();) spec += utf8::decode(text, pos);
    const std::size_t end = spec.size();
    std::size_t pos = 0;
    auto at = [&](std::size_t i) -> char32_t { return i < end ? spec[i] : 0; };
    auto is_align = [](char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    auto read_integer = [&](int64_t& result) {
        const std::size_t start = pos;
        int64_t value = 0;
        for (; pos < end && spec[pos] >= '0' && spec[pos] <= '9'; ++pos) {
            const int digit = static_cast<int>(spec[pos] - '0');
            if (value > (INT64_MAX - digit) / 10) {
                throw ValueError("Too many decimal digits in format string");
            }
            value = value * 10 + digit;
        }
        if (pos > start) result = value;
        return pos > start;
    };

    FormatSpec f;
    f.align = default_align;
    f.type = default_type;
    bool fill_given = false;
    bool align_given = false;
    if (end - pos >= 2 && is_align(at(pos + 1))) {
        f.fill = utf8::encode(spec[pos]);
        f.align = spec[pos + 1];
        fill_given = align_given = true;
        pos += 2;
    } else if (is_align(at(pos))) {
        f.align = spec[pos++];
        align_given = true;
    }
    if (at(pos) == '+' || at(pos) == '-' || at(pos) == ' ') f.sign = spec[pos++];
    if (at(pos) == 'z') {
        f.no_neg_0 = true;
        ++pos;
    }
    if (at(pos) == '#') {
        f.alternate = true;
        ++pos;
    }
    if (!fill_given && at(pos) == '0') {  // "0" before the width: zero padding
        f.fill = "0";
        if (!align_given && default_align == '>') f.align = '=';
        ++pos;
    }
    read_integer(f.width);
    if (at(pos) == ',') {
        f.grouping = ',';
        ++pos;
    }
    if (at(pos) == '_') {
        if (f.grouping != 0) throw ValueError("Cannot specify both ',' and '_'.");
        f.grouping = '_';
        ++pos;
    }
    if (at(pos) == ',' && f.grouping == '_') throw ValueError("Cannot specify both ',' and '_'.");
    if (at(pos) == '.') {
        ++pos;
        if (!read_integer(f.precision)) throw ValueError("Format specifier missing precision");
    }
    if (end - pos > 1) {
        throw ValueError(concat("Invalid format specifier '", text, "' for object of type '",
                                type_name, "'"));
    }
    if (end - pos == 1) f.type = spec[pos];

    if (f.grouping != 0) {
        switch (f.type) {
            case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
                break;
            case 'b': case 'o': case 'x': case 'X':
                if (f.grouping == '_') {  // PEP 515: groups of four digits
                    f.group_size = 4;
                    break;
                }
                [[fallthrough]];
            default:
                throw ValueError(concat("Cannot specify '", std::string(1, f.grouping), "' with '",
                                        describe_code(f.type), "'."));
        }
    }
    return f;
}

// Inserts separators every `group` digits from the right, and left-pads with
// zeros up to min_width (CPython's _PyUnicode_InsertThousandsGrouping).
inline std::string group_digits(std::string_view digits, int64_t min_width, char separator,
                                int group) {
    auto remaining = static_cast<int64_t>(digits.size());
    if (separator == 0) {
        const int64_t zeros = std::max<int64_t>(0, min_width - remaining);
        return std::string(static_cast<std::size_t>(zeros), '0').append(digits);
    }
    std::string reversed;
    for (bool first = true;; first = false) {
        const int64_t len = std::min<int64_t>(group, std::max({remaining, min_width, int64_t{1}}));
        const int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
        if (!first) reversed += separator;
        for (int64_t i = 1; i <= n_chars; ++i) reversed += digits[static_cast<std::size_t>(remaining - i)];
        reversed.append(static_cast<std::size_t>(len - n_chars), '0');
        remaining -= n_chars;
        min_width -= len;
        if (remaining <= 0 && min_width <= 0) break;
        min_width -= 1;  // the separator
    }
    return {reversed.rbegin(), reversed.rend()};
}

inline void append_fill(std::string& out, const std::string& fill, int64_t count) {
    for (int64_t i = 0; i < count; ++i) out += fill;
}

// Lays out <lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>
// (CPython's calc_number_widths + fill_number).
inline std::string layout_number(const FormatSpec& f, bool negative, std::string_view prefix,
                                 std::string_view digits, bool has_decimal,
                                 std::string_view remainder) {
    char sign = 0;
    if (negative) {
        sign = '-';
    } else if (f.sign == '+' || f.sign == ' ') {
        sign = static_cast<char>(f.sign);
    }
    const int64_t n_other = (sign != 0) + static_cast<int64_t>(prefix.size()) + has_decimal +
                            utf8::length(remainder);
    const int64_t min_width = (f.fill == "0" && f.align == '=') ? f.width - n_other : 0;
    const char separator = f.type == 'n' ? 0 : f.grouping;
    const std::string grouped =
        digits.empty() ? std::string() : group_digits(digits, min_width, separator, f.group_size);
    const int64_t padding = f.width - (n_other + static_cast<int64_t>(grouped.size()));
    int64_t left = 0, inner = 0, right = 0;
    if (padding > 0) {
        switch (f.align) {
            case '<': right = padding; break;
            case '^': left = padding / 2; right = padding - left; break;
            case '=': inner = padding; break;
            default: left = padding; break;
        }
    }
    std::string out;
    append_fill(out, f.fill, left);
    if (sign != 0) out += sign;
    out += prefix;
    append_fill(out, f.fill, inner);
    out += grouped;
    if (has_decimal) out += '.';
    out += remainder;
    append_fill(out, f.fill, right);
    return out;
}

// One double in fixed or scientific notation with `precision` digits after the point,
// correctly rounded from the exact binary value (round-half-even), as CPython's
// PyOS_double_to_string; std::to_chars is locale independent, unlike printf.
// `alternate` ('#') keeps the decimal point even with no digits after it.
inline std::string to_chars_fixed(double x, int precision, bool alternate, std::chars_format how) {
    std::string out(64, '\0');
    for (;;) {
        const auto r = std::to_chars(out.data(), out.data() + out.size(), x, how, precision);
        if (r.ec == std::errc()) {
            out.resize(static_cast<std::size_t>(r.ptr - out.data()));
            break;
        }
        out.resize(out.size() * 2);  // a large precision or magnitude
    }
    if (alternate && out.find('.') == std::string::npos) {
        const std::size_t e = out.find('e');
        out.insert(e == std::string::npos ? out.size() : e, ".");
    }
    return out;
}

inline std::string format_e(double x, int precision, bool alternate) {
    return to_chars_fixed(x, precision, alternate, std::chars_format::scientific);
}

inline std::string format_f(double x, int precision, bool alternate) {
    return to_chars_fixed(x, precision, alternate, std::chars_format::fixed);
}

// Python's 'g': like C's %g, except that with add_dot_0 (no presentation
// type but a precision) exponent notation starts one digit earlier and
// integral results keep a ".0".
inline std::string format_g(double x, int precision, bool alternate, bool add_dot_0) {
    const int p = precision == 0 ? 1 : precision;
    std::string text = format_e(x, p - 1, alternate);
    const std::size_t e_pos = text.find('e');
    const int exp = std::atoi(text.c_str() + e_pos + 1);
    const bool use_exp = exp < -4 || exp >= (add_dot_0 ? p - 1 : p);
    if (!use_exp) text = format_f(x, p - 1 - exp, alternate);
    if (!alternate) {  // strip trailing zeros from the mantissa
        const std::size_t mantissa_end = use_exp ? text.find('e') : text.size();
        const std::size_t dot = text.find('.');
        if (dot != std::string::npos && dot < mantissa_end) {
            std::size_t keep = mantissa_end;
            while (text[keep - 1] == '0') --keep;
            if (keep == dot + 1) keep = dot;
            text.erase(keep, mantissa_end - keep);
        }
    }
    if (add_dot_0 && !use_exp && text.find('.') == std::string::npos) text += ".0";
    return text;
}

// CPython's format_float_internal.
inline std::string format_float(double x, const FormatSpec& f) {
    if (f.precision > INT_MAX) throw ValueError("precision too big");
    char32_t type = f.type;
    int precision = static_cast<int>(f.precision);
    bool add_dot_0 = false;
    bool repr_style = false;
    bool percent = false;
    if (type == 0) {
        add_dot_0 = true;
        repr_style = precision < 0;
        type = 'g';
        if (precision < 0) precision = 0;
    }
    if (type == 'n') type = 'g';
    if (type == '%') {
        type = 'f';
        x *= 100;
        percent = true;
    }
    if (precision < 0) precision = 6;
    const bool upper = type == 'E' || type == 'F' || type == 'G';

    std::string text;
    if (std::isnan(x)) {
        text = "nan";  // never "-nan"
    } else if (std::isinf(x)) {
        text = x > 0 ? "inf" : "-inf";
    } else if (repr_style) {
        append_float_repr(text, x);
        if (f.alternate && text.find('.') == std::string::npos) text.insert(text.find('e'), ".");
    } else if (type == 'e' || type == 'E') {
        text = format_e(x, precision, f.alternate);
    } else if (type == 'f' || type == 'F') {
        text = format_f(x, precision, f.alternate);
    } else {
        text = format_g(x, precision, f.alternate, add_dot_0);
    }
    if (upper) {
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (percent) text += '%';

    std::string_view body = text;
    bool negative = false;
    if (!body.empty() && body.front() == '-') {
        negative = true;
        body.remove_prefix(1);
    }
    if (f.no_neg_0) {  // 'z': a negative value that rounded to zero loses its sign
        const std::string_view mantissa = body.substr(0, body.find_first_of("eE%"));
        const bool rounded_to_zero = mantissa.find('0') != std::string_view::npos &&
                                     mantissa.find_first_of("123456789") == std::string_view::npos;
        if (rounded_to_zero) negative = false;
    }
    const std::size_t n_digits = std::min(body.find_first_not_of("0123456789"), body.size());
    const bool has_decimal = n_digits < body.size() && body[n_digits] == '.';
    return layout_number(f, negative, "", body.substr(0, n_digits), has_decimal,
                         body.substr(n_digits + has_decimal));
}

inline bool is_float_type(char32_t type) {
    switch (type) {
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
            return true;
        default:
            return false;
    }
}

// CPython's _PyLong_FormatAdvancedWriter + format_long_internal.
inline std::string format_int(bool negative, uint64_t magnitude, std::string_view spec,
                              const char* type_name) {
    const FormatSpec f = parse_format_spec(spec, 'd', '>', type_name);
    if (is_float_type(f.type)) {
        const double x = static_cast<double>(magnitude);
        return format_float(negative ? -x : x, f);
    }
    int base = 10;
    std::string_view prefix;
    switch (f.type) {
        case 'd': case 'n': case 'c': break;
        case 'b': base = 2; prefix = "0b"; break;
        case 'o': base = 8; prefix = "0o"; break;
        case 'x': base = 16; prefix = "0x"; break;
        case 'X': base = 16; prefix = "0X"; break;
        default: unknown_format_code(f.type, type_name);
    }
    if (f.precision != -1) throw ValueError("Precision not allowed in integer format specifier");
    if (f.no_neg_0) {
        throw ValueError("Negative zero coercion (z) not allowed in integer format specifier");
    }
    if (f.type == 'c') {
        if (f.sign != 0) throw ValueError("Sign not allowed with integer format specifier 'c'");
        if (f.alternate) {
            throw ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        if (negative || magnitude > 0x10FFFF) throw OverflowError("%c arg not in range(0x110000)");
        return layout_number(f, false, "", "", false, utf8::encode(static_cast<char32_t>(magnitude)));
    }
    char buf[72];
    const auto result = std::to_chars(buf, buf + sizeof buf, magnitude, base);
    std::string digits(buf, result.ptr);
    if (f.type == 'X') {
        for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return layout_number(f, negative, f.alternate ? prefix : "", digits, false, "");
}

inline std::string format_string(std::string_view s, std::string_view spec) {
    if (spec.empty()) return std::string(s);
    const FormatSpec f = parse_format_spec(spec, 's', '<', "str");
    if (f.type != 's') unknown_format_code(f.type, "str");
    if (f.sign == ' ') throw ValueError("Space not allowed in string format specifier");
    if (f.sign != 0) throw ValueError("Sign not allowed in string format specifier");
    if (f.no_neg_0) {
        throw ValueError("Negative zero coercion (z) not allowed in string format specifier");
    }
    if (f.alternate) throw ValueError("Alternate form (#) not allowed in string format specifier");
    if (f.align == '=') throw ValueError("'=' alignment not allowed in string format specifier");
    int64_t length = utf8::length(s);
    if (f.precision >= 0 && length > f.precision) {
        s = s.substr(0, utf8::offset(s, f.precision));
        length = f.precision;
    }
    const int64_t padding = std::max<int64_t>(0, f.width - length);
    const int64_t left = f.align == '>' ? padding : f.align == '^' ? padding / 2 : 0;
    std::string out;
    append_fill(out, f.fill, left);
    out += s;
    append_fill(out, f.fill, padding - left);
    return out;
}

// Python type names for "unsupported format string" errors.
template <class T>
struct PythonTypeName {
    static constexpr const char* value = "object";
};
template <>
struct PythonTypeName<NoneType> {
    static constexpr const char* value = "NoneType";
};
template <class T, class A>
struct PythonTypeName<std::vector<T, A>> {
    static constexpr const char* value = "list";
};
template <class... Ts>
struct PythonTypeName<std::tuple<Ts...>> {
    static constexpr const char* value = "tuple";
};

}  // namespace detail

// format(value, spec); format(value, "") == str(value).
template <class T>
std::string format(const T& value, std::string_view spec) {
    if constexpr (std::is_same_v<T, std::vector<bool>::reference>) {  // `flags[i]` of a list[bool]
        return py::format(static_cast<bool>(value), spec);
    } else if constexpr (std::is_same_v<T, bool>) {
        if (spec.empty()) return value ? "True" : "False";
        return detail::format_int(false, value ? 1 : 0, spec, "bool");
    } else if constexpr (Integer<T>) {
        if (spec.empty()) return py::str(value);
        const bool negative = value < 0;
        // Magnitude computed in unsigned arithmetic so INT64_MIN is fine.
        const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(value)
                                            : static_cast<uint64_t>(value);
        return detail::format_int(negative, magnitude, spec, "int");
    } else if constexpr (std::is_floating_point_v<T>) {
        if (spec.empty()) return py::str(value);
        const auto f = detail::parse_format_spec(spec, 0, '>', "float");
        if (f.type != 0 && f.type != 'n' && !detail::is_float_type(f.type)) {
            detail::unknown_format_code(f.type, "float");
        }
        return detail::format_float(static_cast<double>(value), f);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return detail::format_string(value, spec);
    } else if constexpr (requires { value.has_value(); *value; }) {  // std::optional
        if (value) return py::format(*value, spec);
        return py::format(None, spec);
    } else if constexpr (requires { py_enum_info(value); }) {
        // An Enum member formats as its str(), an IntEnum member as its int.
        if constexpr (static_cast<int>(py_enum_info(T{}).style) != 0) {
            return py::format(static_cast<int64_t>(value), spec);
        } else {
            return detail::format_string(py::str(value), spec);
        }
    } else {
        if (spec.empty()) return py::str(value);
        throw TypeError(concat("unsupported format string passed to ",
                               detail::PythonTypeName<T>::value, ".__format__"));
    }
}

}  // namespace py
