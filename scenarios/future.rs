//! `asyncio.Future` and `set_result`: a value that arrives later.
//!
//! A `Future` is an empty box that someone fills later. `main` awaits it;
//! a task fills it with `set_result` after `delay` seconds. In Rust the
//! box is a oneshot channel: the sender half is `set_result`, the
//! receiver half is what `main` awaits.

use runtime::{future, text, Cx, Promise};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SET: &str = "set";
const RESULT: &str = "result";

/// `async def set_future_result(fut)`.
async fn set_future_result(cx: Cx, fut: Promise<String>, delay: f64) {
    cx.sleep(delay).await;
    let _ = fut.send("Результат готов!".to_owned()); // fut.set_result(...)
    cx.log("setter", SET, text!("setter: set_result called", "setter: вызван set_result"));
}

/// `async def main()`.
pub async fn main(cx: Cx, delay: f64) {
    let (setter, fut) = future(); // fut = asyncio.Future()
    let _task = cx.spawn(cx.named("setter", set_future_result(cx.clone(), setter, delay)));
    let Ok(result) = fut.await else { return };
    cx.log("main", RESULT, text!("{result}", "{result}"));
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[2.0]);

/// `asyncio.Future` + `set_result`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "future",
    group: Group::Futures,
    title: Words { en: "Future: a result that comes later", ru: "Future: результат, который придёт позже" },
    about: crate::described!(Words {
        en: "main creates an empty Future and awaits it; a task fills it with set_result after the \
             delay. Awaiting a Future costs nothing while it is empty: main simply is not run until \
             the value is there.",
        ru: "main создаёт пустой Future и ждёт его; задача заполняет его через set_result после \
             задержки. Пока Future пуст, ожидание ничего не стоит: main просто не выполняется, пока \
             нет значения.",
    }),
    differs: None,
    params: &[PARAM_DELAY],
    kinds: &[SET, RESULT],
    order: &["setter set", "main result"],
    browser_order: None,
    completes: &[RESULT],
    lanes: &[],
    cell: source("scenarios/lecture/future.py", crate::lecture_cell!("lecture/future.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/future.rs", crate::shown!("future.rs"))],
    main: |cx, values| main(cx, values.seconds(&PARAM_DELAY)).boxed_local(),
    tasks: |_| vec!["setter".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};
