//! Producer and consumer on an `asyncio.Queue`.
//!
//! The producer makes an item every `produce` seconds; the consumer takes
//! each as soon as it is there. With `maxsize`, a producer that is faster
//! than the consumer has to wait at `put` while the queue is full: the
//! queue paces it. `main` waits for the producer, then for `join` (every
//! item handled), then cancels the consumer, which loops forever.

use runtime::queue::Queue;
use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const PRODUCED: &str = "produced";
const CONSUMED: &str = "consumed";

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
        cx.log(&item, PRODUCED, text!("Produced {item}", "Produced {item}"));
        if !pace.sleep_first {
            cx.sleep(pace.produce).await;
        }
    }
}

/// `async def consumer(queue)`: forever, until cancelled.
async fn consumer(cx: Cx, queue: Queue<String>, pace: Pace) {
    loop {
        let item = queue.get().await;
        cx.log(&item, CONSUMED, text!("Consumed {item}", "Consumed {item}"));
        if pace.consume > 0.0 {
            cx.sleep(pace.consume).await;
        }
        queue.task_done();
    }
}

/// `async def main()`.
pub async fn main(cx: Cx, pace: Pace) {
    let queue = Queue::new(pace.maxsize);
    let producer_task = cx.spawn(cx.named("producer", producer(cx.clone(), queue.clone(), pace)));
    let consumer_task = cx.spawn(cx.named("consumer", consumer(cx.clone(), queue.clone(), pace)));
    let _ = producer_task.await;
    queue.join().await;
    consumer_task.cancel(); // the consumer loops forever
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

const QUEUE_SOURCES: [Source; 2] = [
    source("scenarios/producer_consumer.rs", crate::shown!("producer_consumer.rs")),
    source("crates/runtime/src/queue.rs", crate::shown!("queue.rs")),
];

fn queue_items(values: &[Vec<f64>]) -> Vec<String> {
    (0..whole(values, 0)).map(|i| format!("item-{i}")).collect()
}

const ITEMS: Words = Words { en: "Items", ru: "Элементы" };
const PRODUCE: Words = Words { en: "Produce every", ru: "Производить каждые" };

/// The first cell's parameters.
const ITEMS_5: ParamSpec = count("items", ITEMS, 1.0, &[5.0]);
const PRODUCE_1: ParamSpec = seconds("produce", PRODUCE, &[1.0]);
/// The second cell's parameters.
const ITEMS_10: ParamSpec = count("items", ITEMS, 1.0, &[10.0]);
const PRODUCE_HALF: ParamSpec = seconds("produce", PRODUCE, &[0.5]);
const CONSUME: ParamSpec =
    seconds("consume", Words { en: "Consume for", ru: "Обрабатывать" }, &[1.5]);
const MAXSIZE: ParamSpec = count("maxsize", Words { en: "maxsize", ru: "maxsize" }, 0.0, &[3.0]);

/// `asyncio.Queue()`.
pub const QUEUE: ScenarioSpec = ScenarioSpec {
    id: "queue",
    group: Group::Queues,
    title: Words { en: "Queue: producer and consumer", ru: "Queue: производитель и потребитель" },
    about: crate::described!(Words {
        en: "The consumer waits at get() while the queue is empty and takes each item the moment it \
             is put: every 'produced' is followed by its 'consumed'. main waits for the producer, \
             then for join() (every item handled), then cancels the consumer's endless loop.",
        ru: "Потребитель ждёт в get(), пока очередь пуста, и забирает каждый элемент, как только его \
             положили: за каждым 'produced' идёт его 'consumed'. main ждёт производителя, потом \
             join() (все элементы обработаны), потом отменяет бесконечный цикл потребителя.",
    }),
    differs: None,
    params: &[ITEMS_5, PRODUCE_1],
    kinds: &[PRODUCED, CONSUMED],
    order: &["item-0 produced", "item-0 consumed", "item-1 produced", "item-1 consumed", "item-2 produced", "item-2 consumed", "item-3 produced", "item-3 consumed", "item-4 produced", "item-4 consumed"],
    browser_order: None,
    completes: &[CONSUMED],
    lanes: &[(PRODUCED, "producer"), (CONSUMED, "consumer")],
    cell: source("scenarios/lecture/queue.py", crate::lecture_cell!("lecture/queue.py")),
    cell_lang: CellLang::Python,
    rust: &QUEUE_SOURCES,
    main: |cx, values| {
        let pace = Pace {
            items: values.count(&ITEMS_5),
            produce: values.seconds(&PRODUCE_1),
            consume: 0.0,
            maxsize: 0,
            sleep_first: true,
        };
        main(cx, pace).boxed_local()
    },
    tasks: queue_items,
    task_count: None,
    fill_cell: fill_values,
};

/// `asyncio.Queue(maxsize=3)`.
pub const BOUNDED_QUEUE: ScenarioSpec = ScenarioSpec {
    id: "bounded-queue",
    group: Group::Queues,
    title: Words { en: "Queue(maxsize): back-pressure", ru: "Queue(maxsize): обратное давление" },
    about: crate::described!(Words {
        en: "The producer is three times faster than the consumer. At first it runs ahead; once the \
             queue holds maxsize items, put() waits until the consumer takes one, and from then on \
             the producer moves at the consumer's pace. maxsize = 0 means no limit.",
        ru: "Производитель втрое быстрее потребителя. Сначала он уходит вперёд; когда в очереди \
             maxsize элементов, put() ждёт, пока потребитель заберёт один, и дальше производитель \
             идёт в темпе потребителя. maxsize = 0 — без ограничения.",
    }),
    differs: Some(crate::described!(Words {
        en: "At the defaults the consumer and the producer wake at the same instant several times \
             (t = 1.5, 3, …). Both CPython and the page run the timer that was set first; a browser \
             timer that fires late can shift one 'produced' past one 'consumed'.",
        ru: "По умолчанию потребитель и производитель несколько раз просыпаются в один момент \
             (t = 1.5, 3, …). И CPython, и страница выполняют таймер, поставленный раньше; \
             запоздавший таймер браузера может сдвинуть один 'produced' за один 'consumed'.",
    })),
    params: &[ITEMS_10, PRODUCE_HALF, CONSUME, MAXSIZE],
    kinds: &[PRODUCED, CONSUMED],
    order: &["item-0 produced", "item-0 consumed", "item-1 produced", "item-2 produced", "item-1 consumed", "item-3 produced", "item-4 produced", "item-2 consumed", "item-5 produced", "item-3 consumed", "item-6 produced", "item-4 consumed", "item-7 produced", "item-5 consumed", "item-8 produced", "item-6 consumed", "item-9 produced", "item-7 consumed", "item-8 consumed", "item-9 consumed"],
    browser_order: None,
    completes: &[CONSUMED],
    lanes: &[(PRODUCED, "producer"), (CONSUMED, "consumer")],
    cell: source("scenarios/lecture/bounded_queue.py", crate::lecture_cell!("lecture/bounded_queue.py")),
    cell_lang: CellLang::Python,
    rust: &QUEUE_SOURCES,
    main: |cx, values| {
        let pace = Pace {
            items: values.count(&ITEMS_10),
            produce: values.seconds(&PRODUCE_HALF),
            consume: values.seconds(&CONSUME),
            maxsize: values.count(&MAXSIZE),
            sleep_first: false,
        };
        main(cx, pace).boxed_local()
    },
    tasks: queue_items,
    task_count: None,
    fill_cell: fill_values,
};
