// The parts of `sys` hot-path programs use (runtime/py2cpp/sys.hpp): sys.argv (a list[str]),
// sys.maxsize, sys.exit(status | message), reading stdin (`for line in sys.stdin`,
// sys.stdin.readline()/read()/readlines()), sys.stdout.write / sys.stderr.write, and the builtin
// input(). Everything else of sys (modules, path, getsizeof, ...) is a stub.
#include "sema/analyzer.hpp"

namespace py2cpp::sema {

using namespace ast;

// `sys.argv`, `sys.maxsize`, `sys.stdin` as values; kUnknown (after a stub) for anything else.
TypeId Analyzer::infer_sys_attribute(const std::string& attr, Scope& s) {
  if (attr == "argv") return r_.types.list_of(kStr);
  if (attr == "maxsize") return kInt;
  // An iterator over the lines, read as the loop asks for them.
  if (attr == "stdin") return r_.types.generator_of(kStr);
  unsupported(s, StubKind::StdlibFunction, "sys." + attr + (attr == "stdout" || attr == "stderr" ? " used as a value (call sys." + attr + ".write(...))" : " is not supported"));
  return kUnknown;
}

// fn: "exit", "setrecursionlimit", "stdin.readline", "stdout.write", ...
TypeId Analyzer::infer_sys_call(const std::string& fn, const Call& c, Scope& s) {
  std::vector<TypeId> a;
  if (!infer_call_arguments(c, s, a)) return kUnknown;
  auto bad = [&](const std::string& why) {
    unsupported(s, StubKind::CallForm, "sys." + fn + "(): " + why);
    return kUnknown;
  };
  if (!c.keywords.empty()) return bad("keyword arguments are not supported");
  if (fn == "exit") {
    // sys.exit(), sys.exit(None), sys.exit(status), sys.exit("message").
    if (a.empty() || (a.size() == 1 && (a[0] == kInt || a[0] == kBool || a[0] == kStr || a[0] == kNoneType))) return kNoneType;
    return bad("takes an int status, a str message or nothing");
  }
  // Python's recursion limit has no C++ counterpart: the C++ stack decides (see docs).
  if (fn == "setrecursionlimit") return a.size() == 1 && a[0] == kInt ? kNoneType : bad("takes an int");
  if (fn == "stdin.readline" || fn == "stdin.read") return a.empty() ? kStr : bad("takes no arguments (a size is not supported)");
  if (fn == "stdin.readlines") return a.empty() ? r_.types.list_of(kStr) : bad("takes no arguments");
  if (fn == "stdout.write" || fn == "stderr.write") return a.size() == 1 && a[0] == kStr ? kInt : bad("takes one str");
  if (fn == "stdout.flush" || fn == "stderr.flush") return a.empty() ? kNoneType : bad("takes no arguments");
  return bad("is not supported");
}

}  // namespace py2cpp::sema
