//! `fetch()` and IndexedDB for the scenarios, the clipboard and downloads for
//! the exports, through a few lines of
//! JavaScript (`browser_io.js`): smaller in wasm than the equivalent
//! `web-sys` bindings, and easy to read beside the Rust.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use js_sys::{Array, Object, Reflect};
use scenarios::{Connection, HostError, User};
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
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), HostError> {
    JsFuture::from(copy_text_js(text)).await.map(|_| ()).map_err(host_error)
}

/// Offers `text` as a file called `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    download_js(name, mime, text);
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
