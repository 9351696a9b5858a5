// py2cpp runtime: Python slice index arithmetic, shared by str and list slicing.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "exceptions.hpp"

namespace py::detail {

// The positions selected by seq[lo:hi:step]: count items from start by step.
struct SliceRange {
    int64_t start;
    int64_t step;
    int64_t count;
};

// CPython's PySlice_Unpack + PySlice_AdjustIndices.
inline SliceRange slice_range(int64_t length, std::optional<int64_t> lo, std::optional<int64_t> hi,
                              std::optional<int64_t> step_arg) {
    int64_t step = step_arg.value_or(1);
    if (step == 0) throw ValueError("slice step cannot be zero");
    if (step < -std::numeric_limits<int64_t>::max()) step = -std::numeric_limits<int64_t>::max();
    const bool backwards = step < 0;

    auto clamp = [&](int64_t index) {
        if (index < 0) {
            index += length;
            if (index < 0) index = backwards ? -1 : 0;
        } else if (index >= length) {
            index = backwards ? length - 1 : length;
        }
        return index;
    };
    const int64_t start = lo ? clamp(*lo) : (backwards ? length - 1 : 0);
    const int64_t stop = hi ? clamp(*hi) : (backwards ? -1 : length);

    int64_t count = 0;
    if (backwards && stop < start) {
        count = (start - stop - 1) / -step + 1;
    } else if (!backwards && start < stop) {
        count = (stop - start - 1) / step + 1;
    }
    return {start, step, count};
}

}  // namespace py::detail
