// Unit tests for src/diag/stub_kinds: the registry of stub reasons (docs/stub-reasons.md).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "diag/diagnostics.hpp"
#include "diag/stub_kinds.hpp"

using namespace py2cpp;

TEST_CASE("every stub kind has one row, in enum order, with a unique code, name, summary and fix") {
  const auto& kinds = all_stub_kinds();
  std::set<std::string> codes, names;
  for (size_t i = 0; i < kinds.size(); ++i) {
    const StubKindInfo& k = kinds[i];
    INFO(k.code);
    CHECK(static_cast<size_t>(k.kind) == i);  // stub_info indexes by the enum value
    CHECK(std::string(k.code) == "P2S" + std::string(i + 1 < 10 ? "00" : i + 1 < 100 ? "0" : "") + std::to_string(i + 1));
    CHECK(codes.insert(k.code).second);
    CHECK(names.insert(k.name).second);
    CHECK(std::string(k.summary).size() > 10);
    CHECK(std::string(k.fix).size() > 10);
    CHECK(&stub_info(k.kind) == &k);
  }
  CHECK(kinds.size() == static_cast<size_t>(StubKind::RebindsChangedParameter) + 1);
}

TEST_CASE("find_stub_kind looks codes up in any case and rejects unknown ones") {
  REQUIRE(find_stub_kind("P2S003") != nullptr);
  CHECK(find_stub_kind("P2S003")->kind == StubKind::UnsupportedImport);
  CHECK(find_stub_kind("p2s003") == find_stub_kind("P2S003"));
  CHECK(find_stub_kind("P2S999") == nullptr);
  CHECK(find_stub_kind("P2C0201") == nullptr);
  CHECK(find_stub_kind("") == nullptr);
}

TEST_CASE("the markdown registry names every stub kind and every diagnostic code") {
  std::string md = registry_markdown();
  for (const auto& k : all_stub_kinds()) {
    INFO(k.code);
    CHECK(md.find(std::string("### ") + k.code + " " + k.name) != std::string::npos);
    CHECK(md.find(k.fix) != std::string::npos);
  }
  for (const auto& d : all_diag_kinds()) CHECK(md.find(d.code) != std::string::npos);
  CHECK(explain_text(stub_info(StubKind::Kwargs)).find("P2S018 kwargs") == 0);
}
