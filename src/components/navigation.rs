//! The scenarios and tables, grouped as the lecture goes.
//!
//! One listener for the whole list (a click on any link bubbles to it)
//! rather than one per link: each closure is code in the page's wasm.

use catalog::params::PYTHON_PAGE;
use catalog::reference::REFERENCES;
use catalog::{Group, Lang, Words, SCENARIOS};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n;
use crate::subject::YOUR_PROGRAM;

/// Props of [`Navigation`].
#[derive(Properties, PartialEq)]
pub struct NavigationProps {
    /// The `s=` id on show.
    pub current: &'static str,
    /// The page's language.
    pub lang: Lang,
    /// A link chosen (by `s=` id). Links still work as links: a middle click
    /// opens a new tab.
    pub on_open: Callback<&'static str>,
}

/// Every page, by group: your own program first, then the lecture's order.
fn groups() -> Vec<(Words, Vec<(&'static str, Words)>)> {
    let mut groups =
        vec![(Words { en: "Python", ru: "Python" }, vec![(PYTHON_PAGE, YOUR_PROGRAM)])];
    for &group in Group::ALL.iter() {
        let items = if group == Group::Reference {
            REFERENCES.iter().map(|table| (table.id, table.title)).collect()
        } else {
            SCENARIOS.iter().filter(|s| s.group == group).map(|s| (s.id, s.title)).collect()
        };
        groups.push((group.title(), items));
    }
    groups
}

/// The page `id` names, if the playground has it.
fn known(id: &str) -> Option<&'static str> {
    groups().into_iter().flat_map(|(_, items)| items).map(|(id, _)| id).find(|known| *known == id)
}

/// Every page of the playground, by group.
#[component]
pub fn Navigation(props: &NavigationProps) -> Html {
    let lang = props.lang;
    let groups = groups();
    let onclick = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: MouseEvent| {
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                return;
            }
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[data-scenario]").ok().flatten());
            if let Some(id) =
                link.and_then(|a| a.get_attribute("data-scenario")).and_then(|id| known(&id))
            {
                event.prevent_default();
                on_open.emit(id);
            }
        })
    };
    // Narrow screens (a projector at 1280 px) get the same choice as one
    // select, so the page keeps its width for the run.
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(id) = known(&id) {
                on_open.emit(id);
            }
        })
    };
    let current = props.current;
    html! {
        <nav class="scenarios" aria-label={i18n::SCENARIOS.get(lang)}>
            <label class="nav-select">
                <span class="visually-hidden">{ i18n::SCENARIOS.get(lang) }</span>
                <select {onchange}>
                    { for groups.iter().map(|(title, items)| html! {
                        <optgroup label={title.get(lang)}>
                            { for items.iter().map(|&(id, title)| html! {
                                <option value={id} selected={id == current}>{ title.get(lang) }</option>
                            }) }
                        </optgroup>
                    }) }
                </select>
            </label>
            <div class="nav-list" {onclick}>
                { for groups.iter().map(|(title, items)| html! {
                    <section class="nav-group" key={title.en}>
                        <h2>{ title.get(lang) }</h2>
                        <ul>
                            { for items.iter().map(|&(id, title)| html! {
                                <li key={id}>
                                    <a href={format!("?s={id}&lang={}", lang.code())}
                                        aria-current={(id == current).then_some("page")}
                                        data-scenario={id}>{ title.get(lang) }</a>
                                </li>
                            }) }
                        </ul>
                    </section>
                }) }
            </div>
        </nav>
    }
}
