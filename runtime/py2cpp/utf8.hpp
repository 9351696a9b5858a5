// py2cpp runtime: UTF-8 helpers. Python strings count code points while
// std::string counts bytes; these functions translate between the two.
#pragma once

#include <bit>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <string>
#include <string_view>

namespace py::utf8 {

inline bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

namespace detail {

inline constexpr uint64_t kHighBits = 0x8080808080808080ULL;

inline uint64_t load8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

}  // namespace detail

// Eight bytes at a time (64 per step): str indexing and find() call this on prefixes in
// loops, and -O2 does not vectorize a byte loop.
inline bool is_ascii(std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
    using detail::load8;
    for (; n >= 64; p += 64, n -= 64) {  // unrolled by hand: -O2 keeps an inner loop as a loop
        const uint64_t bits = (load8(p) | load8(p + 8)) | (load8(p + 16) | load8(p + 24)) |
                              (load8(p + 32) | load8(p + 40)) | (load8(p + 48) | load8(p + 56));
        if (bits & detail::kHighBits) return false;
    }
    unsigned char tail = 0;
    for (; n > 0; ++p, --n) tail |= static_cast<unsigned char>(*p);
    return tail < 0x80;
}

// Number of code points: bytes minus continuation bytes (10xxxxxx), eight at a time.
inline int64_t length(std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
    int64_t continuations = 0;
    for (; n >= 8; p += 8, n -= 8) {
        const uint64_t w = detail::load8(p);
        // A 1 in each continuation byte, summed by one multiplication (std::popcount would be a
        // library call without -mpopcnt, which generated builds do not assume).
        const uint64_t marks = (w & ~(w << 1) & detail::kHighBits) >> 7;
        continuations += static_cast<int64_t>((marks * 0x0101010101010101ULL) >> 56);
    }
    for (; n > 0; ++p, --n) continuations += is_continuation(*p);
    return static_cast<int64_t>(s.size()) - continuations;
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
