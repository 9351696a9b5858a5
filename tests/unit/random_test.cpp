// Unit tests for runtime/py2cpp/random.hpp: the values are what CPython 3.11 prints.
#include <catch2/catch.hpp>

#include <vector>

#include "py2cpp/runtime.hpp"

TEST_CASE("random: seeded sequences are CPython's", "[random]") {
    py::random::Random r(0);
    CHECK(py::repr(r.random()) == "0.8444218515250481");
    CHECK(r.randint(1, 6) == 4);
    CHECK(r.getrandbits(50) == 291512489160500);
    CHECK(py::repr(r.gauss(0, 1)) == "1.1265434960496987");
    r.seed(-7);  // abs(seed)
    CHECK(py::repr(r.random()) == "0.32383276483316237");
    r.seed(12345678901234);  // two 32-bit key words
    CHECK(py::repr(r.random()) == "0.02504137575317178");
}

TEST_CASE("random: shuffle, choice, randrange errors", "[random]") {
    py::random::Random r(42);
    std::vector<int64_t> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    r.random();
    r.randint(1, 6);
    r.getrandbits(50);
    r.gauss(0, 1);
    r.gauss(0, 1);
    r.shuffle(v);
    CHECK(v[0] == 8);
    CHECK(r.choice(v) == 7);
    CHECK_THROWS_AS(r.choice(std::vector<int64_t>{}), py::IndexError);
    CHECK_THROWS_AS(r.randrange(0), py::ValueError);
    CHECK_THROWS_AS(r.randrange(1, 5, 0), py::ValueError);
}

TEST_CASE("random: distributions and choices are CPython 3.11's for the seed", "[random]") {
    py::random::Random r(11);
    CHECK(py::repr(r.expovariate(1.5)) == "0.40144856526476663");
    CHECK(py::repr(r.normalvariate(2, 3)) == "6.05892512330456");
    CHECK(py::repr(r.lognormvariate(0, 1)) == "0.8871561624796999");
    CHECK(py::repr(r.triangular(0, 10, 3)) == "4.625703582746183");
    CHECK(py::repr(r.triangular()) == "0.303858802616344");
    CHECK(py::repr(r.betavariate(0.5, 2)) == "0.22885221996914432");
    CHECK(py::repr(r.gammavariate(2.5, 1)) == "5.155900496522642");
    CHECK(py::repr(r.gammavariate(0.5, 1)) == "0.00245855260162622");
    CHECK(py::repr(r.gammavariate(1, 2)) == "6.691021030483206");
    const std::vector<std::string> abc{"a", "b", "c"};
    CHECK(py::repr(r.choices(abc, 5)) == "['b', 'b', 'a', 'a', 'b']");
    CHECK(py::repr(r.choices_weighted(abc, std::vector<int64_t>{1, 0, 3}, 5)) == "['a', 'a', 'a', 'a', 'c']");
    CHECK(py::repr(r.choices_cumulative(abc, std::vector<double>{0.5, 0.5, 2.0}, 5)) == "['c', 'c', 'c', 'c', 'c']");
    CHECK_THROWS_AS(r.choices_weighted(abc, std::vector<int64_t>{1, 2}), py::ValueError);
    CHECK_THROWS_AS(r.choices_weighted(abc, std::vector<int64_t>{0, 0, 0}), py::ValueError);
    CHECK_THROWS_AS(r.expovariate(0), py::ZeroDivisionError);
    CHECK_THROWS_AS(r.gammavariate(0, 1), py::ValueError);
}
