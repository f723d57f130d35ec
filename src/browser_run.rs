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

use catalog::ScenarioSpec;
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use runtime::{Connection, Host, HostError, LogEntry, Run, WaitEvent};

use wasm_bindgen::JsCast;

use crate::browser_io;

thread_local! {
    static LIVE_TIMERS: Cell<usize> = const { Cell::new(0) };
}

/// Browser timers that runs hold right now: set and not yet dropped. After a
/// run is stopped or done this is 0; tests check it.
pub fn live_timers() -> usize {
    LIVE_TIMERS.with(Cell::get)
}

/// [`live_timers`] for the page's own JavaScript (`window.wasmBindings.liveTimers()`):
/// the end-to-end tests check that stopping and switching leave none.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = liveTimers)]
pub fn live_timers_for_js() -> usize {
    live_timers()
}

/// A gloo `setTimeout` that counts itself in [`live_timers`] while it lives;
/// dropping it clears the browser's timer.
struct Alarm(#[allow(dead_code)] gloo_timers::callback::Timeout);

impl Alarm {
    fn new(ms: u32, callback: impl FnOnce() + 'static) -> Self {
        LIVE_TIMERS.with(|n| n.set(n.get() + 1));
        Alarm(gloo_timers::callback::Timeout::new(ms, callback))
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        LIVE_TIMERS.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Milliseconds since the page loaded, from `performance.now()` (or the wall
/// clock where a page has no `performance`).
pub fn page_ms() -> f64 {
    thread_local! {
        // Looked up once: a `stress` run reads the clock twice a timer.
        static PERFORMANCE: Option<web_sys::Performance> =
            web_sys::window().and_then(|window| window.performance());
    }
    PERFORMANCE.with(|performance| match performance {
        Some(performance) => performance.now(),
        None => js_sys::Date::now(),
    })
}

/// How a run keeps its timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timers {
    /// One gloo `setTimeout` per sleep: what every scenario uses.
    PerTask,
    /// A heap of deadlines and one `setTimeout` for the earliest
    /// (`scenarios/timer_heap.rs`), as asyncio keeps `call_later`.
    Heap,
}

/// What a measured run records: how late each timer's task woke, and how
/// long the main thread spent in the turns the run's timers started.
#[derive(Default)]
pub struct Probe {
    /// Per timer: ms between its deadline and its task seeing it fire.
    pub lateness: RefCell<Vec<f32>>,
    /// Main-thread ms in the run's timer turns (callback and the microtasks
    /// it caused: the woken tasks, the log), plus the run's first poll.
    pub busy_ms: Cell<f64>,
}

thread_local! {
    /// The turn being timed: when it started, and for which probe.
    static TURN: RefCell<Option<(f64, std::rc::Weak<Probe>)>> = const { RefCell::new(None) };
    /// Ends the turn; one closure for the page's lifetime, because a
    /// microtask queued with it may run after the run (and its probe) is gone.
    static END_TURN: wasm_bindgen::closure::Closure<dyn FnMut()> =
        wasm_bindgen::closure::Closure::new(|| {
            if let Some((started, probe)) = TURN.with(|turn| turn.borrow_mut().take()) {
                if let Some(probe) = probe.upgrade() {
                    probe.busy_ms.set(probe.busy_ms.get() + page_ms() - started);
                }
            }
        });
}

impl Probe {
    /// A probe with nothing recorded.
    pub fn new() -> Rc<Self> {
        Rc::new(Probe::default())
    }

    /// A timer callback that started at `started` has woken its tasks: its
    /// turn ends once the microtasks it queued (wasm-bindgen-futures polls
    /// the woken tasks in a microtask queued before this one) have run.
    fn turn(self: &Rc<Self>, started: f64) {
        let timing = TURN.with(|turn| {
            let mut turn = turn.borrow_mut();
            if turn.is_some() {
                return false;
            }
            *turn = Some((started, Rc::downgrade(self)));
            true
        });
        if let (true, Some(window)) = (timing, web_sys::window()) {
            END_TURN.with(|end| window.queue_microtask(end.as_ref().unchecked_ref()));
        }
    }
}

/// The heap strategy's state: the deadlines, the one alarm, and the hop that
/// (re)arms it.
///
/// Browsers clamp a `setTimeout` set from inside a timer callback to at
/// least 4 ms once such calls nest five deep. An alarm re-armed from its own
/// callback would nest forever and fire every 4 ms at best, so the alarm is
/// armed from a `MessageChannel` message instead: a task of its own, not
/// nested in a timer.
struct HeapTimers {
    heap: runtime::timer_heap::TimerHeap,
    alarm: Option<Alarm>,
    hop: browser_io::Hop,
    hop_pending: bool,
    probe: Option<Rc<Probe>>,
    _on_hop: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl HeapTimers {
    fn new(probe: Option<Rc<Probe>>) -> Rc<RefCell<Self>> {
        Rc::new_cyclic(|weak: &std::rc::Weak<RefCell<HeapTimers>>| {
            let weak = weak.clone();
            let on_hop = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if let Some(timers) = weak.upgrade() {
                    on_hop(&timers);
                }
            });
            let hop = browser_io::Hop::new(on_hop.as_ref().unchecked_ref());
            RefCell::new(HeapTimers {
                heap: Default::default(),
                alarm: None,
                hop,
                hop_pending: false,
                probe,
                _on_hop: on_hop,
            })
        })
    }

    /// Fires what is due now and asks for the alarm to be set again.
    fn fire_due(&mut self) {
        let started = page_ms();
        if self.heap.fire_due(started) > 0 {
            if let Some(probe) = &self.probe {
                probe.turn(started);
            }
        }
        self.rearm();
    }

    /// Looks at the alarm again in a task of its own.
    fn rearm(&mut self) {
        if !self.hop_pending {
            self.hop_pending = true;
            self.hop.post();
        }
    }
}

impl Drop for HeapTimers {
    fn drop(&mut self) {
        // No message may reach the closure after it is gone.
        self.hop.close();
    }
}

/// The hop's message: fire what is already due, or set the one alarm for
/// the earliest deadline if that changed.
fn on_hop(timers: &Rc<RefCell<HeapTimers>>) {
    let mut state = timers.borrow_mut();
    state.hop_pending = false;
    let Some(at_ms) = state.heap.alarm_needed() else { return };
    let now = page_ms();
    if at_ms <= now + runtime::timer_heap::DUE_WITHIN_MS {
        state.alarm = None;
        state.fire_due();
        return;
    }
    let weak = Rc::downgrade(timers);
    let ms = (at_ms - now).ceil().clamp(0.0, LONGEST_TIMEOUT_MS) as u32;
    state.alarm = Some(Alarm::new(ms, move || {
        if let Some(timers) = weak.upgrade() {
            let mut state = timers.borrow_mut();
            state.alarm = None;
            state.fire_due();
        }
    }));
}

/// A sleep of a browser run: completes when its slot fires, tells the probe
/// how late that was, and clears its timer when dropped.
struct BrowserSleep {
    slot: Rc<runtime::timer_heap::TimerSlot>,
    due_ms: f64,
    probe: Option<Rc<Probe>>,
    /// The per-task strategy's own timer (the heap strategy shares one).
    _alarm: Option<Alarm>,
}

impl Future for BrowserSleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let ready = self.slot.poll_fired(cx);
        if ready.is_ready() {
            if let Some(probe) = &self.probe {
                probe.lateness.borrow_mut().push((page_ms() - self.due_ms) as f32);
            }
        }
        ready
    }
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
    heap: Option<Rc<RefCell<HeapTimers>>>,
    probe: Option<Rc<Probe>>,
}

/// Browsers keep timeouts in a signed 32-bit count of milliseconds; a longer
/// one fires at once. Parameters are validated far below this; it is the
/// last guard.
const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// The longest the `blocking` scenario may freeze the page, whatever the
/// speed: long enough to feel, short enough to wait out.
const LONGEST_BLOCK_MS: f64 = 5_000.0;

impl BrowserClock {
    /// A clock that starts at its first use, with one timer per sleep.
    /// `speed` must be positive (the parser guarantees 0.01 to 100).
    pub fn new(speed: f64) -> Self {
        Self::with_timers(speed, Timers::PerTask, None)
    }

    /// A clock with the given timer strategy, recording into `probe`.
    pub fn with_timers(speed: f64, timers: Timers, probe: Option<Rc<Probe>>) -> Self {
        let heap = (timers == Timers::Heap).then(|| HeapTimers::new(probe.clone()));
        BrowserClock { started_ms: Cell::new(None), speed, heap, probe }
    }

    /// Real milliseconds for `seconds` notebook seconds at this speed.
    pub fn timeout_ms(&self, seconds: f64) -> f64 {
        let ms = seconds * 1000.0 / self.speed;
        if ms.is_finite() {
            ms.clamp(0.0, LONGEST_TIMEOUT_MS)
        } else {
            0.0
        }
    }

    fn timer(&self, ms: f64) -> BrowserSleep {
        let due_ms = page_ms() + ms;
        let probe = self.probe.clone();
        match &self.heap {
            Some(heap) => {
                let mut timers = heap.borrow_mut();
                let slot = timers.heap.insert(due_ms);
                timers.rearm();
                BrowserSleep { slot, due_ms, probe, _alarm: None }
            }
            None => {
                let slot = Rc::new(runtime::timer_heap::TimerSlot::default());
                let alarm = {
                    let (slot, probe) = (slot.clone(), probe.clone());
                    Alarm::new(ms.round() as u32, move || {
                        let started = page_ms();
                        slot.fire();
                        if let Some(probe) = &probe {
                            probe.turn(started);
                        }
                    })
                };
                BrowserSleep { slot, due_ms, probe, _alarm: Some(alarm) }
            }
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
        self.timer(self.timeout_ms(seconds)).boxed_local()
    }

    fn yield_now(&self) -> LocalBoxFuture<'static, ()> {
        // A zero-delay timer, not a microtask: rendering and input run
        // between two checks, as other tasks do between two CPython turns.
        self.real_ms();
        self.timer(0.0).boxed_local()
    }

    fn microtask(&self, callback: Box<dyn FnOnce()>) {
        if let Some(window) = web_sys::window() {
            let callback = wasm_bindgen::closure::Closure::once_into_js(callback);
            window.queue_microtask(callback.unchecked_ref());
        }
    }

    fn block(&self, seconds: f64) {
        // Really busy: the page freezes, as a CPython loop does. Capped, so a
        // slow speed cannot freeze a classroom's projector for minutes.
        let until = page_ms() + self.timeout_ms(seconds).min(LONGEST_BLOCK_MS);
        while page_ms() < until {}
    }

    fn fetch_text(&self, path: &str) -> LocalBoxFuture<'static, Result<String, HostError>> {
        self.real_ms();
        browser_io::fetch_text(path)
    }

    fn connect(&self, rows: u32) -> LocalBoxFuture<'static, Result<Rc<dyn Connection>, HostError>> {
        self.real_ms();
        browser_io::connect(runtime::seed_users(rows))
    }
}

/// A running scenario. Dropping it stops the run: every task and timer goes.
#[must_use = "the run stops when its handle is dropped"]
pub struct RunHandle {
    run: Rc<RefCell<Option<Run>>>,
    stopped: Rc<Cell<bool>>,
    /// Wakes the driver after a stop, so it ends and drops `on_done`.
    driver: Rc<RefCell<Option<std::task::Waker>>>,
}

impl RunHandle {
    /// Whether the run is still going (neither done nor stopped).
    pub fn is_running(&self) -> bool {
        !self.stopped.get() && self.run.try_borrow().map_or(true, |run| run.is_some())
    }

    /// Sends what the run's tasks wait on to `on_wait` (see
    /// [`runtime::waits`]), never after a stop. Call before the run's first
    /// turn (right after [`start`]) to see every wait.
    pub fn record_waits(&self, on_wait: impl Fn(WaitEvent) + 'static) {
        let stopped = self.stopped.clone();
        if let Ok(slot) = self.run.try_borrow() {
            if let Some(run) = slot.as_ref() {
                run.record_waits(Box::new(move |event| {
                    if !stopped.get() {
                        on_wait(event);
                    }
                }));
            }
        }
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
        if let Some(driver) = self.driver.borrow_mut().take() {
            driver.wake();
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
    start_on(spec, values, BrowserClock::new(speed), on_entry, on_done)
}

/// [`start`] on a given clock: another timer strategy, or a measured run.
pub fn start_on(
    spec: &ScenarioSpec,
    values: &[Vec<f64>],
    clock: BrowserClock,
    on_entry: impl Fn(LogEntry) + 'static,
    on_done: impl FnOnce() + 'static,
) -> RunHandle {
    let probe = clock.probe.clone();
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
    let run = Run::new(Box::new(clock), sink, move |cx| spec.main(cx, &values));
    let run = Rc::new(RefCell::new(Some(run)));
    let driver = Rc::new(RefCell::new(None));
    wasm_bindgen_futures::spawn_local(Driver {
        run: run.clone(),
        stopped: stopped.clone(),
        waker: driver.clone(),
        on_done: Some(Box::new(on_done)),
        first_poll: probe,
    });
    RunHandle { run, stopped, driver }
}

/// The task that `spawn_local` polls: it polls the run while there is one.
struct Driver {
    run: Rc<RefCell<Option<Run>>>,
    stopped: Rc<Cell<bool>>,
    on_done: Option<Box<dyn FnOnce()>>,
    /// Where the handle finds this driver's waker.
    waker: Rc<RefCell<Option<std::task::Waker>>>,
    /// A measured run's probe, until the first poll (which sets every
    /// task's first timer) has been timed.
    first_poll: Option<Rc<Probe>>,
}

impl Future for Driver {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let started = self.first_poll.as_ref().map(|_| page_ms());
        let finished = {
            let mut slot = self.run.borrow_mut();
            let Some(run) = slot.as_mut() else {
                return Poll::Ready(()); // stopped by the handle
            };
            run.poll_unpin(cx).is_ready()
        };
        if let (Some(probe), Some(started)) = (self.first_poll.take(), started) {
            probe.busy_ms.set(probe.busy_ms.get() + page_ms() - started);
        }
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
        *self.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}
