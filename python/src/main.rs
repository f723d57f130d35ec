//! `asyncpy [--trace] [--max-steps N] FILE.py`: runs FILE on the virtual
//! clock and behaves like `python3 FILE.py` (see /work/shared/PYTHON.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: asyncpy [--trace] [--max-steps N] FILE.py");
    ExitCode::from(2)
}

/// `static/example/N.txt` from the current directory or the repository root
/// found upwards from it (or from the program's directory).
fn example_texts(program: &Path) -> Vec<Option<String>> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for start in [std::env::current_dir().ok(), program.parent().map(|p| p.to_path_buf())]
        .into_iter()
        .flatten()
    {
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            if d.join("static").join("example").is_dir() {
                roots.push(d.to_path_buf());
                break;
            }
            dir = d.parent();
        }
    }
    (1..=8)
        .map(|n| {
            roots.iter().find_map(|r| {
                std::fs::read_to_string(r.join("static").join("example").join(format!("{n}.txt")))
                    .ok()
            })
        })
        .collect()
}

fn main() -> ExitCode {
    let mut trace = false;
    let mut max_steps: u64 = u64::MAX;
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--trace" => trace = true,
            "--max-steps" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => max_steps = n,
                None => return usage(),
            },
            _ if a.starts_with("--max-steps=") => match a["--max-steps=".len()..].parse() {
                Ok(n) => max_steps = n,
                Err(_) => return usage(),
            },
            _ if a.starts_with("--") => return usage(),
            _ => {
                if file.is_none() {
                    file = Some(a);
                }
            }
        }
    }
    let Some(file) = file else { return usage() };
    let path = std::fs::canonicalize(&file).unwrap_or_else(|_| PathBuf::from(&file));
    let source = match std::fs::read(&path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("asyncpy: can't open file '{}': {}", file, e);
            return ExitCode::from(2);
        }
    };
    let config = asyncpy::Config {
        virtual_clock: true,
        example_texts: example_texts(&path),
        record_events: trace,
    };
    let filename = path.to_string_lossy().into_owned();
    let report = asyncpy::run_virtual(&source, &filename, config, max_steps);
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if trace {
        for e in &report.events {
            if let asyncpy::Event::Print { time, task, text } = e {
                let _ = writeln!(out, "[{:.3}] {}: {}", time, task.as_deref().unwrap_or("-"), text);
            }
        }
    } else {
        let _ = out.write_all(report.stdout.as_bytes());
    }
    let _ = out.flush();
    let _ = std::io::stderr().write_all(report.stderr.as_bytes());
    ExitCode::from((report.status & 0xff) as u8)
}
