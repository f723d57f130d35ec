//! What the page refused from its link, in words a student understands.

use catalog::params::Refusal;
use catalog::Lang;
use yew::prelude::*;

use crate::i18n;

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// What was refused.
    pub refusals: Vec<Refusal>,
    /// The page's language.
    pub lang: Lang,
}

/// A box listing refused link values; nothing when all were used.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.refusals.is_empty() {
        return html! {};
    }
    html! {
        <section class="notices" role="alert">
            <p>{ i18n::LINK_REFUSED.get(props.lang) }</p>
            <ul>
                // Messages carry text from the URL: yew writes it as a text node.
                { for props.refusals.iter().map(|r| html! { <li>{ r.message(props.lang) }</li> }) }
            </ul>
        </section>
    }
}
