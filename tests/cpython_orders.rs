//! Each scenario's declared order at the defaults is CPython's own: where
//! `tests/cpython/cells.py` runs the same program (CPython's asyncio on the
//! virtual clock), its events must come in exactly the scenario's `order`.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cells(args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cpython/cells.py"))
        .args(args)
        .output()
        .expect("python3 runs (it is on every machine here)");
    assert!(out.status.success(), "cells.py {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `"task kind"` for each event of cells.py's JSON, in order.
fn order(json: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = json;
    while let Some(at) = rest.find("{\"task\": \"") {
        rest = &rest[at + 10..];
        let task = &rest[..rest.find('"').unwrap()];
        let kind_at = rest.find("\"kind\": \"").unwrap() + 9;
        let kind = &rest[kind_at..kind_at + rest[kind_at..].find('"').unwrap()];
        found.push(format!("{task} {kind}"));
    }
    found
}

#[test]
fn cpython_logs_each_scenario_in_its_declared_order() {
    let known = cells(&["--list"]);
    let mut compared = Vec::new();
    for spec in catalog::SCENARIOS {
        if !known.lines().any(|id| id == spec.id) {
            continue;
        }
        let cpython = order(&cells(&[spec.id]));
        assert_eq!(cpython, spec.order, "{}: CPython's order against the declared one", spec.id);
        compared.push(spec.id);
    }
    // The lecture's asyncio cells and the three beyond it that CPython runs
    // as they are (blocking and microtasks measure the browser itself).
    for id in ["gather", "coroutine", "bounded-queue", "timeout", "gather-errors", "lock-event"] {
        assert!(compared.contains(&id), "{id} is not compared with CPython");
    }
}
