//! The runtime records what each task waits on, from the moment the wait
//! begins to the moment it ends (or the task is cancelled), under the name
//! the task was given.

use runtime::lock::{Event, Lock};
use runtime::queue::Queue;
use runtime::virtual_clock::run;
use runtime::{future, Wait};

/// (task, on, from, to) of every recorded wait, in the order they began.
fn spans(outcome: &runtime::virtual_clock::Outcome) -> Vec<(String, Wait, f64, Option<f64>)> {
    outcome.waits.iter().map(|w| (w.task.to_string(), w.on, w.from, w.to)).collect()
}

#[test]
fn every_kind_of_wait_is_recorded_for_its_task() {
    let outcome = run(|cx| async move {
        let (promise, value) = future::<u32>();
        let queue = Queue::new(0);
        let lock = Lock::new();
        let event = Event::new();
        let setter = cx.spawn(cx.named("A", {
            let cx = cx.clone();
            async move {
                cx.sleep(2.0).await;
                let _ = promise.send(7);
            }
        }));
        let getter = cx.spawn(cx.named("B", {
            let queue = queue.clone();
            async move { queue.get().await }
        }));
        let holder = cx.spawn(cx.named("C", {
            let (cx, lock) = (cx.clone(), lock.clone());
            async move {
                let _guard = lock.acquire().await;
                cx.sleep(1.0).await;
            }
        }));
        let other = cx.spawn(cx.named("D", {
            let (lock, event) = (lock.clone(), event.clone());
            async move {
                drop(lock.acquire().await);
                event.wait().await;
            }
        }));
        let sleeper = cx.spawn(cx.named("E", {
            let cx = cx.clone();
            async move { cx.sleep(10.0).await }
        }));
        assert_eq!(value.await, Ok(7));
        cx.sleep(1.0).await;
        queue.put(1).await;
        event.set();
        sleeper.cancel();
        let _ = (setter.await, getter.await, holder.await, other.await);
    });
    assert!(outcome.completed);
    let spans = spans(&outcome);
    let expect = |task: &str, on: Wait, from: f64, to: Option<f64>| {
        assert!(
            spans.contains(&(task.to_string(), on, from, to)),
            "no {task} {on:?} {from}..{to:?} in {spans:#?}"
        );
    };
    expect("A", Wait::Timer, 0.0, Some(2.0));
    expect("main", Wait::Future, 0.0, Some(2.0));
    expect("main", Wait::Timer, 2.0, Some(3.0));
    expect("B", Wait::Queue, 0.0, Some(3.0));
    expect("C", Wait::Timer, 0.0, Some(1.0));
    expect("D", Wait::Lock, 0.0, Some(1.0));
    expect("D", Wait::Event, 1.0, Some(3.0));
    // Cancelled: its wait ends when the task is dropped.
    expect("E", Wait::Timer, 0.0, Some(3.0));
    // Nothing is left open once the run is over, and nothing waited twice.
    assert!(spans.iter().all(|s| s.3.is_some()), "{spans:#?}");
    assert_eq!(spans.iter().filter(|s| s.0 == "A").count(), 1);
}

#[test]
fn an_await_that_is_ready_at_once_is_not_a_wait() {
    // An await that is ready at once never began to wait.
    let outcome = run(|cx| async move {
        let queue = Queue::new(0);
        queue.put(1).await;
        let _ = queue.get().await;
        cx.named("A", async {}).await;
    });
    assert_eq!(spans(&outcome), vec![]);
}

#[test]
fn busy_polling_is_recorded_as_polling() {
    let outcome = run(|cx| async move {
        cx.named("P", cx.yield_now()).await;
    });
    // Nothing else was ready, so the yield was a busy poll: the clock moved
    // one turn (4 ms, see the virtual clock) before the task looked again.
    assert_eq!(spans(&outcome), vec![("P".to_string(), Wait::Poll, 0.0, Some(0.004))]);
}
