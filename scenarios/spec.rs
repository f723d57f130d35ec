//! How a scenario describes itself to the catalog: its parameters (names,
//! ranges, defaults, what they count), its texts, the kinds of event it logs,
//! its task names, its lecture cell and the Rust that runs. Each scenario file
//! ends with its [`ScenarioSpec`]; the catalog crate lists them.
//!
//! Share links, slide embeds and the tests depend on these names
//! (`../shared/SCENARIOS.md`): add freely, never rename.

use std::fmt::Write;

use futures::future::LocalBoxFuture;
use runtime::Cx;
use text::Words;

/// What a parameter's numbers count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Notebook seconds (`asyncio.sleep` units).
    Seconds,
    /// A whole number of things (items, rows, `maxsize`).
    Count,
    /// A whole number that the scenario passes along (`ch <- 42`).
    Value,
    /// One of these words; the value is its position (`timers=heap` is 1).
    Choice(&'static [&'static str]),
}

impl Unit {
    /// Whether only whole numbers make sense.
    pub fn whole(self) -> bool {
        !matches!(self, Unit::Seconds)
    }
}

impl ParamSpec {
    /// Writes values as a link would: `2,1,3`, or the word of a choice.
    pub fn format(&self, values: &[f64]) -> String {
        match self.unit {
            Unit::Choice(words) => values
                .iter()
                .map(|&v| words.get(v as usize).copied().unwrap_or("?"))
                .collect::<Vec<_>>()
                .join(","),
            _ => format_list(values),
        }
    }
}

/// One parameter of a scenario, as links and inputs name it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// The URL key (`delays`).
    pub name: &'static str,
    /// Its label in the page.
    pub label: Words,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// What the numbers mean.
    pub unit: Unit,
    /// How many values a list takes (`1..=8`); a single number takes `1..=1`.
    pub count: (usize, usize),
    /// The lecture's values.
    pub default: &'static [f64],
}

/// A source file shown in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its path in the repository.
    pub path: &'static str,
    /// Its text.
    pub text: &'static str,
}

/// The part of source file `$file` (a scenario's, or `lock.rs`, `queue.rs`,
/// `timer_heap.rs` of the runtime) that the page shows, embedded: the code
/// above [`DESCRIPTION_MARK`], cut by the build script, so the catalog's
/// texts are not embedded twice.
///
/// Not in the page's wasm: the page fetches the file itself (served beside
/// it, byte for byte the file in the repository) when its reader opens it,
/// so the first load carries no source text. Native code (the tests) has it.
#[macro_export]
#[cfg(not(target_arch = "wasm32"))]
macro_rules! shown {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/shown/", $file))
    };
}

/// The page's build: the source is fetched (see above).
#[macro_export]
#[cfg(target_arch = "wasm32")]
macro_rules! shown {
    ($file:literal) => {
        ""
    };
}

/// A lecture cell's text (`lecture/*.py`, `.go`, `.cpp`): embedded in the
/// native build; the page's build fetches it with the scenario's words
/// (`static/texts/<id>.json`, written from this build) and fills it through
/// [`ScenarioSpec::cell_from`].
#[macro_export]
#[cfg(not(target_arch = "wasm32"))]
macro_rules! lecture_cell {
    ($file:literal) => {
        include_str!($file)
    };
}

/// The page's build: the cell is fetched (see above).
#[macro_export]
#[cfg(target_arch = "wasm32")]
macro_rules! lecture_cell {
    ($file:literal) => {
        ""
    };
}

/// A scenario's description (`about`, `differs`): as written in the native
/// build (the tests, the catalog's tools); left out of the page's wasm,
/// which fetches it as `static/texts/<id>.json` when the scenario is shown.
/// `make texts` writes those files from this build, and a test fails when
/// one differs from its scenario's file, so the words live in one place.
#[macro_export]
#[cfg(not(target_arch = "wasm32"))]
macro_rules! described {
    ($words:expr) => {
        $words
    };
}

/// The page's build: the description is fetched (see above).
#[macro_export]
#[cfg(target_arch = "wasm32")]
macro_rules! described {
    ($words:expr) => {
        $crate::spec::NOT_HERE
    };
}

/// What a description is in the page's wasm, until it is fetched.
pub const NOT_HERE: Words = Words { en: "", ru: "" };

/// The line that starts a scenario file's description for the catalog.
pub const DESCRIPTION_MARK: &str =
    "// ---- The scenario in the catalog (not shown in the page) ----";

impl Source {
    /// What the page shows of the file: all of it, or, for a scenario file,
    /// the code above its description (the code that runs, not its texts).
    pub fn shown(&self) -> &'static str {
        match self.text.find(DESCRIPTION_MARK) {
            Some(at) => self.text[..at].trim_end_matches('\n'),
            None => self.text,
        }
    }
}

/// The language of the lecture's cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellLang {
    /// Python (asyncio).
    Python,
    /// Go.
    Go,
    /// C++.
    Cpp,
}

/// The navigation's groups, in the lecture's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The event loop and coroutines.
    EventLoop,
    /// Tasks.
    Tasks,
    /// Futures.
    Futures,
    /// Waiting strategies.
    Waiting,
    /// Queues.
    Queues,
    /// I/O: HTTP and a database.
    Io,
    /// Asynchronous iteration.
    Iteration,
    /// Go and C++.
    OtherLanguages,
    /// Where the lecture stops and the common mistakes begin.
    Beyond,
    /// The loop at a scale the lecture does not reach.
    Scale,
    /// The lecture's comparison tables.
    Reference,
}

impl Group {
    /// Every group, in navigation order.
    pub const ALL: [Group; 11] = [
        Group::EventLoop,
        Group::Tasks,
        Group::Futures,
        Group::Waiting,
        Group::Queues,
        Group::Io,
        Group::Iteration,
        Group::OtherLanguages,
        Group::Beyond,
        Group::Scale,
        Group::Reference,
    ];

    /// Its heading.
    pub fn title(self) -> Words {
        let (en, ru) = match self {
            Group::EventLoop => ("Event loop and coroutines", "Цикл событий и корутины"),
            Group::Tasks => ("Tasks", "Задачи"),
            Group::Futures => ("Futures", "Future"),
            Group::Waiting => ("Waiting strategies", "Стратегии ожидания"),
            Group::Queues => ("Queues", "Очереди"),
            Group::Io => ("I/O: HTTP and a database", "Ввод-вывод: HTTP и база данных"),
            Group::Iteration => ("Async iteration", "Асинхронные итераторы"),
            Group::OtherLanguages => ("Go and C++", "Go и C++"),
            Group::Beyond => ("Beyond the lecture", "За пределами лекции"),
            Group::Scale => ("At scale", "Под нагрузкой"),
            Group::Reference => ("Reference tables", "Сравнительные таблицы"),
        };
        Words { en, ru }
    }
}

/// What a task waits on: recorded by the runtime as a run goes
/// ([`runtime::waits`]), never declared by a scenario.
pub use runtime::Wait;

/// A run's parameter values, read by the parameter they belong to and in the
/// type `main` takes: `values.list(&DELAYS)`, `values.seconds(&DELAY)`,
/// `values.whole(&VALUE)`. The parameter is a constant of the scenario, the
/// same one its `params` list, so a scenario cannot read another's values or
/// the wrong position; a value missing (never, for parsed settings) reads as
/// the parameter's default.
#[derive(Clone, Copy)]
pub struct Values<'a> {
    params: &'static [ParamSpec],
    lists: &'a [Vec<f64>],
}

impl<'a> Values<'a> {
    /// The values of `param`.
    fn of(&self, param: &ParamSpec) -> &'a [f64] {
        let at = self.params.iter().position(|p| p.name == param.name);
        match at.and_then(|i| self.lists.get(i)) {
            Some(list) if !list.is_empty() => list,
            _ => param.default,
        }
    }

    /// A list parameter (`delays`).
    pub fn list(&self, param: &ParamSpec) -> Vec<f64> {
        self.of(param).to_vec()
    }

    /// A single duration, in notebook seconds.
    pub fn seconds(&self, param: &ParamSpec) -> f64 {
        self.of(param).first().copied().unwrap_or(0.0)
    }

    /// A single whole number (validated as one by the parser).
    pub fn whole(&self, param: &ParamSpec) -> i64 {
        self.seconds(param) as i64
    }

    /// A single count of things.
    pub fn count(&self, param: &ParamSpec) -> usize {
        self.seconds(param).max(0.0) as usize
    }
}

/// Counts a run's tasks from its values.
pub type CountTasks = fn(&[Vec<f64>]) -> usize;

/// One scenario of the catalog.
#[derive(Clone, Copy)]
pub struct ScenarioSpec {
    /// The `s=` id.
    pub id: &'static str,
    /// Its place in the navigation.
    pub group: Group,
    /// Its name in the navigation.
    pub title: Words,
    /// What to watch for.
    pub about: Words,
    /// Where a browser may order two simultaneous events differently from
    /// CPython, and why.
    pub differs: Option<Words>,
    /// Its parameters, in URL order.
    pub params: &'static [ParamSpec],
    /// The event kinds it logs (`data-kind`).
    pub kinds: &'static [&'static str],
    /// What a run at the defaults logs, in order, as `task kind`: the order
    /// CPython prints (checked against CPython where it runs the same
    /// program, `tests/cpython/cells.py`), and so the virtual clock's. The
    /// one place it is written: the native tests, the end-to-end tests
    /// (through `target/catalog.json`) and the README's table read it.
    /// Empty for `stress`, whose order is random by design.
    pub order: &'static [&'static str],
    /// Where the browser's order at the defaults differs from [`Self::order`]
    /// (two events at one instant that a browser may take the other way
    /// round; [`Self::differs`] says why), that order.
    pub browser_order: Option<&'static [&'static str]>,
    /// The kinds that complete something (a task, an item): numbered in
    /// completion order on the timeline and in the log.
    pub completes: &'static [&'static str],
    /// Lanes by event kind where they are not the task ids (the queue
    /// scenarios draw a producer and a consumer lane); empty: one lane a task.
    pub lanes: &'static [(&'static str, &'static str)],
    /// The lecture's cell; `{{name}}` marks where values go.
    pub cell: Source,
    /// The cell's language.
    pub cell_lang: CellLang,
    /// The Rust that runs: the scenario's own source files.
    pub rust: &'static [Source],
    /// The scenario's main future for parsed values, which it reads by
    /// parameter ([`Values`]).
    pub main: fn(Cx, Values<'_>) -> LocalBoxFuture<'static, ()>,
    /// The task ids a run with these values logs, in list order.
    pub tasks: fn(&[Vec<f64>]) -> Vec<String>,
    /// How many tasks, where listing them would be too much (`stress` has
    /// up to a million); `None`: count [`ScenarioSpec::tasks`].
    pub task_count: Option<CountTasks>,
    /// The cell with these values filled in.
    pub fill_cell: fn(&ScenarioSpec, &[Vec<f64>]) -> String,
}

impl ScenarioSpec {
    /// The scenario's main future for these values.
    pub fn main(&self, cx: Cx, values: &[Vec<f64>]) -> LocalBoxFuture<'static, ()> {
        (self.main)(cx, Values { params: self.params, lists: values })
    }

    /// The task ids a run with these values logs, in list order.
    pub fn task_ids(&self, values: &[Vec<f64>]) -> Vec<String> {
        (self.tasks)(values)
    }

    /// The lecture's cell with these values filled in.
    pub fn cell(&self, values: &[Vec<f64>]) -> String {
        (self.fill_cell)(self, values)
    }

    /// [`ScenarioSpec::cell`] from `template`, the text of the cell's file
    /// (the page's build fetches it; see `lecture_cell!`).
    pub fn cell_from(&self, template: &'static str, values: &[Vec<f64>]) -> String {
        let mut spec = *self;
        spec.cell.text = template;
        (spec.fill_cell)(&spec, values)
    }

    /// The lane an event is drawn on.
    pub fn lane_of<'a>(&self, task: &'a str, kind: &str) -> &'a str {
        self.lanes.iter().find(|(k, _)| *k == kind).map_or(task, |(_, lane)| lane)
    }

    /// How many lanes a run with these values draws, without listing them.
    pub fn lane_count(&self, values: &[Vec<f64>]) -> usize {
        match self.task_count {
            Some(count) if self.lanes.is_empty() => count(values),
            _ => self.lane_ids(values).len(),
        }
    }

    /// The lanes a run with these values draws, in order.
    pub fn lane_ids(&self, values: &[Vec<f64>]) -> Vec<String> {
        if self.lanes.is_empty() {
            return self.task_ids(values);
        }
        let mut ids: Vec<String> = Vec::new();
        for (_, lane) in self.lanes {
            if !ids.iter().any(|id| id == lane) {
                ids.push((*lane).to_owned());
            }
        }
        ids
    }

    /// Whether an event of `kind` completes something.
    pub fn completes(&self, kind: &str) -> bool {
        self.completes.contains(&kind)
    }

    /// The lecture's values, one `Vec` per parameter.
    pub fn defaults(&self) -> Vec<Vec<f64>> {
        self.params.iter().map(|p| p.default.to_vec()).collect()
    }
}

impl std::fmt::Debug for ScenarioSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ScenarioSpec").field(&self.id).finish()
    }
}

impl PartialEq for ScenarioSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Longest delay a link or an input may ask for, in notebook seconds: a
/// minute is longer than any demonstration needs, and at the slowest speed
/// (0.01) it is 6·10⁶ ms, far below the 2³¹ ms where browser timers overflow.
pub const MAX_DELAY: f64 = 60.0;

/// Most tasks a list parameter may create: the lecture uses 2 or 3, and eight
/// lanes still fit a projector.
pub const MAX_TASKS: usize = 8;

/// Most items a queue scenario may produce: thirty rows still read as a
/// pattern.
pub const MAX_ITEMS: f64 = 30.0;

/// Largest value the Go and C++ scenarios pass (its square still fits the
/// page's whole numbers).
pub const MAX_VALUE: f64 = 1_000_000.0;

/// `speed`: real ms = notebook seconds × 1000 / speed.
pub const SPEED: ParamSpec = ParamSpec {
    name: "speed",
    label: Words { en: "Speed", ru: "Скорость" },
    min: 0.01,
    max: 100.0,
    unit: Unit::Seconds,
    count: (1, 1),
    default: &[1.0],
};

/// The `delays` list of one task per value (`2,1,3`).
pub const fn delays(default: &'static [f64], count: (usize, usize)) -> ParamSpec {
    ParamSpec {
        name: "delays",
        label: Words { en: "Task delays", ru: "Задержки задач" },
        min: 0.0,
        max: MAX_DELAY,
        unit: Unit::Seconds,
        count,
        default,
    }
}

/// A single duration in notebook seconds.
pub const fn seconds(name: &'static str, label: Words, default: &'static [f64]) -> ParamSpec {
    ParamSpec { name, label, min: 0.0, max: MAX_DELAY, unit: Unit::Seconds, count: (1, 1), default }
}

/// A single whole number of things, up to [`MAX_ITEMS`].
pub const fn count(
    name: &'static str,
    label: Words,
    min: f64,
    default: &'static [f64],
) -> ParamSpec {
    ParamSpec { name, label, min, max: MAX_ITEMS, unit: Unit::Count, count: (1, 1), default }
}

/// The label of a single delay.
pub const DELAY: Words = Words { en: "Delay", ru: "Задержка" };
/// The value the Go and C++ scenarios pass along.
pub const VALUE: ParamSpec = ParamSpec {
    name: "value",
    label: Words { en: "Value", ru: "Значение" },
    min: -MAX_VALUE,
    max: MAX_VALUE,
    unit: Unit::Value,
    count: (1, 1),
    default: &[42.0],
};

/// Task ids `1`, `2`, … for a list of `n` values.
pub fn numbered(values: &[Vec<f64>]) -> Vec<String> {
    (1..=values[0].len()).map(|i| i.to_string()).collect()
}

/// A single value as an integer (parameters are validated as whole numbers).
pub fn whole(values: &[Vec<f64>], param: usize) -> i64 {
    values[param][0] as i64
}

/// Fills `{{name}}` with each parameter's value(s) as Python writes them.
pub fn fill_values(spec: &ScenarioSpec, values: &[Vec<f64>]) -> String {
    let mut text = spec.cell.text.to_owned();
    for (param, list) in spec.params.iter().zip(values) {
        let shown: Vec<String> = list.iter().map(|&v| python_number(v)).collect();
        text = text.replace(&format!("{{{{{}}}}}", param.name), &shown.join(", "));
    }
    text
}

/// Replaces the `{{key}}` line of a cell with one line per item, at its indent.
pub fn fill_lines(text: &str, key: &str, lines: &[String]) -> String {
    let marker = format!("{{{{{key}}}}}");
    let Some(at) = text.find(&marker) else { return text.to_owned() };
    let indent: String = text[..at].rsplit('\n').next().unwrap_or("").to_owned();
    text.replace(&marker, &lines.join(&format!("\n{indent}")))
}

/// One line per value, made by `line(index, value)`.
pub fn per_value(values: &[Vec<f64>], line: impl Fn(usize, &str) -> String) -> Vec<String> {
    values[0].iter().enumerate().map(|(i, &v)| line(i, &python_number(v))).collect()
}

/// A shown source file.
pub const fn source(path: &'static str, text: &'static str) -> Source {
    Source { path, text }
}

/// Writes a number as Python would in the cell: `2`, `0.5`, `0.07`.
pub fn python_number(value: f64) -> String {
    format!("{value}")
}

/// Writes a list of values as a link would: `2,1,3`.
pub fn format_list(values: &[f64]) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", python_number(*value));
    }
    out
}
