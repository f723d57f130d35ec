//! The page's state as plain data, and the reducer that changes it.
//!
//! No DOM and no timers here, so every transition is tested natively. The
//! running run itself is not state: it is a handle the app owns (stopping is
//! dropping it). State only records what the page shows.

use std::rc::Rc;

use scenarios::catalog::{Lang, SPEED};
use scenarios::params::{self, Refusal, Settings};
use scenarios::LogEntry;
use yew::Reducible;

/// Where a run is, as the DOM contract names it in `data-state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing has run yet.
    Idle,
    /// From the moment a run starts until it ends.
    Running,
    /// The scenario's main future completed.
    Done,
    /// The user stopped it.
    Stopped,
    /// It could not run.
    Error,
}

impl Status {
    /// How the page names it.
    pub fn words(self) -> scenarios::catalog::Words {
        match self {
            Status::Idle => crate::i18n::STATE_IDLE,
            Status::Running => crate::i18n::STATE_RUNNING,
            Status::Done => crate::i18n::STATE_DONE,
            Status::Stopped => crate::i18n::STATE_STOPPED,
            Status::Error => crate::i18n::STATE_ERROR,
        }
    }

    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Done => "done",
            Status::Stopped => "stopped",
            Status::Error => "error",
        }
    }
}

/// One text input of a parameter: what was typed, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The text as typed, kept while it is being edited.
    pub text: String,
    /// The value a run uses: the typed one, clamped, or the last good one.
    pub value: f64,
    /// Why the text is not used as typed, if it is not.
    pub refusal: Option<Refusal>,
}

impl Field {
    fn new(value: f64) -> Self {
        Field { text: params::format_list(&[value]), value, refusal: None }
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// Scenario, parameter values, speed, language as a link would write them.
    pub settings: Settings,
    /// The language the page speaks.
    pub lang: Lang,
    /// The inputs of each parameter (one per list item), in parameter order.
    pub fields: Vec<Vec<Field>>,
    /// The speed input.
    pub speed: Field,
    /// What the page's link asked for and did not get.
    pub link_refusals: Vec<Refusal>,
    /// Where the current run is.
    pub status: Status,
    /// Which run the log belongs to; rows of any other run are ignored.
    pub run_id: u64,
    /// The current run's rows, in order.
    pub log: Vec<LogEntry>,
    /// The speed of the current run.
    pub run_speed: f64,
    /// `performance.now()` when the current run started.
    pub started_ms: Option<f64>,
}

/// What can happen to the page.
#[derive(Debug)]
pub enum Action {
    /// Text typed into the input of item `index` of parameter `param`.
    EditValue {
        /// Parameter position in the scenario.
        param: usize,
        /// Item position in the list.
        index: usize,
        /// What the input now holds.
        text: String,
    },
    /// Adds an item (a task) at the end of a list parameter.
    AddItem(usize),
    /// Removes the last item of a list parameter.
    RemoveItem(usize),
    /// Text typed into the speed input.
    EditSpeed(String),
    /// A speed preset chosen.
    SetSpeed(f64),
    /// Back to the lecture's values.
    ResetParams,
    /// The page's language.
    SetLang(Lang),
    /// Another scenario or reference table, by `s=` id, at its defaults.
    Open(&'static str),
    /// Parameters as a link would write them (`{type: "set"}` from a slide).
    SetParams(Vec<(String, String)>),
    /// The page's look; `None` follows the system.
    SetTheme(Option<params::Theme>),
    /// A run has started: the log is cleared.
    Started {
        /// Which run.
        run_id: u64,
        /// The speed it runs at (the input may change during the run).
        speed: f64,
        /// `performance.now()` when it started, for the timeline's now line.
        started_ms: f64,
    },
    /// Run `run_id` logged a row.
    Logged(u64, LogEntry),
    /// Run `run_id`'s main future completed.
    Finished(u64),
    /// The user stopped the current run.
    Stopped,
}

impl Playground {
    /// The page for a link, with the browser's language as the fallback.
    pub fn from_link(query: &str, browser_language: &str) -> Self {
        let (settings, link_refusals) = params::parse_settings(query);
        let lang = settings.lang.unwrap_or_else(|| Lang::from_browser(browser_language));
        let fields = fields_for(&settings.values);
        let speed = Field::new(settings.speed);
        let speed_value = settings.speed;
        Playground {
            settings,
            lang,
            fields,
            speed,
            link_refusals,
            status: Status::Idle,
            run_id: 0,
            log: Vec::new(),
            run_speed: speed_value,
            started_ms: None,
        }
    }

    /// Whether a run is going.
    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::EditValue { param, index, text } => {
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                // Messages name the input as the page labels it: "delays (B)".
                let task = self.settings.scenario.task_ids(&self.settings.values);
                let name = match task.get(index) {
                    Some(task) => format!("{} ({task})", spec.name),
                    None => spec.name.to_owned(),
                };
                let Some(field) = self.fields.get_mut(param).and_then(|f| f.get_mut(index)) else {
                    return;
                };
                edit_field(field, spec, &name, &text);
                self.settings.values[param][index] = field.value;
            }
            Action::AddItem(param) => {
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                let values = &mut self.settings.values[param];
                if values.len() < spec.count.1 {
                    // A new task copies the last delay: an easy tie to explore.
                    let value = values.last().copied().unwrap_or(spec.min);
                    values.push(value);
                    self.fields[param].push(Field::new(value));
                }
            }
            Action::RemoveItem(param) => {
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                let values = &mut self.settings.values[param];
                if values.len() > spec.count.0 {
                    values.pop();
                    self.fields[param].pop();
                }
            }
            Action::EditSpeed(text) => {
                edit_field(&mut self.speed, &SPEED, SPEED.name, &text);
                self.settings.speed = self.speed.value;
            }
            Action::SetSpeed(speed) => {
                let text = params::format_list(&[speed]);
                edit_field(&mut self.speed, &SPEED, SPEED.name, &text);
                self.settings.speed = self.speed.value;
            }
            Action::ResetParams => {
                self.settings.values = self.settings.scenario.defaults();
                self.settings.speed = SPEED.default[0];
                self.fields = fields_for(&self.settings.values);
                self.speed = Field::new(self.settings.speed);
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                self.settings.lang = Some(lang);
            }
            Action::SetParams(pairs) => {
                self.link_refusals = self.settings.apply_pairs(&pairs);
                self.fields = fields_for(&self.settings.values);
                self.speed = Field::new(self.settings.speed);
            }
            Action::SetTheme(theme) => self.settings.theme = theme,
            Action::Open(id) => {
                let table = scenarios::reference::find(id);
                let Some(scenario) =
                    scenarios::catalog::find(id).or(table.map(|_| self.settings.scenario))
                else {
                    return;
                };
                self.settings.reference = table;
                self.settings.scenario = scenario;
                self.settings.values = scenario.defaults();
                self.fields = fields_for(&self.settings.values);
                self.link_refusals.clear();
                self.status = Status::Idle;
                self.log.clear();
            }
            Action::Started { run_id, speed, started_ms } => {
                self.run_id = run_id;
                self.run_speed = speed;
                self.started_ms = Some(started_ms);
                self.status = Status::Running;
                self.log.clear();
            }
            Action::Logged(run_id, entry) => {
                if run_id == self.run_id && self.is_running() {
                    self.log.push(entry);
                }
            }
            Action::Finished(run_id) => {
                if run_id == self.run_id && self.is_running() {
                    self.status = Status::Done;
                }
            }
            Action::Stopped => {
                if self.is_running() {
                    self.status = Status::Stopped;
                }
            }
        }
    }
}

fn fields_for(values: &[Vec<f64>]) -> Vec<Vec<Field>> {
    values.iter().map(|list| list.iter().copied().map(Field::new).collect()).collect()
}

/// Reads typed text into a field: a good number is used (clamped into range);
/// anything else keeps the last good value and says so.
fn edit_field(field: &mut Field, spec: &scenarios::catalog::ParamSpec, name: &str, text: &str) {
    field.text = text.to_owned();
    match params::read_number(spec, name, text) {
        Ok((value, clamped)) => {
            field.value = value;
            field.refusal = clamped;
        }
        Err(mut refusal) => {
            refusal.used = params::format_list(&[field.value]);
            field.refusal = Some(refusal);
        }
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
