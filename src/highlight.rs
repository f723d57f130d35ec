//! Syntax highlighting for the code shown next to each scenario (Python, Rust, Go, C++).
//!
//! This is a hand-written tokenizer on purpose. Highlighting crates bring a regex
//! engine and grammar tables that would add hundreds of kilobytes to the wasm bundle.
//! Here one small byte scanner is shared by the four languages, and each language
//! adds only its keyword lists and its comment and string rules. It does not parse
//! anything: it only has to colour short lecture snippets well.
//!
//! Two rules keep it safe on any input, including half-typed code:
//! - every piece starts and ends either at the end of the input or next to an ASCII
//!   byte. Bytes of a multi-byte character are never ASCII, so a cut never falls
//!   inside a character. Non-ASCII characters are treated as identifier characters,
//!   so Cyrillic text is consumed whole;
//! - every step consumes at least one byte, and a failed guess (a prefix that is not
//!   a string after all) reads only a few bytes, so the time is linear in the input. An unterminated string or comment runs to the end of the input.

use CodeLang::{Cpp, Go, Python, Rust};

/// A language whose code the playground shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeLang {
    /// Python 3, the language of the lecture.
    Python,
    /// Rust.
    Rust,
    /// Go.
    Go,
    /// C++.
    Cpp,
}

/// What a piece of code is. The page shows it as a `<span>` with [`Token::class`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// Identifiers, operators, punctuation and whitespace.
    Plain,
    /// A reserved word such as `def`, `fn` or `func`.
    Keyword,
    /// A string, byte string, char or rune literal, with its prefix and quotes.
    String,
    /// A line or block comment, including doc comments.
    Comment,
    /// A number literal with its suffix, such as `1_000`, `0x1F`, `1e-3` or `10u32`.
    Number,
    /// An identifier directly followed by `(`.
    Function,
    /// A Rust macro name with its `!`, such as `println!`.
    Macro,
    /// A built-in type, an identifier starting with an uppercase letter, or a Rust lifetime.
    Type,
    /// A Python decorator, a Rust attribute or a C++ preprocessor line.
    Attribute,
}

impl Token {
    /// The CSS class for the piece's `<span>`: "" for [`Token::Plain`], otherwise
    /// "kw", "str", "com", "num", "fn", "mac", "ty" or "attr".
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "kw",
            Token::String => "str",
            Token::Comment => "com",
            Token::Number => "num",
            Token::Function => "fn",
            Token::Macro => "mac",
            Token::Type => "ty",
            Token::Attribute => "attr",
        }
    }
}

/// Splits `source` into highlighted pieces. Concatenating the pieces gives back
/// `source` exactly. No piece is empty, and neighbouring pieces always have different
/// kinds, so the page needs as few `<span>`s as possible.
pub fn highlight(lang: CodeLang, source: &str) -> Vec<(Token, &str)> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let (mut kind, mut start, mut i) = (Token::Plain, 0, 0);
    while i < b.len() {
        let (tok, end) = scan(lang, b, i);
        if tok != kind {
            if i > start {
                out.push((kind, &source[start..i]));
                start = i;
            }
            kind = tok;
        }
        i = end;
    }
    if start < b.len() {
        out.push((kind, &source[start..]));
    }
    out
}

/// The keywords and the built-in type names of `lang`, separated by single spaces.
/// One string per list costs less in wasm than a slice of string slices.
fn words(lang: CodeLang) -> (&'static str, &'static str) {
    match lang {
        Python => (
            "def async await class return if else elif for while in import from as with \
             try except raise yield lambda not and or is None True False pass break \
             continue global nonlocal del assert finally",
            "",
        ),
        Rust => (
            "as async await break const continue crate dyn else enum extern false fn for \
             if impl in let loop match mod move mut pub ref return self Self static \
             struct super trait true type unsafe use where while",
            "bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64",
        ),
        Go => (
            "break case chan const continue default defer else fallthrough for func go \
             goto if import interface map package range return select struct switch \
             type var nil true false",
            "int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 uintptr float32 \
             float64 complex64 complex128 string bool error byte rune any",
        ),
        Cpp => (
            "auto bool break case class const constexpr continue default delete do else \
             enum false for if int long namespace new nullptr private protected public \
             return short sizeof static struct switch template this true typedef \
             typename unsigned using virtual void while double float char",
            "size_t",
        ),
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn is_ident_start(c: u8) -> bool {
    is_ident(c) && !c.is_ascii_digit()
}

/// Reads one token starting at `i` and returns its kind and end (always past `i`).
fn scan(lang: CodeLang, b: &[u8], i: usize) -> (Token, usize) {
    let next = b.get(i + 1).copied().unwrap_or(0);
    let c_like = lang != Python;
    match b[i] {
        b'#' if lang == Python => (Token::Comment, line_end(b, i)),
        // `#` starts only preprocessor lines in C++ (`# include` with a space too).
        b'#' if lang == Cpp => (Token::Attribute, line_end(b, i)),
        b'#' if lang == Rust && (next == b'[' || b[i..].starts_with(b"#![")) => {
            (Token::Attribute, attribute_end(b, i))
        }
        b'/' if c_like && next == b'/' => (Token::Comment, line_end(b, i)),
        b'/' if c_like && next == b'*' => (Token::Comment, block_end(b, i, lang == Rust)),
        b'@' if lang == Python && is_ident_start(next) => {
            let len = b[i + 1..].iter().take_while(|&&c| is_ident(c) || c == b'.').count();
            (Token::Attribute, i + 1 + len)
        }
        b'\'' if lang == Rust => char_or_lifetime(b, i),
        b'"' | b'\'' if lang == Python => (Token::String, py_string(b, i)),
        b'"' | b'\'' => (Token::String, find(b, i + 1, &b[i..=i], true)),
        b'`' if lang == Go => (Token::String, find(b, i + 1, b"`", false)),
        b'0'..=b'9' => (Token::Number, number(lang, b, i)),
        c if is_ident_start(c) => word(lang, b, i),
        _ => (Token::Plain, i + 1),
    }
}

/// The index just past `close`, searching from `j`; the end of input if it never
/// comes. With `escapes`, a backslash hides the byte after it.
fn find(b: &[u8], mut j: usize, close: &[u8], escapes: bool) -> usize {
    while j < b.len() {
        if escapes && b[j] == b'\\' {
            j += 2;
        } else if b[j..].starts_with(close) {
            return j + close.len();
        } else {
            j += 1;
        }
    }
    b.len()
}

/// The line break is left out, so a comment's piece ends where its line does.
fn line_end(b: &[u8], i: usize) -> usize {
    b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n)
}

/// Rust block comments nest; C-family ones end at the first `*/`.
fn block_end(b: &[u8], i: usize, nested: bool) -> usize {
    let (mut depth, mut j) = (0, i);
    while j < b.len() {
        if b[j..].starts_with(b"/*") && (nested || depth == 0) {
            depth += 1;
            j += 2;
        } else if b[j..].starts_with(b"*/") {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

/// Up to the `]` that closes the attribute; a string inside may hold brackets.
fn attribute_end(b: &[u8], i: usize) -> usize {
    let (mut depth, mut j) = (0, i);
    while j < b.len() {
        match b[j] {
            b'[' => depth += 1,
            b']' if depth == 1 => return j + 1,
            b']' => depth -= 1,
            b'"' => j = find(b, j + 1, b"\"", true) - 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

/// `b[q]` is the opening quote; one that is tripled opens a string that may span lines.
fn py_string(b: &[u8], q: usize) -> usize {
    let triple = [b[q]; 3];
    if b[q..].starts_with(&triple) {
        find(b, q + 3, &triple, true)
    } else {
        find(b, q + 1, &triple[..1], true)
    }
}

/// `'a'`, `'\n'` and `'я'` are chars, while `'a` and `'static` are lifetimes (shown as
/// types so that `'static` is not taken for the keyword).
fn char_or_lifetime(b: &[u8], i: usize) -> (Token, usize) {
    let Some(&c) = b.get(i + 1) else { return (Token::Plain, i + 1) };
    if c == b'\\' {
        return (Token::String, find(b, i + 1, b"'", true));
    }
    let len = match c {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if b.get(i + 1 + len) == Some(&b'\'') {
        (Token::String, i + 2 + len)
    } else if is_ident_start(c) {
        (Token::Type, i + 1 + b[i + 1..].iter().take_while(|&&c| is_ident(c)).count())
    } else {
        (Token::Plain, i + 1)
    }
}

/// A number with its suffix. A dot joins it only before a digit (so `1..2` stays a
/// range and `1.max(2)` a call), and not after `x.`, so `t.0.1` is two tuple indices.
fn number(lang: CodeLang, b: &[u8], i: usize) -> usize {
    let hex = b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X'));
    let after_dot = i > 0 && b[i - 1] == b'.' && (i < 2 || b[i - 2] != b'.');
    let mut seen_dot = after_dot || hex;
    let digit_at = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'.' if !seen_dot && digit_at(j + 1) => seen_dot = true,
            b'+' | b'-' if !hex && matches!(b[j - 1], b'e' | b'E') && digit_at(j + 1) => {}
            // C++14 digit separators: 1'000'000.
            b'\'' if lang == Cpp && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) => {}
            c if is_ident(c) => {}
            _ => break,
        }
        j += 1;
    }
    j
}

/// An identifier, or a string whose prefix (`f"`, `r#"`, `u8"`) looked like one.
fn word(lang: CodeLang, b: &[u8], i: usize) -> (Token, usize) {
    let end = i + b[i..].iter().take_while(|&&c| is_ident(c)).count();
    let w = &b[i..end];
    if let Some(e) = prefixed_string(lang, b, w, end) {
        return (Token::String, e);
    }
    let next = b.get(end).copied();
    if lang == Rust && next == Some(b'!') && b.get(end + 1) != Some(&b'=') {
        return (Token::Macro, end + 1);
    }
    let (keywords, types) = words(lang);
    let listed = |list: &str| list.split(' ').any(|k| k.as_bytes() == w);
    // Keywords first, so that `if(` and `func()` stay keywords; types before
    // functions, so that `Some(x)` and `string(b)` read as types.
    let tok = if listed(keywords) {
        Token::Keyword
    } else if listed(types) || w[0].is_ascii_uppercase() {
        Token::Type
    } else if next == Some(b'(') {
        Token::Function
    } else {
        Token::Plain
    };
    (tok, end)
}

/// The end of the string if the word `w` (ending at `end`) is a string prefix.
fn prefixed_string(lang: CodeLang, b: &[u8], w: &[u8], end: usize) -> Option<usize> {
    let q = *b.get(end)?;
    let quote = q == b'"' || q == b'\'';
    match lang {
        Python if quote && w.len() <= 2 && w.iter().all(|c| b"rRbBfFuUtT".contains(c)) => {
            Some(py_string(b, end))
        }
        Rust if matches!(w, b"r" | b"br" | b"cr") && (q == b'"' || q == b'#') => {
            // The closing quote needs as many `#` as the opening one; Rust allows 255.
            let hashes = b[end..].iter().take(256).take_while(|&&c| c == b'#').count();
            if hashes > 255 || b.get(end + hashes) != Some(&b'"') {
                return None;
            }
            let mut close = vec![b'"'];
            close.resize(hashes + 1, b'#');
            Some(find(b, end + hashes + 1, &close, false))
        }
        Rust if matches!(w, b"b" | b"c") && q == b'"' => Some(find(b, end + 1, b"\"", true)),
        Rust if w == b"b" && q == b'\'' => match char_or_lifetime(b, end) {
            (Token::String, e) => Some(e),
            _ => None,
        },
        Cpp if matches!(w, b"R" | b"LR" | b"uR" | b"UR" | b"u8R") && q == b'"' => {
            // R"delim( ... )delim": the delimiter is at most 16 characters.
            let open = b[end + 1..].iter().take(17).position(|&c| c == b'(')?;
            let delim = &b[end + 1..end + 1 + open];
            if delim.iter().any(|c| matches!(c, b' ' | b'\\' | b')' | b'\t' | b'\n')) {
                return None;
            }
            let close = [b")", delim, b"\""].concat();
            Some(find(b, end + 2 + open, &close, false))
        }
        Cpp if quote && matches!(w, b"L" | b"u" | b"U" | b"u8") => {
            Some(find(b, end + 1, &[q], true))
        }
        _ => None,
    }
}
