#pragma once
// Shared by the sema unit tests: parse a source text and analyse it.
#include <catch2/catch.hpp>

#include <string>

#include "parse/parse.hpp"
#include "sema/sema.hpp"

namespace py2cpp::testing {

struct Analyzed {
  ParseResult parsed;
  sema::SemaResult sema;
};

inline Analyzed analyze_source(const std::string& src) {
  Analyzed a{parse_module("t.py", src), {}};
  REQUIRE(a.parsed.ok());
  a.sema = sema::analyze(a.parsed.module);
  return a;
}

// For tests that keep the parse result themselves (the SemaResult points into its AST).
inline sema::SemaResult analyze_into(const std::string& src, ParseResult& parsed) {
  parsed = parse_module("t.py", src);
  REQUIRE(parsed.ok());
  return sema::analyze(parsed.module);
}

// A module function's variable (parameters and locals), and its type as Python spells it.
inline const sema::Variable& var(const sema::SemaResult& s, const std::string& fn, const std::string& name) {
  const sema::Function& f = s.functions.at(s.function_index.at(fn));
  return f.vars.at(f.var_index.at(name));
}

inline std::string type_of(const sema::SemaResult& s, const std::string& fn, const std::string& name) {
  return s.types.python_name(var(s, fn, name).type);
}

// The reasons of every stub, one a line.
inline std::string stub_reasons(const sema::SemaResult& s) {
  std::string out;
  for (const auto& st : s.stubs) out += st.reason + "\n";
  return out;
}

}  // namespace py2cpp::testing
