//! The virtual machine: the frame stack, the instruction loop, calls,
//! attributes, operators, exceptions and generators.
//!
//! Python calls never recurse in Rust: a call pushes a [`frame::Frame`] on
//! `frames` and the loop in [`exec`] carries on with it, so a run can stop
//! after any instruction (the host's step budget) and a deep recursion is a
//! `RecursionError`, not a crashed stack.
//!
//! A few builtins need a Python result synchronously in the middle of Rust
//! code (a user `__eq__` inside a dict lookup, `__repr__` inside a list's
//! repr, `__lt__` inside `list.sort`). They use [`Vm::call_sync`], which runs
//! a nested instruction loop on the same frame stack until that one call
//! returns. Nesting is bounded ([`MAX_REENTRY`]), and a step budget that runs
//! out inside a nested loop cannot pause there: it gets a grace of
//! [`REENTRY_GRACE`] more steps to finish the nested call, after which the
//! run ends with the non-resumable "stopped" outcome.

pub mod attr;
pub mod call;
pub mod exec;
pub mod frame;
pub mod gen;
pub mod iter;
pub mod ops;
pub mod unwind;

use crate::objects::class::Class;
use crate::objects::dict::Dict;
use crate::objects::exc::{recursion_error, Exc};
use crate::objects::func::Args;
use crate::objects::str::PyStr;
use crate::objects::types::types;
use crate::value::{DictRef, Value};
use frame::{Cont, Exit, Frame};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, Exc>;

/// How deep `call_sync` may nest.
pub const MAX_REENTRY: usize = 24;

/// Steps a nested run may take past the budget before the run is stopped.
pub const REENTRY_GRACE: u64 = 5_000_000;

/// Why the instruction loop stopped before its work was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    /// The step budget ran out; the run can resume.
    Budget,
    /// The loop waits for the clock or for I/O (returned to the host).
    Idle,
    /// The run cannot continue (budget exhausted inside a nested call).
    Stopped,
    /// Every task waits and no timer is set.
    Deadlock,
}

/// What the program printed and what happened, collected for the host.
#[derive(Default)]
pub struct Output {
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
    /// The partial line printed with `end=""` so far.
    pub partial: String,
    /// The task that printed the partial line.
    pub partial_task: Option<Rc<PyStr>>,
}

/// Settings of the interpreter.
#[derive(Clone, Debug)]
pub struct VmConfig {
    /// The clock is virtual: the loop moves it to the next deadline itself.
    pub virtual_clock: bool,
    /// Contents of `static/example/N.txt` for N in 1..=8, for the fake
    /// `aiohttp` (index 0 is N=1).
    pub example_texts: Vec<Option<String>>,
    /// Record events for the host (prints, tasks, waits).
    pub record_events: bool,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig { virtual_clock: true, example_texts: vec![None; 8], record_events: true }
    }
}

/// The interpreter state.
pub struct Vm {
    /// The frame stack (boxed: a call or a generator's resumption moves a
    /// pointer, not the frame).
    pub frames: Vec<Box<Frame>>,
    /// Finished frames kept for reuse by the fast call path.
    pub frame_pool: Vec<Box<Frame>>,
    /// The `builtins` namespace.
    pub builtins: DictRef,
    /// Imported modules by name.
    pub modules: HashMap<String, Value>,
    /// Where a nested run's result lands.
    pub reentry_slot: Option<Exit>,
    /// Current nesting of `call_sync`.
    pub reentry_depth: usize,
    /// Instructions run so far.
    pub steps: u64,
    /// The loop stops (pauses) when `steps` reaches this.
    pub step_limit: u64,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: usize,
    /// Output.
    pub out: Output,
    /// Source lines of each file, for tracebacks.
    pub sources: HashMap<String, Rc<Vec<String>>>,
    /// Objects being repr'd (to print `[...]` for a list inside itself).
    pub repr_stack: Vec<u64>,
    /// The exception that ended the main module, if any.
    pub uncaught: Option<Exc>,
    /// The module frame finished (its result).
    pub main_done: bool,
    /// asyncio's state.
    pub aio: crate::asyncio::AioState,
    /// The Mersenne Twister of `random`.
    pub rng: crate::modules::random::Mt,
    /// Settings.
    pub config: VmConfig,
    /// Events for the host.
    pub events: Vec<crate::host::Event>,
    /// The prelude module's globals (asyncio helpers in Python).
    pub prelude: Option<DictRef>,
    /// The error being raised is a re-raise: no new traceback line.
    pub skip_tb: bool,
    /// Spare value vectors of finished frames (calls reuse them).
    pub vec_pool: Vec<Vec<Value>>,
    /// The frame depth at or below which the instruction loop must hand
    /// back to `execute` (a nested run's base, a running loop's base).
    pub floor: usize,
}

impl Vm {
    /// A fresh VM with the builtins installed.
    pub fn new(config: VmConfig) -> Vm {
        let builtins = Rc::new(RefCell::new(Dict::new()));
        let mut vm = Vm {
            frames: Vec::new(),
            frame_pool: Vec::new(),
            builtins,
            modules: HashMap::new(),
            reentry_slot: None,
            reentry_depth: 0,
            steps: 0,
            step_limit: u64::MAX,
            recursion_limit: 1000,
            out: Output::default(),
            sources: HashMap::new(),
            repr_stack: Vec::new(),
            uncaught: None,
            main_done: false,
            aio: crate::asyncio::AioState::default(),
            rng: crate::modules::random::Mt::new(0),
            config,
            events: Vec::new(),
            prelude: None,
            skip_tb: false,
            vec_pool: Vec::new(),
            floor: 0,
        };
        crate::builtins::install_builtins(&mut vm);
        vm
    }

    /// Pushes on the top frame's stack.
    #[inline]
    pub fn push(&mut self, v: Value) {
        if let Some(f) = self.frames.last_mut() {
            f.values.push(v);
        }
    }

    /// Pops from the top frame's stack.
    #[inline]
    pub fn pop(&mut self) -> Value {
        match self.frames.last_mut() {
            Some(f) if f.values.len() > f.nlocals => f.values.pop().unwrap_or(Value::None),
            _ => Value::None,
        }
    }

    /// The top of the top frame's stack.
    #[inline]
    pub fn top(&self) -> Value {
        match self.frames.last() {
            Some(f) => f.values.last().cloned().unwrap_or(Value::None),
            None => Value::None,
        }
    }

    /// Pushes a frame, checking the recursion limit (an error goes to
    /// `cont`).
    pub fn push_frame(&mut self, frame: Frame, cont: Cont) -> PyResult<()> {
        self.push_frame_boxed(Box::new(frame), cont)
    }

    /// Pushes a boxed frame, checking the recursion limit.
    pub fn push_frame_boxed(&mut self, mut frame: Box<Frame>, cont: Cont) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            return self
                .finish(cont, Exit::Raise(recursion_error("maximum recursion depth exceeded")));
        }
        frame.cont = cont;
        self.frames.push(frame);
        Ok(())
    }

    /// A fresh frame for `code`, reusing a finished one when there is one.
    pub fn new_frame(
        &mut self,
        code: Rc<crate::compile::code::Code>,
        globals: DictRef,
    ) -> Box<Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                let nlocals = code.varnames.len();
                f.values.clear();
                f.values.resize(nlocals, Value::Unbound);
                f.code = code;
                f.pc = 0;
                f.lasti = 0;
                f.nlocals = nlocals;
                f.cells.clear();
                f.globals = globals;
                f.ns = None;
                f.blocks.clear();
                f.exc_stack.clear();
                f.cont = Cont::Push;
                f.gen = None;
                f.pending_throw = None;
                f
            }
            None => Box::new(Frame::new(code, globals)),
        }
    }

    /// An empty vector for a new frame's values.
    #[inline]
    pub fn take_vec(&mut self) -> Vec<Value> {
        self.vec_pool.pop().unwrap_or_default()
    }

    /// Gives a finished frame's value vector back for reuse.
    #[inline]
    pub fn recycle_vec(&mut self, mut v: Vec<Value>) {
        if self.vec_pool.len() < 64 && v.capacity() <= 256 {
            v.clear();
            self.vec_pool.push(v);
        }
    }

    /// Calls `f` and waits for its result, running a nested instruction
    /// loop if it is Python code (see the module docs for the bounds).
    pub fn call_sync(&mut self, f: Value, args: Args) -> PyResult<Value> {
        let depth = self.frames.len();
        self.call_value(f, args, Cont::Reentry)?;
        self.wait_reentry(depth)
    }

    /// Runs the nested loop until the `Cont::Reentry` continuation of a
    /// frame pushed at `depth` has fired; returns its result.
    pub fn wait_reentry(&mut self, depth: usize) -> PyResult<Value> {
        if let Some(exit) = self.reentry_slot.take() {
            return exit_to_result(exit);
        }
        if self.reentry_depth >= MAX_REENTRY {
            // Drop what was pushed: the nested call cannot run.
            self.frames.truncate(depth);
            return Err(recursion_error("maximum recursion depth exceeded"));
        }
        self.reentry_depth += 1;
        let r = self.execute(depth);
        self.reentry_depth -= 1;
        match r {
            Ok(()) => {}
            Err(Halt::Stopped) => return Err(Exc::new(&types().stopped, vec![])),
            Err(_) => return Err(Exc::new(&types().stopped, vec![])),
        }
        match self.reentry_slot.take() {
            Some(exit) => exit_to_result(exit),
            None => Ok(Value::None),
        }
    }

    /// Looks a name up in the builtins.
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.builtins.borrow().get_str(&PyStr::new(name)).cloned()
    }

    /// The class of a value (`type(v)`).
    pub fn class_of(&self, v: &Value) -> Rc<Class> {
        crate::objects::types::type_of(v)
    }

    /// Writes to stdout, splitting the text into lines for the host's
    /// print events.
    pub fn write_stdout(&mut self, text: &str) {
        self.out.stdout.push_str(text);
        let task = self.aio.current_task_name();
        let mut rest = text;
        while let Some(i) = rest.find('\n') {
            let line = format!("{}{}", std::mem::take(&mut self.out.partial), &rest[..i]);
            let t = self.out.partial_task.take().or_else(|| task.clone());
            if !self.config.record_events {
                rest = &rest[i + 1..];
                self.out.partial.clear();
                self.out.partial_task = None;
                continue;
            }
            self.events.push(crate::host::Event::Print {
                time: self.aio.now(),
                task: t.map(|s| s.as_str().to_string()),
                text: line,
            });
            rest = &rest[i + 1..];
        }
        if !rest.is_empty() {
            if self.out.partial.is_empty() {
                self.out.partial_task = task;
            }
            self.out.partial.push_str(rest);
        }
    }

    /// Writes to stderr.
    pub fn write_stderr(&mut self, text: &str) {
        self.out.stderr.push_str(text);
    }
}

/// A finished frame's exit as a result.
pub fn exit_to_result(exit: Exit) -> PyResult<Value> {
    match exit {
        Exit::Return(v) | Exit::Yield(v) | Exit::YieldUp(v) => Ok(v),
        Exit::Raise(e) => Err(e),
    }
}
