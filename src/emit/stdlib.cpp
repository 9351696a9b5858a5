// Calls into the standard-library modules with a runtime header: heapq (runtime/py2cpp/heapq.hpp),
// bisect (bisect.hpp), random (random.hpp); math has its own math_call (calls.cpp).
#include <fmt/format.h>

#include <map>

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
  if (module == "itertools") return itertools_call(e, fn, c);
  if (module == "sys") return sys_call(fn, c);
  if (module == "functools" && fn == "partial") return partial_call(e, c);
  if (module == "dataclasses") return dataclasses_call(e, fn, c);
  if (module == "functools") {  // reduce: the function is a Callable (a lambda or a module function)
    S::TypeId acc = s_.expr_type[e];
    std::string items = s_.expr_type[c.args[1]] == S::kStr ? "py::list(py::chars(" + as_std_string(c.args[1]) + "))" : str(c.args[1]);
    std::string init = c.args.size() == 3 ? ", " + cpp_type(acc) + "(" + str(c.args[2], acc) + ")" : "";
    return {"py::functools::reduce(" + binary_function(c.args[0], acc) + ", " + items + init + ")", 2};
  }
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
    if (s_.types.kind(s_.expr_type[items]) == TypeKind::Dict)  // OrderedDict(d): d's items, in order
      return {type + "(" + paren(expr(items), 2) + ".items())", 2};
    return {type + "(" + (s_.expr_type[items] == S::kStr ? "py::chars(" + as_std_string(items) + ")" : str(items)) + ")", 2};
  }
  if (module == "random" && fn == "choices") {  // the weights decide the runtime function; k= last
    ExprId weights = c.args.size() == 2 ? c.args[1] : kNoNode;
    std::string name = "choices";
    if (const Keyword* w = keyword(c, "weights")) weights = w->value;
    if (weights != kNoNode) name = "choices_weighted";
    if (const Keyword* w = keyword(c, "cum_weights")) weights = w->value, name = "choices_cumulative";
    std::string out = "py::random::" + name + "(" + str(c.args[0]) + (weights != kNoNode ? ", " + str(weights) : "");
    if (const Keyword* k = keyword(c, "k")) out += ", " + str(k->value);
    return {out + ")", 2};
  }
  return {"py::" + module + "::" + fn + "(" + args(c.args) + ")", 2};
}

// The function of reduce / accumulate (sema check_binary_function): a Callable, or operator.add /
// sub / mul as a lambda on two values of the accumulator's type.
std::string Emitter::binary_function(ExprId f, S::TypeId acc) {
  std::string op = S::stdlib_callee(m_, s_, f);
  if (op.rfind("operator.", 0) != 0) return str(f, s_.expr_type[f]);
  std::string p = is_scalar(acc) ? cpp_type(acc) : "const " + cpp_type(acc) + "&";
  std::string body = op == "operator.mul" ? "a * b" : op == "operator.sub" ? "a - b"
                     : s_.types.kind(acc) == TypeKind::List ? "py::concat_list(a, b)" : "a + b";
  return "[](" + p + " a, " + p + " b) -> " + cpp_type(acc) + " { return " + body + "; }";
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

// itertools: runtime/py2cpp/itertools.hpp; tuple sizes (r, repeat=) are template arguments.
CppExpr Emitter::itertools_call(ExprId e, const std::string& fn, const Call& c) {
  const S::TypeTable& T = s_.types;
  // An iterable goes in by value (the coroutine keeps it); a str as its code points.
  auto items = [&](ExprId x) {
    return s_.expr_type[x] == S::kStr ? "py::list(py::chars(" + as_std_string(x) + "))" : str(x);
  };
  auto all_items = [&] {
    std::string out;
    for (ExprId x : c.args) out += (out.empty() ? "" : ", ") + items(x);
    return out;
  };
  const std::string ns = "py::itertools::";
  S::TypeId el = T.arg(s_.expr_type[e], 0);
  if (fn == "combinations" || fn == "permutations" || fn == "combinations_with_replacement")
    return {ns + fn + "<" + std::to_string(T.get(el).args.size()) + ">(" + items(c.args[0]) + ")", 2};
  if (fn == "product") {
    if (keyword(c, "repeat")) return {ns + "product_repeat<" + std::to_string(T.get(el).args.size()) + ">(" + items(c.args[0]) + ")", 2};
    return {ns + "product(" + all_items() + ")", 2};
  }
  if (fn == "accumulate") {
    const Keyword* initial = keyword(c, "initial");
    std::string init = initial ? ", std::optional<" + cpp_type(el) + ">(" + str(initial->value, el) + ")" : "";
    const Keyword* func_kw = keyword(c, "func");
    ExprId func = c.args.size() == 2 ? c.args[1] : func_kw ? func_kw->value : kNoNode;
    if (func != kNoNode && !get_if<NoneLit>(m_, func))
      return {ns + "accumulate_with(" + items(c.args[0]) + ", " + binary_function(func, el) + init + ")", 2};
    return {ns + "accumulate(" + items(c.args[0]) + init + ")", 2};
  }
  if (fn == "takewhile" || fn == "dropwhile") {
    S::TypeId item = s_.expr_type[c.args[1]] == S::kStr ? S::kStr : el;
    return {ns + fn + "(" + key_function(c.args[0], item) + ", " + items(c.args[1]) + ")", 2};
  }
  if (fn == "starmap") {
    std::string f = str(c.args[0], s_.expr_type[c.args[0]]);
    return {ns + "starmap(" + f + ", " + items(c.args[1]) + ")", 2};
  }
  if (fn == "islice") {
    auto bound = [&](ExprId x) { return get_if<NoneLit>(m_, x) ? std::string("std::nullopt") : str(x); };
    if (c.args.size() == 2) return {ns + "islice(" + items(c.args[0]) + ", 0, " + bound(c.args[1]) + ")", 2};
    std::string out = ns + "islice(" + items(c.args[0]) + ", " + str(c.args[1]) + ", " + bound(c.args[2]);
    return {out + (c.args.size() == 4 ? ", " + str(c.args[3]) : "") + ")", 2};
  }
  if (fn == "count") {
    std::vector<ExprId> a(c.args.begin(), c.args.end());
    const Keyword* start = keyword(c, "start");
    const Keyword* step = keyword(c, "step");
    if (a.empty() && start) a.push_back(start->value);
    if (a.empty() && step) a.push_back(kNoNode);
    if (a.size() == 1 && step) a.push_back(step->value);
    std::string out;
    for (ExprId x : a) out += (out.empty() ? "" : ", ") + (x == kNoNode ? std::string("0") : str(x, el));
    return {ns + "count<" + cpp_type(el) + ">(" + out + ")", 2};
  }
  if (fn == "repeat") {
    const Keyword* times = keyword(c, "times");
    ExprId n = c.args.size() == 2 ? c.args[1] : times ? times->value : kNoNode;
    return {ns + "repeat<" + cpp_type(el) + ">(" + as_std_string(c.args[0]) + (n == kNoNode ? "" : ", " + str(n)) + ")", 2};
  }
  if (fn == "groupby") {  // runtime/py2cpp/groupby.hpp
    const Keyword* kw = keyword(c, "key");
    ExprId key = c.args.size() == 2 ? c.args[1] : kw ? kw->value : kNoNode;
    if (key == kNoNode || get_if<NoneLit>(m_, key)) return {ns + "groupby(" + items(c.args[0]) + ")", 2};
    S::TypeId item = T.arg(T.arg(el, 1), 0);  // el: tuple[K, Group[T, K]]
    return {ns + "groupby(" + items(c.args[0]) + ", " + key_function(key, item) + ")", 2};
  }
  if (fn == "zip_longest") {
    const Keyword* fill = keyword(c, "fillvalue");
    if (!fill) return {ns + "zip_longest(" + all_items() + ")", 2};
    S::TypeId ft = T.arg(el, 0);
    return {ns + "zip_longest_fill(" + cpp_type(ft) + "(" + str(fill->value, ft) + "), " + all_items() + ")", 2};
  }
  if (fn == "chain.from_iterable") return {ns + "chain_from_iterable(" + items(c.args[0]) + ")", 2};
  return {ns + fn + "(" + all_items() + ")", 2};  // pairwise, chain, cycle
}

// sys.exit(...), sys.stdin.readline(), sys.stdout.write(s), ... (runtime/py2cpp/sys.hpp).
CppExpr Emitter::sys_call(const std::string& fn, const Call& c) {
  static const std::map<std::string, std::string> names = {
      {"stdin.readline", "readline"},        {"stdin.read", "read"},       {"stdin.readlines", "readlines"},
      {"stdout.write", "stdout_write"},      {"stderr.write", "stderr_write"}, {"stdout.flush", "stdout_flush"},
      {"stderr.flush", "stdout_flush"},      {"exit", "exit"},             {"setrecursionlimit", "setrecursionlimit"}};
  std::string name = names.at(fn);
  if (fn == "exit") {  // exit(), exit(None): status 0; a bool status is an int
    if (c.args.empty() || get_if<NoneLit>(m_, c.args[0])) return {"py::sys::exit()", 2};
    S::TypeId t = s_.expr_type[c.args[0]];
    if (t == S::kBool) return {"py::sys::exit(static_cast<int64_t>(" + str(c.args[0]) + "))", 2};
    return {"py::sys::exit(" + (t == S::kStr ? as_std_string(c.args[0]) : str(c.args[0])) + ")", 2};
  }
  return {"py::sys::" + name + "(" + args(c.args) + ")", 2};
}

}  // namespace py2cpp
