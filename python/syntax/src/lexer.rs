//! Source text to tokens, one token at a time, as CPython's tokenizer.
//!
//! The parser pulls tokens on demand ([`Lexer::next_token`]), so an error
//! late in the file is only seen once the parser gets there, and a parser
//! error earlier in the file wins, as in CPython.
//!
//! Indentation becomes tokens the way Ruff's `lexer/indentation.rs` and
//! CPython's `tok_get` do it: at the start of each logical line (outside
//! brackets, skipping blank and comment-only lines) the width of the leading
//! whitespace is compared with a stack of open widths; wider pushes and
//! emits INDENT, narrower pops and emits one DEDENT per level, and a width
//! between two levels is "unindent does not match any outer indentation
//! level". Tabs advance to the next multiple of 8, and the same line measured
//! with tabs as 1 must order the same way, or it is a `TabError`.
//!
//! Inside `()`, `[]` and `{}` newlines and indentation are ignored (implicit
//! line joining); a backslash before a newline joins lines explicitly.
//!
//! Columns are counted in characters. The source is held as a `Vec<char>`
//! (with `\r\n` and `\r` turned into `\n` and a final `\n` added, as CPython
//! does) so that a column is an index difference.
//!
//! Number and string scanning follow CPython's `tokenizer.c` step by step,
//! because its error messages and positions depend on exactly which
//! character it was looking at when it gave up.

use crate::ast::IntLit;
use crate::{ErrorKind, SyntaxError};

/// CPython's `MAXLEVEL`: brackets nested deeper are "too many nested
/// parentheses".
pub const MAX_BRACKETS: usize = 200;
/// CPython's `MAXINDENT`: blocks nested deeper are "too many levels of
/// indentation".
pub const MAX_INDENT: usize = 100;

/// A position in the source: 1-based line, 0-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 0-based column, in characters.
    pub col: usize,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier (including the soft keywords `match`, `case`, `_`).
    Name(String),
    /// An integer literal.
    Int(IntLit),
    /// A float literal.
    Float(f64),
    /// An imaginary literal (`2j`).
    Imag(f64),
    /// One string literal (adjacent ones are joined by the parser).
    Str(Box<StrLit>),
    /// End of a logical line.
    Newline,
    /// The next line is indented deeper.
    Indent,
    /// One level of indentation ends.
    Dedent,
    /// End of input.
    EndMarker,
    /// An operator or delimiter.
    Op(Op),
    /// A hard keyword.
    Kw(Kw),
}

/// A string literal token: its prefix kind and contents.
#[derive(Debug, Clone, PartialEq)]
pub enum StrLit {
    /// A `str` literal, escapes processed.
    Str(String),
    /// A `bytes` literal, escapes processed.
    Bytes(Vec<u8>),
    /// A literal whose escapes or characters are invalid: the parser reports
    /// `msg` when it builds the string, at this token when `at_token`, else
    /// at the token after the run of adjacent strings (as CPython).
    Invalid {
        /// The message.
        msg: String,
        /// Where to report it.
        at_token: bool,
    },
    /// An f-string, still raw: the parser splits it into literal parts and
    /// expressions.
    FStr {
        /// True for `rf"..."`: backslashes are literal.
        raw: bool,
        /// The characters between the quotes.
        body: Vec<char>,
        /// Where the first character of `body` is.
        body_start: Pos,
    },
}

macro_rules! ops {
    ($( $name:ident = $text:literal ),* $(,)?) => {
        /// Operators and delimiters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op { $( #[doc = $text] $name, )* }
        impl Op {
            /// The operator as written.
            pub fn text(self) -> &'static str {
                match self { $( Op::$name => $text, )* }
            }
        }
    };
}

ops! {
    LPar = "(", RPar = ")", LSqb = "[", RSqb = "]", LBrace = "{", RBrace = "}",
    Colon = ":", Comma = ",", Semi = ";", Plus = "+", Minus = "-", Star = "*",
    Slash = "/", VBar = "|", Amper = "&", Less = "<", Greater = ">", Equal = "=",
    Dot = ".", Percent = "%", EqEqual = "==", NotEqual = "!=", LessEqual = "<=",
    GreaterEqual = ">=", Tilde = "~", Circumflex = "^", LeftShift = "<<",
    RightShift = ">>", DoubleStar = "**", PlusEqual = "+=", MinEqual = "-=",
    StarEqual = "*=", SlashEqual = "/=", PercentEqual = "%=", AmperEqual = "&=",
    VBarEqual = "|=", CircumflexEqual = "^=", LeftShiftEqual = "<<=",
    RightShiftEqual = ">>=", DoubleStarEqual = "**=", DoubleSlash = "//",
    DoubleSlashEqual = "//=", At = "@", AtEqual = "@=", RArrow = "->",
    Ellipsis = "...", ColonEqual = ":=", Exclamation = "!",
}

macro_rules! keywords {
    ($( $name:ident = $text:literal ),* $(,)?) => {
        /// The hard keywords of Python 3.11.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kw { $( #[doc = $text] $name, )* }
        impl Kw {
            /// The keyword as written.
            pub fn text(self) -> &'static str {
                match self { $( Kw::$name => $text, )* }
            }
            /// The keyword spelled `word`, if it is one.
            pub fn from_word(word: &str) -> Option<Kw> {
                match word { $( $text => Some(Kw::$name), )* _ => None }
            }
        }
    };
}

keywords! {
    False = "False", None = "None", True = "True", And = "and", As = "as",
    Assert = "assert", Async = "async", Await = "await", Break = "break",
    Class = "class", Continue = "continue", Def = "def", Del = "del",
    Elif = "elif", Else = "else", Except = "except", Finally = "finally",
    For = "for", From = "from", Global = "global", If = "if",
    Import = "import", In = "in", Is = "is", Lambda = "lambda",
    Nonlocal = "nonlocal", Not = "not", Or = "or", Pass = "pass",
    Raise = "raise", Return = "return", Try = "try", While = "while",
    With = "with", Yield = "yield",
}

/// A token with its extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Its first character.
    pub start: Pos,
    /// Just after its last character (NEWLINE, INDENT and DEDENT are
    /// zero-width, as CPython's).
    pub end: Pos,
    /// Bracket depth before this token (CPython's `level`), used by the
    /// parser's "Perhaps you forgot a comma?".
    pub level: usize,
}

/// A tokenizer error.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    /// The error to report.
    pub error: SyntaxError,
    /// True for the errors CPython's tokenizer raises itself (bad
    /// characters, strings, numbers, brackets); these also replace a parser
    /// error found earlier in the file, because CPython tokenizes the rest of
    /// the file before reporting one. Indentation and end-of-file errors are
    /// only reported when the parser reaches them.
    pub eager: bool,
}

/// An open bracket: its character and where it is.
#[derive(Debug, Clone, Copy)]
struct Bracket {
    ch: char,
    line: usize,
    col: usize,
}

/// The tokenizer state.
pub struct Lexer {
    chars: Vec<char>,
    /// Index of the start of each line (line 1 is `line_starts[0]`).
    line_starts: Vec<usize>,
    pos: usize,
    line: usize,
    line_start: usize,
    brackets: Vec<Bracket>,
    /// Open indentation widths (tabs to multiples of 8) and the same with
    /// tabs counted as 1; both start with 0.
    indents: Vec<(usize, usize)>,
    pending_dedents: usize,
    pending_indent: bool,
    at_bol: bool,
    /// Set after a backslash continuation: the next line's indentation is
    /// not significant.
    cont_line: bool,
    /// The current line is blank or only a comment: its newline is not a
    /// NEWLINE token.
    blank_line: bool,
    done: bool,
    /// Position of the first non-blank character of the current line, for
    /// INDENT/DEDENT tokens.
    indent_pos: Pos,
    last_error: Option<LexError>,
}

/// Python's `XID_Start`, approximated with std's `Alphabetic` minus the
/// combining marks (std has no general-category tables).
fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || (c as u32 >= 128 && c.is_alphabetic() && !is_combining(c) && !is_nfkc_excluded(c))
}

/// Letters that are not identifier characters because their NFKC form is
/// not one (Python's `XID_*` excludes them).
fn is_nfkc_excluded(c: char) -> bool {
    matches!(c as u32, 0x037A | 0x0E33 | 0x0EB3 | 0x309B..=0x309C | 0xFC5E..=0xFC63 | 0xFDFA..=0xFDFB | 0xFE70..=0xFE7E | 0xFF9E..=0xFF9F)
}

/// Python's `XID_Continue`, approximated: letters, combining marks, and
/// digits other than the "other number" ones (superscripts, fractions,
/// circled numbers), which Python does not accept in names.
fn is_id_continue(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || (c as u32 >= 128
            && !is_nfkc_excluded(c)
            && (c.is_alphabetic()
                || is_combining(c)
                || matches!(c as u32, 0xB7 | 0x387 | 0x1369..=0x1371 | 0x19DA)
                || (c.is_numeric() && !is_other_number(c))))
}

/// Unicode's "other number" characters (category No) in the common blocks.
fn is_other_number(c: char) -> bool {
    matches!(
        c as u32,
        0xB2..=0xB3
            | 0xB9
            | 0xBC..=0xBE
            | 0x09F4..=0x09F9
            | 0x0BF0..=0x0BF2
            | 0x0F2A..=0x0F33
            | 0x1369..=0x137C
            | 0x17F0..=0x17F9
            | 0x2070..=0x2079
            | 0x2080..=0x2089
            | 0x2150..=0x215F
            | 0x2189
            | 0x2460..=0x249B
            | 0x24EA..=0x24FF
            | 0x2776..=0x2793
            | 0x2CFD
            | 0x3192..=0x3195
            | 0x3220..=0x3229
            | 0x3248..=0x324F
            | 0x3251..=0x325F
            | 0x3280..=0x3289
            | 0x32B1..=0x32BF
            | 0x1F100..=0x1F10C
    )
}

/// Approximates Unicode's combining marks (categories Mn, Mc, Me), which
/// may continue an identifier but not start one: the combining blocks of the
/// common scripts, variation selectors, and joiners. std has no
/// general-category tables; an exotic mark outside these ranges is refused
/// as an invalid character.
fn is_combining(c: char) -> bool {
    matches!(
        c as u32,
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x0591..=0x05BD
            | 0x05BF
            | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5
            | 0x05C7
            | 0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4
            | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED
            | 0x0900..=0x0903
            | 0x093A..=0x094F
            | 0x0951..=0x0957
            | 0x0962..=0x0963
            | 0x0981..=0x0983
            | 0x09BC..=0x09D7
            | 0x0A01..=0x0A03
            | 0x0A3C..=0x0A51
            | 0x0E31
            | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E
            | 0x1AB0..=0x1AFF
            | 0x1B00..=0x1B04
            | 0x1B34..=0x1B44
            | 0x1B6B..=0x1B73
            | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D
            | 0x20D0..=0x20F0
            | 0x2CEF..=0x2CF1
            | 0x2DE0..=0x2DFF
            | 0x302A..=0x302F
            | 0x3099..=0x309A
            | 0xA66F..=0xA672
            | 0xA674..=0xA67D
            | 0xA69E..=0xA69F
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0x1D165..=0x1D169
            | 0x1D16D..=0x1D172
            | 0xE0100..=0xE01EF
    )
}

/// What a number may not be followed by: an ASCII letter, digit or `_`
/// (CPython 3.11.7 ends the number before a non-ASCII character, which then
/// starts a name).
fn is_potential_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Lexer {
    /// A lexer over `source`. Newlines are normalized and a final newline
    /// added; a leading byte-order mark is skipped.
    pub fn new(source: &str) -> Lexer {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let mut chars = Vec::with_capacity(source.len() + 1);
        let mut it = source.chars().peekable();
        while let Some(c) = it.next() {
            if c == '\r' {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                chars.push('\n');
            } else {
                chars.push(c);
            }
        }
        if chars.last().is_some_and(|&c| c != '\n') {
            chars.push('\n');
        }
        let mut line_starts = vec![0];
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' && i + 1 < chars.len() {
                line_starts.push(i + 1);
            }
        }
        Lexer {
            chars,
            line_starts,
            pos: 0,
            line: 1,
            line_start: 0,
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            pending_dedents: 0,
            pending_indent: false,
            at_bol: true,
            cont_line: false,
            blank_line: false,
            done: false,
            indent_pos: Pos { line: 1, col: 0 },
            last_error: None,
        }
    }

    /// The text of line `line` (1-based) without its newline; empty past the
    /// end.
    pub fn line_text(&self, line: usize) -> String {
        line_text(&self.chars, &self.line_starts, line)
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The normalized source characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Current bracket depth.
    pub fn level(&self) -> usize {
        self.brackets.len()
    }

    /// The innermost open bracket and its 1-based line and 0-based column.
    pub fn innermost_bracket(&self) -> Option<(char, usize, usize)> {
        self.brackets.last().map(|b| (b.ch, b.line, b.col))
    }

    /// The error CPython gives for an unclosed bracket at end of file.
    pub fn unclosed_error(&self) -> Option<SyntaxError> {
        let b = self.brackets.last()?;
        Some(SyntaxError {
            kind: ErrorKind::SyntaxError,
            msg: format!("'{}' was never closed", b.ch),
            line: b.line,
            col: b.col + 1,
            end_line: b.line,
            end_col: 0,
            text: self.line_text(b.line),
        })
    }

    fn peek_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// CPython's `tok_nextc`: the next character, or `None` at end (which
    /// does not advance).
    fn nextc(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if let Some(c) = c {
            self.pos += 1;
            if c == '\n' {
                self.line += 1;
                self.line_start = self.pos;
            }
        }
        c
    }

    /// CPython's `tok_backup`: undo one `nextc` (a no-op after `None`).
    fn backup(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos -= 1;
            if c == '\n' {
                self.line -= 1;
                self.line_start = self.line_starts[self.line - 1];
            }
        }
    }

    fn col(&self) -> usize {
        self.pos - self.line_start
    }

    fn here(&self) -> Pos {
        Pos { line: self.line, col: self.col() }
    }

    /// An eager tokenizer error at the current position: CPython's
    /// `syntaxerror()`, whose offset is the number of characters before the
    /// cursor.
    fn error_here(&self, msg: impl Into<String>) -> LexError {
        let col = self.col();
        self.error_at(msg, self.line, col, col)
    }

    fn error_at(
        &self,
        msg: impl Into<String>,
        line: usize,
        col: usize,
        end_col: usize,
    ) -> LexError {
        LexError {
            error: SyntaxError {
                kind: ErrorKind::SyntaxError,
                msg: msg.into(),
                line,
                col,
                end_line: line,
                end_col,
                text: self.line_text(line),
            },
            eager: true,
        }
    }

    /// A lazy (parser-reported) indentation error.
    fn indent_error(&self, kind: ErrorKind, msg: &str, col: usize, end_col: usize) -> LexError {
        LexError {
            error: SyntaxError {
                kind,
                msg: msg.to_string(),
                line: self.line,
                col,
                end_line: self.line,
                end_col,
                text: self.line_text(self.line),
            },
            eager: false,
        }
    }

    fn token(&self, tok: Tok, start: Pos, level: usize) -> Token {
        Token { tok, start, end: self.here(), level }
    }

    /// The next token. After an error, every later call returns the same
    /// error.
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        if let Some(e) = &self.last_error {
            return Err(e.clone());
        }
        let r = self.scan();
        if let Err(e) = &r {
            self.last_error = Some(e.clone());
        }
        r
    }

    fn scan(&mut self) -> Result<Token, LexError> {
        if self.pending_indent {
            self.pending_indent = false;
            return Ok(Token {
                tok: Tok::Indent,
                start: self.indent_pos,
                end: self.indent_pos,
                level: 0,
            });
        }
        if self.pending_dedents > 0 {
            self.pending_dedents -= 1;
            return Ok(Token {
                tok: Tok::Dedent,
                start: self.indent_pos,
                end: self.indent_pos,
                level: 0,
            });
        }
        if self.done {
            return Ok(Token {
                tok: Tok::EndMarker,
                start: self.here(),
                end: self.here(),
                level: 0,
            });
        }
        loop {
            if self.at_bol {
                self.at_bol = false;
                if let Some(t) = self.indentation()? {
                    return Ok(t);
                }
            }
            // Skip spaces, tabs and form feeds.
            while let Some(c) = self.peek_at(self.pos) {
                if c == ' ' || c == '\t' || c == '\x0c' {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let start = self.here();
            let level = self.brackets.len();
            let Some(c) = self.nextc() else {
                return self.end_of_input(start);
            };
            match c {
                '#' => {
                    while let Some(c) = self.peek_at(self.pos) {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                    continue;
                }
                '\n' => {
                    self.at_bol = true;
                    if level > 0 || self.blank_line {
                        continue;
                    }
                    self.cont_line = false;
                    return Ok(Token { tok: Tok::Newline, start, end: start, level });
                }
                '\\' => {
                    let c = self.nextc();
                    if c != Some('\n') {
                        // CPython: E_LINECONT, reported when the parser gets
                        // here, at the character after the backslash.
                        let col = self.col();
                        return Err(LexError {
                            error: SyntaxError {
                                kind: ErrorKind::SyntaxError,
                                msg: "unexpected character after line continuation character"
                                    .into(),
                                line: start.line,
                                col: if c.is_some() { col } else { col + 1 },
                                end_line: start.line,
                                end_col: 0,
                                text: self.line_text(start.line),
                            },
                            eager: false,
                        });
                    }
                    if self.pos >= self.chars.len() {
                        let text = self.line_text(start.line);
                        let col = text.chars().count() + 1;
                        return Err(LexError {
                            error: SyntaxError {
                                kind: ErrorKind::SyntaxError,
                                msg: "unexpected EOF while parsing".into(),
                                line: start.line,
                                col,
                                end_line: start.line,
                                end_col: 0,
                                text,
                            },
                            eager: false,
                        });
                    }
                    self.cont_line = true;
                    continue;
                }
                _ => {}
            }
            if is_id_start(c) || c as u32 >= 128 {
                return self.name_or_string(c, start, level);
            }
            if c.is_ascii_digit() {
                return self.number(c, start, level);
            }
            if c == '.' {
                let c2 = self.nextc();
                if c2.is_some_and(|c| c.is_ascii_digit()) {
                    return self.fraction(c2, start, level);
                }
                if c2 == Some('.') {
                    let c3 = self.nextc();
                    if c3 == Some('.') {
                        return Ok(self.token(Tok::Op(Op::Ellipsis), start, level));
                    }
                    self.backup(c3);
                }
                self.backup(c2);
                return Ok(self.token(Tok::Op(Op::Dot), start, level));
            }
            if c == '"' || c == '\'' {
                return self.string(c, start, level, StrPrefix::default());
            }
            return self.operator(c, start, level);
        }
    }

    fn end_of_input(&mut self, start: Pos) -> Result<Token, LexError> {
        if let Some(err) = self.unclosed_error() {
            return Err(LexError { error: err, eager: false });
        }
        // Close every open block, then the end marker.
        self.done = true;
        let open = self.indents.len() - 1;
        self.indents.truncate(1);
        self.indent_pos = start;
        if open > 0 {
            self.pending_dedents = open - 1;
            return Ok(Token { tok: Tok::Dedent, start, end: start, level: 0 });
        }
        Ok(Token { tok: Tok::EndMarker, start, end: start, level: 0 })
    }

    /// Measures the indentation of a new line and queues INDENT/DEDENT.
    /// Returns a token to emit now, if any.
    fn indentation(&mut self) -> Result<Option<Token>, LexError> {
        let mut col = 0usize;
        let mut altcol = 0usize;
        let mut i = self.pos;
        loop {
            match self.peek_at(i) {
                Some(' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some('\t') => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            i += 1;
        }
        let next = self.peek_at(i);
        let blank = matches!(next, Some('#') | Some('\n') | None);
        self.blank_line = blank && self.brackets.is_empty() && !self.cont_line;
        if blank || !self.brackets.is_empty() || self.cont_line {
            // Blank and comment-only lines, and lines inside brackets or
            // after a backslash, do not change the indentation.
            return Ok(None);
        }
        self.pos = i;
        self.indent_pos = self.here();
        let &(top, alttop) = self.indents.last().expect("indent stack never empty");
        let tab_error = |lx: &Lexer| {
            lx.indent_error(
                ErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                1,
                0,
            )
        };
        if col == top {
            if altcol != alttop {
                return Err(tab_error(self));
            }
            Ok(None)
        } else if col > top {
            // CPython: `tok->indent + 1 >= MAXINDENT` with `indent` the
            // index of the top level (0 at module level).
            if self.indents.len() >= MAX_INDENT {
                return Err(self.indent_error(
                    ErrorKind::IndentationError,
                    "too many levels of indentation",
                    1,
                    0,
                ));
            }
            if altcol <= alttop {
                return Err(tab_error(self));
            }
            self.indents.push((col, altcol));
            Ok(Some(Token {
                tok: Tok::Indent,
                start: self.indent_pos,
                end: self.indent_pos,
                level: 0,
            }))
        } else {
            let mut dedents = 0;
            while self.indents.len() > 1 && col < self.indents.last().expect("non-empty").0 {
                self.indents.pop();
                dedents += 1;
            }
            let &(top, alttop) = self.indents.last().expect("indent stack never empty");
            if col != top {
                let len = self.line_text(self.line).chars().count();
                return Err(self.indent_error(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    len + 1,
                    0,
                ));
            }
            if altcol != alttop {
                return Err(tab_error(self));
            }
            self.pending_dedents = dedents - 1;
            Ok(Some(Token {
                tok: Tok::Dedent,
                start: self.indent_pos,
                end: self.indent_pos,
                level: 0,
            }))
        }
    }

    fn name_or_string(&mut self, first: char, start: Pos, level: usize) -> Result<Token, LexError> {
        // String prefixes: any mix of b, r, u, f (case-insensitive) that
        // CPython allows, directly followed by a quote.
        let mut prefix = StrPrefix::default();
        let mut c = Some(first);
        while let Some(ch) = c {
            let ok = match ch.to_ascii_lowercase() {
                'b' if !prefix.b && !prefix.u && !prefix.f => {
                    prefix.b = true;
                    true
                }
                'r' if !prefix.r && !prefix.u => {
                    prefix.r = true;
                    true
                }
                'u' if !prefix.b && !prefix.r && !prefix.f && !prefix.u => {
                    prefix.u = true;
                    true
                }
                'f' if !prefix.f && !prefix.b && !prefix.u => {
                    prefix.f = true;
                    true
                }
                _ => false,
            };
            if !ok {
                break;
            }
            c = self.nextc();
            if c == Some('"') || c == Some('\'') {
                return self.string(c.expect("quote"), start, level, prefix);
            }
        }
        // An identifier: everything CPython would consider part of one,
        // then checked.
        while let Some(ch) = c {
            if is_id_continue(ch) || ch as u32 >= 128 {
                c = self.nextc();
            } else {
                break;
            }
        }
        self.backup(c);
        let begin = self.line_starts[start.line - 1] + start.col;
        let word: String = self.chars[begin..self.pos].iter().collect();
        // Verify: the first character must start an identifier and the rest
        // continue one.
        for (i, ch) in word.chars().enumerate() {
            let valid = if i == 0 { is_id_start(ch) } else { is_id_continue(ch) };
            if !valid {
                let col = start.col + i + 1;
                let msg = if ch.is_control() || ch.is_whitespace() || ch == '\u{ad}' {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                } else {
                    format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
                };
                return Err(self.error_at(msg, start.line, col, col));
            }
        }
        let word = if word.is_ascii() { word } else { nfkc_identifier(&word) };
        let tok = match Kw::from_word(&word) {
            Some(k) => Tok::Kw(k),
            None => Tok::Name(word),
        };
        Ok(self.token(tok, start, level))
    }

    fn operator(&mut self, c: char, start: Pos, level: usize) -> Result<Token, LexError> {
        let c2 = self.peek_at(self.pos);
        let c3 = self.peek_at(self.pos + 1);
        let three = match (c, c2, c3) {
            ('<', Some('<'), Some('=')) => Some(Op::LeftShiftEqual),
            ('>', Some('>'), Some('=')) => Some(Op::RightShiftEqual),
            ('*', Some('*'), Some('=')) => Some(Op::DoubleStarEqual),
            ('/', Some('/'), Some('=')) => Some(Op::DoubleSlashEqual),
            _ => None,
        };
        if let Some(op) = three {
            self.pos += 2;
            return Ok(self.token(Tok::Op(op), start, level));
        }
        let two = match (c, c2) {
            ('=', Some('=')) => Some(Op::EqEqual),
            ('!', Some('=')) => Some(Op::NotEqual),
            ('<', Some('>')) => None,
            ('<', Some('=')) => Some(Op::LessEqual),
            ('>', Some('=')) => Some(Op::GreaterEqual),
            ('<', Some('<')) => Some(Op::LeftShift),
            ('>', Some('>')) => Some(Op::RightShift),
            ('*', Some('*')) => Some(Op::DoubleStar),
            ('+', Some('=')) => Some(Op::PlusEqual),
            ('-', Some('=')) => Some(Op::MinEqual),
            ('*', Some('=')) => Some(Op::StarEqual),
            ('/', Some('=')) => Some(Op::SlashEqual),
            ('%', Some('=')) => Some(Op::PercentEqual),
            ('&', Some('=')) => Some(Op::AmperEqual),
            ('|', Some('=')) => Some(Op::VBarEqual),
            ('^', Some('=')) => Some(Op::CircumflexEqual),
            ('/', Some('/')) => Some(Op::DoubleSlash),
            ('@', Some('=')) => Some(Op::AtEqual),
            ('-', Some('>')) => Some(Op::RArrow),
            (':', Some('=')) => Some(Op::ColonEqual),
            _ => None,
        };
        if let Some(op) = two {
            self.pos += 1;
            return Ok(self.token(Tok::Op(op), start, level));
        }
        let op = match c {
            '(' => Op::LPar,
            ')' => Op::RPar,
            '[' => Op::LSqb,
            ']' => Op::RSqb,
            '{' => Op::LBrace,
            '}' => Op::RBrace,
            ':' => Op::Colon,
            ',' => Op::Comma,
            ';' => Op::Semi,
            '+' => Op::Plus,
            '-' => Op::Minus,
            '*' => Op::Star,
            '/' => Op::Slash,
            '|' => Op::VBar,
            '&' => Op::Amper,
            '<' => Op::Less,
            '>' => Op::Greater,
            '=' => Op::Equal,
            '%' => Op::Percent,
            '~' => Op::Tilde,
            '^' => Op::Circumflex,
            '@' => Op::At,
            '!' => Op::Exclamation,
            c if c.is_ascii_control() => {
                // A control character other than whitespace.
                let col = self.col();
                return Err(self.error_at(
                    format!("invalid non-printable character U+{:04X}", c as u32),
                    start.line,
                    col,
                    col,
                ));
            }
            _ => {
                // `$`, `?`, a backquote: CPython makes an ERRORTOKEN that the
                // parser reports as "invalid syntax" at this character.
                return Ok(Token { tok: Tok::Op(Op::Exclamation), start, end: self.here(), level });
            }
        };
        match op {
            Op::LPar | Op::LSqb | Op::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(self.error_here("too many nested parentheses"));
                }
                self.brackets.push(Bracket { ch: c, line: start.line, col: start.col });
            }
            Op::RPar | Op::RSqb | Op::RBrace => {
                let Some(open) = self.brackets.pop() else {
                    return Err(self.error_here(format!("unmatched '{c}'")));
                };
                let expected = match open.ch {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if c != expected {
                    let msg = if open.line != start.line {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{}' on line {}",
                            open.ch, open.line
                        )
                    } else {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{}'",
                            open.ch
                        )
                    };
                    return Err(self.error_here(msg));
                }
            }
            _ => {}
        }
        Ok(self.token(Tok::Op(op), start, level))
    }

    // ---- numbers (CPython's tok_get, number part) ----

    /// CPython's `verify_end_of_number`: a number directly followed by a
    /// letter is an error unless the letter starts a keyword that may follow
    /// a number (`1if x else y` is accepted with a warning).
    fn verify_end_of_number(&mut self, c: Option<char>, kind: &str) -> Result<(), LexError> {
        let Some(ch) = c else { return Ok(()) };
        let rest = |lx: &Lexer, s: &str| -> bool {
            s.chars().enumerate().all(|(i, want)| lx.peek_at(lx.pos + i) == Some(want))
        };
        let keyword_follows = match ch {
            'a' => rest(self, "nd"),
            'e' => rest(self, "lse"),
            'f' => rest(self, "or"),
            'i' => matches!(self.peek_at(self.pos), Some('f' | 'n' | 's')),
            'o' => rest(self, "r"),
            'n' => rest(self, "ot"),
            _ => false,
        };
        if keyword_follows {
            return Ok(());
        }
        if is_potential_id_char(ch) {
            self.backup(c);
            return Err(self.error_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// CPython's `tok_decimal_tail`: digits with single underscores between.
    fn decimal_tail(&mut self) -> Result<Option<char>, LexError> {
        loop {
            let mut c;
            loop {
                c = self.nextc();
                if !c.is_some_and(|c| c.is_ascii_digit()) {
                    break;
                }
            }
            if c != Some('_') {
                return Ok(c);
            }
            c = self.nextc();
            if !c.is_some_and(|c| c.is_ascii_digit()) {
                self.backup(c);
                return Err(self.error_here("invalid decimal literal"));
            }
        }
    }

    fn number(&mut self, first: char, start: Pos, level: usize) -> Result<Token, LexError> {
        if first == '0' {
            let c = self.nextc();
            match c {
                Some('x' | 'X') => return self.radix_number(16, "hexadecimal", start, level),
                Some('o' | 'O') => return self.radix_number(8, "octal", start, level),
                Some('b' | 'B') => return self.radix_number(2, "binary", start, level),
                _ => {}
            }
            let mut c = c;
            let mut nonzero = false;
            loop {
                if c == Some('_') {
                    c = self.nextc();
                    if !c.is_some_and(|c| c.is_ascii_digit()) {
                        self.backup(c);
                        return Err(self.error_here("invalid decimal literal"));
                    }
                }
                if c != Some('0') {
                    break;
                }
                c = self.nextc();
            }
            let zeros_end = self.col();
            if c.is_some_and(|c| c.is_ascii_digit()) {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            match c {
                Some('.') => {
                    let c = self.nextc();
                    return self.fraction(c, start, level);
                }
                Some('e' | 'E') => return self.exponent(c, start, level),
                Some('j' | 'J') => return self.imaginary(start, level),
                _ => {}
            }
            if nonzero {
                self.backup(c);
                return Err(self.error_at(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start.line,
                    start.col + 1,
                    zeros_end,
                ));
            }
            self.verify_end_of_number(c, "decimal")?;
            self.backup(c);
            return Ok(self.int_token(10, start, level));
        }
        let c = self.decimal_tail()?;
        match c {
            Some('.') => {
                let c = self.nextc();
                self.fraction(c, start, level)
            }
            Some('e' | 'E') => self.exponent(c, start, level),
            Some('j' | 'J') => self.imaginary(start, level),
            _ => {
                self.verify_end_of_number(c, "decimal")?;
                self.backup(c);
                Ok(self.int_token(10, start, level))
            }
        }
    }

    fn radix_number(
        &mut self,
        radix: u32,
        kind: &str,
        start: Pos,
        level: usize,
    ) -> Result<Token, LexError> {
        let mut c = self.nextc();
        loop {
            if c == Some('_') {
                c = self.nextc();
            }
            let is_digit = |c: Option<char>| c.is_some_and(|c| c.is_digit(radix));
            if !is_digit(c) {
                if radix != 16 && c.is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.error_here(format!(
                        "invalid digit '{}' in {kind} literal",
                        c.expect("digit")
                    )));
                }
                self.backup(c);
                return Err(self.error_here(format!("invalid {kind} literal")));
            }
            loop {
                c = self.nextc();
                if !is_digit(c) {
                    break;
                }
            }
            if c != Some('_') {
                break;
            }
        }
        if radix != 16 && c.is_some_and(|c| c.is_ascii_digit()) {
            return Err(
                self.error_here(format!("invalid digit '{}' in {kind} literal", c.expect("digit")))
            );
        }
        self.verify_end_of_number(c, kind)?;
        self.backup(c);
        Ok(self.int_token(radix, start, level))
    }

    /// After the `.` of a float: `c` is the character after it.
    fn fraction(&mut self, c: Option<char>, start: Pos, level: usize) -> Result<Token, LexError> {
        let mut c = c;
        if c.is_some_and(|c| c.is_ascii_digit()) {
            c = self.decimal_tail()?;
        }
        match c {
            Some('e' | 'E') => self.exponent(c, start, level),
            Some('j' | 'J') => self.imaginary(start, level),
            _ => {
                self.verify_end_of_number(c, "decimal")?;
                self.backup(c);
                Ok(self.float_token(start, level, false))
            }
        }
    }

    /// At an `e`/`E` (`e` is it, already read).
    fn exponent(&mut self, e: Option<char>, start: Pos, level: usize) -> Result<Token, LexError> {
        let mut c = self.nextc();
        if c == Some('+') || c == Some('-') {
            c = self.nextc();
            if !c.is_some_and(|c| c.is_ascii_digit()) {
                self.backup(c);
                return Err(self.error_here("invalid decimal literal"));
            }
        } else if !c.is_some_and(|c| c.is_ascii_digit()) {
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            // `1e` followed by a keyword: the number ends before the `e`.
            return Ok(self.number_before(start, level));
        }
        let c = self.decimal_tail()?;
        if matches!(c, Some('j' | 'J')) {
            return self.imaginary(start, level);
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.float_token(start, level, false))
    }

    fn imaginary(&mut self, start: Pos, level: usize) -> Result<Token, LexError> {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        Ok(self.float_token(start, level, true))
    }

    fn literal_text(&self, start: Pos) -> String {
        let begin = self.line_starts[start.line - 1] + start.col;
        self.chars[begin..self.pos].iter().filter(|&&c| c != '_').collect()
    }

    /// The token for a number that ended before an `e` (as `1else`).
    fn number_before(&mut self, start: Pos, level: usize) -> Token {
        let text = self.literal_text(start);
        if text.contains('.') {
            self.float_token(start, level, false)
        } else {
            self.int_token(10, start, level)
        }
    }

    fn float_token(&self, start: Pos, level: usize, imaginary: bool) -> Token {
        let mut text = self.literal_text(start);
        if imaginary {
            text.pop();
        }
        // Rust's float parser is correctly rounded, as CPython's; it does
        // not accept a trailing `.` (`1.`) or a leading one without a digit
        // before the exponent (`1.e5`), so normalize those.
        let text = text.replace(".e", ".0e").replace(".E", ".0E");
        let text = if text.ends_with('.') { format!("{text}0") } else { text };
        let value: f64 = text.parse().unwrap_or(f64::INFINITY);
        let tok = if imaginary { Tok::Imag(value) } else { Tok::Float(value) };
        self.token(tok, start, level)
    }

    fn int_token(&self, radix: u32, start: Pos, level: usize) -> Token {
        let text = self.literal_text(start);
        let digits = if radix == 10 { text } else { text[2..].to_string() };
        let small = i64::from_str_radix(&digits, radix).ok();
        self.token(Tok::Int(IntLit { small, radix, digits }), start, level)
    }

    // ---- strings ----

    fn string(
        &mut self,
        quote: char,
        start: Pos,
        level: usize,
        prefix: StrPrefix,
    ) -> Result<Token, LexError> {
        // The opening quote has been read.
        let mut quote_size = 1;
        let body_begin;
        if self.peek_at(self.pos) == Some(quote) {
            if self.peek_at(self.pos + 1) == Some(quote) {
                quote_size = 3;
                self.pos += 2;
                body_begin = self.pos;
            } else {
                // Empty string.
                self.pos += 1;
                return self.finish_string(start, level, prefix, self.pos - 1, self.pos - 1);
            }
        } else {
            body_begin = self.pos;
        }
        let body_start = self.here();
        let mut end_quotes = 0;
        loop {
            let c = self.nextc();
            match c {
                None => {
                    return Err(self.unterminated(start, quote_size));
                }
                Some('\n') if quote_size == 1 => {
                    self.backup(c);
                    return Err(self.unterminated(start, quote_size));
                }
                Some(ch) if ch == quote => {
                    end_quotes += 1;
                    if end_quotes == quote_size {
                        break;
                    }
                }
                Some('\\') => {
                    end_quotes = 0;
                    let c2 = self.nextc();
                    if c2.is_none() {
                        return Err(self.unterminated(start, quote_size));
                    }
                }
                Some(_) => end_quotes = 0,
            }
        }
        let body_end = self.pos - quote_size;
        let _ = body_start;
        self.finish_string(start, level, prefix, body_begin, body_end)
    }

    fn unterminated(&mut self, start: Pos, quote_size: usize) -> LexError {
        let detected =
            if self.pos >= self.chars.len() { self.line_starts.len() } else { self.line };
        let msg = if quote_size == 3 {
            format!("unterminated triple-quoted string literal (detected at line {detected})")
        } else {
            format!("unterminated string literal (detected at line {detected})")
        };
        self.error_at(msg, start.line, start.col + 1, start.col + 1)
    }

    fn finish_string(
        &mut self,
        start: Pos,
        level: usize,
        prefix: StrPrefix,
        body_begin: usize,
        body_end: usize,
    ) -> Result<Token, LexError> {
        let body = &self.chars[body_begin..body_end];
        let lit = if prefix.f {
            let line = self.line_of(body_begin);
            StrLit::FStr {
                raw: prefix.r,
                body: body.to_vec(),
                body_start: Pos { line, col: body_begin - self.line_starts[line - 1] },
            }
        } else if prefix.b {
            if body.iter().any(|c| !c.is_ascii()) {
                StrLit::Invalid {
                    msg: "bytes can only contain ASCII literal characters".into(),
                    at_token: true,
                }
            } else if prefix.r {
                StrLit::Bytes(body.iter().map(|&c| c as u8).collect())
            } else {
                match decode_bytes(body) {
                    Ok(b) => StrLit::Bytes(b),
                    Err(msg) => StrLit::Invalid { msg, at_token: false },
                }
            }
        } else if prefix.r {
            StrLit::Str(body.iter().collect())
        } else {
            match decode_str(body) {
                Ok(s) => StrLit::Str(s),
                Err(msg) => StrLit::Invalid { msg, at_token: false },
            }
        };
        Ok(self.token(Tok::Str(Box::new(lit)), start, level))
    }

    fn line_of(&self, index: usize) -> usize {
        match self.line_starts.binary_search(&index) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The text of `line` (1-based) in `chars`, without the newline.
fn line_text(chars: &[char], line_starts: &[usize], line: usize) -> String {
    let Some(&begin) = line_starts.get(line.wrapping_sub(1)) else {
        return String::new();
    };
    chars[begin..].iter().take_while(|&&c| c != '\n').collect()
}

/// Python normalizes identifiers to NFKC (`ｗｉｄｔｈ` is `width`). Without
/// Unicode's tables this covers the common compatibility characters:
/// fullwidth ASCII, the micro sign, Latin ligatures, mathematical letters
/// and digits.
fn nfkc_identifier(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let u = c as u32;
        match u {
            0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0xFF3F => {
                out.push(char::from_u32(u - 0xFF00 + 0x20).unwrap_or(c));
            }
            0xB5 => out.push('\u{3bc}'),
            // Mathematical alphanumeric symbols: 52 letters per style.
            0x1D400..=0x1D6A3 => {
                let k = (u - 0x1D400) % 52;
                let base = if k < 26 { b'A' as u32 } else { b'a' as u32 - 26 };
                out.push(char::from_u32(base + k).unwrap_or(c));
            }
            0x1D7CE..=0x1D7FF => {
                out.push(char::from_u32(b'0' as u32 + (u - 0x1D7CE) % 10).unwrap_or(c))
            }
            0xFB00 => out.push_str("ff"),
            0xFB01 => out.push_str("fi"),
            0xFB02 => out.push_str("fl"),
            0xFB03 => out.push_str("ffi"),
            0xFB04 => out.push_str("ffl"),
            0xFB05 | 0xFB06 => out.push_str("st"),
            0x17F => out.push('s'),
            _ => out.push(c),
        }
    }
    out
}

/// Which prefix letters a string literal had.
#[derive(Debug, Clone, Copy, Default)]
struct StrPrefix {
    b: bool,
    r: bool,
    u: bool,
    f: bool,
}

/// Decodes the escapes of a `str` literal body (not raw), with CPython's
/// `unicodeescape` error messages. Unknown escapes such as `\d` stay as
/// written (CPython 3.11 only warns, and the warning is not shown).
pub fn decode_str(body: &[char]) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    // Positions in the messages are byte offsets in what CPython decodes:
    // the body with each non-ASCII character written as a 10-byte
    // `\Uxxxxxxxx` escape.
    let byte_pos =
        |i: usize| body[..i].iter().map(|c| if c.is_ascii() { 1 } else { 10 }).sum::<usize>();
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = body.get(i) else {
            // A lone trailing backslash cannot happen (the quote would be
            // escaped); keep it.
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (n, name) = match e {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut v: u32 = 0;
                let mut got = 0;
                while got < n {
                    match body.get(i).and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            v = v.wrapping_mul(16).wrapping_add(d);
                            i += 1;
                            got += 1;
                        }
                        None => break,
                    }
                }
                let (a, b) = (byte_pos(start), byte_pos(i) - 1);
                if got < n {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {a}-{b}: truncated {name} escape"
                    ));
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if v < 0x110000 => out.push('\u{fffd}'),
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {a}-{b}: illegal Unicode character"
                        ))
                    }
                }
            }
            'N' => {
                // Named escapes need Unicode's name table, which std lacks:
                // accept a few common ones, refuse the rest as CPython
                // refuses an unknown name.
                let mut j = i;
                let mut name = String::new();
                let closed = if body.get(j) == Some(&'{') {
                    j += 1;
                    loop {
                        match body.get(j) {
                            Some('}') => break true,
                            Some(&ch) => {
                                name.push(ch);
                                j += 1;
                            }
                            None => break false,
                        }
                    }
                } else {
                    false
                };
                let a = byte_pos(start);
                if !closed || name.is_empty() {
                    let b = byte_pos(j.min(body.len())) - 1;
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {a}-{b}: malformed \\N character escape"
                    ));
                }
                let b = byte_pos(j + 1) - 1;
                match named_char(&name) {
                    Some(ch) => {
                        out.push(ch);
                        i = j + 1;
                    }
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {a}-{b}: unknown Unicode character name"
                        ))
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// A few `\N{...}` names; std has no Unicode name table.
fn named_char(name: &str) -> Option<char> {
    let n = name.to_ascii_uppercase();
    Some(match n.as_str() {
        "SPACE" => ' ',
        "NO-BREAK SPACE" => '\u{a0}',
        "EM DASH" => '\u{2014}',
        "EN DASH" => '\u{2013}',
        "BULLET" => '\u{2022}',
        "HORIZONTAL ELLIPSIS" => '\u{2026}',
        "DEGREE SIGN" => '\u{b0}',
        "COPYRIGHT SIGN" => '\u{a9}',
        "RIGHTWARDS ARROW" => '\u{2192}',
        "LEFTWARDS ARROW" => '\u{2190}',
        "CHECK MARK" => '\u{2713}',
        "BLACK STAR" => '\u{2605}',
        "GREEK SMALL LETTER ALPHA" => '\u{3b1}',
        "GREEK SMALL LETTER PI" => '\u{3c0}',
        "LATIN SMALL LETTER E WITH ACUTE" => '\u{e9}',
        "EURO SIGN" => '\u{20ac}',
        "NULL" => '\0',
        "LINE FEED" => '\n',
        "CHARACTER TABULATION" => '\t',
        _ => return None,
    })
}

/// Decodes the escapes of a `bytes` literal body (not raw; ASCII only).
pub fn decode_bytes(body: &[char]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = body.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => {
                let mut v = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match body.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            'x' => {
                let hi = body.get(i).and_then(|c| c.to_digit(16));
                let lo = body.get(i + 1).and_then(|c| c.to_digit(16));
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(format!("(value error) invalid \\x escape at position {start}"))
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other as u8);
            }
        }
    }
    Ok(out)
}
