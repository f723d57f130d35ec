//! Parses corpora of valid (and invalid) Python and compares the tree, node
//! by node with locations, or the error (message, line, offsets), with what
//! CPython 3.11 gives for the same text (`python3 tests/cpython_ast.py`).
//! Skipped with a note when `python3` is not available.

mod common;

use common::{cpython_answers, our_answer, split_cases};

/// Cases (the whole text) where we knowingly differ from CPython, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("f(a \"b\" c)", "CPython's PEG search finds a comma hint at a later position"),
    ("x, y y = 1 2", "CPython's PEG search finds the '==' hint at a later position"),
    ("x 1 \"\\x=\"", "CPython's PEG search parses the later string literal"),
    ("match x:\n    case 1: pass", "the match statement is not supported (match is a name)"),
    ("def f():\n    nonlocal x", "no binding for nonlocal: name resolution is the compiler's"),
    ("def f(x):\n    global x", "parameter and global: name resolution is the compiler's"),
    (
        "def f():\n    x = 1\n    global x",
        "assigned before global: name resolution is the compiler's",
    ),
    (
        "def f():\n    print(x)\n    global x",
        "used before global: name resolution is the compiler's",
    ),
    ("def f(a, b):\n    nonlocal a", "parameter and nonlocal: name resolution is the compiler's"),
    ("x = \"\\ud800\"", "a lone surrogate becomes U+FFFD (a Rust String cannot hold one)"),
];

fn compare_file(name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let cases = split_cases(&text);
    let Some(expected) = cpython_answers(&cases) else {
        eprintln!("python3 not available: skipping {name}");
        return;
    };
    let mut failures = Vec::new();
    for (case, exp) in cases.iter().zip(&expected) {
        let got = our_answer(case);
        if &got == exp {
            continue;
        }
        if KNOWN_DIFFERENCES.iter().any(|(k, _)| case == k) {
            continue;
        }
        failures.push(format!("case {case:?}\n  cpython: {exp}\n  ours:    {got}"));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} differ from CPython:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn valid_programs_match_cpython() {
    compare_file("valid.py.txt");
}

#[test]
fn syntax_errors_match_cpython() {
    compare_file("errors.py.txt");
}

#[test]
fn lecture_cells_match_cpython() {
    compare_file("lecture.py.txt");
}

/// CPython's own `asyncio` package (found through `python3`), parsed and
/// compared file by file: real code written by others.
#[test]
fn cpython_asyncio_sources_match_cpython() {
    let Ok(out) = std::process::Command::new("python3")
        .args(["-c", "import asyncio, os; print(os.path.dirname(asyncio.__file__))"])
        .output()
    else {
        eprintln!("python3 not available: skipping");
        return;
    };
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no asyncio sources: skipping");
        return;
    };
    let mut names: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    names.sort();
    let cases: Vec<String> = names.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    assert!(cases.len() > 20, "asyncio has more files than {}", cases.len());
    let Some(expected) = cpython_answers(&cases) else {
        return;
    };
    for ((name, case), exp) in names.iter().zip(&cases).zip(&expected) {
        assert!(exp.starts_with("OK"), "{name:?} should be valid");
        assert!(our_answer(case) == *exp, "{name:?} differs from CPython's tree");
    }
}
