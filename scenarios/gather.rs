//! `asyncio.gather(task("A", 2), task("B", 1), task("C", 3))`
//!
//! Every task starts at once and sleeps for its own delay; `gather`
//! returns when the last one is done. The tasks finish in order of
//! their delays, not in the order they were written: while one task
//! sleeps, the event loop runs the others.

use futures::future::join_all;

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const START: &str = "start";
const FINISH: &str = "finish";

/// `async def task(name, delay)`: print, sleep without blocking, print.
async fn task(cx: Cx, name: String, delay: f64) {
    cx.log(&name, START, text!("Task {name} started", "Задача {name} запущена"));
    cx.sleep(delay).await;
    cx.log(&name, FINISH, text!("Task {name} finished", "Задача {name} завершена"));
}

/// `async def main()`: gathers one task per delay, named A, B, C, …
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        tasks.push(cx.named(task_name(i), task(cx.clone(), task_name(i), delay)));
    }
    join_all(tasks).await;
}

/// The lecture names the tasks by letter: A for the first delay, B, C, …
pub fn task_name(index: usize) -> String {
    let letter = b'A' + (index % 26) as u8;
    char::from(letter).to_string()
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[2.0, 1.0, 3.0], (1, MAX_TASKS));

/// `asyncio.gather` over tasks A, B, C, …
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "gather",
    group: Group::EventLoop,
    title: Words { en: "gather: run tasks concurrently", ru: "gather: задачи одновременно" },
    about: crate::described!(Words {
        en: "All tasks start at once and sleep concurrently, so they finish in order of their delays, \
             not in the order they were written. The whole gather takes as long as the longest delay, \
             not the sum. Equal delays finish in task order: their timers were set in that order.",
        ru: "Все задачи стартуют сразу и ждут одновременно, поэтому завершаются в порядке задержек, \
             а не в порядке записи. Весь gather длится столько, сколько самая долгая задержка, а не их сумма. \
             Равные задержки завершаются в порядке задач: их таймеры поставлены в этом порядке.",
    }),
    differs: None,
    params: &[PARAM_DELAYS],
    kinds: &[START, FINISH],
    order: &["A start", "B start", "C start", "B finish", "A finish", "C finish"],
    browser_order: None,
    completes: &[FINISH],
    lanes: &[],
    cell: source("scenarios/lecture/gather.py", crate::lecture_cell!("lecture/gather.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/gather.rs", crate::shown!("gather.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: |values| (0..values[0].len()).map(task_name).collect(),
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("task(\"{}\", {v}),", task_name(i)));
        fill_lines(spec.cell.text, "tasks", &calls)
    },
};
