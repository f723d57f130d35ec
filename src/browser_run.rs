//! Running a scenario on the browser's event loop.
//!
//! Timers are `gloo-timers` (`setTimeout`), tasks are driven by
//! `wasm_bindgen_futures::spawn_local`, time is `performance.now()`. A run is
//! owned by its [`RunHandle`]: dropping the handle drops the [`Run`] at once,
//! which drops every task and so clears every timer. Nothing logs after that.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use scenarios::catalog::ScenarioSpec;
use scenarios::{Connection, Host, HostError, LogEntry, Run};

use crate::browser_io;

thread_local! {
    static LIVE_TIMERS: Cell<usize> = const { Cell::new(0) };
}

/// Browser timers that runs hold right now: set and not yet dropped. After a
/// run is stopped or done this is 0; tests check it.
pub fn live_timers() -> usize {
    LIVE_TIMERS.with(Cell::get)
}

/// A `setTimeout` that counts itself in [`live_timers`] while it lives.
struct CountedTimeout(TimeoutFuture);

impl CountedTimeout {
    fn new(ms: u32) -> Self {
        LIVE_TIMERS.with(|n| n.set(n.get() + 1));
        CountedTimeout(TimeoutFuture::new(ms))
    }
}

impl Drop for CountedTimeout {
    fn drop(&mut self) {
        LIVE_TIMERS.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

impl Future for CountedTimeout {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.poll_unpin(cx)
    }
}

/// Milliseconds since the page loaded, from `performance.now()` (or the wall
/// clock where a page has no `performance`).
pub fn page_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// The browser as a scenario's host: its clock scaled by the page's speed,
/// its timers, `fetch()` and IndexedDB.
///
/// Its t = 0 is the scenario's first look at the clock, which happens in the
/// run's first poll: the time between pressing Run and the browser getting
/// round to the run (a render, say) is not counted against the scenario.
pub struct BrowserClock {
    started_ms: Cell<Option<f64>>,
    speed: f64,
}

/// Browsers keep timeouts in a signed 32-bit count of milliseconds; a longer
/// one fires at once. Parameters are validated far below this; it is the
/// last guard.
const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;

impl BrowserClock {
    /// A clock that starts at its first use. `speed` must be positive (the
    /// parser guarantees 0.01 to 100).
    pub fn new(speed: f64) -> Self {
        BrowserClock { started_ms: Cell::new(None), speed }
    }

    /// Real milliseconds for `seconds` notebook seconds at this speed.
    pub fn timeout_ms(&self, seconds: f64) -> u32 {
        let ms = seconds * 1000.0 / self.speed;
        if ms.is_finite() {
            ms.round().clamp(0.0, LONGEST_TIMEOUT_MS) as u32
        } else {
            0
        }
    }
}

impl Host for BrowserClock {
    fn now(&self) -> f64 {
        self.real_ms() * self.speed / 1000.0
    }

    fn real_ms(&self) -> f64 {
        let now = page_ms();
        let started = self.started_ms.get().unwrap_or_else(|| {
            self.started_ms.set(Some(now));
            now
        });
        now - started
    }

    fn sleep(&self, seconds: f64) -> LocalBoxFuture<'static, ()> {
        self.real_ms(); // a sleep before any log starts the clock too
        CountedTimeout::new(self.timeout_ms(seconds)).boxed_local()
    }

    fn yield_now(&self) -> LocalBoxFuture<'static, ()> {
        // A zero-delay timer, not a microtask: rendering and input run
        // between two checks, as other tasks do between two CPython turns.
        self.real_ms();
        CountedTimeout::new(0).boxed_local()
    }

    fn fetch_text(&self, path: &str) -> LocalBoxFuture<'static, Result<String, HostError>> {
        self.real_ms();
        browser_io::fetch_text(path)
    }

    fn connect(&self, rows: u32) -> LocalBoxFuture<'static, Result<Rc<dyn Connection>, HostError>> {
        self.real_ms();
        browser_io::connect(scenarios::runtime::seed_users(rows))
    }
}

/// A running scenario. Dropping it stops the run: every task and timer goes.
#[must_use = "the run stops when its handle is dropped"]
pub struct RunHandle {
    run: Rc<RefCell<Option<Run>>>,
    stopped: Rc<Cell<bool>>,
}

impl RunHandle {
    /// Whether the run is still going (neither done nor stopped).
    pub fn is_running(&self) -> bool {
        !self.stopped.get() && self.run.try_borrow().map_or(true, |run| run.is_some())
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.stopped.set(true);
        // During the run's own poll (a log row that led to a stop) the run is
        // borrowed; the driver then drops it as soon as the poll returns, and
        // the `stopped` flag keeps any row of that poll from reaching the page.
        if let Ok(mut slot) = self.run.try_borrow_mut() {
            let run = slot.take();
            drop(slot);
            drop(run);
        }
    }
}

/// Starts `spec` with `values` at `speed` on the browser's event loop.
///
/// `on_entry` gets each log row as it happens; `on_done` is called once when
/// the scenario's main future completes, and never after a stop.
pub fn start(
    spec: &ScenarioSpec,
    values: &[Vec<f64>],
    speed: f64,
    on_entry: impl Fn(LogEntry) + 'static,
    on_done: impl FnOnce() + 'static,
) -> RunHandle {
    let stopped = Rc::new(Cell::new(false));
    let sink = {
        let stopped = stopped.clone();
        Box::new(move |entry| {
            if !stopped.get() {
                on_entry(entry);
            }
        })
    };
    let values = values.to_vec();
    let main = spec.main;
    let run = Run::new(Box::new(BrowserClock::new(speed)), sink, move |cx| main(cx, &values));
    let run = Rc::new(RefCell::new(Some(run)));
    wasm_bindgen_futures::spawn_local(Driver {
        run: run.clone(),
        stopped: stopped.clone(),
        on_done: Some(Box::new(on_done)),
    });
    RunHandle { run, stopped }
}

/// The task that `spawn_local` polls: it polls the run while there is one.
struct Driver {
    run: Rc<RefCell<Option<Run>>>,
    stopped: Rc<Cell<bool>>,
    on_done: Option<Box<dyn FnOnce()>>,
}

impl Future for Driver {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let finished = {
            let mut slot = self.run.borrow_mut();
            let Some(run) = slot.as_mut() else {
                return Poll::Ready(()); // stopped by the handle
            };
            run.poll_unpin(cx).is_ready()
        };
        if self.stopped.get() {
            let run = self.run.borrow_mut().take();
            drop(run);
            return Poll::Ready(());
        }
        if finished {
            let run = self.run.borrow_mut().take();
            drop(run);
            if let Some(on_done) = self.on_done.take() {
                on_done();
            }
            return Poll::Ready(());
        }
        Poll::Pending
    }
}
