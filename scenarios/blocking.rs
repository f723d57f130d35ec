//! `blocking`: `time.sleep` in a coroutine, the classic mistake.
//!
//! Timers are due while one task does synchronous work: nothing else runs,
//! so every timer fires late, all at once when the work ends (in the page,
//! the page itself stops responding meanwhile). The same work split into
//! chunks with an `await` between them lets the loop run the timers in
//! between: they are late by a chunk or two, not by the whole work.

use futures::future::{join, join_all};

use crate::{text, Cx};

/// `async def ticker(name, at)`: a timer due at `at`; returns how late it was.
async fn ticker(cx: Cx, name: String, at: f64) -> f64 {
    let asked = cx.now() + at;
    cx.sleep(at).await;
    let late = cx.now() - asked;
    let late_ms = (late * 1000.0).round();
    cx.log(
        &name,
        "woke",
        text!("{name} woke {late_ms} ms late", "{name} проснулся с опозданием {late_ms} мс"),
    );
    late
}

/// `time.sleep(block)` in one piece.
async fn blocker(cx: Cx, block: f64) {
    cx.log(
        "blocker",
        "blocking",
        text!("time.sleep({block}): the loop stops", "time.sleep({block}): цикл стоит"),
    );
    cx.block(block);
    cx.log("blocker", "unblocked", text!("blocker done", "blocker закончил"));
}

/// The same work in `chunks` pieces, with `await asyncio.sleep(0)` between.
async fn chunked(cx: Cx, block: f64, chunks: usize) {
    cx.log(
        "blocker",
        "blocking",
        text!("{chunks} chunks with an await between", "{chunks} частей с await между ними"),
    );
    for _ in 0..chunks {
        cx.block(block / chunks as f64);
        cx.yield_now().await;
    }
    cx.log("blocker", "unblocked", text!("chunked blocker done", "blocker по частям закончил"));
}

/// Ticker names: T1, T2, …
pub fn name(index: usize) -> String {
    format!("T{}", index + 1)
}

fn report(cx: &Cx, way: &str, lateness: &[f64]) {
    let worst = (lateness.iter().copied().fold(0.0, f64::max) * 1000.0).round();
    cx.log(
        "main",
        "late",
        text!("{way}: timers up to {worst} ms late", "{way}: таймеры опоздали до {worst} мс"),
    );
}

/// Both ways, one after the other.
pub async fn main(cx: Cx, timers: Vec<f64>, block: f64, chunks: usize) {
    let tickers = |cx: &Cx| {
        timers
            .iter()
            .enumerate()
            .map(|(i, &at)| ticker(cx.clone(), name(i), at))
            .collect::<Vec<_>>()
    };
    let (late, ()) = join(join_all(tickers(&cx)), blocker(cx.clone(), block)).await;
    report(&cx, "time.sleep", &late);
    let (late, ()) = join(join_all(tickers(&cx)), chunked(cx.clone(), block, chunks.max(1))).await;
    report(&cx, "in chunks", &late);
}
