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
use futures::future::LocalBoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use futures::FutureExt;
use text::Text;

use crate::host::{Connection, Host, HostError, User};
use crate::waits::{self, Named, Recorder, Recording, Wait, WaitSink};

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
    /// The event kind: a scenario's from its catalog entry (`start`,
    /// `finish`, …), a program's `print` or `error`.
    pub kind: Kind,
    /// The human message.
    pub text: Text,
}

/// An event's kind. A scenario's kinds are constants of its code; a
/// program's run may make its own, so a kind can also be owned (shared,
/// never copied per row).
#[derive(Clone, Debug, Eq)]
pub enum Kind {
    /// A constant.
    Static(&'static str),
    /// Made at run time.
    Owned(Rc<str>),
}

impl Kind {
    /// The kind as a string.
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Static(s) => s,
            Kind::Owned(s) => s,
        }
    }
}

impl std::ops::Deref for Kind {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Kind {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Kind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&'static str> for Kind {
    fn from(kind: &'static str) -> Kind {
        Kind::Static(kind)
    }
}

impl From<Rc<str>> for Kind {
    fn from(kind: Rc<str>) -> Kind {
        Kind::Owned(kind)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a run's log rows go.
pub type LogSink = Box<dyn Fn(LogEntry)>;

struct Shared {
    host: Rc<dyn Host>,
    /// Records what each task waits on (see [`crate::waits`]).
    recorder: Rc<Recorder>,
    sink: LogSink,
    next_seq: Cell<u32>,
    /// Tasks spawned since the run last looked; the run moves them into its set.
    spawned: RefCell<Vec<LocalBoxFuture<'static, ()>>>,
    /// The cancellation of the task being polled now (`None`: main).
    current: RefCell<Option<Rc<Cancellation>>>,
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
        Sleep {
            timer: self.0.host.sleep(seconds),
            shared: self.0.clone(),
            on: Wait::Timer,
            recording: Recording::default(),
        }
    }

    /// A bare `yield` in a `types.coroutine`: gives the event loop one turn.
    pub fn yield_now(&self) -> Sleep {
        Sleep {
            timer: self.0.host.yield_now(),
            shared: self.0.clone(),
            on: Wait::Poll,
            recording: Recording::default(),
        }
    }

    /// Runs `future` as the task `name`: what it waits on is recorded under
    /// that name (the timeline's lane), whether it is spawned or gathered.
    /// Tasks not named are `main`'s.
    pub fn named<'a, T>(
        &self,
        name: impl Into<Rc<str>>,
        future: impl Future<Output = T> + 'a,
    ) -> Named<'a, T> {
        Named { name: name.into(), future: Box::pin(future) }
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
        waits::waited(Wait::Fetch, self.0.host.fetch_text(path)).await
    }

    /// `asyncpg.connect(...)`: the page's database, seeded with `rows` users.
    pub async fn connect(&self, rows: u32) -> Result<Rc<dyn Connection>, HostError> {
        let connection = waits::waited(Wait::Database, self.0.host.connect(rows)).await?;
        Ok(Rc::new(Recorded(connection)))
    }

    /// `asyncio.create_task`: runs `future` as a task of its own, concurrently
    /// with the caller, until it ends or the run stops.
    ///
    /// The task starts running at the run's next turn, not inside this call,
    /// as in asyncio. Awaiting the handle gives the task's result; dropping the
    /// handle does not stop the task (use [`JoinHandle::cancel`]).
    pub fn spawn<T: 'static>(&self, future: impl Future<Output = T> + 'static) -> JoinHandle<T> {
        let (tx, rx) = oneshot::channel();
        let cancellation = Rc::new(Cancellation::default());
        let task = Task {
            future: Some(future.boxed_local()),
            result: Some(tx),
            cancellation: cancellation.clone(),
            shared: self.0.clone(),
        };
        self.0.spawned.borrow_mut().push(task.boxed_local());
        if let Some(waker) = self.0.run_waker.borrow().as_ref() {
            waker.wake_by_ref();
        }
        JoinHandle { rx, cancellation, recording: Recording::default() }
    }

    /// `print(...)`: adds a row to the run's log, stamped with the time now.
    pub fn log(&self, task: &str, kind: impl Into<Kind>, text: Text) {
        let seq = self.0.next_seq.get();
        self.0.next_seq.set(seq + 1);
        (self.0.sink)(LogEntry {
            seq,
            at: self.0.host.now(),
            real_ms: self.0.host.real_ms(),
            task: task.to_owned(),
            kind: kind.into(),
            text,
        });
    }
}

/// A connection whose queries are recorded as waits on the database.
struct Recorded(Rc<dyn Connection>);

impl Connection for Recorded {
    fn fetch(&self, query: &str) -> LocalBoxFuture<'static, Result<Vec<User>, HostError>> {
        waits::waited(Wait::Database, self.0.fetch(query)).boxed_local()
    }
    fn close(&self) -> LocalBoxFuture<'static, ()> {
        waits::waited(Wait::Database, self.0.close()).boxed_local()
    }
}

/// A task's cancellation: requested by [`JoinHandle::cancel`], seen by the
/// task at its next [`Sleep::or_cancelled`].
#[derive(Default)]
struct Cancellation {
    /// `task.cancel()` was called and the task has not seen it yet.
    requested: Cell<bool>,
    /// The task saw it (its await ended with [`Cancelled`]).
    seen: Cell<bool>,
    /// The task's waker, to wake it with the news.
    waker: RefCell<Option<Waker>>,
}

/// A spawned task: its future, where its result goes, its cancellation.
struct Task<T> {
    future: Option<LocalBoxFuture<'static, T>>,
    result: Option<oneshot::Sender<T>>,
    cancellation: Rc<Cancellation>,
    shared: Rc<Shared>,
}

impl<T> Future for Task<T> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let Some(future) = this.future.as_mut() else { return Poll::Ready(()) };
        *this.cancellation.waker.borrow_mut() = Some(cx.waker().clone());
        let outer = this.shared.current.replace(Some(this.cancellation.clone()));
        let poll = future.poll_unpin(cx);
        *this.shared.current.borrow_mut() = outer;
        match poll {
            Poll::Ready(value) => {
                // The receiver may be gone: nobody awaits this task.
                if let Some(tx) = this.result.take() {
                    let _ = tx.send(value);
                }
                this.future = None;
                Poll::Ready(())
            }
            // Cancelled, and the task did not look (it awaited something
            // that does not end with `Cancelled`): it stops where it is, its
            // timers with it, and whoever awaits it gets `Cancelled`.
            Poll::Pending if this.cancellation.requested.get() => {
                this.future = None;
                this.result = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The future of [`Cx::sleep`] and [`Cx::yield_now`]: completes when the
/// time has come; dropping it cancels the timer.
#[must_use = "a sleep does nothing unless awaited, and is cancelled when dropped"]
pub struct Sleep {
    timer: LocalBoxFuture<'static, ()>,
    shared: Rc<Shared>,
    on: Wait,
    recording: Recording,
}

impl Sleep {
    /// The same wait, ending with `Err(Cancelled)` if the task is cancelled
    /// meanwhile (`task.cancel()`, a timeout, a lost `wait`): asyncio's
    /// `CancelledError` raised at the `await`. The task then runs its own
    /// cleanup and can say it was cancelled, as a Python `try/finally` or
    /// `except CancelledError` does; it ends as cancelled by returning.
    pub fn or_cancelled(self) -> OrCancelled {
        OrCancelled(self)
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // A task being cancelled does not get past a plain sleep, even one
        // whose time has come (asyncio throws `CancelledError` in instead of
        // the result): it stops here.
        let cancelling = self.shared.current.borrow().as_ref().is_some_and(|c| c.requested.get());
        let this = &mut *self;
        let poll = if cancelling { Poll::Pending } else { this.timer.poll_unpin(cx) };
        this.recording.saw(this.on, &poll);
        poll
    }
}

/// The future of [`Sleep::or_cancelled`].
#[must_use = "a sleep does nothing unless awaited, and is cancelled when dropped"]
pub struct OrCancelled(Sleep);

impl Future for OrCancelled {
    type Output = Result<(), Cancelled>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let current = self.0.shared.current.borrow().clone();
        let sleep = &mut self.0;
        if let Some(cancellation) = current {
            if cancellation.requested.replace(false) {
                cancellation.seen.set(true);
                let poll = Poll::Ready(Err(Cancelled));
                sleep.recording.saw(sleep.on, &poll);
                return poll;
            }
        }
        let poll = sleep.timer.poll_unpin(cx).map(Ok);
        sleep.recording.saw(sleep.on, &poll);
        poll
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
    cancellation: Rc<Cancellation>,
    recording: Recording,
}

impl<T> JoinHandle<T> {
    /// `task.cancel()`: the task's pending wait ends with [`Cancelled`] at
    /// its next turn if it waits with [`Sleep::or_cancelled`] (then its own
    /// code decides what happens); otherwise it stops where it is, with its
    /// timers. Either way, awaiting the handle gives `Err(Cancelled)` unless
    /// the task returned a value.
    pub fn cancel(&self) {
        if self.cancellation.seen.get() {
            return;
        }
        self.cancellation.requested.set(true);
        if let Some(waker) = self.cancellation.waker.borrow().as_ref() {
            waker.wake_by_ref();
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let poll = this.rx.poll_unpin(cx).map(|r| r.map_err(|_| Cancelled));
        this.recording.saw(Wait::Future, &poll);
        poll
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
        let host: Rc<dyn Host> = Rc::from(host);
        let recorder = {
            let host = host.clone();
            Recorder::new(Box::new(move || host.now()))
        };
        let cx = Cx(Rc::new(Shared {
            host,
            recorder,
            sink,
            next_seq: Cell::new(0),
            spawned: RefCell::new(Vec::new()),
            current: RefCell::new(None),
            run_waker: RefCell::new(None),
        }));
        let main = scenario(cx.clone()).boxed_local();
        Run { cx, main: Some(main), tasks: FuturesUnordered::new() }
    }

    /// Sends what each task waits on, as it begins and ends, to `sink`
    /// (see [`crate::waits`]). Without it nothing is recorded.
    pub fn record_waits(&self, sink: WaitSink) {
        *self.cx.0.recorder.sink.borrow_mut() = Some(sink);
    }
}

impl Future for Run {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let recorder = self.cx.0.recorder.clone();
        waits::with_recorder(&recorder, || self.poll_tasks(cx))
    }
}

impl Run {
    fn poll_tasks(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let this = self;
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
