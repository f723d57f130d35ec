//! A program's run, as the page reads it: what the interpreter's worker
//! (`python/worker`) posts, turned into the rows and waits every run has.
//!
//! The worker posts events as arrays (see `python/worker/src/lib.rs`). This
//! module is the pure half: [`WorkerEvent`] is one such event in Rust, and a
//! [`Reader`] turns a run's events into [`LogEntry`] rows (kind `print` for a
//! printed line, `error` for the uncaught exception's last line) and
//! [`WaitEvent`]s (each task's waits, from begin to end), the same records a
//! catalog scenario's run gives, so the log, the timeline and predict mode
//! draw a program as they draw a scenario. [`example_path`] maps the
//! lecture's `aiohttp` URLs to the page's own files.
//!
//! A program's rows have no Russian (`Text::plain`): what it prints is what
//! it prints, in every language of the page.

use std::collections::HashMap;
use std::rc::Rc;

use runtime::{Kind, LogEntry, Text, Wait, WaitEvent};

/// The task a line printed outside any asyncio task is shown under (a
/// program's top-level code).
pub const MODULE: &str = "<module>";

/// The kind of a printed line's row.
pub const PRINT: &str = "print";

/// The kind of the row of an uncaught exception (its last line).
pub const ERROR: &str = "error";

/// One event the worker posted, with the loop's clock (`time`, seconds).
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    /// A printed line, by a task (`None`: outside any task).
    Print {
        /// The loop's clock.
        time: f64,
        /// The task.
        task: Option<String>,
        /// The line, without its newline.
        line: String,
    },
    /// `task` began waiting on `on` (`timer`, `future`, `task`, `queue`,
    /// `lock`, `event`, `semaphore`, `io`, `other`).
    Wait {
        /// The loop's clock.
        time: f64,
        /// The task.
        task: String,
        /// On what.
        on: String,
    },
    /// `task`'s wait ended.
    Wake {
        /// The loop's clock.
        time: f64,
        /// The task.
        task: String,
    },
    /// `task` ended.
    Done {
        /// The loop's clock.
        time: f64,
        /// The task.
        task: String,
    },
    /// The program ended with an uncaught exception.
    Uncaught {
        /// The loop's clock.
        time: f64,
        /// The traceback's last line (`ValueError: boom`).
        line: String,
    },
}

/// What the page draws a wait on as: the interpreter's names to the
/// runtime's kinds (a task awaited is a future; a semaphore, like a lock,
/// waits for another task to let go; I/O is the page's network or database).
pub fn wait_of(on: &str) -> Wait {
    match on {
        "timer" => Wait::Timer,
        "queue" => Wait::Queue,
        "lock" | "semaphore" => Wait::Lock,
        "event" => Wait::Event,
        "io" => Wait::Fetch,
        _ => Wait::Future,
    }
}

/// Reads one run's events in order: numbers its rows, pairs each task's
/// wait with its end.
#[derive(Debug, Default)]
pub struct Reader {
    next_seq: u32,
    next_wait: u32,
    /// Each task that waited: its name, shared between its waits, and the
    /// wait it is in. (One map: each map type is code in the page's wasm.)
    tasks: HashMap<String, (Rc<str>, Option<u32>)>,
}

impl Reader {
    /// A reader for a new run.
    pub fn new() -> Reader {
        Reader::default()
    }

    fn row(
        &mut self,
        at: f64,
        real_ms: f64,
        task: &str,
        kind: &'static str,
        line: &str,
    ) -> LogEntry {
        let seq = self.next_seq;
        self.next_seq += 1;
        LogEntry {
            seq,
            at,
            real_ms,
            task: task.to_owned(),
            kind: Kind::Static(kind),
            text: Text::plain(line),
        }
    }

    /// Ends `task`'s wait, if it is in one.
    fn wake(&mut self, task: &str, at: f64, waits: &mut Vec<WaitEvent>) {
        if let Some(id) = self.tasks.get_mut(task).and_then(|(_, wait)| wait.take()) {
            waits.push(WaitEvent::End { id, at });
        }
    }

    /// The rows and waits of `events`, which the worker posted when `real_ms`
    /// had passed since the run started.
    pub fn read(
        &mut self,
        events: &[WorkerEvent],
        real_ms: f64,
    ) -> (Vec<LogEntry>, Vec<WaitEvent>) {
        let mut rows = Vec::new();
        let mut waits = Vec::new();
        for event in events {
            match event {
                WorkerEvent::Print { time, task, line } => {
                    let task = task.as_deref().unwrap_or(MODULE);
                    rows.push(self.row(*time, real_ms, task, PRINT, line));
                }
                WorkerEvent::Wait { time, task, on } => {
                    // A task waits on one thing at a time: a new wait ends
                    // one the worker did not close.
                    self.wake(task, *time, &mut waits);
                    let id = self.next_wait;
                    self.next_wait += 1;
                    let entry =
                        self.tasks.entry(task.clone()).or_insert_with(|| (Rc::from(&**task), None));
                    entry.1 = Some(id);
                    let task = entry.0.clone();
                    waits.push(WaitEvent::Begin { id, task, on: wait_of(on), at: *time });
                }
                WorkerEvent::Wake { time, task } | WorkerEvent::Done { time, task } => {
                    self.wake(task, *time, &mut waits);
                }
                WorkerEvent::Uncaught { time, line } => {
                    rows.push(self.row(*time, real_ms, MODULE, ERROR, line));
                }
            }
        }
        (rows, waits)
    }
}

/// The page's own file for a URL the lecture's `aiohttp` cells fetch:
/// `https://example.com/N` (N from 1 to 8) is `static/example/N.txt`. Any
/// other URL is refused (`None`): a program reaches nothing but the page's
/// own files.
pub fn example_path(url: &str) -> Option<String> {
    let rest =
        url.strip_prefix("https://example.com/").or(url.strip_prefix("http://example.com/"))?;
    let n: u8 = rest.trim_end_matches('/').parse().ok()?;
    (1..=8).contains(&n).then(|| format!("static/example/{n}.txt"))
}

/// What the virtual clock's run of a program gave (the worker's `plan`):
/// the expected timeline, the yardstick of the log's drift, and the lines
/// predict mode asks about.
#[derive(Debug, PartialEq)]
pub struct Plan {
    /// The program planned.
    pub code: Rc<str>,
    /// Its rows, `at` its virtual times.
    pub rows: Rc<Vec<LogEntry>>,
    /// Its waits.
    pub waits: Rc<runtime::WaitSpans>,
}

/// The program `s=python` starts with: three tasks gathered, the shortest
/// sleep first to finish, and `gather` returning in the order it was given.
pub const STARTER: &str = r#"import asyncio


async def work(name, delay):
    print(f"{name} starts, sleeps {delay} s")
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name


async def main():
    results = await asyncio.gather(work("A", 3), work("B", 1), work("C", 2))
    print("gather returned", results)


asyncio.run(main())
"#;
