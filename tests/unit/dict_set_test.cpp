// Unit tests for py::dict, py::set and py::hash (runtime/py2cpp/dict.hpp, set.hpp, hash.hpp).
//
// Expected values are what python3.11 prints for the same code. The randomized set-order cases
// come from tests/unit/gen_set_order.py, which runs the same operations under CPython.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "py2cpp/runtime.hpp"

namespace {

template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const py::BaseException& e) {
        return e.message().empty() ? std::string(e.type_name()) : std::string(e.type_name()) + ": " + e.message();
    }
    return "no exception";
}

template <class T>
std::vector<T> order(const py::set<T>& s) {
    return std::vector<T>(s.begin(), s.end());
}

}  // namespace

// ---------------------------------------------------------------- hash

TEST_CASE("hash: ints, bools, floats and tuples hash as in CPython 3.11") {
    py::hash h;
    CHECK(h(int64_t{-1}) == -2);
    CHECK(h(INT64_MIN) == -4);
    CHECK(h(INT64_MAX) == 3);
    CHECK(h(int64_t{(int64_t{1} << 61) - 1}) == 0);
    CHECK(h(-((int64_t{1} << 61) - 1)) == 0);
    CHECK(h(-(int64_t{1} << 61)) == -2);
    CHECK(h(int64_t{1} << 62) == 2);
    CHECK(h(-(int64_t{1} << 62)) == -2);
    CHECK(h(true) == 1);
    CHECK(h(false) == 0);
    CHECK(h(py::math::inf) == 314159);
    CHECK(h(-0.0) == 0);
    CHECK(h(2.0) == 2);
    CHECK(h(0.5) == 1152921504606846976);
    CHECK(h(1.5) == 1152921504606846977);
    CHECK(h(-2.25) == -576460752303423490);
    CHECK(h(1e300) == 1224995262755759164);
    CHECK(h(1e-300) == 482449582752280463);
    CHECK(h(123456789.123) == 283618680910892309);
    CHECK(h(std::tuple<>()) == 5740354900026072187);
    CHECK(h(std::make_tuple(int64_t{1}, int64_t{2})) == -3550055125485641917);
    CHECK(h(std::make_tuple(int64_t{1}, std::make_tuple(int64_t{2}, int64_t{3}))) == 7267574591690527098);
    CHECK(h(std::make_tuple(1.5, int64_t{-1})) == -9002791676578425913);
    CHECK(h(std::make_tuple(true, false)) == -5164621852614943976);
    CHECK(py::stable_hash<std::tuple<int64_t, double>>);
    CHECK_FALSE(py::stable_hash<std::string>);
    CHECK_FALSE(py::stable_hash<std::tuple<int64_t, std::string>>);
}

// ---------------------------------------------------------------- set order

namespace {

// Mirrors Rng, element() and run_case() of gen_set_order.py.
struct Rng {
    uint64_t state;
    uint64_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    }
    uint64_t below(uint64_t n) { return next() % n; }
    int64_t int_in(uint64_t keyspace) {
        const uint64_t r = (next() << 32) ^ next();
        return static_cast<int64_t>(r % (2 * keyspace)) - static_cast<int64_t>(keyspace);
    }
};

constexpr std::size_t kSizes[] = {0, 1, 2, 3, 5, 9, 20, 60, 300};
constexpr uint64_t kKeyspaces[] = {8, 32, 200, 5000, uint64_t{1} << 62};

using Pair = std::tuple<int64_t, int64_t>;

int64_t make_element(Rng& rng, uint64_t keyspace, int64_t*) {
    if (rng.below(3) == 0) {
        const int64_t base = static_cast<int64_t>(rng.below(40));
        const int64_t scales[] = {8, 32, 1024};
        return base * scales[rng.below(3)];
    }
    return rng.int_in(keyspace);
}
double make_element(Rng& rng, uint64_t keyspace, double*) {
    const int64_t n = rng.int_in(std::min<uint64_t>(keyspace, uint64_t{1} << 40));
    return static_cast<double>(n) / static_cast<double>(1 + rng.below(7));
}
Pair make_element(Rng& rng, uint64_t keyspace, Pair*) {
    const int64_t a = rng.int_in(keyspace);
    const int64_t b = rng.int_in(8);
    return {a, b};
}

template <class T>
std::vector<T> make_elements(Rng& rng) {
    const uint64_t keyspace = kKeyspaces[rng.below(std::size(kKeyspaces))];
    const std::size_t n = kSizes[rng.below(std::size(kSizes))];
    std::vector<T> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(make_element(rng, keyspace, static_cast<T*>(nullptr)));
    return out;
}

uint64_t mix(uint64_t h, uint64_t word) { return (h ^ word) * 1099511628211ULL; }
uint64_t word_of(int64_t x) { return static_cast<uint64_t>(x); }
uint64_t word_of(double x) {
    uint64_t w;
    std::memcpy(&w, &x, sizeof w);
    return w;
}
template <class T>
uint64_t checksum(const std::vector<T>& items) {
    uint64_t h = 14695981039346656037ULL;
    for (const T& x : items) {
        if constexpr (std::is_same_v<T, Pair>) {
            h = mix(mix(h, word_of(std::get<0>(x))), word_of(std::get<1>(x)));
        } else {
            h = mix(h, word_of(x));
        }
    }
    return h;
}

// A set display of constants: folded when it has more than two elements, as CPython compiles it.
template <class T>
py::set<T> display(const std::vector<T>& xs) {
    py::set<T> first;
    for (const T& x : xs) first.add(x);
    if (xs.size() <= 2) return first;
    py::set<T> rebuilt;
    for (const T& x : first) rebuilt.add(x);
    py::set<T> result;
    result.update(rebuilt);
    return result;
}

struct Outcome {
    std::size_t length;
    uint64_t order;
    uint64_t popped;
};

template <class T>
Outcome run_case(Rng& rng) {
    const std::vector<T> xa = make_elements<T>(rng), xb = make_elements<T>(rng);
    const uint64_t how = rng.below(3);
    py::set<T> a = how == 1 ? display(xa) : py::set<T>(xa);
    if (how == 2)
        for (const T& x : xa)
            if (rng.below(2) == 0) a.discard(x);
    py::set<T> b(xb);
    for (const T& x : xb)
        if (rng.below(5) == 0) b.discard(x);
    std::vector<T> popped, result;
    switch (rng.below(13)) {
        case 0: result = order(a | b); break;
        case 1: result = order(a & b); break;
        case 2: result = order(a - b); break;
        case 3: result = order(a ^ b); break;
        case 4: a |= b; result = order(a); break;
        case 5: a &= b; result = order(a); break;
        case 6: a -= b; result = order(a); break;
        case 7: a ^= b; result = order(a); break;
        case 8: result = order(a.copy()); break;
        case 9: {
            const std::size_t pops = std::min<std::size_t>(a.size(), rng.below(10));
            for (std::size_t i = 0; i < pops; ++i) popped.push_back(a.pop());
            for (std::size_t i = 0; i < std::min<std::size_t>(5, xb.size()); ++i) a.add(xb[i]);
            const std::size_t more = std::min<std::size_t>(a.size(), 3);
            for (std::size_t i = 0; i < more; ++i) popped.push_back(a.pop());
            result = order(a);
            break;
        }
        case 10:
            a.clear();
            for (const T& x : xb) a.add(x);
            result = order(a);
            break;
        case 11: {
            py::set<T> first(xa), rebuilt;
            for (const T& x : first) rebuilt.add(x);
            result = order(rebuilt);
            break;
        }
        default: {
            py::dict<T, int64_t> d;
            for (const T& x : xa) d[x] = 0;
            for (const T& x : xb) d[x] = 0;
            result = order(py::set<T>(d));
        }
    }
    return {result.size(), checksum(result), checksum(popped)};
}

constexpr Outcome kExpected[] = {
#include "set_order_expected.inc"
};

}  // namespace

TEST_CASE("set: iteration order is CPython 3.11's for 1500 random int, float and tuple cases") {
    std::size_t failures = 0;
    for (std::size_t i = 0; i < std::size(kExpected); ++i) {
        Rng rng{i * 7919 + 17};
        const uint64_t kind = rng.below(3);
        const Outcome got = kind == 0   ? run_case<int64_t>(rng)
                            : kind == 1 ? run_case<double>(rng)
                                        : run_case<Pair>(rng);
        const Outcome& want = kExpected[i];
        if (got.length != want.length || got.order != want.order || got.popped != want.popped) {
            ++failures;
            INFO("case " << i << " kind " << kind);
            CHECK(got.length == want.length);
            CHECK(got.order == want.order);
            CHECK(got.popped == want.popped);
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("set: displays, set() of a list and constant loops order like CPython") {
    // s = {7, 15}; list(s) -> [15, 7]; but `for x in {7, 15}` iterates a folded frozenset: [7, 15].
    CHECK(py::repr(py::set<int64_t>{7, 15}) == "{15, 7}");
    CHECK(py::repr(py::set<int64_t>::frozen_constant({7, 15})) == "{7, 15}");
    CHECK(py::repr(py::set<int64_t>::folded({15, 7, 23, 31})) == "{15, 7, 23, 31}");
    CHECK(py::repr(py::set<int64_t>(std::vector<int64_t>{15, 7, 23, 31})) == "{31, 7, 23, 15}");
    CHECK(py::repr(py::set<int64_t>::folded({-1, -2, -3, 0})) == "{0, -3, -1, -2}");
    CHECK(py::repr(py::set<double>::folded({1.5, 0.5, 2.0, -0.25})) == "{0.5, 1.5, 2.0, -0.25}");
    CHECK(py::repr(py::set<Pair>::folded({{1, 2}, {2, 1}, {0, 0}})) == "{(1, 2), (2, 1), (0, 0)}");
    CHECK(py::repr(py::set<int64_t>()) == "set()");
    CHECK(py::str(py::set<int64_t>{2, 1}) == "{1, 2}");
}

TEST_CASE("set: str elements keep insertion order") {
    py::set<std::string> s{"pear", "apple", "fig"};
    s.add("apple");
    s.discard("pear");
    s.add("kiwi");
    s.add("pear");
    CHECK(py::repr(s) == "{'apple', 'fig', 'kiwi', 'pear'}");
    CHECK(py::contains(s, "fig"));
    CHECK_FALSE(py::contains(s, std::string("plum")));
}

TEST_CASE("set: membership, removal errors, algebra and comparisons") {
    py::set<int64_t> a{1, 2, 3, 4}, b{3, 4, 5};
    CHECK(py::repr(a | b) == "{1, 2, 3, 4, 5}");
    CHECK(py::repr(a & b) == "{3, 4}");
    CHECK(py::repr(a - b) == "{1, 2}");
    CHECK(py::repr(a ^ b) == "{1, 2, 5}");
    CHECK((a & b) <= a);
    CHECK((a & b) < a);
    CHECK_FALSE(a < a);
    CHECK(a >= py::set<int64_t>{1});
    CHECK(a == py::set<int64_t>{4, 3, 2, 1});
    CHECK(a != b);
    CHECK(a.isdisjoint(py::set<int64_t>{9}));
    CHECK(error_of([&] { a.remove(42); }) == "KeyError: 42");
    CHECK(error_of([] { py::set<int64_t>().pop(); }) == "KeyError: 'pop from an empty set'");
    CHECK(error_of([] { py::set<std::string>{"a"}.remove("b"); }) == "KeyError: 'b'");
    CHECK(py::len(a) == 4);
    CHECK(py::sorted(py::set<int64_t>{-5, 3, 1}) == std::vector<int64_t>{-5, 1, 3});
    CHECK(py::truthy(a));
    CHECK_FALSE(py::truthy(py::set<int64_t>()));
    CHECK(error_of([&] {
              for (int64_t x : a) a.add(x + 10);
          }) == "RuntimeError: Set changed size during iteration");
}

// ---------------------------------------------------------------- dict

TEST_CASE("dict: insertion order, also after delete and reinsert") {
    py::dict<std::string, int64_t> d{{"x", 1}, {"y", 2}, {"z", 3}};
    d.erase("x");
    d["x"] = 4;
    d["y"] = 5;
    CHECK(py::repr(d) == "{'y': 5, 'z': 3, 'x': 4}");
    CHECK(py::list(d) == std::vector<std::string>{"y", "z", "x"});
    CHECK(py::list(d.values()) == std::vector<int64_t>{5, 3, 4});
    CHECK(py::repr(py::list(d.items())) == "[('y', 5), ('z', 3), ('x', 4)]");
    CHECK(py::repr(py::dict<int64_t, int64_t>()) == "{}");
    py::dict<int64_t, std::string> dup{{1, "a"}, {2, "b"}, {1, "c"}};
    CHECK(py::repr(dup) == "{1: 'c', 2: 'b'}");
}

TEST_CASE("dict: repr of nested containers and quoted strings as CPython prints them") {
    py::dict<int64_t, py::dict<std::string, std::vector<std::optional<double>>>> d;
    d[1]["a"] = {1.5, std::nullopt};
    CHECK(py::repr(d) == "{1: {'a': [1.5, None]}}");
    py::dict<Pair, std::vector<int64_t>> t;
    t[{1, 2}].push_back(3);
    CHECK(py::str(t) == "{(1, 2): [3]}");
    py::dict<int64_t, py::set<int64_t>> s{{3, {}}, {4, {2, 1}}};
    CHECK(py::repr(s) == "{3: set(), 4: {1, 2}}");
}

TEST_CASE("dict: KeyError carries repr(key), like CPython") {
    py::dict<std::string, int64_t> d{{"a", 1}};
    CHECK(error_of([&] { d.at("q"); }) == "KeyError: 'q'");
    CHECK(error_of([&] { d.pop("q"); }) == "KeyError: 'q'");
    CHECK(error_of([&] { d.erase("q"); }) == "KeyError: 'q'");
    CHECK(error_of([] { py::dict<int64_t, int64_t>().popitem(); }) == "KeyError: 'popitem(): dictionary is empty'");
    py::dict<std::tuple<int64_t, std::string>, int64_t> t;
    CHECK(error_of([&] { t.at({2, "b"}); }) == "KeyError: (2, 'b')");
    try {
        d.at("q");
    } catch (const py::LookupError& e) {
        CHECK(py::str(e) == "'q'");
        CHECK(py::repr(e) == "KeyError('q')");
    }
}

TEST_CASE("dict: get, setdefault, pop, popitem, update, copy, ==") {
    py::dict<std::string, std::vector<int64_t>> groups;
    groups.setdefault("odd", {}).push_back(1);
    groups.setdefault("odd", {}).push_back(3);
    groups["even"].push_back(2);
    CHECK(py::repr(groups) == "{'odd': [1, 3], 'even': [2]}");
    py::dict<std::string, int64_t> d{{"a", 1}, {"b", 2}};
    CHECK(d.get("a") == std::optional<int64_t>(1));
    CHECK(d.get("z") == std::nullopt);
    CHECK(d.get("z", 7) == 7);
    CHECK(d.pop("a") == 1);
    CHECK(d.pop("a", -1) == -1);
    d["c"] = 3;
    CHECK(d.popitem() == std::make_tuple(std::string("c"), int64_t{3}));
    py::dict<std::string, int64_t> other{{"b", 20}, {"d", 4}};
    d.update(other);
    CHECK(py::repr(d) == "{'b': 20, 'd': 4}");
    py::dict<std::string, int64_t> copy = d.copy();
    copy.at("b") += 1;
    CHECK(d.at("b") == 20);
    CHECK(copy == py::dict<std::string, int64_t>{{"d", 4}, {"b", 21}});
    CHECK_FALSE(copy == d);
    CHECK(py::contains(d, "d"));
    CHECK(py::len(d.keys()) == 2);
    CHECK(py::sorted(py::dict<int64_t, int64_t>{{3, 0}, {1, 0}}) == std::vector<int64_t>{1, 3});
    CHECK(error_of([&] {
              for (const auto& k : d) d[k + "!"] = 0;
          }) == "RuntimeError: dictionary changed size during iteration");
}

TEST_CASE("dict: random insert/delete churn keeps insertion order (against a plain model)") {
    Rng rng{12345};
    py::dict<int64_t, int64_t> d;
    std::vector<std::pair<int64_t, int64_t>> model;
    for (int step = 0; step < 20000; ++step) {
        const int64_t key = rng.int_in(64 + static_cast<uint64_t>(step % 500));
        auto it = std::find_if(model.begin(), model.end(), [&](const auto& e) { return e.first == key; });
        if (rng.below(3) == 0) {
            if (it != model.end()) {
                model.erase(it);
                d.erase(key);
            } else {
                CHECK(error_of([&] { d.erase(key); }) == "KeyError: " + std::to_string(key));
            }
        } else {
            if (it != model.end()) it->second = step;
            else model.emplace_back(key, step);
            d[key] = step;
        }
        if (step % 97 == 0 && !model.empty() && rng.below(2) == 0) {
            CHECK(d.popitem() == std::make_tuple(model.back().first, model.back().second));
            model.pop_back();
        }
    }
    std::vector<std::pair<int64_t, int64_t>> got;
    for (const auto& [k, v] : d.items()) got.emplace_back(k, v);
    CHECK(got == model);
    CHECK(d.size() == model.size());
}

TEST_CASE("OrderedDict: move_to_end, popitem(last), order-sensitive ==, CPython 3.11's repr") {
  py::OrderedDict<std::string, int64_t> od;
  CHECK(py::repr(od) == "OrderedDict()");
  od["a"] = 1;
  od["b"] = 2;
  od["c"] = 3;
  od.move_to_end("a");
  CHECK(py::repr(od) == "OrderedDict([('b', 2), ('c', 3), ('a', 1)])");
  od.move_to_end("a", false);
  CHECK(py::repr(od) == "OrderedDict([('a', 1), ('b', 2), ('c', 3)])");
  py::OrderedDict<std::string, int64_t> other;
  other["c"] = 3;
  other["b"] = 2;
  other["a"] = 1;
  CHECK_FALSE(od == other);
  other.move_to_end("c");
  other.move_to_end("b", true);
  other.move_to_end("c");
  CHECK(od == other);
  CHECK(py::repr(od.popitem(false)) == "('a', 1)");
  CHECK(py::repr(od.popitem()) == "('c', 3)");
  od.popitem();
  CHECK_THROWS_WITH(od.popitem(), "'dictionary is empty'");
  CHECK_THROWS_WITH(od.move_to_end("zz"), "'zz'");
}
