//! What a slide around the page hears: `{type: "state", state}` when the run's
//! state changes, and `{type: "event", entry}` for every log row. Commands
//! come the other way (`page::on_slide_commands`). The README documents both.

use scenarios::LogEntry;

use crate::page::{message_object, post_to_parent};
use crate::state::Status;

/// Tells the slide the run's state (`idle`, `running`, `done`, `stopped`).
pub fn post_state(status: Status) {
    post_to_parent(&message_object(&[("type", "state".into()), ("state", status.as_str().into())]));
}

/// Tells the slide about a log row, as the DOM shows it.
pub fn post_event(entry: &LogEntry) {
    let entry_object = message_object(&[
        ("seq", entry.seq.into()),
        ("t", entry.real_ms.into()),
        ("notebook", entry.at.into()),
        ("task", entry.task.as_str().into()),
        ("kind", entry.kind.into()),
        ("message", entry.text.en.as_str().into()),
        ("message_ru", entry.text.ru.as_str().into()),
    ]);
    post_to_parent(&message_object(&[("type", "event".into()), ("entry", entry_object)]));
}
