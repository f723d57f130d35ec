//! Go: `go func(){ ch <- 42 }()`; `value := <-ch`.
//!
//! A goroutine is a task; a channel is a queue the two share. `main`
//! blocks on `<-ch` until the goroutine sends. In Rust: a spawned task
//! and an `mpsc` channel.

use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};

use runtime::waits::waited;
use runtime::{text, Cx, Wait};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SENT: &str = "sent";
const RECEIVED: &str = "received";

/// `ch := make(chan int)`; `go func() { ch <- value }()`; `value := <-ch`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let (mut ch_send, mut ch_receive) = mpsc::channel::<i64>(0);
    let goroutine_cx = cx.clone();
    let _goroutine = cx.spawn(cx.named("goroutine", async move {
        goroutine_cx.sleep(delay).await;
        // `feed` hands the value over without waiting for `main` to read it.
        if ch_send.feed(value).await.is_ok() {
            goroutine_cx.log(
                "goroutine",
                SENT,
                text!("goroutine: ch <- {value}", "горутина: ch <- {value}"),
            );
        }
    }));
    // value := <-ch (waited(...) only names the wait for the timeline)
    if let Some(value) = waited(Wait::Future, ch_receive.next()).await {
        cx.log(
            "main",
            RECEIVED,
            text!("main: value := <-ch is {value}", "main: value := <-ch равно {value}"),
        );
    }
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `value` parameter.
const PARAM_VALUE: ParamSpec = VALUE;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[0.0]);

/// Go's goroutine and channel.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "go-channel",
    group: Group::OtherLanguages,
    title: Words { en: "Go: a goroutine and a channel", ru: "Go: горутина и канал" },
    about: crate::described!(Words {
        en: "main blocks on <-ch until the goroutine sends. Go's runtime runs goroutines on threads; \
             here the goroutine is a task on the one browser thread, and main awaits instead of \
             blocking.",
        ru: "main блокируется на <-ch, пока горутина не отправит значение. Рантайм Go выполняет \
             горутины на потоках; здесь горутина — задача в единственном потоке браузера, а main \
             ждёт через await, не блокируя.",
    }),
    differs: None,
    params: &[PARAM_VALUE, PARAM_DELAY],
    kinds: &[SENT, RECEIVED],
    order: &["goroutine sent", "main received"],
    browser_order: None,
    completes: &[RECEIVED],
    lanes: &[],
    cell: source("scenarios/lecture/go_channel.go", crate::lecture_cell!("lecture/go_channel.go")),
    cell_lang: CellLang::Go,
    rust: &[source("scenarios/go_channel.rs", crate::shown!("go_channel.rs"))],
    main: |cx, values| main(cx, values.whole(&PARAM_VALUE), values.seconds(&PARAM_DELAY)).boxed_local(),
    tasks: |_| vec!["goroutine".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};
