//! Properties of link parsing over arbitrary and hostile query strings: the
//! parser never panics, always returns values every scenario can run with,
//! and accounts for what it did not use.
#![cfg(not(target_arch = "wasm32"))]

use catalog::params::{encode_component, parse_settings, Refusal};
use catalog::{self, Lang, ParamSpec, Unit, SCENARIOS, SPEED};
use proptest::prelude::*;

/// Keys a link may carry: every name the page knows, and some it does not.
fn key() -> impl Strategy<Value = String> {
    let mut known: Vec<String> =
        ["s", "speed", "run", "lang", "embed", "theme", "x", "", "S", "delays[]"]
            .iter()
            .map(|k| (*k).to_owned())
            .collect();
    for spec in SCENARIOS {
        known.extend(spec.params.iter().map(|p| p.name.to_owned()));
    }
    prop_oneof![4 => proptest::sample::select(known), 1 => "\\PC{0,12}"]
}

/// Values, from plausible to hostile: numbers of every shape, lists,
/// scenario ids, markup, non-ASCII digits, huge and very long values.
fn value() -> impl Strategy<Value = String> {
    let ids: Vec<String> = SCENARIOS.iter().map(|s| s.id.to_owned()).collect();
    prop_oneof![
        3 => any::<f64>().prop_map(|v| v.to_string()),
        3 => (-1e9f64..1e9).prop_map(|v| format!("{v}")),
        2 => proptest::collection::vec(-100.0f64..100.0, 0..12).prop_map(|v| {
            v.iter().map(f64::to_string).collect::<Vec<_>>().join(",")
        }),
        2 => proptest::sample::select(ids),
        1 => proptest::sample::select(vec![
            "NaN", "inf", "-inf", "Infinity", "1e308", "1e-308", "-0", "", " ", ",", ",,", "1,,2",
            "٣", "１２", "²", "0x10", "1_000", "+5", "--1", "1.2.3", ".", "-", "heap", "gloo", "HEAP",
            "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "\"'><svg onload=alert(1)>",
            "%00", "%ZZ", "ru", "en", "dark", "projector", "1", "0", "2147483648", "99999999999999999999",
        ]).prop_map(str::to_owned),
        1 => "\\PC{0,300}",
        1 => "[0-9.,-]{0,2000}",
    ]
}

/// A query string of 0 to 12 pairs, some keys repeated, encoded as a link
/// (or left raw, as a mangled link would be).
fn query() -> impl Strategy<Value = String> {
    proptest::collection::vec((key(), value(), any::<bool>()), 0..12).prop_map(|pairs| {
        let mut out = String::from("?");
        for (i, (k, v, encode)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            if *encode {
                out.push_str(&encode_component(k));
                out.push('=');
                out.push_str(&encode_component(v));
            } else {
                out.push_str(k);
                out.push('=');
                out.push_str(v);
            }
        }
        out
    })
}

/// Whether `values` are what `spec` accepts.
fn valid(spec: &ParamSpec, values: &[f64]) -> bool {
    let (least, most) = spec.count;
    (least..=most).contains(&values.len())
        && values.iter().all(|&v| {
            v.is_finite()
                && (spec.min..=spec.max).contains(&v)
                && (!spec.unit.whole() || v.fract() == 0.0)
                && !(v == 0.0 && v.is_sign_negative())
        })
}

fn check_refusal(refusal: &Refusal) {
    for lang in [Lang::En, Lang::Ru] {
        let message = refusal.message(lang);
        assert!(message.starts_with(&refusal.param), "{message}");
        assert!(message.chars().count() < 400, "messages stay short: {message}");
    }
    assert!(refusal.given.chars().count() <= 41, "a refused value is shortened");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn any_link_gives_runnable_settings_and_says_what_it_refused(query in query()) {
        let (settings, refusals) = parse_settings(&query);
        let spec = settings.scenario;
        prop_assert_eq!(settings.values.len(), spec.params.len());
        for (param, values) in spec.params.iter().zip(&settings.values) {
            prop_assert!(valid(param, values), "{}={:?} from {}", param.name, values, query);
        }
        prop_assert!(valid(&SPEED, &[settings.speed]), "speed {} from {}", settings.speed, query);
        // Whatever runs, no browser timer overflows: the longest delay at
        // the slowest speed stays below 2^31 ms.
        for (param, values) in spec.params.iter().zip(&settings.values) {
            if param.unit == Unit::Seconds {
                for v in values {
                    prop_assert!(v * 1000.0 / settings.speed < 2_147_483_647.0);
                }
            }
        }
        for refusal in &refusals {
            check_refusal(refusal);
        }
        // The link written back parses to the same settings, with nothing refused.
        let again = settings.to_query("");
        let (reread, refused) = parse_settings(&again);
        prop_assert!(refused.is_empty(), "{} refused {:?}", again, refused);
        prop_assert_eq!(reread.values, settings.values);
        prop_assert_eq!(reread.speed, settings.speed);
    }

    #[test]
    fn every_parameter_of_every_scenario_takes_any_text(
        scenario in 0..SCENARIOS.len(),
        raw in value(),
    ) {
        let spec = &SCENARIOS[scenario];
        for param in spec.params {
            let query = format!("?s={}&{}={}", spec.id, param.name, encode_component(&raw));
            let (settings, refusals) = parse_settings(&query);
            let index = spec.params.iter().position(|p| p.name == param.name).unwrap();
            prop_assert!(valid(param, &settings.values[index]), "{} from {:?}", param.name, raw);
            for refusal in &refusals {
                check_refusal(refusal);
                // A refused parameter value names what it accepts.
                if refusal.param == param.name {
                    prop_assert!(refusal.accepts.is_some() || matches!(refusal.problem, catalog::params::Problem::Repeated));
                    let used = &refusal.used;
                    prop_assert!(!used.is_empty(), "the value used instead is named");
                }
            }
        }
    }
}

#[test]
fn the_catalog_keeps_every_timer_below_the_overflow() {
    // The property above samples; this is the bound itself.
    for spec in SCENARIOS {
        for param in spec.params.iter().filter(|p| p.unit == Unit::Seconds) {
            assert!(param.max * 1000.0 / SPEED.min < 2_147_483_647.0, "{}.{}", spec.id, param.name);
        }
    }
    const { assert!(catalog::MAX_DELAY * 1000.0 / SPEED.min < 2_147_483_647.0) };
}
