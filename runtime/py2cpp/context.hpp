// py2cpp runtime: what a context manager's __exit__(self, exc_type, exc, tb) receives.
//
// A `with` body that raises calls __exit__ with the exception in flight, one that completes
// with None three times. Both exc_type and exc point at that exception (nullptr for None):
// exc_type answers `is None`, `is ValueError`, issubclass() and `.__name__`, exc prints and
// converts like the exception (str(exc) is its message). The traceback is not kept.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <typeinfo>

#include "exceptions.hpp"
#include "repr.hpp"

namespace py {

// exc_type: the class of the exception leaving the with body, or None.
struct ExcType {
    const BaseException* active = nullptr;
    bool __bool__() const { return active != nullptr; }
    friend bool operator==(const ExcType& x, std::nullptr_t) { return x.active == nullptr; }  // `is None`
};

// exc: the exception leaving the with body, or None.
struct ExcValue {
    const BaseException* active = nullptr;
    bool __bool__() const { return active != nullptr; }
    friend bool operator==(const ExcValue& x, std::nullptr_t) { return x.active == nullptr; }  // `is None`
};

// tb: the traceback, which translated code does not have.
struct Traceback {};

// `exc_type is E`: exactly that class.
template <class E>
bool exc_is(const ExcType& t) {
    return t.active != nullptr && typeid(*t.active) == typeid(E);
}

// issubclass(exc_type, E) / isinstance(exc, E). issubclass(None, E) is a TypeError in Python.
template <class E, class Info>
bool exc_matches(const Info& t, const char* builtin) {
    if (t.active == nullptr) {
        if constexpr (std::is_same_v<Info, ExcType>) {
            throw TypeError(std::string(builtin) + "() arg 1 must be a class");
        }
        return false;
    }
    return dynamic_cast<const E*>(t.active) != nullptr;
}

// exc_type.__name__
inline std::string exc_name(const ExcType& t) {
    if (t.active == nullptr) throw AttributeError("'NoneType' object has no attribute '__name__'");
    return t.active->type_name();
}

template <>
struct Repr<ExcValue> {
    static void repr(std::string& out, const ExcValue& e) {
        if (e.active == nullptr) {
            out += "None";
        } else {
            Repr<BaseException>::repr(out, *e.active);
        }
    }
    static void str(std::string& out, const ExcValue& e) {
        if (e.active == nullptr) {
            out += "None";
        } else {
            out += e.active->message();
        }
    }
};

}  // namespace py
