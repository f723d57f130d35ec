//! "What to watch": the shown scenario's description, fetched with it
//! (`described.rs`).

use std::rc::Rc;

use catalog::Lang;
use yew::prelude::*;

use crate::described::{pick, Described};
use crate::i18n;

/// Props of [`About`].
#[derive(Properties, PartialEq)]
pub struct AboutProps {
    /// The words, once fetched.
    pub described: Option<Rc<Described>>,
    /// Folded at first (an embed).
    pub folded: bool,
    /// The page's language.
    pub lang: Lang,
}

/// What to watch for, and where a browser differs from CPython.
#[component]
pub fn About(props: &AboutProps) -> Html {
    let lang = props.lang;
    html! {
        <details class="about" open={!props.folded}>
            <summary>{ i18n::WATCH.get(lang) }</summary>
            if let Some(described) = &props.described {
                <p>{ pick(&described.about, lang).to_owned() }</p>
                if let Some(differs) = &described.differs {
                    <p class="differs"><strong>{ i18n::DIFFERS.get(lang) }{ ": " }</strong>{ pick(differs, lang).to_owned() }</p>
                }
            }
        </details>
    }
}
