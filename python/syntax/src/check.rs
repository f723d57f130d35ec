//! Errors CPython's compiler (not its parser) reports: `'return' outside
//! function`, `'break' outside loop`, `'await' outside function`, a starred
//! expression where none may be, a repeated keyword argument, and a few of
//! its symbol-table errors (duplicate parameters, `nonlocal` at module
//! level, `import *` in a function, `yield` in a comprehension).
//!
//! CPython finds these while compiling, after the whole file parsed, so
//! they come after every parser error. Its symbol-table errors come before
//! its code-generation errors; this module does the symbol-table ones first
//! and then walks the tree in the order code generation visits it (an
//! assignment's value before its targets, a `for`'s iterable before its
//! target, a class body before its bases), so the first error found is the
//! one CPython reports. Scoping errors that need full name resolution (`no
//! binding for nonlocal`, `name 'x' is used prior to global declaration`)
//! are the compiler's job.
//!
//! The walk uses an explicit stack: no recursion on the tree's depth.

use crate::ast::*;
use crate::lexer::Lexer;
use crate::{ErrorKind, SyntaxError};

/// What kind of scope code is in, for the checks that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    /// A `def`, `async def` or `lambda`.
    Function {
        is_async: bool,
        is_generator: bool,
    },
    /// A comprehension or generator expression's own scope.
    Comprehension,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    scope: Scope,
    /// Inside a loop body (not its `else`), in this scope.
    in_loop: bool,
    /// Top-level await allowed (and we are at module level, not in a
    /// function).
    top_level_await: bool,
}

impl Ctx {
    fn in_function(&self) -> bool {
        matches!(self.scope, Scope::Function { .. } | Scope::Comprehension)
    }
}

enum Work<'a> {
    Stmt(&'a Stmt, Ctx),
    Expr(&'a Expr, Ctx),
    /// An expression that must not be a bare `Starred` (CPython's "can't use
    /// starred expression here").
    NoStar(&'a Expr, Ctx),
    /// An assignment target (Store context).
    Target(&'a Expr, Ctx),
}

/// Runs the compiler's checks over a parsed module. `top_level_await`
/// allows `await`, `async for`, `async with` and asynchronous
/// comprehensions at module level. `lexer` supplies the source lines.
pub(crate) fn check_module(
    m: &Module,
    top_level_await: bool,
    lexer: &Lexer,
) -> Result<(), SyntaxError> {
    let err = |loc: Loc, msg: String| SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg,
        line: loc.line,
        col: loc.col + 1,
        end_line: loc.end_line,
        end_col: loc.end_col + 1,
        text: lexer.line_text(loc.line),
    };
    symtable_pass(m).map_err(|(loc, msg)| err(loc, msg))?;
    codegen_pass(m, top_level_await).map_err(|(loc, msg)| err(loc, msg))
}

/// Checks a module with source text available only as a string (for
/// callers that turned `compiler_checks` off and check after their own
/// symbol-table pass).
pub fn check(m: &Module, source: &str, top_level_await: bool) -> Result<(), SyntaxError> {
    check_module(m, top_level_await, &Lexer::new(source))
}

type CheckResult = Result<(), (Loc, String)>;

fn symtable_pass(m: &Module) -> CheckResult {
    // (statement, in a function?)
    let mut stack: Vec<(&Stmt, bool)> = m.body.iter().rev().map(|s| (s, false)).collect();
    while let Some((s, in_func)) = stack.pop() {
        let mut inner: Vec<&Stmt> = Vec::new();
        let mut exprs: Vec<&Expr> = Vec::new();
        let mut inner_func = in_func;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                duplicate_args(&f.args)?;
                inner_func = true;
            }
            StmtKind::Nonlocal(_) if !in_func => {
                return Err((s.loc, "nonlocal declaration not allowed at module level".into()));
            }
            StmtKind::ImportFrom { names, .. } if in_func => {
                if let Some(a) = names.iter().find(|a| a.name == "*") {
                    return Err((a.loc, "import * only allowed at module level".into()));
                }
            }
            _ => {}
        }
        crate::walk::stmt_children(s, &mut exprs, &mut inner);
        // This statement's expressions: lambdas and comprehensions.
        exprs.reverse();
        while let Some(e) = exprs.pop() {
            match &e.kind {
                ExprKind::Lambda { args, .. } => duplicate_args(args)?,
                ExprKind::ListComp { .. }
                | ExprKind::SetComp { .. }
                | ExprKind::DictComp { .. }
                | ExprKind::GeneratorExp { .. } => {
                    comp_iter_walrus_check(e)?;
                    comp_yield_check(e)?;
                }
                _ => {}
            }
            let mut kids = Vec::new();
            crate::walk::expr_children(&e.kind, &mut kids);
            exprs.extend(kids.into_iter().rev());
        }
        stack.extend(inner.into_iter().rev().map(|s| (s, inner_func)));
    }
    Ok(())
}

/// A walrus in a comprehension's iterable (outside a nested `lambda`).
fn comp_iter_walrus_check(comp: &Expr) -> CheckResult {
    let gens = match &comp.kind {
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. }
        | ExprKind::DictComp { generators, .. } => generators,
        _ => return Ok(()),
    };
    let mut stack: Vec<&Expr> = gens.iter().rev().map(|g| &g.iter).collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::NamedExpr { .. } => {
                return Err((
                    e.loc,
                    "assignment expression cannot be used in a comprehension iterable expression"
                        .into(),
                ));
            }
            ExprKind::Lambda { .. } => {}
            _ => {
                let mut kids = Vec::new();
                crate::walk::expr_children(&e.kind, &mut kids);
                stack.extend(kids.into_iter().rev());
            }
        }
    }
    Ok(())
}

/// `'yield' inside list comprehension` (and set, dict, generator): a
/// `yield` in a comprehension's own scope (not its first iterable, not a
/// nested lambda).
fn comp_yield_check(comp: &Expr) -> CheckResult {
    let (what, parts): (&str, Vec<&Expr>) = match &comp.kind {
        ExprKind::ListComp { elt, generators } => {
            ("list comprehension", comp_parts(Some(elt), None, generators))
        }
        ExprKind::SetComp { elt, generators } => {
            ("set comprehension", comp_parts(Some(elt), None, generators))
        }
        ExprKind::GeneratorExp { elt, generators } => {
            ("generator expression", comp_parts(Some(elt), None, generators))
        }
        ExprKind::DictComp { key, value, generators } => {
            ("dict comprehension", comp_parts(Some(key), Some(value), generators))
        }
        _ => return Ok(()),
    };
    let mut stack = parts;
    stack.reverse();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                return Err((e.loc, format!("'yield' inside {what}")));
            }
            ExprKind::Lambda { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => {}
            _ => {
                let mut kids = Vec::new();
                crate::walk::expr_children(&e.kind, &mut kids);
                stack.extend(kids.into_iter().rev());
            }
        }
    }
    Ok(())
}

/// The parts of a comprehension in its own scope, in source order: the
/// first generator's target and conditions, the later generators, the
/// element(s). The first iterable is evaluated outside.
fn comp_parts<'a>(
    elt: Option<&'a Expr>,
    value: Option<&'a Expr>,
    gens: &'a [Comprehension],
) -> Vec<&'a Expr> {
    let mut out = Vec::new();
    for (i, g) in gens.iter().enumerate() {
        out.push(&g.target);
        if i > 0 {
            out.push(&g.iter);
        }
        out.extend(g.ifs.iter());
    }
    out.extend(elt);
    out.extend(value);
    out
}

fn duplicate_args(a: &Arguments) -> CheckResult {
    let all: Vec<&Arg> = a
        .posonlyargs
        .iter()
        .chain(&a.args)
        .chain(&a.vararg)
        .chain(&a.kwonlyargs)
        .chain(&a.kwarg)
        .collect();
    for (i, arg) in all.iter().enumerate() {
        if all[..i].iter().any(|p| p.arg == arg.arg) {
            return Err((
                arg.loc,
                format!("duplicate argument '{}' in function definition", arg.arg),
            ));
        }
    }
    Ok(())
}

fn push_arg_exprs<'a>(a: &'a Arguments, out: &mut Vec<&'a Expr>) {
    out.extend(a.defaults.iter());
    out.extend(a.kw_defaults.iter().flatten());
    for arg in
        a.posonlyargs.iter().chain(&a.args).chain(&a.vararg).chain(&a.kwonlyargs).chain(&a.kwarg)
    {
        out.extend(arg.annotation.iter().map(|b| &**b));
    }
}

/// Does this function body (not nested scopes) contain `yield`?
fn is_generator(body: &[Stmt]) -> bool {
    let mut stmts: Vec<&Stmt> = body.iter().collect();
    let mut exprs: Vec<&Expr> = Vec::new();
    while let Some(s) = stmts.pop() {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                exprs.extend(f.decorator_list.iter());
                push_arg_exprs(&f.args, &mut exprs);
                exprs.extend(f.returns.iter());
            }
            StmtKind::ClassDef(c) => {
                exprs.extend(c.decorator_list.iter());
                exprs.extend(c.bases.iter());
                exprs.extend(c.keywords.iter().map(|k| &k.value));
            }
            _ => {
                let mut ss = Vec::new();
                crate::walk::stmt_children(s, &mut exprs, &mut ss);
                stmts.extend(ss);
            }
        }
        while let Some(e) = exprs.pop() {
            match &e.kind {
                ExprKind::Yield(_) | ExprKind::YieldFrom(_) => return true,
                ExprKind::Lambda { args, .. } => push_arg_exprs(args, &mut exprs),
                ExprKind::ListComp { generators, .. }
                | ExprKind::SetComp { generators, .. }
                | ExprKind::DictComp { generators, .. }
                | ExprKind::GeneratorExp { generators, .. } => {
                    if let Some(g) = generators.first() {
                        exprs.push(&g.iter);
                    }
                }
                _ => crate::walk::expr_children(&e.kind, &mut exprs),
            }
        }
    }
    false
}

fn codegen_pass(m: &Module, top_level_await: bool) -> CheckResult {
    let ctx = Ctx { scope: Scope::Module, in_loop: false, top_level_await };
    let mut stack: Vec<Work<'_>> = m.body.iter().rev().map(|s| Work::Stmt(s, ctx)).collect();
    while let Some(w) = stack.pop() {
        // Work is pushed in reverse, so `todo` lists it in visit order.
        let mut todo: Vec<Work<'_>> = Vec::new();
        match w {
            Work::Stmt(s, ctx) => stmt_work(s, ctx, &mut todo)?,
            Work::Expr(e, ctx) => expr_work(e, ctx, &mut todo)?,
            Work::NoStar(e, ctx) => {
                if let ExprKind::Starred { .. } = e.kind {
                    return Err((e.loc, "can't use starred expression here".into()));
                }
                expr_work(e, ctx, &mut todo)?;
            }
            Work::Target(e, ctx) => target_work(e, ctx, &mut todo)?,
        }
        stack.extend(todo.into_iter().rev());
    }
    Ok(())
}

fn body<'a>(stmts: &'a [Stmt], ctx: Ctx, todo: &mut Vec<Work<'a>>) {
    todo.extend(stmts.iter().map(|s| Work::Stmt(s, ctx)));
}

fn stmt_work<'a>(s: &'a Stmt, ctx: Ctx, todo: &mut Vec<Work<'a>>) -> CheckResult {
    let loop_ctx = Ctx { in_loop: true, ..ctx };
    let no_loop = Ctx { in_loop: false, ..ctx };
    match &s.kind {
        StmtKind::FunctionDef(f) => {
            todo.extend(f.decorator_list.iter().map(|e| Work::Expr(e, ctx)));
            args_work(&f.args, ctx, todo);
            todo.extend(f.returns.iter().map(|e| Work::Expr(e, ctx)));
            let inner = Ctx {
                scope: Scope::Function {
                    is_async: f.is_async,
                    is_generator: is_generator(&f.body),
                },
                in_loop: false,
                top_level_await: false,
            };
            body(&f.body, inner, todo);
        }
        StmtKind::ClassDef(c) => {
            todo.extend(c.decorator_list.iter().map(|e| Work::Expr(e, ctx)));
            let inner = Ctx { scope: Scope::Class, in_loop: false, top_level_await: false };
            body(&c.body, inner, todo);
            keywords_check(&c.keywords)?;
            for b in &c.bases {
                match &b.kind {
                    ExprKind::Starred { value, .. } => todo.push(Work::Expr(value, ctx)),
                    _ => todo.push(Work::Expr(b, ctx)),
                }
            }
            todo.extend(c.keywords.iter().map(|k| Work::Expr(&k.value, ctx)));
        }
        StmtKind::Return(v) => {
            match ctx.scope {
                Scope::Function { is_async: true, is_generator: true } if v.is_some() => {
                    return Err((s.loc, "'return' with value in async generator".into()));
                }
                Scope::Function { .. } => {}
                _ => return Err((s.loc, "'return' outside function".into())),
            }
            todo.extend(v.iter().map(|e| Work::NoStar(e, ctx)));
        }
        StmtKind::Delete(targets) => todo.extend(targets.iter().map(|e| Work::Expr(e, ctx))),
        StmtKind::Assign { targets, value } => {
            todo.push(Work::NoStar(value, ctx));
            todo.extend(targets.iter().map(|e| Work::Target(e, ctx)));
        }
        StmtKind::AugAssign { target, value, .. } => {
            todo.push(Work::Expr(target, ctx));
            todo.push(Work::NoStar(value, ctx));
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            todo.extend(value.iter().map(|e| Work::NoStar(e, ctx)));
            todo.push(Work::Target(target, ctx));
            todo.push(Work::Expr(annotation, ctx));
        }
        StmtKind::For { is_async, target, iter, body: b, orelse } => {
            if *is_async {
                async_allowed(ctx, s.loc, "'async for' outside async function")?;
            }
            todo.push(Work::NoStar(iter, ctx));
            todo.push(Work::Target(target, ctx));
            body(b, loop_ctx, todo);
            body(orelse, ctx, todo);
        }
        StmtKind::While { test, body: b, orelse } => {
            todo.push(Work::Expr(test, ctx));
            body(b, loop_ctx, todo);
            body(orelse, ctx, todo);
        }
        StmtKind::If { test, body: b, orelse } => {
            todo.push(Work::Expr(test, ctx));
            body(b, ctx, todo);
            body(orelse, ctx, todo);
        }
        StmtKind::With { is_async, items, body: b } => {
            if *is_async {
                async_allowed(ctx, s.loc, "'async with' outside async function")?;
            }
            for i in items {
                todo.push(Work::Expr(&i.context_expr, ctx));
                if let Some(t) = &i.optional_vars {
                    todo.push(Work::Target(t, ctx));
                }
            }
            body(b, ctx, todo);
        }
        StmtKind::Raise { exc, cause } => {
            todo.extend(exc.iter().map(|e| Work::Expr(e, ctx)));
            todo.extend(cause.iter().map(|e| Work::Expr(e, ctx)));
        }
        StmtKind::Try { body: b, handlers, orelse, finalbody, .. } => {
            body(b, ctx, todo);
            body(orelse, ctx, todo);
            let n = handlers.len();
            for (i, h) in handlers.iter().enumerate() {
                if h.typ.is_none() && i + 1 < n {
                    return Err((h.loc, "default 'except:' must be last".into()));
                }
            }
            for h in handlers {
                todo.extend(h.typ.iter().map(|e| Work::Expr(e, ctx)));
                body(&h.body, ctx, todo);
            }
            body(finalbody, ctx, todo);
        }
        StmtKind::Assert { test, msg } => {
            todo.push(Work::Expr(test, ctx));
            todo.extend(msg.iter().map(|e| Work::Expr(e, ctx)));
        }
        StmtKind::Expr(e) => todo.push(Work::NoStar(e, ctx)),
        StmtKind::Break => {
            if !ctx.in_loop {
                return Err((s.loc, "'break' outside loop".into()));
            }
        }
        StmtKind::Continue => {
            if !ctx.in_loop {
                return Err((s.loc, "'continue' not properly in loop".into()));
            }
        }
        StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Pass => {}
    }
    let _ = no_loop;
    Ok(())
}

/// `async for` / `async with`: only in an `async def` (or at top level
/// when allowed).
fn async_allowed(ctx: Ctx, loc: Loc, msg: &str) -> CheckResult {
    match ctx.scope {
        Scope::Function { is_async: true, .. } => Ok(()),
        Scope::Module if ctx.top_level_await => Ok(()),
        _ => Err((loc, msg.into())),
    }
}

fn args_work<'a>(a: &'a Arguments, ctx: Ctx, todo: &mut Vec<Work<'a>>) {
    todo.extend(a.defaults.iter().map(|e| Work::Expr(e, ctx)));
    todo.extend(a.kw_defaults.iter().flatten().map(|e| Work::Expr(e, ctx)));
    // `*args: *Ts` (PEP 646) is the one place a starred annotation may be.
    if let Some(ann) = a.vararg.as_ref().and_then(|v| v.annotation.as_ref()) {
        if let ExprKind::Starred { value, .. } = &ann.kind {
            todo.push(Work::Expr(value, ctx));
        }
    }
    for arg in a
        .posonlyargs
        .iter()
        .chain(&a.args)
        .chain(a.vararg.iter().filter(|v| {
            !matches!(v.annotation.as_deref(), Some(Expr { kind: ExprKind::Starred { .. }, .. }))
        }))
        .chain(&a.kwonlyargs)
        .chain(&a.kwarg)
    {
        todo.extend(arg.annotation.iter().map(|e| Work::Expr(e, ctx)));
    }
}

fn keywords_check(keywords: &[Keyword]) -> CheckResult {
    for (i, k) in keywords.iter().enumerate() {
        let Some(name) = &k.arg else { continue };
        if keywords[..i].iter().any(|p| p.arg.as_ref() == Some(name)) {
            return Err((k.loc, format!("keyword argument repeated: {name}")));
        }
    }
    Ok(())
}

/// An assignment target: a bare `*x` is an error, and at most one starred
/// element per tuple or list.
fn target_work<'a>(e: &'a Expr, ctx: Ctx, todo: &mut Vec<Work<'a>>) -> CheckResult {
    match &e.kind {
        ExprKind::Starred { .. } => {
            Err((e.loc, "starred assignment target must be in a list or tuple".into()))
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            let stars = elts.iter().filter(|x| matches!(x.kind, ExprKind::Starred { .. })).count();
            if stars > 1 {
                return Err((e.loc, "multiple starred expressions in assignment".into()));
            }
            for x in elts {
                match &x.kind {
                    ExprKind::Starred { value, .. } => todo.push(Work::Target(value, ctx)),
                    _ => todo.push(Work::Target(x, ctx)),
                }
            }
            Ok(())
        }
        _ => expr_work(e, ctx, todo),
    }
}

fn expr_work<'a>(e: &'a Expr, ctx: Ctx, todo: &mut Vec<Work<'a>>) -> CheckResult {
    match &e.kind {
        ExprKind::Await(v) => {
            if !(ctx.top_level_await && ctx.scope == Scope::Module) {
                match ctx.scope {
                    Scope::Function { is_async: true, .. } | Scope::Comprehension => {}
                    Scope::Function { .. } => {
                        return Err((e.loc, "'await' outside async function".into()))
                    }
                    _ => return Err((e.loc, "'await' outside function".into())),
                }
            }
            todo.push(Work::Expr(v, ctx));
        }
        ExprKind::Yield(v) => {
            if !ctx.in_function() {
                return Err((e.loc, "'yield' outside function".into()));
            }
            todo.extend(v.iter().map(|x| Work::NoStar(x, ctx)));
        }
        ExprKind::YieldFrom(v) => {
            if !ctx.in_function() {
                return Err((e.loc, "'yield' outside function".into()));
            }
            if let Scope::Function { is_async: true, .. } = ctx.scope {
                return Err((e.loc, "'yield from' inside async function".into()));
            }
            todo.push(Work::Expr(v, ctx));
        }
        ExprKind::Lambda { args, body } => {
            args_work(args, ctx, todo);
            let inner = Ctx {
                scope: Scope::Function { is_async: false, is_generator: false },
                in_loop: false,
                top_level_await: false,
            };
            todo.push(Work::Expr(body, inner));
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            let genexp = matches!(e.kind, ExprKind::GeneratorExp { .. });
            comprehension_work(e, genexp, &[&**elt], generators, ctx, todo)?;
        }
        ExprKind::DictComp { key, value, generators } => {
            comprehension_work(e, false, &[&**key, &**value], generators, ctx, todo)?;
        }
        ExprKind::Call { func, args, keywords } => {
            keywords_check(keywords)?;
            todo.push(Work::Expr(func, ctx));
            for a in args {
                match &a.kind {
                    ExprKind::Starred { value, .. } => todo.push(Work::Expr(value, ctx)),
                    _ => todo.push(Work::Expr(a, ctx)),
                }
            }
            todo.extend(keywords.iter().map(|k| Work::Expr(&k.value, ctx)));
        }
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } | ExprKind::Set(elts) => {
            for x in elts {
                match &x.kind {
                    ExprKind::Starred { value, .. } => todo.push(Work::Expr(value, ctx)),
                    _ => todo.push(Work::Expr(x, ctx)),
                }
            }
        }
        ExprKind::Starred { .. } => {
            return Err((e.loc, "can't use starred expression here".into()));
        }
        _ => {
            let mut kids = Vec::new();
            crate::walk::expr_children(&e.kind, &mut kids);
            todo.extend(kids.into_iter().map(|k| Work::NoStar(k, ctx)));
        }
    }
    Ok(())
}

/// A comprehension: its own scope (asynchronous if it has `async for` or
/// `await` in it), then its first iterable in the enclosing scope.
fn comprehension_work<'a>(
    e: &'a Expr,
    genexp: bool,
    elts: &[&'a Expr],
    gens: &'a [Comprehension],
    ctx: Ctx,
    todo: &mut Vec<Work<'a>>,
) -> CheckResult {
    let is_async = gens.iter().any(|g| g.is_async) || comp_has_await(elts, gens);
    let allowed =
        matches!(ctx.scope, Scope::Function { is_async: true, .. } | Scope::Comprehension)
            || (ctx.top_level_await && ctx.scope == Scope::Module);
    if is_async && !genexp && !allowed {
        return Err((
            e.loc,
            "asynchronous comprehension outside of an asynchronous function".into(),
        ));
    }
    let inner = Ctx { scope: Scope::Comprehension, in_loop: false, top_level_await: false };
    for (i, g) in gens.iter().enumerate() {
        if i > 0 {
            todo.push(Work::Expr(&g.iter, inner));
        }
        todo.push(Work::Target(&g.target, inner));
        todo.extend(g.ifs.iter().map(|c| Work::Expr(c, inner)));
    }
    todo.extend(elts.iter().map(|x| Work::Expr(x, inner)));
    if let Some(g) = gens.first() {
        todo.push(Work::Expr(&g.iter, ctx));
    }
    Ok(())
}

/// Is there an `await` in a comprehension's own scope (including nested
/// comprehensions' first iterables, excluding lambdas)?
fn comp_has_await(elts: &[&Expr], gens: &[Comprehension]) -> bool {
    let mut stack: Vec<&Expr> = elts.to_vec();
    for (i, g) in gens.iter().enumerate() {
        if i > 0 {
            stack.push(&g.iter);
        }
        stack.extend(g.ifs.iter());
    }
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Await(_) => return true,
            ExprKind::Lambda { .. } => {}
            ExprKind::ListComp { generators, .. }
            | ExprKind::SetComp { generators, .. }
            | ExprKind::DictComp { generators, .. }
            | ExprKind::GeneratorExp { generators, .. } => {
                if generators.iter().any(|g| g.is_async)
                    && !matches!(e.kind, ExprKind::GeneratorExp { .. })
                {
                    return true;
                }
                let mut kids = Vec::new();
                crate::walk::expr_children(&e.kind, &mut kids);
                stack.extend(kids);
            }
            _ => crate::walk::expr_children(&e.kind, &mut stack),
        }
    }
    false
}
