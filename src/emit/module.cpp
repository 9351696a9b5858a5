// File assembly: header, source, main.cpp and CMakeLists.txt from the templates, plus the
// runtime headers and the .clang-format the project ships with.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "ast/walk.hpp"
#include "emit/emit.hpp"
#include "emit/emitter.hpp"
#include "util/embedded.hpp"

namespace py2cpp {

using namespace ast;
using sema::TypeKind;
namespace S = sema;

namespace {

// Splices a CodeWriter's lines into a template result, keeping the per-line Python map.
struct Assembled {
  std::string text;
  std::vector<PyPos> map;
};

Assembled splice(const std::string& rendered, const std::string& marker, const CodeWriter& w) {
  Assembled out;
  size_t at = rendered.find(marker);
  std::string before = rendered.substr(0, at);
  std::string after = rendered.substr(at + marker.size());
  auto count_lines = [](const std::string& s) {
    return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  };
  out.text = before + w.text() + after;
  out.map.assign(count_lines(before), PyPos{});
  out.map.insert(out.map.end(), w.map().begin(), w.map().end());
  // `after` starts right after the marker, on the marker's own line: that line was already
  // ended by the writer's last newline, so drop the template's newline that follows the marker.
  if (!after.empty() && after[0] == '\n') {
    out.text = before + w.text() + after.substr(1);
    after = after.substr(1);
  }
  out.map.resize(out.map.size() + count_lines(after), PyPos{});
  return out;
}

bool is_cmake_reserved(const std::string& name) {
  static const std::set<std::string> reserved = {"all", "test", "install", "clean", "help", "package",
                                                  "edit_cache", "rebuild_cache", "ALL_BUILD", "ZERO_CHECK"};
  return reserved.count(name) > 0;
}

}  // namespace

std::string library_target(const std::string& module_name) {
  return is_cmake_reserved(module_name) ? module_name + "_lib" : module_name;
}

void Emitter::doc_comment(const std::string& doc) {
  if (doc.empty()) return;
  size_t start = 0;
  // Docstrings keep their text; common indentation after the first line is stripped.
  std::vector<std::string> lines;
  while (start <= doc.size()) {
    size_t nl = doc.find('\n', start);
    lines.push_back(doc.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  size_t indent = std::string::npos;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t p = lines[i].find_first_not_of(' ');
    if (p != std::string::npos) indent = std::min(indent, p);
  }
  while (!lines.empty() && lines.back().find_first_not_of(' ') == std::string::npos) lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string l = lines[i];
    if (i > 0 && indent != std::string::npos && l.size() >= indent) l = l.substr(indent);
    size_t first = l.find_first_not_of(' ');
    w_->line("/// " + (first == std::string::npos ? std::string() : l.substr(i == 0 ? first : 0)));
  }
}

std::string Emitter::signature(const S::Function& fn, bool with_defaults, bool stub) {
  if (fn.owner >= 0) return method_signature(fn, false, stub);
  return return_type(fn.return_type) + " " + fn.cpp_name + parameter_list(fn, 0, with_defaults, stub);
}

bool Emitter::has_stubbed_statement(const Body& b) const {
  for (StmtId s : b) {
    if (!s_.stmt_stub[s].empty()) return true;
    for (const Body* c : child_bodies(m_, s))
      if (has_stubbed_statement(*c)) return true;
  }
  return false;
}

// `template <typename T>` before a generic function (sema/generics.cpp); "" for others.
std::string Emitter::template_head(const S::Function& fn) const {
  if (fn.type_params.empty()) return "";
  std::string out = "template <";
  for (size_t i = 0; i < fn.type_params.size(); ++i) out += (i ? ", typename " : "typename ") + cpp_type(fn.type_params[i]);
  return out + ">";
}

void Emitter::function_definition(const S::Function& fn) {
  const Stmt& st = m_.stmt(fn.stmt);
  w_->set_origin(pos(st.span));
  w_->blank();
  w_->line("// " + location(st.span), pos(st.span));
  if (!fn.stub_reason.empty()) {
    stub_comment(*w_, fn.stub_reason, pos(st.span));
    quote_python(st.span);
    if (!fn.signature_ok) return;
    if (!fn.type_params.empty()) w_->line(template_head(fn), pos(st.span));
    w_->line(signature(fn, false, true) + " {", pos(st.span));
    w_->line("  py::not_translated(" + string_literal(location(st.span) + ": " + fn.name + ": " + stub_message(fn.stub_reason)) + ");");
    w_->line("}");
    return;
  }
  fn_ = &fn;
  // A parameter only a stubbed statement read is unused in C++: say that it may be.
  std::string head = signature(fn, false, has_stubbed_statement(*fn.body));
  if (fn.method_kind == S::MethodKind::Init) head += base_initializer(fn);
  if (!fn.type_params.empty()) w_->line(template_head(fn), pos(st.span));
  w_->line(head + " {", pos(st.span));
  w_->indent();
  if (fn.memoized) {
    // @functools.cache: the body runs on a miss only (py::Memo counts as CPython does).
    std::string key;
    for (size_t i = 0; i < fn.num_params; ++i) key += (i ? ", " : "") + fn.vars[i].cpp_name;
    w_->line("return " + fn.cpp_name + "_cache.get({" + key + "}, [&]() -> " + return_type(fn.return_type) + " {");
    w_->indent();
  }
  const Body& b = *fn.body;
  index_str_parameters(fn);
  hoisted_declarations(b);
  for (size_t i = 0; i < b.size(); ++i) {
    // The docstring went to the header.
    if (i == 0 && !fn.docstring.empty()) continue;
    stmt(b[i]);
  }
  // `if ...: return 1 elif ...: return 2` at the end: Python returns None when no branch does,
  // which the C++ return type cannot hold (and g++ warns of the missing return).
  if (fn.return_type != S::kNoneType && fn.method_kind != S::MethodKind::Init && !fn.is_generator && !b.empty() &&
      falls_through(m_, b)) {
    const StmtNode& last = m_.stmt(b.back()).node;
    auto* loop = std::get_if<While>(&last);
    bool forever = loop && get_if<BoolLit>(m_, loop->test) && std::get<BoolLit>(m_.expr(loop->test).node).value;
    if (std::holds_alternative<If>(last) || std::holds_alternative<For>(last) || (loop && !forever))
      w_->line("py::not_translated(" +
               string_literal(location(st.span) + ": " + fn.name + "() ended without a return, where Python returns None") +
               ");");
  }
  if (fn.memoized) {
    w_->dedent();
    w_->line("});");
  }
  w_->dedent();
  w_->line("}");
  fn_ = nullptr;
  str_index_.clear();
}

// `s[i]` on a str parameter the function never rebinds: one py::CodePoints scan up front, then
// O(1) per index, instead of scanning for the code point at every index (hot DP loops).
void Emitter::index_str_parameters(const S::Function& fn) {
  str_index_.clear();
  for (size_t p = 0; p < fn.num_params; ++p) {
    const S::Variable& v = fn.vars[p];
    if (v.type != S::kStr || v.rebound) continue;
    bool indexed = false;
    std::function<void(const Body&)> scan = [&](const Body& body) {
      for (StmtId st : body) {
        for_each_stmt_expr(m_, st, [&](ExprId root) {
          for_each_expr(m_, root, [&](ExprId x) {
            auto* sub = get_if<Subscript>(m_, x);
            if (!sub || get_if<Slice>(m_, sub->index)) return;
            if (get_if<Name>(m_, sub->value) && s_.name_ref[sub->value].kind == S::NameRef::Variable &&
                s_.name_ref[sub->value].index == p)
              indexed = true;
          });
        });
        for (const Body* c : child_bodies(m_, st)) scan(*c);
      }
    };
    scan(*fn.body);
    if (!indexed) continue;
    std::string name = fresh_name(v.cpp_name + "_chars");
    w_->line("const py::CodePoints " + name + "(" + v.cpp_name + ");");
    str_index_[static_cast<uint32_t>(p)] = name;
  }
}

std::string make_header(Emitter& e, const Module& m, const S::SemaResult& s, std::vector<PyPos>* map,
                        bool needs_init) {
  CodeWriter w;
  e.w_ = &w;
  std::string file = m.path.substr(m.path.find_last_of('/') + 1);
  // Module docstring.
  if (!m.body.empty())
    if (auto* es = get_stmt_if<ExprStmt>(m, m.body[0]))
      if (auto* doc = get_if<StrLit>(m, es->value)) {
        w.blank();
        e.doc_comment(doc->value);
      }
  auto emit_global = [&](const S::Global& g) {
    if (g.stmt == kNoNode || s.types.has_unknown(g.type)) return;
    const Span& span = m.stmt(g.stmt).span;
    w.set_origin(e.pos(span));
    std::string value = e.str(g.value, g.type);
    bool scalar = g.type == S::kInt || g.type == S::kFloat || g.type == S::kBool;
    const ExprNode& n = m.exprs[g.value].node;
    bool literal = std::holds_alternative<IntLit>(n) || std::holds_alternative<FloatLit>(n) ||
                std::holds_alternative<BoolLit>(n) ||
                (std::holds_alternative<UnaryOp>(n) &&
                 (get_if<IntLit>(m, std::get<UnaryOp>(n).operand) || get_if<FloatLit>(m, std::get<UnaryOp>(n).operand)));
    std::string prefix = g.is_constant ? (scalar && literal ? "inline constexpr " : "inline const ") : "inline ";
    w.line(fmt::format("{}{} {} = {};  // {}", prefix, e.cpp_type(g.type), g.cpp_name, value, e.location(span)));
  };
  // Classes may name each other in any order: declare them all first. Globals of class type
  // come after the classes (they construct instances); other globals before (classes may use them).
  // Classes imported from the batch are declared by their own module's header.
  auto own = [](const S::Class& cls) { return cls.external_module.empty(); };
  if (std::any_of(s.classes.begin(), s.classes.end(), own)) w.blank();
  for (const S::Class& cls : s.classes)
    if (own(cls) && (!cls.is_enum || !cls.stub_reason.empty())) w.line("struct " + cls.cpp_name + ";");
  for (const S::Class& cls : s.classes)
    if (own(cls) && cls.is_enum && cls.stub_reason.empty()) e.enum_declaration(cls);
  // Type aliases and NewTypes, for code written against the header (the translation itself
  // spells the types out).
  bool any_alias = false;
  for (const S::TypeAlias& a : s.type_aliases) {
    if (a.type == S::kUnknown) continue;
    if (!any_alias) w.blank();
    any_alias = true;
    const Span& span = m.stmt(a.stmt).span;
    w.set_origin(e.pos(span));
    w.line(fmt::format("using {} = {};  // {}", a.cpp_name, e.cpp_type(a.type), e.location(span)));
  }
  auto mentions_class = [&](S::TypeId t) {
    std::function<bool(S::TypeId)> rec = [&](S::TypeId x) -> bool {
      TypeKind k = s.types.kind(x);
      if (k == TypeKind::Class || (k == TypeKind::Exception && s.class_index.count(s.types.get(x).name))) return true;
      for (S::TypeId a : s.types.get(x).args)
        if (rec(a)) return true;
      return false;
    };
    return rec(t);
  };
  // Globals holding functions (`OPS = {"+": add}`) come after the function declarations.
  auto mentions_callable = [&](S::TypeId t) {
    std::function<bool(S::TypeId)> rec = [&](S::TypeId x) -> bool {
      if (s.types.kind(x) == TypeKind::Callable) return true;
      for (S::TypeId a : s.types.get(x).args)
        if (rec(a)) return true;
      return false;
    };
    return rec(t);
  };
  auto emit_globals = [&](bool class_typed, bool callable_typed) {
    bool any_global = false;
    for (const S::Global& g : s.globals) {
      if (g.stmt == kNoNode || mentions_class(g.type) != class_typed || mentions_callable(g.type) != callable_typed) continue;
      if (!any_global) w.blank();
      any_global = true;
      emit_global(g);
    }
  };
  emit_globals(false, false);
  for (const S::Class& cls : s.classes)
    if (own(cls)) e.class_declaration(cls);
  emit_globals(true, false);
  for (const S::Function& fn : s.functions) {
    if (!fn.signature_ok || fn.owner >= 0 || fn.parent >= 0 || !fn.external_module.empty()) continue;
    const Span& span = m.stmt(fn.stmt).span;
    w.set_origin(e.pos(span));
    w.blank();
    w.line("// " + e.location(span));
    e.doc_comment(fn.docstring);
    if (!fn.type_params.empty()) w.line(e.template_head(fn));
    w.line(e.signature(fn, true, false) + ";");
    if (fn.memoized && fn.stub_reason.empty()) {
      // The cache functools keeps on the function: keyed by the arguments.
      std::string key = "std::tuple<";
      for (size_t i = 0; i < fn.num_params; ++i) key += (i ? ", " : "") + e.cpp_type(fn.vars[i].type);
      w.line("inline py::Memo<" + key + ">, " + e.cpp_type(fn.return_type) + "> " + fn.cpp_name + "_cache{" +
             std::to_string(fn.cache_maxsize) + "};");
    }
  }
  emit_globals(false, true);
  emit_globals(true, true);
  // Templates are defined where every translation unit that calls them sees them: here, after
  // all declarations, so a generic body may call anything the module declares.
  for (const S::Function& fn : s.functions)
    if (!fn.type_params.empty() && fn.signature_ok && fn.owner < 0 && fn.parent < 0 && fn.external_module.empty())
      e.function_definition(fn);
  if (needs_init) {
    w.blank();
    w.line("// Module-level statements of " + file + ", run once before the main block.");
    w.line("void init_module();");
  }
  // Modules of the same batch this one imports (their targets are linked in CMakeLists.txt).
  std::string includes;
  for (const std::string& h : s.module_includes) includes += "#include \"" + h + "\"\n";
  Assembled a = splice(render_template("templates/header.hpp.tmpl", {{"source", file}, {"namespace", s.namespace_name},
                                                                    {"includes", includes},
                                                                    {"declarations", "@@BODY@@"}}),
                       "@@BODY@@", w);
  *map = a.map;
  return a.text;
}

std::vector<GeneratedFile> runtime_files(bool bindings) {
  std::vector<GeneratedFile> out;
  for (const auto& f : embedded_files()) {
    if (f.path.rfind("runtime/py2cpp/", 0) != 0) continue;
    if (f.path == "runtime/py2cpp/pybind.hpp" && !bindings) continue;  // needs pybind11: only with --bindings
    out.push_back({std::string(f.path.substr(std::string_view("runtime/").size())), std::string(f.content), false, {}});
  }
  return out;
}

// The opt-in CMake target of --bindings (the CMakeLists.txt template's {{bindings}}).
static std::string bindings_cmake(const std::string& module, const std::string& library) {
  return render_template("templates/bindings-CMakeLists.txt.tmpl", {{"module", module}, {"library", library}});
}

EmitResult emit_project(const Module& m, const S::SemaResult& s, const EmitOptions& options) {
  EmitResult result;
  Emitter e(m, s);
  std::string file = m.path.substr(m.path.find_last_of('/') + 1);
  std::string ns = s.namespace_name;

  // Module-level statements other than a global's initializing assignment run in init_module().
  std::vector<StmtId> init;
  for (StmtId id : s.init_stmts) {
    bool is_initializer = false;
    for (const S::Global& g : s.globals) is_initializer = is_initializer || g.stmt == id;
    if (!is_initializer) init.push_back(id);
  }

  GeneratedFile header{m.name + ".hpp", "", true, {}};
  header.content = make_header(e, m, s, &header.py_map, !init.empty());
  result.files.push_back(std::move(header));

  // Source: function definitions in source order, with module-level stubs quoted where they stood.
  CodeWriter src;
  e.w_ = &src;
  for (StmtId id : m.body) {
    const Stmt& st = m.stmt(id);
    if (auto* cd = std::get_if<ClassDef>(&st.node)) {
      auto it = s.class_index.find(cd->name);
      if (it != s.class_index.end() && s.classes[it->second].stmt == id) e.class_definitions(s.classes[it->second]);
      continue;
    }
    if (std::holds_alternative<FunctionDef>(st.node)) {
      auto it = s.function_index.find(std::get<FunctionDef>(st.node).name);
      if (it == s.function_index.end() || s.functions[it->second].stmt != id) continue;
      const S::Function& fn = s.functions[it->second];
      if (fn.type_params.empty() || !fn.signature_ok) {
        e.function_definition(fn);
      } else {  // a template: the header holds its definition
        src.blank();
        src.line("// " + e.location(st.span) + ": " + fn.cpp_name + "() is a template, defined in " + m.name + ".hpp",
                 e.pos(st.span));
      }
      continue;
    }
    if (!s.stmt_stub[id].empty() && std::find(s.init_stmts.begin(), s.init_stmts.end(), id) == s.init_stmts.end()) {
      src.blank();
      src.line("// " + e.location(st.span), e.pos(st.span));
      stub_comment(src, s.stmt_stub[id], e.pos(st.span));
      e.quote_python(st.span);
    }
  }
  if (!init.empty()) {
    src.blank();
    src.line("void init_module() {");
    src.indent();
    for (StmtId id : init) e.stmt(id);
    src.dedent();
    src.line("}");
  }
  Assembled source = splice(render_template("templates/source.cpp.tmpl",
                                            {{"source", file}, {"module", m.name}, {"namespace", ns}, {"definitions", "@@BODY@@"}}),
                            "@@BODY@@", src);
  result.files.push_back({m.name + ".cpp", source.text, true, source.map});

  std::string library = library_target(m.name);
  std::string executable;
  if (s.has_main) {
    CodeWriter mw;
    e.w_ = &mw;
    mw.indent();
    mw.indent();
    if (!init.empty()) mw.line("init_module();");
    if (!s.main.stub_reason.empty()) {
      const Span& span = m.stmt(s.main.stmt).span;
      stub_comment(mw, s.main.stub_reason, e.pos(span));
      e.quote_python(span);
      mw.line("py::not_translated(" + Emitter::string_literal(e.location(span) + ": " + stub_message(s.main.stub_reason)) + ");");
    } else {
      e.fn_ = &s.main;
      e.body(*s.main.body);
      e.fn_ = nullptr;
    }
    Assembled main = splice(render_template("templates/main.cpp.tmpl",
                                            {{"source", file}, {"module", m.name}, {"namespace", ns}, {"body", "@@BODY@@"}}),
                            "@@BODY@@", mw);
    // A module named `main` already has a main.cpp (its definitions).
    std::string main_file = m.name == "main" ? "main_main.cpp" : "main.cpp";
    result.files.push_back({main_file, main.text, true, main.map});
    executable = fmt::format(
        "\nadd_executable({0}_main {2})\ntarget_link_libraries({0}_main PRIVATE {1})\n"
        "set_target_properties({0}_main PROPERTIES OUTPUT_NAME {0})\n",
        m.name, library, main_file);
  }
  std::string bindings;
  if (options.bindings) {
    result.bindings.emplace();
    result.files.push_back(emit_bindings(e, m, s, &*result.bindings));
    bindings = bindings_cmake(m.name, library);
  }
  result.files.push_back({"CMakeLists.txt",
                          render_template("templates/CMakeLists.txt.tmpl", {{"source", file},
                                                                            {"project", m.name},
                                                                            {"module", m.name},
                                                                            {"library", library},
                                                                            {"executable", executable}}) +
                              bindings,
                          false,
                          {}});
  result.files.push_back({".clang-format", std::string(embedded_file("templates/clang-format")), false, {}});
  for (auto& f : runtime_files(options.bindings)) result.files.push_back(std::move(f));
  return result;
}

}  // namespace py2cpp
