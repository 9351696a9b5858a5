// Calls into the random module: random.xxx(...) and `from random import xxx`, typed against
// runtime/py2cpp/random.hpp (CPython 3.11's sequences for the same seed). Int arguments only
// for seed(); anything else stays an honest stub.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

namespace {

// random.choices(population, weights=None, *, cum_weights=None, k=1): a list population; the
// weights a list of ints or floats; k an int. True if the call is one the runtime takes.
bool choices_ok(const TypeTable& T, const std::vector<TypeId>& a, const Call& c, const SemaResult& r, std::string* why) {
  if (a.empty() || a.size() > 2 || T.kind(a[0]) != TypeKind::List || T.is_deque(a[0])) {
    *why = "takes a list population and weights";
    return false;
  }
  std::vector<TypeId> weights;
  if (a.size() == 2) weights.push_back(a[1]);
  for (const auto& k : c.keywords) {
    TypeId t = r.expr_type[k.value];
    if (k.name == "k") {
      if (t != kInt && t != kBool) *why = "k= must be an int";
    } else if (k.name == "weights" || k.name == "cum_weights") {
      weights.push_back(t);
    } else {
      *why = "unexpected keyword '" + k.name + "'";
    }
  }
  if (weights.size() > 1) *why = "weights and cum_weights together (CPython raises TypeError)";
  for (TypeId w : weights)
    if (T.kind(w) != TypeKind::List || T.is_deque(w) || (T.arg(w, 0) != kInt && T.arg(w, 0) != kFloat))
      *why = "the weights must be a list of ints or floats";
  return why->empty();
}

}  // namespace

TypeId Analyzer::infer_random_call(ExprId e, const std::string& fn, const Call& c, Scope& s) {
  (void)e;
  std::vector<TypeId> a;
  if (!infer_call_arguments(c, s, a)) return kUnknown;
  const TypeTable& T = r_.types;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "random." + fn + "(): " + why);
    return kUnknown;
  };
  if (fn == "choices") {
    std::string why;
    return choices_ok(T, a, c, r_, &why) ? r_.types.list_of(T.arg(a[0], 0)) : bad(why);
  }
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
  if (fn == "gauss" || fn == "normalvariate") return nums(0, 2) ? kFloat : bad("takes mu and sigma");
  if (fn == "lognormvariate") return nums(2, 2) ? kFloat : bad("takes mu and sigma");
  if (fn == "expovariate") return nums(1, 1) ? kFloat : bad("takes lambd (Python 3.11 has no default)");
  if (fn == "triangular") return nums(0, 3) && a.size() != 1 ? kFloat : bad("takes low, high and mode");
  if (fn == "betavariate" || fn == "gammavariate") return nums(2, 2) ? kFloat : bad("takes alpha and beta");
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
