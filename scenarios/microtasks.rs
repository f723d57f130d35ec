//! `microtasks`: the browser's own order, and asyncio's beside it.
//!
//! Synchronous code runs to its end first. Then what it queued, in this
//! order: a spawned task (it runs as soon as main yields, in the same turn),
//! a microtask (`Promise.then`, `queueMicrotask`: after the running code and
//! every task it woke, before anything else), and last a timer
//! (`setTimeout(f, 0)`: a later turn of the loop, after rendering). asyncio
//! has the same three steps: `create_task` and `call_soon` join the ready
//! queue, and `call_later` waits for a later iteration.

use crate::{text, Cx};

/// `async def main()`.
pub async fn main(cx: Cx, delay: f64) {
    cx.log("main", "sync", text!("1. synchronous code starts", "1. синхронный код начинается"));
    // setTimeout(f, delay) / loop.call_later(delay, f): a timer.
    let timer = cx.spawn({
        let cx = cx.clone();
        async move {
            if delay > 0.0 {
                cx.sleep(delay).await;
            } else {
                cx.yield_now().await;
            }
            let text = text!(
                "4. setTimeout / call_later: a timer, a later turn",
                "4. setTimeout / call_later: таймер, следующий ход"
            );
            cx.log("timer", "macrotask", text);
        }
    });
    // An async function called / asyncio.create_task: a task of its own.
    let task = cx.spawn({
        let cx = cx.clone();
        async move {
            let text = text!(
                "2. spawned task: runs once main yields",
                "2. запущенная задача: выполняется, когда main уступит"
            );
            cx.log("task", "task", text);
        }
    });
    // Promise.resolve().then(f) / loop.call_soon(f): a microtask.
    cx.microtask({
        let cx = cx.clone();
        move || {
            let text = text!(
                "3. Promise.then / call_soon: after the running code",
                "3. Promise.then / call_soon: после текущего кода"
            );
            cx.log("then", "microtask", text);
        }
    });
    cx.log("main", "sync", text!("1b. synchronous code ends", "1b. синхронный код заканчивается"));
    let _ = task.await;
    let _ = timer.await;
}
