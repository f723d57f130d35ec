//! `fetch()` and IndexedDB for the scenarios, the clipboard and downloads for
//! the exports, through a few lines of
//! JavaScript (`browser_io.js`): smaller in wasm than the equivalent
//! `web-sys` bindings, and easy to read beside the Rust.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use js_sys::{Array, Object, Reflect};
use runtime::{Connection, HostError, User};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser_io.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text_js(path: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = dbConnect)]
    fn db_connect(users: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = dbSelectUsers)]
    fn db_select_users(db: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = dbClose)]
    fn db_close(db: &JsValue);
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text_js(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = download)]
    fn download_js(name: &str, mime: &str, text: &str);
    #[wasm_bindgen(js_name = downloadShown)]
    fn download_shown_js(selector: &str, name: &str);
    #[wasm_bindgen(js_name = insertText)]
    fn insert_text_js(text: &str) -> bool;
    #[wasm_bindgen(js_name = deflateBase64url)]
    fn deflate_js(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = inflateBase64url)]
    fn inflate_js(encoded: &str, max_chars: f64) -> js_sys::Promise;
}

/// Types `text` over the focused field's selection, as the keyboard would
/// (so undo takes it back). False where the browser cannot.
pub fn insert_text(text: &str) -> bool {
    insert_text_js(text)
}

/// `text` as a share link's fragment carries it: deflated by the browser's
/// `CompressionStream`, in base64url.
pub async fn deflate(text: &str) -> Result<String, HostError> {
    let value = JsFuture::from(deflate_js(text)).await.map_err(host_error)?;
    Ok(value.as_string().unwrap_or_default())
}

/// The text of a share link's fragment, at most `max_chars` of it (and a
/// little more, which tells the caller it was longer). Anything that is not
/// base64url of deflated UTF-8 is an error.
pub async fn inflate(encoded: &str, max_chars: usize) -> Result<String, HostError> {
    let promise = inflate_js(encoded, max_chars as f64);
    let value = JsFuture::from(promise).await.map_err(host_error)?;
    Ok(value.as_string().unwrap_or_default())
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), HostError> {
    JsFuture::from(copy_text_js(text)).await.map(|_| ()).map_err(host_error)
}

/// Offers `text` as a file called `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    download_js(name, mime, text);
}

/// Offers the `<svg>` the page shows at `selector` as the file `name`.
pub fn download_shown_svg(selector: &str, name: &str) {
    download_shown_js(selector, name);
}

/// A JavaScript exception as the message a student reads.
fn host_error(value: JsValue) -> HostError {
    let message = value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    HostError(message)
}

/// A real GET of `path`, relative to the page (so it works under a sub-path).
pub fn fetch_text(path: &str) -> LocalBoxFuture<'static, Result<String, HostError>> {
    let promise = fetch_text_js(path);
    async move {
        let text = JsFuture::from(promise).await.map_err(host_error)?;
        Ok(text.as_string().unwrap_or_default())
    }
    .boxed_local()
}

/// Opens the page's IndexedDB with a `users` store of exactly `users`.
pub fn connect(users: Vec<User>) -> LocalBoxFuture<'static, Result<Rc<dyn Connection>, HostError>> {
    let rows = Array::new();
    for user in &users {
        let row = Object::new();
        let _ = Reflect::set(&row, &"id".into(), &user.id.into());
        let _ = Reflect::set(&row, &"name".into(), &user.name.as_str().into());
        rows.push(&row);
    }
    let promise = db_connect(&rows);
    async move {
        let db = JsFuture::from(promise).await.map_err(host_error)?;
        Ok(Rc::new(IndexedDbConnection { db }) as Rc<dyn Connection>)
    }
    .boxed_local()
}

/// An open IndexedDB database; closed when dropped, so a stopped run leaves
/// no connection behind.
struct IndexedDbConnection {
    db: JsValue,
}

impl Connection for IndexedDbConnection {
    fn fetch(&self, query: &str) -> LocalBoxFuture<'static, Result<Vec<User>, HostError>> {
        if !query.trim().eq_ignore_ascii_case("SELECT * FROM users") {
            let error = HostError(format!("unknown query: {query}"));
            return async move { Err(error) }.boxed_local();
        }
        let promise = db_select_users(&self.db);
        async move {
            let rows = JsFuture::from(promise).await.map_err(host_error)?;
            let rows: Array =
                rows.dyn_into().map_err(|_| HostError("not a list of rows".into()))?;
            Ok(rows
                .iter()
                .map(|row| User {
                    id: Reflect::get(&row, &"id".into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(0.0) as u32,
                    name: Reflect::get(&row, &"name".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default(),
                })
                .collect())
        }
        .boxed_local()
    }

    fn close(&self) -> LocalBoxFuture<'static, ()> {
        db_close(&self.db);
        async {}.boxed_local()
    }
}

impl Drop for IndexedDbConnection {
    fn drop(&mut self) {
        // Closing twice is harmless in IndexedDB.
        db_close(&self.db);
    }
}

#[wasm_bindgen(module = "/src/browser_io.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsHeapBytes)]
    fn js_heap_bytes_js() -> f64;
    #[wasm_bindgen(js_name = jsBaseline)]
    fn js_baseline_js(delays: &[f64]) -> JsValue;
    #[wasm_bindgen(js_name = showPanicBanner)]
    fn show_panic_banner_js(heading: &str, message: &str, reload: &str);

    /// A `MessageChannel` that calls back in a task of its own.
    pub type Hop;
    /// A hop that calls `callback` once per `post`.
    #[wasm_bindgen(constructor)]
    pub fn new(callback: &js_sys::Function) -> Hop;
    /// Asks for a call soon.
    #[wasm_bindgen(method)]
    pub fn post(this: &Hop);
    /// No more calls.
    #[wasm_bindgen(method)]
    pub fn close(this: &Hop);
}

/// Bytes of JavaScript heap in use, where the browser says (Chromium).
pub fn js_heap_bytes() -> Option<f64> {
    Some(js_heap_bytes_js()).filter(|bytes| bytes.is_finite())
}

/// Bytes of the wasm module's linear memory (it only grows).
pub fn wasm_memory_bytes() -> f64 {
    Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
        .and_then(|buffer| Reflect::get(&buffer, &"byteLength".into()))
        .ok()
        .and_then(|bytes| bytes.as_f64())
        .unwrap_or(f64::NAN)
}

/// What the JavaScript baseline measured.
pub struct BaselineResult {
    /// Per timer: ms between its deadline and its callback.
    pub lateness: Vec<f32>,
    /// From the first `setTimeout` to `Promise.all` resolving.
    pub wall_ms: f64,
    /// Main-thread ms in the timers' turns and the loop that set them.
    pub busy_ms: f64,
    /// Growth of the JavaScript heap over the run.
    pub heap_bytes: Option<f64>,
}

/// A running JavaScript baseline: its timers are cleared when this is
/// dropped before it finishes.
#[must_use = "the baseline's timers are cleared when this is dropped"]
pub struct Baseline {
    run: JsValue,
}

impl Baseline {
    /// Sets one `setTimeout` per delay (ms) from JavaScript, at once.
    pub fn start(delays_ms: &[f64]) -> Self {
        Baseline { run: js_baseline_js(delays_ms) }
    }

    /// Completes when every timer has fired (`Ok(None)` when the baseline
    /// was dropped first).
    pub fn finished(
        &self,
    ) -> impl std::future::Future<Output = Result<Option<BaselineResult>, HostError>> {
        let done = Reflect::get(&self.run, &"done".into()).map(js_sys::Promise::from);
        async move {
            let result = JsFuture::from(done.map_err(host_error)?).await.map_err(host_error)?;
            if result.is_null() {
                return Ok(None);
            }
            let number = |key: &str| {
                Reflect::get(&result, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN)
            };
            let late = Reflect::get(&result, &"late".into()).map_err(host_error)?;
            Ok(Some(BaselineResult {
                lateness: js_sys::Float32Array::from(late).to_vec(),
                wall_ms: number("wallMs"),
                busy_ms: number("busyMs"),
                heap_bytes: Some(number("heapBytes")).filter(|bytes| bytes.is_finite()),
            }))
        }
    }
}

impl Drop for Baseline {
    fn drop(&mut self) {
        if let Ok(cancel) = Reflect::get(&self.run, &"cancel".into()) {
            if let Some(cancel) = cancel.dyn_ref::<js_sys::Function>() {
                let _ = cancel.call0(&JsValue::NULL);
            }
        }
    }
}

/// Shows the banner of a panic: what happened, and a button that reloads.
pub fn show_panic_banner(message: &str) {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"));
    let lang = catalog::Lang::from_browser(lang.as_deref().unwrap_or("en"));
    show_panic_banner_js(
        crate::i18n::PANIC_TITLE.get(lang),
        message,
        crate::i18n::PANIC_RELOAD.get(lang),
    );
}
