//! The architecture, checked: each crate uses only the layers below it, and
//! no crate's modules import each other in a cycle.
//!
//! text → runtime → scenarios → catalog → the app (this package).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The crates of the workspace, bottom first, with their source folders.
const LAYERS: &[(&str, &str)] = &[
    ("text", "crates/text"),
    ("runtime", "crates/runtime"),
    ("scenarios", "scenarios"),
    ("catalog", "crates/catalog"),
];

/// The workspace crates a `Cargo.toml` depends on.
fn workspace_dependencies(dir: &str) -> BTreeSet<String> {
    let manifest = fs::read_to_string(Path::new(ROOT).join(dir).join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .filter(|line| line.contains("path ="))
        .filter_map(|line| line.split('=').next())
        .map(|name| name.trim().to_owned())
        .filter(|name| LAYERS.iter().any(|(layer, _)| layer == name))
        .collect()
}

#[test]
fn each_crate_depends_only_on_the_layers_below_it() {
    for (index, (name, dir)) in LAYERS.iter().enumerate() {
        let below: BTreeSet<String> = LAYERS[..index].iter().map(|(n, _)| n.to_string()).collect();
        let uses = workspace_dependencies(dir);
        let upward: Vec<&String> = uses.difference(&below).collect();
        assert!(upward.is_empty(), "{name} depends on {upward:?}, which are not below it");
    }
}

/// The `.rs` files of a crate folder, as module name → source. `lib.rs` only
/// declares the modules, so it is not a module here.
fn modules(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !matches!(
                    path.file_name().and_then(|n| n.to_str()),
                    Some("tests" | "target" | "lecture")
                ) {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap().with_extension("");
            let name = relative.to_string_lossy().replace('/', "::");
            if name == "lib" || name == "main" {
                continue;
            }
            found.insert(name, fs::read_to_string(&path).unwrap());
        }
    }
    found
}

/// Which of `names` a module's source refers to as `crate::name`.
fn references(source: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let top: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if names.contains(&top) {
            out.insert(top);
        }
        // `use crate::{a, b::C}`
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let head = item.trim().split("::").next().unwrap_or("").trim().to_owned();
                if names.contains(&head) {
                    out.insert(head);
                }
            }
        }
    }
    out
}

/// A cycle among the top-level modules of the crate in `dir`, if any.
fn cycle(dir: &Path) -> Option<Vec<String>> {
    let modules = modules(dir);
    let tops: BTreeSet<String> =
        modules.keys().map(|m| m.split("::").next().unwrap().to_owned()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, source) in &modules {
        let top = name.split("::").next().unwrap().to_owned();
        let mut uses = references(source, &tops);
        uses.remove(&top);
        edges.entry(top).or_default().extend(uses);
    }
    // Depth-first search with colours.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == next).unwrap();
                    let mut found = path[start..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                0 => {
                    if let Some(found) = visit(next, edges, state, path) {
                        return Some(found);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node).copied().unwrap_or(0) == 0 {
            if let Some(found) = visit(node, &edges, &mut state, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    let root = Path::new(ROOT);
    let mut folders: Vec<(String, std::path::PathBuf)> = LAYERS
        .iter()
        .map(|(name, dir)| {
            let src = root.join(dir).join("src");
            (name.to_string(), if src.is_dir() { src } else { root.join(dir) })
        })
        .collect();
    folders.push(("the app".into(), root.join("src")));
    for (name, folder) in folders {
        assert_eq!(cycle(&folder), None, "an import cycle in {name}");
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let dir = std::env::temp_dir().join(format!("layers-cycle-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.rs"), "use crate::b::B;").unwrap();
    fs::write(dir.join("b.rs"), "use crate::{c, x};").unwrap();
    fs::write(dir.join("c.rs"), "fn f() { crate::a::g() }").unwrap();
    let found = cycle(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found, Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
