//! Futures set by tasks, processed with `as_completed`.
//!
//! Each task fills its future after `delay`, then sleeps `delay` more.
//! `as_completed` hands `main` the futures in the order they are filled,
//! whatever order they were listed in. A future is a oneshot channel;
//! `as_completed` is a `FuturesUnordered`.

use futures::channel::oneshot;
use futures::stream::{FuturesUnordered, StreamExt};

use crate::{text, Cx};

/// `async def set_future_result(fut, delay, result)`.
async fn set_future_result(cx: Cx, task: String, fut: oneshot::Sender<String>, delay: f64) {
    cx.sleep(delay).await;
    let result = format!("Результат {task}");
    let _ = fut.send(result.clone()); // fut.set_result(result)
    cx.log(
        &task,
        "set",
        text!("Future with result '{result}' done", "Future с результатом '{result}' завершен"),
    );
    cx.sleep(delay).await;
    cx.log(
        &task,
        "function-done",
        text!("Function with result '{result}' done", "Function с результатом '{result}' завершен"),
    );
}

/// `async def process_futures(futures)`.
async fn process_futures(cx: &Cx, futures: Vec<(String, oneshot::Receiver<String>)>) {
    let mut as_completed: FuturesUnordered<_> =
        futures.into_iter().map(|(task, fut)| async move { (task, fut.await) }).collect();
    while let Some((task, result)) = as_completed.next().await {
        let Ok(result) = result else { continue };
        cx.log(
            &task,
            "processed",
            text!("Processed result: {result}", "Обработан результат: {result}"),
        );
    }
}

/// `async def main()`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut futures = Vec::new();
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        let task = (i + 1).to_string();
        let (setter, fut) = oneshot::channel(); // asyncio.Future()
        futures.push((task.clone(), fut));
        tasks.push(cx.spawn(set_future_result(cx.clone(), task, setter, delay)));
    }
    process_futures(&cx, futures).await;
    for task in tasks {
        let _ = task.await; // asyncio.gather(task1, task2, task3)
    }
}
