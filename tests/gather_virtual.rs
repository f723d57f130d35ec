//! `gather` under the virtual clock: the lecture's order, for hundreds of
//! delay sets, with exact times. Runs natively in milliseconds.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::XorShift;

use catalog::{GATHER, MAX_TASKS};
use runtime::virtual_clock::{run_on, run_until, VirtualHost};
use runtime::{Lang, LogEntry};
use scenarios::gather;

/// The speed the runs here pretend the page runs at: real ms are notebook
/// seconds × 1000 / speed.
const SPEED: f64 = 4.0;

fn run_gather(delays: &[f64]) -> runtime::virtual_clock::Outcome {
    let delays = delays.to_vec();
    run_on(VirtualHost::new(SPEED), f64::INFINITY, move |cx| gather::main(cx, delays))
}

fn rows(log: &[LogEntry]) -> Vec<(String, &str)> {
    log.iter().map(|e| (e.task.clone(), e.kind.as_str())).collect()
}

#[test]
fn lecture_defaults_give_the_lecture_order() {
    let outcome = run_gather(GATHER.params[0].default);
    assert!(outcome.completed);
    let expected = [
        ("A", "start"),
        ("B", "start"),
        ("C", "start"),
        ("B", "finish"),
        ("A", "finish"),
        ("C", "finish"),
    ];
    let got = rows(&outcome.log);
    let got: Vec<(&str, &str)> = got.iter().map(|(t, k)| (t.as_str(), *k)).collect();
    assert_eq!(got, expected);
    assert_eq!(outcome.log[3].text.en, "Task B finished");
    assert_eq!(outcome.log[0].text.get(Lang::Ru), "Задача A запущена");
    assert_eq!(outcome.end, 3.0, "gather takes the longest delay, not the sum");
}

/// Checks every promise of the catalog for one delay set.
fn check(delays: &[f64]) {
    let outcome = run_gather(delays);
    let n = delays.len();
    assert!(outcome.completed, "{delays:?} did not complete");
    assert_eq!(outcome.log.len(), 2 * n, "{delays:?}");
    assert_eq!(outcome.live_timers, 0);
    for (i, entry) in outcome.log.iter().enumerate() {
        assert_eq!(entry.seq as usize, i, "seq is the logging order");
    }
    // Every task starts first, in task order, at t = 0.
    let names: Vec<String> = (0..n).map(gather::task_name).collect();
    for (i, entry) in outcome.log[..n].iter().enumerate() {
        assert_eq!((entry.task.as_str(), entry.kind.as_str()), (names[i].as_str(), "start"));
        assert_eq!(entry.at, 0.0);
    }
    // Then the finishes: by delay, ties in task order, each at exactly its delay.
    let mut by_delay: Vec<usize> = (0..n).collect();
    by_delay.sort_by(|&a, &b| delays[a].total_cmp(&delays[b]).then(a.cmp(&b)));
    for (entry, &task) in outcome.log[n..].iter().zip(&by_delay) {
        assert_eq!(entry.kind, "finish", "{delays:?}");
        assert_eq!(entry.task, names[task], "{delays:?}");
        assert_eq!(entry.at, delays[task], "virtual finish time equals the delay");
        assert_eq!(entry.real_ms, delays[task] * 1000.0 / SPEED, "real time follows the speed");
    }
    let longest = delays.iter().copied().fold(0.0, f64::max);
    assert_eq!(outcome.end, longest);
}

#[test]
fn finish_order_is_by_delay_for_hundreds_of_delay_sets() {
    let mut rng = XorShift(0x5eed_cafe_f00d_1234);
    for _ in 0..500 {
        let n = 1 + rng.below(MAX_TASKS as u64) as usize;
        // Tenths of a second up to 6 s, so that ties happen often.
        let delays: Vec<f64> = (0..n).map(|_| rng.below(61) as f64 / 10.0).collect();
        check(&delays);
    }
}

#[test]
fn ties_zeros_and_one_task() {
    check(&[1.0, 1.0, 1.0]);
    check(&[0.0, 0.0]);
    check(&[3.0, 0.0, 3.0, 0.0]);
    check(&[60.0]);
    check(&[0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07]);
}

#[test]
fn stopping_midway_logs_nothing_more_and_leaves_no_timers() {
    let outcome = run_until(2.5, |cx| gather::main(cx, vec![2.0, 1.0, 3.0]));
    assert!(!outcome.completed);
    let got = rows(&outcome.log);
    let kinds: Vec<(&str, &str)> = got.iter().map(|(t, k)| (t.as_str(), *k)).collect();
    assert_eq!(
        kinds,
        [("A", "start"), ("B", "start"), ("C", "start"), ("B", "finish"), ("A", "finish")]
    );
    assert_eq!(outcome.live_timers, 0, "dropping the run clears C's timer");
}
