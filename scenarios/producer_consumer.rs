//! Producer and consumer on an `asyncio.Queue`.
//!
//! The producer makes an item every `produce` seconds; the consumer takes
//! each as soon as it is there. With `maxsize`, a producer that is faster
//! than the consumer has to wait at `put` while the queue is full: the
//! queue paces it. `main` waits for the producer, then for `join` (every
//! item handled), then cancels the consumer, which loops forever.

use crate::queue::Queue;
use crate::{text, Cx};

/// The lecture's two cells, as one: what differs is in `Pace`.
#[derive(Clone, Copy)]
pub struct Pace {
    /// How many items the producer makes.
    pub items: usize,
    /// Seconds between two items.
    pub produce: f64,
    /// Seconds the consumer spends on one item (0 in the first cell).
    pub consume: f64,
    /// The queue's `maxsize` (0: unbounded).
    pub maxsize: usize,
    /// The first cell sleeps before `put`, the second after it.
    pub sleep_first: bool,
}

/// `async def producer(queue)`.
async fn producer(cx: Cx, queue: Queue<String>, pace: Pace) {
    for i in 0..pace.items {
        if pace.sleep_first {
            cx.sleep(pace.produce).await;
        }
        let item = format!("item-{i}");
        queue.put(item.clone()).await;
        cx.log(&item, "produced", text!("Produced {item}", "Produced {item}"));
        if !pace.sleep_first {
            cx.sleep(pace.produce).await;
        }
    }
}

/// `async def consumer(queue)`: forever, until cancelled.
async fn consumer(cx: Cx, queue: Queue<String>, pace: Pace) {
    loop {
        let item = queue.get().await;
        cx.log(&item, "consumed", text!("Consumed {item}", "Consumed {item}"));
        if pace.consume > 0.0 {
            cx.sleep(pace.consume).await;
        }
        queue.task_done();
    }
}

/// `async def main()`.
pub async fn main(cx: Cx, pace: Pace) {
    let queue = Queue::new(pace.maxsize);
    let producer_task = cx.spawn(producer(cx.clone(), queue.clone(), pace));
    let consumer_task = cx.spawn(consumer(cx.clone(), queue.clone(), pace));
    let _ = producer_task.await;
    queue.join().await;
    consumer_task.cancel(); // the consumer loops forever
}
