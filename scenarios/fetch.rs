//! `aiohttp`: three requests at once against one after another.
//!
//! Each request is a real `fetch()` of a file this page serves, after
//! `latency` seconds that stand in for the network. Started together, the
//! requests wait together: the total is about the longest latency. One
//! after another, the waits add up.

use futures::future::join_all;

use crate::{text, Cx, HostError};

/// `async def fetch_data(url)`: a slow network, then a real GET.
async fn fetch_data(cx: &Cx, task: &str, latency: f64) -> Result<String, HostError> {
    cx.sleep(latency).await;
    let body = cx.fetch_text(&format!("static/example/{task}.txt")).await?;
    cx.log(task, "fetched", text!("Fetched result {task}", "Обработан результат {task}"));
    Ok(body)
}

/// Logs how long a way of fetching took, or the error it hit.
fn report(cx: &Cx, way: &str, started: f64, results: Vec<Result<String, HostError>>) {
    let wall = (cx.now() - started) * 1000.0;
    match results.into_iter().find_map(Result::err) {
        None => cx.log(
            way,
            "total",
            text!("{way}: wall time {wall:.0} ms", "{way}: Wall time {wall:.0} ms"),
        ),
        Some(error) => cx.log(way, "error", text!("{way}: {error}", "{way}: {error}")),
    }
}

/// Both cells of the lecture, one after the other.
pub async fn main(cx: Cx, latencies: Vec<f64>) {
    let tasks: Vec<String> = (1..=latencies.len()).map(|i| i.to_string()).collect();

    // asyncio.gather(task1, task2, task3)
    let started = cx.now();
    let requests =
        tasks.iter().zip(&latencies).map(|(task, &latency)| fetch_data(&cx, task, latency));
    let results = join_all(requests).await;
    report(&cx, "concurrent", started, results);

    // task1 = await fetch_data(...); task2 = await ...: the first request
    // that raises ends the cell, as it would in Python.
    let started = cx.now();
    let mut results = Vec::new();
    for (task, &latency) in tasks.iter().zip(&latencies) {
        let result = fetch_data(&cx, task, latency).await;
        let failed = result.is_err();
        results.push(result);
        if failed {
            break;
        }
    }
    report(&cx, "sequential", started, results);
}
