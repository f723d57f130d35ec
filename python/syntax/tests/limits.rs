//! Deep nesting never overflows the Rust stack: every test here parses in
//! a thread with a 256 KiB stack (smaller than WebAssembly's default 1 MiB)
//! and gets either a tree or CPython's error for the same input.

use asyncpy_syntax::{parse_module, ErrorKind, SyntaxError};

const SMALL_STACK: usize = 256 * 1024;

/// Parses `src` (and drops the result) on a thread with a small stack.
fn parse_small(src: String) -> Result<(), SyntaxError> {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || parse_module(&src).map(drop))
        .expect("spawn")
        .join()
        .expect("parser thread must not overflow or panic")
}

fn nested(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("x = {}{}{}\n", open.repeat(n), inner, close.repeat(n))
}

fn assert_recursion_error(src: String) {
    let e = parse_small(src).expect_err("too deep");
    assert_eq!(e.kind, ErrorKind::RecursionError, "{e:?}");
    assert_eq!(e.msg, "maximum recursion depth exceeded during compilation");
}

#[test]
fn two_hundred_brackets_parse() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("f(", ")"), ("a[", "]")] {
        parse_small(nested(open, "1", close, 200)).unwrap_or_else(|e| panic!("{open}: {e:?}"));
    }
    parse_small(nested("{1: ", "1", "}", 200)).expect("dicts");
    parse_small(nested("[", "", "]", 200)).expect("empty lists");
}

#[test]
fn brackets_past_two_hundred_are_cpythons_error() {
    for n in [201, 1000, 100_000] {
        let e = parse_small(nested("(", "1", ")", n)).expect_err("too deep");
        assert_eq!(e.kind, ErrorKind::SyntaxError);
        assert_eq!(e.msg, "too many nested parentheses");
        assert_eq!((e.line, e.col, e.end_col), (1, 205, 205));
    }
}

#[test]
fn one_hundred_blocks_is_the_indentation_limit() {
    let blocks = |n: usize| -> String {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&" ".repeat(i));
            s.push_str("if x:\n");
        }
        s.push_str(&" ".repeat(n));
        s.push_str("pass\n");
        s
    };
    parse_small(blocks(99)).expect("99 blocks");
    let e = parse_small(blocks(100)).expect_err("100 blocks");
    assert_eq!(e.kind, ErrorKind::IndentationError);
    assert_eq!(e.msg, "too many levels of indentation");
    assert_eq!((e.line, e.col, e.end_col), (101, 1, 0));
    let e = parse_small(blocks(1000)).expect_err("1000 blocks");
    assert_eq!(e.msg, "too many levels of indentation");
}

#[test]
fn long_chains_parse_up_to_the_limit() {
    for n in [100, 500, 900] {
        parse_small(format!("x = {}1\n", "-".repeat(n))).expect("unary");
        parse_small(format!("x = {}1\n", "not ".repeat(n))).expect("not");
        parse_small(format!("x = 1{}\n", " + 1".repeat(n))).expect("sum");
        parse_small(format!("x = a{}\n", ".b".repeat(n))).expect("attributes");
        parse_small(format!("x = f{}\n", "()".repeat(n))).expect("calls");
        parse_small(format!("x = 2{}\n", " ** 2".repeat(n))).expect("powers");
        parse_small(format!("x = {}0\n", "1 if 2 else ".repeat(n))).expect("conditionals");
        parse_small(format!("if x: pass\n{}", "elif x: pass\n".repeat(n))).expect("elifs");
    }
}

#[test]
fn very_deep_expressions_are_a_recursion_error() {
    for n in [2_000, 10_000, 200_000] {
        assert_recursion_error(format!("x = {}1\n", "-".repeat(n)));
        assert_recursion_error(format!("x = {}1\n", "~+-".repeat(n / 3)));
        assert_recursion_error(format!("x = {}1\n", "not ".repeat(n)));
        assert_recursion_error(format!("x = 1{}\n", " + 1".repeat(n)));
        assert_recursion_error(format!("x = a{}\n", ".b".repeat(n)));
        assert_recursion_error(format!("x = f{}\n", "()".repeat(n)));
        assert_recursion_error(format!("x = a{}\n", "[0]".repeat(n)));
        assert_recursion_error(format!("x = 2{}\n", " ** 2".repeat(n)));
        assert_recursion_error(format!("x = 2{}\n", " ** -2".repeat(n)));
        assert_recursion_error(format!("x = {}0\n", "1 if 2 else ".repeat(n)));
        assert_recursion_error(format!("x = {}0\n", "lambda: ".repeat(n)));
        assert_recursion_error(format!("if x: pass\n{}", "elif x: pass\n".repeat(n)));
    }
}

#[test]
fn deep_expressions_with_a_later_error_do_not_overflow() {
    // The partial tree is dropped while the error propagates.
    for n in [500, 900, 5000] {
        let _ = parse_small(format!("x = {}1 +\n", "-".repeat(n)));
        let _ = parse_small(format!("x = a{} +\n", ".b".repeat(n)));
        let _ = parse_small(format!(
            "x = [{}]]\n",
            "(-".repeat(150).to_string() + "1" + &")".repeat(150)
        ));
        let _ = parse_small(format!("x = 1{} = 2\n", " + 1".repeat(n)));
    }
}

#[test]
fn brackets_and_chains_combined_stay_bounded() {
    // 200 brackets, each with a chain inside: the depth passes the limit.
    let mut s = String::from("x = ");
    for _ in 0..200 {
        s.push_str("-----(");
    }
    s.push('1');
    s.push_str(&")".repeat(200));
    s.push('\n');
    assert_recursion_error(s);
    let mut s = String::from("x = ");
    for _ in 0..150 {
        s.push_str("f(a.b.c.d.e");
    }
    s.push_str(&")".repeat(150));
    s.push('\n');
    let _ = parse_small(s);
}

#[test]
fn deep_nested_fstrings_and_lambdas() {
    parse_small("x = f'{f\"{1}\"}'\n".to_string()).expect("nested f-string");
    let e = parse_small(format!("x = {}0{}\n", "(lambda: ".repeat(150), ")".repeat(150)));
    assert!(e.is_ok(), "{e:?}");
    parse_small(format!("x = {}0\n", "lambda: ".repeat(400))).expect("400 lambdas");
    assert_recursion_error(format!("x = {}0\n", "lambda: ".repeat(2000)));
}
