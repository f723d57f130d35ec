//! Helpers shared by the integration tests: an AST dump in the format of
//! `tests/cpython_ast.py` (so a tree can be compared with CPython's), and
//! running that script.

#![allow(dead_code)]

use asyncpy_syntax::ast::*;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

/// CPython's answer for each case of `cases` (joined with `#----`): `OK
/// <dump>` or `ERR kind|msg|...`; `None` if `python3` cannot be run.
pub fn cpython_answers(cases: &[String]) -> Option<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("asyncpy-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join(format!("cases-{}.txt", cases.len()));
    std::fs::write(&file, cases.join("\n#----\n")).ok()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython_ast.py");
    let out = Command::new("python3").arg(script).arg(&file).output().ok()?;
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_dir(&dir);
    if !out.status.success() {
        panic!("cpython_ast.py failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), cases.len(), "one answer per case");
    Some(lines)
}

/// Our answer for one case, in the same format.
pub fn our_answer(src: &str) -> String {
    match asyncpy_syntax::parse_module(src) {
        Ok(m) => format!("OK {}", stmts(&m.body)),
        Err(e) => format!(
            "ERR {}|{}|{}|{}|{}|{}",
            e.kind.name(),
            e.msg,
            e.line,
            e.col,
            e.end_line,
            e.end_col
        ),
    }
}

/// Splits a file of cases separated by `#----` lines.
pub fn split_cases(text: &str) -> Vec<String> {
    text.split("\n#----\n").map(str::to_string).collect()
}

fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{:04x}", u);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn loc(l: &Loc) -> String {
    format!("@{}:{}-{}:{}", l.line, l.col, l.end_line, l.end_col)
}

fn fbits(x: f64) -> String {
    format!("f{:016x}", x.to_bits())
}

fn list<T>(xs: &[T], f: impl Fn(&T) -> String) -> String {
    let parts: Vec<String> = xs.iter().map(f).collect();
    format!("[{}]", parts.join(","))
}

fn opt<T>(x: &Option<T>, f: impl Fn(&T) -> String) -> String {
    match x {
        Some(v) => f(v),
        None => "None".into(),
    }
}

fn optname(x: &Option<String>) -> String {
    opt(x, |s| json(s))
}

pub fn stmts(body: &[Stmt]) -> String {
    list(body, stmt)
}

fn exprs(v: &[Expr]) -> String {
    list(v, expr)
}

#[allow(clippy::borrowed_box)]
fn bx(e: &Box<Expr>) -> String {
    expr(e)
}

/// An integer literal in decimal (a small big-number conversion for
/// literals beyond i64).
fn int_decimal(i: &IntLit) -> String {
    if let Some(v) = i.small {
        return v.to_string();
    }
    // Little-endian base 10^9 limbs.
    let mut limbs: Vec<u64> = vec![0];
    for c in i.digits.chars() {
        let d = c.to_digit(i.radix).expect("digit") as u64;
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = *l * i.radix as u64 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = limbs.last().expect("limb").to_string();
    for l in limbs.iter().rev().skip(1) {
        let _ = write!(s, "{:09}", l);
    }
    s
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => format!("Int({})", int_decimal(i)),
        Constant::Float(f) => format!("Float({})", fbits(*f)),
        Constant::Imaginary(f) => format!("Imag({})", fbits(*f)),
        Constant::Str(s) => format!("Str({})", json(s)),
        Constant::Bytes(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            format!("Bytes({hex})")
        }
    }
}

fn ctx(c: &ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

fn operator(o: &Operator) -> &'static str {
    match o {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

fn cmpop(o: &CmpOp) -> &'static str {
    match o {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn arg(a: &Arg) -> String {
    format!("arg{}({},{})", loc(&a.loc), json(&a.arg), opt(&a.annotation, bx))
}

fn arguments(a: &Arguments) -> String {
    format!(
        "arguments({},{},{},{},{},{},{})",
        list(&a.posonlyargs, arg),
        list(&a.args, arg),
        opt(&a.vararg, arg),
        list(&a.kwonlyargs, arg),
        list(&a.kw_defaults, |d| opt(d, expr)),
        opt(&a.kwarg, arg),
        exprs(&a.defaults)
    )
}

fn keyword(k: &Keyword) -> String {
    format!("keyword{}({},{})", loc(&k.loc), optname(&k.arg), expr(&k.value))
}

fn comprehension(c: &Comprehension) -> String {
    format!(
        "comprehension({},{},{},{})",
        expr(&c.target),
        expr(&c.iter),
        exprs(&c.ifs),
        py_bool(c.is_async)
    )
}

fn gens(g: &[Comprehension]) -> String {
    list(g, comprehension)
}

pub fn stmt(s: &Stmt) -> String {
    let l = loc(&s.loc);
    match &s.kind {
        StmtKind::FunctionDef(f) => format!(
            "FunctionDef{l}({},{},{},{},{},{})",
            py_bool(f.is_async),
            json(&f.name),
            arguments(&f.args),
            stmts(&f.body),
            exprs(&f.decorator_list),
            opt(&f.returns, expr)
        ),
        StmtKind::ClassDef(c) => format!(
            "ClassDef{l}({},{},{},{},{})",
            json(&c.name),
            exprs(&c.bases),
            list(&c.keywords, keyword),
            stmts(&c.body),
            exprs(&c.decorator_list)
        ),
        StmtKind::Return(v) => format!("Return{l}({})", opt(v, expr)),
        StmtKind::Delete(v) => format!("Delete{l}({})", exprs(v)),
        StmtKind::Assign { targets, value } => {
            format!("Assign{l}({},{})", exprs(targets), expr(value))
        }
        StmtKind::AugAssign { target, op, value } => {
            format!("AugAssign{l}({},{},{})", expr(target), operator(op), expr(value))
        }
        StmtKind::AnnAssign { target, annotation, value, simple } => format!(
            "AnnAssign{l}({},{},{},{})",
            expr(target),
            expr(annotation),
            opt(value, expr),
            py_bool(*simple)
        ),
        StmtKind::For { is_async, target, iter, body, orelse } => format!(
            "For{l}({},{},{},{},{})",
            py_bool(*is_async),
            expr(target),
            expr(iter),
            stmts(body),
            stmts(orelse)
        ),
        StmtKind::While { test, body, orelse } => {
            format!("While{l}({},{},{})", expr(test), stmts(body), stmts(orelse))
        }
        StmtKind::If { test, body, orelse } => {
            format!("If{l}({},{},{})", expr(test), stmts(body), stmts(orelse))
        }
        StmtKind::With { is_async, items, body } => format!(
            "With{l}({},{},{})",
            py_bool(*is_async),
            list(items, |i| format!(
                "withitem({},{})",
                expr(&i.context_expr),
                opt(&i.optional_vars, expr)
            )),
            stmts(body)
        ),
        StmtKind::Raise { exc, cause } => {
            format!("Raise{l}({},{})", opt(exc, expr), opt(cause, expr))
        }
        StmtKind::Try { body, handlers, orelse, finalbody, is_star } => format!(
            "Try{l}({},{},{},{},{})",
            stmts(body),
            list(handlers, |h| format!(
                "ExceptHandler{}({},{},{})",
                loc(&h.loc),
                opt(&h.typ, expr),
                optname(&h.name),
                stmts(&h.body)
            )),
            stmts(orelse),
            stmts(finalbody),
            py_bool(*is_star)
        ),
        StmtKind::Assert { test, msg } => {
            format!("Assert{l}({},{})", expr(test), opt(msg, expr))
        }
        StmtKind::Import(names) => format!("Import{l}({})", list(names, alias)),
        StmtKind::ImportFrom { module, names, level } => {
            format!("ImportFrom{l}({},{},{})", optname(module), list(names, alias), level)
        }
        StmtKind::Global(v) => format!("Global{l}({})", list(v, |s| json(s))),
        StmtKind::Nonlocal(v) => format!("Nonlocal{l}({})", list(v, |s| json(s))),
        StmtKind::Expr(e) => format!("Expr{l}({})", expr(e)),
        StmtKind::Pass => format!("Pass{l}()"),
        StmtKind::Break => format!("Break{l}()"),
        StmtKind::Continue => format!("Continue{l}()"),
    }
}

fn alias(a: &Alias) -> String {
    format!("alias{}({},{})", loc(&a.loc), json(&a.name), optname(&a.asname))
}

pub fn expr(e: &Expr) -> String {
    let l = loc(&e.loc);
    match &e.kind {
        ExprKind::BoolOp { op, values } => format!(
            "BoolOp{l}({},{})",
            match op {
                BoolOp::And => "And",
                BoolOp::Or => "Or",
            },
            exprs(values)
        ),
        ExprKind::NamedExpr { target, value } => {
            format!("NamedExpr{l}({},{})", expr(target), expr(value))
        }
        ExprKind::BinOp { left, op, right } => {
            format!("BinOp{l}({},{},{})", expr(left), operator(op), expr(right))
        }
        ExprKind::UnaryOp { op, operand } => format!(
            "UnaryOp{l}({},{})",
            match op {
                UnaryOp::Invert => "Invert",
                UnaryOp::Not => "Not",
                UnaryOp::UAdd => "UAdd",
                UnaryOp::USub => "USub",
            },
            expr(operand)
        ),
        ExprKind::Lambda { args, body } => {
            format!("Lambda{l}({},{})", arguments(args), expr(body))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("IfExp{l}({},{},{})", expr(test), expr(body), expr(orelse))
        }
        ExprKind::Dict { keys, values } => {
            format!("Dict{l}({},{})", list(keys, |k| opt(k, expr)), exprs(values))
        }
        ExprKind::Set(v) => format!("Set{l}({})", exprs(v)),
        ExprKind::ListComp { elt, generators } => {
            format!("ListComp{l}({},{})", expr(elt), gens(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("SetComp{l}({},{})", expr(elt), gens(generators))
        }
        ExprKind::DictComp { key, value, generators } => {
            format!("DictComp{l}({},{},{})", expr(key), expr(value), gens(generators))
        }
        ExprKind::GeneratorExp { elt, generators } => {
            format!("GeneratorExp{l}({},{})", expr(elt), gens(generators))
        }
        ExprKind::Await(v) => format!("Await{l}({})", expr(v)),
        ExprKind::Yield(v) => format!("Yield{l}({})", opt(v, bx)),
        ExprKind::YieldFrom(v) => format!("YieldFrom{l}({})", expr(v)),
        ExprKind::Compare { left, ops, comparators } => format!(
            "Compare{l}({},{},{})",
            expr(left),
            list(ops, |o| cmpop(o).to_string()),
            exprs(comparators)
        ),
        ExprKind::Call { func, args, keywords } => {
            format!("Call{l}({},{},{})", expr(func), exprs(args), list(keywords, keyword))
        }
        ExprKind::FormattedValue { value, conversion, format_spec } => format!(
            "FormattedValue{l}({},{},{})",
            expr(value),
            match conversion {
                None => "None",
                Some(Conversion::Str) => "s",
                Some(Conversion::Repr) => "r",
                Some(Conversion::Ascii) => "a",
            },
            opt(format_spec, bx)
        ),
        ExprKind::JoinedStr(v) => format!("JoinedStr{l}({})", exprs(v)),
        ExprKind::Constant(c) => format!("Constant{l}({})", constant(c)),
        ExprKind::Attribute { value, attr, ctx: c } => {
            format!("Attribute{l}({},{},{})", expr(value), json(attr), ctx(c))
        }
        ExprKind::Subscript { value, slice, ctx: c } => {
            format!("Subscript{l}({},{},{})", expr(value), expr(slice), ctx(c))
        }
        ExprKind::Starred { value, ctx: c } => format!("Starred{l}({},{})", expr(value), ctx(c)),
        ExprKind::Name { id, ctx: c } => format!("Name{l}({},{})", json(id), ctx(c)),
        ExprKind::List { elts, ctx: c } => format!("List{l}({},{})", exprs(elts), ctx(c)),
        ExprKind::Tuple { elts, ctx: c } => format!("Tuple{l}({},{})", exprs(elts), ctx(c)),
        ExprKind::Slice { lower, upper, step } => {
            format!("Slice{l}({},{},{})", opt(lower, bx), opt(upper, bx), opt(step, bx))
        }
    }
}
