//! asyncpy: a Python interpreter for asyncio teaching code that prints what
//! CPython 3.11 prints, in the same order, on a clock its host gives it.
//!
//! The layers, each its own module:
//! - [`compile`]: the AST of `asyncpy-syntax` to bytecode (scopes resolved
//!   as CPython's symtable does);
//! - [`vm`]: the bytecode machine, whose Python frames live in a `Vec`, so a
//!   run can pause after any instruction and deep recursion is a
//!   `RecursionError`;
//! - [`objects`] and [`value`]: Python's values;
//! - [`builtins`] and [`modules`]: what a program can call and import;
//! - [`asyncio`]: CPython 3.11's event loop, futures and tasks;
//! - [`host`]: the interface a host (the CLI, the browser page) drives.
#![forbid(unsafe_code)]

pub mod asyncio;
pub mod builtins;
pub mod compile;
pub mod host;
pub mod modules;
pub mod objects;
mod selftest;
pub mod value;
pub mod vm;

pub use host::{
    run_virtual, Config, Event, Failure, Interpreter, IoRequest, Outcome, RunReport, Status, WaitOn,
};
