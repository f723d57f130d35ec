//! `stress`: `n` tasks at once, each sleeping a seeded random delay, gathered.
//!
//! The lecture's `gather` with three tasks, scaled up until the event loop
//! itself is what you watch: 10,000 timers (up to a million) all pending at
//! once. The code is the same as for three tasks; what changes is how the
//! loop keeps its timers. The page runs this file with either of two timer
//! strategies (`timers=gloo`: one browser `setTimeout` per task; `timers=heap`:
//! a heap of deadlines with one `setTimeout` for the earliest, which is how
//! asyncio's own loop keeps `call_later`), and beside it the same delays as
//! plain JavaScript, `Promise.all` over `setTimeout`.

use futures::future::join_all;

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const DONE: &str = "done";
const GATHERED: &str = "gathered";

/// `async def task(i, delay)`: sleep, then say so.
async fn task(cx: Cx, i: usize, delay: f64) {
    cx.sleep(delay).await;
    let id = (i + 1).to_string();
    cx.log(
        &id,
        DONE,
        text!("Task {id} done after {delay} s", "Задача {id} готова через {delay} с"),
    );
}

/// `async def main()`: one task per delay, all gathered.
pub async fn main(cx: Cx, n: usize, max: f64, seed: u64) {
    let tasks: Vec<_> = delays(n, max, seed)
        .into_iter()
        .enumerate()
        .map(|(i, delay)| cx.named((i + 1).to_string(), task(cx.clone(), i, delay)))
        .collect();
    join_all(tasks).await;
    let at = (cx.now() * 1000.0).round() / 1000.0;
    cx.log("main", GATHERED, text!("{n} tasks gathered at {at} s", "{n} задач собраны за {at} с"));
}

/// The delays of a run: `n` values from 0 to `max` notebook seconds in whole
/// milliseconds, the same for the same `seed` on every host, so the page,
/// the JavaScript baseline and the tests all wait on the same timers.
pub fn delays(n: usize, max: f64, seed: u64) -> Vec<f64> {
    let steps = (max * 1000.0).round().max(0.0) as u64 + 1;
    // xorshift64*: small, fast, and the same everywhere (a seed of 0 would
    // stay 0, so it is mixed first).
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let random = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
            (random % steps) as f64 / 1000.0
        })
        .collect()
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// Most tasks `stress` starts: a million timers still fit a browser tab (the
/// log of such a run takes about 200 MB; see `docs/PERFORMANCE.md`).
pub const MAX_STRESS_TASKS: f64 = 1_000_000.0;

/// The timer strategies of `stress`, in `timers=` order.
pub const TIMER_STRATEGIES: &[&str] = &["gloo", "heap"];

/// The `n` parameter.
const PARAM_N: ParamSpec = ParamSpec {
    name: "n",
    label: Words { en: "Tasks", ru: "Задач" },
    min: 1.0,
    max: MAX_STRESS_TASKS,
    unit: Unit::Count,
    count: (1, 1),
    default: &[10_000.0],
};

/// The `max` parameter.
const PARAM_MAX: ParamSpec = ParamSpec {
    name: "max",
    label: Words { en: "Longest delay", ru: "Наибольшая задержка" },
    min: 0.0,
    max: MAX_DELAY,
    unit: Unit::Seconds,
    count: (1, 1),
    default: &[1.0],
};

/// The `seed` parameter.
const PARAM_SEED: ParamSpec = ParamSpec {
    name: "seed",
    label: Words { en: "Random seed", ru: "Зерно случайности" },
    min: 0.0,
    max: MAX_VALUE,
    unit: Unit::Value,
    count: (1, 1),
    default: &[1.0],
};

/// The `timers` parameter.
const PARAM_TIMERS: ParamSpec = ParamSpec {
    name: "timers",
    label: Words { en: "Timers", ru: "Таймеры" },
    min: 0.0,
    max: 1.0,
    unit: Unit::Choice(TIMER_STRATEGIES),
    count: (1, 1),
    default: &[0.0],
};

/// `n` tasks with seeded random delays, gathered.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "stress",
    group: Group::Scale,
    title: Words {
        en: "stress: 10,000 timers at once", ru: "stress: 10 000 таймеров сразу"
    },
    about: crate::described!(Words {
        en: "The lecture's gather with n tasks instead of three, each sleeping a random delay. \
             What you watch is the event loop keeping its timers: with timers=gloo every task \
             gets its own browser setTimeout; with timers=heap the page keeps the deadlines in \
             a heap and arms a single setTimeout for the earliest, as asyncio's own loop does \
             for call_later. The table compares both with plain JavaScript (Promise.all over \
             setTimeout) on the same delays: how late the timers were, how long the run took \
             against its longest delay, the main thread's time, and memory.",
        ru: "gather из лекции, только задач не три, а n, и каждая спит случайную задержку. \
             Смотреть здесь надо на сам цикл событий и его таймеры: при timers=gloo у каждой \
             задачи свой setTimeout браузера; при timers=heap страница держит сроки в куче и \
             заводит один setTimeout на ближайший — так asyncio хранит call_later. Таблица \
             сравнивает обе стратегии с чистым JavaScript (Promise.all над setTimeout) на тех \
             же задержках: насколько опоздали таймеры, сколько шёл прогон против самой долгой \
             задержки, время главного потока и память.",
    }),
    differs: Some(crate::described!(Words {
        en: "Tasks with the same delay (in whole milliseconds) may finish in a different order \
             in each strategy: each orders its ties by when its timers were set.",
        ru: "Задачи с одинаковой задержкой (в целых миллисекундах) могут завершаться в разном \
             порядке в разных стратегиях: каждая упорядочивает их по моменту постановки таймера.",
    })),
    params: &[PARAM_N, PARAM_MAX, PARAM_SEED, PARAM_TIMERS],
    kinds: &[DONE, GATHERED],
    order: &[],
    browser_order: None,
    completes: &[DONE],
    lanes: &[],
    cell: source("scenarios/lecture/stress.py", crate::lecture_cell!("lecture/stress.py")),
    cell_lang: CellLang::Python,
    rust: &[
        source("scenarios/stress.rs", crate::shown!("stress.rs")),
        source("crates/runtime/src/timer_heap.rs", crate::shown!("timer_heap.rs")),
    ],
    main: |cx, values| {
        let (n, max, seed) =
            (values.count(&PARAM_N), values.seconds(&PARAM_MAX), values.whole(&PARAM_SEED) as u64);
        main(cx, n, max, seed).boxed_local()
    },
    tasks: |values| {
        let n = whole(values, 0).max(0) as usize;
        (1..=n).map(|i| i.to_string()).chain(["main".to_owned()]).collect()
    },
    task_count: Some(|values| whole(values, 0).max(0) as usize + 1),
    fill_cell: fill_values,
};
