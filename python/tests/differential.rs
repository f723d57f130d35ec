//! The interpreter against CPython 3.11, byte for byte.
//!
//! Every test runs the `asyncpy` binary and `python3 tests/reference/vclock.py`
//! (CPython on the same virtual clock, see that file) on the same programs and
//! compares standard output, the exit status and, after an uncaught
//! exception, the exception line. Mismatches are collected and reported
//! together, each with the program's path and a diff of the first differing
//! lines; the summary counts programs and lines compared.
//!
//! - `lecture_cells`: every Python cell of the lecture (`tests/lecture/`);
//! - `cases`: the hand-written cases (`tests/cases/`), at least one per
//!   asyncio function, with the ordering subtleties;
//! - `random_async_programs`: 300 programs of `gen_async.py`;
//! - `random_plain_programs`: 300 programs of `gen_plain.py`;
//! - `traced_lecture_and_cases`: the lecture and the cases under `--trace`
//!   (each line with its virtual time and task);
//! - `lecture_expected`: the reference still prints the committed
//!   `tests/lecture/expected/` (needs only CPython);
//! - `generated_programs_are_fair`: a sample of generated programs is
//!   deterministic under CPython, terminates and prints (needs only CPython).
//!
//! The random programs' seed comes from `ASYNCPY_SEED` or the date and is
//! printed; the programs are written under the target directory
//! (`CARGO_TARGET_TMPDIR/asyncpy-diff/`) so that a failing one can be run
//! again by hand: `cargo run --bin asyncpy -- PATH` beside
//! `python3 tests/reference/vclock.py PATH`.

mod common;

use common::{Report, Run};
use std::fs;
use std::path::{Path, PathBuf};

/// Runs both sides on every file (two at a time) and reports the differences.
fn compare_all(what: &str, seed: Option<u64>, files: &[PathBuf]) {
    compare_all_with(what, seed, files, &[]);
}

/// Like `compare_all`, with the same flags given to both sides.
fn compare_all_with(what: &str, seed: Option<u64>, files: &[PathBuf], args: &[&str]) {
    let runs: Vec<(Run, Run)> = common::parallel(files, common::WORKERS, |file| {
        let expected = common::run_cpython_with(args, file);
        let actual = common::run_asyncpy(args, file);
        (expected, actual)
    });
    let mut report = Report::new(what, seed);
    for (file, (expected, actual)) in files.iter().zip(&runs) {
        report.record(file, expected, actual);
    }
    report.finish();
}

#[test]
fn lecture_cells() {
    let files = common::python_files(&common::tests_dir().join("lecture"));
    assert!(files.len() >= 19, "the lecture has 19 Python cells");
    compare_all("lecture_cells", None, &files);
}

#[test]
fn cases() {
    let files = common::python_files(&common::tests_dir().join("cases"));
    assert!(files.len() >= 40, "expected 40+ hand-written cases");
    compare_all("cases", None, &files);
}

#[test]
fn traced_lecture_and_cases() {
    // `--trace`: each line as `[{time:.3f}] {task or -}: {line}`, the time and
    // task being those when the line's newline is written.
    let mut files = common::python_files(&common::tests_dir().join("lecture"));
    files.extend(common::python_files(&common::tests_dir().join("cases")));
    compare_all_with("traced_lecture_and_cases", None, &files, &["--trace"]);
}

#[test]
fn random_async_programs() {
    let seed = common::seed("random_async_programs");
    let count = common::count_from_env("ASYNCPY_PROGRAMS", 300);
    let dir = common::work_dir(&format!("async-{seed}"));
    let files = common::generate("gen_async.py", seed, count, &dir);
    eprintln!("random_async_programs: {count} programs in {}", dir.display());
    compare_all("random_async_programs", Some(seed), &files);
}

#[test]
fn random_plain_programs() {
    let seed = common::seed("random_plain_programs");
    let count = common::count_from_env("ASYNCPY_PROGRAMS", 300);
    let dir = common::work_dir(&format!("plain-{seed}"));
    let files = common::generate("gen_plain.py", seed, count, &dir);
    eprintln!("random_plain_programs: {count} programs in {}", dir.display());
    compare_all("random_plain_programs", Some(seed), &files);
}

/// The expected files of a lecture cell: stdout, and `.err` (the exit status
/// and the exception line) when the cell ends with an uncaught exception.
fn expected_paths(cell: &Path) -> (PathBuf, PathBuf) {
    let dir = cell.parent().expect("a cell is in tests/lecture").join("expected");
    let stem = cell.file_stem().expect("cell_NN.py").to_string_lossy().to_string();
    (dir.join(format!("{stem}.out")), dir.join(format!("{stem}.err")))
}

fn err_file_text(run: &Run) -> Option<String> {
    match run.status {
        Some(0) => None,
        status => Some(format!(
            "exit status: {}\n{}\n",
            status.map_or_else(|| run.describe_end(), |s| s.to_string()),
            common::error_summary(&run.stderr)
        )),
    }
}

#[test]
fn lecture_expected() {
    let bless = std::env::var("ASYNCPY_BLESS").is_ok_and(|v| v == "1");
    let files = common::python_files(&common::tests_dir().join("lecture"));
    let runs = common::parallel(&files, common::WORKERS, |f| common::run_cpython_uncached(f));
    let mut report = Report::new("lecture_expected", None);
    for (file, run) in files.iter().zip(&runs) {
        let (out_path, err_path) = expected_paths(file);
        if bless {
            fs::write(&out_path, &run.stdout).expect("write the expected stdout");
            match err_file_text(run) {
                Some(text) => fs::write(&err_path, text).expect("write the expected error"),
                None => {
                    let _ = fs::remove_file(&err_path);
                }
            }
        }
        let committed = Run {
            status: Some(if err_path.exists() { 1 } else { 0 }),
            stdout: fs::read(&out_path).unwrap_or_default(),
            ..Run::default()
        };
        report.count(common::comparable_lines(&committed.stdout).len());
        let mut problems = String::new();
        if let Some(d) = common::diff(
            &common::comparable_lines(&committed.stdout),
            &common::comparable_lines(&run.stdout),
        ) {
            problems.push_str(&d.replace("asyncpy", "vclock.py now"));
        }
        let want_err = fs::read_to_string(&err_path).ok();
        let got_err = err_file_text(run);
        if want_err != got_err {
            problems.push_str(&format!(
                "the error differs: committed {want_err:?}, vclock.py now {got_err:?}\n"
            ));
        }
        if !problems.is_empty() {
            report.fail(format!(
                "{}: (ASYNCPY_BLESS=1 rewrites the expected files)\n{problems}",
                file.display()
            ));
        }
    }
    report.finish();
}

#[test]
fn generated_programs_are_fair() {
    // vclock.py --check runs each program twice (another hash seed, shifted
    // addresses) and fails on nondeterminism, timeouts and silent programs.
    let seed = common::seed("generated_programs_are_fair");
    let count = common::count_from_env("ASYNCPY_FAIR_PROGRAMS", 12);
    for generator in ["gen_async.py", "gen_plain.py"] {
        let dir = common::work_dir(&format!("fair-{}-{seed}", &generator[4..generator.len() - 3]));
        let files = common::generate(generator, seed, count, &dir);
        let mut command = std::process::Command::new(common::python());
        command.arg(common::reference_dir().join("vclock.py")).arg("--check").args(&files);
        let run = common::run_command(command, std::time::Duration::from_secs(600));
        assert_eq!(
            run.status,
            Some(0),
            "{generator} --seed {seed} wrote unfair programs:\n{}",
            String::from_utf8_lossy(&run.stdout)
        );
    }
}
