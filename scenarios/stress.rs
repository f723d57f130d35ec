//! `stress`: `n` tasks at once, each sleeping a seeded random delay, gathered.
//!
//! The lecture's `gather` with three tasks, scaled up until the event loop
//! itself is what you watch: 10,000 timers (up to a million) all pending at
//! once. The code is the same as for three tasks; what changes is how the
//! loop keeps its timers. The page runs this file with either of two timer
//! strategies (`timers=gloo`: one browser `setTimeout` per task; `timers=heap`:
//! a heap of deadlines with one `setTimeout` for the earliest, which is how
//! asyncio's own loop keeps `call_later`), and beside it the same delays as
//! plain JavaScript, `Promise.all` over `setTimeout`.

use futures::future::join_all;

use crate::{text, Cx};

/// `async def task(i, delay)`: sleep, then say so.
async fn task(cx: Cx, i: usize, delay: f64) {
    cx.sleep(delay).await;
    let id = (i + 1).to_string();
    cx.log(
        &id,
        "done",
        text!("Task {id} done after {delay} s", "Задача {id} готова через {delay} с"),
    );
}

/// `async def main()`: one task per delay, all gathered.
pub async fn main(cx: Cx, n: usize, max: f64, seed: u64) {
    let tasks: Vec<_> = delays(n, max, seed)
        .into_iter()
        .enumerate()
        .map(|(i, delay)| task(cx.clone(), i, delay))
        .collect();
    join_all(tasks).await;
    let at = (cx.now() * 1000.0).round() / 1000.0;
    cx.log(
        "main",
        "gathered",
        text!("{n} tasks gathered at {at} s", "{n} задач собраны за {at} с"),
    );
}

/// The delays of a run: `n` values from 0 to `max` notebook seconds in whole
/// milliseconds, the same for the same `seed` on every host, so the page,
/// the JavaScript baseline and the tests all wait on the same timers.
pub fn delays(n: usize, max: f64, seed: u64) -> Vec<f64> {
    let steps = (max * 1000.0).round().max(0.0) as u64 + 1;
    // xorshift64*: small, fast, and the same everywhere (a seed of 0 would
    // stay 0, so it is mixed first).
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let random = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
            (random % steps) as f64 / 1000.0
        })
        .collect()
}
