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

/// Rows past this many are not posted: a `stress` run of a million rows
/// would flood the slide with messages it cannot use.
pub const MOST_EVENTS_POSTED: u32 = 1000;

/// Tells the slide about a log row, as the DOM shows it (the first
/// [`MOST_EVENTS_POSTED`] rows of a run).
pub fn post_event(entry: &LogEntry) {
    if entry.seq >= MOST_EVENTS_POSTED || !crate::page::in_frame() {
        return;
    }
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
