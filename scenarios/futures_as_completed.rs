//! Futures set by tasks, processed with `as_completed`.
//!
//! Each task fills its future after `delay`, then sleeps `delay` more.
//! `as_completed` hands `main` the futures in the order they are filled,
//! whatever order they were listed in. A future is a oneshot channel;
//! `as_completed` is a `FuturesUnordered`.

use futures::stream::{FuturesUnordered, StreamExt};

use runtime::{future, text, Cx, FutureResult, Promise};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SET: &str = "set";
const PROCESSED: &str = "processed";
const FUNCTION_DONE: &str = "function-done";

/// `async def set_future_result(fut, delay, result)`.
async fn set_future_result(cx: Cx, task: String, fut: Promise<String>, delay: f64) {
    cx.sleep(delay).await;
    let result = format!("Результат {task}");
    let _ = fut.send(result.clone()); // fut.set_result(result)
    cx.log(
        &task,
        SET,
        text!("Future with result '{result}' done", "Future с результатом '{result}' завершен"),
    );
    cx.sleep(delay).await;
    cx.log(
        &task,
        FUNCTION_DONE,
        text!("Function with result '{result}' done", "Function с результатом '{result}' завершен"),
    );
}

/// `async def process_futures(futures)`.
async fn process_futures(cx: &Cx, futures: Vec<(String, FutureResult<String>)>) {
    let mut as_completed: FuturesUnordered<_> =
        futures.into_iter().map(|(task, fut)| async move { (task, fut.await) }).collect();
    while let Some((task, result)) = as_completed.next().await {
        let Ok(result) = result else { continue };
        cx.log(
            &task,
            PROCESSED,
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
        let (setter, fut) = future(); // asyncio.Future()
        futures.push((task.clone(), fut));
        tasks.push(cx.spawn(
            cx.named(task.as_str(), set_future_result(cx.clone(), task.clone(), setter, delay)),
        ));
    }
    process_futures(&cx, futures).await;
    for task in tasks {
        let _ = task.await; // asyncio.gather(task1, task2, task3)
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[2.0, 1.0, 3.0], (1, MAX_TASKS));

/// Futures set by tasks, with `as_completed`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "futures-as-completed",
    group: Group::Futures,
    title: Words { en: "Futures with as_completed", ru: "Future и as_completed" },
    about: crate::described!(Words {
        en: "Each task sets its Future after its delay and finishes after twice the delay. \
             as_completed hands main the Futures in the order they are set, so 'processed' follows \
             'set' at once, while the tasks' own second halves interleave with it.",
        ru: "Каждая задача заполняет свой Future через свою задержку и заканчивается через двойную. \
             as_completed отдаёт main Future в порядке заполнения, поэтому 'processed' идёт сразу за \
             'set', а вторые половины задач перемежаются с этим.",
    }),
    differs: Some(crate::described!(Words {
        en: "At t = 2 (defaults) task 1 sets its Future and task 2 ends, at the same instant. CPython \
             runs both timer callbacks first and then main's 'processed'; the browser runs each timer \
             in its own turn, and main's reaction comes right after task 1's, before task 2 ends. So \
             here '1 processed' can come before '2 function-done'.",
        ru: "В t = 2 (по умолчанию) задача 1 заполняет Future, а задача 2 заканчивается — в один и тот \
             же момент. CPython сначала выполняет оба колбэка таймеров, потом 'processed' в main; \
             браузер выполняет каждый таймер в свой ход, и реакция main идёт сразу после задачи 1, \
             до конца задачи 2. Поэтому здесь '1 processed' может идти раньше '2 function-done'.",
    })),
    params: &[PARAM_DELAYS],
    kinds: &[SET, PROCESSED, FUNCTION_DONE],
    order: &["2 set", "2 processed", "1 set", "2 function-done", "1 processed", "3 set", "3 processed", "1 function-done", "3 function-done"],
    browser_order: Some(&["2 set", "2 processed", "1 set", "1 processed", "2 function-done", "3 set", "3 processed", "1 function-done", "3 function-done"]),
    completes: &[PROCESSED],
    lanes: &[],
    cell: source("scenarios/lecture/futures_as_completed.py", crate::lecture_cell!("lecture/futures_as_completed.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/futures_as_completed.rs", crate::shown!("futures_as_completed.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let n = values[0].len();
        let futures: Vec<String> = (1..=n).map(|i| format!("fut{i} = asyncio.Future()")).collect();
        let tasks = per_value(values, |i, v| {
            format!("task{0} = asyncio.create_task(set_future_result(fut{0}, {v}, \"Результат {0}\"))", i + 1)
        });
        let names: Vec<String> = (1..=n).map(|i| format!("fut{i}")).collect();
        let task_names: Vec<String> = (1..=n).map(|i| format!("task{i}")).collect();
        let text = fill_lines(spec.cell.text, "futures", &futures);
        let text = fill_lines(&text, "tasks", &tasks);
        text.replace("{{names}}", &names.join(", ")).replace("{{task_names}}", &task_names.join(", "))
    },
};
