//! Every scenario of the catalog under the virtual clock: the order CPython
//! prints at the lecture's defaults (`SCENARIOS.md`), and properties over
//! random parameters.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::XorShift;

use catalog::{self, Group, ScenarioSpec, SCENARIOS};
use runtime::virtual_clock::{run_on, Outcome, VirtualHost, TURN};
use runtime::{Lang, LogEntry};

/// The files the `fetch` scenario asks for.
fn example_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("static/example/1.txt", "one"),
        ("static/example/2.txt", "two"),
        ("static/example/3.txt", "three"),
        ("static/example/4.txt", "four"),
        ("static/example/5.txt", "five"),
        ("static/example/6.txt", "six"),
        ("static/example/7.txt", "seven"),
        ("static/example/8.txt", "eight"),
    ]
}

fn host() -> VirtualHost {
    VirtualHost::new(1.0).with_files(example_files())
}

fn run_spec(spec: &'static ScenarioSpec, values: Vec<Vec<f64>>) -> Outcome {
    run_on(host(), f64::INFINITY, move |cx| spec.main(cx, &values))
}

/// Every scenario's run at its defaults logs the order its description
/// declares (`ScenarioSpec::order`, the one place it is written), and only
/// kinds it declares. A scenario without a declared order fails here.
#[test]
fn every_scenario_logs_its_declared_order_at_the_defaults() {
    for spec in SCENARIOS {
        let outcome = defaults(spec.id);
        if spec.id == "stress" {
            assert!(spec.order.is_empty(), "stress's order is random by design");
            continue;
        }
        assert!(!spec.order.is_empty(), "{}: no declared order", spec.id);
        assert_eq!(order(&outcome.log), spec.order, "{}", spec.id);
        if let Some(browser) = spec.browser_order {
            assert!(spec.differs.is_some(), "{}: a browser order needs its explanation", spec.id);
            let mut virtual_sorted = spec.order.to_vec();
            let mut browser_sorted = browser.to_vec();
            virtual_sorted.sort_unstable();
            browser_sorted.sort_unstable();
            assert_eq!(virtual_sorted, browser_sorted, "{}: the same events", spec.id);
        }
    }
}

fn order(log: &[LogEntry]) -> Vec<String> {
    log.iter().map(|e| format!("{} {}", e.task, e.kind)).collect()
}

fn spec(id: &str) -> &'static ScenarioSpec {
    catalog::find(id).unwrap_or_else(|| panic!("no scenario {id}"))
}

fn defaults(id: &str) -> Outcome {
    let spec = spec(id);
    let outcome = run_spec(spec, spec.defaults());
    assert!(outcome.completed, "{id} did not complete");
    assert_eq!(outcome.live_timers, 0, "{id} left timers");
    for entry in &outcome.log {
        assert!(
            spec.kinds.contains(&entry.kind.as_str()),
            "{id}: kind {} is not in the catalog",
            entry.kind
        );
    }
    outcome
}

#[test]
fn the_catalog_has_the_lecture_scenarios_in_order_then_the_rest() {
    // The lecture's cells first (in its order), then what goes beyond it,
    // and no id is listed twice.
    let beyond = |spec: &ScenarioSpec| matches!(spec.group, Group::Beyond | Group::Scale);
    for pair in SCENARIOS.windows(2) {
        assert!(!beyond(pair[0]) || beyond(pair[1]), "{} before {}", pair[0].id, pair[1].id);
    }
    let mut ids: Vec<&str> = SCENARIOS.iter().map(|s| s.id).collect();
    assert_eq!(ids[0], "coroutine", "a link with no s= opens the lecture's first cell");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), SCENARIOS.len(), "an id is listed twice");
    for spec in SCENARIOS {
        let cell = spec.cell(&spec.defaults());
        assert!(!cell.contains("{{"), "{}: unfilled cell\n{cell}", spec.id);
        assert!(!spec.rust.is_empty() && spec.rust.iter().all(|s| !s.text.is_empty()));
        assert!(!spec.about.en.is_empty() && !spec.about.ru.is_empty());
    }
}

#[test]
fn coroutine_busy_waits_to_the_lecture_order() {
    let outcome = defaults("coroutine");
    assert_eq!(order(&outcome.log), ["1 start", "2 start", "2 done", "1 done"]);
    // It ends at the first check after the deadline: within one loop turn.
    assert!(
        outcome.log[2].at >= 3.0 && outcome.log[2].at < 3.0 + 2.0 * TURN,
        "{}",
        outcome.log[2].at
    );
    assert!(outcome.log[3].at >= 4.0 && outcome.log[3].at < 4.0 + 2.0 * TURN);
    assert_eq!(outcome.log[3].text.get(Lang::Ru), "Задача 1: Данные загружены после 4 секунд");
}

#[test]
fn create_task_results_carry_their_data() {
    let outcome = defaults("create-task");
    assert_eq!(outcome.log[10].text.en, "Task1: data");
}

#[test]
fn sleep_reports_asked_against_actual() {
    let outcome = defaults("sleep");
    assert_eq!(order(&outcome.log), ["main slept"]);
    assert_eq!(outcome.log[0].at, 1.0);
    assert!(
        outcome.log[0].text.en.contains("asked 1 s, got 1.000 s"),
        "{}",
        outcome.log[0].text.en
    );
}

#[test]
fn future_result_arrives_at_its_delay() {
    let outcome = defaults("future");
    assert_eq!(outcome.log[1].text.en, "Результат готов!");
    assert_eq!(outcome.log[1].at, 2.0);
}

#[test]
fn fetch_concurrent_takes_the_longest_sequential_the_sum() {
    let outcome = defaults("fetch");
    assert_eq!(
        order(&outcome.log),
        [
            "1 fetched",
            "2 fetched",
            "3 fetched",
            "concurrent total",
            "1 fetched",
            "2 fetched",
            "3 fetched",
            "sequential total"
        ]
    );
    assert!((outcome.log[3].at - 0.07).abs() < 1e-9);
    assert!((outcome.log[7].at - outcome.log[3].at - 0.21).abs() < 1e-9);
    assert_eq!(outcome.log[3].text.en, "concurrent: wall time 70 ms");
}

#[test]
fn fetch_failure_is_logged_as_an_error() {
    let spec = spec("fetch");
    let outcome =
        run_on(VirtualHost::new(1.0), f64::INFINITY, move |cx| spec.main(cx, &[vec![0.1]]));
    assert!(outcome.completed);
    assert_eq!(order(&outcome.log), ["concurrent error", "sequential error"]);
    assert!(outcome.log[0].text.en.contains("404"), "{}", outcome.log[0].text.en);
}

#[test]
fn wait_first_leaves_no_timer() {
    let outcome = defaults("wait-first");
    assert_eq!(outcome.end, 1.0, "the long task's timer went with it");
    assert_eq!(outcome.log[1].text.en, "Short result");
}

#[test]
fn as_completed_prints_the_lecture_results() {
    let outcome = defaults("as-completed");
    assert_eq!(outcome.log[0].text.en, "Task 2 data fetched after 1 seconds");
}

#[test]
fn database_rows_print_as_records() {
    let outcome = defaults("database");
    assert_eq!(outcome.log[1].text.en, "<Record id=1 name='Alice'>");
}

#[test]
fn database_down_is_logged_as_an_error() {
    let spec = spec("database");
    let host = VirtualHost::new(1.0).with_database_down();
    let outcome = run_on(host, f64::INFINITY, move |cx| spec.main(cx, &[vec![3.0]]));
    assert_eq!(order(&outcome.log), ["main error"]);
}

#[test]
fn async_iterator_items_come_a_delay_apart() {
    let spec = spec("async-iterator");
    let outcome = run_spec(spec, vec![vec![4.0], vec![0.5]]);
    let times: Vec<f64> = outcome.log.iter().map(|e| e.at).collect();
    assert_eq!(times, [0.5, 1.0, 1.5, 2.0]);
    let outcome = run_spec(spec, vec![vec![0.0], vec![0.5]]);
    assert!(outcome.completed && outcome.log.is_empty());
}

#[test]
fn go_and_cpp_print_the_lecture_values() {
    let promise = defaults("cpp-promise");
    assert_eq!(promise.log[1].text.get(Lang::Ru), "Квадрат числа 4 равен: 16");
    let outcome = defaults("cpp-async");
    assert!(outcome.log[1].text.en.ends_with("42"));
}

#[test]
fn as_completed_yields_by_delay() {
    let mut rng = XorShift(0xA5C0_3717);
    for _ in 0..300 {
        let n = 1 + rng.below(8) as usize;
        let delays = rng.delays(n);
        let outcome = run_spec(spec("as-completed"), vec![delays.clone()]);
        let got: Vec<usize> =
            outcome.log.iter().map(|e| e.task.parse::<usize>().unwrap() - 1).collect();
        let mut expected: Vec<usize> = (0..n).collect();
        expected.sort_by(|&a, &b| delays[a].total_cmp(&delays[b]).then(a.cmp(&b)));
        assert_eq!(got, expected, "{delays:?}");
        for entry in &outcome.log {
            assert_eq!(entry.at, delays[entry.task.parse::<usize>().unwrap() - 1]);
        }
    }
}

#[test]
fn bounded_queue_never_holds_more_than_maxsize() {
    let mut rng = XorShift(0xB0B0_0001);
    for _ in 0..300 {
        let items = 1 + rng.below(15) as usize;
        let produce = rng.tenths(10);
        let consume = rng.tenths(20);
        let maxsize = rng.below(5) as usize;
        let values = vec![vec![items as f64], vec![produce], vec![consume], vec![maxsize as f64]];
        let outcome = run_spec(spec("bounded-queue"), values);
        assert!(outcome.completed, "{items} {produce} {consume} {maxsize}");
        // Items waiting in the queue = produced but not yet consumed.
        let mut waiting = 0_i64;
        let mut produced = Vec::new();
        let mut consumed = Vec::new();
        for entry in &outcome.log {
            match entry.kind.as_str() {
                "produced" => {
                    waiting += 1;
                    produced.push(entry.task.clone());
                }
                _ => {
                    waiting -= 1;
                    consumed.push(entry.task.clone());
                }
            }
            // `produced` is logged after `put` returns, so a consumer that
            // took the item in between shows as one less; never more.
            if maxsize > 0 {
                assert!(waiting <= maxsize as i64, "more than maxsize {maxsize} waiting");
            }
            assert!(waiting >= -1);
        }
        assert_eq!(produced.len(), items);
        assert_eq!(consumed, produced, "FIFO: consumed in the order produced");
    }
}

#[test]
fn wait_first_cancels_exactly_one_task_unless_they_tie() {
    let mut rng = XorShift(0x3A17_F125);
    for _ in 0..300 {
        let delays = rng.delays(2);
        let outcome = run_spec(spec("wait-first"), vec![delays.clone()]);
        let cancelled: Vec<&str> =
            outcome.log.iter().filter(|e| e.kind == "cancelled").map(|e| e.task.as_str()).collect();
        let results = outcome.log.iter().filter(|e| e.kind == "result").count();
        if delays[0] == delays[1] {
            assert!(cancelled.is_empty() && results == 2, "{delays:?}: both are done at once");
        } else {
            let slower = if delays[0] < delays[1] { "long" } else { "short" };
            assert_eq!(cancelled, [slower], "{delays:?}");
            assert_eq!(results, 1);
        }
        assert_eq!(outcome.live_timers, 0);
    }
}

#[test]
fn create_task_results_follow_main_and_receipts_follow_delays() {
    let mut rng = XorShift(0xC4EA_7E00);
    for _ in 0..300 {
        let n = 1 + rng.below(8) as usize;
        let delays = rng.delays(n);
        let outcome = run_spec(spec("create-task"), vec![delays.clone()]);
        let results: Vec<String> =
            outcome.log.iter().filter(|e| e.kind == "result").map(|e| e.task.clone()).collect();
        let in_order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        assert_eq!(results, in_order, "main awaits in creation order");
        let received: Vec<usize> = outcome
            .log
            .iter()
            .filter(|e| e.kind == "received")
            .map(|e| e.task.parse::<usize>().unwrap() - 1)
            .collect();
        let mut by_delay: Vec<usize> = (0..n).collect();
        by_delay.sort_by(|&a, &b| delays[a].total_cmp(&delays[b]).then(a.cmp(&b)));
        assert_eq!(received, by_delay, "{delays:?}");
    }
}

#[test]
fn every_scenario_completes_for_random_parameters() {
    let mut rng = XorShift(0x00DD_BA11);
    for spec in SCENARIOS {
        for _ in 0..40 {
            let values: Vec<Vec<f64>> = spec
                .params
                .iter()
                .map(|p| {
                    let n = p.count.0 + rng.below((p.count.1 - p.count.0 + 1) as u64) as usize;
                    (0..n)
                        .map(|_| {
                            let span = (p.max.min(12.0) - p.min.max(-12.0)).max(0.0);
                            let v = p.min.max(-12.0) + span * (rng.below(1001) as f64 / 1000.0);
                            if p.unit.whole() {
                                v.round()
                            } else {
                                (v * 10.0).round() / 10.0
                            }
                        })
                        .collect()
                })
                .collect();
            let outcome = run_spec(spec, values.clone());
            assert!(outcome.completed, "{} {values:?}", spec.id);
            assert_eq!(outcome.live_timers, 0);
            let ids = spec.task_ids(&values);
            for entry in &outcome.log {
                assert!(spec.kinds.contains(&entry.kind.as_str()), "{}: {}", spec.id, entry.kind);
                assert!(
                    ids.contains(&entry.task),
                    "{}: task {} not in {ids:?}",
                    spec.id,
                    entry.task
                );
            }
        }
    }
}
