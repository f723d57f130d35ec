//! `asyncio.Future` and `set_result`: a value that arrives later.
//!
//! A `Future` is an empty box that someone fills later. `main` awaits it;
//! a task fills it with `set_result` after `delay` seconds. In Rust the
//! box is a oneshot channel: the sender half is `set_result`, the
//! receiver half is what `main` awaits.

use futures::channel::oneshot;

use crate::{text, Cx};

/// `async def set_future_result(fut)`.
async fn set_future_result(cx: Cx, fut: oneshot::Sender<String>, delay: f64) {
    cx.sleep(delay).await;
    let _ = fut.send("Результат готов!".to_owned()); // fut.set_result(...)
    cx.log("setter", "set", text!("setter: set_result called", "setter: вызван set_result"));
}

/// `async def main()`.
pub async fn main(cx: Cx, delay: f64) {
    let (setter, fut) = oneshot::channel(); // fut = asyncio.Future()
    let _task = cx.spawn(set_future_result(cx.clone(), setter, delay));
    let Ok(result) = fut.await else { return };
    cx.log("main", "result", text!("{result}", "{result}"));
}
