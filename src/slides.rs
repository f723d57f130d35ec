//! What a slide around the page hears: `{type: "state", state}` when the run's
//! state changes, `{type: "event", entry}` for every log row, and the keys
//! the page does not use ([`DeckKey`]), so the deck still moves while the
//! embed has the keyboard focus. Commands come the other way
//! ([`on_slide_commands`]). The README documents both.

use runtime::{Lang, LogEntry};

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
        ("kind", entry.kind.as_str().into()),
        ("message", entry.text.en.as_str().into()),
        ("message_ru", entry.text.get(Lang::Ru).into()),
    ]);
    post_to_parent(&message_object(&[("type", "event".into()), ("entry", entry_object)]));
}

/// A key pressed inside the embed that belongs to the deck around it.
///
/// It is posted twice: as the playground's own `{type: "key", key}` (for any
/// deck that listens for it) and as reveal.js's postMessage API, a JSON string
/// such as `{"method":"right","args":[]}`, which every reveal.js deck (also
/// Jupyter's RISE, Quarto's and slides.com's decks) obeys out of the box,
/// since its `postMessage` option is on by default. Without the second, a
/// teacher who clicked Run inside an embed could not move the deck until
/// clicking outside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeckKey {
    /// The reveal.js method the key calls there (`Reveal.right()`, ...).
    pub method: &'static str,
    /// Its argument, for `slide` (Home: the first slide, End: the last).
    pub slide: Option<f64>,
}

impl DeckKey {
    /// The deck key that `key` (a `KeyboardEvent.key`) means, as reveal.js's
    /// default keyboard reads it: arrows move, Space, PageDown and N go to the
    /// next fragment or slide, Shift+Space, PageUp and P back, Home and End to
    /// the first and last slide. H, J, K, L (reveal's vim keys) too. Keys the
    /// playground uses (R, S, Escape, Enter) or that a deck would not
    /// understand are `None`.
    pub fn from_key(key: &str, shift: bool) -> Option<DeckKey> {
        let method = match key {
            "ArrowRight" | "l" | "L" => "right",
            "ArrowLeft" | "h" | "H" => "left",
            "ArrowUp" | "k" | "K" => "up",
            "ArrowDown" | "j" | "J" => "down",
            " " if shift => "prev",
            " " | "PageDown" | "n" | "N" => "next",
            "PageUp" | "p" | "P" => "prev",
            "Home" => return Some(DeckKey { method: "slide", slide: Some(0.0) }),
            // reveal.js's own End: `slide(Number.MAX_VALUE)`.
            "End" => return Some(DeckKey { method: "slide", slide: Some(f64::MAX) }),
            _ => return None,
        };
        Some(DeckKey { method, slide: None })
    }

    /// The reveal.js postMessage call, as the JSON string reveal.js expects.
    pub fn reveal_message(&self) -> String {
        match self.slide {
            // `{:e}` writes 0 as `0e0` and f64::MAX as `1.7976931348623157e308`: JSON numbers.
            Some(index) => format!("{{\"method\":\"slide\",\"args\":[{index:e}]}}"),
            None => format!("{{\"method\":\"{}\",\"args\":[]}}", self.method),
        }
    }
}

/// Whether a key pressed on `tag` (an element's upper-case tag name, with its
/// `type` for inputs) is the page's own: typing and moving in a field, and
/// Space or Enter pressing a button, a link or a checkbox. Arrows on a button
/// are not: the deck gets them, which is what a teacher who just clicked Run
/// expects.
pub fn key_is_the_pages(tag: &str, input_type: &str, key: &str) -> bool {
    match tag {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => match input_type {
            "checkbox" | "radio" | "button" | "submit" | "reset" => matches!(key, " " | "Enter"),
            _ => true,
        },
        "BUTTON" | "A" | "SUMMARY" => matches!(key, " " | "Enter"),
        _ => false,
    }
}

/// A command a slide sends the playground with `postMessage`.
#[derive(Debug, PartialEq)]
pub enum SlideCommand {
    /// `{type: "run"}`.
    Run,
    /// `{type: "stop"}`.
    Stop,
    /// `{type: "reset"}`.
    Reset,
    /// `{type: "set", params: {delays: [2, 1], speed: 10}}`.
    Set(Vec<(String, String)>),
}

/// Reads a message from a slide; anything else (other tools' messages,
/// malformed objects) is `None` and ignored.
pub fn read_command(data: &wasm_bindgen::JsValue) -> Option<SlideCommand> {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::JsCast;

    let kind = Reflect::get(data, &"type".into()).ok()?.as_string()?;
    match kind.as_str() {
        "run" => Some(SlideCommand::Run),
        "stop" => Some(SlideCommand::Stop),
        "reset" => Some(SlideCommand::Reset),
        "set" => {
            let params = Reflect::get(data, &"params".into()).ok()?.dyn_into::<Object>().ok()?;
            let mut pairs = Vec::new();
            for entry in Object::entries(&params).iter().take(16) {
                let entry: Array = entry.dyn_into().ok()?;
                let key = entry.get(0).as_string()?;
                let value = entry.get(1);
                // Values as a link writes them: lists joined by commas.
                let text = if let Some(list) = value.dyn_ref::<Array>() {
                    list.iter().take(64).map(|v| js_value_text(&v)).collect::<Vec<_>>().join(",")
                } else {
                    js_value_text(&value)
                };
                pairs.push((key, text));
            }
            Some(SlideCommand::Set(pairs))
        }
        _ => None,
    }
}

fn js_value_text(value: &wasm_bindgen::JsValue) -> String {
    if let Some(number) = value.as_f64() {
        catalog::python_number(number)
    } else {
        value.as_string().unwrap_or_default()
    }
}

/// Listens for slide commands and, inside a frame and unless `deck_keys` is
/// off (`deckkeys=0`), hands the keys the playground does not use to the deck
/// around it (see [`DeckKey`]), which cannot see them
/// otherwise. Stops listening when the returned guard is called.
pub fn on_slide_commands(deck_keys: bool, act: impl Fn(SlideCommand) + 'static) -> impl FnOnce() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(command) = read_command(&event.data()) {
                act(command);
            }
        });
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            // A handler of the page used it (predict mode's arrows), or the
            // browser's own shortcut (Ctrl, Alt, Cmd): not the deck's.
            if !deck_keys
                || event.default_prevented()
                || event.alt_key()
                || event.ctrl_key()
                || event.meta_key()
                || !crate::page::in_frame()
            {
                return;
            }
            let key = event.key();
            let Some(deck_key) = DeckKey::from_key(&key, event.shift_key()) else {
                return;
            };
            let pages = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    let input_type =
                        el.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
                    key_is_the_pages(&el.tag_name(), &input_type, &key)
                        || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            if pages {
                return;
            }
            // The deck moves; the embed itself must not also scroll.
            event.prevent_default();
            crate::page::post_to_parent(&crate::page::message_object(&[
                ("type", "key".into()),
                ("key", key.into()),
            ]));
            crate::page::post_to_parent(&deck_key.reveal_message().into());
        });
    let window = web_sys::window();
    if let Some(window) = &window {
        let _ =
            window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    }
    move || {
        if let Some(window) = window {
            let _ = window.remove_event_listener_with_callback(
                "message",
                on_message.as_ref().unchecked_ref(),
            );
            let _ = window
                .remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        }
        drop((on_message, on_key));
    }
}
