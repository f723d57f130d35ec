//! The run's controls: Run, Stop, Reset first, then the scenario's
//! parameters and the speed, which fold away in an embed (the class came to
//! see the run; the summary line still says what runs).

use catalog::{Lang, ParamSpec, ScenarioSpec, Unit, SPEED};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Action, Field, Status};

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The scenario whose parameters are edited.
    pub scenario: &'static ScenarioSpec,
    /// The inputs, one list per parameter.
    pub fields: Vec<Vec<Field>>,
    /// The speed input.
    pub speed: Field,
    /// Where the run is: Stop is enabled while running, Run says "Run
    /// again" once anything has run, and a chip by the buttons says it.
    pub status: Status,
    /// Whether something besides the run is going that Stop stops (the
    /// `stress` scenario's JavaScript baseline).
    #[prop_or_default]
    pub baseline_running: bool,
    /// The page's language.
    pub lang: Lang,
    /// Changes to parameters.
    pub on_action: Callback<Action>,
    /// Run pressed.
    pub on_run: Callback<()>,
    /// Stop pressed.
    pub on_stop: Callback<()>,
    /// Whether the parameters start folded: an embed, where the frame's few
    /// hundred pixels belong to the run.
    #[prop_or_default]
    pub compact: bool,
    /// Whether the scenario's parameters are shown: not while a program
    /// runs instead of the scenario (its cell is the program).
    #[prop_or(true)]
    pub params: bool,
}

/// The speed presets: from slow enough to follow every step to fast enough
/// for the longest queue.
const PRESETS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0];

fn input_text(event: InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

fn unit_suffix(unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Seconds => format!(", {}", i18n::SECONDS.get(lang)),
        Unit::Count | Unit::Value | Unit::Choice(_) => String::new(),
    }
}

fn step(spec: &ParamSpec) -> &'static str {
    match spec.unit {
        Unit::Seconds => "any",
        Unit::Count | Unit::Value | Unit::Choice(_) => "1",
    }
}

/// A parameter that is one of a few words: a select.
fn choice_param(props: &ControlsProps, param: usize, spec: &ParamSpec, field: &Field) -> Html {
    let Unit::Choice(words) = spec.unit else { return Html::default() };
    let on_action = props.on_action.clone();
    let onchange = Callback::from(move |event: Event| {
        let text = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        on_action.emit(Action::EditValue { param, index: 0, text })
    });
    html! {
        <div class="param single choice" key={spec.name}>
            <div class="field">
                <label for={spec.name}>{ spec.label.get(props.lang) }</label>
                <select id={spec.name} {onchange}>
                    { for words.iter().enumerate().map(|(i, word)| html! {
                        <option value={*word} selected={field.value as usize == i}>{ *word }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}

/// One labelled number input with its message, if its text was not used.
fn number_input(
    id: String,
    label: Html,
    field: &Field,
    spec: &ParamSpec,
    lang: Lang,
    oninput: Callback<InputEvent>,
) -> Html {
    let message_id = format!("{id}-message");
    let invalid = field.refusal.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("refused"))}>
            <label for={id.clone()}>{ label }</label>
            <input
                id={id}
                class={(spec.max >= 10_000.0).then_some("wide")}
                type="number"
                inputmode="decimal"
                min={spec.min.to_string()}
                max={spec.max.to_string()}
                step={step(spec)}
                value={field.text.clone()}
                aria-invalid={invalid.to_string()}
                aria-describedby={invalid.then(|| message_id.clone())}
                {oninput}
            />
            if let Some(refusal) = &field.refusal {
                <p class="field-message" id={message_id}>{ refusal.message(lang) }</p>
            }
        </div>
    }
}

/// A list parameter: one input per task, labelled by task id, with + and −.
fn list_param(
    props: &ControlsProps,
    param: usize,
    spec: &ParamSpec,
    fields: &[Field],
    task_ids: &[String],
) -> Html {
    let lang = props.lang;
    let inputs = fields.iter().enumerate().map(|(index, field)| {
        let on_action = props.on_action.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            on_action.emit(Action::EditValue { param, index, text: input_text(event) })
        });
        let task = task_ids.get(index).cloned().unwrap_or_default();
        let label = html! {
            <>
                <span class="visually-hidden">{ spec.label.get(lang) }{ " " }</span>
                <span class="task-id">{ task }</span>
            </>
        };
        number_input(format!("{}-{index}", spec.name), label, field, spec, lang, oninput)
    });
    let add = props.on_action.reform(move |_: MouseEvent| Action::AddItem(param));
    let remove = props.on_action.reform(move |_: MouseEvent| Action::RemoveItem(param));
    let (min_count, max_count) = spec.count;
    html! {
        <fieldset class="param list" key={spec.name}>
            <legend>{ spec.label.get(lang) }{ unit_suffix(spec.unit, lang) }</legend>
            <div class="fields">{ for inputs }</div>
            if max_count > min_count {
                <div class="list-buttons">
                    <button type="button" class="small add" onclick={add}
                        disabled={fields.len() >= max_count}
                        title={i18n::ADD_TASK.get(lang)} aria-label={i18n::ADD_TASK.get(lang)}>{ "+" }</button>
                    <button type="button" class="small remove" onclick={remove}
                        disabled={fields.len() <= min_count}
                        title={i18n::REMOVE_TASK.get(lang)} aria-label={i18n::REMOVE_TASK.get(lang)}>{ "−" }</button>
                </div>
            }
        </fieldset>
    }
}

/// A single-number parameter.
fn single_param(props: &ControlsProps, param: usize, spec: &ParamSpec, field: &Field) -> Html {
    let lang = props.lang;
    let on_action = props.on_action.clone();
    let oninput = Callback::from(move |event: InputEvent| {
        on_action.emit(Action::EditValue { param, index: 0, text: input_text(event) })
    });
    let label = html! { <>{ spec.label.get(lang) }{ unit_suffix(spec.unit, lang) }</> };
    html! {
        <div class="param single" key={spec.name}>
            { number_input(spec.name.to_owned(), label, field, spec, lang, oninput) }
        </div>
    }
}

/// The controls of a run.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let values: Vec<Vec<f64>> =
        props.fields.iter().map(|list| list.iter().map(|f| f.value).collect()).collect();
    // Only list inputs are labelled by task (a `stress` run has 10,000 tasks).
    let has_lists = props.scenario.params.iter().any(|spec| spec.count.1 > 1);
    let task_ids = if has_lists { props.scenario.task_ids(&values) } else { Vec::new() };
    let shown = if props.params { props.scenario.params } else { &[] };
    let params = shown.iter().zip(&props.fields).enumerate().map(|(param, (spec, fields))| {
        match fields.as_slice() {
            [field] if matches!(spec.unit, Unit::Choice(_)) => {
                choice_param(props, param, spec, field)
            }
            [field] if spec.count.1 == 1 => single_param(props, param, spec, field),
            _ => list_param(props, param, spec, fields, &task_ids),
        }
    });
    let speed_input = {
        let oninput =
            props.on_action.reform(|event: InputEvent| Action::EditSpeed(input_text(event)));
        let label = html! { <>{ i18n::SPEED.get(lang) }{ " ×" }</> };
        number_input("speed".into(), label, &props.speed, &SPEED, lang, oninput)
    };
    let run = props.on_run.reform(|_: MouseEvent| ());
    let stop = props.on_stop.reform(|_: MouseEvent| ());
    let reset = props.on_action.reform(|_: MouseEvent| Action::ResetParams);
    let running = props.status == Status::Running || props.baseline_running;
    let run_label = if props.status == Status::Idle { i18n::RUN } else { i18n::RUN_AGAIN };
    let state = props.status.as_str();
    // What runs, in one line: the folded parameters' summary.
    let summary = shown
        .iter()
        .zip(&values)
        .map(|(spec, values)| {
            format!("{} {}", spec.label.get(lang), spec.format(values).replace(',', ", "))
        })
        .chain([format!("{} {}×", i18n::SPEED.get(lang), props.speed.text)])
        .collect::<Vec<_>>()
        .join(" · ");
    // A refused value is never hidden behind the fold.
    let refused = props.speed.refusal.is_some()
        || props.fields.iter().flatten().any(|field| field.refusal.is_some());
    html! {
        <form class="controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <div class="buttons">
                <button type="button" class="primary run" onclick={run} aria-keyshortcuts="R">{ run_label.get(lang) }</button>
                <button type="button" class="stop" onclick={stop} disabled={!running} aria-keyshortcuts="S Escape">{ i18n::STOP.get(lang) }</button>
                // Beside the buttons, where the eye is; the log's status is
                // the one live region and the one `data-state`.
                <span class={classes!("status", "run-state", state)} aria-hidden="true">{ props.status.words().get(lang) }</span>
            </div>
            <details class="settings" open={!props.compact || refused}>
                <summary><span class="settings-title">{ i18n::PARAMETERS.get(lang) }</span>{ " " }
                    <span class="settings-summary">{ summary }</span></summary>
                <div class="params">{ for params }</div>
                <div class="speed">
                    { speed_input }
                    <div class="presets" role="group" aria-label={i18n::SPEED_PRESETS.get(lang)}>
                        { for PRESETS.iter().map(|&preset| {
                            let pressed = (props.speed.value - preset).abs() < 1e-9;
                            html! {
                                <button type="button" class="small preset" aria-pressed={pressed.to_string()}
                                    data-speed={preset.to_string()}
                                    onclick={props.on_action.reform(move |_: MouseEvent| Action::SetSpeed(preset))}>
                                    { format!("{preset}×") }
                                </button>
                            }
                        }) }
                    </div>
                    <p class="hint">{ i18n::SPEED_HELP.get(lang) }</p>
                </div>
                <div class="settings-foot">
                    <button type="button" class="reset" onclick={reset}>{ i18n::RESET.get(lang) }</button>
                    <p class="hint shortcuts">{ i18n::SHORTCUTS.get(lang) }</p>
                </div>
            </details>
        </form>
    }
}
