//! String literals: adjacent literals joined, and f-strings split into
//! literal text and `{expression!conversion:format_spec}` fields, as CPython
//! 3.11 does it (`fstring_find_literal`, `fstring_find_expr`): each field's
//! expression is parsed by a fresh parser over `(expression)`, whose tree is
//! placed where the expression is in the file, and whose errors read
//! "f-string: ..." relative to that text, as CPython's do.

use crate::ast::*;
use crate::expr::Goal;
use crate::lexer::{Pos, StrLit, Tok, Token};
use crate::parser::{expr, PResult, Parser, Shift};
use crate::{ErrorKind, SyntaxError};

impl Parser {
    /// Adjacent string literals, joined: a `str` constant, a `bytes`
    /// constant, or an f-string (`JoinedStr`) if any part is an f-string.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let mut toks = Vec::new();
        while matches!(self.peek_tok()?, Tok::Str(_)) {
            toks.push(self.bump()?);
        }
        let first = &toks[0];
        let loc = self.loc_from(first, &toks[toks.len() - 1]);
        // Errors found while decoding are reported at the token after the
        // strings, as CPython does.
        let after = self.peek()?.clone();
        let mut is_bytes = None;
        let mut any_f = false;
        for t in &toks {
            let Tok::Str(lit) = &t.tok else { unreachable!() };
            let b = match &**lit {
                StrLit::Bytes(_) => true,
                StrLit::Invalid { msg, at_token } => {
                    if *at_token {
                        return Err(self.error_at_token(t, msg.clone()));
                    }
                    return Err(self.error_at_token(&after, msg.clone()));
                }
                StrLit::FStr { .. } => {
                    any_f = true;
                    false
                }
                StrLit::Str(_) => false,
            };
            match is_bytes {
                None => is_bytes = Some(b),
                Some(prev) if prev != b => {
                    return Err(
                        self.error_at_token(&after, "cannot mix bytes and nonbytes literals")
                    );
                }
                _ => {}
            }
        }
        if is_bytes == Some(true) {
            let mut out = Vec::new();
            for t in &toks {
                if let Tok::Str(lit) = &t.tok {
                    if let StrLit::Bytes(b) = &**lit {
                        out.extend_from_slice(b);
                    }
                }
            }
            return Ok(expr(ExprKind::Constant(Constant::Bytes(out)), loc));
        }
        if !any_f {
            let mut out = String::new();
            for t in &toks {
                if let Tok::Str(lit) = &t.tok {
                    if let StrLit::Str(s) = &**lit {
                        out.push_str(s);
                    }
                }
            }
            return Ok(expr(ExprKind::Constant(Constant::Str(out)), loc));
        }
        let mut parts = FParts::default();
        for t in &toks {
            let Tok::Str(lit) = &t.tok else { unreachable!() };
            match &**lit {
                StrLit::Str(s) => parts.push_str(s),
                StrLit::FStr { raw, body, body_start } => {
                    let mut fp = FStringParser {
                        body,
                        pos: 0,
                        raw: *raw,
                        body_start: *body_start,
                        token_loc: self.loc_of(t),
                        mark: std::cell::Cell::new((0, *body_start)),
                    };
                    fp.parse(self, &mut parts, 0, loc, &after)?;
                }
                _ => {}
            }
        }
        Ok(expr(ExprKind::JoinedStr(parts.finish(loc)), loc))
    }
}

/// The parts of an f-string being built: adjacent literals merged.
#[derive(Default)]
struct FParts {
    parts: Vec<Expr>,
    literal: String,
}

impl FParts {
    fn push_str(&mut self, s: &str) {
        self.literal.push_str(s);
    }

    fn flush(&mut self, loc: Loc) {
        if !self.literal.is_empty() {
            let s = std::mem::take(&mut self.literal);
            self.parts.push(expr(ExprKind::Constant(Constant::Str(s)), loc));
        }
    }

    fn push_value(&mut self, e: Expr, loc: Loc) {
        self.flush(loc);
        self.parts.push(e);
    }

    fn finish(mut self, loc: Loc) -> Vec<Expr> {
        self.flush(loc);
        self.parts
    }
}

/// Splits one f-string body into literal text and `{...}` fields, as
/// CPython 3.11's `fstring_find_literal` / `fstring_find_expr`; each field's
/// expression is parsed by a fresh [`Parser`] over `(expr)`, placed where the
/// expression is in the file.
struct FStringParser<'a> {
    body: &'a [char],
    pos: usize,
    raw: bool,
    body_start: Pos,
    /// The location of this one string token: CPython gives it to a format
    /// spec and its parts, and the whole run of strings to everything else.
    token_loc: Loc,
    /// A body index and its position, so that positions are found by
    /// walking forward from the last one (fields come in order).
    mark: std::cell::Cell<(usize, Pos)>,
}

impl FStringParser<'_> {
    fn err(&self, p: &Parser, after: &Token, msg: &str) -> Box<SyntaxError> {
        let mut e = p.error_at_token(after, msg);
        if !p.in_fstring {
            e.msg = format!("f-string: {msg}");
        }
        e
    }

    /// An error whose message already says "f-string".
    fn err_full(&self, p: &Parser, after: &Token, msg: &str) -> Box<SyntaxError> {
        let mut e = p.error_at_token(after, msg);
        e.msg = msg.to_string();
        e
    }

    /// Where body index `i` is in the file.
    fn pos_of(&self, i: usize) -> Pos {
        let (mut from, mut p) = self.mark.get();
        if i < from {
            (from, p) = (0, self.body_start);
        }
        let (mut line, mut col) = (p.line, p.col);
        for &c in &self.body[from..i] {
            if c == '\n' {
                line += 1;
                col = 0;
            } else {
                col += 1;
            }
        }
        let p = Pos { line, col };
        self.mark.set((i, p));
        p
    }

    /// Parses literals and fields until the end of the body (level 0) or a
    /// `}` that ends a format spec (level > 0).
    fn parse(
        &mut self,
        p: &mut Parser,
        out: &mut FParts,
        level: usize,
        loc: Loc,
        after: &Token,
    ) -> PResult<()> {
        loop {
            // Literal part.
            let lit_start = self.pos;
            let lit_end;
            let mut doubled = false;
            loop {
                if self.pos >= self.body.len() {
                    lit_end = self.pos;
                    break;
                }
                let mut ch = self.body[self.pos];
                self.pos += 1;
                if !self.raw && ch == '\\' && self.pos < self.body.len() {
                    ch = self.body[self.pos];
                    self.pos += 1;
                    if ch == 'N' {
                        if self.pos < self.body.len() && self.body[self.pos] == '{' {
                            self.pos += 1;
                            while self.pos < self.body.len() {
                                let c = self.body[self.pos];
                                self.pos += 1;
                                if c == '}' {
                                    break;
                                }
                            }
                        }
                        continue;
                    }
                }
                if ch == '{' || ch == '}' {
                    if level == 0 {
                        if self.pos < self.body.len() && self.body[self.pos] == ch {
                            lit_end = self.pos;
                            self.pos += 1;
                            doubled = true;
                            break;
                        }
                        if ch == '}' {
                            return Err(self.err(p, after, "single '}' is not allowed"));
                        }
                    }
                    self.pos -= 1;
                    lit_end = self.pos;
                    break;
                }
            }
            if lit_end > lit_start {
                let text = &self.body[lit_start..lit_end];
                let s = if self.raw {
                    text.iter().collect()
                } else {
                    match crate::lexer::decode_str(text) {
                        Ok(s) => s,
                        Err(msg) => return Err(p.error_at_token(after, msg)),
                    }
                };
                out.push_str(&s);
            }
            if doubled {
                continue;
            }
            if self.pos >= self.body.len() {
                return Ok(());
            }
            if self.body[self.pos] == '}' {
                // End of a format spec.
                return Ok(());
            }
            // A field.
            self.field(p, out, level, loc, after)?;
        }
    }

    fn field(
        &mut self,
        p: &mut Parser,
        out: &mut FParts,
        level: usize,
        loc: Loc,
        after: &Token,
    ) -> PResult<()> {
        self.pos += 1; // '{'
        if level >= 2 {
            return Err(self.err(p, after, "expressions nested too deeply"));
        }
        let expr_start = self.pos;
        let mut quote: Option<char> = None;
        let mut quote_size = 0;
        let mut stack: Vec<char> = Vec::new();
        let mut stop: Option<char> = None;
        while self.pos < self.body.len() {
            let ch = self.body[self.pos];
            if ch == '\\' {
                return Err(self.err_full(
                    p,
                    after,
                    "f-string expression part cannot include a backslash",
                ));
            }
            if let Some(q) = quote {
                if ch == q {
                    if quote_size == 3 {
                        if self.pos + 2 < self.body.len()
                            && self.body[self.pos + 1] == q
                            && self.body[self.pos + 2] == q
                        {
                            self.pos += 3;
                            quote = None;
                            continue;
                        }
                    } else {
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                '\'' | '"' => {
                    if self.pos + 2 < self.body.len()
                        && self.body[self.pos + 1] == ch
                        && self.body[self.pos + 2] == ch
                    {
                        quote_size = 3;
                        self.pos += 3;
                    } else {
                        quote_size = 1;
                        self.pos += 1;
                    }
                    quote = Some(ch);
                    continue;
                }
                '[' | '(' | '{' => {
                    if stack.len() >= 200 {
                        return Err(self.err(p, after, "too many nested parenthesis"));
                    }
                    stack.push(ch);
                }
                '#' => {
                    return Err(self.err_full(
                        p,
                        after,
                        "f-string expression part cannot include '#'",
                    ));
                }
                ']' | ')' | '}' if !stack.is_empty() => {
                    let open = stack.pop().expect("non-empty");
                    let want = match open {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    };
                    if ch != want {
                        return Err(self.err(
                            p,
                            after,
                            &format!("closing parenthesis '{ch}' does not match opening parenthesis '{open}'"),
                        ));
                    }
                }
                ']' | ')' => {
                    return Err(self.err(p, after, &format!("unmatched '{ch}'")));
                }
                _ if stack.is_empty() => {
                    let next = self.body.get(self.pos + 1).copied();
                    match ch {
                        '!' | '=' | '<' | '>' if next == Some('=') => {
                            self.pos += 2;
                            continue;
                        }
                        '<' | '>' => {}
                        '!' | ':' | '}' | '=' => {
                            stop = Some(ch);
                            break;
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        if quote.is_some() {
            return Err(self.err(p, after, "unterminated string"));
        }
        if let Some(&open) = stack.last() {
            let _ = open;
            return Err(self.err(p, after, "expecting '}'"));
        }
        let Some(stop) = stop else {
            return Err(self.err(p, after, "expecting '}'"));
        };
        let expr_end = self.pos;
        let text: String = self.body[expr_start..expr_end].iter().collect();
        if text.chars().all(|c| c.is_whitespace()) {
            let msg = if stop == '}' {
                "empty expression not allowed".to_string()
            } else {
                format!("expression required before '{stop}'")
            };
            return Err(self.err(p, after, &msg));
        }
        let value = self.compile_expr(p, expr_start, &text)?;
        // `=`: the expression's text (with the `=` and any spaces after it)
        // becomes literal text.
        let mut debug_text = None;
        if self.body[self.pos] == '=' {
            self.pos += 1;
            while self.pos < self.body.len() && self.body[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos >= self.body.len() {
                return Err(self.err(p, after, "expecting '}'"));
            }
            debug_text = Some(self.body[expr_start..self.pos].iter().collect::<String>());
        }
        let mut conversion = None;
        if self.pos < self.body.len() && self.body[self.pos] == '!' {
            self.pos += 1;
            if self.pos >= self.body.len() {
                return Err(self.err(p, after, "expecting '}'"));
            }
            let c = self.body[self.pos];
            self.pos += 1;
            conversion = Some(match c {
                's' => Conversion::Str,
                'r' => Conversion::Repr,
                'a' => Conversion::Ascii,
                _ => {
                    return Err(self.err(
                        p,
                        after,
                        "invalid conversion character: expected 's', 'r', or 'a'",
                    ))
                }
            });
        }
        let mut format_spec = None;
        if self.pos < self.body.len() && self.body[self.pos] == ':' {
            self.pos += 1;
            if self.pos >= self.body.len() {
                return Err(self.err(p, after, "expecting '}'"));
            }
            let mut spec = FParts::default();
            let tl = self.token_loc;
            self.parse(p, &mut spec, level + 1, tl, after)?;
            // An empty spec (`f"{x:}"`) is an empty JoinedStr, as CPython.
            let parts = spec.finish(tl);
            format_spec = Some(Box::new(expr(ExprKind::JoinedStr(parts), tl)));
        }
        if self.pos >= self.body.len() || self.body[self.pos] != '}' {
            return Err(self.err(p, after, "expecting '}'"));
        }
        self.pos += 1;
        if let Some(t) = debug_text {
            out.push_str(&t);
            if conversion.is_none() && format_spec.is_none() {
                conversion = Some(Conversion::Repr);
            }
        }
        out.push_value(
            expr(ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec }, loc),
            loc,
        );
        Ok(())
    }

    /// Parses `(text)` as CPython does for an f-string field, with the AST
    /// placed at the expression's real position.
    fn compile_expr(&self, _p: &mut Parser, expr_start: usize, text: &str) -> PResult<Expr> {
        let at = self.pos_of(expr_start);
        let src = format!("({text})");
        // Inner line 1, column 1 is the expression's first character.
        let shift = Shift { lines: at.line - 1, cols: at.col as isize - 1 };
        let mut sub = Parser::new(&src, shift);
        sub.in_fstring = true;
        let r = (|| {
            let e = sub.parse_expr(Goal::StarExpressions)?.e;
            if !sub.at(&Tok::Newline)? {
                return Err(sub.invalid_here()?);
            }
            if let ExprKind::Starred { .. } = e.kind {
                return Err(sub.error_at_loc(e.loc, "cannot use starred expression here"));
            }
            Ok(e)
        })();
        match r {
            Ok(e) => Ok(e),
            Err(e) => {
                let mut e = e;
                if !e.msg.starts_with("f-string: ") && e.kind != ErrorKind::RecursionError {
                    e.msg = format!("f-string: {}", e.msg);
                }
                Err(e)
            }
        }
    }
}
