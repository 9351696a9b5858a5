// Unit tests for runtime/py2cpp/format.hpp (format(value, spec)) and percent.hpp
// (printf-style conversions). Every expected string is what python3 (3.11) prints.
#include <catch2/catch.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <string>

#include "py2cpp/runtime.hpp"
#include "runtime_errors.hpp"

using py2cpp::testing::error_of;

TEST_CASE("format() follows the format-spec mini-language", "[format]") {
    CHECK(py::format(int64_t{1234567}, ",") == "1,234,567");
    CHECK(py::format(int64_t{1234567}, "_") == "1_234_567");
    CHECK(py::format(int64_t{255}, "#x") == "0xff");
    CHECK(py::format(int64_t{255}, "#_b") == "0b1111_1111");
    CHECK(py::format(int64_t{-42}, "=+8d") == "-     42");
    CHECK(py::format(int64_t{42}, "*^9") == "***42****");
    CHECK(py::format(int64_t{65}, "c") == "A");
    CHECK(py::format(int64_t{3}, "%") == "300.000000%");
    CHECK(py::format(true, "d") == "1");
    CHECK(py::format(true, ">5") == "    1");
    CHECK(py::format(1.0, "") == "1.0");
    CHECK(py::format(1.5, ".0f") == "2");
    CHECK(py::format(2.5, ".0f") == "2");
    CHECK(py::format(0.1, ".20f") == "0.10000000000000000555");
    CHECK(py::format(1e+16, "") == "1e+16");
    CHECK(py::format(1e+16, ".3") == "1e+16");
    CHECK(py::format(123.456, ".2") == "1.2e+02");
    CHECK(py::format(100.0, ".3") == "1e+02");
    CHECK(py::format(1234.5, "g") == "1234.5");
    CHECK(py::format(1e-07, "") == "1e-07");
    CHECK(py::format(0.000123, ".2") == "0.00012");
    CHECK(py::format(1234567.891, ",.2f") == "1,234,567.89");
    CHECK(py::format(1234567.891, "_.1f") == "1_234_567.9");
    CHECK(py::format(-0.0, "z.1f") == "0.0");
    CHECK(py::format(-0.0001, "z.2f") == "0.00");
    CHECK(py::format(0.25, ".1%") == "25.0%");
    CHECK(py::format(1.0, "#.0e") == "1.e+00");
    CHECK(py::format(12.0, "#g") == "12.0000");
    CHECK(py::format(INFINITY, "+010.2f") == "+000000inf");
    CHECK(py::format(std::nan(""), "^7") == "  nan  ");
    CHECK(py::format(3.14159, "=+10.3f") == "+    3.142");
    CHECK(py::format(5e-324, ".3e") == "4.941e-324");
    CHECK(py::format(1.7976931348623157e+308, ".0f") == "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368");
    CHECK(py::format(1.1805916207174113e+21, "") == "1.1805916207174113e+21");
    CHECK(py::format(std::string("hi"), "^6") == "  hi  ");
    CHECK(py::format(std::string("hi"), "*>5") == "***hi");
    CHECK(py::format(std::string("hello"), ".3") == "hel");
    CHECK(py::format(std::string("héllo"), "~^9.4") == "~~héll~~~");
    CHECK(py::format(int64_t{12}, "n") == "12");
    CHECK(py::format(1e+300, "n") == "1e+300");
    CHECK(py::format(0.5, "n") == "0.5");
    CHECK(py::format(9.995, ".2f") == "9.99");
    CHECK(py::format(int64_t{-1234}, "010,") == "-0,001,234");
    CHECK(py::format(int64_t{1234}, "0=12,") == "0,000,001,234");
}

TEST_CASE("percent() formats one printf-style conversion", "[format]") {
    CHECK(py::percent(int64_t{7}, "05.3d") == "00007");
    CHECK(py::percent(int64_t{7}, "-05d") == "7    ");
    CHECK(py::percent(int64_t{-7}, "+.3d") == "-007");
    CHECK(py::percent(int64_t{7}, "#.3x") == "0x007");
    CHECK(py::percent(int64_t{8}, "#5o") == " 0o10");
    CHECK(py::percent(INFINITY, "05f") == "00inf");
    CHECK(py::percent(std::nan(""), "+f") == "+nan");
    CHECK(py::percent(-INFINITY, "-6f") == "-inf  ");
    CHECK(py::percent(std::string("ab"), "05s") == "   ab");
    CHECK(py::percent(std::string("hello"), ".2s") == "he");
    CHECK(py::percent(3.7, "d") == "3");
    CHECK(py::percent(-3.7, "d") == "-3");
    CHECK(py::percent(1e+20, "d") == "100000000000000000000");
    CHECK(py::percent(true, "x") == "1");
    CHECK(py::percent(int64_t{65}, "c") == "A");
    CHECK(py::percent(std::string("z"), "c") == "z");
    CHECK(py::percent(1e-05, "g") == "1e-05");
    CHECK(py::percent(1.0, "#g") == "1.00000");
    CHECK(py::percent(2.5, ".0e") == "2e+00");
    CHECK(py::percent(std::string("a"), "r") == "'a'");
    CHECK(py::percent(std::string("a"), "5r") == "  'a'");
    CHECK(py::percent(true, "i") == "1");
    CHECK(py::percent(1.0, "s") == "1.0");
    CHECK(py::percent(false, "s") == "False");
    CHECK(py::percent(int64_t{3}, "e") == "3.000000e+00");
    CHECK(py::percent(2.0, "#.0f") == "2.");
    CHECK(py::percent(-1234.5, "010.2e") == "-01.23e+03");
    CHECK(py::percent(int64_t{5}, " d") == " 5");
    CHECK(py::percent(int64_t{5}, "+ d") == "+5");
    CHECK(py::percent(int64_t{255}, "#X") == "0XFF");
    CHECK(py::percent(int64_t{255}, "#08x") == "0x0000ff");
    CHECK(py::percent(std::string("name"), "-10s") == "name      ");
    CHECK(py::percent(2.25, "5.1f") == "  2.2");
    CHECK(py::percent(0.125, ".2f") == "0.12");
    CHECK(py::percent(2.675, ".2f") == "2.67");
    CHECK(py::percent(1234567.0, ".3g") == "1.23e+06");
    CHECK(py::percent(1e-10, "G") == "1E-10");
    CHECK(py::percent(-0.04, ".1f") == "-0.0");
    CHECK(py::percent(int64_t{-255}, "x") == "-ff");
    CHECK(py::percent(int64_t{8}, "o") == "10");
    CHECK(py::percent(INT64_MIN, "d") == "-9223372036854775808");
    CHECK(py::percent(int64_t{5}, "ld") == "5");
    CHECK(py::percent(3.14159, "5.2f") == " 3.14");
    CHECK(py::percent(12345.678, "E") == "1.234568E+04");
    CHECK(py::percent(int64_t{42}, "u") == "42");
    CHECK(py::percent(int64_t{65}, "-5c") == "A    ");
}

TEST_CASE("percent() raises CPython's errors for mismatched types", "[format]") {
    CHECK(error_of([] { py::percent(std::string("x"), "d"); }) == "TypeError: %d format: a real number is required, not str");
    CHECK(error_of([] { py::percent(1.5, "x"); }) == "TypeError: %x format: an integer is required, not float");
    CHECK(error_of([] { py::percent(std::string("x"), "f"); }) == "TypeError: must be real number, not str");
    CHECK(error_of([] { py::percent(std::string("ab"), "c"); }) == "TypeError: %c requires int or char");
    CHECK(error_of([] { py::percent(std::string("s"), "x"); }) == "TypeError: %x format: an integer is required, not str");
    CHECK(error_of([] { py::percent(std::nan(""), "d"); }) == "ValueError: cannot convert float NaN to integer");
}
