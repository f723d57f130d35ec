//! C++: `std::async(std::launch::async, asyncFunction)` returning 42.
//!
//! `std::async` runs a function elsewhere and hands back a `std::future`
//! for its result; `result.get()` waits for it. In Rust: `spawn` runs
//! the function as a task, and its handle is the future to await.

use crate::{text, Cx};

/// `int asyncFunction()`.
async fn async_function(cx: Cx, value: i64, delay: f64) -> i64 {
    cx.sleep(delay).await;
    cx.log(
        "async",
        "returned",
        text!("asyncFunction returned {value}", "asyncFunction вернула {value}"),
    );
    value
}

/// `int main()`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let result = cx.spawn(async_function(cx.clone(), value, delay)); // std::async
    let Ok(value) = result.await else { return }; // result.get()
    cx.log(
        "main",
        "got",
        text!("main: result.get() is {value}", "main: result.get() равно {value}"),
    );
}
