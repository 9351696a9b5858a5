// An override and the method it overrides share one C++ signature, so each parameter is passed the
// same way along the chain: a parameter that an abstract `...` body (or any one body) never changes,
// but another override changes in place, is a non-const reference in all of them.

#include <algorithm>
#include <string>

#include "sema/analyzer.hpp"

namespace py2cpp::sema {

bool Analyzer::unify_override_params() {
  bool any = false;
  auto by_value = [](const Variable& v) { return v.rebound || v.by_value; };
  bool changed = true;
  while (changed) {
    changed = false;
    for (Function& fn : r_.functions) {
      if (fn.owner < 0 || !fn.is_override) continue;
      // The nearest definition only; it is matched with its own base in turn.
      if (Function* bp = overridden_method(fn); bp && bp->external_module.empty()) {  // else its module fixed it
        Function& base = *bp;
        const size_t n = std::min({fn.num_params, base.num_params, fn.vars.size(), base.vars.size()});
        for (size_t i = 1; i < n; ++i) {  // after self
          Variable& a = fn.vars[i];
          Variable& p = base.vars[i];
          if (by_value(a) != by_value(p) && (a.mutated || p.mutated)) {
            Class& cls = r_.classes[fn.owner];
            if (cls.stub_reason.empty())
              cls.stub_reason = {StubKind::ClassForm, "parameter '" + a.name + "' of method '" + fn.method_name +
                                                          "' is changed in place by one override and rebound by another "
                                                          "(one C++ signature cannot pass it both ways)"};
            continue;
          }
          if (a.mutated != p.mutated) {
            a.mutated = p.mutated = true;
            changed = any = true;
          }
        }
      }
    }
  }
  return any;
}

}  // namespace py2cpp::sema
