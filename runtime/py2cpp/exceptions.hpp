// py2cpp runtime: Python's exception hierarchy as C++ exception classes.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>

namespace py {

// Root of the hierarchy. type_name() is the Python class name, used when an
// uncaught exception is reported ("ValueError: message").
class BaseException : public std::exception {
public:
    explicit BaseException(std::string message = {}) : message_(std::move(message)) {}
    virtual const char* type_name() const noexcept { return "BaseException"; }
    const std::string& message() const noexcept { return message_; }
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

// Declares `class Name : public Base` that reports "Name" as its type name.
#define PY2CPP_EXCEPTION(Name, Base)                                             \
    class Name : public Base {                                                   \
    public:                                                                      \
        using Base::Base;                                                        \
        const char* type_name() const noexcept override { return #Name; }       \
    }

// CPython's hierarchy; the same table as src/sema/exceptions.cpp.
PY2CPP_EXCEPTION(Exception, BaseException);
PY2CPP_EXCEPTION(ArithmeticError, Exception);
PY2CPP_EXCEPTION(ZeroDivisionError, ArithmeticError);
PY2CPP_EXCEPTION(OverflowError, ArithmeticError);
PY2CPP_EXCEPTION(FloatingPointError, ArithmeticError);
PY2CPP_EXCEPTION(LookupError, Exception);
PY2CPP_EXCEPTION(IndexError, LookupError);
PY2CPP_EXCEPTION(KeyError, LookupError);
PY2CPP_EXCEPTION(ValueError, Exception);
PY2CPP_EXCEPTION(UnicodeError, ValueError);
PY2CPP_EXCEPTION(TypeError, Exception);
PY2CPP_EXCEPTION(AttributeError, Exception);
PY2CPP_EXCEPTION(NameError, Exception);
PY2CPP_EXCEPTION(UnboundLocalError, NameError);
PY2CPP_EXCEPTION(RuntimeError, Exception);
PY2CPP_EXCEPTION(NotImplementedError, RuntimeError);
PY2CPP_EXCEPTION(RecursionError, RuntimeError);
PY2CPP_EXCEPTION(AssertionError, Exception);
PY2CPP_EXCEPTION(StopIteration, Exception);
PY2CPP_EXCEPTION(MemoryError, Exception);
PY2CPP_EXCEPTION(BufferError, Exception);
PY2CPP_EXCEPTION(EOFError, Exception);
PY2CPP_EXCEPTION(ImportError, Exception);
PY2CPP_EXCEPTION(ModuleNotFoundError, ImportError);
PY2CPP_EXCEPTION(SyntaxError, Exception);
PY2CPP_EXCEPTION(IndentationError, SyntaxError);
PY2CPP_EXCEPTION(TabError, IndentationError);
PY2CPP_EXCEPTION(SystemError, Exception);
PY2CPP_EXCEPTION(ReferenceError, Exception);
PY2CPP_EXCEPTION(OSError, Exception);
PY2CPP_EXCEPTION(BlockingIOError, OSError);
PY2CPP_EXCEPTION(ChildProcessError, OSError);
PY2CPP_EXCEPTION(ConnectionError, OSError);
PY2CPP_EXCEPTION(BrokenPipeError, ConnectionError);
PY2CPP_EXCEPTION(ConnectionAbortedError, ConnectionError);
PY2CPP_EXCEPTION(ConnectionRefusedError, ConnectionError);
PY2CPP_EXCEPTION(ConnectionResetError, ConnectionError);
PY2CPP_EXCEPTION(FileExistsError, OSError);
PY2CPP_EXCEPTION(FileNotFoundError, OSError);
PY2CPP_EXCEPTION(InterruptedError, OSError);
PY2CPP_EXCEPTION(IsADirectoryError, OSError);
PY2CPP_EXCEPTION(NotADirectoryError, OSError);
PY2CPP_EXCEPTION(PermissionError, OSError);
PY2CPP_EXCEPTION(ProcessLookupError, OSError);
PY2CPP_EXCEPTION(TimeoutError, OSError);

// Thrown where the translator could not (or may not) reproduce Python's
// behaviour. Deliberately not an Exception, so `except Exception:` in
// translated code never swallows it.
PY2CPP_EXCEPTION(NotTranslated, BaseException);

#undef PY2CPP_EXCEPTION

[[noreturn]] inline void not_translated(std::string_view what) {
    throw NotTranslated(std::string(what));
}

// Same, usable where an expression of type T is expected.
template <class T>
T not_translated_value(std::string_view what) {
    not_translated(what);
}

// Python ints are unbounded; ours are int64_t. Results that do not fit are
// reported rather than silently wrapped.
[[noreturn]] inline void int64_overflow() {
    throw OverflowError("integer result does not fit in int64");
}

}  // namespace py
