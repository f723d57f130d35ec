//! `asyncio.Lock` and `asyncio.Event`, the synchronisation primitives the
//! lecture names, for one thread: no atomics, only whose turn it is.
//!
//! The lock hands itself over in arrival order: on release, the first
//! waiter gets it, and a task arriving meanwhile queues behind (asyncio does
//! not let it barge in either). The event wakes every waiter at once.

use crate::waits::{Recording, Wait as Waiting};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Waiter {
    granted: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

#[derive(Default)]
struct LockState {
    locked: bool,
    waiters: VecDeque<Rc<Waiter>>,
}

/// `asyncio.Lock()`.
#[derive(Clone, Default)]
pub struct Lock(Rc<RefCell<LockState>>);

impl Lock {
    /// An unlocked lock.
    pub fn new() -> Self {
        Self::default()
    }

    /// `async with lock:` — completes with a guard once the lock is this
    /// task's; dropping the guard releases it.
    pub fn acquire(&self) -> Acquire {
        Acquire { lock: self.clone(), waiter: None, recording: Recording::default() }
    }

    fn release(&self) {
        let mut state = self.0.borrow_mut();
        match state.waiters.pop_front() {
            // Handed over: the lock stays locked, now for the next waiter.
            Some(next) => {
                next.granted.set(true);
                if let Some(waker) = next.waker.borrow_mut().take() {
                    waker.wake();
                }
            }
            None => state.locked = false,
        }
    }
}

/// The future of [`Lock::acquire`].
#[must_use = "a lock is not taken unless awaited"]
pub struct Acquire {
    lock: Lock,
    waiter: Option<Rc<Waiter>>,
    recording: Recording,
}

impl Future for Acquire {
    type Output = LockGuard;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<LockGuard> {
        let poll = self.try_acquire(cx);
        self.recording.saw(Waiting::Lock, &poll);
        poll
    }
}

impl Acquire {
    fn try_acquire(&mut self, cx: &mut Context<'_>) -> Poll<LockGuard> {
        let lock = self.lock.clone();
        match &self.waiter {
            None => {
                let mut state = lock.0.borrow_mut();
                if !state.locked && state.waiters.is_empty() {
                    state.locked = true;
                    return Poll::Ready(LockGuard(Some(lock.clone())));
                }
                let waiter = Rc::new(Waiter::default());
                *waiter.waker.borrow_mut() = Some(cx.waker().clone());
                state.waiters.push_back(waiter.clone());
                drop(state);
                self.waiter = Some(waiter);
                Poll::Pending
            }
            Some(waiter) if waiter.granted.get() => {
                self.waiter = None;
                Poll::Ready(LockGuard(Some(lock)))
            }
            Some(waiter) => {
                *waiter.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for Acquire {
    /// A cancelled acquire leaves the queue; if the lock had just been
    /// handed to it, it passes it on.
    fn drop(&mut self) {
        if let Some(waiter) = self.waiter.take() {
            if waiter.granted.get() {
                self.lock.release();
            } else {
                self.lock.0.borrow_mut().waiters.retain(|w| !Rc::ptr_eq(w, &waiter));
            }
        }
    }
}

/// Holds the lock; dropping it releases the lock (the end of `async with`).
pub struct LockGuard(Option<Lock>);

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(lock) = self.0.take() {
            lock.release();
        }
    }
}

#[derive(Default)]
struct EventState {
    set: bool,
    waiters: Vec<Waker>,
}

/// `asyncio.Event()`.
#[derive(Clone, Default)]
pub struct Event(Rc<RefCell<EventState>>);

impl Event {
    /// An event that is not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `event.set()`: every waiter wakes, now and later.
    pub fn set(&self) {
        let waiters = {
            let mut state = self.0.borrow_mut();
            state.set = true;
            std::mem::take(&mut state.waiters)
        };
        for waker in waiters {
            waker.wake();
        }
    }

    /// `await event.wait()`.
    pub fn wait(&self) -> Wait {
        Wait(self.clone(), Recording::default())
    }
}

/// The future of [`Event::wait`].
#[must_use = "an event is not waited for unless awaited"]
pub struct Wait(Event, Recording);

impl Future for Wait {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let poll = {
            let mut state = self.0 .0.borrow_mut();
            if state.set {
                Poll::Ready(())
            } else {
                state.waiters.push(cx.waker().clone());
                Poll::Pending
            }
        };
        self.1.saw(Waiting::Event, &poll);
        poll
    }
}
