//! The hot paths of asyncio in Rust: `sleep`, `Queue` and `gather`.
//!
//! Each follows CPython's Python code step for step (tasks.py `sleep` and
//! `gather`, queues.py `Queue`): the same futures are created, the same
//! callbacks scheduled in the same order, so a program sees the same order
//! of events. `sleep(...)`, `Queue.put(...)`, `Queue.get()` and
//! `Queue.join()` return small coroutine objects ([`AioCoro`]) that a task
//! steps like any coroutine: they yield the future they wait on (or `None`
//! for `sleep(0)`'s bare yield) and return their result.

use super::event_loop::{self, Callback, HandleData};
use super::future::{self, fut_data, FutCb, FutState};
use crate::builtins::{add_method, native_class};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{runtime_error, type_error, value_error, Exc};
use crate::objects::func::Args;
use crate::objects::str::intern;
use crate::objects::types::{types, Types};
use crate::value::Value;
use crate::vm::gen::{NativeStep, Resume};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// What a native coroutine is doing.
pub enum AioCoro {
    /// `asyncio.sleep(delay, result)`.
    Sleep {
        /// The delay.
        delay: f64,
        /// The result.
        result: Value,
        /// 0 not started, 1 after sleep(0)'s yield, 2 waiting on the
        /// future, 3 done.
        state: u8,
        /// The future it waits on.
        fut: Value,
        /// The timer.
        handle: Option<Rc<HandleData>>,
    },
    /// `queue.put(item)` (`get` when `item` is None and `get` is true).
    QueueOp {
        /// The queue.
        queue: Value,
        /// The item to put.
        item: Value,
        /// True for `get`.
        get: bool,
        /// The putter/getter future awaited.
        waiter: Option<Value>,
        /// Finished.
        done: bool,
    },
    /// `queue.join()`.
    QueueJoin {
        /// The queue.
        queue: Value,
        /// The future awaited in `_finished.wait()`.
        waiter: Option<Value>,
        /// Finished.
        done: bool,
        /// Started.
        started: bool,
    },
}

/// Where CPython's asyncio sources live in a repr of a native coroutine
/// (CPython prints its own installation's path; this is the usual Linux
/// one).
const ASYNCIO_DIR: &str = "/usr/lib/python3.11/asyncio";

impl AioCoro {
    /// `coroutines._format_coroutine` of the coroutine CPython would have
    /// here, with the line numbers of CPython 3.11's sources.
    pub fn describe(&self) -> String {
        let (file, first, at, running, done) = match self {
            AioCoro::Sleep { state, .. } => {
                ("tasks.py", 637, if *state == 1 { 640 } else { 649 }, *state > 0, *state == 3)
            }
            AioCoro::QueueOp { get, waiter, done, .. } => {
                let (first, at) = if *get { (149, 158) } else { (110, 120) };
                ("queues.py", first, at, waiter.is_some(), *done)
            }
            AioCoro::QueueJoin { done, started, .. } => ("queues.py", 206, 215, *started, *done),
        };
        let name = self.name();
        if done {
            format!("{name}() done, defined at {ASYNCIO_DIR}/{file}:{first}")
        } else {
            let line = if running { at } else { first };
            format!("{name}() running at {ASYNCIO_DIR}/{file}:{line}")
        }
    }

    fn name(&self) -> &'static str {
        match self {
            AioCoro::Sleep { .. } => "sleep",
            AioCoro::QueueOp { get: false, .. } => "Queue.put",
            AioCoro::QueueOp { get: true, .. } => "Queue.get",
            AioCoro::QueueJoin { .. } => "Queue.join",
        }
    }
}

/// The state of an `asyncio.Queue`.
pub struct QueueData {
    /// `maxsize`.
    pub maxsize: Value,
    /// The items.
    pub items: VecDeque<Value>,
    /// Futures of `get()`s waiting.
    pub getters: VecDeque<Value>,
    /// Futures of `put()`s waiting.
    pub putters: VecDeque<Value>,
    /// `_unfinished_tasks`.
    pub unfinished: i64,
    /// `_finished` (an Event): its value.
    pub finished: bool,
    /// `_finished`'s waiters.
    pub finished_waiters: Vec<Value>,
    /// The loop it is bound to (`_LoopBoundMixin`).
    pub loop_obj: Value,
}

fn coro_value(c: AioCoro) -> Value {
    Value::Instance(Instance::new(
        types().native("_native_coroutine"),
        Payload::Native(Box::new(RefCell::new(c))),
    ))
}

/// True for a native coroutine object.
pub fn is_native_coro(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.native::<RefCell<AioCoro>>().is_some())
}

/// `asyncio.sleep(delay, result=None)`.
pub fn sleep(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let result = a.arg_or_kw(1, "result").unwrap_or(Value::None);
    let delay_v = a
        .arg_or_kw(0, "delay")
        .ok_or_else(|| type_error("sleep() missing 1 required positional argument: 'delay'"))?;
    let delay = match &delay_v {
        Value::Int(i) => i.to_f64().map_err(crate::objects::exc::num_error)?,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        other => {
            let _ = vm;
            return Err(type_error(format!(
                "'<=' not supported between instances of '{}' and 'int'",
                crate::objects::types::type_name(other)
            )));
        }
    };
    Ok(coro_value(AioCoro::Sleep { delay, result, state: 0, fut: Value::None, handle: None }))
}

fn waiting(fut: &Value) -> NativeStep {
    if let Some(c) = fut_data(fut) {
        c.borrow_mut().blocking = true;
    }
    NativeStep::Yield(fut.clone())
}

/// The result of an awaited future once the task resumes (FutureIter's
/// second step).
fn awaited_result(fut: &Value) -> PyResult<Value> {
    if future::is_done(fut) == Some(false) {
        return Err(runtime_error("await wasn't used with future"));
    }
    future::result(fut)
}

fn queue_data(q: &Value) -> Option<&RefCell<QueueData>> {
    match q {
        Value::Instance(i) => i.native::<RefCell<QueueData>>(),
        _ => None,
    }
}

/// `_LoopBoundMixin._get_loop`.
fn queue_loop(vm: &mut Vm, q: &Value) -> PyResult<Value> {
    let running = vm.aio.running_loop.clone().unwrap_or(Value::None);
    let Some(cell) = queue_data(q) else { return Ok(running) };
    let bound = cell.borrow().loop_obj.clone();
    if bound.is_none() {
        cell.borrow_mut().loop_obj = running.clone();
        return Ok(running);
    }
    if !bound.is(&running) {
        let r = vm.repr(q)?;
        return Err(runtime_error(format!("{r} is bound to a different event loop")));
    }
    Ok(running)
}

fn queue_full(d: &QueueData) -> bool {
    match &d.maxsize {
        Value::Int(i) => match i.to_i64() {
            Some(m) if m > 0 => d.items.len() as i64 >= m,
            _ => false,
        },
        _ => false,
    }
}

/// `Queue._wakeup_next(waiters)`.
fn wakeup_next(vm: &mut Vm, q: &Value, getters: bool) -> PyResult<()> {
    loop {
        let w = {
            let Some(cell) = queue_data(q) else { return Ok(()) };
            let mut d = cell.borrow_mut();
            let dq = if getters { &mut d.getters } else { &mut d.putters };
            match dq.pop_front() {
                Some(w) => w,
                None => return Ok(()),
            }
        };
        if future::is_done(&w) != Some(true) {
            future::set_result(vm, &w, Value::None)?;
            return Ok(());
        }
    }
}

fn put_nowait(vm: &mut Vm, q: &Value, item: Value) -> PyResult<()> {
    {
        let Some(cell) = queue_data(q) else { return Err(type_error("not a queue")) };
        let mut d = cell.borrow_mut();
        if queue_full(&d) {
            return Err(Exc::new(&types().exc("QueueFull"), vec![]));
        }
        d.items.push_back(item);
        d.unfinished += 1;
        d.finished = false;
    }
    wakeup_next(vm, q, true)
}

fn get_nowait(vm: &mut Vm, q: &Value) -> PyResult<Value> {
    let item = {
        let Some(cell) = queue_data(q) else { return Err(type_error("not a queue")) };
        let mut d = cell.borrow_mut();
        match d.items.pop_front() {
            Some(v) => v,
            None => return Err(Exc::new(&types().exc("QueueEmpty"), vec![])),
        }
    };
    wakeup_next(vm, q, false)?;
    Ok(item)
}

fn remove_waiter(q: &Value, w: &Value, get: bool) {
    if let Some(cell) = queue_data(q) {
        let mut d = cell.borrow_mut();
        let dq = if get { &mut d.getters } else { &mut d.putters };
        if let Some(pos) = dq.iter().position(|x| x.is(w)) {
            dq.remove(pos);
        }
    }
}

/// One step of a native coroutine.
pub fn coro_send(vm: &mut Vm, cell: &RefCell<AioCoro>, arg: Resume) -> PyResult<NativeStep> {
    let mut st = cell.borrow_mut();
    match &mut *st {
        AioCoro::Sleep { delay, result, state, fut, handle } => match (*state, arg) {
            (3, _) => {
                Ok(NativeStep::Raise(runtime_error("cannot reuse already awaited coroutine")))
            }
            (0, Resume::Throw(e)) | (1, Resume::Throw(e)) => {
                *state = 3;
                Ok(NativeStep::Raise(e))
            }
            (_, Resume::Throw(e)) => {
                if let Some(h) = handle.take() {
                    event_loop::cancel_handle(&h);
                }
                *state = 3;
                Ok(NativeStep::Raise(e))
            }
            (0, Resume::Send(_)) => {
                if *delay <= 0.0 {
                    *state = 1;
                    vm.aio.note_sleep0_yield();
                    return Ok(NativeStep::Yield(Value::None));
                }
                let lp = super::running_loop(vm)?;
                let f = future::new_future(lp.clone());
                let when = vm.aio.clock + *delay;
                if let Some(c) = fut_data(&f) {
                    c.borrow_mut().tag = Some(format!("timer:{when}"));
                }
                let h = event_loop::call_at(
                    &lp,
                    when,
                    Callback::SetResultUnlessCancelled(f.clone(), result.clone()),
                )?;
                *handle = Some(h);
                *fut = f.clone();
                *state = 2;
                Ok(waiting(&f))
            }
            (1, Resume::Send(_)) => {
                *state = 3;
                Ok(NativeStep::Return(result.clone()))
            }
            (_, Resume::Send(_)) => {
                if let Some(h) = handle.take() {
                    event_loop::cancel_handle(&h);
                }
                *state = 3;
                let f = fut.clone();
                drop(st);
                Ok(match awaited_result(&f) {
                    Ok(v) => NativeStep::Return(v),
                    Err(e) => NativeStep::Raise(e),
                })
            }
        },
        AioCoro::QueueOp { queue, item, get, waiter, done } => {
            if *done {
                return Ok(NativeStep::Raise(runtime_error(
                    "cannot reuse already awaited coroutine",
                )));
            }
            let (q, it, get) = (queue.clone(), item.clone(), *get);
            let w = waiter.take();
            drop(st);
            if let Some(w) = w {
                // Resumed from `await waiter`.
                let r = match arg {
                    Resume::Throw(e) => Err(e),
                    Resume::Send(_) => awaited_result(&w),
                };
                if let Err(e) = r {
                    // except: cancel the waiter, forget it, pass the turn on.
                    future::future_cancel(vm, &w, Value::None)?;
                    remove_waiter(&q, &w, get);
                    let cancelled = future::fut_data(&w)
                        .map(|c| c.borrow().state == FutState::Cancelled)
                        .unwrap_or(true);
                    let blocked = match queue_data(&q) {
                        Some(c) => {
                            let d = c.borrow();
                            if get {
                                d.items.is_empty()
                            } else {
                                queue_full(&d)
                            }
                        }
                        None => true,
                    };
                    if !blocked && !cancelled {
                        wakeup_next(vm, &q, get)?;
                    }
                    set_done(cell);
                    return Ok(NativeStep::Raise(e));
                }
            } else if let Resume::Throw(e) = arg {
                set_done(cell);
                return Ok(NativeStep::Raise(e));
            }
            let blocked = match queue_data(&q) {
                Some(c) => {
                    let d = c.borrow();
                    if get {
                        d.items.is_empty()
                    } else {
                        queue_full(&d)
                    }
                }
                None => false,
            };
            if blocked {
                let lp = queue_loop(vm, &q)?;
                let w = future::new_future(lp);
                if let Some(c) = fut_data(&w) {
                    c.borrow_mut().tag = Some("queue".into());
                }
                if let Some(c) = queue_data(&q) {
                    let mut d = c.borrow_mut();
                    if get {
                        d.getters.push_back(w.clone());
                    } else {
                        d.putters.push_back(w.clone());
                    }
                }
                if let AioCoro::QueueOp { waiter, .. } = &mut *cell.borrow_mut() {
                    *waiter = Some(w.clone());
                }
                return Ok(waiting(&w));
            }
            set_done(cell);
            if get {
                Ok(match get_nowait(vm, &q) {
                    Ok(v) => NativeStep::Return(v),
                    Err(e) => NativeStep::Raise(e),
                })
            } else {
                Ok(match put_nowait(vm, &q, it) {
                    Ok(()) => NativeStep::Return(Value::None),
                    Err(e) => NativeStep::Raise(e),
                })
            }
        }
        AioCoro::QueueJoin { queue, waiter, done, started } => {
            if *done {
                return Ok(NativeStep::Raise(runtime_error(
                    "cannot reuse already awaited coroutine",
                )));
            }
            let q = queue.clone();
            let was_started = *started;
            *started = true;
            if let Some(w) = waiter.take() {
                *done = true;
                drop(st);
                if let Some(c) = queue_data(&q) {
                    let mut d = c.borrow_mut();
                    if let Some(pos) = d.finished_waiters.iter().position(|x| x.is(&w)) {
                        d.finished_waiters.remove(pos);
                    }
                }
                let r = match arg {
                    Resume::Throw(e) => Err(e),
                    Resume::Send(_) => awaited_result(&w),
                };
                return Ok(match r {
                    Ok(_) => NativeStep::Return(Value::None),
                    Err(e) => NativeStep::Raise(e),
                });
            }
            if let Resume::Throw(e) = arg {
                *done = true;
                return Ok(NativeStep::Raise(e));
            }
            let _ = was_started;
            drop(st);
            let (unfinished, finished) = match queue_data(&q) {
                Some(c) => {
                    let d = c.borrow();
                    (d.unfinished, d.finished)
                }
                None => (0, true),
            };
            if unfinished <= 0 || finished {
                set_done(cell);
                return Ok(NativeStep::Return(Value::None));
            }
            let lp = queue_loop(vm, &q)?;
            let w = future::new_future(lp);
            if let Some(c) = fut_data(&w) {
                c.borrow_mut().tag = Some("queue".into());
            }
            if let Some(c) = queue_data(&q) {
                c.borrow_mut().finished_waiters.push(w.clone());
            }
            if let AioCoro::QueueJoin { waiter, .. } = &mut *cell.borrow_mut() {
                *waiter = Some(w.clone());
            }
            Ok(waiting(&w))
        }
    }
}

fn set_done(cell: &RefCell<AioCoro>) {
    match &mut *cell.borrow_mut() {
        AioCoro::QueueOp { done, .. } | AioCoro::QueueJoin { done, .. } => *done = true,
        AioCoro::Sleep { state, .. } => *state = 3,
    }
}

fn queue_this(a: &Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(v) if queue_data(v).is_some() => Ok(v.clone()),
        _ => Err(type_error("descriptor needs a Queue")),
    }
}

fn queue_format(vm: &mut Vm, q: &Value) -> PyResult<String> {
    let Some(cell) = queue_data(q) else { return Ok(String::new()) };
    let (maxsize, items, ng, np, unf) = {
        let d = cell.borrow();
        (
            d.maxsize.clone(),
            d.items.iter().cloned().collect::<Vec<_>>(),
            d.getters.len(),
            d.putters.len(),
            d.unfinished,
        )
    };
    let mut r = format!("maxsize={}", vm.repr(&maxsize)?);
    if !items.is_empty() {
        r.push_str(&format!(" _queue={}", vm.repr(&Value::list(items))?));
    }
    if ng > 0 {
        r.push_str(&format!(" _getters[{ng}]"));
    }
    if np > 0 {
        r.push_str(&format!(" _putters[{np}]"));
    }
    if unf != 0 {
        r.push_str(&format!(" tasks={unf}"));
    }
    Ok(r)
}

/// `asyncio.gather(*coros_or_futures, return_exceptions=False)`.
pub fn gather(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let return_exceptions = match a.take_kw("return_exceptions") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(type_error(format!(
            "gather() got an unexpected keyword argument '{}'",
            k.as_str()
        )));
    }
    if a.pos.is_empty() {
        let lp = event_loop::get_event_loop(vm)?;
        let outer = future::new_future(lp);
        future::set_result(vm, &outer, Value::list(vec![]))?;
        return Ok(outer);
    }
    let mut seen: std::collections::HashMap<u64, Value> = std::collections::HashMap::new();
    let mut children = Vec::with_capacity(a.pos.len());
    let mut outer: Option<Value> = None;
    let mut lp: Option<Value> = None;
    let mut nfuts = 0usize;
    for arg in a.pos.iter() {
        if let Some(f) = seen.get(&arg.id()) {
            children.push(f.clone());
            continue;
        }
        let fut = ensure_future(vm, arg, lp.as_ref())?;
        if lp.is_none() {
            lp = Some(fut_data(&fut).map(|d| d.borrow().loop_obj.clone()).unwrap_or(Value::None));
        }
        if outer.is_none() {
            let lpv = lp.clone().unwrap_or(Value::None);
            let o = Value::Instance(Instance::new(
                types().native("_GatheringFuture"),
                Payload::Native(Box::new(RefCell::new(future::FutureData::new(lpv)))),
            ));
            outer = Some(o);
        }
        nfuts += 1;
        seen.insert(arg.id(), fut.clone());
        if let Some(o) = &outer {
            if fut_data(&fut).is_some() {
                future::add_done_callback(vm, &fut, FutCb::Gather(o.clone()))?;
            } else {
                let cb = crate::objects::func::Builtin::bound(
                    "_done_callback",
                    |vm, a| {
                        let outer = a.pos.first().cloned().unwrap_or(Value::None);
                        let child = a.pos.get(1).cloned().unwrap_or(Value::None);
                        gather_done(vm, &outer, &child)?;
                        Ok(Value::None)
                    },
                    o.clone(),
                );
                let add = vm.get_attr(&fut, "add_done_callback")?;
                vm.call_sync(add, Args::new(vec![cb]))?;
            }
        }
        children.push(fut);
    }
    let outer = outer.unwrap_or(Value::None);
    if let Some(c) = fut_data(&outer) {
        c.borrow_mut().gather = Some(Box::new(future::GatherData {
            children,
            nfuts,
            nfinished: 0,
            return_exceptions,
            cancel_requested: false,
        }));
    }
    Ok(outer)
}

/// `tasks.ensure_future(arg, loop=loop)`.
pub fn ensure_future(vm: &mut Vm, arg: &Value, lp: Option<&Value>) -> PyResult<Value> {
    if let Some(c) = fut_data(arg) {
        if let Some(l) = lp {
            if !c.borrow().loop_obj.is(l) {
                return Err(value_error("The future belongs to a different loop than the one specified as the loop argument"));
            }
        }
        return Ok(arg.clone());
    }
    let is_coro = matches!(arg, Value::Gen(g) if g.kind != crate::objects::gen::GenKind::AsyncGenerator)
        || is_native_coro(arg);
    if !is_coro {
        // A Python future (has _asyncio_future_blocking) or an awaitable.
        if let Value::Instance(_) = arg {
            if vm.get_attr_opt(arg, "_asyncio_future_blocking")?.is_some() {
                return Ok(arg.clone());
            }
        }
        let f = vm.prelude_function("ensure_future")?;
        let mut args = Args::new(vec![arg.clone()]);
        if let Some(l) = lp {
            args.kw.push((intern("loop"), l.clone()));
        }
        return vm.call_sync(f, args);
    }
    let l = match lp {
        Some(l) => l.clone(),
        None => event_loop::get_event_loop(vm)?,
    };
    super::task::create_task(vm, &l, arg.clone(), Value::None)
}

/// gather's `_done_callback(child)`.
pub fn gather_done(vm: &mut Vm, outer: &Value, fut: &Value) -> PyResult<()> {
    let Some(oc) = fut_data(outer) else { return Ok(()) };
    let (done, nfinished, nfuts, return_exceptions) = {
        let mut d = oc.borrow_mut();
        let outer_done = d.state != FutState::Pending;
        let Some(g) = d.gather.as_mut() else { return Ok(()) };
        g.nfinished += 1;
        (outer_done, g.nfinished, g.nfuts, g.return_exceptions)
    };
    let child_cancelled = |f: &Value| -> bool {
        fut_data(f).map(|c| c.borrow().state == FutState::Cancelled).unwrap_or(false)
    };
    let child_exception = |vm: &mut Vm, f: &Value| -> PyResult<Value> {
        if fut_data(f).is_some() {
            future::exception(f)
        } else {
            let m = vm.get_attr(f, "exception")?;
            vm.call_sync(m, Args::default())
        }
    };
    if done {
        if !child_cancelled(fut) {
            child_exception(vm, fut)?;
        }
        return Ok(());
    }
    if !return_exceptions {
        if child_cancelled(fut) {
            let exc = fut_data(fut).map(|c| future::make_cancelled_error(&mut c.borrow_mut()));
            if let Some(exc) = exc {
                future::set_exception(vm, outer, exc.value())?;
            }
            return Ok(());
        }
        let exc = child_exception(vm, fut)?;
        if !exc.is_none() {
            future::set_exception(vm, outer, exc)?;
            return Ok(());
        }
    }
    if nfinished == nfuts {
        let children = oc.borrow().gather.as_ref().map(|g| g.children.clone()).unwrap_or_default();
        let mut results = Vec::with_capacity(children.len());
        for c in &children {
            if child_cancelled(c) {
                let msg =
                    fut_data(c).map(|d| d.borrow().cancel_message.clone()).unwrap_or(Value::None);
                let msg = if msg.is_none() { Value::str("") } else { msg };
                results.push(Exc::new(&types().cancelled_error, vec![msg]).value());
            } else {
                let e = child_exception(vm, c)?;
                if e.is_none() {
                    let r = if fut_data(c).is_some() {
                        future::result(c)?
                    } else {
                        let m = vm.get_attr(c, "result")?;
                        vm.call_sync(m, Args::default())?
                    };
                    results.push(r);
                } else {
                    results.push(e);
                }
            }
        }
        let cancel_requested =
            oc.borrow().gather.as_ref().map(|g| g.cancel_requested).unwrap_or(false);
        if cancel_requested {
            let exc = fut_data(fut).map(|c| future::make_cancelled_error(&mut c.borrow_mut()));
            if let Some(exc) = exc {
                future::set_exception(vm, outer, exc.value())?;
            }
        } else {
            future::set_result(vm, outer, Value::list(results))?;
        }
    }
    Ok(())
}

/// `_GatheringFuture.cancel(msg)`.
pub fn gather_cancel(vm: &mut Vm, outer: &Value, msg: Value) -> PyResult<bool> {
    let Some(oc) = fut_data(outer) else { return Ok(false) };
    if oc.borrow().state != FutState::Pending {
        return Ok(false);
    }
    let children = oc.borrow().gather.as_ref().map(|g| g.children.clone()).unwrap_or_default();
    let mut ret = false;
    for c in &children {
        if future::cancel_any(vm, c, msg.clone())? {
            ret = true;
        }
    }
    if ret {
        if let Some(g) = oc.borrow_mut().gather.as_mut() {
            g.cancel_requested = true;
        }
    }
    Ok(ret)
}

pub(crate) fn install(t: &mut Types) {
    // Shown as `coroutine`, as CPython's `asyncio.sleep()` objects are.
    let c = crate::objects::types::make_native_class(
        "coroutine",
        "builtins",
        vec![t.object.clone()],
        crate::objects::class::Layout::Native,
    );
    t.natives.insert("_native_coroutine", c.clone());
    fn this(a: &Args) -> PyResult<Rc<Instance>> {
        match a.pos.first() {
            Some(Value::Instance(i)) if i.native::<RefCell<AioCoro>>().is_some() => Ok(i.clone()),
            _ => Err(type_error("coroutine expected")),
        }
    }
    fn step_value(vm: &mut Vm, i: &Rc<Instance>, r: Resume) -> PyResult<Value> {
        let Some(cell) = i.native::<RefCell<AioCoro>>() else { return Ok(Value::None) };
        match coro_send(vm, cell, r)? {
            NativeStep::Yield(v) => Ok(v),
            NativeStep::Return(v) => Err(crate::objects::exc::stop_iteration(v)),
            NativeStep::Raise(e) => Err(e),
            NativeStep::Pushed => Ok(Value::None),
        }
    }
    add_method(&c, "send", |vm, a| {
        let i = this(&a)?;
        step_value(vm, &i, Resume::Send(a.pos.get(1).cloned().unwrap_or(Value::None)))
    });
    add_method(&c, "throw", |vm, a| {
        let i = this(&a)?;
        let e = vm.make_exception(a.pos.get(1).cloned().unwrap_or(Value::None))?;
        step_value(vm, &i, Resume::Throw(e))
    });
    add_method(&c, "close", |_vm, a| {
        let i = this(&a)?;
        if let Some(cell) = i.native::<RefCell<AioCoro>>() {
            if let AioCoro::Sleep { handle: Some(h), .. } = &*cell.borrow() {
                event_loop::cancel_handle(h);
            }
            set_done(cell);
        }
        Ok(Value::None)
    });
    add_method(&c, "__await__", crate::builtins::functions::iter_self_method);
    add_method(&c, "__repr__", |_vm, a| {
        let i = this(&a)?;
        let name = i.native::<RefCell<AioCoro>>().map(|c| c.borrow().name()).unwrap_or("?");
        Ok(Value::string(format!(
            "<coroutine object {} at {}>",
            name,
            crate::builtins::repr::addr(&Value::Instance(i.clone()))
        )))
    });

    let q = native_class(t, "Queue", "asyncio.queues", vec![]);
    add_method(&q, "__new__", |_vm, mut a| {
        let maxsize = a.arg_or_kw(1, "maxsize").unwrap_or(Value::int(0));
        let cls = match a.pos.first() {
            Some(Value::Class(c)) => c.clone(),
            _ => types().native("Queue"),
        };
        Ok(Value::Instance(Instance::new(
            cls,
            Payload::Native(Box::new(RefCell::new(QueueData {
                maxsize,
                items: VecDeque::new(),
                getters: VecDeque::new(),
                putters: VecDeque::new(),
                unfinished: 0,
                finished: true,
                finished_waiters: Vec::new(),
                loop_obj: Value::None,
            }))),
        )))
    });
    add_method(&q, "__init__", |_vm, _a| Ok(Value::None));
    add_method(&q, "qsize", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(Value::int(queue_data(&q).map(|c| c.borrow().items.len()).unwrap_or(0) as i64))
    });
    add_method(&q, "empty", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(Value::Bool(queue_data(&q).map(|c| c.borrow().items.is_empty()).unwrap_or(true)))
    });
    add_method(&q, "full", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(Value::Bool(queue_data(&q).map(|c| queue_full(&c.borrow())).unwrap_or(false)))
    });
    add_method(&q, "put_nowait", |vm, a| {
        let q = queue_this(&a)?;
        let item = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("put_nowait() missing 1 required positional argument: 'item'")
        })?;
        put_nowait(vm, &q, item)?;
        Ok(Value::None)
    });
    add_method(&q, "get_nowait", |vm, a| {
        let q = queue_this(&a)?;
        get_nowait(vm, &q)
    });
    add_method(&q, "put", |_vm, a| {
        let q = queue_this(&a)?;
        let item =
            a.pos.get(1).cloned().ok_or_else(|| {
                type_error("put() missing 1 required positional argument: 'item'")
            })?;
        Ok(coro_value(AioCoro::QueueOp { queue: q, item, get: false, waiter: None, done: false }))
    });
    add_method(&q, "get", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(coro_value(AioCoro::QueueOp {
            queue: q,
            item: Value::None,
            get: true,
            waiter: None,
            done: false,
        }))
    });
    add_method(&q, "join", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(coro_value(AioCoro::QueueJoin { queue: q, waiter: None, done: false, started: false }))
    });
    add_method(&q, "task_done", |vm, a| {
        let q = queue_this(&a)?;
        let waiters = {
            let Some(cell) = queue_data(&q) else { return Ok(Value::None) };
            let mut d = cell.borrow_mut();
            if d.unfinished <= 0 {
                return Err(value_error("task_done() called too many times"));
            }
            d.unfinished -= 1;
            if d.unfinished == 0 && !d.finished {
                d.finished = true;
                d.finished_waiters.clone()
            } else {
                Vec::new()
            }
        };
        for w in waiters {
            if future::is_done(&w) != Some(true) {
                future::set_result(vm, &w, Value::Bool(true))?;
            }
        }
        Ok(Value::None)
    });
    add_method(&q, "__repr__", |vm, a| {
        let q = queue_this(&a)?;
        let name = match &q {
            Value::Instance(i) => i.class.name.as_str().to_string(),
            _ => String::new(),
        };
        let f = queue_format(vm, &q)?;
        Ok(Value::string(format!("<{} at 0x{:x} {}>", name, q.id(), f)))
    });
    add_method(&q, "__str__", |vm, a| {
        let q = queue_this(&a)?;
        let name = match &q {
            Value::Instance(i) => i.class.name.as_str().to_string(),
            _ => String::new(),
        };
        let f = queue_format(vm, &q)?;
        Ok(Value::string(format!("<{name} {f}>")))
    });
    add_method(&q, "__class_getitem__", |_vm, a| Ok(a.pos.first().cloned().unwrap_or(Value::None)));
    crate::builtins::add_getter(&q, &t.property.clone(), "maxsize", |_vm, a| {
        let q = queue_this(&a)?;
        Ok(queue_data(&q).map(|c| c.borrow().maxsize.clone()).unwrap_or(Value::None))
    });
    let f = t.native("Future");
    native_class(t, "_GatheringFuture", "asyncio.tasks", vec![f]);
}

/// Computed attributes of queues (`_queue`, `_unfinished_tasks`, ...).
pub fn native_attr(i: &Rc<Instance>, name: &str) -> Option<Value> {
    let cell = i.native::<RefCell<QueueData>>()?;
    let d = cell.borrow();
    Some(match name {
        "_queue" => Value::list(d.items.iter().cloned().collect()),
        "_maxsize" => d.maxsize.clone(),
        "_unfinished_tasks" => Value::int(d.unfinished),
        "_getters" => Value::list(d.getters.iter().cloned().collect()),
        "_putters" => Value::list(d.putters.iter().cloned().collect()),
        "_loop" => d.loop_obj.clone(),
        _ => return None,
    })
}
