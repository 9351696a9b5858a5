// py2cpp runtime: UTF-8 helpers. Python strings count code points while
// std::string counts bytes; these functions translate between the two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace py::utf8 {

inline bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

inline bool is_ascii(std::string_view s) {
    unsigned char bits = 0;
    for (char c : s) bits |= static_cast<unsigned char>(c);  // no early exit: vectorizes
    return bits < 0x80;
}

// Number of code points.
inline int64_t length(std::string_view s) {
    int64_t n = 0;
    for (char c : s) n += !is_continuation(c);
    return n;
}

// Byte offset of code point `index` (0 <= index <= length(s)).
inline std::size_t offset(std::string_view s, int64_t index) {
    std::size_t pos = 0;
    for (; index > 0 && pos < s.size(); --index) {
        ++pos;
        while (pos < s.size() && is_continuation(s[pos])) ++pos;
    }
    return pos;
}

// Byte size of the code point starting at s[pos].
inline std::size_t char_size(std::string_view s, std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < s.size() && is_continuation(s[end])) ++end;
    return end - pos;
}

// Decodes the code point starting at s[pos] and advances pos past it.
inline char32_t decode(std::string_view s, std::size_t& pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    char32_t cp = byte(pos);
    std::size_t extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (extra > 0) cp &= 0x3F >> extra;
    ++pos;
    for (; extra > 0 && pos < s.size() && is_continuation(s[pos]); --extra, ++pos) {
        cp = (cp << 6) | (byte(pos) & 0x3F);
    }
    return cp;
}

// Appends the UTF-8 encoding of cp.
inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

inline std::string encode(char32_t cp) {
    std::string out;
    append(out, cp);
    return out;
}

}  // namespace py::utf8
