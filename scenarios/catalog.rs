//! The public contract of the playground: which scenarios exist, what their
//! parameters are called, which values they accept, and how a scenario is
//! started from parsed values. Share links, slide embeds and the tests depend
//! on these names (`../shared/SCENARIOS.md`): add freely, never rename.

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use crate::{gather, Cx};

/// The page's two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Russian, the lecture's language.
    Ru,
}

impl Lang {
    /// The `lang=` value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The contract's rule for a browser language: `ru*` gives Russian,
    /// anything else English.
    pub fn from_browser(language: &str) -> Lang {
        if language.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }
}

/// A fixed string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// English.
    pub en: &'static str,
    /// Russian.
    pub ru: &'static str,
}

impl Words {
    /// The string in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ru => self.ru,
        }
    }
}

/// What a parameter's numbers count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Notebook seconds (`asyncio.sleep` units).
    Seconds,
}

/// One parameter of a scenario, as links and inputs name it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// The URL key (`delays`).
    pub name: &'static str,
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

/// One scenario of the catalog.
#[derive(Clone, Copy)]
pub struct ScenarioSpec {
    /// The `s=` id.
    pub id: &'static str,
    /// Its name in the navigation.
    pub title: Words,
    /// What to watch for, in a sentence or two.
    pub about: Words,
    /// Its parameters, in URL order.
    pub params: &'static [ParamSpec],
    /// The lecture's Python cell; `{{name}}` marks where parameter values go.
    pub python: &'static str,
    /// The Rust that runs: the scenario's own source file.
    pub rust: &'static str,
    /// The file name the Rust is shown under.
    pub rust_file: &'static str,
    /// The scenario's main future for parsed values (one `Vec` per parameter).
    pub main: fn(Cx, &[Vec<f64>]) -> LocalBoxFuture<'static, ()>,
    /// The task ids a run with these values logs, in list order.
    pub tasks: fn(&[Vec<f64>]) -> Vec<String>,
    /// The Python cell with these values filled in.
    pub fill_python: fn(&str, &[Vec<f64>]) -> String,
}

impl ScenarioSpec {
    /// The scenario's main future for these values.
    pub fn main(&self, cx: Cx, values: &[Vec<f64>]) -> LocalBoxFuture<'static, ()> {
        (self.main)(cx, values)
    }

    /// The task ids a run with these values logs, in list order.
    pub fn task_ids(&self, values: &[Vec<f64>]) -> Vec<String> {
        (self.tasks)(values)
    }

    /// The lecture's cell with these values filled in.
    pub fn python(&self, values: &[Vec<f64>]) -> String {
        (self.fill_python)(self.python, values)
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

/// `speed`: real ms = notebook seconds × 1000 / speed.
pub const SPEED: ParamSpec = ParamSpec {
    name: "speed",
    min: 0.01,
    max: 100.0,
    unit: Unit::Seconds,
    count: (1, 1),
    default: &[1.0],
};

/// `asyncio.gather` over tasks A, B, C, …
pub const GATHER: ScenarioSpec = ScenarioSpec {
    id: "gather",
    title: Words {
        en: "gather: run tasks concurrently",
        ru: "gather: задачи одновременно",
    },
    about: Words {
        en: "All tasks start at once and sleep concurrently, so they finish in order of their delays, \
             not in the order they were written. The whole gather takes as long as the longest delay, \
             not the sum. Equal delays finish in task order: their timers were set in that order.",
        ru: "Все задачи стартуют сразу и ждут одновременно, поэтому завершаются в порядке задержек, \
             а не в порядке записи. Весь gather длится столько, сколько самая долгая задержка, а не их сумма. \
             Равные задержки завершаются в порядке задач: их таймеры поставлены в этом порядке.",
    },
    params: &[ParamSpec {
        name: "delays",
        min: 0.0,
        max: MAX_DELAY,
        unit: Unit::Seconds,
        count: (1, MAX_TASKS),
        default: &[2.0, 1.0, 3.0],
    }],
    python: include_str!("gather.py"),
    rust: include_str!("gather.rs"),
    rust_file: "scenarios/gather.rs",
    main: |cx, values| gather::main(cx, values[0].clone()).boxed_local(),
    tasks: |values| (0..values[0].len()).map(gather::task_name).collect(),
    fill_python: |cell, values| {
        let calls: Vec<String> = values[0]
            .iter()
            .enumerate()
            .map(|(i, &delay)| format!("task(\"{}\", {}),", gather::task_name(i), python_number(delay)))
            .collect();
        cell.replace("{{tasks}}", &calls.join("\n        "))
    },
};

/// Every scenario, in the lecture's order. The first is shown when a link
/// names none.
pub const SCENARIOS: &[ScenarioSpec] = &[GATHER];

/// The scenario with this `s=` id.
pub fn find(id: &str) -> Option<&'static ScenarioSpec> {
    SCENARIOS.iter().find(|spec| spec.id == id)
}

/// Writes a number as Python would in the cell: `2`, `0.5`, `0.07`.
pub fn python_number(value: f64) -> String {
    format!("{value}")
}
