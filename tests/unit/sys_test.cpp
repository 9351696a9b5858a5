// runtime: py::sys (argv, exit, reading stdin as Python's text mode does) and its typing in sema.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "analyzed.hpp"
#include "py2cpp/runtime.hpp"

using namespace py2cpp::testing;

namespace {

// A stream holding `text`, read back from the start.
std::FILE* stream_of(const std::string& text) {
  std::FILE* f = std::tmpfile();
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  return f;
}

}  // namespace

TEST_CASE("sys: readline keeps the newline, reads universal newlines, returns \"\" at the end") {
  std::FILE* f = stream_of("a b\r\nc\rlast");
  CHECK(py::sys::readline(f) == "a b\n");
  CHECK(py::sys::readline(f) == "c\n");
  CHECK(py::sys::readline(f) == "last");
  CHECK(py::sys::readline(f).empty());
  std::fclose(f);
}

TEST_CASE("sys: exit carries its status; a message means status 1") {
  try {
    py::sys::exit(3);
  } catch (const py::SystemExit& e) {
    CHECK(e.code() == 3);
    CHECK(e.message().empty());
  }
  try {
    py::sys::exit(std::string("bad input"));
  } catch (const py::SystemExit& e) {
    CHECK(e.code() == 1);
    CHECK(e.message() == "bad input");
  }
  // Not an Exception: `except Exception:` must not catch it.
  bool caught_as_exception = false;
  try {
    try {
      py::sys::exit();
    } catch (const py::Exception&) {
      caught_as_exception = true;
    }
  } catch (const py::SystemExit&) {
  }
  CHECK_FALSE(caught_as_exception);
}

TEST_CASE("sys: stdout_write counts code points, as len() does") {
  CHECK(py::sys::stdout_write("") == 0);
  CHECK(py::sys::stdout_write("h\xc3\xa9") == 2);  // "hé"
}

TEST_CASE("sema: sys.argv is a list[str], sys.stdin lines are str, input() is a str") {
  Analyzed a = analyze_source(
      "import sys\n"
      "def f() -> int:\n"
      "    args = sys.argv[1:]\n"
      "    n = 0\n"
      "    for line in sys.stdin:\n"
      "        n += len(line)\n"
      "    first = input()\n"
      "    return n + len(args) + len(first)\n");
  CHECK(stub_reasons(a.sema).empty());
  CHECK(type_of(a.sema, "f", "args") == "list[str]");
  CHECK(type_of(a.sema, "f", "line") == "str");
  CHECK(type_of(a.sema, "f", "first") == "str");
}
