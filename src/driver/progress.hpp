#pragma once
// How `py2cpp batch` shows its progress. On a terminal: one bar, redrawn in place
// ("[#######.............]  12/100  pricing"), with each failed module's line printed above it
// so failures stay on screen; elsewhere (CI logs, pipes): one line per module, "[12/100] ok ...".
#include <string>

#include "driver/batch.hpp"

namespace py2cpp {

// The bar's text (no control characters), at most `width` columns wide.
std::string progress_bar(size_t done, size_t total, const std::string& label, size_t width);

// What to write for one finished module: with `terminal`, including the carriage return and
// erase-line sequences that redraw the bar.
std::string progress_text(const BatchProgress& p, bool terminal, size_t width);

// What ends the bar before the summary is printed ("" when not on a terminal).
std::string progress_end(bool terminal);

}  // namespace py2cpp
