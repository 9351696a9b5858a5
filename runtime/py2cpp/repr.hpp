// py2cpp runtime: repr() and str() of values.
//
// Customisation point: specialise py::Repr<T> with
//     static void repr(std::string& out, const T& value);  // appends repr(value)
//     static void str(std::string& out, const T& value);   // optional, defaults to repr
// Containers look their elements up through Repr<Element> when instantiated,
// so a header included later (dict, set, ...) can add a specialisation and
// nested types such as std::vector<std::optional<std::string>> keep working.
#pragma once

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core.hpp"
#include "exceptions.hpp"
#include "utf8.hpp"

namespace py {

template <class T>
struct Repr;  // specialised below, and by later headers

template <class T>
void repr_to(std::string& out, const T& value) {
    Repr<T>::repr(out, value);
}

template <class T>
void str_to(std::string& out, const T& value) {
    if constexpr (requires { Repr<T>::str(out, value); }) {
        Repr<T>::str(out, value);
    } else {
        Repr<T>::repr(out, value);
    }
}

// Whether T has a Python repr here (instances of classes without __repr__/__str__ have none:
// CPython would print an address).
template <class T>
struct Reprable : std::bool_constant<requires(std::string& o, const T& v) { Repr<T>::repr(o, v); }> {};
template <class T>
struct Reprable<std::shared_ptr<T>> : Reprable<T> {};

template <class T>
std::string repr(const T& value) {
    std::string out;
    py::repr_to(out, value);
    return out;
}

template <class T>
std::string str(const T& value) {
    std::string out;
    py::str_to(out, value);
    return out;
}

namespace detail {

// Python's float repr: the shortest digits that round-trip (to_chars gives
// exactly those), laid out like float_repr_style 'short': positional for
// 1e-4 <= |x| < 1e16 with at least one decimal, otherwise d.ddde+XX.
inline void append_float_repr(std::string& out, double x) {
    if (std::isnan(x)) {
        out += "nan";
        return;
    }
    if (std::isinf(x)) {
        out += x > 0 ? "inf" : "-inf";
        return;
    }
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));  // "-d.ddde+XX"
    if (sci.front() == '-') {
        out += '-';
        sci.remove_prefix(1);
    }
    const std::size_t e_pos = sci.find('e');
    std::string digits(sci.substr(0, e_pos));
    if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
    int exp = 0;
    std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp);
    const auto n = static_cast<int>(digits.size());

    if (exp < -4 || exp >= 16) {
        out += digits[0];
        if (n > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += exp < 0 ? "e-" : "e+";
        const int abs_exp = exp < 0 ? -exp : exp;
        if (abs_exp < 10) out += '0';
        out += std::to_string(abs_exp);
    } else if (exp < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exp - 1), '0');
        out += digits;
    } else if (exp + 1 >= n) {
        out += digits;
        out.append(static_cast<std::size_t>(exp + 1 - n), '0');
        out += ".0";
    } else {
        out.append(digits, 0, static_cast<std::size_t>(exp + 1));
        out += '.';
        out.append(digits, static_cast<std::size_t>(exp + 1));
    }
}

// Code points that Python's str.isprintable() rejects and repr() escapes:
// controls, separators other than ' ', common format characters, private use
// and noncharacters. (Unassigned code points are not tracked.)
inline bool is_unprintable(char32_t c) {
    struct Range {
        char32_t lo, hi;
    };
    static constexpr Range ranges[] = {
        {0x00, 0x1F},       {0x7F, 0xA0},       {0xAD, 0xAD},       {0x600, 0x605},
        {0x61C, 0x61C},     {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x890, 0x891},
        {0x8E2, 0x8E2},     {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},
        {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},
        {0xD800, 0xF8FF},   {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},
        {0xFFFE, 0xFFFF},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},
        {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
        {0xF0000, 0x10FFFF},
    };
    for (const Range& r : ranges) {
        if (c < r.lo) return false;
        if (c <= r.hi) return true;
    }
    return false;
}

// Python's str repr: single quotes unless the text contains ' and no ".
inline void append_string_repr(std::string& out, std::string_view s) {
    const bool double_quotes =
        s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos;
    const char quote = double_quotes ? '"' : '\'';
    static constexpr char hex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out += quote;
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        const char32_t c = utf8::decode(s, pos);
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (is_unprintable(c)) {
            const int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
            out += digits == 2 ? "\\x" : digits == 4 ? "\\u" : "\\U";
            for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += hex[(c >> shift) & 0xF];
        } else {
            out.append(s, start, pos - start);
        }
    }
    out += quote;
}

template <class T>
concept HasReprMethod = requires(const T& value) {
    { value.__repr__() } -> std::convertible_to<std::string>;
};
template <class T>
concept HasStrMethod = requires(const T& value) {
    { value.__str__() } -> std::convertible_to<std::string>;
};

// Shared by std::tuple and std::pair: "(1, 'a')", "(1,)", "()".
template <class Tuple>
void append_tuple_repr(std::string& out, const Tuple& t) {
    out += '(';
    std::apply(
        [&out](const auto&... items) {
            [[maybe_unused]] const char* separator = "";
            ((out += separator, py::repr_to(out, items), separator = ", "), ...);
        },
        t);
    if (std::tuple_size_v<Tuple> == 1) out += ',';
    out += ')';
}

}  // namespace detail

template <>
struct Repr<bool> {
    static void repr(std::string& out, bool value) { out += value ? "True" : "False"; }
};
// `flags[i]` of a non-const list[bool] is a std::vector<bool> proxy, not a bool.
template <>
struct Repr<std::vector<bool>::reference> : Repr<bool> {};

template <Integer T>
struct Repr<T> {
    static void repr(std::string& out, T value) {
        char buf[24];
        const auto result = std::to_chars(buf, buf + sizeof buf, value);
        out.append(buf, result.ptr);
    }
};

template <std::floating_point T>
struct Repr<T> {
    static void repr(std::string& out, T value) {
        detail::append_float_repr(out, static_cast<double>(value));
    }
};

// Exceptions: str(e) is the message, repr(e) is `ValueError('message')`, as in CPython; a user
// exception class's own __str__ / __repr__ wins.
template <class T>
    requires std::derived_from<T, BaseException>
struct Repr<T> {
    static void repr(std::string& out, const T& e) {
        if constexpr (detail::HasReprMethod<T>) {
            out += e.__repr__();
            return;
        }
        out += e.type_name();
        out += '(';
        // A KeyError's message is already repr(key) (str(KeyError('x')) is "'x'").
        bool key_error = false;
        if constexpr (std::derived_from<T, KeyError>) {
            key_error = true;
        } else if constexpr (std::derived_from<KeyError, T>) {
            key_error = dynamic_cast<const KeyError*>(&e) != nullptr;
        }
        if (key_error) {
            out += e.message();
        } else if (!e.message().empty()) {
            detail::append_string_repr(out, e.message());
        }
        out += ')';
    }
    static void str(std::string& out, const T& e) {
        if constexpr (detail::HasStrMethod<T>) out += e.__str__();
        else out += e.message();
    }
};

// Strings: str() is the text itself, repr() is quoted and escaped.
struct StringRepr {
    static void repr(std::string& out, std::string_view s) { detail::append_string_repr(out, s); }
    static void str(std::string& out, std::string_view s) { out += s; }
};
template <>
struct Repr<std::string> : StringRepr {};
template <>
struct Repr<std::string_view> : StringRepr {};
template <>
struct Repr<const char*> : StringRepr {};
template <>
struct Repr<char*> : StringRepr {};
template <std::size_t N>
struct Repr<char[N]> : StringRepr {};

template <>
struct Repr<NoneType> {
    static void repr(std::string& out, NoneType) { out += "None"; }
};
template <>
struct Repr<std::nullopt_t> {
    static void repr(std::string& out, std::nullopt_t) { out += "None"; }
};

template <class T>
struct Repr<std::optional<T>> {
    static void repr(std::string& out, const std::optional<T>& value) {
        if (value) {
            py::repr_to(out, *value);
        } else {
            out += "None";
        }
    }
    static void str(std::string& out, const std::optional<T>& value) {
        if (value) {
            py::str_to(out, *value);
        } else {
            out += "None";
        }
    }
};

// `int | str`: whichever alternative the value holds, as Python prints that object.
template <class... Ts>
struct Repr<std::variant<Ts...>> {
    static void repr(std::string& out, const std::variant<Ts...>& value) {
        std::visit([&](const auto& v) { py::repr_to(out, v); }, value);
    }
    static void str(std::string& out, const std::variant<Ts...>& value) {
        std::visit([&](const auto& v) { py::str_to(out, v); }, value);
    }
};

template <class T, class Alloc>
struct Repr<std::vector<T, Alloc>> {
    static void repr(std::string& out, const std::vector<T, Alloc>& items) {
        out += '[';
        bool first = true;
        for (const auto& item : items) {
            if (!first) out += ", ";
            first = false;
            py::repr_to(out, static_cast<const T&>(item));
        }
        out += ']';
    }
};

template <class... Ts>
struct Repr<std::tuple<Ts...>> {
    static void repr(std::string& out, const std::tuple<Ts...>& t) { detail::append_tuple_repr(out, t); }
};

template <class A, class B>
struct Repr<std::pair<A, B>> {
    static void repr(std::string& out, const std::pair<A, B>& p) { detail::append_tuple_repr(out, p); }
};

// Generated classes define __repr__ and/or __str__; str() falls back to __repr__.
template <class T>
    requires(detail::HasReprMethod<T> || detail::HasStrMethod<T>) && (!std::derived_from<T, BaseException>)
struct Repr<T> {
    static void repr(std::string& out, const T& value)
        requires detail::HasReprMethod<T>
    {
        out += value.__repr__();
    }
    static void str(std::string& out, const T& value) {
        if constexpr (detail::HasStrMethod<T>) {
            out += value.__str__();
        } else {
            out += value.__repr__();
        }
    }
};

// Class instances held by reference: an empty pointer is None.
template <class T>
struct Repr<std::shared_ptr<T>> {
    static void repr(std::string& out, const std::shared_ptr<T>& p) {
        if (p) {
            py::repr_to(out, *p);
        } else {
            out += "None";
        }
    }
    static void str(std::string& out, const std::shared_ptr<T>& p) {
        if (p) {
            py::str_to(out, *p);
        } else {
            out += "None";
        }
    }
};

}  // namespace py
