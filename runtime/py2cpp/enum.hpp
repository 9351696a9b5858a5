// py2cpp runtime: members of a translated `class Color(Enum)`.
//
// The generated code declares `enum class Color` and, next to it, a constexpr function
// `py_enum_info(Color)` returning the class name and every member's enumerator, Python name and
// value in definition order; the runtime finds it by argument-dependent lookup and gives the
// members CPython 3.11's behaviour: str() `Color.RED`, repr() `<Color.RED: 1>`, `Color(1)`
// (ValueError `1 is not a valid Color`), `Color["RED"]` (KeyError `'RED'`), hash(member) as the
// hash of its name (a str hash, so sets of members keep insertion order, like str sets).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "exceptions.hpp"
#include "hash.hpp"
#include "repr.hpp"

namespace py {

template <class E, class V>
struct EnumEntry {
    E member;
    std::string_view name;
    V value;  // int64_t or std::string_view
};

// IntEnum members print, format and hash as their int value (CPython 3.11); repr is the same.
enum class EnumStyle { Enum, IntEnum };

template <class E, class V, std::size_t N>
struct EnumInfo {
    std::string_view type_name;
    std::array<EnumEntry<E, V>, N> entries;
    EnumStyle style = EnumStyle::Enum;
};

template <class E>
inline constexpr bool is_int_enum = false;

template <class E>
concept PyEnum = std::is_enum_v<E> && requires(E e) { py_enum_info(e); };

template <PyEnum E>
constexpr auto enum_info() {
    return py_enum_info(E{});
}

template <PyEnum E>
inline constexpr bool is_int_enum<E> = enum_info<E>().style == EnumStyle::IntEnum;

namespace detail {
template <PyEnum E>
const auto& enum_entry(E e) {
    static constexpr auto info = enum_info<E>();
    for (const auto& entry : info.entries)
        if (entry.member == e) return entry;
    return info.entries[0];  // unreachable: every enumerator is in the table
}
}  // namespace detail

// Color.RED.name
template <PyEnum E>
std::string enum_name(E e) {
    return std::string(detail::enum_entry(e).name);
}

// Color.RED.value: int64_t, or std::string for str values.
template <PyEnum E>
auto enum_value(E e) {
    const auto& value = detail::enum_entry(e).value;
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string_view>) {
        return std::string(value);
    } else {
        return value;
    }
}

// `for c in Color`, list(Color), len(Color): the members in definition order.
template <PyEnum E>
std::vector<E> enum_members() {
    std::vector<E> out;
    for (const auto& entry : enum_info<E>().entries) out.push_back(entry.member);
    return out;
}

// Color(value): the member with that value; ValueError "99 is not a valid Color" otherwise.
template <PyEnum E, class V>
E enum_from_value(const V& value) {
    static constexpr auto info = enum_info<E>();
    for (const auto& entry : info.entries)
        if (entry.value == value) return entry.member;
    throw ValueError(py::repr(value) + " is not a valid " + std::string(info.type_name));
}

// Color["RED"]: the member of that name; KeyError 'RED' otherwise.
template <PyEnum E>
E enum_from_name(std::string_view name) {
    for (const auto& entry : enum_info<E>().entries)
        if (entry.name == name) return entry.member;
    throw KeyError(py::repr(name));
}

template <PyEnum E>
struct Repr<E> {
    static void repr(std::string& out, E e) {
        const auto& entry = detail::enum_entry(e);
        out += '<';
        out += enum_info<E>().type_name;
        out += '.';
        out += entry.name;
        out += ": ";
        py::repr_to(out, entry.value);
        out += '>';
    }
    static void str(std::string& out, E e) {
        if constexpr (is_int_enum<E>) {
            py::repr_to(out, detail::enum_entry(e).value);
            return;
        }
        out += enum_info<E>().type_name;
        out += '.';
        out += detail::enum_entry(e).name;
    }
};

template <PyEnum E>
struct Hash<E> {
    static constexpr bool stable = is_int_enum<E>;  // an IntEnum hashes as its int
    static hash_t hash(E e) {
        if constexpr (is_int_enum<E>) {
            return Hash<int64_t>::hash(detail::enum_entry(e).value);
        } else {
            return StringHash::hash(detail::enum_entry(e).name);
        }
    }
};

}  // namespace py
