//! Walking the tree without recursion (for the parser's depth limit and
//! for a compiler's passes): the children of a node, the depth
//! of a tree, and a source-order visit of every expression. Everything here
//! uses an explicit stack, so a deep tree cannot overflow the Rust stack.

use crate::ast::*;

/// A node on the explicit stack of the depth check.
pub(crate) enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
}

/// The expressions directly inside an expression, in source order.
pub fn expr_children<'a>(kind: &'a ExprKind, out: &mut Vec<&'a Expr>) {
    match kind {
        ExprKind::BoolOp { values, .. } => out.extend(values.iter()),
        ExprKind::NamedExpr { target, value } => {
            out.push(target);
            out.push(value);
        }
        ExprKind::BinOp { left, right, .. } => {
            out.push(left);
            out.push(right);
        }
        ExprKind::UnaryOp { operand, .. } => out.push(operand),
        ExprKind::Lambda { args, body } => {
            out.push(body);
            push_args(args, out);
        }
        ExprKind::IfExp { test, body, orelse } => {
            out.push(test);
            out.push(body);
            out.push(orelse);
        }
        ExprKind::Dict { keys, values } => {
            out.extend(keys.iter().flatten());
            out.extend(values.iter());
        }
        ExprKind::Set(elts) => out.extend(elts.iter()),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            out.push(elt);
            push_gens(generators, out);
        }
        ExprKind::DictComp { key, value, generators } => {
            out.push(key);
            out.push(value);
            push_gens(generators, out);
        }
        ExprKind::Await(v) | ExprKind::YieldFrom(v) => out.push(v),
        ExprKind::Yield(v) => out.extend(v.iter().map(|b| &**b)),
        ExprKind::Compare { left, comparators, .. } => {
            out.push(left);
            out.extend(comparators.iter());
        }
        ExprKind::Call { func, args, keywords } => {
            out.push(func);
            out.extend(args.iter());
            out.extend(keywords.iter().map(|k| &k.value));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            out.push(value);
            out.extend(format_spec.iter().map(|b| &**b));
        }
        ExprKind::JoinedStr(v) => out.extend(v.iter()),
        ExprKind::Constant(_) | ExprKind::Name { .. } => {}
        ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => out.push(value),
        ExprKind::Subscript { value, slice, .. } => {
            out.push(value);
            out.push(slice);
        }
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => out.extend(elts.iter()),
        ExprKind::Slice { lower, upper, step } => {
            out.extend(lower.iter().map(|b| &**b));
            out.extend(upper.iter().map(|b| &**b));
            out.extend(step.iter().map(|b| &**b));
        }
    }
}

fn push_args<'a>(a: &'a Arguments, out: &mut Vec<&'a Expr>) {
    out.extend(a.defaults.iter());
    out.extend(a.kw_defaults.iter().flatten());
    for arg in
        a.posonlyargs.iter().chain(&a.args).chain(&a.vararg).chain(&a.kwonlyargs).chain(&a.kwarg)
    {
        out.extend(arg.annotation.iter().map(|b| &**b));
    }
}

fn push_gens<'a>(gens: &'a [Comprehension], out: &mut Vec<&'a Expr>) {
    for g in gens {
        out.push(&g.target);
        out.push(&g.iter);
        out.extend(g.ifs.iter());
    }
}

/// The expressions and statements directly inside a statement.
pub fn stmt_children<'a>(s: &'a Stmt, exprs: &mut Vec<&'a Expr>, stmts: &mut Vec<&'a Stmt>) {
    match &s.kind {
        StmtKind::FunctionDef(f) => {
            exprs.extend(f.decorator_list.iter());
            push_args(&f.args, exprs);
            exprs.extend(f.returns.iter());
            stmts.extend(f.body.iter());
        }
        StmtKind::ClassDef(c) => {
            exprs.extend(c.decorator_list.iter());
            exprs.extend(c.bases.iter());
            exprs.extend(c.keywords.iter().map(|k| &k.value));
            stmts.extend(c.body.iter());
        }
        StmtKind::Return(v) => exprs.extend(v.iter()),
        StmtKind::Delete(v) => exprs.extend(v.iter()),
        StmtKind::Assign { targets, value } => {
            exprs.extend(targets.iter());
            exprs.push(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            exprs.push(target);
            exprs.push(value);
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            exprs.push(target);
            exprs.push(annotation);
            exprs.extend(value.iter());
        }
        StmtKind::For { target, iter, body, orelse, .. } => {
            exprs.push(target);
            exprs.push(iter);
            stmts.extend(body.iter());
            stmts.extend(orelse.iter());
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            exprs.push(test);
            stmts.extend(body.iter());
            stmts.extend(orelse.iter());
        }
        StmtKind::With { items, body, .. } => {
            for i in items {
                exprs.push(&i.context_expr);
                exprs.extend(i.optional_vars.iter());
            }
            stmts.extend(body.iter());
        }
        StmtKind::Raise { exc, cause } => {
            exprs.extend(exc.iter());
            exprs.extend(cause.iter());
        }
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            stmts.extend(body.iter());
            for h in handlers {
                exprs.extend(h.typ.iter());
                stmts.extend(h.body.iter());
            }
            stmts.extend(orelse.iter());
            stmts.extend(finalbody.iter());
        }
        StmtKind::Assert { test, msg } => {
            exprs.push(test);
            exprs.extend(msg.iter());
        }
        StmtKind::Expr(e) => exprs.push(e),
        StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue => {}
    }
}

/// Checks, without recursion, that no path from the root is longer than
/// [`MAX_DEPTH`](crate::parser::MAX_DEPTH); returns the location of the first node too deep.
pub(crate) fn check_depth(roots: Vec<Node<'_>>) -> Result<(), Loc> {
    let mut stack: Vec<(Node<'_>, usize)> = roots.into_iter().map(|n| (n, 1)).collect();
    stack.reverse();
    let mut exprs = Vec::new();
    let mut stmts = Vec::new();
    while let Some((node, depth)) = stack.pop() {
        let loc = match node {
            Node::Stmt(s) => s.loc,
            Node::Expr(e) => e.loc,
        };
        if depth > crate::parser::MAX_DEPTH {
            return Err(loc);
        }
        exprs.clear();
        stmts.clear();
        match node {
            Node::Stmt(s) => stmt_children(s, &mut exprs, &mut stmts),
            Node::Expr(e) => expr_children(&e.kind, &mut exprs),
        }
        for s in stmts.drain(..) {
            stack.push((Node::Stmt(s), depth + 1));
        }
        for e in exprs.drain(..) {
            stack.push((Node::Expr(e), depth + 1));
        }
    }
    Ok(())
}

pub(crate) fn check_depth_module(m: &Module) -> Result<(), Loc> {
    check_depth(m.body.iter().map(Node::Stmt).collect())
}

pub(crate) fn check_depth_expr(e: &Expr) -> Result<(), Loc> {
    check_depth(vec![Node::Expr(e)])
}

/// The depth of a tree (a leaf is 1), counted without recursion; stops
/// counting a little past [`MAX_DEPTH`](crate::parser::MAX_DEPTH).
fn tree_depth(roots: Vec<Node<'_>>) -> usize {
    let mut stack: Vec<(Node<'_>, usize)> = roots.into_iter().map(|n| (n, 1)).collect();
    let mut max = 0;
    let mut exprs = Vec::new();
    let mut stmts = Vec::new();
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        if depth > crate::parser::MAX_DEPTH {
            return depth;
        }
        exprs.clear();
        stmts.clear();
        match node {
            Node::Stmt(s) => stmt_children(s, &mut exprs, &mut stmts),
            Node::Expr(e) => expr_children(&e.kind, &mut exprs),
        }
        stack.extend(stmts.drain(..).map(|s| (Node::Stmt(s), depth + 1)));
        stack.extend(exprs.drain(..).map(|e| (Node::Expr(e), depth + 1)));
    }
    max
}

pub(crate) fn expr_depth(e: &Expr) -> usize {
    tree_depth(vec![Node::Expr(e)])
}

/// Visits every statement and expression of a module in source order,
/// without recursion, calling `f` with each expression. Useful for checks
/// that need every node.
pub fn for_each_expr(m: &Module, f: &mut dyn FnMut(&Expr)) {
    let mut stack: Vec<Node<'_>> = m.body.iter().rev().map(Node::Stmt).collect();
    let mut exprs = Vec::new();
    let mut stmts = Vec::new();
    while let Some(node) = stack.pop() {
        exprs.clear();
        stmts.clear();
        match node {
            Node::Stmt(s) => stmt_children(s, &mut exprs, &mut stmts),
            Node::Expr(e) => {
                f(e);
                expr_children(&e.kind, &mut exprs);
            }
        }
        for s in stmts.drain(..).rev() {
            stack.push(Node::Stmt(s));
        }
        for e in exprs.drain(..).rev() {
            stack.push(Node::Expr(e));
        }
    }
}
