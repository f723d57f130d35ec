//! The scenarios beyond the lecture, under the virtual clock: exact times
//! and the orders the page teaches.
#![cfg(not(target_arch = "wasm32"))]

use catalog::predict::predict;
use catalog::{find, ScenarioSpec};

fn spec(id: &str) -> &'static ScenarioSpec {
    find(id).expect("a catalog id")
}

/// `task kind @ t` for every row.
fn rows(id: &str, values: &[Vec<f64>]) -> Vec<String> {
    let outcome = predict(spec(id), values);
    assert!(outcome.completed, "{id} completes");
    assert_eq!(outcome.live_timers, 0, "{id} leaves no timer");
    let at = |t: f64| (t * 1e6).round() / 1e6;
    outcome.log.iter().map(|e| format!("{} {} @{}", e.task, e.kind, at(e.at))).collect()
}

#[test]
fn timeout_shorter_than_the_task_cancels_it_and_raises_in_main() {
    assert_eq!(
        rows("timeout", &spec("timeout").defaults()),
        ["task started @0", "task cancelled @1", "main timeout @1"]
    );
}

#[test]
fn timeout_longer_than_the_task_gives_main_its_result() {
    assert_eq!(
        rows("timeout", &[vec![0.5], vec![1.0]]),
        ["task started @0", "task done @0.5", "main result @0.5"]
    );
    let outcome = predict(spec("timeout"), &[vec![0.5], vec![1.0]]);
    assert_eq!(outcome.log[2].text.en, "Task result");
    // Equal: the timeout's timer is set before the task first runs (as in
    // CPython, where wait_for arms it before awaiting), so the timeout wins.
    assert_eq!(rows("timeout", &[vec![1.0], vec![1.0]])[1], "task cancelled @1");
}

#[test]
fn gather_raises_the_first_error_at_once_and_the_others_run_on() {
    let got = rows("gather-errors", &spec("gather-errors").defaults());
    assert_eq!(
        got,
        [
            // gather: B raises at 0.5 and main hears it then; A and C go on.
            "B failed @0.5",
            "main raised @0.5",
            "A finished @1",
            "C finished @2",
            // return_exceptions=True, from 0.5 + 2: every task, then the list.
            "B failed @3",
            "A finished @3.5",
            "C finished @4.5",
            "main results @4.5",
        ]
    );
    let outcome = predict(spec("gather-errors"), &spec("gather-errors").defaults());
    assert_eq!(outcome.log[1].text.en, "gather raised ValueError('B failed')");
    assert_eq!(outcome.log[7].text.en, "['A ok', ValueError('B failed'), 'C ok']");
}

#[test]
fn gather_without_a_failure_returns_everything() {
    let got = rows("gather-errors", &[vec![0.2, 0.1], vec![0.0]]);
    assert_eq!(
        got,
        [
            "B finished @0.1",
            "A finished @0.2",
            "main gathered @0.2",
            "B finished @0.5",
            "A finished @0.6",
            "main results @0.6",
        ]
    );
}

#[test]
fn the_lock_is_taken_in_turn_and_the_event_wakes_everyone_at_once() {
    assert_eq!(
        rows("lock-event", &spec("lock-event").defaults()),
        [
            "W1 waiting @0",
            "W1 acquired @0",
            "W2 waiting @0",
            "W3 waiting @0",
            "W1 released @1",
            "W2 acquired @1",
            "W2 released @1.5",
            "W3 acquired @1.5",
            "W3 released @2.5",
            "main set @3.5",
            "W1 woke @3.5",
            "W2 woke @3.5",
            "W3 woke @3.5",
        ]
    );
}

#[test]
fn a_cancelled_acquire_leaves_the_queue_and_a_granted_one_passes_the_lock_on() {
    use futures::FutureExt;
    use runtime::lock::Lock;
    use std::future::Future;
    let lock = Lock::new();
    let first = lock.acquire().now_or_never().expect("free: taken at once");
    let mut second = Box::pin(lock.acquire());
    let mut third = Box::pin(lock.acquire());
    let waker = futures::task::noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    assert!(second.as_mut().poll(&mut cx).is_pending());
    assert!(third.as_mut().poll(&mut cx).is_pending());
    drop(first); // handed to `second`
    drop(second); // granted but dropped: passed on to `third`
    assert!(third.as_mut().poll(&mut cx).is_ready(), "the lock went on to the next in line");
}

#[test]
fn blocking_makes_every_timer_late_and_chunks_keep_them_close() {
    let got = rows("blocking", &spec("blocking").defaults());
    assert_eq!(
        got[..6],
        [
            "blocker blocking @0",
            "blocker unblocked @1",
            // All three were due during the block: all fire at its end.
            "T1 woke @1",
            "T2 woke @1",
            "T3 woke @1",
            "main late @1",
        ]
    );
    let outcome = predict(spec("blocking"), &spec("blocking").defaults());
    assert_eq!(outcome.log[5].text.en, "time.sleep: timers up to 750 ms late");
    let chunked = outcome.log.last().expect("a summary");
    // In ten chunks of 0.1 s, a timer waits for at most one chunk and a turn.
    let worst: f64 = chunked
        .text
        .en
        .split("up to ")
        .nth(1)
        .unwrap()
        .trim_end_matches(" ms late")
        .parse()
        .unwrap();
    assert!(worst <= 104.0, "{}", chunked.text.en);
    assert!(chunked.text.en.starts_with("in chunks"));
}

#[test]
fn blocking_full_order() {
    let got: Vec<String> = rows("blocking", &spec("blocking").defaults())
        .iter()
        .map(|r| r.split(" @").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        got,
        [
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
        ]
    );
}

#[test]
fn synchronous_code_then_the_task_then_the_microtask_then_the_timer() {
    let got: Vec<String> = rows("microtasks", &spec("microtasks").defaults());
    assert_eq!(
        got,
        ["main sync @0", "main sync @0", "task task @0", "then microtask @0", "timer macrotask @0",]
    );
    // A later timer changes nothing before it.
    assert_eq!(rows("microtasks", &[vec![0.5]])[4], "timer macrotask @0.5");
}
