//! `__aiter__` / `__anext__`: an asynchronous iterator.
//!
//! `async for` asks the iterator for the next value and may wait for it;
//! `StopAsyncIteration` ends the loop. In Rust that is a `Stream`: its
//! hand-written `poll_next` returns `Ready(Some(value))`, `Pending` while
//! a value is not there yet, and `Ready(None)` at the end.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Stream, StreamExt};
use futures::Future;

use runtime::{text, Cx, Sleep};

/// The kinds of event this scenario logs (its catalog entry lists these).
const ITEM: &str = "item";

/// `class AsyncIterator`: counts to `limit`, waiting `delay` for each value.
pub struct AsyncIterator {
    cx: Cx,
    count: u32,
    limit: u32,
    delay: f64,
    /// The wait for the next value, while it lasts.
    waiting: Option<Sleep>,
}

impl Stream for AsyncIterator {
    type Item = u32;

    /// `async def __anext__(self)`.
    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.count >= self.limit {
            return Poll::Ready(None); // raise StopAsyncIteration
        }
        if self.delay > 0.0 {
            let delay = self.delay;
            let cx = self.cx.clone();
            let waiting = self.waiting.get_or_insert_with(|| cx.sleep(delay));
            if Pin::new(waiting).poll(context).is_pending() {
                return Poll::Pending;
            }
            self.waiting = None;
        }
        self.count += 1;
        Poll::Ready(Some(self.count))
    }
}

/// `async for number in AsyncIterator(): print(number)`.
pub async fn main(cx: Cx, count: u32, delay: f64) {
    let mut numbers =
        AsyncIterator { cx: cx.clone(), count: 0, limit: count, delay, waiting: None };
    while let Some(number) = numbers.next().await {
        cx.log(&number.to_string(), ITEM, text!("{number}", "{number}"));
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `count` parameter.
const PARAM_COUNT: ParamSpec = count("count", Words { en: "Count", ru: "Сколько" }, 0.0, &[3.0]);

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[0.0]);

/// `__aiter__` / `__anext__`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "async-iterator",
    group: Group::Iteration,
    title: Words {
        en: "async for: an asynchronous iterator",
        ru: "async for: асинхронный итератор",
    },
    about: crate::described!(Words {
        en: "async for calls __anext__ for each value, and __anext__ may wait before answering; \
             StopAsyncIteration ends the loop. With a delay, each number arrives after its wait.",
        ru: "async for вызывает __anext__ для каждого значения, и __anext__ может подождать перед \
             ответом; StopAsyncIteration завершает цикл. С задержкой каждое число приходит после \
             своего ожидания.",
    }),
    differs: None,
    params: &[PARAM_COUNT, PARAM_DELAY],
    kinds: &[ITEM],
    order: &["1 item", "2 item", "3 item"],
    browser_order: None,
    completes: &[ITEM],
    lanes: &[],
    cell: source(
        "scenarios/lecture/async_iterator.py",
        crate::lecture_cell!("lecture/async_iterator.py"),
    ),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/async_iterator.rs", crate::shown!("async_iterator.rs"))],
    main: |cx, values| {
        main(cx, values.count(&PARAM_COUNT) as u32, values.seconds(&PARAM_DELAY)).boxed_local()
    },
    tasks: |values| (1..=whole(values, 0)).map(|i| i.to_string()).collect(),
    task_count: None,
    fill_cell: fill_values,
};
