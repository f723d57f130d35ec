//! `await asyncio.sleep(1)`: a timer, and how exact it is.
//!
//! The coroutine asks the loop to wake it after `delay` seconds and gives
//! the loop back. It wakes a little later than asked: never earlier.

use crate::{text, Cx};

/// `async def main(): await asyncio.sleep(delay)`.
pub async fn main(cx: Cx, delay: f64) {
    let start = cx.now();
    cx.sleep(delay).await;
    let slept = cx.now() - start;
    let late_ms = (slept - delay) * 1000.0;
    cx.log(
        "main",
        "slept",
        text!(
            "main slept: asked {delay} s, got {slept:.3} s ({late_ms:+.1} ms)",
            "main поспала: просили {delay} с, вышло {slept:.3} с ({late_ms:+.1} мс)"
        ),
    );
}
