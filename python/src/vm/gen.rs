//! Resuming generators and coroutines, `yield from`/`await` delegation, and
//! the small awaitable objects written in Rust (async generator steps, a
//! bare yield).

use super::frame::{Cont, Exit};
use super::{PyResult, Vm};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{runtime_error, type_error, value_error, Exc};
use crate::objects::func::Args;
use crate::objects::gen::{GenKind, Generator};
use crate::objects::types::types;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// How a generator is resumed.
#[derive(Clone)]
pub enum Resume {
    /// `send(value)` (`next()` sends None).
    Send(Value),
    /// `throw(exc)`.
    Throw(Exc),
}

/// What a Rust awaitable did when sent a value.
pub enum NativeStep {
    /// It yields this value (the awaiting frame yields it on).
    Yield(Value),
    /// It is done with this result.
    Return(Value),
    /// It raised.
    Raise(Exc),
    /// It pushed a frame whose continuation will finish the step.
    Pushed,
}

/// The state of a Rust awaitable.
pub enum NativeAwait {
    /// `agen.__anext__()`, `agen.asend(v)`, `agen.athrow(e)`,
    /// `agen.aclose()`.
    AsyncGenOp {
        /// The async generator.
        gen: Rc<Generator>,
        /// The first resumption (taken on the first send).
        first: Option<Resume>,
        /// `aclose()`.
        close: bool,
        /// Finished.
        done: bool,
    },
    /// Yields `None` once, then returns `result` (`asyncio.sleep(0)`).
    YieldOnce {
        /// Already yielded.
        yielded: bool,
        /// The result after the yield.
        result: Value,
    },
}

/// An `asend`-style awaitable for an async generator.
pub fn asend_object(gen: Rc<Generator>, first: Resume) -> Value {
    Value::Instance(Instance::new(
        types().native("async_generator_asend"),
        Payload::Native(Box::new(RefCell::new(NativeAwait::AsyncGenOp {
            gen,
            first: Some(first),
            close: false,
            done: false,
        }))),
    ))
}

/// An `aclose()` awaitable.
pub fn aclose_object(gen: Rc<Generator>) -> Value {
    let exit = Exc::new(&types().generator_exit, vec![]);
    Value::Instance(Instance::new(
        types().native("async_generator_athrow"),
        Payload::Native(Box::new(RefCell::new(NativeAwait::AsyncGenOp {
            gen,
            first: Some(Resume::Throw(exit)),
            close: true,
            done: false,
        }))),
    ))
}

/// An awaitable that yields None once (a bare yield: one loop iteration).
pub fn yield_once(result: Value) -> Value {
    Value::Instance(Instance::new(
        types().native("_yield_once"),
        Payload::Native(Box::new(RefCell::new(NativeAwait::YieldOnce { yielded: false, result }))),
    ))
}

/// True for the Rust awaitables above.
pub fn is_native_awaitable(i: &Instance) -> bool {
    i.native::<RefCell<NativeAwait>>().is_some()
}

impl Vm {
    /// Resumes a generator; its yield/return/raise goes to `cont`.
    pub fn resume_gen(&mut self, g: &Rc<Generator>, arg: Resume, cont: Cont) -> PyResult<()> {
        let mut st = g.state.borrow_mut();
        if st.running {
            drop(st);
            let what = match g.kind {
                GenKind::Generator => "generator already executing",
                GenKind::Coroutine => "coroutine already executing",
                GenKind::AsyncGenerator => "async generator already executing",
            };
            return self.finish(cont, Exit::Raise(value_error(what)));
        }
        if st.finished || st.frame.is_none() {
            drop(st);
            return match arg {
                Resume::Send(_) => {
                    if g.kind == GenKind::Coroutine {
                        self.finish(
                            cont,
                            Exit::Raise(runtime_error("cannot reuse already awaited coroutine")),
                        )
                    } else {
                        self.finish(cont, Exit::Return(Value::None))
                    }
                }
                Resume::Throw(e) => self.finish(cont, Exit::Raise(e)),
            };
        }
        if !st.started {
            match &arg {
                Resume::Send(v) if !v.is_none() => {
                    drop(st);
                    let what = if g.kind == GenKind::Coroutine { "coroutine" } else { "generator" };
                    return self.finish(
                        cont,
                        Exit::Raise(type_error(format!(
                            "can't send non-None value to a just-started {what}"
                        ))),
                    );
                }
                Resume::Throw(e) => {
                    // Thrown before it ran: it ends at once.
                    st.finished = true;
                    st.frame = None;
                    drop(st);
                    return self.finish(cont, Exit::Raise(e.clone()));
                }
                _ => {}
            }
        }
        if self.frames.len() >= self.recursion_limit {
            drop(st);
            return self.finish(
                cont,
                Exit::Raise(crate::objects::exc::recursion_error(
                    "maximum recursion depth exceeded",
                )),
            );
        }
        let Some(mut frame) = st.frame.take() else {
            return Ok(());
        };
        let was_started = st.started;
        st.started = true;
        st.running = true;
        drop(st);
        match arg {
            Resume::Send(v) => {
                if was_started {
                    frame.values.push(v);
                }
            }
            Resume::Throw(e) => frame.pending_throw = Some(e),
        }
        frame.gen = Some(g.clone());
        frame.cont = cont;
        self.frames.push(frame);
        Ok(())
    }

    /// The top frame was resumed with `throw()`: raise at its current
    /// instruction, or pass the exception to what it awaits.
    pub fn throw_here(&mut self, exc: Exc) -> PyResult<()> {
        let at_send = match self.frames.last() {
            Some(f) => {
                matches!(f.code.instrs.get(f.pc), Some(crate::compile::code::Instr::Send(_)))
                    && f.pc == f.lasti
            }
            None => false,
        };
        if at_send {
            if let Some(f) = self.frames.last_mut() {
                f.pc += 1;
            }
            let delegate = self.top();
            if exc.is_instance(&types().generator_exit) {
                // Close the delegate first, then raise in this frame.
                if let Value::Gen(g) = &delegate {
                    let g = g.clone();
                    self.close_gen(&g)?;
                }
                self.pop();
                return Err(exc);
            }
            return self.send_to(delegate, Resume::Throw(exc));
        }
        Err(exc)
    }

    /// Sends into the delegate on top of the stack (the `Send`
    /// instruction; also `throw` into a suspended `await`).
    pub fn send_to(&mut self, delegate: Value, arg: Resume) -> PyResult<()> {
        match &delegate {
            Value::Gen(g) => {
                let g = g.clone();
                self.resume_gen(&g, arg, Cont::Send)
            }
            Value::Instance(i) => {
                let step = if let Some(cell) = i.native::<RefCell<NativeAwait>>() {
                    self.native_await_send(cell, arg, Cont::Send)?
                } else if let Some(step) = crate::asyncio::future_iter_send(self, i, &arg)? {
                    step
                } else {
                    self.user_iter_send(&delegate, arg)?
                };
                self.apply_step(step)
            }
            _ => {
                let step = self.user_iter_send(&delegate, arg)?;
                self.apply_step(step)
            }
        }
    }

    fn apply_step(&mut self, step: NativeStep) -> PyResult<()> {
        match step {
            NativeStep::Yield(v) => {
                if let Some(f) = self.frames.last_mut() {
                    f.pc = f.lasti;
                }
                self.exit_frame(Exit::YieldUp(v))
            }
            NativeStep::Return(v) => {
                self.pop();
                self.push(v);
                Ok(())
            }
            NativeStep::Raise(e) => {
                self.pop();
                Err(e)
            }
            NativeStep::Pushed => Ok(()),
        }
    }

    fn user_iter_send(&mut self, delegate: &Value, arg: Resume) -> PyResult<NativeStep> {
        let r = match arg {
            Resume::Send(Value::None) => match self.lookup_special(delegate, "__next__") {
                Some(f) => self.call_sync(f, Args::default()),
                None => Err(type_error(format!(
                    "'{}' object is not an iterator",
                    crate::objects::types::type_name(delegate)
                ))),
            },
            Resume::Send(v) => match self.lookup_special(delegate, "send") {
                Some(f) => self.call_sync(f, Args::new(vec![v])),
                None => Err(crate::objects::exc::attribute_error(format!(
                    "'{}' object has no attribute 'send'",
                    crate::objects::types::type_name(delegate)
                ))),
            },
            Resume::Throw(e) => match self.lookup_special(delegate, "throw") {
                Some(f) => self.call_sync(f, Args::new(vec![e.value()])),
                None => Err(e),
            },
        };
        Ok(match r {
            Ok(v) => NativeStep::Yield(v),
            Err(e) if e.is_instance(&types().stop_iteration) => {
                NativeStep::Return(e.args().first().cloned().unwrap_or(Value::None))
            }
            Err(e) => NativeStep::Raise(e),
        })
    }

    /// One step of a Rust awaitable; `outer` receives what an async
    /// generator it resumes does (the awaiting frame's `Send`, or a task).
    pub fn native_await_send(
        &mut self,
        cell: &RefCell<NativeAwait>,
        arg: Resume,
        outer: Cont,
    ) -> PyResult<NativeStep> {
        let mut st = cell.borrow_mut();
        match &mut *st {
            NativeAwait::YieldOnce { yielded, result } => match arg {
                Resume::Throw(e) => Ok(NativeStep::Raise(e)),
                Resume::Send(_) => {
                    if *yielded {
                        Ok(NativeStep::Return(result.clone()))
                    } else {
                        *yielded = true;
                        self.aio.note_sleep0_yield();
                        Ok(NativeStep::Yield(Value::None))
                    }
                }
            },
            NativeAwait::AsyncGenOp { gen, first, close, done } => {
                if *done {
                    return Ok(NativeStep::Raise(runtime_error(
                        "cannot reuse already awaited __anext__()/asend()",
                    )));
                }
                let gen = gen.clone();
                let close = *close;
                let resume = match first.take() {
                    Some(r) => match (r, arg) {
                        (r, Resume::Send(_)) => r,
                        (_, t @ Resume::Throw(_)) => t,
                    },
                    None => arg,
                };
                drop(st);
                if gen.state.borrow().finished {
                    if let NativeAwait::AsyncGenOp { done, .. } = &mut *cell.borrow_mut() {
                        *done = true;
                    }
                    return Ok(if close {
                        NativeStep::Return(Value::None)
                    } else {
                        match resume {
                            Resume::Throw(e) => NativeStep::Raise(e),
                            Resume::Send(_) => {
                                NativeStep::Raise(Exc::new(&types().stop_async_iteration, vec![]))
                            }
                        }
                    });
                }
                let cont = if close {
                    Cont::AClose(Box::new(outer))
                } else {
                    Cont::ASend(Box::new(outer))
                };
                self.resume_gen(&gen, resume, cont)?;
                Ok(NativeStep::Pushed)
            }
        }
    }

    /// `gen.close()`, synchronously.
    pub fn close_gen(&mut self, g: &Rc<Generator>) -> PyResult<()> {
        {
            let st = g.state.borrow();
            if st.finished || !st.started {
                drop(st);
                let mut st = g.state.borrow_mut();
                st.finished = true;
                st.frame = None;
                return Ok(());
            }
        }
        let depth = self.frames.len();
        let exit = Exc::new(&types().generator_exit, vec![]);
        self.resume_gen(g, Resume::Throw(exit), Cont::Next(Box::new(Cont::Reentry)))?;
        match self.wait_reentry(depth) {
            Ok(_) => Err(runtime_error("generator ignored GeneratorExit")),
            Err(e)
                if e.is_instance(&types().generator_exit)
                    || e.is_instance(&types().stop_iteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}
