//! Go: `go func(){ ch <- 42 }()`; `value := <-ch`.
//!
//! A goroutine is a task; a channel is a queue the two share. `main`
//! blocks on `<-ch` until the goroutine sends. In Rust: a spawned task
//! and an `mpsc` channel.

use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};

use crate::{text, Cx};

/// `ch := make(chan int)`; `go func() { ch <- value }()`; `value := <-ch`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let (mut ch_send, mut ch_receive) = mpsc::channel::<i64>(0);
    let goroutine_cx = cx.clone();
    let _goroutine = cx.spawn(async move {
        goroutine_cx.sleep(delay).await;
        // `feed` hands the value over without waiting for `main` to read it.
        if ch_send.feed(value).await.is_ok() {
            goroutine_cx.log(
                "goroutine",
                "sent",
                text!("goroutine: ch <- {value}", "горутина: ch <- {value}"),
            );
        }
    });
    if let Some(value) = ch_receive.next().await {
        cx.log(
            "main",
            "received",
            text!("main: value := <-ch is {value}", "main: value := <-ch равно {value}"),
        );
    }
}
