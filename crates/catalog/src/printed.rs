//! What the lecture's notebook printed for each of its cells, verbatim
//! (`lecture/printed/*.txt`), and which logged event each line is, so the
//! page can set the lecture's output beside its own log and mark where the
//! browser's order differs.

use text::Words;

/// A line of the lecture's output and the event it is, if it is one.
pub type Event = Option<(String, &'static str)>;

/// The lecture's output for a scenario.
pub struct Printed {
    /// The scenario's `s=` id.
    pub id: &'static str,
    /// The output as the notebook shows it; empty when it shows none.
    pub text: &'static str,
    /// The event of each line (`None`: not an event the page logs).
    pub events: fn(&[&str]) -> Vec<Event>,
    /// Why lines differ or are missing in the page.
    pub note: Option<Words>,
}

impl Printed {
    /// The lines with their events.
    pub fn lines(&self) -> Vec<(&'static str, Event)> {
        let lines: Vec<&'static str> = self.text.lines().filter(|l| !l.trim().is_empty()).collect();
        let events = (self.events)(&lines);
        lines.into_iter().zip(events).collect()
    }
}

/// The text after `prefix` up to the first char in `stops`.
fn between<'a>(line: &'a str, prefix: &str, stops: &[char]) -> Option<&'a str> {
    let rest = line.strip_prefix(prefix)?;
    Some(rest.split(|c| stops.contains(&c)).next().unwrap_or(rest))
}

fn each(lines: &[&str], event: impl Fn(&str) -> Event) -> Vec<Event> {
    lines.iter().map(|line| event(line)).collect()
}

fn none(lines: &[&str]) -> Vec<Event> {
    vec![None; lines.len()]
}

fn queue_events(lines: &[&str]) -> Vec<Event> {
    each(lines, |l| {
        if let Some(item) = l.strip_prefix("Produced ") {
            Some((item.to_owned(), "produced"))
        } else {
            l.strip_prefix("Consumed ").map(|item| (item.to_owned(), "consumed"))
        }
    })
}

/// Every lecture scenario's output, in catalog order.
pub const PRINTED: &[Printed] = &[
    Printed {
        id: "coroutine",
        text: include_str!("../../../scenarios/lecture/printed/coroutine.txt"),
        events: |lines| {
            each(lines, |l| {
                let task = between(l, "Задача ", &[':'])?.to_owned();
                let kind = if l.contains("Начало") { "start" } else { "done" };
                Some((task, kind))
            })
        },
        note: None,
    },
    Printed {
        id: "gather",
        text: include_str!("../../../scenarios/lecture/printed/gather.txt"),
        events: |lines| {
            each(lines, |l| {
                let task = between(l, "Task ", &[' '])?.to_owned();
                Some((task, if l.ends_with("started") { "start" } else { "finish" }))
            })
        },
        note: None,
    },
    Printed {
        id: "create-task",
        text: include_str!("../../../scenarios/lecture/printed/create_task.txt"),
        events: |lines| {
            each(lines, |l| {
                let task = between(l, "Task", &[':'])?.to_owned();
                let kind = if l.ends_with("processing data...") {
                    "processing"
                } else if l.ends_with("fetching data...") {
                    "fetching"
                } else if l.ends_with("data received!") {
                    "received"
                } else if l.contains("processed") {
                    "processed"
                } else {
                    "result"
                };
                Some((task, kind))
            })
        },
        note: None,
    },
    Printed { id: "sleep", text: "", events: none, note: None },
    Printed {
        id: "future",
        text: include_str!("../../../scenarios/lecture/printed/future.txt"),
        events: |lines| each(lines, |_| Some(("main".to_owned(), "result"))),
        note: Some(Words {
            en: "The page also logs the moment the setter sets the result, which the lecture does not print.",
            ru: "Страница ещё записывает момент, когда задача устанавливает результат; лекция его не печатает.",
        }),
    },
    Printed {
        id: "futures-as-completed",
        text: include_str!("../../../scenarios/lecture/printed/futures_as_completed.txt"),
        events: |lines| {
            each(lines, |l| {
                let n = |l: &str| l.split("Результат ").nth(1)?.chars().next().map(String::from);
                if l.starts_with("Future с") {
                    Some((n(l)?, "set"))
                } else if l.starts_with("Обработан") {
                    Some((n(l)?, "processed"))
                } else if l.starts_with("Function с") {
                    Some((n(l)?, "function-done"))
                } else {
                    None
                }
            })
        },
        note: Some(Words {
            en: "The two <class …> lines print the types of the futures; the page does not log them. At \
                 t = 2 two timers fire at once: CPython runs both in one loop iteration, so 'Function … \
                 Результат 2' comes before 'Обработан результат: Результат 1'; the browser runs them in \
                 two turns and main processes result 1 in between.",
            ru: "Две строки <class …> печатают типы future; страница их не записывает. В t = 2 два таймера \
                 срабатывают одновременно: CPython выполняет оба за одну итерацию цикла, поэтому \
                 'Function … Результат 2' идёт раньше 'Обработан результат: Результат 1'; браузер \
                 выполняет их за два хода, и main успевает обработать результат 1 между ними.",
        }),
    },
    Printed {
        id: "fetch",
        text: include_str!("../../../scenarios/lecture/printed/fetch.txt"),
        events: |lines| {
            let mut totals = ["concurrent", "sequential"].into_iter();
            lines
                .iter()
                .map(|l| {
                    if let Some(n) = l.strip_prefix("Обработан результат ") {
                        Some((n.to_owned(), "fetched"))
                    } else if l.starts_with("Wall time") {
                        totals.next().map(|way| (way.to_owned(), "total"))
                    } else {
                        None
                    }
                })
                .collect()
        },
        note: Some(Words {
            en: "The lecture timed its two cells with IPython's %%time (the CPU times lines) over a real \
                 network: 71 ms together, 232 ms one after another. The page logs the wall time only, \
                 with its own latency. The three concurrent requests have equal latencies, so they may \
                 finish in any order.",
            ru: "Лекция замеряла две ячейки через %%time в IPython (строки CPU times) по настоящей сети: \
                 71 мс вместе и 232 мс по очереди. Страница записывает только общее время со своей \
                 задержкой. У трёх одновременных запросов задержки равны, поэтому они могут завершиться \
                 в любом порядке.",
        }),
    },
    Printed {
        id: "wait-first",
        text: include_str!("../../../scenarios/lecture/printed/wait_first.txt"),
        events: |lines| {
            each(lines, |l| match l {
                "Short task done" => Some(("short".to_owned(), "done")),
                "Short result" => Some(("short".to_owned(), "result")),
                _ => None,
            })
        },
        note: Some(Words {
            en: "The first line is the end of a DeprecationWarning: passing coroutines to asyncio.wait \
                 was deprecated (Python 3.11 refuses them). The page passes tasks. It also logs that \
                 asyncio.run cancels the long task, which the lecture does not print.",
            ru: "Первая строка — хвост DeprecationWarning: передавать корутины в asyncio.wait устарело \
                 (Python 3.11 их не принимает). Страница передаёт задачи. Ещё она записывает, что \
                 asyncio.run отменяет долгую задачу; лекция этого не печатает.",
        }),
    },
    Printed {
        id: "as-completed",
        text: include_str!("../../../scenarios/lecture/printed/as_completed.txt"),
        events: |lines| each(lines, |l| Some((between(l, "Task ", &[' '])?.to_owned(), "result"))),
        note: None,
    },
    Printed {
        id: "queue",
        text: include_str!("../../../scenarios/lecture/printed/queue.txt"),
        events: queue_events,
        note: None,
    },
    Printed {
        id: "bounded-queue",
        text: include_str!("../../../scenarios/lecture/printed/bounded_queue.txt"),
        events: queue_events,
        note: None,
    },
    Printed { id: "database", text: "", events: none, note: None },
    Printed {
        id: "async-iterator",
        text: include_str!("../../../scenarios/lecture/printed/async_iterator.txt"),
        events: |lines| each(lines, |l| Some((l.trim().to_owned(), "item"))),
        note: None,
    },
    Printed { id: "go-channel", text: "", events: none, note: None },
    Printed { id: "cpp-promise", text: "", events: none, note: None },
    Printed { id: "cpp-async", text: "", events: none, note: None },
];

/// The lecture's output for scenario `id`; `None` for scenarios that are not
/// the lecture's.
pub fn find(id: &str) -> Option<&'static Printed> {
    PRINTED.iter().find(|p| p.id == id)
}

/// How a line of the lecture's output compares with a run of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The page logged this event at the same place among these events.
    Same,
    /// The page logged it, but at another place.
    Differs,
    /// Not an event the page logs (a type, a timing, a warning).
    NotLogged,
}

/// Each line's verdict against `logged`, the page's events in order. The
/// page's events are first narrowed to the ones the lecture printed, so a
/// row the lecture never printed moves nothing.
/// (The page reads the lines from `static/texts/<id>.json`, their kinds as
/// `String`s.)
pub fn compare<K: AsRef<str>>(
    lines: &[(&str, Option<(String, K)>)],
    logged: &[(String, &str)],
) -> Vec<Verdict> {
    let printed: Vec<(&str, &str)> = lines
        .iter()
        .filter_map(|(_, e)| e.as_ref())
        .map(|(t, k)| (t.as_str(), k.as_ref()))
        .collect();
    let page: Vec<(&str, &str)> =
        logged.iter().map(|(t, k)| (t.as_str(), *k)).filter(|e| printed.contains(e)).collect();
    let mut at = 0;
    lines
        .iter()
        .map(|(_, event)| match event {
            None => Verdict::NotLogged,
            Some(event) => {
                let same = page.get(at) == Some(&(event.0.as_str(), event.1.as_ref()));
                at += 1;
                if same {
                    Verdict::Same
                } else {
                    Verdict::Differs
                }
            }
        })
        .collect()
}
