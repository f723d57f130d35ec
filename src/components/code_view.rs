//! The lecture's cell beside the Rust that runs, highlighted.

use catalog::{CellLang, Lang, ScenarioSpec};
use yew::prelude::*;

use crate::highlight::{highlight, CodeLang, Token};
use crate::i18n;

/// Props of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario shown.
    pub scenario: &'static ScenarioSpec,
    /// Its current parameter values, filled into the cell.
    pub values: Vec<Vec<f64>>,
    /// The page's language.
    pub lang: Lang,
}

/// Source text as highlighted spans; plain runs stay text nodes.
pub fn code(lang: CodeLang, source: &str) -> Html {
    html! {
        { for highlight(lang, source).into_iter().map(|(token, text)| match token {
            Token::Plain => html! { { text } },
            _ => html! { <span class={token.class()}>{ text }</span> },
        }) }
    }
}

/// The lecture's cell with the current values, and the scenario's own Rust
/// source files (the files that run, not copies).
#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let lang = props.lang;
    let scenario = props.scenario;
    let (cell_lang, name) = match scenario.cell_lang {
        CellLang::Python => (CodeLang::Python, "Python"),
        CellLang::Go => (CodeLang::Go, "Go"),
        CellLang::Cpp => (CodeLang::Cpp, "C++"),
    };
    let cell = scenario.cell(&props.values);
    html! {
        <section class="code-view">
            <figure class="code cell">
                <figcaption>{ i18n::FROM_LECTURE.get(lang) }{ format!(" · {name}") }</figcaption>
                <pre tabindex="0"><code class={format!("language-{}", name.to_ascii_lowercase())}>{ code(cell_lang, &cell) }</code></pre>
            </figure>
            { for scenario.rust.iter().map(|source| html! {
                <figure class="code rust" key={source.path}>
                    <figcaption>{ i18n::RUST.get(lang) }{ " · " }<code>{ source.path }</code></figcaption>
                    <pre tabindex="0"><code class="language-rust">{ code(CodeLang::Rust, source.shown()) }</code></pre>
                </figure>
            }) }
        </section>
    }
}
