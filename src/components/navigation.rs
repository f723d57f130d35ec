//! The scenarios and tables, grouped as the lecture goes.

use catalog::reference::REFERENCES;
use catalog::{Group, Lang, Words, SCENARIOS};
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

/// Every page of the playground, by group.
#[component]
pub fn Navigation(props: &NavigationProps) -> Html {
    let lang = props.lang;
    let link = |id: &'static str, title: Words| {
        let on_open = props.on_open.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            if !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0) {
                event.prevent_default();
                on_open.emit(id);
            }
        });
        let current = (id == props.current).then_some("page");
        html! {
            <li key={id}>
                <a href={format!("?s={id}&lang={}", lang.code())} aria-current={current} {onclick}
                   data-scenario={id}>{ title.get(lang) }</a>
            </li>
        }
    };
    // Your own program first: the page every lecture cell leads to.
    let own = html! {
        <section class="nav-group" key="python">
            <h2>{ "Python" }</h2>
            <ul>{ link(catalog::params::PYTHON_PAGE, YOUR_PROGRAM) }</ul>
        </section>
    };
    let groups = Group::ALL.iter().map(|&group| {
        let items: Vec<Html> = if group == Group::Reference {
            REFERENCES.iter().map(|table| link(table.id, table.title)).collect()
        } else {
            SCENARIOS.iter().filter(|s| s.group == group).map(|s| link(s.id, s.title)).collect()
        };
        html! {
            <section class="nav-group" key={group.title().en}>
                <h2>{ group.title().get(lang) }</h2>
                <ul>{ for items }</ul>
            </section>
        }
    });
    // Narrow screens (a projector at 1280 px) get the same choice as one
    // select, so the page keeps its width for the run.
    let on_select = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let known = SCENARIOS
                .iter()
                .map(|s| s.id)
                .chain(REFERENCES.iter().map(|r| r.id))
                .chain([catalog::params::PYTHON_PAGE]);
            if let Some(id) = known.into_iter().find(|known| *known == id) {
                on_open.emit(id);
            }
        })
    };
    let option = |id: &'static str, title: Words| {
        html! { <option value={id} selected={id == props.current}>{ title.get(lang) }</option> }
    };
    let optgroups = Group::ALL.iter().map(|&group| {
        let options: Vec<Html> = if group == Group::Reference {
            REFERENCES.iter().map(|table| option(table.id, table.title)).collect()
        } else {
            SCENARIOS.iter().filter(|s| s.group == group).map(|s| option(s.id, s.title)).collect()
        };
        html! { <optgroup label={group.title().get(lang)}>{ for options }</optgroup> }
    });
    html! {
        <nav class="scenarios" aria-label={i18n::SCENARIOS.get(lang)}>
            <label class="nav-select">
                <span class="visually-hidden">{ i18n::SCENARIOS.get(lang) }</span>
                <select onchange={on_select}>
                    { option(catalog::params::PYTHON_PAGE, YOUR_PROGRAM) }
                    { for optgroups }
                </select>
            </label>
            <div class="nav-list">{ own }{ for groups }</div>
        </nav>
    }
}
