//! Fuzzing the `asyncpy` binary: random and mutated programs must never make
//! it panic, crash or run past its step budget.
//!
//! 500 programs a run (`ASYNCPY_FUZZ_PROGRAMS`), seeded like the differential
//! tests (`ASYNCPY_SEED` or the date; the seed is printed). The sources are the
//! lecture's cells, the hand-written cases and a few generated programs; each
//! fuzzed program is one of them mutated (tokens and lines deleted, duplicated,
//! swapped or replaced; brackets unbalanced; pathological snippets spliced in:
//! deep nesting, long strings, huge numbers, endless loops, deep recursion) or
//! a random token soup. Each runs as `asyncpy --max-steps 200000 FILE` and
//! must exit with status 0 (it ran), 1 (a Python error, reported on stderr)
//! or 3 (the step budget ran out: stderr says `asyncpy: stopped after N
//! steps`) -- never 101 (a Rust panic), never a signal, never the timeout.
//! The programs stay under the target directory (`asyncpy-diff/fuzz-SEED/`).

mod common;

use common::{Report, Rng};
use std::fs;
use std::path::PathBuf;

/// Python tokens to splice into programs.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    ";",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "<",
    ">",
    "<=",
    "!=",
    "->",
    "...",
    "lambda",
    "def",
    "async",
    "await",
    "yield",
    "return",
    "class",
    "if",
    "elif",
    "else",
    "while",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "try",
    "except",
    "except*",
    "finally",
    "raise",
    "with",
    "pass",
    "break",
    "continue",
    "global",
    "nonlocal",
    "import",
    "from",
    "as",
    "del",
    "assert",
    "None",
    "True",
    "False",
    "0",
    "1",
    "-1",
    "1e308",
    "0.1",
    "10**100",
    "'s'",
    "\"t\"",
    "f'{x}'",
    "b''",
    "x",
    "self",
    "asyncio",
    "print",
    "\\",
    "#",
    "\n",
    "    ",
    "\t",
    "asyncio.sleep(0)",
    "asyncio.gather",
    "asyncio.create_task",
];

/// Snippets that stress the interpreter's limits.
fn pathological(rng: &mut Rng) -> String {
    let depth = [10, 100, 1_000, 5_000][rng.below(4)];
    match rng.below(22) {
        0 => format!("x = {}1{}\nprint(x)\n", "(".repeat(depth), ")".repeat(depth)),
        1 => format!("x = {}{}\nprint(len(x))\n", "[".repeat(depth), "]".repeat(depth)),
        2 => {
            let mut s = String::new();
            for i in 0..depth.min(200) {
                s.push_str(&"    ".repeat(i));
                s.push_str("if True:\n");
            }
            s.push_str(&"    ".repeat(depth.min(200)));
            s.push_str("print('deep')\n");
            s
        }
        3 => format!("s = '{}'\nprint(len(s), s[:5])\n", "a".repeat(depth * 50)),
        4 => format!("n = {}\nprint(n % 97, len(str(n)))\n", "9".repeat(depth)),
        5 => "print(9 ** 9 ** 5 % 1000)\n".to_string(),
        6 => "print(len(str(2 ** 2 ** 20)))\n".to_string(),
        7 => "x = 'ab' * 10 ** 10\nprint(len(x))\n".to_string(),
        8 => "x = [0] * 10 ** 10\n".to_string(),
        9 => "while True:\n    pass\n".to_string(),
        10 => "def f(n):\n    return f(n + 1)\nf(0)\n".to_string(),
        11 => "import asyncio\nasync def f(n):\n    await f(n + 1)\nasyncio.run(f(0))\n".to_string(),
        12 => "import asyncio\nasync def spin():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(spin())\n".to_string(),
        13 => "import asyncio\nasync def tick():\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(tick())\n".to_string(),
        14 => "import asyncio\nasync def main():\n    await asyncio.gather(*(asyncio.sleep(i % 3) for i in range(100000)))\nasyncio.run(main())\n".to_string(),
        15 => format!("x = {}0\n", "-".repeat(depth)),
        16 => format!("print({}1{})\n", "f(".repeat(depth), ")".repeat(depth)),
        17 => "def g():\n    while True:\n        yield from g()\nprint(next(g()))\n".to_string(),
        18 => "d = {}\nfor i in range(10 ** 9):\n    d[i] = str(i) * 10\n".to_string(),
        19 => format!("s = \"{}\"\n", "\\".repeat(depth % 7 + 1)),
        20 => "class A:\n    def __repr__(self):\n        return repr(self)\nprint(A())\n".to_string(),
        _ => format!(
            "{}x = 1\n",
            (0..depth.min(300))
                .map(|i| format!("{}def f{i}():\n", "    ".repeat(i)))
                .collect::<String>()
        ),
    }
}

/// Splits source into rough tokens: words, runs of spaces, newlines, quoted
/// strings on one line, and single other characters.
fn tokenize(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_alphanumeric() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ' ' {
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
        } else if c == '\'' || c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                i += 1;
            }
            if i < chars.len() && chars[i] == c {
                i += 1;
            }
        } else {
            i += 1;
        }
        tokens.push(chars[start..i].iter().collect());
    }
    tokens
}

fn mutate_tokens(source: &str, rng: &mut Rng) -> String {
    let mut tokens = tokenize(source);
    if tokens.is_empty() {
        return rng.pick(TOKENS).to_string();
    }
    for _ in 0..1 + rng.below(4) {
        let n = tokens.len();
        let i = rng.below(n);
        match rng.below(6) {
            0 => {
                tokens.remove(i);
            }
            1 => {
                let t = tokens[i].clone();
                tokens.insert(i, t);
            }
            2 => tokens.swap(i, rng.below(n)),
            3 => tokens[i] = rng.pick(TOKENS).to_string(),
            4 => tokens.insert(i, rng.pick(TOKENS).to_string()),
            _ => {
                // Unbalance the brackets.
                let bracket = *rng.pick(&["(", ")", "[", "]", "{", "}"]);
                tokens.insert(i, bracket.to_string());
            }
        }
        if tokens.is_empty() {
            break;
        }
    }
    tokens.concat()
}

fn mutate_lines(source: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return pathological(rng);
    }
    for _ in 0..1 + rng.below(3) {
        let n = lines.len();
        let i = rng.below(n);
        match rng.below(6) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => lines.swap(i, rng.below(n)),
            3 => lines[i] = format!("    {}", lines[i]),
            4 => lines[i] = lines[i].trim_start().to_string(),
            _ => {
                let indent: String = lines[i].chars().take_while(|c| *c == ' ').collect();
                let snippet: Vec<String> =
                    pathological(rng).lines().map(|l| format!("{indent}{l}")).collect();
                lines.splice(i..i, snippet);
            }
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n") + "\n"
}

fn token_soup(rng: &mut Rng) -> String {
    (0..1 + rng.below(80)).map(|_| *rng.pick(TOKENS)).collect::<Vec<_>>().join(if rng.chance(50) {
        " "
    } else {
        ""
    })
}

fn fuzz_program(corpus: &[String], rng: &mut Rng) -> String {
    let source: &String = rng.pick(corpus);
    match rng.below(10) {
        0 => token_soup(rng),
        1 => pathological(rng),
        2..=5 => mutate_tokens(source, rng),
        6..=8 => mutate_lines(source, rng),
        _ => {
            let once = mutate_lines(source, rng);
            mutate_tokens(&once, rng)
        }
    }
}

#[test]
fn fuzz_never_panics() {
    let seed = common::seed("fuzz_never_panics");
    let count = common::count_from_env("ASYNCPY_FUZZ_PROGRAMS", 500);
    let dir = common::work_dir(&format!("fuzz-{seed}"));

    let mut sources: Vec<PathBuf> = common::python_files(&common::tests_dir().join("lecture"));
    sources.extend(common::python_files(&common::tests_dir().join("cases")));
    let generated = dir.join("generated");
    fs::create_dir_all(&generated).expect("create the generated directory");
    sources.extend(common::generate("gen_async.py", seed, 10, &generated.join("async")));
    sources.extend(common::generate("gen_plain.py", seed, 10, &generated.join("plain")));
    let corpus: Vec<String> = sources.iter().filter_map(|p| fs::read_to_string(p).ok()).collect();
    assert!(!corpus.is_empty(), "no sources to mutate");

    let mut rng = Rng::new(seed);
    let files: Vec<PathBuf> = (0..count)
        .map(|i| {
            let path = dir.join(format!("fuzz_{i:04}.py"));
            fs::write(&path, fuzz_program(&corpus, &mut rng)).expect("write a fuzz program");
            path
        })
        .collect();
    eprintln!("fuzz_never_panics: {count} programs in {}", dir.display());

    let steps = common::FUZZ_MAX_STEPS.to_string();
    let runs = common::parallel(&files, common::WORKERS, |file| {
        common::run_asyncpy(&["--max-steps", &steps], file)
    });
    let mut report = Report::new("fuzz_never_panics", Some(seed));
    let mut statuses = [0usize; 4];
    for (file, run) in files.iter().zip(&runs) {
        report.count(0);
        let problem = match run.status {
            Some(code @ (0 | 1)) => {
                statuses[code as usize] += 1;
                None
            }
            Some(3) => {
                statuses[3] += 1;
                let stderr = String::from_utf8_lossy(&run.stderr);
                (!stderr.contains("asyncpy: stopped after")).then(|| {
                    "exit status 3 without `asyncpy: stopped after N steps` on stderr".to_string()
                })
            }
            _ => Some(run.describe_end()),
        };
        if let Some(problem) = problem {
            report.fail(format!(
                "{}: {problem}; stderr ends:\n{}\n",
                file.display(),
                run.stderr_tail(6)
            ));
        }
    }
    eprintln!(
        "fuzz_never_panics: status 0: {}, status 1: {}, status 3 (step budget): {}",
        statuses[0], statuses[1], statuses[3]
    );
    report.finish();
}
