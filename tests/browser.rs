//! The real event loop: `gather` on browser timers in headless Chromium.
//!
//! Run by `make test` (`cargo test --target wasm32-unknown-unknown --test
//! browser`), through wasm-bindgen-test-runner and chromedriver.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use async_playground::app::{App, AppProps};
use async_playground::browser_run::{self, live_timers};
use async_playground::run_service::{RunService, RunSource};
use async_playground::state::Action;
use catalog::GATHER;
use futures::channel::oneshot;
use gloo_timers::future::TimeoutFuture;
use runtime::LogEntry;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Rows = Rc<RefCell<Vec<LogEntry>>>;

fn start_gather(
    delays: &[f64],
    speed: f64,
) -> (browser_run::RunHandle, Rows, oneshot::Receiver<()>) {
    let rows: Rows = Rc::default();
    let (done_tx, done_rx) = oneshot::channel();
    let handle = browser_run::start(
        &GATHER,
        &[delays.to_vec()],
        speed,
        {
            let rows = rows.clone();
            move |entry| rows.borrow_mut().push(entry)
        },
        move || {
            let _ = done_tx.send(());
        },
    );
    (handle, rows, done_rx)
}

fn order(rows: &[LogEntry]) -> Vec<String> {
    rows.iter().map(|e| format!("{} {}", e.task, e.kind)).collect()
}

/// Checks real timing: never early. How late is `make bench`'s business: a
/// loaded machine may be late by any amount, so no test bounds it.
fn assert_not_early(entry: &LogEntry, expected_ms: f64) {
    assert!(
        entry.real_ms >= expected_ms - 1.0,
        "{} {} at {} ms, before {expected_ms} ms",
        entry.task,
        entry.kind,
        entry.real_ms
    );
}

#[wasm_bindgen_test]
async fn lecture_defaults_finish_in_the_lecture_order_on_real_timers() {
    let (handle, rows, done) = start_gather(GATHER.params[0].default, 10.0);
    done.await.expect("the run completes");
    drop(handle);
    let rows = rows.borrow();
    assert_eq!(order(&rows), ["A start", "B start", "C start", "B finish", "A finish", "C finish"]);
    // Delays 2, 1, 3 notebook seconds at speed 10: 200, 100, 300 ms.
    assert_not_early(&rows[3], 100.0);
    assert_not_early(&rows[4], 200.0);
    assert_not_early(&rows[5], 300.0);
    assert_eq!(live_timers(), 0);
}

#[wasm_bindgen_test]
async fn edited_delays_reorder_the_finishes() {
    let (handle, rows, done) = start_gather(&[0.5, 0.1, 0.3, 0.2, 0.0, 0.1], 10.0);
    done.await.expect("the run completes");
    drop(handle);
    let finishes: Vec<String> =
        rows.borrow().iter().filter(|e| e.kind == "finish").map(|e| e.task.clone()).collect();
    // By delay; B and F tie at 0.1 and finish in task order.
    assert_eq!(finishes, ["E", "B", "F", "D", "C", "A"]);
}

#[wasm_bindgen_test]
async fn stopping_midway_leaves_no_rows_and_no_timers() {
    // B finishes at 100 ms, A and C seconds later: Stop falls between them
    // however slow the machine is.
    let (handle, rows, mut done) = start_gather(&[20.0, 1.0, 30.0], 10.0);
    while !order(&rows.borrow()).iter().any(|row| row == "B finish") {
        TimeoutFuture::new(10).await;
    }
    assert_eq!(order(&rows.borrow()).last().map(String::as_str), Some("B finish"));
    assert_eq!(live_timers(), 2, "A and C are still sleeping");
    drop(handle);
    assert_eq!(live_timers(), 0, "stopping clears the timers at once");
    let logged = rows.borrow().len();
    TimeoutFuture::new(300).await;
    assert_eq!(rows.borrow().len(), logged, "nothing is logged after Stop");
    assert_eq!(done.try_recv(), Err(oneshot::Canceled), "a stopped run is never done");
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits until the app's `data-state` is `state`. `ms` is a guard against a
/// hang, far beyond any machine's slowness, not a stopwatch.
async fn wait_for_state(root: &web_sys::Element, state: &str, ms: u32) {
    for _ in 0..ms / 10 {
        yew::scheduler::flush().await;
        if root.query_selector(&format!("[data-state=\"{state}\"]")).unwrap().is_some() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("data-state never became {state}");
}

fn finish_tasks(root: &web_sys::Element) -> Vec<String> {
    let rows = root.query_selector_all(".log-entry[data-kind=\"finish\"]").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-task"))
        .collect()
}

fn seqs(root: &web_sys::Element) -> Vec<u32> {
    let rows = root.query_selector_all(".log-entry").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-seq")?.parse().ok())
        .collect()
}

fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .expect(selector)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
async fn the_app_runs_a_link_and_runs_again_cleanly() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            query: "?s=gather&delays=30,10,20&speed=10&run=1".into(),
            browser_language: "en-US".into(),
            sync_url: false,
        },
    )
    .render();
    wait_for_state(&root, "done", 120_000).await;
    assert_eq!(finish_tasks(&root), ["B", "C", "A"]);
    assert_eq!(root.query_selector_all(".log-entry").unwrap().length(), 6);

    // Run again, then Stop at once (the first finish is a second away): the
    // log holds only the new run's rows (seq from 0), and nothing is added
    // after the stop.
    click(&root, "button.run");
    wait_for_state(&root, "running", 120_000).await;
    click(&root, "button.stop");
    wait_for_state(&root, "stopped", 120_000).await;
    assert_eq!(live_timers(), 0);
    let at_stop = seqs(&root);
    assert!(at_stop.len() >= 3 && at_stop.len() < 6, "{at_stop:?}");
    assert_eq!(at_stop, (0..at_stop.len() as u32).collect::<Vec<_>>());
    TimeoutFuture::new(400).await;
    yew::scheduler::flush().await;
    assert_eq!(seqs(&root), at_stop, "no row after Stop");
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn unmounting_the_app_stops_its_run() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            query: "?s=gather&delays=20,10,30&speed=10".into(),
            browser_language: "en-US".into(),
            sync_url: false,
        },
    )
    .render();
    yew::scheduler::flush().await;
    click(&root, "button.run");
    wait_for_state(&root, "running", 120_000).await;
    while live_timers() == 0 {
        TimeoutFuture::new(10).await;
    }
    app.destroy();
    yew::scheduler::flush().await;
    assert_eq!(live_timers(), 0, "the service went with the app, and its run with it");
    root.remove();
}

type Said = Rc<RefCell<Vec<String>>>;

/// A run service whose actions are written down, one line a row, and the
/// waits it reports apart (a frame hands over rows and waits separately).
fn recorded_service() -> (RunService, Said, Said) {
    let said: Said = Rc::default();
    let waits: Said = Rc::default();
    let service = RunService::new(yew::Callback::from({
        let (said, waits) = (said.clone(), waits.clone());
        move |action| {
            let mut said = said.borrow_mut();
            match action {
                Action::Waited(run_id, events) => {
                    waits.borrow_mut().extend(events.iter().map(|event| match event {
                        runtime::WaitEvent::Begin { task, on, .. } => {
                            format!("{run_id} {task} waits on {}", on.id())
                        }
                        runtime::WaitEvent::End { .. } => format!("{run_id} wait ends"),
                    }))
                }
                Action::Started { run_id, .. } => said.push(format!("started {run_id}")),
                Action::Logged(run_id, rows) => said.extend(
                    rows.iter().map(|row| format!("row {run_id} {} {}", row.task, row.kind)),
                ),
                Action::Finished(run_id) => said.push(format!("finished {run_id}")),
                Action::Stopped => said.push("stopped".into()),
                other => said.push(format!("{other:?}")),
            }
        }
    }));
    (service, said, waits)
}

async fn until_said(said: &Said, line: &str) {
    while !said.borrow().iter().any(|l| l == line) {
        TimeoutFuture::new(10).await;
    }
}

fn settings(query: &str) -> catalog::params::Settings {
    catalog::params::parse_settings(query).0
}

/// Runs what `settings` describe, as the page's Run button does.
fn run(service: &mut RunService, settings: &catalog::params::Settings) {
    service.run(RunSource::of(settings), settings.speed);
}

#[wasm_bindgen_test]
async fn the_run_service_reports_only_through_actions_and_stops_by_dropping() {
    let (mut service, said, waits) = recorded_service();
    // A whole run: started, its rows (a frame at a time), finished.
    run(&mut service, &settings("?s=gather&delays=0.3,0.1,0.2&speed=10"));
    assert!(service.is_running());
    until_said(&said, "finished 1").await;
    assert_eq!(
        *said.borrow(),
        [
            "started 1",
            "row 1 A start",
            "row 1 B start",
            "row 1 C start",
            "row 1 B finish",
            "row 1 C finish",
            "row 1 A finish",
            "finished 1"
        ]
    );
    assert!(!service.is_running());
    assert_eq!(live_timers(), 0);
    // What each task waited on, recorded by the runtime as it ran.
    let mut recorded = waits.borrow().clone();
    recorded.sort();
    assert_eq!(
        recorded,
        ["1 A waits on timer", "1 B waits on timer", "1 C waits on timer"]
            .into_iter()
            .chain(["1 wait ends"; 3])
            .collect::<Vec<_>>()
    );

    // Stop midway (B finishes at 100 ms, A and C seconds later): the rows
    // up to the stop, then `stopped`, and nothing after.
    said.borrow_mut().clear();
    waits.borrow_mut().clear();
    let slow = settings("?s=gather&delays=20,1,30&speed=10");
    run(&mut service, &slow);
    until_said(&said, "row 2 B finish").await;
    assert_eq!(live_timers(), 2, "A and C are still sleeping");
    service.stop();
    assert_eq!(live_timers(), 0, "stopping drops the run at once");
    let at_stop = said.borrow().clone();
    assert_eq!(at_stop.first().map(String::as_str), Some("started 2"));
    assert_eq!(at_stop.last().map(String::as_str), Some("stopped"));
    let waits_at_stop = waits.borrow().clone();
    assert_eq!(waits_at_stop.iter().filter(|w| w.ends_with("ends")).count(), 1, "B's");
    TimeoutFuture::new(300).await;
    assert_eq!(*said.borrow(), at_stop, "nothing after Stop");
    assert_eq!(*waits.borrow(), waits_at_stop, "no wait ends after Stop");

    // Dropping the service is stopping too, without a word. (The first
    // finish is a second away.)
    said.borrow_mut().clear();
    run(&mut service, &settings("?s=gather&delays=20,10,30&speed=10"));
    until_said(&said, "row 3 C start").await;
    assert_eq!(live_timers(), 3);
    drop(service);
    assert_eq!(live_timers(), 0, "the run went with the service");
    TimeoutFuture::new(300).await;
    assert_eq!(
        *said.borrow(),
        ["started 3", "row 3 A start", "row 3 B start", "row 3 C start"],
        "no finish came"
    );
}

/// Runs a catalog scenario at its defaults (or `values`) to the end.
async fn run_scenario(id: &str, values: Option<Vec<Vec<f64>>>, speed: f64) -> Vec<LogEntry> {
    let spec = catalog::find(id).expect("a catalog id");
    let values = values.unwrap_or_else(|| spec.defaults());
    let rows: Rows = Rc::default();
    let (done_tx, done_rx) = oneshot::channel();
    let handle = browser_run::start(
        spec,
        &values,
        speed,
        {
            let rows = rows.clone();
            move |entry| rows.borrow_mut().push(entry)
        },
        move || {
            let _ = done_tx.send(());
        },
    );
    done_rx.await.expect("the run completes");
    drop(handle);
    let rows = rows.borrow().clone();
    rows
}

#[wasm_bindgen_test]
async fn database_reads_back_what_it_seeded_in_indexeddb() {
    let rows = run_scenario("database", Some(vec![vec![2.0]]), 1.0).await;
    let texts: Vec<String> = rows.iter().map(|e| format!("{} {}", e.kind, e.text.en)).collect();
    assert_eq!(
        texts,
        [
            "connected connected",
            "row <Record id=1 name='Alice'>",
            "row <Record id=2 name='Bob'>",
            "closed connection closed"
        ]
    );
}

#[wasm_bindgen_test]
async fn fetch_is_a_real_request_and_its_failure_is_an_error() {
    // The test runner's own server answers the scenario's GETs.
    let rows = run_scenario("fetch", Some(vec![vec![0.0, 0.0]]), 10.0).await;
    let kinds: Vec<&str> = rows.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["fetched", "fetched", "total", "fetched", "fetched", "total"]);
    // A server that is not there (a closed loopback port): a real network
    // error, reported as the error Python would raise.
    let error = async_playground::browser_io::fetch_text("http://127.0.0.1:1/missing.txt")
        .await
        .expect_err("nothing listens on port 1");
    assert!(!error.0.is_empty());
    assert_eq!(live_timers(), 0);
}

#[wasm_bindgen_test]
async fn the_busy_wait_gives_the_browser_turns() {
    // coroutine at 10×: 4 and 3 notebook seconds are 400 and 300 ms of
    // checking the clock, one timer turn at a time.
    let rows = run_scenario("coroutine", None, 10.0).await;
    assert_eq!(order(&rows), ["1 start", "2 start", "2 done", "1 done"]);
    assert_not_early(&rows[2], 300.0);
    assert_not_early(&rows[3], 400.0);
    assert_eq!(live_timers(), 0);
}

/// Starts `stress` with `timers` on a measured clock.
fn start_stress(
    n: usize,
    max: f64,
    timers: browser_run::Timers,
) -> (browser_run::RunHandle, Rows, oneshot::Receiver<()>, Rc<browser_run::Probe>) {
    let rows: Rows = Rc::default();
    let (done_tx, done_rx) = oneshot::channel();
    let probe = browser_run::Probe::new();
    let clock = browser_run::BrowserClock::with_timers(1.0, timers, Some(probe.clone()));
    let values = [vec![n as f64], vec![max], vec![1.0], vec![0.0]];
    let handle = browser_run::start_on(
        &catalog::STRESS,
        &values,
        clock,
        {
            let rows = rows.clone();
            move |entry| rows.borrow_mut().push(entry)
        },
        move || {
            let _ = done_tx.send(());
        },
    );
    (handle, rows, done_rx, probe)
}

#[wasm_bindgen_test]
async fn the_timer_heap_wakes_every_task_in_delay_order_with_one_browser_timer() {
    let (handle, rows, done, probe) = start_stress(2000, 0.3, browser_run::Timers::Heap);
    TimeoutFuture::new(50).await;
    assert!(live_timers() <= 1, "one alarm for 2,000 sleeping tasks, not {}", live_timers());
    done.await.expect("the run completes");
    drop(handle);
    let rows = rows.borrow();
    let delays = scenarios::stress::delays(2000, 0.3, 1);
    let done_rows: Vec<&LogEntry> = rows.iter().filter(|e| e.kind == "done").collect();
    assert_eq!(done_rows.len(), 2000);
    // In delay order, up to the time it took to set the timers: a deadline
    // is the time of the sleep plus its delay, as in asyncio.
    let delay = |e: &LogEntry| delays[e.task.parse::<usize>().unwrap() - 1];
    let setting = done_rows.first().map_or(0.0, |e| e.real_ms - delay(e) * 1000.0);
    for pair in done_rows.windows(2) {
        assert!(
            delay(pair[0]) * 1000.0 <= delay(pair[1]) * 1000.0 + setting.max(0.0) + 50.0,
            "{} before {}",
            pair[0].task,
            pair[1].task
        );
    }
    for row in &done_rows {
        let delay_ms = delays[row.task.parse::<usize>().unwrap() - 1] * 1000.0;
        assert_not_early(row, delay_ms);
    }
    let lateness = probe.lateness.borrow();
    assert_eq!(lateness.len(), 2000, "every timer's lateness is recorded");
    assert!(lateness.iter().all(|&late| late > -1.0), "no timer fires early");
    assert!(probe.busy_ms.get() > 0.0);
    assert_eq!(live_timers(), 0);
}

#[wasm_bindgen_test]
async fn stopping_a_heap_run_clears_its_one_alarm() {
    for timers in [browser_run::Timers::Heap, browser_run::Timers::PerTask] {
        // Delays up to 40 s: Stop comes long before the end on any machine.
        let (handle, rows, mut done, _probe) = start_stress(500, 40.0, timers);
        TimeoutFuture::new(100).await;
        // The heap holds at most one browser timer (none for a moment
        // between firing and re-arming); one per task otherwise.
        match timers {
            browser_run::Timers::Heap => assert!(live_timers() <= 1),
            browser_run::Timers::PerTask => assert!(live_timers() > 100),
        }
        drop(handle);
        assert_eq!(live_timers(), 0, "{timers:?}: stopping clears every timer at once");
        let logged = rows.borrow().len();
        assert!(logged < 500, "{timers:?}: stopped before the end");
        TimeoutFuture::new(400).await;
        assert_eq!(rows.borrow().len(), logged, "{timers:?}: nothing is logged after Stop");
        assert_eq!(done.try_recv(), Err(oneshot::Canceled));
    }
}

#[wasm_bindgen_test]
fn a_panic_shows_a_banner_with_its_message_as_text_and_a_reload_button() {
    async_playground::browser_io::show_panic_banner("boom <img src=x onerror=alert(1)>");
    let banner = document().query_selector(".panic-banner").unwrap().expect("a banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap_or_default();
    assert!(text.contains("boom <img src=x onerror=alert(1)>"), "the message as text: {text}");
    assert!(banner.query_selector("img").unwrap().is_none(), "never as markup");
    let button = banner.query_selector("button").unwrap().expect("a reload button");
    assert!(button.text_content().unwrap_or_default().contains("Reload"));
    // A second panic does not stack a second banner.
    async_playground::browser_io::show_panic_banner("again");
    assert_eq!(document().query_selector_all(".panic-banner").unwrap().length(), 1);
    banner.remove();
}
