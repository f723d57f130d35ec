//! `blocking`: `time.sleep` in a coroutine, the classic mistake.
//!
//! Timers are due while one task does synchronous work: nothing else runs,
//! so every timer fires late, all at once when the work ends (in the page,
//! the page itself stops responding meanwhile). The same work split into
//! chunks with an `await` between them lets the loop run the timers in
//! between: they are late by a chunk or two, not by the whole work.

use futures::future::{join, join_all};

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const BLOCKING: &str = "blocking";
const UNBLOCKED: &str = "unblocked";
const WOKE: &str = "woke";
const LATE: &str = "late";

/// `async def ticker(name, at)`: a timer due at `at`; returns how late it was.
async fn ticker(cx: Cx, name: String, at: f64) -> f64 {
    let asked = cx.now() + at;
    cx.sleep(at).await;
    let late = cx.now() - asked;
    let late_ms = (late * 1000.0).round();
    cx.log(
        &name,
        WOKE,
        text!("{name} woke {late_ms} ms late", "{name} проснулся с опозданием {late_ms} мс"),
    );
    late
}

/// `time.sleep(block)` in one piece.
async fn blocker(cx: Cx, block: f64) {
    cx.log(
        "blocker",
        BLOCKING,
        text!("time.sleep({block}): the loop stops", "time.sleep({block}): цикл стоит"),
    );
    cx.block(block);
    cx.log("blocker", UNBLOCKED, text!("blocker done", "blocker закончил"));
}

/// The same work in `chunks` pieces, with `await asyncio.sleep(0)` between.
async fn chunked(cx: Cx, block: f64, chunks: usize) {
    cx.log(
        "blocker",
        BLOCKING,
        text!("{chunks} chunks with an await between", "{chunks} частей с await между ними"),
    );
    for _ in 0..chunks {
        cx.block(block / chunks as f64);
        cx.yield_now().await;
    }
    cx.log("blocker", UNBLOCKED, text!("chunked blocker done", "blocker по частям закончил"));
}

/// Ticker names: T1, T2, …
pub fn name(index: usize) -> String {
    format!("T{}", index + 1)
}

fn report(cx: &Cx, way: &str, lateness: &[f64]) {
    let worst = (lateness.iter().copied().fold(0.0, f64::max) * 1000.0).round();
    cx.log(
        "main",
        LATE,
        text!("{way}: timers up to {worst} ms late", "{way}: таймеры опоздали до {worst} мс"),
    );
}

/// Both ways, one after the other.
pub async fn main(cx: Cx, timers: Vec<f64>, block: f64, chunks: usize) {
    let tickers = |cx: &Cx| {
        timers
            .iter()
            .enumerate()
            .map(|(i, &at)| cx.named(name(i), ticker(cx.clone(), name(i), at)))
            .collect::<Vec<_>>()
    };
    let (late, ()) =
        join(join_all(tickers(&cx)), cx.named("blocker", blocker(cx.clone(), block))).await;
    report(&cx, "time.sleep", &late);
    let (late, ()) = join(
        join_all(tickers(&cx)),
        cx.named("blocker", chunked(cx.clone(), block, chunks.max(1))),
    )
    .await;
    report(&cx, "in chunks", &late);
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `delays` parameter.
const PARAM_DELAYS: ParamSpec = delays(&[0.25, 0.5, 0.75], (1, MAX_TASKS));

/// The `block` parameter.
const PARAM_BLOCK: ParamSpec = ParamSpec {
    name: "block",
    label: Words { en: "Blocking work", ru: "Блокирующая работа" },
    min: 0.0,
    max: 3.0,
    unit: Unit::Seconds,
    count: (1, 1),
    default: &[1.0],
};

/// The `chunks` parameter.
const PARAM_CHUNKS: ParamSpec = ParamSpec {
    name: "chunks",
    label: Words { en: "Chunks", ru: "Частей" },
    min: 1.0,
    max: MAX_ITEMS,
    unit: Unit::Count,
    count: (1, 1),
    default: &[10.0],
};

/// `time.sleep` in a coroutine, then the same work in awaited chunks.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "blocking",
    group: Group::Beyond,
    title: Words {
        en: "blocking: time.sleep stops the loop",
        ru: "blocking: time.sleep останавливает цикл",
    },
    about: crate::described!(Words {
        en: "Timers are due while one task does synchronous work (Python's time.sleep in a \
             coroutine). Nothing else can run: every timer fires late, all together when the work \
             ends, and this page itself freezes meanwhile (try to scroll). Then the same work in \
             chunks with an await between them: the loop runs the timers in between, late by a \
             chunk or two instead of by the whole work.",
        ru: "Таймеры должны сработать, пока одна задача делает синхронную работу (time.sleep в \
             корутине). Больше ничего выполняться не может: все таймеры опаздывают и срабатывают \
             разом, когда работа кончится, а сама страница в это время замирает (попробуйте \
             прокрутить). Затем та же работа частями с await между ними: цикл успевает выполнить \
             таймеры, и они опаздывают на одну-две части, а не на всю работу.",
    }),
    differs: None,
    params: &[PARAM_DELAYS, PARAM_BLOCK, PARAM_CHUNKS],
    kinds: &[BLOCKING, UNBLOCKED, WOKE, LATE],
    order: &[
        "blocker blocking",
        "blocker unblocked",
        "T1 woke",
        "T2 woke",
        "T3 woke",
        "main late",
        "blocker blocking",
        "T1 woke",
        "T2 woke",
        "T3 woke",
        "blocker unblocked",
        "main late",
    ],
    browser_order: None,
    completes: &[WOKE],
    lanes: &[],
    cell: source("scenarios/lecture/blocking.py", crate::lecture_cell!("lecture/blocking.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/blocking.rs", crate::shown!("blocking.rs"))],
    main: |cx, values| {
        main(
            cx,
            values.list(&PARAM_DELAYS),
            values.seconds(&PARAM_BLOCK),
            values.count(&PARAM_CHUNKS).max(1),
        )
        .boxed_local()
    },
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(name).collect();
        ids.extend(["blocker".to_owned(), "main".to_owned()]);
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let lines = per_value(values, |i, v| format!("ticker(\"{}\", {v}),", name(i)));
        fill_lines(spec.cell.text, "tickers", &lines)
            .replace("{{block}}", &python_number(values[1][0]))
            .replace("{{chunks}}", &python_number(values[2][0]))
    },
};
