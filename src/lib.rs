//! The async playground: a Yew app that runs the lecture's scenarios
//! (`scenarios/`) on the browser's real event loop and shows what happens.
//!
//! - [`state`]: the page as plain data and its reducer;
//! - [`browser_run`]: a scenario on real timers, owned by a `RunHandle`;
//! - [`run_service`]: the run, its rows and the baseline, apart from the view;
//! - [`components`]: the page's parts; [`app`]: the page;
//! - [`page`]: the address bar and document language.
#![deny(missing_docs)]

pub mod app;
pub mod browser_io;
pub mod browser_run;
pub mod components;
pub mod described;
pub mod editing;
pub mod export;
pub mod highlight;
pub mod i18n;
pub mod measure;
pub mod page;
pub mod predict;
pub mod program_run;
pub mod python;
pub mod run_service;
pub mod share;
pub mod slides;
pub mod state;
pub mod subject;
pub mod timeline;

/// Shows a panic in the console and as a banner with a way to reload (the
/// end-to-end tests fail on any console error, so the aim is that none
/// happens), and renders the app into `<body>`.
pub fn start() {
    // The wasm is loaded and running; `make bench` splits load from render here.
    page::mark("playground-wasm-started");
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        browser_io::show_panic_banner(&message);
    }));
    let (query, language) = page::location_and_language();
    yew::Renderer::<app::App>::with_props(app::AppProps {
        query: query.into(),
        browser_language: language.into(),
        sync_url: true,
    })
    .render();
}
