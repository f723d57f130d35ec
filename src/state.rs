//! The page's state as plain data, and the reducer that changes it.
//!
//! No DOM and no timers here, so every transition is tested natively. The
//! running run itself is not state: it is a handle the run service owns
//! (`run_service.rs`; stopping is dropping it), which reports here through
//! [`Action`]s. State only records what the page shows: a scenario with its
//! inputs and run, or a reference table ([`Page`]).

use std::rc::Rc;

use catalog::params::{self, Refusal, Settings, PYTHON_PAGE};
use catalog::reference::Reference;
use catalog::{Lang, Words, SPEED};
use runtime::{LogEntry, WaitEvent, WaitSpans};
use yew::Reducible;

use crate::measure::{Measure, Strategy};
use crate::python::Plan;
use crate::subject::{Subject, YOUR_PROGRAM};

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
    pub fn words(self) -> catalog::Words {
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
    /// What is below the header: a scenario with its inputs, or a table.
    pub page: Page,
    /// The speed input. The speed is the page's, not a scenario's: it stays
    /// when another scenario or a table is opened.
    pub speed: Field,
    /// What the page's link asked for and did not get.
    pub link_refusals: Vec<Refusal>,
    /// Where the current run is. Runs start only on a scenario's page, and
    /// opening another page forgets the run, so on a table this is `Idle`.
    pub status: Status,
    /// Which run the log belongs to; rows of any other run are ignored.
    pub run_id: u64,
    /// The current run's rows, in order.
    pub log: Log,
    /// What the current run's tasks waited on, as the runtime recorded it
    /// (the timeline draws these).
    pub waits: Rc<WaitSpans>,
    /// The speed of the current run.
    pub run_speed: f64,
    /// `performance.now()` when the current run started.
    pub started_ms: Option<f64>,
    /// `stress` measurements: the latest of each strategy and workload.
    pub measures: Vec<Measure>,
    /// Whether the JavaScript baseline is running.
    pub baseline_running: bool,
    /// Whether the page was hidden during the current run or baseline: the
    /// browser then slowed its timers, so its times are not faithful (its
    /// order is what the page saw).
    pub hidden_during_run: bool,
    /// The line of the program an uncaught exception or a SyntaxError of
    /// the current run points at (the editor marks it).
    pub error_line: Option<u32>,
    /// The virtual clock's run of the program, once the planner has given
    /// it; used only while it is of the program on the page.
    pub plan: Option<Rc<Plan>>,
    /// Why the last text given to the editor was not taken (too long).
    pub code_refusal: Option<Refusal>,
    /// The lecture cell's file of a scenario (`id`, text), where the build
    /// leaves it out and the page fetched it (`described.rs`).
    pub cell_template: Option<(&'static str, &'static str)>,
}

/// What the page is, below its header.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    /// A scenario (`settings.scenario`), its parameters editable and its run
    /// shown.
    Scenario {
        /// The inputs of each parameter (one per list item), in parameter
        /// order.
        fields: Vec<Vec<Field>>,
    },
    /// One of the lecture's comparison tables, named by the link (`s=`).
    /// Nothing runs and nothing is edited here; `settings.scenario` is the
    /// scenario a link back would open.
    Table(&'static Reference),
}

impl Page {
    /// The page `settings` describe: its table, or its scenario with inputs
    /// for its values.
    fn for_settings(settings: &Settings) -> Self {
        match settings.reference {
            Some(table) => Page::Table(table),
            None => Page::Scenario { fields: fields_for(&settings.values) },
        }
    }
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
    /// Predict mode on or off.
    SetPredict(bool),
    /// A run has started: the log is cleared.
    Started {
        /// Which run.
        run_id: u64,
        /// The speed it runs at (the input may change during the run).
        speed: f64,
        /// `performance.now()` when it started, for the timeline's now line.
        started_ms: f64,
    },
    /// Run `run_id` logged these rows (the page hands them over once a
    /// frame, however many timers fired in between).
    Logged(u64, Vec<LogEntry>),
    /// Run `run_id`'s tasks began or ended these waits (handed over once a
    /// frame, as the rows are).
    Waited(u64, Vec<WaitEvent>),
    /// Run `run_id`'s main future completed.
    Finished(u64),
    /// The user stopped the current run.
    Stopped,
    /// The page was hidden (`visibilitychange`).
    Hidden,
    /// The JavaScript baseline started.
    BaselineStarted,
    /// The JavaScript baseline ended without a result (stopped, or failed).
    BaselineEnded,
    /// A `stress` run or the JavaScript baseline was measured.
    Measured(Measure),
    /// The editor's text changed.
    EditCode(String),
    /// Back to the lecture's cell (or `s=python`'s starter).
    ResetCode,
    /// Run `run_id` could not start or its interpreter failed.
    Failed(u64),
    /// Run `run_id`'s uncaught exception or SyntaxError is at this line.
    ErrorLine(u64, u32),
    /// The planner's virtual-clock run of a program.
    Planned(Rc<Plan>),
    /// The link's `#code=` could not be read.
    UnreadableCode,
    /// Scenario `id`'s lecture cell, fetched (the page's build has none).
    CellTemplate(&'static str, &'static str),
}

impl Playground {
    /// The page for a link, with the browser's language as the fallback.
    pub fn from_link(query: &str, browser_language: &str) -> Self {
        let (settings, link_refusals) = params::parse_settings(query);
        let lang = settings.lang.unwrap_or_else(|| Lang::from_browser(browser_language));
        let page = Page::for_settings(&settings);
        let speed = Field::new(settings.speed);
        let speed_value = settings.speed;
        Playground {
            settings,
            lang,
            page,
            speed,
            link_refusals,
            status: Status::Idle,
            run_id: 0,
            log: Log::default(),
            waits: Rc::default(),
            run_speed: speed_value,
            started_ms: None,
            measures: Vec::new(),
            baseline_running: false,
            hidden_during_run: false,
            error_line: None,
            plan: None,
            code_refusal: None,
            cell_template: None,
        }
    }

    /// The lecture's cell with the form's values: from the build where it
    /// has the cell, else from the fetched file; `None` until that arrives.
    pub fn lecture_cell(&self) -> Option<String> {
        let spec = self.settings.scenario;
        let values = &self.settings.values;
        if !spec.cell.text.is_empty() {
            return Some(spec.cell(values));
        }
        let (id, template) = self.cell_template?;
        (id == spec.id).then(|| spec.cell_from(template, values))
    }

    /// What runs on this page, as the views draw it.
    pub fn subject(&self) -> Subject<'_> {
        Subject::of(&self.settings)
    }

    /// The program's text, where the page edits Python: the program once
    /// there is one, else the lecture's cell with the form's values (or
    /// `s=python`'s starter). `None` where the cell is Go or C++.
    pub fn program_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if !self.settings.edits_python() {
            return None;
        }
        Some(match &self.settings.code {
            Some(code) => Cow::Borrowed(code.as_str()),
            None if self.settings.own_program => Cow::Borrowed(crate::python::STARTER),
            None => Cow::Owned(self.lecture_cell()?),
        })
    }

    /// The plan of the program on the page, if the planner has given it.
    pub fn current_plan(&self) -> Option<&Rc<Plan>> {
        let text = self.program_text()?;
        self.plan.as_ref().filter(|plan| *plan.code == *text)
    }

    /// Whether a run is going.
    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }

    /// The inputs of the scenario's parameters; none on a table.
    pub fn fields(&self) -> &[Vec<Field>] {
        match &self.page {
            Page::Scenario { fields } => fields,
            Page::Table(_) => &[],
        }
    }

    /// The `s=` id of what is shown: the table's, `python`, or the
    /// scenario's.
    pub fn shown_id(&self) -> &'static str {
        match self.page {
            Page::Table(table) => table.id,
            Page::Scenario { .. } if self.settings.own_program => PYTHON_PAGE,
            Page::Scenario { .. } => self.settings.scenario.id,
        }
    }

    /// The title of what is shown.
    pub fn title(&self) -> Words {
        match self.page {
            Page::Table(table) => table.title,
            Page::Scenario { .. } if self.settings.own_program => YOUR_PROGRAM,
            Page::Scenario { .. } => self.settings.scenario.title,
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::EditValue { param, index, text } => {
                let Page::Scenario { fields } = &mut self.page else { return };
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                // Messages name the input as the page labels it: "delays (B)".
                let task = self.settings.scenario.task_ids(&self.settings.values);
                let name = match task.get(index) {
                    Some(task) => format!("{} ({task})", spec.name),
                    None => spec.name.to_owned(),
                };
                let Some(field) = fields.get_mut(param).and_then(|f| f.get_mut(index)) else {
                    return;
                };
                edit_field(field, spec, &name, &text);
                self.settings.values[param][index] = field.value;
            }
            Action::AddItem(param) => {
                let Page::Scenario { fields } = &mut self.page else { return };
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                let values = &mut self.settings.values[param];
                if values.len() < spec.count.1 {
                    // A new task copies the last delay: an easy tie to explore.
                    let value = values.last().copied().unwrap_or(spec.min);
                    values.push(value);
                    fields[param].push(Field::new(value));
                }
            }
            Action::RemoveItem(param) => {
                let Page::Scenario { fields } = &mut self.page else { return };
                let Some(spec) = self.settings.scenario.params.get(param) else {
                    return;
                };
                let values = &mut self.settings.values[param];
                if values.len() > spec.count.0 {
                    values.pop();
                    fields[param].pop();
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
                self.settings.code = None;
                self.code_refusal = None;
                self.settings.values = self.settings.scenario.defaults();
                self.settings.speed = SPEED.default[0];
                self.refill_fields();
                self.speed = Field::new(self.settings.speed);
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                self.settings.lang = Some(lang);
            }
            Action::SetParams(pairs) => {
                self.link_refusals = self.settings.apply_pairs(&pairs);
                self.refill_fields();
                self.speed = Field::new(self.settings.speed);
            }
            Action::SetTheme(theme) => self.settings.theme = theme,
            Action::SetPredict(on) => self.settings.predict = on,
            Action::Open(id) => {
                let table = catalog::reference::find(id);
                let own = id == PYTHON_PAGE;
                let Some(scenario) = catalog::find(id)
                    .or(table.map(|_| self.settings.scenario))
                    .or(own.then_some(self.settings.scenario))
                else {
                    return;
                };
                self.settings.own_program = own;
                self.settings.code = None;
                self.code_refusal = None;
                self.error_line = None;
                self.settings.reference = table;
                self.settings.scenario = scenario;
                self.settings.values = scenario.defaults();
                self.page = Page::for_settings(&self.settings);
                self.link_refusals.clear();
                self.status = Status::Idle;
                self.log = Log::default();
                self.waits = Rc::default();
            }
            Action::Started { run_id, speed, started_ms } => {
                // Nothing runs on a table.
                if let Page::Table(_) = self.page {
                    return;
                }
                self.run_id = run_id;
                self.run_speed = speed;
                self.started_ms = Some(started_ms);
                self.status = Status::Running;
                self.log = Log::default();
                self.waits = Rc::default();
                self.hidden_during_run = false;
                self.error_line = None;
            }
            Action::Logged(run_id, entries) => {
                if run_id == self.run_id && self.is_running() {
                    let subject = Subject::of(&self.settings);
                    self.log.append(|kind| subject.completes(kind), entries);
                }
            }
            Action::Waited(run_id, events) => {
                if run_id == self.run_id && self.is_running() {
                    let waits = Rc::make_mut(&mut self.waits);
                    events.iter().for_each(|event| waits.apply(event));
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
                self.baseline_running = false;
            }
            Action::Hidden => {
                if self.is_running() || self.baseline_running {
                    self.hidden_during_run = true;
                }
            }
            Action::BaselineStarted => {
                self.baseline_running = true;
                self.hidden_during_run = false;
            }
            Action::BaselineEnded => self.baseline_running = false,
            Action::EditCode(text) => {
                if !self.settings.edits_python() {
                    return;
                }
                // The lecture's cell as it was is the lecture's cell again:
                // Run goes back to the Rust scenario.
                let lecture = if self.settings.own_program { None } else { self.lecture_cell() };
                if lecture.as_deref() == Some(text.as_str()) {
                    self.settings.code = None;
                    self.code_refusal = None;
                } else {
                    self.code_refusal = self.settings.set_code(&text);
                }
            }
            Action::ResetCode => {
                self.settings.code = None;
                self.code_refusal = None;
                self.error_line = None;
            }
            Action::Failed(run_id) => {
                if run_id == self.run_id && self.is_running() {
                    self.status = Status::Error;
                }
            }
            Action::ErrorLine(run_id, line) => {
                if run_id == self.run_id {
                    self.error_line = Some(line);
                }
            }
            Action::Planned(plan) => self.plan = Some(plan),
            Action::UnreadableCode => self.link_refusals.push(Settings::unreadable_code()),
            Action::CellTemplate(id, template) => self.cell_template = Some((id, template)),
            Action::Measured(mut measure) => {
                if measure.strategy == Strategy::JavaScript {
                    self.baseline_running = false;
                }
                measure.faithful = !self.hidden_during_run;
                self.measures
                    .retain(|m| m.strategy != measure.strategy || m.workload != measure.workload);
                self.measures.push(measure);
            }
        }
    }

    /// New inputs for the values in the settings (a scenario's page only).
    fn refill_fields(&mut self) {
        if let Page::Scenario { fields } = &mut self.page {
            *fields = fields_for(&self.settings.values);
        }
    }
}

/// A logged row and, if its kind completes something, its place in the
/// completion order (`Some(1)` for the first).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the scenario logged.
    pub entry: LogEntry,
    /// Its completion number, counted as rows arrive.
    pub order: Option<u32>,
}

/// A run's rows, in order: appended a batch at a time and never changed.
///
/// Each batch is a shared chunk, so cloning the log (the reducer clones the
/// state on every action, and three panes hold it in their props) costs one
/// pointer per batch, not one copy per row: a 100,000-row run stays as cheap
/// to update as a 10-row one.
#[derive(Clone, Debug, Default)]
pub struct Log {
    chunks: Vec<Rc<[Row]>>,
    /// Index of each chunk's first row.
    starts: Vec<usize>,
    len: usize,
    completed: u32,
}

impl Log {
    /// Adds a batch of rows, numbering the completions (the rows whose kind
    /// `completes`).
    pub fn append(&mut self, completes: impl Fn(&str) -> bool, entries: Vec<LogEntry>) {
        if entries.is_empty() {
            return;
        }
        let chunk: Rc<[Row]> = entries
            .into_iter()
            .map(|entry| {
                let order = completes(&entry.kind).then(|| {
                    self.completed += 1;
                    self.completed
                });
                Row { entry, order }
            })
            .collect();
        self.starts.push(self.len);
        self.len += chunk.len();
        self.chunks.push(chunk);
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was logged.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many rows completed something.
    pub fn completed(&self) -> u32 {
        self.completed
    }

    /// Row `index`, in logging order.
    pub fn get(&self, index: usize) -> Option<&Row> {
        let (chunk, at) = self.locate(index)?;
        chunk.get(at)
    }

    /// Where row `index` is: its chunk, and its place in it. Views hold a
    /// row this way, so a row is compared by address, never copied.
    pub fn locate(&self, index: usize) -> Option<(&Rc<[Row]>, usize)> {
        let chunk = self.starts.partition_point(|&start| start <= index).checked_sub(1)?;
        let at = index - self.starts[chunk];
        (at < self.chunks[chunk].len()).then(|| (&self.chunks[chunk], at))
    }

    /// Every row as [`Log::locate`] gives it, in logging order.
    pub fn located(&self) -> impl Iterator<Item = (&Rc<[Row]>, usize)> + '_ {
        self.chunks.iter().flat_map(|chunk| (0..chunk.len()).map(move |at| (chunk, at)))
    }

    /// The rows from `from` on, in logging order.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = &Row> + '_ {
        let chunk = self.starts.partition_point(|&start| start <= from).saturating_sub(1);
        let skip = from.saturating_sub(self.starts.get(chunk).copied().unwrap_or(0));
        self.chunks[chunk.min(self.chunks.len())..].iter().flat_map(|c| c.iter()).skip(skip)
    }

    /// Every row, in logging order.
    pub fn iter(&self) -> impl Iterator<Item = &Row> + '_ {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    /// The logged entries as one list (for exports and the timeline).
    pub fn entries(&self) -> Vec<LogEntry> {
        self.iter().map(|row| row.entry.clone()).collect()
    }
}

impl PartialEq for Log {
    /// Logs are only ever appended to, so two logs with the same chunks are
    /// equal without looking at a row; other logs are compared row by row.
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && (self.chunks.len() == other.chunks.len()
                && self.chunks.iter().zip(&other.chunks).all(|(a, b)| Rc::ptr_eq(a, b))
                || self.iter().eq(other.iter()))
    }
}

fn fields_for(values: &[Vec<f64>]) -> Vec<Vec<Field>> {
    values.iter().map(|list| list.iter().copied().map(Field::new).collect()).collect()
}

/// Reads typed text into a field: a good number is used (clamped into range);
/// anything else keeps the last good value and says so.
fn edit_field(field: &mut Field, spec: &catalog::ParamSpec, name: &str, text: &str) {
    field.text = text.to_owned();
    match params::read_number(spec, name, text) {
        Ok((value, clamped)) => {
            field.value = value;
            field.refusal = clamped;
        }
        Err(mut refusal) => {
            refusal.used = spec.format(&[field.value]);
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
