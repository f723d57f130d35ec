//! "What to watch": the shown scenario's description, fetched with it.
//!
//! The descriptions are the scenarios' own words (`scenarios::described!`),
//! served as `static/texts/<id>.json` (see `catalog::texts`) rather than
//! compiled into the page: the first load carries one scenario's words, not
//! twenty-two scenarios' in two languages.

use catalog::Lang;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::i18n;

/// Props of [`About`].
#[derive(Properties, PartialEq)]
pub struct AboutProps {
    /// The scenario's `s=` id.
    pub id: &'static str,
    /// `s=python`: the page's own words (`static/texts/python.json`)
    /// instead of a scenario's.
    pub own: bool,
    /// Folded at first (an embed).
    pub folded: bool,
    /// The page's language.
    pub lang: Lang,
}

/// A description in both languages.
#[derive(Clone, Debug, Default, PartialEq)]
struct Described {
    about: [String; 2],
    differs: Option<[String; 2]>,
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads the file's JSON (the browser's own parser); `None` if it is not one.
fn read(text: &str) -> Option<Described> {
    let value = js_sys::JSON::parse(text).ok()?;
    let pair = |words: JsValue| -> Option<[String; 2]> {
        Some([field(&words, "en").as_string()?, field(&words, "ru").as_string()?])
    };
    Some(Described {
        about: pair(field(&value, "about"))?,
        differs: pair(field(&value, "differs")),
    })
}

/// What to watch for, and where a browser differs from CPython.
#[component]
pub fn About(props: &AboutProps) -> Html {
    let lang = props.lang;
    let loaded = use_state(|| None::<(&'static str, Described)>);
    {
        let loaded = loaded.clone();
        let id = if props.own { catalog::params::PYTHON_PAGE } else { props.id };
        use_effect_with(id, move |&id| {
            {
                wasm_bindgen_futures::spawn_local(async move {
                    let path = catalog::texts::path(id);
                    // A missing file leaves the section empty; nothing else
                    // on the page needs it.
                    if let Ok(text) = crate::browser_io::fetch_text(&path).await {
                        if let Some(described) = read(&text) {
                            loaded.set(Some((id, described)));
                        }
                    }
                });
            }
        });
    }
    let pick = |pair: &[String; 2]| match lang {
        Lang::En => pair[0].clone(),
        Lang::Ru => pair[1].clone(),
    };
    let id = if props.own { catalog::params::PYTHON_PAGE } else { props.id };
    let body = match &*loaded {
        Some((loaded_id, described)) if *loaded_id == id => html! {
            <>
                <p>{ pick(&described.about) }</p>
                if let Some(differs) = &described.differs {
                    <p class="differs"><strong>{ i18n::DIFFERS.get(lang) }{ ": " }</strong>{ pick(differs) }</p>
                }
            </>
        },
        _ => Html::default(),
    };
    html! {
        <details class="about" open={!props.folded}>
            <summary>{ i18n::WATCH.get(lang) }</summary>
            { body }
        </details>
    }
}
