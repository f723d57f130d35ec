//! Random and mutated inputs never make the parser panic or overflow its
//! stack. The generator is a seeded xorshift (no dependencies); a failure
//! prints the seed and the input.

use asyncpy_syntax::{parse_expression, parse_module};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Parses on a thread with a 256 KiB stack; panics (with the input) if the
/// parser panics or overflows.
fn must_not_panic(inputs: Vec<String>) {
    let r = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            for src in &inputs {
                let ok = std::panic::catch_unwind(|| {
                    let _ = parse_module(src);
                    let _ = parse_expression(src);
                });
                if ok.is_err() {
                    panic!("parser panicked on {src:?}");
                }
            }
        })
        .expect("spawn")
        .join();
    assert!(r.is_ok(), "parser thread failed");
}

/// The seed, printed by every test; `FUZZ_SEED` (hex) replaces it.
fn seed() -> u64 {
    let s = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
        .unwrap_or(0x5eed_1234_abcd_ef01);
    eprintln!("fuzz seed {s:#x}");
    s
}

/// How many cases each test makes: `FUZZ_CASES` scales them.
fn scaled(n: usize) -> usize {
    let scale: usize = std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    n * scale.max(1)
}

#[test]
fn random_bytes() {
    let mut rng = Rng(seed());
    let mut inputs = Vec::new();
    for _ in 0..scaled(3000) {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    must_not_panic(inputs);
}

/// Python's tokens and fragments, for token soup.
const VOCAB: &[&str] = &[
    "x",
    "y",
    "f",
    "a.b",
    "1",
    "2.5",
    "0x1f",
    "1j",
    "'s'",
    "b'b'",
    "f'{x}'",
    "f'{x!r:>{w}}'",
    "\"\"\"t\"\"\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    ".",
    "...",
    "=",
    "==",
    "!=",
    "<",
    ">",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "|",
    "&",
    "^",
    "~",
    "<<",
    ">>",
    ":=",
    "->",
    "+=",
    "**=",
    "//=",
    "if",
    "elif",
    "else",
    "for",
    "in",
    "not",
    "is",
    "and",
    "or",
    "while",
    "def",
    "class",
    "return",
    "yield",
    "from",
    "import",
    "as",
    "try",
    "except",
    "except*",
    "finally",
    "with",
    "async",
    "await",
    "lambda",
    "pass",
    "break",
    "continue",
    "raise",
    "del",
    "global",
    "nonlocal",
    "assert",
    "None",
    "True",
    "False",
    "\n",
    "\n    ",
    "\n        ",
    "\n  ",
    " ",
    "\\\n",
    "#c\n",
    "\t",
    "@",
    "*a",
    "**k",
    "match",
    "case",
    "_",
];

#[test]
fn token_soup() {
    let mut rng = Rng(seed() ^ 1);
    let mut inputs = Vec::new();
    for _ in 0..scaled(5000) {
        let n = rng.below(40);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(VOCAB[rng.below(VOCAB.len())]);
            if rng.below(3) == 0 {
                s.push(' ');
            }
        }
        inputs.push(s);
    }
    must_not_panic(inputs);
}

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for name in ["valid.py.txt", "lecture.py.txt", "errors.py.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("corpus");
        out.extend(text.split("\n#----\n").map(str::to_string));
    }
    out
}

/// Applies one random edit: delete, insert, duplicate or swap a span.
fn mutate(rng: &mut Rng, src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    if chars.is_empty() {
        return VOCAB[rng.below(VOCAB.len())].to_string();
    }
    let i = rng.below(chars.len());
    let j = (i + 1 + rng.below(8)).min(chars.len());
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 16);
    match rng.below(5) {
        0 => {
            out.extend(&chars[..i]);
            out.extend(&chars[j..]);
        }
        1 => {
            out.extend(&chars[..i]);
            out.extend(VOCAB[rng.below(VOCAB.len())].chars());
            out.extend(&chars[i..]);
        }
        2 => {
            out.extend(&chars[..j]);
            out.extend(&chars[i..]);
        }
        3 => {
            let k = rng.below(chars.len());
            out.extend(&chars);
            out.swap(i, k);
        }
        _ => {
            out.extend(&chars[..i]);
            // Characters from Unicode's first blocks (Latin to Cyrillic):
            // later ones may differ between Unicode versions.
            out.push(char::from_u32(rng.below(0x500) as u32).unwrap_or('?'));
            out.extend(&chars[i..]);
        }
    }
    out.into_iter().collect()
}

#[test]
fn mutated_sources() {
    let mut rng = Rng(seed() ^ 2);
    let corpus = corpus();
    let mut inputs = Vec::new();
    for _ in 0..scaled(6000) {
        let mut s = corpus[rng.below(corpus.len())].clone();
        for _ in 0..1 + rng.below(4) {
            s = mutate(&mut rng, &s);
        }
        inputs.push(s);
    }
    must_not_panic(inputs);
}

mod common;

/// Mutated sources compared with CPython: whether the text is valid, and
/// for an error its line, must agree (the message may be approximate where
/// CPython's would need its full PEG machinery). Skipped without `python3`.
#[test]
fn mutated_sources_agree_with_cpython_on_validity_and_line() {
    let mut rng = Rng(seed() ^ 3);
    let corpus = corpus();
    let mut cases = Vec::new();
    let n = scaled(1500);
    while cases.len() < n {
        let mut s = corpus[rng.below(corpus.len())].clone();
        for _ in 0..1 + rng.below(3) {
            s = mutate(&mut rng, &s);
        }
        // The case separator, surrogates, `match` and NUL are out of scope.
        // Out of scope: the case separator, `match`, NUL, surrogates, named
        // escapes, and name resolution (`global`, `nonlocal`).
        if ["#----", "match", "\0", "\\ud8", "\\N", "global", "nonlocal"]
            .iter()
            .any(|k| s.contains(k))
        {
            continue;
        }
        cases.push(s);
    }
    let Some(expected) = common::cpython_answers(&cases) else {
        eprintln!("python3 not available: skipping");
        return;
    };
    let mut line_diffs = Vec::new();
    let mut msg_diffs = Vec::new();
    for (case, exp) in cases.iter().zip(&expected) {
        let got = common::our_answer(case);
        if &got == exp {
            continue;
        }
        let fields = |s: &str| -> (String, String, String) {
            let mut it = s.splitn(2, ' ');
            let status = it.next().unwrap_or("").to_string();
            let rest = it.next().unwrap_or("");
            let parts: Vec<&str> = rest.split('|').collect();
            let msg = parts.get(1).unwrap_or(&"").to_string();
            let line = parts.get(2).unwrap_or(&"").to_string();
            (status, msg, line)
        };
        let (es, em, el) = fields(exp);
        let (gs, gm, gl) = fields(&got);
        if exp.starts_with("SKIP") || (es == "OK" && gs == "OK") {
            continue;
        }
        if es != gs || el != gl {
            line_diffs.push(format!("case {case:?}\n  cpython: {exp}\n  ours:    {got}"));
        } else if em != gm {
            msg_diffs.push(format!("case {case:?}\n  cpython: {exp}\n  ours:    {got}"));
        }
    }
    eprintln!("{} of {} mutated cases differ only in the message", msg_diffs.len(), cases.len());
    if std::env::var_os("SHOW_MESSAGE_DIFFS").is_some() {
        for m in &msg_diffs {
            eprintln!("{m}");
        }
    }
    assert!(
        line_diffs.is_empty(),
        "{} of {} mutated cases differ from CPython in validity or line:\n{}",
        line_diffs.len(),
        cases.len(),
        line_diffs.join("\n")
    );
}
