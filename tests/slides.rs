//! Which keys an embed hands to the deck around it, and what reveal.js is
//! told, natively.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::slides::{key_is_the_pages, DeckKey};
use catalog::params::parse_settings;

fn reveal(key: &str, shift: bool) -> Option<String> {
    DeckKey::from_key(key, shift).map(|k| k.reveal_message())
}

#[test]
fn deck_keys_become_reveal_js_calls() {
    assert_eq!(reveal("ArrowRight", false).as_deref(), Some(r#"{"method":"right","args":[]}"#));
    assert_eq!(reveal("ArrowLeft", false).as_deref(), Some(r#"{"method":"left","args":[]}"#));
    assert_eq!(reveal("ArrowUp", false).as_deref(), Some(r#"{"method":"up","args":[]}"#));
    assert_eq!(reveal("ArrowDown", false).as_deref(), Some(r#"{"method":"down","args":[]}"#));
    assert_eq!(reveal(" ", false).as_deref(), Some(r#"{"method":"next","args":[]}"#));
    assert_eq!(reveal(" ", true).as_deref(), Some(r#"{"method":"prev","args":[]}"#));
    assert_eq!(reveal("PageDown", false).as_deref(), Some(r#"{"method":"next","args":[]}"#));
    assert_eq!(reveal("PageUp", false).as_deref(), Some(r#"{"method":"prev","args":[]}"#));
    assert_eq!(reveal("Home", false).as_deref(), Some(r#"{"method":"slide","args":[0e0]}"#));
    assert_eq!(
        reveal("End", false).as_deref(),
        Some(r#"{"method":"slide","args":[1.7976931348623157e308]}"#)
    );
    // The page's own shortcuts and keys a deck would not understand stay here.
    for key in ["r", "R", "s", "S", "Escape", "Enter", "Tab", "a", "1"] {
        assert_eq!(DeckKey::from_key(key, false), None, "{key}");
    }
}

#[test]
fn every_reveal_message_is_json_that_names_a_method() {
    for key in [
        "ArrowRight",
        "ArrowLeft",
        "ArrowUp",
        "ArrowDown",
        " ",
        "PageUp",
        "PageDown",
        "Home",
        "End",
        "n",
        "p",
        "h",
        "j",
        "k",
        "l",
    ] {
        let message = reveal(key, false).unwrap();
        // reveal.js reads a string that starts with `{` and ends with `}`.
        assert!(message.starts_with("{\"method\":\"") && message.ends_with("]}"), "{message}");
    }
}

#[test]
fn a_focused_button_keeps_space_and_enter_and_gives_away_arrows() {
    assert!(key_is_the_pages("BUTTON", "", " "));
    assert!(key_is_the_pages("BUTTON", "", "Enter"));
    assert!(!key_is_the_pages("BUTTON", "", "ArrowRight"));
    assert!(!key_is_the_pages("BUTTON", "", "PageDown"));
    assert!(key_is_the_pages("INPUT", "checkbox", " "));
    assert!(!key_is_the_pages("INPUT", "checkbox", "ArrowLeft"));
    // Typing and moving the caret in a field.
    for key in ["ArrowLeft", "ArrowRight", " ", "Home", "End", "h"] {
        assert!(key_is_the_pages("INPUT", "text", key), "{key}");
        assert!(key_is_the_pages("INPUT", "", key), "{key}");
        assert!(key_is_the_pages("TEXTAREA", "", key), "{key}");
        assert!(key_is_the_pages("SELECT", "", key), "{key}");
    }
    assert!(!key_is_the_pages("DIV", "", " "));
    assert!(!key_is_the_pages("BODY", "", "ArrowRight"));
}

#[test]
fn deckkeys_0_opts_out_and_anything_else_is_refused_in_words() {
    assert!(parse_settings("?s=gather").0.deck_keys);
    assert!(parse_settings("?s=gather&deckkeys=1").0.deck_keys);
    assert!(!parse_settings("?s=gather&deckkeys=0").0.deck_keys);
    let (settings, refusals) = parse_settings("?s=gather&deckkeys=<b>no</b>");
    assert!(settings.deck_keys);
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].param, "deckkeys");
    // The link the page writes back keeps the choice.
    let (settings, _) = parse_settings("?s=gather&deckkeys=0&embed=1");
    assert!(settings.to_query("?s=gather&deckkeys=0&embed=1").contains("deckkeys=0"));
}
