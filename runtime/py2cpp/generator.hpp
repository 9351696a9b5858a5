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
#include <optional>
#include <utility>

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
        void unhandled_exception() { error = std::current_exception(); }
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
        const T& operator*() const { return *g_->h_.promise().value; }
        const T* operator->() const { return &**this; }
        iterator& operator++() {
            g_->resume();
            return *this;
        }
        void operator++(int) { ++*this; }
        // Two iterators are equal when both are at the end (an end iterator has no generator).
        bool operator==(const iterator& other) const { return at_end() == other.at_end(); }

    private:
        bool at_end() const { return !g_ || g_->h_.done(); }
        const Generator* g_ = nullptr;
    };

    Generator(Generator&& other) noexcept : h_(std::exchange(other.h_, {})) {}
    Generator& operator=(Generator&& other) noexcept {
        if (this != &other) {
            if (h_) h_.destroy();
            h_ = std::exchange(other.h_, {});
        }
        return *this;
    }
    Generator(const Generator&) = delete;
    Generator& operator=(const Generator&) = delete;
    ~Generator() {
        if (h_) h_.destroy();
    }

    // begin() is Python's first next() of a loop: it runs the body to its next yield. A second
    // loop over the same generator so continues after the item the first one stopped at.
    iterator begin() const {
        resume();
        return iterator(this);
    }
    iterator end() const { return iterator(); }

private:
    explicit Generator(handle h) : h_(h) {}

    void resume() const {
        if (h_.done()) return;
        h_.resume();
        if (h_.promise().error) std::rethrow_exception(std::exchange(h_.promise().error, nullptr));
    }

    handle h_;
};

}  // namespace py
