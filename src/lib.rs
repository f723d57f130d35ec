//! The async playground: a Yew app that runs the lecture's scenarios
//! (`scenarios/`) on the browser's real event loop and shows what happens.
//!
//! - [`state`]: the page as plain data and its reducer;
//! - [`browser_run`]: a scenario on real timers, owned by a `RunHandle`;
//! - [`components`]: the page's parts; [`app`]: the page;
//! - [`page`]: the address bar and document language.
#![deny(missing_docs)]

pub mod app;
pub mod browser_io;
pub mod browser_run;
pub mod components;
pub mod export;
pub mod highlight;
pub mod i18n;
pub mod measure;
pub mod page;
pub mod share;
pub mod slides;
pub mod state;
pub mod timeline;

/// Shows panics in the console (the page has no other place for them yet) and
/// renders the app into `<body>`.
pub fn start() {
    // The wasm is loaded and running; `make bench` splits load from render here.
    page::mark("playground-wasm-started");
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    let (query, language) = page::location_and_language();
    yew::Renderer::<app::App>::with_props(app::AppProps {
        query: query.into(),
        browser_language: language.into(),
        sync_url: true,
    })
    .render();
}
