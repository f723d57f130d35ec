//! Share links and typed values: every bad value has a message and a sane
//! replacement, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use catalog::params::{decode_query, parse_decimal, parse_settings, Problem};
use catalog::{Lang, GATHER};

#[test]
fn the_lecture_link_parses_without_refusals() {
    let (settings, refusals) = parse_settings("?s=gather&delays=3,1,2&speed=10&run=1");
    assert!(refusals.is_empty(), "{refusals:?}");
    assert_eq!(settings.scenario.id, "gather");
    assert_eq!(settings.values, vec![vec![3.0, 1.0, 2.0]]);
    assert_eq!(settings.speed, 10.0);
    assert!(settings.autorun);
}

#[test]
fn an_empty_link_gives_the_defaults() {
    let (settings, refusals) = parse_settings("");
    assert!(refusals.is_empty());
    assert_eq!(settings.scenario.id, "coroutine", "the lecture's first scenario");
    let (settings, _) = parse_settings("s=gather");
    assert_eq!(settings.values, vec![GATHER.params[0].default.to_vec()]);
    assert_eq!(settings.speed, 1.0);
    assert!(!settings.autorun);
    assert_eq!(settings.lang, None);
}

#[test]
fn decimals_are_plain() {
    for good in ["2", "0.5", ".5", "5.", "-1", " 7 ", "060"] {
        assert!(parse_decimal(good).is_some(), "{good}");
    }
    for bad in [
        "", "abc", "NaN", "inf", "-inf", "1e3", "1,5", "0x10", "١", "٣", "1..2", ".", "-", "+1",
        "1 2", "９",
    ] {
        assert_eq!(parse_decimal(bad), None, "{bad}");
    }
    assert_eq!(parse_decimal(&"9".repeat(33)), None, "too long");
}

#[test]
fn bad_values_fall_back_with_a_reason() {
    let cases: &[(&str, Problem, &[f64], f64)] = &[
        ("delays=2,x,3", Problem::NotANumber, &[2.0, 1.0, 3.0], 1.0),
        ("delays=", Problem::Empty, &[2.0, 1.0, 3.0], 1.0),
        ("delays=2,,3", Problem::NotANumber, &[2.0, 1.0, 3.0], 1.0),
        (
            "delays=1,2,3,4,5,6,7,8,9,10",
            Problem::TooMany { given: 10, max: 8 },
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
            1.0,
        ),
        ("speed=fast", Problem::NotANumber, &[2.0, 1.0, 3.0], 1.0),
        ("speed=NaN", Problem::NotANumber, &[2.0, 1.0, 3.0], 1.0),
        ("speed=1,2", Problem::NotANumber, &[2.0, 1.0, 3.0], 1.0),
    ];
    for (query, problem, delays, speed) in cases {
        let (settings, refusals) = parse_settings(&format!("s=gather&{query}"));
        assert_eq!(refusals.len(), 1, "{query}: {refusals:?}");
        assert_eq!(&refusals[0].problem, problem, "{query}");
        assert_eq!(settings.values[0], *delays, "{query}");
        assert_eq!(settings.speed, *speed, "{query}");
    }
}

#[test]
fn out_of_range_values_are_clamped() {
    let (settings, refusals) = parse_settings("s=gather&delays=-1,99,2&speed=1000");
    assert_eq!(settings.values[0], vec![0.0, 60.0, 2.0]);
    assert_eq!(settings.speed, 100.0);
    assert_eq!(refusals.len(), 3);
    assert_eq!(refusals[1].message(Lang::En), "delays: 99 is outside 0–60 s; using 60.");
    assert_eq!(
        refusals[2].message(Lang::Ru),
        "speed: 1000 вне диапазона 0.01–100 с; используется 100."
    );
    let (settings, _) = parse_settings("speed=0");
    assert_eq!(settings.speed, 0.01);
}

#[test]
fn unknown_scenario_repeated_keys_and_flags() {
    let (settings, refusals) = parse_settings("s=nope&s=gather&run=yes&lang=de&embed=1");
    assert_eq!(settings.scenario.id, "coroutine", "the first s= counts, and it is unknown");
    assert!(!settings.autorun);
    assert!(settings.embed);
    assert_eq!(settings.lang, None);
    let problems: Vec<&Problem> = refusals.iter().map(|r| &r.problem).collect();
    assert!(problems.contains(&&Problem::Repeated));
    assert!(problems.contains(&&Problem::UnknownScenario));
    assert!(problems.contains(&&Problem::NotOneOf("ru, en".into())));
    assert!(problems.contains(&&Problem::NotOneOf("1, 0".into())));
    let unknown = refusals.iter().find(|r| r.problem == Problem::UnknownScenario).unwrap();
    assert_eq!(unknown.message(Lang::En), "s: there is no scenario “nope”; showing “coroutine”.");
}

#[test]
fn markup_in_a_link_is_only_text() {
    let (_, refusals) = parse_settings("s=gather&delays=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].given, "<img src=x onerror=alert(1)>");
    // The refusal carries the raw text; the page renders it as a text node.
    assert!(refusals[0].message(Lang::En).contains("<img"));
}

#[test]
fn long_values_are_shortened_in_messages() {
    let long = "x".repeat(10_000);
    let (_, refusals) = parse_settings(&format!("s=gather&delays={long}"));
    assert!(refusals[0].given.chars().count() <= 41);
    let many = vec!["1"; 100_000].join(",");
    let (settings, refusals) = parse_settings(&format!("s=gather&delays={many}"));
    assert_eq!(settings.values[0].len(), 8);
    assert_eq!(refusals[0].problem, Problem::TooMany { given: 100_000, max: 8 });
}

#[test]
fn percent_decoding_is_forgiving() {
    assert_eq!(
        decode_query("?a=1%2C2&b=%zz&c=x+y&d&=e&f=%E2%82"),
        vec![
            ("a".into(), "1,2".into()),
            ("b".into(), "%zz".into()),
            ("c".into(), "x y".into()),
            ("d".into(), "".into()),
            ("".into(), "e".into()),
            ("f".into(), "\u{FFFD}".into()),
        ]
    );
}

#[test]
fn the_link_is_rewritten_keeping_foreign_keys() {
    let (mut settings, _) = parse_settings("?lang=ru&s=gather&delays=2,1,3&utm=slides&run=1");
    settings.values[0] = vec![0.5, 4.0];
    settings.speed = 2.5;
    assert_eq!(
        settings.to_query("?lang=ru&s=gather&delays=2,1,3&utm=slides&run=1"),
        "?s=gather&delays=0.5,4&speed=2.5&lang=ru&utm=slides&run=1"
    );
    settings.lang = None;
    assert_eq!(
        settings.to_query("?delays=1&delays=2&x=%3C"),
        "?s=gather&delays=0.5,4&speed=2.5&x=%3C"
    );
    // What is written reads back the same.
    let (again, refusals) = parse_settings(&settings.to_query(""));
    assert!(refusals.is_empty());
    assert_eq!(again.values, settings.values);
    assert_eq!(again.speed, settings.speed);
}

#[test]
fn the_python_cell_shows_the_current_values() {
    let cell = GATHER.cell(&[vec![0.5, 4.0]]);
    assert!(cell.contains("task(\"A\", 0.5),\n        task(\"B\", 4),\n    )"), "{cell}");
    assert!(!cell.contains("{{"));
}

#[test]
fn whole_number_parameters_and_reference_tables() {
    let (settings, refusals) = parse_settings("s=bounded-queue&items=2.5&maxsize=0&produce=0.25");
    assert_eq!(settings.values, vec![vec![3.0], vec![0.25], vec![1.5], vec![0.0]]);
    assert_eq!(refusals.len(), 1);
    assert_eq!(
        refusals[0].message(Lang::En),
        "items: 2.5 is not a whole number (accepted: 1–30, whole numbers); using 3."
    );
    let (settings, refusals) = parse_settings("s=wait-first&delays=1,2,3");
    assert_eq!(settings.values[0], vec![1.0, 2.0]);
    assert_eq!(refusals[0].problem, Problem::TooMany { given: 3, max: 2 });
    let (settings, refusals) = parse_settings("s=wait-first&delays=1");
    assert_eq!(settings.values[0], vec![1.0, 3.0]);
    assert_eq!(refusals[0].problem, Problem::TooFew { given: 1, min: 2 });
    let (settings, refusals) = parse_settings("s=table-go-python&lang=ru");
    assert!(refusals.is_empty());
    assert_eq!(settings.reference.map(|t| t.id), Some("table-go-python"));
    assert_eq!(settings.to_query(""), "?s=table-go-python&lang=ru");
    let (settings, _) = parse_settings("s=go-channel&value=-7.4");
    assert_eq!(settings.values[0], vec![-7.0]);
}

#[test]
fn decimals_read_exactly_as_the_standard_parser_reads_them() {
    let mut rng = common::XorShift(20261124);
    for _ in 0..20_000 {
        // Up to 15 significant digits, at most 6 of them decimals (the
        // page's resolution), a point anywhere, an optional sign.
        let digits = 1 + rng.below(15) as usize;
        let mut text: String =
            (0..digits).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
        let point = digits - rng.below(digits.min(6) as u64 + 1) as usize;
        if point < digits {
            text.insert(point, '.');
        }
        if rng.below(4) == 0 {
            text.insert(0, '-');
        }
        let expected: f64 = text.parse().unwrap();
        assert_eq!(parse_decimal(&text), Some(expected), "{text}");
    }
    for (text, value) in
        [("0.07", 0.07), ("60", 60.0), ("1000000", 1e6), (".5", 0.5), ("5.", 5.0), ("-0", 0.0)]
    {
        assert_eq!(parse_decimal(text), Some(value), "{text}");
    }
    let long = "1234567890123456789012345678901";
    assert!((parse_decimal(long).unwrap() / long.parse::<f64>().unwrap() - 1.0).abs() < 1e-15);
    // Past six decimals, the value is rounded to the microsecond.
    assert_eq!(parse_decimal("0.1234564"), Some(0.123456));
    assert_eq!(parse_decimal("0.1234565"), Some(0.123457));
    assert_eq!(parse_decimal("0.0000004999"), Some(0.0));
    assert_eq!(parse_decimal("2.9999999"), Some(3.0));
}
