//! The scenarios' descriptions the page fetches (`static/texts/<id>.json`)
//! are the scenarios' own words: `make texts` writes them, and this fails
//! when one is missing or stale, or when a file has no scenario.

use catalog::{texts, SCENARIOS};

#[test]
fn every_scenario_has_its_description_file_as_written() {
    let root = env!("CARGO_MANIFEST_DIR");
    for spec in SCENARIOS {
        let path = format!("{root}/{}", texts::path(spec.id));
        let file = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(file, texts::json(spec), "{path} is stale: run `make texts`");
        assert!(!spec.about.en.is_empty() && !spec.about.ru.is_empty(), "{}", spec.id);
    }
    let own = std::fs::read_to_string(format!("{root}/static/texts/python.json"));
    assert_eq!(own.unwrap_or_default(), texts::own_program_json(), "run `make texts`");
    let files = std::fs::read_dir(format!("{root}/static/texts")).expect("static/texts");
    for file in files.flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        let id = name.trim_end_matches(".json");
        let known = id == "python" || SCENARIOS.iter().any(|s| s.id == id);
        assert!(known, "static/texts/{name} has no scenario");
    }
}
