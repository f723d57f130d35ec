//! Writes the part of each source file the page shows into `OUT_DIR/shown/`:
//! a scenario file up to its catalog description (`DESCRIPTION_MARK` in
//! `spec.rs`), a runtime file whole. The page embeds these (`shown!`), so the
//! scenario's texts, already in its `SPEC`, are not embedded a second time
//! as source, and the wasm carries only what a student reads.

use std::fs;
use std::path::Path;

const MARK: &str = "// ---- The scenario in the catalog (not shown in the page) ----";

/// Runtime files a scenario shows beside its own.
const RUNTIME: &[&str] = &["lock.rs", "queue.rs", "timer_heap.rs"];

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shown");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for entry in fs::read_dir(".").expect("the crate's folder").flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") && name != "build.rs" {
            files.push((name, path));
        }
    }
    for name in RUNTIME {
        files.push(((*name).to_owned(), Path::new("../crates/runtime/src").join(name)));
    }
    for (name, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("a source file");
        let shown = match text.find(MARK) {
            Some(at) => text[..at].trim_end_matches('\n'),
            None => &text,
        };
        fs::write(out.join(&name), shown).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=.");
}
