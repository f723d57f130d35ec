//! The code highlighter, natively: it gives back its input exactly, on any input, and
//! colours the lecture's snippets as a reader expects.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::highlight::{highlight, CodeLang, Token};

const LANGS: [CodeLang; 4] = [CodeLang::Python, CodeLang::Rust, CodeLang::Go, CodeLang::Cpp];

const PYTHON: &str = r#"import asyncio

async def task(name, delay):
    print(f"Task {name} started")
    await asyncio.sleep(delay)
    print(f"Task {name} finished")

async def main():
    await asyncio.gather(
        task("A", 2),
        task("B", 1),
    )

asyncio.run(main())
"#;

const GO: &str = "ch := make(chan int)
go func() {
    ch <- 42
}()
value := <-ch
";

const CPP: &str = "#include <iostream>
#include <future>

void calculateSquare(std::promise<int> prom, int value) {
    int result = value * value;
    prom.set_value(result);
}
";

const RUST: &str = r###"//! A task that logs, sleeps and logs again.
use std::time::Duration;

/// One task of the scenario; `name` is borrowed from the caller.
#[derive(Debug, Clone)]
pub struct Task<'a> {
    name: &'a str,
    delay_ms: u64,
}

impl<'a> Task<'a> {
    /// Runs the task: the log shows when it starts and ends.
    pub async fn run(&self, cx: &Context) -> Result<(), &'static str> {
        let sep = '\n';
        let crab = '🦀';
        let pattern = r#"Task "{name}" done"#;
        /* block comments /* nest */ in Rust */
        cx.log(&name, "start", text!("Task {name} started", "Задача {name} запущена"));
        sleep(Duration::from_millis(self.delay_ms)).await;
        let total = 1_000u32 + 0xff + (2.5e3 as u32) + b'a' as u32;
        let pair = (total, 1.5);
        for i in 0..10 {
            println!("{i}{sep}{crab}{pattern}{}", pair.0);
        }
        Ok(())
    }
}
"###;

/// Highlights `src` and checks what must hold for any input: the pieces give back
/// `src`, none is empty, and neighbours differ in kind (they were merged).
fn pieces(lang: CodeLang, src: &str) -> Vec<(Token, &str)> {
    let out = highlight(lang, src);
    assert_eq!(out.iter().map(|(_, s)| *s).collect::<String>(), src, "{lang:?}: {src:?}");
    assert!(out.iter().all(|(_, s)| !s.is_empty()), "{lang:?}: empty piece in {out:?}");
    assert!(out.windows(2).all(|w| w[0].0 != w[1].0), "{lang:?}: unmerged {out:?}");
    out
}

#[track_caller]
fn has(lang: CodeLang, src: &str, tok: Token, text: &str) {
    let out = pieces(lang, src);
    assert!(out.contains(&(tok, text)), "{lang:?}: no {tok:?} {text:?} in {out:?}");
}

#[track_caller]
fn is(lang: CodeLang, src: &str, expected: &[(Token, &str)]) {
    assert_eq!(pieces(lang, src), expected, "{lang:?}: {src:?}");
}

fn kinds(lang: CodeLang, src: &str) -> Vec<Token> {
    pieces(lang, src).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn classes_match_the_stylesheet() {
    let all = [
        (Token::Plain, ""),
        (Token::Keyword, "kw"),
        (Token::String, "str"),
        (Token::Comment, "com"),
        (Token::Number, "num"),
        (Token::Function, "fn"),
        (Token::Macro, "mac"),
        (Token::Type, "ty"),
        (Token::Attribute, "attr"),
    ];
    for (tok, class) in all {
        assert_eq!(tok.class(), class);
    }
}

#[test]
fn empty_input_gives_no_pieces() {
    for lang in LANGS {
        assert!(highlight(lang, "").is_empty());
    }
}

#[test]
fn python_sample() {
    let p = CodeLang::Python;
    let out = pieces(p, PYTHON);
    for (tok, text) in [
        (Token::Keyword, "import"),
        (Token::Keyword, "async"),
        (Token::Keyword, "def"),
        (Token::Function, "task"),
        (Token::Function, "print"),
        (Token::String, "f\"Task {name} started\""),
        (Token::String, "\"A\""),
        (Token::Number, "2"),
        (Token::Function, "gather"),
        (Token::Function, "run"),
        (Token::Function, "main"),
    ] {
        assert!(out.contains(&(tok, text)), "no {tok:?} {text:?} in {out:?}");
    }
    is(
        p,
        "print(f\"Task {name} started\")",
        &[
            (Token::Function, "print"),
            (Token::Plain, "("),
            (Token::String, "f\"Task {name} started\""),
            (Token::Plain, ")"),
        ],
    );
    is(
        p,
        "    await asyncio.sleep(delay)",
        &[
            (Token::Plain, "    "),
            (Token::Keyword, "await"),
            (Token::Plain, " asyncio."),
            (Token::Function, "sleep"),
            (Token::Plain, "(delay)"),
        ],
    );
}

#[test]
fn python_comments_strings_and_decorators() {
    let p = CodeLang::Python;
    is(p, "# комментарий", &[(Token::Comment, "# комментарий")]);
    is(
        p,
        "x = 1  # ещё\ny",
        &[
            (Token::Plain, "x = "),
            (Token::Number, "1"),
            (Token::Plain, "  "),
            (Token::Comment, "# ещё"),
            (Token::Plain, "\ny"),
        ],
    );
    let doc = "\"\"\"Задача \"в кавычках\"\nи вторая строка\"\"\"";
    is(p, doc, &[(Token::String, doc)]);
    is(p, "'''a ' b'''", &[(Token::String, "'''a ' b'''")]);
    for s in ["r'\\d+'", "b\"\\x00\"", "rb'x'", "fr\"{x}\\n\"", "'it\\'s'", "\"\"", "u'Я'"] {
        is(p, s, &[(Token::String, s)]);
    }
    has(p, "@app.route(\"/\")\ndef index(): pass", Token::Attribute, "@app.route");
    has(p, "@functools.cache\ndef f(): pass", Token::Attribute, "@functools.cache");
    assert_eq!(kinds(p, "a @ b"), [Token::Plain]);
    has(p, "class Worker(Base): pass", Token::Type, "Worker");
    has(p, "class Worker(Base): pass", Token::Type, "Base");
    for kw in ["None", "True", "False", "lambda", "nonlocal", "yield"] {
        has(p, &format!("x = {kw}"), Token::Keyword, kw);
    }
    has(p, "Задача(1)", Token::Function, "Задача");
}

#[test]
fn python_numbers() {
    for n in ["0", "42", "1_000", "0x1F", "1e-3", "3.14", "2.5E+10", "0b1010", "1j"] {
        is(CodeLang::Python, n, &[(Token::Number, n)]);
    }
    has(CodeLang::Python, "x1 = 0", Token::Plain, "x1 = ");
}

#[test]
fn rust_sample() {
    let r = CodeLang::Rust;
    let out = pieces(r, RUST);
    for (tok, text) in [
        (Token::Comment, "//! A task that logs, sleeps and logs again."),
        (Token::Comment, "/// Runs the task: the log shows when it starts and ends."),
        (Token::Attribute, "#[derive(Debug, Clone)]"),
        (Token::Type, "'a"),
        (Token::Type, "'static"),
        (Token::Type, "Task"),
        (Token::Type, "u64"),
        (Token::String, "'\\n'"),
        (Token::String, "'🦀'"),
        (Token::String, "r#\"Task \"{name}\" done\"#"),
        (Token::Comment, "/* block comments /* nest */ in Rust */"),
        (Token::Macro, "text!"),
        (Token::Macro, "println!"),
        (Token::Function, "sleep"),
        (Token::Function, "from_millis"),
        (Token::Keyword, "await"),
        (Token::Number, "1_000u32"),
        (Token::Number, "0xff"),
        (Token::Number, "2.5e3"),
        (Token::String, "b'a'"),
        (Token::Number, "1.5"),
    ] {
        assert!(out.contains(&(tok, text)), "no {tok:?} {text:?} in {out:?}");
    }
}

#[test]
fn rust_log_line() {
    let src = r#"cx.log(&name, "start", text!("Task {name} started", "Задача {name} запущена"));"#;
    is(
        CodeLang::Rust,
        src,
        &[
            (Token::Plain, "cx."),
            (Token::Function, "log"),
            (Token::Plain, "(&name, "),
            (Token::String, "\"start\""),
            (Token::Plain, ", "),
            (Token::Macro, "text!"),
            (Token::Plain, "("),
            (Token::String, "\"Task {name} started\""),
            (Token::Plain, ", "),
            (Token::String, "\"Задача {name} запущена\""),
            (Token::Plain, "));"),
        ],
    );
}

#[test]
fn rust_lifetimes_are_not_chars() {
    let r = CodeLang::Rust;
    let src = "fn task<'a>(x: &'a str) -> &'static str";
    let out = pieces(r, src);
    assert!(!out.iter().any(|(t, _)| *t == Token::String), "{out:?}");
    assert_eq!(out.iter().filter(|p| **p == (Token::Type, "'a")).count(), 2, "{out:?}");
    assert!(out.contains(&(Token::Type, "'static")), "{out:?}");
    has(r, "impl<'a, 'b> X<'a,'b> {}", Token::Type, "'b");
    has(r, "'outer: loop { break 'outer; }", Token::Type, "'outer");
}

#[test]
fn rust_chars_and_strings() {
    let r = CodeLang::Rust;
    for s in [
        "'a'",
        "'\\n'",
        "'\\''",
        "'\\u{1F600}'",
        "'я'",
        "'🦀'",
        "b'x'",
        "b'\\0'",
        "\"esc \\\" quote\"",
        "b\"bytes\"",
        "r\"C:\\dir\"",
        "r#\"a \"quoted\" b\"#",
        "r##\"a \"# b\"##",
        "br#\"x\"#",
        "\"строка\nна двух строках\"",
    ] {
        is(r, s, &[(Token::String, s)]);
    }
    // A raw identifier is no string.
    assert!(!kinds(r, "r#type").contains(&Token::String));
}

#[test]
fn rust_comments_and_attributes() {
    let r = CodeLang::Rust;
    is(
        r,
        "/// Документация\nfn",
        &[(Token::Comment, "/// Документация"), (Token::Plain, "\n"), (Token::Keyword, "fn")],
    );
    is(r, "/* a /* b */ c */ d", &[(Token::Comment, "/* a /* b */ c */"), (Token::Plain, " d")]);
    is(r, "#![deny(missing_docs)]", &[(Token::Attribute, "#![deny(missing_docs)]")]);
    is(
        r,
        "#[doc = \"a ] b\"] x",
        &[(Token::Attribute, "#[doc = \"a ] b\"]"), (Token::Plain, " x")],
    );
    is(
        r,
        "#[cfg(all(test, not(x)))]\nmod t;",
        &[
            (Token::Attribute, "#[cfg(all(test, not(x)))]"),
            (Token::Plain, "\n"),
            (Token::Keyword, "mod"),
            (Token::Plain, " t;"),
        ],
    );
}

#[test]
fn rust_numbers_ranges_and_tuple_fields() {
    let r = CodeLang::Rust;
    for n in ["1_000", "0xff", "1.5e3", "10u32", "2.0f64", "1e-9", "0b1010_1010", "0o17"] {
        is(r, n, &[(Token::Number, n)]);
    }
    is(r, "1..2", &[(Token::Number, "1"), (Token::Plain, ".."), (Token::Number, "2")]);
    is(r, "0..=1.5", &[(Token::Number, "0"), (Token::Plain, "..="), (Token::Number, "1.5")]);
    is(r, "x.0", &[(Token::Plain, "x."), (Token::Number, "0")]);
    is(
        r,
        "t.0.1",
        &[(Token::Plain, "t."), (Token::Number, "0"), (Token::Plain, "."), (Token::Number, "1")],
    );
    is(
        r,
        "1.max(2)",
        &[
            (Token::Number, "1"),
            (Token::Plain, "."),
            (Token::Function, "max"),
            (Token::Plain, "("),
            (Token::Number, "2"),
            (Token::Plain, ")"),
        ],
    );
    is(r, "a != b", &[(Token::Plain, "a != b")]);
    is(r, "a!=b", &[(Token::Plain, "a!=b")]);
}

#[test]
fn go_sample() {
    let g = CodeLang::Go;
    let out = pieces(g, GO);
    for (tok, text) in [
        (Token::Function, "make"),
        (Token::Keyword, "chan"),
        (Token::Type, "int"),
        (Token::Keyword, "go"),
        (Token::Keyword, "func"),
        (Token::Number, "42"),
    ] {
        assert!(out.contains(&(tok, text)), "no {tok:?} {text:?} in {out:?}");
    }
    is(
        g,
        "ch := make(chan int)",
        &[
            (Token::Plain, "ch := "),
            (Token::Function, "make"),
            (Token::Plain, "("),
            (Token::Keyword, "chan"),
            (Token::Plain, " "),
            (Token::Type, "int"),
            (Token::Plain, ")"),
        ],
    );
}

#[test]
fn go_strings_runes_and_comments() {
    let g = CodeLang::Go;
    is(g, "`raw \\ \"string\"\nline`", &[(Token::String, "`raw \\ \"string\"\nline`")]);
    for s in ["'x'", "'\\n'", "'ж'", "\"Привет, \\\"мир\\\"\""] {
        is(g, s, &[(Token::String, s)]);
    }
    is(
        g,
        "// комментарий\n/* блок */",
        &[(Token::Comment, "// комментарий"), (Token::Plain, "\n"), (Token::Comment, "/* блок */")],
    );
    has(g, "var err error = fmt.Errorf(\"x\")", Token::Type, "error");
    has(g, "var err error = fmt.Errorf(\"x\")", Token::Type, "Errorf");
    has(g, "x := float64(3)", Token::Type, "float64");
    has(g, "wg.Wait(); x := len(s)", Token::Function, "len");
    has(g, "return nil", Token::Keyword, "nil");
    // `#` means nothing in Go.
    is(g, "# x", &[(Token::Plain, "# x")]);
}

#[test]
fn cpp_sample() {
    let c = CodeLang::Cpp;
    let out = pieces(c, CPP);
    for (tok, text) in [
        (Token::Attribute, "#include <iostream>"),
        (Token::Attribute, "#include <future>"),
        (Token::Keyword, "void"),
        (Token::Function, "calculateSquare"),
        (Token::Keyword, "int"),
        (Token::Function, "set_value"),
    ] {
        assert!(out.contains(&(tok, text)), "no {tok:?} {text:?} in {out:?}");
    }
    assert!(out.contains(&(Token::Plain, "(std::promise<")), "{out:?}");
}

#[test]
fn cpp_preprocessor_strings_and_numbers() {
    let c = CodeLang::Cpp;
    is(
        c,
        "# include <future>\nint x;",
        &[
            (Token::Attribute, "# include <future>"),
            (Token::Plain, "\n"),
            (Token::Keyword, "int"),
            (Token::Plain, " x;"),
        ],
    );
    for s in [
        "\"hello\\n\"",
        "'a'",
        "'\\''",
        "L\"wide\"",
        "u8\"Задача\"",
        "R\"(raw \"quoted\" \\ text)\"",
        "R\"xy(a )\" b)xy\"",
    ] {
        is(c, s, &[(Token::String, s)]);
    }
    for n in ["1'000'000", "0x1F", "3.14f", "1e-3", "42ull"] {
        is(c, n, &[(Token::Number, n)]);
    }
    has(c, "std::future<int> f = std::async(work);", Token::Function, "async");
    has(c, "auto p = Promise(); // ждём", Token::Comment, "// ждём");
    has(c, "/* a /* b */ int", Token::Comment, "/* a /* b */");
    has(c, "/* a /* b */ int", Token::Keyword, "int");
}

#[test]
fn unterminated_strings_and_comments_run_to_the_end() {
    use CodeLang::*;
    for (lang, src) in [
        (Python, "\"abc\ndef"),
        (Python, "'''abc\n\ndef"),
        (Python, "f\"{x"),
        (Python, "'\\"),
        (Rust, "\"abc"),
        (Rust, "r##\"abc\"# x"),
        (Rust, "'\\u{1F600"),
        (Rust, "b\"\\"),
        (Rust, "/* a /* b */ c"),
        (Go, "`abc"),
        (Go, "/* Задача"),
        (Cpp, "R\"(abc)"),
        (Cpp, "'x"),
        (Cpp, "\"Задача"),
    ] {
        let out = pieces(lang, src);
        let (kind, last) = *out.last().unwrap();
        assert!(src.ends_with(last) && kind != Token::Plain, "{lang:?}: {out:?}");
        assert!(matches!(kind, Token::String | Token::Comment), "{lang:?}: {out:?}");
    }
    is(Rust, "#[derive(Debug", &[(Token::Attribute, "#[derive(Debug")]);
}

#[test]
fn cut_inputs_never_panic() {
    // Every prefix of a sample, as if typed character by character.
    for (lang, src) in [
        (CodeLang::Python, PYTHON),
        (CodeLang::Rust, RUST),
        (CodeLang::Go, GO),
        (CodeLang::Cpp, CPP),
    ] {
        for (i, _) in src.char_indices() {
            pieces(lang, &src[..i]);
            pieces(lang, &src[i..]);
        }
    }
}

/// A tiny deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "\"", "'", "r#\"", "\"#", "r", "b", "b'", "#", "#[", "#![", "]", "/*", "*/", "//", "/", "*",
    "\n", "\\", "f\"", "\"\"\"", "'''", "`", "R\"(", ")\"", "u8\"", "x", "Zed", "fn", "def",
    "chan", "0", "7", "1.5", "0x", "e-", ".", "..", "_", "!", "!=", "(", ")", "[", "@", " ",
    "\t", "'a", "'\\u{", "Задача", "ё", "🦀", "é", "字",
];

fn random_source(rng: &mut XorShift, fragments: usize) -> String {
    (0..fragments).map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())]).collect()
}

#[test]
fn random_inputs_are_given_back_exactly() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..4000 {
        let src = random_source(&mut rng, 1 + round % 40);
        for lang in LANGS {
            pieces(lang, &src);
        }
    }
}

#[test]
fn large_and_pathological_inputs_finish_quickly() {
    let mut rng = XorShift(42);
    let big = random_source(&mut rng, 120_000);
    assert!(big.len() > 200_000);
    // Inputs that a quadratic scanner would choke on.
    let hashes = format!("r{}\"", "#".repeat(100_000));
    let opens = "/*".repeat(100_000);
    let quotes = "'".repeat(200_000);
    let decorators = "@a.".repeat(50_000);
    let raw = format!("R\"{}", "(".repeat(100_000));
    for src in [&big, &hashes, &opens, &quotes, &decorators, &raw] {
        for lang in LANGS {
            pieces(lang, src);
        }
    }
}
