// py2cpp runtime: what generated classes need. Instances are held by std::shared_ptr (Python's
// reference semantics); `None` is the empty pointer. Equality and ordering follow Python: `==`
// on instances is identity unless the class defines __eq__; containers compare element-wise
// through the same rules.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "exceptions.hpp"

namespace py {

// `self` used as a value inside a method (e.g. `registry.append(self)`).
template <class T>
std::shared_ptr<T> self_handle(const T* self) {
    return std::const_pointer_cast<T>(std::static_pointer_cast<const T>(self->shared_from_this()));
}

// type(x).__name__ of a handle: the first of Ds (most derived first, as generated) that x is an
// instance of, named by the same position in `names`.
template <class... Ds, class T>
std::string type_name_of(const T* x, const std::array<const char*, sizeof...(Ds)>& names) {
    if (!x) return "NoneType";
    const char* found = nullptr;
    size_t i = 0;
    ((found = found ? found : (dynamic_cast<const Ds*>(x) ? names[i] : nullptr), ++i), ...);
    return found ? found : "object";
}

// isinstance(obj, C) for class handles (None is no instance of anything).
template <class C, class T>
bool isinstance(const std::shared_ptr<T>& obj) {
    if constexpr (std::is_base_of_v<C, T>) {
        return obj != nullptr;
    } else {
        return std::dynamic_pointer_cast<C>(obj) != nullptr;
    }
}

// `x.attr` where x may be None: Python raises AttributeError.
template <class T>
const std::shared_ptr<T>& checked(const std::shared_ptr<T>& p, std::string_view attr) {
    if (!p) throw AttributeError("'NoneType' object has no attribute '" + std::string(attr) + "'");
    return p;
}

template <class A, class B>
bool eq(const A& a, const B& b);
template <class A, class B>
bool lt(const A& a, const B& b);

namespace detail {

template <class T>
struct IsSharedPtr : std::false_type {};
template <class T>
struct IsSharedPtr<std::shared_ptr<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};
template <class T>
struct IsTuple : std::false_type {};
template <class... Ts>
struct IsTuple<std::tuple<Ts...>> : std::true_type {};
template <class A, class B>
struct IsTuple<std::pair<A, B>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class A, class B, std::size_t... I>
bool tuple_eq(const A& a, const B& b, std::index_sequence<I...>) {
    return (py::eq(std::get<I>(a), std::get<I>(b)) && ...);
}

}  // namespace detail

// Python's `a == b`.
template <class A, class B>
bool eq(const A& a, const B& b) {
    if constexpr (detail::IsSharedPtr<A>::value) {
        if constexpr (requires { a->__eq__(b); }) {
            if (!a || !b) return a == b;
            return a->__eq__(b);
        } else {
            return a == b;  // identity, like object.__eq__
        }
    } else if constexpr (detail::IsVector<A>::value) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!py::eq(a[i], b[i])) return false;
        return true;
    } else if constexpr (detail::IsTuple<A>::value) {
        return detail::tuple_eq(a, b, std::make_index_sequence<std::tuple_size_v<A>>{});
    } else if constexpr (detail::IsOptional<A>::value) {
        if (!a.has_value() || !b.has_value()) return a.has_value() == b.has_value();
        return py::eq(*a, *b);
    } else {
        return a == b;
    }
}

// Python's tuple/list ordering: the first pair that differs (by ==) decides; otherwise the
// shorter sequence is smaller. Returns <0, 0 or >0.
template <class A, class B>
int compare(const A& a, const B& b);

namespace detail {

template <std::size_t I, class A, class B>
int tuple_compare(const A& a, const B& b) {
    if constexpr (I == std::tuple_size_v<A>) {
        return 0;
    } else {
        const auto& x = std::get<I>(a);
        const auto& y = std::get<I>(b);
        if (!py::eq(x, y)) return py::lt(x, y) ? -1 : 1;
        return tuple_compare<I + 1>(a, b);
    }
}

}  // namespace detail

template <class A, class B>
int compare(const A& a, const B& b) {
    if constexpr (detail::IsTuple<A>::value) {
        return detail::tuple_compare<0>(a, b);
    } else if constexpr (detail::IsVector<A>::value) {
        std::size_t n = a.size() < b.size() ? a.size() : b.size();
        for (std::size_t i = 0; i < n; ++i)
            if (!py::eq(a[i], b[i])) return py::lt(a[i], b[i]) ? -1 : 1;
        return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    } else {
        return py::lt(a, b) ? -1 : py::lt(b, a) ? 1 : 0;
    }
}

namespace detail {

// Python's `a < b` (OrEqual false) and `a <= b` (true): __lt__/__le__ on instances, else the
// reflected __gt__/__ge__ of the other; element-wise on containers; the C++ operator otherwise
// (so `a <= b` with a NaN is false, not `!(b < a)`).
template <bool OrEqual, class A, class B>
bool ordered(const A& a, const B& b) {
    if constexpr (IsSharedPtr<A>::value) {
        if constexpr (OrEqual) {
            if constexpr (requires { a->__le__(b); }) return a->__le__(b);
            else return b->__ge__(a);
        } else {
            if constexpr (requires { a->__lt__(b); }) return a->__lt__(b);
            else return b->__gt__(a);
        }
    } else if constexpr (IsVector<A>::value || IsTuple<A>::value) {
        return OrEqual ? py::compare(a, b) <= 0 : py::compare(a, b) < 0;
    } else if constexpr (OrEqual) {
        return a <= b;
    } else {
        return a < b;
    }
}

}  // namespace detail

template <class A, class B>
bool lt(const A& a, const B& b) {
    return detail::ordered<false>(a, b);
}

template <class A, class B>
bool le(const A& a, const B& b) {
    return detail::ordered<true>(a, b);
}

}  // namespace py
