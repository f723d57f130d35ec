//! Each scenario's description as the page fetches it: `static/texts/<id>.json`,
//! `{"about": {"en": …, "ru": …}, "differs": {"en": …, "ru": …} | null,
//! "printed": {"lines": [[line, task | null, kind | null], …], "note": … | null} | null}`
//! (the lecture's output and the event each line is, see [`crate::printed`]),
//! "cell": the lecture cell's file as it is, to be filled with the values}`.
//!
//! The words live in the scenario's file (`scenarios::described!`); the
//! page's wasm leaves them out, so the first load carries only the shown
//! scenario's. `make texts` writes the files from the native build, and
//! `tests/texts.rs` fails when one differs from what this module makes.

use crate::ScenarioSpec;
use text::Words;

/// A JSON string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn words(words: &Words) -> String {
    format!("{{\"en\": {}, \"ru\": {}}}", string(words.en), string(words.ru))
}

/// The lecture's output for the scenario, if it is the lecture's: each
/// printed line with the event it is (task and kind, or nulls), and the note
/// on where the page differs.
fn printed(id: &str) -> String {
    let Some(printed) = crate::printed::find(id) else { return "null".into() };
    let lines: Vec<String> = printed
        .lines()
        .into_iter()
        .map(|(line, event)| match event {
            Some((task, kind)) => {
                format!("[{}, {}, {}]", string(line), string(&task), string(kind))
            }
            None => format!("[{}, null, null]", string(line)),
        })
        .collect();
    let note = printed.note.as_ref().map_or("null".to_owned(), words);
    format!("{{\"lines\": [{}], \"note\": {note}}}", lines.join(", "))
}

/// The file's text for `spec`.
pub fn json(spec: &ScenarioSpec) -> String {
    let differs = spec.differs.as_ref().map_or("null".to_owned(), words);
    format!(
        "{{\"about\": {}, \"differs\": {}, \"printed\": {}, \"cell\": {}}}\n",
        words(&spec.about),
        differs,
        printed(spec.id),
        string(spec.cell.text)
    )
}

/// What `s=python`, the page for your own program, says it is for (its file
/// is `static/texts/python.json`).
pub const OWN_PROGRAM: Words = scenarios::described!(Words {
    en: "Write asyncio code and watch it run on your browser's event loop: each printed line is a row of the log, each task a lane of the timeline with what it waited on. The interpreter is this playground's own, and prints what CPython 3.11 prints, in the same order. A program reaches nothing outside the page: aiohttp gets only https://example.com/1 to /8 (the page's own files), asyncpg only the page's users table.",
    ru: "Пишите код с asyncio и смотрите, как он выполняется в цикле событий браузера: каждая напечатанная строка — строка журнала, каждая задача — дорожка временной шкалы с тем, чего она ждала. Интерпретатор — собственный, печатает то же, что CPython 3.11, в том же порядке. Программа не выходит за пределы страницы: aiohttp получает только https://example.com/1–8 (файлы самой страницы), asyncpg — только таблицу users страницы.",
});

/// The file's text for `s=python`.
pub fn own_program_json() -> String {
    format!(
        "{{\"about\": {}, \"differs\": null, \"printed\": null, \"cell\": null}}\n",
        words(&OWN_PROGRAM)
    )
}

/// Where the file of scenario `id` is, from the repository's root.
pub fn path(id: &str) -> String {
    format!("static/texts/{id}.json")
}
