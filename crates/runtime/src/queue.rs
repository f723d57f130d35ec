//! `asyncio.Queue` in Rust: `put`, `get`, `task_done`, `join`, and an exact
//! `maxsize`.
//!
//! A queue is a list plus the tasks waiting on it. `get` waits while the
//! list is empty; `put` waits while it holds `maxsize` items (0 means no
//! limit, as in Python); `join` waits until every item that was put has
//! been marked `task_done`. (`futures`' bounded channel is not this: it
//! holds one extra item per sender.)

use crate::waits::{waited, Wait};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

struct State<T> {
    items: VecDeque<T>,
    maxsize: usize,
    /// Items put and not yet marked done.
    unfinished: usize,
    /// Tasks waiting to get, to put, or to join.
    waiting: Vec<Waker>,
}

/// `asyncio.Queue(maxsize)`, for the tasks of one run.
pub struct Queue<T>(Rc<RefCell<State<T>>>);

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue(self.0.clone())
    }
}

impl<T> Queue<T> {
    /// An empty queue holding at most `maxsize` items (0: unbounded).
    pub fn new(maxsize: usize) -> Self {
        Queue(Rc::new(RefCell::new(State {
            items: VecDeque::new(),
            maxsize,
            unfinished: 0,
            waiting: Vec::new(),
        })))
    }

    /// How many items it holds now (`qsize()`).
    pub fn len(&self) -> usize {
        self.0.borrow().items.len()
    }

    /// Whether it holds no item.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every waiting task looks again; those still blocked wait again.
    fn wake_all(state: &mut State<T>) {
        for waker in state.waiting.drain(..) {
            waker.wake();
        }
    }

    /// `await queue.put(item)`: waits while the queue is full.
    pub async fn put(&self, item: T) {
        let mut item = Some(item);
        waited(
            Wait::Queue,
            poll_fn(|context| {
                let mut state = self.0.borrow_mut();
                if state.maxsize > 0 && state.items.len() >= state.maxsize {
                    state.waiting.push(context.waker().clone());
                    return Poll::Pending;
                }
                state.items.extend(item.take());
                state.unfinished += 1;
                Self::wake_all(&mut state);
                Poll::Ready(())
            }),
        )
        .await
    }

    /// `await queue.get()`: waits while the queue is empty.
    pub async fn get(&self) -> T {
        waited(
            Wait::Queue,
            poll_fn(|context| {
                let mut state = self.0.borrow_mut();
                match state.items.pop_front() {
                    Some(item) => {
                        Self::wake_all(&mut state);
                        Poll::Ready(item)
                    }
                    None => {
                        state.waiting.push(context.waker().clone());
                        Poll::Pending
                    }
                }
            }),
        )
        .await
    }

    /// `queue.task_done()`: one item that was got is fully handled.
    pub fn task_done(&self) {
        let mut state = self.0.borrow_mut();
        state.unfinished = state.unfinished.saturating_sub(1);
        if state.unfinished == 0 {
            Self::wake_all(&mut state);
        }
    }

    /// `await queue.join()`: waits until every item put is marked done.
    pub async fn join(&self) {
        waited(
            Wait::Queue,
            poll_fn(|context| {
                let mut state = self.0.borrow_mut();
                if state.unfinished == 0 {
                    Poll::Ready(())
                } else {
                    state.waiting.push(context.waker().clone());
                    Poll::Pending
                }
            }),
        )
        .await
    }
}
