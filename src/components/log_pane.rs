//! The log: the run's state and its rows in the order they were logged, with
//! notebook and real time, the drift from the virtual clock's expectation,
//! the task's colour and label, and the completion order.

use std::collections::HashMap;
use std::rc::Rc;

use scenarios::catalog::{Lang, ScenarioSpec};
use scenarios::LogEntry;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::i18n;
use crate::state::Status;
use crate::timeline::{completion_order, lane_colour, lanes};

/// Props of [`LogPane`].
#[derive(Properties, PartialEq)]
pub struct LogPaneProps {
    /// The scenario.
    pub scenario: &'static ScenarioSpec,
    /// Its parameter values (for the lanes' colours).
    pub values: Vec<Vec<f64>>,
    /// Where the run is.
    pub status: Status,
    /// The rows.
    pub log: Vec<LogEntry>,
    /// The expected run, from the virtual clock.
    pub planned: Rc<Vec<LogEntry>>,
    /// The run's speed, for drift in real milliseconds.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
}

/// Each row's expected notebook time: the planned event with the same task,
/// kind and occurrence.
fn expected_times(log: &[LogEntry], planned: &[LogEntry]) -> Vec<Option<f64>> {
    let mut plan: HashMap<(&str, &str, usize), f64> = HashMap::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for e in planned {
        let n = seen.entry((&e.task, e.kind)).or_default();
        *n += 1;
        plan.insert((&e.task, e.kind, *n), e.at);
    }
    seen.clear();
    log.iter()
        .map(|e| {
            let n = seen.entry((&e.task, e.kind)).or_default();
            *n += 1;
            plan.get(&(e.task.as_str(), e.kind, *n)).copied()
        })
        .collect()
}

/// The log pane, with the DOM contract of `SCENARIOS.md`: the state in
/// `data-state`, each row a `.log-entry` with `data-seq`, `data-t`,
/// `data-task` and `data-kind`, and the row's text the message alone (times,
/// label and order are drawn from `data-meta`/`data-note` by CSS).
#[component]
pub fn LogPane(props: &LogPaneProps) -> Html {
    let lang = props.lang;
    let state = props.status.as_str();
    let completions_only = use_state(|| false);
    // Follow new rows unless the reader has scrolled up.
    let list = use_node_ref();
    let follow = use_mut_ref(|| true);
    {
        let list = list.clone();
        let follow = follow.clone();
        use_effect_with(props.log.len(), move |_| {
            if *follow.borrow() {
                if let Some(list) = list.cast::<HtmlElement>() {
                    list.set_scroll_top(list.scroll_height());
                }
            }
        });
    }
    let onscroll = {
        let list = list.clone();
        Callback::from(move |_: Event| {
            if let Some(list) = list.cast::<HtmlElement>() {
                let bottom = list.scroll_top() + list.client_height() >= list.scroll_height() - 4;
                *follow.borrow_mut() = bottom;
            }
        })
    };
    let lane_ids = lanes(props.scenario, &props.values, &props.log);
    let orders = completion_order(props.scenario, &props.log);
    let expected = expected_times(&props.log, &props.planned);
    let unit = i18n::SECONDS.get(lang);
    let rows =
        props.log.iter().zip(orders).zip(expected).filter_map(|((entry, order), expected)| {
            if *completions_only && order.is_none() {
                return None;
            }
            let lane = props.scenario.lane_of(&entry.task, entry.kind);
            let colour = lane_colour(lane_ids.iter().position(|l| l == lane).unwrap_or(0));
            let meta = format!("{:.2} {unit} · {:.1} ms · {}", entry.at, entry.real_ms, entry.task);
            let mut note = Vec::new();
            if let Some(n) = order {
                note.push(format!("#{n}"));
            }
            if let Some(at) = expected {
                let drift_ms = (entry.at - at) * 1000.0 / props.speed;
                note.push(format!(
                    "{} {at:.2} {unit}, {drift_ms:+.1} ms",
                    i18n::EXPECTED.get(lang)
                ));
            }
            let message = entry.text.get(lang).to_owned();
            Some(html! {
                <li
                    key={entry.seq}
                    class={classes!("log-entry", entry.kind, order.map(|_| "completion"))}
                    style={format!("--lane: {colour}")}
                    data-seq={entry.seq.to_string()}
                    data-t={entry.real_ms.to_string()}
                    data-task={entry.task.clone()}
                    data-kind={entry.kind}
                    data-meta={meta}
                    data-note={note.join(" · ")}
                >
                    { message }
                </li>
            })
        });
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
            if props.log.is_empty() && props.status == Status::Idle {
                <p class="log-empty">{ i18n::LOG_EMPTY.get(lang) }</p>
            }
            <ol class="log" aria-live="polite" ref={list} {onscroll} tabindex="0">
                { for rows }
            </ol>
        </section>
    }
}
