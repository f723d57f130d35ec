//! What the lecture's notebook printed for this cell, beside the page's log:
//! after a run at the lecture's values, each line is marked as logged at the
//! same place, at another place (with why), or not something the page logs.

use std::rc::Rc;

use catalog::printed::{self, Verdict};
use catalog::{Lang, ScenarioSpec};
use yew::prelude::*;

use crate::described::{pick, Described};
use crate::i18n;
use crate::state::{Log, Status};

/// Props of [`LectureOutput`].
#[derive(Properties, PartialEq)]
pub struct LectureOutputProps {
    /// The scenario.
    pub scenario: &'static ScenarioSpec,
    /// Its fetched words, with the lecture's output.
    pub described: Option<Rc<Described>>,
    /// Its parameter values: the lecture printed for its own.
    pub values: Vec<Vec<f64>>,
    /// The run's rows.
    pub log: Log,
    /// Where the run is: lines are judged once it is done.
    pub status: Status,
    /// The page's language.
    pub lang: Lang,
}

/// The lecture's output, marked against the last run.
#[component]
pub fn LectureOutput(props: &LectureOutputProps) -> Html {
    let lang = props.lang;
    let Some(printed) = props.described.as_ref().and_then(|d| d.printed.as_ref()) else {
        return Html::default();
    };
    let heading = html! { <h2 id="printed-title">{ i18n::PRINTED_TITLE.get(lang) }</h2> };
    if printed.lines.is_empty() {
        return html! {
            <section class="printed-pane" aria-labelledby="printed-title" data-lines="0">
                { heading }
                <p class="hint">{ i18n::PRINTED_NONE.get(lang) }</p>
            </section>
        };
    }
    let lines: Vec<(&str, Option<(String, String)>)> =
        printed.lines.iter().map(|(line, event)| (line.as_str(), event.clone())).collect();
    let at_defaults = props.values == props.scenario.defaults();
    let judged = at_defaults && props.status == Status::Done;
    let verdicts = judged.then(|| {
        let logged: Vec<(String, &str)> =
            props.log.iter().map(|row| (row.entry.task.clone(), row.entry.kind.as_str())).collect();
        printed::compare(&lines, &logged)
    });
    let rows = lines.iter().enumerate().map(|(i, (line, _))| {
        let verdict = verdicts.as_ref().map(|v| v[i]);
        let (code, mark, title) = match verdict {
            Some(Verdict::Same) => ("same", "=", i18n::PRINTED_SAME.get(lang)),
            Some(Verdict::Differs) => ("differs", "≠", i18n::PRINTED_DIFFERS.get(lang)),
            Some(Verdict::NotLogged) => ("not-logged", "—", i18n::PRINTED_NOT_LOGGED.get(lang)),
            None => ("", "", ""),
        };
        html! {
            <li class={classes!("printed-line", (!code.is_empty()).then_some(code))}
                data-verdict={(!code.is_empty()).then_some(code)} title={title}>
                <span class="mark" aria-label={title}>{ mark }</span>
                <code>{ *line }</code>
            </li>
        }
    });
    let differs = verdicts.as_ref().is_some_and(|v| v.contains(&Verdict::Differs));
    let hint = if !at_defaults {
        Some(i18n::PRINTED_NOT_DEFAULTS)
    } else if !judged {
        Some(i18n::PRINTED_RUN)
    } else {
        None
    };
    html! {
        <section class="printed-pane" aria-labelledby="printed-title" data-lines={lines.len().to_string()}
            data-judged={judged.to_string()}>
            { heading }
            if let Some(hint) = hint {
                <p class="hint">{ hint.get(lang) }</p>
            }
            <ol class="printed" lang="ru">{ for rows }</ol>
            if let Some(note) = &printed.note {
                <p class={classes!("printed-note", differs.then_some("differs"))}>{ pick(note, lang).to_owned() }</p>
            }
        </section>
    }
}
