// `"...".format(...)`, `"..." % args` and format(x, spec). Sema checked the literal format
// strings; here they are split again (sema/format_strings.cpp) into py::concat of the literal
// text and py::format (the f-string path) or py::percent pieces, so the generated code reads
// like the f-string it amounts to.
#include <map>

#include "emit/emitter.hpp"
#include "sema/format_strings.hpp"

namespace py2cpp {

using namespace ast;
namespace S = sema;

namespace {

void count_uses(const std::vector<FStringPart>& parts, std::map<ExprId, int>& uses) {
  for (const auto& p : parts) {
    if (p.expr != kNoNode) ++uses[p.expr];
    count_uses(p.format_spec, uses);
  }
}

bool is_plain(const Module& m, ExprId e) {
  return get_if<Name>(m, e) || get_if<IntLit>(m, e) || get_if<FloatLit>(m, e) || get_if<StrLit>(m, e) ||
         get_if<BoolLit>(m, e) || get_if<NoneLit>(m, e);
}

}  // namespace

// Python evaluates every argument once, left to right, before formatting; a field may name an
// argument twice or not at all, so such arguments are computed into temporaries first (the
// call's own operands are already in order: expr.cpp).
CppExpr Emitter::str_format_call(ExprId obj, const Call& c) {
  S::StrFormatArgs args;
  args.positional = c.args;
  for (const auto& k : c.keywords) args.keywords.emplace_back(k.name, k.value);
  auto parts = std::get<std::vector<FStringPart>>(S::parse_str_format(std::get<StrLit>(m_.expr(obj).node).value, args));
  std::map<ExprId, int> uses;
  count_uses(parts, uses);
  std::vector<ExprId> all = c.args;
  for (const auto& k : c.keywords) all.push_back(k.value);
  std::string prelude;
  std::vector<ExprId> hoisted;
  for (ExprId a : all) {
    // Already computed by the call's in_order, and never shown: mark it used (-Wunused).
    if (auto it = override_.find(a); it != override_.end() && uses[a] == 0) prelude += "(void)" + it->second + "; ";
    if (override_.count(a) || is_plain(m_, a) || uses[a] == 1) continue;
    if (uses[a] == 0 && !has_effects(a, true)) continue;  // never shown, and computing it does nothing
    std::string name = "arg" + std::to_string(temp_counter_++);
    std::string value = str(a);
    if (s_.expr_type[a] == S::kNoneType) value = "(" + value + ", py::None)";  // a call returning None
    prelude += "auto " + name + " = " + value + "; ";
    if (uses[a] == 0) prelude += "(void)" + name + "; ";
    override_[a] = name;
    hoisted.push_back(a);
  }
  CppExpr out = fstring(parts);
  for (ExprId a : hoisted) override_.erase(a);
  if (prelude.empty()) return out;
  return {"[&] { " + prelude + "return " + out.text + "; }()", 2};
}

CppExpr Emitter::percent_format(const BinOp& b) {
  std::vector<ExprId> args = S::percent_args(m_, b.right);
  return in_order(args, [&]() -> CppExpr {
    auto fields = std::get<std::vector<S::PercentField>>(
        S::parse_percent_format(std::get<StrLit>(m_.expr(b.left).node).value, args));
    std::vector<std::string> pieces;
    for (const auto& f : fields) {
      if (f.arg == kNoNode) pieces.push_back(string_literal(f.literal));
      else pieces.push_back("py::percent(" + str(f.arg) + ", " + string_literal(f.spec) + ")");
    }
    if (pieces.empty()) return {"std::string()", 2};
    if (pieces.size() == 1)
      return {pieces[0][0] == '"' ? "std::string(" + pieces[0] + ")" : pieces[0], 2};
    std::string out = "py::concat(";
    for (size_t i = 0; i < pieces.size(); ++i) out += (i ? ", " : "") + pieces[i];
    return {out + ")", 2};
  });
}

CppExpr Emitter::format_builtin(const Call& c) {
  if (c.args.size() == 1) return {"py::str(" + str(c.args[0]) + ")", 2};
  return {"py::format(" + str(c.args[0]) + ", " + str(c.args[1]) + ")", 2};
}

}  // namespace py2cpp
