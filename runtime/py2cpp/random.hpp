// py2cpp runtime: Python's random module, giving CPython 3.11's sequences for
// the same seed. The generator is MT19937 seeded as _randommodule.c does it
// (init_by_array over the 32-bit words of abs(seed), least significant
// first); the methods are Lib/random.py 3.11's algorithms on top of it.
//
// The module-level functions (random.random(), random.seed(n), ...) share one
// hidden generator, as in Python: py::random::state() is that object, owned by
// the translated program.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "arith.hpp"  // fpow
#include "exceptions.hpp"
#include "math.hpp"

namespace py::random {

class Random {
public:
    Random() { seed(); }
    explicit Random(int64_t n) { seed(n); }

    // seed(): from the operating system's entropy, like CPython's urandom seeding.
    void seed() {
        std::random_device rd;
        uint32_t key[4];
        for (auto& k : key) k = rd();
        init_by_array(key, 4);
        gauss_next_valid_ = false;
    }

    // seed(n) for an int n: the key is abs(n) as 32-bit words, little-endian.
    void seed(int64_t n) {
        const uint64_t u = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
        uint32_t key[2] = {static_cast<uint32_t>(u), static_cast<uint32_t>(u >> 32)};
        init_by_array(key, key[1] != 0 ? 2 : 1);
        gauss_next_valid_ = false;
    }

    // random(): 53 random bits as a float in [0.0, 1.0).
    double random() {
        const uint32_t a = genrand() >> 5;
        const uint32_t b = genrand() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    // getrandbits(k): k random bits; the first 32-bit word is the least significant.
    int64_t getrandbits(int64_t k) {
        if (k < 0) throw ValueError("number of bits must be non-negative");
        if (k > 63) throw NotTranslated("getrandbits() with more than 63 bits (ints are 64-bit)");
        if (k == 0) return 0;
        if (k <= 32) return static_cast<int64_t>(genrand() >> (32 - k));
        const uint64_t lo = genrand();
        const uint64_t hi = genrand() >> (64 - k);
        return static_cast<int64_t>(lo | (hi << 32));
    }

    // _randbelow_with_getrandbits(n): k = n.bit_length(), retry until r < n.
    int64_t randbelow(int64_t n) {
        if (n <= 0) return 0;
        int64_t k = 0;
        for (uint64_t v = static_cast<uint64_t>(n); v != 0; v >>= 1) ++k;
        int64_t r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return r;
    }

    int64_t randrange(int64_t stop) {
        if (stop > 0) return randbelow(stop);
        throw ValueError("empty range for randrange()");
    }

    int64_t randrange(int64_t start, int64_t stop, int64_t step = 1) {
        const int64_t width = stop - start;
        if (step == 1) {
            if (width > 0) return start + randbelow(width);
            throw ValueError("empty range for randrange() (" + std::to_string(start) + ", " + std::to_string(stop) + ", " +
                             std::to_string(width) + ")");
        }
        int64_t n = 0;
        if (step > 0) {
            n = py_floordiv(width + step - 1, step);
        } else if (step < 0) {
            n = py_floordiv(width + step + 1, step);
        } else {
            throw ValueError("zero step for randrange()");
        }
        if (n <= 0) throw ValueError("empty range for randrange()");
        return start + step * randbelow(n);
    }

    int64_t randint(int64_t a, int64_t b) { return randrange(a, b + 1); }

    double uniform(double a, double b) { return a + (b - a) * random(); }

    // Lib/random.py 3.11 gauss(): Box-Muller, the second value cached for the next call.
    double gauss(double mu = 0.0, double sigma = 1.0) {
        double z = gauss_next_;
        const bool had = gauss_next_valid_;
        gauss_next_valid_ = false;
        if (!had) {
            const double x2pi = random() * (2.0 * py::math::pi);
            const double g2rad = py::math::sqrt(-2.0 * py::math::log(1.0 - random()));
            z = py::math::cos(x2pi) * g2rad;
            gauss_next_ = py::math::sin(x2pi) * g2rad;
            gauss_next_valid_ = true;
        }
        return mu + z * sigma;
    }

    template <class T>
    T choice(const std::vector<T>& seq) {
        if (seq.empty()) throw IndexError("Cannot choose from an empty sequence");
        return seq[static_cast<std::size_t>(randbelow(static_cast<int64_t>(seq.size())))];
    }

    // Fisher-Yates from the end, as Lib/random.py.
    template <class T>
    void shuffle(std::vector<T>& x) {
        for (std::size_t i = x.size(); i-- > 1;) {
            const auto j = static_cast<std::size_t>(randbelow(static_cast<int64_t>(i + 1)));
            using std::swap;
            swap(x[i], x[j]);
        }
    }

    // Lib/random.py 3.11 sample(): a pool for small populations, a set of picks otherwise.
    // The population is a list or a range (indexed as population[j], like Python's Sequence).
    template <class Seq, class T = typename Seq::value_type>
    std::vector<T> sample(const Seq& population, int64_t k) {
        const auto n = static_cast<int64_t>(population.size());
        if (k < 0 || k > n) throw ValueError("Sample larger than population or is negative");
        std::vector<T> result;
        result.reserve(static_cast<std::size_t>(k));
        int64_t setsize = 21;
        if (k > 5) setsize += static_cast<int64_t>(std::pow(4.0, py::math::ceil(py::math::log(static_cast<double>(k * 3), 4.0))));
        if (n <= setsize) {
            std::vector<T> pool(population.begin(), population.end());
            for (int64_t i = 0; i < k; ++i) {
                const int64_t j = randbelow(n - i);
                result.push_back(pool[static_cast<std::size_t>(j)]);
                pool[static_cast<std::size_t>(j)] = pool[static_cast<std::size_t>(n - i - 1)];
            }
        } else {
            std::set<int64_t> selected;
            for (int64_t i = 0; i < k; ++i) {
                int64_t j = randbelow(n);
                while (selected.count(j)) j = randbelow(n);
                selected.insert(j);
                result.push_back(population[static_cast<typename Seq::size_type>(j)]);
            }
        }
        return result;
    }

    // Lib/random.py 3.11 choices(population, weights, cum_weights=, k=): without weights an
    // index floor(random() * n); with them bisect_right on the cumulative weights (ints stay ints,
    // as accumulate() leaves them), compared with random() * total.
    template <class T>
    std::vector<T> choices(const std::vector<T>& population, int64_t k = 1) {
        const double n = static_cast<double>(population.size());
        std::vector<T> result;
        for (int64_t i = 0; i < k; ++i) {
            const auto j = static_cast<std::size_t>(py::math::floor(random() * n));
            if (j >= population.size()) throw IndexError("list index out of range");
            result.push_back(population[j]);
        }
        return result;
    }
    template <class T, class W>
    std::vector<T> choices_weighted(const std::vector<T>& population, const std::vector<W>& weights, int64_t k = 1) {
        std::vector<W> cum;
        for (const W& w : weights) cum.push_back(cum.empty() ? w : cum.back() + w);
        return choices_cumulative(population, cum, k);
    }
    template <class T, class W>
    std::vector<T> choices_cumulative(const std::vector<T>& population, const std::vector<W>& cum, int64_t k = 1) {
        if (cum.size() != population.size()) throw ValueError("The number of weights does not match the population");
        if (cum.empty()) throw IndexError("list index out of range");
        const double total = static_cast<double>(cum.back()) + 0.0;
        if (total <= 0.0) throw ValueError("Total of weights must be greater than zero");
        if (!std::isfinite(total)) throw ValueError("Total of weights must be finite");
        const std::size_t hi = population.size() - 1;
        std::vector<T> result;
        for (int64_t i = 0; i < k; ++i) {
            const double x = random() * total;
            std::size_t lo = 0, top = hi;  // bisect_right(cum, x, 0, hi)
            while (lo < top) {
                const std::size_t mid = (lo + top) / 2;
                if (x < static_cast<double>(cum[mid])) top = mid;
                else lo = mid + 1;
            }
            result.push_back(population[lo]);
        }
        return result;
    }

    // The distributions of Lib/random.py 3.11, step for step (same calls to random(), same
    // floating-point operations, the C library's log/exp/sqrt/pow as in CPython).
    double expovariate(double lambd) {
        const double u = random();
        if (lambd == 0.0) throw ZeroDivisionError("float division by zero");
        return -py::math::log(1.0 - u) / lambd;
    }
    double normalvariate(double mu = 0.0, double sigma = 1.0) {
        const double nv_magicconst = 4 * std::exp(-0.5) / std::sqrt(2.0);
        double z = 0.0;
        while (true) {
            const double u1 = random();
            const double u2 = 1.0 - random();
            z = nv_magicconst * (u1 - 0.5) / u2;
            const double zz = z * z / 4.0;
            if (zz <= -py::math::log(u2)) break;
        }
        return mu + z * sigma;
    }
    double lognormvariate(double mu, double sigma) { return py::math::exp(normalvariate(mu, sigma)); }
    double triangular(double low = 0.0, double high = 1.0) { return triangular_c(random(), low, high, 0.5); }
    double triangular(double low, double high, double mode) {
        const double u = random();
        if (high - low == 0.0) return low;  // CPython's ZeroDivisionError, caught
        return triangular_c(u, low, high, (mode - low) / (high - low));
    }
    double gammavariate(double alpha, double beta) {
        if (alpha <= 0.0 || beta <= 0.0) throw ValueError("gammavariate: alpha and beta must be > 0.0");
        if (alpha > 1.0) {
            const double ainv = std::sqrt(2.0 * alpha - 1.0);
            const double bbb = alpha - std::log(4.0);
            const double ccc = alpha + ainv;
            const double sg_magicconst = 1.0 + std::log(4.5);
            while (true) {
                const double u1 = random();
                if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
                const double u2 = 1.0 - random();
                const double v = py::math::log(u1 / (1.0 - u1)) / ainv;
                const double x = alpha * py::math::exp(v);
                const double z = u1 * u1 * u2;
                const double r = bbb + ccc * v - x;
                if (r + sg_magicconst - 4.5 * z >= 0.0 || r >= py::math::log(z)) return x * beta;
            }
        }
        if (alpha == 1.0) return -py::math::log(1.0 - random()) * beta;
        const double e = 2.718281828459045;  // math.e
        double x = 0.0;
        while (true) {
            const double u = random();
            const double b = (e + alpha) / e;
            const double p = b * u;
            x = p <= 1.0 ? py::fpow(p, 1.0 / alpha) : -py::math::log((b - p) / alpha);
            const double u1 = random();
            if (p > 1.0) {
                if (u1 <= py::fpow(x, alpha - 1.0)) break;
            } else if (u1 <= py::math::exp(-x)) {
                break;
            }
        }
        return x * beta;
    }
    double betavariate(double alpha, double beta) {
        const double y = gammavariate(alpha, 1.0);
        if (y != 0.0) return y / (y + gammavariate(beta, 1.0));
        return 0.0;
    }

private:
    static double triangular_c(double u, double low, double high, double c) {
        if (u > c) {
            u = 1.0 - u;
            c = 1.0 - c;
            std::swap(low, high);
        }
        return low + (high - low) * std::sqrt(u * c);
    }

    static constexpr int N = 624;
    static constexpr int M = 397;
    uint32_t mt_[N] = {};
    int mti_ = N + 1;
    double gauss_next_ = 0.0;
    bool gauss_next_valid_ = false;

    static int64_t py_floordiv(int64_t a, int64_t b) {
        int64_t q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return q;
    }

    void init_genrand(uint32_t s) {
        mt_[0] = s;
        for (int i = 1; i < N; ++i) mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<uint32_t>(i);
        mti_ = N;
    }

    void init_by_array(const uint32_t* key, int key_length) {
        init_genrand(19650218U);
        int i = 1, j = 0;
        for (int k = N > key_length ? N : key_length; k; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<uint32_t>(j);
            ++i;
            ++j;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
            if (j >= key_length) j = 0;
        }
        for (int k = N - 1; k; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<uint32_t>(i);
            ++i;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
        }
        mt_[0] = 0x80000000U;
    }

    uint32_t genrand() {
        static constexpr uint32_t mag01[2] = {0x0U, 0x9908b0dfU};
        if (mti_ >= N) {
            int kk = 0;
            for (; kk < N - M; ++kk) {
                const uint32_t y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
                mt_[kk] = mt_[kk + M] ^ (y >> 1) ^ mag01[y & 0x1U];
            }
            for (; kk < N - 1; ++kk) {
                const uint32_t y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
                mt_[kk] = mt_[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 0x1U];
            }
            const uint32_t y = (mt_[N - 1] & 0x80000000U) | (mt_[0] & 0x7fffffffU);
            mt_[N - 1] = mt_[M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
            mti_ = 0;
        }
        uint32_t y = mt_[mti_++];
        y ^= (y >> 11);
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= (y >> 18);
        return y;
    }
};

// The hidden generator behind the module-level functions: the program's state.
inline Random& state() {
    static Random r;
    return r;
}

inline void seed() { state().seed(); }
inline void seed(int64_t n) { state().seed(n); }
inline double random() { return state().random(); }
inline int64_t getrandbits(int64_t k) { return state().getrandbits(k); }
inline int64_t randrange(int64_t stop) { return state().randrange(stop); }
inline int64_t randrange(int64_t start, int64_t stop, int64_t step = 1) { return state().randrange(start, stop, step); }
inline int64_t randint(int64_t a, int64_t b) { return state().randint(a, b); }
inline double uniform(double a, double b) { return state().uniform(a, b); }
inline double gauss(double mu = 0.0, double sigma = 1.0) { return state().gauss(mu, sigma); }
template <class T>
T choice(const std::vector<T>& seq) { return state().choice(seq); }
template <class T>
void shuffle(std::vector<T>& x) { state().shuffle(x); }
template <class Seq>
auto sample(const Seq& population, int64_t k) { return state().sample(population, k); }
template <class T>
std::vector<T> choices(const std::vector<T>& population, int64_t k = 1) { return state().choices(population, k); }
template <class T, class W>
std::vector<T> choices_weighted(const std::vector<T>& population, const std::vector<W>& weights, int64_t k = 1) {
    return state().choices_weighted(population, weights, k);
}
template <class T, class W>
std::vector<T> choices_cumulative(const std::vector<T>& population, const std::vector<W>& cum, int64_t k = 1) {
    return state().choices_cumulative(population, cum, k);
}
inline double expovariate(double lambd) { return state().expovariate(lambd); }
inline double normalvariate(double mu = 0.0, double sigma = 1.0) { return state().normalvariate(mu, sigma); }
inline double lognormvariate(double mu, double sigma) { return state().lognormvariate(mu, sigma); }
inline double triangular(double low = 0.0, double high = 1.0) { return state().triangular(low, high); }
inline double triangular(double low, double high, double mode) { return state().triangular(low, high, mode); }
inline double gammavariate(double alpha, double beta) { return state().gammavariate(alpha, beta); }
inline double betavariate(double alpha, double beta) { return state().betavariate(alpha, beta); }

}  // namespace py::random
