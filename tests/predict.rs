//! Predict mode's rules, natively: what is ordered, how an item moves, and
//! how a prediction is judged against a run.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::predict::{actual, completions, move_item, verdicts, Completion};
use async_playground::subject::Subject;
use catalog::predict::predict;
use catalog::{find, GATHER};

fn labels(items: &[Completion]) -> Vec<String> {
    items.iter().map(Completion::label).collect()
}

#[test]
fn the_items_are_the_completions_in_the_order_the_tasks_were_written() {
    let values = GATHER.defaults();
    let run = predict(&GATHER, &values).log;
    let items = completions(&Subject::Scenario { spec: &GATHER, values: &values }, &run);
    assert_eq!(labels(&items), ["A finish", "B finish", "C finish"], "never the answer");
    assert_eq!(
        labels(&actual(&Subject::Scenario { spec: &GATHER, values: &[] }, run.iter())),
        ["B finish", "A finish", "C finish"]
    );
    let spec = find("bounded-queue").unwrap();
    let values = spec.defaults();
    let items =
        completions(&Subject::Scenario { spec, values: &values }, &predict(spec, &values).log);
    assert_eq!(items.len(), 10, "one per consumed item");
}

#[test]
fn moving_and_judging() {
    let values = GATHER.defaults();
    let run = predict(&GATHER, &values).log;
    let mut guess = completions(&Subject::Scenario { spec: &GATHER, values: &values }, &run);
    let real = actual(&Subject::Scenario { spec: &GATHER, values: &[] }, run.iter());
    assert_eq!(verdicts(&guess, &real), [false, false, true]);
    move_item(&mut guess, 1, 0);
    assert_eq!(verdicts(&guess, &real), [true, true, true]);
    move_item(&mut guess, 0, 99);
    assert_eq!(labels(&guess), ["A finish", "C finish", "B finish"], "clamped to the end");
    move_item(&mut guess, 7, 0);
    assert_eq!(guess.len(), 3, "a move from nowhere changes nothing");
    assert_eq!(verdicts(&guess, &[]), [false, false, false], "no run: nothing is right");
}
