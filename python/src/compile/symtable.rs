//! Scope analysis, as CPython's `symtable.c` does it: one pass collects what
//! each scope binds, declares and uses; a second decides for every name
//! whether it is local, global, free (a cell of an enclosing function) or a
//! cell (local, and captured by an inner function).
//!
//! Scopes are module, function (and lambda), class and comprehension. A
//! class body is not an enclosing scope for the functions inside it (its
//! names are reached as attributes); a comprehension is a function of its
//! own whose first iterable is evaluated outside it. A method that uses
//! `super` or `__class__` gets the implicit `__class__` cell of its class.

use asyncpy_syntax::ast::*;
use std::collections::{HashMap, HashSet};

/// Index of a scope in the table.
pub type ScopeId = usize;

/// What kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module.
    Module,
    /// A `def` or `lambda`.
    Function,
    /// A class body.
    Class,
    /// A comprehension or generator expression.
    Comprehension,
}

/// Where a name lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sym {
    /// A local variable (a fast local; a namespace name in a class body).
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
    /// A cell of an enclosing function.
    Free,
    /// A local captured by an inner function.
    Cell,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;

/// One scope.
#[derive(Debug)]
pub struct Scope {
    /// Its kind.
    pub kind: ScopeKind,
    /// Its name (`<module>`, the function's, `<listcomp>`, ...).
    pub name: String,
    flags: HashMap<String, u8>,
    order: Vec<String>,
    /// Parameter names in `co_varnames` order.
    pub params: Vec<String>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// `async def`, or a comprehension containing `await`/`async for`.
    pub is_coroutine: bool,
    /// Contains `await` (for comprehensions and the module).
    pub has_await: bool,
    /// A class whose methods use `__class__`: the body makes the cell.
    pub needs_class_cell: bool,
    /// The resolution of every name.
    pub syms: HashMap<String, Sym>,
    /// Local variable names, parameters first (functions).
    pub varnames: Vec<String>,
    /// Cells this scope makes.
    pub cellvars: Vec<String>,
    /// Free variables this scope receives.
    pub freevars: Vec<String>,
    /// The enclosing scope.
    pub parent: Option<ScopeId>,
    children: Vec<ScopeId>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<ScopeId>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            flags: HashMap::new(),
            order: Vec::new(),
            params: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            has_await: false,
            needs_class_cell: false,
            syms: HashMap::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            parent,
            children: Vec::new(),
        }
    }

    /// The resolution of `name` (global if never seen).
    pub fn lookup(&self, name: &str) -> Sym {
        self.syms.get(name).copied().unwrap_or(Sym::GlobalImplicit)
    }
}

/// The scopes of a module, keyed by the address of the AST node that
/// opens each (so the compiler finds a node's scope without depending on
/// visiting order).
#[derive(Debug)]
pub struct SymTable {
    /// All scopes; 0 is the module.
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

/// The address of an AST node, used as its key.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// A scope error CPython reports at compile time.
#[derive(Debug, Clone)]
pub struct ScopeError {
    /// The message.
    pub msg: String,
    /// The line.
    pub line: usize,
    /// The column (0-based).
    pub col: usize,
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    cur: ScopeId,
    error: Option<ScopeError>,
    depth: usize,
}

/// Deepest expression nesting the passes follow before giving up (a bound
/// on Rust recursion; the parser refuses deeper code first).
pub const MAX_DEPTH: usize = 400;

impl SymTable {
    /// Analyzes a module.
    pub fn build(module: &Module) -> Result<SymTable, ScopeError> {
        let mut b = Builder {
            scopes: vec![Scope::new(ScopeKind::Module, "<module>", None)],
            by_node: HashMap::new(),
            cur: 0,
            error: None,
            depth: 0,
        };
        for s in &module.body {
            b.stmt(s);
        }
        if let Some(e) = b.error {
            return Err(e);
        }
        let mut t = SymTable { scopes: b.scopes, by_node: b.by_node };
        t.analyze(0, &HashSet::new())?;
        Ok(t)
    }

    /// The scope opened by an AST node.
    pub fn scope_of(&self, key: usize) -> Option<ScopeId> {
        self.by_node.get(&key).copied()
    }

    fn analyze(
        &mut self,
        id: ScopeId,
        bound: &HashSet<String>,
    ) -> Result<HashSet<String>, ScopeError> {
        let kind = self.scopes[id].kind;
        let names: Vec<String> = self.scopes[id].order.clone();
        let mut local: HashSet<String> = HashSet::new();
        let mut free: HashSet<String> = HashSet::new();
        for name in &names {
            let f = self.scopes[id].flags.get(name).copied().unwrap_or(0);
            let sym = if f & DEF_GLOBAL != 0 {
                Sym::GlobalExplicit
            } else if f & DEF_NONLOCAL != 0 {
                if !bound.contains(name) {
                    return Err(ScopeError {
                        msg: format!("no binding for nonlocal '{name}' found"),
                        line: 0,
                        col: 0,
                    });
                }
                free.insert(name.clone());
                Sym::Free
            } else if f & (DEF_LOCAL | DEF_PARAM) != 0 {
                local.insert(name.clone());
                Sym::Local
            } else if kind != ScopeKind::Module && bound.contains(name) {
                free.insert(name.clone());
                Sym::Free
            } else {
                Sym::GlobalImplicit
            };
            if kind == ScopeKind::Module && sym == Sym::Local {
                self.scopes[id].syms.insert(name.clone(), Sym::GlobalImplicit);
            } else {
                self.scopes[id].syms.insert(name.clone(), sym);
            }
        }
        let mut newbound = bound.clone();
        if matches!(kind, ScopeKind::Function | ScopeKind::Comprehension) {
            newbound.extend(local.iter().cloned());
        }
        if kind == ScopeKind::Class {
            newbound.insert("__class__".to_string());
        }
        let children = self.scopes[id].children.clone();
        let mut child_free: HashSet<String> = HashSet::new();
        for c in children {
            let f = self.analyze(c, &newbound)?;
            child_free.extend(f);
        }
        // Names inner scopes need: a local here becomes a cell; anything
        // else passes through as a free variable of this scope too.
        let mut cells: Vec<String> = Vec::new();
        let mut passthrough: Vec<String> = Vec::new();
        for name in child_free {
            match kind {
                ScopeKind::Function | ScopeKind::Comprehension if local.contains(&name) => {
                    cells.push(name);
                }
                ScopeKind::Class if name == "__class__" => {
                    self.scopes[id].needs_class_cell = true;
                    cells.push(name);
                }
                ScopeKind::Module => {}
                _ => passthrough.push(name),
            }
        }
        cells.sort();
        for name in &cells {
            if name != "__class__" || kind != ScopeKind::Class {
                self.scopes[id].syms.insert(name.clone(), Sym::Cell);
            }
        }
        for name in passthrough {
            free.insert(name.clone());
            let s = &mut self.scopes[id];
            match s.syms.get(&name) {
                // A class binding the name keeps its namespace slot; the
                // cell still passes through to the methods.
                Some(Sym::Local) if kind == ScopeKind::Class => {}
                Some(Sym::GlobalExplicit) => {}
                _ => {
                    s.syms.insert(name.clone(), Sym::Free);
                }
            }
        }
        let mut freevars: Vec<String> = free.into_iter().collect();
        freevars.sort();
        // Locals in order: parameters first, then by first appearance.
        let scope = &mut self.scopes[id];
        if matches!(scope.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            let mut varnames = scope.params.clone();
            for n in &scope.order {
                if !varnames.contains(n)
                    && matches!(scope.syms.get(n), Some(Sym::Local) | Some(Sym::Cell))
                {
                    varnames.push(n.clone());
                }
            }
            scope.varnames = varnames;
        }
        scope.cellvars = cells;
        scope.freevars = freevars.clone();
        Ok(freevars.into_iter().collect())
    }
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.scopes[self.cur]
    }

    fn add(&mut self, name: &str, flag: u8) {
        let s = self.scope();
        match s.flags.get_mut(name) {
            Some(f) => *f |= flag,
            None => {
                s.flags.insert(name.to_string(), flag);
                s.order.push(name.to_string());
            }
        }
    }

    fn err(&mut self, msg: String, loc: Loc) {
        if self.error.is_none() {
            self.error = Some(ScopeError { msg, line: loc.line, col: loc.col });
        }
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, Some(self.cur)));
        self.scopes[self.cur].children.push(id);
        self.by_node.insert(key, id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn params(&mut self, a: &Arguments) {
        let mut names: Vec<&str> = Vec::new();
        for p in a.posonlyargs.iter().chain(a.args.iter()) {
            names.push(&p.arg);
        }
        for p in &a.kwonlyargs {
            names.push(&p.arg);
        }
        if let Some(v) = &a.vararg {
            names.push(&v.arg);
        }
        if let Some(k) = &a.kwarg {
            names.push(&k.arg);
        }
        for n in names {
            self.add(n, DEF_PARAM);
            self.scope().params.push(n.to_string());
        }
    }

    fn arg_defaults(&mut self, a: &Arguments) {
        for d in &a.defaults {
            self.expr(d);
        }
        for d in a.kw_defaults.iter().flatten() {
            self.expr(d);
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.add(&f.name, DEF_LOCAL);
                for d in &f.decorator_list {
                    self.expr(d);
                }
                self.arg_defaults(&f.args);
                for a in all_params(&f.args) {
                    if let Some(e) = &a.annotation {
                        self.expr(e);
                    }
                }
                if let Some(e) = &f.returns {
                    self.expr(e);
                }
                let prev = self.enter(ScopeKind::Function, &f.name, node_key(&**f));
                self.scope().is_coroutine = f.is_async;
                self.params(&f.args);
                self.stmts(&f.body);
                self.cur = prev;
            }
            StmtKind::ClassDef(c) => {
                self.add(&c.name, DEF_LOCAL);
                for b in &c.bases {
                    self.expr(b);
                }
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                for d in &c.decorator_list {
                    self.expr(d);
                }
                let prev = self.enter(ScopeKind::Class, &c.name, node_key(&**c));
                self.stmts(&c.body);
                self.cur = prev;
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.expr(t);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.expr(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.add(id, DEF_LOCAL | USE);
                } else {
                    self.expr(target);
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v);
                }
                self.expr(target);
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter);
                self.expr(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.expr(v);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.add(n, DEF_LOCAL);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.add(bound, DEF_LOCAL);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        continue;
                    }
                    let bound = a.asname.as_deref().unwrap_or(&a.name);
                    self.add(bound, DEF_LOCAL);
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    let f = self.scope().flags.get(n).copied().unwrap_or(0);
                    if self.scope().kind != ScopeKind::Module && f & (DEF_LOCAL | USE) != 0 {
                        let what = if f & DEF_LOCAL != 0 { "assigned to" } else { "used" };
                        self.err(format!("name '{n}' is {what} before global declaration"), s.loc);
                    }
                    if f & DEF_PARAM != 0 {
                        self.err(format!("name '{n}' is parameter and global"), s.loc);
                    }
                    self.add(n, DEF_GLOBAL);
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    let f = self.scope().flags.get(n).copied().unwrap_or(0);
                    if self.scope().kind == ScopeKind::Module {
                        self.err("nonlocal declaration not allowed at module level".into(), s.loc);
                    }
                    if f & (DEF_LOCAL | USE) != 0 {
                        let what = if f & DEF_LOCAL != 0 { "assigned to" } else { "used" };
                        self.err(
                            format!("name '{n}' is {what} before nonlocal declaration"),
                            s.loc,
                        );
                    }
                    if f & DEF_PARAM != 0 {
                        self.err(format!("name '{n}' is parameter and nonlocal"), s.loc);
                    }
                    self.add(n, DEF_NONLOCAL);
                }
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn comprehension(
        &mut self,
        key: usize,
        name: &str,
        gens: &[Comprehension],
        elts: &[&Expr],
        is_gen: bool,
    ) {
        let Some(first) = gens.first() else { return };
        self.expr(&first.iter);
        let prev = self.enter(ScopeKind::Comprehension, name, key);
        self.add(".0", DEF_PARAM);
        self.scope().params.push(".0".to_string());
        self.scope().is_generator = is_gen;
        for (i, g) in gens.iter().enumerate() {
            if g.is_async {
                self.scope().is_coroutine = true;
            }
            if i > 0 {
                self.expr(&g.iter);
            }
            self.expr(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        if self.scope().has_await {
            self.scope().is_coroutine = true;
        }
        self.cur = prev;
    }

    fn expr(&mut self, e: &Expr) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.err("too many nested parentheses".into(), e.loc);
            self.depth -= 1;
            return;
        }
        self.expr_inner(e);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                if let ExprKind::Name { id, .. } = &target.kind {
                    // The target binds in the nearest enclosing scope that
                    // is not a comprehension.
                    let mut sid = self.cur;
                    let mut path = Vec::new();
                    while self.scopes[sid].kind == ScopeKind::Comprehension {
                        path.push(sid);
                        match self.scopes[sid].parent {
                            Some(p) => sid = p,
                            None => break,
                        }
                    }
                    let prev = self.cur;
                    let outer_kind = self.scopes[sid].kind;
                    self.cur = sid;
                    self.add(id, DEF_LOCAL);
                    for p in path {
                        self.cur = p;
                        if outer_kind == ScopeKind::Function {
                            self.add(id, DEF_NONLOCAL);
                        } else {
                            self.add(id, DEF_GLOBAL);
                        }
                    }
                    self.cur = prev;
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args);
                let prev = self.enter(ScopeKind::Function, "<lambda>", node_key(e));
                self.params(args);
                self.expr(body);
                self.cur = prev;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k);
                }
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::Set(elts) => {
                for v in elts {
                    self.expr(v);
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(node_key(e), "<listcomp>", generators, &[elt], false)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(node_key(e), "<setcomp>", generators, &[elt], false)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(node_key(e), "<dictcomp>", generators, &[key, value], false)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(node_key(e), "<genexpr>", generators, &[elt], true)
            }
            ExprKind::Await(v) => {
                self.scope().has_await = true;
                self.expr(v);
            }
            ExprKind::Yield(v) => {
                self.scope().is_generator = true;
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.scope().is_generator = true;
                self.expr(v);
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left);
                for c in comparators {
                    self.expr(c);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&k.value);
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value);
                if let Some(s) = format_spec {
                    self.expr(s);
                }
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p);
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Name { id, ctx } => match ctx {
                ExprContext::Load => {
                    self.add(id, USE);
                    if id == "super" && self.scope().kind == ScopeKind::Function {
                        self.add("__class__", USE);
                    }
                }
                ExprContext::Store | ExprContext::Del => self.add(id, DEF_LOCAL),
            },
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                for v in elts {
                    self.expr(v);
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }
}

/// The parameters of a parameter list in CPython's annotation order:
/// positional-only, ordinary, `*args`, keyword-only, `**kwargs`.
pub(super) fn all_params(a: &Arguments) -> impl Iterator<Item = &Arg> {
    a.posonlyargs
        .iter()
        .chain(a.args.iter())
        .chain(a.vararg.iter())
        .chain(a.kwonlyargs.iter())
        .chain(a.kwarg.iter())
}
