//! `stress`, its timer heap and its measurements, natively: the scenario
//! under the virtual clock at sizes the page runs, the heap's bookkeeping,
//! the log the page keeps, and the table's percentiles.
#![cfg(not(target_arch = "wasm32"))]

use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use async_playground::measure::{percentiles, Strategy};
use async_playground::state::{Action, Log, Playground};
use catalog::params::parse_settings;
use catalog::predict::predict;
use catalog::{self, STRESS};
use runtime::timer_heap::{SlotFuture, TimerHeap, DUE_WITHIN_MS};
use scenarios::stress;
use yew::Reducible;

#[test]
fn delays_are_seeded_whole_milliseconds_within_max() {
    let a = stress::delays(10_000, 1.5, 7);
    assert_eq!(a, stress::delays(10_000, 1.5, 7), "the same seed gives the same delays");
    assert_ne!(a, stress::delays(10_000, 1.5, 8));
    assert!(a.iter().all(|&d| (0.0..=1.5).contains(&d)));
    assert!(a.iter().all(|d| ((d * 1000.0).round() - d * 1000.0).abs() < 1e-9));
    // Spread over the whole range, not bunched.
    let low = a.iter().filter(|&&d| d < 0.75).count();
    assert!((4_500..5_500).contains(&low), "{low} of 10,000 below half of max");
    assert_eq!(stress::delays(3, 0.0, 1), [0.0, 0.0, 0.0]);
}

#[test]
fn ten_thousand_tasks_finish_in_order_of_their_delays() {
    let values = parse_settings("?s=stress&n=10000&max=2&seed=3").0.values;
    let outcome = predict(&STRESS, &values);
    assert!(outcome.completed);
    assert_eq!(outcome.live_timers, 0);
    let done: Vec<_> = outcome.log.iter().filter(|e| e.kind == "done").collect();
    assert_eq!(done.len(), 10_000);
    // Completion order is delay order, ties in the order the tasks were
    // created (their timers were set in that order), as asyncio's heap does.
    let delays = stress::delays(10_000, 2.0, 3);
    let mut by_delay: Vec<usize> = (1..=10_000).collect();
    by_delay.sort_by(|&a, &b| delays[a - 1].total_cmp(&delays[b - 1]).then(a.cmp(&b)));
    let finished: Vec<usize> = done.iter().map(|row| row.task.parse().unwrap()).collect();
    assert_eq!(finished, by_delay, "completion order is delay order, ties by creation");
    for row in &done {
        let task: usize = row.task.parse().expect("numbered tasks");
        assert_eq!(row.at, delays[task - 1], "task {task} wakes exactly at its delay");
    }
    let last = outcome.log.last().expect("a gathered row");
    assert_eq!((last.task.as_str(), last.kind.as_str()), ("main", "gathered"));
    assert_eq!(last.at, delays.iter().copied().fold(0.0, f64::max));
}

#[test]
fn stress_parameters_are_checked_like_any_other() {
    let (settings, refusals) = parse_settings("?s=stress&n=2000000&timers=fast&seed=-1");
    assert_eq!(settings.values[0], [1_000_000.0]);
    assert_eq!(settings.values[2], [0.0]);
    assert_eq!(settings.values[3], [0.0], "an unknown strategy falls back to gloo");
    let params: Vec<&str> = refusals.iter().map(|r| r.param.as_str()).collect();
    assert_eq!(params, ["n", "seed", "timers"]);
    let timers = &refusals[2];
    assert_eq!(
        timers.message(catalog::Lang::En),
        "timers: “fast” is not one of gloo, heap; using gloo."
    );
    let (settings, refusals) = parse_settings("?s=stress&timers=HEAP");
    assert!(refusals.is_empty());
    assert_eq!(settings.values[3], [1.0]);
    assert!(settings.to_query("").contains("timers=heap"), "links write the word");
    assert_eq!(STRESS.lane_count(&settings.values), 10_001, "counted, not listed");
}

/// Counts wakes.
struct Flag(std::sync::atomic::AtomicUsize);
impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

fn poll(future: &mut SlotFuture, waker: &Waker) -> Poll<()> {
    std::pin::Pin::new(future).poll(&mut Context::from_waker(waker))
}

#[test]
fn the_heap_fires_due_timers_in_deadline_then_insertion_order() {
    let flag = Arc::new(Flag(Default::default()));
    let waker = Waker::from(flag.clone());
    let mut heap = TimerHeap::new();
    let late = heap.insert(30.0);
    let tie_first = heap.insert(10.0);
    let tie_second = heap.insert(10.0);
    let cancelled = heap.insert(5.0);
    assert_eq!(heap.alarm_needed(), Some(5.0), "armed for the earliest");
    assert_eq!(heap.alarm_needed(), None, "and only once");
    drop(cancelled);
    let mut futures: Vec<SlotFuture> =
        [&late, &tie_first, &tie_second].iter().map(|s| SlotFuture(Rc::clone(s))).collect();
    for future in &mut futures {
        assert!(poll(future, &waker).is_pending());
    }
    // The alarm for 5 ms: the cancelled timer is skipped, nothing fires.
    assert_eq!(heap.fire_due(5.0), 0);
    assert_eq!(heap.alarm_needed(), Some(10.0));
    // A new earlier deadline needs the alarm moved.
    let early = heap.insert(7.0);
    assert_eq!(heap.alarm_needed(), Some(7.0));
    assert_eq!(heap.fire_due(7.0), 1);
    assert!(poll(&mut SlotFuture(early), &waker).is_ready());
    // Within the resolution counts as due; the two ties fire together.
    assert_eq!(heap.fire_due(10.0 - DUE_WITHIN_MS / 2.0), 2);
    assert_eq!(flag.0.load(std::sync::atomic::Ordering::SeqCst), 2, "each woke its task");
    assert!(poll(&mut futures[1], &waker).is_ready());
    assert!(poll(&mut futures[2], &waker).is_ready());
    assert!(poll(&mut futures[0], &waker).is_pending());
    assert_eq!(heap.alarm_needed(), Some(30.0));
    assert_eq!(heap.fire_due(31.0), 1);
    assert!(heap.is_empty());
    assert_eq!(heap.alarm_needed(), None);
}

#[test]
fn percentiles_use_the_nearest_rank() {
    let mut samples: Vec<f32> = (1..=100).rev().map(|n| n as f32).collect();
    let p = percentiles(&mut samples).expect("samples");
    assert_eq!((p.p50, p.p90, p.p99, p.max), (50.0, 90.0, 99.0, 100.0));
    assert_eq!(percentiles(&mut []), None);
    let one = percentiles(&mut [3.5]).expect("one sample");
    assert_eq!((one.p50, one.max), (3.5, 3.5));
}

fn entry(seq: u32, kind: &'static str) -> runtime::LogEntry {
    runtime::LogEntry {
        seq,
        at: f64::from(seq),
        real_ms: 0.0,
        task: seq.to_string(),
        kind: kind.into(),
        text: runtime::text!("row", "строка"),
    }
}

#[test]
fn the_log_appends_in_batches_and_numbers_completions_across_them() {
    let mut log = Log::default();
    log.append(|kind| STRESS.completes(kind), vec![entry(0, "done"), entry(1, "gathered")]);
    let copy = log.clone();
    log.append(|kind| STRESS.completes(kind), (2..5).map(|i| entry(i, "done")).collect());
    log.append(|kind| STRESS.completes(kind), Vec::new());
    assert_eq!(log.len(), 5);
    assert_eq!(copy.len(), 2, "a clone does not see later rows");
    assert_eq!(log.completed(), 4);
    let orders: Vec<Option<u32>> = log.iter().map(|row| row.order).collect();
    assert_eq!(orders, [Some(1), None, Some(2), Some(3), Some(4)]);
    assert_eq!(log.get(3).map(|row| row.entry.seq), Some(3));
    assert_eq!(log.get(5), None);
    let tail: Vec<u32> = log.iter_from(1).map(|row| row.entry.seq).collect();
    assert_eq!(tail, [1, 2, 3, 4]);
    assert_eq!(log.entries().len(), 5);
    assert_ne!(log, copy);
    let mut same = Log::default();
    same.append(
        |kind| STRESS.completes(kind),
        (0..5).map(|i| entry(i, if i == 1 { "gathered" } else { "done" })).collect(),
    );
    assert_eq!(log, same, "equal rows in other batches are equal logs");
}

#[test]
fn a_hundred_thousand_rows_cost_a_pointer_a_batch_to_update() {
    let page = Rc::new(Playground::from_link("?s=stress&n=100000", "en"));
    let mut page = page.reduce(Action::Started { run_id: 1, speed: 1.0, started_ms: 0.0 });
    for batch in 0..100 {
        let rows = (0..1000).map(|i| entry(batch * 1000 + i, "done")).collect();
        page = page.reduce(Action::Logged(1, rows));
    }
    assert_eq!(page.log.len(), 100_000);
    assert_eq!(page.log.completed(), 100_000);
    // A stopped run takes no more rows.
    let page = page.reduce(Action::Stopped).reduce(Action::Logged(1, vec![entry(0, "done")]));
    assert_eq!(page.log.len(), 100_000);
    assert_eq!(Strategy::from_choice(1.0), Strategy::Heap);
}
