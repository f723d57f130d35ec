//! The compiler: an AST from `asyncpy-syntax` to [`code::Code`] objects.
//!
//! [`symtable`] first decides where every name lives; then one code unit
//! per scope is emitted ([`stmt`] and [`expr`]). Control flow that leaves a
//! block early (`return`, `break`, `continue` through `finally`, `with` and
//! `except` blocks) is compiled as CPython 3.11 compiles it: the compiler
//! keeps a stack of the blocks it is inside ("fblocks") and emits the
//! clean-up of each block it leaves (popping the iterator, calling
//! `__exit__`, running the `finally` body inline).

pub mod code;
mod expr;
mod stmt;
pub mod symtable;

use crate::objects::str::{intern, PyStr};
use crate::value::Value;
use asyncpy_syntax::ast;
use code::{Code, CodeFlags, Instr};
use std::collections::HashMap;
use std::rc::Rc;
use symtable::{ScopeId, ScopeKind, Sym, SymTable};

/// A compile-time error (CPython reports these as `SyntaxError`).
#[derive(Debug, Clone)]
pub struct CompileError {
    /// The message.
    pub msg: String,
    /// Line, 1-based.
    pub line: usize,
    /// Column, 0-based.
    pub col: usize,
}

/// Options of [`compile_module`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CompileOptions {
    /// Compile the module as a coroutine (it contains top-level `await`).
    pub top_level_await: bool,
    /// The code is the interpreter's own prelude (hidden in tracebacks).
    pub internal: bool,
}

/// A block the code being compiled is inside, for early exits.
#[derive(Clone)]
enum FBlock<'a> {
    /// A `while` loop: `continue` jumps to `start`; `break` jumps to the
    /// patched list.
    While { start: u32, breaks: Vec<usize> },
    /// A `for` loop (its iterator is on the stack).
    For { start: u32, breaks: Vec<usize> },
    /// An `async for` loop (its async iterator is on the stack).
    AsyncFor { start: u32, breaks: Vec<usize> },
    /// A `try` body with an `except` handler block set up.
    TryExcept,
    /// A `try` body whose `finally` must run on the way out.
    FinallyTry { body: &'a [ast::Stmt] },
    /// The `finally` body run for an exception (the exception is on the
    /// stack and being handled).
    FinallyEnd,
    /// An `except` handler body (the exception is being handled; a named
    /// handler also has a clean-up block).
    Handler { name: Option<&'a str> },
    /// A `with` body (`__exit__` is on the stack).
    With { is_async: bool },
}

/// One code object being emitted.
struct Unit<'a> {
    scope: ScopeId,
    name: Rc<PyStr>,
    qualname: String,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Rc<PyStr>>,
    name_index: HashMap<String, u32>,
    varnames: Vec<String>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    fblocks: Vec<FBlock<'a>>,
    line: u32,
    first_line: u32,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    flags: CodeFlags,
    doc: Option<Rc<PyStr>>,
}

/// The compiler state.
pub struct Compiler<'a> {
    st: SymTable,
    filename: Rc<str>,
    internal: bool,
    units: Vec<Unit<'a>>,
    depth: usize,
    error: Option<CompileError>,
}

/// Compiles a module's AST into its code object.
pub fn compile_module(
    module: &ast::Module,
    filename: &str,
    options: CompileOptions,
) -> Result<Rc<Code>, CompileError> {
    let st = symtable::SymTable::build(module).map_err(|e| CompileError {
        msg: e.msg,
        line: e.line,
        col: e.col,
    })?;
    let mut c = Compiler {
        st,
        filename: Rc::from(filename),
        internal: options.internal,
        units: Vec::new(),
        depth: 0,
        error: None,
    };
    c.push_unit(0, "<module>", "<module>".to_string(), 1);
    if options.top_level_await {
        c.unit().flags.coroutine = true;
    }
    c.unit().flags.uses_namespace = true;
    if stmt::has_annotations(&module.body) {
        c.emit(Instr::SetupAnnotations);
    }
    c.stmts(&module.body);
    c.load_const(Value::None);
    c.emit(Instr::Return);
    if let Some(e) = c.error.take() {
        return Err(e);
    }
    Ok(c.pop_unit())
}

impl<'a> Compiler<'a> {
    fn push_unit(&mut self, scope: ScopeId, name: &str, qualname: String, first_line: u32) {
        let s = &self.st.scopes[scope];
        self.units.push(Unit {
            scope,
            name: intern(name),
            qualname,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: s.varnames.clone(),
            cellvars: s.cellvars.clone(),
            freevars: s.freevars.clone(),
            fblocks: Vec::new(),
            line: first_line,
            first_line,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            flags: CodeFlags::default(),
            doc: None,
        });
    }

    fn pop_unit(&mut self) -> Rc<Code> {
        let u = match self.units.pop() {
            Some(u) => u,
            None => {
                return Rc::new(Code {
                    name: intern("?"),
                    qualname: intern("?"),
                    filename: self.filename.clone(),
                    internal: self.internal,
                    instrs: vec![Instr::LoadConst(0), Instr::Return],
                    lines: vec![1, 1],
                    first_line: 1,
                    consts: vec![Value::None],
                    names: vec![],
                    varnames: vec![],
                    cellvars: vec![],
                    freevars: vec![],
                    cell2arg: vec![],
                    argcount: 0,
                    posonlyargcount: 0,
                    kwonlyargcount: 0,
                    flags: CodeFlags::default(),
                    simple: true,
                    doc: None,
                })
            }
        };
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                let nparams =
                    (u.argcount + u.kwonly + u.flags.varargs as u32 + u.flags.varkw as u32)
                        as usize;
                u.varnames.iter().take(nparams).position(|v| v == c).map(|i| i as u32)
            })
            .collect();
        Rc::new(Code {
            name: u.name,
            qualname: intern(&u.qualname),
            filename: self.filename.clone(),
            internal: self.internal,
            instrs: u.instrs,
            lines: u.lines,
            first_line: u.first_line,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames.iter().map(|s| intern(s)).collect(),
            cellvars: u.cellvars.iter().map(|s| intern(s)).collect(),
            freevars: u.freevars.iter().map(|s| intern(s)).collect(),
            cell2arg,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            simple: !u.flags.varargs
                && !u.flags.varkw
                && u.kwonly == 0
                && u.cellvars.is_empty()
                && !(u.flags.generator || u.flags.coroutine || u.flags.async_generator),
            flags: u.flags,
            doc: u.doc,
        })
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        let n = self.units.len();
        &mut self.units[n - 1]
    }

    fn unit_ref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    fn scope_kind(&self) -> ScopeKind {
        self.st.scopes[self.unit_ref().scope].kind
    }

    fn fail(&mut self, msg: impl Into<String>, loc: ast::Loc) {
        if self.error.is_none() {
            self.error = Some(CompileError { msg: msg.into(), line: loc.line, col: loc.col });
        }
    }

    /// Appends an instruction at the current line; returns its index.
    fn emit(&mut self, i: Instr) -> usize {
        let u = self.unit();
        u.instrs.push(i);
        u.lines.push(u.line);
        u.instrs.len() - 1
    }

    /// Index of the next instruction.
    fn here(&mut self) -> u32 {
        self.unit().instrs.len() as u32
    }

    /// Points the jump at `at` to `target`.
    fn patch(&mut self, at: usize, target: u32) {
        let u = self.unit();
        if let Some(i) = u.instrs.get_mut(at) {
            *i = match *i {
                Instr::Jump(_) => Instr::Jump(target),
                Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
                Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
                Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
                Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
                Instr::ForIter(_) => Instr::ForIter(target),
                Instr::SetupExcept(_) => Instr::SetupExcept(target),
                Instr::Send(_) => Instr::Send(target),
                other => other,
            };
        }
    }

    /// Points the jump at `at` to the next instruction.
    fn patch_here(&mut self, at: usize) {
        let t = self.here();
        self.patch(at, t);
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let u = self.unit();
        // Reuse simple constants.
        for (i, c) in u.consts.iter().enumerate() {
            let same = match (c, &v) {
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
                _ => false,
            };
            if same {
                return i as u32;
            }
        }
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }

    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Instr::LoadConst(i));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.name_index.get(name) {
            return *i;
        }
        let i = u.names.len() as u32;
        u.names.push(intern(name));
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn cell_idx(&self, name: &str) -> Option<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return Some(i as u32);
        }
        u.freevars.iter().position(|c| c == name).map(|i| (i + u.cellvars.len()) as u32)
    }

    fn local_idx(&self, name: &str) -> Option<u32> {
        self.unit_ref().varnames.iter().position(|c| c == name).map(|i| i as u32)
    }

    /// Emits the load, store or delete of a variable.
    fn name_op(&mut self, name: &str, ctx: ast::ExprContext) {
        use ast::ExprContext::*;
        let kind = self.scope_kind();
        let sym = self.st.scopes[self.unit_ref().scope].lookup(name);
        // `__class__` inside a class body refers to its own cell.
        let instr = match (kind, sym) {
            (ScopeKind::Module, Sym::Free) | (ScopeKind::Module, _) => {
                let i = self.name_idx(name);
                match ctx {
                    Load => Instr::LoadGlobal(i),
                    Store => Instr::StoreGlobal(i),
                    Del => Instr::DeleteGlobal(i),
                }
            }
            (_, Sym::GlobalExplicit) => {
                let i = self.name_idx(name);
                match ctx {
                    Load => Instr::LoadGlobal(i),
                    Store => Instr::StoreGlobal(i),
                    Del => Instr::DeleteGlobal(i),
                }
            }
            (ScopeKind::Class, Sym::Free) => match self.cell_idx(name) {
                Some(c) => match ctx {
                    Load => Instr::LoadClassDeref(c),
                    Store => Instr::StoreDeref(c),
                    Del => Instr::DeleteDeref(c),
                },
                None => {
                    let i = self.name_idx(name);
                    Instr::LoadName(i)
                }
            },
            (ScopeKind::Class, _) => {
                let i = self.name_idx(name);
                match ctx {
                    Load => Instr::LoadName(i),
                    Store => Instr::StoreName(i),
                    Del => Instr::DeleteName(i),
                }
            }
            (_, Sym::GlobalImplicit) => {
                let i = self.name_idx(name);
                match ctx {
                    Load => Instr::LoadGlobal(i),
                    Store => Instr::StoreGlobal(i),
                    Del => Instr::DeleteGlobal(i),
                }
            }
            (_, Sym::Cell) | (_, Sym::Free) => match self.cell_idx(name) {
                Some(c) => match ctx {
                    Load => Instr::LoadDeref(c),
                    Store => Instr::StoreDeref(c),
                    Del => Instr::DeleteDeref(c),
                },
                None => {
                    let i = self.name_idx(name);
                    Instr::LoadGlobal(i)
                }
            },
            (_, Sym::Local) => match self.local_idx(name) {
                Some(l) => match ctx {
                    Load => Instr::LoadFast(l),
                    Store => Instr::StoreFast(l),
                    Del => Instr::DeleteFast(l),
                },
                None => {
                    let i = self.name_idx(name);
                    match ctx {
                        Load => Instr::LoadGlobal(i),
                        Store => Instr::StoreGlobal(i),
                        Del => Instr::DeleteGlobal(i),
                    }
                }
            },
        };
        self.emit(instr);
    }

    fn set_line(&mut self, line: usize) -> u32 {
        let u = self.unit();
        let old = u.line;
        u.line = line as u32;
        old
    }

    fn restore_line(&mut self, line: u32) {
        self.unit().line = line;
    }

    /// The qualified name for a function or class named `name` defined in
    /// the current unit.
    fn qualname_for(&self, name: &str) -> String {
        let u = self.unit_ref();
        let kind = self.st.scopes[u.scope].kind;
        match kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            _ => {
                // A global declaration of the name puts it at the top.
                if self.st.scopes[u.scope].lookup(name) == Sym::GlobalExplicit {
                    name.to_string()
                } else {
                    format!("{}.<locals>.{}", u.qualname, name)
                }
            }
        }
    }

    /// Emits the closure cells (as a tuple constant of this unit's cell
    /// indices) a new code object with these free variables needs.
    fn closure_for(&mut self, freevars: &[Rc<PyStr>]) -> bool {
        if freevars.is_empty() {
            return false;
        }
        let mut idx = Vec::new();
        for f in freevars {
            let i = self.cell_idx(f.as_str()).unwrap_or(u32::MAX);
            idx.push(Value::int(i as i64));
        }
        let c = self.add_const_raw(Value::tuple(idx));
        self.emit(Instr::LoadConst(c));
        true
    }

    fn add_const_raw(&mut self, v: Value) -> u32 {
        let u = self.unit();
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }
}
