//! What the integration tests share: running the `asyncpy` binary and the
//! CPython reference (`tests/reference/vclock.py`) on the same file, the
//! random program generators, a small worker pool, and a comparison that
//! collects every mismatch (with a diff of the first differing lines) and
//! reports them together at the end.
//!
//! Environment:
//! - `ASYNCPY_SEED`: the seed of the random programs (default: days since
//!   1970-01-01, UTC, so each day tests new programs; the seed is printed).
//! - `ASYNCPY_PROGRAMS`, `ASYNCPY_FUZZ_PROGRAMS`, `ASYNCPY_FAIR_PROGRAMS`:
//!   how many programs a run generates (defaults 300, 500 and 12).
//! - `ASYNCPY_PYTHON`: the CPython 3.11 to run (default `python3`).
//! - `ASYNCPY_BLESS=1`: `lecture_expected` rewrites `tests/lecture/expected/`.
//!
//! CPython's results are cached under the target directory, keyed by the
//! program and the reference's own source, so that re-running a seed only
//! runs the interpreter.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a CPython run may take before it counts as not terminating.
pub const CPYTHON_TIMEOUT: Duration = Duration::from_secs(60);
/// How long an `asyncpy` run may take (a debug build is slow, but not this slow).
pub const ASYNCPY_TIMEOUT: Duration = Duration::from_secs(60);
/// The step budget the fuzz test gives the interpreter.
pub const FUZZ_MAX_STEPS: u64 = 200_000;
/// CPython processes at a time: the machine has two cores shared with others.
pub const WORKERS: usize = 2;
/// Lines of `%%time` output that depend on the machine and are never compared.
pub const CPU_TIMES_PREFIX: &[u8] = b"CPU times: ";

/// The `python/` crate directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `python/tests/`.
pub fn tests_dir() -> PathBuf {
    crate_dir().join("tests")
}

/// `python/tests/reference/`: vclock.py, the generators and the fake modules.
pub fn reference_dir() -> PathBuf {
    tests_dir().join("reference")
}

/// A scratch directory under the target directory (`.../asyncpy-diff/NAME`),
/// emptied first.
pub fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("asyncpy-diff").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// The Python interpreter to use as the reference.
pub fn python() -> String {
    std::env::var("ASYNCPY_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// The seed of this run: `ASYNCPY_SEED`, or the number of days since the
/// epoch. Printed, so that a failure can be repeated.
pub fn seed(test: &str) -> u64 {
    let seed = match std::env::var("ASYNCPY_SEED") {
        Ok(text) => text.trim().parse().expect("ASYNCPY_SEED must be an unsigned integer"),
        Err(_) => {
            SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) / 86_400
        }
    };
    eprintln!("{test}: seed {seed} (ASYNCPY_SEED={seed} repeats this run)");
    seed
}

/// A count from the environment, or the default.
pub fn count_from_env(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// The `*.py` files of a directory, sorted by name.
pub fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "py"))
        .collect();
    files.sort();
    files
}

/// The outcome of one process.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// The exit status, `None` when killed by a signal or the timeout.
    pub status: Option<i32>,
    /// The signal that ended the process, if one did.
    pub signal: Option<i32>,
    /// Whether the timeout ended it.
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    /// How the process ended, for messages.
    pub fn describe_end(&self) -> String {
        if self.timed_out {
            "did not finish in time (killed)".to_string()
        } else if let Some(sig) = self.signal {
            format!("killed by signal {sig}")
        } else {
            match self.status {
                Some(code) => format!("exit status {code}"),
                None => "no exit status".to_string(),
            }
        }
    }

    /// The last `n` lines of stderr, for messages; after a Rust panic, the
    /// panic message instead (the backtrace that may follow is long).
    pub fn stderr_tail(&self, n: usize) -> String {
        let text = String::from_utf8_lossy(&self.stderr);
        let lines: Vec<&str> = text.lines().collect();
        if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
            return lines[i..].iter().take(n.min(4)).copied().collect::<Vec<_>>().join("\n");
        }
        let start = lines.len().saturating_sub(n);
        lines[start..].join("\n")
    }
}

/// Runs a command with a timeout, collecting stdout and stderr.
pub fn run_command(mut command: Command, timeout: Duration) -> Run {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Run {
                status: None,
                stderr: format!("could not start {command:?}: {e}").into_bytes(),
                ..Run::default()
            }
        }
    };
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > timeout => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let (code, signal) = match status {
        Some(status) => (status.code(), exit_signal(&status)),
        None => (None, None),
    };
    Run {
        status: if timed_out { None } else { code },
        signal: if timed_out { None } else { signal },
        timed_out,
        stdout,
        stderr,
    }
}

#[cfg(unix)]
fn exit_signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn exit_signal(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Runs the interpreter: `asyncpy [ARGS...] FILE`.
pub fn run_asyncpy(args: &[&str], file: &Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_asyncpy"));
    command.args(args).arg(file).current_dir(crate_dir());
    run_command(command, ASYNCPY_TIMEOUT)
}

/// Runs the reference without its cache: `python3 tests/reference/vclock.py FILE`.
pub fn run_cpython_uncached(file: &Path) -> Run {
    run_cpython_uncached_with(&[], file)
}

/// The reference's version (`Python 3.11.x`); panics if it is not 3.11,
/// since the interpreter is compared with CPython 3.11.
pub fn python_version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        let mut command = Command::new(python());
        command.arg("--version");
        let run = run_command(command, CPYTHON_TIMEOUT);
        let version = String::from_utf8_lossy(&run.stdout).trim().to_string();
        assert!(
            version.starts_with("Python 3.11."),
            "the reference must be CPython 3.11, `{} --version` says {version:?} \
             (set ASYNCPY_PYTHON to another interpreter)",
            python()
        );
        version
    })
}

/// `python3 tests/reference/vclock.py [ARGS...] FILE`, without the cache.
pub fn run_cpython_uncached_with(args: &[&str], file: &Path) -> Run {
    python_version();
    let mut command = Command::new(python());
    command
        .arg(reference_dir().join("vclock.py"))
        .args(args)
        .arg(file)
        .current_dir(crate_dir())
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    run_command(command, CPYTHON_TIMEOUT)
}

/// Runs the reference, or reads the result of an identical earlier run.
pub fn run_cpython(file: &Path) -> Run {
    run_cpython_with(&[], file)
}

/// `python3 tests/reference/vclock.py [ARGS...] FILE`, or the cached result
/// of an identical earlier run.
pub fn run_cpython_with(args: &[&str], file: &Path) -> Run {
    let Ok(program) = fs::read(file) else {
        return run_cpython_uncached_with(args, file);
    };
    let mut key = Fnv::new();
    key.write(python_version().as_bytes());
    key.write(reference_fingerprint());
    for arg in args {
        key.write(arg.as_bytes());
    }
    // The path is part of the key: tracebacks name the file.
    key.write(file.to_string_lossy().as_bytes());
    key.write(&program);
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("asyncpy-cpython-cache")
        .join(format!("{:016x}.run", key.finish()));
    if let Some(run) = read_cached(&cache) {
        return run;
    }
    let run = run_cpython_uncached_with(args, file);
    if let Some(status) = run.status {
        let mut bytes = format!("{status}\n{}\n", run.stdout.len()).into_bytes();
        bytes.extend_from_slice(&run.stdout);
        bytes.extend_from_slice(&run.stderr);
        if let Some(dir) = cache.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let _ = fs::write(&cache, bytes);
    }
    run
}

fn read_cached(path: &Path) -> Option<Run> {
    let bytes = fs::read(path).ok()?;
    let first = bytes.iter().position(|&b| b == b'\n')?;
    let second = first + 1 + bytes[first + 1..].iter().position(|&b| b == b'\n')?;
    let status: i32 = std::str::from_utf8(&bytes[..first]).ok()?.parse().ok()?;
    let len: usize = std::str::from_utf8(&bytes[first + 1..second]).ok()?.parse().ok()?;
    let body = &bytes[second + 1..];
    if body.len() < len {
        return None;
    }
    Some(Run {
        status: Some(status),
        stdout: body[..len].to_vec(),
        stderr: body[len..].to_vec(),
        ..Run::default()
    })
}

/// The bytes of the reference (vclock.py and the fake modules): a change to
/// them invalidates every cached CPython result.
fn reference_fingerprint() -> &'static [u8] {
    static FINGERPRINT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let mut bytes = fs::read(reference_dir().join("vclock.py")).unwrap_or_default();
        for file in python_files(&reference_dir().join("fakes")) {
            bytes.extend(fs::read(file).unwrap_or_default());
        }
        bytes
    })
}

/// FNV-1a, 64 bits: a cache key, not a security boundary.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Runs `python3 tests/reference/GENERATOR --seed S --count N --out DIR` and
/// returns the files it wrote.
pub fn generate(generator: &str, seed: u64, count: usize, out: &Path) -> Vec<PathBuf> {
    let mut command = Command::new(python());
    command
        .arg(reference_dir().join(generator))
        .args(["--seed", &seed.to_string(), "--count", &count.to_string()])
        .arg("--out")
        .arg(out);
    let run = run_command(command, CPYTHON_TIMEOUT);
    assert_eq!(run.status, Some(0), "{generator} failed: {}", String::from_utf8_lossy(&run.stderr));
    let files = python_files(out);
    assert_eq!(files.len(), count, "{generator} wrote {} files", files.len());
    files
}

/// Process slots shared by every test of a test binary (libtest runs tests
/// in parallel; together they still run at most `WORKERS` jobs at a time).
static SLOTS: Mutex<usize> = Mutex::new(0);
static SLOT_FREED: std::sync::Condvar = std::sync::Condvar::new();

fn with_slot<R>(f: impl FnOnce() -> R) -> R {
    struct Slot;
    impl Drop for Slot {
        fn drop(&mut self) {
            *SLOTS.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            SLOT_FREED.notify_one();
        }
    }
    let mut used = SLOTS.lock().unwrap_or_else(|e| e.into_inner());
    while *used >= WORKERS {
        used = SLOT_FREED.wait(used).unwrap_or_else(|e| e.into_inner());
    }
    *used += 1;
    drop(used);
    // Released even if `f` panics.
    let _slot = Slot;
    f()
}

/// Maps `f` over `items` on `workers` threads; the results keep the items'
/// order. Each call of `f` takes one of the binary's `WORKERS` slots.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = with_slot(|| f(&items[i]));
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// The part of stderr compared after an uncaught exception: its last line
/// (the exception line); for an exception group, every exception line inside
/// the group's box (`ExceptionGroup: ...`, then each sub-exception), since
/// the last line there is the box's border. `vclock.py` has the same function.
pub fn error_summary(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
    if let Some(i) = lines
        .iter()
        .position(|l| l.starts_with("  + Exception Group Traceback (most recent call last):"))
    {
        let mut picked = Vec::new();
        for inner in &lines[i + 1..] {
            let stripped = inner.trim_start_matches(' ');
            if let Some(content) = stripped.strip_prefix("| ") {
                if !content.is_empty()
                    && !content.starts_with(char::is_whitespace)
                    && content != "Traceback (most recent call last):"
                {
                    picked.push(content);
                }
            }
        }
        return picked.join("\n");
    }
    lines.last().copied().unwrap_or("").to_string()
}

/// Standard output as lines to compare: split at `\n`, without the
/// `CPU times:` lines; output that does not end with a newline gets a last
/// line saying so, so that "a" and "a\n" differ.
pub fn comparable_lines(stdout: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    if stdout.is_empty() {
        return lines;
    }
    let (body, complete) = match stdout.strip_suffix(b"\n") {
        Some(body) => (body, true),
        None => (stdout, false),
    };
    lines.extend(body.split(|&b| b == b'\n').filter(|l| !is_cpu_times(l)));
    if !complete {
        lines.push(&b"\\ no newline at end of output"[..]);
    }
    lines
}

/// Whether a line is `%%time`'s `CPU times:` line, plain or traced
/// (`[1.000] -: CPU times: ...`).
fn is_cpu_times(line: &[u8]) -> bool {
    if line.starts_with(CPU_TIMES_PREFIX) {
        return true;
    }
    line.starts_with(b"[")
        && line
            .windows(CPU_TIMES_PREFIX.len() + 2)
            .any(|w| w[..2] == *b": " && w[2..] == *CPU_TIMES_PREFIX)
}

/// A unified-style diff of the first differing lines (with a little context).
pub fn diff(expected: &[&[u8]], actual: &[&[u8]]) -> Option<String> {
    let first =
        expected.iter().zip(actual.iter()).position(|(a, b)| a != b).or_else(|| {
            (expected.len() != actual.len()).then(|| expected.len().min(actual.len()))
        })?;
    const CONTEXT: usize = 3;
    const SHOWN: usize = 8;
    let mut out = String::new();
    let _ = writeln!(out, "--- cpython (vclock.py)\n+++ asyncpy");
    let _ = writeln!(
        out,
        "@@ first difference at line {} (cpython has {} lines, asyncpy {}) @@",
        first + 1,
        expected.len(),
        actual.len()
    );
    for line in &expected[first.saturating_sub(CONTEXT)..first] {
        let _ = writeln!(out, " {}", String::from_utf8_lossy(line));
    }
    for line in expected.iter().skip(first).take(SHOWN) {
        let _ = writeln!(out, "-{}", String::from_utf8_lossy(line));
    }
    if expected.len() > first + SHOWN {
        let _ = writeln!(out, "-...");
    }
    for line in actual.iter().skip(first).take(SHOWN) {
        let _ = writeln!(out, "+{}", String::from_utf8_lossy(line));
    }
    if actual.len() > first + SHOWN {
        let _ = writeln!(out, "+...");
    }
    Some(out)
}

/// Compares CPython's run of a program with the interpreter's: stdout line by
/// line, the exit status, and the exception line(s) when the status is 1.
/// Returns a report of the differences, or `None` when they agree.
pub fn compare_runs(path: &Path, expected: &Run, actual: &Run) -> Option<String> {
    let mut problems = String::new();
    if expected.status.is_none() {
        let _ = writeln!(
            problems,
            "the CPython reference failed: {}\n{}",
            expected.describe_end(),
            expected.stderr_tail(5)
        );
        return Some(format!("{}:\n{problems}", path.display()));
    }
    if actual.status.is_none() || actual.status == Some(101) {
        let _ = writeln!(
            problems,
            "asyncpy {}; its stderr ends:\n{}",
            actual.describe_end(),
            actual.stderr_tail(8)
        );
    } else if actual.status != expected.status {
        let _ = writeln!(
            problems,
            "exit status: cpython {:?}, asyncpy {:?}",
            expected.status, actual.status
        );
        let _ = writeln!(problems, "  cpython stderr: {}", error_summary(&expected.stderr));
        let _ = writeln!(problems, "  asyncpy stderr: {}", error_summary(&actual.stderr));
    } else if expected.status == Some(1) {
        let want = error_summary(&expected.stderr);
        let got = error_summary(&actual.stderr);
        if want != got {
            let _ = writeln!(
                problems,
                "the exception differs:\n  cpython: {}\n  asyncpy: {}",
                want.replace('\n', "\n           "),
                got.replace('\n', "\n           ")
            );
        }
    }
    if let Some(d) = diff(&comparable_lines(&expected.stdout), &comparable_lines(&actual.stdout)) {
        problems.push_str(&d);
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!("{}:\n{problems}", path.display()))
    }
}

/// Collects the comparisons of a test and reports them all at the end.
pub struct Report {
    what: String,
    seed: Option<u64>,
    programs: usize,
    lines: usize,
    failures: Vec<String>,
}

impl Report {
    pub fn new(what: &str, seed: Option<u64>) -> Self {
        Report { what: what.to_string(), seed, programs: 0, lines: 0, failures: Vec::new() }
    }

    /// Records one program's comparison.
    pub fn record(&mut self, path: &Path, expected: &Run, actual: &Run) {
        self.programs += 1;
        self.lines += comparable_lines(&expected.stdout).len();
        if let Some(problem) = compare_runs(path, expected, actual) {
            self.failures.push(problem);
        }
    }

    /// Records a failure found some other way.
    pub fn fail(&mut self, problem: String) {
        self.failures.push(problem);
    }

    /// Counts a program that was checked without a CPython comparison.
    pub fn count(&mut self, lines: usize) {
        self.programs += 1;
        self.lines += lines;
    }

    /// Prints the summary; panics with every failure when there was one.
    pub fn finish(self) {
        let seed = self
            .seed
            .map(|s| format!("; seed {s} (ASYNCPY_SEED={s} repeats it)"))
            .unwrap_or_default();
        let lines = if self.lines > 0 {
            format!(", {} lines of CPython output compared", self.lines)
        } else {
            String::new()
        };
        let summary = format!(
            "{}: {} programs{lines}, {} failing{seed}",
            self.what,
            self.programs,
            self.failures.len()
        );
        eprintln!("{summary}");
        if self.failures.is_empty() {
            return;
        }
        const DETAILED: usize = 20;
        let mut message = String::new();
        for failure in self.failures.iter().take(DETAILED) {
            message.push_str(failure);
            message.push('\n');
        }
        if self.failures.len() > DETAILED {
            let _ = writeln!(message, "... and {} more:", self.failures.len() - DETAILED);
            for failure in self.failures.iter().skip(DETAILED) {
                let _ = writeln!(message, "  {}", failure.lines().next().unwrap_or(""));
            }
        }
        message.push_str(
            "To repeat one: `cargo run --bin asyncpy -- PATH` beside \
             `python3 tests/reference/vclock.py PATH` (from python/).\n",
        );
        panic!("{message}\n{summary}");
    }
}

/// A small deterministic random number generator (SplitMix64) for the fuzzer.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
