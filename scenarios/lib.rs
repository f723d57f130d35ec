//! The lecture's scenarios as pure async Rust.
//!
//! Each scenario is one file (`gather.rs`, …) that a student reads in the page:
//! the app shows that very file with `include_str!`, so what is read is what
//! runs. Beside it sits the lecture's Python cell (`gather.py`) as a template
//! that the page fills with the current parameters.
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

pub mod catalog;
pub mod gather;
pub mod params;
pub mod runtime;
pub mod virtual_clock;

pub use runtime::{Clock, Cx, JoinHandle, LogEntry, Run, Sleep, Text};
