//! Timers the way asyncio's loop keeps them: a heap of deadlines and one alarm.
//!
//! `loop.call_later` pushes a deadline onto a heap; each turn, the loop sleeps
//! until the earliest one and then runs every callback that is due. The page's
//! `stress` scenario can run its timers this way (`timers=heap`): one browser
//! `setTimeout`, always armed for the earliest deadline, instead of one per
//! task. This file is the heap and its bookkeeping, with no browser in it; the
//! page's part is arming the alarm (`src/browser_run.rs`).

use std::cell::{Cell, RefCell};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

/// Deadlines within this many milliseconds of now count as due: a browser
/// timer fires in whole milliseconds, and waking a task a fraction of a
/// millisecond early beats arming another timer that fires a whole one late.
/// (asyncio does the same with its clock's resolution.)
pub const DUE_WITHIN_MS: f64 = 0.1;

/// One timer's state, shared by the future that waits and whoever fires it.
#[derive(Default)]
pub struct TimerSlot {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl TimerSlot {
    /// Marks the timer fired and wakes its task.
    pub fn fire(&self) {
        self.fired.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Whether it fired; if not, `cx`'s task is woken when it does.
    pub fn poll_fired(&self, cx: &mut Context<'_>) -> Poll<()> {
        if self.fired.get() {
            Poll::Ready(())
        } else {
            *self.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

/// A future that completes when its slot fires.
#[must_use = "a timer does nothing unless awaited"]
pub struct SlotFuture(pub Rc<TimerSlot>);

impl Future for SlotFuture {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.poll_fired(cx)
    }
}

struct Entry {
    at_ms: f64,
    seq: u64,
    /// Weak: a timer whose future was dropped (a cancelled task) is skipped
    /// when its deadline comes, without searching the heap for it.
    slot: Weak<TimerSlot>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// By deadline, then by insertion: equal deadlines fire in the order
    /// they were set, as in asyncio and in the browser.
    fn cmp(&self, other: &Self) -> Ordering {
        self.at_ms.total_cmp(&other.at_ms).then(self.seq.cmp(&other.seq))
    }
}

/// Deadlines in milliseconds, earliest first, and the one alarm they need.
#[derive(Default)]
pub struct TimerHeap {
    heap: BinaryHeap<Reverse<Entry>>,
    next_seq: u64,
    /// The deadline the alarm is set for, if it is set.
    armed_for: Option<f64>,
}

impl TimerHeap {
    /// An empty heap with no alarm.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a timer due at `at_ms`; the returned slot fires when it is due.
    pub fn insert(&mut self, at_ms: f64) -> Rc<TimerSlot> {
        let slot = Rc::new(TimerSlot::default());
        self.heap.push(Reverse(Entry { at_ms, seq: self.next_seq, slot: Rc::downgrade(&slot) }));
        self.next_seq += 1;
        slot
    }

    /// Timers in the heap, including cancelled ones not yet reached.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether no timer is left.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// The deadline the alarm must be (re)set for, if it must: when the
    /// earliest deadline is earlier than the armed one, or nothing is armed.
    /// The caller sets its one alarm for it and the heap remembers that.
    pub fn alarm_needed(&mut self) -> Option<f64> {
        let earliest = self.heap.peek()?.0.at_ms;
        match self.armed_for {
            Some(armed) if armed <= earliest => None,
            _ => {
                self.armed_for = Some(earliest);
                Some(earliest)
            }
        }
    }

    /// The alarm went off at `now_ms`: fires every timer due by then (in
    /// deadline order) and returns how many fired. Afterwards no alarm is
    /// armed; ask [`TimerHeap::alarm_needed`] for the next.
    pub fn fire_due(&mut self, now_ms: f64) -> usize {
        self.armed_for = None;
        let mut fired = 0;
        while let Some(Reverse(entry)) = self.heap.peek() {
            if entry.at_ms > now_ms + DUE_WITHIN_MS {
                break;
            }
            let Some(Reverse(entry)) = self.heap.pop() else { break };
            if let Some(slot) = entry.slot.upgrade() {
                slot.fire();
                fired += 1;
            }
        }
        fired
    }
}
