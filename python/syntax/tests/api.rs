//! The public API: what the compiler relies on.

use asyncpy_syntax::ast::*;
use asyncpy_syntax::{parse_expression, parse_module, parse_module_with, ErrorKind, ParseOptions};

fn body(src: &str) -> Vec<Stmt> {
    parse_module(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}")).body
}

fn value(src: &str) -> Expr {
    parse_expression(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
}

#[test]
fn locations_are_one_based_lines_and_zero_based_character_columns() {
    let b = body("x = 1\nif x:\n    y = 'é' + zz\n");
    assert_eq!(b[0].loc, Loc { line: 1, col: 0, end_line: 1, end_col: 5 });
    let StmtKind::If { body: inner, .. } = &b[1].kind else { panic!() };
    let StmtKind::Assign { value, .. } = &inner[0].kind else { panic!() };
    let ExprKind::BinOp { right, .. } = &value.kind else { panic!() };
    // Columns count characters: `'é'` is 3 characters.
    assert_eq!((right.loc.line, right.loc.col, right.loc.end_col), (3, 14, 16));
    assert_eq!(b[1].loc.end_line, 3);
}

#[test]
fn operators_bind_as_in_python() {
    // -2**2 == -(2**2); 2**-1; a ** b ** c is right-associative.
    let ExprKind::UnaryOp { op: UnaryOp::USub, operand } = value("-2**2").kind else { panic!() };
    assert!(matches!(operand.kind, ExprKind::BinOp { op: Operator::Pow, .. }));
    let ExprKind::BinOp { right, .. } = value("a ** b ** c").kind else { panic!() };
    assert!(matches!(right.kind, ExprKind::BinOp { op: Operator::Pow, .. }));
    let ExprKind::BinOp { left, op: Operator::Sub, .. } = value("a - b - c").kind else { panic!() };
    assert!(matches!(left.kind, ExprKind::BinOp { op: Operator::Sub, .. }));
    let ExprKind::BoolOp { op: BoolOp::Or, values } = value("a and b or not c == d").kind else {
        panic!()
    };
    assert!(matches!(values[0].kind, ExprKind::BoolOp { op: BoolOp::And, .. }));
    assert!(matches!(values[1].kind, ExprKind::UnaryOp { op: UnaryOp::Not, .. }));
    let ExprKind::Compare { ops, .. } = value("a < b is not c not in d").kind else { panic!() };
    assert_eq!(ops, vec![CmpOp::Lt, CmpOp::IsNot, CmpOp::NotIn]);
    assert!(matches!(value("await x ** 2").kind, ExprKind::BinOp { op: Operator::Pow, .. }));
    assert!(matches!(value("x if c else y").kind, ExprKind::IfExp { .. }));
    assert!(matches!(value("lambda a, *b, c=1, **d: a").kind, ExprKind::Lambda { .. }));
}

#[test]
fn integer_literals_keep_their_digits() {
    let ExprKind::Constant(Constant::Int(i)) = value("0x_ff").kind else { panic!() };
    assert_eq!((i.small, i.radix, i.digits.as_str()), (Some(255), 16, "ff"));
    let ExprKind::Constant(Constant::Int(i)) = value("123_456_789_012_345_678_901_234").kind else {
        panic!()
    };
    assert_eq!((i.small, i.radix, i.digits.as_str()), (None, 10, "123456789012345678901234"));
    assert_eq!(value("1e-5").kind, ExprKind::Constant(Constant::Float(1e-5)));
    assert_eq!(value("2j").kind, ExprKind::Constant(Constant::Imaginary(2.0)));
}

#[test]
fn strings_are_decoded_and_joined() {
    assert_eq!(
        value(r#"'a\n' "b\x41" '\u00e9'"#).kind,
        ExprKind::Constant(Constant::Str("a\nbA\u{e9}".into()))
    );
    assert_eq!(
        value(r"b'\x00a' b'b'").kind,
        ExprKind::Constant(Constant::Bytes(vec![0, b'a', b'b']))
    );
    assert_eq!(value(r"r'\n'").kind, ExprKind::Constant(Constant::Str("\\n".into())));
}

#[test]
fn fstrings_become_joined_strings() {
    let ExprKind::JoinedStr(parts) = value(r#"f"a{x!r:>{w}}b{y=}" 'c'"#).kind else { panic!() };
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[0].kind, ExprKind::Constant(Constant::Str("a".into())));
    let ExprKind::FormattedValue { conversion, format_spec, .. } = &parts[1].kind else { panic!() };
    assert_eq!(*conversion, Some(Conversion::Repr));
    let Some(spec) = format_spec else { panic!() };
    let ExprKind::JoinedStr(spec) = &spec.kind else { panic!() };
    assert_eq!(spec.len(), 2);
    // `{y=}`: the text "y=" then y with repr, then the literal "c".
    assert_eq!(parts[2].kind, ExprKind::Constant(Constant::Str("by=".into())));
    let ExprKind::FormattedValue { value: y, conversion, .. } = &parts[3].kind else { panic!() };
    assert_eq!(*conversion, Some(Conversion::Repr));
    // The expression's location is where it is in the source.
    assert_eq!((y.loc.line, y.loc.col), (1, 15));
    assert_eq!(parts[4].kind, ExprKind::Constant(Constant::Str("c".into())));
}

#[test]
fn async_constructs_are_flags() {
    let b = body(
        "async def f():\n    async with a as b:\n        async for x in y:\n            await x\n",
    );
    let StmtKind::FunctionDef(f) = &b[0].kind else { panic!() };
    assert!(f.is_async);
    let StmtKind::With { is_async: true, body, .. } = &f.body[0].kind else { panic!() };
    assert!(matches!(body[0].kind, StmtKind::For { is_async: true, .. }));
}

#[test]
fn top_level_await_is_the_compilers_choice() {
    let src = "import asyncio\nawait main()\n";
    let e = parse_module(src).expect_err("CPython's default");
    assert_eq!(e.msg, "'await' outside function");
    assert_eq!((e.line, e.col, e.end_col), (2, 1, 13));
    let opts = ParseOptions { top_level_await: true, ..ParseOptions::default() };
    parse_module_with(src, opts).expect("allowed");
    let opts = ParseOptions { compiler_checks: false, ..ParseOptions::default() };
    let m = parse_module_with(src, opts).expect("unchecked");
    let e = asyncpy_syntax::check::check(&m, src, false).expect_err("checked later");
    assert_eq!(e.msg, "'await' outside function");
}

#[test]
fn errors_carry_cpythons_fields() {
    let e = parse_module("def f():\n    x = (1,\n    return x\n").expect_err("bad");
    assert_eq!(e.kind, ErrorKind::SyntaxError);
    assert_eq!(e.msg, "'(' was never closed");
    assert_eq!((e.line, e.col, e.end_line, e.end_col), (2, 9, 2, 0));
    assert_eq!(e.text, "    x = (1,");
    let e = parse_module("if x:\npass\n").expect_err("bad");
    assert_eq!(e.kind, ErrorKind::IndentationError);
    assert_eq!(e.msg, "expected an indented block after 'if' statement on line 1");
    let e = parse_module("if x:\n\tif y:\n        pass\n").expect_err("bad");
    assert_eq!(e.kind, ErrorKind::TabError);
    assert_eq!(
        e.to_string(),
        "TabError: inconsistent use of tabs and spaces in indentation (line 3)"
    );
}

#[test]
fn line_endings_tabs_and_bom() {
    let a = body("if x:\r\n    y = 1\r\nz = 2\r\n");
    let b = body("if x:\n    y = 1\nz = 2\n");
    assert_eq!(a, b);
    body("\u{feff}x = 1\n");
    body("if x:\n\ty = 1\n\tz = 2\n");
    body("x = 1 \\\n    + 2\n");
    body("x = (1 +\n\n  # comment\n 2)\n");
    body("");
    body("\n\n# only a comment\n");
}

#[test]
fn a_megabyte_parses_quickly() {
    let cell = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/lecture.py.txt"
    ))
    .expect("corpus")
    .replace("\n#----\n", "\n")
    .replace("await main()\n", "");
    let mut src = String::new();
    while src.len() < 1_000_000 {
        src.push_str(&cell);
        src.push('\n');
    }
    let t = std::time::Instant::now();
    let m = parse_module(&src).expect("parses");
    let elapsed = t.elapsed();
    eprintln!("{} bytes, {} statements in {elapsed:?}", src.len(), m.body.len());
    // Unoptimized builds are several times slower than release ones
    // (about 0.1 s per megabyte).
    let limit = if cfg!(debug_assertions) { 5.0 } else { 0.5 };
    assert!(elapsed.as_secs_f64() < limit, "took {elapsed:?}");
}
