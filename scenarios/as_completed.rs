//! `asyncio.as_completed`: results in the order they arrive.
//!
//! The coroutines are listed 3 s, 1 s, 2 s; `as_completed` yields each
//! as soon as it finishes, so the results come by delay. In Rust,
//! `FuturesUnordered` is that: a set of futures that yields whichever
//! completes next.

use futures::stream::{FuturesUnordered, StreamExt};

use crate::{text, Cx};

/// `async def fetch_data(task_name, delay)`.
async fn fetch_data(cx: Cx, task: String, delay: f64) -> (String, String) {
    cx.sleep(delay).await;
    let result = format!("Task {task} data fetched after {delay} seconds");
    (task, result)
}

/// `for task in asyncio.as_completed(tasks): print(await task)`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut as_completed = FuturesUnordered::new();
    for (i, delay) in delays.into_iter().enumerate() {
        as_completed.push(fetch_data(cx.clone(), (i + 1).to_string(), delay));
    }
    while let Some((task, result)) = as_completed.next().await {
        cx.log(&task, "result", text!("{result}", "{result}"));
    }
}
