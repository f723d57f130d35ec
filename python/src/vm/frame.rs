//! Call frames, handler blocks and continuations.
//!
//! Frames live in the VM's `Vec<Frame>`, never on the Rust stack. When a
//! frame finishes it hands its [`Exit`] to its [`Cont`]: the continuation
//! its caller chose (push the value on my stack, feed it to a `for` loop,
//! let my `await` yield it further, give it to a Rust closure, ...).

use crate::compile::code::Code;
use crate::objects::exc::Exc;
use crate::objects::func::{CellRef, Then};
use crate::objects::gen::Generator;
use crate::value::{DictRef, Value};
use std::rc::Rc;

/// An exception handler set up by `SetupExcept`.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Where the handler starts.
    pub handler: u32,
    /// Height of the frame's value array to restore.
    pub level: u32,
    /// Depth of the handled-exception stack to restore.
    pub exc_depth: u32,
}

/// How a frame ended (or paused).
pub enum Exit {
    /// `return value` (or the end of the body).
    Return(Value),
    /// `yield value` in the frame's own code.
    Yield(Value),
    /// A value yielded by something the frame awaits (`await` or `yield
    /// from` passing a yield through). Async generators tell the two apart.
    YieldUp(Value),
    /// An exception left the frame.
    Raise(Exc),
}

/// What receives a frame's [`Exit`].
pub enum Cont {
    /// Push the result on the caller's stack; raise an exception there.
    Push,
    /// A nested run of the VM (`Vm::call_sync`) is waiting for this.
    Reentry,
    /// Give the result to a Rust closure, whose answer goes to the inner
    /// continuation.
    Then(Then, Box<Cont>),
    /// The `ForIter` of the caller resumed this generator: a yield is the
    /// next item, a return ends the loop (jump to the target).
    ForIter(u32),
    /// The `ForIter` of the caller called a `__next__` written in Python:
    /// a return is the next item, StopIteration ends the loop.
    ForNext(u32),
    /// The `Send` of the caller resumed this delegate: a yield makes the
    /// caller yield too; a return is the value of the `await`/`yield from`.
    Send,
    /// `next()`/`send()`/`throw()` called from Python: a yield is the
    /// result, a return is `StopIteration(value)`.
    Next(Box<Cont>),
    /// `__anext__`/`asend()` of an async generator: a yield of the
    /// generator's own is the result (`StopIteration(value)` for the
    /// awaiter), a passed-through yield goes up, a return is
    /// `StopAsyncIteration`.
    ASend(Box<Cont>),
    /// `aclose()` of an async generator: a passed-through yield goes up,
    /// its own yield is an error, GeneratorExit or StopAsyncIteration (or
    /// a return) is success.
    AClose(Box<Cont>),
    /// `__init__` ran: check it returned None, then the instance is the
    /// result.
    Init(Value, Box<Cont>),
    /// A callback of the event loop ran (its result is dropped).
    Callback,
    /// A task stepped its coroutine.
    TaskStep(Value),
    /// Discard the result; report an exception to stderr (finalizers).
    Discard,
}

/// One Python call frame.
pub struct Frame {
    /// The code it runs.
    pub code: Rc<Code>,
    /// The next instruction.
    pub pc: usize,
    /// The instruction being run (for tracebacks and `Send`).
    pub lasti: usize,
    /// Local variables (`nlocals` of them) then the value stack.
    pub values: Vec<Value>,
    /// Number of local slots at the start of `values`.
    pub nlocals: usize,
    /// Cells, then free variables.
    pub cells: Vec<CellRef>,
    /// Module globals.
    pub globals: DictRef,
    /// The namespace of a class body (or module run with a separate one).
    pub ns: Option<DictRef>,
    /// Active handler blocks.
    pub blocks: Vec<Block>,
    /// Exceptions being handled (innermost last).
    pub exc_stack: Vec<Value>,
    /// Who receives the result.
    pub cont: Cont,
    /// The generator this frame belongs to, while it runs.
    pub gen: Option<Rc<Generator>>,
    /// An exception to raise at the current instruction when resumed
    /// (`throw()`).
    pub pending_throw: Option<Exc>,
}

impl Frame {
    /// A frame ready to run `code` with empty locals.
    pub fn new(code: Rc<Code>, globals: DictRef) -> Frame {
        let nlocals = code.varnames.len();
        let mut values = Vec::with_capacity(nlocals + 8);
        values.resize(nlocals, Value::Unbound);
        Frame {
            code,
            pc: 0,
            lasti: 0,
            values,
            nlocals,
            cells: Vec::new(),
            globals,
            ns: None,
            blocks: Vec::new(),
            exc_stack: Vec::new(),
            cont: Cont::Push,
            gen: None,
            pending_throw: None,
        }
    }

    /// The line being run.
    pub fn line(&self) -> u32 {
        self.code.line_at(self.lasti)
    }
}
