//! `__aiter__` / `__anext__`: an asynchronous iterator.
//!
//! `async for` asks the iterator for the next value and may wait for it;
//! `StopAsyncIteration` ends the loop. In Rust that is a `Stream`: its
//! hand-written `poll_next` returns `Ready(Some(value))`, `Pending` while
//! a value is not there yet, and `Ready(None)` at the end.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Stream, StreamExt};
use futures::Future;

use crate::{text, Cx, Sleep};

/// `class AsyncIterator`: counts to `limit`, waiting `delay` for each value.
pub struct AsyncIterator {
    cx: Cx,
    count: u32,
    limit: u32,
    delay: f64,
    /// The wait for the next value, while it lasts.
    waiting: Option<Sleep>,
}

impl Stream for AsyncIterator {
    type Item = u32;

    /// `async def __anext__(self)`.
    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.count >= self.limit {
            return Poll::Ready(None); // raise StopAsyncIteration
        }
        if self.delay > 0.0 {
            let delay = self.delay;
            let cx = self.cx.clone();
            let waiting = self.waiting.get_or_insert_with(|| cx.sleep(delay));
            if Pin::new(waiting).poll(context).is_pending() {
                return Poll::Pending;
            }
            self.waiting = None;
        }
        self.count += 1;
        Poll::Ready(Some(self.count))
    }
}

/// `async for number in AsyncIterator(): print(number)`.
pub async fn main(cx: Cx, count: u32, delay: f64) {
    let mut numbers =
        AsyncIterator { cx: cx.clone(), count: 0, limit: count, delay, waiting: None };
    while let Some(number) = numbers.next().await {
        cx.log(&number.to_string(), "item", text!("{number}", "{number}"));
    }
}
