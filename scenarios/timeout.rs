//! `asyncio.wait_for(task(), timeout)`.
//!
//! `wait_for` waits for the task, but no longer than `timeout`. When the
//! task is quicker, main gets its result. When the timeout comes first, the
//! task is cancelled (it never prints "done") and main gets `TimeoutError`.

use futures::future::{select, Either};

use runtime::{text, Cancelled, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const STARTED: &str = "started";
const DONE: &str = "done";
const CANCELLED: &str = "cancelled";
const RESULT: &str = "result";
const TIMEOUT: &str = "timeout";

/// `async def slow_operation()`: start, sleep, finish, return a value.
///
/// When `wait_for` cancels it, its sleep ends with `Cancelled` (Python's
/// `except asyncio.CancelledError:`): it says so itself and ends as
/// cancelled (`raise`).
async fn slow_operation(cx: Cx, delay: f64) -> Result<String, Cancelled> {
    cx.log("task", STARTED, text!("Task started", "Задача запущена"));
    if let Err(cancelled) = cx.sleep(delay).or_cancelled().await {
        cx.log("task", CANCELLED, text!("Task cancelled", "Задача отменена"));
        return Err(cancelled);
    }
    cx.log("task", DONE, text!("Task done after {delay} s", "Задача готова через {delay} с"));
    Ok("Task result".to_owned())
}

/// `result = await asyncio.wait_for(slow_operation(), timeout)`.
pub async fn main(cx: Cx, delay: f64, timeout: f64) {
    let task = cx.spawn(cx.named("task", slow_operation(cx.clone(), delay)));
    match select(task, cx.sleep(timeout)).await {
        Either::Left((Ok(Ok(result)), _)) => cx.log("main", RESULT, text!("{result}", "{result}")),
        Either::Left(_) => {}
        Either::Right(((), task)) => {
            // wait_for cancels the task, waits until it has finished
            // cancelling, then raises TimeoutError in main.
            task.cancel();
            let _ = task.await;
            cx.log(
                "main",
                TIMEOUT,
                text!("TimeoutError after {timeout} s", "TimeoutError через {timeout} с"),
            );
        }
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec =
    seconds("delay", Words { en: "Task delay", ru: "Задержка задачи" }, &[2.0]);

/// The `timeout` parameter.
const PARAM_TIMEOUT: ParamSpec = seconds("timeout", Words { en: "Timeout", ru: "Таймаут" }, &[1.0]);

/// `asyncio.wait_for`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "timeout",
    group: Group::Beyond,
    title: Words { en: "timeout: wait_for", ru: "timeout: wait_for" },
    about: crate::described!(Words {
        en: "wait_for waits for a task, but no longer than the timeout. With a delay under the \
             timeout, main gets the result. With a timeout shorter than the delay, the task is \
             cancelled where it sleeps (it never prints 'done') and main gets a TimeoutError.",
        ru: "wait_for ждёт задачу, но не дольше таймаута. Если задержка меньше таймаута, main получает \
             результат. Если таймаут короче задержки, задача отменяется там, где спит (и не печатает \
             'done'), а main получает TimeoutError.",
    }),
    // A delay equal to the timeout times out, in CPython and here alike: the
    // timeout is armed before the task first runs and sets its own timer.
    differs: None,
    params: &[PARAM_DELAY, PARAM_TIMEOUT],
    kinds: &[STARTED, DONE, CANCELLED, RESULT, TIMEOUT],
    order: &["task started", "task cancelled", "main timeout"],
    browser_order: None,
    completes: &[DONE, RESULT, TIMEOUT],
    lanes: &[],
    cell: source("scenarios/lecture/timeout.py", crate::lecture_cell!("lecture/timeout.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/timeout.rs", crate::shown!("timeout.rs"))],
    main: |cx, values| main(cx, values.seconds(&PARAM_DELAY), values.seconds(&PARAM_TIMEOUT)).boxed_local(),
    tasks: |_| vec!["task".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};
