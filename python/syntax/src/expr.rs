//! Expressions, parsed without recursion.
//!
//! A recursive-descent expression parser needs a dozen Rust frames per
//! bracket (one per precedence level), and CPython accepts 200 nested
//! brackets: that does not fit a WebAssembly stack. So this parser keeps
//! its own stack of [`Frame`]s on the heap, one per construct waiting for
//! an operand: a prefix operator (`not`, `-`, `await`, `*`), a binary
//! operator with its left operand, a comparison or boolean chain, a
//! conditional expression, a `lambda`, a `yield`, or a bracket (a display,
//! a call's arguments, a subscript) with the elements parsed so far.
//!
//! The driver ([`Parser::parse_expr`]) alternates three steps:
//! - **operand**: read prefix operators (pushing a frame each) and an atom;
//!   an opening bracket pushes a bracket frame;
//! - **postfix**: apply `.name`, and push a call or subscript frame for `(`
//!   or `[`;
//! - **infix**: if the next token is an operator that binds tighter than the
//!   top frame allows (precedence climbing: the top frame's *slot* level),
//!   push a frame for it; otherwise the operand is complete, so pop the top
//!   frame and build its node, or hand the operand to the bracket or base
//!   frame, which decides what comes next (`,`, `:`, `for`, a closing
//!   bracket).
//!
//! Precedence levels, loosest first (CPython's grammar rules in brackets):
//! 1 conditional / lambda (`expression`), 2 `or` (`disjunction`), 3 `and`,
//! 4 `not` (`inversion`), 5 comparisons, 6 `|` (`bitwise_or`), 7 `^`, 8 `&`,
//! 9 shifts, 10 `+ -`, 11 `* / // % @`, 12 unary `- + ~` (`factor`), 13
//! `**` (right-associative; its right operand is a `factor`), 14 `await`,
//! 15 `primary`. An operand slot of level L accepts an infix operator of
//! precedence p when p >= L; a binary operator's right operand is a slot of
//! level p + 1 (left-associative), `**`'s is level 12 (right-associative,
//! and `2 ** -1` is allowed), so `-2 ** 2` is `-(2 ** 2)`.
//!
//! Every value carries the depth of its tree, so a tree deeper than
//! [`MAX_DEPTH`] is refused as soon as it would be built.

use crate::ast::*;
use crate::lexer::{Kw, Op, Tok, Token};
use crate::parser::{
    expr, expr_name, invalid_target, is_soft_keyword, name_expr, set_ctx, starts_expression,
    PResult, Parser, TargetKind,
};
use crate::walk::expr_depth;

/// `expression`: conditional expressions and `lambda`.
pub(crate) const EXPR: u8 = 1;
/// `disjunction`.
pub(crate) const DISJ: u8 = 2;
const CONJ: u8 = 3;
const INV: u8 = 4;
const CMP: u8 = 5;
/// `bitwise_or`.
pub(crate) const BOR: u8 = 6;
const FACTOR: u8 = 12;
const POW: u8 = 13;
const AWAIT: u8 = 14;
const PRIMARY: u8 = 15;

/// A parsed expression, the depth of its tree, and the index of its first
/// token (which, for a parenthesized expression, is the `(`: a node built
/// on it starts there, as in CPython).
pub(crate) struct Val {
    pub(crate) e: Expr,
    pub(crate) d: usize,
    pub(crate) start: usize,
}

/// What an operand position accepts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Slot {
    /// The loosest construct allowed (see the module docs).
    level: u8,
    /// `*x` allowed here.
    star: bool,
    /// `NAME := x` allowed here.
    walrus: bool,
    /// `yield ...` allowed here.
    yield_ok: bool,
}

fn lvl(level: u8) -> Slot {
    Slot { level, ..Slot::default() }
}

/// What the caller of [`Parser::parse_expr`] wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Goal {
    /// `star_expressions`: `a`, `*a`, `a, *b,` (a tuple if there is a comma).
    StarExpressions,
    /// `expressions` (eval input): like `star_expressions` without `*`.
    Expressions,
    /// A `yield` expression or `star_expressions`.
    YieldOrStar,
    /// `expression`.
    Expression,
    /// `star_expression`: an expression or `*bitwise_or`.
    StarExpression,
    /// `named_expression`.
    Named,
    /// `bitwise_or`.
    BitwiseOr,
    /// `*bitwise_or` or `bitwise_or` (a `for` or `with` target element).
    StarBitwiseOr,
    /// A class statement's `(...)`, the `(` being current: a `Call` whose
    /// `func` is a placeholder.
    ClassArgs,
}

/// A prefix operator waiting for its operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    Unary(UnaryOp),
    Await,
    Star,
}

/// The frame at the bottom: the caller's goal, and a tuple being built
/// when the goal allows one.
struct BaseFrame {
    goal: Goal,
    start: usize,
    elts: Vec<Val>,
}

/// A `lambda` whose parameters or body are being parsed.
struct LambdaFrame {
    start: usize,
    params: Params,
    in_body: bool,
}

/// A `yield` whose value is being parsed.
struct YieldFrame {
    start: usize,
    from: bool,
    elts: Vec<Val>,
    comma: bool,
}

/// A construct waiting for an operand.
enum Frame {
    Base(BaseFrame),
    Prefix {
        op: Prefix,
        at: usize,
    },
    Binary {
        left: Val,
        op: Operator,
        prec: u8,
    },
    Compare {
        left: Val,
        ops: Vec<CmpOp>,
        rest: Vec<Val>,
    },
    BoolOp {
        op: BoolOp,
        values: Vec<Val>,
    },
    /// `body if` -- the test is next.
    IfTest {
        body: Val,
    },
    /// `body if test else` -- the alternative is next.
    IfElse {
        body: Val,
        test: Val,
    },
    Walrus {
        start: usize,
        name: String,
        loc: Loc,
    },
    Lambda(Box<LambdaFrame>),
    Yield(Box<YieldFrame>),
    Bracket(Box<Bracket>),
}

/// What kind of bracket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BracketKind {
    Paren,
    List,
    Brace,
    Call,
    Subscript,
    ClassArgs,
}

/// What a bracket frame is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// An element of a display, a positional argument, a subscript element.
    Elem,
    /// The `yield` inside `(...)`.
    YieldInParen,
    /// A dict key (after the first item).
    DictKey,
    /// A dict value after `key:`.
    DictValue,
    /// The mapping after `**` in a dict display.
    DictUnpack,
    /// `*arg` in a call (token index of the `*`).
    CallStar(usize),
    /// `**kwargs` in a call.
    CallDoubleStar(usize),
    /// `name=value` in a call (token index of the name).
    CallKeyword(usize),
    /// A slice's upper bound.
    SliceUpper,
    /// A slice's step.
    SliceStep,
    /// A comprehension's `for` target element.
    CompTarget,
    /// A comprehension's iterable.
    CompIter,
    /// A comprehension's `if` condition.
    CompIf,
}

/// A comprehension being parsed inside a bracket.
struct Comp {
    elt: Val,
    /// The value of a dict comprehension.
    value: Option<Val>,
    gens: Vec<Comprehension>,
    /// Depth of the deepest part so far.
    d: usize,
    is_async: bool,
    target: Vec<Val>,
    target_start: usize,
    target_comma: bool,
    cur_target: Option<Expr>,
    cur_iter: Option<Expr>,
    ifs: Vec<Expr>,
}

/// A bracket: a display, call arguments, or a subscript.
struct Bracket {
    kind: BracketKind,
    /// Token index of the opening bracket.
    open: usize,
    /// Token index where the whole node starts (the callee or subscripted
    /// value for calls and subscripts, else `open`).
    start: usize,
    /// The callee or the subscripted value.
    head: Option<Val>,
    stage: Stage,
    slot: Slot,
    elts: Vec<Val>,
    /// Dict keys (`None` for `**m`), parallel to `elts` as values.
    keys: Vec<Option<Val>>,
    keywords: Vec<(Keyword, usize)>,
    /// Whether a `,` was seen (a parenthesized tuple).
    comma: bool,
    /// For braces: `Some(true)` for a dict, `Some(false)` for a set.
    is_dict: Option<bool>,
    /// The pending dict key.
    key: Option<Val>,
    /// Token index where the current element starts.
    elem_start: usize,
    /// The current slice's parts.
    lower: Option<Val>,
    upper: Option<Val>,
    /// Call arguments seen so far (for the generator-expression rule).
    count: usize,
    seen_kw_unpack: bool,
    comp: Option<Box<Comp>>,
}

/// The next step of the driver.
enum State {
    Operand,
    Postfix(Val),
    Infix(Val),
    /// A complete value (a `yield`) that no operator may extend: deliver it
    /// to the frame below.
    Complete(Val),
    Done(Val),
}

/// An infix operator found after an operand.
enum Infix {
    Binary(Operator, u8),
    Compare(CmpOp),
    BoolOp(BoolOp),
    If,
}

/// Binary operators and their precedence.
pub(crate) fn binop_of(tok: &Tok) -> Option<(Operator, u8)> {
    let Tok::Op(op) = tok else { return None };
    Some(match op {
        Op::VBar => (Operator::BitOr, 6),
        Op::Circumflex => (Operator::BitXor, 7),
        Op::Amper => (Operator::BitAnd, 8),
        Op::LeftShift => (Operator::LShift, 9),
        Op::RightShift => (Operator::RShift, 9),
        Op::Plus => (Operator::Add, 10),
        Op::Minus => (Operator::Sub, 10),
        Op::Star => (Operator::Mult, 11),
        Op::Slash => (Operator::Div, 11),
        Op::DoubleSlash => (Operator::FloorDiv, 11),
        Op::Percent => (Operator::Mod, 11),
        Op::At => (Operator::MatMult, 11),
        Op::DoubleStar => (Operator::Pow, POW),
        _ => return None,
    })
}

impl Frame {
    /// The operand position this frame is waiting to fill.
    fn slot(&self) -> Slot {
        match self {
            Frame::Base(b) => match b.goal {
                Goal::StarExpressions | Goal::StarExpression => {
                    Slot { level: EXPR, star: true, ..Slot::default() }
                }
                Goal::YieldOrStar => {
                    Slot { level: EXPR, star: true, yield_ok: b.elts.is_empty(), ..Slot::default() }
                }
                Goal::Expressions | Goal::Expression | Goal::ClassArgs => lvl(EXPR),
                Goal::Named => Slot { level: EXPR, walrus: true, ..Slot::default() },
                Goal::BitwiseOr => lvl(BOR),
                Goal::StarBitwiseOr => Slot { level: BOR, star: true, ..Slot::default() },
            },
            Frame::Prefix { op, .. } => match op {
                // `not not x` is allowed; no infix operator has level 4, so
                // this admits comparisons and tighter.
                Prefix::Unary(UnaryOp::Not) => lvl(INV),
                Prefix::Unary(_) => lvl(FACTOR),
                Prefix::Await => lvl(PRIMARY),
                Prefix::Star => lvl(BOR),
            },
            Frame::Binary { op, prec, .. } => {
                if *op == Operator::Pow {
                    lvl(FACTOR)
                } else {
                    lvl(prec + 1)
                }
            }
            Frame::Compare { .. } => lvl(BOR),
            Frame::BoolOp { op, .. } => match op {
                BoolOp::Or => lvl(CONJ),
                BoolOp::And => lvl(INV),
            },
            Frame::IfTest { .. } => lvl(DISJ),
            Frame::IfElse { .. } | Frame::Walrus { .. } | Frame::Lambda(_) => lvl(EXPR),
            Frame::Yield(y) => {
                if y.from {
                    lvl(EXPR)
                } else {
                    Slot { level: EXPR, star: true, ..Slot::default() }
                }
            }
            Frame::Bracket(b) => b.slot,
        }
    }
}

impl Parser {
    /// Builds a node of depth `d`, refusing it past [`MAX_DEPTH`] with
    /// CPython's `RecursionError`.
    fn node(&self, kind: ExprKind, loc: Loc, d: usize, start: usize) -> PResult<Val> {
        if d > crate::parser::MAX_DEPTH {
            return Err(self.recursion_error(loc));
        }
        Ok(Val { e: expr(kind, loc), d, start })
    }

    /// Parses an expression of the kind `goal` asks for, starting at the
    /// current token.
    pub(crate) fn parse_expr(&mut self, goal: Goal) -> PResult<Val> {
        let mut frames = vec![Frame::Base(BaseFrame { goal, start: self.idx, elts: Vec::new() })];
        let mut state = if goal == Goal::ClassArgs {
            let open = self.idx;
            self.bump()?;
            frames.push(Frame::Bracket(Box::new(Bracket::new(
                BracketKind::ClassArgs,
                open,
                open,
                None,
            ))));
            self.bracket_begin(&mut frames)?
        } else {
            State::Operand
        };
        loop {
            state = match state {
                State::Operand => self.operand(&mut frames)?,
                State::Postfix(v) => self.postfix(&mut frames, v)?,
                State::Infix(v) => self.infix(&mut frames, v, false)?,
                State::Complete(v) => self.infix(&mut frames, v, true)?,
                State::Done(v) => return Ok(v),
            };
        }
    }

    /// Prefix operators, then an atom.
    fn operand(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        loop {
            let slot = frames.last().expect("base frame").slot();
            let at = self.idx;
            let walrus = slot.walrus
                && matches!(self.peek_tok()?, Tok::Name(_))
                && matches!(self.peek_nth(1)?, Tok::Op(Op::ColonEqual));
            let prefix = match self.peek_tok()? {
                Tok::Op(Op::Star) if slot.star => Prefix::Star,
                Tok::Kw(Kw::Not) if slot.level <= INV => Prefix::Unary(UnaryOp::Not),
                Tok::Op(Op::Minus) if slot.level <= FACTOR => Prefix::Unary(UnaryOp::USub),
                Tok::Op(Op::Plus) if slot.level <= FACTOR => Prefix::Unary(UnaryOp::UAdd),
                Tok::Op(Op::Tilde) if slot.level <= FACTOR => Prefix::Unary(UnaryOp::Invert),
                Tok::Kw(Kw::Await) if slot.level <= AWAIT => Prefix::Await,
                Tok::Kw(Kw::Lambda) if slot.level == EXPR => {
                    self.bump()?;
                    frames.push(Frame::Lambda(Box::new(LambdaFrame {
                        start: at,
                        params: Params::new(true),
                        in_body: false,
                    })));
                    return self.lambda_params(frames);
                }
                Tok::Kw(Kw::Yield) if slot.yield_ok => {
                    self.bump()?;
                    return self.yield_start(frames, at);
                }
                Tok::Name(_) if walrus => {
                    let (name, loc) = self.expect_name()?;
                    self.bump()?;
                    frames.push(Frame::Walrus { start: at, name, loc });
                    continue;
                }
                _ => return self.atom(frames),
            };
            self.bump()?;
            frames.push(Frame::Prefix { op: prefix, at });
        }
    }

    fn atom(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        let at = self.idx;
        let t = self.peek()?;
        let constant = match &t.tok {
            Tok::Name(n) => {
                let n = n.clone();
                let t = self.bump()?;
                let loc = self.loc_of(&t);
                return Ok(State::Postfix(Val { e: name_expr(n, loc), d: 1, start: at }));
            }
            Tok::Int(i) => Constant::Int(i.clone()),
            Tok::Float(f) => Constant::Float(*f),
            Tok::Imag(f) => Constant::Imaginary(*f),
            Tok::Kw(Kw::None) => Constant::None,
            Tok::Kw(Kw::True) => Constant::Bool(true),
            Tok::Kw(Kw::False) => Constant::Bool(false),
            Tok::Op(Op::Ellipsis) => Constant::Ellipsis,
            Tok::Str(_) => {
                let e = match self.strings() {
                    Ok(e) => e,
                    Err(err) => {
                        self.committed = true;
                        return Err(err);
                    }
                };
                let d = expr_depth(&e);
                return Ok(State::Postfix(Val { e, d, start: at }));
            }
            Tok::Op(Op::LPar) | Tok::Op(Op::LSqb) | Tok::Op(Op::LBrace) => {
                let kind = match &t.tok {
                    Tok::Op(Op::LPar) => BracketKind::Paren,
                    Tok::Op(Op::LSqb) => BracketKind::List,
                    _ => BracketKind::Brace,
                };
                self.bump()?;
                frames.push(Frame::Bracket(Box::new(Bracket::new(kind, at, at, None))));
                return self.bracket_begin(frames);
            }
            _ => return Err(self.invalid_here()?),
        };
        let t = self.bump()?;
        let loc = self.loc_of(&t);
        Ok(State::Postfix(Val { e: expr(ExprKind::Constant(constant), loc), d: 1, start: at }))
    }

    /// `.name`, `(args)`, `[index]` after a primary.
    fn postfix(&mut self, frames: &mut Vec<Frame>, mut v: Val) -> PResult<State> {
        loop {
            match self.peek_tok()? {
                Tok::Op(Op::Dot) => {
                    self.bump()?;
                    let (attr, _) = self.expect_name()?;
                    let loc = self.span(v.start);
                    let (start, d) = (v.start, v.d + 1);
                    v = self.node(
                        ExprKind::Attribute { value: Box::new(v.e), attr, ctx: ExprContext::Load },
                        loc,
                        d,
                        start,
                    )?;
                }
                Tok::Op(Op::LPar) | Tok::Op(Op::LSqb) => {
                    let kind = if self.at_op(Op::LPar)? {
                        BracketKind::Call
                    } else {
                        BracketKind::Subscript
                    };
                    let open = self.idx;
                    self.bump()?;
                    let start = v.start;
                    frames.push(Frame::Bracket(Box::new(Bracket::new(kind, open, start, Some(v)))));
                    return self.bracket_begin(frames);
                }
                _ => return Ok(State::Infix(v)),
            }
        }
    }

    /// The comparison operator at the current token, if any (not consumed).
    fn cmp_op_here(&mut self) -> PResult<Option<CmpOp>> {
        Ok(Some(match self.peek_tok()? {
            Tok::Op(Op::EqEqual) => CmpOp::Eq,
            Tok::Op(Op::NotEqual) => CmpOp::NotEq,
            Tok::Op(Op::Less) => CmpOp::Lt,
            Tok::Op(Op::LessEqual) => CmpOp::LtE,
            Tok::Op(Op::Greater) => CmpOp::Gt,
            Tok::Op(Op::GreaterEqual) => CmpOp::GtE,
            Tok::Kw(Kw::In) => CmpOp::In,
            Tok::Kw(Kw::Is) => {
                if matches!(self.peek_nth(1)?, Tok::Kw(Kw::Not)) {
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            Tok::Kw(Kw::Not) => {
                if matches!(self.peek_nth(1)?, Tok::Kw(Kw::In)) {
                    CmpOp::NotIn
                } else {
                    return Ok(None);
                }
            }
            _ => return Ok(None),
        }))
    }

    /// Consumes a comparison operator (one or two tokens).
    fn bump_cmp(&mut self, op: CmpOp) -> PResult<()> {
        self.bump()?;
        if matches!(op, CmpOp::IsNot | CmpOp::NotIn) {
            self.bump()?;
        }
        Ok(())
    }

    /// The infix operator at the current token allowed in a slot of `level`.
    fn infix_here(&mut self, level: u8) -> PResult<Option<Infix>> {
        if let Some((op, prec)) = binop_of(self.peek_tok()?) {
            return Ok((prec >= level).then_some(Infix::Binary(op, prec)));
        }
        if level <= CMP {
            if let Some(op) = self.cmp_op_here()? {
                return Ok(Some(Infix::Compare(op)));
            }
        }
        Ok(match self.peek_tok()? {
            Tok::Kw(Kw::And) if level <= CONJ => Some(Infix::BoolOp(BoolOp::And)),
            Tok::Kw(Kw::Or) if level <= DISJ => Some(Infix::BoolOp(BoolOp::Or)),
            Tok::Kw(Kw::If) if level <= EXPR => Some(Infix::If),
            _ => None,
        })
    }

    /// After an operand: extend it with an infix operator, or complete the
    /// frames waiting for it. `complete` skips the extension (for `yield`).
    fn infix(&mut self, frames: &mut Vec<Frame>, mut v: Val, complete: bool) -> PResult<State> {
        let mut complete = complete;
        loop {
            if !complete {
                // A comparison or boolean chain continues with the same
                // operator.
                match frames.last_mut().expect("base frame") {
                    Frame::Compare { ops, rest, .. } => {
                        if let Some(op) = self.cmp_op_here()? {
                            self.bump_cmp(op)?;
                            ops.push(op);
                            rest.push(v);
                            return Ok(State::Operand);
                        }
                    }
                    Frame::BoolOp { op, values } => {
                        let kw = if *op == BoolOp::And { Kw::And } else { Kw::Or };
                        if self.eat_kw(kw)? {
                            values.push(v);
                            return Ok(State::Operand);
                        }
                    }
                    _ => {}
                }
                let slot = frames.last().expect("base frame").slot();
                if let Some(inf) = self.infix_here(slot.level)? {
                    match inf {
                        Infix::Binary(op, prec) => {
                            self.bump()?;
                            frames.push(Frame::Binary { left: v, op, prec });
                        }
                        Infix::Compare(op) => {
                            self.bump_cmp(op)?;
                            frames.push(Frame::Compare {
                                left: v,
                                ops: vec![op],
                                rest: Vec::new(),
                            });
                        }
                        Infix::BoolOp(op) => {
                            self.bump()?;
                            frames.push(Frame::BoolOp { op, values: vec![v] });
                        }
                        Infix::If => {
                            self.bump()?;
                            frames.push(Frame::IfTest { body: v });
                        }
                    }
                    return Ok(State::Operand);
                }
            }
            complete = false;
            // `v` completes the top frame's operand.
            let frame = frames.pop().expect("base frame");
            v = match frame {
                Frame::Base(b) => return self.base_deliver(frames, b, v),
                Frame::Bracket(b) => return self.bracket_deliver(frames, b, v),
                Frame::Yield(y) => return self.yield_deliver(frames, y, v),
                Frame::Lambda(mut l) => {
                    if !l.in_body {
                        l.params.give_default(self, v)?;
                        frames.push(Frame::Lambda(l));
                        return self.lambda_params(frames);
                    }
                    let loc = self.span(l.start);
                    let d = l.params.d.max(v.d) + 1;
                    let args = l.params.finish();
                    self.node(
                        ExprKind::Lambda { args: Box::new(args), body: Box::new(v.e) },
                        loc,
                        d,
                        l.start,
                    )?
                }
                Frame::Prefix { op, at } => {
                    let loc = self.span(at);
                    let d = v.d + 1;
                    let kind = match op {
                        Prefix::Unary(op) => ExprKind::UnaryOp { op, operand: Box::new(v.e) },
                        Prefix::Await => ExprKind::Await(Box::new(v.e)),
                        Prefix::Star => {
                            ExprKind::Starred { value: Box::new(v.e), ctx: ExprContext::Load }
                        }
                    };
                    self.node(kind, loc, d, at)?
                }
                Frame::Binary { left, op, .. } => {
                    let (start, d) = (left.start, left.d.max(v.d) + 1);
                    let loc = self.span(start);
                    self.node(
                        ExprKind::BinOp { left: Box::new(left.e), op, right: Box::new(v.e) },
                        loc,
                        d,
                        start,
                    )?
                }
                Frame::Compare { left, ops, mut rest } => {
                    rest.push(v);
                    let start = left.start;
                    let d = rest.iter().map(|r| r.d).max().unwrap_or(0).max(left.d) + 1;
                    let loc = self.span(start);
                    self.node(
                        ExprKind::Compare {
                            left: Box::new(left.e),
                            ops,
                            comparators: rest.into_iter().map(|r| r.e).collect(),
                        },
                        loc,
                        d,
                        start,
                    )?
                }
                Frame::BoolOp { op, mut values } => {
                    values.push(v);
                    let start = values[0].start;
                    let d = values.iter().map(|x| x.d).max().unwrap_or(0) + 1;
                    let loc = self.span(start);
                    self.node(
                        ExprKind::BoolOp { op, values: values.into_iter().map(|x| x.e).collect() },
                        loc,
                        d,
                        start,
                    )?
                }
                Frame::IfTest { body } => {
                    if self.eat_kw(Kw::Else)? {
                        frames.push(Frame::IfElse { body, test: v });
                        return Ok(State::Operand);
                    }
                    if self.at_op(Op::Colon)? {
                        return Err(self.invalid_here()?);
                    }
                    return Err(self.error_at_loc(
                        body.e.loc.to(v.e.loc),
                        "expected 'else' after 'if' expression",
                    ));
                }
                Frame::IfElse { body, test } => {
                    let start = body.start;
                    let d = body.d.max(test.d).max(v.d) + 1;
                    let loc = self.span(start);
                    self.node(
                        ExprKind::IfExp {
                            test: Box::new(test.e),
                            body: Box::new(body.e),
                            orelse: Box::new(v.e),
                        },
                        loc,
                        d,
                        start,
                    )?
                }
                Frame::Walrus { start, name, loc } => {
                    let span = self.span(start);
                    let d = v.d + 1;
                    let target = expr(ExprKind::Name { id: name, ctx: ExprContext::Store }, loc);
                    self.node(
                        ExprKind::NamedExpr { target: Box::new(target), value: Box::new(v.e) },
                        span,
                        d,
                        start,
                    )?
                }
            };
        }
    }

    // ---- the base frame ----

    fn base_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: BaseFrame,
        v: Val,
    ) -> PResult<State> {
        let tuples =
            matches!(b.goal, Goal::StarExpressions | Goal::Expressions | Goal::YieldOrStar);
        let bare_yield = matches!(self.toks[v.start].tok, Tok::Kw(Kw::Yield));
        if !tuples || bare_yield {
            if let ExprKind::NamedExpr { .. } = v.e.kind {
                // fine: a named expression where one is allowed
            } else if b.goal == Goal::Named && self.at_op(Op::ColonEqual)? {
                return Err(self.error_at_loc(
                    v.e.loc,
                    format!("cannot use assignment expressions with {}", expr_name(&v.e)),
                ));
            }
            return Ok(State::Done(v));
        }
        if self.at_op(Op::Comma)? {
            self.bump()?;
            b.elts.push(v);
            let more = {
                let t = self.peek_tok()?;
                starts_expression(t)
                    || (b.goal != Goal::Expressions && matches!(t, Tok::Op(Op::Star)))
            };
            if more {
                frames.push(Frame::Base(b));
                return Ok(State::Operand);
            }
        } else if b.elts.is_empty() {
            return Ok(State::Done(v));
        } else {
            b.elts.push(v);
        }
        let loc = self.span(b.start);
        let d = b.elts.iter().map(|x| x.d).max().unwrap_or(0) + 1;
        let start = b.start;
        Ok(State::Done(self.node(
            ExprKind::Tuple {
                elts: b.elts.into_iter().map(|x| x.e).collect(),
                ctx: ExprContext::Load,
            },
            loc,
            d,
            start,
        )?))
    }

    // ---- yield ----

    /// After `yield`: `from x`, a value list, or nothing.
    fn yield_start(&mut self, frames: &mut Vec<Frame>, start: usize) -> PResult<State> {
        if self.eat_kw(Kw::From)? {
            frames.push(Frame::Yield(Box::new(YieldFrame {
                start,
                from: true,
                elts: Vec::new(),
                comma: false,
            })));
            return Ok(State::Operand);
        }
        let t = self.peek_tok()?;
        if starts_expression(t) || matches!(t, Tok::Op(Op::Star)) {
            frames.push(Frame::Yield(Box::new(YieldFrame {
                start,
                from: false,
                elts: Vec::new(),
                comma: false,
            })));
            return Ok(State::Operand);
        }
        let loc = self.span(start);
        Ok(State::Complete(self.node(ExprKind::Yield(None), loc, 1, start)?))
    }

    fn yield_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut y: Box<YieldFrame>,
        v: Val,
    ) -> PResult<State> {
        if y.from {
            let loc = self.span(y.start);
            let d = v.d + 1;
            return Ok(State::Complete(self.node(
                ExprKind::YieldFrom(Box::new(v.e)),
                loc,
                d,
                y.start,
            )?));
        }
        if self.eat_op(Op::Comma)? {
            y.comma = true;
            y.elts.push(v);
            let t = self.peek_tok()?;
            if starts_expression(t) || matches!(t, Tok::Op(Op::Star)) {
                frames.push(Frame::Yield(y));
                return Ok(State::Operand);
            }
        } else {
            y.elts.push(v);
        }
        let value = if y.comma {
            let start = y.elts[0].start;
            let loc = self.span(start);
            let d = y.elts.iter().map(|x| x.d).max().unwrap_or(0) + 1;
            self.node(
                ExprKind::Tuple {
                    elts: y.elts.into_iter().map(|x| x.e).collect(),
                    ctx: ExprContext::Load,
                },
                loc,
                d,
                start,
            )?
        } else {
            y.elts.pop().expect("one value")
        };
        let loc = self.span(y.start);
        let d = value.d + 1;
        Ok(State::Complete(self.node(ExprKind::Yield(Some(Box::new(value.e))), loc, d, y.start)?))
    }

    // ---- lambda ----

    /// Parses `lambda` parameters up to the next default value or the `:`.
    fn lambda_params(&mut self, frames: &mut [Frame]) -> PResult<State> {
        let Some(Frame::Lambda(l)) = frames.last_mut() else { unreachable!("lambda frame on top") };
        match l.params.step(self)? {
            ParamStep::NeedDefault => Ok(State::Operand),
            ParamStep::NeedAnnotation { .. } => {
                unreachable!("lambda parameters have no annotations")
            }
            ParamStep::Done => {
                let Some(Frame::Lambda(l)) = frames.last_mut() else {
                    unreachable!("lambda frame on top")
                };
                self.expect_op(Op::Colon)?;
                l.in_body = true;
                Ok(State::Operand)
            }
        }
    }

    // ---- brackets ----

    /// Just after an opening bracket (and the callee/value for calls and
    /// subscripts).
    fn bracket_begin(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        let close = b.close_op();
        if self.at_op(close)? && b.kind != BracketKind::Subscript {
            let Some(Frame::Bracket(b)) = frames.pop() else { unreachable!() };
            return self.bracket_close(b);
        }
        match b.kind {
            BracketKind::Paren if self.at_kw(Kw::Yield)? => {
                b.stage = Stage::YieldInParen;
                b.slot = Slot { level: EXPR, yield_ok: true, ..Slot::default() };
                Ok(State::Operand)
            }
            BracketKind::Call | BracketKind::ClassArgs => self.next_arg(frames),
            BracketKind::Brace if self.at_op(Op::DoubleStar)? => {
                self.bump()?;
                b.is_dict = Some(true);
                b.stage = Stage::DictUnpack;
                b.slot = lvl(BOR);
                Ok(State::Operand)
            }
            BracketKind::Subscript => self.slice_begin(frames),
            _ => {
                b.elem_start = self.idx;
                b.stage = Stage::Elem;
                b.slot = Slot { level: EXPR, star: true, walrus: true, ..Slot::default() };
                Ok(State::Operand)
            }
        }
    }

    /// The start of the next call argument.
    fn next_arg(&mut self, frames: &mut [Frame]) -> PResult<State> {
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        b.count += 1;
        b.elem_start = self.idx;
        let at = self.idx;
        let keyword = matches!(self.peek_tok()?, Tok::Name(_))
            && matches!(self.peek_nth(1)?, Tok::Op(Op::Equal));
        match self.peek_tok()? {
            Tok::Op(Op::Star) => {
                if b.seen_kw_unpack {
                    let t = self.peek()?.clone();
                    return Err(self.error_at_token(
                        &t,
                        "iterable argument unpacking follows keyword argument unpacking",
                    ));
                }
                self.bump()?;
                b.stage = Stage::CallStar(at);
                b.slot = lvl(EXPR);
            }
            Tok::Op(Op::DoubleStar) => {
                self.bump()?;
                b.stage = Stage::CallDoubleStar(at);
                b.slot = lvl(EXPR);
            }
            Tok::Name(_) if keyword => {
                self.bump()?;
                self.bump()?;
                if self.at_op(Op::RPar)? || self.at_op(Op::Comma)? {
                    return Err(self.invalid_here()?);
                }
                b.stage = Stage::CallKeyword(at);
                b.slot = lvl(EXPR);
            }
            _ => {
                b.stage = Stage::Elem;
                b.slot = Slot { level: EXPR, walrus: true, ..Slot::default() };
            }
        }
        Ok(State::Operand)
    }

    /// The start of a subscript element: a slice or an expression.
    fn slice_begin(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        b.elem_start = self.idx;
        b.lower = None;
        b.upper = None;
        if self.at_op(Op::Colon)? {
            return self.slice_after_lower(frames);
        }
        b.stage = Stage::Elem;
        b.slot = Slot { level: EXPR, star: true, walrus: true, ..Slot::default() };
        Ok(State::Operand)
    }

    /// At the first `:` of a slice.
    fn slice_after_lower(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        self.expect_op(Op::Colon)?;
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        if self.at_op(Op::Colon)? || self.at_op(Op::Comma)? || self.at_op(Op::RSqb)? {
            return self.slice_after_upper(frames);
        }
        b.stage = Stage::SliceUpper;
        b.slot = lvl(EXPR);
        Ok(State::Operand)
    }

    /// After a slice's upper bound (or its absence).
    fn slice_after_upper(&mut self, frames: &mut Vec<Frame>) -> PResult<State> {
        if self.eat_op(Op::Colon)? && !(self.at_op(Op::Comma)? || self.at_op(Op::RSqb)?) {
            let Some(Frame::Bracket(b)) = frames.last_mut() else {
                unreachable!("bracket frame on top")
            };
            b.stage = Stage::SliceStep;
            b.slot = lvl(EXPR);
            return Ok(State::Operand);
        }
        self.slice_done(frames, None)
    }

    /// Builds the current slice and continues after it.
    fn slice_done(&mut self, frames: &mut Vec<Frame>, step: Option<Val>) -> PResult<State> {
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        let (lower, upper) = (b.lower.take(), b.upper.take());
        let start = b.elem_start;
        let loc = self.span(start);
        let d = [&lower, &upper, &step]
            .iter()
            .filter_map(|x| x.as_ref().map(|v| v.d))
            .max()
            .unwrap_or(0)
            + 1;
        let v = self.node(
            ExprKind::Slice {
                lower: lower.map(|v| Box::new(v.e)),
                upper: upper.map(|v| Box::new(v.e)),
                step: step.map(|v| Box::new(v.e)),
            },
            loc,
            d,
            start,
        )?;
        let Some(Frame::Bracket(b)) = frames.pop() else { unreachable!() };
        self.subscript_after_elem(frames, b, v)
    }

    /// A value finished inside a bracket.
    fn bracket_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        v: Val,
    ) -> PResult<State> {
        if b.slot.walrus && self.at_op(Op::ColonEqual)? {
            return Err(self.error_at_loc(
                v.e.loc,
                format!("cannot use assignment expressions with {}", expr_name(&v.e)),
            ));
        }
        match b.stage {
            Stage::CompTarget | Stage::CompIter | Stage::CompIf => {
                return self.comp_deliver(frames, b, v);
            }
            _ => {}
        }
        match b.kind {
            BracketKind::Paren | BracketKind::List => {
                if b.stage == Stage::YieldInParen {
                    b.elts.push(v);
                    return self.expect_bracket_close(b);
                }
                if b.elts.is_empty() && !b.comma && self.at_comp_for()? {
                    return self.comp_start(frames, b, v, None);
                }
                b.elts.push(v);
                self.display_after_elem(frames, b)
            }
            BracketKind::Brace => self.brace_deliver(frames, b, v),
            BracketKind::Call | BracketKind::ClassArgs => self.call_deliver(frames, b, v),
            BracketKind::Subscript => match b.stage {
                Stage::SliceUpper => {
                    b.upper = Some(v);
                    frames.push(Frame::Bracket(b));
                    self.slice_after_upper(frames)
                }
                Stage::SliceStep => {
                    frames.push(Frame::Bracket(b));
                    self.slice_done(frames, Some(v))
                }
                _ => {
                    if self.at_op(Op::Colon)? && !matches!(v.e.kind, ExprKind::Starred { .. }) {
                        b.lower = Some(v);
                        frames.push(Frame::Bracket(b));
                        return self.slice_after_lower(frames);
                    }
                    self.subscript_after_elem(frames, b, v)
                }
            },
        }
    }

    /// After an element of `(...)` or `[...]`: `,`, the closing bracket, or
    /// an error.
    fn display_after_elem(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
    ) -> PResult<State> {
        let close = b.close_op();
        if self.at_op(close)? {
            return self.bracket_close(b);
        }
        if self.eat_op(Op::Comma)? {
            b.comma = true;
            if self.at_op(close)? {
                return self.bracket_close(b);
            }
            b.elem_start = self.idx;
            b.stage = Stage::Elem;
            frames.push(Frame::Bracket(b));
            return Ok(State::Operand);
        }
        let last = b.elts.last().map(|v| &v.e);
        Err(self.close_error(last)?)
    }

    /// The error when a bracket's element is followed by something that is
    /// neither a separator nor the closing bracket: CPython's "Perhaps you
    /// forgot a comma?" when another expression starts there, else
    /// "invalid syntax".
    fn close_error(&mut self, last: Option<&Expr>) -> PResult<Box<SyntaxErrorBox>> {
        if let Some(a) = last {
            if let Some(e) = self.comma_error(a, true)? {
                return Ok(e);
            }
        }
        self.invalid_here()
    }

    /// Expects the closing bracket, else the same errors as above.
    fn expect_bracket_close(&mut self, b: Box<Bracket>) -> PResult<State> {
        if self.at_op(b.close_op())? {
            return self.bracket_close(b);
        }
        let last = b.elts.last().map(|v| &v.e);
        Err(self.close_error(last)?)
    }

    fn brace_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        v: Val,
    ) -> PResult<State> {
        match b.stage {
            Stage::DictValue => {
                let key = b.key.take().expect("dict key");
                if b.keys.is_empty() && self.at_comp_for()? {
                    return self.comp_start(frames, b, key, Some(v));
                }
                b.keys.push(Some(key));
                b.elts.push(v);
            }
            Stage::DictUnpack => {
                b.keys.push(None);
                b.elts.push(v);
            }
            Stage::DictKey => {
                if !self.at_op(Op::Colon)? {
                    return Err(self.dict_key_error(&v.e)?);
                }
                self.bump()?;
                b.key = Some(v);
                b.stage = Stage::DictValue;
                b.slot = lvl(EXPR);
                frames.push(Frame::Bracket(b));
                return Ok(State::Operand);
            }
            _ => {
                // The first item decides between a set and a dict.
                if b.is_dict.is_none() {
                    let starred = matches!(v.e.kind, ExprKind::Starred { .. });
                    let walrus = matches!(v.e.kind, ExprKind::NamedExpr { .. })
                        && !matches!(self.toks[v.start].tok, Tok::Op(Op::LPar));
                    if self.at_op(Op::Colon)? && !starred && !walrus {
                        self.bump()?;
                        b.is_dict = Some(true);
                        b.key = Some(v);
                        b.stage = Stage::DictValue;
                        b.slot = lvl(EXPR);
                        frames.push(Frame::Bracket(b));
                        return Ok(State::Operand);
                    }
                    b.is_dict = Some(false);
                    if self.at_comp_for()? {
                        return self.comp_start(frames, b, v, None);
                    }
                }
                b.elts.push(v);
            }
        }
        // After an item: `,` or `}`.
        if self.at_op(Op::RBrace)? {
            return self.bracket_close(b);
        }
        if self.eat_op(Op::Comma)? {
            if self.at_op(Op::RBrace)? {
                return self.bracket_close(b);
            }
            b.elem_start = self.idx;
            if b.is_dict == Some(true) {
                if self.eat_op(Op::DoubleStar)? {
                    b.stage = Stage::DictUnpack;
                    b.slot = lvl(BOR);
                } else {
                    b.stage = Stage::DictKey;
                    b.slot = lvl(EXPR);
                }
            } else {
                b.stage = Stage::Elem;
            }
            frames.push(Frame::Bracket(b));
            return Ok(State::Operand);
        }
        let last = b.elts.last().map(|v| &v.e);
        Err(self.close_error(last)?)
    }

    /// A dict key not followed by `:`.
    fn dict_key_error(&mut self, key: &Expr) -> PResult<Box<SyntaxErrorBox>> {
        if self.at_op(Op::Comma)? || self.at_op(Op::RBrace)? {
            let mut e = self.error_at_loc(key.loc, "':' expected after dictionary key");
            e.end_col = 0;
            e.end_line = e.line;
            return Ok(e);
        }
        self.close_error(Some(key))
    }

    fn call_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        v: Val,
    ) -> PResult<State> {
        match b.stage {
            Stage::CallStar(at) | Stage::CallDoubleStar(at) | Stage::CallKeyword(at) => {
                let loc = self.span(at);
                let d = v.d + 1;
                match b.stage {
                    Stage::CallStar(_) => {
                        let s = self.node(
                            ExprKind::Starred { value: Box::new(v.e), ctx: ExprContext::Load },
                            loc,
                            d,
                            at,
                        )?;
                        b.elts.push(s);
                    }
                    Stage::CallDoubleStar(_) => {
                        b.seen_kw_unpack = true;
                        b.keywords.push((Keyword { arg: None, value: v.e, loc }, d));
                    }
                    _ => {
                        let Tok::Name(name) = &self.toks[at].tok else {
                            unreachable!("keyword name")
                        };
                        let name = name.clone();
                        b.keywords.push((Keyword { arg: Some(name), value: v.e, loc }, d));
                    }
                }
            }
            _ => {
                if self.at_op(Op::Equal)? {
                    // `f(a.b=1)`: CPython's invalid_kwarg.
                    let eq = self.peek()?.clone();
                    let loc = v.e.loc.to(self.loc_of(&eq));
                    return Err(self.error_at_loc(
                        loc,
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                    ));
                }
                if self.at_comp_for()? {
                    if b.kind == BracketKind::ClassArgs {
                        return Err(self.invalid_here()?);
                    }
                    return self.comp_start(frames, b, v, None);
                }
                if !self.at_op(Op::Comma)? && !self.at_op(Op::RPar)? {
                    if let Some(e) = self.comma_error(&v.e, true)? {
                        return Err(e);
                    }
                }
                if !b.keywords.is_empty() {
                    let msg = if b.seen_kw_unpack {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    let next = self.peek()?.clone();
                    return Err(self.error_at_token(&next, msg));
                }
                b.elts.push(v);
            }
        }
        self.call_after_arg(frames, b)
    }

    /// After a call argument: `,` or `)`.
    fn call_after_arg(&mut self, frames: &mut Vec<Frame>, b: Box<Bracket>) -> PResult<State> {
        if self.at_op(Op::RPar)? {
            return self.bracket_close(b);
        }
        if self.eat_op(Op::Comma)? {
            if self.at_op(Op::RPar)? {
                return self.bracket_close(b);
            }
            if self.at_op(Op::Comma)? {
                return Err(self.invalid_here()?);
            }
            frames.push(Frame::Bracket(b));
            return self.next_arg(frames);
        }
        let last = b
            .keywords
            .last()
            .map(|k| &k.0.value)
            .filter(|_| !matches!(b.stage, Stage::Elem | Stage::CallStar(_)))
            .or(b.elts.last().map(|v| &v.e));
        Err(self.close_error(last)?)
    }

    fn subscript_after_elem(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        v: Val,
    ) -> PResult<State> {
        b.elts.push(v);
        if self.at_op(Op::RSqb)? {
            return self.bracket_close(b);
        }
        if self.eat_op(Op::Comma)? {
            b.comma = true;
            if self.at_op(Op::RSqb)? {
                return self.bracket_close(b);
            }
            frames.push(Frame::Bracket(b));
            return self.slice_begin(frames);
        }
        let last = b.elts.last().map(|v| &v.e);
        Err(self.close_error(last)?)
    }

    /// Builds the node of a bracket whose closing token is current.
    fn bracket_close(&mut self, mut b: Box<Bracket>) -> PResult<State> {
        let close = self.bump()?;
        let _ = close;
        let open = b.open;
        let kids_d = b
            .elts
            .iter()
            .map(|x| x.d)
            .chain(b.keys.iter().flatten().map(|k| k.d))
            .chain(b.keywords.iter().map(|k| k.1))
            .max()
            .unwrap_or(0);
        if let Some(c) = b.comp.take() {
            return self.comp_close(b, *c);
        }
        let elts: Vec<Expr> = b.elts.drain(..).map(|x| x.e).collect();
        let loc = self.span(open);
        let d = kids_d + 1;
        let v = match b.kind {
            BracketKind::Paren => {
                if elts.len() == 1 && !b.comma {
                    let e = elts.into_iter().next().expect("one");
                    if let ExprKind::Starred { .. } = e.kind {
                        return Err(self.error_at_loc(e.loc, "cannot use starred expression here"));
                    }
                    // A parenthesized expression keeps its own location;
                    // what is built on it starts at the `(`.
                    return Ok(State::Postfix(Val { e, d: kids_d, start: open }));
                }
                self.node(ExprKind::Tuple { elts, ctx: ExprContext::Load }, loc, d, open)?
            }
            BracketKind::List => {
                self.node(ExprKind::List { elts, ctx: ExprContext::Load }, loc, d, open)?
            }
            BracketKind::Brace => {
                if b.is_dict == Some(false) {
                    self.node(ExprKind::Set(elts), loc, d, open)?
                } else {
                    let keys = b.keys.drain(..).map(|k| k.map(|k| k.e)).collect();
                    self.node(ExprKind::Dict { keys, values: elts }, loc, d, open)?
                }
            }
            BracketKind::Call | BracketKind::ClassArgs => {
                let head = b.head.take();
                let start = b.start;
                let loc = self.span(start);
                let (func, fd) = match head {
                    Some(h) => (h.e, h.d),
                    None => (name_expr(String::new(), loc), 1),
                };
                let keywords = b.keywords.drain(..).map(|k| k.0).collect();
                let v = self.node(
                    ExprKind::Call { func: Box::new(func), args: elts, keywords },
                    loc,
                    d.max(fd + 1),
                    start,
                )?;
                if b.kind == BracketKind::ClassArgs {
                    return Ok(State::Complete(v));
                }
                v
            }
            BracketKind::Subscript => {
                let head = b.head.take().expect("subscripted value");
                let start = b.start;
                let loc = self.span(start);
                let slice = if elts.len() == 1
                    && !b.comma
                    && !matches!(elts[0].kind, ExprKind::Starred { .. })
                {
                    elts.into_iter().next().expect("one")
                } else {
                    // `a[1, 2]`, `a[1:2, 3]`, `a[*b]`: a tuple from the first
                    // element to the last token before `]`.
                    let first = b.open + 1;
                    let end = self.idx - 2;
                    let tloc = self.loc_from(&self.toks[first].clone(), &self.toks[end].clone());
                    expr(ExprKind::Tuple { elts, ctx: ExprContext::Load }, tloc)
                };
                let d = (kids_d + 1).max(head.d) + 1;
                self.node(
                    ExprKind::Subscript {
                        value: Box::new(head.e),
                        slice: Box::new(slice),
                        ctx: ExprContext::Load,
                    },
                    loc,
                    d,
                    start,
                )?
            }
        };
        Ok(State::Postfix(v))
    }

    // ---- comprehensions ----

    fn at_comp_for(&mut self) -> PResult<bool> {
        Ok(self.at_kw(Kw::For)?
            || (self.at_kw(Kw::Async)? && matches!(self.peek_nth(1)?, Tok::Kw(Kw::For))))
    }

    /// `elt for ...` (or `key: value for ...`) inside a bracket.
    fn comp_start(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        elt: Val,
        value: Option<Val>,
    ) -> PResult<State> {
        if let ExprKind::Starred { .. } = elt.e.kind {
            return Err(
                self.error_at_loc(elt.e.loc, "iterable unpacking cannot be used in comprehension")
            );
        }
        let d = elt.d.max(value.as_ref().map_or(0, |v| v.d));
        b.comp = Some(Box::new(Comp {
            elt,
            value,
            gens: Vec::new(),
            d,
            is_async: false,
            target: Vec::new(),
            target_start: 0,
            target_comma: false,
            cur_target: None,
            cur_iter: None,
            ifs: Vec::new(),
        }));
        frames.push(Frame::Bracket(b));
        self.comp_for_clause(frames)
    }

    /// At `[async] for`: start a generator clause.
    fn comp_for_clause(&mut self, frames: &mut [Frame]) -> PResult<State> {
        let Some(Frame::Bracket(b)) = frames.last_mut() else {
            unreachable!("bracket frame on top")
        };
        let c = b.comp.as_mut().expect("comprehension");
        c.is_async = self.eat_kw(Kw::Async)?;
        self.expect_op_kw(Kw::For)?;
        c.target.clear();
        c.target_comma = false;
        c.target_start = self.idx;
        b.stage = Stage::CompTarget;
        b.slot = Slot { level: BOR, star: true, ..Slot::default() };
        Ok(State::Operand)
    }

    fn expect_op_kw(&mut self, kw: Kw) -> PResult<()> {
        if self.eat_kw(kw)? {
            Ok(())
        } else {
            Err(self.invalid_here()?)
        }
    }

    fn comp_deliver(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
        v: Val,
    ) -> PResult<State> {
        let stage = b.stage;
        let c = b.comp.as_mut().expect("comprehension");
        c.d = c.d.max(v.d + 1);
        match stage {
            Stage::CompTarget => {
                c.target.push(v);
                if self.eat_op(Op::Comma)? {
                    c.target_comma = true;
                    if !self.at_kw(Kw::In)? {
                        frames.push(Frame::Bracket(b));
                        return Ok(State::Operand);
                    }
                }
                if !self.at_kw(Kw::In)? {
                    let last = c.target.last().map(|v| v.e.clone());
                    return Err(self.close_error(last.as_ref())?);
                }
                let mut target = if c.target.len() == 1 && !c.target_comma {
                    c.target.pop().expect("one").e
                } else {
                    let loc = self.span(c.target_start);
                    expr(
                        ExprKind::Tuple {
                            elts: c.target.drain(..).map(|x| x.e).collect(),
                            ctx: ExprContext::Store,
                        },
                        loc,
                    )
                };
                if let Some(bad) = invalid_target(&target, TargetKind::For) {
                    return Err(
                        self.error_at_loc(bad.loc, format!("cannot assign to {}", expr_name(bad)))
                    );
                }
                set_ctx(&mut target, ExprContext::Store);
                c.cur_target = Some(target);
                self.bump()?; // in
                b.stage = Stage::CompIter;
                b.slot = lvl(DISJ);
                frames.push(Frame::Bracket(b));
                Ok(State::Operand)
            }
            Stage::CompIter => {
                c.cur_iter = Some(v.e);
                self.comp_after_clause(frames, b)
            }
            _ => {
                c.ifs.push(v.e);
                self.comp_after_clause(frames, b)
            }
        }
    }

    /// After a comprehension's iterable or condition: another `if`, another
    /// `for`, or the end.
    fn comp_after_clause(
        &mut self,
        frames: &mut Vec<Frame>,
        mut b: Box<Bracket>,
    ) -> PResult<State> {
        if self.eat_kw(Kw::If)? {
            b.stage = Stage::CompIf;
            b.slot = lvl(DISJ);
            frames.push(Frame::Bracket(b));
            return Ok(State::Operand);
        }
        let c = b.comp.as_mut().expect("comprehension");
        c.gens.push(Comprehension {
            target: c.cur_target.take().expect("target"),
            iter: c.cur_iter.take().expect("iterable"),
            ifs: std::mem::take(&mut c.ifs),
            is_async: c.is_async,
        });
        if self.at_comp_for()? {
            frames.push(Frame::Bracket(b));
            return self.comp_for_clause(frames);
        }
        let close = b.close_op();
        if self.at_op(close)? {
            if let Some(prev) =
                b.comp.as_ref().filter(|_| b.kind == BracketKind::Call && b.count > 1)
            {
                // `f(a, b for b in c)`
                let loc = prev.elt.e.loc.to(self.prev_loc());
                return Err(self.error_at_loc(loc, "Generator expression must be parenthesized"));
            }
            return self.bracket_close(b);
        }
        if b.kind == BracketKind::Call && self.at_op(Op::Comma)? {
            let c = b.comp.as_ref().expect("comprehension");
            let loc = c.elt.e.loc.to(self.prev_loc());
            return Err(self.error_at_loc(loc, "Generator expression must be parenthesized"));
        }
        // (CPython gives no comma hint after a comprehension's iterable or
        // condition: they are disjunctions, not expressions.)
        Err(self.invalid_here()?)
    }

    /// Builds a comprehension node when its closing bracket was consumed.
    fn comp_close(&mut self, mut b: Box<Bracket>, c: Comp) -> PResult<State> {
        let loc = self.span(b.open);
        let d = c.d + 1;
        let elt = Box::new(c.elt.e);
        let generators = c.gens;
        let kind = match b.kind {
            BracketKind::Paren | BracketKind::Call => ExprKind::GeneratorExp { elt, generators },
            BracketKind::List => ExprKind::ListComp { elt, generators },
            _ => match c.value {
                Some(value) => {
                    ExprKind::DictComp { key: elt, value: Box::new(value.e), generators }
                }
                None => ExprKind::SetComp { elt, generators },
            },
        };
        let comp = self.node(kind, loc, d, b.open)?;
        if b.kind != BracketKind::Call {
            return Ok(State::Postfix(comp));
        }
        // `f(x for x in y)`: the generator is the call's only argument and
        // shares its parentheses.
        let head = b.head.take().expect("callee");
        let start = b.start;
        let loc = self.span(start);
        let d = comp.d.max(head.d) + 1;
        Ok(State::Postfix(self.node(
            ExprKind::Call { func: Box::new(head.e), args: vec![comp.e], keywords: Vec::new() },
            loc,
            d,
            start,
        )?))
    }

    // ---- "Perhaps you forgot a comma?" ----

    /// CPython's `invalid_expression` and `invalid_legacy_expression`: an
    /// expression `a` directly followed by another one `b`. Inside brackets
    /// this is "invalid syntax. Perhaps you forgot a comma?"; after `print`
    /// or `exec` it is "Missing parentheses in call to 'print'...". Returns
    /// `None` when neither applies. `a` is the element just parsed; the
    /// message names its rightmost disjunction (the body of a `lambda`, the
    /// alternative of a conditional, the value of a `yield`).
    pub(crate) fn comma_error(
        &mut self,
        a: &Expr,
        in_brackets: bool,
    ) -> PResult<Option<Box<SyntaxErrorBox>>> {
        if self.speculating || !starts_expression(self.peek_tok()?) {
            return Ok(None);
        }
        let mut a = a;
        loop {
            a = match &a.kind {
                ExprKind::IfExp { orelse, .. } => orelse,
                ExprKind::Lambda { body, .. } => body,
                ExprKind::NamedExpr { value, .. } => value,
                ExprKind::Yield(Some(v)) => match &v.kind {
                    ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                        elts.last().expect("non-empty")
                    }
                    _ => v,
                },
                ExprKind::Starred { value, .. } => value,
                ExprKind::Slice { lower, upper, step } => {
                    match step.as_ref().or(upper.as_ref()).or(lower.as_ref()) {
                        Some(last) => last,
                        None => break,
                    }
                }
                _ => break,
            };
        }
        // `a` must end right before the current token.
        if self.idx == 0
            || self.prev_loc().end_line != a.loc.end_line
            || self.prev_loc().end_col != a.loc.end_col
        {
            return Ok(None);
        }
        let a_idx = self.token_at(a.loc);
        let a_tok = self.toks[a_idx].tok.clone();
        let a_is_name = matches!(&a_tok, Tok::Name(_)) && a_idx + 1 == self.idx;
        let legacy = a_is_name && matches!(&a_tok, Tok::Name(n) if (n == "print" || n == "exec"));
        if a_is_name && !legacy && !self.at_op(Op::LPar)? {
            // CPython's invalid_legacy_expression reads `NAME
            // star_expressions` for any name before checking for `print`:
            // a bad string literal met there is the error.
            if self.spec_fill.is_none() {
                self.spec_fill = Some(self.toks.len());
            }
            let save = self.idx;
            self.speculating = true;
            let r = self.parse_expr(Goal::StarExpressions);
            self.speculating = false;
            self.idx = save;
            if let Err(e) = r {
                if self.committed {
                    return Err(e);
                }
            }
        }
        let excluded = match &a_tok {
            Tok::Name(n) => {
                is_soft_keyword(n)
                    || matches!(self.toks.get(a_idx + 1).map(|t| &t.tok), Some(Tok::Str(_)))
            }
            _ => false,
        };
        if !legacy && excluded {
            return Ok(None);
        }
        if self.spec_fill.is_none() {
            self.spec_fill = Some(self.toks.len());
        }
        let save = self.idx;
        self.speculating = true;
        let b = self.parse_expr(if legacy { Goal::StarExpressions } else { Goal::Expression });
        self.speculating = false;
        let b_loc = match b {
            Ok(b) => b.e.loc,
            Err(e) => {
                if self.committed {
                    return Err(e);
                }
                // CPython's PEG parser backtracks to the longest expression
                // that does parse: for `[a b.c(d e)]` that is `b.c`. Take
                // an atom and its `.name`s.
                self.idx = save;
                match self.atom_prefix()? {
                    Some(loc) => loc,
                    None => {
                        self.idx = save;
                        return Ok(None);
                    }
                }
            }
        };
        // The lookahead past `b` may reach the end of an unclosed bracket.
        self.peek()?;
        if !legacy && !in_brackets {
            // Outside brackets CPython only reads ahead (and may meet a
            // tokenizer error there, which wins).
            self.idx = save;
            return Ok(None);
        }
        if legacy {
            let Tok::Name(n) = a_tok else { unreachable!() };
            return Ok(Some(self.error_at_loc(
                a.loc.to(b_loc),
                format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
            )));
        }
        if self.toks[self.idx - 1].level == 0 {
            self.idx = save;
            return Ok(None);
        }
        Ok(Some(self.error_at_loc(a.loc.to(b_loc), "invalid syntax. Perhaps you forgot a comma?")))
    }

    /// Consumes an atom (a name, number, constant or strings) and the
    /// `.name`s after it; its location, or `None` if no atom is here.
    fn atom_prefix(&mut self) -> PResult<Option<Loc>> {
        let start = self.idx;
        match self.peek_tok()? {
            Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Kw(Kw::None | Kw::True | Kw::False)
            | Tok::Op(Op::Ellipsis) => {
                self.bump()?;
            }
            Tok::Str(_) => {
                while matches!(self.peek_tok()?, Tok::Str(_)) {
                    self.bump()?;
                }
            }
            _ => return Ok(None),
        }
        while self.at_op(Op::Dot)? && matches!(self.peek_nth(1)?, Tok::Name(_)) {
            self.bump()?;
            self.bump()?;
        }
        Ok(Some(self.span(start)))
    }
}

type SyntaxErrorBox = crate::SyntaxError;

impl Bracket {
    fn new(kind: BracketKind, open: usize, start: usize, head: Option<Val>) -> Bracket {
        Bracket {
            kind,
            open,
            start,
            head,
            stage: Stage::Elem,
            slot: lvl(EXPR),
            elts: Vec::new(),
            keys: Vec::new(),
            keywords: Vec::new(),
            comma: false,
            is_dict: None,
            key: None,
            elem_start: open + 1,
            lower: None,
            upper: None,
            count: 0,
            seen_kw_unpack: false,
            comp: None,
        }
    }

    fn close_op(&self) -> Op {
        match self.kind {
            BracketKind::Paren | BracketKind::Call | BracketKind::ClassArgs => Op::RPar,
            BracketKind::List | BracketKind::Subscript => Op::RSqb,
            BracketKind::Brace => Op::RBrace,
        }
    }
}

// ---- parameters ----

/// What a [`Params`] builder needs next.
pub(crate) enum ParamStep {
    /// The default value after `=` (an `expression`).
    NeedDefault,
    /// The annotation after `:` (a `star_expression` for `*args`).
    NeedAnnotation { star: bool },
    /// The closing token (`)` or `:`) is current.
    Done,
}

/// The kind of the parameter being parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    Positional,
    VarArg,
    KwOnly,
    VarKw,
}

/// Parameters of a `def` (closed by `)`) or a `lambda` (closed by `:`),
/// parsed a token at a time: the caller supplies each default and
/// annotation, so that a `lambda` inside a default needs no recursion.
pub(crate) struct Params {
    lambda: bool,
    a: Arguments,
    /// Depth of the deepest default or annotation.
    pub(crate) d: usize,
    seen_default: bool,
    seen_slash: bool,
    /// 0: positional, 1: after `*`, 2: after `**`.
    stage: u8,
    bare_star: Option<Token>,
    cur: Option<(Arg, ParamKind)>,
    default_given: bool,
    need_sep: bool,
}

impl Params {
    pub(crate) fn new(lambda: bool) -> Params {
        Params {
            lambda,
            a: Arguments::default(),
            d: 0,
            seen_default: false,
            seen_slash: false,
            stage: 0,
            bare_star: None,
            cur: None,
            default_given: false,
            need_sep: false,
        }
    }

    fn close(&self) -> Op {
        if self.lambda {
            Op::Colon
        } else {
            Op::RPar
        }
    }

    /// Reads parameters until a default or annotation is needed, or the
    /// closing token.
    pub(crate) fn step(&mut self, p: &mut Parser) -> PResult<ParamStep> {
        let close = self.close();
        loop {
            if let Some((arg, kind)) = self.cur.take() {
                if !self.default_given && p.at_op(Op::Equal)? {
                    match kind {
                        ParamKind::VarArg => {
                            let e = p.peek()?.clone();
                            return Err(p.error_at_token(
                                &e,
                                "var-positional argument cannot have default value",
                            ));
                        }
                        ParamKind::VarKw => {
                            let e = p.peek()?.clone();
                            return Err(p.error_at_token(
                                &e,
                                "var-keyword argument cannot have default value",
                            ));
                        }
                        _ => {}
                    }
                    p.bump()?;
                    self.cur = Some((arg, kind));
                    return Ok(ParamStep::NeedDefault);
                }
                self.finish_param(p, arg, kind, None)?;
            }
            if self.need_sep {
                if p.at_op(close)? {
                    return self.done();
                }
                if !p.eat_op(Op::Comma)? {
                    return Err(p.invalid_here()?);
                }
                self.need_sep = false;
            }
            if p.at_op(close)? {
                return self.done();
            }
            self.default_given = false;
            let t = p.peek()?.clone();
            match &t.tok {
                Tok::Op(Op::Slash) => {
                    if self.stage == 2 {
                        return Err(
                            p.error_at_token(&t, "arguments cannot follow var-keyword argument")
                        );
                    }
                    if self.seen_slash {
                        return Err(p.error_at_token(&t, "/ may appear only once"));
                    }
                    if self.stage > 0 {
                        return Err(p.error_at_token(&t, "/ must be ahead of *"));
                    }
                    if self.a.args.is_empty() {
                        return Err(p.invalid_here()?);
                    }
                    p.bump()?;
                    self.seen_slash = true;
                    self.a.posonlyargs = std::mem::take(&mut self.a.args);
                    self.need_sep = true;
                }
                Tok::Op(Op::Star) => {
                    if self.stage >= 1 {
                        let msg = if self.stage == 2 {
                            "arguments cannot follow var-keyword argument"
                        } else {
                            "* argument may appear only once"
                        };
                        return Err(p.error_at_token(&t, msg));
                    }
                    p.bump()?;
                    self.stage = 1;
                    if p.at_op(Op::Comma)? || p.at_op(close)? {
                        if p.at_op(close)? {
                            let at = if self.lambda { p.peek()?.clone() } else { t.clone() };
                            return Err(p.error_at_token(&at, "named arguments must follow bare *"));
                        }
                        self.bare_star = Some(t.clone());
                        self.need_sep = true;
                    } else if let Some(step) = self.param_name(p, ParamKind::VarArg)? {
                        return Ok(step);
                    }
                }
                Tok::Op(Op::DoubleStar) => {
                    if self.stage == 2 {
                        return Err(
                            p.error_at_token(&t, "arguments cannot follow var-keyword argument")
                        );
                    }
                    if let Some(bs) = &self.bare_star {
                        if self.a.kwonlyargs.is_empty() {
                            let at = if self.lambda { &t } else { bs };
                            return Err(p.error_at_token(at, "named arguments must follow bare *"));
                        }
                    }
                    p.bump()?;
                    self.stage = 2;
                    if let Some(step) = self.param_name(p, ParamKind::VarKw)? {
                        return Ok(step);
                    }
                }
                Tok::Name(_) => {
                    if self.stage == 2 {
                        return Err(
                            p.error_at_token(&t, "arguments cannot follow var-keyword argument")
                        );
                    }
                    let kind =
                        if self.stage == 0 { ParamKind::Positional } else { ParamKind::KwOnly };
                    if let Some(step) = self.param_name(p, kind)? {
                        return Ok(step);
                    }
                }
                _ => return Err(p.invalid_here()?),
            }
        }
    }

    /// A parameter's name, and `:` if an annotation follows (`def` only).
    fn param_name(&mut self, p: &mut Parser, kind: ParamKind) -> PResult<Option<ParamStep>> {
        let (arg, loc) = p.expect_name()?;
        let arg = Arg { arg, annotation: None, loc };
        self.cur = Some((arg, kind));
        if !self.lambda && p.eat_op(Op::Colon)? {
            return Ok(Some(ParamStep::NeedAnnotation { star: kind == ParamKind::VarArg }));
        }
        Ok(None)
    }

    /// The annotation of the current parameter.
    pub(crate) fn give_annotation(&mut self, p: &Parser, v: Val) {
        self.d = self.d.max(v.d);
        if let Some((arg, _)) = self.cur.as_mut() {
            arg.loc = arg.loc.to(p.prev_loc());
            arg.annotation = Some(Box::new(v.e));
        }
    }

    /// The default of the current parameter.
    pub(crate) fn give_default(&mut self, p: &mut Parser, v: Val) -> PResult<()> {
        self.d = self.d.max(v.d);
        let (arg, kind) = self.cur.take().expect("a parameter");
        self.default_given = true;
        self.finish_param(p, arg, kind, Some(v.e))
    }

    fn finish_param(
        &mut self,
        p: &mut Parser,
        arg: Arg,
        kind: ParamKind,
        default: Option<Expr>,
    ) -> PResult<()> {
        match kind {
            ParamKind::Positional => {
                match default {
                    Some(d) => {
                        self.seen_default = true;
                        self.a.defaults.push(d);
                    }
                    None if self.seen_default => {
                        return Err(p.error_at_loc(
                            arg.loc,
                            "non-default argument follows default argument",
                        ));
                    }
                    None => {}
                }
                self.a.args.push(arg);
            }
            ParamKind::KwOnly => {
                self.a.kwonlyargs.push(arg);
                self.a.kw_defaults.push(default);
            }
            ParamKind::VarArg => self.a.vararg = Some(arg),
            ParamKind::VarKw => {
                if let Some(bs) = self.bare_star.clone() {
                    if self.a.kwonlyargs.is_empty() {
                        return Err(p.error_at_token(&bs, "named arguments must follow bare *"));
                    }
                }
                self.a.kwarg = Some(arg);
            }
        }
        self.need_sep = true;
        Ok(())
    }

    fn done(&mut self) -> PResult<ParamStep> {
        Ok(ParamStep::Done)
    }

    /// The finished parameters (after [`ParamStep::Done`]); checks a bare
    /// `*` has keyword-only parameters after it.
    pub(crate) fn finish_checked(self, p: &Parser) -> PResult<Arguments> {
        if let Some(bs) = &self.bare_star {
            if self.a.kwonlyargs.is_empty() {
                return Err(p.error_at_token(bs, "named arguments must follow bare *"));
            }
        }
        Ok(self.a)
    }

    fn finish(self) -> Arguments {
        self.a
    }
}
