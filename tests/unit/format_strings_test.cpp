// sema: literal str.format / printf-style format strings (sema/format_strings.cpp, str_format.cpp):
// what translates, and the stubs whose reason is the error Python raises.
#include <catch2/catch.hpp>

#include <string>

#include "analyzed.hpp"
#include "sema/format_strings.hpp"

using namespace py2cpp;
using py2cpp::testing::analyze_source;
using py2cpp::testing::stub_reasons;

namespace {

std::string reasons_of(const std::string& body) {
  return stub_reasons(analyze_source("def f(t: tuple[int, int], s: str, x: float) -> str:\n    return " + body + "\n").sema);
}

}  // namespace

TEST_CASE("format strings: str.format fields bind to their arguments") {
  sema::StrFormatArgs args{{10, 11}, {{"w", 12}}};
  auto parts = std::get<std::vector<ast::FStringPart>>(sema::parse_str_format("{1}-{0:>{w}} {{x}}", args));
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].expr == 11);
  CHECK(parts[1].literal == "-");
  CHECK(parts[2].expr == 10);
  REQUIRE(parts[2].format_spec.size() == 2);
  CHECK(parts[2].format_spec[0].literal == ">");
  CHECK(parts[2].format_spec[1].expr == 12);
  CHECK(parts[3].literal == " {x}");
  CHECK(std::get<std::string>(sema::parse_str_format("{} {0}", args)) ==
        "cannot switch from automatic field numbering to manual field specification");
  CHECK(std::get<std::string>(sema::parse_str_format("a } b", args)) == "Single '}' encountered in format string");
  CHECK(std::get<std::string>(sema::parse_str_format("{2}", args)) ==
        "IndexError: Replacement index 2 out of range for positional args tuple");
}

TEST_CASE("format strings: printf-style conversions take one argument each") {
  auto fields = std::get<std::vector<sema::PercentField>>(sema::parse_percent_format("%-8s|%05.1f 100%%", {3, 4}));
  REQUIRE(fields.size() == 4);
  CHECK(fields[0].spec == "-8s");
  CHECK(fields[0].arg == 3);
  CHECK(fields[1].literal == "|");
  CHECK(fields[2].spec == "05.1f");
  CHECK(fields[3].literal == " 100%");
  CHECK(std::get<std::string>(sema::parse_percent_format("%d %d", {3})) ==
        "TypeError: not enough arguments for format string");
  CHECK(std::get<std::string>(sema::parse_percent_format("%d", {3, 4})) ==
        "TypeError: not all arguments converted during string formatting");
  CHECK(std::get<std::string>(sema::parse_percent_format("%y", {3})) ==
        "ValueError: unsupported format character 'y' (0x79) at index 1");
}

TEST_CASE("format strings: Python's errors and non-literal formats become stubs") {
  CHECK(reasons_of("'{} {:.2f}'.format(s, x)").empty());
  CHECK(reasons_of("'%s %5.1f %d' % (s, x, 3)").empty());
  CHECK(reasons_of("format(x, s) + format(3)").empty());
  CHECK(reasons_of("s.format(1)").find("str.format() needs a literal format string") != std::string::npos);
  CHECK(reasons_of("s % 1").find("needs a literal format string on the left") != std::string::npos);
  CHECK(reasons_of("'%d' % s").find("%d format: a real number is required, not str") != std::string::npos);
  CHECK(reasons_of("'%x' % x").find("%x format: an integer is required, not float") != std::string::npos);
  CHECK(reasons_of("'%d %d' % t").find("tuple variable on the right") != std::string::npos);
  CHECK(reasons_of("'%(a)s' % {'a': 1}").find("dict on the right") != std::string::npos);
  CHECK(reasons_of("'{} {}'.format(1)").find("Replacement index 1 out of range") != std::string::npos);
  CHECK(reasons_of("'{name}'.format(nam=1)").find("KeyError: 'name'") != std::string::npos);
  CHECK(reasons_of("'{0.real}'.format(x)").find("reads an attribute") != std::string::npos);
}

TEST_CASE("format strings: a constant spec Python rejects for the type is a stub") {
  CHECK(sema::format_spec_error(">10.2f", "float").empty());
  CHECK(sema::format_spec_error("*^+12,d", "int").empty());
  CHECK(sema::format_spec_error("_x", "int").empty());
  CHECK(sema::format_spec_error("é<5", "str").empty());
  CHECK(sema::format_spec_error("d", "float") == "Unknown format code 'd' for object of type 'float'");
  CHECK(sema::format_spec_error(".2d", "int") == "Precision not allowed in integer format specifier");
  CHECK(sema::format_spec_error("+s", "str") == "Sign not allowed in string format specifier");
  CHECK(sema::format_spec_error(",x", "int") == "Cannot specify ',' with 'x'.");
  CHECK(sema::format_spec_error("10.2fx", "float") == "Invalid format specifier '10.2fx' for object of type 'float'");
  CHECK(reasons_of("f'{x:d}'").find("Unknown format code 'd' for object of type 'float'") != std::string::npos);
  CHECK(reasons_of("'{:.2f}'.format(s)").find("Unknown format code 'f' for object of type 'str'") != std::string::npos);
  CHECK(reasons_of("format(3, '.1d')").find("Precision not allowed") != std::string::npos);
  CHECK(reasons_of("f'{s!r:>8} {x:{s}}'").empty());  // a spec computed at run time is checked there
}
