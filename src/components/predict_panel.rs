//! Predict mode's panel: the student orders the run's completions (drag, or
//! the arrow keys on a focused item, or its ↑ ↓ buttons), runs, and sees each
//! position marked right or wrong beside the real order.

use catalog::Lang;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::kind_value;
use crate::i18n;
use crate::predict::{move_item, verdicts, Completion};
use crate::state::Status;

/// Props of [`PredictPanel`].
#[derive(Properties, PartialEq)]
pub struct PredictPanelProps {
    /// The completions to order, in their neutral first order.
    pub items: Vec<Completion>,
    /// The completions of the last run, in the order they happened.
    pub actual: Vec<Completion>,
    /// Where the run is: editing waits while it runs; verdicts come when it
    /// is done.
    pub status: Status,
    /// The page's language.
    pub lang: Lang,
}

/// The panel.
#[component]
pub fn PredictPanel(props: &PredictPanelProps) -> Html {
    let lang = props.lang;
    // The student's order, as positions in `items`; a new set of items (other
    // parameters, another scenario) starts over.
    let order = use_state(|| (0..props.items.len()).collect::<Vec<usize>>());
    {
        let order = order.clone();
        use_effect_with(props.items.clone(), move |items| order.set((0..items.len()).collect()));
    }
    let dragged = use_mut_ref(|| None::<usize>);
    let list = use_node_ref();
    let focus_after = use_mut_ref(|| None::<usize>);
    {
        // After a keyboard move, the moved item keeps the focus.
        let (list, focus_after) = (list.clone(), focus_after.clone());
        use_effect_with((*order).clone(), move |_| {
            if let (Some(at), Some(list)) =
                (focus_after.borrow_mut().take(), list.cast::<HtmlElement>())
            {
                if let Ok(Some(item)) = list.query_selector(&format!("[data-position=\"{at}\"]")) {
                    if let Ok(item) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(item) {
                        let _ = item.focus();
                    }
                }
            }
        });
    }
    // Positions can be out of step with `items` for one render after the
    // items change; those are skipped.
    let predicted: Vec<Completion> =
        order.iter().filter_map(|&i| props.items.get(i).cloned()).collect();
    let running = props.status == Status::Running;
    let judged = props.status == Status::Done && !props.actual.is_empty();
    let marks = verdicts(&predicted, &props.actual);
    let moves = |from: usize, to: usize, keep_focus: bool| {
        let order = order.clone();
        let focus_after = focus_after.clone();
        move || {
            let mut next = (*order).clone();
            move_item(&mut next, from, to);
            if keep_focus {
                *focus_after.borrow_mut() = Some(to.min(next.len().saturating_sub(1)));
            }
            order.set(next);
        }
    };
    let count = predicted.len();
    let rows = predicted.iter().enumerate().map(|(at, item)| {
        let up = moves(at, at.saturating_sub(1), true);
        let down = moves(at, at + 1, true);
        let onkeydown = {
            let (up, down) = (up.clone(), down.clone());
            Callback::from(move |event: KeyboardEvent| {
                if running {
                    return;
                }
                match event.key().as_str() {
                    "ArrowUp" => {
                        event.prevent_default();
                        up();
                    }
                    "ArrowDown" => {
                        event.prevent_default();
                        down();
                    }
                    _ => {}
                }
            })
        };
        let ondragstart = {
            let dragged = dragged.clone();
            Callback::from(move |_: DragEvent| *dragged.borrow_mut() = Some(at))
        };
        let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
        let ondrop = {
            let (dragged, order) = (dragged.clone(), order.clone());
            Callback::from(move |event: DragEvent| {
                event.prevent_default();
                if let Some(from) = dragged.borrow_mut().take() {
                    let mut next = (*order).clone();
                    move_item(&mut next, from, at);
                    order.set(next);
                }
            })
        };
        let verdict = judged.then(|| if marks[at] { "right" } else { "wrong" });
        let mark = match verdict {
            Some("right") => "✓",
            Some(_) => "✗",
            None => "",
        };
        let label = item.label();
        html! {
            <li class={classes!("predict-item", verdict)} tabindex="0" draggable={(!running).to_string()}
                data-position={at.to_string()} data-task={item.task.clone()} data-kind={kind_value(&item.kind)}
                data-verdict={verdict} aria-label={format!("{} {label}", at + 1)}
                {onkeydown} {ondragstart} {ondragover} {ondrop}>
                <span class="position">{ at + 1 }</span>
                <span class="what">{ label.clone() }</span>
                <span class="verdict" aria-hidden="true">{ mark }</span>
                <button type="button" class="small move-up" disabled={running || at == 0}
                    aria-label={format!("{} {label}", i18n::MOVE_UP.get(lang))}
                    onclick={Callback::from(move |_: MouseEvent| up())}>{ "↑" }</button>
                <button type="button" class="small move-down" disabled={running || at + 1 == count}
                    aria-label={format!("{} {label}", i18n::MOVE_DOWN.get(lang))}
                    onclick={Callback::from(move |_: MouseEvent| down())}>{ "↓" }</button>
            </li>
        }
    });
    let right = marks.iter().filter(|m| **m).count();
    html! {
        <section class="predict-panel" data-predict="on" aria-labelledby="predict-title">
            <h2 id="predict-title">{ i18n::PREDICT_TITLE.get(lang) }</h2>
            if props.items.is_empty() {
                <p class="hint">{ i18n::PREDICT_NONE.get(lang) }</p>
            } else {
                <p class="hint">{ i18n::PREDICT_HOW.get(lang) }</p>
                <div class="predict-columns">
                    <div>
                        <h3>{ i18n::PREDICT_YOURS.get(lang) }</h3>
                        <ol class="predict-list" ref={list}>{ for rows }</ol>
                    </div>
                    if judged {
                        <div>
                            <h3>{ i18n::PREDICT_REAL.get(lang) }</h3>
                            <ol class="predict-actual">
                                { for props.actual.iter().map(|c| html! {
                                    <li data-task={c.task.clone()} data-kind={kind_value(&c.kind)}>{ c.label() }</li>
                                }) }
                            </ol>
                        </div>
                    }
                </div>
                if judged {
                    <p class="predict-score" role="status" data-right={right.to_string()} data-total={count.to_string()}>
                        { match lang {
                            Lang::En => format!("{right} of {count} in the right place."),
                            Lang::Ru => format!("На своём месте: {right} из {count}."),
                        } }
                    </p>
                }
            }
        </section>
    }
}
