//! Bytecode: the instructions the compiler emits and the VM runs, and the
//! code object that holds them with their constants, names and line table.
//!
//! The instruction set is CPython 3.11's in spirit (a stack machine with
//! `LOAD_FAST`, `LOAD_METHOD`/`CALL`, `SEND` for `yield from` and `await`)
//! with one simplification: exception handlers are a block stack
//! (`SetupExcept`/`PopBlock`), each block remembering the value-stack height
//! and the handled-exception depth to restore, instead of an exception table.

use crate::objects::str::PyStr;
use crate::value::Value;
use std::rc::Rc;

/// A binary operator (also the in-place forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }

    /// The dunder names: (`__add__`, `__radd__`, `__iadd__`).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// A rich comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The dunder (`__lt__`).
    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }

    /// The reflected comparison (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `not`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
    /// `~`
    Invert,
}

/// What `GetAwaitable` is for (CPython's error messages differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwaitKind {
    /// `await x`.
    Await,
    /// `async with`'s `__aenter__`.
    AEnter,
    /// `async with`'s `__aexit__`.
    AExit,
}

/// One instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    /// Does nothing.
    Nop,
    /// Drops TOS.
    PopTop,
    /// Drops the iterator of a loop left early; a generator nothing else
    /// refers to is finalized then (`close()`; `aclose()` scheduled on the
    /// loop for an async generator), as CPython's reference counting does.
    PopIter,
    /// Swaps the two top values.
    Rot2,
    /// TOS moves down two: [a, b, c] -> [c, a, b].
    Rot3,
    /// TOS moves down three.
    Rot4,
    /// Pushes a copy of TOS.
    DupTop,
    /// Pushes copies of the two top values.
    DupTop2,
    /// Pushes a copy of the n-th value from the top (1 is TOS).
    Copy(u32),
    /// Pushes a constant.
    LoadConst(u32),
    /// Pushes a local.
    LoadFast(u32),
    /// Pops into a local.
    StoreFast(u32),
    /// Empties a local.
    DeleteFast(u32),
    /// Pushes the value of a cell or free variable.
    LoadDeref(u32),
    /// Pops into a cell.
    StoreDeref(u32),
    /// Empties a cell.
    DeleteDeref(u32),
    /// In a class body: the name from the class namespace, else the cell.
    LoadClassDeref(u32),
    /// Pushes the cell itself (to build a closure).
    LoadClosure(u32),
    /// Pushes a global (then a builtin).
    LoadGlobal(u32),
    /// Pops into a global.
    StoreGlobal(u32),
    /// Deletes a global.
    DeleteGlobal(u32),
    /// Pushes a name from the local namespace, then globals, then builtins.
    LoadName(u32),
    /// Pops into the local namespace.
    StoreName(u32),
    /// Deletes from the local namespace.
    DeleteName(u32),
    /// TOS = TOS.name.
    LoadAttr(u32),
    /// TOS.name = TOS1.
    StoreAttr(u32),
    /// del TOS.name.
    DeleteAttr(u32),
    /// Replaces TOS with [method, self] (or [callable, Unbound]).
    LoadMethod(u32),
    /// TOS = TOS1[TOS].
    BinarySubscr,
    /// TOS1[TOS] = TOS2.
    StoreSubscr,
    /// del TOS1[TOS].
    DeleteSubscr,
    /// TOS = TOS1 op TOS.
    Binary(BinOp),
    /// TOS = TOS1 op= TOS.
    Inplace(BinOp),
    /// TOS = op TOS.
    Unary(UnOp),
    /// TOS = TOS1 cmp TOS.
    Compare(CmpOp),
    /// `is` (`is not` when true).
    IsOp(bool),
    /// `in` (`not in` when true).
    ContainsOp(bool),
    /// Jumps.
    Jump(u32),
    /// Pops; jumps if false.
    PopJumpIfFalse(u32),
    /// Pops; jumps if true.
    PopJumpIfTrue(u32),
    /// Jumps if TOS is false (keeping it), else pops.
    JumpIfFalseOrPop(u32),
    /// Jumps if TOS is true (keeping it), else pops.
    JumpIfTrueOrPop(u32),
    /// TOS = iter(TOS).
    GetIter,
    /// Pushes next(TOS); when exhausted pops TOS and jumps.
    ForIter(u32),
    /// TOS = TOS.__aiter__().
    GetAIter,
    /// Pushes the awaitable of TOS.__anext__().
    GetANext,
    /// After an `async for`'s `__anext__` raised: StopAsyncIteration ends
    /// the loop (handler code).
    EndAsyncFor,
    /// TOS = the awaitable's iterator (`__await__`).
    GetAwaitable(AwaitKind),
    /// TOS = iter(TOS) for `yield from` (coroutines pass through).
    GetYieldFromIter,
    /// Sends TOS into the delegate TOS1: on yield, this frame yields it
    /// (and resumes here); on return, pops the delegate, pushes the value
    /// and jumps to the target.
    Send(u32),
    /// Yields TOS; the sent value is pushed on resumption.
    YieldValue,
    /// Returns TOS.
    Return,
    /// Builds a tuple of the top n values.
    BuildTuple(u32),
    /// Builds a list.
    BuildList(u32),
    /// Builds a set.
    BuildSet(u32),
    /// Builds a dict from n key/value pairs.
    BuildMap(u32),
    /// Builds a slice of 2 or 3 values.
    BuildSlice(u32),
    /// Concatenates n strings.
    BuildString(u32),
    /// list.append(stack[-i], TOS) (comprehensions).
    ListAppend(u32),
    /// set.add(stack[-i], TOS).
    SetAdd(u32),
    /// dict[stack[-i]] : TOS1 key, TOS value.
    MapAdd(u32),
    /// stack[-i].extend(TOS).
    ListExtend(u32),
    /// stack[-i].update(TOS) for a set.
    SetUpdate(u32),
    /// stack[-i].update(TOS) for a dict display `{**d}`.
    DictUpdate(u32),
    /// Like DictUpdate for `f(**d)`: duplicate keys are an error.
    DictMerge(u32),
    /// TOS = tuple(TOS) (a list).
    ListToTuple,
    /// Unpacks TOS into n values (first item on top).
    UnpackSequence(u32),
    /// Unpacks with a starred target: (before, after).
    UnpackEx(u16, u16),
    /// Calls with n positional arguments: [callable, args...].
    Call(u32),
    /// Calls with n arguments, the last ones keywords named by the tuple
    /// constant.
    CallKw(u32, u32),
    /// Calls with an args tuple (and a kwargs dict when true).
    CallEx(bool),
    /// Calls [method, self_or_unbound, args...] with n positional args.
    CallMethod(u32),
    /// CallMethod with keywords named by the tuple constant.
    CallMethodKw(u32, u32),
    /// Makes a function from the code on TOS; flags: 1 defaults tuple,
    /// 2 kwdefaults dict, 8 closure tuple (below the code, in that order).
    MakeFunction(u32),
    /// Runs a class body: [body function, name, bases..., (kwargs dict)]
    /// with n bases; the flag says if a kwargs dict is there.
    BuildClass(u32, bool),
    /// Pushes a handler block: on an exception, truncate the stack, push
    /// the exception and jump.
    SetupExcept(u32),
    /// Pops the handler block.
    PopBlock,
    /// Marks TOS (an exception) as being handled (`sys.exception()`).
    PushExcInfo,
    /// Ends handling the most recent exception.
    PopExcept,
    /// Re-raises the exception on TOS without adding a traceback line.
    Reraise,
    /// `raise` (0), `raise X` (1), `raise X from Y` (2).
    Raise(u32),
    /// [exc, type] -> [exc, bool]: isinstance(exc, type).
    CheckExcMatch,
    /// except*: [eg, type] -> [rest, match] (match None if no match).
    CheckEgMatch,
    /// except*: [orig, list of raised] -> exception to re-raise or None.
    PrepReraiseStar,
    /// [mgr] -> [exit, enter()].
    BeforeWith,
    /// [mgr] -> [aexit, aenter()] (the awaitable is awaited next).
    BeforeAsyncWith,
    /// [exit, ..., exc] -> [exit, ..., exc, exit(type, exc, tb)].
    WithExceptStart,
    /// Formats TOS (flags: 1 str, 2 repr, 3 ascii; 4: a spec is on TOS).
    FormatValue(u8),
    /// import name (TOS1 level, TOS fromlist) -> module.
    ImportName(u32),
    /// Pushes TOS.name (from module import name).
    ImportFrom(u32),
    /// from module import *.
    ImportStar,
    /// Pushes AssertionError.
    LoadAssertionError,
    /// Pushes the `__build_class__`-free `locals()` of a class body (used
    /// for `__classcell__`).
    LoadLocals,
    /// Pops TOS; raises `StopAsyncIteration`-aware errors for async
    /// generators returning a value (never emitted: kept for symmetry).
    SetupAnnotations,
}

/// Flags of a code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    /// Has `*args`.
    pub varargs: bool,
    /// Has `**kwargs`.
    pub varkw: bool,
    /// Contains `yield` (and is not async).
    pub generator: bool,
    /// `async def` without `yield`.
    pub coroutine: bool,
    /// `async def` with `yield`.
    pub async_generator: bool,
    /// Module or class body (names go through a namespace).
    pub uses_namespace: bool,
}

/// A compiled function body, module or class body.
pub struct Code {
    /// `co_name`.
    pub name: Rc<PyStr>,
    /// `co_qualname`.
    pub qualname: Rc<PyStr>,
    /// The file it came from.
    pub filename: Rc<str>,
    /// True for the embedded prelude (hidden from tracebacks).
    pub internal: bool,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// The first line (`def` line).
    pub first_line: u32,
    /// Constants.
    pub consts: Vec<Value>,
    /// Names used by global/attribute/name instructions.
    pub names: Vec<Rc<PyStr>>,
    /// Local variable names (parameters first).
    pub varnames: Vec<Rc<PyStr>>,
    /// Names of cells made by this code (captured by inner functions).
    pub cellvars: Vec<Rc<PyStr>>,
    /// Names of free variables (cells from the enclosing functions).
    pub freevars: Vec<Rc<PyStr>>,
    /// For each cellvar, the parameter it starts as, if any.
    pub cell2arg: Vec<Option<u32>>,
    /// Number of positional parameters (including positional-only).
    pub argcount: u32,
    /// Number of positional-only parameters.
    pub posonlyargcount: u32,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Flags.
    pub flags: CodeFlags,
    /// Only positional parameters, no cells of its own, not a generator:
    /// a call with exactly `argcount` positional arguments needs no
    /// argument binding (the VM's fast call path).
    pub simple: bool,
    /// Docstring.
    pub doc: Option<Rc<PyStr>>,
}

impl Code {
    /// The source line of instruction `pc`.
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }

    /// Total number of parameters (positional, keyword-only, `*args`,
    /// `**kwargs`).
    pub fn total_params(&self) -> usize {
        self.argcount as usize
            + self.kwonlyargcount as usize
            + self.flags.varargs as usize
            + self.flags.varkw as usize
    }

    /// True for generator, coroutine and async generator code.
    pub fn is_gen(&self) -> bool {
        self.flags.generator || self.flags.coroutine || self.flags.async_generator
    }
}
