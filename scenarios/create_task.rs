//! `asyncio.create_task`: tasks run on their own, awaited in order.
//!
//! `create_task` starts each `process_data` at once; `main` then awaits
//! the tasks one by one. Task 2 finishes first, but its result is only
//! printed after task 1's, because that is the order `main` awaits them.

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const PROCESSING: &str = "processing";
const FETCHING: &str = "fetching";
const RECEIVED: &str = "received";
const PROCESSED: &str = "processed";
const RESULT: &str = "result";

/// `async def fetch_data(name, delay)`.
async fn fetch_data(cx: &Cx, task: &str, delay: f64) -> String {
    cx.log(task, FETCHING, text!("Task{task}: fetching data...", "Task{task}: загрузка данных..."));
    cx.sleep(delay).await;
    cx.log(task, RECEIVED, text!("Task{task}: data received!", "Task{task}: данные получены!"));
    format!("Task{task}: data")
}

/// `async def process_data(name, delay)`.
async fn process_data(cx: Cx, task: String, delay: f64) -> String {
    cx.log(
        &task,
        PROCESSING,
        text!("Task{task}: processing data...", "Task{task}: обработка данных..."),
    );
    let data = fetch_data(&cx, &task, delay).await;
    cx.log(
        &task,
        PROCESSED,
        text!("Task{task}: processed {data}", "Task{task}: обработано {data}"),
    );
    data
}

/// `async def main()`: create every task, then `print(await task)` each.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        let task = (i + 1).to_string();
        tasks.push((
            task.clone(),
            cx.spawn(cx.named(task.as_str(), process_data(cx.clone(), task.clone(), delay))),
        ));
    }
    for (task, handle) in tasks {
        let Ok(data) = handle.await else { return };
        cx.log(&task, RESULT, text!("{data}", "{data}"));
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[8.0, 1.0, 10.0], (1, MAX_TASKS));

/// `asyncio.create_task`, awaited in order.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "create-task",
    group: Group::Tasks,
    title: Words { en: "create_task: tasks awaited in order", ru: "create_task: задачи по порядку" },
    about: crate::described!(Words {
        en: "create_task starts every task at once, so they all print 'processing' and 'fetching' \
             before anything finishes. Task 2 (1 s) finishes first, but main awaits task 1 first: \
             its 'result' lines follow main's order, while 'received'/'processed' follow the delays.",
        ru: "create_task запускает все задачи сразу: все печатают 'processing' и 'fetching' до того, \
             как что-то закончится. Задача 2 (1 с) заканчивается первой, но main ждёт сначала \
             задачу 1: строки 'result' идут в порядке main, а 'received'/'processed' — в порядке задержек.",
    }),
    differs: Some(crate::described!(Words {
        en: "When two tasks end at the same moment, CPython runs both before main reads a result; \
             the browser may let main print a result between them. Any equal delays show it.",
        ru: "Если две задачи заканчиваются в один момент, CPython выполняет обе до того, как main \
             прочтёт результат; браузер может дать main напечатать результат между ними. Это видно \
             на равных задержках.",
    })),
    params: &[PARAM_DELAYS],
    kinds: &[PROCESSING, FETCHING, RECEIVED, PROCESSED, RESULT],
    order: &["1 processing", "1 fetching", "2 processing", "2 fetching", "3 processing", "3 fetching", "2 received", "2 processed", "1 received", "1 processed", "1 result", "2 result", "3 received", "3 processed", "3 result"],
    browser_order: None,
    completes: &[PROCESSED],
    lanes: &[],
    cell: source("scenarios/lecture/create_task.py", crate::lecture_cell!("lecture/create_task.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/create_task.rs", crate::shown!("create_task.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let n = values[0].len();
        let create = per_value(values, |i, v| {
            format!("task{0} = asyncio.create_task(process_data(\"Task{0}\", {v}))", i + 1)
        });
        let awaits: Vec<String> = (1..=n).map(|i| format!("print(await task{i})")).collect();
        let text = fill_lines(spec.cell.text, "create", &create);
        fill_lines(&text, "await", &awaits)
    },
};
