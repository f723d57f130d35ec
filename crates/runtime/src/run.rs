//! What a scenario is written against: [`Cx`], and the [`Run`] that drives it.
//!
//! A run is one future ([`Run`]) that owns the scenario's main future and every
//! task the scenario spawned. Whoever polls it (the browser, or the virtual
//! clock in tests) owns the whole run: dropping the [`Run`] drops every task,
//! and dropping a task drops its timers. So stopping is dropping, and nothing
//! can log after a stop, because nothing that could log is left.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture};
use futures::stream::{FuturesUnordered, StreamExt};
use futures::FutureExt;
use text::Text;

use crate::host::{Connection, Host, HostError};

/// One row of the log: what a scenario printed, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// 0-based order in which it was logged within its run.
    pub seq: u32,
    /// Notebook seconds since the run started.
    pub at: f64,
    /// Real milliseconds since the run started.
    pub real_ms: f64,
    /// The task id from the catalog (`A`, `1`, `main`, …).
    pub task: String,
    /// The event kind from the catalog (`start`, `finish`, …).
    pub kind: &'static str,
    /// The human message.
    pub text: Text,
}

/// Where a run's log rows go.
pub type LogSink = Box<dyn Fn(LogEntry)>;

struct Shared {
    host: Box<dyn Host>,
    sink: LogSink,
    next_seq: Cell<u32>,
    /// Tasks spawned since the run last looked; the run moves them into its set.
    spawned: RefCell<Vec<LocalBoxFuture<'static, ()>>>,
    /// The waker of the run, so a spawn from outside a poll is still picked up.
    run_waker: RefCell<Option<Waker>>,
}

/// What a scenario gets from its runner: sleep, spawn, now, and a log.
///
/// Cheap to clone: every task of a run holds a clone.
#[derive(Clone)]
pub struct Cx(Rc<Shared>);

impl Cx {
    /// Notebook seconds since the run started.
    pub fn now(&self) -> f64 {
        self.0.host.now()
    }

    /// `asyncio.sleep(seconds)`: completes `seconds` notebook seconds from now.
    pub fn sleep(&self, seconds: f64) -> Sleep {
        Sleep(self.0.host.sleep(seconds))
    }

    /// A bare `yield` in a `types.coroutine`: gives the event loop one turn.
    pub fn yield_now(&self) -> Sleep {
        Sleep(self.0.host.yield_now())
    }

    /// `time.sleep(seconds)` inside a coroutine: blocks the whole event loop
    /// (every other task, every timer, and in the browser the page itself).
    pub fn block(&self, seconds: f64) {
        self.0.host.block(seconds);
    }

    /// `queueMicrotask(callback)` / `Promise.resolve().then(callback)`: runs
    /// when the code running now (and every task it woke) has finished, before
    /// any timer. asyncio's nearest is `loop.call_soon`.
    pub fn microtask(&self, callback: impl FnOnce() + 'static) {
        self.0.host.microtask(Box::new(callback));
    }

    /// A real GET of `path`, a file the page serves (relative to the page).
    pub async fn fetch_text(&self, path: &str) -> Result<String, HostError> {
        self.0.host.fetch_text(path).await
    }

    /// `asyncpg.connect(...)`: the page's database, seeded with `rows` users.
    pub async fn connect(&self, rows: u32) -> Result<Rc<dyn Connection>, HostError> {
        self.0.host.connect(rows).await
    }

    /// `asyncio.create_task`: runs `future` as a task of its own, concurrently
    /// with the caller, until it ends or the run stops.
    ///
    /// The task starts running at the run's next turn, not inside this call,
    /// as in asyncio. Awaiting the handle gives the task's result; dropping the
    /// handle does not stop the task (use [`JoinHandle::cancel`]).
    pub fn spawn<T: 'static>(&self, future: impl Future<Output = T> + 'static) -> JoinHandle<T> {
        let (tx, rx) = oneshot::channel();
        let (abort, registration) = AbortHandle::new_pair();
        let task = Abortable::new(future, registration).map(move |result| {
            if let Ok(value) = result {
                // The receiver may be gone: nobody awaits this task.
                let _ = tx.send(value);
            }
        });
        self.0.spawned.borrow_mut().push(task.boxed_local());
        if let Some(waker) = self.0.run_waker.borrow().as_ref() {
            waker.wake_by_ref();
        }
        JoinHandle { rx, abort }
    }

    /// `print(...)`: adds a row to the run's log, stamped with the time now.
    pub fn log(&self, task: &str, kind: &'static str, text: Text) {
        let seq = self.0.next_seq.get();
        self.0.next_seq.set(seq + 1);
        (self.0.sink)(LogEntry {
            seq,
            at: self.0.host.now(),
            real_ms: self.0.host.real_ms(),
            task: task.to_owned(),
            kind,
            text,
        });
    }
}

/// The future of [`Cx::sleep`].
#[must_use = "a sleep does nothing unless awaited, and is cancelled when dropped"]
pub struct Sleep(LocalBoxFuture<'static, ()>);

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.poll_unpin(cx)
    }
}

/// The task was cancelled before it produced a value (`asyncio.CancelledError`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the task was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// A spawned task: await it for its result, or cancel it.
#[must_use = "await the handle for the task's result; dropping it leaves the task running"]
pub struct JoinHandle<T> {
    rx: oneshot::Receiver<T>,
    abort: AbortHandle,
}

impl<T> JoinHandle<T> {
    /// `task.cancel()`: the task is dropped at its next turn, with its timers.
    pub fn cancel(&self) {
        self.abort.abort();
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.rx.poll_unpin(cx).map(|r| r.map_err(|_| Cancelled))
    }
}

/// One run of a scenario: its main future and every task it spawned.
///
/// It completes when main completes; tasks still pending then are dropped, as
/// `asyncio.run` cancels what is left. Dropping a `Run` stops everything.
#[must_use = "a run does nothing unless polled, and stops when dropped"]
pub struct Run {
    cx: Cx,
    main: Option<LocalBoxFuture<'static, ()>>,
    tasks: FuturesUnordered<LocalBoxFuture<'static, ()>>,
}

impl Run {
    /// Prepares a run of `scenario` on `host`, sending log rows to `sink`.
    /// Nothing happens until the run is polled.
    pub fn new<F>(host: Box<dyn Host>, sink: LogSink, scenario: impl FnOnce(Cx) -> F) -> Run
    where
        F: Future<Output = ()> + 'static,
    {
        let cx = Cx(Rc::new(Shared {
            host,
            sink,
            next_seq: Cell::new(0),
            spawned: RefCell::new(Vec::new()),
            run_waker: RefCell::new(None),
        }));
        let main = scenario(cx.clone()).boxed_local();
        Run { cx, main: Some(main), tasks: FuturesUnordered::new() }
    }
}

impl Future for Run {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        *this.cx.0.run_waker.borrow_mut() = Some(cx.waker().clone());
        loop {
            if let Some(main) = this.main.as_mut() {
                if main.poll_unpin(cx).is_ready() {
                    this.main = None;
                    this.tasks.clear();
                    this.cx.0.spawned.borrow_mut().clear();
                    return Poll::Ready(());
                }
            } else {
                return Poll::Ready(());
            }
            let fresh: Vec<_> = this.cx.0.spawned.borrow_mut().drain(..).collect();
            let had_fresh = !fresh.is_empty();
            this.tasks.extend(fresh);
            // Poll the tasks until none is ready; `None` means the set is empty.
            while let Poll::Ready(Some(())) = this.tasks.poll_next_unpin(cx) {}
            // A task that ran may have spawned more, or woken main: go round
            // once more so that new tasks start in this turn.
            if !had_fresh && this.cx.0.spawned.borrow().is_empty() {
                return Poll::Pending;
            }
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        // Spawned-but-not-started tasks hold a `Cx`, which holds them: break
        // that cycle so their memory (and timers) go with the run.
        self.cx.0.spawned.borrow_mut().clear();
        *self.cx.0.run_waker.borrow_mut() = None;
    }
}
