//! The shown scenario's words that the page fetches rather than compiles in:
//! what to watch, where browsers differ, and the lecture's printed output
//! with the event each line is, and the lecture's cell
//! (`static/texts/<id>.json`, written by `make
//! texts` from the scenario's own words, see `catalog::texts`). The first
//! load carries one scenario's, not twenty-two scenarios' in two languages.

use std::rc::Rc;

use catalog::Lang;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// A text in English and Russian.
pub type Pair = [String; 2];

/// Picks `lang`'s half of a pair.
pub fn pick(pair: &Pair, lang: Lang) -> &str {
    match lang {
        Lang::En => &pair[0],
        Lang::Ru => &pair[1],
    }
}

/// The lecture's output: each line with the event it is (task, kind).
#[derive(Debug, PartialEq)]
pub struct Printed {
    /// The lines; empty where the notebook shows no output.
    pub lines: Vec<(String, Option<(String, String)>)>,
    /// Why lines differ or are missing in the page.
    pub note: Option<Pair>,
}

/// A scenario's fetched words.
#[derive(Debug, PartialEq)]
pub struct Described {
    /// The file's `s=` id.
    pub id: &'static str,
    /// What to watch.
    pub about: Pair,
    /// Where a browser may differ from CPython.
    pub differs: Option<Pair>,
    /// The lecture's output (`None`: not a lecture scenario).
    pub printed: Option<Printed>,
    /// The cell's file, to fill with the values (`ScenarioSpec::cell_from`).
    /// Kept for the page's life: at most one small text per scenario.
    pub cell: Option<&'static str>,
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn pair(words: &JsValue) -> Option<Pair> {
    Some([field(words, "en").as_string()?, field(words, "ru").as_string()?])
}

/// Reads a file's JSON (the browser's own parser); `None` if it is not one.
fn read(id: &'static str, text: &str) -> Option<Described> {
    let value = js_sys::JSON::parse(text).ok()?;
    let printed = field(&value, "printed");
    let printed = (!printed.is_null() && !printed.is_undefined()).then(|| {
        let lines = js_sys::Array::from(&field(&printed, "lines"));
        let lines = lines
            .iter()
            .map(|line| {
                let line = js_sys::Array::from(&line);
                let text = line.get(0).as_string().unwrap_or_default();
                let event = line.get(1).as_string().zip(line.get(2).as_string());
                (text, event)
            })
            .collect();
        Printed { lines, note: pair(&field(&printed, "note")) }
    });
    Some(Described {
        id,
        about: pair(&field(&value, "about"))?,
        differs: pair(&field(&value, "differs")),
        printed,
        cell: field(&value, "cell").as_string().map(|cell| &*Box::leak(cell.into_boxed_str())),
    })
}

/// The words of `id` (`python` for `s=python`), once fetched; `None` until
/// then, or where the file is missing (the sections stay empty).
#[hook]
pub fn use_described(id: &'static str) -> Option<Rc<Described>> {
    let loaded = use_state(|| None::<Rc<Described>>);
    {
        let loaded = loaded.clone();
        use_effect_with(id, move |&id| {
            wasm_bindgen_futures::spawn_local(async move {
                let path = catalog::texts::path(id);
                if let Ok(text) = crate::browser_io::fetch_text(&path).await {
                    if let Some(described) = read(id, &text) {
                        loaded.set(Some(Rc::new(described)));
                    }
                }
            });
        });
    }
    (*loaded).clone().filter(|described| described.id == id)
}
