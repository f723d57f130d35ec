//! `gather` when a task fails: raised at once, or returned among the results.
//!
//! By default `gather` raises the first exception as soon as it happens, and
//! the other tasks are not cancelled: they go on running and finish later,
//! with nobody waiting for them. With `return_exceptions=True` gather waits
//! for every task and returns the exception in its place among the results.

use futures::future::join_all;
use futures::stream::{FuturesUnordered, StreamExt};

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const FINISHED: &str = "finished";
const FAILED: &str = "failed";
const RAISED: &str = "raised";
const GATHERED: &str = "gathered";
const RESULTS: &str = "results";

/// `async def work(name, delay, fails)`: sleep, then return or raise.
async fn work(cx: Cx, name: String, delay: f64, fails: bool) -> Result<String, String> {
    cx.sleep(delay).await;
    if fails {
        cx.log(
            &name,
            FAILED,
            text!("Task {name} raised ValueError", "Задача {name} выбросила ValueError"),
        );
        Err(format!("ValueError('{name} failed')"))
    } else {
        cx.log(&name, FINISHED, text!("Task {name} finished", "Задача {name} завершена"));
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
            .map(|(i, &delay)| {
                let work = work(cx.clone(), task_name(i), delay, i + 1 == failing);
                cx.spawn(cx.named(task_name(i), work))
            })
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
            cx.log("main", RAISED, text!("gather raised {error}", "gather выбросил {error}"))
        }
        None => cx.log("main", GATHERED, text!("gather returned", "gather вернул результаты")),
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
    cx.log("main", RESULTS, text!("[{shown}]", "[{shown}]"));
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[1.0, 0.5, 2.0], (1, MAX_TASKS));

/// The `fail` parameter.
const PARAM_FAIL: ParamSpec = ParamSpec {
    name: "fail",
    label: Words {
        en: "Failing task (0: none)", ru: "Падающая задача (0 — никакая)"
    },
    min: 0.0,
    max: MAX_TASKS as f64,
    unit: Unit::Count,
    count: (1, 1),
    default: &[2.0],
};

/// `gather` with a failing task, raising and with `return_exceptions=True`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "gather-errors",
    group: Group::Beyond,
    title: Words { en: "gather-errors: when a task raises", ru: "gather-errors: когда задача падает" },
    about: crate::described!(Words {
        en: "One task raises. The default gather raises that error in main at once, but does not \
             cancel the others: they go on and finish with nobody waiting. The second gather, with \
             return_exceptions=True, waits for every task and returns the error in its place among \
             the results. Set fail=0 and nothing raises.",
        ru: "Одна задача выбрасывает исключение. Обычный gather сразу пробрасывает его в main, но не \
             отменяет остальные: они продолжают и завершаются, хотя их никто не ждёт. Второй gather, \
             с return_exceptions=True, ждёт все задачи и возвращает исключение на его месте среди \
             результатов. При fail=0 ничего не падает.",
    }),
    differs: None,
    params: &[PARAM_DELAYS, PARAM_FAIL],
    kinds: &[FINISHED, FAILED, RAISED, GATHERED, RESULTS],
    order: &["B failed", "main raised", "A finished", "C finished", "B failed", "A finished", "C finished", "main results"],
    browser_order: None,
    completes: &[FINISHED, FAILED],
    lanes: &[],
    cell: source("scenarios/lecture/gather_errors.py", crate::lecture_cell!("lecture/gather_errors.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/gather_errors.rs", crate::shown!("gather_errors.rs"))],
    main: |cx, values| {
        main(cx, values.list(&PARAM_DELAYS), values.count(&PARAM_FAIL)).boxed_local()
    },
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(task_name).collect();
        ids.push("main".into());
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let failing = whole(values, 1).max(0) as usize;
        let lines = per_value(values, |i, v| {
            let fails = if i + 1 == failing { "True" } else { "False" };
            format!("work(\"{}\", {v}, {fails}),", task_name(i))
        });
        let longest = values[0].iter().copied().fold(0.0, f64::max);
        fill_lines(spec.cell.text, "tasks", &lines).replace("{{longest}}", &python_number(longest))
    },
};
