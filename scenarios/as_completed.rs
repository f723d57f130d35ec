//! `asyncio.as_completed`: results in the order they arrive.
//!
//! The coroutines are listed 3 s, 1 s, 2 s; `as_completed` yields each
//! as soon as it finishes, so the results come by delay. In Rust,
//! `FuturesUnordered` is that: a set of futures that yields whichever
//! completes next.

use futures::stream::{FuturesUnordered, StreamExt};

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const RESULT: &str = "result";

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
        let task = (i + 1).to_string();
        as_completed.push(cx.named(task.as_str(), fetch_data(cx.clone(), task.clone(), delay)));
    }
    while let Some((task, result)) = as_completed.next().await {
        cx.log(&task, RESULT, text!("{result}", "{result}"));
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[3.0, 1.0, 2.0], (1, MAX_TASKS));

/// `asyncio.as_completed`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "as-completed",
    group: Group::Waiting,
    title: Words {
        en: "as_completed: results as they come",
        ru: "as_completed: результаты по готовности",
    },
    about: crate::described!(Words {
        en: "The coroutines are listed in one order and their results arrive in another: \
             as_completed yields whichever finishes next, so the results come by delay.",
        ru: "Корутины перечислены в одном порядке, а результаты приходят в другом: as_completed \
             отдаёт ту, что закончилась следующей, поэтому результаты идут по задержкам.",
    }),
    differs: None,
    params: &[PARAM_DELAYS],
    kinds: &[RESULT],
    order: &["2 result", "3 result", "1 result"],
    browser_order: None,
    completes: &[RESULT],
    lanes: &[],
    cell: source(
        "scenarios/lecture/as_completed.py",
        crate::lecture_cell!("lecture/as_completed.py"),
    ),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/as_completed.rs", crate::shown!("as_completed.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("fetch_data(\"Task {}\", {v})", i + 1));
        spec.cell.text.replace("{{calls}}", &calls.join(", "))
    },
};
