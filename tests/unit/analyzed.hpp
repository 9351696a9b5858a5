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

// The reasons of every stub, one a line.
inline std::string stub_reasons(const sema::SemaResult& s) {
  std::string out;
  for (const auto& st : s.stubs) out += st.reason + "\n";
  return out;
}

}  // namespace py2cpp::testing
