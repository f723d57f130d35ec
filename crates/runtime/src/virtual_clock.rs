//! A deterministic clock and executor, for running scenarios in native tests.
//!
//! Time does not pass by itself: the executor polls the run until nothing can
//! make progress, then jumps to the earliest timer's deadline and fires every
//! timer due at that instant, in the order they were set. A scenario that
//! sleeps 2 s therefore logs at exactly `at == 2.0`, and thousands of runs take
//! milliseconds. (The same idea as `LocalPool::run_until_stalled` in
//! futures-executor, plus a timer queue.)
//!
//! The outside world is in memory: `fetch_text` serves the files the test
//! gives it and takes no virtual time; the database is a `Vec` of users.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use crate::host::{seed_users, Connection, Host, HostError, User};
use crate::run::{Cx, LogEntry, Run};

/// A deadline in notebook seconds, ordered totally so it can key a map.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Deadline(f64);

impl Eq for Deadline {}
impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Deadline {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[derive(Default)]
struct Timers {
    now: f64,
    next_id: u64,
    /// Pending timers by (deadline, order of setting); the value is the waker
    /// of the task waiting on it, once it has been polled.
    pending: BTreeMap<(Deadline, u64), Option<Waker>>,
}

/// How far the clock moves after a pass in which nothing but yielders was
/// ready (a busy poll): one browser turn, since a browser clamps chained
/// zero-delay timers to 4 ms.
///
/// [`Host::yield_now`] is one pass of the ready queue, as asyncio's
/// `sleep(0)` is: a task that yields resumes after everything else that is
/// ready has run once, and the clock stands still. Only when a pass finds
/// nothing ready but such yielders (tasks busy-polling the clock, the
/// lecture's `types.coroutine` generator) would time never move; then the
/// clock advances by `TURN`, or to the earliest timer if that is sooner, so a
/// busy poll reaches its deadline. The Python interpreter follows the same
/// rule with its own turn.
pub const TURN: f64 = 0.004;

/// Callbacks waiting for the current poll to end.
type Microtasks = std::collections::VecDeque<Box<dyn FnOnce()>>;

/// Virtual time and an in-memory world, shared by the host a run sees and the
/// executor that drives it.
#[derive(Clone)]
pub struct VirtualHost {
    timers: Rc<RefCell<Timers>>,
    speed: f64,
    files: Rc<HashMap<String, String>>,
    /// The `users` table; `None` until the first connect.
    users: Rc<RefCell<Option<Vec<User>>>>,
    /// Whether `connect` fails, to test what a scenario does then.
    database_down: bool,
    /// Whether `fetch_text` answers every path (with an empty body).
    any_file: bool,
    /// Callbacks queued with [`Host::microtask`], run after each poll.
    microtasks: Rc<RefCell<Microtasks>>,
    /// Tasks that yielded ([`Host::yield_now`]) and wait for the next pass.
    yielders: Rc<RefCell<Vec<Waker>>>,
}

impl VirtualHost {
    /// A host at t = 0 with no files and an empty database. `speed` only
    /// scales [`Host::real_ms`], as the page's speed setting does.
    pub fn new(speed: f64) -> Self {
        VirtualHost {
            timers: Rc::default(),
            speed,
            files: Rc::default(),
            users: Rc::default(),
            database_down: false,
            any_file: false,
            microtasks: Rc::default(),
            yielders: Rc::default(),
        }
    }

    /// The same host, answering a fetch of any path: for predicting a run
    /// whose files are only known to the page.
    pub fn serving_any_file(mut self) -> Self {
        self.any_file = true;
        self
    }

    /// The same host, serving `files` (path → contents) to `fetch_text`.
    pub fn with_files<'a>(mut self, files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        self.files =
            Rc::new(files.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect());
        self
    }

    /// The same host, with a database that refuses connections.
    pub fn with_database_down(mut self) -> Self {
        self.database_down = true;
        self
    }

    /// The `users` table as it is now (`None` before any connect).
    pub fn users(&self) -> Option<Vec<User>> {
        self.users.borrow().clone()
    }

    /// Timers set and neither fired nor dropped.
    pub fn live_timers(&self) -> usize {
        self.timers.borrow().pending.len()
    }

    /// One turn of a busy poll: the clock moves by [`TURN`], or only to the
    /// earliest timer (which fires) if that comes first; never past
    /// `stop_at`.
    fn turn(&self, stop_at: f64) {
        let (now, next) = {
            let timers = self.timers.borrow();
            (timers.now, timers.pending.keys().next().map(|k| k.0 .0))
        };
        match next {
            Some(deadline) if deadline <= now + TURN => {
                self.advance();
            }
            _ => {
                let mut timers = self.timers.borrow_mut();
                timers.now = (now + TURN).min(stop_at.max(now));
            }
        }
    }

    /// Moves time to the earliest deadline and fires every timer due then.
    /// Returns false when no timer is pending.
    fn advance(&self) -> bool {
        let mut timers = self.timers.borrow_mut();
        let Some(&(deadline, _)) = timers.pending.keys().next() else {
            return false;
        };
        timers.now = timers.now.max(deadline.0);
        let due: Vec<_> =
            timers.pending.keys().take_while(|(d, _)| *d == deadline).copied().collect();
        let wakers: Vec<_> =
            due.iter().filter_map(|key| timers.pending.remove(key).flatten()).collect();
        drop(timers);
        for waker in wakers {
            waker.wake();
        }
        true
    }
}

struct VirtualSleep {
    timers: Rc<RefCell<Timers>>,
    key: (Deadline, u64),
}

impl Future for VirtualSleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut timers = self.timers.borrow_mut();
        match timers.pending.get_mut(&self.key) {
            // Fired: `advance` removed it.
            None => Poll::Ready(()),
            Some(slot) => {
                *slot = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for VirtualSleep {
    fn drop(&mut self) {
        self.timers.borrow_mut().pending.remove(&self.key);
    }
}

impl Host for VirtualHost {
    fn now(&self) -> f64 {
        self.timers.borrow().now
    }

    fn real_ms(&self) -> f64 {
        self.now() * 1000.0 / self.speed
    }

    fn sleep(&self, seconds: f64) -> LocalBoxFuture<'static, ()> {
        let mut timers = self.timers.borrow_mut();
        let id = timers.next_id;
        timers.next_id += 1;
        let key = (Deadline(timers.now + seconds.max(0.0)), id);
        timers.pending.insert(key, None);
        VirtualSleep { timers: self.timers.clone(), key }.boxed_local()
    }

    fn yield_now(&self) -> LocalBoxFuture<'static, ()> {
        let yielders = self.yielders.clone();
        let mut yielded = false;
        std::future::poll_fn(move |cx| {
            if yielded {
                return Poll::Ready(());
            }
            yielded = true;
            yielders.borrow_mut().push(cx.waker().clone());
            Poll::Pending
        })
        .boxed_local()
    }

    fn microtask(&self, callback: Box<dyn FnOnce()>) {
        self.microtasks.borrow_mut().push_back(callback);
    }

    fn block(&self, seconds: f64) {
        // Time passes and nothing runs: timers due meanwhile fire late.
        self.timers.borrow_mut().now += seconds.max(0.0);
    }

    fn fetch_text(&self, path: &str) -> LocalBoxFuture<'static, Result<String, HostError>> {
        let reply = match self.files.get(path) {
            Some(text) => Ok(text.clone()),
            None if self.any_file => Ok(String::new()),
            None => Err(HostError(format!("404 Not Found: {path}"))),
        };
        async move { reply }.boxed_local()
    }

    fn connect(&self, rows: u32) -> LocalBoxFuture<'static, Result<Rc<dyn Connection>, HostError>> {
        let reply = if self.database_down {
            Err(HostError("the database is unavailable".into()))
        } else {
            *self.users.borrow_mut() = Some(seed_users(rows));
            Ok(Rc::new(VirtualConnection { users: self.users.clone() }) as Rc<dyn Connection>)
        };
        async move { reply }.boxed_local()
    }
}

struct VirtualConnection {
    users: Rc<RefCell<Option<Vec<User>>>>,
}

impl Connection for VirtualConnection {
    fn fetch(&self, query: &str) -> LocalBoxFuture<'static, Result<Vec<User>, HostError>> {
        let reply = if query.trim().eq_ignore_ascii_case("SELECT * FROM users") {
            Ok(self.users.borrow().clone().unwrap_or_default())
        } else {
            Err(HostError(format!("unknown query: {query}")))
        };
        async move { reply }.boxed_local()
    }

    fn close(&self) -> LocalBoxFuture<'static, ()> {
        async {}.boxed_local()
    }
}

/// A waker that only remembers that it was woken.
#[derive(Default)]
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, AtomicOrdering::SeqCst);
    }
}

/// How a run under the virtual clock ended.
#[derive(Debug)]
pub struct Outcome {
    /// Every row logged, in order.
    pub log: Vec<LogEntry>,
    /// True when main completed; false when the run stalled with no timer left
    /// (a deadlock) or was cut short by `stop_at`.
    pub completed: bool,
    /// Virtual time when it ended.
    pub end: f64,
    /// Timers still set when it ended (0 after a clean stop).
    pub live_timers: usize,
    /// What each task waited on, in the order the waits began.
    pub waits: Vec<crate::waits::WaitSpan>,
}

/// Runs `scenario` to completion in virtual time.
pub fn run<F>(scenario: impl FnOnce(Cx) -> F) -> Outcome
where
    F: Future<Output = ()> + 'static,
{
    run_until(f64::INFINITY, scenario)
}

/// Runs `scenario` until it completes or virtual time would pass `stop_at`;
/// then drops the run, as the page's Stop button does.
pub fn run_until<F>(stop_at: f64, scenario: impl FnOnce(Cx) -> F) -> Outcome
where
    F: Future<Output = ()> + 'static,
{
    run_on(VirtualHost::new(1.0), stop_at, scenario)
}

/// Runs `scenario` on `host` until it completes or virtual time would pass
/// `stop_at`.
pub fn run_on<F>(host: VirtualHost, stop_at: f64, scenario: impl FnOnce(Cx) -> F) -> Outcome
where
    F: Future<Output = ()> + 'static,
{
    let clock = host;
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = {
        let log = log.clone();
        Box::new(move |entry| log.borrow_mut().push(entry))
    };
    let mut run = Run::new(Box::new(clock.clone()), sink, scenario);
    let waits = Rc::new(RefCell::new(crate::waits::WaitSpans::default()));
    {
        let waits = waits.clone();
        run.record_waits(Box::new(move |event| waits.borrow_mut().apply(&event)));
    }
    let flag = Arc::new(Flag::default());
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let completed = loop {
        flag.0.store(false, AtomicOrdering::SeqCst);
        if run.poll_unpin(&mut cx).is_ready() {
            break true;
        }
        // The poll's code is done: its microtasks run before any timer.
        loop {
            let next = clock.microtasks.borrow_mut().pop_front();
            let Some(callback) = next else { break };
            callback();
        }
        let yielders: Vec<Waker> = clock.yielders.borrow_mut().drain(..).collect();
        if flag.0.load(AtomicOrdering::SeqCst) {
            // Something woke during the pass: it has more to do now, and the
            // tasks that yielded in it resume in the next pass, beside it.
            yielders.into_iter().for_each(Waker::wake);
            continue;
        }
        if !yielders.is_empty() {
            // Nothing but yielders: a busy poll. One turn of the clock (or
            // up to the earliest timer), then they look again.
            clock.turn(stop_at);
            yielders.into_iter().for_each(Waker::wake);
            continue;
        }
        let next = clock.timers.borrow().pending.keys().next().map(|k| k.0 .0);
        match next {
            Some(deadline) if deadline <= stop_at => {
                clock.advance();
            }
            _ => break false,
        }
    };
    drop(run);
    let end = clock.now();
    let live_timers = clock.live_timers();
    let log = log.take();
    let waits = waits.take().spans().to_vec();
    Outcome { log, completed, end, live_timers, waits }
}
