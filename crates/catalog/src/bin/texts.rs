//! Writes `static/texts/<id>.json` for every scenario (`make texts`): the
//! descriptions the page fetches (see `catalog::texts`).

use catalog::{texts, SCENARIOS};

fn main() {
    std::fs::create_dir_all("static/texts").expect("static/ is writable");
    let own = texts::path(catalog::params::PYTHON_PAGE);
    std::fs::write(own, texts::own_program_json()).expect("static/texts is writable");
    for spec in SCENARIOS {
        std::fs::write(texts::path(spec.id), texts::json(spec)).expect("static/texts is writable");
    }
}
