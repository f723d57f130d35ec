//! Random floats through `repr`, `float()`, the float operators, `round`,
//! hashing and int/float comparison, compared with CPython.

mod common;

use asyncpy_num::*;
use common::*;
use std::cmp::Ordering;

#[test]
fn float_repr_matches_cpython() {
    let mut rng = Rng::from_env(21);
    let mut b = Batch::default();
    for _ in 0..40000 {
        let x = rng.float();
        b.add("repr", &[tf(x)], ts(&float_repr(x)));
    }
    // Short binary fractions with many digits: exact decimal ties between
    // two shortest candidates, where CPython picks the even one.
    for _ in 0..20000 {
        let m = (1u64 << 40) + rng.below((1 << 53) - (1 << 40));
        let x = m as f64 / (1u64 << rng.below(14)) as f64;
        b.add("repr", &[tf(x)], ts(&float_repr(x)));
    }
    b.check("float repr");
}

#[test]
fn float_operators_match_cpython() {
    let mut rng = Rng::from_env(22);
    let mut b = Batch::default();
    for _ in 0..4000 {
        let (x, y) = (rng.float(), rng.float());
        let y = if rng.chance(5) { 0.0 } else { y };
        let args = [tf(x), tf(y)];
        b.add("truediv", &args, tr(float_truediv(x, y), tf));
        b.add("floordiv", &args, tr(float_floordiv(x, y), tf));
        b.add("mod", &args, tr(float_mod(x, y), tf));
        b.add("divmod", &args, tr(float_divmod(x, y), |(q, r)| format!("({},{})", tf(q), tf(r))));
        let r = float_pow(x, y);
        // CPython returns a complex number; we refuse.
        if !matches!(&r, Err(NumError::Value(m)) if m == "complex numbers are not supported") {
            b.add("pow", &args, tr(r, tf));
        }
        let small = (rng.below(41) as f64 - 20.0) / *rng.pick(&[1.0, 2.0, 4.0]);
        let r = float_pow(x, small);
        if !matches!(&r, Err(NumError::Value(_))) {
            b.add("pow", &[tf(x), tf(small)], tr(r, tf));
        }
        b.add(
            "hash",
            &[tf(x)],
            if x.is_nan() { "!skip".into() } else { ti(&Int::from(float_hash(x))) },
        );
        b.add(
            "ratio",
            &[tf(x)],
            tr(float_as_integer_ratio(x), |(n, d)| format!("({},{})", ti(&n), ti(&d))),
        );
    }
    b.cases_retain_not_skipped();
    b.check("float operators");
}

#[test]
fn float_round_matches_cpython() {
    let mut rng = Rng::from_env(23);
    let mut b = Batch::default();
    for _ in 0..6000 {
        let x = rng.float();
        let n = match rng.below(6) {
            0 => None,
            1 => Some(rng.below(400) as i64 - 340),
            _ => Some(rng.below(20) as i64 - 8),
        };
        let tn_arg = match n {
            None => "n".to_string(),
            Some(n) => ti(&Int::from(n)),
        };
        b.add("round", &[tf(x), tn_arg], tr(round_f64(x, n), |v| tn(&v)));
    }
    b.check("round(float)");
}

#[test]
fn float_parse_matches_cpython() {
    let mut rng = Rng::from_env(24);
    let mut b = Batch::default();
    let pieces = [
        "0",
        "1",
        "5",
        "9",
        "_",
        ".",
        "e",
        "E",
        "-",
        "+",
        " ",
        "\t",
        "inf",
        "Infinity",
        "nan",
        "NaN",
        "iNF",
        "x",
        "1e5",
        "1_0",
        "00",
        "\u{a0}",
        "\u{1c}",
        "\u{2003}",
        "e-",
        "e+3",
        "123456789012345678901234567890",
        "infinit",
    ];
    for _ in 0..6000 {
        let n = rng.below(5) + 1;
        let s: String = (0..n).map(|_| *rng.pick(&pieces)).collect();
        let ours = match parse_float(&s) {
            Some(v) => tf(v),
            None => format!("!ValueError: could not convert string to float: {}", str_repr(&s)),
        };
        b.add("parse_float", &[ts(&s)], ours);
    }
    // Round trips of random floats through their repr and long forms.
    for _ in 0..3000 {
        let x = rng.float();
        for s in [float_repr(x), format!("{x:.30e}"), format!("  {x:.5} ")] {
            let ours = match parse_float(&s) {
                Some(v) => tf(v),
                None => format!("!ValueError: could not convert string to float: {}", str_repr(&s)),
            };
            b.add("parse_float", &[ts(&s)], ours);
        }
    }
    b.check("float()");
}

#[test]
fn int_float_comparison_matches_cpython() {
    let mut rng = Rng::from_env(25);
    let mut b = Batch::default();
    for _ in 0..5000 {
        let x = rng.float();
        let i = match rng.below(3) {
            0 => rng.int(),
            1 => Int::from_f64(x).unwrap_or_else(|_| rng.int()),
            _ => Int::from_f64(x)
                .map(|v| v.add(&Int::from(rng.below(3) as i64 - 1)).unwrap())
                .unwrap_or_else(|_| rng.int()),
        };
        let ours = match int_float_cmp(&i, x) {
            Some(Ordering::Less) => "i-1".to_string(),
            Some(Ordering::Equal) => "i0".to_string(),
            Some(Ordering::Greater) => "i1".to_string(),
            None => "snan".to_string(),
        };
        b.add("cmp", &[ti(&i), tf(x)], ours);
        // Equal values hash equally.
        if int_float_eq(&i, x) {
            assert_eq!(i.hash(), float_hash(x), "hash({i}) != hash({x:?})");
        }
    }
    b.check("int/float comparison");
}
