//! Random format specs over random ints, floats and strings, and `%`
//! conversions, compared with CPython's `format()` and `%`.

mod common;

use asyncpy_num::*;
use common::*;

/// A random format spec: mostly well-formed, sometimes not.
fn random_spec(rng: &mut Rng, types: &[&str]) -> String {
    if rng.chance(3) {
        // Arbitrary junk.
        let junk = [
            "<", ">", "^", "=", "+", "-", " ", "z", "#", "0", "5", ",", "_", ".", "2", "d", "f",
            "x", "s", "é", "%",
        ];
        let n = rng.below(5) + 1;
        return (0..n).map(|_| *rng.pick(&junk)).collect();
    }
    let mut s = String::new();
    match rng.below(4) {
        0 => s.push_str(rng.pick_str(&["<", ">", "^", "="])),
        1 => {
            s.push_str(rng.pick_str(&["*", "0", " ", "x", "é", "<", "-", "_"]));
            s.push_str(rng.pick_str(&["<", ">", "^", "="]));
        }
        _ => {}
    }
    if rng.chance(30) {
        s.push_str(rng.pick_str(&["+", "-", " "]));
    }
    if rng.chance(10) {
        s.push('z');
    }
    if rng.chance(20) {
        s.push('#');
    }
    if rng.chance(25) {
        s.push('0');
    }
    if rng.chance(50) {
        s.push_str(&rng.below(26).to_string());
    }
    if rng.chance(25) {
        s.push_str(rng.pick_str(&[",", "_"]));
    }
    if rng.chance(40) {
        s.push('.');
        if !rng.chance(3) {
            let p = if rng.chance(10) { rng.below(120) } else { rng.below(18) };
            s.push_str(&p.to_string());
        }
    }
    s.push_str(rng.pick_str(types));
    s
}

#[test]
fn format_int_matches_cpython() {
    let mut rng = Rng::from_env(31);
    let mut b = Batch::default();
    let types =
        ["", "", "d", "b", "o", "x", "X", "n", "c", "e", "E", "f", "F", "g", "G", "%", "s", "r"];
    for _ in 0..15000 {
        let x = if rng.chance(30) { Int::from(rng.below(300) as i64 - 20) } else { rng.int() };
        let spec = random_spec(&mut rng, &types);
        b.add("format", &[ti(&x), ts(&spec)], tr(format_int(&x, &spec), |s| ts(&s)));
    }
    b.check("format(int, spec)");
}

#[test]
fn format_float_matches_cpython() {
    let mut rng = Rng::from_env(32);
    let mut b = Batch::default();
    let types = ["", "", "", "e", "E", "f", "F", "g", "G", "n", "%", "d", "s", "x"];
    for _ in 0..25000 {
        let x = rng.float();
        let spec = random_spec(&mut rng, &types);
        b.add("format", &[tf(x), ts(&spec)], tr(format_float(x, &spec), |s| ts(&s)));
    }
    // Exact expansions with long precisions.
    for _ in 0..2000 {
        let x = rng.float();
        let spec = format!(".{}{}", rng.below(800), rng.pick(&["f", "e", "g", ""]));
        b.add("format", &[tf(x), ts(&spec)], tr(format_float(x, &spec), |s| ts(&s)));
    }
    b.check("format(float, spec)");
}

#[test]
fn format_str_matches_cpython() {
    let mut rng = Rng::from_env(33);
    let mut b = Batch::default();
    let types = ["", "", "s", "d", "r"];
    let words = ["", "a", "abc", "héllo", "tab\there", "0123456789abcdef", "x y"];
    for _ in 0..15000 {
        let w = *rng.pick(&words);
        let spec = random_spec(&mut rng, &types);
        b.add("format", &[ts(w), ts(&spec)], tr(format_str(w, &spec), |s| ts(&s)));
    }
    b.check("format(str, spec)");
}

#[test]
fn percent_format_matches_cpython() {
    let mut rng = Rng::from_env(34);
    let mut b = Batch::default();
    for _ in 0..15000 {
        let mut f = String::from("%");
        for flag in ["-", "+", " ", "#", "0"] {
            if rng.chance(20) {
                f.push_str(flag);
            }
        }
        if rng.chance(50) {
            f.push_str(&rng.below(20).to_string());
        }
        if rng.chance(40) {
            f.push('.');
            f.push_str(&rng.below(15).to_string());
        }
        let conv =
            *rng.pick(&["d", "i", "u", "o", "x", "X", "e", "E", "f", "F", "g", "G", "c", "s", "r"]);
        f.push_str(conv);
        let chars: Vec<char> = f.chars().collect();
        let (item, end) = parse_percent(&chars, 1).unwrap();
        assert_eq!(end, chars.len());
        let spec = item.spec;
        if rng.chance(50) {
            let x = if conv == "c" { Int::from(rng.below(0x2000) as i64) } else { rng.int() };
            let ours = match conv {
                "s" | "r" => Ok(percent_format_str(&x.to_str_radix(10).unwrap_or_default(), &spec)),
                _ => percent_format_int(&x, &spec),
            };
            b.add("percent", &[ts(&f), ti(&x)], tr(ours, |s| ts(&s)));
        } else {
            if matches!(conv, "o" | "x" | "X" | "c") {
                continue; // TypeError in CPython, raised by the VM
            }
            let x = rng.float();
            let ours = match conv {
                "s" | "r" => Ok(percent_format_str(&float_repr(x), &spec)),
                _ => percent_format_float(x, &spec),
            };
            b.add("percent", &[ts(&f), tf(x)], tr(ours, |s| ts(&s)));
        }
    }
    b.check("printf-style %");
}

#[test]
fn percent_parse_errors_match_cpython() {
    let mut b = Batch::default();
    for f in ["%", "%y", "%5", "%-", "%.", "%z", "%é", "%\u{1}", "%ld", "%5.2lf"] {
        let chars: Vec<char> = f.chars().collect();
        let ours = match parse_percent(&chars, 1) {
            Err(e) => te(&e),
            Ok((item, _)) => match item.spec.conv {
                'd' => tr(percent_format_int(&Int::from(7), &item.spec), |s| ts(&s)),
                'f' => tr(percent_format_float(7.0, &item.spec), |s| ts(&s)),
                c => format!("?{c}"),
            },
        };
        let arg = if f.ends_with('f') { tf(7.0) } else { ti(&Int::from(7)) };
        b.add("percent", &[ts(f), arg], ours);
    }
    b.check("% parse errors");
}

#[test]
fn format_spot_checks() {
    assert_eq!(format_int(&Int::from(1234), "08,").unwrap(), "0,001,234");
    assert_eq!(format_int(&Int::from(-255), "#010_X").unwrap(), "-0X00_00FF");
    assert_eq!(format_float(1e16, "").unwrap(), "1e+16");
    assert_eq!(format_float(0.1, ".3").unwrap(), "0.1");
    assert_eq!(format_float(1.0, "g").unwrap(), "1");
    assert_eq!(format_float(0.1, ".30f").unwrap(), "0.100000000000000005551115123126");
    assert_eq!(format_float(f64::INFINITY, "010").unwrap(), "0000000inf");
    assert_eq!(format_float(-0.0, "z.1f").unwrap(), "0.0");
    assert_eq!(format_str("abcdef", "^9.3").unwrap(), "   abc   ");
    assert_eq!(
        format_float(1.5, "d").unwrap_err(),
        NumError::Value("Unknown format code 'd' for object of type 'float'".into())
    );
    assert_eq!(
        format_str("a", "+").unwrap_err(),
        NumError::Value("Sign not allowed in string format specifier".into())
    );
}
