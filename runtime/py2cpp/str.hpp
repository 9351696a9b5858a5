// py2cpp runtime: Python str operations on UTF-8 std::string.
//
// Indices, lengths and widths count code points, as in Python. Case mapping
// and the character classes (isalpha, isdigit, ...) only know ASCII; other
// characters are left unchanged / do not match. Whitespace (split(), strip(),
// isspace()) is Python's full set, Unicode spaces included.
#pragma once

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core.hpp"
#include "exceptions.hpp"
#include "format.hpp"
#include "repr.hpp"
#include "slice.hpp"
#include "utf8.hpp"

namespace py {

namespace detail {

// Byte size of the whitespace character at s[pos] (Python's str.isspace set),
// or 0 when s[pos] does not start one.
inline std::size_t whitespace_at(std::string_view s, std::size_t pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F)) return 1;
    if (c < 0x80) return 0;
    std::size_t next = pos;
    const char32_t cp = utf8::decode(s, next);
    const bool space = cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    return space ? next - pos : 0;
}

// Start of the code point that ends just before byte `end` (> 0).
inline std::size_t previous_char(std::string_view s, std::size_t end) {
    std::size_t pos = end - 1;
    while (pos > 0 && utf8::is_continuation(s[pos])) --pos;
    return pos;
}

inline bool whitespace_before(std::string_view s, std::size_t end) {
    const std::size_t start = previous_char(s, end);
    return whitespace_at(s, start) == end - start;
}

// Removes leading/trailing characters for which is_stripped(s, pos) returns
// the character's byte size (0 = keep).
template <class Match>
std::string strip_where(std::string_view s, bool left, bool right, Match is_stripped) {
    std::size_t first = 0;
    std::size_t last = s.size();
    if (left) {
        while (first < last) {
            const std::size_t size = is_stripped(s, first);
            if (size == 0) break;
            first += size;
        }
    }
    if (right) {
        while (last > first) {
            const std::size_t start = previous_char(s, last);
            if (is_stripped(s, start) != last - start) break;
            last = start;
        }
    }
    return std::string(s.substr(first, last - first));
}

inline auto in_chars(std::string_view chars) {
    std::u32string set;
    for (std::size_t pos = 0; pos < chars.size();) set += utf8::decode(chars, pos);
    return [set](std::string_view s, std::size_t pos) -> std::size_t {
        std::size_t next = pos;
        return set.find(utf8::decode(s, next)) != std::u32string::npos ? next - pos : 0;
    };
}

// Byte range of s[start:end] for find/count/index, with str.find's index
// rules; nullopt when the range is empty in a way that finds nothing.
struct ByteRange {
    std::size_t first, last;
};
inline std::optional<ByteRange> search_range(std::string_view s, std::string_view sub, int64_t start,
                                             std::optional<int64_t> end_arg) {
    const bool ascii = utf8::is_ascii(s);
    const int64_t length = ascii ? static_cast<int64_t>(s.size()) : utf8::length(s);
    int64_t end = end_arg.value_or(length);
    if (end > length) {
        end = length;
    } else if (end < 0) {
        end = std::max<int64_t>(end + length, 0);
    }
    if (start < 0) start = std::max<int64_t>(start + length, 0);
    if (end - start < utf8::length(sub)) return std::nullopt;
    if (ascii) return ByteRange{static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
    return ByteRange{utf8::offset(s, start), utf8::offset(s, end)};
}

// Code point index of byte offset `byte` in s.
inline int64_t char_index(std::string_view s, std::size_t byte) {
    return utf8::length(s.substr(0, byte));
}

inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
inline char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

template <class Pred>
bool all_chars(std::string_view s, Pred pred) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!pred(c)) return false;
    }
    return true;
}

inline void check_fill(std::string_view fill) {
    if (fill.empty() || utf8::char_size(fill, 0) != fill.size()) {
        throw TypeError("The fill character must be exactly one character long");
    }
}

inline std::string pad(std::string_view s, int64_t left, int64_t right, std::string_view fill) {
    std::string out;
    out.reserve(s.size() + static_cast<std::size_t>(left + right) * fill.size());
    for (int64_t i = 0; i < left; ++i) out += fill;
    out += s;
    for (int64_t i = 0; i < right; ++i) out += fill;
    return out;
}

}  // namespace detail

// ---- length, indexing, slicing ---------------------------------------------

inline int64_t len(std::string_view s) {
    return utf8::length(s);
}

// s[i]: one code point, negative indices count from the end.
inline std::string at(const std::string& s, int64_t i) {
    // When the bytes up to i are ASCII, byte i is code point i.
    if (i >= 0 && i < static_cast<int64_t>(s.size()) &&
        utf8::is_ascii(std::string_view(s).substr(0, static_cast<std::size_t>(i) + 1))) {
        return std::string(1, s[static_cast<std::size_t>(i)]);
    }
    if (utf8::is_ascii(s)) {
        const auto n = static_cast<int64_t>(s.size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw IndexError("string index out of range");
        return std::string(1, s[static_cast<std::size_t>(i)]);
    }
    const int64_t n = utf8::length(s);
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw IndexError("string index out of range");
    const std::size_t pos = utf8::offset(s, i);
    return s.substr(pos, utf8::char_size(s, pos));
}

// s[i] in O(1) for a str that does not change (a parameter the function indexes): Python's str
// indexes by code point, which py::at finds by scanning; this scans once. For ASCII text (the
// common case) it keeps no table at all.
class CodePoints {
public:
    explicit CodePoints(const std::string& s) : s_(s), ascii_(utf8::is_ascii(s)) {
        if (ascii_) return;
        for (std::size_t pos = 0; pos < s.size(); pos += utf8::char_size(s, pos)) starts_.push_back(pos);
        starts_.push_back(s.size());
    }
    std::string at(int64_t i) const {
        const int64_t n = ascii_ ? static_cast<int64_t>(s_.size()) : static_cast<int64_t>(starts_.size()) - 1;
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw IndexError("string index out of range");
        const auto k = static_cast<std::size_t>(i);
        if (ascii_) return std::string(1, s_[k]);
        return s_.substr(starts_[k], starts_[k + 1] - starts_[k]);
    }

private:
    const std::string& s_;
    bool ascii_;
    std::vector<std::size_t> starts_;  // byte offset of each code point, then the size
};

// s[lo:hi:step].
inline std::string slice(const std::string& s, std::optional<int64_t> lo, std::optional<int64_t> hi,
                         std::optional<int64_t> step = {}) {
    const bool ascii = utf8::is_ascii(s);
    const auto r = detail::slice_range(ascii ? static_cast<int64_t>(s.size()) : utf8::length(s), lo, hi, step);
    if (ascii && r.step == 1) return s.substr(static_cast<std::size_t>(r.start), static_cast<std::size_t>(r.count));
    std::vector<std::size_t> offsets;  // byte offset of each code point, plus the end
    if (!ascii) {
        for (std::size_t pos = 0; pos < s.size(); pos += utf8::char_size(s, pos)) offsets.push_back(pos);
        offsets.push_back(s.size());
    }
    std::string out;
    for (int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) {
        const auto index = static_cast<std::size_t>(i);
        if (ascii) {
            out += s[index];
        } else {
            out.append(s, offsets[index], offsets[index + 1] - offsets[index]);
        }
    }
    return out;
}

// s * n.
inline std::string repeat(std::string_view s, int64_t n) {
    std::string out;
    if (n <= 0) return out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) out += s;
    return out;
}

// needle in hay.
inline bool contains(std::string_view hay, std::string_view needle) {
    return hay.find(needle) != std::string_view::npos;
}

// ---- splitting and joining -------------------------------------------------

// s.split(None, maxsplit): runs of whitespace separate, edges are ignored.
inline std::vector<std::string> split(std::string_view s, NoneType, int64_t maxsplit = -1) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    const std::size_t n = s.size();
    for (int64_t splits = 0; maxsplit < 0 || splits < maxsplit; ++splits) {
        while (i < n && detail::whitespace_at(s, i) > 0) i += detail::whitespace_at(s, i);
        if (i == n) break;
        const std::size_t j = i;
        while (i < n && detail::whitespace_at(s, i) == 0) ++i;
        parts.emplace_back(s.substr(j, i - j));
    }
    while (i < n && detail::whitespace_at(s, i) > 0) i += detail::whitespace_at(s, i);
    if (i < n) parts.emplace_back(s.substr(i));
    return parts;
}

inline std::vector<std::string> split(std::string_view s) {
    return split(s, None);
}

// s.split(sep, maxsplit).
inline std::vector<std::string> split(std::string_view s, std::string_view sep, int64_t maxsplit = -1) {
    if (sep.empty()) throw ValueError("empty separator");
    std::vector<std::string> parts;
    std::size_t pos = 0;
    for (int64_t splits = 0; maxsplit < 0 || splits < maxsplit; ++splits) {
        const std::size_t found = s.find(sep, pos);
        if (found == std::string_view::npos) break;
        parts.emplace_back(s.substr(pos, found - pos));
        pos = found + sep.size();
    }
    parts.emplace_back(s.substr(pos));
    return parts;
}

// s.rsplit(None, maxsplit): like split(), but maxsplit counts from the right.
inline std::vector<std::string> rsplit(std::string_view s, NoneType, int64_t maxsplit = -1) {
    std::vector<std::string> parts;
    std::size_t i = s.size();  // one past the character under examination
    for (int64_t splits = 0; maxsplit < 0 || splits < maxsplit; ++splits) {
        while (i > 0 && detail::whitespace_before(s, i)) i = detail::previous_char(s, i);
        if (i == 0) break;
        const std::size_t j = i;
        while (i > 0 && !detail::whitespace_before(s, i)) i = detail::previous_char(s, i);
        parts.emplace_back(s.substr(i, j - i));
    }
    while (i > 0 && detail::whitespace_before(s, i)) i = detail::previous_char(s, i);
    if (i > 0) parts.emplace_back(s.substr(0, i));
    return {parts.rbegin(), parts.rend()};
}

inline std::vector<std::string> rsplit(std::string_view s) {
    return rsplit(s, None);
}

inline std::vector<std::string> rsplit(std::string_view s, std::string_view sep, int64_t maxsplit = -1) {
    if (sep.empty()) throw ValueError("empty separator");
    std::vector<std::string> parts;
    std::size_t end = s.size();
    for (int64_t splits = 0; maxsplit < 0 || splits < maxsplit; ++splits) {
        if (end < sep.size()) break;
        const std::size_t found = s.rfind(sep, end - sep.size());
        if (found == std::string_view::npos) break;
        parts.emplace_back(s.substr(found + sep.size(), end - found - sep.size()));
        end = found;
    }
    parts.emplace_back(s.substr(0, end));
    return {parts.rbegin(), parts.rend()};
}

// s.splitlines(keepends): splits at \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85,
// U+2028 and U+2029.
inline std::vector<std::string> splitlines(std::string_view s, bool keepends = false) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        std::size_t next = pos;
        const char32_t c = utf8::decode(s, next);
        const bool is_break = c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1C && c <= 0x1E) ||
                              c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!is_break) {
            pos = next;
            continue;
        }
        if (c == '\r' && next < s.size() && s[next] == '\n') ++next;
        lines.emplace_back(s.substr(start, (keepends ? next : pos) - start));
        start = pos = next;
    }
    if (start < s.size()) lines.emplace_back(s.substr(start));
    return lines;
}

// sep.join(items) for any range of strings.
template <class Range>
std::string join(std::string_view sep, const Range& items) {
    std::string out;
    // Sized in a first pass, unless the items can be walked only once (a generator).
    if constexpr (std::forward_iterator<decltype(std::begin(items))>) {
        std::size_t size = 0;
        for (const auto& item : items) size += std::string_view(item).size() + sep.size();
        out.reserve(size);
    }
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += sep;
        first = false;
        out += std::string_view(item);
    }
    return out;
}

// s.partition(sep) -> (before, sep, after); (s, "", "") when sep is absent.
inline std::tuple<std::string, std::string, std::string> partition(std::string_view s, std::string_view sep) {
    if (sep.empty()) throw ValueError("empty separator");
    const std::size_t found = s.find(sep);
    if (found == std::string_view::npos) return {std::string(s), "", ""};
    return {std::string(s.substr(0, found)), std::string(sep), std::string(s.substr(found + sep.size()))};
}

// s.rpartition(sep); ("", "", s) when sep is absent.
inline std::tuple<std::string, std::string, std::string> rpartition(std::string_view s, std::string_view sep) {
    if (sep.empty()) throw ValueError("empty separator");
    const std::size_t found = s.rfind(sep);
    if (found == std::string_view::npos) return {"", "", std::string(s)};
    return {std::string(s.substr(0, found)), std::string(sep), std::string(s.substr(found + sep.size()))};
}

// ---- stripping -------------------------------------------------------------

inline std::string strip(std::string_view s) {
    return detail::strip_where(s, true, true, detail::whitespace_at);
}
inline std::string lstrip(std::string_view s) {
    return detail::strip_where(s, true, false, detail::whitespace_at);
}
inline std::string rstrip(std::string_view s) {
    return detail::strip_where(s, false, true, detail::whitespace_at);
}
inline std::string strip(std::string_view s, std::string_view chars) {
    return detail::strip_where(s, true, true, detail::in_chars(chars));
}
inline std::string lstrip(std::string_view s, std::string_view chars) {
    return detail::strip_where(s, true, false, detail::in_chars(chars));
}
inline std::string rstrip(std::string_view s, std::string_view chars) {
    return detail::strip_where(s, false, true, detail::in_chars(chars));
}

inline std::string removeprefix(std::string_view s, std::string_view prefix) {
    return std::string(s.starts_with(prefix) ? s.substr(prefix.size()) : s);
}
inline std::string removesuffix(std::string_view s, std::string_view suffix) {
    return std::string(s.ends_with(suffix) && !suffix.empty() ? s.substr(0, s.size() - suffix.size()) : s);
}

// ---- searching -------------------------------------------------------------

inline bool startswith(std::string_view s, std::string_view prefix) {
    return s.starts_with(prefix);
}
inline bool endswith(std::string_view s, std::string_view suffix) {
    return s.ends_with(suffix);
}
// s.startswith(prefix, start, end): the prefix of s[start:end], indices in code points. Like
// CPython, a start past the end is False even for an empty prefix ("ab".startswith("", 3)).
inline bool startswith(std::string_view s, std::string_view prefix, int64_t start,
                       std::optional<int64_t> end = std::nullopt) {
    const auto range = detail::search_range(s, prefix, start, end);
    return range && s.substr(range->first, range->last - range->first).starts_with(prefix);
}
inline bool endswith(std::string_view s, std::string_view suffix, int64_t start,
                     std::optional<int64_t> end = std::nullopt) {
    const auto range = detail::search_range(s, suffix, start, end);
    return range && s.substr(range->first, range->last - range->first).ends_with(suffix);
}
// s.startswith(("#", "//")): a tuple written in the call.
inline bool startswith_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
    for (std::string_view p : prefixes)
        if (s.starts_with(p)) return true;
    return false;
}
inline bool endswith_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    for (std::string_view p : suffixes)
        if (s.ends_with(p)) return true;
    return false;
}
// s.startswith((a, b, ...)).
inline bool startswith(std::string_view s, const std::vector<std::string>& prefixes) {
    for (const std::string& p : prefixes) {
        if (s.starts_with(p)) return true;
    }
    return false;
}
inline bool endswith(std::string_view s, const std::vector<std::string>& suffixes) {
    for (const std::string& p : suffixes) {
        if (s.ends_with(p)) return true;
    }
    return false;
}

// s.find(sub, start, end): code point index of the first match, or -1.
inline int64_t find(std::string_view s, std::string_view sub, int64_t start = 0,
                    std::optional<int64_t> end = std::nullopt) {
    if (start >= 0 && !end) {
        // The common `pos = s.find(x, pos + 1)` loop: look only at s[start:], so the loop stays
        // linear in len(s) (converting the whole string's indices each time would not).
        const bool ascii_prefix = start <= static_cast<int64_t>(s.size()) &&
                                  utf8::is_ascii(s.substr(0, static_cast<std::size_t>(start)));
        if (!ascii_prefix && start > utf8::length(s)) return -1;
        const std::size_t first = ascii_prefix ? static_cast<std::size_t>(start) : utf8::offset(s, start);
        const std::size_t found = s.find(sub, first);
        if (found == std::string_view::npos) return -1;
        return start + utf8::length(s.substr(first, found - first));
    }
    const auto range = detail::search_range(s, sub, start, end);
    if (!range) return -1;
    const std::size_t found = s.substr(0, range->last).find(sub, range->first);
    return found == std::string_view::npos ? -1 : detail::char_index(s, found);
}

// s.rfind(sub, start, end): code point index of the last match, or -1.
inline int64_t rfind(std::string_view s, std::string_view sub, int64_t start = 0,
                     std::optional<int64_t> end = std::nullopt) {
    const auto range = detail::search_range(s, sub, start, end);
    if (!range) return -1;
    const std::size_t found = s.substr(0, range->last).rfind(sub);
    return found == std::string_view::npos || found < range->first ? -1 : detail::char_index(s, found);
}

inline int64_t index(std::string_view s, std::string_view sub, int64_t start = 0,
                     std::optional<int64_t> end = std::nullopt) {
    const int64_t i = py::find(s, sub, start, end);
    if (i < 0) throw ValueError("substring not found");
    return i;
}

inline int64_t rindex(std::string_view s, std::string_view sub, int64_t start = 0,
                      std::optional<int64_t> end = std::nullopt) {
    const int64_t i = py::rfind(s, sub, start, end);
    if (i < 0) throw ValueError("substring not found");
    return i;
}

// s.count(sub, start, end): non-overlapping occurrences.
inline int64_t count(std::string_view s, std::string_view sub, int64_t start = 0,
                     std::optional<int64_t> end = std::nullopt) {
    const auto range = detail::search_range(s, sub, start, end);
    if (!range) return 0;
    const std::string_view hay = s.substr(range->first, range->last - range->first);
    if (sub.empty()) return utf8::length(hay) + 1;
    int64_t n = 0;
    for (std::size_t pos = hay.find(sub); pos != std::string_view::npos; pos = hay.find(sub, pos + sub.size())) {
        ++n;
    }
    return n;
}

// s.replace(old, new, count).
inline std::string replace(std::string_view s, std::string_view old, std::string_view replacement,
                           int64_t count = -1) {
    std::string out;
    if (old.empty()) {  // insert before every code point and at the end
        int64_t done = 0;
        std::size_t pos = 0;
        for (; pos < s.size() && (count < 0 || done < count); ++done) {
            out += replacement;
            const std::size_t size = utf8::char_size(s, pos);
            out.append(s, pos, size);
            pos += size;
        }
        if (pos == s.size() && (count < 0 || done < count)) out += replacement;
        out.append(s, pos);
        return out;
    }
    std::size_t pos = 0;
    for (int64_t done = 0; count < 0 || done < count; ++done) {
        const std::size_t found = s.find(old, pos);
        if (found == std::string_view::npos) break;
        out.append(s, pos, found - pos);
        out += replacement;
        pos = found + old.size();
    }
    out.append(s, pos);
    return out;
}

// ---- case (ASCII letters only) ---------------------------------------------

inline std::string upper(std::string s) {
    for (char& c : s) c = detail::to_upper(c);
    return s;
}
inline std::string lower(std::string s) {
    for (char& c : s) c = detail::to_lower(c);
    return s;
}
inline std::string swapcase(std::string s) {
    for (char& c : s) c = detail::is_upper(c) ? detail::to_lower(c) : detail::to_upper(c);
    return s;
}
// Words are runs of letters: "hello wORLD's" -> "Hello World'S".
inline std::string title(std::string s) {
    bool previous_is_letter = false;
    for (char& c : s) {
        c = previous_is_letter ? detail::to_lower(c) : detail::to_upper(c);
        previous_is_letter = detail::is_alpha(c);
    }
    return s;
}
inline std::string capitalize(std::string s) {
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = i == 0 ? detail::to_upper(s[i]) : detail::to_lower(s[i]);
    return s;
}

// casefold() is lower() on ASCII. CPython folds other characters by the Unicode tables ("ß" to
// "ss"), which the runtime does not carry: a non-ASCII string raises NotTranslated.
inline std::string casefold(std::string s) {
    if (!utf8::is_ascii(s)) throw NotTranslated("str.casefold() of a non-ASCII string");
    return lower(std::move(s));
}

// ---- character classes (ASCII; false for the empty string) -----------------

inline bool isdigit(std::string_view s) {
    return detail::all_chars(s, detail::is_digit);
}
// isdecimal and isnumeric agree with isdigit on ASCII ('0'-'9'). Outside ASCII CPython's answers
// come from the Unicode tables ("½".isnumeric() is True, "٣".isdecimal() too), which the runtime
// does not carry: a non-ASCII character raises NotTranslated rather than answer differently.
namespace detail {
inline bool ascii_digits(std::string_view s, const char* method) {
    if (!utf8::is_ascii(s)) throw NotTranslated(std::string("str.") + method + "() of a non-ASCII string");
    return all_chars(s, is_digit);
}
}  // namespace detail
inline bool isdecimal(std::string_view s) { return detail::ascii_digits(s, "isdecimal"); }
inline bool isnumeric(std::string_view s) { return detail::ascii_digits(s, "isnumeric"); }
inline bool isalpha(std::string_view s) {
    return detail::all_chars(s, detail::is_alpha);
}
inline bool isalnum(std::string_view s) {
    return detail::all_chars(s, [](char c) { return detail::is_alpha(c) || detail::is_digit(c); });
}
inline bool isspace(std::string_view s) {
    if (s.empty()) return false;
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t size = detail::whitespace_at(s, pos);
        if (size == 0) return false;
        pos += size;
    }
    return true;
}
// At least one cased character, and none of the other case.
inline bool isupper(std::string_view s) {
    bool cased = false;
    for (char c : s) {
        if (detail::is_lower(c)) return false;
        cased = cased || detail::is_upper(c);
    }
    return cased;
}
inline bool islower(std::string_view s) {
    bool cased = false;
    for (char c : s) {
        if (detail::is_upper(c)) return false;
        cased = cased || detail::is_lower(c);
    }
    return cased;
}

// ---- padding ---------------------------------------------------------------

inline std::string ljust(std::string_view s, int64_t width, std::string_view fill = " ") {
    detail::check_fill(fill);
    return detail::pad(s, 0, std::max<int64_t>(0, width - len(s)), fill);
}
inline std::string rjust(std::string_view s, int64_t width, std::string_view fill = " ") {
    detail::check_fill(fill);
    return detail::pad(s, std::max<int64_t>(0, width - len(s)), 0, fill);
}
inline std::string center(std::string_view s, int64_t width, std::string_view fill = " ") {
    detail::check_fill(fill);
    const int64_t margin = std::max<int64_t>(0, width - len(s));
    const int64_t left = margin / 2 + (margin & width & 1);  // CPython's rounding
    return detail::pad(s, left, margin - left, fill);
}
// Pads with zeros on the left, after any leading sign: "-42" -> "-0042".
inline std::string zfill(std::string_view s, int64_t width) {
    const int64_t fill = width - len(s);
    if (fill <= 0) return std::string(s);
    std::string out = detail::pad(s, fill, 0, "0");
    const auto first = static_cast<std::size_t>(fill);
    if (out[first] == '+' || out[first] == '-') std::swap(out[0], out[first]);
    return out;
}

// expandtabs(n): each tab becomes the spaces to the next column that is a multiple of n (none
// for n <= 0); columns count code points and restart after "\n" and "\r", as in CPython.
inline std::string expandtabs(std::string_view s, int64_t tabsize = 8) {
    std::string out;
    int64_t column = 0;
    for (char c : s) {
        if (c == '\t') {
            if (tabsize > 0) {
                const int64_t n = tabsize - column % tabsize;
                out.append(static_cast<std::size_t>(n), ' ');
                column += n;
            }
            continue;
        }
        out.push_back(c);
        if (c == '\n' || c == '\r') column = 0;
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;  // not a UTF-8 continuation byte
    }
    return out;
}

// ---- characters ------------------------------------------------------------

inline int64_t ord(std::string_view s) {
    const int64_t n = len(s);
    if (n != 1) {
        throw TypeError(concat("ord() expected a character, but string of length ", py::str(n), " found"));
    }
    std::size_t pos = 0;
    return utf8::decode(s, pos);
}

inline std::string chr(int64_t code) {
    if (code < 0 || code >= 0x110000) throw ValueError("chr() arg not in range(0x110000)");
    return utf8::encode(static_cast<char32_t>(code));
}

// The `string` module's constants (`string.ascii_lowercase`, `from string import digits`).
namespace string_module {
inline const std::string ascii_lowercase = "abcdefghijklmnopqrstuvwxyz";
inline const std::string ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
inline const std::string ascii_letters = ascii_lowercase + ascii_uppercase;
inline const std::string digits = "0123456789";
inline const std::string hexdigits = "0123456789abcdefABCDEF";
inline const std::string octdigits = "01234567";
inline const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
inline const std::string whitespace = " \t\n\r\x0b\x0c";
inline const std::string printable = digits + ascii_letters + punctuation + whitespace;
}  // namespace string_module

}  // namespace py
