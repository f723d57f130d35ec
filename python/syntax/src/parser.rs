//! Tokens to the AST: the parser's shared machinery and its entry points.
//!
//! The grammar is CPython 3.11's (`Grammar/python.gram`). Statements are
//! parsed in `stmt.rs` and expressions in `expr.rs`, both with
//! explicit stacks instead of Rust recursion, so that nesting as deep as
//! CPython allows (200 brackets, 100 blocks) fits a small WebAssembly stack.
//! This module holds what both use: token access with lookahead, locations,
//! and errors.
//!
//! Errors follow CPython's two-step reporting: the parser stops at the first
//! token it cannot use and reports "invalid syntax" there, unless one of the
//! specific messages CPython's `invalid_*` rules produce applies (a missing
//! `:`, a missing comma between two expressions in brackets, an assignment to
//! a literal, ...). Then, as CPython does, the rest of the file is tokenized:
//! a tokenizer error later in the file (an unterminated string, a bad
//! character, an unmatched bracket) replaces the parser's error, and a bracket
//! left open at the end of the file becomes "'(' was never closed" when the
//! parser got past the line it was opened on.
//!
//! Every node is built with the depth of its tree, and a tree deeper than
//! [`MAX_DEPTH`] is refused with CPython's `RecursionError`, so that a
//! compiler walking it recursively, and Rust dropping it, stay within a small
//! stack.

use crate::ast::*;
use crate::check;
use crate::expr::Goal;
use crate::lexer::{Kw, LexError, Lexer, Op, Pos, Tok, Token};
use crate::walk::{check_depth_expr, check_depth_module};
use crate::{ErrorKind, SyntaxError};

/// How deep the tree may nest (expressions inside expressions, blocks inside
/// blocks). CPython allows about 3000 before "RecursionError: maximum
/// recursion depth exceeded during compilation"; this is lower so that
/// walking the tree fits a WebAssembly stack. Deeper input gets the same
/// `RecursionError`.
pub const MAX_DEPTH: usize = 1000;

/// The message CPython gives when the tree is too deep to compile.
pub const RECURSION_MSG: &str = "maximum recursion depth exceeded during compilation";

/// Options of [`parse_module_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Accept `await`, `async for` and `async with` at module level (as
    /// CPython's `PyCF_ALLOW_TOP_LEVEL_AWAIT`; for a REPL or notebook).
    pub top_level_await: bool,
    /// Run the checks CPython's compiler makes after parsing (`'return'
    /// outside function`, ...; see [`crate::check`]); turn off to make them
    /// in the compiler instead.
    pub compiler_checks: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { top_level_await: false, compiler_checks: true }
    }
}

/// Parses a whole file, as `compile(source, name, "exec")` does, with the
/// default options (no top-level `await`, compiler checks on).
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    parse_module_with(source, ParseOptions::default())
}

/// Parses a whole file with the given options.
pub fn parse_module_with(source: &str, options: ParseOptions) -> Result<Module, SyntaxError> {
    let mut p = Parser::new(source, Shift::default());
    let module = match p.file() {
        Ok(m) => m,
        Err(e) => return Err(*p.finish_error(e)),
    };
    check_depth_module(&module).map_err(|loc| recursion_error(loc, &p.lexer))?;
    if options.compiler_checks {
        check::check_module(&module, options.top_level_await, &p.lexer)?;
    }
    Ok(module)
}

/// Parses one expression, as `eval(source)` does: one expression list
/// (a tuple if there are commas), surrounded by any whitespace and newlines.
pub fn parse_expression(source: &str) -> Result<Expr, SyntaxError> {
    let mut p = Parser::new(source, Shift::default());
    let r = (|| {
        let e = p.parse_expr(Goal::Expressions)?.e;
        while p.at(&Tok::Newline)? {
            p.bump()?;
        }
        if !p.at(&Tok::EndMarker)? {
            return Err(p.invalid_here()?);
        }
        Ok(e)
    })();
    match r {
        Ok(e) => {
            check_depth_expr(&e).map_err(|loc| recursion_error(loc, &p.lexer))?;
            Ok(e)
        }
        Err(e) => Err(*p.finish_error(e)),
    }
}

fn recursion_error(loc: Loc, lexer: &Lexer) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::RecursionError,
        msg: RECURSION_MSG.to_string(),
        line: loc.line,
        col: loc.col + 1,
        end_line: loc.end_line,
        end_col: loc.end_col + 1,
        text: lexer.line_text(loc.line),
    }
}

/// A parser result; the error is boxed to keep `Result`s small.
pub(crate) type PResult<T> = Result<T, Box<SyntaxError>>;

/// Where a sub-source (an f-string's expression) sits in the real file: its
/// line 1 is real line `1 + lines`, and on its line 1 column `c` is real
/// column `c + cols`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shift {
    pub(crate) lines: usize,
    pub(crate) cols: isize,
}

/// The parser's state: the tokens read so far and where it is.
pub(crate) struct Parser {
    pub(crate) lexer: Lexer,
    /// Every token fetched so far (the parser backtracks a little).
    pub(crate) toks: Vec<Token>,
    /// Index of the current token in `toks`.
    pub(crate) idx: usize,
    /// Set when the lexer failed: that error is final.
    pub(crate) lex_failed: bool,
    pub(crate) shift: Shift,
    /// Inside an f-string's expression: errors get the "f-string: " prefix.
    pub(crate) in_fstring: bool,
    /// How many tokens were fetched when the parser first read ahead
    /// speculatively (for a better message); "invalid syntax" is reported
    /// within these, as CPython reports the furthest token of its first
    /// pass.
    pub(crate) spec_fill: Option<usize>,
    /// Reading ahead for a better message: no nested speculation.
    pub(crate) speculating: bool,
    /// Set by an error that reading ahead must not hide: a tokenizer error,
    /// or a bad string literal (CPython raises those while parsing, in its
    /// second pass too).
    pub(crate) committed: bool,
}

/// Can this token start an expression?
pub(crate) fn starts_expression(tok: &Tok) -> bool {
    match tok {
        Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Str(_) => true,
        Tok::Op(op) => matches!(
            op,
            Op::LPar | Op::LSqb | Op::LBrace | Op::Minus | Op::Plus | Op::Tilde | Op::Ellipsis
        ),
        Tok::Kw(k) => {
            matches!(k, Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await)
        }
        _ => false,
    }
}

pub(crate) fn is_soft_keyword(name: &str) -> bool {
    matches!(name, "match" | "case" | "_")
}

/// CPython's `_PyPegen_get_expr_name`: how error messages name a node.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Which kind of target a conversion is for (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetKind {
    /// Assignment targets.
    Star,
    /// `del` targets.
    Del,
    /// `for` targets (`a in b` searches `a`).
    For,
}

/// CPython's `_PyPegen_get_invalid_target`: the first node that cannot be
/// a target, searching tuples and lists left to right.
pub(crate) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                stack.extend(elts.iter().rev());
            }
            ExprKind::Starred { value, .. } => {
                if kind == TargetKind::Del {
                    return Some(e);
                }
                stack.push(value);
            }
            ExprKind::Compare { left, ops, .. } => {
                if kind == TargetKind::For {
                    if ops[0] == CmpOp::In {
                        stack.push(left);
                        continue;
                    }
                    continue;
                }
                return Some(e);
            }
            ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => {}
            _ => return Some(e),
        }
    }
    None
}

/// Sets the context of a valid target (and everything inside it).
pub(crate) fn set_ctx(e: &mut Expr, ctx: ExprContext) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &mut e.kind {
            ExprKind::Name { ctx: c, .. }
            | ExprKind::Attribute { ctx: c, .. }
            | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
            ExprKind::Starred { ctx: c, value } => {
                *c = ctx;
                stack.push(value);
            }
            ExprKind::List { ctx: c, elts } | ExprKind::Tuple { ctx: c, elts } => {
                *c = ctx;
                stack.extend(elts.iter_mut());
            }
            _ => {}
        }
    }
}

/// An expression node.
pub(crate) fn expr(kind: ExprKind, loc: Loc) -> Expr {
    Expr { kind, loc }
}

/// A `Name` in load context.
pub(crate) fn name_expr(id: String, loc: Loc) -> Expr {
    expr(ExprKind::Name { id, ctx: ExprContext::Load }, loc)
}

impl Parser {
    pub(crate) fn new(source: &str, shift: Shift) -> Parser {
        Parser {
            lexer: Lexer::new(source),
            toks: Vec::new(),
            idx: 0,
            lex_failed: false,
            shift,
            in_fstring: false,
            spec_fill: None,
            speculating: false,
            committed: false,
        }
    }

    // ---- tokens ----

    fn lex_error(&mut self, e: LexError) -> Box<SyntaxError> {
        self.lex_failed = true;
        self.committed = true;
        Box::new(e.error)
    }

    /// Makes sure token `idx + n` is fetched.
    fn fill(&mut self, n: usize) -> PResult<()> {
        while self.toks.len() <= self.idx + n {
            if let Some(t) = self.toks.last() {
                if t.tok == Tok::EndMarker {
                    let t = t.clone();
                    self.toks.push(t);
                    continue;
                }
            }
            match self.lexer.next_token() {
                Ok(t) => self.toks.push(t),
                Err(e) => return Err(self.lex_error(e)),
            }
        }
        Ok(())
    }

    pub(crate) fn peek(&mut self) -> PResult<&Token> {
        self.fill(0)?;
        Ok(&self.toks[self.idx])
    }

    pub(crate) fn peek_tok(&mut self) -> PResult<&Tok> {
        Ok(&self.peek()?.tok)
    }

    pub(crate) fn peek_nth(&mut self, n: usize) -> PResult<&Tok> {
        self.fill(n)?;
        Ok(&self.toks[self.idx + n].tok)
    }

    pub(crate) fn bump(&mut self) -> PResult<Token> {
        self.fill(0)?;
        let t = self.toks[self.idx].clone();
        self.idx += 1;
        Ok(t)
    }

    pub(crate) fn at(&mut self, tok: &Tok) -> PResult<bool> {
        Ok(self.peek_tok()? == tok)
    }

    pub(crate) fn at_op(&mut self, op: Op) -> PResult<bool> {
        Ok(matches!(self.peek_tok()?, Tok::Op(o) if *o == op))
    }

    pub(crate) fn at_kw(&mut self, kw: Kw) -> PResult<bool> {
        Ok(matches!(self.peek_tok()?, Tok::Kw(k) if *k == kw))
    }

    pub(crate) fn eat_op(&mut self, op: Op) -> PResult<bool> {
        if self.at_op(op)? {
            self.idx += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(crate) fn eat_kw(&mut self, kw: Kw) -> PResult<bool> {
        if self.at_kw(kw)? {
            self.idx += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(crate) fn expect_op(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op)? {
            self.bump()
        } else {
            Err(self.invalid_here()?)
        }
    }

    /// `&&':'`: a forced token, "expected ':'" at whatever is there.
    pub(crate) fn expect_forced(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op)? {
            return self.bump();
        }
        let t = self.peek()?.clone();
        Err(self.error_at_token(&t, format!("expected '{}'", op.text())))
    }

    /// "expected ':'" if a NEWLINE is where the `:` should be (CPython's
    /// `invalid_if_stmt` and friends), else "invalid syntax".
    pub(crate) fn expect_colon(&mut self) -> PResult<Token> {
        if self.at_op(Op::Colon)? {
            return self.bump();
        }
        if self.at(&Tok::Newline)? {
            let t = self.peek()?.clone();
            return Err(self.error_at_token(&t, "expected ':'"));
        }
        Err(self.invalid_here()?)
    }

    pub(crate) fn expect_name(&mut self) -> PResult<(String, Loc)> {
        let t = self.peek()?.clone();
        if let Tok::Name(n) = &t.tok {
            self.idx += 1;
            return Ok((n.clone(), self.loc_of(&t)));
        }
        Err(self.invalid_here()?)
    }

    // ---- locations ----

    fn real(&self, p: Pos) -> (usize, usize) {
        if p.line == 1 {
            let col = (p.col as isize + self.shift.cols).max(0) as usize;
            (p.line + self.shift.lines, col)
        } else {
            (p.line + self.shift.lines, p.col)
        }
    }

    pub(crate) fn loc_of(&self, t: &Token) -> Loc {
        let (line, col) = self.real(t.start);
        let (end_line, end_col) = self.real(t.end);
        Loc { line, col, end_line, end_col }
    }

    pub(crate) fn loc_from(&self, start: &Token, end: &Token) -> Loc {
        self.loc_of(start).to(self.loc_of(end))
    }

    /// From token `start` to the last token consumed: CPython's node extent
    /// (which includes the parentheses of a parenthesized last operand).
    pub(crate) fn span(&self, start: usize) -> Loc {
        // The last token that is not NEWLINE, INDENT or DEDENT (CPython's
        // `_PyPegen_get_last_nonnwhitespace_token`): a block's statement
        // ends with its last statement, a trailing `;` included.
        let mut end = self.idx - 1;
        while end > start && matches!(self.toks[end].tok, Tok::Newline | Tok::Indent | Tok::Dedent)
        {
            end -= 1;
        }
        self.loc_from(&self.toks[start], &self.toks[end])
    }

    /// The previous token (the last one consumed).
    fn prev(&self) -> &Token {
        &self.toks[self.idx - 1]
    }

    pub(crate) fn prev_loc(&self) -> Loc {
        self.loc_of(self.prev())
    }

    // ---- errors ----

    pub(crate) fn make_error(
        &self,
        kind: ErrorKind,
        msg: String,
        loc: Loc,
        text_line: usize,
    ) -> Box<SyntaxError> {
        let msg = if self.in_fstring { format!("f-string: {msg}") } else { msg };
        Box::new(SyntaxError {
            kind,
            msg,
            line: loc.line,
            col: loc.col,
            end_line: loc.end_line,
            end_col: loc.end_col,
            text: self.lexer.line_text(text_line),
        })
    }

    /// An error covering token `t` (in the lexer's own coordinates, as
    /// CPython reports f-string errors relative to the expression's text).
    pub(crate) fn error_at_token(&self, t: &Token, msg: impl Into<String>) -> Box<SyntaxError> {
        let loc = Loc {
            line: t.start.line + self.shift.lines,
            col: t.start.col + 1,
            end_line: t.end.line + self.shift.lines,
            end_col: t.end.col + 1,
        };
        let msg = msg.into();
        // The DEDENTs and the end marker at the end of the file.
        if t.tok == Tok::EndMarker || t.start.line > self.lexer.line_count() {
            if msg == "invalid syntax" {
                let line = self.last_line();
                if t.tok == Tok::Dedent {
                    let mut e = self.error_at_end("unexpected unindent".into());
                    e.kind = ErrorKind::IndentationError;
                    return e;
                }
                // CPython: column 0 of the last line.
                let loc = Loc {
                    line: line + self.shift.lines,
                    col: 0,
                    end_line: line + self.shift.lines,
                    end_col: 0,
                };
                return self.make_error(ErrorKind::SyntaxError, msg, loc, line);
            }
            return self.error_at_end(msg);
        }
        if matches!(t.tok, Tok::Indent | Tok::Dedent) && msg == "invalid syntax" {
            let kind = ErrorKind::IndentationError;
            let msg =
                if t.tok == Tok::Indent { "unexpected indent" } else { "unexpected unindent" };
            let loc = Loc { col: t.start.col, end_col: 0, ..loc };
            return self.make_error(kind, msg.to_string(), loc, t.start.line);
        }
        self.make_error(ErrorKind::SyntaxError, msg, loc, t.start.line)
    }

    /// An error at the end of input: CPython points just past the file's
    /// last line.
    pub(crate) fn error_at_end(&self, msg: String) -> Box<SyntaxError> {
        let line = self.last_line();
        let text = self.lexer.line_text(line);
        let col = text.chars().count() + 1;
        let loc = Loc {
            line: line + self.shift.lines,
            col,
            end_line: line + self.shift.lines,
            end_col: 0,
        };
        self.make_error(ErrorKind::SyntaxError, msg, loc, line)
    }

    /// The file's last line that is not empty (CPython's line at the end of
    /// file; a line of spaces counts).
    pub(crate) fn last_line(&self) -> usize {
        let mut line = self.lexer.line_count();
        while line > 1 && self.lexer.line_text(line).is_empty() {
            line -= 1;
        }
        line
    }

    /// An error covering a node (AST coordinates, 0-based columns).
    pub(crate) fn error_at_loc(&self, loc: Loc, msg: impl Into<String>) -> Box<SyntaxError> {
        let inner_line = loc.line - self.shift.lines;
        let unshift = |line: usize, col: usize| {
            if line - self.shift.lines == 1 {
                (col as isize - self.shift.cols).max(0) as usize
            } else {
                col
            }
        };
        let l = Loc {
            line: loc.line,
            col: unshift(loc.line, loc.col) + 1,
            end_line: loc.end_line,
            end_col: unshift(loc.end_line, loc.end_col) + 1,
        };
        self.make_error(ErrorKind::SyntaxError, msg.into(), l, inner_line)
    }

    /// CPython's `RecursionError` for a tree too deep to compile.
    pub(crate) fn recursion_error(&self, loc: Loc) -> Box<SyntaxError> {
        Box::new(recursion_error(loc, &self.lexer))
    }

    /// The index of the token starting where `loc` starts (the first token
    /// of a node), searching back from the current token.
    pub(crate) fn token_at(&self, loc: Loc) -> usize {
        let mut i = self.idx.min(self.toks.len());
        while i > 0 {
            i -= 1;
            let (line, col) = self.real(self.toks[i].start);
            if (line, col) <= (loc.line, loc.col) {
                return i;
            }
        }
        0
    }

    /// "invalid syntax" where the parser stopped. As CPython, this is the
    /// furthest token looked at (one lookahead past the current token at
    /// most), not counting tokens read while trying a better message.
    pub(crate) fn invalid_here(&mut self) -> PResult<Box<SyntaxError>> {
        self.peek()?;
        let n = self.spec_fill.unwrap_or(self.toks.len()).min(self.toks.len());
        let t = self.toks[n.max(self.idx + 1) - 1].clone();
        Ok(self.error_at_token(&t, "invalid syntax"))
    }

    /// The error to report for `e`, after CPython's look at the rest of the
    /// file: a tokenizer error further on wins over a parser error, and so
    /// does a bracket that is never closed, when the parser stopped inside
    /// it or on a later line than it.
    fn finish_error(&mut self, e: Box<SyntaxError>) -> Box<SyntaxError> {
        if self.lex_failed || self.in_fstring || e.kind == ErrorKind::RecursionError {
            return e;
        }
        // CPython reports an unexpected INDENT or DEDENT without looking at
        // the rest of the file.
        if e.kind == ErrorKind::IndentationError && e.msg.starts_with("unexpected ") {
            return e;
        }
        let err_line = self.toks.last().map_or(e.line, |t| t.start.line);
        loop {
            match self.lexer.next_token() {
                Ok(t) => {
                    if t.tok == Tok::EndMarker {
                        return e;
                    }
                }
                Err(le) => {
                    if le.eager {
                        return Box::new(le.error);
                    }
                    if let Some((_, line, _)) = self.lexer.innermost_bracket() {
                        if err_line > line {
                            return Box::new(le.error);
                        }
                    }
                    return e;
                }
            }
        }
    }
}

/// CPython's `!(list|tuple|genexp|'True'|'None'|'False')` lookahead: does
/// the expression begin with a list, tuple or generator display, or one of
/// those three constants?
pub(crate) fn starts_with_display(e: &Expr, first: &Tok) -> bool {
    match first {
        Tok::Kw(Kw::True) | Tok::Kw(Kw::None) | Tok::Kw(Kw::False) => return true,
        Tok::Op(Op::LPar) | Tok::Op(Op::LSqb) => {}
        _ => return false,
    }
    let mut e = e;
    loop {
        e = match &e.kind {
            ExprKind::BinOp { left, .. } => left,
            ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => value,
            ExprKind::Call { func, .. } => func,
            ExprKind::Compare { left, .. } => left,
            ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. } => {
                return true
            }
            _ => return false,
        };
    }
}

/// Is this expression at CPython's `bitwise_or` level or tighter (so not a
/// comparison, `not`, `and`/`or`, conditional, lambda, or starred)?
pub(crate) fn is_bitwise_or_level(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BoolOp { .. }
        | ExprKind::Compare { .. }
        | ExprKind::IfExp { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::Starred { .. }
        | ExprKind::NamedExpr { .. }
        | ExprKind::Yield(_)
        | ExprKind::YieldFrom(_) => false,
        ExprKind::UnaryOp { op, .. } => *op != UnaryOp::Not,
        ExprKind::Tuple { .. } => false,
        _ => true,
    }
}

/// Does `e` (an assignment's value) begin with a bitwise-or expression, as
/// CPython's `bitwise_or !('='|':=')` lookahead needs? A tuple `1, 2`
/// begins with one; `yield`, `*a` and `lambda` do not.
pub(crate) fn starts_with_bitwise_or(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Tuple { elts, .. } => {
            elts.first().is_some_and(|f| {
                !matches!(f.kind, ExprKind::Starred { .. } | ExprKind::Lambda { .. })
            }) || elts.is_empty()
        }
        ExprKind::Starred { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::Yield(_)
        | ExprKind::YieldFrom(_) => false,
        ExprKind::UnaryOp { op: UnaryOp::Not, .. } => false,
        _ => true,
    }
}
