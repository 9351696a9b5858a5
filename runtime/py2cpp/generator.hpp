// py2cpp runtime: generator functions (`def f(): ... yield x`) as C++20 coroutines.
//
// py::Generator<T> is what a generator function returns. As in Python it is lazy (nothing
// runs before the first item is asked for), single-pass (a second loop over the same generator
// continues after the item where the first stopped), and an exception raised inside it reaches the code that
// asked for the next item. It is an input range: range-for, and everything of the runtime that
// iterates (sum, sorted, list, enumerate, zip, str.join, ...), take it.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "py2cpp/exceptions.hpp"

namespace py {

template <class T>
class Generator {
public:
    using value_type = T;

    struct promise_type {
        std::optional<T> value;
        std::exception_ptr error;

        Generator get_return_object() { return Generator(handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }  // lazy, as in Python
        std::suspend_always final_suspend() noexcept { return {}; }
        std::suspend_always yield_value(T v) {
            value = std::move(v);
            return {};
        }
        void return_void() noexcept {}
        // PEP 479: a StopIteration escaping the body (an unguarded next()) is a RuntimeError.
        void unhandled_exception() {
            try {
                throw;
            } catch (const StopIteration&) {
                error = std::make_exception_ptr(RuntimeError("generator raised StopIteration"));
            } catch (...) {
                error = std::current_exception();
            }
        }
    };
    using handle = std::coroutine_handle<promise_type>;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        iterator() = default;
        explicit iterator(const Generator* g) : g_(g) {}
        const T& operator*() const { return *g_->h_->promise().value; }
        const T* operator->() const { return &**this; }
        iterator& operator++() {
            g_->resume();
            return *this;
        }
        void operator++(int) { ++*this; }
        // Two iterators are equal when both are at the end (an end iterator has no generator).
        bool operator==(const iterator& other) const { return at_end() == other.at_end(); }

    private:
        bool at_end() const { return !g_ || g_->done(); }
        const Generator* g_ = nullptr;
    };

    // Copies share one coroutine, as two Python names bound to one generator do: `g2 = g`,
    // or passing it to a parameter, then advancing either advances both.
    Generator() = default;  // an exhausted generator (a variable declared before its first value)
    Generator(const Generator&) = default;
    Generator& operator=(const Generator&) = default;
    Generator(Generator&&) noexcept = default;
    Generator& operator=(Generator&&) noexcept = default;

    // begin() is Python's first next() of a loop: it runs the body to its next yield. A second
    // loop over the same generator so continues after the item the first one stopped at.
    iterator begin() const {
        resume();
        return iterator(this);
    }
    iterator end() const { return iterator(); }

    // next(g): the next item, or nothing when the body has finished.
    std::optional<T> advance() const {
        resume();
        if (done()) return std::nullopt;
        return *h_->promise().value;
    }

private:
    // Owns the coroutine frame; destroyed with the last copy of the generator.
    struct Frame {
        handle h;
        explicit Frame(handle frame) : h(frame) {}
        Frame(const Frame&) = delete;
        Frame& operator=(const Frame&) = delete;
        ~Frame() { h.destroy(); }
    };
    struct Handle {
        std::shared_ptr<Frame> frame;
        handle* operator->() const { return &frame->h; }
    };

    explicit Generator(handle h) : h_{std::make_shared<Frame>(h)} {}

    bool done() const { return !h_.frame || h_->done(); }

    void resume() const {
        if (done()) return;
        h_->resume();
        if (h_->promise().error) std::rethrow_exception(std::exchange(h_->promise().error, nullptr));
    }

    Handle h_;
};

// next(g) and next(g, default): StopIteration when the generator is exhausted, as in Python.
template <class T>
T next(const Generator<T>& g) {
    if (auto item = g.advance()) return std::move(*item);
    throw StopIteration("");
}

template <class T, class D>
T next(const Generator<T>& g, D&& fallback) {
    if (auto item = g.advance()) return std::move(*item);
    return T(std::forward<D>(fallback));
}

// next(x for x in xs if ...) without a default, when no item is left: the fold's last return.
template <class T>
T stop_iteration() {
    throw StopIteration("");
}

}  // namespace py
