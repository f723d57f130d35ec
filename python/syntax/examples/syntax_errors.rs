//! Prints, for each case of a file of Python snippets separated by lines
//! `#----`, `OK` or the syntax error as `Kind|msg|line|col|end_line|end_col`
//! -- the format of `tests/cpython_errors.py`, to compare with CPython.
//!
//! `cargo run -p asyncpy-syntax --example syntax_errors -- FILE`

use asyncpy_syntax::parse_module;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: syntax_errors FILE");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    for case in src.split("\n#----\n") {
        match parse_module(case) {
            Ok(_) => println!("OK"),
            Err(e) => println!(
                "{}|{}|{}|{}|{}|{}",
                e.kind.name(),
                e.msg,
                e.line,
                e.col,
                e.end_line,
                e.end_col
            ),
        }
    }
}
