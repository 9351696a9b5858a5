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
