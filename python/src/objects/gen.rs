//! Generators, coroutines and async generators: a suspended frame kept
//! aside (the model of Crafting Interpreters' clox). Resuming one puts its
//! frame back on the VM's frame stack; a `yield` takes it off again.

use crate::compile::code::Code;
use crate::objects::str::PyStr;
use crate::vm::frame::Frame;
use std::cell::RefCell;
use std::rc::Rc;

/// Which of the three kinds of suspended frame this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A `def` with `yield`.
    Generator,
    /// An `async def`.
    Coroutine,
    /// An `async def` with `yield`.
    AsyncGenerator,
}

/// The changing part of a generator.
pub struct GenState {
    /// The suspended frame; `None` while it runs and once it has finished.
    pub frame: Option<Box<Frame>>,
    /// True while its frame is on the frame stack.
    pub running: bool,
    /// True once it has returned or raised.
    pub finished: bool,
    /// True once it has been resumed the first time.
    pub started: bool,
    /// For an async generator: an `asend`/`athrow` is in progress.
    pub async_running: bool,
    /// The delegate it awaits or `yield from`s while suspended (for
    /// `cr_await` and for the clock's busy-poll rule).
    pub last_yield_bare: bool,
}

/// A generator, coroutine or async generator object.
pub struct Generator {
    /// Which kind.
    pub kind: GenKind,
    /// The code it runs.
    pub code: Rc<Code>,
    /// `__name__`.
    pub name: Rc<PyStr>,
    /// `__qualname__`.
    pub qualname: Rc<PyStr>,
    /// A generator made by a `@types.coroutine` function: `await` accepts it.
    pub iterable_coroutine: bool,
    /// The state.
    pub state: RefCell<GenState>,
}

impl Generator {
    /// A new, not yet started generator around `frame`.
    pub fn new(
        kind: GenKind,
        frame: Box<Frame>,
        name: Rc<PyStr>,
        qualname: Rc<PyStr>,
        iterable_coroutine: bool,
    ) -> Rc<Generator> {
        Rc::new(Generator {
            kind,
            code: frame.code.clone(),
            name,
            qualname,
            iterable_coroutine,
            state: RefCell::new(GenState {
                frame: Some(frame),
                running: false,
                finished: false,
                started: false,
                async_running: false,
                last_yield_bare: false,
            }),
        })
    }

    /// The Python type name (`generator`, `coroutine`, `async_generator`).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async_generator",
        }
    }
}
