//! The few things the app asks of the page around it: its address and
//! language. Every call tolerates a missing window (tests, odd hosts).

use catalog::params::Settings;
use catalog::Lang;

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

/// Calls `then` once the page has settled: after its first paint, at the
/// first moment the browser reports a full idle period (nothing queued, no
/// frame due for 40 ms or more), or after [`SETTLE_AT_MOST_MS`] whatever
/// happens (a hidden tab, a page that never idles).
///
/// `run=1` starts this way. A run begun while the page is still loading
/// competes with the first layout and paint, the deferred effects of the first
/// render and the wasm compiler for the main thread: its first timers fired
/// tens of milliseconds late on a loaded machine, on the timeline for the
/// whole class to see, where a warm run is within a frame. `make bench`
/// measures the first run's drift against the warm runs'.
pub fn after_settled(then: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::JsCast;

    let once: Rc<Once> = Rc::new(Cell::new(Some(Box::new(then))));
    {
        let once = once.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SETTLE_AT_MOST_MS).await;
            if let Some(then) = once.take() {
                then();
            }
        });
    }
    let Some(window) = web_sys::window() else { return };
    // A frame callback runs before its paint; idle periods come after it.
    let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || wait_for_idle(once));
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}

/// A callback that runs at most once, whoever calls it first.
type Once = std::cell::Cell<Option<Box<dyn FnOnce()>>>;

/// The longest `run=1` waits for the page to settle, in milliseconds.
pub const SETTLE_AT_MOST_MS: u32 = 1500;

/// Asks for idle callbacks until one has a long idle period, then calls what
/// `once` holds (unless the cap already did).
fn wait_for_idle(once: std::rc::Rc<Once>) {
    use wasm_bindgen::JsCast;
    // The longest idle period a browser grants is 50 ms; 40 means nothing
    // else is waiting for the main thread.
    const IDLE_MS: f64 = 40.0;
    let Some(window) = web_sys::window() else { return };
    let on_idle =
        wasm_bindgen::closure::Closure::once_into_js(move |deadline: web_sys::IdleDeadline| {
            match once.take() {
                Some(then) if deadline.time_remaining() >= IDLE_MS => then(),
                Some(then) => {
                    once.set(Some(then));
                    wait_for_idle(once);
                }
                // The cap came first.
                None => {}
            }
        });
    // Without idle callbacks (an old Safari) the cap starts the run.
    let _ = window.request_idle_callback(on_idle.unchecked_ref());
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

/// Sets `<html data-theme>`; the stylesheet does the rest. No attribute
/// follows the system's light or dark setting.
pub fn set_document_theme(theme: Option<catalog::params::Theme>) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme.code()),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// The page's full URL, for "Copy link".
pub fn current_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Whether the page runs inside a frame (a slide).
pub fn in_frame() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) => parent != window,
        _ => false,
    }
}

/// Sends `message` to the page around the frame, if there is one. Log rows
/// and states are no secret, so any embedding page may read them.
pub fn post_to_parent(message: &wasm_bindgen::JsValue) {
    if !in_frame() {
        return;
    }
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(message, "*");
    }
}

/// An object from `(key, value)` pairs, for `postMessage`.
pub fn message_object(pairs: &[(&str, wasm_bindgen::JsValue)]) -> wasm_bindgen::JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Items handed over once a frame: a run can log thousands of rows between
/// two paints, and the page only needs to see them when it paints next.
///
/// `push` collects, the next animation frame delivers everything collected
/// since the last delivery in one call, and `flush` delivers at once (a run
/// that ends or stops hands over its last rows before it says so). Dropping
/// the batch drops what was not delivered.
pub struct FrameBatch<T> {
    inner: std::rc::Rc<std::cell::RefCell<Batch<T>>>,
}

struct Batch<T> {
    pending: Vec<T>,
    scheduled: bool,
    deliver: Box<dyn Fn(Vec<T>)>,
}

impl<T: 'static> FrameBatch<T> {
    /// A batch that hands its items to `deliver`.
    pub fn new(deliver: impl Fn(Vec<T>) + 'static) -> Self {
        let batch = Batch { pending: Vec::new(), scheduled: false, deliver: Box::new(deliver) };
        FrameBatch { inner: std::rc::Rc::new(std::cell::RefCell::new(batch)) }
    }

    /// Collects `item` for the next frame.
    pub fn push(&self, item: T) {
        use wasm_bindgen::JsCast;
        let mut batch = self.inner.borrow_mut();
        batch.pending.push(item);
        if batch.scheduled {
            return;
        }
        batch.scheduled = true;
        let weak = std::rc::Rc::downgrade(&self.inner);
        let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(inner) = weak.upgrade() {
                FrameBatch { inner }.flush();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(on_frame.unchecked_ref());
        }
    }

    /// Delivers what was collected, now.
    pub fn flush(&self) {
        let items = {
            let mut batch = self.inner.borrow_mut();
            batch.scheduled = false;
            std::mem::take(&mut batch.pending)
        };
        if !items.is_empty() {
            (self.inner.borrow().deliver)(items);
        }
    }
}

/// A `performance.mark`, for the benchmark to read.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Whether the page is hidden (a background tab, a minimised window).
pub fn is_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// Calls `act` when the page is hidden (`visibilitychange`): browsers slow
/// a hidden page's timers to one a second or less. Returns the cleanup.
pub fn on_hidden(act: impl Fn() + 'static) -> impl FnOnce() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let listener = Closure::<dyn Fn()>::new(move || {
        if is_hidden() {
            act();
        }
    });
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(document) = &document {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
    }
    move || {
        if let Some(document) = document {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                listener.as_ref().unchecked_ref(),
            );
        }
        drop(listener);
    }
}

/// The `#code=` of the page's fragment (a share link's program, still
/// compressed), if there is one.
pub fn hash_code() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let encoded = hash.strip_prefix("#code=")?;
    (!encoded.is_empty()).then(|| encoded.to_owned())
}

/// Replaces the fragment without a reload or a history entry.
pub fn set_hash(hash: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        hash
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

thread_local! {
    /// Which program the fragment is being written for: a program replaced
    /// while it was being compressed does not overwrite its successor.
    static HASH_WRITES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Writes `code` into the fragment as `#code=` (compressed, a moment later),
/// or, without a program, removes a `#code=` there. Any other fragment is
/// the page's host's and stays.
pub fn replace_hash_code(code: Option<String>) {
    let generation = HASH_WRITES.with(|w| {
        w.set(w.get() + 1);
        w.get()
    });
    match code {
        None => {
            if hash_code().is_some() {
                set_hash("");
            }
        }
        Some(code) => wasm_bindgen_futures::spawn_local(async move {
            let Ok(encoded) = crate::browser_io::deflate(&code).await else { return };
            if HASH_WRITES.with(|w| w.get()) == generation {
                set_hash(&format!("#code={encoded}"));
            }
        }),
    }
}

/// The page's own link (no fragment) with `encoded` as its `#code=`.
pub fn link_with_code(encoded: &str) -> String {
    let url = current_url();
    let base = url.split('#').next().unwrap_or_default();
    format!("{base}#code={encoded}")
}
