// driver: the batch progress output (a bar on a terminal, one line per module elsewhere).
#include <catch2/catch.hpp>

#include "driver/progress.hpp"

using namespace py2cpp;

TEST_CASE("progress: the bar fills with the modules done") {
  CHECK(progress_bar(0, 4, "a", 30) == "[..........]  0/4  a");
  CHECK(progress_bar(2, 4, "b", 30) == "[#####.....]  2/4  b");
  CHECK(progress_bar(4, 4, "c", 30) == "[##########]  4/4  c");
  CHECK(progress_bar(7, 100, "m", 120) == "[##......................................]    7/100  m");
}

TEST_CASE("progress: never wider than the terminal") {
  std::string bar = progress_bar(1, 2, "a.very.long.dotted.module.name.that.does.not.fit", 40);
  CHECK(bar.size() == 40);
  CHECK(bar.substr(bar.size() - 3) == "...");
}

TEST_CASE("progress: a terminal gets a redrawn bar, failures above it") {
  BatchProgress ok{1, 3, "pricing", "ok        pricing.py -> pricing/ (2 functions, 0 stubs)", false};
  BatchProgress bad{2, 3, "broken", "FAILED    broken.py: line 1: expected ':'", true};
  CHECK(progress_text(ok, true, 40) == "\r\x1b[K[####.........]  1/3  pricing");
  CHECK(progress_text(bad, true, 40) == "\r\x1b[KFAILED    broken.py: line 1: expected ':'\n[########.....]  2/3  broken");
  CHECK(progress_end(true) == "\r\x1b[K");
}

TEST_CASE("progress: elsewhere one line per module") {
  BatchProgress ok{1, 3, "pricing", "ok        pricing.py -> pricing/ (2 functions, 0 stubs)", false};
  CHECK(progress_text(ok, false, 0) == "[1/3] ok        pricing.py -> pricing/ (2 functions, 0 stubs)\n");
  CHECK(progress_end(false).empty());
}
