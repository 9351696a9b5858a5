#include "driver/progress.hpp"

#include <fmt/format.h>

namespace py2cpp {

namespace {
const char* kEraseLine = "\r\x1b[K";
}

std::string progress_bar(size_t done, size_t total, const std::string& label, size_t width) {
  std::string counts = fmt::format("{:>{}}/{}", done, std::to_string(total).size(), total);
  // "[" bar "]  " counts "  " label; the bar takes what is left of a third of the width.
  size_t bar = std::max<size_t>(10, std::min<size_t>(40, width / 3));
  size_t filled = total ? bar * done / total : bar;
  std::string text = "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "]  " + counts + "  " + label;
  if (text.size() > width && width > 3) text = text.substr(0, width - 3) + "...";
  return text;
}

std::string progress_text(const BatchProgress& p, bool terminal, size_t width) {
  if (!terminal) return fmt::format("[{}/{}] {}\n", p.done, p.total, p.line);
  std::string out = kEraseLine;
  if (p.failed) out += p.line + "\n";  // a failure stays above the bar
  return out + progress_bar(p.done, p.total, p.module, width);
}

std::string progress_end(bool terminal) { return terminal ? kEraseLine : ""; }

}  // namespace py2cpp
