#include "parse/cst.hpp"

#include <cstring>
#include <string_view>
#include <unordered_map>

namespace py2cpp::parse {

namespace {

Grammar make_grammar() {
  Grammar g;
  g.lang = tree_sitter_python();
  std::unordered_map<std::string_view, uint16_t> named, tokens;
#define PY2CPP_X(n) named.emplace(#n, N_##n);
  PY2CPP_NAMED_KINDS(PY2CPP_X)
#undef PY2CPP_X
#define PY2CPP_X(n, s) tokens.emplace(s, T_##n);
  PY2CPP_TOKEN_KINDS(PY2CPP_X)
#undef PY2CPP_X
  uint32_t count = ts_language_symbol_count(g.lang);
  g.kinds.assign(count, K_unknown);
  for (uint32_t s = 0; s < count; ++s) {
    const char* name = ts_language_symbol_name(g.lang, static_cast<TSSymbol>(s));
    if (!name) continue;
    TSSymbolType type = ts_language_symbol_type(g.lang, static_cast<TSSymbol>(s));
    if (type == TSSymbolTypeRegular) {
      if (auto it = named.find(name); it != named.end()) g.kinds[s] = it->second;
    } else if (type == TSSymbolTypeAnonymous) {
      if (auto it = tokens.find(name); it != tokens.end()) g.kinds[s] = it->second;
    }
  }
#define PY2CPP_X(f) g.f_##f = ts_language_field_id_for_name(g.lang, #f, static_cast<uint32_t>(std::strlen(#f)));
  PY2CPP_FIELDS(PY2CPP_X)
#undef PY2CPP_X
  return g;
}

}  // namespace

const Grammar& grammar() {
  static const Grammar g = make_grammar();
  return g;
}

}  // namespace py2cpp::parse
