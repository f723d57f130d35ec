//! `@types.coroutine` `sleep_generator`: waiting by busy polling.
//!
//! The lecture's generator checks the clock, and if the time has not come
//! it yields to the event loop and is asked again later. `SleepGenerator`
//! below is the same thing as a hand-written Rust `Future`: each `poll`
//! checks the deadline; if it is not reached it asks the loop for one
//! more turn and returns `Pending`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::join_all;

use runtime::{text, Cx, Sleep};

/// The kinds of event this scenario logs (its catalog entry lists these).
const START: &str = "start";
const DONE: &str = "done";

/// `sleep_generator(seconds)`: done once `seconds` have passed, checking
/// the clock each time the event loop comes back to it.
pub struct SleepGenerator {
    cx: Cx,
    deadline: f64,
    /// The loop turn we gave away (`yield`), while it is not over.
    turn: Option<Sleep>,
}

/// `await sleep_generator(seconds)`.
pub fn sleep_generator(cx: &Cx, seconds: f64) -> SleepGenerator {
    SleepGenerator { cx: cx.clone(), deadline: cx.now() + seconds, turn: None }
}

impl Future for SleepGenerator {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        loop {
            if let Some(turn) = self.turn.as_mut() {
                if Pin::new(turn).poll(context).is_pending() {
                    return Poll::Pending; // the loop runs others meanwhile
                }
                self.turn = None;
            }
            // `while time.time() - start_time < seconds: yield`
            if self.cx.now() >= self.deadline {
                return Poll::Ready(());
            }
            self.turn = Some(self.cx.yield_now());
        }
    }
}

/// `async def fetch_data(task_name, delay)`.
async fn fetch_data(cx: Cx, task: String, delay: f64) {
    cx.log(
        &task,
        START,
        text!("Task {task}: started loading data", "Задача {task}: Начало загрузки данных"),
    );
    sleep_generator(&cx, delay).await;
    cx.log(
        &task,
        DONE,
        text!(
            "Task {task}: data loaded after {delay} s",
            "Задача {task}: Данные загружены после {delay} секунд"
        ),
    );
}

/// `async def run_generators()`: both tasks under one `gather`.
pub async fn main(cx: Cx, delays: Vec<f64>) {
    let mut tasks = Vec::new();
    for (i, delay) in delays.into_iter().enumerate() {
        let task = (i + 1).to_string();
        tasks.push(cx.named(task.as_str(), fetch_data(cx.clone(), task.clone(), delay)));
    }
    join_all(tasks).await;
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[4.0, 3.0], (1, MAX_TASKS));

/// `types.coroutine` busy waiting.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "coroutine",
    group: Group::EventLoop,
    title: Words { en: "coroutine: waiting by busy polling", ru: "coroutine: ожидание опросом" },
    about: crate::described!(Words {
        en: "The two tasks share one thread: each checks the clock, and if its time has not come it \
             gives the loop a turn (a bare yield). Both start at once and the shorter delay finishes \
             first. Nothing sleeps: the loop keeps asking, so a browser timer of 0 ms fires every few \
             milliseconds during the whole wait.",
        ru: "Две задачи делят один поток: каждая смотрит на часы и, если время не пришло, отдаёт \
             циклу ход (голый yield). Обе стартуют сразу, более короткая задержка заканчивается \
             первой. Никто не спит: цикл всё время переспрашивает, поэтому таймер браузера на 0 мс \
             срабатывает каждые несколько миллисекунд всё ожидание.",
    }),
    differs: Some(crate::described!(Words {
        en: "A busy wait ends at the first check after its deadline: in CPython within microseconds, \
             in the browser within one timer turn (about 4 ms), so finishing times here are a few ms \
             late, and two equal delays may finish in either order.",
        ru: "Ожидание опросом заканчивается на первой проверке после срока: в CPython через \
             микросекунды, в браузере через один ход таймера (около 4 мс). Поэтому здесь окончание \
             запаздывает на несколько мс, а две равные задержки могут закончиться в любом порядке.",
    })),
    params: &[PARAM_DELAYS],
    kinds: &[START, DONE],
    order: &["1 start", "2 start", "2 done", "1 done"],
    browser_order: None,
    completes: &[DONE],
    lanes: &[],
    cell: source("scenarios/lecture/coroutine.py", crate::lecture_cell!("lecture/coroutine.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/coroutine.rs", crate::shown!("coroutine.rs"))],
    main: |cx, values| main(cx, values.list(&PARAM_DELAYS)).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("fetch_data(\"Задача {}\", {v}),", i + 1));
        fill_lines(spec.cell.text, "calls", &calls)
    },
};
