//! `asyncio.gather(task("A", 2), task("B", 1), task("C", 3))`
//!
//! Every task starts at once and sleeps for its own delay; `gather`
//! returns when the last one is done. The tasks finish in order of
//! their delays, not in the order they were written: while one task
//! sleeps, the event loop runs the others.

use futures::future::join_all;

use crate::{text, Cx};

/// `async def task(name, delay)`: print, sleep without blocking, print.
async fn task(cx: Cx, name: String, delay: f64) {
    cx.log(&name, "start", text!("Task {name} started", "Задача {name} запущена"));
    cx.sleep(delay).await;
    cx.log(&name, "finish", text!("Task {name} finished", "Задача {name} завершена"));
}

/// `async def main()`: gathers one task per delay, named A, B, C, …
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        tasks.push(task(cx.clone(), task_name(i), delay));
    }
    join_all(tasks).await;
}

/// The lecture names the tasks by letter: A for the first delay, B, C, …
pub fn task_name(index: usize) -> String {
    let letter = b'A' + (index % 26) as u8;
    char::from(letter).to_string()
}
