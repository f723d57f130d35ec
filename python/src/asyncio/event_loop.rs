//! The event loop: CPython's `BaseEventLoop._run_once`, one callback at a
//! time, on the VM's clock.
//!
//! An iteration: cancelled timers leave the head of the heap; if nothing is
//! ready the clock jumps to the earliest deadline (virtual clock) or the
//! host is asked to wait (browser); every timer due at that instant
//! (deadline < now + 1e-9) joins the ready queue in (deadline, set-order)
//! order; then exactly the callbacks ready at that point run, and what they
//! schedule waits for the next iteration.
//!
//! The busy-poll rule (the CPython reference does the same, see
//! `tests/reference/vclock.py`): an iteration whose ready callbacks are all
//! steps of tasks that last yielded bare (a `@types.coroutine` generator's
//! plain `yield`; not `asyncio.sleep(0)`, not a task's first step), with no
//! timer due, is a "spin"; after it the clock moves to `min(now + 0.001,
//! earliest deadline)`. A program that polls `time.time()` in such a loop
//! still reaches its deadline.

use super::future::{self, fut_data, FutCb, FutState};
use super::{LoopRun, CLOCK_RESOLUTION, SPIN_STEP};
use crate::builtins::{add_flow_method, add_method, native_class};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{runtime_error, type_error, Exc};
use crate::objects::func::{Args, Flow};
use crate::objects::str::PyStr;
use crate::objects::types::{types, Types};
use crate::value::Value;
use crate::vm::frame::{Cont, Exit};
use crate::vm::{Halt, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

/// What a handle calls.
#[derive(Clone)]
pub enum Callback {
    /// Nothing (a cancelled handle).
    None,
    /// A Python callable with arguments.
    Py(Value, Vec<Value>),
    /// A task's `__step(exc)`.
    Step(Value, Option<Exc>),
    /// A task's `__wakeup(future)`.
    Wakeup(Value, Value),
    /// `futures._set_result_unless_cancelled(fut, result)` (sleep).
    SetResultUnlessCancelled(Value, Value),
    /// `_run_until_complete_cb(fut)`.
    RunUntilCompleteCb(Value),
    /// gather's `_done_callback(child)` for an outer future.
    GatherDone(Value, Value),
}

/// A scheduled callback (`asyncio.Handle` / `TimerHandle`).
pub struct HandleData {
    /// The callback.
    pub cb: RefCell<Callback>,
    /// `cancel()` was called.
    pub cancelled: Cell<bool>,
    /// The deadline (timers).
    pub when: f64,
    /// The order it was set (timers).
    pub seq: u64,
    /// A timer (vs a ready callback).
    pub is_timer: bool,
    /// A task step following a bare yield (busy-poll rule).
    pub spin: bool,
}

struct TimerEntry(Rc<HandleData>);

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for TimerEntry {}
impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerEntry {
    // Reversed: BinaryHeap is a max-heap, we want the earliest first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.when.total_cmp(&self.0.when).then_with(|| other.0.seq.cmp(&self.0.seq))
    }
}

/// The loop's state.
pub struct LoopData {
    ready: VecDeque<Rc<HandleData>>,
    scheduled: BinaryHeap<TimerEntry>,
    seq: u64,
    /// `_stopping`.
    pub stopping: bool,
    /// Running (run_until_complete in progress).
    pub running: bool,
    /// `close()` was called.
    pub closed: bool,
    /// `get_debug()`.
    pub debug: bool,
    /// `set_exception_handler`'s handler.
    pub exception_handler: Value,
}

/// The loop data of a loop object.
pub fn loop_data(v: &Value) -> Option<&RefCell<LoopData>> {
    match v {
        Value::Instance(i) => i.native::<RefCell<LoopData>>(),
        _ => None,
    }
}

/// A new event loop object.
pub fn new_loop() -> Value {
    Value::Instance(Instance::new(
        types().native("_UnixSelectorEventLoop"),
        Payload::Native(Box::new(RefCell::new(LoopData {
            ready: VecDeque::new(),
            scheduled: BinaryHeap::new(),
            seq: 0,
            stopping: false,
            running: false,
            closed: false,
            debug: false,
            exception_handler: Value::None,
        }))),
    ))
}

/// `events._get_event_loop()`: the running loop, else the set one, else a
/// new one (which becomes the set one).
pub fn get_event_loop(vm: &mut Vm) -> PyResult<Value> {
    if let Some(l) = &vm.aio.running_loop {
        return Ok(l.clone());
    }
    if let Some(l) = &vm.aio.event_loop {
        return Ok(l.clone());
    }
    let l = new_loop();
    vm.aio.event_loop = Some(l.clone());
    Ok(l)
}

fn check_closed(d: &LoopData) -> PyResult<()> {
    if d.closed {
        return Err(runtime_error("Event loop is closed"));
    }
    Ok(())
}

/// `loop.call_soon(callback)`; `spin` marks a task step after a bare yield.
pub fn call_soon(_vm: &mut Vm, lp: &Value, cb: Callback, spin: bool) -> PyResult<Rc<HandleData>> {
    let Some(cell) = loop_data(lp) else {
        return Err(type_error("not an event loop"));
    };
    let mut d = cell.borrow_mut();
    check_closed(&d)?;
    let h = Rc::new(HandleData {
        cb: RefCell::new(cb),
        cancelled: Cell::new(false),
        when: 0.0,
        seq: 0,
        is_timer: false,
        spin,
    });
    d.ready.push_back(h.clone());
    Ok(h)
}

/// `loop.call_at(when, callback)`.
pub fn call_at(lp: &Value, when: f64, cb: Callback) -> PyResult<Rc<HandleData>> {
    let Some(cell) = loop_data(lp) else {
        return Err(type_error("not an event loop"));
    };
    let mut d = cell.borrow_mut();
    check_closed(&d)?;
    d.seq += 1;
    let h = Rc::new(HandleData {
        cb: RefCell::new(cb),
        cancelled: Cell::new(false),
        when,
        seq: d.seq,
        is_timer: true,
        spin: false,
    });
    d.scheduled.push(TimerEntry(h.clone()));
    Ok(h)
}

/// `Handle.cancel()`.
pub fn cancel_handle(h: &HandleData) {
    if !h.cancelled.get() {
        h.cancelled.set(true);
        *h.cb.borrow_mut() = Callback::None;
    }
}

/// Starts a `run_until_complete(future)`: the loop runs whenever the VM is
/// back at the current frame depth.
pub fn start_run(vm: &mut Vm, loop_obj: Rc<Instance>, fut: Value, cont: Cont) -> PyResult<()> {
    let lpv = Value::Instance(loop_obj.clone());
    {
        let Some(cell) = loop_data(&lpv) else {
            return vm.finish(cont, Exit::Raise(type_error("not an event loop")));
        };
        let mut d = cell.borrow_mut();
        if d.closed {
            drop(d);
            return vm.finish(cont, Exit::Raise(runtime_error("Event loop is closed")));
        }
        if d.running {
            drop(d);
            return vm
                .finish(cont, Exit::Raise(runtime_error("This event loop is already running")));
        }
        if vm.aio.running_loop.is_some() {
            drop(d);
            return vm.finish(
                cont,
                Exit::Raise(runtime_error(
                    "Cannot run the event loop while another loop is running",
                )),
            );
        }
        d.running = true;
    }
    if !fut.is_none() {
        if let Err(e) =
            future::add_done_callback(vm, &fut, FutCb::Py(run_until_complete_cb_value(&fut)))
        {
            return vm.finish(cont, Exit::Raise(e));
        }
    }
    vm.aio.running_loop = Some(lpv);
    vm.aio.runs.push(LoopRun {
        base: vm.frames.len(),
        loop_obj,
        future: fut,
        cont: Some(cont),
        ntodo: 0,
        spin: false,
    });
    Ok(())
}

/// The `_run_until_complete_cb` callable for a future (a builtin bound to
/// the future, so that `remove_done_callback` can find it).
fn run_until_complete_cb_value(fut: &Value) -> Value {
    crate::objects::func::Builtin::bound(
        "_run_until_complete_cb",
        |vm, a| {
            let fut = a.pos.first().cloned().unwrap_or(Value::None);
            run_until_complete_cb(vm, &fut)?;
            Ok(Value::None)
        },
        fut.clone(),
    )
}

fn run_until_complete_cb(vm: &mut Vm, fut: &Value) -> PyResult<()> {
    if let Some(cell) = fut_data(fut) {
        let d = cell.borrow();
        if d.state == FutState::Finished {
            if let Some(e) = &d.exception {
                if e.is_instance(&types().system_exit) || e.is_instance(&types().keyboard_interrupt)
                {
                    return Ok(());
                }
            }
        }
        let lp = d.loop_obj.clone();
        drop(d);
        if let Some(l) = loop_data(&lp) {
            l.borrow_mut().stopping = true;
        }
    }
    let _ = vm;
    Ok(())
}

fn finish_run(vm: &mut Vm) -> Result<(), Halt> {
    let Some(run) = vm.aio.runs.pop() else { return Ok(()) };
    let lpv = Value::Instance(run.loop_obj.clone());
    if let Some(cell) = loop_data(&lpv) {
        let mut d = cell.borrow_mut();
        d.stopping = false;
        d.running = false;
    }
    vm.aio.running_loop = vm.aio.runs.last().map(|r| Value::Instance(r.loop_obj.clone()));
    let fut = run.future.clone();
    let exit = if fut.is_none() {
        Exit::Return(Value::None)
    } else {
        // Remove our done-callback.
        if let Some(cell) = fut_data(&fut) {
            cell.borrow_mut().callbacks.retain(|c| match c {
                FutCb::Py(Value::Builtin(b)) => b.name.as_str() != "_run_until_complete_cb",
                _ => true,
            });
        }
        match future::is_done(&fut) {
            Some(true) => match future::result(&fut) {
                Ok(v) => Exit::Return(v),
                Err(e) => Exit::Raise(e),
            },
            _ => Exit::Raise(runtime_error("Event loop stopped before Future completed.")),
        }
    };
    let Some(cont) = run.cont else { return Ok(()) };
    match vm.finish(cont, exit) {
        Ok(()) => Ok(()),
        Err(e) => vm.handle_error(e, true),
    }
}

/// Ends the innermost loop run with an exception that escaped a callback
/// (SystemExit, KeyboardInterrupt): it propagates out of
/// `run_until_complete`.
pub fn abort_run(vm: &mut Vm, e: Exc) -> PyResult<()> {
    let Some(run) = vm.aio.runs.pop() else { return Err(e) };
    let lpv = Value::Instance(run.loop_obj.clone());
    if let Some(cell) = loop_data(&lpv) {
        let mut d = cell.borrow_mut();
        d.stopping = false;
        d.running = false;
    }
    vm.aio.running_loop = vm.aio.runs.last().map(|r| Value::Instance(r.loop_obj.clone()));
    match run.cont {
        Some(cont) => vm.finish(cont, Exit::Raise(e)),
        None => Err(e),
    }
}

/// Is the ready queue a busy-poll spin (see the module docs)?
fn is_spin_iteration(d: &LoopData, now: f64) -> bool {
    let mut any = false;
    for h in d.ready.iter() {
        if h.cancelled.get() {
            continue;
        }
        if !h.spin {
            return false;
        }
        any = true;
    }
    if !any {
        return false;
    }
    let end = now + CLOCK_RESOLUTION;
    !d.scheduled.iter().any(|t| !t.0.cancelled.get() && t.0.when < end)
}

/// One piece of work of the innermost running loop.
pub fn tick(vm: &mut Vm) -> Result<(), Halt> {
    let Some(run) = vm.aio.runs.last() else { return Ok(()) };
    let lpv = Value::Instance(run.loop_obj.clone());
    let Some(cell) = loop_data(&lpv) else { return Ok(()) };
    if run.ntodo == 0 {
        // Between iterations: stop, or begin the next `_run_once`.
        let spin_done = run.spin;
        if spin_done {
            let d = cell.borrow();
            let mut target = vm.aio.clock + SPIN_STEP;
            for t in d.scheduled.iter() {
                if !t.0.cancelled.get() && t.0.when < target {
                    target = t.0.when;
                }
            }
            if target > vm.aio.clock {
                vm.aio.clock = target;
            }
        }
        if let Some(r) = vm.aio.runs.last_mut() {
            r.spin = false;
        }
        if cell.borrow().stopping {
            return finish_run(vm);
        }
        let now = vm.aio.clock;
        let mut d = cell.borrow_mut();
        let spin = is_spin_iteration(&d, now);
        while let Some(top) = d.scheduled.peek() {
            if top.0.cancelled.get() {
                d.scheduled.pop();
            } else {
                break;
            }
        }
        if d.ready.is_empty() {
            match d.scheduled.peek() {
                None => {
                    if !vm.aio.io_pending.is_empty() {
                        return Err(Halt::Idle);
                    }
                    return Err(Halt::Deadlock);
                }
                Some(t) => {
                    let when = t.0.when;
                    if when > vm.aio.clock {
                        if vm.config.virtual_clock || when <= vm.aio.host_time {
                            vm.aio.clock = when;
                        } else {
                            return Err(Halt::Idle);
                        }
                    }
                }
            }
        }
        let end = vm.aio.clock + CLOCK_RESOLUTION;
        while let Some(t) = d.scheduled.peek() {
            if t.0.when >= end {
                break;
            }
            if let Some(t) = d.scheduled.pop() {
                d.ready.push_back(t.0);
            }
        }
        let n = d.ready.len();
        drop(d);
        if let Some(r) = vm.aio.runs.last_mut() {
            r.ntodo = n;
            r.spin = spin;
        }
        return Ok(());
    }
    // Run one ready callback.
    let h = cell.borrow_mut().ready.pop_front();
    if let Some(r) = vm.aio.runs.last_mut() {
        r.ntodo -= 1;
    }
    let Some(h) = h else { return Ok(()) };
    if h.cancelled.get() {
        return Ok(());
    }
    let cb = h.cb.borrow().clone();
    let r = match cb {
        Callback::None => Ok(()),
        Callback::Py(f, args) => vm.call_value(f, Args::new(args), Cont::Callback),
        Callback::Step(task, exc) => super::task::step(vm, &task, exc),
        Callback::Wakeup(task, fut) => super::task::wakeup(vm, &task, &fut),
        Callback::SetResultUnlessCancelled(fut, v) => {
            if fut_data(&fut).map(|d| d.borrow().state == FutState::Cancelled).unwrap_or(true) {
                Ok(())
            } else {
                future::set_result(vm, &fut, v)
            }
        }
        Callback::RunUntilCompleteCb(fut) => run_until_complete_cb(vm, &fut),
        Callback::GatherDone(outer, child) => super::native::gather_done(vm, &outer, &child),
    };
    if let Err(e) = r {
        if e.is_instance(&types().stopped) {
            return Err(Halt::Stopped);
        }
        if e.is_instance(&types().system_exit) || e.is_instance(&types().keyboard_interrupt) {
            return match abort_run(vm, e) {
                Ok(()) => Ok(()),
                Err(e) => vm.handle_error(e, true),
            };
        }
        super::report_callback_error(vm, e);
    }
    Ok(())
}

/// Jumps the clock to the next deadline (a nested run waiting).
pub fn force_advance(vm: &mut Vm) -> bool {
    let Some(run) = vm.aio.runs.last() else { return false };
    let lpv = Value::Instance(run.loop_obj.clone());
    let Some(cell) = loop_data(&lpv) else { return false };
    let d = cell.borrow();
    match d.scheduled.peek() {
        Some(t) => {
            if t.0.when > vm.aio.clock {
                vm.aio.clock = t.0.when;
            }
            true
        }
        None => false,
    }
}

/// The earliest timer deadline of the innermost running loop.
pub fn next_deadline(vm: &Vm) -> Option<f64> {
    let run = vm.aio.runs.last()?;
    let lpv = Value::Instance(run.loop_obj.clone());
    let cell = loop_data(&lpv)?;
    let d = cell.borrow();
    d.scheduled.iter().filter(|t| !t.0.cancelled.get()).map(|t| t.0.when).reduce(f64::min)
}

fn handle_value(h: Rc<HandleData>) -> Value {
    let cls = if h.is_timer { "TimerHandle" } else { "Handle" };
    Value::Instance(Instance::new(types().native(cls), Payload::Native(Box::new(h))))
}

fn this_loop(a: &Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(v) if loop_data(v).is_some() => Ok(v.clone()),
        _ => Err(type_error("descriptor needs an event loop")),
    }
}

fn number(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => i.to_f64().map_err(crate::objects::exc::num_error),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        other => {
            let _ = vm;
            Err(type_error(format!(
                "'{}' object cannot be interpreted as a number",
                crate::objects::types::type_name(other)
            )))
        }
    }
}

fn check_callback(f: &Value, method: &str) -> PyResult<()> {
    if !crate::builtins::functions::is_callable(f) {
        return Err(type_error(format!("a callable object was expected by {method}(), got {}", {
            match f {
                Value::Gen(g) => {
                    format!("<{} object {} at ...>", g.type_name(), g.qualname.as_str())
                }
                _ => crate::objects::types::type_name(f),
            }
        })));
    }
    if let Value::Gen(_) = f {
        return Err(type_error(format!("coroutines cannot be used with {method}()")));
    }
    Ok(())
}

pub(crate) fn install(t: &mut Types) {
    let l = native_class(t, "_UnixSelectorEventLoop", "asyncio.unix_events", vec![]);
    let h = native_class(t, "Handle", "asyncio.events", vec![]);
    let th = native_class(t, "TimerHandle", "asyncio.events", vec![h.clone()]);
    add_method(&l, "time", |vm, _a| Ok(Value::Float(vm.aio.clock)));
    add_method(&l, "call_soon", |vm, mut a| {
        let _ = a.take_kw("context");
        let lp = this_loop(&a)?;
        let f = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("call_soon() missing 1 required positional argument: 'callback'")
        })?;
        check_callback(&f, "call_soon")?;
        let h = call_soon(vm, &lp, Callback::Py(f, a.pos[2..].to_vec()), false)?;
        Ok(handle_value(h))
    });
    add_method(&l, "call_soon_threadsafe", |vm, mut a| {
        let _ = a.take_kw("context");
        let lp = this_loop(&a)?;
        let f = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("call_soon_threadsafe() missing 1 required positional argument: 'callback'")
        })?;
        let h = call_soon(vm, &lp, Callback::Py(f, a.pos[2..].to_vec()), false)?;
        Ok(handle_value(h))
    });
    add_method(&l, "call_later", |vm, mut a| {
        let _ = a.take_kw("context");
        let lp = this_loop(&a)?;
        if a.pos.len() < 3 {
            return Err(type_error("call_later() missing required arguments"));
        }
        let delay = number(vm, &a.pos[1])?;
        let f = a.pos[2].clone();
        check_callback(&f, "call_later")?;
        let when = vm.aio.clock + delay;
        let h = call_at(&lp, when, Callback::Py(f, a.pos[3..].to_vec()))?;
        Ok(handle_value(h))
    });
    add_method(&l, "call_at", |vm, mut a| {
        let _ = a.take_kw("context");
        let lp = this_loop(&a)?;
        if a.pos.len() < 3 {
            return Err(type_error("call_at() missing required arguments"));
        }
        if a.pos[1].is_none() {
            return Err(type_error("when cannot be None"));
        }
        let when = number(vm, &a.pos[1])?;
        let f = a.pos[2].clone();
        check_callback(&f, "call_at")?;
        let h = call_at(&lp, when, Callback::Py(f, a.pos[3..].to_vec()))?;
        Ok(handle_value(h))
    });
    add_method(&l, "create_future", |_vm, a| {
        let lp = this_loop(&a)?;
        Ok(future::new_future(lp))
    });
    add_method(&l, "create_task", |vm, mut a| {
        let name = a.take_kw("name").unwrap_or(Value::None);
        let _ = a.take_kw("context");
        let lp = this_loop(&a)?;
        let coro = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("create_task() missing 1 required positional argument: 'coro'")
        })?;
        super::task::create_task(vm, &lp, coro, name)
    });
    add_flow_method(&l, "run_until_complete", |vm, a| {
        let lp = this_loop(&a)?;
        let f = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("run_until_complete() missing 1 required positional argument: 'future'")
        })?;
        let fut = if fut_data(&f).is_some() {
            f
        } else {
            match &f {
                Value::Gen(_) => super::task::create_task(vm, &lp, f, Value::None)?,
                _ => {
                    return Err(type_error(
                        "An asyncio.Future, a coroutine or an awaitable is required",
                    ))
                }
            }
        };
        let Value::Instance(li) = lp else { return Err(type_error("not a loop")) };
        Ok(Flow::RunLoop(li, fut))
    });
    add_flow_method(&l, "run_forever", |_vm, a| {
        let lp = this_loop(&a)?;
        let Value::Instance(li) = lp else { return Err(type_error("not a loop")) };
        Ok(Flow::RunLoop(li, Value::None))
    });
    add_method(&l, "stop", |_vm, a| {
        let lp = this_loop(&a)?;
        if let Some(d) = loop_data(&lp) {
            d.borrow_mut().stopping = true;
        }
        Ok(Value::None)
    });
    add_method(&l, "is_running", |_vm, a| {
        let lp = this_loop(&a)?;
        Ok(Value::Bool(loop_data(&lp).map(|d| d.borrow().running).unwrap_or(false)))
    });
    add_method(&l, "is_closed", |_vm, a| {
        let lp = this_loop(&a)?;
        Ok(Value::Bool(loop_data(&lp).map(|d| d.borrow().closed).unwrap_or(false)))
    });
    add_method(&l, "close", |_vm, a| {
        let lp = this_loop(&a)?;
        if let Some(d) = loop_data(&lp) {
            let mut d = d.borrow_mut();
            if d.running {
                return Err(runtime_error("Cannot close a running event loop"));
            }
            d.closed = true;
            d.ready.clear();
            d.scheduled.clear();
        }
        Ok(Value::None)
    });
    add_method(&l, "get_debug", |_vm, a| {
        let lp = this_loop(&a)?;
        Ok(Value::Bool(loop_data(&lp).map(|d| d.borrow().debug).unwrap_or(false)))
    });
    add_method(&l, "set_debug", |vm, a| {
        let lp = this_loop(&a)?;
        let b = match a.pos.get(1) {
            Some(v) => vm.truthy(v)?,
            None => false,
        };
        if let Some(d) = loop_data(&lp) {
            d.borrow_mut().debug = b;
        }
        Ok(Value::None)
    });
    add_method(&l, "set_exception_handler", |_vm, a| {
        let lp = this_loop(&a)?;
        if let Some(d) = loop_data(&lp) {
            d.borrow_mut().exception_handler = a.pos.get(1).cloned().unwrap_or(Value::None);
        }
        Ok(Value::None)
    });
    add_method(&l, "get_exception_handler", |_vm, a| {
        let lp = this_loop(&a)?;
        Ok(loop_data(&lp).map(|d| d.borrow().exception_handler.clone()).unwrap_or(Value::None))
    });
    add_method(&l, "call_exception_handler", |vm, a| {
        let lp = this_loop(&a)?;
        let ctx = a.pos.get(1).cloned().unwrap_or(Value::None);
        let handler =
            loop_data(&lp).map(|d| d.borrow().exception_handler.clone()).unwrap_or(Value::None);
        if !handler.is_none() {
            vm.call_sync(handler, Args::new(vec![lp, ctx]))?;
            return Ok(Value::None);
        }
        default_exception_handler(vm, &ctx)?;
        Ok(Value::None)
    });
    add_method(&l, "default_exception_handler", |vm, a| {
        let ctx = a.pos.get(1).cloned().unwrap_or(Value::None);
        default_exception_handler(vm, &ctx)?;
        Ok(Value::None)
    });
    add_method(&l, "shutdown_asyncgens", |vm, _a| prelude_coro(vm, "_shutdown_noop"));
    add_method(&l, "shutdown_default_executor", |vm, _a| prelude_coro(vm, "_shutdown_noop"));
    add_method(&l, "run_in_executor", |vm, a| {
        // No threads: the function runs now; its result is a finished
        // future.
        let lp = this_loop(&a)?;
        let f = a.pos.get(2).cloned().ok_or_else(|| {
            type_error("run_in_executor() missing 1 required positional argument: 'func'")
        })?;
        let fut = future::new_future(lp);
        match vm.call_sync(f, Args::new(a.pos[3..].to_vec())) {
            Ok(v) => future::set_result(vm, &fut, v)?,
            Err(e) => future::set_exception(vm, &fut, e.value())?,
        }
        Ok(fut)
    });
    add_method(&l, "__repr__", |_vm, a| {
        let lp = this_loop(&a)?;
        let d = loop_data(&lp)
            .map(|d| (d.borrow().running, d.borrow().closed, d.borrow().debug))
            .unwrap_or_default();
        Ok(Value::string(format!(
            "<_UnixSelectorEventLoop running={} closed={} debug={}>",
            if d.0 { "True" } else { "False" },
            if d.1 { "True" } else { "False" },
            if d.2 { "True" } else { "False" }
        )))
    });

    fn this_handle(a: &Args) -> PyResult<Rc<HandleData>> {
        match a.pos.first() {
            Some(Value::Instance(i)) => {
                i.native::<Rc<HandleData>>().cloned().ok_or_else(|| type_error("Handle expected"))
            }
            _ => Err(type_error("Handle expected")),
        }
    }
    add_method(&h, "cancel", |_vm, a| {
        let hd = this_handle(&a)?;
        cancel_handle(&hd);
        Ok(Value::None)
    });
    add_method(&h, "cancelled", |_vm, a| Ok(Value::Bool(this_handle(&a)?.cancelled.get())));
    add_method(&th, "when", |_vm, a| Ok(Value::Float(this_handle(&a)?.when)));
    add_method(&h, "__repr__", |vm, a| {
        let hd = this_handle(&a)?;
        let cls = if hd.is_timer { "TimerHandle" } else { "Handle" };
        let mut info = Vec::new();
        if hd.cancelled.get() {
            info.push("cancelled".to_string());
        }
        if hd.is_timer {
            info.push(format!("when={}", asyncpy_num::float_repr(hd.when)));
        }
        if let Callback::Py(f, _) = &*hd.cb.borrow() {
            info.push(format!("{}()", future::callback_name(vm, f)));
        }
        Ok(Value::string(format!("<{} {}>", cls, info.join(" "))))
    });
}

fn prelude_coro(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let f = vm
        .prelude
        .as_ref()
        .and_then(|p| p.borrow().get_str(&PyStr::new(name)).cloned())
        .ok_or_else(|| runtime_error("asyncio prelude is missing"))?;
    vm.call_sync(f, Args::default())
}

/// The default exception handler: logs to stderr as asyncio does.
pub fn default_exception_handler(vm: &mut Vm, ctx: &Value) -> PyResult<()> {
    let Value::Dict(d) = ctx else { return Ok(()) };
    let msg = d
        .borrow()
        .get_str(&PyStr::new("message"))
        .cloned()
        .unwrap_or(Value::str("Unhandled exception in event loop"));
    let msg = vm.str_of(&msg)?;
    let exc = d.borrow().get_str(&PyStr::new("exception")).cloned();
    vm.write_stderr(&format!("{msg}\n"));
    if let Some(e) = exc.as_ref().and_then(Exc::from_value) {
        let t = vm.format_exception(&e);
        vm.write_stderr(&t);
    }
    Ok(())
}

/// Computed attributes of loop objects.
pub fn native_attr(_vm: &mut Vm, i: &Rc<Instance>, name: &str) -> PyResult<Option<Value>> {
    if let Some(cell) = i.native::<RefCell<LoopData>>() {
        return Ok(match name {
            "_ready" => Some(Value::list(vec![Value::None; cell.borrow().ready.len()])),
            "_scheduled" => Some(Value::list(vec![Value::None; cell.borrow().scheduled.len()])),
            "_stopping" => Some(Value::Bool(cell.borrow().stopping)),
            "_debug" => Some(Value::Bool(cell.borrow().debug)),
            _ => None,
        });
    }
    if let Some(h) = i.native::<Rc<HandleData>>() {
        return Ok(match name {
            "_when" => Some(Value::Float(h.when)),
            "_cancelled" => Some(Value::Bool(h.cancelled.get())),
            _ => None,
        });
    }
    Ok(None)
}
