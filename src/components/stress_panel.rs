//! The `stress` scenario's table: each timer strategy against the plain
//! JavaScript baseline, on the same delays.

use catalog::Lang;
use yew::prelude::*;

use crate::i18n;
use crate::measure::{megabytes, Measure, Strategy, Workload};

/// Props of [`StressPanel`].
#[derive(Properties, PartialEq)]
pub struct StressPanelProps {
    /// The workload the parameters describe now.
    pub workload: Workload,
    /// Every measurement so far; rows of other workloads are not shown.
    pub measures: Vec<Measure>,
    /// Whether a run or the baseline is going (the button waits).
    pub busy: bool,
    /// Whether the baseline is the one going.
    pub baseline_running: bool,
    /// The page's language.
    pub lang: Lang,
    /// The baseline button.
    pub on_baseline: Callback<()>,
}

fn ms(value: f64) -> String {
    format!("{value:.1} ms")
}

/// The table and the baseline's button.
#[component]
pub fn StressPanel(props: &StressPanelProps) -> Html {
    let lang = props.lang;
    let rows = Strategy::ALL.iter().map(|&strategy| {
        let name = match strategy {
            Strategy::Gloo => i18n::STRESS_GLOO,
            Strategy::Heap => i18n::STRESS_HEAP,
            Strategy::JavaScript => i18n::STRESS_JS,
        };
        let measure =
            props.measures.iter().find(|m| m.strategy == strategy && m.workload == props.workload);
        let Some(m) = measure else {
            return html! {
                <tr data-strategy={strategy.code()}>
                    <th scope="row">{ name.get(lang) }</th>
                    <td colspan="4" class="muted">{ i18n::STRESS_NOT_YET.get(lang) }</td>
                </tr>
            };
        };
        let late = m.late.map_or_else(
            || "—".to_owned(),
            |p| format!("{:.1} · {:.1} · {:.1} · {:.1} ms", p.p50, p.p90, p.p99, p.max),
        );
        let mut memory = m.js_heap_bytes.map(|b| format!("JS +{}", megabytes(b))).unwrap_or_default();
        if let Some(wasm) = m.wasm_bytes {
            memory = format!("{memory} · wasm {}", megabytes(wasm));
        }
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        html! {
            <tr data-strategy={strategy.code()} data-measured="true" data-faithful={m.faithful.to_string()}
                data-wall={m.wall_ms.to_string()} data-longest={m.longest_ms.to_string()}
                data-p50={number(m.late.map(|p| p.p50))} data-p99={number(m.late.map(|p| p.p99))}
                data-max={number(m.late.map(|p| p.max))} data-busy={m.busy_ms.to_string()}
                data-js-heap={number(m.js_heap_bytes)} data-wasm={number(m.wasm_bytes)}>
                <th scope="row">
                    { name.get(lang) }
                    if !m.faithful { <span class="unfaithful">{ " — " }{ i18n::NOT_FAITHFUL.get(lang) }</span> }
                </th>
                <td>{ format!("{} / {} (+{})", ms(m.wall_ms), ms(m.longest_ms), ms(m.overhead_ms())) }</td>
                <td>{ late }</td>
                <td>{ ms(m.busy_ms) }</td>
                <td>{ memory }</td>
            </tr>
        }
    });
    let on_baseline = props.on_baseline.reform(|_: MouseEvent| ());
    html! {
        <section class="stress-panel" aria-labelledby="stress-title">
            <h2 id="stress-title">{ i18n::STRESS_TABLE.get(lang) }</h2>
            <div class="table-scroll">
                <table class="stress-table">
                    <thead><tr>
                        <th scope="col">{ i18n::STRESS_WHO.get(lang) }</th>
                        <th scope="col">{ i18n::STRESS_WALL.get(lang) }</th>
                        <th scope="col">{ i18n::STRESS_LATE.get(lang) }</th>
                        <th scope="col">{ i18n::STRESS_BUSY.get(lang) }</th>
                        <th scope="col">{ i18n::STRESS_MEMORY.get(lang) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class="stress-actions">
                <button type="button" class="baseline" onclick={on_baseline} disabled={props.busy}>
                    { if props.baseline_running { i18n::STRESS_BASELINE_RUNNING } else { i18n::STRESS_BASELINE }.get(lang) }
                </button>
            </p>
            <p class="hint">{ i18n::STRESS_HOW.get(lang) }</p>
        </section>
    }
}
