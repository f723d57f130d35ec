//! The public contract of the playground: which scenarios exist, what their
//! parameters are called, which values they accept, and how a scenario is
//! started from parsed values. Share links, slide embeds and the tests depend
//! on these names (`../shared/SCENARIOS.md`): add freely, never rename.

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use crate::producer_consumer::Pace;
use crate::{
    as_completed, async_iterator, blocking, coroutine, cpp_async, cpp_promise, create_task,
    database, fetch, future, futures_as_completed, gather, gather_errors, go_channel, lock_event,
    microtasks, producer_consumer, sleep, stress, timeout, wait_first, Cx,
};

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
            _ => crate::params::format_list(values),
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

/// What a task waited on before an event: the timeline draws each kind of
/// wait differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// A timer (`asyncio.sleep`).
    Timer,
    /// Polling the clock, one loop turn at a time (`types.coroutine`).
    Poll,
    /// Another task's result: a future, a task handle, a channel.
    Future,
    /// A queue: `get` while empty, `put` while full.
    Queue,
    /// The network (`fetch`).
    Fetch,
    /// The database.
    Database,
}

impl Wait {
    /// A short name, for the timeline's legend and exports.
    pub fn name(self) -> Words {
        let (en, ru) = match self {
            Wait::Timer => ("timer", "таймер"),
            Wait::Poll => ("busy polling", "опрос"),
            Wait::Future => ("future", "future"),
            Wait::Queue => ("queue", "очередь"),
            Wait::Fetch => ("network", "сеть"),
            Wait::Database => ("database", "база данных"),
        };
        Words { en, ru }
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
    /// The kinds that complete something (a task, an item): numbered in
    /// completion order on the timeline and in the log.
    pub completes: &'static [&'static str],
    /// For each event kind, what its lane waited on just before it.
    pub waits: &'static [(&'static str, Wait)],
    /// Lanes by event kind where they are not the task ids (the queue
    /// scenarios draw a producer and a consumer lane); empty: one lane a task.
    pub lanes: &'static [(&'static str, &'static str)],
    /// The lecture's cell; `{{name}}` marks where values go.
    pub cell: Source,
    /// The cell's language.
    pub cell_lang: CellLang,
    /// The Rust that runs: the scenario's own source files.
    pub rust: &'static [Source],
    /// The scenario's main future for parsed values (one `Vec` per parameter).
    pub main: fn(Cx, &[Vec<f64>]) -> LocalBoxFuture<'static, ()>,
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
        (self.main)(cx, values)
    }

    /// The task ids a run with these values logs, in list order.
    pub fn task_ids(&self, values: &[Vec<f64>]) -> Vec<String> {
        (self.tasks)(values)
    }

    /// The lecture's cell with these values filled in.
    pub fn cell(&self, values: &[Vec<f64>]) -> String {
        (self.fill_cell)(self, values)
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

    /// What the lane of an event of `kind` waited on before it.
    pub fn wait_before(&self, kind: &str) -> Option<Wait> {
        self.waits.iter().find(|(k, _)| *k == kind).map(|(_, wait)| *wait)
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

const fn delays(default: &'static [f64], count: (usize, usize)) -> ParamSpec {
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

const fn seconds(name: &'static str, label: Words, default: &'static [f64]) -> ParamSpec {
    ParamSpec { name, label, min: 0.0, max: MAX_DELAY, unit: Unit::Seconds, count: (1, 1), default }
}

const fn count(name: &'static str, label: Words, min: f64, default: &'static [f64]) -> ParamSpec {
    ParamSpec { name, label, min, max: MAX_ITEMS, unit: Unit::Count, count: (1, 1), default }
}

const DELAY: Words = Words { en: "Delay", ru: "Задержка" };
const VALUE: ParamSpec = ParamSpec {
    name: "value",
    label: Words { en: "Value", ru: "Значение" },
    min: -MAX_VALUE,
    max: MAX_VALUE,
    unit: Unit::Value,
    count: (1, 1),
    default: &[42.0],
};

/// Task ids `1`, `2`, … for a list of `n` values.
fn numbered(values: &[Vec<f64>]) -> Vec<String> {
    (1..=values[0].len()).map(|i| i.to_string()).collect()
}

/// A single value as an integer (parameters are validated as whole numbers).
fn whole(values: &[Vec<f64>], param: usize) -> i64 {
    values[param][0] as i64
}

/// Fills `{{name}}` with each parameter's value(s) as Python writes them.
fn fill_values(spec: &ScenarioSpec, values: &[Vec<f64>]) -> String {
    let mut text = spec.cell.text.to_owned();
    for (param, list) in spec.params.iter().zip(values) {
        let shown: Vec<String> = list.iter().map(|&v| python_number(v)).collect();
        text = text.replace(&format!("{{{{{}}}}}", param.name), &shown.join(", "));
    }
    text
}

/// Replaces the `{{key}}` line of a cell with one line per item, at its indent.
fn fill_lines(text: &str, key: &str, lines: &[String]) -> String {
    let marker = format!("{{{{{key}}}}}");
    let Some(at) = text.find(&marker) else { return text.to_owned() };
    let indent: String = text[..at].rsplit('\n').next().unwrap_or("").to_owned();
    text.replace(&marker, &lines.join(&format!("\n{indent}")))
}

/// One line per value, made by `line(index, value)`.
fn per_value(values: &[Vec<f64>], line: impl Fn(usize, &str) -> String) -> Vec<String> {
    values[0].iter().enumerate().map(|(i, &v)| line(i, &python_number(v))).collect()
}

const fn source(path: &'static str, text: &'static str) -> Source {
    Source { path, text }
}

/// `types.coroutine` busy waiting.
pub const COROUTINE: ScenarioSpec = ScenarioSpec {
    id: "coroutine",
    group: Group::EventLoop,
    title: Words { en: "coroutine: waiting by busy polling", ru: "coroutine: ожидание опросом" },
    about: Words {
        en: "The two tasks share one thread: each checks the clock, and if its time has not come it \
             gives the loop a turn (a bare yield). Both start at once and the shorter delay finishes \
             first. Nothing sleeps: the loop keeps asking, so a browser timer of 0 ms fires every few \
             milliseconds during the whole wait.",
        ru: "Две задачи делят один поток: каждая смотрит на часы и, если время не пришло, отдаёт \
             циклу ход (голый yield). Обе стартуют сразу, более короткая задержка заканчивается \
             первой. Никто не спит: цикл всё время переспрашивает, поэтому таймер браузера на 0 мс \
             срабатывает каждые несколько миллисекунд всё ожидание.",
    },
    differs: Some(Words {
        en: "A busy wait ends at the first check after its deadline: in CPython within microseconds, \
             in the browser within one timer turn (about 4 ms), so finishing times here are a few ms \
             late, and two equal delays may finish in either order.",
        ru: "Ожидание опросом заканчивается на первой проверке после срока: в CPython через \
             микросекунды, в браузере через один ход таймера (около 4 мс). Поэтому здесь окончание \
             запаздывает на несколько мс, а две равные задержки могут закончиться в любом порядке.",
    }),
    params: &[delays(&[4.0, 3.0], (1, MAX_TASKS))],
    kinds: &["start", "done"],
    completes: &["done"],
    waits: &[("done", Wait::Poll)],
    lanes: &[],
    cell: source("scenarios/lecture/coroutine.py", include_str!("lecture/coroutine.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/coroutine.rs", include_str!("coroutine.rs"))],
    main: |cx, values| coroutine::main(cx, values[0].clone()).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("fetch_data(\"Задача {}\", {v}),", i + 1));
        fill_lines(spec.cell.text, "calls", &calls)
    },
};

/// `asyncio.gather` over tasks A, B, C, …
pub const GATHER: ScenarioSpec = ScenarioSpec {
    id: "gather",
    group: Group::EventLoop,
    title: Words { en: "gather: run tasks concurrently", ru: "gather: задачи одновременно" },
    about: Words {
        en: "All tasks start at once and sleep concurrently, so they finish in order of their delays, \
             not in the order they were written. The whole gather takes as long as the longest delay, \
             not the sum. Equal delays finish in task order: their timers were set in that order.",
        ru: "Все задачи стартуют сразу и ждут одновременно, поэтому завершаются в порядке задержек, \
             а не в порядке записи. Весь gather длится столько, сколько самая долгая задержка, а не их сумма. \
             Равные задержки завершаются в порядке задач: их таймеры поставлены в этом порядке.",
    },
    differs: None,
    params: &[delays(&[2.0, 1.0, 3.0], (1, MAX_TASKS))],
    kinds: &["start", "finish"],
    completes: &["finish"],
    waits: &[("finish", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/gather.py", include_str!("lecture/gather.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/gather.rs", include_str!("gather.rs"))],
    main: |cx, values| gather::main(cx, values[0].clone()).boxed_local(),
    tasks: |values| (0..values[0].len()).map(gather::task_name).collect(),
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("task(\"{}\", {v}),", gather::task_name(i)));
        fill_lines(spec.cell.text, "tasks", &calls)
    },
};

/// `asyncio.sleep(1)`.
pub const SLEEP: ScenarioSpec = ScenarioSpec {
    id: "sleep",
    group: Group::EventLoop,
    title: Words { en: "sleep: a timer on the loop", ru: "sleep: таймер в цикле событий" },
    about: Words {
        en: "await asyncio.sleep(1) does not block: the coroutine hands the loop a timer and steps \
             aside. The log shows the time asked for against the time it took: a timer is never \
             early, and a little late by however long the loop was busy.",
        ru: "await asyncio.sleep(1) не блокирует: корутина оставляет циклу таймер и уступает место. \
             В журнале — запрошенное время против фактического: таймер никогда не приходит раньше, \
             а опаздывает настолько, насколько цикл был занят.",
    },
    differs: None,
    params: &[seconds("delay", DELAY, &[1.0])],
    kinds: &["slept"],
    completes: &["slept"],
    waits: &[("slept", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/sleep.py", include_str!("lecture/sleep.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/sleep.rs", include_str!("sleep.rs"))],
    main: |cx, values| sleep::main(cx, values[0][0]).boxed_local(),
    tasks: |_| vec!["main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// `asyncio.create_task`, awaited in order.
pub const CREATE_TASK: ScenarioSpec = ScenarioSpec {
    id: "create-task",
    group: Group::Tasks,
    title: Words { en: "create_task: tasks awaited in order", ru: "create_task: задачи по порядку" },
    about: Words {
        en: "create_task starts every task at once, so they all print 'processing' and 'fetching' \
             before anything finishes. Task 2 (1 s) finishes first, but main awaits task 1 first: \
             its 'result' lines follow main's order, while 'received'/'processed' follow the delays.",
        ru: "create_task запускает все задачи сразу: все печатают 'processing' и 'fetching' до того, \
             как что-то закончится. Задача 2 (1 с) заканчивается первой, но main ждёт сначала \
             задачу 1: строки 'result' идут в порядке main, а 'received'/'processed' — в порядке задержек.",
    },
    differs: Some(Words {
        en: "When two tasks end at the same moment, CPython runs both before main reads a result; \
             the browser may let main print a result between them. Any equal delays show it.",
        ru: "Если две задачи заканчиваются в один момент, CPython выполняет обе до того, как main \
             прочтёт результат; браузер может дать main напечатать результат между ними. Это видно \
             на равных задержках.",
    }),
    params: &[delays(&[8.0, 1.0, 10.0], (1, MAX_TASKS))],
    kinds: &["processing", "fetching", "received", "processed", "result"],
    completes: &["processed"],
    waits: &[("received", Wait::Timer), ("result", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/create_task.py", include_str!("lecture/create_task.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/create_task.rs", include_str!("create_task.rs"))],
    main: |cx, values| create_task::main(cx, values[0].clone()).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let n = values[0].len();
        let create = per_value(values, |i, v| {
            format!("task{0} = asyncio.create_task(process_data(\"Task{0}\", {v}))", i + 1)
        });
        let awaits: Vec<String> = (1..=n).map(|i| format!("print(await task{i})")).collect();
        let text = fill_lines(spec.cell.text, "create", &create);
        fill_lines(&text, "await", &awaits)
    },
};

/// `asyncio.Future` + `set_result`.
pub const FUTURE: ScenarioSpec = ScenarioSpec {
    id: "future",
    group: Group::Futures,
    title: Words { en: "Future: a result that comes later", ru: "Future: результат, который придёт позже" },
    about: Words {
        en: "main creates an empty Future and awaits it; a task fills it with set_result after the \
             delay. Awaiting a Future costs nothing while it is empty: main simply is not run until \
             the value is there.",
        ru: "main создаёт пустой Future и ждёт его; задача заполняет его через set_result после \
             задержки. Пока Future пуст, ожидание ничего не стоит: main просто не выполняется, пока \
             нет значения.",
    },
    differs: None,
    params: &[seconds("delay", DELAY, &[2.0])],
    kinds: &["set", "result"],
    completes: &["result"],
    waits: &[("set", Wait::Timer), ("result", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/future.py", include_str!("lecture/future.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/future.rs", include_str!("future.rs"))],
    main: |cx, values| future::main(cx, values[0][0]).boxed_local(),
    tasks: |_| vec!["setter".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// Futures set by tasks, with `as_completed`.
pub const FUTURES_AS_COMPLETED: ScenarioSpec = ScenarioSpec {
    id: "futures-as-completed",
    group: Group::Futures,
    title: Words { en: "Futures with as_completed", ru: "Future и as_completed" },
    about: Words {
        en: "Each task sets its Future after its delay and finishes after twice the delay. \
             as_completed hands main the Futures in the order they are set, so 'processed' follows \
             'set' at once, while the tasks' own second halves interleave with it.",
        ru: "Каждая задача заполняет свой Future через свою задержку и заканчивается через двойную. \
             as_completed отдаёт main Future в порядке заполнения, поэтому 'processed' идёт сразу за \
             'set', а вторые половины задач перемежаются с этим.",
    },
    differs: Some(Words {
        en: "At t = 2 (defaults) task 1 sets its Future and task 2 ends, at the same instant. CPython \
             runs both timer callbacks first and then main's 'processed'; the browser runs each timer \
             in its own turn, and main's reaction comes right after task 1's, before task 2 ends. So \
             here '1 processed' can come before '2 function-done'.",
        ru: "В t = 2 (по умолчанию) задача 1 заполняет Future, а задача 2 заканчивается — в один и тот \
             же момент. CPython сначала выполняет оба колбэка таймеров, потом 'processed' в main; \
             браузер выполняет каждый таймер в свой ход, и реакция main идёт сразу после задачи 1, \
             до конца задачи 2. Поэтому здесь '1 processed' может идти раньше '2 function-done'.",
    }),
    params: &[delays(&[2.0, 1.0, 3.0], (1, MAX_TASKS))],
    kinds: &["set", "processed", "function-done"],
    completes: &["processed"],
    waits: &[("set", Wait::Timer), ("processed", Wait::Future), ("function-done", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/futures_as_completed.py", include_str!("lecture/futures_as_completed.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/futures_as_completed.rs", include_str!("futures_as_completed.rs"))],
    main: |cx, values| futures_as_completed::main(cx, values[0].clone()).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let n = values[0].len();
        let futures: Vec<String> = (1..=n).map(|i| format!("fut{i} = asyncio.Future()")).collect();
        let tasks = per_value(values, |i, v| {
            format!("task{0} = asyncio.create_task(set_future_result(fut{0}, {v}, \"Результат {0}\"))", i + 1)
        });
        let names: Vec<String> = (1..=n).map(|i| format!("fut{i}")).collect();
        let task_names: Vec<String> = (1..=n).map(|i| format!("task{i}")).collect();
        let text = fill_lines(spec.cell.text, "futures", &futures);
        let text = fill_lines(&text, "tasks", &tasks);
        text.replace("{{names}}", &names.join(", ")).replace("{{task_names}}", &task_names.join(", "))
    },
};

/// `asyncio.wait(FIRST_COMPLETED)`.
pub const WAIT_FIRST: ScenarioSpec = ScenarioSpec {
    id: "wait-first",
    group: Group::Waiting,
    title: Words { en: "wait: FIRST_COMPLETED", ru: "wait: FIRST_COMPLETED" },
    about: Words {
        en: "wait returns as soon as one task is done; the other is still pending and is cancelled \
             when main ends, so 'Long task done' never prints. Make the first delay longer than the \
             second and the roles swap.",
        ru: "wait возвращается, как только готова одна задача; вторая ещё ждёт и отменяется, когда \
             main заканчивается, поэтому 'Long task done' не печатается. Сделайте первую задержку \
             длиннее второй — и роли поменяются.",
    },
    differs: Some(Words {
        en: "With equal delays CPython finishes both tasks in one loop iteration, so both are in \
             'done'; the browser fires one timer per turn, so main wakes after the first and the \
             other is cancelled.",
        ru: "При равных задержках CPython заканчивает обе задачи за одну итерацию цикла, и обе \
             попадают в 'done'; браузер выполняет по одному таймеру за ход, поэтому main просыпается \
             после первой, а вторая отменяется.",
    }),
    params: &[delays(&[1.0, 3.0], (2, 2))],
    kinds: &["done", "result", "cancelled"],
    completes: &["done"],
    waits: &[("done", Wait::Timer), ("result", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/wait_first.py", include_str!("lecture/wait_first.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/wait_first.rs", include_str!("wait_first.rs"))],
    main: |cx, values| wait_first::main(cx, values[0].clone()).boxed_local(),
    tasks: |_| vec!["short".into(), "long".into()],
    task_count: None,
    fill_cell: |spec, values| {
        let v = &values[0];
        spec.cell
            .text
            .replace("{{short}}", &python_number(v[0]))
            .replace("{{long}}", &python_number(v.get(1).copied().unwrap_or(v[0])))
    },
};

/// `asyncio.as_completed`.
pub const AS_COMPLETED: ScenarioSpec = ScenarioSpec {
    id: "as-completed",
    group: Group::Waiting,
    title: Words {
        en: "as_completed: results as they come",
        ru: "as_completed: результаты по готовности",
    },
    about: Words {
        en: "The coroutines are listed in one order and their results arrive in another: \
             as_completed yields whichever finishes next, so the results come by delay.",
        ru: "Корутины перечислены в одном порядке, а результаты приходят в другом: as_completed \
             отдаёт ту, что закончилась следующей, поэтому результаты идут по задержкам.",
    },
    differs: None,
    params: &[delays(&[3.0, 1.0, 2.0], (1, MAX_TASKS))],
    kinds: &["result"],
    completes: &["result"],
    waits: &[("result", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/as_completed.py", include_str!("lecture/as_completed.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/as_completed.rs", include_str!("as_completed.rs"))],
    main: |cx, values| as_completed::main(cx, values[0].clone()).boxed_local(),
    tasks: numbered,
    task_count: None,
    fill_cell: |spec, values| {
        let calls = per_value(values, |i, v| format!("fetch_data(\"Task {}\", {v})", i + 1));
        spec.cell.text.replace("{{calls}}", &calls.join(", "))
    },
};

const QUEUE_SOURCES: [Source; 2] = [
    source("scenarios/producer_consumer.rs", include_str!("producer_consumer.rs")),
    source("scenarios/queue.rs", include_str!("queue.rs")),
];

fn queue_items(values: &[Vec<f64>]) -> Vec<String> {
    (0..whole(values, 0)).map(|i| format!("item-{i}")).collect()
}

const ITEMS: Words = Words { en: "Items", ru: "Элементы" };
const PRODUCE: Words = Words { en: "Produce every", ru: "Производить каждые" };

/// `asyncio.Queue()`.
pub const QUEUE: ScenarioSpec = ScenarioSpec {
    id: "queue",
    group: Group::Queues,
    title: Words { en: "Queue: producer and consumer", ru: "Queue: производитель и потребитель" },
    about: Words {
        en: "The consumer waits at get() while the queue is empty and takes each item the moment it \
             is put: every 'produced' is followed by its 'consumed'. main waits for the producer, \
             then for join() (every item handled), then cancels the consumer's endless loop.",
        ru: "Потребитель ждёт в get(), пока очередь пуста, и забирает каждый элемент, как только его \
             положили: за каждым 'produced' идёт его 'consumed'. main ждёт производителя, потом \
             join() (все элементы обработаны), потом отменяет бесконечный цикл потребителя.",
    },
    differs: None,
    params: &[count("items", ITEMS, 1.0, &[5.0]), seconds("produce", PRODUCE, &[1.0])],
    kinds: &["produced", "consumed"],
    completes: &["consumed"],
    waits: &[("produced", Wait::Timer), ("consumed", Wait::Queue)],
    lanes: &[("produced", "producer"), ("consumed", "consumer")],
    cell: source("scenarios/lecture/queue.py", include_str!("lecture/queue.py")),
    cell_lang: CellLang::Python,
    rust: &QUEUE_SOURCES,
    main: |cx, values| {
        let pace = Pace {
            items: whole(values, 0) as usize,
            produce: values[1][0],
            consume: 0.0,
            maxsize: 0,
            sleep_first: true,
        };
        producer_consumer::main(cx, pace).boxed_local()
    },
    tasks: queue_items,
    task_count: None,
    fill_cell: fill_values,
};

/// `asyncio.Queue(maxsize=3)`.
pub const BOUNDED_QUEUE: ScenarioSpec = ScenarioSpec {
    id: "bounded-queue",
    group: Group::Queues,
    title: Words { en: "Queue(maxsize): back-pressure", ru: "Queue(maxsize): обратное давление" },
    about: Words {
        en: "The producer is three times faster than the consumer. At first it runs ahead; once the \
             queue holds maxsize items, put() waits until the consumer takes one, and from then on \
             the producer moves at the consumer's pace. maxsize = 0 means no limit.",
        ru: "Производитель втрое быстрее потребителя. Сначала он уходит вперёд; когда в очереди \
             maxsize элементов, put() ждёт, пока потребитель заберёт один, и дальше производитель \
             идёт в темпе потребителя. maxsize = 0 — без ограничения.",
    },
    differs: Some(Words {
        en: "At the defaults the consumer and the producer wake at the same instant several times \
             (t = 1.5, 3, …). Both CPython and the page run the timer that was set first; a browser \
             timer that fires late can shift one 'produced' past one 'consumed'.",
        ru: "По умолчанию потребитель и производитель несколько раз просыпаются в один момент \
             (t = 1.5, 3, …). И CPython, и страница выполняют таймер, поставленный раньше; \
             запоздавший таймер браузера может сдвинуть один 'produced' за один 'consumed'.",
    }),
    params: &[
        count("items", ITEMS, 1.0, &[10.0]),
        seconds("produce", PRODUCE, &[0.5]),
        seconds("consume", Words { en: "Consume for", ru: "Обрабатывать" }, &[1.5]),
        count("maxsize", Words { en: "maxsize", ru: "maxsize" }, 0.0, &[3.0]),
    ],
    kinds: &["produced", "consumed"],
    completes: &["consumed"],
    waits: &[("produced", Wait::Queue), ("consumed", Wait::Queue)],
    lanes: &[("produced", "producer"), ("consumed", "consumer")],
    cell: source("scenarios/lecture/bounded_queue.py", include_str!("lecture/bounded_queue.py")),
    cell_lang: CellLang::Python,
    rust: &QUEUE_SOURCES,
    main: |cx, values| {
        let pace = Pace {
            items: whole(values, 0) as usize,
            produce: values[1][0],
            consume: values[2][0],
            maxsize: whole(values, 3) as usize,
            sleep_first: false,
        };
        producer_consumer::main(cx, pace).boxed_local()
    },
    tasks: queue_items,
    task_count: None,
    fill_cell: fill_values,
};

/// `aiohttp` requests, concurrent against sequential.
pub const FETCH: ScenarioSpec = ScenarioSpec {
    id: "fetch",
    group: Group::Io,
    title: Words { en: "aiohttp: requests together or in turn", ru: "aiohttp: запросы вместе или по очереди" },
    about: Words {
        en: "Each request is a real fetch() of a file this page serves, after a latency that stands \
             in for the network. Started together, the requests wait together: the total is about \
             the longest latency. One after another, the waits add up (the lecture: 71 ms against \
             232 ms).",
        ru: "Каждый запрос — настоящий fetch() файла, который отдаёт эта страница, после задержки, \
             изображающей сеть. Запущенные вместе, запросы ждут вместе: итог — примерно самая \
             долгая задержка. По очереди ожидания складываются (в лекции: 71 мс против 232 мс).",
    },
    differs: Some(Words {
        en: "Wall times include the real fetch() from this page's own server, which takes a few ms; \
             at high speeds that is many notebook milliseconds.",
        ru: "Wall time включает настоящий fetch() с сервера этой страницы, а это несколько мс; \
             на большой скорости это много «тетрадных» миллисекунд.",
    }),
    params: &[ParamSpec {
        name: "delays",
        label: Words { en: "Latencies", ru: "Задержки сети" },
        min: 0.0,
        max: MAX_DELAY,
        unit: Unit::Seconds,
        count: (1, MAX_TASKS),
        default: &[0.07, 0.07, 0.07],
    }],
    kinds: &["fetched", "total", "error"],
    completes: &["fetched"],
    waits: &[("fetched", Wait::Fetch), ("total", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/fetch.py", include_str!("lecture/fetch.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/fetch.rs", include_str!("fetch.rs"))],
    main: |cx, values| fetch::main(cx, values[0].clone()).boxed_local(),
    tasks: |values| {
        let mut ids = numbered(values);
        ids.extend(["concurrent".to_owned(), "sequential".to_owned()]);
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let create = per_value(values, |i, v| {
            format!("fetch_data(\"https://example.com/{}\"),  # + {v} s of network", i + 1)
        });
        let awaits = per_value(values, |i, v| {
            format!("await fetch_data(\"https://example.com/{}\"),  # + {v} s of network", i + 1)
        });
        let text = fill_lines(spec.cell.text, "create", &create);
        fill_lines(&text, "awaits", &awaits)
    },
};

/// `asyncpg` against an IndexedDB playing the server.
pub const DATABASE: ScenarioSpec = ScenarioSpec {
    id: "database",
    group: Group::Io,
    title: Words { en: "asyncpg: a database without blocking", ru: "asyncpg: база данных без блокировки" },
    about: Words {
        en: "connect, fetch and close each wait on the database, and the loop is free while they \
             wait. Here the server is a real IndexedDB database in your browser; its users table is \
             filled with the chosen number of rows on connect.",
        ru: "connect, fetch и close ждут базу данных, и пока они ждут, цикл свободен. Здесь сервер — \
             настоящая база IndexedDB в вашем браузере; при подключении в её таблицу users кладётся \
             выбранное число строк.",
    },
    differs: None,
    params: &[ParamSpec {
        name: "rows",
        label: Words { en: "Rows", ru: "Строки" },
        min: 0.0,
        max: 100.0,
        unit: Unit::Count,
        count: (1, 1),
        default: &[3.0],
    }],
    kinds: &["connected", "row", "closed", "error"],
    completes: &["row"],
    waits: &[("connected", Wait::Database), ("row", Wait::Database), ("closed", Wait::Database)],
    lanes: &[],
    cell: source("scenarios/lecture/database.py", include_str!("lecture/database.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/database.rs", include_str!("database.rs"))],
    main: |cx, values| database::main(cx, whole(values, 0) as u32).boxed_local(),
    tasks: |_| vec!["main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// `__aiter__` / `__anext__`.
pub const ASYNC_ITERATOR: ScenarioSpec = ScenarioSpec {
    id: "async-iterator",
    group: Group::Iteration,
    title: Words {
        en: "async for: an asynchronous iterator",
        ru: "async for: асинхронный итератор",
    },
    about: Words {
        en: "async for calls __anext__ for each value, and __anext__ may wait before answering; \
             StopAsyncIteration ends the loop. With a delay, each number arrives after its wait.",
        ru: "async for вызывает __anext__ для каждого значения, и __anext__ может подождать перед \
             ответом; StopAsyncIteration завершает цикл. С задержкой каждое число приходит после \
             своего ожидания.",
    },
    differs: None,
    params: &[
        count("count", Words { en: "Count", ru: "Сколько" }, 0.0, &[3.0]),
        seconds("delay", DELAY, &[0.0]),
    ],
    kinds: &["item"],
    completes: &["item"],
    waits: &[("item", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/async_iterator.py", include_str!("lecture/async_iterator.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/async_iterator.rs", include_str!("async_iterator.rs"))],
    main: |cx, values| {
        async_iterator::main(cx, whole(values, 0) as u32, values[1][0]).boxed_local()
    },
    tasks: |values| (1..=whole(values, 0)).map(|i| i.to_string()).collect(),
    task_count: None,
    fill_cell: fill_values,
};

/// Go's goroutine and channel.
pub const GO_CHANNEL: ScenarioSpec = ScenarioSpec {
    id: "go-channel",
    group: Group::OtherLanguages,
    title: Words { en: "Go: a goroutine and a channel", ru: "Go: горутина и канал" },
    about: Words {
        en: "main blocks on <-ch until the goroutine sends. Go's runtime runs goroutines on threads; \
             here the goroutine is a task on the one browser thread, and main awaits instead of \
             blocking.",
        ru: "main блокируется на <-ch, пока горутина не отправит значение. Рантайм Go выполняет \
             горутины на потоках; здесь горутина — задача в единственном потоке браузера, а main \
             ждёт через await, не блокируя.",
    },
    differs: None,
    params: &[VALUE, seconds("delay", DELAY, &[0.0])],
    kinds: &["sent", "received"],
    completes: &["received"],
    waits: &[("sent", Wait::Timer), ("received", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/go_channel.go", include_str!("lecture/go_channel.go")),
    cell_lang: CellLang::Go,
    rust: &[source("scenarios/go_channel.rs", include_str!("go_channel.rs"))],
    main: |cx, values| go_channel::main(cx, whole(values, 0), values[1][0]).boxed_local(),
    tasks: |_| vec!["goroutine".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// C++ `std::promise` / `std::future`.
pub const CPP_PROMISE: ScenarioSpec = ScenarioSpec {
    id: "cpp-promise",
    group: Group::OtherLanguages,
    title: Words {
        en: "C++: std::promise and std::future", ru: "C++: std::promise и std::future"
    },
    about: Words {
        en: "The promise is the writing end and the future the reading end of one value. In C++ \
             fut.get() blocks a thread; here main awaits, and the worker is a task.",
        ru: "promise — пишущий конец, future — читающий конец одного значения. В C++ fut.get() \
             блокирует поток; здесь main ждёт через await, а worker — задача.",
    },
    differs: None,
    params: &[ParamSpec { default: &[4.0], ..VALUE }, seconds("delay", DELAY, &[0.0])],
    kinds: &["set", "got"],
    completes: &["got"],
    waits: &[("set", Wait::Timer), ("got", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/cpp_promise.cpp", include_str!("lecture/cpp_promise.cpp")),
    cell_lang: CellLang::Cpp,
    rust: &[source("scenarios/cpp_promise.rs", include_str!("cpp_promise.rs"))],
    main: |cx, values| cpp_promise::main(cx, whole(values, 0), values[1][0]).boxed_local(),
    tasks: |_| vec!["worker".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// C++ `std::async`.
pub const CPP_ASYNC: ScenarioSpec = ScenarioSpec {
    id: "cpp-async",
    group: Group::OtherLanguages,
    title: Words { en: "C++: std::async", ru: "C++: std::async" },
    about: Words {
        en: "std::async runs a function elsewhere and returns a std::future for its result; \
             result.get() waits for it. spawn plays std::async here, and its handle is the future.",
        ru: "std::async запускает функцию отдельно и возвращает std::future для её результата; \
             result.get() ждёт его. Здесь std::async играет spawn, а его дескриптор — это future.",
    },
    differs: None,
    params: &[VALUE, seconds("delay", DELAY, &[0.0])],
    kinds: &["returned", "got"],
    completes: &["got"],
    waits: &[("returned", Wait::Timer), ("got", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/cpp_async.cpp", include_str!("lecture/cpp_async.cpp")),
    cell_lang: CellLang::Cpp,
    rust: &[source("scenarios/cpp_async.rs", include_str!("cpp_async.rs"))],
    main: |cx, values| cpp_async::main(cx, whole(values, 0), values[1][0]).boxed_local(),
    tasks: |_| vec!["async".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// Every scenario, in the lecture's order. The first is shown when a link
/// names none.
pub const SCENARIOS: &[ScenarioSpec] = &[
    COROUTINE,
    GATHER,
    CREATE_TASK,
    SLEEP,
    FUTURE,
    FUTURES_AS_COMPLETED,
    FETCH,
    WAIT_FIRST,
    AS_COMPLETED,
    QUEUE,
    BOUNDED_QUEUE,
    DATABASE,
    ASYNC_ITERATOR,
    GO_CHANNEL,
    CPP_PROMISE,
    CPP_ASYNC,
    BLOCKING,
    TIMEOUT,
    GATHER_ERRORS,
    MICROTASKS,
    LOCK_EVENT,
    STRESS,
];

/// `time.sleep` in a coroutine, then the same work in awaited chunks.
pub const BLOCKING: ScenarioSpec = ScenarioSpec {
    id: "blocking",
    group: Group::Beyond,
    title: Words {
        en: "blocking: time.sleep stops the loop",
        ru: "blocking: time.sleep останавливает цикл",
    },
    about: Words {
        en: "Timers are due while one task does synchronous work (Python's time.sleep in a \
             coroutine). Nothing else can run: every timer fires late, all together when the work \
             ends, and this page itself freezes meanwhile (try to scroll). Then the same work in \
             chunks with an await between them: the loop runs the timers in between, late by a \
             chunk or two instead of by the whole work.",
        ru: "Таймеры должны сработать, пока одна задача делает синхронную работу (time.sleep в \
             корутине). Больше ничего выполняться не может: все таймеры опаздывают и срабатывают \
             разом, когда работа кончится, а сама страница в это время замирает (попробуйте \
             прокрутить). Затем та же работа частями с await между ними: цикл успевает выполнить \
             таймеры, и они опаздывают на одну-две части, а не на всю работу.",
    },
    differs: None,
    params: &[
        delays(&[0.25, 0.5, 0.75], (1, MAX_TASKS)),
        ParamSpec {
            name: "block",
            label: Words { en: "Blocking work", ru: "Блокирующая работа" },
            min: 0.0,
            max: 3.0,
            unit: Unit::Seconds,
            count: (1, 1),
            default: &[1.0],
        },
        ParamSpec {
            name: "chunks",
            label: Words { en: "Chunks", ru: "Частей" },
            min: 1.0,
            max: MAX_ITEMS,
            unit: Unit::Count,
            count: (1, 1),
            default: &[10.0],
        },
    ],
    kinds: &["blocking", "unblocked", "woke", "late"],
    completes: &["woke"],
    waits: &[("woke", Wait::Timer), ("unblocked", Wait::Poll), ("late", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/blocking.py", include_str!("lecture/blocking.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/blocking.rs", include_str!("blocking.rs"))],
    main: |cx, values| {
        blocking::main(cx, values[0].clone(), values[1][0], whole(values, 2).max(1) as usize)
            .boxed_local()
    },
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(blocking::name).collect();
        ids.extend(["blocker".to_owned(), "main".to_owned()]);
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let lines = per_value(values, |i, v| format!("ticker(\"{}\", {v}),", blocking::name(i)));
        fill_lines(spec.cell.text, "tickers", &lines)
            .replace("{{block}}", &python_number(values[1][0]))
            .replace("{{chunks}}", &python_number(values[2][0]))
    },
};

/// `asyncio.wait_for`.
pub const TIMEOUT: ScenarioSpec = ScenarioSpec {
    id: "timeout",
    group: Group::Beyond,
    title: Words { en: "timeout: wait_for", ru: "timeout: wait_for" },
    about: Words {
        en: "wait_for waits for a task, but no longer than the timeout. With a delay under the \
             timeout, main gets the result. With a timeout shorter than the delay, the task is \
             cancelled where it sleeps (it never prints 'done') and main gets a TimeoutError.",
        ru: "wait_for ждёт задачу, но не дольше таймаута. Если задержка меньше таймаута, main получает \
             результат. Если таймаут короче задержки, задача отменяется там, где спит (и не печатает \
             'done'), а main получает TimeoutError.",
    },
    // A delay equal to the timeout times out, in CPython and here alike: the
    // timeout is armed before the task first runs and sets its own timer.
    differs: None,
    params: &[
        seconds("delay", Words { en: "Task delay", ru: "Задержка задачи" }, &[2.0]),
        seconds("timeout", Words { en: "Timeout", ru: "Таймаут" }, &[1.0]),
    ],
    kinds: &["started", "done", "cancelled", "result", "timeout"],
    completes: &["done", "result", "timeout"],
    waits: &[
        ("done", Wait::Timer),
        ("cancelled", Wait::Timer),
        ("result", Wait::Future),
        ("timeout", Wait::Timer),
    ],
    lanes: &[],
    cell: source("scenarios/lecture/timeout.py", include_str!("lecture/timeout.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/timeout.rs", include_str!("timeout.rs"))],
    main: |cx, values| timeout::main(cx, values[0][0], values[1][0]).boxed_local(),
    tasks: |_| vec!["task".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// `gather` with a failing task, raising and with `return_exceptions=True`.
pub const GATHER_ERRORS: ScenarioSpec = ScenarioSpec {
    id: "gather-errors",
    group: Group::Beyond,
    title: Words { en: "gather-errors: when a task raises", ru: "gather-errors: когда задача падает" },
    about: Words {
        en: "One task raises. The default gather raises that error in main at once, but does not \
             cancel the others: they go on and finish with nobody waiting. The second gather, with \
             return_exceptions=True, waits for every task and returns the error in its place among \
             the results. Set fail=0 and nothing raises.",
        ru: "Одна задача выбрасывает исключение. Обычный gather сразу пробрасывает его в main, но не \
             отменяет остальные: они продолжают и завершаются, хотя их никто не ждёт. Второй gather, \
             с return_exceptions=True, ждёт все задачи и возвращает исключение на его месте среди \
             результатов. При fail=0 ничего не падает.",
    },
    differs: None,
    params: &[
        delays(&[1.0, 0.5, 2.0], (1, MAX_TASKS)),
        ParamSpec {
            name: "fail",
            label: Words { en: "Failing task (0: none)", ru: "Падающая задача (0 — никакая)" },
            min: 0.0,
            max: MAX_TASKS as f64,
            unit: Unit::Count,
            count: (1, 1),
            default: &[2.0],
        },
    ],
    kinds: &["finished", "failed", "raised", "gathered", "results"],
    completes: &["finished", "failed"],
    waits: &[
        ("finished", Wait::Timer),
        ("failed", Wait::Timer),
        ("raised", Wait::Future),
        ("gathered", Wait::Future),
        ("results", Wait::Future),
    ],
    lanes: &[],
    cell: source("scenarios/lecture/gather_errors.py", include_str!("lecture/gather_errors.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/gather_errors.rs", include_str!("gather_errors.rs"))],
    main: |cx, values| {
        gather_errors::main(cx, values[0].clone(), whole(values, 1).max(0) as usize).boxed_local()
    },
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(gather_errors::task_name).collect();
        ids.push("main".into());
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let failing = whole(values, 1).max(0) as usize;
        let lines = per_value(values, |i, v| {
            let fails = if i + 1 == failing { "True" } else { "False" };
            format!("work(\"{}\", {v}, {fails}),", gather_errors::task_name(i))
        });
        let longest = values[0].iter().copied().fold(0.0, f64::max);
        fill_lines(spec.cell.text, "tasks", &lines).replace("{{longest}}", &python_number(longest))
    },
};

/// Synchronous code, a spawned task, a microtask and a timer.
pub const MICROTASKS: ScenarioSpec = ScenarioSpec {
    id: "microtasks",
    group: Group::Beyond,
    title: Words { en: "microtasks: who runs first", ru: "microtasks: кто выполняется первым" },
    about: Words {
        en: "Main queues three things and goes on: a timer (setTimeout / call_later), a task \
             (an async function called / create_task) and a microtask (Promise.then / call_soon). \
             Synchronous code always finishes first. Then the task runs, as soon as main yields; \
             then the microtask, after everything running now; the timer waits for a later turn of \
             the loop, even at 0 seconds, though it was queued first.",
        ru: "main ставит в очередь три вещи и продолжает: таймер (setTimeout / call_later), задачу \
             (вызов async-функции / create_task) и микрозадачу (Promise.then / call_soon). \
             Синхронный код всегда заканчивается первым. Затем выполняется задача — как только main \
             уступит; потом микрозадача — после всего, что выполняется сейчас; таймер ждёт \
             следующего хода цикла даже при 0 секунд, хотя был поставлен первым.",
    },
    differs: None,
    params: &[seconds("delay", Words { en: "Timer delay", ru: "Задержка таймера" }, &[0.0])],
    kinds: &["sync", "task", "microtask", "macrotask"],
    completes: &["task", "microtask", "macrotask"],
    waits: &[("task", Wait::Future), ("microtask", Wait::Future), ("macrotask", Wait::Timer)],
    lanes: &[],
    cell: source("scenarios/lecture/microtasks.py", include_str!("lecture/microtasks.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/microtasks.rs", include_str!("microtasks.rs"))],
    main: |cx, values| microtasks::main(cx, values[0][0]).boxed_local(),
    tasks: |_| vec!["main".into(), "task".into(), "then".into(), "timer".into()],
    task_count: None,
    fill_cell: fill_values,
};

/// `asyncio.Lock` and `asyncio.Event`.
pub const LOCK_EVENT: ScenarioSpec = ScenarioSpec {
    id: "lock-event",
    group: Group::Beyond,
    title: Words { en: "lock-event: Lock and Event", ru: "lock-event: Lock и Event" },
    about: Words {
        en: "All workers ask for the lock at once; one gets it, the others wait and get it in the \
             order they asked, each as the one before lets go. The lock turns concurrent tasks into \
             a queue. Then the same tasks wait on an Event: nothing happens until main calls set(), \
             and then every waiter wakes at the same moment.",
        ru: "Все рабочие просят блокировку сразу; один её получает, остальные ждут и получают её в \
             порядке запроса, когда предыдущий отпускает. Блокировка превращает одновременные задачи \
             в очередь. Затем те же задачи ждут Event: ничего не происходит, пока main не вызовет \
             set(), и тогда все ожидающие просыпаются в один момент.",
    },
    differs: None,
    params: &[
        ParamSpec {
            name: "holds",
            label: Words { en: "Time each worker holds the lock", ru: "Сколько каждый держит блокировку" },
            min: 0.0,
            max: MAX_DELAY,
            unit: Unit::Seconds,
            count: (1, MAX_TASKS),
            default: &[1.0, 0.5, 1.0],
        },
        seconds("set", Words { en: "Event set after", ru: "Событие через" }, &[1.0]),
    ],
    kinds: &["waiting", "acquired", "released", "set", "woke"],
    completes: &["released", "woke"],
    waits: &[
        ("acquired", Wait::Queue),
        ("released", Wait::Timer),
        ("set", Wait::Timer),
        ("woke", Wait::Future),
    ],
    lanes: &[],
    cell: source("scenarios/lecture/lock_event.py", include_str!("lecture/lock_event.py")),
    cell_lang: CellLang::Python,
    rust: &[
        source("scenarios/lock_event.rs", include_str!("lock_event.rs")),
        source("scenarios/lock.rs", include_str!("lock.rs")),
    ],
    main: |cx, values| lock_event::main(cx, values[0].clone(), values[1][0]).boxed_local(),
    tasks: |values| {
        let mut ids: Vec<String> = (0..values[0].len()).map(lock_event::name).collect();
        ids.push("main".into());
        ids
    },
    task_count: None,
    fill_cell: |spec, values| {
        let lines = per_value(values, |i, v| format!("worker(lock, \"{}\", {v}),", lock_event::name(i)));
        let names: Vec<String> = (0..values[0].len()).map(|i| format!("\"{}\"", lock_event::name(i))).collect();
        fill_lines(spec.cell.text, "workers", &lines)
            .replace("{{names}}", &format!("[{}]", names.join(", ")))
            .replace("{{set}}", &python_number(values[1][0]))
    },
};

/// Most tasks `stress` starts: a million timers still fit a browser tab (the
/// log of such a run takes about 200 MB; see `docs/PERFORMANCE.md`).
pub const MAX_STRESS_TASKS: f64 = 1_000_000.0;

/// The timer strategies of `stress`, in `timers=` order.
pub const TIMER_STRATEGIES: &[&str] = &["gloo", "heap"];

/// `n` tasks with seeded random delays, gathered.
pub const STRESS: ScenarioSpec = ScenarioSpec {
    id: "stress",
    group: Group::Scale,
    title: Words {
        en: "stress: 10,000 timers at once", ru: "stress: 10 000 таймеров сразу"
    },
    about: Words {
        en: "The lecture's gather with n tasks instead of three, each sleeping a random delay. \
             What you watch is the event loop keeping its timers: with timers=gloo every task \
             gets its own browser setTimeout; with timers=heap the page keeps the deadlines in \
             a heap and arms a single setTimeout for the earliest, as asyncio's own loop does \
             for call_later. The table compares both with plain JavaScript (Promise.all over \
             setTimeout) on the same delays: how late the timers were, how long the run took \
             against its longest delay, the main thread's time, and memory.",
        ru: "gather из лекции, только задач не три, а n, и каждая спит случайную задержку. \
             Смотреть здесь надо на сам цикл событий и его таймеры: при timers=gloo у каждой \
             задачи свой setTimeout браузера; при timers=heap страница держит сроки в куче и \
             заводит один setTimeout на ближайший — так asyncio хранит call_later. Таблица \
             сравнивает обе стратегии с чистым JavaScript (Promise.all над setTimeout) на тех \
             же задержках: насколько опоздали таймеры, сколько шёл прогон против самой долгой \
             задержки, время главного потока и память.",
    },
    differs: Some(Words {
        en: "Tasks with the same delay (in whole milliseconds) may finish in a different order \
             in each strategy: each orders its ties by when its timers were set.",
        ru: "Задачи с одинаковой задержкой (в целых миллисекундах) могут завершаться в разном \
             порядке в разных стратегиях: каждая упорядочивает их по моменту постановки таймера.",
    }),
    params: &[
        ParamSpec {
            name: "n",
            label: Words { en: "Tasks", ru: "Задач" },
            min: 1.0,
            max: MAX_STRESS_TASKS,
            unit: Unit::Count,
            count: (1, 1),
            default: &[10_000.0],
        },
        ParamSpec {
            name: "max",
            label: Words { en: "Longest delay", ru: "Наибольшая задержка" },
            min: 0.0,
            max: MAX_DELAY,
            unit: Unit::Seconds,
            count: (1, 1),
            default: &[1.0],
        },
        ParamSpec {
            name: "seed",
            label: Words { en: "Random seed", ru: "Зерно случайности" },
            min: 0.0,
            max: MAX_VALUE,
            unit: Unit::Value,
            count: (1, 1),
            default: &[1.0],
        },
        ParamSpec {
            name: "timers",
            label: Words { en: "Timers", ru: "Таймеры" },
            min: 0.0,
            max: 1.0,
            unit: Unit::Choice(TIMER_STRATEGIES),
            count: (1, 1),
            default: &[0.0],
        },
    ],
    kinds: &["done", "gathered"],
    completes: &["done"],
    waits: &[("done", Wait::Timer), ("gathered", Wait::Future)],
    lanes: &[],
    cell: source("scenarios/lecture/stress.py", include_str!("lecture/stress.py")),
    cell_lang: CellLang::Python,
    rust: &[
        source("scenarios/stress.rs", include_str!("stress.rs")),
        source("scenarios/timer_heap.rs", include_str!("timer_heap.rs")),
    ],
    main: |cx, values| {
        let (n, max, seed) = (whole(values, 0) as usize, values[1][0], whole(values, 2) as u64);
        stress::main(cx, n, max, seed).boxed_local()
    },
    tasks: |values| {
        let n = whole(values, 0).max(0) as usize;
        (1..=n).map(|i| i.to_string()).chain(["main".to_owned()]).collect()
    },
    task_count: Some(|values| whole(values, 0).max(0) as usize + 1),
    fill_cell: fill_values,
};

/// The scenario with this `s=` id.
pub fn find(id: &str) -> Option<&'static ScenarioSpec> {
    SCENARIOS.iter().find(|spec| spec.id == id)
}

/// Writes a number as Python would in the cell: `2`, `0.5`, `0.07`.
pub fn python_number(value: f64) -> String {
    format!("{value}")
}
