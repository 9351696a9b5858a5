#include "parse/dump.hpp"

#include <cstdio>

namespace py2cpp::parse {

using namespace ast;

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "'";
}

const char* unary_symbol(UnaryOpKind k) {
  switch (k) {
    case UnaryOpKind::Neg: return "-";
    case UnaryOpKind::Pos: return "+";
    case UnaryOpKind::Invert: return "~";
    case UnaryOpKind::Not: return "not";
  }
  return "?";
}

struct Dumper {
  const Module& m;

  std::string e(ExprId id) const { return id == kNoNode ? "-" : dump_expr(m, id); }

  std::string list(const std::vector<ExprId>& ids) const {
    std::string s;
    for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + e(ids[i]);
    return s;
  }

  std::string parts(const std::vector<FStringPart>& ps) const {
    std::string s = "[";
    for (size_t i = 0; i < ps.size(); ++i) {
      const FStringPart& p = ps[i];
      if (i) s += ", ";
      if (p.expr == kNoNode) {
        s += quote(p.literal);
        continue;
      }
      s += "{";
      if (!p.debug_text.empty()) s += "dbg=" + quote(p.debug_text) + " ";
      s += e(p.expr);
      if (p.conversion) s += std::string("!") + p.conversion;
      if (!p.format_spec.empty()) s += ":" + parts(p.format_spec);
      s += "}";
    }
    return s + "]";
  }

  std::string params(const std::vector<Param>& ps) const {
    std::string s;
    for (size_t i = 0; i < ps.size(); ++i) {
      const Param& p = ps[i];
      if (i) s += ", ";
      switch (p.kind) {
        case ParamKind::Positional: break;
        case ParamKind::PositionalOnly: s += "posonly "; break;
        case ParamKind::KeywordOnly: s += "kwonly "; break;
        case ParamKind::VarArgs: s += "*"; break;
        case ParamKind::KwArgs: s += "**"; break;
      }
      s += p.name;
      if (p.annotation != kNoNode) s += ": " + e(p.annotation);
      if (p.default_value != kNoNode) s += " = " + e(p.default_value);
    }
    return s;
  }

  std::string keywords(const std::vector<Keyword>& ks) const {
    std::string s;
    for (const Keyword& k : ks) s += ", " + (k.name.empty() ? std::string("**") : k.name + "=") + e(k.value);
    return s;
  }

  std::string operator()(const Name& n) const { return "Name(" + n.id + ")"; }
  std::string operator()(const IntLit& n) const {
    return n.overflow ? "Int(overflow)" : "Int(" + std::to_string(n.value) + ")";
  }
  std::string operator()(const FloatLit& n) const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", n.value);
    return std::string("Float(") + buf + ")";
  }
  std::string operator()(const StrLit& n) const { return (n.is_bytes ? "Bytes(" : "Str(") + quote(n.value) + ")"; }
  std::string operator()(const BoolLit& n) const { return n.value ? "True" : "False"; }
  std::string operator()(const NoneLit&) const { return "None"; }
  std::string operator()(const EllipsisLit&) const { return "Ellipsis"; }
  std::string operator()(const FString& n) const { return "FString" + parts(n.parts); }
  std::string operator()(const UnaryOp& n) const {
    return std::string("UnaryOp(") + unary_symbol(n.op) + ", " + e(n.operand) + ")";
  }
  std::string operator()(const BinOp& n) const {
    return std::string("BinOp(") + binop_symbol(n.op) + ", " + e(n.left) + ", " + e(n.right) + ")";
  }
  std::string operator()(const BoolOp& n) const {
    return std::string("BoolOp(") + (n.is_and ? "and" : "or") + ", " + list(n.values) + ")";
  }
  std::string operator()(const Compare& n) const {
    std::string s = "Compare(" + e(n.left);
    for (size_t i = 0; i < n.ops.size(); ++i)
      s += std::string(" ") + cmpop_symbol(n.ops[i]) + " " + (i < n.comparators.size() ? e(n.comparators[i]) : "?");
    return s + ")";
  }
  std::string operator()(const Call& n) const {
    std::string s = "Call(" + e(n.func);
    if (!n.args.empty()) s += ", " + list(n.args);
    return s + keywords(n.keywords) + ")";
  }
  std::string operator()(const Attribute& n) const { return "Attr(" + e(n.value) + ", " + n.attr + ")"; }
  std::string operator()(const Subscript& n) const { return "Subscript(" + e(n.value) + ", " + e(n.index) + ")"; }
  std::string operator()(const Slice& n) const {
    return "Slice(" + e(n.lower) + ", " + e(n.upper) + ", " + e(n.step) + ")";
  }
  std::string operator()(const ListLit& n) const { return "List[" + list(n.elts) + "]"; }
  std::string operator()(const TupleLit& n) const { return "Tuple(" + list(n.elts) + ")"; }
  std::string operator()(const SetLit& n) const { return "Set{" + list(n.elts) + "}"; }
  std::string operator()(const DictLit& n) const {
    std::string s = "Dict{";
    for (size_t i = 0; i < n.values.size(); ++i) {
      if (i) s += ", ";
      ExprId k = i < n.keys.size() ? n.keys[i] : kNoNode;
      s += k == kNoNode ? "**" + e(n.values[i]) : e(k) + ": " + e(n.values[i]);
    }
    return s + "}";
  }
  std::string operator()(const IfExp& n) const {
    return "IfExp(" + e(n.test) + ", " + e(n.body) + ", " + e(n.orelse) + ")";
  }
  std::string operator()(const Starred& n) const { return "Starred(" + e(n.value) + ")"; }
  std::string operator()(const NamedExpr& n) const { return "NamedExpr(" + e(n.target) + ", " + e(n.value) + ")"; }
  std::string operator()(const Await& n) const { return "Await(" + e(n.value) + ")"; }
  std::string operator()(const Yield& n) const { return (n.is_from ? "YieldFrom(" : "Yield(") + e(n.value) + ")"; }
  std::string operator()(const Lambda& n) const { return "Lambda(" + params(n.params) + ": " + e(n.body) + ")"; }
  std::string operator()(const Comprehension& n) const {
    static const char* names[] = {"ListComp", "SetComp", "DictComp", "GenExp"};
    std::string s = std::string(names[static_cast<int>(n.kind)]) + "(" + e(n.elt);
    if (n.kind == ComprehensionKind::Dict) s += ": " + e(n.value);
    for (const CompFor& f : n.generators) {
      s += f.is_async ? " async for " : " for ";
      s += e(f.target) + " in " + e(f.iter);
      for (ExprId c : f.ifs) s += " if " + e(c);
    }
    return s + ")";
  }
  std::string operator()(const UnsupportedExpr& n) const { return "Unsupported(" + n.what + ")"; }
};

struct StmtDumper {
  const Module& m;
  int indent;

  std::string pad() const { return std::string(static_cast<size_t>(indent) * 2, ' '); }
  std::string e(ExprId id) const { return id == kNoNode ? "-" : dump_expr(m, id); }
  std::string body(const Body& b) const { return dump_body(m, b, indent + 1); }
  std::string list(const std::vector<ExprId>& ids) const { return Dumper{m}.list(ids); }

  std::string operator()(const ExprStmt& s) const { return pad() + "Expr " + e(s.value) + "\n"; }
  std::string operator()(const Assign& s) const {
    std::string out = pad() + "Assign ";
    for (ExprId t : s.targets) out += e(t) + " = ";
    return out + e(s.value) + "\n";
  }
  std::string operator()(const AugAssign& s) const {
    return pad() + "AugAssign " + e(s.target) + " " + binop_symbol(s.op) + "= " + e(s.value) + "\n";
  }
  std::string operator()(const AnnAssign& s) const {
    return pad() + "AnnAssign " + e(s.target) + ": " + e(s.annotation) + " = " + e(s.value) + "\n";
  }
  std::string operator()(const Return& s) const { return pad() + "Return " + e(s.value) + "\n"; }
  std::string operator()(const Delete& s) const { return pad() + "Delete " + list(s.targets) + "\n"; }
  std::string operator()(const Pass&) const { return pad() + "Pass\n"; }
  std::string operator()(const Break&) const { return pad() + "Break\n"; }
  std::string operator()(const Continue&) const { return pad() + "Continue\n"; }
  std::string operator()(const Comment& s) const { return pad() + "# " + s.text + "\n"; }
  std::string operator()(const If& s) const {
    std::string out = pad() + (s.is_elif ? "Elif " : "If ") + e(s.test) + "\n" + body(s.body);
    if (!s.orelse.empty()) {
      if (s.orelse.size() == 1 && std::holds_alternative<If>(m.stmts[s.orelse[0]].node) &&
          std::get<If>(m.stmts[s.orelse[0]].node).is_elif)
        out += dump_stmt(m, s.orelse[0], indent);
      else
        out += pad() + "Else\n" + body(s.orelse);
    }
    return out;
  }
  std::string operator()(const While& s) const {
    std::string out = pad() + "While " + e(s.test) + "\n" + body(s.body);
    if (!s.orelse.empty()) out += pad() + "Else\n" + body(s.orelse);
    return out;
  }
  std::string operator()(const For& s) const {
    std::string out = pad() + (s.is_async ? "AsyncFor " : "For ") + e(s.target) + " in " + e(s.iter) + "\n";
    out += body(s.body);
    if (!s.orelse.empty()) out += pad() + "Else\n" + body(s.orelse);
    return out;
  }
  std::string operator()(const With& s) const {
    std::string out = pad() + (s.is_async ? "AsyncWith " : "With ");
    for (size_t i = 0; i < s.items.size(); ++i) {
      if (i) out += ", ";
      out += e(s.items[i].context);
      if (s.items[i].target != kNoNode) out += " as " + e(s.items[i].target);
    }
    return out + "\n" + body(s.body);
  }
  std::string operator()(const Try& s) const {
    std::string out = pad() + "Try\n" + body(s.body);
    for (const ExceptHandler& h : s.handlers) {
      out += pad() + "Except " + e(h.type);
      if (!h.name.empty()) out += " as " + h.name;
      out += "\n" + body(h.body);
    }
    if (!s.orelse.empty()) out += pad() + "Else\n" + body(s.orelse);
    if (!s.finalbody.empty()) out += pad() + "Finally\n" + body(s.finalbody);
    return out;
  }
  std::string operator()(const Raise& s) const { return pad() + "Raise " + e(s.exc) + " from " + e(s.cause) + "\n"; }
  std::string operator()(const Assert& s) const { return pad() + "Assert " + e(s.test) + ", " + e(s.msg) + "\n"; }
  static std::string aliases(const std::vector<Alias>& as) {
    std::string out;
    for (size_t i = 0; i < as.size(); ++i) {
      if (i) out += ", ";
      out += as[i].name;
      if (!as[i].asname.empty()) out += " as " + as[i].asname;
    }
    return out;
  }
  std::string operator()(const Import& s) const { return pad() + "Import " + aliases(s.names) + "\n"; }
  std::string operator()(const ImportFrom& s) const {
    return pad() + "ImportFrom " + std::string(static_cast<size_t>(s.level), '.') + s.module + " : " +
           aliases(s.names) + "\n";
  }
  static std::string names(const std::vector<std::string>& ns) {
    std::string out;
    for (size_t i = 0; i < ns.size(); ++i) out += (i ? ", " : "") + ns[i];
    return out;
  }
  std::string operator()(const Global& s) const { return pad() + "Global " + names(s.names) + "\n"; }
  std::string operator()(const Nonlocal& s) const { return pad() + "Nonlocal " + names(s.names) + "\n"; }
  std::string decorators(const std::vector<ExprId>& ds) const {
    std::string out;
    for (ExprId d : ds) out += pad() + "@" + e(d) + "\n";
    return out;
  }
  std::string operator()(const FunctionDef& s) const {
    std::string out = decorators(s.decorators) + pad() + (s.is_async ? "AsyncDef " : "Def ") + s.name + "(" +
                      Dumper{m}.params(s.params) + ")";
    if (s.returns != kNoNode) out += " -> " + e(s.returns);
    return out + "\n" + body(s.body);
  }
  std::string operator()(const ClassDef& s) const {
    std::string out = decorators(s.decorators) + pad() + "Class " + s.name + "(" + list(s.bases) +
                      Dumper{m}.keywords(s.keywords) + ")\n";
    return out + body(s.body);
  }
  // `[Value(Int(1)), Star(rest)]`, `Class(Name(Point), x=Capture(a))`, `Or(...)`, `As(P, y)`, `_`.
  std::string pattern(PatternId p) const {
    if (p == kNoNode) return "-";
    return std::visit(
        [&](const auto& n) -> std::string {
          using N = std::decay_t<decltype(n)>;
          auto list = [&](const std::vector<PatternId>& ps) {
            std::string out;
            for (size_t i = 0; i < ps.size(); ++i) out += (i ? ", " : "") + pattern(ps[i]);
            return out;
          };
          if constexpr (std::is_same_v<N, MatchValue>) {
            return "Value(" + e(n.value) + ")";
          } else if constexpr (std::is_same_v<N, MatchAs>) {
            if (n.pattern == kNoNode) return n.name == kNoNode ? "_" : "Capture(" + e(n.name) + ")";
            return "As(" + pattern(n.pattern) + ", " + e(n.name) + ")";
          } else if constexpr (std::is_same_v<N, MatchOr>) {
            return "Or(" + list(n.alternatives) + ")";
          } else if constexpr (std::is_same_v<N, MatchStar>) {
            return "Star(" + e(n.name) + ")";
          } else if constexpr (std::is_same_v<N, MatchSequence>) {
            return "[" + list(n.elts) + "]";
          } else if constexpr (std::is_same_v<N, MatchMapping>) {
            std::string out = "{";
            for (size_t i = 0; i < n.keys.size(); ++i) out += (i ? ", " : "") + e(n.keys[i]) + ": " + pattern(n.values[i]);
            if (n.rest != kNoNode) out += std::string(n.keys.empty() ? "" : ", ") + "**" + e(n.rest);
            return out + "}";
          } else {
            std::string out = "Class(" + e(n.cls);
            for (PatternId q : n.args) out += ", " + pattern(q);
            for (size_t i = 0; i < n.kw_names.size(); ++i) out += ", " + n.kw_names[i] + "=" + pattern(n.kw_patterns[i]);
            return out + ")";
          }
        },
        m.patterns[p].node);
  }
  std::string operator()(const Match& s) const {
    std::string out = pad() + "Match " + e(s.subject) + "\n";
    for (const MatchCase& c : s.cases) {
      out += pad() + "  Case " + pattern(c.pattern);
      if (c.guard != kNoNode) out += " if " + e(c.guard);
      out += "\n" + StmtDumper{m, indent + 1}.body(c.body);
    }
    return out;
  }
  std::string operator()(const UnsupportedStmt& s) const { return pad() + "Unsupported(" + s.what + ")\n"; }
};

}  // namespace

std::string dump_expr(const Module& m, ExprId id) {
  if (id == kNoNode || id >= m.exprs.size()) return "-";
  return std::visit(Dumper{m}, m.exprs[id].node);
}

std::string dump_stmt(const Module& m, StmtId id, int indent) {
  if (id >= m.stmts.size()) return "?\n";
  return std::visit(StmtDumper{m, indent}, m.stmts[id].node);
}

std::string dump_body(const Module& m, const Body& body, int indent) {
  std::string out;
  for (StmtId id : body) out += dump_stmt(m, id, indent);
  return out;
}

}  // namespace py2cpp::parse
