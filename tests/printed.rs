//! The lecture's printed output against the page's runs at the defaults,
//! natively under the virtual clock: every printed event is one the page
//! logs, and the lines where the orders differ are exactly the ones the page
//! explains.
#![cfg(not(target_arch = "wasm32"))]

use catalog::predict::predict;
use catalog::printed::{compare, Verdict, PRINTED};
use catalog::{find, SCENARIOS};

#[test]
fn every_lecture_scenario_has_its_output_and_every_printed_event_is_logged_by_the_page() {
    let lecture: Vec<&str> = SCENARIOS.iter().take(16).map(|s| s.id).collect();
    let printed: Vec<&str> = PRINTED.iter().map(|p| p.id).collect();
    assert_eq!(printed, lecture, "one entry per lecture scenario, in catalog order");
    for printed in PRINTED {
        let spec = find(printed.id).unwrap();
        let tasks = spec.task_ids(&spec.defaults());
        for (line, event) in printed.lines() {
            if let Some((task, kind)) = event {
                assert!(spec.kinds.contains(&kind), "{}: {line} → kind {kind}", printed.id);
                assert!(tasks.contains(&task), "{}: {line} → task {task}", printed.id);
            }
        }
    }
}

#[test]
fn the_page_prints_in_the_lecture_order_except_where_it_says_why() {
    for printed in PRINTED {
        let spec = find(printed.id).unwrap();
        let run = predict(spec, &spec.defaults());
        let logged: Vec<(String, &str)> =
            run.log.iter().map(|e| (e.task.clone(), e.kind.as_str())).collect();
        let lines = printed.lines();
        let verdicts = compare(&lines, &logged);
        let differs: Vec<&str> = lines
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| **v == Verdict::Differs)
            .map(|((line, _), _)| *line)
            .collect();
        let unlogged = verdicts.iter().filter(|v| **v == Verdict::NotLogged).count();
        if !differs.is_empty() || unlogged > 0 {
            assert!(printed.note.is_some(), "{}: differences need a note: {differs:?}", printed.id);
        }
        // The virtual clock runs simultaneous timers in one step, as CPython
        // does: it prints in the lecture's order everywhere. (The browser
        // differs at futures-as-completed's tie; the end-to-end test checks
        // that the page marks those lines.)
        assert!(differs.is_empty(), "{}: {differs:?}", printed.id);
    }
}
