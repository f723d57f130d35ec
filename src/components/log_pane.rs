//! The log: the run's state and its rows in the order they were logged, with
//! notebook and real time, the drift from the virtual clock's expectation,
//! the task's colour and label, and the completion order.

use std::collections::HashMap;
use std::rc::Rc;

use catalog::Lang;
use runtime::LogEntry;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::kind_value;
use crate::i18n;
use crate::state::{Log, Row, Status};
use crate::subject::{RunSource, Subject};
use crate::timeline::lane_colour;

/// Props of [`LogPane`].
#[derive(Properties, PartialEq)]
pub struct LogPaneProps {
    /// What runs (for the lanes' colours).
    pub source: RunSource,
    /// Where the run is.
    pub status: Status,
    /// The rows.
    pub log: Log,
    /// The expected run, from the virtual clock.
    pub planned: Rc<Vec<LogEntry>>,
    /// The run's speed, for drift in real milliseconds.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
    /// Whether the page was hidden during the run (times not faithful).
    #[prop_or_default]
    pub hidden_during_run: bool,
}

/// Up to this many rows every row is in the DOM (the DOM contract); beyond,
/// only the rows in view are (a `stress` run logs up to a million).
pub const ALL_ROWS_UP_TO: usize = 1000;
/// A row's height when only the rows in view are drawn (`.log.windowed` in
/// the style sheet gives rows exactly this height).
const ROW_PX: i32 = 44;
/// Rows drawn above and below the view, so a quick scroll shows no gap.
const OVERSCAN: usize = 10;

/// Each row's expected notebook time: the planned event with the same task,
/// kind and occurrence.
fn expected_times<'a>(
    log: impl Iterator<Item = &'a LogEntry>,
    planned: &[LogEntry],
) -> Vec<Option<f64>> {
    let mut plan: HashMap<(&str, &str, usize), f64> = HashMap::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for e in planned {
        let n = seen.entry((&e.task, &e.kind)).or_default();
        *n += 1;
        plan.insert((&e.task, &e.kind, *n), e.at);
    }
    let mut seen: HashMap<(String, &str), usize> = HashMap::new();
    log.map(|e| {
        let n = seen.entry((e.task.clone(), &e.kind)).or_default();
        *n += 1;
        plan.get(&(e.task.as_str(), &e.kind, *n)).copied()
    })
    .collect()
}

/// A lane's colour where the lanes are too many to list: the same task
/// always gets the same colour.
fn colour_of_task(task: &str) -> &'static str {
    let hash =
        task.bytes().fold(2_166_136_261_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
    lane_colour(hash as usize)
}

/// Props of [`LogRow`]: a row by address, and how to show it.
#[derive(Properties)]
pub struct LogRowProps {
    /// The chunk of the log that holds the row.
    pub chunk: Rc<[Row]>,
    /// The row's place in the chunk.
    pub at: usize,
    /// Its lane's colour.
    pub colour: &'static str,
    /// The virtual clock's time for it, if it expected it.
    pub expected: Option<f64>,
    /// The run's speed, for drift in real milliseconds.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
}

impl PartialEq for LogRowProps {
    /// Rows never change once logged: the same place in the same chunk is
    /// the same row, so a re-render of the pane skips every row it has.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.chunk, &other.chunk)
            && self.at == other.at
            && self.colour == other.colour
            && self.expected == other.expected
            && self.speed == other.speed
            && self.lang == other.lang
    }
}

/// One `.log-entry`.
#[component]
pub fn LogRow(props: &LogRowProps) -> Html {
    let Some(row) = props.chunk.get(props.at) else { return Html::default() };
    let (entry, lang) = (&row.entry, props.lang);
    let unit = i18n::SECONDS.get(lang);
    let meta = format!("{:.2} {unit} · {:.1} ms · {}", entry.at, entry.real_ms, entry.task);
    let mut note = Vec::new();
    if let Some(n) = row.order {
        note.push(format!("#{n}"));
    }
    if let Some(at) = props.expected {
        // Real time against the virtual clock's: a scenario's notebook time
        // is its real time scaled, a program's is its loop's clock (exact
        // by construction), so both are measured on the real clock.
        let drift_ms = entry.real_ms - at * 1000.0 / props.speed;
        note.push(format!("{} {at:.2} {unit}, {drift_ms:+.1} ms", i18n::EXPECTED.get(lang)));
    }
    html! {
        <li
            class={classes!("log-entry", kind_value(&entry.kind), row.order.map(|_| "completion"))}
            style={format!("--lane: {}", props.colour)}
            data-seq={entry.seq.to_string()}
            data-t={entry.real_ms.to_string()}
            data-task={entry.task.clone()}
            data-kind={kind_value(&entry.kind)}
            data-meta={meta}
            data-note={note.join(" · ")}
        >
            { entry.text.get(lang).to_owned() }
        </li>
    }
}

/// The log pane, with the DOM contract of `SCENARIOS.md`: the state in
/// `data-state`, each row a `.log-entry` with `data-seq`, `data-t`,
/// `data-task` and `data-kind`, and the row's text the message alone (times,
/// label and order are drawn from `data-meta`/`data-note` by CSS).
///
/// Up to [`ALL_ROWS_UP_TO`] rows all are drawn, with their drift from the
/// virtual clock. Beyond, the list is windowed: it is as tall as all its rows
/// would be, and only the rows in view (and a few around) are in the DOM, so
/// scrolling through 100,000 rows costs what scrolling through 40 does.
#[component]
pub fn LogPane(props: &LogPaneProps) -> Html {
    let lang = props.lang;
    let state = props.status.as_str();
    let completions_only = use_state(|| false);
    // Follow new rows unless the reader has scrolled up.
    let list = use_node_ref();
    let follow = use_mut_ref(|| true);
    // The windowed list's scroll position and height, in pixels.
    let view = use_state(|| (0_i32, 400_i32));
    {
        let list = list.clone();
        let follow = follow.clone();
        use_effect_with((props.log.len(), *completions_only), move |(rows, _)| {
            // Scrolling makes the browser lay the page out at once: not for
            // an empty log (the page's first render).
            if *follow.borrow() && *rows > 0 {
                if let Some(list) = list.cast::<HtmlElement>() {
                    // Past the end; the browser stops at the bottom.
                    list.set_scroll_top(i32::MAX);
                }
            }
        });
    }
    let onscroll = {
        let list = list.clone();
        let view = view.clone();
        Callback::from(move |_: Event| {
            if let Some(list) = list.cast::<HtmlElement>() {
                let bottom = list.scroll_top() + list.client_height() >= list.scroll_height() - 4;
                *follow.borrow_mut() = bottom;
                let now = (list.scroll_top(), list.client_height());
                // Re-render only when the first row in view changes.
                if now.0 / ROW_PX != view.0 / ROW_PX || now.1 != view.1 {
                    view.set(now);
                }
            }
        })
    };
    let log = &props.log;
    let subject = props.source.subject();
    let windowed = log.len() > ALL_ROWS_UP_TO;
    let rows = if windowed {
        // The rows the list holds: all, or the completions only.
        let shown: Option<Vec<usize>> = (*completions_only).then(|| {
            log.iter().enumerate().filter(|(_, r)| r.order.is_some()).map(|(i, _)| i).collect()
        });
        let total = shown.as_ref().map_or(log.len(), Vec::len);
        let in_view = (view.1.max(ROW_PX) / ROW_PX) as usize + 1;
        let first = (view.0.max(0) / ROW_PX) as usize;
        let first = first.saturating_sub(OVERSCAN).min(total.saturating_sub(in_view + OVERSCAN));
        let last = (first + in_view + 2 * OVERSCAN).min(total);
        let rows = (first..last)
            .filter_map(|i| log.locate(shown.as_ref().map_or(i, |s| s[i])))
            .map(|(chunk, at)| {
                let row = &chunk[at];
                let colour = colour_of_task(subject.lane_of(&row.entry.task, &row.entry.kind));
                html! {
                    <LogRow key={row.entry.seq} chunk={chunk.clone()} {at} {colour}
                        expected={None::<f64>} speed={props.speed} {lang} />
                }
            });
        // Spacers stand in for the rows out of view, so the scroll bar is as
        // long as the whole log.
        let spacer = |rows: usize, key: &'static str| {
            let height = format!("height: {}px", rows as i64 * i64::from(ROW_PX));
            html! { <li key={key} class="log-spacer" aria-hidden="true" style={height}></li> }
        };
        std::iter::once(spacer(first, "above"))
            .chain(rows)
            .chain(std::iter::once(spacer(total - last, "below")))
            .collect::<Html>()
    } else {
        // Lanes by colour where they are few enough to list (a `stress` run
        // has thousands: each task's colour then comes from its id).
        let few = props.source.draws_lanes();
        // A program's lanes are its tasks in the order they first printed
        // (the timeline's, where no task only waited).
        let lane_ids = match few {
            true if matches!(subject, Subject::Program { .. }) => {
                let entries: Vec<LogEntry> = log.iter().map(|r| r.entry.clone()).collect();
                subject.lanes(&entries, &[])
            }
            true => subject.lanes(&[], &[]),
            false => Vec::new(),
        };
        let expected = if props.planned.is_empty() {
            vec![None; log.len()]
        } else {
            expected_times(log.iter().map(|r| &r.entry), &props.planned)
        };
        log.located()
            .zip(expected)
            .filter(|((chunk, at), _)| !*completions_only || chunk[*at].order.is_some())
            .map(|((chunk, at), expected)| {
                let row = &chunk[at];
                let lane = subject.lane_of(&row.entry.task, &row.entry.kind);
                let colour = match lane_ids.iter().position(|l| l == lane) {
                    Some(i) => lane_colour(i),
                    None => colour_of_task(lane),
                };
                html! {
                    <LogRow key={row.entry.seq} chunk={chunk.clone()} {at} {colour} {expected}
                        speed={props.speed} {lang} />
                }
            })
            .collect::<Html>()
    };
    let set_filter = |only: bool| {
        let completions_only = completions_only.clone();
        Callback::from(move |_: MouseEvent| completions_only.set(only))
    };
    html! {
        <section class="log-pane" aria-labelledby="log-title">
            <header class="log-head">
                <h2 id="log-title">{ i18n::LOG.get(lang) }</h2>
                <div class="filter" role="group">
                    <button type="button" class="small filter-all" aria-pressed={(!*completions_only).to_string()}
                        onclick={set_filter(false)}>{ i18n::FILTER_ALL.get(lang) }</button>
                    <button type="button" class="small filter-done" aria-pressed={(*completions_only).to_string()}
                        onclick={set_filter(true)}>{ i18n::FILTER_DONE.get(lang) }</button>
                </div>
                <p class={classes!("status", state)} data-state={state} role="status">
                    { props.status.words().get(lang) }
                </p>
            </header>
            if props.hidden_during_run {
                <p class="unfaithful" role="note">{ i18n::HIDDEN_DURING_RUN.get(lang) }</p>
            }
            if log.is_empty() && props.status == Status::Idle {
                <p class="log-empty">{ i18n::LOG_EMPTY.get(lang) }</p>
            }
            <ol class={classes!("log", windowed.then_some("windowed"))} data-rows={log.len().to_string()}
                data-faithful={(!props.hidden_during_run).to_string()}
                aria-live={(!windowed).then_some("polite")} ref={list} {onscroll} tabindex="0">
                { rows }
            </ol>
        </section>
    }
}
