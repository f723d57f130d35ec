//! C++: `std::promise` / `std::future`, the square of 4 on a thread.
//!
//! The promise is the writing end, the future the reading end; `fut.get()`
//! blocks `main` until the worker calls `set_value`. In Rust the pair is
//! a oneshot channel, and the thread a spawned task: `main` awaits instead
//! of blocking, so the event loop stays free.

use futures::channel::oneshot;

use crate::{text, Cx};

/// `void calculateSquare(std::promise<int> prom, int value)`.
async fn calculate_square(cx: Cx, prom: oneshot::Sender<i64>, value: i64, delay: f64) {
    cx.sleep(delay).await;
    let result = value.saturating_mul(value);
    let _ = prom.send(result); // prom.set_value(result)
    cx.log("worker", "set", text!("worker: set_value({result})", "worker: set_value({result})"));
}

/// `int main()`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let (prom, fut) = oneshot::channel(); // fut = prom.get_future()
    let _thread = cx.spawn(calculate_square(cx.clone(), prom, value, delay));
    let Ok(result) = fut.await else { return }; // fut.get()
    cx.log(
        "main",
        "got",
        text!("The square of {value} is: {result}", "Квадрат числа {value} равен: {result}"),
    );
}
