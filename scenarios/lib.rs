//! The lecture's scenarios as pure async Rust.
//!
//! Each scenario is one file (`gather.rs`, …): first its code, which a student
//! reads in the page (the app shows that very file, up to the line that
//! starts its description, so what is read is what runs), then its
//! [`spec::ScenarioSpec`]: parameters, texts, kinds, task names, its lecture
//! cell (`lecture/gather.py`, a template the page fills with the current
//! values). The catalog crate above lists them; nothing here knows the list.
//!
//! A scenario knows nothing about the browser. It gets a `runtime::Cx` (sleep,
//! spawn, now, log) from the runtime crate below and returns a future; whoever
//! runs it decides what time is: the app on the browser's event loop, the
//! tests under the virtual clock.
#![deny(missing_docs)]

pub mod spec;

pub mod as_completed;
pub mod async_iterator;
pub mod blocking;
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
pub mod lock_event;
pub mod microtasks;
pub mod producer_consumer;
pub mod sleep;
pub mod stress;
pub mod timeout;
pub mod wait_first;
