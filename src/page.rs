//! The few things the app asks of the page around it: its address and
//! language. Every call tolerates a missing window (tests, odd hosts).

use scenarios::catalog::Lang;
use scenarios::params::Settings;

/// The page's query string and `navigator.language`.
pub fn location_and_language() -> (String, String) {
    let Some(window) = web_sys::window() else {
        return (String::new(), String::new());
    };
    let query = window.location().search().unwrap_or_default();
    let language = window.navigator().language().unwrap_or_default();
    (query, language)
}

/// Writes `settings` into the address bar without a reload or a history entry,
/// keeping the path, the hash and any keys the playground does not own.
pub fn replace_query(settings: &Settings) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let current = location.search().unwrap_or_default();
    let query = settings.to_query(&current);
    if query == current {
        return;
    }
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        query,
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        // A page in a sandboxed frame may refuse; the link is then just not updated.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Sets `<html lang>` so screen readers and hyphenation follow the page.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Calls `then` once, after the page has painted its next frame (or after
/// 250 ms where no frame comes, as in a hidden tab).
///
/// `run=1` starts this way: a run begun before the first paint competes with
/// the page's own first layout and paint for the main thread, and its first
/// timers fire tens of milliseconds late, enough to reorder events at 20×.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;

    type Once = Cell<Option<Box<dyn FnOnce()>>>;
    let once: Rc<Once> = Rc::new(Cell::new(Some(Box::new(then))));
    let fire = move |once: &Once| {
        if let Some(then) = once.take() {
            then();
        }
    };
    {
        let once = once.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(250).await;
            fire(&once);
        });
    }
    let Some(window) = web_sys::window() else { return };
    // A frame callback runs before its paint; a zero timer set from inside it
    // runs after that paint.
    let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            fire(&once);
        });
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}
