//! Links to a program (issue 15, `../shared/PYTHON.md`): `s=python`, `code=`
//! and `{type: "set", params: {code}}`, read into settings natively.

use catalog::params::{parse_settings, Problem, MAX_CODE_CHARS};

#[test]
fn s_python_is_the_page_for_your_own_program() {
    let (settings, refusals) = parse_settings("?s=python&speed=5");
    assert!(refusals.is_empty(), "{refusals:?}");
    assert!(settings.own_program && settings.runs_program() && settings.edits_python());
    assert_eq!(settings.code, None, "the page's starter, not a program from the link");
    assert_eq!(settings.to_query(""), "?s=python&speed=5");
}

#[test]
fn code_in_the_query_is_read_and_moves_to_the_fragment() {
    let (settings, refusals) = parse_settings("?code=print(%22hi%22)%0Aprint(1%2B1)");
    assert!(refusals.is_empty(), "{refusals:?}");
    assert!(settings.own_program, "code= alone opens s=python");
    assert_eq!(settings.code.as_deref(), Some("print(\"hi\")\nprint(1+1)"));
    // The address bar never carries the code: the page writes `#code=`.
    let query = settings.to_query("?code=print(%22hi%22)&run=1");
    assert_eq!(query, "?s=python&speed=1&run=1");
}

#[test]
fn code_on_a_python_scenario_edits_its_cell() {
    let (settings, _) = parse_settings("?s=gather&code=print(1)");
    assert!(!settings.own_program);
    assert_eq!(settings.scenario.id, "gather");
    assert!(settings.runs_program());
    // Without a program the scenario's own Rust runs.
    let (plain, _) = parse_settings("?s=gather");
    assert!(!plain.runs_program() && plain.edits_python());
}

#[test]
fn code_on_a_go_or_cpp_scenario_opens_the_python_page() {
    let (settings, _) = parse_settings("?s=go-channel&code=print(1)");
    assert!(settings.own_program);
    let (go, _) = parse_settings("?s=go-channel");
    assert!(!go.edits_python(), "a Go cell is not Python");
}

#[test]
fn a_program_too_long_is_refused_with_a_message() {
    let long = "x=1%0A".repeat(MAX_CODE_CHARS / 4 + 1);
    let (settings, refusals) = parse_settings(&format!("?s=python&code={long}"));
    assert_eq!(settings.code, None);
    assert_eq!(refusals.len(), 1);
    assert!(matches!(refusals[0].problem, Problem::TooLong { .. }));
    let message = refusals[0].message(catalog::Lang::En);
    assert!(message.contains("100000"), "{message}");
}

#[test]
fn a_slide_sets_the_code() {
    let (mut settings, _) = parse_settings("?s=python&embed=1");
    let refusals = settings.apply_pairs(&[("code".into(), "print('slide')".into())]);
    assert!(refusals.is_empty());
    assert_eq!(settings.code.as_deref(), Some("print('slide')"));
}
