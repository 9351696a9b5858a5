// Stage 1: tree-sitter CST -> ast::Module.
//
// The builder walks the concrete syntax tree once, recursively, collecting the children of each
// node with one shared TSTreeCursor into one shared buffer (no per-node allocation), and appends
// nodes to the module's arenas (children before parents).
//
// Syntax errors come from three sources, merged at the end (one per line, at most 20):
//  - a light tokenizer pass (indent.cpp) for what tree-sitter accepts silently: indentation
//    errors, too many nested brackets, NUL bytes; it also lists the logical-line breaks;
//  - checks while building, for constructs tree-sitter-python accepts but CPython rejects:
//    Python 2 statements, bad literals, keywords used as names, statements joined across a
//    logical line break or juxtaposed without ';', return/yield/break/continue/await out of
//    place, argument order, from __future__ placement...;
//  - ERROR and MISSING nodes.
#include "parse/parse.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <memory>

#include "parse/cst.hpp"
#include "parse/indent.hpp"
#include "parse/literals.hpp"

namespace py2cpp {

namespace {

using namespace ast;
using namespace parse;

constexpr int kMaxDepth = 1000;       // nesting of AST nodes (CPython fails somewhere below 3000)
constexpr size_t kMaxDiagnostics = 20;

struct Kid {
  TSNode node;
  uint16_t kind;
  TSFieldId field;
  bool named;
};

std::string module_name_of(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (base.size() > 3 && base.substr(base.size() - 3) == ".py") base.remove_suffix(3);
  else if (size_t dot = base.rfind('.'); dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

class Builder {
 public:
  // `edits`, when given, collects the one-byte source edits after which tree-sitter's tree is the
  // one Python reads: line breaks tree-sitter read through become ';' (single_logical_line), the
  // quotes of a string annotation become parentheses (quoted_types).
  Builder(Module& m, std::vector<Diagnostic>& diags, const std::vector<uint32_t>& line_starts,
          const std::vector<uint32_t>& newlines, std::vector<std::pair<uint32_t, char>>* edits)
      : g_(grammar()),
        m_(m),
        diags_(diags),
        src_(m.source),
        reported_(line_starts.size() + 2, false),
        newlines_(newlines),
        line_starts_(line_starts),
        edits_(edits) {}

  ~Builder() {
    if (cursor_live_) ts_tree_cursor_delete(&cursor_);
  }

  void build(TSNode root) {
    // Typical code has one expression per ~20 bytes and one statement per ~60; reserving generously
    // avoids regrowing the arenas (untouched capacity costs address space only).
    m_.exprs.reserve(src_.size() / 10 + 16);
    m_.stmts.reserve(src_.size() / 30 + 16);
    cursor_ = ts_tree_cursor_new(root);
    cursor_live_ = true;
    kids_.reserve(256);
    body_of(root, m_.body);
    check_future_imports();
    if (ts_node_has_error(root)) report_error_nodes(root);
  }

  // Reports a diagnostic unless its line already has one or the cap is reached.
  void report(DiagKind kind, uint32_t line, uint32_t col, std::string message) {
    if (line < reported_.size()) {
      if (reported_[line]) return;
      reported_[line] = true;
    }
    if (diags_.size() >= kMaxDiagnostics) return;
    diags_.push_back(Diagnostic{kind, m_.path, line, col, std::move(message), {}});
  }

 private:
  // ------------------------------------------------------------------ children

  // The children of a node, in the shared buffer kids_, valid for the lifetime of the object.
  // Scopes nest strictly (LIFO), so later scopes never disturb the elements of earlier ones;
  // elements are copied out by value because the buffer may grow.
  class Kids {
   public:
    Kids(Builder& b, TSNode n, bool keep_comments = false) : b_(b), begin_(b.kids_.size()) {
      b.collect(n, keep_comments);
      end_ = b.kids_.size();
    }
    ~Kids() { b_.kids_.resize(begin_); }
    Kids(const Kids&) = delete;
    Kids& operator=(const Kids&) = delete;
    size_t size() const { return end_ - begin_; }
    Kid operator[](size_t i) const { return b_.kids_[begin_ + i]; }
    TSNode field(TSFieldId f) const {
      if (f == 0) return TSNode{};  // a field the grammar does not have
      for (size_t i = begin_; i < end_; ++i)
        if (b_.kids_[i].field == f) return b_.kids_[i].node;
      return TSNode{};
    }
    bool has(uint16_t kind) const {
      for (size_t i = begin_; i < end_; ++i)
        if (b_.kids_[i].kind == kind) return true;
      return false;
    }
    // The i-th named child (0-based), or a null node.
    TSNode named(size_t which) const {
      for (size_t i = begin_; i < end_; ++i)
        if (b_.kids_[i].named && which-- == 0) return b_.kids_[i].node;
      return TSNode{};
    }
    size_t named_count() const {
      size_t c = 0;
      for (size_t i = begin_; i < end_; ++i) c += b_.kids_[i].named;
      return c;
    }

   private:
    Builder& b_;
    size_t begin_, end_;
  };

  void collect(TSNode n, bool keep_comments) {
    ts_tree_cursor_reset(&cursor_, n);
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor_);
      uint16_t k = g_.kind(c);
      if ((k == N_comment && !keep_comments) || k == N_line_continuation) continue;
      kids_.push_back(Kid{c, k, ts_tree_cursor_current_field_id(&cursor_), ts_node_is_named(c)});
    } while (ts_tree_cursor_goto_next_sibling(&cursor_));
  }

  static bool null(TSNode n) { return ts_node_is_null(n); }
  uint16_t kind(TSNode n) const { return null(n) ? static_cast<uint16_t>(K_unknown) : g_.kind(n); }

  std::string_view text(TSNode n) const {
    uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (b > src_.size()) b = static_cast<uint32_t>(src_.size());
    if (e > src_.size()) e = static_cast<uint32_t>(src_.size());
    return src_.substr(b, e > b ? e - b : 0);
  }

  // Lines and columns come from byte offsets, not from tree-sitter's points: tree-sitter parses
  // a copy whose bracketed line breaks are blanked (see scan_indentation).
  uint32_t line_of(uint32_t byte) {
    const std::vector<uint32_t>& ls = line_starts_;
    // Nodes are visited roughly in source order: try the last line first.
    if (byte >= ls[hint_] && (hint_ + 1 == ls.size() || byte < ls[hint_ + 1])) return static_cast<uint32_t>(hint_);
    hint_ = static_cast<size_t>(std::upper_bound(ls.begin(), ls.end(), byte) - ls.begin()) - 1;
    return static_cast<uint32_t>(hint_);
  }
  Span span(TSNode n) {
    uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    uint32_t l = line_of(b);
    uint32_t col = b - line_starts_[l] + 1;
    return Span{l + 1, col, b, e, line_of(e) + 1};
  }
  Span span(TSNode first, TSNode last) {
    Span s = span(first);
    Span e = span(last);
    s.end = e.end;
    s.end_line = e.end_line;
    return s;
  }

  // Appends a node to one of the module's arenas (exprs, stmts, patterns); its index is its id.
  template <class Arena, class T>
  static uint32_t push(Arena& arena, const Span& s, T&& node) {
    auto& item = arena.emplace_back();
    item.span = s;
    item.node.template emplace<std::decay_t<T>>(std::forward<T>(node));
    return static_cast<uint32_t>(arena.size() - 1);
  }
  template <class T>
  ExprId add(const Span& s, T&& node) { return push(m_.exprs, s, std::forward<T>(node)); }
  template <class T>
  StmtId add_stmt(const Span& s, T&& node) { return push(m_.stmts, s, std::forward<T>(node)); }
  ExprId unsupported(TSNode n, std::string what, StubKind kind = StubKind::UnsupportedSyntax) {
    return add(span(n), UnsupportedExpr{std::move(what), kind});
  }

  void report_at(DiagKind kind, TSNode n, std::string message) {
    Span s = span(n);
    report(kind, s.line, s.col, std::move(message));
  }

  struct DepthGuard {
    explicit DepthGuard(Builder& b) : b_(b) { ok = ++b.depth_ <= kMaxDepth; }
    ~DepthGuard() { --b_.depth_; }
    Builder& b_;
    bool ok;
  };
  void too_deep(TSNode n) {
    if (!depth_reported_) {
      depth_reported_ = true;
      report_at(DiagKind::InvalidSyntax, n, "too deeply nested (more than " + std::to_string(kMaxDepth) + " levels)");
    }
  }

  // ------------------------------------------------------------------ checks

  // tree-sitter-python treats a newline as whitespace wherever its grammar expects no NEWLINE, so
  // `x =` followed by `[1]` on the next line parses as one statement. Python ends the logical line
  // there: a simple statement or a compound header must not contain a logical newline.
  //
  // In valid code this happens after a trailing comma: `a,` NEWLINE `b = 1` comes out as the one
  // statement `a, b = 1`. When the next line is indented like the statement, the caller may
  // turn the line break into ';' and parse again (`rejoin`): valid code then parses as Python
  // reads it, invalid code still fails.
  void single_logical_line(uint32_t begin, uint32_t end, TSNode at, bool simple_statement) {
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), begin);
    if (it == newlines_.end() || *it >= end) return;
    if (simple_statement && edits_)
      for (auto nl = it; nl != newlines_.end() && *nl < end; ++nl)
        if (same_indentation(begin, *nl)) edits_->push_back({*nl, ';'});
    std::string s = snippet(at);
    report_at(DiagKind::InvalidSyntax, at, s.empty() ? "invalid syntax" : "invalid syntax near '" + s + "'");
  }
  void single_logical_line(TSNode n, bool simple_statement = false) {
    single_logical_line(ts_node_start_byte(n), ts_node_end_byte(n), n, simple_statement);
  }

  // Is the first line after the break at `newline` indented like the line holding `begin`?
  bool same_indentation(uint32_t begin, uint32_t newline) {
    auto indent = [&](uint32_t line_start) {
      uint32_t e = line_start;
      while (e < src_.size() && (src_[e] == ' ' || src_[e] == '\t')) ++e;
      return src_.substr(line_start, e - line_start);
    };
    uint32_t next = line_of(newline) + 1;
    if (next >= line_starts_.size()) return false;
    return indent(line_starts_[line_of(begin)]) == indent(line_starts_[next]);
  }

  // The header of a compound statement or clause: from its start to the ':' before its block.
  void header(TSNode n, const Kids& k) {
    uint32_t end = 0;
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].kind == N_block) break;
      if (k[i].kind == T_colon) end = ts_node_end_byte(k[i].node);
    }
    if (end) single_logical_line(ts_node_start_byte(n), end, n, false);
  }

  static bool is_keyword(std::string_view w) {
    switch (w.size()) {
      case 2: return w == "as" || w == "if" || w == "in" || w == "is" || w == "or";
      case 3: return w == "and" || w == "def" || w == "del" || w == "for" || w == "not" || w == "try";
      case 4: return w == "elif" || w == "else" || w == "from" || w == "pass" || w == "with" || w == "None" ||
                     w == "True";
      case 5: return w == "break" || w == "class" || w == "raise" || w == "while" || w == "yield" || w == "async" ||
                     w == "await" || w == "False";
      case 6: return w == "assert" || w == "except" || w == "global" || w == "import" || w == "lambda" ||
                     w == "return";
      case 7: return w == "finally";
      case 8: return w == "continue" || w == "nonlocal";
      default: return false;
    }
  }

  // from __future__ imports: only after the docstring and other future imports, known features.
  void check_future_imports() {
    bool other = false, first = true;
    for (StmtId id : m_.body) {
      const Stmt& st = m_.stmts[id];
      if (std::holds_alternative<Comment>(st.node)) continue;
      const auto* im = std::get_if<ImportFrom>(&st.node);
      if (im && im->level == 0 && im->module == "__future__") {
        if (other) {
          report(DiagKind::InvalidSyntax, st.span.line, st.span.col,
                 "from __future__ imports must occur at the beginning of the file");
          continue;
        }
        static const char* const known[] = {"nested_scopes",  "generators",       "division",
                                            "absolute_import", "with_statement",   "print_function",
                                            "unicode_literals", "barry_as_FLUFL", "generator_stop",
                                            "annotations"};
        for (const Alias& a : im->names) {
          bool ok = std::any_of(std::begin(known), std::end(known), [&](const char* k) { return a.name == k; });
          if (!ok)
            report(DiagKind::InvalidSyntax, st.span.line, st.span.col,
                   a.name == "*" ? "future feature * is not defined" : "future feature " + a.name + " is not defined");
        }
      } else {
        const auto* e = std::get_if<ExprStmt>(&st.node);
        bool docstring = first && e && std::holds_alternative<StrLit>(m_.exprs[e->value].node);
        if (!docstring) other = true;
      }
      first = false;
    }
  }

  // ------------------------------------------------------------------ expressions

  // A required child: when tree-sitter recovered from an error it may be absent.
  ExprId expr_req(TSNode n, TSNode parent) {
    if (null(n)) return add(span(parent), UnsupportedExpr{"missing expression"});
    return expr(n);
  }
  ExprId expr_opt(TSNode n) { return null(n) ? kNoNode : expr(n); }

  // A type hint. A string in it (`"Node"`, `"list[Node] | None"`, a forward reference) is read
  // as the expression it holds: the caller turns its quotes into parentheses (the same length,
  // so every span and column stays) and parses again. Strings inside Literal[...] are values.
  ExprId annotation(TSNode n) {
    if (null(n)) return kNoNode;
    if (edits_) quoted_types(n);
    return expr(n);
  }
  void quoted_types(TSNode n) {
    uint16_t k = kind(n);
    if (k == N_string) return quoted_type(n);
    if (k == N_subscript || k == N_generic_type) {  // X[...]: a generic_type where a type is expected
      std::string_view head = text(k == N_subscript ? ts_node_child_by_field_id(n, g_.f_value) : ts_node_named_child(n, 0));
      if (head == "Literal" || (head.size() > 8 && head.substr(head.size() - 8) == ".Literal")) return;
    }
    for (uint32_t i = 0, count = ts_node_named_child_count(n); i < count; ++i) quoted_types(ts_node_named_child(n, i));
  }
  void quoted_type(TSNode n) {
    Kids k(*this, n);
    if (k.size() != 3 || k[0].kind != N_string_start || k[1].kind != N_string_content || k[2].kind != N_string_end)
      return;  // empty, escapes, an f-string
    std::string_view open = text(k[0].node), close = text(k[2].node), body = text(k[1].node);
    if (open.size() != 1 || close != open) return;  // a prefix, triple quotes
    if (body.find_first_of("\\\n") != std::string_view::npos) return;
    edits_->push_back({ts_node_start_byte(k[0].node), '('});
    edits_->push_back({ts_node_start_byte(k[2].node), ')'});
  }

  // The dispatcher stays small (its frame is paid once per nesting level); every case that needs
  // locals lives in its own non-inlined function.
  ExprId expr(TSNode n) {
    DepthGuard guard(*this);
    if (!guard.ok) {
      too_deep(n);
      return unsupported(n, "too deeply nested");
    }
    if (subst_active_ && ts_node_eq(n, subst_node_)) return subst_id_;
    switch (kind(n)) {
      case N_identifier: return name(n);
      case N_integer: return integer(n);
      case N_float: return floating(n);
      case N_string:
      case N_concatenated_string: return string(n);
      case N_true: return add(span(n), BoolLit{true});
      case N_false: return add(span(n), BoolLit{false});
      case N_none: return add(span(n), NoneLit{});
      case N_ellipsis: return add(span(n), EllipsisLit{});
      case N_unary_operator: return unary(n);
      case N_not_operator: return not_operator(n);
      case N_binary_operator: return binary(n);
      case N_boolean_operator: return boolean(n);
      case N_comparison_operator: return compare(n);
      case N_call:
      case N_attribute:
      case N_subscript:
        // tree-sitter binds `*` tighter than calls, attributes and subscripts: `[*a.b()]` comes
        // out as call(attribute(list_splat(a), b)). A postfix chain never starts with '*'
        // otherwise; rebuild it as Starred(a.b()).
        if (!subst_active_ && ts_node_start_byte(n) < src_.size() && src_[ts_node_start_byte(n)] == '*')
          return starred_chain(n);
        return postfix(n);
      case N_member_type: return attribute(n);
      case N_slice: return slice(n);
      case N_list:
      case N_list_pattern: return sequence(n, 'l');
      case N_tuple:
      case N_tuple_pattern:
      case N_expression_list:
      case N_pattern_list: return sequence(n, 't');
      case N_set: return sequence(n, 's');
      case N_dictionary: return dictionary(n);
      case N_list_comprehension: return comprehension(n, ComprehensionKind::List);
      case N_set_comprehension: return comprehension(n, ComprehensionKind::Set);
      case N_dictionary_comprehension: return comprehension(n, ComprehensionKind::Dict);
      case N_generator_expression: return comprehension(n, ComprehensionKind::Generator);
      case N_conditional_expression: return conditional(n);
      case N_lambda: return lambda(n);
      case N_named_expression: return named_expression(n);
      case N_await:
      case N_yield:
      case N_list_splat:
      case N_list_splat_pattern:
      case N_splat_type: return wrapper(n);
      case N_parenthesized_expression: {
        ExprId e = inner(n);
        // An unquoted string annotation (quoted_types): its text is the hint as written, quotes included.
        char c = src_[ts_node_start_byte(n)];
        if ((c == '"' || c == '\'') && e != kNoNode) m_.exprs[e].span = span(n);
        return e;
      }
      case N_parenthesized_list_splat:
      case N_type: return inner(n);
      case N_generic_type: return generic_type(n);
      case N_union_type: return union_type(n);
      case N_constrained_type:
        report_at(DiagKind::InvalidSyntax, n, "invalid syntax near '" + snippet(n) + "'");
        return unsupported(n, "constrained type");
      case N_keyword_argument: return unsupported(n, "keyword argument outside a call");
      case N_as_pattern:  // `x as y` outside with / except
        report_at(DiagKind::InvalidSyntax, n, "invalid syntax near '" + snippet(n) + "'");
        return unsupported(n, "as pattern");
      case K_ERROR: return unsupported(n, "syntax error");
      default: return unsupported(n, ts_node_type(n));
    }
  }

  ExprId postfix(TSNode n) {
    uint16_t k = kind(n);
    return k == N_call ? call(n) : k == N_attribute ? attribute(n) : subscript(n);
  }

  // The innermost primary of a call / attribute / subscript chain: f in f(x).y[0].
  TSNode leftmost_primary(TSNode n) {
    while (true) {
      uint16_t k = kind(n);
      if (k != N_call && k != N_attribute && k != N_subscript) return n;
      TSNode first = ts_node_named_child(n, 0);
      if (null(first)) return n;
      n = first;
    }
  }

  // Converts `top` with its leftmost primary `primary` replaced by the expression `replacement`,
  // then moves the start of the chain's spans to `start`.
  ExprId convert_with_substitute(TSNode top, TSNode primary, ExprId replacement, const Span& start) {
    subst_active_ = true;
    subst_node_ = primary;
    subst_id_ = replacement;
    ExprId id = expr(top);
    subst_active_ = false;
    uint32_t old_begin = ts_node_start_byte(top);
    for (ExprId cur = id; cur != kNoNode && m_.exprs[cur].span.begin == old_begin && cur != replacement;) {
      Span& sp = m_.exprs[cur].span;
      sp.begin = start.begin;
      sp.line = start.line;
      sp.col = start.col;
      const ExprNode& node = m_.exprs[cur].node;
      if (auto* a = std::get_if<Attribute>(&node)) cur = a->value;
      else if (auto* c = std::get_if<Call>(&node)) cur = c->func;
      else if (auto* sub = std::get_if<Subscript>(&node)) cur = sub->value;
      else break;
    }
    return id;
  }

  [[gnu::noinline]] ExprId starred_chain(TSNode n) {
    TSNode primary = leftmost_primary(n);
    if (kind(primary) != N_list_splat) return postfix(n);
    TSNode inner = ts_node_named_child(primary, 0);
    if (null(inner)) return unsupported(n, "missing expression");
    ExprId value = expr(inner);
    ExprId chain = convert_with_substitute(n, primary, value, span(inner));
    return add(span(n), Starred{chain});
  }

  [[gnu::noinline]] ExprId name(TSNode n) {
    std::string_view t = text(n);
    if (is_keyword(t)) report_at(DiagKind::InvalidSyntax, n, "invalid syntax near '" + std::string(t) + "'");
    return add(span(n), Name{std::string(t)});
  }

  [[gnu::noinline]] ExprId not_operator(TSNode n) {
    Kids k(*this, n);
    return add(span(n), UnaryOp{UnaryOpKind::Not, expr_req(k.field(g_.f_argument), n)});
  }

  // attribute (object.attr) and member_type (in annotations).
  [[gnu::noinline]] ExprId attribute(TSNode n) {
    Kids k(*this, n);
    TSNode obj = kind(n) == N_attribute ? k.field(g_.f_object) : k.named(0);
    TSNode attr = kind(n) == N_attribute ? k.field(g_.f_attribute) : k.named(1);
    ExprId o = expr_req(obj, n);
    std::string_view a = null(attr) ? std::string_view() : text(attr);
    if (is_keyword(a)) report_at(DiagKind::InvalidSyntax, attr, "invalid syntax near '" + std::string(a) + "'");
    return add(span(n), Attribute{o, std::string(a)});
  }

  [[gnu::noinline]] ExprId sequence(TSNode n, char which) {
    if (kind(n) == N_tuple_pattern) {
      // A parenthesized single target, `(x) = 1` or `for (x) in y`, is not a tuple.
      TSNode single{};
      {
        Kids k(*this, n);
        if (!k.has(T_comma) && k.named_count() == 1) single = k.named(0);
      }
      if (!null(single)) return expr(single);
    }
    std::vector<ExprId> elts = elements(n);
    if (which == 'l') return add(span(n), ListLit{std::move(elts)});
    if (which == 's') return add(span(n), SetLit{std::move(elts)});
    return add(span(n), TupleLit{std::move(elts)});
  }

  [[gnu::noinline]] ExprId conditional(TSNode n) {
    Kids k(*this, n);
    TSNode body = k.named(0), test = k.named(1), orelse = k.named(2);
    ExprId b = expr_req(body, n);
    ExprId t = expr_req(test, n);
    ExprId o = expr_req(orelse, n);
    return add(span(n), IfExp{t, b, o});
  }

  [[gnu::noinline]] ExprId named_expression(TSNode n) {
    Kids k(*this, n);
    ExprId target = expr_req(k.field(g_.f_name), n);
    ExprId value = expr_req(k.field(g_.f_value), n);
    return add(span(n), NamedExpr{target, value});
  }

  // Nodes wrapping one expression: await x, yield [from] x, *x.
  [[gnu::noinline]] ExprId wrapper(TSNode n) {
    Kids k(*this, n);
    switch (kind(n)) {
      case N_await:
        if (!ctx_.async_function)
          report_at(DiagKind::InvalidSyntax, n,
                    ctx_.function ? "'await' outside async function" : "'await' outside function");
        return add(span(n), Await{expr_req(k.named(0), n)});
      case N_yield: {
        if (!ctx_.function) report_at(DiagKind::InvalidSyntax, n, "'yield' outside function");
        bool from = k.has(T_from);
        return add(span(n), Yield{expr_opt(k.named(0)), from});
      }
      default: return add(span(n), Starred{expr_req(k.named(0), n)});
    }
  }

  // (x) and the `type` wrapper of annotations: the inner expression, with its own span.
  [[gnu::noinline]] ExprId inner(TSNode n) {
    TSNode in{};
    {
      Kids k(*this, n);
      in = k.named(0);
    }
    if (null(in)) return unsupported(n, kind(n) == N_type ? "missing type" : "empty parentheses");
    return expr(in);
  }

  [[gnu::noinline]] ExprId generic_type(TSNode n) {
    Kids k(*this, n);
    TSNode base = k.named(0), params = k.named(1);
    ExprId value = expr_req(base, n);
    ExprId index = null(params) ? add(span(n), UnsupportedExpr{"missing type parameters"}) : type_params(params);
    return add(span(n), Subscript{value, index});
  }

  [[gnu::noinline]] ExprId union_type(TSNode n) {
    Kids k(*this, n);
    ExprId l = expr_req(k.named(0), n);
    ExprId r = expr_req(k.named(1), n);
    return add(span(n), BinOp{BinOpKind::BitOr, l, r});
  }

  [[gnu::noinline]] ExprId integer(TSNode n) {
    IntLiteral lit = parse_int_literal(text(n));
    if (lit.status == LitStatus::Ok) return add(span(n), IntLit{lit.value, lit.overflow});
    if (lit.status == LitStatus::Error) report_at(DiagKind::InvalidSyntax, n, lit.message);
    return unsupported(n, lit.message);
  }

  [[gnu::noinline]] ExprId floating(TSNode n) {
    FloatLiteral lit = parse_float_literal(text(n));
    if (lit.status == LitStatus::Ok) return add(span(n), FloatLit{lit.value});
    if (lit.status == LitStatus::Error) report_at(DiagKind::InvalidSyntax, n, lit.message);
    return unsupported(n, lit.message);
  }

  [[gnu::noinline]] ExprId unary(TSNode n) {
    Kids k(*this, n);
    UnaryOpKind op = UnaryOpKind::Neg;
    switch (kind(k.field(g_.f_operator))) {
      case T_plus: op = UnaryOpKind::Pos; break;
      case T_tilde: op = UnaryOpKind::Invert; break;
      default: break;
    }
    return add(span(n), UnaryOp{op, expr_req(k.field(g_.f_argument), n)});
  }

  static bool binop_kind(uint16_t k, BinOpKind& op) {
    switch (k) {
      case T_plus: case T_add_eq: op = BinOpKind::Add; return true;
      case T_minus: case T_sub_eq: op = BinOpKind::Sub; return true;
      case T_star: case T_mul_eq: op = BinOpKind::Mul; return true;
      case T_slash: case T_div_eq: op = BinOpKind::Div; return true;
      case T_dslash: case T_fdiv_eq: op = BinOpKind::FloorDiv; return true;
      case T_percent: case T_mod_eq: op = BinOpKind::Mod; return true;
      case T_dstar: case T_pow_eq: op = BinOpKind::Pow; return true;
      case T_lshift: case T_lsh_eq: op = BinOpKind::LShift; return true;
      case T_rshift: case T_rsh_eq: op = BinOpKind::RShift; return true;
      case T_amp: case T_and_eq: op = BinOpKind::BitAnd; return true;
      case T_pipe: case T_or_eq: op = BinOpKind::BitOr; return true;
      case T_caret: case T_xor_eq: op = BinOpKind::BitXor; return true;
      case T_at: case T_mat_eq: op = BinOpKind::MatMul; return true;
      default: return false;
    }
  }

  // Python's precedence among bitwise operators: | < ^ < &. tree-sitter-python 0.23.6 ranks ^
  // above & (grammar.js: bitwise_and 15, xor 16), so `6 ^ 3 & 5` arrives as `(6 ^ 3) & 5`.
  // Runs of these operators (not crossing parentheses) are re-associated here.
  static int bitwise_prec(BinOpKind op) {
    return op == BinOpKind::BitOr ? 1 : op == BinOpKind::BitXor ? 2 : op == BinOpKind::BitAnd ? 3 : 0;
  }

  void flatten_bitwise(TSNode n, std::vector<TSNode>& operands, std::vector<BinOpKind>& ops, int depth) {
    BinOpKind op = BinOpKind::Add;
    if (depth < kMaxDepth && kind(n) == N_binary_operator) {
      Kids k(*this, n);
      if (binop_kind(kind(k.field(g_.f_operator)), op) && bitwise_prec(op) > 0) {
        flatten_bitwise(k.field(g_.f_left), operands, ops, depth + 1);
        ops.push_back(op);
        flatten_bitwise(k.field(g_.f_right), operands, ops, depth + 1);
        return;
      }
    }
    operands.push_back(n);
  }

  ExprId climb(const std::vector<ExprId>& xs, const std::vector<BinOpKind>& ops, size_t& i, int min_prec) {
    ExprId left = xs[i];
    while (i < ops.size() && bitwise_prec(ops[i]) >= min_prec) {
      BinOpKind op = ops[i];
      ++i;
      ExprId right = climb(xs, ops, i, bitwise_prec(op) + 1);
      Span sp = exprs_span(left, right);
      left = add(sp, BinOp{op, left, right});
    }
    return left;
  }

  Span exprs_span(ExprId l, ExprId r) const {
    Span a = m_.exprs[l].span, b = m_.exprs[r].span;
    a.end = b.end;
    a.end_line = b.end_line;
    return a;
  }

  [[gnu::noinline]] ExprId binary(TSNode n) {
    Kids k(*this, n);
    BinOpKind op = BinOpKind::Add;
    TSNode opn = k.field(g_.f_operator);
    if (!binop_kind(kind(opn), op)) return unsupported(n, "binary operator");
    if (bitwise_prec(op) > 0) {
      std::vector<TSNode> operand_nodes;
      std::vector<BinOpKind> ops;
      flatten_bitwise(n, operand_nodes, ops, 0);
      std::vector<ExprId> xs;
      for (TSNode x : operand_nodes) xs.push_back(expr_req(x, n));
      size_t i = 0;
      return climb(xs, ops, i, 1);
    }
    ExprId l = expr_req(k.field(g_.f_left), n);
    ExprId r = expr_req(k.field(g_.f_right), n);
    return add(span(n), BinOp{op, l, r});
  }

  [[gnu::noinline]] ExprId boolean(TSNode n) {
    // a and b and c is left-nested in the CST; flatten the left spine iteratively.
    uint16_t op = K_unknown;
    std::vector<TSNode> rights;
    TSNode cur = n;
    while (kind(cur) == N_boolean_operator) {
      Kids k(*this, cur);
      uint16_t o = kind(k.field(g_.f_operator));
      if (op == K_unknown) op = o;
      else if (o != op) break;
      rights.push_back(k.field(g_.f_right));
      cur = k.field(g_.f_left);
      if (rights.size() > static_cast<size_t>(kMaxDepth)) break;
    }
    BoolOp b;
    b.is_and = op == T_and;
    b.values.reserve(rights.size() + 1);
    b.values.push_back(expr_req(cur, n));
    for (size_t i = rights.size(); i-- > 0;) b.values.push_back(expr_req(rights[i], n));
    return add(span(n), std::move(b));
  }

  [[gnu::noinline]] ExprId compare(TSNode n) {
    Kids k(*this, n);
    Compare c;
    bool first = true;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.named) {
        ExprId e = expr(kid.node);
        if (first) c.left = e, first = false;
        else c.comparators.push_back(e);
        continue;
      }
      switch (kid.kind) {
        case T_lt: c.ops.push_back(CmpOpKind::Lt); break;
        case T_le: c.ops.push_back(CmpOpKind::LtE); break;
        case T_eq: c.ops.push_back(CmpOpKind::Eq); break;
        case T_ne: c.ops.push_back(CmpOpKind::NotEq); break;
        case T_gt: c.ops.push_back(CmpOpKind::Gt); break;
        case T_ge: c.ops.push_back(CmpOpKind::GtE); break;
        case T_in: c.ops.push_back(CmpOpKind::In); break;
        case T_not_in: c.ops.push_back(CmpOpKind::NotIn); break;
        case T_is: c.ops.push_back(CmpOpKind::Is); break;
        case T_is_not: c.ops.push_back(CmpOpKind::IsNot); break;
        case T_ltgt:
          report_at(DiagKind::InvalidSyntax, kid.node, "invalid syntax near '<>' (use '!=')");
          c.ops.push_back(CmpOpKind::NotEq);
          break;
        default: break;
      }
    }
    // Keep the arrays consistent even after error recovery.
    while (c.comparators.size() < c.ops.size())
      c.comparators.push_back(add(span(n), UnsupportedExpr{"missing operand"}));
    if (c.ops.size() < c.comparators.size()) c.comparators.resize(c.ops.size());
    if (c.left == kNoNode) c.left = add(span(n), UnsupportedExpr{"missing operand"});
    return add(span(n), std::move(c));
  }

  [[gnu::noinline]] void arguments(TSNode list, std::vector<ExprId>& args, std::vector<Keyword>& keywords) {
    Kids k(*this, list);
    bool keyword = false, unpacked_mapping = false;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (!kid.named) continue;
      if (kid.kind != N_dictionary_splat && kid.kind != N_keyword_argument && kid.kind != K_ERROR) {
        if (unpacked_mapping)
          report_at(DiagKind::InvalidSyntax, kid.node,
                    kid.kind == N_list_splat ? "iterable argument unpacking follows keyword argument unpacking"
                                             : "positional argument follows keyword argument unpacking");
        else if (keyword && kid.kind != N_list_splat)
          report_at(DiagKind::InvalidSyntax, kid.node, "positional argument follows keyword argument");
      }
      if (kid.kind == N_keyword_argument) keyword = true;
      if (kid.kind == N_dictionary_splat) unpacked_mapping = true;
      switch (kid.kind) {
        case N_dictionary_splat: {
          Kids d(*this, kid.node);
          keywords.push_back(Keyword{std::string(), expr_req(d.named(0), kid.node), span(kid.node)});
          break;
        }
        case N_keyword_argument: {
          Kids kw(*this, kid.node);
          TSNode name = kw.field(g_.f_name);
          ExprId value = expr_req(kw.field(g_.f_value), kid.node);
          keywords.push_back(Keyword{null(name) ? std::string() : std::string(text(name)), value, span(kid.node)});
          break;
        }
        default: args.push_back(expr(kid.node)); break;
      }
    }
  }

  [[gnu::noinline]] ExprId call(TSNode n) {
    Kids k(*this, n);
    Call c;
    c.func = expr_req(k.field(g_.f_function), n);
    TSNode args = k.field(g_.f_arguments);
    if (kind(args) == N_generator_expression) c.args.push_back(expr(args));
    else if (!null(args)) arguments(args, c.args, c.keywords);
    return add(span(n), std::move(c));
  }

  [[gnu::noinline]] ExprId subscript(TSNode n) {
    Kids k(*this, n);
    TSNode value = k.field(g_.f_value);
    ExprId v = expr_req(value, n);
    std::vector<ExprId> items;
    TSNode first{}, last{};
    bool comma = false;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == T_comma) comma = true;
      if (!kid.named || kid.field == g_.f_value) continue;
      if (null(first)) first = kid.node;
      last = kid.node;
      items.push_back(expr(kid.node));
    }
    ExprId index;
    if (items.empty()) index = add(span(n), UnsupportedExpr{"missing subscript"});
    else if (items.size() == 1 && !comma) index = items[0];
    else index = add(span(first, last), TupleLit{std::move(items)});
    return add(span(n), Subscript{v, index});
  }

  [[gnu::noinline]] ExprId slice(TSNode n) {
    Kids k(*this, n);
    ExprId parts[3] = {kNoNode, kNoNode, kNoNode};
    size_t slot = 0;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == T_colon) {
        ++slot;
      } else if (kid.named && slot < 3) {
        parts[slot] = expr(kid.node);
      }
    }
    return add(span(n), Slice{parts[0], parts[1], parts[2]});
  }

  [[gnu::noinline]] std::vector<ExprId> elements(TSNode n) {
    Kids k(*this, n);
    std::vector<ExprId> out;
    out.reserve(k.size());
    for (size_t i = 0; i < k.size(); ++i)
      if (k[i].named) out.push_back(expr(k[i].node));
    return out;
  }

  [[gnu::noinline]] ExprId type_params(TSNode n) {
    Kids k(*this, n);
    std::vector<ExprId> items;
    bool comma = false;
    TSNode first{}, last{};
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == T_comma) comma = true;
      if (!kid.named) continue;
      if (null(first)) first = kid.node;
      last = kid.node;
      TSNode inner = kind(kid.node) == N_type ? ts_node_named_child(kid.node, 0) : TSNode{};
      if (kind(inner) == N_constrained_type) {
        // In an annotation, X[a:b] is a subscript by a slice; tree-sitter reads a PEP 695 bound.
        Kids c(*this, inner);
        TSNode lo = c.named(0), hi = c.named(1);
        if (c.named_count() == 2 && !c.has(K_ERROR)) {
          ExprId l = expr(lo);
          ExprId u = expr(hi);
          items.push_back(add(span(inner), Slice{l, u, kNoNode}));
          continue;
        }
      }
      items.push_back(expr(kid.node));
    }
    if (items.empty()) return add(span(n), UnsupportedExpr{"missing type parameters"});
    if (items.size() == 1 && !comma) return items[0];
    return add(span(first, last), TupleLit{std::move(items)});
  }

  [[gnu::noinline]] ExprId dictionary(TSNode n) {
    Kids k(*this, n);
    DictLit d;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == N_pair) {
        Kids p(*this, kid.node);
        ExprId key = expr_req(p.field(g_.f_key), kid.node);
        ExprId value = expr_req(p.field(g_.f_value), kid.node);
        d.keys.push_back(key);
        d.values.push_back(value);
      } else if (kid.kind == N_dictionary_splat) {
        Kids s(*this, kid.node);
        d.keys.push_back(kNoNode);
        d.values.push_back(expr_req(s.named(0), kid.node));
      } else if (kid.named) {
        d.keys.push_back(kNoNode);
        d.values.push_back(expr(kid.node));
      }
    }
    return add(span(n), std::move(d));
  }

  [[gnu::noinline]] ExprId comprehension(TSNode n, ComprehensionKind ck) {
    Kids k(*this, n);
    Comprehension c;
    c.kind = ck;
    TSNode body = k.field(g_.f_body);
    if (ck == ComprehensionKind::Dict && kind(body) == N_pair) {
      Kids p(*this, body);
      c.elt = expr_req(p.field(g_.f_key), body);
      c.value = expr_req(p.field(g_.f_value), body);
    } else {
      c.elt = expr_req(body, n);
      if (ck == ComprehensionKind::Dict) c.value = add(span(n), UnsupportedExpr{"missing value"});
    }
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == N_for_in_clause) {
        Kids f(*this, kid.node);
        CompFor cf;
        cf.is_async = f.has(T_async);
        cf.target = expr_req(f.field(g_.f_left), kid.node);
        std::vector<ExprId> iters;
        TSNode first{}, last{};
        for (size_t j = 0; j < f.size(); ++j) {
          Kid fk = f[j];
          if (fk.field != g_.f_right || !fk.named) continue;
          if (null(first)) first = fk.node;
          last = fk.node;
          iters.push_back(expr(fk.node));
        }
        if (iters.empty()) cf.iter = add(span(kid.node), UnsupportedExpr{"missing iterable"});
        else if (iters.size() == 1) cf.iter = iters[0];
        else cf.iter = add(span(first, last), TupleLit{std::move(iters)});
        c.generators.push_back(std::move(cf));
      } else if (kid.kind == N_if_clause) {
        Kids f(*this, kid.node);
        ExprId cond = expr_req(f.named(0), kid.node);
        if (!c.generators.empty()) c.generators.back().ifs.push_back(cond);
      }
    }
    return add(span(n), std::move(c));
  }

  [[gnu::noinline]] ExprId lambda(TSNode n) {
    Kids k(*this, n);
    Lambda l;
    TSNode params = k.field(g_.f_parameters);
    if (!null(params)) parameters(params, l.params);
    Context saved = ctx_;
    ctx_ = Context{true, false, false, false};
    l.body = expr_req(k.field(g_.f_body), n);
    ctx_ = saved;
    return add(span(n), std::move(l));
  }

  // ------------------------------------------------------------------ strings

  struct StrAcc {
    std::vector<FStringPart> parts;  // literal parts merged
    bool any_f = false, any_bytes = false, any_str = false;
    std::string unsupported;
  };

  static void append_literal(std::vector<FStringPart>& parts, std::string&& s) {
    if (s.empty()) return;
    if (!parts.empty() && parts.back().expr == kNoNode) parts.back().literal += s;
    else {
      FStringPart p;
      p.literal = std::move(s);
      parts.push_back(std::move(p));
    }
  }

  void decode_segment(uint32_t b, uint32_t e, const StringPrefix& prefix, std::vector<FStringPart>& parts,
                      StrAcc& acc, TSNode at) {
    if (e <= b || e > src_.size()) return;
    std::string out;
    DecodeStatus st = decode_string_body(src_.substr(b, e - b), prefix, out);
    if (st.status == LitStatus::Error) {
      report_at(DiagKind::InvalidSyntax, at, st.message);
      if (acc.unsupported.empty()) acc.unsupported = st.message;
    } else if (st.status == LitStatus::Unsupported && acc.unsupported.empty()) {
      acc.unsupported = st.message;
    }
    append_literal(parts, std::move(out));
  }

  [[gnu::noinline]] ExprId string(TSNode n) {
    StrAcc acc;
    if (kind(n) == N_concatenated_string) {
      Kids k(*this, n);
      for (size_t i = 0; i < k.size(); ++i)
        if (k[i].kind == N_string) string_piece(k[i].node, acc);
    } else {
      string_piece(n, acc);
    }
    if (acc.any_bytes && acc.any_str) {
      report_at(DiagKind::InvalidSyntax, n, "cannot mix bytes and nonbytes literals");
      return unsupported(n, "mixed bytes and str literals", StubKind::Bytes);
    }
    if (!acc.unsupported.empty()) return unsupported(n, acc.unsupported);
    if (acc.any_f) return add(span(n), FString{std::move(acc.parts)});
    std::string value;
    if (!acc.parts.empty()) value = std::move(acc.parts.front().literal);
    return add(span(n), StrLit{std::move(value), acc.any_bytes});
  }

  void string_piece(TSNode n, StrAcc& acc) {
    Kids k(*this, n);
    if (k.size() == 0) return;
    StringPrefix prefix;
    uint32_t body_begin = ts_node_start_byte(n), body_end = ts_node_end_byte(n);
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].kind == N_string_start) {
        prefix = parse_string_prefix(text(k[i].node));
        body_begin = ts_node_end_byte(k[i].node);
      } else if (k[i].kind == N_string_end) {
        // The token is normally just the closing quotes, but tree-sitter folds a raw string's
        // final escaped quote into it (r'\'' ends with string_end `\''`).
        uint32_t b = ts_node_start_byte(k[i].node), e = ts_node_end_byte(k[i].node);
        body_end = e - b > prefix.quote_len ? e - prefix.quote_len : b;
      }
    }
    if (!prefix.valid)
      report_at(DiagKind::InvalidSyntax, n, "invalid string prefix '" + std::string(text(k[0].node)) + "'");
    (prefix.bytes ? acc.any_bytes : acc.any_str) = true;
    if (prefix.quote_len == 1 && body_end > body_begin) {
      // tree-sitter lets a one-quote string run over a line break; Python does not.
      std::string_view body = src_.substr(body_begin, body_end - body_begin);
      for (size_t p = body.find('\n'); p != std::string_view::npos; p = body.find('\n', p + 1)) {
        size_t q = p;
        if (q > 0 && body[q - 1] == '\r') --q;
        size_t backslashes = 0;
        while (q > backslashes && body[q - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) {
          report_at(DiagKind::InvalidSyntax, n, "unterminated string literal");
          break;
        }
      }
    }
    if (!prefix.fstring) {
      decode_segment(body_begin, body_end, prefix, acc.parts, acc, n);
      return;
    }
    acc.any_f = true;
    uint32_t pos = body_begin;
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].kind != N_interpolation) continue;
      TSNode it = k[i].node;
      decode_segment(pos, ts_node_start_byte(it), prefix, acc.parts, acc, n);
      acc.parts.push_back(replacement_field(it, prefix, acc));
      pos = ts_node_end_byte(it);
    }
    decode_segment(pos, body_end, prefix, acc.parts, acc, n);
  }

  // An `interpolation` or a nested `format_expression`: {expr=!conv:spec}.
  FStringPart replacement_field(TSNode n, const StringPrefix& prefix, StrAcc& acc) {
    FStringPart part;
    DepthGuard guard(*this);
    if (!guard.ok) {
      too_deep(n);
      part.expr = unsupported(n, "too deeply nested");
      return part;
    }
    Kids k(*this, n);
    TSNode e = k.field(g_.f_expression);
    uint32_t lbrace_end = ts_node_start_byte(n) + 1;
    // f"{x:=10}": in an f-string a top-level ':' starts the format spec, so this is x formatted
    // with "=10", not a walrus. tree-sitter reads a named_expression (sometimes with an ERROR).
    if (kind(e) == N_named_expression) {
      Kids w(*this, e);
      TSNode name = w.field(g_.f_name);
      uint32_t colon = 0;
      for (size_t i = 0; i < w.size(); ++i)
        if (w[i].kind == T_walrus) colon = ts_node_start_byte(w[i].node);
      if (!null(name) && colon) {
        part.expr = expr(name);
        uint32_t close = ts_node_end_byte(n);
        if (close > 0 && close <= src_.size() && src_[close - 1] == '}') --close;
        suppressed_.push_back({ts_node_start_byte(n), ts_node_end_byte(n)});
        decode_segment(colon + 1, close, prefix, part.format_spec, acc, n);
        return part;
      }
    }
    part.expr = expr_req(e, n);
    bool debug = false;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == T_assign && !debug) {
        debug = true;
        // The debug text runs from after '{' to the next token after '=' (whitespace kept).
        uint32_t end = ts_node_end_byte(kid.node);
        if (i + 1 < k.size()) end = ts_node_start_byte(k[i + 1].node);
        if (end > lbrace_end && end <= src_.size())
          part.debug_text = std::string(src_.substr(lbrace_end, end - lbrace_end));
      } else if (kid.field == g_.f_type_conversion) {
        std::string_view t = text(kid.node);
        char c = t.size() == 2 ? t[1] : 0;
        if (c == 'r' || c == 's' || c == 'a')
          part.conversion = c;
        else
          report_at(DiagKind::InvalidSyntax, kid.node,
                    "f-string: invalid conversion character '" + std::string(t) + "'");
      } else if (kid.field == g_.f_format_specifier) {
        format_spec(kid.node, prefix, acc, part.format_spec);
      }
    }
    if (debug && part.conversion == 0 && null(k.field(g_.f_format_specifier))) part.conversion = 'r';
    return part;
  }

  void format_spec(TSNode spec, const StringPrefix& prefix, StrAcc& acc, std::vector<FStringPart>& out) {
    Kids k(*this, spec);
    uint32_t pos = ts_node_start_byte(spec);
    uint32_t end = ts_node_end_byte(spec);
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == T_colon && ts_node_start_byte(kid.node) == pos) {
        pos = ts_node_end_byte(kid.node);
      } else if (kid.kind == N_format_expression) {
        decode_segment(pos, ts_node_start_byte(kid.node), prefix, out, acc, spec);
        out.push_back(replacement_field(kid.node, prefix, acc));
        pos = ts_node_end_byte(kid.node);
      }
    }
    decode_segment(pos, end, prefix, out, acc, spec);
  }

  // ------------------------------------------------------------------ parameters

  void parameters(TSNode n, std::vector<Param>& out) {
    Kids k(*this, n);
    bool keyword_only = false, saw_default = false;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (!kid.named) continue;
      Param p;
      p.span = span(kid.node);
      p.kind = keyword_only ? ParamKind::KeywordOnly : ParamKind::Positional;
      switch (kid.kind) {
        case N_identifier: p.name = text(kid.node); break;
        case N_typed_parameter: {
          Kids t(*this, kid.node);
          TSNode inner{};
          for (size_t j = 0; j < t.size(); ++j)
            if (t[j].named && t[j].field != g_.f_type) inner = t[j].node;
          p.annotation = annotation(t.field(g_.f_type));
          splat_param(inner, p, keyword_only);
          break;
        }
        case N_default_parameter:
        case N_typed_default_parameter: {
          Kids t(*this, kid.node);
          TSNode name = t.field(g_.f_name);
          if (kind(name) != N_identifier) {
            report_at(DiagKind::InvalidSyntax, kid.node, "tuple parameters are not supported in Python 3");
            continue;
          }
          p.name = text(name);
          p.annotation = annotation(t.field(g_.f_type));
          p.default_value = expr_opt(t.field(g_.f_value));
          break;
        }
        case N_list_splat_pattern:
        case N_dictionary_splat_pattern: splat_param(kid.node, p, keyword_only); break;
        case N_keyword_separator: keyword_only = true; continue;
        case N_positional_separator:
          for (Param& q : out)
            if (q.kind == ParamKind::Positional) q.kind = ParamKind::PositionalOnly;
          continue;
        case N_tuple_pattern:
          report_at(DiagKind::InvalidSyntax, kid.node, "tuple parameters are not supported in Python 3");
          continue;
        default: continue;  // ERROR nodes are reported separately
      }
      if ((p.kind == ParamKind::Positional || p.kind == ParamKind::PositionalOnly)) {
        if (p.default_value != kNoNode) saw_default = true;
        else if (saw_default)
          report_at(DiagKind::InvalidSyntax, kid.node, "non-default argument follows default argument");
      }
      for (size_t q_i = 0; q_i < out.size() && q_i < 256; ++q_i)  // bounded: quadratic otherwise
        if (out[q_i].name == p.name && !p.name.empty()) {
          report_at(DiagKind::InvalidSyntax, kid.node, "duplicate argument '" + p.name + "' in function definition");
          break;
        }
      out.push_back(std::move(p));
    }
  }

  // identifier, *args or **kwargs: sets the name and kind.
  void splat_param(TSNode n, Param& p, bool& keyword_only) {
    uint16_t k = kind(n);
    if (k == N_identifier) {
      p.name = text(n);
      return;
    }
    if (k != N_list_splat_pattern && k != N_dictionary_splat_pattern) return;
    Kids s(*this, n);
    TSNode name = s.named(0);
    if (!null(name)) p.name = text(name);
    if (k == N_list_splat_pattern) {
      p.kind = ParamKind::VarArgs;
      keyword_only = true;
    } else {
      p.kind = ParamKind::KwArgs;
    }
  }

  // ------------------------------------------------------------------ statements

  StmtId comment(TSNode n) {
    std::string_view t = text(n);
    if (!t.empty() && t.front() == '#') t.remove_prefix(1);
    if (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && (t.back() == '\r' || t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    return add_stmt(span(n), Comment{std::string(t)});
  }

  bool is_comment(StmtId id) const { return std::holds_alternative<Comment>(m_.stmts[id].node); }

  // The statements (and comments) of a module or block, appended to `out`.
  void body_of(TSNode container, Body& out) {
    Kids k(*this, container, /*keep_comments=*/true);
    out.reserve(out.size() + k.size());
    uint32_t prev_end = 0;  // end of the previous statement on the same logical line, if any
    bool separated = true;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == N_comment) {
        out.push_back(comment(kid.node));
        continue;
      }
      if (kid.kind == T_semicolon) separated = true;
      if (!kid.named || kid.kind == K_ERROR) continue;  // ';' and the like; errors reported later
      // tree-sitter accepts `a b` as two statements; Python needs a ';' or a line break.
      uint32_t start = ts_node_start_byte(kid.node);
      if (!separated) {
        auto nl = std::lower_bound(newlines_.begin(), newlines_.end(), prev_end);
        if (nl == newlines_.end() || *nl >= start)
          report_at(DiagKind::InvalidSyntax, kid.node, "invalid syntax near '" + snippet(kid.node) + "'");
      }
      prev_end = ts_node_end_byte(kid.node);
      separated = false;
      size_t before = out.size();
      stmt(kid, out);
      for (size_t j = before; j < out.size(); ++j) hoist_comments(out, j);
    }
  }

  // tree-sitter leaves comments that precede a dedent inside the inner block. A trailing comment of
  // a statement's last body that sits left of that body's indentation belongs after the statement.
  void hoist_comments(Body& out, size_t at) {
    Body* last = last_body(out[at]);
    if (!last || last->empty()) return;
    uint32_t indent = 0;
    for (StmtId id : *last)
      if (!is_comment(id)) {
        indent = m_.stmts[id].span.col;
        break;
      }
    if (indent == 0) return;
    size_t b = last->size();
    while (b > 0 && is_comment((*last)[b - 1]) && m_.stmts[(*last)[b - 1]].span.col < indent) --b;
    if (b == last->size()) return;
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(at + 1), last->begin() + static_cast<std::ptrdiff_t>(b),
               last->end());
    last->resize(b);
  }

  Body* last_body(StmtId id) {
    StmtNode& node = m_.stmts[id].node;
    if (auto* s = std::get_if<If>(&node)) {
      if (s->orelse.empty()) return &s->body;
      if (s->orelse.size() == 1) {
        if (auto* e = std::get_if<If>(&m_.stmts[s->orelse[0]].node); e && e->is_elif) return last_body(s->orelse[0]);
      }
      return &s->orelse;
    }
    if (auto* s = std::get_if<While>(&node)) return s->orelse.empty() ? &s->body : &s->orelse;
    if (auto* s = std::get_if<For>(&node)) return s->orelse.empty() ? &s->body : &s->orelse;
    if (auto* s = std::get_if<With>(&node)) return &s->body;
    if (auto* s = std::get_if<FunctionDef>(&node)) return &s->body;
    if (auto* s = std::get_if<ClassDef>(&node)) return &s->body;
    if (auto* s = std::get_if<Try>(&node)) {
      if (!s->finalbody.empty()) return &s->finalbody;
      if (!s->orelse.empty()) return &s->orelse;
      if (!s->handlers.empty()) return &s->handlers.back().body;
      return &s->body;
    }
    return nullptr;
  }

  // Comments among the clauses of a compound statement: before a block they open its body (a
  // header's trailing comment, or a comment line above the first statement); after a block they
  // close it.
  struct Clauses {
    std::vector<StmtId> pending;
    Body* last = nullptr;
    void comment(StmtId id) {
      if (last) last->push_back(id);
      else pending.push_back(id);
    }
  };

  void block(TSNode n, Body& out, Clauses& cl) {
    out.insert(out.end(), cl.pending.begin(), cl.pending.end());
    cl.pending.clear();
    if (!null(n)) {
      if (kind(n) == N_block) body_of(n, out);
    }
    cl.last = &out;
  }

  void loop_block(TSNode n, Body& out, Clauses& cl) {
    bool saved = ctx_.loop;
    ctx_.loop = true;
    block(n, out, cl);
    ctx_.loop = saved;
  }

  void stmt(const Kid& kid, Body& out) {
    DepthGuard guard(*this);
    TSNode n = kid.node;
    if (!guard.ok) {
      too_deep(n);
      out.push_back(add_stmt(span(n), UnsupportedStmt{"too deeply nested"}));
      return;
    }
    switch (kid.kind) {
      case N_expression_statement: case N_return_statement: case N_delete_statement: case N_pass_statement:
      case N_break_statement: case N_continue_statement: case N_raise_statement: case N_assert_statement:
      case N_import_statement: case N_import_from_statement: case N_future_import_statement:
      case N_global_statement: case N_nonlocal_statement: case N_print_statement: case N_exec_statement:
      case N_type_alias_statement:
        single_logical_line(n, /*simple_statement=*/true);
        break;
      default: break;
    }
    switch (kid.kind) {
      case N_expression_statement: expression_statement(n, out); return;
      case N_return_statement: {
        if (!ctx_.function) report_at(DiagKind::InvalidSyntax, n, "'return' outside function");
        Kids k(*this, n);
        out.push_back(add_stmt(span(n), Return{expr_opt(k.named(0))}));
        return;
      }
      case N_delete_statement: {
        Kids k(*this, n);
        Delete d;
        TSNode t = k.named(0);
        if (kind(t) == N_expression_list) d.targets = elements(t);
        else if (!null(t)) d.targets.push_back(expr(t));
        out.push_back(add_stmt(span(n), std::move(d)));
        return;
      }
      case N_pass_statement: out.push_back(add_stmt(span(n), Pass{})); return;
      case N_break_statement:
        if (!ctx_.loop) report_at(DiagKind::InvalidSyntax, n, "'break' outside loop");
        out.push_back(add_stmt(span(n), Break{}));
        return;
      case N_continue_statement:
        if (!ctx_.loop) report_at(DiagKind::InvalidSyntax, n, "'continue' not properly in loop");
        out.push_back(add_stmt(span(n), Continue{}));
        return;
      case N_if_statement: if_statement(n, out); return;
      case N_while_statement: {
        Kids k(*this, n, true);
        header(n, k);
        While w;
        Clauses cl;
        for (size_t i = 0; i < k.size(); ++i) {
          Kid c = k[i];
          if (c.kind == N_comment) cl.comment(comment(c.node));
          else if (c.field == g_.f_condition) w.test = expr(c.node);
          else if (c.field == g_.f_body) loop_block(c.node, w.body, cl);
          else if (c.kind == N_else_clause) else_clause(c.node, w.orelse, cl);
        }
        if (w.test == kNoNode) w.test = add(span(n), UnsupportedExpr{"missing condition"});
        out.insert(out.end(), cl.pending.begin(), cl.pending.end());
        out.push_back(add_stmt(span(n), std::move(w)));
        return;
      }
      case N_for_statement: {
        Kids k(*this, n, true);
        header(n, k);
        For f;
        Clauses cl;
        f.is_async = k.has(T_async);
        if (f.is_async && !ctx_.async_function)
          report_at(DiagKind::InvalidSyntax, n, "'async for' outside async function");
        for (size_t i = 0; i < k.size(); ++i) {
          Kid c = k[i];
          if (c.kind == N_comment) cl.comment(comment(c.node));
          else if (c.field == g_.f_left) f.target = expr(c.node);
          else if (c.field == g_.f_right) f.iter = expr(c.node);
          else if (c.field == g_.f_body) loop_block(c.node, f.body, cl);
          else if (c.kind == N_else_clause) else_clause(c.node, f.orelse, cl);
        }
        if (f.target == kNoNode) f.target = add(span(n), UnsupportedExpr{"missing target"});
        if (f.iter == kNoNode) f.iter = add(span(n), UnsupportedExpr{"missing iterable"});
        out.insert(out.end(), cl.pending.begin(), cl.pending.end());
        out.push_back(add_stmt(span(n), std::move(f)));
        return;
      }
      case N_with_statement: with_statement(n, out); return;
      case N_try_statement: try_statement(n, out); return;
      case N_raise_statement: {
        Kids k(*this, n);
        Raise r;
        for (size_t i = 0; i < k.size(); ++i) {
          Kid c = k[i];
          if (!c.named) continue;
          if (c.field == g_.f_cause) r.cause = expr(c.node);
          else if (r.exc == kNoNode) {
            if (c.kind == N_expression_list)
              report_at(DiagKind::InvalidSyntax, c.node, "invalid syntax near '" + snippet(c.node) + "'");
            r.exc = expr(c.node);
          }
        }
        out.push_back(add_stmt(span(n), r));
        return;
      }
      case N_assert_statement: {
        Kids k(*this, n);
        Assert a;
        a.test = expr_req(k.named(0), n);
        a.msg = expr_opt(k.named(1));
        out.push_back(add_stmt(span(n), a));
        return;
      }
      case N_import_statement: {
        Kids k(*this, n);
        Import im;
        for (size_t i = 0; i < k.size(); ++i)
          if (k[i].named) im.names.push_back(alias(k[i].node));
        out.push_back(add_stmt(span(n), std::move(im)));
        return;
      }
      case N_import_from_statement:
      case N_future_import_statement: import_from(n, kid.kind == N_future_import_statement, out); return;
      case N_global_statement:
      case N_nonlocal_statement: {
        Kids k(*this, n);
        std::vector<std::string> names;
        for (size_t i = 0; i < k.size(); ++i)
          if (k[i].kind == N_identifier) names.emplace_back(text(k[i].node));
        if (kid.kind == N_nonlocal_statement && ctx_.module)
          report_at(DiagKind::InvalidSyntax, n, "nonlocal declaration not allowed at module level");
        if (kid.kind == N_global_statement) out.push_back(add_stmt(span(n), Global{std::move(names)}));
        else out.push_back(add_stmt(span(n), Nonlocal{std::move(names)}));
        return;
      }
      case N_function_definition: out.push_back(function_def(n, {})); return;
      case N_class_definition: out.push_back(class_def(n, {})); return;
      case N_decorated_definition: decorated(n, out); return;
      case N_match_statement: match_statement(n, out); return;
      case N_type_alias_statement: type_alias(n, out); return;
      case N_print_statement:
        report_at(DiagKind::InvalidSyntax, n, "Missing parentheses in call to 'print'. Did you mean print(...)?");
        out.push_back(add_stmt(span(n), UnsupportedStmt{"Python 2 print statement"}));
        return;
      case N_exec_statement:
        report_at(DiagKind::InvalidSyntax, n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
        out.push_back(add_stmt(span(n), UnsupportedStmt{"Python 2 exec statement"}));
        return;
      default: out.push_back(add_stmt(span(n), UnsupportedStmt{ts_node_type(n)})); return;
    }
  }

  // `type X = int` (Python 3.12) is not modelled. But tree-sitter also reads the assignment
  // `type(obj).attr = value` as a type alias of `(obj).attr`: rebuild that as an Assign whose
  // target starts with the call type(obj).
  void type_alias(TSNode n, Body& out) {
    Kids k(*this, n);
    TSNode left = k.field(g_.f_left), right = k.field(g_.f_right);
    TSNode keyword = k.size() > 0 ? k[0].node : TSNode{};
    TSNode target = kind(left) == N_type ? ts_node_named_child(left, 0) : left;
    TSNode primary = null(target) ? TSNode{} : leftmost_primary(target);
    uint16_t pk = kind(primary);
    if (null(keyword) || null(right) || (pk != N_parenthesized_expression && pk != N_tuple) ||
        ts_node_start_byte(primary) != ts_node_start_byte(target)) {
      out.push_back(add_stmt(span(n), UnsupportedStmt{"type alias statement", StubKind::TypeParameterSyntax}));
      return;
    }
    Call call;
    call.func = add(span(keyword), Name{"type"});
    if (pk == N_tuple) {
      call.args = elements(primary);
    } else {
      Kids p(*this, primary);
      for (size_t i = 0; i < p.size(); ++i)
        if (p[i].named) call.args.push_back(expr(p[i].node));
    }
    Span call_span = span(keyword, primary);
    ExprId call_id = add(call_span, std::move(call));
    Assign a;
    a.targets.push_back(ts_node_eq(target, primary) ? call_id
                                                    : convert_with_substitute(target, primary, call_id, call_span));
    a.value = expr(right);
    out.push_back(add_stmt(span(n), std::move(a)));
  }

  void expression_statement(TSNode n, Body& out) {
    Kids k(*this, n);
    size_t count = k.named_count();
    TSNode first = k.named(0);
    if (count == 0) return;
    if (count > 1 || k.has(T_comma)) {  // `a, b` or `a,`
      std::vector<ExprId> items;
      for (size_t i = 0; i < k.size(); ++i)
        if (k[i].named) items.push_back(expr(k[i].node));
      out.push_back(add_stmt(span(n), ExprStmt{add(span(n), TupleLit{std::move(items)})}));
      return;
    }
    switch (kind(first)) {
      case N_assignment: out.push_back(assignment(n, first)); return;
      case N_augmented_assignment: {
        Kids a(*this, first);
        AugAssign s;
        if (!binop_kind(kind(a.field(g_.f_operator)), s.op)) s.op = BinOpKind::Add;
        s.target = expr_req(a.field(g_.f_left), first);
        TSNode right = a.field(g_.f_right);
        if (kind(right) == N_assignment || kind(right) == N_augmented_assignment) {
          report_at(DiagKind::InvalidSyntax, right, "invalid syntax near '" + snippet(right) + "'");
          s.value = unsupported(right, "chained augmented assignment");
        } else {
          s.value = expr_req(right, first);
        }
        out.push_back(add_stmt(span(n), s));
        return;
      }
      default: out.push_back(add_stmt(span(n), ExprStmt{expr(first)})); return;
    }
  }

  StmtId assignment(TSNode stmt_node, TSNode n) {
    Kids k(*this, n);
    TSNode left = k.field(g_.f_left), right = k.field(g_.f_right), type = k.field(g_.f_type);
    if (!null(type)) {
      switch (kind(left)) {
        case N_pattern_list: case N_tuple_pattern: case N_list_pattern: case N_tuple: case N_list: {
          // `(x): int` is a single parenthesized target; tree-sitter calls it a tuple_pattern.
          Kids t(*this, left);
          if (t.has(T_comma) || kind(left) == N_list_pattern || kind(left) == N_list || t.named_count() != 1)
            report_at(DiagKind::InvalidSyntax, left, "only single target (not tuple) can be annotated");
          break;
        }
        default: break;
      }
      AnnAssign a;
      a.target = expr_req(left, n);
      a.annotation = annotation(type);
      if (kind(right) == N_assignment || kind(right) == N_augmented_assignment) {
        report_at(DiagKind::InvalidSyntax, right, "invalid syntax near '" + snippet(right) + "'");
        a.value = unsupported(right, "chained annotated assignment");
      } else {
        a.value = expr_opt(right);
      }
      return add_stmt(span(stmt_node), a);
    }
    Assign a;
    a.targets.push_back(expr_req(left, n));
    // a = b = c: the CST nests assignments to the right; walk the chain iteratively.
    TSNode cur = right;
    while (kind(cur) == N_assignment && a.targets.size() <= static_cast<size_t>(kMaxDepth)) {
      Kids c(*this, cur);
      if (!null(c.field(g_.f_type))) {
        report_at(DiagKind::InvalidSyntax, cur, "invalid syntax near '" + snippet(cur) + "'");
      }
      a.targets.push_back(expr_req(c.field(g_.f_left), cur));
      TSNode next = c.field(g_.f_right);
      cur = next;
    }
    if (kind(cur) == N_augmented_assignment) {
      report_at(DiagKind::InvalidSyntax, cur, "invalid syntax near '" + snippet(cur) + "'");
      a.value = unsupported(cur, "chained augmented assignment");
    } else {
      a.value = expr_req(cur, n);
    }
    return add_stmt(span(stmt_node), std::move(a));
  }

  void else_clause(TSNode n, Body& out, Clauses& cl) {
    Kids k(*this, n, true);
    header(n, k);
    cl.last = nullptr;  // comments before the clause's block open it
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) cl.comment(comment(c.node));
      else if (c.kind == N_block) block(c.node, out, cl);
    }
  }

  void if_statement(TSNode n, Body& out) {
    Kids k(*this, n, true);
    header(n, k);
    struct Clause {
      ExprId test = kNoNode;
      Body body;
      TSNode node{};
    };
    If top;
    Clauses cl;
    std::vector<Clause> elifs;
    elifs.reserve(k.size());  // no reallocation: Clauses::last may point into it
    Body orelse;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) {
        cl.comment(comment(c.node));
      } else if (c.field == g_.f_condition) {
        top.test = expr(c.node);
      } else if (c.field == g_.f_consequence) {
        block(c.node, top.body, cl);
      } else if (c.kind == N_elif_clause) {
        Clause& e = elifs.emplace_back();
        e.node = c.node;
        cl.last = nullptr;
        Kids ek(*this, c.node, true);
        header(c.node, ek);
        for (size_t j = 0; j < ek.size(); ++j) {
          Kid d = ek[j];
          if (d.kind == N_comment) cl.comment(comment(d.node));
          else if (d.field == g_.f_condition) e.test = expr(d.node);
          else if (d.field == g_.f_consequence) block(d.node, e.body, cl);
        }
        if (e.test == kNoNode) e.test = add(span(c.node), UnsupportedExpr{"missing condition"});
      } else if (c.kind == N_else_clause) {
        else_clause(c.node, orelse, cl);
      }
    }
    if (top.test == kNoNode) top.test = add(span(n), UnsupportedExpr{"missing condition"});
    // Build the elif chain from the end: each elif is an If alone in its predecessor's orelse.
    Body tail = std::move(orelse);
    Span whole = span(n);
    for (size_t i = elifs.size(); i-- > 0;) {
      If e;
      e.test = elifs[i].test;
      e.body = std::move(elifs[i].body);
      e.orelse = std::move(tail);
      e.is_elif = true;
      Span s = span(elifs[i].node);
      s.end = whole.end;
      s.end_line = whole.end_line;
      tail = Body{add_stmt(s, std::move(e))};
    }
    top.orelse = std::move(tail);
    out.insert(out.end(), cl.pending.begin(), cl.pending.end());
    out.push_back(add_stmt(whole, std::move(top)));
  }

  // ------------------------------------------------------------------ match statements

  // `match SUBJECT: case PATTERN if GUARD: BODY ...`. The cases are the `alternative`s of the
  // statement's block; comments between them go to the body of the case before them.
  void match_statement(TSNode n, Body& out) {
    Kids k(*this, n, true);
    Match mt;
    std::vector<ExprId> subjects;
    TSNode body;
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].field == g_.f_subject) subjects.push_back(expr(k[i].node));
      if (k[i].field == g_.f_body) body = k[i].node;
    }
    if (subjects.size() == 1 && !k.has(T_comma)) mt.subject = subjects[0];
    else if (!subjects.empty()) mt.subject = add(span(n), TupleLit{std::move(subjects)});  // `match a, b:`
    else mt.subject = add(span(n), UnsupportedExpr{"missing match subject"});
    Clauses cl;
    if (!null(body)) {
      Kids b(*this, body, true);
      for (size_t i = 0; i < b.size(); ++i) {
        if (b[i].kind == N_comment) cl.comment(comment(b[i].node));
        else if (b[i].kind == N_case_clause) mt.cases.push_back(case_clause(b[i].node, cl));
      }
    }
    out.insert(out.end(), cl.pending.begin(), cl.pending.end());
    StmtId id = add_stmt(span(n), std::move(mt));
    out.push_back(id);
  }

  MatchCase case_clause(TSNode n, Clauses& cl) {
    Kids k(*this, n, true);
    MatchCase c;
    c.span = span(n);
    std::vector<PatternId> patterns;
    bool comma = false;
    TSNode block_node;
    for (size_t i = 0; i < k.size(); ++i) {
      Kid kid = k[i];
      if (kid.kind == N_case_pattern) patterns.push_back(pattern(kid.node));
      else if (kid.kind == T_comma) comma = true;
      else if (kid.field == g_.f_guard) {
        Kids g(*this, kid.node);
        c.guard = expr_req(g.named(0), kid.node);
      } else if (kid.field == g_.f_consequence) block_node = kid.node;
      else if (kid.kind == N_comment && null(block_node)) cl.comment(comment(kid.node));
    }
    // `case a, b:` is the sequence pattern `[a, b]`.
    if (patterns.size() == 1 && !comma) c.pattern = patterns[0];
    else c.pattern = add_pattern(span(n), MatchSequence{std::move(patterns)});
    block(block_node, c.body, cl);
    return c;
  }

  template <class T>
  PatternId add_pattern(const Span& s, T&& node) { return push(m_.patterns, s, std::forward<T>(node)); }

  // `a.b.c` as an expression (a Name, or Attributes over one).
  ExprId dotted_expr(TSNode n) {
    Kids k(*this, n);
    ExprId e = kNoNode;
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].kind != N_identifier) continue;
      Span s = span(n);
      s.end = ts_node_end_byte(k[i].node);
      e = e == kNoNode ? add(span(k[i].node), Name{std::string(text(k[i].node))})
                       : add(s, Attribute{e, std::string(text(k[i].node))});
    }
    return e == kNoNode ? add(span(n), UnsupportedExpr{"empty dotted name"}) : e;
  }

  // A literal pattern piece; `-` before a number is a separate token of the parent.
  ExprId literal_expr(TSNode n, bool negative, TSNode parent) {
    ExprId e = expr(n);
    if (negative) e = add(span(parent), UnaryOp{UnaryOpKind::Neg, e});
    return e;
  }

  // One pattern node (a case_pattern or anything a case_pattern may hold).
  PatternId pattern(TSNode n) {
    DepthGuard guard(*this);
    if (!guard.ok) {
      too_deep(n);
      return add_pattern(span(n), MatchAs{});
    }
    Span sp = span(n);
    switch (kind(n)) {
      case N_case_pattern: {
        Kids k(*this, n);
        bool negative = k.has(T_minus);
        for (size_t i = 0; i < k.size(); ++i)
          if (k[i].named) {
            uint16_t kk = k[i].kind;
            if (kk == N_integer || kk == N_float) return add_pattern(sp, MatchValue{literal_expr(k[i].node, negative, n)});
            return pattern(k[i].node);
          }
        return add_pattern(sp, MatchAs{});  // `_`
      }
      case N_dotted_name: {
        Kids k(*this, n);
        if (k.named_count() == 1) return add_pattern(sp, MatchAs{kNoNode, dotted_expr(n)});  // a capture
        return add_pattern(sp, MatchValue{dotted_expr(n)});
      }
      case N_integer:
      case N_float:
      case N_string:
      case N_concatenated_string:
      case N_true:
      case N_false:
      case N_none: return add_pattern(sp, MatchValue{expr(n)});
      case N_complex_pattern: return add_pattern(sp, MatchValue{unsupported(n, "complex number", StubKind::MatchPattern)});
      case N_as_pattern: {
        Kids k(*this, n);
        MatchAs as;
        for (size_t i = 0; i < k.size(); ++i) {
          if (k[i].kind == N_case_pattern && as.pattern == kNoNode) as.pattern = pattern(k[i].node);
          else if (k[i].kind == N_identifier) as.name = name(k[i].node);
        }
        if (as.pattern == kNoNode) as.pattern = add_pattern(sp, MatchAs{});
        return add_pattern(sp, as);
      }
      case N_union_pattern: {
        Kids k(*this, n);
        MatchOr o;
        bool negative = false;
        for (size_t i = 0; i < k.size(); ++i) {
          if (k[i].kind == T_minus) negative = true;
          if (!k[i].named) continue;
          if (k[i].kind == N_integer || k[i].kind == N_float)
            o.alternatives.push_back(add_pattern(span(k[i].node), MatchValue{literal_expr(k[i].node, negative, k[i].node)}));
          else
            o.alternatives.push_back(pattern(k[i].node));
          negative = false;
        }
        return add_pattern(sp, std::move(o));
      }
      case N_list_pattern:
      case N_tuple_pattern: {
        Kids k(*this, n);
        std::vector<PatternId> elts;
        for (size_t i = 0; i < k.size(); ++i)
          if (k[i].named) elts.push_back(pattern(k[i].node));
        // `(P)` groups; `(P,)` and `[P]` are sequences.
        if (kind(n) == N_tuple_pattern && elts.size() == 1 && !k.has(T_comma)) return elts[0];
        return add_pattern(sp, MatchSequence{std::move(elts)});
      }
      case N_splat_pattern: {
        Kids k(*this, n);
        TSNode id = k.named(0);
        return add_pattern(sp, MatchStar{null(id) ? kNoNode : name(id)});
      }
      case N_class_pattern: {
        Kids k(*this, n);
        MatchClass c;
        for (size_t i = 0; i < k.size(); ++i) {
          if (k[i].kind == N_dotted_name && c.cls == kNoNode) {
            c.cls = dotted_expr(k[i].node);
          } else if (k[i].kind == N_case_pattern) {
            TSNode inner_node = ts_node_named_child(k[i].node, 0);
            if (kind(inner_node) == N_keyword_pattern) {
              Kids kw(*this, inner_node);
              std::string key;
              PatternId value = kNoNode;
              bool negative = kw.has(T_minus);
              for (size_t j = 0; j < kw.size(); ++j) {
                if (!kw[j].named) continue;
                if (key.empty() && kw[j].kind == N_identifier) key = std::string(text(kw[j].node));
                else if (kw[j].kind == N_integer || kw[j].kind == N_float)
                  value = add_pattern(span(kw[j].node), MatchValue{literal_expr(kw[j].node, negative, kw[j].node)});
                else value = pattern(kw[j].node);
              }
              if (value == kNoNode) value = add_pattern(span(inner_node), MatchAs{});  // `x=_`
              c.kw_names.push_back(key);
              c.kw_patterns.push_back(value);
            } else {
              if (!c.kw_names.empty())
                report_at(DiagKind::InvalidSyntax, k[i].node, "positional patterns follow keyword patterns");
              c.args.push_back(pattern(k[i].node));
            }
          }
        }
        return add_pattern(sp, std::move(c));
      }
      case N_dict_pattern: {
        Kids k(*this, n);
        MatchMapping mp;
        bool negative = false;
        for (size_t i = 0; i < k.size(); ++i) {
          Kid kid = k[i];
          if (kid.kind == T_minus) negative = true;
          if (kid.field == g_.f_key && kid.named) {
            mp.keys.push_back(kid.kind == N_dotted_name ? dotted_expr(kid.node) : literal_expr(kid.node, negative, kid.node));
            negative = false;
          } else if (kid.field == g_.f_value) {
            mp.values.push_back(pattern(kid.node));
          } else if (kid.kind == N_splat_pattern) {
            Kids st(*this, kid.node);
            TSNode id = st.named(0);
            if (!null(id)) mp.rest = name(id);
          }
        }
        if (mp.keys.size() != mp.values.size()) {
          report_at(DiagKind::InvalidSyntax, n, "invalid syntax near '" + snippet(n) + "'");
          mp.values.resize(mp.keys.size(), add_pattern(sp, MatchAs{}));
        }
        return add_pattern(sp, std::move(mp));
      }
      default: {
        report_at(DiagKind::InvalidSyntax, n, "invalid syntax near '" + snippet(n) + "'");
        return add_pattern(sp, MatchValue{unsupported(n, "pattern", StubKind::MatchPattern)});
      }
    }
  }


  void with_statement(TSNode n, Body& out) {
    Kids k(*this, n, true);
    header(n, k);
    With w;
    Clauses cl;
    w.is_async = k.has(T_async);
    if (w.is_async && !ctx_.async_function)
      report_at(DiagKind::InvalidSyntax, n, "'async with' outside async function");
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) {
        cl.comment(comment(c.node));
      } else if (c.kind == N_with_clause) {
        Kids items(*this, c.node);
        for (size_t j = 0; j < items.size(); ++j) {
          if (items[j].kind != N_with_item) continue;
          Kids item(*this, items[j].node);
          TSNode value = item.field(g_.f_value);
          if (null(value)) value = item.named(0);
          WithItem wi;
          if (kind(value) == N_as_pattern) {
            Kids as(*this, value);
            wi.context = expr_req(as.named(0), value);
            TSNode target = as.field(g_.f_alias);
            if (!null(target)) {
              Kids t(*this, target);
              wi.target = expr_req(t.named(0), target);
            }
          } else {
            wi.context = expr_req(value, items[j].node);
          }
          w.items.push_back(wi);
        }
      } else if (c.field == g_.f_body) {
        block(c.node, w.body, cl);
      }
    }
    out.insert(out.end(), cl.pending.begin(), cl.pending.end());
    out.push_back(add_stmt(span(n), std::move(w)));
  }

  void try_statement(TSNode n, Body& out) {
    Kids k(*this, n, true);
    if (k.has(N_except_group_clause)) {
      out.push_back(add_stmt(span(n), UnsupportedStmt{"try statement with except*", StubKind::ExceptionForm}));
      return;
    }
    header(n, k);
    Try t;
    Clauses cl;
    size_t handlers = 0;
    for (size_t i = 0; i < k.size(); ++i) handlers += k[i].kind == N_except_clause;
    t.handlers.reserve(handlers);  // no reallocation: Clauses::last may point into it
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) {
        cl.comment(comment(c.node));
      } else if (c.field == g_.f_body && c.kind == N_block) {
        block(c.node, t.body, cl);
      } else if (c.kind == N_except_clause) {
        ExceptHandler& h = t.handlers.emplace_back();
        h.span = span(c.node);
        cl.last = nullptr;
        Kids ek(*this, c.node, true);
        header(c.node, ek);
        for (size_t j = 0; j < ek.size(); ++j) {
          Kid d = ek[j];
          if (d.kind == N_comment) {
            cl.comment(comment(d.node));
          } else if (d.kind == N_block) {
            block(d.node, h.body, cl);
          } else if (d.kind == T_comma || d.field == g_.f_alias) {
            report_at(DiagKind::InvalidSyntax, d.node, "multiple exception types must be parenthesized");
          } else if (d.field == g_.f_value) {
            if (kind(d.node) == N_as_pattern) {
              Kids as(*this, d.node);
              h.type = expr_req(as.named(0), d.node);
              TSNode target = as.field(g_.f_alias);
              if (!null(target)) {
                Kids tk(*this, target);
                TSNode name = tk.named(0);
                if (kind(name) == N_identifier) h.name = text(name);
                else report_at(DiagKind::InvalidSyntax, target, "invalid syntax near '" + snippet(target) + "'");
              }
            } else {
              h.type = expr(d.node);
            }
          }
        }
      } else if (c.kind == N_else_clause) {
        else_clause(c.node, t.orelse, cl);
      } else if (c.kind == N_finally_clause) {
        Kids fk(*this, c.node, true);
        header(c.node, fk);
        cl.last = nullptr;
        for (size_t j = 0; j < fk.size(); ++j) {
          if (fk[j].kind == N_comment) cl.comment(comment(fk[j].node));
          else if (fk[j].kind == N_block) block(fk[j].node, t.finalbody, cl);
        }
      }
    }
    out.insert(out.end(), cl.pending.begin(), cl.pending.end());
    out.push_back(add_stmt(span(n), std::move(t)));
  }

  std::string dotted(TSNode n) {
    if (kind(n) != N_dotted_name) return std::string(text(n));
    Kids k(*this, n);
    std::string s;
    for (size_t i = 0; i < k.size(); ++i) {
      if (k[i].kind != N_identifier) continue;
      if (!s.empty()) s += '.';
      s += text(k[i].node);
    }
    return s;
  }

  Alias alias(TSNode n) {
    if (kind(n) == N_aliased_import) {
      Kids k(*this, n);
      TSNode as = k.field(g_.f_alias);
      return Alias{dotted(k.field(g_.f_name)), null(as) ? std::string() : std::string(text(as))};
    }
    if (kind(n) == N_wildcard_import) return Alias{"*", ""};
    return Alias{dotted(n), ""};
  }

  void import_from(TSNode n, bool future, Body& out) {
    Kids k(*this, n);
    ImportFrom im;
    if (future) im.module = "__future__";
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (!c.named) continue;
      if (c.field == g_.f_module_name) {
        if (c.kind == N_relative_import) {
          Kids r(*this, c.node);
          for (size_t j = 0; j < r.size(); ++j) {
            if (r[j].kind == N_import_prefix) {
              for (char ch : text(r[j].node)) im.level += ch == '.';
            } else if (r[j].kind == N_dotted_name) {
              im.module = dotted(r[j].node);
            }
          }
        } else {
          im.module = dotted(c.node);
        }
      } else if (c.kind == N_dotted_name || c.kind == N_aliased_import || c.kind == N_wildcard_import) {
        im.names.push_back(alias(c.node));
        if (c.kind == N_wildcard_import && !ctx_.module)
          report_at(DiagKind::InvalidSyntax, n, "import * only allowed at module level");
      }
    }
    if (k.size() > 0 && k[k.size() - 1].kind == T_comma && !k.has(T_lparen))
      report_at(DiagKind::InvalidSyntax, k[k.size() - 1].node,
                "trailing comma not allowed without surrounding parentheses");
    out.push_back(add_stmt(span(n), std::move(im)));
  }

  StmtId function_def(TSNode n, std::vector<ExprId> decorators) {
    Kids k(*this, n, true);
    if (!null(k.field(g_.f_type_parameters)))
      return add_stmt(span(n), UnsupportedStmt{"generic function (type parameter list)", StubKind::TypeParameterSyntax});
    header(n, k);
    FunctionDef f;
    Clauses cl;
    f.decorators = std::move(decorators);
    f.is_async = k.has(T_async);
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) cl.comment(comment(c.node));
      else if (c.field == g_.f_name) {
        f.name = text(c.node);
        f.name_span = span(c.node);
      } else if (c.field == g_.f_parameters) {
        parameters(c.node, f.params);
      } else if (c.field == g_.f_return_type) {
        f.returns = annotation(c.node);
      } else if (c.field == g_.f_body) {
        Context saved = ctx_;
        ctx_ = Context{true, f.is_async, false, false};
        block(c.node, f.body, cl);
        ctx_ = saved;
      }
    }
    f.body.insert(f.body.begin(), cl.pending.begin(), cl.pending.end());
    return add_stmt(span(n), std::move(f));
  }

  StmtId class_def(TSNode n, std::vector<ExprId> decorators) {
    Kids k(*this, n, true);
    if (!null(k.field(g_.f_type_parameters)))
      return add_stmt(span(n), UnsupportedStmt{"generic class (type parameter list)", StubKind::TypeParameterSyntax});
    header(n, k);
    ClassDef c;
    Clauses cl;
    c.decorators = std::move(decorators);
    for (size_t i = 0; i < k.size(); ++i) {
      Kid d = k[i];
      if (d.kind == N_comment) cl.comment(comment(d.node));
      else if (d.field == g_.f_name) {
        c.name = text(d.node);
        c.name_span = span(d.node);
      } else if (d.field == g_.f_superclasses) {
        arguments(d.node, c.bases, c.keywords);
      } else if (d.field == g_.f_body) {
        Context saved = ctx_;
        ctx_ = Context{false, false, false, false};
        block(d.node, c.body, cl);
        ctx_ = saved;
      }
    }
    c.body.insert(c.body.begin(), cl.pending.begin(), cl.pending.end());
    return add_stmt(span(n), std::move(c));
  }

  void decorated(TSNode n, Body& out) {
    Kids k(*this, n, true);
    std::vector<ExprId> decorators;
    TSNode def{};
    for (size_t i = 0; i < k.size(); ++i) {
      Kid c = k[i];
      if (c.kind == N_comment) {
        out.push_back(comment(c.node));
      } else if (c.kind == N_decorator) {
        single_logical_line(c.node);
        Kids d(*this, c.node, true);
        TSNode e{};
        for (size_t j = 0; j < d.size(); ++j) {
          if (d[j].kind == N_comment) out.push_back(comment(d[j].node));
          else if (d[j].named && null(e)) e = d[j].node;
        }
        decorators.push_back(expr_req(e, c.node));
      } else if (c.field == g_.f_definition) {
        def = c.node;
      }
    }
    if (kind(def) == N_function_definition) out.push_back(function_def(def, std::move(decorators)));
    else if (kind(def) == N_class_definition) out.push_back(class_def(def, std::move(decorators)));
  }

  // ------------------------------------------------------------------ errors

  std::string snippet(TSNode n) const {
    std::string_view t = text(n);
    size_t b = 0;
    while (b < t.size() && (t[b] == ' ' || t[b] == '\t' || t[b] == '\n' || t[b] == '\r' || t[b] == '\f')) ++b;
    t.remove_prefix(b);
    size_t e = 0;
    while (e < t.size() && e < 20 && t[e] != '\n' && t[e] != '\r') ++e;
    // Do not cut a UTF-8 sequence.
    if (e < t.size() && e == 20)
      while (e > 0 && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) --e;
    std::string out(t.substr(0, e));
    for (char& c : out)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = c == '\t' ? ' ' : '?';
    return out;
  }

  bool suppressed(TSNode n) const {
    uint32_t b = ts_node_start_byte(n);
    for (const auto& [lo, hi] : suppressed_)
      if (b >= lo && b < hi) return true;
    return false;
  }

  // Every ERROR and MISSING node, visiting only subtrees that contain errors.
  void report_error_nodes(TSNode root) {
    TSTreeCursor c = ts_tree_cursor_new(root);
    bool descend = true;
    for (;;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (descend) {
        if (ts_node_is_missing(n)) {
          if (suppressed(n)) {
          } else if (g_.kind(n) == N_string_end) {
            report_at(DiagKind::MissingToken, n, "unterminated string literal");
          } else {
            report_at(DiagKind::MissingToken, n, std::string("expected '") + ts_node_type(n) + "'");
          }
        } else if (g_.kind(n) == K_ERROR) {
          if (!suppressed(n)) {
            std::string s = snippet(n);
            report_at(DiagKind::InvalidSyntax, n, s.empty() ? "invalid syntax" : "invalid syntax near '" + s + "'");
          }
        }
        if (diags_.size() >= kMaxDiagnostics) break;
        if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&c)) continue;
      }
      if (ts_tree_cursor_goto_next_sibling(&c)) {
        descend = true;
        continue;
      }
      if (!ts_tree_cursor_goto_parent(&c)) break;
      descend = false;
    }
    ts_tree_cursor_delete(&c);
  }

  const Grammar& g_;
  Module& m_;
  std::vector<Diagnostic>& diags_;
  std::string_view src_;
  std::vector<bool> reported_;  // lines that already have a diagnostic
  TSTreeCursor cursor_{};
  bool cursor_live_ = false;
  std::vector<Kid> kids_;
  int depth_ = 0;
  bool depth_reported_ = false;
  std::vector<std::pair<uint32_t, uint32_t>> suppressed_;  // byte ranges whose ERROR nodes are expected
  const std::vector<uint32_t>& newlines_;                  // offsets of logical-line-ending newlines
  const std::vector<uint32_t>& line_starts_;  // byte offset of each line's start; [0] = 0
  size_t hint_ = 0;
  std::vector<std::pair<uint32_t, char>>* edits_;
  // While set, expr(subst_node_) yields subst_id_ (see convert_with_substitute).
  bool subst_active_ = false;
  TSNode subst_node_{};
  ExprId subst_id_ = kNoNode;

  // What the enclosing scope allows (Python rejects these at compile time, tree-sitter never).
  struct Context {
    bool function = false;  // return / yield allowed
    bool async_function = false;
    bool loop = false;      // break / continue allowed
    bool module = true;     // import * allowed
  };
  Context ctx_;
};

constexpr const char* kGaveUp = "the parser gave up on this file (too many syntax errors)";

Diagnostic file_error(const std::string& path, std::string message) {
  return Diagnostic{DiagKind::InvalidSyntax, path, 0, 0, std::move(message), {}};
}

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

}  // namespace

ParseResult parse_module(std::string_view path, std::string source) {
  ParseResult r;
  Module& m = r.module;
  m.path = std::string(path);
  m.name = module_name_of(path);
  m.source = std::move(source);
  const std::string& src = m.source;

  if (src.size() >= UINT32_MAX / 2) {
    r.diagnostics.push_back(file_error(m.path, "source file too large"));
    return r;
  }
  std::vector<uint32_t> line_starts{0};
  for (size_t i = 0; i < src.size(); ++i)
    if (src[i] == '\n') line_starts.push_back(static_cast<uint32_t>(i + 1));
  const uint32_t lines = static_cast<uint32_t>(line_starts.size());

  // Indentation first: its messages are the most precise for their lines.
  std::vector<uint32_t> newlines;
  newlines.reserve(lines);
  std::string blanked;  // what tree-sitter parses, when it differs from the source
  std::vector<parse::SourceIssue> issues = parse::scan_indentation(src, kMaxDiagnostics, &newlines, &blanked);
  const std::string& ts_src = blanked.empty() ? src : blanked;

  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!parser || !ts_parser_set_language(parser.get(), parse::grammar().lang)) {
    r.diagnostics.push_back(file_error(m.path, "tree-sitter grammar version mismatch"));
    return r;
  }
  // tree-sitter's error recovery can go superlinear on garbage (a megabyte of random text takes
  // minutes): bound it. Real code parses at several MB/s, far inside this budget.
  ts_parser_set_timeout_micros(parser.get(), 3'000'000 + 3 * static_cast<uint64_t>(src.size()));
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser.get(), nullptr, ts_src.data(), static_cast<uint32_t>(ts_src.size())));
  if (!tree) {
    r.diagnostics.push_back(file_error(m.path, kGaveUp));
    return r;
  }

  std::vector<Diagnostic> syntax;  // from the tree: ERROR / MISSING nodes and checks while building
  std::vector<std::pair<uint32_t, char>> edits;
  {
    Builder b(m, syntax, line_starts, newlines, &edits);
    b.build(ts_tree_root_node(tree.get()));
  }
  // tree-sitter read through line breaks that end statements (`a,` NEWLINE `b`), or a type hint
  // is a string: make the line breaks explicit, unquote the hints, and start again. Offsets and
  // lines are unchanged. A hint quoted inside a quoted hint ("dict[str, 'Node']") takes another
  // round; the bound keeps a pathological nesting from costing more than a few parses.
  for (int round = 0; !edits.empty() && round < 4; ++round) {
    if (blanked.empty()) blanked = src;
    for (auto [off, c] : edits) blanked[off] = c;
    edits.clear();
    tree.reset(ts_parser_parse_string(parser.get(), nullptr, blanked.data(), static_cast<uint32_t>(blanked.size())));
    if (!tree) {
      r.diagnostics.push_back(file_error(m.path, kGaveUp));
      return r;
    }
    m.exprs.clear();
    m.stmts.clear();
    m.body.clear();
    syntax.clear();
    Builder b(m, syntax, line_starts, newlines, round < 3 ? &edits : nullptr);
    b.build(ts_tree_root_node(tree.get()));
  }

  // Merge: one diagnostic per line, indentation messages first; an "unexpected indent" right
  // after a line with a syntax error (e.g. `if x` without ':') is a consequence, not news.
  std::vector<bool> taken(lines + 2, false);
  auto take = [&](Diagnostic d) {
    if (d.line < taken.size()) {
      if (taken[d.line]) return;
      taken[d.line] = true;
    }
    r.diagnostics.push_back(std::move(d));
  };
  for (auto& is : issues) {
    if (is.after_line) {
      bool explained = std::any_of(syntax.begin(), syntax.end(), [&](const Diagnostic& d) {
        return d.line >= is.after_line && d.line < is.line;
      });
      if (explained) continue;
    }
    take(Diagnostic{is.kind, m.path, is.line, is.col, std::move(is.message), {}});
  }
  for (auto& d : syntax) take(std::move(d));
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  if (r.diagnostics.size() > kMaxDiagnostics) r.diagnostics.resize(kMaxDiagnostics);
  return r;
}

}  // namespace py2cpp
