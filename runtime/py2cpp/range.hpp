// py2cpp runtime: range(), a lightweight iterable of int64_t.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>

#include "exceptions.hpp"

namespace py {

class range {
public:
    using value_type = int64_t;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = int64_t;
        using difference_type = std::ptrdiff_t;
        using pointer = const int64_t*;
        using reference = int64_t;

        iterator() = default;
        iterator(int64_t value, int64_t step, uint64_t remaining)
            : value_(value), step_(step), remaining_(remaining) {}

        int64_t operator*() const { return value_; }
        iterator& operator++() {
            // Unsigned arithmetic: stepping past the last value may leave int64_t's range.
            value_ = static_cast<int64_t>(static_cast<uint64_t>(value_) + static_cast<uint64_t>(step_));
            --remaining_;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++*this;
            return old;
        }
        bool operator==(const iterator& other) const { return remaining_ == other.remaining_; }

    private:
        int64_t value_ = 0;
        int64_t step_ = 1;
        uint64_t remaining_ = 0;
    };

    explicit range(int64_t stop) : range(0, stop, 1) {}

    range(int64_t start, int64_t stop, int64_t step = 1) : start_(start), step_(step) {
        if (step == 0) throw ValueError("range() arg 3 must not be zero");
        // CPython's compute_range_length, in unsigned arithmetic to avoid overflow.
        if (step > 0 && start < stop) {
            count_ = 1 + (static_cast<uint64_t>(stop) - static_cast<uint64_t>(start) - 1) / static_cast<uint64_t>(step);
        } else if (step < 0 && start > stop) {
            count_ = 1 + (static_cast<uint64_t>(start) - static_cast<uint64_t>(stop) - 1) /
                             (0 - static_cast<uint64_t>(step));
        }
    }

    iterator begin() const { return {start_, step_, count_}; }
    iterator end() const { return {0, step_, 0}; }

    // r[i] for 0 <= i < len(r) (random.sample indexes its population).
    using size_type = int64_t;
    int64_t operator[](int64_t i) const {
        return static_cast<int64_t>(static_cast<uint64_t>(start_) + static_cast<uint64_t>(i) * static_cast<uint64_t>(step_));
    }

    // len(range)
    int64_t size() const {
        if (count_ > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
            throw OverflowError("Python int too large to convert to C ssize_t");
        }
        return static_cast<int64_t>(count_);
    }
    bool empty() const { return count_ == 0; }

    // x in range
    bool contains(int64_t x) const {
        if (count_ == 0) return false;
        const bool in_bounds = step_ > 0 ? (x >= start_ && x <= last()) : (x <= start_ && x >= last());
        if (!in_bounds) return false;
        const uint64_t distance = step_ > 0 ? static_cast<uint64_t>(x) - static_cast<uint64_t>(start_)
                                            : static_cast<uint64_t>(start_) - static_cast<uint64_t>(x);
        const uint64_t stride = step_ > 0 ? static_cast<uint64_t>(step_) : 0 - static_cast<uint64_t>(step_);
        return distance % stride == 0;
    }

    // reversed(range): the same values, last to first.
    range reversed() const {
        range r = *this;
        r.start_ = count_ == 0 ? start_ : last();
        r.step_ = step_ == std::numeric_limits<int64_t>::min() ? step_ : -step_;
        return r;
    }

private:
    int64_t last() const {
        return static_cast<int64_t>(static_cast<uint64_t>(start_) + (count_ - 1) * static_cast<uint64_t>(step_));
    }

    int64_t start_ = 0;
    int64_t step_ = 1;
    uint64_t count_ = 0;
};

inline bool contains(const range& r, int64_t x) {
    return r.contains(x);
}

inline range reversed(const range& r) {
    return r.reversed();
}

}  // namespace py
