//! `asyncio.wait_for(task(), timeout)`.
//!
//! `wait_for` waits for the task, but no longer than `timeout`. When the
//! task is quicker, main gets its result. When the timeout comes first, the
//! task is cancelled (it never prints "done") and main gets `TimeoutError`.

use futures::future::{select, Either};

use crate::{text, Cx};

/// `async def slow_operation()`: start, sleep, finish, return a value.
async fn slow_operation(cx: Cx, delay: f64) -> String {
    cx.log("task", "started", text!("Task started", "Задача запущена"));
    cx.sleep(delay).await;
    cx.log("task", "done", text!("Task done after {delay} s", "Задача готова через {delay} с"));
    "Task result".to_owned()
}

/// `result = await asyncio.wait_for(slow_operation(), timeout)`.
pub async fn main(cx: Cx, delay: f64, timeout: f64) {
    let task = cx.spawn(slow_operation(cx.clone(), delay));
    match select(task, cx.sleep(timeout)).await {
        Either::Left((Ok(result), _)) => cx.log("main", "result", text!("{result}", "{result}")),
        Either::Left((Err(_), _)) => {}
        Either::Right(((), task)) => {
            // wait_for cancels the task, then raises in main.
            task.cancel();
            cx.log("task", "cancelled", text!("Task cancelled", "Задача отменена"));
            cx.log(
                "main",
                "timeout",
                text!("TimeoutError after {timeout} s", "TimeoutError через {timeout} с"),
            );
        }
    }
}
