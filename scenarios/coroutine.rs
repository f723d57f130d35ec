//! `@types.coroutine` `sleep_generator`: waiting by busy polling.
//!
//! The lecture's generator checks the clock, and if the time has not come
//! it yields to the event loop and is asked again later. `SleepGenerator`
//! below is the same thing as a hand-written Rust `Future`: each `poll`
//! checks the deadline; if it is not reached it asks the loop for one
//! more turn and returns `Pending`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::join_all;

use crate::{text, Cx, Sleep};

/// `sleep_generator(seconds)`: done once `seconds` have passed, checking
/// the clock each time the event loop comes back to it.
pub struct SleepGenerator {
    cx: Cx,
    deadline: f64,
    /// The loop turn we gave away (`yield`), while it is not over.
    turn: Option<Sleep>,
}

/// `await sleep_generator(seconds)`.
pub fn sleep_generator(cx: &Cx, seconds: f64) -> SleepGenerator {
    SleepGenerator { cx: cx.clone(), deadline: cx.now() + seconds, turn: None }
}

impl Future for SleepGenerator {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        loop {
            if let Some(turn) = self.turn.as_mut() {
                if Pin::new(turn).poll(context).is_pending() {
                    return Poll::Pending; // the loop runs others meanwhile
                }
                self.turn = None;
            }
            // `while time.time() - start_time < seconds: yield`
            if self.cx.now() >= self.deadline {
                return Poll::Ready(());
            }
            self.turn = Some(self.cx.yield_now());
        }
    }
}

/// `async def fetch_data(task_name, delay)`.
async fn fetch_data(cx: Cx, task: String, delay: f64) {
    cx.log(
        &task,
        "start",
        text!("Task {task}: started loading data", "Задача {task}: Начало загрузки данных"),
    );
    sleep_generator(&cx, delay).await;
    cx.log(
        &task,
        "done",
        text!(
            "Task {task}: data loaded after {delay} s",
            "Задача {task}: Данные загружены после {delay} секунд"
        ),
    );
}

/// `async def run_generators()`: both tasks under one `gather`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        tasks.push(fetch_data(cx.clone(), (i + 1).to_string(), delay));
    }
    join_all(tasks).await;
}
