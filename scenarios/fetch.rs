//! `aiohttp`: three requests at once against one after another.
//!
//! Each request is a real `fetch()` of a file this page serves, after
//! `latency` seconds that stand in for the network. Started together, the
//! requests wait together: the total is about the longest latency. One
//! after another, the waits add up.

use futures::future::join_all;

use runtime::{text, Cx, HostError};

/// The kinds of event this scenario logs (its catalog entry lists these).
const FETCHED: &str = "fetched";
const TOTAL: &str = "total";
const ERROR: &str = "error";

/// `async def fetch_data(url)`: a slow network, then a real GET.
async fn fetch_data(cx: &Cx, task: &str, latency: f64) -> Result<String, HostError> {
    cx.sleep(latency).await;
    let body = cx.fetch_text(&format!("static/example/{task}.txt")).await?;
    cx.log(task, FETCHED, text!("Fetched result {task}", "Обработан результат {task}"));
    Ok(body)
}

/// Logs how long a way of fetching took, or the error it hit.
fn report(cx: &Cx, way: &str, started: f64, results: Vec<Result<String, HostError>>) {
    let wall = (cx.now() - started) * 1000.0;
    match results.into_iter().find_map(Result::err) {
        None => cx.log(
            way,
            TOTAL,
            text!("{way}: wall time {wall:.0} ms", "{way}: Wall time {wall:.0} ms"),
        ),
        Some(error) => cx.log(way, ERROR, text!("{way}: {error}", "{way}: {error}")),
    }
}

/// Both cells of the lecture, one after the other.
pub async fn main(cx: Cx, latencies: Vec<f64>) {
    let tasks: Vec<String> = (1..=latencies.len()).map(|i| i.to_string()).collect();

    // asyncio.gather(task1, task2, task3)
    let started = cx.now();
    let requests = tasks
        .iter()
        .zip(&latencies)
        .map(|(task, &latency)| cx.named(task.as_str(), fetch_data(&cx, task, latency)));
    let results = join_all(requests).await;
    report(&cx, "concurrent", started, results);

    // task1 = await fetch_data(...); task2 = await ...: the first request
    // that raises ends the cell, as it would in Python.
    let started = cx.now();
    let mut results = Vec::new();
    for (task, &latency) in tasks.iter().zip(&latencies) {
        let result = cx.named(task.as_str(), fetch_data(&cx, task, latency)).await;
        let failed = result.is_err();
        results.push(result);
        if failed {
            break;
        }
    }
    report(&cx, "sequential", started, results);
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = ParamSpec {
    name: "delays",
    label: Words { en: "Latencies", ru: "Задержки сети" },
    min: 0.0,
    max: MAX_DELAY,
    unit: Unit::Seconds,
    count: (1, MAX_TASKS),
    default: &[0.07, 0.07, 0.07],
};

/// `aiohttp` requests, concurrent against sequential.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "fetch",
    group: Group::Io,
    title: Words { en: "aiohttp: requests together or in turn", ru: "aiohttp: запросы вместе или по очереди" },
    about: crate::described!(Words {
        en: "Each request is a real fetch() of a file this page serves, after a latency that stands \
             in for the network. Started together, the requests wait together: the total is about \
             the longest latency. One after another, the waits add up (the lecture: 71 ms against \
             232 ms).",
        ru: "Каждый запрос — настоящий fetch() файла, который отдаёт эта страница, после задержки, \
             изображающей сеть. Запущенные вместе, запросы ждут вместе: итог — примерно самая \
             долгая задержка. По очереди ожидания складываются (в лекции: 71 мс против 232 мс).",
    }),
    differs: Some(crate::described!(Words {
        en: "Wall times include the real fetch() from this page's own server, which takes a few ms; \
             at high speeds that is many notebook milliseconds.",
        ru: "Wall time включает настоящий fetch() с сервера этой страницы, а это несколько мс; \
             на большой скорости это много «тетрадных» миллисекунд.",
    })),
    params: &[PARAM_DELAYS],
    kinds: &[FETCHED, TOTAL, ERROR],
    order: &["1 fetched", "2 fetched", "3 fetched", "concurrent total", "1 fetched", "2 fetched", "3 fetched", "sequential total"],
    browser_order: None,
    completes: &[FETCHED],
    lanes: &[],
    cell: source("scenarios/lecture/fetch.py", crate::lecture_cell!("lecture/fetch.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/fetch.rs", crate::shown!("fetch.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: |values| {
        let mut ids = numbered(values);
        ids.extend(["concurrent".to_owned(), "sequential".to_owned()]);
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let create = per_value(values, |i, v| {
            format!("fetch_data(\"https://example.com/{}\"),  # + {v} s of network", i + 1)
        });
        let awaits = per_value(values, |i, v| {
            format!("await fetch_data(\"https://example.com/{}\"),  # + {v} s of network", i + 1)
        });
        let text = fill_lines(spec.cell.text, "create", &create);
        fill_lines(&text, "awaits", &awaits)
    },
};
