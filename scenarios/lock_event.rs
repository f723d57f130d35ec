//! `asyncio.Lock` and `asyncio.Event`.
//!
//! Workers that all want the lock take turns: each holds it for its own
//! time, and the others wait, in the order they asked. Then the same tasks
//! wait on an event, and one `set()` wakes all of them at once.

use futures::future::join_all;

use runtime::lock::{Event, Lock};
use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const WAITING: &str = "waiting";
const ACQUIRED: &str = "acquired";
const RELEASED: &str = "released";
const SET: &str = "set";
const WOKE: &str = "woke";

/// `async def worker(name, hold)`: `async with lock:` hold it, then let go.
async fn worker(cx: Cx, lock: Lock, name: String, hold: f64) {
    cx.log(&name, WAITING, text!("{name} waiting for the lock", "{name} ждёт блокировку"));
    let guard = lock.acquire().await;
    cx.log(&name, ACQUIRED, text!("{name} acquired the lock", "{name} взял блокировку"));
    cx.sleep(hold).await;
    cx.log(&name, RELEASED, text!("{name} released the lock", "{name} отпустил блокировку"));
    drop(guard);
}

/// `async def waiter(name)`: `await event.wait()`.
async fn waiter(cx: Cx, event: Event, name: String) {
    event.wait().await;
    cx.log(&name, WOKE, text!("{name} woke up", "{name} проснулся"));
}

/// Worker names: W1, W2, …
pub fn name(index: usize) -> String {
    format!("W{}", index + 1)
}

/// Lock first, then the event set after `set_after` seconds.
pub async fn main(cx: Cx, holds: Vec<f64>, set_after: f64) {
    let lock = Lock::new();
    let workers = holds
        .iter()
        .enumerate()
        .map(|(i, &hold)| cx.named(name(i), worker(cx.clone(), lock.clone(), name(i), hold)));
    join_all(workers).await;

    let event = Event::new();
    let waiters: Vec<_> = (0..holds.len())
        .map(|i| cx.spawn(cx.named(name(i), waiter(cx.clone(), event.clone(), name(i)))))
        .collect();
    cx.sleep(set_after).await;
    cx.log("main", SET, text!("main sets the event", "main устанавливает событие"));
    event.set();
    join_all(waiters).await;
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `holds` parameter.
const PARAM_HOLDS: ParamSpec = ParamSpec {
    name: "holds",
    label: Words {
        en: "Time each worker holds the lock", ru: "Сколько каждый держит блокировку"
    },
    min: 0.0,
    max: MAX_DELAY,
    unit: Unit::Seconds,
    count: (1, MAX_TASKS),
    default: &[1.0, 0.5, 1.0],
};

/// The `set` parameter.
const PARAM_SET: ParamSpec =
    seconds("set", Words { en: "Event set after", ru: "Событие через" }, &[1.0]);

/// `asyncio.Lock` and `asyncio.Event`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "lock-event",
    group: Group::Beyond,
    title: Words { en: "lock-event: Lock and Event", ru: "lock-event: Lock и Event" },
    about: crate::described!(Words {
        en: "All workers ask for the lock at once; one gets it, the others wait and get it in the \
             order they asked, each as the one before lets go. The lock turns concurrent tasks into \
             a queue. Then the same tasks wait on an Event: nothing happens until main calls set(), \
             and then every waiter wakes at the same moment.",
        ru: "Все рабочие просят блокировку сразу; один её получает, остальные ждут и получают её в \
             порядке запроса, когда предыдущий отпускает. Блокировка превращает одновременные задачи \
             в очередь. Затем те же задачи ждут Event: ничего не происходит, пока main не вызовет \
             set(), и тогда все ожидающие просыпаются в один момент.",
    }),
    differs: None,
    params: &[PARAM_HOLDS, PARAM_SET],
    kinds: &[WAITING, ACQUIRED, RELEASED, SET, WOKE],
    order: &["W1 waiting", "W1 acquired", "W2 waiting", "W3 waiting", "W1 released", "W2 acquired", "W2 released", "W3 acquired", "W3 released", "main set", "W1 woke", "W2 woke", "W3 woke"],
    browser_order: None,
    completes: &[RELEASED, WOKE],
    lanes: &[],
    cell: source("scenarios/lecture/lock_event.py", crate::lecture_cell!("lecture/lock_event.py")),
    cell_lang: CellLang::Python,
    rust: &[
        source("scenarios/lock_event.rs", crate::shown!("lock_event.rs")),
        source("crates/runtime/src/lock.rs", crate::shown!("lock.rs")),
    ],
    main: |cx, values| main(cx, values.list(&PARAM_HOLDS), values.seconds(&PARAM_SET)).boxed_local(),
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(name).collect();
        ids.push("main".into());
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let lines = per_value(values, |i, v| format!("worker(lock, \"{}\", {v}),", name(i)));
        let names: Vec<String> = (0..values[0].len()).map(|i| format!("\"{}\"", name(i))).collect();
        fill_lines(spec.cell.text, "workers", &lines)
            .replace("{{names}}", &format!("[{}]", names.join(", ")))
            .replace("{{set}}", &python_number(values[1][0]))
    },
};
