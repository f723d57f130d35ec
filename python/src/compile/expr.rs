//! Expressions: operators, calls, displays, comprehensions, f-strings,
//! `await` and `yield`.

use super::code::{AwaitKind, BinOp, CmpOp, Instr, UnOp};
use super::stmt::FnBody;
use super::symtable::{node_key, MAX_DEPTH};
use super::Compiler;
use crate::value::Value;
use asyncpy_num::Int;
use asyncpy_syntax::ast::*;

/// The bytecode operator of an AST operator.
pub(super) fn binop(op: Operator) -> BinOp {
    match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mult => BinOp::Mul,
        Operator::MatMult => BinOp::MatMul,
        Operator::Div => BinOp::TrueDiv,
        Operator::Mod => BinOp::Mod,
        Operator::Pow => BinOp::Pow,
        Operator::LShift => BinOp::LShift,
        Operator::RShift => BinOp::RShift,
        Operator::BitOr => BinOp::Or,
        Operator::BitXor => BinOp::Xor,
        Operator::BitAnd => BinOp::And,
        Operator::FloorDiv => BinOp::FloorDiv,
    }
}

/// A literal's value.
pub(super) fn constant(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(lit) => match lit.small {
            Some(v) => Value::int(v),
            None => match Int::parse(&lit.digits, lit.radix) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::int(0),
            },
        },
        Constant::Float(f) => Value::Float(*f),
        Constant::Imaginary(f) => Value::Float(*f),
        Constant::Str(s) => Value::str(s),
        Constant::Bytes(b) => Value::Bytes(b.clone().into()),
        Constant::Ellipsis => Value::Ellipsis,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) {
        if self.error.is_some() {
            return;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.fail("too many nested parentheses", e.loc);
            self.depth -= 1;
            return;
        }
        let saved = self.set_line(e.loc.line);
        self.expr_inner(e);
        self.restore_line(saved);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                let n = values.len();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v);
                    if i + 1 < n {
                        let j = match op {
                            BoolOp::And => self.emit(Instr::JumpIfFalseOrPop(0)),
                            BoolOp::Or => self.emit(Instr::JumpIfTrueOrPop(0)),
                        };
                        jumps.push(j);
                    }
                }
                for j in jumps {
                    self.patch_here(j);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                self.emit(Instr::DupTop);
                self.store_target(target);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left);
                self.expr(right);
                self.set_line(e.loc.line);
                self.emit(Instr::Binary(binop(*op)));
            }
            ExprKind::UnaryOp { op, operand } => {
                // Fold negative number literals.
                if let (UnaryOp::USub, ExprKind::Constant(Constant::Int(lit))) = (op, &operand.kind)
                {
                    if let Some(v) = lit.small {
                        self.load_const(Value::int(-v));
                        return;
                    }
                }
                if let (UnaryOp::USub, ExprKind::Constant(Constant::Float(f))) = (op, &operand.kind)
                {
                    self.load_const(Value::Float(-f));
                    return;
                }
                self.expr(operand);
                let u = match op {
                    UnaryOp::Invert => UnOp::Invert,
                    UnaryOp::Not => UnOp::Not,
                    UnaryOp::UAdd => UnOp::Pos,
                    UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Instr::Unary(u));
            }
            ExprKind::Lambda { args, body } => {
                self.make_function(
                    node_key(e),
                    "<lambda>",
                    args,
                    FnBody::Expr(body),
                    false,
                    e.loc.line,
                );
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                let j = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(body);
                let end = self.emit(Instr::Jump(0));
                self.patch_here(j);
                self.expr(orelse);
                self.patch_here(end);
            }
            ExprKind::Dict { keys, values } => {
                if keys.iter().all(|k| k.is_some()) {
                    for (k, v) in keys.iter().zip(values) {
                        if let Some(k) = k {
                            self.expr(k);
                        }
                        self.expr(v);
                    }
                    self.emit(Instr::BuildMap(keys.len() as u32));
                } else {
                    self.emit(Instr::BuildMap(0));
                    for (k, v) in keys.iter().zip(values) {
                        match k {
                            Some(k) => {
                                self.expr(k);
                                self.expr(v);
                                self.emit(Instr::MapAdd(1));
                            }
                            None => {
                                self.expr(v);
                                self.emit(Instr::DictUpdate(1));
                            }
                        }
                    }
                }
            }
            ExprKind::Set(elts) => {
                if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. })) {
                    self.emit(Instr::BuildSet(0));
                    for x in elts {
                        match &x.kind {
                            ExprKind::Starred { value, .. } => {
                                self.expr(value);
                                self.emit(Instr::SetUpdate(1));
                            }
                            _ => {
                                self.expr(x);
                                self.emit(Instr::SetAdd(1));
                            }
                        }
                    }
                } else {
                    for x in elts {
                        self.expr(x);
                    }
                    self.emit(Instr::BuildSet(elts.len() as u32));
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, CompKind::Set, generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, CompKind::Dict, generators, key, Some(value))
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, CompKind::Gen, generators, elt, None)
            }
            ExprKind::Await(v) => {
                self.expr(v);
                self.set_line(e.loc.line);
                self.emit(Instr::GetAwaitable(AwaitKind::Await));
                self.load_const(Value::None);
                let s = self.emit(Instr::Send(0));
                self.patch_here(s);
            }
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.expr(v),
                    None => self.load_const(Value::None),
                }
                self.emit(Instr::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v);
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Value::None);
                let s = self.emit(Instr::Send(0));
                self.patch_here(s);
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.expr(value);
                let mut flags: u8 = match conversion {
                    None => 0,
                    Some(Conversion::Str) => 1,
                    Some(Conversion::Repr) => 2,
                    Some(Conversion::Ascii) => 3,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec);
                    flags |= 4;
                }
                self.emit(Instr::FormatValue(flags));
            }
            ExprKind::JoinedStr(parts) => {
                if parts.is_empty() {
                    self.load_const(Value::str(""));
                    return;
                }
                for p in parts {
                    match &p.kind {
                        ExprKind::Constant(c) => self.load_const(constant(c)),
                        ExprKind::FormattedValue { .. } => self.expr(p),
                        _ => {
                            self.expr(p);
                            self.emit(Instr::FormatValue(0));
                        }
                    }
                }
                if parts.len() > 1 {
                    self.emit(Instr::BuildString(parts.len() as u32));
                }
            }
            ExprKind::Constant(c) => {
                let v = constant(c);
                let i = self.add_const_raw(v);
                self.emit(Instr::LoadConst(i));
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value);
                self.set_line(e.loc.line);
                let i = self.name_idx(attr);
                self.emit(Instr::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
                self.set_line(e.loc.line);
                self.emit(Instr::BinarySubscr);
            }
            ExprKind::Starred { .. } => self.fail("can't use starred expression here", e.loc),
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Load),
            ExprKind::List { elts, .. } => {
                if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. })) {
                    self.starred_list(elts);
                } else {
                    for x in elts {
                        self.expr(x);
                    }
                    self.emit(Instr::BuildList(elts.len() as u32));
                }
            }
            ExprKind::Tuple { elts, .. } => {
                if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. })) {
                    self.starred_list(elts);
                    self.emit(Instr::ListToTuple);
                } else if !elts.is_empty()
                    && elts.iter().all(|x| matches!(x.kind, ExprKind::Constant(_)))
                {
                    let vals: Vec<Value> = elts
                        .iter()
                        .map(|x| match &x.kind {
                            ExprKind::Constant(c) => constant(c),
                            _ => Value::None,
                        })
                        .collect();
                    let i = self.add_const_raw(Value::tuple(vals));
                    self.emit(Instr::LoadConst(i));
                } else {
                    for x in elts {
                        self.expr(x);
                    }
                    self.emit(Instr::BuildTuple(elts.len() as u32));
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper] {
                    match x {
                        Some(x) => self.expr(x),
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s);
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => {
                        self.emit(Instr::BuildSlice(2));
                    }
                }
            }
        }
    }

    fn starred_list(&mut self, elts: &'a [Expr]) {
        self.emit(Instr::BuildList(0));
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value);
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(x);
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp_], comparators: &'a [Expr]) {
        self.expr(left);
        let n = ops.len();
        if n == 1 {
            self.expr(&comparators[0]);
            self.cmp_instr(ops[0]);
            return;
        }
        let mut cleanups = Vec::new();
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            self.expr(c);
            if i + 1 < n {
                self.emit(Instr::DupTop);
                self.emit(Instr::Rot3);
                self.cmp_instr(*op);
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            } else {
                self.cmp_instr(*op);
            }
        }
        let end = self.emit(Instr::Jump(0));
        for c in cleanups {
            self.patch_here(c);
        }
        self.emit(Instr::Rot2);
        self.emit(Instr::PopTop);
        self.patch_here(end);
    }

    fn cmp_instr(&mut self, op: CmpOp_) {
        let i = match op {
            CmpOp_::Eq => Instr::Compare(CmpOp::Eq),
            CmpOp_::NotEq => Instr::Compare(CmpOp::Ne),
            CmpOp_::Lt => Instr::Compare(CmpOp::Lt),
            CmpOp_::LtE => Instr::Compare(CmpOp::Le),
            CmpOp_::Gt => Instr::Compare(CmpOp::Gt),
            CmpOp_::GtE => Instr::Compare(CmpOp::Ge),
            CmpOp_::Is => Instr::IsOp(false),
            CmpOp_::IsNot => Instr::IsOp(true),
            CmpOp_::In => Instr::ContainsOp(false),
            CmpOp_::NotIn => Instr::ContainsOp(true),
        };
        self.emit(i);
    }

    fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }));
        let dstar = keywords.iter().any(|k| k.arg.is_none());
        if starred || dstar {
            self.expr(func);
            // Positional arguments as a tuple.
            if starred {
                self.starred_list(args);
                self.emit(Instr::ListToTuple);
            } else {
                for a in args {
                    self.expr(a);
                }
                self.emit(Instr::BuildTuple(args.len() as u32));
            }
            if keywords.is_empty() {
                self.set_line(e.loc.line);
                self.emit(Instr::CallEx(false));
            } else {
                self.emit(Instr::BuildMap(0));
                for k in keywords {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(Value::str(name));
                            self.expr(&k.value);
                            self.emit(Instr::BuildMap(1));
                            self.emit(Instr::DictMerge(1));
                        }
                        None => {
                            self.expr(&k.value);
                            self.emit(Instr::DictMerge(1));
                        }
                    }
                }
                self.set_line(e.loc.line);
                self.emit(Instr::CallEx(true));
            }
            return;
        }
        let method = match &func.kind {
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value);
                self.set_line(func.loc.line);
                let i = self.name_idx(attr);
                self.emit(Instr::LoadMethod(i));
                true
            }
            _ => {
                self.expr(func);
                false
            }
        };
        for a in args {
            self.expr(a);
        }
        for k in keywords {
            self.expr(&k.value);
        }
        self.set_line(e.loc.line);
        let n = (args.len() + keywords.len()) as u32;
        if keywords.is_empty() {
            self.emit(if method { Instr::CallMethod(n) } else { Instr::Call(n) });
        } else {
            let names: Vec<Value> =
                keywords.iter().map(|k| Value::str(k.arg.as_deref().unwrap_or(""))).collect();
            let c = self.add_const_raw(Value::tuple(names));
            self.emit(if method { Instr::CallMethodKw(n, c) } else { Instr::CallKw(n, c) });
        }
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        gens: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) {
        let Some(first) = gens.first() else { return };
        let Some(scope) = self.st.scope_of(node_key(e)) else {
            self.fail("internal error: no scope for comprehension", e.loc);
            return;
        };
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let qualname = self.qualname_for(name);
        let is_async_comp = self.st.scopes[scope].is_coroutine;
        self.push_unit(scope, name, qualname, e.loc.line as u32);
        {
            let u = self.unit();
            u.argcount = 1;
            match kind {
                CompKind::Gen if is_async_comp => u.flags.async_generator = true,
                CompKind::Gen => u.flags.generator = true,
                _ if is_async_comp => u.flags.coroutine = true,
                _ => {}
            }
        }
        match kind {
            CompKind::List => {
                self.emit(Instr::BuildList(0));
            }
            CompKind::Set => {
                self.emit(Instr::BuildSet(0));
            }
            CompKind::Dict => {
                self.emit(Instr::BuildMap(0));
            }
            CompKind::Gen => {}
        }
        self.comp_generator(gens, 0, kind, elt, value);
        if kind == CompKind::Gen {
            self.load_const(Value::None);
        }
        self.emit(Instr::Return);
        let code = self.pop_unit();
        let mut flags = 0;
        if self.closure_for(&code.freevars) {
            flags |= 8;
        }
        self.load_const_code(code);
        self.emit(Instr::MakeFunction(flags));
        self.expr(&first.iter);
        if first.is_async {
            self.emit(Instr::GetAIter);
        } else {
            self.emit(Instr::GetIter);
        }
        self.emit(Instr::Call(1));
        if is_async_comp && kind != CompKind::Gen {
            self.emit(Instr::GetAwaitable(AwaitKind::Await));
            self.load_const(Value::None);
            let s = self.emit(Instr::Send(0));
            self.patch_here(s);
        }
    }

    /// Emits the loop of generator `i` (and the ones inside it).
    fn comp_generator(
        &mut self,
        gens: &'a [Comprehension],
        i: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) {
        let g = &gens[i];
        if i == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter);
            if g.is_async {
                self.emit(Instr::GetAIter);
            } else {
                self.emit(Instr::GetIter);
            }
        }
        let start = self.here();
        let (exit_jump, setup) = if g.is_async {
            let setup = self.emit(Instr::SetupExcept(0));
            self.emit(Instr::GetANext);
            self.load_const(Value::None);
            let s = self.emit(Instr::Send(0));
            self.patch_here(s);
            self.emit(Instr::PopBlock);
            (None, Some(setup))
        } else {
            (Some(self.emit(Instr::ForIter(0))), None)
        };
        self.store_target(&g.target);
        let mut skips = Vec::new();
        for c in &g.ifs {
            self.expr(c);
            skips.push(self.emit(Instr::PopJumpIfFalse(0)));
        }
        if i + 1 < gens.len() {
            self.comp_generator(gens, i + 1, kind, elt, value);
        } else {
            // Depth of the result container below the iterators.
            let depth = (gens.len() + 1) as u32;
            match kind {
                CompKind::List => {
                    self.expr(elt);
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(elt);
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(elt);
                    if let Some(v) = value {
                        self.expr(v);
                    }
                    self.emit(Instr::MapAdd(depth));
                }
                CompKind::Gen => {
                    self.expr(elt);
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        for s in skips {
            self.patch(s, start);
        }
        self.emit(Instr::Jump(start));
        if let Some(j) = exit_jump {
            self.patch_here(j);
        }
        if let Some(s) = setup {
            self.patch_here(s);
            self.emit(Instr::EndAsyncFor);
        }
    }
}

/// The AST's comparison operator (renamed to keep it apart from the
/// bytecode's).
type CmpOp_ = asyncpy_syntax::ast::CmpOp;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

#[allow(dead_code)]
fn _unused(_: &Compiler<'_>) -> bool {
    false
}
