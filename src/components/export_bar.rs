//! Export: copy the log as text or Markdown, download it as JSON, download
//! the timeline as SVG. Handouts and slides are made from these.

use catalog::Lang;
use runtime::LogEntry;
use yew::prelude::*;

use crate::browser_io::{copy_text, download};
use crate::export;
use crate::i18n;
use crate::state::Log;
use crate::subject::{RunSource, Subject};

/// Props of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// What runs: the scenario with its values, or the program.
    pub source: RunSource,
    /// The run's speed.
    pub speed: f64,
    /// The run's rows.
    pub log: Log,
    /// The page's language.
    pub lang: Lang,
}

/// The four export buttons and a line that says what happened.
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let lang = props.lang;
    let said = use_state(String::new);
    let copy = |make: fn(&Subject<'_>, &[LogEntry], Lang) -> String| {
        let said = said.clone();
        let (source, log) = (props.source.clone(), props.log.clone());
        Callback::from(move |_: MouseEvent| {
            let text = make(&source.subject(), &log.entries(), lang);
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let words = match copy_text(&text).await {
                    Ok(()) => i18n::COPIED,
                    Err(_) => i18n::COPY_FAILED,
                };
                said.set(words.get(lang).to_owned());
            });
        })
    };
    let json = {
        let (source, speed, log) = (props.source.clone(), props.speed, props.log.clone());
        Callback::from(move |_: MouseEvent| {
            let subject = source.subject();
            let text = export::json(&subject, speed, &log.entries());
            download(&format!("{}-log.json", subject.id()), "application/json", &text);
        })
    };
    // The timeline as the page shows it (the same drawing, `timeline.rs`):
    // the browser writes it out, so no second writer is in the wasm.
    let svg = {
        let id = props.source.subject().id();
        Callback::from(move |_: MouseEvent| {
            crate::browser_io::download_shown_svg(".timeline svg", &format!("{id}-timeline.svg"));
        })
    };
    let empty = props.log.is_empty();
    html! {
        <div class="export" role="group" aria-label={i18n::EXPORT.get(lang)}>
            <button type="button" class="small copy-text" disabled={empty}
                onclick={copy(export::plain_text)}>{ i18n::COPY_TEXT.get(lang) }</button>
            <button type="button" class="small copy-markdown" disabled={empty}
                onclick={copy(export::markdown)}>{ i18n::COPY_MARKDOWN.get(lang) }</button>
            <button type="button" class="small download-json" disabled={empty}
                onclick={json}>{ i18n::DOWNLOAD_JSON.get(lang) }</button>
            <button type="button" class="small download-svg"
                onclick={svg}>{ i18n::DOWNLOAD_SVG.get(lang) }</button>
            <span class="export-said" role="status">{ (*said).clone() }</span>
        </div>
    }
}
