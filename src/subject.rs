//! What a run is of, as the log, the timeline, predict mode and the exports
//! see it: a catalog scenario with its parameter values, or a program.
//!
//! A scenario knows its lanes and its completing kinds before it runs (the
//! catalog lists them). A program does not: its lanes are the asyncio tasks
//! that printed or waited, in the order they first did, and its completions
//! are the lines it printed (kind [`crate::python::PRINT`]).

use std::rc::Rc;

use catalog::params::{Settings, PYTHON_PAGE};
use catalog::{Lang, ScenarioSpec, Words};
use runtime::{LogEntry, WaitSpan};

/// A run's subject.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Subject<'a> {
    /// A catalog scenario.
    Scenario {
        /// The scenario.
        spec: &'static ScenarioSpec,
        /// Its parameter values.
        values: &'a [Vec<f64>],
    },
    /// A Python program: `s=python`'s own, or an edited cell of scenario
    /// `id`.
    Program {
        /// `python`, or the scenario whose cell was edited (for titles and
        /// file names).
        id: &'static str,
        /// Its source.
        code: &'a str,
    },
}

/// Most lanes drawn one by one, 30 px apart (720 px, a projector's height).
/// With more, a lane would get less than a readable row of pixels, so the
/// timeline aggregates them instead (`timeline::aggregate_svg`).
pub const MOST_LANES: usize = 24;

/// Whether a run of `spec` with `values` is drawn a lane per task (and so
/// predicted, coloured by lane, and ordered in predict mode); otherwise the
/// timeline aggregates it.
pub fn draws_lanes(spec: &ScenarioSpec, values: &[Vec<f64>]) -> bool {
    spec.lane_count(values) <= MOST_LANES
}

/// The title of `s=python`.
pub const YOUR_PROGRAM: Words = Words { en: "Your program", ru: "Ваша программа" };

impl<'a> Subject<'a> {
    /// What `settings` run: the program once there is one (an edited cell,
    /// or `s=python`'s), else the scenario.
    pub fn of(settings: &'a Settings) -> Subject<'a> {
        if settings.runs_program() {
            let code = settings.code.as_deref().unwrap_or(crate::python::STARTER);
            let id = if settings.own_program { PYTHON_PAGE } else { settings.scenario.id };
            Subject::Program { id, code }
        } else {
            Subject::Scenario { spec: settings.scenario, values: &settings.values }
        }
    }

    /// The `s=` id, for titles and file names.
    pub fn id(&self) -> &'static str {
        match self {
            Subject::Scenario { spec, .. } => spec.id,
            Subject::Program { id, .. } => id,
        }
    }

    /// The title, in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            Subject::Scenario { spec, .. } => spec.title.get(lang),
            Subject::Program { id, .. } => match catalog::find(id) {
                Some(spec) if *id != PYTHON_PAGE => spec.title.get(lang),
                _ => YOUR_PROGRAM.get(lang),
            },
        }
    }

    /// The scenario and its values, if this is one.
    pub fn scenario(&self) -> Option<(&'static ScenarioSpec, &'a [Vec<f64>])> {
        match *self {
            Subject::Scenario { spec, values } => Some((spec, values)),
            Subject::Program { .. } => None,
        }
    }

    /// The lane an event is drawn on.
    pub fn lane_of<'t>(&self, task: &'t str, kind: &str) -> &'t str {
        match self {
            Subject::Scenario { spec, .. } => spec.lane_of(task, kind),
            Subject::Program { .. } => task,
        }
    }

    /// Whether an event of `kind` completes something.
    pub fn completes(&self, kind: &str) -> bool {
        match self {
            Subject::Scenario { spec, .. } => spec.completes(kind),
            Subject::Program { .. } => kind == crate::python::PRINT,
        }
    }

    /// The lanes known before anything is logged (a program's: none).
    pub fn lane_ids(&self) -> Vec<String> {
        match self {
            Subject::Scenario { spec, values } => spec.lane_ids(values),
            Subject::Program { .. } => Vec::new(),
        }
    }

    /// The lanes of a run: the scenario's, then any lane an event names that
    /// is not among them. A program's are its tasks in the order they first
    /// waited or printed (a task that gathers others waits before they
    /// print), at most one more than [`MOST_LANES`]: past that the timeline
    /// aggregates, and a run of 100,000 tasks is not listed on every frame.
    pub fn lanes(&self, events: &[LogEntry], waits: &[WaitSpan]) -> Vec<String> {
        let mut lanes = self.lane_ids();
        let (mut e, mut w) = (0, 0);
        let program = matches!(self, Subject::Program { .. });
        let waits = if program { waits } else { &[] };
        // Both lists are in time order: merge them, waits first on a tie.
        loop {
            let lane = match (events.get(e), waits.get(w)) {
                (Some(event), Some(wait)) if event.at < wait.from => {
                    e += 1;
                    self.lane_of(&event.task, &event.kind)
                }
                (_, Some(wait)) => {
                    w += 1;
                    &*wait.task
                }
                (Some(event), None) => {
                    e += 1;
                    self.lane_of(&event.task, &event.kind)
                }
                (None, None) => break,
            };
            if !lanes.iter().any(|l| l == lane) {
                lanes.push(lane.to_owned());
                if program && lanes.len() > MOST_LANES {
                    break;
                }
            }
        }
        lanes
    }
}

/// What a run runs, as a value: the page's one path from Run to rows (a run
/// handle, a frame batch, actions) takes any source, and the views draw any
/// source's rows through its [`Subject`].
#[derive(Clone, Debug, PartialEq)]
pub enum RunSource {
    /// A catalog scenario with its parameter values.
    Scenario {
        /// The scenario.
        spec: &'static ScenarioSpec,
        /// Its values, one list per parameter.
        values: Vec<Vec<f64>>,
    },
    /// A Python program, run by the interpreter's worker.
    Program {
        /// `python`, or the scenario whose cell it is.
        id: &'static str,
        /// Its source.
        code: Rc<str>,
    },
}

impl RunSource {
    /// What the page's settings run: the program once there is one (an
    /// edited cell, or `s=python`'s), else the scenario.
    pub fn of(settings: &Settings) -> RunSource {
        match Subject::of(settings) {
            Subject::Program { id, code } => RunSource::Program { id, code: Rc::from(code) },
            Subject::Scenario { spec, values } => {
                RunSource::Scenario { spec, values: values.to_vec() }
            }
        }
    }

    /// The subject the views draw.
    pub fn subject(&self) -> Subject<'_> {
        match self {
            RunSource::Scenario { spec, values } => Subject::Scenario { spec, values },
            RunSource::Program { id, code } => Subject::Program { id, code },
        }
    }

    /// Whether the timeline draws the run a lane per task (and so whether
    /// its waits are worth recording). A program's lanes are its tasks, and
    /// it records its waits as it goes.
    pub fn draws_lanes(&self) -> bool {
        match self {
            RunSource::Scenario { spec, values } => draws_lanes(spec, values),
            RunSource::Program { .. } => true,
        }
    }
}
