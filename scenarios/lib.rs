//! The lecture's scenarios as pure async Rust.
//!
//! Each scenario is one file (`gather.rs`, …) that a student reads in the page:
//! the app shows that very file with `include_str!`, so what is read is what
//! runs. Beside it, `lecture/` holds the lecture's cells (`lecture/gather.py`)
//! as templates that the page fills with the current parameters.
//!
//! A scenario knows nothing about the browser. It gets a [`Cx`] (sleep, spawn,
//! now, log) and returns a future; whoever runs it decides what time is:
//! - the app runs it on the browser's event loop (`gloo-timers`,
//!   `wasm-bindgen-futures`), in real milliseconds;
//! - the tests run it under [`virtual_clock`], a deterministic single-threaded
//!   executor where a sleep of 2 s finishes at exactly t = 2.
//!
//! [`catalog`] holds the public contract: scenario ids, parameter names,
//! ranges and defaults, and the parsing of share links.
#![deny(missing_docs)]

pub mod as_completed;
pub mod async_iterator;
pub mod blocking;
pub mod catalog;
pub mod coroutine;
pub mod cpp_async;
pub mod cpp_promise;
pub mod create_task;
pub mod database;
pub mod fetch;
pub mod future;
pub mod futures_as_completed;
pub mod gather;
pub mod gather_errors;
pub mod go_channel;
pub mod lock;
pub mod lock_event;
pub mod microtasks;
pub mod params;
pub mod printed;
pub mod producer_consumer;
pub mod queue;
pub mod reference;
pub mod runtime;
pub mod sleep;
pub mod stress;
pub mod timeout;
pub mod timer_heap;
pub mod virtual_clock;
pub mod wait_first;

pub use runtime::{
    Cancelled, Connection, Cx, Host, HostError, JoinHandle, LogEntry, Run, Sleep, Text, User,
};
