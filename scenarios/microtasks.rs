//! `microtasks`: the browser's own order, and asyncio's beside it.
//!
//! Synchronous code runs to its end first. Then what it queued, in this
//! order: a spawned task (it runs as soon as main yields, in the same turn),
//! a microtask (`Promise.then`, `queueMicrotask`: after the running code and
//! every task it woke, before anything else), and last a timer
//! (`setTimeout(f, 0)`: a later turn of the loop, after rendering). asyncio
//! has the same three steps: `create_task` and `call_soon` join the ready
//! queue, and `call_later` waits for a later iteration.

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SYNC: &str = "sync";
const TASK: &str = "task";
const MICROTASK: &str = "microtask";
const MACROTASK: &str = "macrotask";

/// `async def main()`.
pub async fn main(cx: Cx, delay: f64) {
    cx.log("main", SYNC, text!("1. synchronous code starts", "1. синхронный код начинается"));
    // setTimeout(f, delay) / loop.call_later(delay, f): a timer.
    let timer = cx.spawn(cx.named("timer", {
        let cx = cx.clone();
        async move {
            if delay > 0.0 {
                cx.sleep(delay).await;
            } else {
                cx.yield_now().await;
            }
            let text = text!(
                "4. setTimeout / call_later: a timer, a later turn",
                "4. setTimeout / call_later: таймер, следующий ход"
            );
            cx.log("timer", MACROTASK, text);
        }
    }));
    // An async function called / asyncio.create_task: a task of its own.
    let task = cx.spawn(cx.named("task", {
        let cx = cx.clone();
        async move {
            let text = text!(
                "2. spawned task: runs once main yields",
                "2. запущенная задача: выполняется, когда main уступит"
            );
            cx.log("task", TASK, text);
        }
    }));
    // Promise.resolve().then(f) / loop.call_soon(f): a microtask.
    cx.microtask({
        let cx = cx.clone();
        move || {
            let text = text!(
                "3. Promise.then / call_soon: after the running code",
                "3. Promise.then / call_soon: после текущего кода"
            );
            cx.log("then", MICROTASK, text);
        }
    });
    cx.log("main", SYNC, text!("1b. synchronous code ends", "1b. синхронный код заканчивается"));
    let _ = task.await;
    let _ = timer.await;
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec =
    seconds("delay", Words { en: "Timer delay", ru: "Задержка таймера" }, &[0.0]);

/// Synchronous code, a spawned task, a microtask and a timer.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "microtasks",
    group: Group::Beyond,
    title: Words { en: "microtasks: who runs first", ru: "microtasks: кто выполняется первым" },
    about: crate::described!(Words {
        en: "Main queues three things and goes on: a timer (setTimeout / call_later), a task \
             (an async function called / create_task) and a microtask (Promise.then / call_soon). \
             Synchronous code always finishes first. Then the task runs, as soon as main yields; \
             then the microtask, after everything running now; the timer waits for a later turn of \
             the loop, even at 0 seconds, though it was queued first.",
        ru: "main ставит в очередь три вещи и продолжает: таймер (setTimeout / call_later), задачу \
             (вызов async-функции / create_task) и микрозадачу (Promise.then / call_soon). \
             Синхронный код всегда заканчивается первым. Затем выполняется задача — как только main \
             уступит; потом микрозадача — после всего, что выполняется сейчас; таймер ждёт \
             следующего хода цикла даже при 0 секунд, хотя был поставлен первым.",
    }),
    differs: None,
    params: &[PARAM_DELAY],
    kinds: &[SYNC, TASK, MICROTASK, MACROTASK],
    order: &["main sync", "main sync", "task task", "then microtask", "timer macrotask"],
    browser_order: None,
    completes: &[TASK, MICROTASK, MACROTASK],
    lanes: &[],
    cell: source("scenarios/lecture/microtasks.py", crate::lecture_cell!("lecture/microtasks.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/microtasks.rs", crate::shown!("microtasks.rs"))],
    main: |cx, values| main(cx, values.seconds(&PARAM_DELAY)).boxed_local(),
    tasks: |_| vec!["main".into(), "task".into(), "then".into(), "timer".into()],
    task_count: None,
    fill_cell: fill_values,
};
