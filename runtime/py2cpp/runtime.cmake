# The py2cpp runtime as one CMake target: the header-only Python semantics (repr, floor division,
# checked indexing, ...) and the compile options every translated module must share.
# Included once per build tree (guarded by the generated CMakeLists.txt), so several generated
# projects can share one build via add_subdirectory().
add_library(py2cpp_runtime INTERFACE)
target_include_directories(py2cpp_runtime INTERFACE ${CMAKE_CURRENT_LIST_DIR}/..)
target_compile_features(py2cpp_runtime INTERFACE cxx_std_20)
# Floating-point results must be bit-identical to CPython: no contraction into FMA, no fast-math.
target_compile_options(py2cpp_runtime INTERFACE -Wall -Wextra -ffp-contract=off)

# A Python int never overflows; an int64_t does, and C++ would go on with a wrapped number (or
# anything: signed overflow is undefined). With this option, the default, the first overflow
# stops the program instead: "FILE.cpp:LINE:COL: runtime error: signed integer overflow: ...",
# exit status 1 (UBSan's check of + - * and unary -, about 3% more instructions in the benchmarks).
# Turn it off (-DPY2CPP_CHECK_INT_OVERFLOW=OFF) only where the values provably fit.
option(PY2CPP_CHECK_INT_OVERFLOW "Stop with an error when int64 arithmetic overflows" ON)
if(PY2CPP_CHECK_INT_OVERFLOW)
  include(CheckCXXSourceCompiles)
  set(_py2cpp_checks "-fsanitize=signed-integer-overflow;-fno-sanitize-recover=signed-integer-overflow")
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=signed-integer-overflow")
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=signed-integer-overflow)
  check_cxx_source_compiles("int main(int argc, char**) { return argc * 2 - 2; }" PY2CPP_HAVE_UBSAN)
  if(PY2CPP_HAVE_UBSAN)
    target_compile_definitions(py2cpp_runtime INTERFACE PY2CPP_CHECK_INT_OVERFLOW)
  else()
    # No sanitizer runtime library (e.g. clang without libclang-rt): trap, without the message
    # (and without flushing the output printed so far).
    set(_py2cpp_checks "-fsanitize=signed-integer-overflow;-fsanitize-undefined-trap-on-error")
    set(CMAKE_REQUIRED_FLAGS "-fsanitize=signed-integer-overflow -fsanitize-undefined-trap-on-error")
    set(CMAKE_REQUIRED_LINK_OPTIONS ${_py2cpp_checks})
    check_cxx_source_compiles("int main(int argc, char**) { return argc * 2 - 2; }" PY2CPP_HAVE_OVERFLOW_TRAP)
    if(NOT PY2CPP_HAVE_OVERFLOW_TRAP)
      message(WARNING "py2cpp: the compiler cannot check int64 overflow; overflowing ints will wrap")
      set(_py2cpp_checks "")
    endif()
  endif()
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  target_compile_options(py2cpp_runtime INTERFACE ${_py2cpp_checks})
  target_link_options(py2cpp_runtime INTERFACE ${_py2cpp_checks})
endif()
