#pragma once
// The typed Python AST: plain data produced by parse/, read by sema/ and emit/.
//
// Nodes live in two arenas owned by Module (exprs, stmts) and refer to each other by
// index (ExprId, StmtId). Later stages attach facts through side tables indexed by the
// same ids, so the AST itself is never mutated after parsing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "diag/stub_kinds.hpp"

namespace py2cpp::ast {

using ExprId = uint32_t;
using StmtId = uint32_t;
using PatternId = uint32_t;  // into Module::patterns (the patterns of match statements)
inline constexpr uint32_t kNoNode = UINT32_MAX;

// A source range. line/col are 1-based (col counts bytes, as compilers do); begin/end are byte offsets.
struct Span {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t end_line = 0;
};

using Body = std::vector<StmtId>;

// ---------------------------------------------------------------- expressions

enum class BinOpKind { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor, MatMul };
enum class UnaryOpKind { Neg, Pos, Invert, Not };
enum class CmpOpKind { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Name { std::string id; };
struct IntLit {
  int64_t value = 0;
  bool overflow = false;  // literal does not fit in int64_t
};
struct FloatLit { double value = 0; };
struct StrLit {
  std::string value;  // decoded (escapes resolved, implicit concatenation joined), UTF-8
  bool is_bytes = false;
};
struct BoolLit { bool value = false; };
struct NoneLit {};
struct EllipsisLit {};

// One piece of an f-string: literal text, or a replacement field {expr!conv:spec}.
struct FStringPart {
  std::string literal;                 // used when expr == kNoNode
  ExprId expr = kNoNode;
  char conversion = 0;                 // 0, 'r', 's' or 'a'
  std::vector<FStringPart> format_spec;  // may itself hold replacement fields
  std::string debug_text;              // for f"{x=}": the text "x=" to print before the value
};
struct FString { std::vector<FStringPart> parts; };

struct UnaryOp { UnaryOpKind op; ExprId operand = kNoNode; };
struct BinOp { BinOpKind op; ExprId left = kNoNode; ExprId right = kNoNode; };
struct BoolOp {
  bool is_and = true;
  std::vector<ExprId> values;  // flattened: a and b and c -> [a, b, c]
};
struct Compare {
  ExprId left = kNoNode;
  std::vector<CmpOpKind> ops;
  std::vector<ExprId> comparators;  // same length as ops
};

struct Keyword {
  std::string name;  // empty for **mapping
  ExprId value = kNoNode;
  Span span;
};
struct Call {
  ExprId func = kNoNode;
  std::vector<ExprId> args;  // may contain Starred for *xs
  std::vector<Keyword> keywords;
};
struct Attribute { ExprId value = kNoNode; std::string attr; };
struct Subscript { ExprId value = kNoNode; ExprId index = kNoNode; };  // index may be Slice or TupleLit
struct Slice { ExprId lower = kNoNode; ExprId upper = kNoNode; ExprId step = kNoNode; };
struct ListLit { std::vector<ExprId> elts; };
struct TupleLit { std::vector<ExprId> elts; };
struct SetLit { std::vector<ExprId> elts; };
struct DictLit {
  std::vector<ExprId> keys;  // kNoNode key means **values[i]
  std::vector<ExprId> values;
};
struct IfExp { ExprId test = kNoNode; ExprId body = kNoNode; ExprId orelse = kNoNode; };
struct Starred { ExprId value = kNoNode; };
struct NamedExpr { ExprId target = kNoNode; ExprId value = kNoNode; };  // target := value
struct Await { ExprId value = kNoNode; };
struct Yield {
  ExprId value = kNoNode;  // may be kNoNode
  bool is_from = false;
};

enum class ParamKind { Positional, PositionalOnly, KeywordOnly, VarArgs, KwArgs };
struct Param {
  std::string name;
  ExprId annotation = kNoNode;
  ExprId default_value = kNoNode;
  ParamKind kind = ParamKind::Positional;
  Span span;
};

struct Lambda {
  std::vector<Param> params;
  ExprId body = kNoNode;
};

struct CompFor {
  ExprId target = kNoNode;
  ExprId iter = kNoNode;
  std::vector<ExprId> ifs;
  bool is_async = false;
};
enum class ComprehensionKind { List, Set, Dict, Generator };
struct Comprehension {
  ComprehensionKind kind = ComprehensionKind::List;
  ExprId elt = kNoNode;    // the key for Dict
  ExprId value = kNoNode;  // the value for Dict
  std::vector<CompFor> generators;
};

// A construct the parser recognises but the AST does not model; later stages stub it.
struct UnsupportedExpr {
  std::string what;
  StubKind kind = StubKind::UnsupportedSyntax;
};

using ExprNode = std::variant<Name, IntLit, FloatLit, StrLit, BoolLit, NoneLit, EllipsisLit, FString, UnaryOp, BinOp,
                              BoolOp, Compare, Call, Attribute, Subscript, Slice, ListLit, TupleLit, SetLit, DictLit,
                              IfExp, Starred, NamedExpr, Await, Yield, Lambda, Comprehension, UnsupportedExpr>;

struct Expr {
  Span span;
  ExprNode node;
};

// ---------------------------------------------------------------- statements

struct ExprStmt { ExprId value = kNoNode; };
struct Assign {
  std::vector<ExprId> targets;  // a = b = 0 -> [a, b]; a target may be a TupleLit/ListLit for unpacking
  ExprId value = kNoNode;
};
struct AugAssign { ExprId target = kNoNode; BinOpKind op; ExprId value = kNoNode; };
struct AnnAssign {
  ExprId target = kNoNode;
  ExprId annotation = kNoNode;
  ExprId value = kNoNode;  // may be kNoNode (declaration only)
};
struct Return { ExprId value = kNoNode; };
struct Delete { std::vector<ExprId> targets; };
struct Pass {};
struct Break {};
struct Continue {};
struct Comment { std::string text; };  // without the leading '#'

struct If {
  ExprId test = kNoNode;
  Body body;
  Body orelse;          // an elif is a single If in orelse with is_elif = true
  bool is_elif = false;
};
struct While { ExprId test = kNoNode; Body body; Body orelse; };
struct For {
  ExprId target = kNoNode;
  ExprId iter = kNoNode;
  Body body;
  Body orelse;
  bool is_async = false;
};

struct WithItem { ExprId context = kNoNode; ExprId target = kNoNode; };
struct With { std::vector<WithItem> items; Body body; bool is_async = false; };

struct ExceptHandler {
  ExprId type = kNoNode;  // may be a TupleLit for except (A, B)
  std::string name;       // except E as name
  Body body;
  Span span;
};
struct Try {
  Body body;
  std::vector<ExceptHandler> handlers;
  Body orelse;
  Body finalbody;
};
struct Raise { ExprId exc = kNoNode; ExprId cause = kNoNode; };
struct Assert { ExprId test = kNoNode; ExprId msg = kNoNode; };

struct Alias { std::string name; std::string asname; };  // name may be dotted
struct Import { std::vector<Alias> names; };
struct ImportFrom {
  std::string module;  // dotted, without the leading dots
  std::vector<Alias> names;  // a single "*" name for wildcard imports
  int level = 0;        // number of leading dots
};
struct Global { std::vector<std::string> names; };
struct Nonlocal { std::vector<std::string> names; };

struct FunctionDef {
  std::string name;
  std::vector<Param> params;
  ExprId returns = kNoNode;
  Body body;
  std::vector<ExprId> decorators;
  bool is_async = false;
  Span name_span;
};
struct ClassDef {
  std::string name;
  std::vector<ExprId> bases;
  std::vector<Keyword> keywords;  // metaclass=..., etc.
  Body body;
  std::vector<ExprId> decorators;
  Span name_span;
};

// ---------------------------------------------------------------- match statements
// Patterns live in their own arena (Module::patterns). Names a pattern binds are Name
// expressions in the expression arena, so later stages resolve them like assignment targets.

struct MatchValue { ExprId value = kNoNode; };  // a literal (`1`, `-1`, `"a"`, `None`, `True`) or a dotted name
struct MatchAs {
  PatternId pattern = kNoNode;  // `P as x`; kNoNode for a bare capture `x` or the wildcard `_`
  ExprId name = kNoNode;        // a Name; kNoNode for `_`
};
struct MatchOr { std::vector<PatternId> alternatives; };  // `P | Q`
struct MatchStar { ExprId name = kNoNode; };              // `*rest` in a sequence (kNoNode for `*_`)
struct MatchSequence { std::vector<PatternId> elts; };    // `[a, *rest]`, `(a, b)`, `a, b`; at most one MatchStar
struct MatchMapping {
  std::vector<ExprId> keys;        // literals or dotted names
  std::vector<PatternId> values;   // same length as keys
  ExprId rest = kNoNode;           // `**rest` (a Name), or kNoNode
};
struct MatchClass {
  ExprId cls = kNoNode;                // a Name or Attribute naming the class
  std::vector<PatternId> args;         // positional sub-patterns
  std::vector<std::string> kw_names;   // keyword sub-patterns: `x=P`
  std::vector<PatternId> kw_patterns;  // same length as kw_names
};
using PatternNode = std::variant<MatchValue, MatchAs, MatchOr, MatchStar, MatchSequence, MatchMapping, MatchClass>;
struct Pattern {
  Span span;
  PatternNode node;
};

struct MatchCase {
  PatternId pattern = kNoNode;
  ExprId guard = kNoNode;  // `case P if guard:`
  Body body;
  Span span;
};
struct Match {
  ExprId subject = kNoNode;  // `match a, b:` is a TupleLit
  std::vector<MatchCase> cases;
};

struct UnsupportedStmt {  // e.g. "type alias statement"
  std::string what;
  StubKind kind = StubKind::UnsupportedSyntax;
};

using StmtNode = std::variant<ExprStmt, Assign, AugAssign, AnnAssign, Return, Delete, Pass, Break, Continue, Comment,
                              If, While, For, With, Try, Raise, Assert, Import, ImportFrom, Global, Nonlocal,
                              FunctionDef, ClassDef, Match, UnsupportedStmt>;

struct Stmt {
  Span span;
  StmtNode node;
};

// ---------------------------------------------------------------- module

struct Module {
  std::string path;    // as given on the command line
  std::string name;    // module name: file stem ("stats" for stats.py)
  std::string source;  // the whole file, UTF-8
  std::vector<Expr> exprs;
  std::vector<Stmt> stmts;
  std::vector<Pattern> patterns;
  Body body;

  const Expr& expr(ExprId id) const { return exprs[id]; }
  const Stmt& stmt(StmtId id) const { return stmts[id]; }
  const Pattern& pattern(PatternId id) const { return patterns[id]; }
  std::string_view text(const Span& s) const { return std::string_view(source).substr(s.begin, s.end - s.begin); }
};

// Helpers for the common "is this node an X" question.
template <class T>
const T* get_if(const Module& m, ExprId id) {
  return id == kNoNode ? nullptr : std::get_if<T>(&m.exprs[id].node);
}
template <class T>
const T* get_stmt_if(const Module& m, StmtId id) {
  return id == kNoNode ? nullptr : std::get_if<T>(&m.stmts[id].node);
}

const char* binop_symbol(BinOpKind op);   // "+", "//", ...
const char* cmpop_symbol(CmpOpKind op);   // "<", "not in", ...

}  // namespace py2cpp::ast
