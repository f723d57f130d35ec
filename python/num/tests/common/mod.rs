//! Shared by the differential tests: a seeded random generator, random ints
//! and floats shaped to hit edge cases, and the CPython oracle
//! (`tests/oracle.py`, spawned once per test with every case on stdin).

#![allow(dead_code)]

use asyncpy_num::{Int, NumError, Number};
use std::io::Write;
use std::process::{Command, Stdio};

/// SplitMix64: small, seedable, the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from `ASYNCPY_NUM_SEED` if set, else from `default`;
    /// the seed is printed so a failure can be replayed.
    pub fn from_env(default: u64) -> Rng {
        let seed =
            std::env::var("ASYNCPY_NUM_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(default);
        eprintln!("seed {seed} (set ASYNCPY_NUM_SEED to replay another)");
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn pick_str<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A random int with about `bits` bits, either sign.
    pub fn int_bits(&mut self, bits: u64) -> Int {
        let mut hex = String::new();
        let mut left = bits;
        while left > 0 {
            let take = left.min(60);
            let v = self.next() >> (64 - take);
            hex.push_str(&format!("{:015x}", v));
            left -= take;
        }
        let mut v = Int::parse(&format!("0{hex}"), 16).unwrap();
        if self.chance(50) {
            v = v.neg();
        }
        v
    }

    /// An int shaped to find bugs: small values, the i64 boundaries, powers
    /// of two and their neighbours, long random values.
    pub fn int(&mut self) -> Int {
        match self.below(10) {
            0 => Int::from(self.below(21) as i64 - 10),
            1 => Int::from(self.next() as i64 >> self.below(64)),
            2 => {
                let edge = *self.pick(&[i64::MAX, i64::MIN, 1 << 62, -(1 << 62), 1 << 53, 1 << 32]);
                Int::from(edge).add(&Int::from(self.below(5) as i64 - 2)).unwrap()
            }
            3 => {
                let p = Int::one().shl(&Int::from(self.below(200) as i64)).unwrap();
                let v = p.add(&Int::from(self.below(3) as i64 - 1)).unwrap();
                if self.chance(50) {
                    v.neg()
                } else {
                    v
                }
            }
            4 | 5 => {
                let b = self.below(130);
                self.int_bits(b)
            }
            6 | 7 => {
                let b = self.below(700);
                self.int_bits(b)
            }
            8 => {
                let b = 60 + self.below(10);
                self.int_bits(b)
            }
            _ => {
                let b = self.below(3000);
                self.int_bits(b)
            }
        }
    }

    /// A float shaped to find bugs: random bit patterns, short decimals,
    /// halves, integers near 2**53, tiny and huge values, specials.
    pub fn float(&mut self) -> f64 {
        match self.below(12) {
            0 => f64::from_bits(self.next()),
            1 => {
                let e = self.below(2046) + 1;
                f64::from_bits((self.next() & ((1 << 52) - 1)) | e << 52 | (self.below(2) << 63))
            }
            2 => {
                (self.below(20001) as f64 - 10000.0) / *self.pick(&[1.0, 10.0, 100.0, 1000.0, 8.0])
            }
            3 => (self.below(2001) as f64 - 1000.0) / 2.0,
            4 => {
                let v = (1u64 << 53) as f64 + self.below(5) as f64 - 2.0;
                v * *self.pick(&[1.0, -1.0, 2.0, 1024.0])
            }
            5 => {
                let m = self.below(1000) as f64 + 1.0;
                let e = self.below(60) as i32 - 30;
                m * 10f64.powi(e) * if self.chance(50) { -1.0 } else { 1.0 }
            }
            6 => *self.pick(&[
                0.0,
                -0.0,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
                5e-324,
                -5e-324,
                f64::MAX,
                f64::MIN,
                f64::MIN_POSITIVE,
                1e16,
                1e15,
                1e-4,
                1e-5,
                0.1,
                0.5,
                1.5,
                2.5,
                2.675,
                1e22,
                1e23,
                123456789.0,
                0.30000000000000004,
            ]),
            7 => f64::from_bits(self.below(1 << 52)),
            8 => self.below(1 << 20) as f64 * if self.chance(50) { -1.0 } else { 1.0 },
            9 => (self.next() >> 11) as f64 / (1u64 << 53) as f64,
            10 => {
                let e = self.below(40) as i32 - 20;
                (self.below(200000) as f64 - 100000.0) * 10f64.powi(e)
            }
            _ => f64::from_bits(self.next()) % 1e6,
        }
    }
}

/// The oracle's tag for an int argument or result.
pub fn ti(i: &Int) -> String {
    format!("i{}", i.to_str_radix(16).unwrap())
}

/// The oracle's tag for a float.
pub fn tf(x: f64) -> String {
    if x.is_nan() {
        "fnan".into()
    } else {
        format!("f{}", x.to_bits())
    }
}

/// The oracle's tag for a str.
pub fn ts(s: &str) -> String {
    format!("s{s}")
}

/// The oracle's tag for an error.
pub fn te(e: &NumError) -> String {
    format!("!{}: {}", e.type_name(), e.message())
}

pub fn tn(n: &Number) -> String {
    match n {
        Number::Int(i) => ti(i),
        Number::Float(x) => tf(*x),
    }
}

/// Tags a result.
pub fn tr<T>(r: Result<T, NumError>, f: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(e) => te(&e),
    }
}

/// JSON string encoding as Python's `json.dumps(s, ensure_ascii=False)`.
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A batch of cases: each is the oracle's operation and arguments plus our
/// own tagged result.
#[derive(Default)]
pub struct Batch {
    cases: Vec<(Vec<String>, String)>,
}

impl Batch {
    pub fn add(&mut self, op: &str, args: &[String], ours: String) {
        let mut c = vec![op.to_string()];
        c.extend(args.iter().cloned());
        self.cases.push((c, ours));
    }

    /// Drops cases whose own result is `"!skip"` (no comparable answer).
    pub fn cases_retain_not_skipped(&mut self) {
        self.cases.retain(|(_, ours)| ours != "!skip");
    }

    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Runs every case through python3 once and fails listing mismatches.
    pub fn check(self, name: &str) {
        let input: String = self
            .cases
            .iter()
            .map(|(c, _)| {
                let parts: Vec<String> = c.iter().map(|a| json_str(a)).collect();
                format!("[{}]\n", parts.join(","))
            })
            .collect();
        let oracle = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle.py");
        let mut child = Command::new("python3")
            .arg(oracle)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 must be on PATH: these tests compare with CPython 3.11");
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            stdin.write_all(input.as_bytes()).unwrap();
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        assert!(out.status.success(), "oracle failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let expected: Vec<&str> = text.lines().collect();
        assert_eq!(expected.len(), self.cases.len(), "oracle answered a different number of cases");
        let mut bad = Vec::new();
        for ((case, ours), want) in self.cases.iter().zip(&expected) {
            let ours_json = json_str(ours);
            if ours_json != *want {
                bad.push(format!("{case:?}\n   ours:    {ours_json}\n   cpython: {want}"));
            }
        }
        let errors = self.cases.iter().filter(|(_, ours)| ours.starts_with('!')).count();
        eprintln!(
            "{name}: {} cases compared with CPython ({errors} of them exceptions), {} differ",
            self.cases.len(),
            bad.len()
        );
        if !bad.is_empty() {
            for b in bad.iter().take(40) {
                eprintln!("{b}");
            }
            panic!("{name}: {} of {} cases differ from CPython", bad.len(), self.cases.len());
        }
    }
}
