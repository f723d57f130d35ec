//! `asyncio.Lock` and `asyncio.Event`.
//!
//! Workers that all want the lock take turns: each holds it for its own
//! time, and the others wait, in the order they asked. Then the same tasks
//! wait on an event, and one `set()` wakes all of them at once.

use futures::future::join_all;

use crate::lock::{Event, Lock};
use crate::{text, Cx};

/// `async def worker(name, hold)`: `async with lock:` hold it, then let go.
async fn worker(cx: Cx, lock: Lock, name: String, hold: f64) {
    cx.log(&name, "waiting", text!("{name} waiting for the lock", "{name} ждёт блокировку"));
    let guard = lock.acquire().await;
    cx.log(&name, "acquired", text!("{name} acquired the lock", "{name} взял блокировку"));
    cx.sleep(hold).await;
    cx.log(&name, "released", text!("{name} released the lock", "{name} отпустил блокировку"));
    drop(guard);
}

/// `async def waiter(name)`: `await event.wait()`.
async fn waiter(cx: Cx, event: Event, name: String) {
    event.wait().await;
    cx.log(&name, "woke", text!("{name} woke up", "{name} проснулся"));
}

/// Worker names: W1, W2, …
pub fn name(index: usize) -> String {
    format!("W{}", index + 1)
}

/// Lock first, then the event set after `set_after` seconds.
pub async fn main(cx: Cx, holds: Vec<f64>, set_after: f64) {
    let lock = Lock::new();
    let workers =
        holds.iter().enumerate().map(|(i, &hold)| worker(cx.clone(), lock.clone(), name(i), hold));
    join_all(workers).await;

    let event = Event::new();
    let waiters: Vec<_> =
        (0..holds.len()).map(|i| cx.spawn(waiter(cx.clone(), event.clone(), name(i)))).collect();
    cx.sleep(set_after).await;
    cx.log("main", "set", text!("main sets the event", "main устанавливает событие"));
    event.set();
    join_all(waiters).await;
}
