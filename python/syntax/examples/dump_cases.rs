//! Prints our answer for each case of a `#----`-separated file in the
//! format of `tests/cpython_ast.py` (`OK <dump>` or `ERR ...`), to diff
//! against CPython on large inputs.
//!
//! `cargo run -p asyncpy-syntax --example dump_cases -- FILE`

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_cases FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    for case in common::split_cases(&text) {
        println!("{}", common::our_answer(&case));
    }
}
