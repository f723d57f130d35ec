//! The scenario runtime itself (spawn, cancel, stop) under the virtual clock.
#![cfg(not(target_arch = "wasm32"))]

use runtime::text;
use runtime::virtual_clock::{run, run_until};

#[test]
fn spawned_tasks_run_concurrently_and_return_their_values() {
    let outcome = run(|cx| async move {
        let slow = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.sleep(2.0).await;
                cx.log("slow", "done", text!("slow", "медленная"));
                "slow"
            }
        });
        let fast = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.sleep(1.0).await;
                cx.log("fast", "done", text!("fast", "быстрая"));
                "fast"
            }
        });
        let a = slow.await.unwrap();
        let b = fast.await.unwrap();
        cx.log("main", "result", text!("{a} {b}", "{a} {b}"));
    });
    assert!(outcome.completed);
    let got: Vec<(&str, f64)> = outcome.log.iter().map(|e| (e.task.as_str(), e.at)).collect();
    assert_eq!(got, [("fast", 1.0), ("slow", 2.0), ("main", 2.0)]);
    assert_eq!(outcome.log[2].text.en, "slow fast");
}

#[test]
fn a_cancelled_task_is_dropped_with_its_timer() {
    let outcome = run(|cx| async move {
        let long = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.sleep(3.0).await;
                cx.log("long", "done", text!("long", "долгая"));
            }
        });
        cx.sleep(1.0).await;
        long.cancel();
        let result = long.await;
        let word = if result.is_err() { "cancelled" } else { "finished" };
        cx.log("main", "result", text!("{word}", "{word}"));
    });
    assert!(outcome.completed);
    assert_eq!(outcome.log.len(), 1);
    assert_eq!(outcome.log[0].text.en, "cancelled");
    assert_eq!(outcome.end, 1.0, "the 3 s timer was dropped, not waited for");
    assert_eq!(outcome.live_timers, 0);
}

#[test]
fn main_ending_drops_tasks_still_pending() {
    let outcome = run(|cx| async move {
        let _orphan = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.sleep(5.0).await;
                cx.log("orphan", "done", text!("late", "поздно"));
            }
        });
        cx.sleep(1.0).await;
    });
    assert!(outcome.completed);
    assert!(outcome.log.is_empty(), "asyncio.run cancels what main left running");
    assert_eq!(outcome.end, 1.0);
}

#[test]
fn stopping_drops_spawned_tasks_too() {
    let outcome = run_until(1.5, |cx| async move {
        for i in 0..4 {
            let cx2 = cx.clone();
            let _task = cx.spawn(async move {
                cx2.sleep(1.0 + f64::from(i)).await;
                cx2.log("t", "done", text!("{i}", "{i}"));
            });
        }
        cx.sleep(10.0).await;
    });
    assert!(!outcome.completed);
    assert_eq!(outcome.log.len(), 1, "only the task due at t=1 ran before the stop");
    assert_eq!(outcome.live_timers, 0);
}
