//! The run the page owns, apart from the view.
//!
//! A [`RunService`] holds what a run needs while it goes: the [`RunHandle`]
//! (the scenario on browser timers), the [`FrameBatch`] that hands its rows to
//! the page once a frame, and the `stress` scenario's JavaScript [`Baseline`].
//! It tells the page what happens only by dispatching [`Action`]s to the
//! reducer (`state.rs`), so the view just calls [`RunService::run`],
//! [`RunService::stop`], [`RunService::baseline`] and [`RunService::open`].
//!
//! Stopping is dropping: [`RunService::stop`] drops the handle and the
//! baseline, and so does dropping the service (the app unmounting), which
//! clears every timer they set.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use catalog::params::Settings;
use catalog::STRESS;
use runtime::{LogEntry, WaitEvent};
use yew::Callback;

use crate::browser_io::Baseline;
use crate::browser_run::{self, BrowserClock, Probe, RunHandle, Timers};
use crate::measure::{percentiles, Measure, Strategy, Workload};
use crate::page::FrameBatch;
use crate::program_run::{Planner, ProgramRun, Sinks, Worker};
use crate::state::Action;

pub use crate::subject::RunSource;

/// Starts a catalog scenario's run on `clock`.
fn start_scenario(
    source: &RunSource,
    clock: BrowserClock,
    on_entry: impl Fn(LogEntry) + 'static,
    on_done: impl FnOnce() + 'static,
) -> Option<RunHandle> {
    match source {
        RunSource::Scenario { spec, values } => {
            Some(browser_run::start_on(spec, values, clock, on_entry, on_done))
        }
        RunSource::Program { .. } => None,
    }
}

/// The `stress` workload the settings describe, if `stress` is open.
pub fn workload(settings: &Settings) -> Option<Workload> {
    workload_of(&RunSource::of(settings), settings.speed)
}

/// The `stress` workload `source` runs at `speed`, if it is `stress`.
fn workload_of(source: &RunSource, speed: f64) -> Option<Workload> {
    let RunSource::Scenario { spec, values } = source else { return None };
    if spec.id != STRESS.id {
        return None;
    }
    let value = |param: usize| values.get(param).and_then(|v| v.first()).copied();
    Some(Workload { tasks: value(0)? as usize, max: value(1)?, seed: value(2)? as u64, speed })
}

/// The delays of a `stress` workload, in notebook seconds.
fn stress_delays(workload: &Workload) -> Vec<f64> {
    scenarios::stress::delays(workload.tasks, workload.max, workload.seed)
}

/// The clock for a run of `source` at `speed`: a `stress` run keeps its
/// timers as `timers=` says and is measured, and its `on_done` reports the
/// measure.
fn measured(
    source: &RunSource,
    speed: f64,
    on_done: impl FnOnce() + 'static,
    dispatch: Callback<Action>,
) -> (BrowserClock, Box<dyn FnOnce()>) {
    let Some(workload) = workload_of(source, speed) else {
        return (BrowserClock::new(speed), Box::new(on_done));
    };
    let RunSource::Scenario { values, .. } = source else {
        return (BrowserClock::new(speed), Box::new(on_done));
    };
    let strategy = Strategy::from_choice(values[3][0]);
    let timers = match strategy {
        Strategy::Heap => Timers::Heap,
        _ => Timers::PerTask,
    };
    let probe = Probe::new();
    let clock = BrowserClock::with_timers(speed, timers, Some(probe.clone()));
    let heap_before = crate::browser_io::js_heap_bytes();
    let started = browser_run::page_ms();
    let on_done = move || {
        let wall_ms = browser_run::page_ms() - started;
        let longest = stress_delays(&workload).into_iter().fold(0.0, f64::max);
        let mut lateness = probe.lateness.take();
        let measure = Measure {
            strategy,
            longest_ms: longest * 1000.0 / workload.speed,
            workload,
            wall_ms,
            late: percentiles(&mut lateness),
            busy_ms: probe.busy_ms.get(),
            js_heap_bytes: crate::browser_io::js_heap_bytes()
                .zip(heap_before)
                .map(|(after, before)| after - before),
            wasm_bytes: Some(crate::browser_io::wasm_memory_bytes()),
            faithful: true,
        };
        on_done();
        dispatch.emit(Action::Measured(measure));
    };
    (clock, Box::new(on_done))
}

/// What runs: a scenario on browser timers, or a program on a worker.
enum Handle {
    Scenario(RunHandle),
    Program(ProgramRun),
}

/// A run and the rows it logged since the last frame.
struct Running {
    handle: Handle,
    rows: Rc<FrameBatch<LogEntry>>,
    waits: Rc<FrameBatch<WaitEvent>>,
}

/// The page's run and the `stress` baseline: at most one of them at a time
/// (one would make the other's timers late).
pub struct RunService {
    /// Where the service reports: the reducer's dispatcher.
    dispatch: Callback<Action>,
    /// Runs started so far; each run's number tells its rows from a
    /// replaced run's late ones.
    runs: u64,
    /// The run in progress (or done, until the next one).
    running: Option<Running>,
    /// The baseline while it runs. Its own task holds it weakly, so dropping
    /// the service drops it.
    baseline: Rc<RefCell<Option<Baseline>>>,
    /// An interpreter worker loaded ahead of the next program's run, so Run
    /// does not wait for its wasm.
    spare: Option<Worker>,
    /// The worker that plans programs on the virtual clock.
    planner: Option<Planner>,
}

impl RunService {
    /// A service with nothing running that reports to `dispatch`.
    pub fn new(dispatch: Callback<Action>) -> Self {
        RunService {
            dispatch,
            runs: 0,
            running: None,
            baseline: Rc::default(),
            spare: None,
            planner: None,
        }
    }

    /// Whether a run is going (not done, not stopped).
    pub fn is_running(&self) -> bool {
        self.running.as_ref().is_some_and(|running| match &running.handle {
            Handle::Scenario(handle) => handle.is_running(),
            Handle::Program(run) => run.is_running(),
        })
    }

    /// Starts a run of `source` at `speed`, replacing any run
    /// or baseline: the old one stops first, so none of its rows follow.
    pub fn run(&mut self, source: RunSource, speed: f64) {
        self.running = None;
        if self.baseline.borrow_mut().take().is_some() {
            self.dispatch.emit(Action::BaselineEnded);
        }
        self.runs += 1;
        let run_id = self.runs;
        self.dispatch.emit(Action::Started { run_id, speed, started_ms: browser_run::page_ms() });
        if crate::page::is_hidden() {
            self.dispatch.emit(Action::Hidden);
        }
        let rows = Rc::new(FrameBatch::new({
            let dispatch = self.dispatch.clone();
            move |rows| dispatch.emit(Action::Logged(run_id, rows))
        }));
        let on_entry = {
            let rows = rows.clone();
            move |entry: LogEntry| {
                crate::slides::post_event(&entry);
                rows.push(entry);
            }
        };
        let waits = Rc::new(FrameBatch::new({
            let dispatch = self.dispatch.clone();
            move |events| dispatch.emit(Action::Waited(run_id, events))
        }));
        let on_done = {
            let dispatch = self.dispatch.clone();
            let rows = rows.clone();
            let waits = waits.clone();
            move || {
                rows.flush();
                waits.flush();
                dispatch.emit(Action::Finished(run_id))
            }
        };
        let handle = match &source {
            RunSource::Program { code, .. } => {
                let Some(worker) = self.spare.take().or_else(Worker::new) else {
                    self.dispatch.emit(Action::Failed(run_id));
                    return;
                };
                let sinks = Sinks {
                    // Printed lines show at the next frame, as a scenario's
                    // rows do.
                    rows: Box::new(move |entries: Vec<LogEntry>| {
                        entries.into_iter().for_each(&on_entry)
                    }),
                    waits: Box::new({
                        let waits = waits.clone();
                        move |events: Vec<WaitEvent>| events.into_iter().for_each(|e| waits.push(e))
                    }),
                    error_line: Box::new({
                        let dispatch = self.dispatch.clone();
                        move |line| dispatch.emit(Action::ErrorLine(run_id, line))
                    }),
                    done: Box::new(on_done),
                };
                Handle::Program(ProgramRun::start(worker, code, speed, sinks))
            }
            RunSource::Scenario { .. } => {
                let (clock, on_done) = measured(&source, speed, on_done, self.dispatch.clone());
                let Some(handle) = start_scenario(&source, clock, on_entry, on_done) else {
                    return;
                };
                // Waits are drawn a lane per task; a run of thousands of
                // tasks is drawn in aggregate, so its waits are not recorded.
                if source.draws_lanes() {
                    handle.record_waits({
                        let waits = waits.clone();
                        move |event| waits.push(event)
                    });
                }
                Handle::Scenario(handle)
            }
        };
        self.running = Some(Running { handle, rows, waits });
    }

    /// Stops the run and the baseline. What the run logged before is kept;
    /// nothing comes after.
    pub fn stop(&mut self) {
        self.baseline.borrow_mut().take();
        if let Some(Running { handle, rows, waits }) = self.running.take() {
            drop(handle);
            rows.flush();
            waits.flush();
        }
        self.dispatch.emit(Action::Stopped);
    }

    /// Starts the JavaScript baseline of the `stress` workload `settings`
    /// describe, stopping any run first. Not `stress`: nothing starts.
    pub fn baseline(&mut self, settings: &Settings) {
        if self.running.take().is_some() {
            self.dispatch.emit(Action::Stopped);
        }
        let Some(workload) = workload(settings) else { return };
        let delays_ms: Vec<f64> =
            stress_delays(&workload).iter().map(|s| s * 1000.0 / workload.speed).collect();
        let longest_ms = delays_ms.iter().copied().fold(0.0, f64::max);
        let started = Baseline::start(&delays_ms);
        let finished = started.finished();
        *self.baseline.borrow_mut() = Some(started);
        self.dispatch.emit(Action::BaselineStarted);
        let dispatch = self.dispatch.clone();
        let slot: Weak<RefCell<Option<Baseline>>> = Rc::downgrade(&self.baseline);
        wasm_bindgen_futures::spawn_local(async move {
            let result = finished.await;
            // Dropped meanwhile (Stop, Run, the service gone): whoever
            // dropped it has said so.
            let Ok(Some(mut result)) = result else { return };
            if let Some(slot) = slot.upgrade() {
                slot.borrow_mut().take();
            }
            dispatch.emit(Action::Measured(Measure {
                strategy: Strategy::JavaScript,
                workload,
                wall_ms: result.wall_ms,
                longest_ms,
                late: percentiles(&mut result.lateness),
                busy_ms: result.busy_ms,
                js_heap_bytes: result.heap_bytes,
                wasm_bytes: None,
                faithful: true,
            }));
        });
    }

    /// Loads an interpreter worker for the next program's run, unless one
    /// is loaded: a page that shows a program calls this, so Run finds the
    /// interpreter ready.
    pub fn warm(&mut self) {
        if self.spare.is_none() {
            self.spare = Worker::new();
        }
    }

    /// Lets the interpreter's idle workers go (the spare, the planner): the
    /// page shows no program any more. A run in progress keeps its own.
    pub fn cool(&mut self) {
        self.spare = None;
        self.planner = None;
    }

    /// Plans `code` on the virtual clock; the plan comes back as
    /// [`Action::Planned`].
    pub fn plan(&mut self, code: Rc<str>) {
        if self.planner.is_none() {
            let dispatch = self.dispatch.clone();
            self.planner = Planner::new(move |plan| dispatch.emit(Action::Planned(Rc::new(plan))));
        }
        if let Some(planner) = &self.planner {
            planner.plan(code);
        }
    }

    /// Opens another scenario or table (`s=` id): the run goes with the old
    /// page, rows not yet shown included.
    pub fn open(&mut self, id: &'static str) {
        self.running = None;
        self.dispatch.emit(Action::Open(id));
    }
}
