//! Cancellation a task sees, under the virtual clock: `task.cancel()` ends a
//! pending `or_cancelled` wait with `Cancelled`, the task's own cleanup runs
//! and logs; a task that does not look stops where it is; Stop stays a drop.

use runtime::virtual_clock::{run, run_until};
use runtime::{text, Cancelled, Cx};

fn order(outcome: &runtime::virtual_clock::Outcome) -> Vec<String> {
    outcome.log.iter().map(|e| format!("{} {} @{}", e.task, e.kind, e.at)).collect()
}

#[test]
fn a_cancelled_wait_ends_with_cancelled_and_the_task_cleans_up_itself() {
    let outcome = run(|cx: Cx| async move {
        let task = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.log("task", "started", text!("started", "started"));
                match cx.sleep(5.0).or_cancelled().await {
                    Ok(()) => {
                        cx.log("task", "done", text!("done", "done"));
                        Ok(())
                    }
                    Err(cancelled) => {
                        // finally: it runs, at the moment of the cancel
                        cx.log("task", "cancelled", text!("cancelled", "cancelled"));
                        Err(cancelled)
                    }
                }
            }
        });
        cx.sleep(1.0).await;
        task.cancel();
        let result = task.await;
        assert_eq!(result, Ok(Err(Cancelled)), "it re-raised");
        cx.log("main", "after", text!("after", "after"));
    });
    assert!(outcome.completed);
    assert_eq!(order(&outcome), ["task started @0", "task cancelled @1", "main after @1"]);
    assert_eq!(outcome.live_timers, 0, "the task's 5 s timer went with its wait");
}

#[test]
fn a_task_may_swallow_its_cancellation_and_go_on() {
    let outcome = run(|cx: Cx| async move {
        let task = cx.spawn({
            let cx = cx.clone();
            async move {
                let _ = cx.sleep(5.0).or_cancelled().await;
                cx.sleep(0.5).await;
                cx.log("task", "carried on", text!("on", "on"));
                42
            }
        });
        cx.sleep(1.0).await;
        task.cancel();
        assert_eq!(task.await, Ok(42), "as a coroutine that catches CancelledError returns");
    });
    assert_eq!(order(&outcome), ["task carried on @1.5"]);
}

#[test]
fn a_task_that_does_not_look_stops_where_it_is() {
    let outcome = run(|cx: Cx| async move {
        let task = cx.spawn({
            let cx = cx.clone();
            async move {
                cx.sleep(1.0).await;
                cx.log("task", "done", text!("done", "done"));
            }
        });
        // Cancelled at the very instant its timer fires: it never runs on.
        cx.sleep(1.0).await;
        task.cancel();
        assert_eq!(task.await, Err(Cancelled));
        cx.log("main", "after", text!("after", "after"));
    });
    assert_eq!(order(&outcome), ["main after @1"]);
    assert_eq!(outcome.live_timers, 0);
}

#[test]
fn stop_is_still_a_drop_and_no_cleanup_logs_after_it() {
    let outcome = run_until(2.0, |cx: Cx| async move {
        let _task = cx.spawn({
            let cx = cx.clone();
            async move {
                if cx.sleep(5.0).or_cancelled().await.is_err() {
                    cx.log("task", "cancelled", text!("cancelled", "cancelled"));
                }
            }
        });
        cx.sleep(10.0).await;
    });
    assert!(!outcome.completed);
    assert!(outcome.log.is_empty(), "{:?}", order(&outcome));
    assert_eq!(outcome.live_timers, 0);
}
