//! `asyncio.Future` and the data of `asyncio.Task` (CPython's C
//! `_asyncio.Future` behaviour and messages): states, result or exception,
//! done-callbacks scheduled through the loop, cancellation, and the iterator
//! that `await fut` delegates to.

use super::event_loop::{self, Callback};
use crate::builtins::{add_flow_method, add_method, native_class};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{type_error, Exc};
use crate::objects::func::{Args, Flow};
use crate::objects::str::intern;
use crate::objects::types::{type_name, types, Types};
use crate::value::Value;
use crate::vm::gen::{NativeStep, Resume};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// A future's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    /// Not done.
    Pending,
    /// Cancelled.
    Cancelled,
    /// Has a result or an exception.
    Finished,
}

/// A done-callback.
#[derive(Clone)]
pub enum FutCb {
    /// A Python callable, called with the future.
    Py(Value),
    /// A task's `__wakeup`.
    Wakeup(Value),
    /// `gather`'s `_done_callback`, for this outer future.
    Gather(Value),
}

/// The state of `gather`'s outer future (`_GatheringFuture`).
pub struct GatherData {
    /// The children, one per argument.
    pub children: Vec<Value>,
    /// Distinct children.
    pub nfuts: usize,
    /// Children done so far.
    pub nfinished: usize,
    /// `return_exceptions`.
    pub return_exceptions: bool,
    /// `_cancel_requested`.
    pub cancel_requested: bool,
}

/// The task part of a task's state.
pub struct TaskData {
    /// The coroutine.
    pub coro: Value,
    /// The name.
    pub name: Value,
    /// `_must_cancel`.
    pub must_cancel: bool,
    /// `_fut_waiter`.
    pub fut_waiter: Value,
    /// `_num_cancels_requested`.
    pub num_cancels_requested: i64,
    /// The first step has been scheduled (busy-poll rule).
    pub started: bool,
}

/// A future's (or task's) state.
pub struct FutureData {
    /// The state.
    pub state: FutState,
    /// The result.
    pub result: Value,
    /// The exception.
    pub exception: Option<Exc>,
    /// Length of the exception's traceback when it was set (a re-raise
    /// starts from there, as `with_traceback(self._exception_tb)`).
    pub exc_tb_len: usize,
    /// Done-callbacks.
    pub callbacks: Vec<FutCb>,
    /// `_cancel_message`.
    pub cancel_message: Value,
    /// `_cancelled_exc`.
    pub cancelled_exc: Option<Exc>,
    /// `_asyncio_future_blocking`.
    pub blocking: bool,
    /// `_log_traceback`.
    pub log_traceback: bool,
    /// The loop.
    pub loop_obj: Value,
    /// The task part, for tasks.
    pub task: Option<TaskData>,
    /// What made it (`queue`, `lock`, `event`, `semaphore`), for the
    /// timeline.
    pub tag: Option<String>,
    /// For `gather`'s outer future.
    pub gather: Option<Box<GatherData>>,
}

impl FutureData {
    /// A pending future of `loop_obj`.
    pub fn new(loop_obj: Value) -> FutureData {
        FutureData {
            state: FutState::Pending,
            result: Value::None,
            exception: None,
            exc_tb_len: 0,
            callbacks: Vec::new(),
            cancel_message: Value::None,
            cancelled_exc: None,
            blocking: false,
            log_traceback: false,
            loop_obj,
            task: None,
            tag: None,
            gather: None,
        }
    }
}

/// The state of `await fut`'s iterator.
pub struct FutIter {
    /// The future.
    pub fut: Value,
    /// It has yielded the future once.
    pub yielded: bool,
}

/// The future state of a value, if it is a native future or task.
pub fn fut_data(v: &Value) -> Option<&RefCell<FutureData>> {
    match v {
        Value::Instance(i) => i.native::<RefCell<FutureData>>(),
        _ => None,
    }
}

/// A new pending future.
pub fn new_future(loop_obj: Value) -> Value {
    Value::Instance(Instance::new(
        types().native("Future"),
        Payload::Native(Box::new(RefCell::new(FutureData::new(loop_obj)))),
    ))
}

/// True when `v` is done (a native future) or `None` when not a future.
pub fn is_done(v: &Value) -> Option<bool> {
    fut_data(v).map(|d| d.borrow().state != FutState::Pending)
}

/// `CancelledError` for a cancelled future (`_make_cancelled_error`).
pub fn make_cancelled_error(d: &mut FutureData) -> Exc {
    if let Some(e) = d.cancelled_exc.take() {
        return e;
    }
    let t = types();
    if d.cancel_message.is_none() {
        Exc::new(&t.cancelled_error, vec![])
    } else {
        Exc::new(&t.cancelled_error, vec![d.cancel_message.clone()])
    }
}

/// `fut.result()`.
pub fn result(v: &Value) -> PyResult<Value> {
    let Some(cell) = fut_data(v) else {
        return Err(type_error("not a future"));
    };
    let mut d = cell.borrow_mut();
    match d.state {
        FutState::Cancelled => Err(make_cancelled_error(&mut d)),
        FutState::Pending => Err(Exc::msg(&types().invalid_state_error, "Result is not set.")),
        FutState::Finished => {
            d.log_traceback = false;
            match &d.exception {
                Some(e) => {
                    let n = d.exc_tb_len;
                    e.with_mut(|x| x.traceback.truncate(n));
                    Err(e.clone())
                }
                None => Ok(d.result.clone()),
            }
        }
    }
}

/// `fut.exception()`.
pub fn exception(v: &Value) -> PyResult<Value> {
    let Some(cell) = fut_data(v) else {
        return Err(type_error("not a future"));
    };
    let mut d = cell.borrow_mut();
    match d.state {
        FutState::Cancelled => Err(make_cancelled_error(&mut d)),
        FutState::Pending => Err(Exc::msg(&types().invalid_state_error, "Exception is not set.")),
        FutState::Finished => {
            d.log_traceback = false;
            Ok(d.exception.as_ref().map(|e| e.value()).unwrap_or(Value::None))
        }
    }
}

/// Schedules the done-callbacks through the loop.
pub fn schedule_callbacks(vm: &mut Vm, fut: &Value) -> PyResult<()> {
    let Some(cell) = fut_data(fut) else { return Ok(()) };
    let (cbs, lp) = {
        let mut d = cell.borrow_mut();
        (std::mem::take(&mut d.callbacks), d.loop_obj.clone())
    };
    for cb in cbs {
        let c = match cb {
            FutCb::Py(f) => Callback::Py(f, vec![fut.clone()]),
            FutCb::Wakeup(task) => Callback::Wakeup(task, fut.clone()),
            FutCb::Gather(outer) => Callback::GatherDone(outer, fut.clone()),
        };
        event_loop::call_soon(vm, &lp, c, false)?;
    }
    Ok(())
}

/// `fut.set_result(value)`.
pub fn set_result(vm: &mut Vm, fut: &Value, value: Value) -> PyResult<()> {
    let Some(cell) = fut_data(fut) else {
        return Err(type_error("not a future"));
    };
    {
        let mut d = cell.borrow_mut();
        if d.state != FutState::Pending {
            return Err(Exc::msg(&types().invalid_state_error, "invalid state"));
        }
        d.result = value;
        d.state = FutState::Finished;
    }
    schedule_callbacks(vm, fut)
}

/// `fut.set_exception(exc)`.
pub fn set_exception(vm: &mut Vm, fut: &Value, exc: Value) -> PyResult<()> {
    let Some(cell) = fut_data(fut) else {
        return Err(type_error("not a future"));
    };
    if cell.borrow().state != FutState::Pending {
        return Err(Exc::msg(&types().invalid_state_error, "invalid state"));
    }
    let exc = match &exc {
        Value::Class(_) => vm.call_sync(exc.clone(), Args::default())?,
        _ => exc,
    };
    let Some(e) = Exc::from_value(&exc) else {
        return Err(type_error("exception must be a BaseException"));
    };
    if Rc::ptr_eq(e.class(), &types().stop_iteration) {
        return Err(type_error(
            "StopIteration interacts badly with generators and cannot be raised into a Future",
        ));
    }
    {
        let mut d = cell.borrow_mut();
        d.exc_tb_len = e.with(|x| x.traceback.len()).unwrap_or(0);
        d.exception = Some(e);
        d.state = FutState::Finished;
        d.log_traceback = true;
    }
    schedule_callbacks(vm, fut)
}

/// `Future.cancel(msg)` (the future part, not a task's override).
pub fn future_cancel(vm: &mut Vm, fut: &Value, msg: Value) -> PyResult<bool> {
    let Some(cell) = fut_data(fut) else { return Ok(false) };
    {
        let mut d = cell.borrow_mut();
        d.log_traceback = false;
        if d.state != FutState::Pending {
            return Ok(false);
        }
        d.state = FutState::Cancelled;
        d.cancel_message = msg;
    }
    schedule_callbacks(vm, fut)?;
    Ok(true)
}

/// `obj.cancel(msg)` on any awaitable future: native futures and tasks
/// directly, others through their method.
pub fn cancel_any(vm: &mut Vm, fut: &Value, msg: Value) -> PyResult<bool> {
    if let Some(cell) = fut_data(fut) {
        if cell.borrow().task.is_some() {
            return super::task::task_cancel(vm, fut, msg);
        }
        if cell.borrow().gather.is_some() {
            return super::native::gather_cancel(vm, fut, msg);
        }
        if let Value::Instance(i) = fut {
            if !i.class.builtin {
                if let Some(f) = vm.lookup_special(fut, "cancel") {
                    let r =
                        vm.call_sync(f, Args { pos: vec![], kw: vec![(intern("msg"), msg)] })?;
                    return vm.truthy(&r);
                }
            }
        }
        return future_cancel(vm, fut, msg);
    }
    let f = vm.get_attr(fut, "cancel")?;
    let r = vm.call_sync(f, Args { pos: vec![], kw: vec![(intern("msg"), msg)] })?;
    vm.truthy(&r)
}

/// `fut.add_done_callback(cb)`.
pub fn add_done_callback(vm: &mut Vm, fut: &Value, cb: FutCb) -> PyResult<()> {
    let Some(cell) = fut_data(fut) else {
        return Err(type_error("not a future"));
    };
    let (pending, lp) = {
        let d = cell.borrow();
        (d.state == FutState::Pending, d.loop_obj.clone())
    };
    if pending {
        cell.borrow_mut().callbacks.push(cb);
        Ok(())
    } else {
        let c = match cb {
            FutCb::Py(f) => Callback::Py(f, vec![fut.clone()]),
            FutCb::Wakeup(t) => Callback::Wakeup(t, fut.clone()),
            FutCb::Gather(o) => Callback::GatherDone(o, fut.clone()),
        };
        event_loop::call_soon(vm, &lp, c, false).map(|_| ())
    }
}

/// The iterator for `await fut`.
pub fn await_iter(i: &Rc<Instance>) -> Option<Value> {
    i.native::<RefCell<FutureData>>()?;
    Some(Value::Instance(Instance::new(
        types().native("FutureIter"),
        Payload::Native(Box::new(RefCell::new(FutIter {
            fut: Value::Instance(i.clone()),
            yielded: false,
        }))),
    )))
}

/// One step of `await fut`.
pub fn iter_send(_vm: &mut Vm, i: &Rc<Instance>, arg: &Resume) -> PyResult<Option<NativeStep>> {
    let Some(it) = i.native::<RefCell<FutIter>>() else {
        return Ok(None);
    };
    if let Resume::Throw(e) = arg {
        return Ok(Some(NativeStep::Raise(e.clone())));
    }
    let (fut, yielded) = {
        let s = it.borrow();
        (s.fut.clone(), s.yielded)
    };
    let Some(cell) = fut_data(&fut) else { return Ok(None) };
    let pending = cell.borrow().state == FutState::Pending;
    if pending {
        if yielded {
            return Ok(Some(NativeStep::Raise(crate::objects::exc::runtime_error(
                "await wasn't used with future",
            ))));
        }
        cell.borrow_mut().blocking = true;
        it.borrow_mut().yielded = true;
        return Ok(Some(NativeStep::Yield(fut)));
    }
    Ok(Some(match result(&fut) {
        Ok(v) => NativeStep::Return(v),
        Err(e) => NativeStep::Raise(e),
    }))
}

fn this(a: &Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(v @ Value::Instance(i)) if i.native::<RefCell<FutureData>>().is_some() => {
            Ok(v.clone())
        }
        _ => Err(type_error("descriptor needs a Future")),
    }
}

/// `repr(fut)` as CPython's `_future_repr_info` does.
pub fn future_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(cell) = fut_data(v) else { return Ok(String::new()) };
    let is_task = cell.borrow().task.is_some();
    let mut info: Vec<String> = Vec::new();
    let (state, exc, res, cbs) = {
        let d = cell.borrow();
        (d.state, d.exception.clone(), d.result.clone(), d.callbacks.clone())
    };
    info.push(
        match state {
            FutState::Pending => "pending",
            FutState::Cancelled => "cancelled",
            FutState::Finished => "finished",
        }
        .to_string(),
    );
    if state == FutState::Finished {
        match &exc {
            Some(e) => info.push(format!("exception={}", vm.repr(&e.value())?)),
            None => {
                let mut r = vm.repr(&res)?;
                if r.len() > 30 {
                    // reprlib.repr shortens long values.
                    r = reprlib_str(&r);
                }
                info.push(format!("result={r}"));
            }
        }
    }
    if !cbs.is_empty() {
        let mut names = Vec::new();
        for cb in cbs.iter() {
            names.push(match cb {
                FutCb::Wakeup(_) => "Task.task_wakeup()".to_string(),
                FutCb::Gather(_) => "gather.<locals>._done_callback()".to_string(),
                FutCb::Py(f) => format!("{}()", callback_name(vm, f)),
            });
        }
        let s = if names.len() > 2 {
            format!("{}, <{} more>, {}", names[0], names.len() - 2, names[names.len() - 1])
        } else {
            names.join(", ")
        };
        info.push(format!("cb=[{s}]"));
    }
    if is_task {
        super::task::task_repr_info(vm, v, &mut info)?;
        return Ok(format!("<Task {}>", info.join(" ")));
    }
    let name = match v {
        Value::Instance(i) => i.class.name.as_str().to_string(),
        _ => "Future".to_string(),
    };
    Ok(format!("<{} {}>", name, info.join(" ")))
}

fn reprlib_str(r: &str) -> String {
    let chars: Vec<char> = r.chars().collect();
    if chars.len() <= 30 {
        return r.to_string();
    }
    let i = (30 - 3) / 2;
    let j = 30 - 3 - i;
    let head: String = chars[..i].iter().collect();
    let tail: String = chars[chars.len() - j..].iter().collect();
    format!("{head}...{tail}")
}

/// A callback's name as asyncio formats it.
pub fn callback_name(vm: &mut Vm, f: &Value) -> String {
    match f {
        Value::Function(func) => func.qualname.borrow().as_str().to_string(),
        Value::Method(m) => callback_name(vm, &m.func),
        Value::Builtin(b) => b.name.as_str().to_string(),
        other => vm.repr(other).unwrap_or_default(),
    }
}

fn future_new(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let lp = a.take_kw("loop");
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().native("Future"),
    };
    let lp = match lp {
        Some(Value::None) | None => event_loop::get_event_loop(vm)?,
        Some(l) => l,
    };
    Ok(Value::Instance(Instance::new(
        cls,
        Payload::Native(Box::new(RefCell::new(FutureData::new(lp)))),
    )))
}

pub(crate) fn install(t: &mut Types) {
    let f = native_class(t, "Future", "_asyncio", vec![]);
    let task = native_class(t, "Task", "_asyncio", vec![f.clone()]);
    native_class(t, "FutureIter", "_asyncio", vec![]);
    add_method(&f, "__new__", future_new);
    add_method(&f, "__init__", |_vm, _a| Ok(Value::None));
    add_method(&f, "result", |_vm, a| result(&this(&a)?));
    add_method(&f, "exception", |_vm, a| exception(&this(&a)?));
    add_method(&f, "done", |_vm, a| Ok(Value::Bool(is_done(&this(&a)?).unwrap_or(false))));
    add_method(&f, "cancelled", |_vm, a| {
        let v = this(&a)?;
        Ok(Value::Bool(
            fut_data(&v).map(|d| d.borrow().state == FutState::Cancelled).unwrap_or(false),
        ))
    });
    add_method(&f, "set_result", |vm, a| {
        let v = this(&a)?;
        let r = a
            .pos
            .get(1)
            .cloned()
            .ok_or_else(|| type_error("set_result() missing 1 required positional argument"))?;
        set_result(vm, &v, r)?;
        Ok(Value::None)
    });
    add_method(&f, "set_exception", |vm, a| {
        let v = this(&a)?;
        let e =
            a.pos.get(1).cloned().ok_or_else(|| {
                type_error("set_exception() missing 1 required positional argument")
            })?;
        set_exception(vm, &v, e)?;
        Ok(Value::None)
    });
    add_method(&f, "cancel", |vm, mut a| {
        let msg = a.take_kw("msg").or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::None);
        let v = this(&a)?;
        if fut_data(&v).map(|d| d.borrow().gather.is_some()).unwrap_or(false) {
            return Ok(Value::Bool(super::native::gather_cancel(vm, &v, msg)?));
        }
        Ok(Value::Bool(future_cancel(vm, &v, msg)?))
    });
    add_method(&f, "add_done_callback", |vm, mut a| {
        let _ctx = a.take_kw("context");
        let v = this(&a)?;
        let cb = a.pos.get(1).cloned().ok_or_else(|| {
            type_error("add_done_callback() missing 1 required positional argument: 'fn'")
        })?;
        add_done_callback(vm, &v, FutCb::Py(cb))?;
        Ok(Value::None)
    });
    add_method(&f, "remove_done_callback", |vm, a| {
        let v = this(&a)?;
        let target = a.pos.get(1).cloned().unwrap_or(Value::None);
        let Some(cell) = fut_data(&v) else { return Ok(Value::int(0)) };
        let cbs = std::mem::take(&mut cell.borrow_mut().callbacks);
        let mut kept = Vec::with_capacity(cbs.len());
        let mut removed = 0;
        for cb in cbs {
            let same = match &cb {
                FutCb::Py(f) => vm.eq_sync(f, &target)?,
                FutCb::Wakeup(_) | FutCb::Gather(_) => false,
            };
            if same {
                removed += 1;
            } else {
                kept.push(cb);
            }
        }
        let mut d = cell.borrow_mut();
        kept.extend(std::mem::take(&mut d.callbacks));
        d.callbacks = kept;
        Ok(Value::int(removed))
    });
    add_method(&f, "_make_cancelled_error", |_vm, a| {
        let v = this(&a)?;
        match fut_data(&v) {
            Some(c) => Ok(make_cancelled_error(&mut c.borrow_mut()).value()),
            None => Ok(Value::None),
        }
    });
    add_method(&f, "get_loop", |_vm, a| {
        let v = this(&a)?;
        Ok(fut_data(&v).map(|d| d.borrow().loop_obj.clone()).unwrap_or(Value::None))
    });
    add_method(&f, "__await__", |_vm, a| match a.pos.first() {
        Some(Value::Instance(i)) => Ok(await_iter(i).unwrap_or(Value::None)),
        _ => Err(type_error("descriptor needs a Future")),
    });
    add_method(&f, "__iter__", |_vm, a| match a.pos.first() {
        Some(Value::Instance(i)) => Ok(await_iter(i).unwrap_or(Value::None)),
        _ => Err(type_error("descriptor needs a Future")),
    });
    add_method(&f, "__repr__", |vm, a| {
        let v = this(&a)?;
        Ok(Value::string(future_repr(vm, &v)?))
    });
    add_flow_method(&f, "__class_getitem__", |_vm, a| {
        Ok(Flow::Value(a.pos.first().cloned().unwrap_or(Value::None)))
    });
    super::task::install_methods(&task);
    let fi = t.native("FutureIter");
    add_method(&fi, "__iter__", crate::builtins::functions::iter_self_method);
    add_method(&fi, "__await__", crate::builtins::functions::iter_self_method);
    add_method(&fi, "__next__", |vm, a| {
        let Some(Value::Instance(i)) = a.pos.first() else {
            return Err(type_error("FutureIter expected"));
        };
        match iter_send(vm, i, &Resume::Send(Value::None))? {
            Some(NativeStep::Yield(v)) => Ok(v),
            Some(NativeStep::Return(v)) => Err(crate::objects::exc::stop_iteration(v)),
            Some(NativeStep::Raise(e)) => Err(e),
            _ => Err(crate::objects::exc::stop_iteration(Value::None)),
        }
    });
    add_method(&fi, "send", |vm, a| {
        let Some(Value::Instance(i)) = a.pos.first() else {
            return Err(type_error("FutureIter expected"));
        };
        let v = a.pos.get(1).cloned().unwrap_or(Value::None);
        match iter_send(vm, i, &Resume::Send(v))? {
            Some(NativeStep::Yield(v)) => Ok(v),
            Some(NativeStep::Return(v)) => Err(crate::objects::exc::stop_iteration(v)),
            Some(NativeStep::Raise(e)) => Err(e),
            _ => Err(crate::objects::exc::stop_iteration(Value::None)),
        }
    });
    add_method(&fi, "throw", |vm, a| {
        let typ = a.pos.get(1).cloned().unwrap_or(Value::None);
        let e = vm.make_exception(typ)?;
        Err(e)
    });
}

/// Computed attributes of futures and tasks.
pub fn native_attr(vm: &mut Vm, i: &Rc<Instance>, name: &str) -> PyResult<Option<Value>> {
    let Some(cell) = i.native::<RefCell<FutureData>>() else {
        if let Some(v) = super::native::native_attr(i, name) {
            return Ok(Some(v));
        }
        return super::event_loop::native_attr(vm, i, name);
    };
    let d = cell.borrow();
    Ok(match name {
        "_asyncio_future_blocking" => Some(Value::Bool(d.blocking)),
        "_state" => Some(Value::str(match d.state {
            FutState::Pending => "PENDING",
            FutState::Cancelled => "CANCELLED",
            FutState::Finished => "FINISHED",
        })),
        "_loop" => Some(d.loop_obj.clone()),
        "_result" => Some(d.result.clone()),
        "_exception" => Some(d.exception.as_ref().map(|e| e.value()).unwrap_or(Value::None)),
        "_cancel_message" => Some(d.cancel_message.clone()),
        "_log_traceback" => Some(Value::Bool(d.log_traceback)),
        "_callbacks" => Some(Value::list(
            d.callbacks
                .iter()
                .map(|c| match c {
                    FutCb::Py(f) => Value::tuple(vec![f.clone(), Value::None]),
                    FutCb::Wakeup(t) | FutCb::Gather(t) => {
                        Value::tuple(vec![t.clone(), Value::None])
                    }
                })
                .collect(),
        )),
        _ => match &d.task {
            Some(t) => match name {
                "_children" => d.gather.as_ref().map(|g| Value::list(g.children.clone())),
                "_coro" => Some(t.coro.clone()),
                "_name" => Some(t.name.clone()),
                "_must_cancel" => Some(Value::Bool(t.must_cancel)),
                "_fut_waiter" => Some(t.fut_waiter.clone()),
                "_num_cancels_requested" => Some(Value::int(t.num_cancels_requested)),
                _ => None,
            },
            None => None,
        },
    })
}

/// Assignments to the attributes of futures and tasks that programs make.
pub fn native_setattr(vm: &mut Vm, i: &Rc<Instance>, name: &str, value: &Value) -> PyResult<bool> {
    let Some(cell) = i.native::<RefCell<FutureData>>() else {
        return Ok(false);
    };
    match name {
        "_asyncio_future_blocking" => {
            let b = vm.truthy(value)?;
            cell.borrow_mut().blocking = b;
            Ok(true)
        }
        "_log_traceback" => {
            if vm.truthy(value)? {
                return Err(crate::objects::exc::value_error(
                    "_log_traceback can only be set to False",
                ));
            }
            cell.borrow_mut().log_traceback = false;
            Ok(true)
        }
        _ => Err(crate::objects::exc::attribute_error(format!(
            "'{}' object has no attribute '{}'",
            type_name(&Value::Instance(i.clone())),
            name
        ))),
    }
}
