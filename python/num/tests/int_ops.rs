//! Random ints through every `Int` operation, compared with CPython.

mod common;

use asyncpy_num::{Int, Number};
use common::*;

#[test]
fn int_arithmetic_matches_cpython() {
    let mut rng = Rng::from_env(14);
    let mut b = Batch::default();
    for _ in 0..3000 {
        let (x, y) = (rng.int(), rng.int());
        let (tx, ty) = (ti(&x), ti(&y));
        let args = [tx.clone(), ty.clone()];
        b.add("add", &args, tr(x.add(&y), |v| ti(&v)));
        b.add("sub", &args, tr(x.sub(&y), |v| ti(&v)));
        b.add("mul", &args, tr(x.mul(&y), |v| ti(&v)));
        b.add("floordiv", &args, tr(x.floordiv(&y), |v| ti(&v)));
        b.add("mod", &args, tr(x.modulo(&y), |v| ti(&v)));
        b.add("divmod", &args, tr(x.divmod(&y), |(q, r)| format!("({},{})", ti(&q), ti(&r))));
        b.add("truediv", &args, tr(x.truediv(&y), tf));
        b.add("and", &args, ti(&x.bitand(&y)));
        b.add("or", &args, ti(&x.bitor(&y)));
        b.add("xor", &args, ti(&x.bitxor(&y)));
        b.add(
            "cmp",
            &args,
            format!(
                "i{}",
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => "-1",
                    std::cmp::Ordering::Equal => "0",
                    std::cmp::Ordering::Greater => "1",
                }
            ),
        );
        b.add("gcd", &args, ti(&x.gcd(&y)));
        // Shifts by small counts (and negative ones).
        let s = Int::from(rng.below(300) as i64 - 20);
        let sargs = [tx.clone(), ti(&s)];
        b.add("shl", &sargs, tr(x.shl(&s), |v| ti(&v)));
        b.add("shr", &sargs, tr(x.shr(&s), |v| ti(&v)));
        // Unary.
        let one = [tx.clone()];
        b.add("neg", &one, ti(&x.neg()));
        b.add("abs", &one, ti(&x.abs()));
        b.add("invert", &one, ti(&x.invert()));
        b.add("bit_length", &one, ti(&Int::from(x.bit_length())));
        b.add("float", &one, tr(x.to_f64(), tf));
        b.add("hash", &one, ti(&Int::from(x.hash())));
        b.add("str", &one, tr(x.to_str_radix(10), |s| ts(&s)));
        b.add("hex", &one, tr(x.to_str_radix(16), |s| ts(&s)));
        b.add("oct", &one, tr(x.to_str_radix(8), |s| ts(&s)));
        b.add("bin", &one, tr(x.to_str_radix(2), |s| ts(&s)));
        b.add("isqrt", &one, tr(x.isqrt(), |v| ti(&v)));
        // round(x, -k)
        let k = Int::from(-(rng.below(25) as i64));
        b.add("round_int", &[tx.clone(), ti(&k)], tr(x.round_digits(&k), |v| ti(&v)));
    }
    // Powers with results of modest size, negative exponents, modular pow.
    for _ in 0..1500 {
        let x = if rng.chance(70) { Int::from(rng.below(41) as i64 - 20) } else { rng.int() };
        let e = if rng.chance(80) {
            Int::from(rng.below(40) as i64 - 5)
        } else {
            Int::from(rng.below(3) as i64)
        };
        let small_enough = x.bit_length() * (e.to_i64().unwrap_or(0).max(0) as u64) < 60000;
        if small_enough {
            b.add("pow", &[ti(&x), ti(&e)], tr(x.pow(&e, None), |n| tn(&n)));
        }
        let e = if rng.chance(50) { rng.int().abs() } else { Int::from(rng.below(20) as i64 - 10) };
        let m = rng.int();
        b.add("pow3", &[ti(&x), ti(&e), ti(&m)], tr(x.pow(&e, Some(&m)), |n| tn(&n)));
    }
    b.check("int arithmetic");
}

#[test]
fn int_parse_matches_cpython() {
    let mut rng = Rng::from_env(15);
    let mut b = Batch::default();
    let pieces = [
        "0",
        "1",
        "7",
        "9",
        "a",
        "f",
        "z",
        "Z",
        "_",
        "__",
        " ",
        "\t",
        "\n",
        "-",
        "+",
        "0x",
        "0X",
        "0o",
        "0b",
        "0B",
        "x",
        "08",
        "1_000",
        "١",
        "\u{a0}",
        "\u{1c}",
        "00",
        "12345678901234567890",
        "ff",
        "1e5",
        ".",
        "é",
    ];
    for _ in 0..4000 {
        let n = rng.below(5) + 1;
        let s: String = (0..n).map(|_| *rng.pick(&pieces)).collect();
        let base = *rng.pick(&[0u32, 10, 10, 16, 8, 2, 36, 7, 1, 37]);
        if s.contains('١') {
            // CPython reads Unicode decimal digits; we only ASCII ones.
            continue;
        }
        b.add(
            "parse_int",
            &[ts(&s), ti(&Int::from(base as i64))],
            tr(Int::parse(&s, base), |v| ti(&v)),
        );
    }
    // Mostly well-formed literals: sign, prefix, digits with underscores,
    // whitespace, with an occasional defect.
    for _ in 0..6000 {
        let mut s = String::new();
        s.push_str(rng.pick_str(&["", "", " ", "\t\n", "\u{2003}"]));
        s.push_str(rng.pick_str(&["", "", "-", "+"]));
        let base = *rng.pick(&[0u32, 0, 10, 16, 8, 2, 36, 3]);
        let radix = if base == 0 { *rng.pick(&[10u32, 16, 8, 2]) } else { base };
        if rng.chance(60) {
            s.push_str(match radix {
                16 => rng.pick_str(&["0x", "0X"]),
                8 => rng.pick_str(&["0o", "0O"]),
                2 => rng.pick_str(&["0b", "0B"]),
                _ => "",
            });
            if rng.chance(20) {
                s.push('_');
            }
        }
        let n = rng.below(30) + 1;
        for k in 0..n {
            let d = rng.below(radix as u64) as u8;
            s.push(if d < 10 { (b'0' + d) as char } else { (b'a' + d - 10) as char });
            if k + 1 < n && rng.chance(15) {
                s.push('_');
            }
        }
        if rng.chance(10) {
            let at = rng.below(s.len() as u64 + 1) as usize;
            if s.is_char_boundary(at) {
                s.insert(at, *rng.pick(&['_', '9', 'z', ' ', '0']));
            }
        }
        s.push_str(rng.pick_str(&["", "", " ", "\n"]));
        b.add(
            "parse_int",
            &[ts(&s), ti(&Int::from(base as i64))],
            tr(Int::parse(&s, base), |v| ti(&v)),
        );
    }
    // Long strings: the 4300-digit limit, and power-of-two bases without it.
    for len in [4299usize, 4300, 4301, 5000, 20000] {
        let s = "7".repeat(len);
        for base in [10u32, 16, 8, 36] {
            b.add(
                "parse_int",
                &[ts(&s), ti(&Int::from(base as i64))],
                tr(Int::parse(&s, base), |v| ti(&v)),
            );
        }
        let s = "1_".repeat(len) + "1";
        b.add("parse_int", &[ts(&s), ti(&Int::from(10))], tr(Int::parse(&s, 10), |v| ti(&v)));
    }
    let long_bad = "x".repeat(300);
    b.add(
        "parse_int",
        &[ts(&long_bad), ti(&Int::from(10))],
        tr(Int::parse(&long_bad, 10), |v| ti(&v)),
    );
    b.check("int parse");
}

#[test]
fn int_str_limit_matches_cpython() {
    let mut b = Batch::default();
    let ten = Int::from(10);
    for k in [4298i64, 4299, 4300, 4301, 5000, 100000] {
        for d in [-1i64, 0, 1] {
            let v = match ten.pow(&Int::from(k), None).unwrap() {
                Number::Int(v) => v.add(&Int::from(d)).unwrap(),
                Number::Float(_) => unreachable!(),
            };
            for v in [v.clone(), v.neg()] {
                b.add("str", &[ti(&v)], tr(v.to_str_radix(10), |s| ts(&s)));
            }
        }
    }
    b.check("int str limit");
}

#[test]
fn float_to_int_matches_cpython() {
    let mut rng = Rng::from_env(16);
    let mut b = Batch::default();
    for _ in 0..3000 {
        let x = rng.float();
        b.add("int", &[tf(x)], tr(Int::from_f64(x), |v| ti(&v)));
    }
    b.check("int(float)");
}

#[test]
fn big_operands_match_cpython() {
    // Long enough for several levels of Karatsuba and long divisions.
    let mut rng = Rng::from_env(17);
    let mut b = Batch::default();
    for _ in 0..50 {
        let bx = 2000 + rng.below(80000);
        let by = 2000 + rng.below(80000);
        let x = rng.int_bits(bx);
        let y = rng.int_bits(by);
        let args = [ti(&x), ti(&y)];
        b.add("mul", &args, tr(x.mul(&y), |v| ti(&v)));
        b.add("divmod", &args, tr(x.divmod(&y), |(q, r)| format!("({},{})", ti(&q), ti(&r))));
        b.add("truediv", &args, tr(x.truediv(&y), tf));
        let p = x.mul(&y).unwrap();
        let args = [ti(&p), ti(&y)];
        b.add("divmod", &args, tr(p.divmod(&y), |(q, r)| format!("({},{})", ti(&q), ti(&r))));
        let e = Int::from(rng.below(30) as i64);
        let m = rng.int_bits(3000);
        b.add("pow3", &[ti(&x), ti(&e), ti(&m)], tr(x.pow(&e, Some(&m)), |n| tn(&n)));
    }
    b.check("big operands");
}
