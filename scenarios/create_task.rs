//! `asyncio.create_task`: tasks run on their own, awaited in order.
//!
//! `create_task` starts each `process_data` at once; `main` then awaits
//! the tasks one by one. Task 2 finishes first, but its result is only
//! printed after task 1's, because that is the order `main` awaits them.

use crate::{text, Cx};

/// `async def fetch_data(name, delay)`.
async fn fetch_data(cx: &Cx, task: &str, delay: f64) -> String {
    cx.log(
        task,
        "fetching",
        text!("Task{task}: fetching data...", "Task{task}: загрузка данных..."),
    );
    cx.sleep(delay).await;
    cx.log(task, "received", text!("Task{task}: data received!", "Task{task}: данные получены!"));
    format!("Task{task}: data")
}

/// `async def process_data(name, delay)`.
async fn process_data(cx: Cx, task: String, delay: f64) -> String {
    cx.log(
        &task,
        "processing",
        text!("Task{task}: processing data...", "Task{task}: обработка данных..."),
    );
    let data = fetch_data(&cx, &task, delay).await;
    cx.log(
        &task,
        "processed",
        text!("Task{task}: processed {data}", "Task{task}: обработано {data}"),
    );
    data
}

/// `async def main()`: create every task, then `print(await task)` each.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        let task = (i + 1).to_string();
        tasks.push((task.clone(), cx.spawn(process_data(cx.clone(), task, delay))));
    }
    for (task, handle) in tasks {
        let Ok(data) = handle.await else { return };
        cx.log(&task, "result", text!("{data}", "{data}"));
    }
}
