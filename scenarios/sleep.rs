//! `await asyncio.sleep(1)`: a timer, and how exact it is.
//!
//! The coroutine asks the loop to wake it after `delay` seconds and gives
//! the loop back. It wakes a little later than asked: never earlier.

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SLEPT: &str = "slept";

/// `async def main(): await asyncio.sleep(delay)`.
pub async fn main(cx: Cx, delay: f64) {
    let start = cx.now();
    cx.sleep(delay).await;
    let slept = cx.now() - start;
    let late_ms = (slept - delay) * 1000.0;
    cx.log(
        "main",
        SLEPT,
        text!(
            "main slept: asked {delay} s, got {slept:.3} s ({late_ms:+.1} ms)",
            "main поспала: просили {delay} с, вышло {slept:.3} с ({late_ms:+.1} мс)"
        ),
    );
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[1.0]);

/// `asyncio.sleep(1)`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "sleep",
    group: Group::EventLoop,
    title: Words { en: "sleep: a timer on the loop", ru: "sleep: таймер в цикле событий" },
    about: crate::described!(Words {
        en: "await asyncio.sleep(1) does not block: the coroutine hands the loop a timer and steps \
             aside. The log shows the time asked for against the time it took: a timer is never \
             early, and a little late by however long the loop was busy.",
        ru: "await asyncio.sleep(1) не блокирует: корутина оставляет циклу таймер и уступает место. \
             В журнале — запрошенное время против фактического: таймер никогда не приходит раньше, \
             а опаздывает настолько, насколько цикл был занят.",
    }),
    differs: None,
    params: &[PARAM_DELAY],
    kinds: &[SLEPT],
    order: &["main slept"],
    browser_order: None,
    completes: &[SLEPT],
    lanes: &[],
    cell: source("scenarios/lecture/sleep.py", crate::lecture_cell!("lecture/sleep.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/sleep.rs", crate::shown!("sleep.rs"))],
    main: |cx, values| main(cx, values.seconds(&PARAM_DELAY)).boxed_local(),
    tasks: |_| vec!["main".into()],
    task_count: None,
    fill_cell: fill_values,
};
