//! The timeline pane: the drawing of `timeline.rs`, a moving "now" line
//! during a run, and the event under the pointer or keyboard focus spelled
//! out.
//!
//! The drawing is put into the page as Yew nodes, not as markup: each tick
//! of the now line (twenty a second during a run) patches the few attributes
//! that changed, a new event adds its marker beside the others, and the
//! elements already there stay, with the keyboard focus on a marker.

use catalog::Lang;
use runtime::{LogEntry, WaitSpan, WaitSpans};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::{Key, VTag, VText};

use crate::browser_run::page_ms;
use crate::i18n;
use crate::state::{Log, Status};
use crate::subject::{RunSource, Subject};
use crate::timeline::{self, draws_lanes, TimelineInput};

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// What runs: the scenario with its values, or the program.
    pub source: RunSource,
    /// The run's rows.
    pub log: Log,
    /// The expected run, from the virtual clock.
    pub planned: std::rc::Rc<Vec<LogEntry>>,
    /// What the tasks waited on: the run's, or before a run the virtual
    /// clock's.
    pub waits: std::rc::Rc<WaitSpans>,
    /// Where the run is.
    pub status: Status,
    /// `performance.now()` when the run started.
    pub started_ms: Option<f64>,
    /// The run's speed.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
    /// Shown beside the heading (the predict switch: what happens next).
    #[prop_or_default]
    pub children: Html,
}

/// The `data-seq` of the marker an event happened on, if any.
fn marker_seq(event: &Event) -> Option<u32> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[data-seq]").ok()??.get_attribute("data-seq")?.parse().ok()
}

/// What a timeline shows of a run: its rows, the virtual clock's plan, the
/// waits to draw (the plan's before a run, the run's after), whether it is
/// before a run (`idle`), and the notebook time now during one.
pub struct Shown<'a> {
    /// The run's rows.
    pub log: &'a Log,
    /// The virtual clock's plan.
    pub predicted: &'a [LogEntry],
    /// The waits to draw.
    pub waits: &'a [WaitSpan],
    /// Before a run: the plan is drawn.
    pub idle: bool,
    /// Notebook seconds now, during a run.
    pub now: Option<f64>,
}

/// The timeline as the page shows it and "Download SVG" saves it: the
/// prediction before a run (`idle`), the run's events after, or, with more
/// lanes than [`timeline::MOST_LANES`], the aggregate. Also returns the
/// events drawn one by one (none when aggregated).
pub fn timeline_drawing(
    subject: Subject<'_>,
    shown: &Shown<'_>,
    lang: Lang,
) -> (timeline::Node, Vec<LogEntry>) {
    let Shown { log, predicted, waits, idle, now } = *shown;
    // Thousands of lanes are drawn in aggregate: a scenario knows it from
    // its parameters; a program, once it has made more tasks than lanes
    // fit (its lanes are listed up to one past the most).
    let scenario_lanes = subject.scenario().filter(|(spec, values)| !draws_lanes(spec, values));
    let events = match scenario_lanes {
        Some(_) => Vec::new(),
        None if idle => predicted.to_vec(),
        None => log.entries(),
    };
    let aggregate = match scenario_lanes {
        Some((spec, values)) => Some(spec.lane_count(values)),
        None => Some(subject.lanes(&events, waits).len()).filter(|n| *n > timeline::MOST_LANES),
    };
    if let Some(lane_count) = aggregate {
        // The axis: the longest delay a parameter asks for, or the run so far.
        let longest = scenario_lanes
            .into_iter()
            .flat_map(|(spec, values)| spec.params.iter().zip(values))
            .filter(|(param, _)| param.unit == catalog::Unit::Seconds)
            .flat_map(|(_, values)| values.iter().copied())
            .fold(0.0, f64::max);
        let last = log.len().checked_sub(1).and_then(|i| log.get(i));
        let end = last.map_or(longest, |row| row.entry.at.max(longest));
        let events = log.iter().map(|row| &row.entry);
        let drawing = timeline::aggregate_drawing(&subject, lane_count, events, now, end, lang);
        return (drawing, Vec::new());
    }
    let drawing = timeline::drawing(&TimelineInput {
        subject,
        events: &events,
        now,
        end: predicted.iter().map(|e| e.at).fold(0.0, f64::max),
        planned: idle,
        expected: predicted,
        waits,
        lang,
    });
    (drawing, events)
}

/// The drawing as Yew nodes. Text goes in as text nodes and values as
/// attributes, so nothing in it is ever read as markup. Markers carry their
/// key, and each [`timeline::Node::Part`] is a list of its own: when a run
/// adds an event or moves the now line, Yew patches the elements that are
/// there and adds the new ones, and never replaces a marker (which may have
/// the keyboard focus).
fn vnode(node: &timeline::Node) -> Html {
    match node {
        timeline::Node::Text(text) => VText::new(text.clone()).into(),
        timeline::Node::Part(nodes) => nodes.iter().map(vnode).collect(),
        timeline::Node::Element(element) => {
            let mut tag = VTag::new(element.tag);
            for (name, value) in &element.attrs {
                tag.add_attribute(name, value.clone());
            }
            tag.key = element.key.map(Key::from);
            tag.add_children(element.children.iter().map(vnode));
            tag.into()
        }
    }
}

/// The timeline pane.
#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let lang = props.lang;
    let running = props.status == Status::Running;
    // Twenty ticks a second while a run goes, for the now line. Each makes
    // the drawing anew, and Yew patches only what changed in the page.
    let now = use_state(|| None::<f64>);
    {
        let now = now.clone();
        let (started, speed) = (props.started_ms, props.speed);
        use_effect_with((running, started.map(f64::to_bits)), move |(running, _)| {
            let interval = (*running).then(|| {
                let now = now.clone();
                gloo_timers::callback::Interval::new(50, move || {
                    if let Some(started) = started {
                        now.set(Some((page_ms() - started) * speed / 1000.0));
                    }
                })
            });
            if !*running {
                now.set(None);
            }
            move || drop(interval)
        });
    }
    let selected = use_state(|| None::<u32>);
    let idle = props.status == Status::Idle;
    let now_at = if running { *now } else { None };
    let shown = Shown {
        log: &props.log,
        predicted: &props.planned,
        waits: props.waits.spans(),
        idle,
        now: now_at,
    };
    let subject = props.source.subject();
    let (drawing, events) = timeline_drawing(subject, &shown, lang);
    // Drawn from the virtual clock: before a run, where lanes are drawn one by one.
    let planned = idle && props.source.draws_lanes();
    let on_point = {
        let selected = selected.clone();
        Callback::from(move |event: Event| {
            if let Some(seq) = marker_seq(&event) {
                selected.set(Some(seq));
            }
        })
    };
    let detail = selected.and_then(|seq| events.iter().find(|e| e.seq == seq)).map(|e| {
        format!(
            "{:.2} {} · {} {} · {}",
            e.at,
            i18n::SECONDS.get(lang),
            e.task,
            e.kind,
            e.text.get(lang)
        )
    });
    html! {
        <section class="timeline-pane" aria-labelledby="timeline-title">
            <header class="timeline-head">
                <h2 id="timeline-title">{ i18n::TIMELINE.get(lang) }</h2>
                { props.children.clone() }
            </header>
            <div
                class={classes!("timeline", planned.then_some("planned"))}
                data-planned={planned.to_string()}
                onmouseover={on_point.reform(|e: MouseEvent| e.into())}
                onfocusin={on_point.reform(|e: FocusEvent| e.into())}
            >
                { vnode(&drawing) }
            </div>
            <p class="timeline-detail" aria-live="polite">
                { detail.unwrap_or_else(|| i18n::TIMELINE_HINT.get(lang).to_owned()) }
            </p>
        </section>
    }
}
