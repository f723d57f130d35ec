//! `gather` when a task fails: raised at once, or returned among the results.
//!
//! By default `gather` raises the first exception as soon as it happens, and
//! the other tasks are not cancelled: they go on running and finish later,
//! with nobody waiting for them. With `return_exceptions=True` gather waits
//! for every task and returns the exception in its place among the results.

use futures::future::join_all;
use futures::stream::{FuturesUnordered, StreamExt};

use crate::{text, Cx};

/// `async def work(name, delay, fails)`: sleep, then return or raise.
async fn work(cx: Cx, name: String, delay: f64, fails: bool) -> Result<String, String> {
    cx.sleep(delay).await;
    if fails {
        cx.log(
            &name,
            "failed",
            text!("Task {name} raised ValueError", "Задача {name} выбросила ValueError"),
        );
        Err(format!("ValueError('{name} failed')"))
    } else {
        cx.log(&name, "finished", text!("Task {name} finished", "Задача {name} завершена"));
        Ok(format!("{name} ok"))
    }
}

/// The tasks' names, A, B, C, …
pub fn task_name(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

/// Both gathers, one after the other; `failing` is the 1-based task that raises.
pub async fn main(cx: Cx, delays: Vec<f64>, failing: usize) {
    let spawn_all = |cx: &Cx| -> Vec<_> {
        delays
            .iter()
            .enumerate()
            .map(|(i, &delay)| cx.spawn(work(cx.clone(), task_name(i), delay, i + 1 == failing)))
            .collect()
    };

    // try: await asyncio.gather(*tasks) / except ValueError as e: print(...)
    let mut running: FuturesUnordered<_> = spawn_all(&cx).into_iter().collect();
    let mut raised = None;
    while let Some(done) = running.next().await {
        if let Ok(Err(error)) = done {
            raised = Some(error);
            break;
        }
    }
    // The other tasks are not cancelled: they were spawned, and run on.
    drop(running);
    match raised {
        Some(error) => {
            cx.log("main", "raised", text!("gather raised {error}", "gather выбросил {error}"))
        }
        None => cx.log("main", "gathered", text!("gather returned", "gather вернул результаты")),
    }
    // await asyncio.sleep(...): long enough for the others to finish.
    let longest = delays.iter().copied().fold(0.0, f64::max);
    cx.sleep(longest).await;

    // await asyncio.gather(*tasks, return_exceptions=True)
    let results = join_all(spawn_all(&cx)).await;
    let shown: Vec<String> = results
        .into_iter()
        .map(|result| match result {
            Ok(Ok(value)) => format!("'{value}'"),
            Ok(Err(error)) => error,
            Err(_) => "CancelledError()".to_owned(),
        })
        .collect();
    let shown = shown.join(", ");
    cx.log("main", "results", text!("[{shown}]", "[{shown}]"));
}
