//! The log: the run's state and its rows in the order they were logged.

use scenarios::catalog::Lang;
use scenarios::LogEntry;
use yew::prelude::*;

use crate::i18n;
use crate::state::Status;

/// Props of [`LogPane`].
#[derive(Properties, PartialEq)]
pub struct LogPaneProps {
    /// Where the run is.
    pub status: Status,
    /// The rows.
    pub log: Vec<LogEntry>,
    /// The page's language.
    pub lang: Lang,
}

fn status_words(status: Status) -> scenarios::catalog::Words {
    match status {
        Status::Idle => i18n::STATE_IDLE,
        Status::Running => i18n::STATE_RUNNING,
        Status::Done => i18n::STATE_DONE,
        Status::Stopped => i18n::STATE_STOPPED,
        Status::Error => i18n::STATE_ERROR,
    }
}

/// The log pane, with the DOM contract of `SCENARIOS.md`: the state in
/// `data-state`, each row a `.log-entry` with `data-seq`, `data-t`,
/// `data-task` and `data-kind`, and the row's text the message alone (the
/// time is drawn from `data-clock` by CSS).
#[component]
pub fn LogPane(props: &LogPaneProps) -> Html {
    let lang = props.lang;
    let state = props.status.as_str();
    html! {
        <section class="log-pane" aria-labelledby="log-title">
            <header class="log-head">
                <h2 id="log-title">{ i18n::LOG.get(lang) }</h2>
                <p class={classes!("status", state)} data-state={state} role="status">
                    { status_words(props.status).get(lang) }
                </p>
            </header>
            if props.log.is_empty() && props.status == Status::Idle {
                <p class="log-empty">{ i18n::LOG_EMPTY.get(lang) }</p>
            }
            <ol class="log" aria-live="polite">
                { for props.log.iter().map(|entry| row(entry, lang)) }
            </ol>
        </section>
    }
}

fn row(entry: &LogEntry, lang: Lang) -> Html {
    let message = match lang {
        Lang::En => entry.text.en.clone(),
        Lang::Ru => entry.text.ru.clone(),
    };
    let unit = i18n::SECONDS.get(lang);
    html! {
        <li
            key={entry.seq}
            class={classes!("log-entry", entry.kind)}
            data-seq={entry.seq.to_string()}
            data-t={entry.real_ms.to_string()}
            data-task={entry.task.clone()}
            data-kind={entry.kind}
            data-clock={format!("{:.2} {unit}", entry.at)}
        >
            { message }
        </li>
    }
}
