//! The Python editor: the lecture's cell (or `s=python`'s program) as a
//! `<textarea>` laid over its own highlighting, with line numbers.
//!
//! A textarea, not a `contenteditable`: the browser keeps typing, selection,
//! IME input, spell-check off, and undo, and screen readers know it. What
//! the keys do beyond typing (Enter keeps the indentation, one level more
//! after `:`; Tab and Shift-Tab indent and dedent; Ctrl/Cmd-Enter runs; Esc
//! leaves the editor, so Tab is not a trap) is `editing.rs`, applied as
//! typed text (`insertText`), so Ctrl/Cmd-Z takes it back as well.
//!
//! The textarea is as tall and as wide as its text and the pane scrolls, so
//! the highlighting under it never has to follow a scroll position.

use catalog::params::MAX_CODE_CHARS;
use catalog::Lang;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::code_view::code;
use crate::editing::{self, byte_of_utf16, utf16_of_byte, Edit};
use crate::highlight::CodeLang;
use crate::i18n;
use crate::state::Action;

/// Past this many characters the text is shown without highlighting: each
/// keystroke would otherwise rebuild thousands of spans.
const HIGHLIGHT_UP_TO: usize = 20_000;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The program's text.
    pub text: AttrValue,
    /// Whether Run runs this Python (else the scenario's Rust).
    pub runs_python: bool,
    /// `s=python` (its reset brings back the starter, not a cell).
    pub own: bool,
    /// Whether the text differs from the lecture's cell or the starter.
    pub edited: bool,
    /// The line an error points at (1-based).
    pub error_line: Option<u32>,
    /// Why the last text was refused, in the page's language.
    pub refusal: Option<String>,
    /// The page's language.
    pub lang: Lang,
    /// Edits, resets.
    pub on_action: Callback<Action>,
    /// Ctrl/Cmd-Enter.
    pub on_run: Callback<()>,
    /// "Copy a link to this program".
    pub on_share: Callback<()>,
}

/// Applies `edit` to the textarea as typed text (undo takes it back), and
/// returns the new value.
fn apply(area: &HtmlTextAreaElement, text: &str, edit: &Edit) -> String {
    let from = utf16_of_byte(text, edit.from);
    let to = utf16_of_byte(text, edit.to);
    let _ = area.set_selection_range(from, to);
    if !crate::browser_io::insert_text(&edit.insert) {
        let mut next = String::with_capacity(text.len() + edit.insert.len());
        next.push_str(&text[..edit.from]);
        next.push_str(&edit.insert);
        next.push_str(&text[edit.to..]);
        area.set_value(&next);
    }
    let value = area.value();
    let (a, b) = edit.select;
    let _ = area.set_selection_range(utf16_of_byte(&value, a), utf16_of_byte(&value, b));
    value
}

/// The editor.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    let area = use_node_ref();
    let oninput = {
        let (on_action, text) = (props.on_action.clone(), props.text.clone());
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let value = area.value();
            if value.len() > MAX_CODE_CHARS * 4 || value.chars().count() > MAX_CODE_CHARS {
                // Refused: the editor keeps the program it had, and says why.
                area.set_value(&text);
            }
            on_action.emit(Action::EditCode(value));
        })
    };
    let onkeydown = {
        let (on_action, on_run) = (props.on_action.clone(), props.on_run.clone());
        Callback::from(move |event: KeyboardEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let key = event.key();
            if key == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                on_run.emit(());
                return;
            }
            if key == "Escape" {
                let _ = area.blur();
                return;
            }
            if event.alt_key() || event.ctrl_key() || event.meta_key() || event.is_composing() {
                return;
            }
            let text = area.value();
            let start = byte_of_utf16(&text, area.selection_start().ok().flatten().unwrap_or(0));
            let end = byte_of_utf16(&text, area.selection_end().ok().flatten().unwrap_or(0));
            let (start, end) = (start.min(end), start.max(end));
            let edit = match key.as_str() {
                "Enter" if !event.shift_key() => editing::newline(&text, start, end),
                "Tab" if event.shift_key() => editing::dedent(&text, start, end),
                "Tab" => editing::indent(&text, start, end),
                _ => return,
            };
            event.prevent_default();
            let value = apply(&area, &text, &edit);
            on_action.emit(Action::EditCode(value));
        })
    };
    let text = props.text.as_str();
    let lines = text.split('\n').count();
    let highlighted = if text.len() <= HIGHLIGHT_UP_TO {
        code(CodeLang::Python, text)
    } else {
        html! { { text } }
    };
    // As tall and as wide as the text (in the monospace font's own units).
    let size = format!(
        "height: calc({lines} * var(--code-line) + 2 * var(--code-pad)); width: max(100%, calc({}ch + 2 * var(--code-pad)))",
        editing::widest_line(text) + 2
    );
    let (runs, runs_words) = match (props.runs_python, props.edited && !props.own) {
        (false, _) => ("rust", i18n::RUNS_RUST),
        (true, true) => ("python", i18n::RUNS_EDITED),
        (true, false) => ("python", i18n::RUNS_PYTHON),
    };
    let reset_words = if props.own { i18n::RESET_STARTER } else { i18n::RESET_CELL };
    let band = props.error_line.map(|line| {
        format!("top: calc({} * var(--code-line) + var(--code-pad))", line.saturating_sub(1))
    });
    html! {
        <section class="editor-pane" aria-labelledby="editor-title">
            <header class="editor-head">
                <h2 id="editor-title">{ i18n::EDITOR.get(lang) }</h2>
                <button type="button" class="small share-code"
                    onclick={props.on_share.reform(|_: MouseEvent| ())}>{ i18n::SHARE_CODE.get(lang) }</button>
                if props.edited {
                    <button type="button" class="small reset-cell"
                        onclick={props.on_action.reform(|_: MouseEvent| Action::ResetCode)}>{ reset_words.get(lang) }</button>
                }
            </header>
            <p class={classes!("runs-what", runs)} data-runs={runs}>{ runs_words.get(lang) }</p>
            if let Some(refusal) = &props.refusal {
                <p class="code-refusal" role="alert">{ refusal.clone() }</p>
            }
            <div class="editor" data-error-line={props.error_line.map(|n| n.to_string())}>
                <pre class="editor-gutter" aria-hidden="true">{ editing::line_numbers(text) }</pre>
                <div class="editor-body" style={size}>
                    if let Some(band) = band {
                        <div class="editor-error" style={band} aria-hidden="true"></div>
                    }
                    <pre class="editor-highlight" aria-hidden="true"><code class="language-python">{ highlighted }</code></pre>
                    <textarea ref={area} class="editor-input" value={props.text.clone()}
                        spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                        aria-label={i18n::EDITOR_LABEL.get(lang)}
                        aria-keyshortcuts="Control+Enter Meta+Enter"
                        {oninput} {onkeydown} />
                </div>
            </div>
            if let Some(line) = props.error_line {
                <p class="editor-error-note">{ i18n::ERROR_AT.get(lang) }{ format!(" {line}") }</p>
            }
        </section>
    }
}
