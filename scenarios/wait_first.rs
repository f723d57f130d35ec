//! `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`.
//!
//! `wait` returns as soon as one task is done: the fast one's result is
//! printed, and the slow one is still pending. When `main` ends,
//! `asyncio.run` cancels it, so it never prints "done".

use futures::future::{select, Either};
use futures::FutureExt;

use crate::{text, Cx, JoinHandle};

/// `short_task()` and `long_task()`: sleep, print, return a result.
async fn task(cx: Cx, task: &'static str, name: &'static str, delay: f64) -> String {
    cx.sleep(delay).await;
    cx.log(task, "done", text!("{name} task done", "{name} task done"));
    format!("{name} result")
}

/// `done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED)`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let short = cx.spawn(task(cx.clone(), "short", "Short", delays[0]));
    let long = cx.spawn(task(cx.clone(), "long", "Long", delays[1]));
    let (first, (pending_id, pending)): (_, (&str, JoinHandle<String>)) =
        match select(short, long).await {
            Either::Left((result, long)) => (("short", result), ("long", long)),
            Either::Right((result, short)) => (("long", result), ("short", short)),
        };
    let mut done = vec![first];
    // A task that finished at the same moment is in `done` too.
    let mut pending = Some(pending);
    if let Some(result) = pending.as_mut().and_then(|p| p.now_or_never()) {
        done.push((pending_id, result));
        pending = None;
    }
    for (task, result) in done {
        let Ok(result) = result else { continue };
        cx.log(task, "result", text!("{result}", "{result}"));
    }
    if let Some(pending) = pending {
        pending.cancel();
        cx.log(
            pending_id,
            "cancelled",
            text!("{pending_id} task cancelled", "{pending_id} task отменён"),
        );
    }
}
