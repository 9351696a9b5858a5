// Calls into the standard-library modules with a runtime header: heapq (runtime/py2cpp/heapq.hpp),
// bisect (bisect.hpp), random (random.hpp); math has its own math_call (calls.cpp).
#include <fmt/format.h>

#include "emit/emitter.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

CppExpr Emitter::stdlib_call(ExprId e, const std::string& callee, const Call& c) {
  const size_t dot = callee.find('.');
  const std::string module = callee.substr(0, dot), fn = callee.substr(dot + 1);
  if (module == "math") return math_call(fn, c);
  if (module == "heapq") return heapq_call(e, fn, c);
  if (module == "bisect") return bisect_call(fn, c);
  if (module == "collections") {
    // defaultdict(int) / Counter() / Counter(items): the factory is in the C++ type.
    std::string type = cpp_type(s_.expr_type[e]);
    if (fn == "deque") {
      // deque(items, maxlen) / deque(maxlen=n): the bound is a std::optional (None: unbounded).
      const Keyword* kw = keyword(c, "maxlen");
      ExprId maxlen = c.args.size() == 2 ? c.args[1] : kw ? kw->value : kNoNode;
      std::string bound = maxlen == kNoNode ? "" : ", " + (get_if<NoneLit>(m_, maxlen) ? "std::nullopt" : str(maxlen));
      if (c.args.empty()) return {type + (bound.empty() ? "()" : "(std::nullopt" + bound + ")"), 2};
      ExprId items = c.args[0];
      std::string source = s_.expr_type[items] == S::kStr ? "py::chars(" + as_std_string(items) + ")" : str(items);
      return {type + "(" + source + bound + ")", 2};
    }
    if (c.args.empty() || fn == "defaultdict") return {type + "()", 2};
    ExprId items = c.args[0];
    return {type + "(" + (s_.expr_type[items] == S::kStr ? "py::chars(" + as_std_string(items) + ")" : str(items)) + ")", 2};
  }
  return {"py::" + module + "::" + fn + "(" + args(c.args) + ")", 2};
}

// The list a heapq/bisect function works on: the runtime takes it by reference, so a temporary
// (`heapq.heapify([3, 1, 2])`) needs a name.
std::string Emitter::list_argument(ExprId list) {
  if (get_if<ListLit>(m_, list) || get_if<Call>(m_, list)) return "py::lvalue(" + str(list) + ")";
  return str(list);
}

CppExpr Emitter::heapq_call(ExprId e, const std::string& fn, const Call& c) {
  if (fn == "nlargest" || fn == "nsmallest") {
    S::TypeId el = s_.types.arg(s_.expr_type[e], 0);
    // Strings iterate by code point; a literal must become a std::string first.
    ExprId items_e = c.args[1];
    std::string items = s_.expr_type[items_e] == S::kStr ? "py::to_list(" + as_std_string(items_e) + ")" : as_std_string(items_e);
    const Keyword* key = keyword(c, "key");
    if (key && !get_if<NoneLit>(m_, key->value))
      return {fmt::format("py::heapq::{}_by({}, {}, {})", fn, str(c.args[0]), items, key_function(key->value, el)), 2};
    return {fmt::format("py::heapq::{}({}, {})", fn, str(c.args[0]), items), 2};
  }
  S::TypeId el = s_.types.arg(s_.expr_type[c.args[0]], 0);
  std::string out = "py::heapq::" + fn + "(" + list_argument(c.args[0]);
  if (c.args.size() == 2) out += ", " + str(c.args[1], el);
  return {out + ")", 2};
}

CppExpr Emitter::bisect_call(const std::string& fn, const Call& c) {
  S::TypeId el = s_.types.arg(s_.expr_type[c.args[0]], 0);
  const Keyword* key = keyword(c, "key");
  if (key && get_if<NoneLit>(m_, key->value)) key = nullptr;
  const bool search = fn.rfind("bisect", 0) == 0;
  // x is a key for bisect_*(..., key=f), an item otherwise.
  S::TypeId x_t = key && search ? s_.expr_type[key->value] : el;
  std::string out = "py::bisect::" + fn + (key ? "_by(" : "(") + list_argument(c.args[0]) + ", " + str(c.args[1], x_t);
  if (key) out += ", " + key_function(key->value, el);
  ExprId lo = c.args.size() > 2 ? c.args[2] : kNoNode, hi = c.args.size() > 3 ? c.args[3] : kNoNode;
  if (const Keyword* k = keyword(c, "lo")) lo = k->value;
  if (const Keyword* k = keyword(c, "hi")) hi = k->value;
  if (hi != kNoNode && get_if<NoneLit>(m_, hi)) hi = kNoNode;  // hi=None: len(a)
  if (lo != kNoNode || hi != kNoNode) out += ", " + (lo != kNoNode ? str(lo) : std::string("0"));
  if (hi != kNoNode) out += ", " + str(hi);
  return {out + ")", 2};
}

}  // namespace py2cpp
