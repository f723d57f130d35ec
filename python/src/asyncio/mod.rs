//! asyncio, with CPython 3.11's algorithm on a clock the host gives.
//!
//! Native (Rust): the event loop ([`event_loop`]: the ready deque, the
//! timer heap ordered by deadline then by the order timers were set, one
//! `_run_once` iteration at a time), [`future::Future`] with done-callbacks
//! scheduled through the loop, [`task`] (`__step`/`__wakeup` as tasks.py
//! does them, cancel requests, `uncancel`), `sleep`, `create_task` with
//! `Task-N` names. The rest (`gather`, `wait`, `wait_for`, `as_completed`,
//! `shield`, `timeout()`, `TaskGroup`, `Lock`, `Event`, `Semaphore`,
//! `Condition`, `Queue`, `run`) is Python in [`PRELUDE`], following
//! CPython's order of steps, run by this VM.
//!
//! A running loop lives on the VM's frame stack: `run_until_complete`
//! records the frame depth it was called at, and whenever the VM is back at
//! that depth it runs the loop's next callback ([`run_loop_tick`]). Each
//! callback that is Python code is a frame above that depth, so a task's
//! step can be paused after any instruction like any other code.

pub mod event_loop;
pub mod future;
pub mod native;
pub mod task;

use crate::objects::class::Instance;
use crate::objects::exc::Exc;
use crate::objects::str::PyStr;
use crate::objects::types::Types;
use crate::value::Value;
use crate::vm::frame::Cont;
use crate::vm::gen::{NativeStep, Resume};
use crate::vm::{Halt, PyResult, Vm};
use std::rc::Rc;

/// The Python part of asyncio.
pub const PRELUDE: &str = include_str!("prelude.py");

/// The deadlock message (the CPython reference prints the same).
pub const DEADLOCK_MESSAGE: &str = "asyncpy: deadlock: every task waits and no timer is set";

/// Clock step after a busy-poll iteration (see the module docs of
/// `event_loop`).
pub const SPIN_STEP: f64 = 0.001;

/// CPython's `_clock_resolution` on Linux.
pub const CLOCK_RESOLUTION: f64 = 1e-9;

/// One `run_until_complete` in progress.
pub struct LoopRun {
    /// Frame depth at which the loop's callbacks run.
    pub base: usize,
    /// The loop object.
    pub loop_obj: Rc<Instance>,
    /// The future it runs until.
    pub future: Value,
    /// Who receives the future's result.
    pub cont: Option<Cont>,
    /// Callbacks left in the current iteration.
    pub ntodo: usize,
    /// The current iteration is a busy-poll spin.
    pub spin: bool,
}

/// asyncio's state in the VM.
#[derive(Default)]
pub struct AioState {
    /// `run_until_complete` calls in progress (innermost last).
    pub runs: Vec<LoopRun>,
    /// `events._get_running_loop()`.
    pub running_loop: Option<Value>,
    /// `set_event_loop`'s loop.
    pub event_loop: Option<Value>,
    /// The `Task-N` counter.
    pub task_counter: u64,
    /// The task whose step is running.
    pub current_task: Option<Value>,
    /// The clock (seconds).
    pub clock: f64,
    /// How far the host lets the clock go (not virtual mode).
    pub host_time: f64,
    /// A sleep(0) yield happened in the current task's step.
    pub sleep0_mark: bool,
    /// Host I/O requests not yet taken by the host.
    pub io_out: Vec<crate::host::IoRequest>,
    /// Pending host I/O: id -> future.
    pub io_pending: Vec<(u64, Value)>,
    /// Next I/O id.
    pub io_next: u64,
    /// Tasks created, in order (for `all_tasks`).
    pub tasks: Vec<Value>,
    /// When `tasks` is next pruned of finished tasks.
    pub tasks_prune_at: usize,
}

impl AioState {
    /// The frame depth of the innermost running loop.
    pub fn loop_base(&self) -> Option<usize> {
        self.runs.last().map(|r| r.base)
    }

    /// The current task's name.
    pub fn current_task_name(&self) -> Option<Rc<PyStr>> {
        let t = self.current_task.as_ref()?;
        task::task_name(t)
    }

    /// The clock.
    pub fn now(&self) -> f64 {
        self.clock
    }

    /// A `yield` in a generator frame (kept for the busy-poll rule's
    /// bookkeeping: any bare yield reaching a task counts, see `task`).
    pub fn note_user_yield(&mut self, _internal: bool, _v: &Value) {}

    /// `asyncio.sleep(0)` yielded: the step it schedules is not a spin.
    pub fn note_sleep0_yield(&mut self) {
        if self.current_task.is_some() {
            self.sleep0_mark = true;
        }
    }
}

/// Runs the next piece of work of the innermost running loop: one ready
/// callback, or the start of the next `_run_once` iteration.
pub fn run_loop_tick(vm: &mut Vm) -> Result<(), Halt> {
    event_loop::tick(vm)
}

/// In a nested run that cannot return to the host: jump the clock to the
/// next deadline. False when there is none.
pub fn force_advance(vm: &mut Vm) -> bool {
    event_loop::force_advance(vm)
}

/// An exception escaped a loop callback: CPython logs "Exception in
/// callback ..." to stderr and carries on.
pub fn report_callback_error(vm: &mut Vm, e: Exc) {
    if e.is_instance(&crate::objects::types::types().stopped) {
        return;
    }
    let text = vm.format_exception(&e);
    vm.write_stderr("Exception in callback\n");
    vm.write_stderr(&text);
}

/// The iterator `await fut` delegates to, for a future or task (or a
/// native coroutine, which is its own).
pub fn future_await_iter(i: &Rc<Instance>) -> Option<Value> {
    if i.native::<std::cell::RefCell<native::AioCoro>>().is_some() {
        return Some(Value::Instance(i.clone()));
    }
    future::await_iter(i)
}

/// `Send` into a future's await iterator or a native coroutine.
pub fn future_iter_send(
    vm: &mut Vm,
    i: &Rc<Instance>,
    arg: &Resume,
) -> PyResult<Option<NativeStep>> {
    if let Some(cell) = i.native::<std::cell::RefCell<native::AioCoro>>() {
        return native::coro_send(vm, cell, arg.clone()).map(Some);
    }
    future::iter_send(vm, i, arg)
}

/// Computed attributes of asyncio's native objects.
pub fn native_attr(vm: &mut Vm, i: &Rc<Instance>, name: &str) -> PyResult<Option<Value>> {
    future::native_attr(vm, i, name)
}

/// Attribute assignment on asyncio's native objects.
pub fn native_setattr(vm: &mut Vm, i: &Rc<Instance>, name: &str, value: &Value) -> PyResult<bool> {
    future::native_setattr(vm, i, name, value)
}

/// Makes asyncio's native classes.
pub fn install_types(t: &mut Types) {
    future::install(t);
    event_loop::install(t);
    native::install(t);
}

/// The running loop, or RuntimeError "no running event loop".
pub fn running_loop(vm: &Vm) -> PyResult<Value> {
    match &vm.aio.running_loop {
        Some(l) => Ok(l.clone()),
        None => Err(crate::objects::exc::runtime_error("no running event loop")),
    }
}

fn def(d: &crate::value::DictRef, name: &str, f: crate::objects::func::PlainFn) {
    crate::modules::def(d, name, f);
}

/// Builds the `asyncio` module: the native parts, then the prelude run on
/// top of them, then the submodules (`asyncio.tasks`, `asyncio.futures`,
/// ...) sharing its namespace.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    use crate::modules::{new_namespace, set};
    use crate::objects::types::types;
    let t = types();
    let d = new_namespace("asyncio");
    set(&d, "Future", Value::Class(t.native("Future")));
    set(&d, "Task", Value::Class(t.native("Task")));
    set(&d, "Handle", Value::Class(t.native("Handle")));
    set(&d, "TimerHandle", Value::Class(t.native("TimerHandle")));
    set(&d, "AbstractEventLoop", Value::Class(t.native("_UnixSelectorEventLoop")));
    set(&d, "BaseEventLoop", Value::Class(t.native("_UnixSelectorEventLoop")));
    set(&d, "SelectorEventLoop", Value::Class(t.native("_UnixSelectorEventLoop")));
    for name in [
        "CancelledError",
        "InvalidStateError",
        "QueueEmpty",
        "QueueFull",
        "IncompleteReadError",
        "LimitOverrunError",
        "SendfileNotAvailableError",
        "BrokenBarrierError",
    ] {
        set(&d, name, Value::Class(t.exc(name)));
    }
    set(&d, "TimeoutError", Value::Class(t.timeout_error.clone()));
    set(&d, "_deque", Value::Class(t.native("deque")));
    set(&d, "Queue", Value::Class(t.native("Queue")));
    def(&d, "sleep", native::sleep);
    def(&d, "gather", native::gather);
    def(&d, "get_running_loop", |vm, _a| running_loop(vm));
    def(&d, "_get_running_loop", |vm, _a| Ok(vm.aio.running_loop.clone().unwrap_or(Value::None)));
    def(&d, "get_event_loop", |vm, _a| event_loop::get_event_loop(vm));
    def(&d, "new_event_loop", |_vm, _a| Ok(event_loop::new_loop()));
    def(&d, "set_event_loop", |vm, a| {
        vm.aio.event_loop = match a.pos.first() {
            Some(Value::None) | None => None,
            Some(l) => Some(l.clone()),
        };
        Ok(Value::None)
    });
    def(&d, "current_task", |vm, a| {
        if let Some(l) = a.pos.first().filter(|v| !v.is_none()) {
            let _ = l;
        } else {
            running_loop(vm)?;
        }
        Ok(vm.aio.current_task.clone().unwrap_or(Value::None))
    });
    def(&d, "all_tasks", |vm, a| {
        let lp = match a.pos.first().filter(|v| !v.is_none()) {
            Some(l) => l.clone(),
            None => running_loop(vm)?,
        };
        let items = all_tasks_of(vm, &lp);
        let s = vm.set_from(items)?;
        Ok(Value::Set(Rc::new(std::cell::RefCell::new(s))))
    });
    def(&d, "_all_tasks_list", |vm, a| {
        let lp = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::list(all_tasks_of(vm, &lp)))
    });
    def(&d, "iscoroutine", |_vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::Bool(
            matches!(&v, Value::Gen(g) if g.kind != crate::objects::gen::GenKind::AsyncGenerator)
                || native::is_native_coro(&v),
        ))
    });
    def(&d, "_iscoroutinefunction", |vm, a| {
        let f = a.pos.first().cloned().unwrap_or(Value::None);
        let r = match &f {
            Value::Function(func) => func.code.flags.coroutine || func.iterable_coroutine.get(),
            Value::Method(m) => {
                matches!(&m.func, Value::Function(func) if func.code.flags.coroutine)
            }
            _ => false,
        };
        if r {
            return Ok(Value::Bool(true));
        }
        Ok(Value::Bool(vm.get_attr_opt(&f, "_is_coroutine")?.is_some()))
    });
    def(&d, "_isfuture", |vm, a| {
        let f = a.pos.first().cloned().unwrap_or(Value::None);
        if future::fut_data(&f).is_some() {
            return Ok(Value::Bool(true));
        }
        if let Value::Instance(_) = &f {
            if let Some(b) = vm.get_attr_opt(&f, "_asyncio_future_blocking")? {
                return Ok(Value::Bool(!b.is_none()));
            }
        }
        Ok(Value::Bool(false))
    });
    def(&d, "_sleep0", |_vm, _a| Ok(crate::vm::gen::yield_once(Value::None)));
    def(&d, "_report_unretrieved", |vm, _a| {
        task::report_unretrieved(vm);
        Ok(Value::None)
    });
    def(&d, "_tagged_future", |_vm, a| {
        let lp = a.pos.first().cloned().unwrap_or(Value::None);
        let f = future::new_future(lp);
        if let (Some(cell), Some(Value::Str(tag))) = (future::fut_data(&f), a.pos.get(1)) {
            cell.borrow_mut().tag = Some(tag.as_str().to_string());
        }
        Ok(f)
    });
    let m = vm.run_source_module("asyncio", PRELUDE, Some(d.clone()))?;
    vm.prelude = Some(d.clone());
    for sub in [
        "tasks",
        "futures",
        "events",
        "queues",
        "locks",
        "exceptions",
        "runners",
        "coroutines",
        "timeouts",
        "taskgroups",
        "base_events",
        "base_futures",
        "base_tasks",
        "mixins",
    ] {
        let full = format!("asyncio.{sub}");
        let sm = Value::Module(Rc::new(crate::objects::module::Module {
            name: crate::objects::str::intern(&full),
            dict: d.clone(),
        }));
        vm.modules.insert(full, sm.clone());
        set(&d, sub, sm);
    }
    Ok(m)
}

fn all_tasks_of(vm: &Vm, lp: &Value) -> Vec<Value> {
    vm.aio
        .tasks
        .iter()
        .filter(|t| {
            future::fut_data(t)
                .map(|d| {
                    let d = d.borrow();
                    d.state == future::FutState::Pending && d.loop_obj.is(lp)
                })
                .unwrap_or(false)
        })
        .cloned()
        .collect()
}
