//! The page's reducer, natively: what each action does to what is shown.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use async_playground::state::{Action, Page, Playground, Status};
use catalog::Lang;
use runtime::{text, LogEntry};
use yew::Reducible;

fn entry(seq: u32, task: &str) -> LogEntry {
    LogEntry {
        seq,
        at: 0.0,
        real_ms: 0.0,
        task: task.into(),
        kind: "start".into(),
        text: text!("Task {task} started", "Задача {task} запущена"),
    }
}

fn started(run_id: u64) -> Action {
    Action::Started { run_id, speed: 1.0, started_ms: 0.0 }
}

fn apply(state: Rc<Playground>, actions: impl IntoIterator<Item = Action>) -> Rc<Playground> {
    actions.into_iter().fold(state, |state, action| state.reduce(action))
}

#[test]
fn a_link_fills_the_inputs_and_the_language_follows_the_browser() {
    let page = Playground::from_link("?s=gather&delays=3,1,2&speed=10", "ru-RU");
    assert_eq!(page.lang, Lang::Ru);
    let texts: Vec<&str> = page.fields()[0].iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["3", "1", "2"]);
    assert_eq!(page.speed.text, "10");
    assert_eq!(page.status, Status::Idle);
    assert_eq!(Playground::from_link("?lang=en", "ru").lang, Lang::En);
    assert_eq!(Playground::from_link("", "de-DE").lang, Lang::En);
}

#[test]
fn typed_values_are_used_clamped_or_refused() {
    let page = Rc::new(Playground::from_link("?s=gather", "en"));
    let page = apply(page, [Action::EditValue { param: 0, index: 1, text: "0.25".into() }]);
    assert_eq!(page.settings.values[0], [2.0, 0.25, 3.0]);
    assert!(page.fields()[0][1].refusal.is_none());

    let page = apply(page, [Action::EditValue { param: 0, index: 1, text: "".into() }]);
    assert_eq!(page.settings.values[0], [2.0, 0.25, 3.0], "the last good value stays");
    let refusal = page.fields()[0][1].refusal.as_ref().expect("a message");
    assert_eq!(
        refusal.message(Lang::En),
        "delays (B): no value given (accepted: 0–60 s); using 0.25."
    );

    let page = apply(page, [Action::EditValue { param: 0, index: 0, text: "1e9".into() }]);
    assert_eq!(page.settings.values[0][0], 2.0);
    assert!(page.fields()[0][0].refusal.is_some());

    let page = apply(page, [Action::EditValue { param: 0, index: 2, text: "75".into() }]);
    assert_eq!(page.settings.values[0][2], 60.0, "clamped to the range");
    assert_eq!(page.fields()[0][2].text, "75", "the input keeps what was typed");

    let page = apply(page, [Action::EditSpeed("0".into())]);
    assert_eq!(page.settings.speed, 0.01);
    let page = apply(page, [Action::EditValue { param: 5, index: 9, text: "1".into() }]);
    assert_eq!(page.settings.values[0], [2.0, 0.25, 60.0], "an unknown input changes nothing");

    let page = apply(page, [Action::ResetParams]);
    assert_eq!(page.settings.values[0], [2.0, 1.0, 3.0]);
    assert_eq!(page.settings.speed, 1.0);
    assert!(page.fields()[0].iter().all(|f| f.refusal.is_none()));
}

#[test]
fn tasks_can_be_added_and_removed_within_one_to_eight() {
    let page = Rc::new(Playground::from_link("?s=gather&delays=1", "en"));
    let page = apply(page, [Action::RemoveItem(0)]);
    assert_eq!(page.settings.values[0], [1.0], "at least one task");
    let page = apply(page, (0..20).map(|_| Action::AddItem(0)));
    assert_eq!(page.settings.values[0].len(), 8, "at most eight tasks");
    assert_eq!(page.fields()[0].len(), 8);
    let page = apply(page, [Action::RemoveItem(0), Action::RemoveItem(0)]);
    assert_eq!(page.settings.values[0].len(), 6);
}

#[test]
fn rows_of_a_stopped_or_replaced_run_never_show() {
    let page = Rc::new(Playground::from_link("?s=gather", "en"));
    let page = apply(page, [started(1), Action::Logged(1, vec![entry(0, "A")])]);
    assert_eq!(page.status, Status::Running);
    assert_eq!(page.log.len(), 1);

    // Run again: the log is cleared and a late row of run 1 is ignored.
    let page = apply(page, [started(2), Action::Logged(1, vec![entry(1, "B")])]);
    assert!(page.log.is_empty());
    let page = apply(page, [Action::Logged(2, vec![entry(0, "A")]), Action::Finished(1)]);
    assert_eq!(page.status, Status::Running, "run 1 finishing does not end run 2");

    // Stop: nothing after it, and a late "finished" does not turn it into done.
    let page =
        apply(page, [Action::Stopped, Action::Logged(2, vec![entry(1, "B")]), Action::Finished(2)]);
    assert_eq!(page.status, Status::Stopped);
    assert_eq!(page.log.len(), 1);

    let page = apply(page, [started(3), Action::Finished(3)]);
    assert_eq!(page.status, Status::Done);
    let page = apply(page, [Action::Stopped]);
    assert_eq!(page.status, Status::Done, "Stop after done changes nothing");
}

#[test]
fn an_action_that_changes_nothing_keeps_the_same_state() {
    let page = Rc::new(Playground::from_link("?s=gather", "en"));
    let same = page.clone().reduce(Action::Stopped);
    assert!(Rc::ptr_eq(&page, &same), "no re-render for nothing");
}

#[test]
fn opening_another_scenario_resets_to_its_defaults() {
    let page = Rc::new(Playground::from_link("?s=gather&delays=9&speed=4&lang=ru", "en"));
    let page = apply(
        page,
        [started(1), Action::Logged(1, vec![entry(0, "A")]), Action::Open("bounded-queue")],
    );
    assert_eq!(page.settings.scenario.id, "bounded-queue");
    assert_eq!(page.settings.values, vec![vec![10.0], vec![0.5], vec![1.5], vec![3.0]]);
    assert_eq!(page.fields().len(), 4);
    assert_eq!(page.status, Status::Idle, "the old run is gone");
    assert!(page.log.is_empty());
    assert_eq!(page.settings.speed, 4.0, "speed and language stay");
    assert_eq!(page.speed.text, "4");
    assert_eq!(page.lang, Lang::Ru);
    let page = apply(page, [Action::Open("table-go-cpp-python")]);
    assert!(matches!(page.page, Page::Table(table) if table.id == "table-go-cpp-python"));
    assert_eq!(page.settings.reference.map(|t| t.id), Some("table-go-cpp-python"));
    assert_eq!(page.shown_id(), "table-go-cpp-python");
    assert_eq!(page.settings.to_query(""), "?s=table-go-cpp-python&lang=ru");
    let page = apply(page, [Action::Open("no-such-page")]);
    assert_eq!(page.shown_id(), "table-go-cpp-python", "unknown ids change nothing");
    let page = apply(page, [Action::Open("sleep")]);
    assert_eq!(page.settings.reference, None);
    assert!(matches!(page.page, Page::Scenario { .. }));
    assert_eq!(page.settings.scenario.id, "sleep");
    assert_eq!(page.shown_id(), "sleep");
    assert_eq!(page.fields().len(), page.settings.values.len());
}

#[test]
fn a_link_to_a_table_shows_the_table_and_nothing_runs_there() {
    let page = Rc::new(Playground::from_link("?s=table-go-python&speed=3", "en"));
    let Page::Table(table) = page.page else { panic!("a table page: {:?}", page.page) };
    assert_eq!(table.id, "table-go-python");
    assert_eq!(page.settings.reference, Some(table), "the link and the page agree");
    assert_eq!(page.title(), table.title);
    assert!(page.fields().is_empty(), "no inputs on a table");
    assert_eq!(page.status, Status::Idle);

    // A key or a slide command may still say Run: nothing of a run shows.
    let same = apply(
        page.clone(),
        [
            started(1),
            Action::Logged(1, vec![entry(0, "A")]),
            Action::Finished(1),
            Action::AddItem(0),
            Action::EditValue { param: 0, index: 0, text: "5".into() },
            Action::Stopped,
        ],
    );
    assert!(Rc::ptr_eq(&page, &same), "a table has no run and no inputs");

    // The speed is the page's: it is kept for the scenario opened next.
    let page = apply(page, [Action::EditSpeed("7".into()), Action::Open("gather")]);
    assert_eq!(page.settings.speed, 7.0);
    assert_eq!(page.speed.text, "7");
    assert_eq!(page.title(), page.settings.scenario.title);
    let texts: Vec<&str> = page.fields()[0].iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["2", "1", "3"], "the scenario's defaults");
    let page = apply(page, [started(2), Action::Logged(2, vec![entry(0, "A")])]);
    assert_eq!(page.status, Status::Running);
    assert_eq!(page.log.len(), 1);
}

#[test]
fn predict_mode_is_a_link_switch() {
    let page = Rc::new(Playground::from_link("?s=gather&predict=1", "en"));
    assert!(page.settings.predict);
    assert!(page.settings.to_query("").contains("predict=1"));
    let page = page.reduce(Action::SetPredict(false));
    assert!(!page.settings.predict);
    assert!(
        !page.settings.to_query("?predict=1").contains("predict"),
        "switched off, gone from the link"
    );
}

fn printed(seq: u32, task: &str, line: &str) -> LogEntry {
    LogEntry {
        seq,
        at: 0.0,
        real_ms: 0.0,
        task: task.into(),
        kind: runtime::Kind::Static(async_playground::python::PRINT),
        text: runtime::Text::plain(line),
    }
}

#[test]
fn editing_a_python_cell_makes_it_the_program_and_reset_brings_the_cell_back() {
    let page = Rc::new(Playground::from_link("?s=gather", "en"));
    let cell = page.program_text().expect("gather's cell is Python").into_owned();
    assert!(!page.settings.runs_program(), "unedited, Run runs the Rust scenario");
    let edited = page.clone().reduce(Action::EditCode(format!("{cell}print('more')\n")));
    assert!(edited.settings.runs_program());
    assert!(edited.program_text().unwrap().ends_with("print('more')\n"));
    // Typed back to the lecture's cell: the scenario runs again.
    let back = edited.clone().reduce(Action::EditCode(cell.clone()));
    assert!(!back.settings.runs_program());
    let reset = edited.reduce(Action::ResetCode);
    assert_eq!(reset.settings.code, None);
    assert_eq!(reset.program_text().unwrap(), cell);
    // A Go cell is not an editor.
    let go = Rc::new(Playground::from_link("?s=go-channel", "en"));
    assert!(go.program_text().is_none());
    let ignored = go.clone().reduce(Action::EditCode("print(1)".into()));
    assert_eq!(ignored.settings.code, None);
}

#[test]
fn a_program_counts_its_printed_lines_as_completions_and_its_error_line() {
    let page = Rc::new(Playground::from_link("?s=python", "en"));
    assert_eq!(page.title().en, "Your program");
    let page = apply(
        page,
        [
            started(1),
            Action::Logged(1, vec![printed(0, "Task-2", "B"), printed(1, "Task-1", "A")]),
            Action::ErrorLine(1, 7),
            Action::ErrorLine(9, 3),
            Action::Finished(1),
        ],
    );
    assert_eq!(page.log.completed(), 2);
    assert_eq!(page.error_line, Some(7), "a replaced run's line is ignored");
    assert_eq!(page.status, Status::Done);
    let again = page.reduce(started(2));
    assert_eq!(again.error_line, None);
}

#[test]
fn a_plan_is_used_only_for_the_program_it_was_made_of() {
    use async_playground::python::Plan;
    let page = Rc::new(Playground::from_link("?s=python&code=print(1)", "en"));
    let plan = |code: &str| {
        Action::Planned(Rc::new(Plan {
            code: Rc::from(code),
            rows: Rc::new(vec![printed(0, "<module>", "1")]),
            waits: Rc::default(),
        }))
    };
    let stale = page.clone().reduce(plan("print(2)"));
    assert!(stale.current_plan().is_none());
    let fresh = page.reduce(plan("print(1)"));
    assert_eq!(fresh.current_plan().unwrap().rows.len(), 1);
    let edited = fresh.reduce(Action::EditCode("print(3)".into()));
    assert!(edited.current_plan().is_none());
}

#[test]
fn opening_the_python_page_and_leaving_it() {
    let page = Rc::new(Playground::from_link("?s=gather&code=print(1)", "en"));
    let own = page.reduce(Action::Open("python"));
    assert!(own.settings.own_program && own.settings.code.is_none());
    assert_eq!(own.shown_id(), "python");
    let back = own.reduce(Action::Open("gather"));
    assert!(!back.settings.own_program && !back.settings.runs_program());
}
