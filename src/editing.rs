//! What the editor's keys do to the text, as pure functions (tested
//! natively): a new line keeps the indentation, one more level after a `:`;
//! Tab indents, Shift-Tab dedents, by four spaces, as Python's style guide
//! and the lecture's cells do.
//!
//! Positions are byte offsets into the text; the editor converts the
//! browser's UTF-16 selection with [`byte_of_utf16`] and [`utf16_of_byte`].

/// One indentation level.
pub const INDENT: &str = "    ";

/// A change: replace `from..to` by `insert`, then select `select` (byte
/// offsets into the text after the change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Start of the replaced range.
    pub from: usize,
    /// End of the replaced range.
    pub to: usize,
    /// What goes there.
    pub insert: String,
    /// The selection afterwards.
    pub select: (usize, usize),
}

/// Where the line holding byte `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding byte `at` ends (before its newline).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// Enter at the selection `start..end`: a new line with the current line's
/// indentation, one level more if what precedes the caret ends with `:`
/// (a comment after the colon aside).
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let begin = line_start(text, start);
    let line = &text[begin..start];
    let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let code = line.split('#').next().unwrap_or("").trim_end();
    let extra = if code.ends_with(':') { INDENT } else { "" };
    let insert = format!("\n{indent}{extra}");
    let caret = start + insert.len();
    Edit { from: start, to: end, insert, select: (caret, caret) }
}

/// Tab at `start..end`: four spaces at the caret, or, when the selection
/// spans lines, one level more at the start of each line it touches.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    if !text[start..end].contains('\n') {
        let caret = start + INDENT.len();
        return Edit { from: start, to: end, insert: INDENT.into(), select: (caret, caret) };
    }
    let (from, to) = (line_start(text, start), line_end(text, end.max(start)));
    let block = &text[from..to];
    let insert: Vec<String> = block
        .split('\n')
        .map(|line| if line.trim().is_empty() { line.into() } else { format!("{INDENT}{line}") })
        .collect();
    let insert = insert.join("\n");
    let select = (from, from + insert.len());
    Edit { from, to, insert, select }
}

/// Shift-Tab at `start..end`: up to four spaces less at the start of each
/// line the selection touches.
pub fn dedent(text: &str, start: usize, end: usize) -> Edit {
    let (from, to) = (line_start(text, start), line_end(text, end.max(start)));
    let block = &text[from..to];
    let mut removed_first = 0;
    let lines: Vec<&str> = block
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let cut = spaces.min(INDENT.len());
            if i == 0 {
                removed_first = cut;
            }
            &line[cut..]
        })
        .collect();
    let insert = lines.join("\n");
    let select = if text[start..end].contains('\n') {
        (from, from + insert.len())
    } else {
        let caret = start.saturating_sub(removed_first).max(from);
        (caret, caret)
    };
    Edit { from, to, insert, select }
}

/// The byte offset of UTF-16 offset `units` in `text` (clamped to its end).
pub fn byte_of_utf16(text: &str, units: u32) -> usize {
    let mut count = 0;
    for (i, c) in text.char_indices() {
        if count >= units {
            return i;
        }
        count += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of byte offset `byte` in `text`.
pub fn utf16_of_byte(text: &str, byte: usize) -> u32 {
    text[..byte.min(text.len())].chars().map(|c| c.len_utf16() as u32).sum()
}

/// The 1-based lines of `text`, for the gutter: "1\n2\n3".
pub fn line_numbers(text: &str) -> String {
    let lines = text.split('\n').count();
    let mut out = String::with_capacity(lines * 4);
    for n in 1..=lines {
        if n > 1 {
            out.push('\n');
        }
        out.push_str(&n.to_string());
    }
    out
}

/// The longest line of `text`, in characters (the editor's width).
pub fn widest_line(text: &str) -> usize {
    text.split('\n').map(|line| line.chars().count()).max().unwrap_or(0)
}
