//! The run's controls: one number input per task, speed, Run, Stop, Reset.

use scenarios::catalog::{Lang, ScenarioSpec};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Action, Field};

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The scenario whose parameters are edited.
    pub scenario: &'static ScenarioSpec,
    /// The inputs, one list per parameter.
    pub fields: Vec<Vec<Field>>,
    /// The speed input.
    pub speed: Field,
    /// Whether a run is going (Stop is enabled, Run says "Run again").
    pub running: bool,
    /// Whether anything has run yet.
    pub has_run: bool,
    /// The page's language.
    pub lang: Lang,
    /// Changes to parameters.
    pub on_action: Callback<Action>,
    /// Run pressed.
    pub on_run: Callback<()>,
    /// Stop pressed.
    pub on_stop: Callback<()>,
}

fn input_text(event: InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// One labelled number input with its message, if its text was not used.
fn number_input(
    id: String,
    label: Html,
    field: &Field,
    (min, max, step): (f64, f64, &'static str),
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
                type="number"
                inputmode="decimal"
                min={min.to_string()}
                max={max.to_string()}
                step={step}
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

/// The controls of a run.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let unit = i18n::SECONDS.get(lang);
    let mut groups = Vec::new();
    for (param_index, (spec, fields)) in props.scenario.params.iter().zip(&props.fields).enumerate()
    {
        let values: Vec<Vec<f64>> =
            props.fields.iter().map(|list| list.iter().map(|f| f.value).collect()).collect();
        let task_ids = props.scenario.task_ids(&values);
        let inputs = fields.iter().enumerate().map(|(index, field)| {
            let on_action = props.on_action.clone();
            let oninput = Callback::from(move |event: InputEvent| {
                on_action.emit(Action::EditValue {
                    param: param_index,
                    index,
                    text: input_text(event),
                })
            });
            let task = task_ids.get(index).cloned().unwrap_or_default();
            let label = html! {
                <>
                    <span class="visually-hidden">{ i18n::DELAY_OF.get(lang) }{ " " }</span>
                    <span class="task-id">{ task }</span>
                </>
            };
            number_input(
                format!("{}-{index}", spec.name),
                label,
                field,
                (spec.min, spec.max, "0.1"),
                lang,
                oninput,
            )
        });
        let add = {
            let on_action = props.on_action.clone();
            Callback::from(move |_| on_action.emit(Action::AddItem(param_index)))
        };
        let remove = {
            let on_action = props.on_action.clone();
            Callback::from(move |_| on_action.emit(Action::RemoveItem(param_index)))
        };
        let (min_count, max_count) = spec.count;
        groups.push(html! {
            <fieldset class="param" key={spec.name}>
                <legend>{ i18n::DELAYS.get(lang) }{ format!(", {unit}") }</legend>
                <div class="fields">{ for inputs }</div>
                if max_count > 1 {
                    <div class="list-buttons">
                        <button type="button" class="small" onclick={add}
                            disabled={fields.len() >= max_count}
                            title={i18n::ADD_TASK.get(lang)} aria-label={i18n::ADD_TASK.get(lang)}>{ "+" }</button>
                        <button type="button" class="small" onclick={remove}
                            disabled={fields.len() <= min_count}
                            title={i18n::REMOVE_TASK.get(lang)} aria-label={i18n::REMOVE_TASK.get(lang)}>{ "−" }</button>
                    </div>
                }
            </fieldset>
        });
    }
    let speed_input = {
        let on_action = props.on_action.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            on_action.emit(Action::EditSpeed(input_text(event)))
        });
        let label = html! { <>{ i18n::SPEED.get(lang) }{ " ×" }</> };
        number_input(
            "speed".into(),
            label,
            &props.speed,
            (scenarios::catalog::SPEED.min, scenarios::catalog::SPEED.max, "any"),
            lang,
            oninput,
        )
    };
    let run = props.on_run.reform(|_: MouseEvent| ());
    let stop = props.on_stop.reform(|_: MouseEvent| ());
    let reset = props.on_action.reform(|_: MouseEvent| Action::ResetParams);
    let run_label = if props.has_run { i18n::RUN_AGAIN } else { i18n::RUN };
    html! {
        <form class="controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { for groups }
            <div class="speed">
                { speed_input }
                <p class="hint">{ i18n::SPEED_HELP.get(lang) }</p>
            </div>
            <div class="buttons">
                <button type="button" class="primary run" onclick={run}>{ run_label.get(lang) }</button>
                <button type="button" class="stop" onclick={stop} disabled={!props.running}>{ i18n::STOP.get(lang) }</button>
                <button type="button" class="reset" onclick={reset}>{ i18n::RESET.get(lang) }</button>
            </div>
        </form>
    }
}
