//! A deterministic clock and executor, for running scenarios in native tests.
//!
//! Time does not pass by itself: the executor polls the run until nothing can
//! make progress, then jumps to the earliest timer's deadline and fires every
//! timer due at that instant, in the order they were set. A scenario that
//! sleeps 2 s therefore logs at exactly `at == 2.0`, and thousands of runs take
//! milliseconds. (The same idea as `LocalPool::run_until_stalled` in
//! futures-executor, plus a timer queue.)

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use crate::runtime::{Clock, Cx, LogEntry, Run};

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

/// Virtual time, shared by the clock a run sees and the executor that drives it.
#[derive(Clone)]
pub struct VirtualClock {
    timers: Rc<RefCell<Timers>>,
    speed: f64,
}

impl VirtualClock {
    /// A clock at t = 0. `speed` only scales [`Clock::real_ms`], as the page's
    /// speed setting does.
    pub fn new(speed: f64) -> Self {
        VirtualClock { timers: Rc::default(), speed }
    }

    /// Timers set and neither fired nor dropped.
    pub fn live_timers(&self) -> usize {
        self.timers.borrow().pending.len()
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

impl Clock for VirtualClock {
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
    let clock = VirtualClock::new(1.0);
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = {
        let log = log.clone();
        Box::new(move |entry| log.borrow_mut().push(entry))
    };
    let mut run = Run::new(Box::new(clock.clone()), sink, scenario);
    let flag = Arc::new(Flag::default());
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let completed = loop {
        flag.0.store(false, AtomicOrdering::SeqCst);
        if run.poll_unpin(&mut cx).is_ready() {
            break true;
        }
        if flag.0.load(AtomicOrdering::SeqCst) {
            continue; // something woke during the poll: it has more to do now
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
    Outcome { log, completed, end, live_timers }
}
