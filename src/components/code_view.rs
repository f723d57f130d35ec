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
    /// The lecture's cell with the values, where it is shown read-only (a Go
    /// or C++ cell; a Python cell is the editor's); `None` shows none.
    #[prop_or_default]
    pub cell: Option<String>,
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

/// Props of [`RustSource`].
#[derive(Properties, PartialEq)]
pub struct RustSourceProps {
    /// The file's path in the repository (and beside the page).
    pub path: &'static str,
    /// The page's language.
    pub lang: Lang,
}

/// What a source file's disclosure holds.
#[derive(Clone, PartialEq)]
enum Loaded {
    Closed,
    Loading,
    Text(AttrValue),
    Failed(String),
}

/// One Rust source file, folded: opening it fetches the file the page is
/// served with (byte for byte the repository's, `index.html` copies them)
/// and shows the part above the catalog's description, as `build.rs` cuts it.
#[component]
pub fn RustSource(props: &RustSourceProps) -> Html {
    let lang = props.lang;
    let loaded = use_state(|| Loaded::Closed);
    let ontoggle = {
        let (loaded, path) = (loaded.clone(), props.path);
        Callback::from(move |event: Event| {
            let open = event.target_unchecked_into::<web_sys::Element>().has_attribute("open");
            if !open || !matches!(*loaded, Loaded::Closed | Loaded::Failed(_)) {
                return;
            }
            loaded.set(Loaded::Loading);
            let loaded = loaded.clone();
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(match crate::browser_io::fetch_text(path).await {
                    Ok(text) => {
                        let shown = match text.find(catalog::DESCRIPTION_MARK) {
                            Some(at) => text[..at].trim_end_matches('\n'),
                            None => &text,
                        };
                        Loaded::Text(AttrValue::from(shown.to_owned()))
                    }
                    Err(error) => Loaded::Failed(error.0),
                });
            });
        })
    };
    let body = match &*loaded {
        Loaded::Closed => Html::default(),
        Loaded::Loading => html! { <p class="hint">{ "…" }</p> },
        Loaded::Text(text) => html! {
            <pre tabindex="0"><code class="language-rust">{ code(CodeLang::Rust, text) }</code></pre>
        },
        Loaded::Failed(error) => html! { <p class="hint">{ error.clone() }</p> },
    };
    html! {
        <details class="code rust" {ontoggle}>
            <summary>{ i18n::RUST.get(lang) }{ " · " }<code>{ props.path }</code></summary>
            { body }
        </details>
    }
}

/// The lecture's cell with the current values, and the scenario's own Rust
/// source files (the files that run, not copies), folded until opened.
#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let lang = props.lang;
    let scenario = props.scenario;
    let (cell_lang, name) = match scenario.cell_lang {
        CellLang::Python => (CodeLang::Python, "Python"),
        CellLang::Go => (CodeLang::Go, "Go"),
        CellLang::Cpp => (CodeLang::Cpp, "C++"),
    };

    html! {
        <section class="code-view">
            if let Some(cell) = &props.cell {
                <figure class="code cell">
                    <figcaption>{ i18n::FROM_LECTURE.get(lang) }{ format!(" · {name}") }</figcaption>
                    <pre tabindex="0"><code class={format!("language-{}", name.to_ascii_lowercase())}>{ code(cell_lang, cell) }</code></pre>
                </figure>
            }
            { for scenario.rust.iter().map(|source| html! {
                <RustSource key={source.path} path={source.path} {lang} />
            }) }
        </section>
    }
}
