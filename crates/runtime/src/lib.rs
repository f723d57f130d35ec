//! The runtime a scenario is written against, and nothing else: the [`Host`]
//! (time, timers and the outside world), the context [`Cx`] (sleep, spawn,
//! log), the [`Run`] that owns a run's tasks, a deterministic
//! [`virtual_clock`], and asyncio's primitives for one thread ([`queue`],
//! [`lock`], [`timer_heap`]).
//!
//! It knows no scenario and no catalog: a Python program can run on it as
//! well as the lecture's Rust.
#![deny(missing_docs)]

pub mod host;
pub mod lock;
pub mod queue;
pub mod run;
pub mod timer_heap;
pub mod virtual_clock;
pub mod waits;

pub use host::{seed_users, Connection, Host, HostError, User};
pub use run::{Cancelled, Cx, JoinHandle, Kind, LogEntry, LogSink, OrCancelled, Run, Sleep};
pub use text::{text, Lang, Text, Words};
pub use waits::{future, FutureResult, Promise, Wait, WaitEvent, WaitSpan, WaitSpans};
