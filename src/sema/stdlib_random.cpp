// Calls into the random module: random.xxx(...) and `from random import xxx`, typed against
// runtime/py2cpp/random.hpp (CPython 3.11's sequences for the same seed). Int arguments only
// for seed(); anything else stays an honest stub.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

TypeId Analyzer::infer_random_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  (void)e;
  std::vector<TypeId> a;
  if (!infer_call_arguments(c, s, a)) return kUnknown;
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, "random." + fn + "(): " + why);
    return kUnknown;
  };
  if (!c.keywords.empty()) return bad("keyword arguments are not supported");
  auto ints = [&](size_t lo, size_t hi) {
    if (a.size() < lo || a.size() > hi) return false;
    for (TypeId t : a)
      if (t != kInt && t != kBool) return false;
    return true;
  };
  auto nums = [&](size_t lo, size_t hi) {
    if (a.size() < lo || a.size() > hi) return false;
    for (TypeId t : a)
      if (!T.is_numeric(t)) return false;
    return true;
  };
  if (fn == "seed") return ints(0, 1) ? kNoneType : bad("only an int seed is supported");
  if (fn == "random") return a.empty() ? kFloat : bad("takes no arguments");
  if (fn == "getrandbits") return ints(1, 1) ? kInt : bad("takes one int");
  if (fn == "randrange") return ints(1, 3) ? kInt : bad("takes 1 to 3 ints");
  if (fn == "randint") return ints(2, 2) ? kInt : bad("takes two ints");
  if (fn == "uniform") return nums(2, 2) ? kFloat : bad("takes two numbers");
  if (fn == "gauss") return nums(0, 2) ? kFloat : bad("takes mu and sigma");
  if (fn == "choice") {
    if (a.size() == 1 && T.kind(a[0]) == TypeKind::List) return T.arg(a[0], 0);
    return bad("only a list is supported");
  }
  if (fn == "shuffle") {
    if (a.size() != 1 || T.kind(a[0]) != TypeKind::List) return bad("takes a list");
    note_mutation(c.args[0], s);
    return kNoneType;
  }
  if (fn == "sample") {
    if (a.size() == 2 && T.kind(a[0]) == TypeKind::List && !T.is_deque(a[0]) && (a[1] == kInt || a[1] == kBool))
      return r_.types.list_of(T.arg(a[0], 0));
    // random.sample(range(n), k): the same picks as from list(range(n)), without building it.
    if (a.size() == 2 && a[0] == kRange && (a[1] == kInt || a[1] == kBool)) return r_.types.list_of(kInt);
    return bad("takes a list or a range, and an int");
  }
  return bad("not supported");
}

}  // namespace py2cpp::sema
