//! Statements, parsed without recursion: an explicit stack of open blocks.
//!
//! A compound statement (`if`, `while`, `for`, `with`, `try`, `def`,
//! `class`) is parsed in pieces: its header, then each of its blocks. While
//! a block is being parsed the statement waits on a stack as an [`Open`]
//! entry holding what it has so far; when the block ends (a DEDENT, or the
//! end of a one-line block) the entry looks at the next token to decide
//! whether another clause follows (`elif`, `else`, `except`, `finally`) or
//! the statement is complete and joins the enclosing block. Nesting blocks
//! therefore costs heap, not Rust stack (the tokenizer allows 100 levels).
//!
//! Simple statements are parsed directly; their expressions come from the
//! expression parser in [`crate::expr`].

use crate::ast::*;
use crate::expr::{Goal, ParamStep, Params, Val};
use crate::lexer::{Kw, Op, Pos, Tok};
use crate::parser::{
    expr, expr_name, invalid_target, is_bitwise_or_level, set_ctx, starts_with_bitwise_or,
    starts_with_display, PResult, Parser, TargetKind, MAX_DEPTH,
};
use crate::{ErrorKind, SyntaxError};

/// Augmented-assignment operators.
fn augop_of(tok: &Tok) -> Option<Operator> {
    let Tok::Op(op) = tok else { return None };
    Some(match op {
        Op::PlusEqual => Operator::Add,
        Op::MinEqual => Operator::Sub,
        Op::StarEqual => Operator::Mult,
        Op::AtEqual => Operator::MatMult,
        Op::SlashEqual => Operator::Div,
        Op::PercentEqual => Operator::Mod,
        Op::AmperEqual => Operator::BitAnd,
        Op::VBarEqual => Operator::BitOr,
        Op::CircumflexEqual => Operator::BitXor,
        Op::LeftShiftEqual => Operator::LShift,
        Op::RightShiftEqual => Operator::RShift,
        Op::DoubleStarEqual => Operator::Pow,
        Op::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

/// A compound statement waiting for one of its blocks.
struct Open {
    /// Token index of its first token (`async`, `def`, `if`, ...).
    start: usize,
    kind: OpenKind,
    /// The block being parsed.
    body: Vec<Stmt>,
    /// Depth of the deepest statement in `body`.
    body_d: usize,
    /// Depth of the deepest finished part (headers and earlier blocks).
    d: usize,
    /// What "expected an indented block after ..." calls the current
    /// clause, and its line.
    what: &'static str,
    line: usize,
}

/// Which compound statement, with the parts parsed so far.
enum OpenKind {
    If {
        /// `if`/`elif` arms: start token, test, body, depth of test and body.
        arms: Vec<(usize, Expr, Vec<Stmt>, usize)>,
        /// The arm whose body is being parsed: start token, test, its depth.
        cur: Option<(usize, Expr, usize)>,
    },
    While {
        test: Expr,
        body: Option<Vec<Stmt>>,
    },
    For {
        is_async: bool,
        target: Expr,
        iter: Expr,
        body: Option<Vec<Stmt>>,
    },
    With {
        is_async: bool,
        items: Vec<WithItem>,
    },
    Try {
        body: Option<Vec<Stmt>>,
        handlers: Vec<ExceptHandler>,
        /// The handler whose body is being parsed: start, type, name.
        handler: Option<(usize, Option<Expr>, Option<String>)>,
        orelse: Option<Vec<Stmt>>,
        /// Which block is being parsed after the handlers.
        part: TryPart,
        is_star: Option<bool>,
    },
    Def(Box<FunctionDef>),
    Class(Box<ClassDef>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TryPart {
    Body,
    Handler,
    Else,
    Finally,
}

/// What to do after a block.
enum Next {
    /// Another clause's header was parsed; its block follows.
    Block,
    /// The statement is complete, with its depth.
    Done(Box<Stmt>, usize),
}

fn push_stmt(stack: &mut [Open], module: &mut Vec<Stmt>, s: Stmt, d: usize) {
    match stack.last_mut() {
        Some(open) => {
            open.body.push(s);
            open.body_d = open.body_d.max(d);
        }
        None => module.push(s),
    }
}

impl Parser {
    /// The whole file.
    pub(crate) fn file(&mut self) -> PResult<Module> {
        let mut stack: Vec<Open> = Vec::new();
        let mut module: Vec<Stmt> = Vec::new();
        loop {
            let at_end = match self.peek_tok()? {
                Tok::EndMarker => true,
                Tok::Dedent if !stack.is_empty() => {
                    self.bump()?;
                    true
                }
                _ => false,
            };
            if at_end {
                let Some(mut open) = stack.pop() else {
                    return Ok(Module { body: module });
                };
                let body = std::mem::take(&mut open.body);
                match self.block_done(&mut open, body)? {
                    Next::Block => self.run_block(&mut stack, &mut module, open)?,
                    Next::Done(s, d) => push_stmt(&mut stack, &mut module, *s, d),
                }
                continue;
            }
            match self.compound_header()? {
                Some(open) => self.run_block(&mut stack, &mut module, open)?,
                None => {
                    let mut out = Vec::new();
                    let d = self.simple_stmts(&mut out)?;
                    for s in out {
                        push_stmt(&mut stack, &mut module, s, d);
                    }
                }
            }
        }
    }

    /// A clause's header was parsed (up to its `:`): parse its block. An
    /// indented block is pushed on the stack; a one-line block is parsed
    /// here, and the following clauses too, until one is indented or the
    /// statement is complete.
    fn run_block(
        &mut self,
        stack: &mut Vec<Open>,
        module: &mut Vec<Stmt>,
        mut open: Open,
    ) -> PResult<()> {
        loop {
            if self.at(&Tok::Newline)? {
                let nl = self.bump()?;
                if !self.at(&Tok::Indent)? {
                    return Err(self.expected_block(&open, nl.start));
                }
                self.bump()?;
                stack.push(open);
                return Ok(());
            }
            let mut body = Vec::new();
            let d = self.simple_stmts(&mut body)?;
            open.body_d = d;
            match self.block_done(&mut open, body)? {
                Next::Block => continue,
                Next::Done(s, d) => {
                    push_stmt(stack, module, *s, d);
                    return Ok(());
                }
            }
        }
    }

    /// "expected an indented block after 'if' statement on line 3".
    fn expected_block(&mut self, open: &Open, nl: Pos) -> Box<SyntaxError> {
        let msg = format!("expected an indented block after {} on line {}", open.what, open.line);
        let t = match self.peek() {
            Ok(t) => t.clone(),
            Err(e) => return e,
        };
        let mut e = if t.tok == Tok::EndMarker {
            // CPython points just past the end of the file's last line.
            let _ = nl;
            let line = self.last_line();
            let col = self.lexer.line_text(line).chars().count() + 1;
            let loc = Loc {
                line: line + self.shift.lines,
                col,
                end_line: line + self.shift.lines,
                end_col: 0,
            };
            self.make_error(ErrorKind::SyntaxError, msg, loc, line)
        } else {
            let mut e = self.error_at_token(&t, msg.clone());
            e.msg = msg;
            e
        };
        e.kind = ErrorKind::IndentationError;
        e
    }

    /// The current token's line in the file.
    fn line_here(&mut self) -> PResult<usize> {
        let line = self.peek()?.start.line;
        Ok(line + self.shift.lines)
    }

    /// A statement's depth, refused past [`MAX_DEPTH`].
    fn stmt_depth(&self, d: usize, loc: Loc) -> PResult<usize> {
        if d > MAX_DEPTH {
            return Err(self.recursion_error(loc));
        }
        Ok(d)
    }

    /// A block of `open` ended with `body`: start the next clause or finish
    /// the statement.
    fn block_done(&mut self, open: &mut Open, body: Vec<Stmt>) -> PResult<Next> {
        let body_d = open.body_d;
        open.body_d = 0;
        match &mut open.kind {
            OpenKind::If { arms, cur } => {
                match cur.take() {
                    Some((start, test, td)) => {
                        arms.push((start, test, body, td.max(body_d)));
                        if self.at_kw(Kw::Elif)? {
                            let start = self.idx;
                            open.line = self.line_here()?;
                            self.bump()?;
                            let test = self.condition()?;
                            self.expect_colon()?;
                            *cur = Some((start, test.e, test.d));
                            open.what = "'elif' statement";
                            return Ok(Next::Block);
                        }
                        if self.at_kw(Kw::Else)? {
                            open.line = self.line_here()?;
                            self.bump()?;
                            self.expect_forced(Op::Colon)?;
                            open.what = "'else' statement";
                            return Ok(Next::Block);
                        }
                        self.finish_if(std::mem::take(arms), Vec::new(), 0)
                    }
                    // The `else` block.
                    None => self.finish_if(std::mem::take(arms), body, body_d),
                }
            }
            OpenKind::While { test, body: b } | OpenKind::For { iter: test, body: b, .. } => {
                open.d = open.d.max(body_d);
                if b.is_none() {
                    *b = Some(body);
                    if self.at_kw(Kw::Else)? {
                        open.line = self.line_here()?;
                        self.bump()?;
                        self.expect_forced(Op::Colon)?;
                        open.what = "'else' statement";
                        return Ok(Next::Block);
                    }
                    let _ = test;
                    return self.finish_loop(open, Vec::new());
                }
                self.finish_loop(open, body)
            }
            OpenKind::With { .. } | OpenKind::Def(_) | OpenKind::Class(_) => {
                open.d = open.d.max(body_d);
                self.finish_simple_compound(open, body)
            }
            OpenKind::Try { .. } => {
                open.d = open.d.max(body_d);
                self.try_block_done(open, body)
            }
        }
    }

    /// Builds an `if` statement (with its `elif`s nested in `orelse`, as in
    /// CPython).
    fn finish_if(
        &mut self,
        mut arms: Vec<(usize, Expr, Vec<Stmt>, usize)>,
        orelse: Vec<Stmt>,
        orelse_d: usize,
    ) -> PResult<Next> {
        let mut orelse = orelse;
        let mut d = orelse_d;
        loop {
            let (start, test, body, ad) = arms.pop().expect("one arm");
            let loc = self.span(start);
            d = self.stmt_depth(d.max(ad) + 1, loc)?;
            let s = Stmt { kind: StmtKind::If { test, body, orelse }, loc };
            if arms.is_empty() {
                return Ok(Next::Done(Box::new(s), d));
            }
            orelse = vec![s];
        }
    }

    fn finish_loop(&mut self, open: &mut Open, orelse: Vec<Stmt>) -> PResult<Next> {
        let loc = self.span(open.start);
        let d = self.stmt_depth(open.d + 1, loc)?;
        let kind = match std::mem::replace(
            &mut open.kind,
            OpenKind::With { is_async: false, items: Vec::new() },
        ) {
            OpenKind::While { test, body } => {
                StmtKind::While { test, body: body.expect("loop body"), orelse }
            }
            OpenKind::For { is_async, target, iter, body } => {
                StmtKind::For { is_async, target, iter, body: body.expect("loop body"), orelse }
            }
            _ => unreachable!("a loop"),
        };
        Ok(Next::Done(Box::new(Stmt { kind, loc }), d))
    }

    fn finish_simple_compound(&mut self, open: &mut Open, body: Vec<Stmt>) -> PResult<Next> {
        let loc = self.span(open.start);
        let d = self.stmt_depth(open.d + 1, loc)?;
        let kind = match std::mem::replace(
            &mut open.kind,
            OpenKind::With { is_async: false, items: Vec::new() },
        ) {
            OpenKind::With { is_async, items } => StmtKind::With { is_async, items, body },
            OpenKind::Def(mut f) => {
                f.body = body;
                StmtKind::FunctionDef(f)
            }
            OpenKind::Class(mut c) => {
                c.body = body;
                StmtKind::ClassDef(c)
            }
            _ => unreachable!("with, def or class"),
        };
        Ok(Next::Done(Box::new(Stmt { kind, loc }), d))
    }

    /// After a block of a `try` statement.
    fn try_block_done(&mut self, open: &mut Open, block: Vec<Stmt>) -> PResult<Next> {
        let OpenKind::Try { body, handlers, handler, orelse, part, is_star } = &mut open.kind
        else {
            unreachable!("a try")
        };
        match *part {
            TryPart::Body => *body = Some(block),
            TryPart::Handler => {
                let (start, typ, name) = handler.take().expect("a handler");
                handlers.push(ExceptHandler { typ, name, body: block, loc: self.span(start) });
            }
            TryPart::Else => *orelse = Some(block),
            TryPart::Finally => {
                let loc = self.span(open.start);
                let d = self.stmt_depth(open.d + 1, loc)?;
                let s = Stmt {
                    kind: StmtKind::Try {
                        body: body.take().expect("try body"),
                        handlers: std::mem::take(handlers),
                        orelse: orelse.take().unwrap_or_default(),
                        finalbody: block,
                        is_star: is_star.unwrap_or(false),
                    },
                    loc,
                };
                return Ok(Next::Done(Box::new(s), d));
            }
        }
        // What may follow: more handlers (after the body or a handler), an
        // `else` (after a handler), `finally`.
        if matches!(*part, TryPart::Body | TryPart::Handler) && self.at_kw(Kw::Except)? {
            let start = self.idx;
            open.line = self.line_here()?;
            let et = self.bump()?;
            let star = self.eat_op(Op::Star)?;
            match *is_star {
                None => *is_star = Some(star),
                Some(s) if s != star => {
                    let loc = self.loc_of(&et).to(self.prev_loc());
                    return Err(self.error_at_loc(
                        loc,
                        "cannot have both 'except' and 'except*' on the same 'try'",
                    ));
                }
                _ => {}
            }
            let (typ, name) = self.except_header(star)?;
            self.expect_colon()?;
            *handler = Some((start, typ.as_ref().map(|v| v.e.clone()), name));
            if let Some(v) = typ {
                open.d = open.d.max(v.d);
            }
            *part = TryPart::Handler;
            open.what = if star { "'except*' statement" } else { "'except' statement" };
            return Ok(Next::Block);
        }
        if *part == TryPart::Handler && self.at_kw(Kw::Else)? {
            open.line = self.line_here()?;
            self.bump()?;
            self.expect_forced(Op::Colon)?;
            *part = TryPart::Else;
            open.what = "'else' statement";
            return Ok(Next::Block);
        }
        if self.at_kw(Kw::Finally)? {
            open.line = self.line_here()?;
            self.bump()?;
            self.expect_forced(Op::Colon)?;
            *part = TryPart::Finally;
            open.what = "'finally' statement";
            return Ok(Next::Block);
        }
        if handlers.is_empty() {
            // CPython reports it at the token after the try body.
            let t = self.peek()?.clone();
            return Err(self.error_at_token(&t, "expected 'except' or 'finally' block"));
        }
        let loc = self.span(open.start);
        let d = self.stmt_depth(open.d + 1, loc)?;
        let s = Stmt {
            kind: StmtKind::Try {
                body: body.take().expect("try body"),
                handlers: std::mem::take(handlers),
                orelse: orelse.take().unwrap_or_default(),
                finalbody: Vec::new(),
                is_star: is_star.unwrap_or(false),
            },
            loc,
        };
        Ok(Next::Done(Box::new(s), d))
    }

    /// `except` header after `except` / `except*`: the type and `as` name.
    fn except_header(&mut self, star: bool) -> PResult<(Option<Val>, Option<String>)> {
        if self.at_op(Op::Colon)? || (self.at(&Tok::Newline)? && !star) {
            if star {
                let t = self.peek()?.clone();
                return Err(self.error_at_token(&t, "expected one or more exception types"));
            }
            return Ok((None, None));
        }
        let typ = self.parse_expr(Goal::Expression)?;
        if self.at_op(Op::Comma)? {
            // `except A, B:` -- CPython 3.11 wants parentheses.
            let first = typ.e.loc;
            self.bump()?;
            loop {
                self.parse_expr(Goal::Expression)?;
                if !self.eat_op(Op::Comma)? {
                    break;
                }
            }
            if self.at_op(Op::Colon)? || self.at_kw(Kw::As)? {
                let end = self.prev_loc();
                return Err(self.error_at_loc(
                    first.to(end),
                    "multiple exception types must be parenthesized",
                ));
            }
            return Err(self.invalid_here()?);
        }
        let name = if self.eat_kw(Kw::As)? { Some(self.expect_name()?.0) } else { None };
        Ok((Some(typ), name))
    }

    // ---- compound statement headers ----

    /// If a compound statement starts here, parses its header (through the
    /// `:`) and returns it waiting for its block.
    fn compound_header(&mut self) -> PResult<Option<Open>> {
        let start = self.idx;
        let mut decorators = Vec::new();
        let mut d = 0;
        if self.at_op(Op::At)? {
            while self.eat_op(Op::At)? {
                let v = self.parse_expr(Goal::Named)?;
                d = d.max(v.d);
                decorators.push(v.e);
                if !self.at(&Tok::Newline)? {
                    return Err(self.invalid_here()?);
                }
                self.bump()?;
            }
            if !matches!(self.peek_tok()?, Tok::Kw(Kw::Def | Kw::Class | Kw::Async)) {
                return Err(self.invalid_here()?);
            }
        }
        let first = self.idx;
        let is_async = match self.peek_tok()? {
            Tok::Kw(Kw::Async) => {
                self.bump()?;
                let ok = if decorators.is_empty() {
                    matches!(self.peek_tok()?, Tok::Kw(Kw::Def | Kw::For | Kw::With))
                } else {
                    self.at_kw(Kw::Def)?
                };
                if !ok {
                    return Err(self.invalid_here()?);
                }
                true
            }
            _ => false,
        };
        let _ = start;
        let line = self.line_here()?;
        let open = |kind: OpenKind, what: &'static str, d: usize| Open {
            start: first,
            kind,
            body: Vec::new(),
            body_d: 0,
            d,
            what,
            line,
        };
        let r = match self.peek_tok()? {
            Tok::Kw(Kw::If) => {
                self.bump()?;
                let test = self.condition()?;
                self.expect_colon()?;
                open(
                    OpenKind::If { arms: Vec::new(), cur: Some((first, test.e, test.d)) },
                    "'if' statement",
                    0,
                )
            }
            Tok::Kw(Kw::While) => {
                self.bump()?;
                let test = self.condition()?;
                self.expect_colon()?;
                open(OpenKind::While { test: test.e, body: None }, "'while' statement", test.d)
            }
            Tok::Kw(Kw::For) => {
                self.bump()?;
                let target = self.for_target()?;
                self.bump()?; // in
                let iter = self.parse_expr(Goal::StarExpressions)?;
                self.expect_colon()?;
                open(
                    OpenKind::For { is_async, target: target.e, iter: iter.e, body: None },
                    "'for' statement",
                    target.d.max(iter.d),
                )
            }
            Tok::Kw(Kw::With) => {
                self.bump()?;
                let (items, d) = self.with_items()?;
                self.expect_colon()?;
                open(OpenKind::With { is_async, items }, "'with' statement", d)
            }
            Tok::Kw(Kw::Try) => {
                self.bump()?;
                self.expect_forced(Op::Colon)?;
                open(
                    OpenKind::Try {
                        body: None,
                        handlers: Vec::new(),
                        handler: None,
                        orelse: None,
                        part: TryPart::Body,
                        is_star: None,
                    },
                    "'try' statement",
                    0,
                )
            }
            Tok::Kw(Kw::Def) => {
                self.bump()?;
                let (f, fd) = self.def_header(is_async, decorators)?;
                open(OpenKind::Def(f), "function definition", fd.max(d))
            }
            Tok::Kw(Kw::Class) => {
                self.bump()?;
                let (c, cd) = self.class_header(decorators)?;
                open(OpenKind::Class(c), "class definition", cd.max(d))
            }
            _ => return Ok(None),
        };
        Ok(Some(r))
    }

    /// The condition of `if`/`elif`/`while`: a named expression, with
    /// CPython's hint for `if x = 1:`.
    fn condition(&mut self) -> PResult<Val> {
        let first_idx = self.idx;
        let v = self.parse_expr(Goal::Named)?;
        if self.at_op(Op::Equal)? {
            let e = &v.e;
            let is_name = matches!(e.kind, ExprKind::Name { .. });
            let display = starts_with_display(e, &self.toks[first_idx].tok);
            if is_name || (is_bitwise_or_level(e) && !display) {
                let save = self.idx;
                if self.spec_fill.is_none() {
                    self.spec_fill = Some(self.toks.len());
                }
                self.bump()?;
                self.speculating = true;
                let rhs = self.parse_expr(Goal::BitwiseOr);
                self.speculating = false;
                match rhs {
                    Ok(rhs) => {
                        if !matches!(self.peek_tok()?, Tok::Op(Op::Equal) | Tok::Op(Op::ColonEqual))
                        {
                            if is_name {
                                return Err(self.error_at_loc(
                                    e.loc.to(rhs.e.loc),
                                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                                ));
                            }
                            return Err(self.error_at_loc(
                                e.loc,
                                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(e)),
                            ));
                        }
                    }
                    Err(err) if self.committed => return Err(err),
                    Err(_) => {}
                }
                self.idx = save;
            }
        }
        Ok(v)
    }

    /// The target of a `for` statement: star_targets, stopping before `in`.
    fn for_target(&mut self) -> PResult<Val> {
        let first_idx = self.idx;
        let mut elts = Vec::new();
        let mut trailing;
        loop {
            elts.push(self.parse_expr(Goal::StarBitwiseOr)?);
            if !self.eat_op(Op::Comma)? {
                trailing = false;
                break;
            }
            trailing = true;
            if self.at_kw(Kw::In)? {
                break;
            }
        }
        let mut target = if elts.len() == 1 && !trailing {
            elts.pop().expect("one")
        } else {
            let loc = self.span(first_idx);
            let d = elts.iter().map(|v| v.d).max().unwrap_or(0) + 1;
            Val {
                e: expr(
                    ExprKind::Tuple {
                        elts: elts.into_iter().map(|v| v.e).collect(),
                        ctx: ExprContext::Store,
                    },
                    loc,
                ),
                d,
                start: first_idx,
            }
        };
        // CPython's invalid_for_target names a bad target even when `in`
        // does not follow.
        if let Some(bad) = invalid_target(&target.e, TargetKind::For) {
            return Err(self.error_at_loc(bad.loc, format!("cannot assign to {}", expr_name(bad))));
        }
        if !self.at_kw(Kw::In)? {
            return Err(self.invalid_here()?);
        }
        if let Some(bad) = invalid_target(&target.e, TargetKind::For) {
            return Err(self.error_at_loc(bad.loc, format!("cannot assign to {}", expr_name(bad))));
        }
        set_ctx(&mut target.e, ExprContext::Store);
        Ok(target)
    }

    /// `with` items, parenthesized or not.
    fn with_items(&mut self) -> PResult<(Vec<WithItem>, usize)> {
        if self.at_op(Op::LPar)? {
            // `with (a as b, c):` -- try the parenthesized form, and fall
            // back to an ordinary expression (`with (a, b) as c:`).
            let save = self.idx;
            let save_spec = self.spec_fill;
            match self.with_items_parenthesized() {
                Ok(Ok(Some(r))) => return Ok(r),
                Ok(Err(e)) => return Err(e),
                Ok(Ok(None)) => {}
                Err(e) if self.committed => return Err(e),
                Err(_) => {}
            }
            self.idx = save;
            self.spec_fill = save_spec;
        }
        let mut items = Vec::new();
        let mut d = 0;
        loop {
            let (item, id) = self.with_item()?;
            items.push(item);
            d = d.max(id);
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        Ok((items, d))
    }

    /// `( with_item, ... [,] ) :`, or `Ok(Ok(None))` if this is not that
    /// form, or `Ok(Err(e))` for an error that is final even so.
    #[allow(clippy::type_complexity)]
    fn with_items_parenthesized(
        &mut self,
    ) -> PResult<Result<Option<(Vec<WithItem>, usize)>, Box<SyntaxError>>> {
        self.bump()?; // (
        let mut items = Vec::new();
        let mut d = 0;
        loop {
            let (item, id) = self.with_item()?;
            d = d.max(id);
            if !self.at_op(Op::Comma)? && !self.at_op(Op::RPar)? {
                // Two items side by side: "Perhaps you forgot a comma?".
                let last = item.optional_vars.as_ref().unwrap_or(&item.context_expr).clone();
                if let Some(e) = self.comma_error(&last, true)? {
                    return Ok(Err(e));
                }
            }
            items.push(item);
            if !self.eat_op(Op::Comma)? {
                break;
            }
            if self.at_op(Op::RPar)? {
                break;
            }
        }
        if !self.eat_op(Op::RPar)? || !self.at_op(Op::Colon)? {
            return Ok(Ok(None));
        }
        Ok(Ok(Some((items, d))))
    }

    fn with_item(&mut self) -> PResult<(WithItem, usize)> {
        let ctx = self.parse_expr(Goal::Expression)?;
        let mut d = ctx.d;
        let optional_vars = if self.eat_kw(Kw::As)? {
            let mut target = self.parse_expr(Goal::StarBitwiseOr)?;
            if let Some(bad) = invalid_target(&target.e, TargetKind::Star) {
                return Err(
                    self.error_at_loc(bad.loc, format!("cannot assign to {}", expr_name(bad)))
                );
            }
            set_ctx(&mut target.e, ExprContext::Store);
            d = d.max(target.d);
            Some(target.e)
        } else {
            None
        };
        Ok((WithItem { context_expr: ctx.e, optional_vars }, d))
    }

    /// `def name(params) -> returns:` after `def`.
    fn def_header(
        &mut self,
        is_async: bool,
        decorator_list: Vec<Expr>,
    ) -> PResult<(Box<FunctionDef>, usize)> {
        let (name, _) = self.expect_name()?;
        self.expect_forced(Op::LPar)?;
        let mut params = Params::new(false);
        loop {
            match params.step(self)? {
                ParamStep::NeedDefault => {
                    let v = self.parse_expr(Goal::Expression)?;
                    params.give_default(self, v)?;
                }
                ParamStep::NeedAnnotation { star } => {
                    let v = self.parse_expr(if star {
                        Goal::StarExpression
                    } else {
                        Goal::Expression
                    })?;
                    params.give_annotation(self, v);
                }
                ParamStep::Done => break,
            }
        }
        let mut d = params.d;
        let args = params.finish_checked(self)?;
        self.expect_op(Op::RPar)?;
        let returns = if self.eat_op(Op::RArrow)? {
            let v = self.parse_expr(Goal::Expression)?;
            d = d.max(v.d);
            Some(v.e)
        } else {
            None
        };
        self.expect_forced(Op::Colon)?;
        Ok((
            Box::new(FunctionDef {
                is_async,
                name,
                args,
                body: Vec::new(),
                decorator_list,
                returns,
            }),
            d,
        ))
    }

    /// `class name(bases):` after `class`.
    fn class_header(&mut self, decorator_list: Vec<Expr>) -> PResult<(Box<ClassDef>, usize)> {
        let (name, _) = self.expect_name()?;
        let mut d = 0;
        let (bases, keywords) = if self.at_op(Op::LPar)? {
            let v = self.parse_expr(Goal::ClassArgs)?;
            d = v.d;
            match v.e.kind {
                ExprKind::Call { args, keywords, .. } => (args, keywords),
                _ => unreachable!("class arguments are a call"),
            }
        } else {
            (Vec::new(), Vec::new())
        };
        self.expect_colon()?;
        Ok((Box::new(ClassDef { name, bases, keywords, body: Vec::new(), decorator_list }), d))
    }

    // ---- simple statements ----

    /// Simple statements separated by `;` up to the NEWLINE; returns the
    /// depth of the deepest.
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<usize> {
        let mut d = 0;
        loop {
            if matches!(self.peek_tok()?, Tok::Indent | Tok::Dedent) {
                let t = self.peek()?.clone();
                return Err(self.error_at_token(&t, "invalid syntax"));
            }
            let (s, sd) = self.simple_stmt()?;
            out.push(s);
            d = d.max(sd);
            if self.eat_op(Op::Semi)? {
                if self.at(&Tok::Newline)? {
                    break;
                }
                continue;
            }
            break;
        }
        if self.at(&Tok::Newline)? {
            self.bump()?;
            return Ok(d);
        }
        // A token left over after a complete statement: `print "x"` gets
        // CPython's hint, anything else is "invalid syntax".
        let last = out.last().and_then(|s| match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => Some(e.clone()),
            StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => {
                Some(value.clone())
            }
            StmtKind::AnnAssign { value: Some(v), .. } => Some(v.clone()),
            _ => None,
        });
        if let Some(e) = last {
            if let Some(err) = self.comma_error(&e, false)? {
                return Err(err);
            }
        }
        Err(self.invalid_here()?)
    }

    fn at_simple_end(&mut self) -> PResult<bool> {
        Ok(matches!(self.peek_tok()?, Tok::Newline | Tok::Op(Op::Semi)))
    }

    /// One simple statement and its depth.
    fn simple_stmt(&mut self) -> PResult<(Stmt, usize)> {
        let start = self.idx;
        let mut d = 0;
        let kind = match self.peek_tok()?.clone() {
            Tok::Kw(Kw::Pass) => {
                self.bump()?;
                StmtKind::Pass
            }
            Tok::Kw(Kw::Break) => {
                self.bump()?;
                StmtKind::Break
            }
            Tok::Kw(Kw::Continue) => {
                self.bump()?;
                StmtKind::Continue
            }
            Tok::Kw(Kw::Return) => {
                self.bump()?;
                let value = if self.at_simple_end()? {
                    None
                } else {
                    let v = self.parse_expr(Goal::StarExpressions)?;
                    d = v.d;
                    Some(v.e)
                };
                StmtKind::Return(value)
            }
            Tok::Kw(Kw::Raise) => {
                self.bump()?;
                if self.at_simple_end()? {
                    StmtKind::Raise { exc: None, cause: None }
                } else {
                    let exc = self.parse_expr(Goal::Expression)?;
                    d = exc.d;
                    let cause = if self.eat_kw(Kw::From)? {
                        let c = self.parse_expr(Goal::Expression)?;
                        d = d.max(c.d);
                        Some(c.e)
                    } else {
                        None
                    };
                    StmtKind::Raise { exc: Some(exc.e), cause }
                }
            }
            t @ (Tok::Kw(Kw::Global) | Tok::Kw(Kw::Nonlocal)) => {
                self.bump()?;
                let mut names = vec![self.expect_name()?.0];
                while self.eat_op(Op::Comma)? {
                    names.push(self.expect_name()?.0);
                }
                if t == Tok::Kw(Kw::Global) {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Kw(Kw::Del) => {
                self.bump()?;
                let (k, dd) = self.del_stmt()?;
                d = dd;
                k
            }
            Tok::Kw(Kw::Assert) => {
                self.bump()?;
                let test = self.parse_expr(Goal::Expression)?;
                d = test.d;
                let msg = if self.eat_op(Op::Comma)? {
                    let m = self.parse_expr(Goal::Expression)?;
                    d = d.max(m.d);
                    Some(m.e)
                } else {
                    None
                };
                StmtKind::Assert { test: test.e, msg }
            }
            Tok::Kw(Kw::Import) => {
                self.bump()?;
                self.import_name()?
            }
            Tok::Kw(Kw::From) => {
                self.bump()?;
                self.import_from()?
            }
            _ => return self.expr_stmt(),
        };
        let loc = self.span(start);
        let d = self.stmt_depth(d + 1, loc)?;
        Ok((Stmt { kind, loc }, d))
    }

    fn del_stmt(&mut self) -> PResult<(StmtKind, usize)> {
        let mut targets = Vec::new();
        let mut d = 0;
        loop {
            let mut v = self.parse_expr(Goal::StarExpression)?;
            if let Some(bad) = invalid_target(&v.e, TargetKind::Del) {
                return Err(self.error_at_loc(bad.loc, format!("cannot delete {}", expr_name(bad))));
            }
            set_ctx(&mut v.e, ExprContext::Del);
            d = d.max(v.d);
            targets.push(v.e);
            if !self.eat_op(Op::Comma)? || self.at_simple_end()? {
                break;
            }
        }
        if !self.at_simple_end()? {
            return Err(self.invalid_here()?);
        }
        Ok((StmtKind::Delete(targets), d))
    }

    fn dotted_name(&mut self) -> PResult<(String, Loc)> {
        let (mut name, loc) = self.expect_name()?;
        let mut end = loc;
        while self.eat_op(Op::Dot)? {
            let (part, l) = self.expect_name()?;
            name.push('.');
            name.push_str(&part);
            end = l;
        }
        Ok((name, loc.to(end)))
    }

    fn alias(&mut self, dotted: bool) -> PResult<Alias> {
        let (name, loc) = if dotted { self.dotted_name()? } else { self.expect_name()? };
        let (asname, loc) = if self.eat_kw(Kw::As)? {
            let (n, l) = self.expect_name()?;
            (Some(n), loc.to(l))
        } else {
            (None, loc)
        };
        Ok(Alias { name, asname, loc })
    }

    fn import_name(&mut self) -> PResult<StmtKind> {
        let mut names = vec![self.alias(true)?];
        while self.eat_op(Op::Comma)? {
            names.push(self.alias(true)?);
        }
        Ok(StmtKind::Import(names))
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        let mut level = 0;
        loop {
            if self.eat_op(Op::Dot)? {
                level += 1;
            } else if self.eat_op(Op::Ellipsis)? {
                level += 3;
            } else {
                break;
            }
        }
        let module =
            if level > 0 && self.at_kw(Kw::Import)? { None } else { Some(self.dotted_name()?.0) };
        if !self.eat_kw(Kw::Import)? {
            return Err(self.invalid_here()?);
        }
        if self.at_op(Op::Star)? {
            let t = self.bump()?;
            let loc = self.loc_of(&t);
            return Ok(StmtKind::ImportFrom {
                module,
                names: vec![Alias { name: "*".into(), asname: None, loc }],
                level,
            });
        }
        let paren = self.eat_op(Op::LPar)?;
        let mut names = Vec::new();
        loop {
            names.push(self.alias(false)?);
            if !self.eat_op(Op::Comma)? {
                break;
            }
            if paren && self.at_op(Op::RPar)? {
                break;
            }
            if !paren && self.at(&Tok::Newline)? {
                let t = self.peek()?.clone();
                return Err(self.error_at_token(
                    &t,
                    "trailing comma not allowed without surrounding parentheses",
                ));
            }
        }
        if paren {
            self.expect_op(Op::RPar)?;
        }
        Ok(StmtKind::ImportFrom { module, names, level })
    }

    /// An expression statement, assignment, augmented or annotated
    /// assignment.
    fn expr_stmt(&mut self) -> PResult<(Stmt, usize)> {
        let first_tok = self.idx;
        let first = self.parse_expr(Goal::YieldOrStar)?;
        let t = self.peek()?.clone();
        if t.tok == Tok::Op(Op::Equal) {
            return self.assignment(first, first_tok);
        }
        if let Some(op) = augop_of(&t.tok) {
            let mut target = first;
            match target.e.kind {
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {
                }
                _ => {
                    return Err(self.error_at_loc(
                        target.e.loc,
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            expr_name(&target.e)
                        ),
                    ))
                }
            }
            self.bump()?;
            set_ctx(&mut target.e, ExprContext::Store);
            let value = self.parse_expr(Goal::YieldOrStar)?;
            let loc = self.span(first_tok);
            let d = self.stmt_depth(target.d.max(value.d) + 1, loc)?;
            return Ok((
                Stmt { kind: StmtKind::AugAssign { target: target.e, op, value: value.e }, loc },
                d,
            ));
        }
        if t.tok == Tok::Op(Op::Colon) {
            return self.ann_assign(first, first_tok);
        }
        let loc = self.span(first_tok);
        let d = self.stmt_depth(first.d + 1, loc)?;
        Ok((Stmt { kind: StmtKind::Expr(first.e), loc }, d))
    }

    fn ann_assign(&mut self, mut target: Val, first_tok: usize) -> PResult<(Stmt, usize)> {
        let parenthesized = matches!(self.toks[first_tok].tok, Tok::Op(Op::LPar));
        let valid = matches!(
            target.e.kind,
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        );
        if !valid {
            // CPython names a bad target only when an annotation follows;
            // otherwise "invalid syntax" at the `:`.
            let save = self.idx;
            if self.spec_fill.is_none() {
                self.spec_fill = Some(self.toks.len());
            }
            self.bump()?;
            self.speculating = true;
            let ann = self.parse_expr(Goal::Expression);
            self.speculating = false;
            self.idx = save;
            if let Err(e) = ann {
                if self.committed {
                    return Err(e);
                }
                return Err(self.invalid_here()?);
            }
        }
        match &target.e.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple { .. } | ExprKind::List { .. } => {
                let what = expr_name(&target.e);
                // CPython names the first element of an unparenthesized
                // tuple.
                let loc = match &target.e.kind {
                    ExprKind::Tuple { elts, .. } if !parenthesized => elts[0].loc,
                    _ => target.e.loc,
                };
                return Err(self.error_at_loc(
                    loc,
                    format!("only single target (not {what}) can be annotated"),
                ));
            }
            _ => return Err(self.error_at_loc(target.e.loc, "illegal target for annotation")),
        }
        self.bump()?; // ':'
        let annotation = self.parse_expr(Goal::Expression)?;
        let mut d = target.d.max(annotation.d);
        let value = if self.eat_op(Op::Equal)? {
            let v = self.parse_expr(Goal::YieldOrStar)?;
            d = d.max(v.d);
            Some(v.e)
        } else {
            None
        };
        let simple = matches!(target.e.kind, ExprKind::Name { .. }) && !parenthesized;
        set_ctx(&mut target.e, ExprContext::Store);
        let loc = self.span(first_tok);
        let d = self.stmt_depth(d + 1, loc)?;
        Ok((
            Stmt {
                kind: StmtKind::AnnAssign {
                    target: target.e,
                    annotation: annotation.e,
                    value,
                    simple,
                },
                loc,
            },
            d,
        ))
    }

    fn assignment(&mut self, first: Val, first_tok: usize) -> PResult<(Stmt, usize)> {
        let mut d = first.d;
        let mut exprs = vec![first.e];
        // Each expression followed by `=` is a target, checked before the
        // next is parsed (CPython reports a bad target before looking
        // further).
        while self.eat_op(Op::Equal)? {
            let first_target = exprs.len() == 1;
            let bad = invalid_target(exprs.last().expect("a target"), TargetKind::Star).is_some()
                || matches!(
                    exprs.last().expect("a target").kind,
                    ExprKind::Yield(_) | ExprKind::YieldFrom(_)
                );
            let v = if bad && first_target {
                // `f() = 1`: CPython's invalid_named_expression says
                // "... here. Maybe you meant '=='..." when the value is a
                // single bitwise-or expression not followed by `=`.
                let v = match self.parse_expr(Goal::YieldOrStar) {
                    Ok(v) => v,
                    Err(e) if self.committed => return Err(e),
                    Err(_) => {
                        self.check_target(&exprs[0])?;
                        unreachable!("the target is invalid")
                    }
                };
                let a = &exprs[0];
                if !starts_with_display(a, &self.toks[first_tok].tok)
                    && is_bitwise_or_level(a)
                    && starts_with_bitwise_or(&v.e)
                    && !self.at_op(Op::Equal)?
                {
                    return Err(self.error_at_loc(
                        a.loc,
                        format!(
                            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                            expr_name(a)
                        ),
                    ));
                }
                Some(v)
            } else {
                None
            };
            self.check_target(exprs.last().expect("a target"))?;
            let v = match v {
                Some(v) => v,
                None => self.parse_expr(Goal::YieldOrStar)?,
            };
            d = d.max(v.d);
            exprs.push(v.e);
        }
        let value = exprs.pop().expect("at least two");
        let mut targets = exprs;
        for t in &mut targets {
            set_ctx(t, ExprContext::Store);
        }
        let loc = self.span(first_tok);
        let d = self.stmt_depth(d + 1, loc)?;
        Ok((Stmt { kind: StmtKind::Assign { targets, value }, loc }, d))
    }

    /// CPython's messages for an expression that cannot be assigned to.
    fn check_target(&self, e: &Expr) -> PResult<()> {
        if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            return Err(self.error_at_loc(e.loc, "assignment to yield expression not possible"));
        }
        if let Some(bad) = invalid_target(e, TargetKind::Star) {
            return Err(self.error_at_loc(bad.loc, format!("cannot assign to {}", expr_name(bad))));
        }
        Ok(())
    }
}
