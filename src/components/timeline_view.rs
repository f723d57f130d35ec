//! The timeline pane: the SVG of `timeline.rs`, a moving "now" line during a
//! run, and the event under the pointer or keyboard focus spelled out.

use scenarios::catalog::{Lang, ScenarioSpec};
use scenarios::LogEntry;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser_run::page_ms;
use crate::i18n;
use crate::state::Status;
use crate::timeline::{self, TimelineInput};

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The scenario.
    pub scenario: &'static ScenarioSpec,
    /// Its parameter values.
    pub values: Vec<Vec<f64>>,
    /// The run's rows.
    pub log: Vec<LogEntry>,
    /// The expected run, from the virtual clock.
    pub planned: std::rc::Rc<Vec<LogEntry>>,
    /// Where the run is.
    pub status: Status,
    /// `performance.now()` when the run started.
    pub started_ms: Option<f64>,
    /// The run's speed.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
}

/// The `data-seq` of the marker an event happened on, if any.
fn marker_seq(event: &Event) -> Option<u32> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[data-seq]").ok()??.get_attribute("data-seq")?.parse().ok()
}

/// The timeline pane.
#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let lang = props.lang;
    let running = props.status == Status::Running;
    // Redrawn about twenty times a second while a run goes, for the now line.
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
    let planned = props.status == Status::Idle;
    let events: &[LogEntry] = if planned { &props.planned } else { &props.log };
    let end = props.planned.iter().map(|e| e.at).fold(0.0, f64::max);
    let svg = timeline::svg(&TimelineInput {
        spec: props.scenario,
        values: &props.values,
        events,
        now: if running { *now } else { None },
        end,
        planned,
        expected: &props.planned,
        lang,
    });
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
            <h2 id="timeline-title">{ i18n::TIMELINE.get(lang) }</h2>
            <div
                class={classes!("timeline", planned.then_some("planned"))}
                data-planned={planned.to_string()}
                onmouseover={on_point.reform(|e: MouseEvent| e.into())}
                onfocusin={on_point.reform(|e: FocusEvent| e.into())}
            >
                // Our own SVG: every text in it went through `timeline::escape`.
                { Html::from_html_unchecked(svg.into()) }
            </div>
            <p class="timeline-detail" aria-live="polite">
                { detail.unwrap_or_else(|| i18n::TIMELINE_HINT.get(lang).to_owned()) }
            </p>
        </section>
    }
}
