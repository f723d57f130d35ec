//! The lecture's Python beside the Rust that runs.

use scenarios::catalog::{Lang, ScenarioSpec};
use yew::prelude::*;

use crate::i18n;

/// Props of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario shown.
    pub scenario: &'static ScenarioSpec,
    /// Its current parameter values, filled into the Python.
    pub values: Vec<Vec<f64>>,
    /// The page's language.
    pub lang: Lang,
}

/// Two code panes: the Python cell with the current values, and the scenario's
/// own Rust source file (the file that runs, not a copy).
#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let lang = props.lang;
    let python = props.scenario.python(&props.values);
    html! {
        <section class="code-view">
            <figure class="code python">
                <figcaption>{ i18n::PYTHON.get(lang) }</figcaption>
                <pre tabindex="0"><code class="language-python">{ python }</code></pre>
            </figure>
            <figure class="code rust">
                <figcaption>
                    { i18n::RUST.get(lang) }{ " · " }<code>{ props.scenario.rust_file }</code>
                </figcaption>
                <pre tabindex="0"><code class="language-rust">{ props.scenario.rust }</code></pre>
            </figure>
        </section>
    }
}
