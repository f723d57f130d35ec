//! asyncpy in a Web Worker: one program per worker, driven by the browser's
//! timers, its events posted to the page as they happen.
//!
//! Why a worker: a program that computes (`while True: pass`, a deep
//! recursion, a huge list) never blocks the page, which keeps scrolling and
//! typing; Stop is `Worker.terminate()`, which ends any program at once; and
//! the interpreter's bytes load only when a program first runs.
//!
//! # The clock
//! The interpreter's loop runs on a host clock ([`asyncpy::Config`] with
//! `virtual_clock: false`). When every task waits, the worker sets a browser
//! timer for the earliest deadline, `deadline / speed` seconds after the run
//! started, and when it fires, moves the loop's clock to exactly that
//! deadline. However late the timer is, the loop sees one deadline at a
//! time, so the printed order is the virtual clock's (`../shared/PYTHON.md`).
//! While a program computes, it runs in slices of about 10 ms, between which
//! the worker posts what happened and reads its messages.
//!
//! # Messages (the page's `src/python/` reads them)
//! In:
//! - `{type: "run", code, speed}`: compile and run `code`; the loop's second
//!   lasts `1000 / speed` ms;
//! - `{type: "io", id, ok, text}`: the answer to an I/O request;
//! - `{type: "plan", id, code}`: run `code` at once on the virtual clock (at
//!   most [`PLAN_STEPS`] instructions, I/O answered by the interpreter's own
//!   fakes) and post what it did: the page's expected timeline, the
//!   yardstick of its drift and the lines predict mode asks about. A worker
//!   may plan any number of programs, before or instead of its one run.
//!
//! Out:
//! - `{type: "ready"}`: the worker has loaded and listens;
//! - `{type: "syntax", text, line, col, message}`: the program cannot start
//!   (CPython's report in `text`);
//! - `{type: "events", real, events}`: what happened, `real` the ms since the
//!   run started; each event an array, its first item the kind:
//!   `["print", time, task, line]`, `["created", time, task]`,
//!   `["running", time, task]`, `["done", time, task, outcome]`,
//!   `["wait", time, task, on, detail]` (`on` one of `timer` (detail: the
//!   deadline), `future`, `task` (detail: its name), `queue`, `lock`,
//!   `event`, `semaphore`, `io`, `other`), `["wake", time, task]`,
//!   `["uncaught", time, null, last line, traceback, line number]`; `time`
//!   is the loop's clock in seconds, `task` null outside any task;
//! - `{type: "io", id, kind, arg}`: a request for the page's I/O (`fetch` of
//!   a URL, `connect`, `query`), which only the page performs;
//! - `{type: "end", outcome, status, stderr}`: the run ended (`done`,
//!   `error`, `deadlock` or `stopped`);
//! - `{type: "plan", id, events, status, stderr}`: a plan's events (as in
//!   `events`), its exit status (3: it ran out of steps) and stderr.
//!
//! A program has no other way out: no DOM (a worker has none), no
//! JavaScript, no network of its own.

use asyncpy::{run_virtual, Config, Event, Interpreter, Outcome, Status, WaitOn};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

/// Instructions per `run` call; a slice makes several calls.
const BUDGET: u64 = 20_000;
/// How long a slice of computing lasts before the worker posts and yields.
const SLICE_MS: f64 = 10.0;

/// The most instructions a plan runs: a program that computes longer is
/// planned up to there (a third of a second or so), and its run shows the rest.
pub const PLAN_STEPS: u64 = 3_000_000;

/// The program this worker runs.
struct Session {
    it: Interpreter,
    /// `performance.now()` when the run started.
    start: f64,
    /// Milliseconds per second of the loop's clock.
    ms_per_second: f64,
    /// A browser timer is set (or a slice is queued): don't pump twice.
    scheduled: bool,
    ended: bool,
}

/// The channel [`yield_then_pump`] posts through, and its listener.
type YieldChannel = (MessageChannel, Closure<dyn FnMut(MessageEvent)>);

thread_local! {
    static SESSION: RefCell<Option<Rc<RefCell<Session>>>> = const { RefCell::new(None) };
    static YIELD: RefCell<Option<YieldChannel>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

fn set(o: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(key), &value.into());
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn post(message: &Object) {
    let _ = scope().post_message(message);
}

fn message(kind: &str) -> Object {
    let o = Object::new();
    set(&o, "type", kind);
    o
}

fn opt(s: &Option<String>) -> JsValue {
    s.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

/// One event as the page reads it (see the module's documentation).
fn encode(event: &Event) -> Array {
    let a = Array::new();
    let push = |v: JsValue| {
        a.push(&v);
    };
    match event {
        Event::Print { time, task, text } => {
            push("print".into());
            push((*time).into());
            push(opt(task));
            push(text.as_str().into());
        }
        Event::TaskCreated { time, task } => {
            push("created".into());
            push((*time).into());
            push(task.as_str().into());
        }
        Event::TaskRunning { time, task } => {
            push("running".into());
            push((*time).into());
            push(task.as_str().into());
        }
        Event::TaskDone { time, task, outcome } => {
            push("done".into());
            push((*time).into());
            push(task.as_str().into());
            push(outcome.as_str().into());
        }
        Event::WaitBegin { time, task, on } => {
            push("wait".into());
            push((*time).into());
            push(task.as_str().into());
            let (kind, detail): (&str, JsValue) = match on {
                WaitOn::Timer(deadline) => ("timer", (*deadline).into()),
                WaitOn::Future => ("future", JsValue::NULL),
                WaitOn::Task(name) => ("task", name.as_str().into()),
                WaitOn::Queue => ("queue", JsValue::NULL),
                WaitOn::Lock => ("lock", JsValue::NULL),
                WaitOn::Event => ("event", JsValue::NULL),
                WaitOn::Semaphore => ("semaphore", JsValue::NULL),
                WaitOn::Io => ("io", JsValue::NULL),
                WaitOn::Other => ("other", JsValue::NULL),
            };
            push(kind.into());
            push(detail);
        }
        Event::WaitEnd { time, task } => {
            push("wake".into());
            push((*time).into());
            push(task.as_str().into());
        }
        Event::Uncaught { time, traceback, line, lineno } => {
            push("uncaught".into());
            push((*time).into());
            push(JsValue::NULL);
            push(line.as_str().into());
            push(traceback.as_str().into());
            push(lineno.map(|n| JsValue::from(n as f64)).unwrap_or(JsValue::NULL));
        }
    }
    a
}

/// Posts the events since the last post, if any.
fn flush(session: &mut Session) {
    let events = session.it.take_events();
    if events.is_empty() {
        return;
    }
    let list = Array::new();
    for e in &events {
        list.push(&encode(e));
    }
    let m = message("events");
    set(&m, "real", now() - session.start);
    set(&m, "events", list);
    post(&m);
}

fn end(session: &mut Session, outcome: &Outcome) {
    flush(session);
    session.ended = true;
    let (name, status) = match outcome {
        Outcome::Done { status } => ("done", *status),
        Outcome::Error => ("error", 1),
        Outcome::Deadlock => ("deadlock", 1),
        Outcome::Stopped => ("stopped", 3),
    };
    let m = message("end");
    set(&m, "outcome", name);
    set(&m, "status", status);
    set(&m, "stderr", session.it.stderr());
    post(&m);
}

/// Runs the program until it waits, ends, or has computed for a slice.
fn pump() {
    let Some(shared) = SESSION.with(|s| s.borrow().clone()) else { return };
    let mut session = shared.borrow_mut();
    session.scheduled = false;
    if session.ended {
        return;
    }
    let slice_end = now() + SLICE_MS;
    loop {
        let status = session.it.run(BUDGET);
        for request in session.it.take_io_requests() {
            flush(&mut session);
            let m = message("io");
            set(&m, "id", request.id as f64);
            set(&m, "kind", request.kind.as_str());
            set(&m, "arg", request.arg.as_str());
            post(&m);
        }
        match status {
            Status::Paused if now() < slice_end => continue,
            Status::Paused => {
                flush(&mut session);
                session.scheduled = true;
                yield_then_pump();
                return;
            }
            Status::Idle { next_deadline: Some(deadline), .. } => {
                flush(&mut session);
                let due = session.start + deadline * session.ms_per_second;
                let delay = (due - now()).max(0.0);
                session.scheduled = true;
                drop(session);
                after(delay, move || {
                    if let Some(shared) = SESSION.with(|s| s.borrow().clone()) {
                        shared.borrow_mut().it.advance_to(deadline);
                    }
                    pump();
                });
                return;
            }
            Status::Idle { next_deadline: None, waiting_io } if waiting_io > 0 => {
                // The page's answer (an `io` message) pumps again.
                flush(&mut session);
                return;
            }
            Status::Idle { next_deadline: None, .. } => {
                // Every task waits and nothing can wake one: what CPython
                // would hang on forever is the interpreter's deadlock.
                let outcome = loop {
                    match session.it.run(BUDGET) {
                        Status::Finished(o) => break o,
                        Status::Paused => continue,
                        Status::Idle { .. } => break Outcome::Deadlock,
                    }
                };
                end(&mut session, &outcome);
                return;
            }
            Status::Finished(outcome) => {
                end(&mut session, &outcome);
                return;
            }
        }
    }
}

/// Calls `f` after `ms` milliseconds (a browser timer of the worker).
fn after(ms: f64, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.unchecked_ref(),
        ms.round().min(i32::MAX as f64) as i32,
    );
}

/// Queues [`pump`] behind the messages already waiting (a `MessageChannel`
/// post, which, unlike `setTimeout(0)`, is not clamped to 4 ms).
fn yield_then_pump() {
    YIELD.with(|y| {
        let mut y = y.borrow_mut();
        if y.is_none() {
            let Ok(channel) = MessageChannel::new() else {
                after(0.0, pump);
                return;
            };
            let on = Closure::<dyn FnMut(MessageEvent)>::new(|_: MessageEvent| pump());
            channel.port1().set_onmessage(Some(on.as_ref().unchecked_ref()));
            *y = Some((channel, on));
        }
        if let Some((channel, _)) = y.as_ref() {
            let _ = channel.port2().post_message(&JsValue::NULL);
        }
    });
}

fn start_run(code: &str, speed: f64) {
    let config = Config { virtual_clock: false, example_texts: vec![None; 8], record_events: true };
    let it = match Interpreter::new(code, "<cell>", config) {
        Ok(it) => it,
        Err(failure) => {
            let m = message("syntax");
            set(&m, "text", failure.text.as_str());
            set(&m, "line", failure.line as f64);
            set(&m, "col", failure.col as f64);
            set(&m, "message", failure.message.as_str());
            post(&m);
            return;
        }
    };
    let speed = if speed.is_finite() && speed > 0.0 { speed } else { 1.0 };
    let session =
        Session { it, start: now(), ms_per_second: 1000.0 / speed, scheduled: false, ended: false };
    SESSION.with(|s| *s.borrow_mut() = Some(Rc::new(RefCell::new(session))));
    pump();
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    match get(&data, "type").as_string().as_deref() {
        Some("run") => {
            let code = get(&data, "code").as_string().unwrap_or_default();
            let speed = get(&data, "speed").as_f64().unwrap_or(1.0);
            start_run(&code, speed);
        }
        Some("plan") => {
            let code = get(&data, "code").as_string().unwrap_or_default();
            let report = run_virtual(&code, "<cell>", Config::default(), PLAN_STEPS);
            let list = Array::new();
            for e in &report.events {
                list.push(&encode(e));
            }
            let m = message("plan");
            set(&m, "id", get(&data, "id"));
            set(&m, "events", list);
            set(&m, "status", report.status);
            set(&m, "stderr", report.stderr.as_str());
            post(&m);
        }
        Some("io") => {
            let Some(shared) = SESSION.with(|s| s.borrow().clone()) else { return };
            let id = get(&data, "id").as_f64().unwrap_or(-1.0);
            let ok = get(&data, "ok").as_bool().unwrap_or(false);
            let text = get(&data, "text").as_string().unwrap_or_default();
            let pending = {
                let mut session = shared.borrow_mut();
                if id >= 0.0 {
                    session.it.complete_io(id as u64, if ok { Ok(text) } else { Err(text) });
                }
                !session.scheduled && !session.ended
            };
            if pending {
                pump();
            }
        }
        _ => {}
    }
}

/// A program that touches what most programs do (asyncio's loop, tasks,
/// timers, printing to nowhere): run once before the worker says `ready`,
/// so the browser has compiled that code before a student's first line
/// runs (a cold first run printed its first line some 70 ms late).
const WARM_UP: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(asyncio.sleep(0.001), asyncio.sleep(0))\n    return f'{1:>3} {2.5}'\n\nasyncio.run(main())\n";

/// The worker's entry point: warms up, then listens for the page's messages.
#[wasm_bindgen(start)]
pub fn start() {
    let _ = run_virtual(WARM_UP, "<warm-up>", Config::default(), PLAN_STEPS);
    let on = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    post(&message("ready"));
}
