//! What a run gets from whoever runs it: time, timers and the outside world
//! ([`Host`]), and what the outside world answers.

use std::fmt;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

/// What the runner of a scenario provides: time, and the outside world.
///
/// Times are measured from the start of the run. "Notebook seconds" are the
/// lecture's units (`asyncio.sleep(2)`); the runner maps them to real time with
/// its speed. The page implements this with browser timers, `fetch()` and
/// IndexedDB; the tests with a virtual clock and in-memory stand-ins.
pub trait Host {
    /// Notebook seconds since the run started (what `loop.time()` would say).
    fn now(&self) -> f64;
    /// Real milliseconds since the run started, for the page's `data-t`.
    fn real_ms(&self) -> f64;
    /// A timer that completes `seconds` notebook seconds after this call.
    ///
    /// The timer starts now, not at the first poll, as a browser timer does;
    /// dropping the future cancels it.
    fn sleep(&self, seconds: f64) -> LocalBoxFuture<'static, ()>;
    /// One turn of the event loop: lets everything else that is ready run
    /// (in the browser, a zero-delay timer: rendering and input get their
    /// turn too) and then completes.
    fn yield_now(&self) -> LocalBoxFuture<'static, ()>;
    /// Synchronous work for `seconds` (Python's `time.sleep` in a
    /// coroutine): nothing else runs meanwhile, not even the page.
    fn block(&self, seconds: f64);
    /// Runs `callback` once the code running now has finished and before
    /// any timer: a browser microtask (`queueMicrotask`, `Promise.then`).
    fn microtask(&self, callback: Box<dyn FnOnce()>);
    /// A real HTTP GET of a file the page itself serves, as text.
    fn fetch_text(&self, path: &str) -> LocalBoxFuture<'static, Result<String, HostError>>;
    /// Connects to the page's database, whose `users` table holds exactly
    /// `rows` users afterwards.
    fn connect(&self, rows: u32) -> LocalBoxFuture<'static, Result<Rc<dyn Connection>, HostError>>;
}

/// An open database connection (asyncpg's `Connection`).
pub trait Connection {
    /// Runs a query and returns its rows. Only `SELECT * FROM users` is known.
    fn fetch(&self, query: &str) -> LocalBoxFuture<'static, Result<Vec<User>, HostError>>;
    /// Closes the connection.
    fn close(&self) -> LocalBoxFuture<'static, ()>;
}

/// A row of the `users` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Primary key, from 1.
    pub id: u32,
    /// The user's name.
    pub name: String,
}

impl fmt::Display for User {
    /// As asyncpg prints a record: `<Record id=1 name='Alice'>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Record id={} name='{}'>", self.id, self.name)
    }
}

/// The users a database of `rows` rows holds: the same on every host, so a
/// run can be compared with another.
pub fn seed_users(rows: u32) -> Vec<User> {
    const NAMES: [&str; 10] =
        ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy"];
    (1..=rows)
        .map(|id| User { id, name: NAMES[(id as usize - 1) % NAMES.len()].to_owned() })
        .collect()
}

/// The outside world failed: a request, a database. Scenarios log it as
/// Python would raise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError(pub String);

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HostError {}
