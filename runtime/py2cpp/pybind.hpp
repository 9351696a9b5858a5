// py2cpp runtime: what the pybind11 bindings of a translated module need (py2cpp --bindings).
//
// Shipped only with --bindings (it needs pybind11 and Python.h; the rest of the runtime is std-only).
//  - type casters for the runtime's own containers: py::dict <-> dict and py::set / py::frozenset
//    <-> set / frozenset (in iteration order both ways), py::vtuple <-> tuple, py::NoneType <-> None.
//    Like pybind11's casters for std::vector and std::map they copy: a Python list or dict handed
//    to C++ is a new C++ container, and what C++ returns is a new Python object.
//  - translate_exceptions(): a runtime exception (py::ValueError, py::KeyError, ...) arrives in
//    Python as the builtin exception of the same name, with the same message.
//  - SyncStdout: a call guard for functions that print, so C stdio output and Python's sys.stdout
//    reach the terminal (or pipe) in the order they were written.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "runtime.hpp"

namespace pybind11::detail {

// py::dict<K, V> (and the insertion order it keeps) <-> a Python dict.
template <class K, class V>
struct type_caster<::py::dict<K, V>> {
    using dict_type = ::py::dict<K, V>;  // one macro argument (no comma)
    using key_conv = make_caster<K>;
    using value_conv = make_caster<V>;

    bool load(handle src, bool convert) {
        if (!isinstance<pybind11::dict>(src)) return false;
        value = ::py::dict<K, V>{};
        for (auto item : reinterpret_borrow<pybind11::dict>(src)) {
            key_conv key;
            value_conv val;
            if (!key.load(item.first, convert) || !val.load(item.second, convert)) return false;
            value[cast_op<K&&>(std::move(key))] = cast_op<V&&>(std::move(val));
        }
        return true;
    }

    static handle cast(const ::py::dict<K, V>& src, return_value_policy policy, handle parent) {
        pybind11::dict out;
        for (const auto& [k, v] : src.items()) {
            auto key = reinterpret_steal<object>(key_conv::cast(k, return_value_policy_override<K>::policy(policy), parent));
            auto val = reinterpret_steal<object>(value_conv::cast(v, return_value_policy_override<V>::policy(policy), parent));
            if (!key || !val) return handle();
            out[std::move(key)] = std::move(val);
        }
        return out.release();
    }

    PYBIND11_TYPE_CASTER(dict_type, const_name("dict[") + key_conv::name + const_name(", ") + value_conv::name +
                                        const_name("]"));
};

// Elements of a py::set / py::frozenset from any Python set or frozenset; false if one does not convert.
template <class T>
bool load_set_items(handle src, bool convert, ::py::set<T>& out) {
    if (!isinstance<anyset>(src)) return false;
    for (auto item : reinterpret_borrow<anyset>(src)) {
        make_caster<T> conv;
        if (!conv.load(item, convert)) return false;
        out.add(cast_op<T&&>(std::move(conv)));
    }
    return true;
}

// A new Python set (or frozenset), filled in the C++ iteration order.
template <class T>
handle cast_set_items(const ::py::set<T>& src, bool frozen, return_value_policy policy, handle parent) {
    auto out = reinterpret_steal<object>(frozen ? PyFrozenSet_New(nullptr) : PySet_New(nullptr));
    if (!out) return handle();
    for (const T& x : src) {
        auto item = reinterpret_steal<object>(make_caster<T>::cast(x, return_value_policy_override<T>::policy(policy), parent));
        if (!item || PySet_Add(out.ptr(), item.ptr()) != 0) return handle();
    }
    return out.release();
}

template <class T>
struct type_caster<::py::set<T>> {
    bool load(handle src, bool convert) {
        value = ::py::set<T>{};
        return load_set_items(src, convert, value);
    }
    static handle cast(const ::py::set<T>& src, return_value_policy policy, handle parent) {
        return cast_set_items(src, false, policy, parent);
    }
    PYBIND11_TYPE_CASTER(::py::set<T>, const_name("set[") + make_caster<T>::name + const_name("]"));
};

template <class T>
struct type_caster<::py::frozenset<T>> {
    bool load(handle src, bool convert) {
        ::py::set<T> items;
        if (!load_set_items(src, convert, items)) return false;
        value = ::py::frozenset<T>(std::move(items));
        return true;
    }
    static handle cast(const ::py::frozenset<T>& src, return_value_policy policy, handle parent) {
        return cast_set_items(src, true, policy, parent);
    }
    PYBIND11_TYPE_CASTER(::py::frozenset<T>, const_name("frozenset[") + make_caster<T>::name + const_name("]"));
};

// tuple[T, ...] <-> a Python tuple (a list is accepted too, as pybind11 does for std::vector).
template <class T>
struct type_caster<::py::vtuple<T>> {
    bool load(handle src, bool convert) {
        if (!isinstance<sequence>(src) || isinstance<bytes>(src) || isinstance<str>(src)) return false;
        value = ::py::vtuple<T>{};
        for (auto item : reinterpret_borrow<sequence>(src)) {
            make_caster<T> conv;
            if (!conv.load(item, convert)) return false;
            value.push_back(cast_op<T&&>(std::move(conv)));
        }
        return true;
    }
    static handle cast(const ::py::vtuple<T>& src, return_value_policy policy, handle parent) {
        pybind11::tuple out(src.size());
        for (size_t i = 0; i < src.size(); ++i) {
            auto item = reinterpret_steal<object>(make_caster<T>::cast(src[i], return_value_policy_override<T>::policy(policy), parent));
            if (!item) return handle();
            PyTuple_SET_ITEM(out.ptr(), static_cast<ssize_t>(i), item.release().ptr());
        }
        return out.release();
    }
    PYBIND11_TYPE_CASTER(::py::vtuple<T>, const_name("tuple[") + make_caster<T>::name + const_name(", ...]"));
};

template <>
struct type_caster<::py::NoneType> {
    bool load(handle src, bool) { return src.is_none(); }
    static handle cast(::py::NoneType, return_value_policy, handle) { return none().release(); }
    PYBIND11_TYPE_CASTER(::py::NoneType, const_name("None"));
};

}  // namespace pybind11::detail

namespace py::bindings {

// The builtin Python exception a runtime exception stands for, by its Python name (the runtime's
// type_name()); nullptr for another name (a module's own exception class).
inline PyObject* python_exception(std::string_view name) {
    struct Entry {
        std::string_view name;
        PyObject* type;
    };
    const Entry table[] = {
        {"BaseException", PyExc_BaseException}, {"Exception", PyExc_Exception},
        {"ArithmeticError", PyExc_ArithmeticError}, {"ZeroDivisionError", PyExc_ZeroDivisionError},
        {"OverflowError", PyExc_OverflowError}, {"FloatingPointError", PyExc_FloatingPointError},
        {"LookupError", PyExc_LookupError}, {"IndexError", PyExc_IndexError}, {"KeyError", PyExc_KeyError},
        {"ValueError", PyExc_ValueError}, {"UnicodeError", PyExc_UnicodeError}, {"TypeError", PyExc_TypeError},
        {"AttributeError", PyExc_AttributeError}, {"NameError", PyExc_NameError},
        {"UnboundLocalError", PyExc_UnboundLocalError}, {"RuntimeError", PyExc_RuntimeError},
        {"NotImplementedError", PyExc_NotImplementedError}, {"RecursionError", PyExc_RecursionError},
        {"AssertionError", PyExc_AssertionError}, {"StopIteration", PyExc_StopIteration},
        {"MemoryError", PyExc_MemoryError}, {"BufferError", PyExc_BufferError}, {"EOFError", PyExc_EOFError},
        {"ImportError", PyExc_ImportError}, {"ModuleNotFoundError", PyExc_ModuleNotFoundError},
        {"SyntaxError", PyExc_SyntaxError}, {"IndentationError", PyExc_IndentationError},
        {"TabError", PyExc_TabError}, {"SystemError", PyExc_SystemError}, {"ReferenceError", PyExc_ReferenceError},
        {"OSError", PyExc_OSError}, {"BlockingIOError", PyExc_BlockingIOError},
        {"ChildProcessError", PyExc_ChildProcessError}, {"ConnectionError", PyExc_ConnectionError},
        {"BrokenPipeError", PyExc_BrokenPipeError}, {"ConnectionAbortedError", PyExc_ConnectionAbortedError},
        {"ConnectionRefusedError", PyExc_ConnectionRefusedError}, {"ConnectionResetError", PyExc_ConnectionResetError},
        {"FileExistsError", PyExc_FileExistsError}, {"FileNotFoundError", PyExc_FileNotFoundError},
        {"InterruptedError", PyExc_InterruptedError}, {"IsADirectoryError", PyExc_IsADirectoryError},
        {"NotADirectoryError", PyExc_NotADirectoryError}, {"PermissionError", PyExc_PermissionError},
        {"ProcessLookupError", PyExc_ProcessLookupError}, {"TimeoutError", PyExc_TimeoutError},
    };
    for (const Entry& e : table)
        if (e.name == name) return e.type;
    return nullptr;
}

// KeyError's message is repr(key) (what the C++ prints for an uncaught one), but Python's
// str(KeyError(k)) is repr(k) itself: raise it with the key read back from that repr (a str, int,
// tuple ... key), or with the message when it does not read back.
inline void raise_key_error(const std::string& message) {
    try {
        pybind11::object key = pybind11::module_::import("ast").attr("literal_eval")(message);
        PyErr_SetObject(PyExc_KeyError, key.ptr());
    } catch (pybind11::error_already_set&) {
        PyErr_SetString(PyExc_KeyError, message.c_str());
    }
}

// Registers, for the functions of the module being initialised, the translation of the runtime's
// exceptions. The modules' own exception classes are registered with pybind11::register_exception
// (global, tried after this one): this one passes them on, so an exception class of one module
// thrown by another module's C++ arrives as itself.
inline void translate_exceptions() {
    pybind11::register_local_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ::py::NotTranslated& e) {
            // A statement py2cpp left as a stub was reached (the report lists it).
            PyErr_SetString(PyExc_NotImplementedError, (std::string("not translated by py2cpp: ") + e.what()).c_str());
        } catch (const ::py::BaseException& e) {
            PyObject* type = python_exception(e.type_name());
            // A module's own exception class: its translator (register_exception) is tried next.
            if (type == nullptr) throw;
            if (type == PyExc_KeyError) raise_key_error(e.message());
            else PyErr_SetString(type, e.what());
        }
    });
}

// pybind11::call_guard<py::bindings::SyncStdout>() on a function that prints: Python's buffered
// sys.stdout is flushed before the call, C's stdout (py::print) after it, so the lines keep their order.
struct SyncStdout {
    SyncStdout() {
        if (PyObject* out = PySys_GetObject("stdout"); out != nullptr && out != Py_None) {
            PyObject* r = PyObject_CallMethod(out, "flush", nullptr);
            if (r == nullptr) PyErr_Clear();
            Py_XDECREF(r);
        }
    }
    ~SyncStdout() { std::fflush(stdout); }
    SyncStdout(const SyncStdout&) = delete;
    SyncStdout& operator=(const SyncStdout&) = delete;
};

}  // namespace py::bindings
