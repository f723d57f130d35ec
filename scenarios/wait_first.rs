//! `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`.
//!
//! `wait` returns as soon as one task is done: the fast one's result is
//! printed, and the slow one is still pending. When `main` ends,
//! `asyncio.run` cancels it, so it never prints "done".

use futures::future::{select, Either};
use futures::FutureExt;

use runtime::{text, Cx, JoinHandle};

/// The kinds of event this scenario logs (its catalog entry lists these).
const DONE: &str = "done";
const RESULT: &str = "result";
const CANCELLED: &str = "cancelled";

/// `short_task()` and `long_task()`: sleep, print, return a result.
async fn task(cx: Cx, task: &'static str, name: &'static str, delay: f64) -> String {
    cx.sleep(delay).await;
    cx.log(task, DONE, text!("{name} task done", "{name} task done"));
    format!("{name} result")
}

/// `done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED)`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let short = cx.spawn(task(cx.clone(), "short", "Short", delays[0]));
    let long = cx.spawn(task(cx.clone(), "long", "Long", delays[1]));
    let (first, (pending_id, pending)): (_, (&str, JoinHandle<String>)) =
        match select(short, long).await {
            Either::Left((result, long)) => (("short", result), ("long", long)),
            Either::Right((result, short)) => (("long", result), ("short", short)),
        };
    let mut done = vec![first];
    // A task that finished at the same moment is in `done` too.
    let mut pending = Some(pending);
    if let Some(result) = pending.as_mut().and_then(|p| p.now_or_never()) {
        done.push((pending_id, result));
        pending = None;
    }
    for (task, result) in done {
        let Ok(result) = result else { continue };
        cx.log(task, RESULT, text!("{result}", "{result}"));
    }
    if let Some(pending) = pending {
        pending.cancel();
        cx.log(
            pending_id,
            CANCELLED,
            text!("{pending_id} task cancelled", "{pending_id} task отменён"),
        );
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[1.0, 3.0], (2, 2));

/// `asyncio.wait(FIRST_COMPLETED)`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "wait-first",
    group: Group::Waiting,
    title: Words { en: "wait: FIRST_COMPLETED", ru: "wait: FIRST_COMPLETED" },
    about: crate::described!(Words {
        en: "wait returns as soon as one task is done; the other is still pending and is cancelled \
             when main ends, so 'Long task done' never prints. Make the first delay longer than the \
             second and the roles swap.",
        ru: "wait возвращается, как только готова одна задача; вторая ещё ждёт и отменяется, когда \
             main заканчивается, поэтому 'Long task done' не печатается. Сделайте первую задержку \
             длиннее второй — и роли поменяются.",
    }),
    differs: Some(crate::described!(Words {
        en: "With equal delays CPython finishes both tasks in one loop iteration, so both are in \
             'done'; the browser fires one timer per turn, so main wakes after the first and the \
             other is cancelled.",
        ru: "При равных задержках CPython заканчивает обе задачи за одну итерацию цикла, и обе \
             попадают в 'done'; браузер выполняет по одному таймеру за ход, поэтому main просыпается \
             после первой, а вторая отменяется.",
    })),
    params: &[PARAM_DELAYS],
    kinds: &[DONE, RESULT, CANCELLED],
    order: &["short done", "short result", "long cancelled"],
    browser_order: None,
    completes: &[DONE],
    lanes: &[],
    cell: source("scenarios/lecture/wait_first.py", crate::lecture_cell!("lecture/wait_first.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/wait_first.rs", crate::shown!("wait_first.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: |_| vec!["short".into(), "long".into()],
    task_count: None,
    fill_cell: |spec, values| {
        let v = &values[0];
        spec.cell
            .text
            .replace("{{short}}", &python_number(v[0]))
            .replace("{{long}}", &python_number(v.get(1).copied().unwrap_or(v[0])))
    },
};
