//! A program on the interpreter's worker (`python/worker`), as the page runs
//! it: the browser half of [`crate::python`].
//!
//! - [`Worker`]: one `asyncpy-worker_loader.js` worker, which trunk builds
//!   beside the page. It is made when the page first needs it (a plan, a
//!   run), so a page that runs no Python loads none of it. Dropping it
//!   terminates it: Stop ends any program, `while True: pass` included, at
//!   once.
//! - [`ProgramRun`]: a run on a worker, reporting rows, waits and the end.
//!   The program's I/O (the lecture's `aiohttp` and `asyncpg`) is answered
//!   here, by the page: a real `fetch()` of the page's own
//!   `static/example/N.txt`, a real IndexedDB; nothing else.
//! - [`Planner`]: a worker that runs programs at once on the virtual clock,
//!   for the expected timeline, the drift and predict mode.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Object, Reflect};
use runtime::{Connection, LogEntry, WaitEvent};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;

use crate::python::{Plan, Reader, WorkerEvent};

/// The worker's script, relative to the page (so it works under a sub-path).
pub const WORKER_SCRIPT: &str = "asyncpy-worker_loader.js";

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn message(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

/// One event array of the worker (see `python/worker/src/lib.rs`), and the
/// line number of an uncaught exception.
pub fn decode(event: &JsValue) -> Option<(WorkerEvent, Option<u32>)> {
    let a: &Array = event.dyn_ref()?;
    let kind = a.get(0).as_string()?;
    let time = a.get(1).as_f64().unwrap_or(0.0);
    let text = |i| a.get(i).as_string();
    let event = match kind.as_str() {
        "print" => WorkerEvent::Print { time, task: text(2), line: text(3).unwrap_or_default() },
        "wait" => WorkerEvent::Wait { time, task: text(2)?, on: text(3).unwrap_or_default() },
        "wake" => WorkerEvent::Wake { time, task: text(2)? },
        "done" => WorkerEvent::Done { time, task: text(2)? },
        "uncaught" => {
            let line = a.get(5).as_f64().map(|n| n as u32);
            return Some((WorkerEvent::Uncaught { time, line: text(3).unwrap_or_default() }, line));
        }
        _ => return None,
    };
    Some((event, None))
}

/// Where a worker's messages go: replaced as the worker changes hands.
type Listener = Rc<RefCell<Option<Box<dyn FnMut(JsValue)>>>>;

/// A worker of the interpreter, terminated when dropped.
pub struct Worker {
    worker: web_sys::Worker,
    /// Whether it said `ready` (its wasm is loaded and it listens).
    ready: Rc<Cell<bool>>,
    /// What it says next goes here once it is ready.
    on_message: Listener,
    /// Messages to post once it is ready.
    queued: Rc<RefCell<Vec<JsValue>>>,
    _listener: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Worker {
    /// Starts loading a worker. `None` where the browser has no workers.
    pub fn new() -> Option<Worker> {
        let worker = web_sys::Worker::new(WORKER_SCRIPT).ok()?;
        let ready = Rc::new(Cell::new(false));
        let on_message: Listener = Rc::default();
        let queued: Rc<RefCell<Vec<JsValue>>> = Rc::default();
        let listener = {
            let (ready, on_message, queued) = (ready.clone(), on_message.clone(), queued.clone());
            let poster = worker.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if get(&data, "type").as_string().as_deref() == Some("ready") {
                    ready.set(true);
                    for message in queued.borrow_mut().drain(..) {
                        let _ = poster.post_message(&message);
                    }
                    return;
                }
                // Taken out while it runs: it may replace itself.
                let handler = on_message.borrow_mut().take();
                if let Some(mut handler) = handler {
                    handler(data);
                    let mut slot = on_message.borrow_mut();
                    if slot.is_none() {
                        *slot = Some(handler);
                    }
                }
            })
        };
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        // A worker that fails (its script missing, its memory exhausted)
        // reports as a message, so the run ends with a reason.
        let on_error = {
            let on_message = on_message.clone();
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                let failed =
                    message(&[("type", "failed".into()), ("text", event.message().into())]);
                if let Some(handler) = on_message.borrow_mut().as_mut() {
                    handler(failed);
                }
            })
        };
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Worker { worker, ready, on_message, queued, _listener: listener, _on_error: on_error })
    }

    /// Posts `message` now, or once the worker is ready.
    fn post(&self, message: JsValue) {
        if self.ready.get() {
            let _ = self.worker.post_message(&message);
        } else {
            self.queued.borrow_mut().push(message);
        }
    }

    /// Where the worker's messages go from now on.
    fn listen(&self, handler: impl FnMut(JsValue) + 'static) {
        *self.on_message.borrow_mut() = Some(Box::new(handler));
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.on_message.borrow_mut().take();
    }
}

/// Where a run reports.
pub struct Sinks {
    /// Rows, as they come.
    pub rows: Box<dyn Fn(Vec<LogEntry>)>,
    /// Waits begun and ended.
    pub waits: Box<dyn Fn(Vec<WaitEvent>)>,
    /// The line an uncaught exception or a SyntaxError points at.
    pub error_line: Box<dyn Fn(u32)>,
    /// The program ended (or could not run); called once.
    pub done: Box<dyn FnOnce()>,
}

/// What a run shares with its worker's listener.
struct Shared {
    reader: Reader,
    sinks: Sinks,
    done: Option<Box<dyn FnOnce()>>,
    /// The page's IndexedDB, once the program connected.
    db: Option<Rc<dyn Connection>>,
    /// Milliseconds of the page's clock when the run started.
    started: f64,
}

/// A program running on a worker. Dropping it terminates the worker: the
/// program stops at once and nothing it did afterwards reaches the page.
pub struct ProgramRun {
    /// Owned: dropping the run terminates the worker.
    _worker: Rc<Worker>,
    shared: Rc<RefCell<Shared>>,
}

impl ProgramRun {
    /// Runs `code` on `worker` at `speed` (notebook seconds per real second).
    pub fn start(worker: Worker, code: &str, speed: f64, sinks: Sinks) -> ProgramRun {
        let worker = Rc::new(worker);
        let shared = Rc::new(RefCell::new(Shared {
            reader: Reader::new(),
            done: None,
            sinks,
            db: None,
            started: crate::browser_run::page_ms(),
        }));
        {
            let mut s = shared.borrow_mut();
            s.done = Some(std::mem::replace(&mut s.sinks.done, Box::new(|| {})));
        }
        let weak_shared = Rc::downgrade(&shared);
        let weak_worker = Rc::downgrade(&worker);
        worker.listen(move |data| {
            let Some(shared) = weak_shared.upgrade() else { return };
            on_message(&shared, &weak_worker, &data);
        });
        worker.post(message(&[
            ("type", "run".into()),
            ("code", code.into()),
            ("speed", speed.into()),
        ]));
        ProgramRun { _worker: worker, shared }
    }

    /// Whether the program has not ended.
    pub fn is_running(&self) -> bool {
        self.shared.borrow().done.is_some()
    }
}

/// A row of the page's own (the program's end, a failure), under `<module>`.
fn module_row(shared: &mut Shared, line: &str) -> Vec<LogEntry> {
    let real = crate::browser_run::page_ms() - shared.started;
    let (rows, _) =
        shared.reader.read(&[WorkerEvent::Uncaught { time: 0.0, line: line.into() }], real);
    rows
}

fn finish(shared: &Rc<RefCell<Shared>>) {
    let done = shared.borrow_mut().done.take();
    if let Some(done) = done {
        done();
    }
}

fn on_message(shared: &Rc<RefCell<Shared>>, worker: &Weak<Worker>, data: &JsValue) {
    match get(data, "type").as_string().as_deref() {
        Some("events") => {
            let real = get(data, "real").as_f64().unwrap_or(0.0);
            let list: Array = get(data, "events").dyn_into().unwrap_or_default();
            let mut events = Vec::with_capacity(list.length() as usize);
            let mut line = None;
            for item in list.iter() {
                if let Some((event, at)) = decode(&item) {
                    line = line.or(at);
                    events.push(event);
                }
            }
            let mut s = shared.borrow_mut();
            let (rows, waits) = s.reader.read(&events, real);
            if !rows.is_empty() {
                (s.sinks.rows)(rows);
            }
            if !waits.is_empty() {
                (s.sinks.waits)(waits);
            }
            if let Some(line) = line {
                (s.sinks.error_line)(line);
            }
        }
        Some("syntax") => {
            // CPython's report: its last line is the error.
            let text = get(data, "text").as_string().unwrap_or_default();
            let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("SyntaxError");
            let line = get(data, "line").as_f64().map(|n| n as u32);
            {
                let mut s = shared.borrow_mut();
                let rows = module_row(&mut s, last);
                (s.sinks.rows)(rows);
                if let Some(line) = line.filter(|&n| n > 0) {
                    (s.sinks.error_line)(line);
                }
            }
            finish(shared);
        }
        Some("end") => {
            if get(data, "outcome").as_string().as_deref() == Some("deadlock") {
                let mut s = shared.borrow_mut();
                let stderr = get(data, "stderr").as_string().unwrap_or_default();
                let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
                let rows = module_row(&mut s, last);
                (s.sinks.rows)(rows);
            }
            shared.borrow_mut().db = None;
            finish(shared);
        }
        Some("failed") => {
            {
                let mut s = shared.borrow_mut();
                let text = get(data, "text").as_string().unwrap_or_default();
                let rows = module_row(&mut s, &failure_line(&text));
                (s.sinks.rows)(rows);
            }
            finish(shared);
        }
        Some("io") => {
            let id = get(data, "id");
            let kind = get(data, "kind").as_string().unwrap_or_default();
            let arg = get(data, "arg").as_string().unwrap_or_default();
            let (shared, worker) = (Rc::downgrade(shared), worker.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = answer_io(&shared, &kind, &arg).await;
                // Stopped meanwhile: nobody is waiting for the answer.
                let Some(worker) = worker.upgrade() else { return };
                let (ok, text) = match answer {
                    Ok(text) => (true, text),
                    Err(text) => (false, text),
                };
                worker.post(message(&[
                    ("type", "io".into()),
                    ("id", id),
                    ("ok", ok.into()),
                    ("text", text.into()),
                ]));
            });
        }
        _ => {}
    }
}

/// The row a worker's failure shows: a `MemoryError` where the interpreter's
/// memory ran out, else what the browser said.
pub fn failure_line(browser_message: &str) -> String {
    let lower = browser_message.to_ascii_lowercase();
    if lower.contains("memory") || lower.contains("unreachable") {
        "MemoryError: the program used more memory than the page allows".to_owned()
    } else {
        format!("RuntimeError: the interpreter stopped: {browser_message}")
    }
}

/// Performs one request of the program's fake `aiohttp`/`asyncpg`.
async fn answer_io(
    shared: &Weak<RefCell<Shared>>,
    kind: &str,
    arg: &str,
) -> Result<String, String> {
    match kind {
        "fetch" => {
            let Some(path) = crate::python::example_path(arg) else {
                return Err(format!(
                    "Cannot connect to host {arg}: the playground reaches only https://example.com/1 to /8"
                ));
            };
            crate::browser_io::fetch_text(&path).await.map_err(|e| e.0)
        }
        "connect" => {
            let db = crate::browser_io::connect(runtime::seed_users(3)).await.map_err(|e| e.0)?;
            if let Some(shared) = shared.upgrade() {
                shared.borrow_mut().db = Some(db);
            }
            Ok(String::new())
        }
        "query" => {
            let db = shared.upgrade().and_then(|s| s.borrow().db.clone());
            let Some(db) = db else { return Err("the connection is closed".into()) };
            let users = db.fetch(arg).await.map_err(|e| e.0)?;
            Ok(users.iter().map(|u| format!("{}\t{}\n", u.id, u.name)).collect())
        }
        other => Err(format!("the page does not do {other}")),
    }
}

/// A worker that plans programs, one at a time, the latest only.
pub struct Planner {
    worker: Worker,
    latest: Rc<Cell<u32>>,
    pending: Rc<RefCell<Option<Rc<str>>>>,
}

impl Planner {
    /// A planner that reports each plan to `on_plan`.
    pub fn new(on_plan: impl Fn(Plan) + 'static) -> Option<Planner> {
        let worker = Worker::new()?;
        let latest = Rc::new(Cell::new(0));
        let pending: Rc<RefCell<Option<Rc<str>>>> = Rc::default();
        {
            let (latest, pending) = (latest.clone(), pending.clone());
            worker.listen(move |data| {
                if get(&data, "type").as_string().as_deref() != Some("plan") {
                    return;
                }
                let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
                if id != latest.get() {
                    return;
                }
                let Some(code) = pending.borrow_mut().take() else { return };
                let list: Array = get(&data, "events").dyn_into().unwrap_or_default();
                let events: Vec<WorkerEvent> =
                    list.iter().filter_map(|e| decode(&e)).map(|(e, _)| e).collect();
                let (mut rows, waits) = Reader::new().read(&events, 0.0);
                // A plan's times are the virtual clock's.
                for row in &mut rows {
                    row.real_ms = 0.0;
                }
                let mut spans = runtime::WaitSpans::default();
                waits.iter().for_each(|w| spans.apply(w));
                on_plan(Plan { code, rows: Rc::new(rows), waits: Rc::new(spans) });
            });
        }
        Some(Planner { worker, latest, pending })
    }

    /// Plans `code`; an earlier plan not yet reported is forgotten.
    pub fn plan(&self, code: Rc<str>) {
        let id = self.latest.get() + 1;
        self.latest.set(id);
        self.worker.post(message(&[
            ("type", "plan".into()),
            ("id", id.into()),
            ("code", (&*code).into()),
        ]));
        *self.pending.borrow_mut() = Some(code);
    }
}
