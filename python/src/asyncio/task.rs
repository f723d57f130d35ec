//! `asyncio.Task`: a future that drives a coroutine, one `__step` per
//! resumption, exactly as tasks.py (and CPython's C task) does it.
//!
//! A step resumes the coroutine's frame on the VM's frame stack with the
//! continuation [`Cont::TaskStep`]; when the coroutine yields, returns or
//! raises, [`step_done`] runs the rest of `__step` (wait on the yielded
//! future, reschedule after a bare yield, set the result or exception).

use super::event_loop::{self, Callback};
use super::future::{self, fut_data, FutCb, FutState, FutureData, TaskData};
use crate::builtins::add_method;
use crate::objects::class::{Class, Instance, Payload};
use crate::objects::exc::{runtime_error, type_error, Exc};
use crate::objects::func::Args;
use crate::objects::gen::GenKind;
use crate::objects::str::{intern, PyStr};
use crate::objects::types::types;
use crate::value::Value;
use crate::vm::frame::{Cont, Exit};
use crate::vm::gen::Resume;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The name of a task value.
pub fn task_name(t: &Value) -> Option<Rc<PyStr>> {
    let d = fut_data(t)?.borrow();
    match &d.task.as_ref()?.name {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// `loop.create_task(coro, name=name)`.
pub fn create_task(vm: &mut Vm, lp: &Value, coro: Value, name: Value) -> PyResult<Value> {
    create_task_of(vm, lp, coro, name, types().native("Task"))
}

/// Makes a task of class `cls` and schedules its first step.
pub fn create_task_of(
    vm: &mut Vm,
    lp: &Value,
    coro: Value,
    name: Value,
    cls: Rc<Class>,
) -> PyResult<Value> {
    let ok = matches!(&coro, Value::Gen(g) if g.kind != GenKind::AsyncGenerator)
        || super::native::is_native_coro(&coro)
        || matches!(&coro, Value::Instance(i) if crate::vm::gen::is_native_awaitable(i));
    if !ok {
        return Err(type_error(format!("a coroutine was expected, got {}", vm.repr(&coro)?)));
    }
    let name = match name {
        Value::None => {
            vm.aio.task_counter += 1;
            Value::string(format!("Task-{}", vm.aio.task_counter))
        }
        Value::Str(_) => name,
        other => Value::string(vm.str_of(&other)?),
    };
    let mut data = FutureData::new(lp.clone());
    data.task = Some(TaskData {
        coro,
        name,
        must_cancel: false,
        fut_waiter: Value::None,
        num_cancels_requested: 0,
        started: true,
    });
    let t = Value::Instance(Instance::new(cls, Payload::Native(Box::new(RefCell::new(data)))));
    event_loop::call_soon(vm, lp, Callback::Step(t.clone(), None), false)?;
    vm.aio.tasks.push(t.clone());
    if vm.aio.tasks.len() >= vm.aio.tasks_prune_at {
        // Forget finished tasks (all_tasks only reports pending ones), at
        // doubling sizes so that creating tasks stays linear.
        report_unretrieved(vm);
        vm.aio.tasks.retain(|t| future::is_done(t) == Some(false));
        vm.aio.tasks_prune_at = (vm.aio.tasks.len() * 2).max(1024);
    }
    if vm.config.record_events {
        vm.events.push(crate::host::Event::TaskCreated {
            time: vm.aio.clock,
            task: task_name(&t).map(|s| s.as_str().to_string()).unwrap_or_default(),
        });
    }
    Ok(t)
}

fn with_task<R>(t: &Value, f: impl FnOnce(&mut FutureData, &mut TaskData) -> R) -> Option<R> {
    let cell = fut_data(t)?;
    let mut d = cell.borrow_mut();
    let mut td = d.task.take()?;
    let r = f(&mut d, &mut td);
    d.task = Some(td);
    Some(r)
}

/// `Task.__step(exc)`.
pub fn step(vm: &mut Vm, task: &Value, exc: Option<Exc>) -> PyResult<()> {
    if future::is_done(task) == Some(true) {
        let r = vm.repr(task)?;
        let er = match &exc {
            Some(e) => vm.repr(&e.value())?,
            None => "None".to_string(),
        };
        return Err(Exc::msg(
            &types().invalid_state_error,
            format!("_step(): already done: {r}, {er}"),
        ));
    }
    let mut exc = exc;
    let must_cancel = with_task(task, |_, t| t.must_cancel).unwrap_or(false);
    if must_cancel {
        let is_cancel =
            exc.as_ref().map(|e| e.is_instance(&types().cancelled_error)).unwrap_or(false);
        if !is_cancel {
            let e = fut_data(task).map(|c| future::make_cancelled_error(&mut c.borrow_mut()));
            exc = e;
        }
        with_task(task, |_, t| t.must_cancel = false);
    }
    let coro = with_task(task, |_, t| {
        t.fut_waiter = Value::None;
        t.coro.clone()
    })
    .unwrap_or(Value::None);
    if let Some(cur) = vm.aio.current_task.clone() {
        let (a, b) = (vm.repr(task)?, vm.repr(&cur)?);
        return Err(runtime_error(format!(
            "Cannot enter into task {a} while another task {b} is being executed."
        )));
    }
    vm.aio.current_task = Some(task.clone());
    vm.aio.sleep0_mark = false;
    if vm.config.record_events {
        let name = task_name(task).map(|s| s.as_str().to_string()).unwrap_or_default();
        vm.events.push(crate::host::Event::TaskRunning { time: vm.aio.clock, task: name });
    }
    let arg = match exc {
        None => Resume::Send(Value::None),
        Some(e) => Resume::Throw(e),
    };
    match &coro {
        Value::Gen(g) => {
            let g = g.clone();
            vm.resume_gen(&g, arg, Cont::TaskStep(task.clone()))
        }
        Value::Instance(i) if crate::vm::gen::is_native_awaitable(i) => {
            let Some(cell) = i.native::<RefCell<crate::vm::gen::NativeAwait>>() else {
                return Ok(());
            };
            let r = vm.native_await_send(cell, arg, Cont::TaskStep(task.clone()));
            let exit = match r {
                Ok(crate::vm::gen::NativeStep::Pushed) => return Ok(()),
                Ok(crate::vm::gen::NativeStep::Yield(v)) => Exit::Yield(v),
                Ok(crate::vm::gen::NativeStep::Return(v)) => Exit::Return(v),
                Ok(crate::vm::gen::NativeStep::Raise(e)) | Err(e) => Exit::Raise(e),
            };
            step_done(vm, task.clone(), exit)
        }
        Value::Instance(i) if i.native::<RefCell<super::native::AioCoro>>().is_some() => {
            let cell = i.native::<RefCell<super::native::AioCoro>>();
            let r = match cell {
                Some(c) => super::native::coro_send(vm, c, arg),
                None => return Ok(()),
            };
            let exit = match r {
                Ok(crate::vm::gen::NativeStep::Yield(v)) => Exit::Yield(v),
                Ok(crate::vm::gen::NativeStep::Return(v)) => Exit::Return(v),
                Ok(crate::vm::gen::NativeStep::Raise(e)) | Err(e) => Exit::Raise(e),
                Ok(crate::vm::gen::NativeStep::Pushed) => return Ok(()),
            };
            step_done(vm, task.clone(), exit)
        }
        _ => {
            // A coroutine-like object with send/throw.
            let r = match arg {
                Resume::Send(v) => {
                    let f = vm.get_attr(&coro, "send")?;
                    vm.call_sync(f, Args::new(vec![v]))
                }
                Resume::Throw(e) => {
                    let f = vm.get_attr(&coro, "throw")?;
                    vm.call_sync(f, Args::new(vec![e.value()]))
                }
            };
            let exit = match r {
                Ok(v) => Exit::Yield(v),
                Err(e) if e.is_instance(&types().stop_iteration) => {
                    Exit::Return(e.args().first().cloned().unwrap_or(Value::None))
                }
                Err(e) => Exit::Raise(e),
            };
            step_done(vm, task.clone(), exit)
        }
    }
}

/// The rest of `__step` once the coroutine yielded, returned or raised.
pub fn step_done(vm: &mut Vm, task: Value, exit: Exit) -> PyResult<()> {
    vm.aio.current_task = None;
    let sleep0 = std::mem::take(&mut vm.aio.sleep0_mark);
    let r = step_done_inner(vm, &task, exit, sleep0);
    match r {
        Ok(()) => Ok(()),
        Err(e) => {
            if e.is_instance(&types().system_exit) || e.is_instance(&types().keyboard_interrupt) {
                return super::event_loop::abort_run(vm, e);
            }
            if e.is_instance(&types().stopped) {
                return Err(e);
            }
            super::report_callback_error(vm, e);
            Ok(())
        }
    }
}

fn step_done_inner(vm: &mut Vm, task: &Value, exit: Exit, sleep0: bool) -> PyResult<()> {
    let rec = vm.config.record_events;
    let name = if rec {
        task_name(task).map(|s| s.as_str().to_string()).unwrap_or_default()
    } else {
        String::new()
    };
    let lp = fut_data(task).map(|d| d.borrow().loop_obj.clone()).unwrap_or(Value::None);
    match exit {
        Exit::Return(v) => {
            let (must, msg) = with_task(task, |d, t| (t.must_cancel, d.cancel_message.clone()))
                .unwrap_or((false, Value::None));
            if must {
                with_task(task, |_, t| t.must_cancel = false);
                future::future_cancel(vm, task, msg)?;
                if rec {
                    vm.events.push(crate::host::Event::TaskDone {
                        time: vm.aio.clock,
                        task: name,
                        outcome: "cancelled".into(),
                    });
                }
            } else {
                let r = if rec { vm.repr(&v).unwrap_or_default() } else { String::new() };
                future::set_result(vm, task, v)?;
                if rec {
                    vm.events.push(crate::host::Event::TaskDone {
                        time: vm.aio.clock,
                        task: name,
                        outcome: format!("result {r}"),
                    });
                }
            }
            Ok(())
        }
        Exit::Raise(e) => {
            if e.is_instance(&types().cancelled_error) {
                if let Some(c) = fut_data(task) {
                    c.borrow_mut().cancelled_exc = Some(e);
                }
                future::future_cancel(vm, task, Value::None)?;
                if rec {
                    vm.events.push(crate::host::Event::TaskDone {
                        time: vm.aio.clock,
                        task: name,
                        outcome: "cancelled".into(),
                    });
                }
                return Ok(());
            }
            let fatal =
                e.is_instance(&types().system_exit) || e.is_instance(&types().keyboard_interrupt);
            let desc = if rec { vm.exception_only(&e) } else { String::new() };
            future::set_exception(vm, task, e.value())?;
            if rec {
                vm.events.push(crate::host::Event::TaskDone {
                    time: vm.aio.clock,
                    task: name,
                    outcome: format!("exception {desc}"),
                });
            }
            if fatal {
                return Err(e);
            }
            Ok(())
        }
        Exit::Yield(v) | Exit::YieldUp(v) => {
            if let Some(cell) = fut_data(&v) {
                let (blocking, floop) = {
                    let d = cell.borrow();
                    (d.blocking, d.loop_obj.clone())
                };
                if !floop.is(&lp) {
                    let (a, b) = (vm.repr(task)?, vm.repr(&v)?);
                    let ne = runtime_error(format!(
                        "Task {a} got Future {b} attached to a different loop"
                    ));
                    event_loop::call_soon(vm, &lp, Callback::Step(task.clone(), Some(ne)), true)?;
                    return Ok(());
                }
                if blocking {
                    if v.is(task) {
                        let a = vm.repr(task)?;
                        let ne = runtime_error(format!("Task cannot await on itself: {a}"));
                        event_loop::call_soon(
                            vm,
                            &lp,
                            Callback::Step(task.clone(), Some(ne)),
                            true,
                        )?;
                        return Ok(());
                    }
                    cell.borrow_mut().blocking = false;
                    future::add_done_callback(vm, &v, FutCb::Wakeup(task.clone()))?;
                    with_task(task, |_, t| t.fut_waiter = v.clone());
                    if rec {
                        vm.events.push(crate::host::Event::WaitBegin {
                            time: vm.aio.clock,
                            task: name,
                            on: wait_kind(&v),
                        });
                    }
                    let (must, msg) =
                        with_task(task, |d, t| (t.must_cancel, d.cancel_message.clone()))
                            .unwrap_or((false, Value::None));
                    if must && future::cancel_any(vm, &v, msg)? {
                        with_task(task, |_, t| t.must_cancel = false);
                    }
                    return Ok(());
                }
                let (a, b) = (vm.repr(task)?, vm.repr(&v)?);
                let ne = runtime_error(format!(
                    "yield was used instead of yield from in task {a} with {b}"
                ));
                event_loop::call_soon(vm, &lp, Callback::Step(task.clone(), Some(ne)), true)?;
                return Ok(());
            }
            if v.is_none() {
                // A bare yield: one loop iteration.
                event_loop::call_soon(vm, &lp, Callback::Step(task.clone(), None), !sleep0)?;
                return Ok(());
            }
            // A Python object with _asyncio_future_blocking (a user future).
            if let Value::Instance(_) = &v {
                if let Some(b) = vm.get_attr_opt(&v, "_asyncio_future_blocking")? {
                    if vm.truthy(&b)? {
                        vm.store_attr(&v, &intern("_asyncio_future_blocking"), Value::Bool(false))?;
                        let wake = crate::objects::func::Builtin::bound(
                            "task_wakeup",
                            |vm, a| {
                                let task = a.pos.first().cloned().unwrap_or(Value::None);
                                let fut = a.pos.get(1).cloned().unwrap_or(Value::None);
                                wakeup(vm, &task, &fut)?;
                                Ok(Value::None)
                            },
                            task.clone(),
                        );
                        let add = vm.get_attr(&v, "add_done_callback")?;
                        vm.call_sync(add, Args::new(vec![wake]))?;
                        with_task(task, |_, t| t.fut_waiter = v.clone());
                        return Ok(());
                    }
                }
            }
            let what = if let Value::Gen(g) = &v {
                if g.kind == GenKind::Generator {
                    let (a, b) = (vm.repr(task)?, vm.repr(&v)?);
                    format!(
                        "yield was used instead of yield from for generator in task {a} with {b}"
                    )
                } else {
                    format!("Task got bad yield: {}", vm.repr(&v)?)
                }
            } else {
                format!("Task got bad yield: {}", vm.repr(&v)?)
            };
            event_loop::call_soon(
                vm,
                &lp,
                Callback::Step(task.clone(), Some(runtime_error(what))),
                true,
            )?;
            Ok(())
        }
    }
}

fn wait_kind(v: &Value) -> crate::host::WaitOn {
    use crate::host::WaitOn;
    if let Some(cell) = fut_data(v) {
        match cell.borrow().tag.as_deref() {
            Some("queue") => return WaitOn::Queue,
            Some("lock") => return WaitOn::Lock,
            Some("event") => return WaitOn::Event,
            Some("semaphore") => return WaitOn::Semaphore,
            Some("io") => return WaitOn::Io,
            Some(t) if t.starts_with("timer:") => {
                return WaitOn::Timer(t[6..].parse().unwrap_or(0.0));
            }
            _ => {}
        }
        if let Some(t) = &cell.borrow().task {
            return WaitOn::Task(match &t.name {
                Value::Str(s) => s.as_str().to_string(),
                _ => String::new(),
            });
        }
    }
    WaitOn::Future
}

/// `Task.__wakeup(future)`.
pub fn wakeup(vm: &mut Vm, task: &Value, fut: &Value) -> PyResult<()> {
    if vm.config.record_events {
        let name = task_name(task).map(|s| s.as_str().to_string()).unwrap_or_default();
        vm.events.push(crate::host::Event::WaitEnd { time: vm.aio.clock, task: name });
    }
    let r = if fut_data(fut).is_some() {
        future::result(fut)
    } else {
        let f = vm.get_attr(fut, "result")?;
        vm.call_sync(f, Args::default())
    };
    match r {
        Ok(_) => step(vm, task, None),
        Err(e) => step(vm, task, Some(e)),
    }
}

/// `Task.cancel(msg)`.
pub fn task_cancel(vm: &mut Vm, task: &Value, msg: Value) -> PyResult<bool> {
    let Some(cell) = fut_data(task) else { return Ok(false) };
    {
        let mut d = cell.borrow_mut();
        d.log_traceback = false;
        if d.state != FutState::Pending {
            return Ok(false);
        }
        if let Some(t) = d.task.as_mut() {
            t.num_cancels_requested += 1;
        }
    }
    let waiter = with_task(task, |_, t| t.fut_waiter.clone()).unwrap_or(Value::None);
    if !waiter.is_none() && future::cancel_any(vm, &waiter, msg.clone())? {
        return Ok(true);
    }
    let mut d = cell.borrow_mut();
    if let Some(t) = d.task.as_mut() {
        t.must_cancel = true;
    }
    d.cancel_message = msg;
    Ok(true)
}

/// Adds `name=...`, `coro=<...>`, `wait_for=...` to a task's repr.
pub fn task_repr_info(vm: &mut Vm, t: &Value, info: &mut Vec<String>) -> PyResult<()> {
    let Some(cell) = fut_data(t) else { return Ok(()) };
    let (name, coro, waiter, cancelling, pending) = {
        let d = cell.borrow();
        let Some(td) = &d.task else { return Ok(()) };
        (
            td.name.clone(),
            td.coro.clone(),
            td.fut_waiter.clone(),
            td.num_cancels_requested > 0,
            d.state == FutState::Pending,
        )
    };
    if cancelling && pending {
        info[0] = "cancelling".to_string();
    }
    info.insert(1, format!("name={}", vm.repr(&name)?));
    info.insert(2, format!("coro=<{}>", format_coroutine(&coro)));
    if !waiter.is_none() {
        info.insert(3, format!("wait_for={}", vm.repr(&waiter)?));
    }
    Ok(())
}

/// `coroutines._format_coroutine`.
pub fn format_coroutine(coro: &Value) -> String {
    let Value::Gen(g) = coro else {
        if let Value::Instance(i) = coro {
            if let Some(c) = i.native::<RefCell<crate::asyncio::native::AioCoro>>() {
                if let Ok(c) = c.try_borrow() {
                    return c.describe();
                }
            }
        }
        return "?".to_string();
    };
    let st = g.state.borrow();
    let name = format!("{}()", g.qualname.as_str());
    match &st.frame {
        Some(f) if !st.finished => {
            let line = if st.started { f.line() } else { g.code.first_line };
            format!("{} running at {}:{}", name, g.code.filename, line)
        }
        _ => {
            if st.running {
                format!("{} running at {}:{}", name, g.code.filename, g.code.first_line)
            } else {
                format!("{} done, defined at {}:{}", name, g.code.filename, g.code.first_line)
            }
        }
    }
}

fn this(a: &Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(v) if fut_data(v).map(|d| d.borrow().task.is_some()).unwrap_or(false) => Ok(v.clone()),
        _ => Err(type_error("descriptor needs a Task")),
    }
}

fn task_new(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let lp = a.take_kw("loop");
    let name = a.take_kw("name").unwrap_or(Value::None);
    let _ = a.take_kw("context");
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().native("Task"),
    };
    let coro = a
        .pos
        .get(1)
        .cloned()
        .ok_or_else(|| type_error("Task() missing required argument 'coro'"))?;
    let lp = match lp {
        Some(Value::None) | None => event_loop::get_event_loop(vm)?,
        Some(l) => l,
    };
    create_task_of(vm, &lp, coro, name, cls)
}

pub(crate) fn install_methods(c: &Rc<Class>) {
    add_method(c, "__new__", task_new);
    add_method(c, "get_name", |_vm, a| {
        let t = this(&a)?;
        Ok(with_task(&t, |_, td| td.name.clone()).unwrap_or(Value::None))
    });
    add_method(c, "set_name", |vm, a| {
        let t = this(&a)?;
        let v = a.pos.get(1).cloned().unwrap_or(Value::None);
        let s = Value::string(vm.str_of(&v)?);
        with_task(&t, |_, td| td.name = s);
        Ok(Value::None)
    });
    add_method(c, "get_coro", |_vm, a| {
        let t = this(&a)?;
        Ok(with_task(&t, |_, td| td.coro.clone()).unwrap_or(Value::None))
    });
    add_method(c, "cancel", |vm, mut a| {
        let msg = a.take_kw("msg").or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::None);
        let t = this(&a)?;
        Ok(Value::Bool(task_cancel(vm, &t, msg)?))
    });
    add_method(c, "cancelling", |_vm, a| {
        let t = this(&a)?;
        Ok(Value::int(with_task(&t, |_, td| td.num_cancels_requested).unwrap_or(0)))
    });
    add_method(c, "uncancel", |_vm, a| {
        let t = this(&a)?;
        Ok(Value::int(
            with_task(&t, |_, td| {
                if td.num_cancels_requested > 0 {
                    td.num_cancels_requested -= 1;
                }
                td.num_cancels_requested
            })
            .unwrap_or(0),
        ))
    });
    add_method(c, "get_stack", |_vm, _a| Ok(Value::list(vec![])));
    add_method(c, "print_stack", |_vm, _a| Ok(Value::None));
    add_method(c, "get_context", |_vm, _a| Ok(Value::None));
}

/// "Task exception was never retrieved", as CPython's logs it when such a
/// task is garbage collected; here for the finished tasks still known (at
/// the end of `asyncio.run` and when the task list is pruned).
pub fn report_unretrieved(vm: &mut Vm) {
    let tasks: Vec<Value> = vm.aio.tasks.clone();
    for t in tasks {
        let exc = match fut_data(&t) {
            Some(c) => {
                let mut d = c.borrow_mut();
                if d.state == FutState::Finished && d.log_traceback {
                    d.log_traceback = false;
                    d.exception.clone()
                } else {
                    None
                }
            }
            None => None,
        };
        if let Some(e) = exc {
            let r = vm.repr(&t).unwrap_or_default();
            let text = vm.format_exception(&e);
            vm.write_stderr(&format!("Task exception was never retrieved\nfuture: {r}\n{text}"));
        }
    }
}
