//! The error `parse_module` returns: CPython's `SyntaxError` fields, so the
//! interpreter can print exactly what `python3` prints for a bad file.

use std::fmt;

/// Which of CPython's three syntax-error classes this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError` (a subclass of `SyntaxError`).
    IndentationError,
    /// `TabError` (a subclass of `IndentationError`).
    TabError,
    /// `RecursionError`: the source nests deeper than the compiler allows
    /// (CPython: "maximum recursion depth exceeded during compilation",
    /// printed without a `File` line or caret).
    RecursionError,
}

impl ErrorKind {
    /// The Python class name, as printed in the traceback's last line.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// A syntax error with CPython's fields.
///
/// The columns use CPython's convention for `SyntaxError.offset` and
/// `end_offset`: 1-based, counted in characters. `end_col` is where the caret
/// run stops (exclusive), and may be 0 when CPython leaves it unset (as for
/// "'(' was never closed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, e.g. `"expected ':'"`.
    pub msg: String,
    /// CPython's `lineno`, 1-based.
    pub line: usize,
    /// CPython's `offset`: 1-based column of the first caret, in characters.
    pub col: usize,
    /// CPython's `end_lineno`.
    pub end_line: usize,
    /// CPython's `end_offset`: 1-based column just after the last caret.
    pub end_col: usize,
    /// The source line the error is on, without its line ending (CPython's
    /// `text` has a trailing newline when the line had one; the traceback
    /// strips it anyway).
    pub text: String,
}

impl SyntaxError {
    /// What `python3 FILE` prints on stderr for this error (CPython 3.11's
    /// `print_exception`): the `File` line, the source line without its
    /// indentation, a caret line, and `Kind: message`. A `RecursionError`
    /// is a single line.
    ///
    /// CPython reads a file as bytes, and then its offsets count UTF-8
    /// bytes, so the carets of a line with non-ASCII text before the error
    /// sit further right than the characters; this reproduces that.
    pub fn render(&self, filename: &str) -> String {
        if self.kind == ErrorKind::RecursionError {
            return format!("RecursionError: {}\n", self.msg);
        }
        let mut out = format!("  File \"{filename}\", line {}\n", self.line);
        let text = self.text.as_str();
        // Character offsets (1-based) to byte offsets, as CPython has them.
        let to_bytes = |col: usize| -> isize {
            if col == 0 {
                return 0;
            }
            let chars = col - 1;
            let n = text.chars().count();
            let prefix: usize = text.chars().take(chars).map(char::len_utf8).sum();
            (prefix + chars.saturating_sub(n) + 1) as isize
        };
        let offset = to_bytes(self.col);
        // Subclasses of SyntaxError have no end in CPython's printer.
        let mut end_offset: isize = if self.kind == ErrorKind::SyntaxError && self.end_col > 0 {
            to_bytes(self.end_col)
        } else {
            -1
        };
        // The line as CPython has it ends with a newline.
        let line_size = text.len() as isize + 1;
        if self.end_line > self.line {
            end_offset = line_size;
        }
        if end_offset > line_size + 1 {
            end_offset = line_size + 1;
        }
        let carets =
            if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
        // Strip the indentation (spaces, tabs, form feeds), moving the caret.
        let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
        let mut offset = offset - 1 - (text.len() - stripped.len()) as isize;
        let len = stripped.len() as isize;
        if offset > len {
            offset = len;
        }
        out.push_str("    ");
        out.push_str(stripped);
        out.push('\n');
        if offset >= 0 {
            out.push_str("    ");
            out.push_str(&" ".repeat(offset as usize));
            out.push_str(&"^".repeat(carets));
            out.push('\n');
        }
        out.push_str(self.kind.name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (line {})", self.kind.name(), self.msg, self.line)
    }
}

impl std::error::Error for SyntaxError {}
