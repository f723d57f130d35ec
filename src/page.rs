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

/// Listens for the page's keyboard shortcuts for as long as the returned
/// guard lives: R calls `act(true)` (run), S and Escape `act(false)` (stop).
/// Keys typed into a field, or pressed with a modifier, are left alone, and
/// keys the page does not use are never swallowed (slide decks need them).
pub fn on_shortcut(act: impl Fn(bool) + 'static) -> impl FnOnce() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let listener =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if event.alt_key() || event.ctrl_key() || event.meta_key() || event.repeat() {
                return;
            }
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            if typing {
                return;
            }
            let run = match event.key().as_str() {
                "r" | "R" | "к" | "К" => true,
                "s" | "S" | "ы" | "Ы" | "Escape" => false,
                _ => return,
            };
            event.prevent_default();
            act(run);
        });
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(document) = &document {
        let _ =
            document.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(document) = document {
            let _ = document
                .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        drop(listener);
    }
}
