//! The abstract syntax tree of the Python 3.11 subset the interpreter runs.
//!
//! The shapes follow CPython's `ast` module (the names are the same, so
//! `python3 -c "import ast; print(ast.dump(ast.parse(src)))"` is a guide to
//! what the parser builds), with three deliberate differences:
//! - every statement and expression is a `{ kind, loc }` pair, so a location
//!   can never be forgotten when a node is built or rewritten;
//! - integer literals keep their digits (the syntax crate knows nothing of
//!   big integers; `asyncpy-num` turns the digits into a value);
//! - `async def`, `async for` and `async with` are a flag on the plain node
//!   instead of a node of their own, and `try`/`try*` are one node.
//!
//! The tree is plain owned data (`Box`, `Vec`, `String`): the compiler walks
//! it once and throws it away. Nodes are only ever added to this file, never
//! changed, because the compiler is written against it.

/// Where a node is in the source.
///
/// `line` and `end_line` are 1-based, as in CPython's tracebacks and
/// `SyntaxError.lineno`. `col` and `end_col` are 0-based and count
/// *characters* (Unicode scalar values) from the start of the line, so
/// `col + 1` is CPython's `SyntaxError.offset`. `end_col` is exclusive: the
/// node covers `col..end_col` on its last line. (CPython's `col_offset`
/// counts UTF-8 bytes; for ASCII sources the two agree.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Loc {
    /// First line of the node, 1-based.
    pub line: usize,
    /// Column of the node's first character, 0-based, in characters.
    pub col: usize,
    /// Last line of the node, 1-based.
    pub end_line: usize,
    /// Column just after the node's last character, 0-based, in characters.
    pub end_col: usize,
}

impl Loc {
    /// The smallest location covering both `self` and `other` (which must
    /// come later in the source).
    pub fn to(self, other: Loc) -> Loc {
        Loc { line: self.line, col: self.col, end_line: other.end_line, end_col: other.end_col }
    }
}

/// An identifier: a variable, attribute, parameter or module-part name.
pub type Ident = String;

/// A whole source file: what `parse_module` returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The top-level statements, in order.
    pub body: Vec<Stmt>,
}

/// A statement with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Where it is; for `def` and `class` this is the `def`/`class` keyword's
    /// line (as CPython 3.8+), not the first decorator's.
    pub loc: Loc,
}

/// The statements of the language.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `def f(...): ...` or `async def f(...): ...`.
    FunctionDef(Box<FunctionDef>),
    /// `class C(...): ...`.
    ClassDef(Box<ClassDef>),
    /// `return` or `return value`.
    Return(Option<Expr>),
    /// `del a, b[0], c.d`; targets carry `ExprContext::Del`.
    Delete(Vec<Expr>),
    /// `a = b = value`: one entry in `targets` per `=`, left to right; every
    /// target carries `ExprContext::Store`.
    Assign {
        /// The targets, leftmost first.
        targets: Vec<Expr>,
        /// The right-hand side (a `Tuple` for `a = 1, 2`).
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// A `Name`, `Attribute` or `Subscript` in `Store` context.
        target: Expr,
        /// The operator without the `=`.
        op: Operator,
        /// The right-hand side.
        value: Expr,
    },
    /// `target: annotation` or `target: annotation = value`.
    AnnAssign {
        /// A `Name`, `Attribute` or `Subscript` in `Store` context.
        target: Expr,
        /// The annotation expression (the compiler may ignore it).
        annotation: Expr,
        /// The value, if any.
        value: Option<Expr>,
        /// True for a bare name not in parentheses (`x: int`), as CPython.
        simple: bool,
    },
    /// `for target in iter: body else: orelse`, `async for` when `is_async`.
    For {
        /// True for `async for`.
        is_async: bool,
        /// The loop target, in `Store` context.
        target: Expr,
        /// The iterable.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else:` block (empty when absent).
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        /// The condition.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else:` block (empty when absent).
        orelse: Vec<Stmt>,
    },
    /// `if test: body elif ...: ... else: ...`; an `elif` is an `If` alone in
    /// the `orelse` of the previous one, as in CPython.
    If {
        /// The condition.
        test: Expr,
        /// The `if` block.
        body: Vec<Stmt>,
        /// The `elif`/`else` part (empty when absent).
        orelse: Vec<Stmt>,
    },
    /// `with a as b, c: body`, `async with` when `is_async`.
    With {
        /// True for `async with`.
        is_async: bool,
        /// The context managers, left to right.
        items: Vec<WithItem>,
        /// The block.
        body: Vec<Stmt>,
    },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        /// The exception, absent for a bare re-raise.
        exc: Option<Expr>,
        /// The `from` part.
        cause: Option<Expr>,
    },
    /// `try: ... except ...: ... else: ... finally: ...`; `try ... except*`
    /// when `is_star`.
    Try {
        /// The `try:` block.
        body: Vec<Stmt>,
        /// The `except` clauses, in order.
        handlers: Vec<ExceptHandler>,
        /// The `else:` block (empty when absent).
        orelse: Vec<Stmt>,
        /// The `finally:` block (empty when absent).
        finalbody: Vec<Stmt>,
        /// True when the handlers are `except*` clauses.
        is_star: bool,
    },
    /// `assert test` or `assert test, msg`.
    Assert {
        /// The condition.
        test: Expr,
        /// The message expression.
        msg: Option<Expr>,
    },
    /// `import a.b.c as d, e`.
    Import(Vec<Alias>),
    /// `from ..a.b import c as d, e` or `from a import *`.
    ImportFrom {
        /// The dotted module name without the leading dots; `None` for
        /// `from . import x`.
        module: Option<String>,
        /// The imported names; a single alias named `*` for a star import.
        names: Vec<Alias>,
        /// The number of leading dots (0 for an absolute import).
        level: usize,
    },
    /// `global a, b`.
    Global(Vec<Ident>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Ident>),
    /// An expression evaluated for its effect (a call, a docstring, ...).
    Expr(Expr),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// A function definition: `def` or `async def`, with or without decorators.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// True for `async def`.
    pub is_async: bool,
    /// The function's name.
    pub name: Ident,
    /// Its parameters.
    pub args: Arguments,
    /// Its body; a docstring is a leading `Expr` statement holding a `Str`.
    pub body: Vec<Stmt>,
    /// The decorators, top to bottom (applied bottom to top).
    pub decorator_list: Vec<Expr>,
    /// The `-> annotation`, if any.
    pub returns: Option<Expr>,
}

/// A class definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The class's name.
    pub name: Ident,
    /// The positional arguments between the parentheses (the bases; may
    /// include `Starred`).
    pub bases: Vec<Expr>,
    /// The keyword arguments between the parentheses (`metaclass=...`,
    /// `**kw`).
    pub keywords: Vec<Keyword>,
    /// The class body.
    pub body: Vec<Stmt>,
    /// The decorators, top to bottom.
    pub decorator_list: Vec<Expr>,
}

/// An expression with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is. A parenthesized expression's location excludes the
    /// parentheses, except for a tuple, whose location includes them
    /// (as CPython's).
    pub loc: Loc,
}

/// The expressions of the language.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `a and b and c` (`values` has two or more entries).
    BoolOp {
        /// `and` or `or`.
        op: BoolOp,
        /// The operands, left to right.
        values: Vec<Expr>,
    },
    /// `target := value`.
    NamedExpr {
        /// A `Name` in `Store` context.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// `left op right`.
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: Operator,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand` (`not x`, `-x`, `+x`, `~x`).
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `lambda args: body`.
    Lambda {
        /// The parameters (never annotated).
        args: Box<Arguments>,
        /// The body expression.
        body: Box<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// The value when true.
        body: Box<Expr>,
        /// The value when false.
        orelse: Box<Expr>,
    },
    /// `{k: v, **d}`: a `None` key marks a `**d` entry whose mapping is the
    /// matching value.
    Dict {
        /// The keys; `None` for `**mapping`.
        keys: Vec<Option<Expr>>,
        /// The values (same length as `keys`).
        values: Vec<Expr>,
    },
    /// `{a, b, *c}` (never empty: `{}` is a `Dict`).
    Set(Vec<Expr>),
    /// `[elt for ...]`.
    ListComp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses, left to right.
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`.
    SetComp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses, left to right.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`.
    DictComp {
        /// The key expression.
        key: Box<Expr>,
        /// The value expression.
        value: Box<Expr>,
        /// The `for`/`if` clauses, left to right.
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`, also the sole argument of a call `f(x for x in y)`.
    GeneratorExp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses, left to right.
        generators: Vec<Comprehension>,
    },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield` or `yield value`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// `left op1 c1 op2 c2 ...` (a chain: `a < b < c`).
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// The operators (same length as `comparators`, at least one).
        ops: Vec<CmpOp>,
        /// The operands after each operator.
        comparators: Vec<Expr>,
    },
    /// `func(args..., keywords...)`.
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional arguments, including `Starred` for `*args`.
        args: Vec<Expr>,
        /// Keyword arguments, including `arg: None` for `**kwargs`.
        keywords: Vec<Keyword>,
    },
    /// One `{value!conversion:format_spec}` of an f-string; only ever inside
    /// a `JoinedStr` (or a format spec's `JoinedStr`).
    FormattedValue {
        /// The expression between the braces.
        value: Box<Expr>,
        /// `!s`, `!r` or `!a`; `f"{x=}"` without a spec gets `Repr`.
        conversion: Option<Conversion>,
        /// The part after `:`, always a `JoinedStr` when present.
        format_spec: Option<Box<Expr>>,
    },
    /// An f-string (after implicit concatenation with its neighbours): its
    /// parts are `Constant(Str)` and `FormattedValue`, never two adjacent
    /// `Str`s, never an empty `Str`.
    JoinedStr(Vec<Expr>),
    /// A literal: number, string, bytes, `None`, `True`, `False`, `...`.
    Constant(Constant),
    /// `value.attr`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        attr: Ident,
        /// Load, store or delete.
        ctx: ExprContext,
    },
    /// `value[slice]`; `a[1:2]` has a `Slice` as `slice`, `a[1, 2]` a
    /// `Tuple`, `a[1:2, 3]` a `Tuple` holding a `Slice`.
    Subscript {
        /// The object.
        value: Box<Expr>,
        /// The index expression.
        slice: Box<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
    },
    /// `*value` in a display, a call, or an assignment target.
    Starred {
        /// The starred expression.
        value: Box<Expr>,
        /// Load, or store in a target.
        ctx: ExprContext,
    },
    /// A variable.
    Name {
        /// Its name.
        id: Ident,
        /// Load, store or delete.
        ctx: ExprContext,
    },
    /// `[a, b]`.
    List {
        /// The elements.
        elts: Vec<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
    },
    /// `(a, b)` or `a, b`.
    Tuple {
        /// The elements.
        elts: Vec<Expr>,
        /// Load, store or delete.
        ctx: ExprContext,
    },
    /// `lower:upper:step`, only directly inside a `Subscript`'s slice (or a
    /// `Tuple` there).
    Slice {
        /// The start, if written.
        lower: Option<Box<Expr>>,
        /// The stop, if written.
        upper: Option<Box<Expr>>,
        /// The step, if written.
        step: Option<Box<Expr>>,
    },
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An integer literal.
    Int(IntLit),
    /// A float literal (`1.5`, `1e3`, `1_0.0`), correctly rounded.
    Float(f64),
    /// An imaginary literal `2j`: the imaginary part.
    Imaginary(f64),
    /// A string literal after escapes and implicit concatenation. A lone
    /// surrogate escape (`"\ud800"`) becomes U+FFFD, since a Rust `String`
    /// cannot hold one.
    Str(String),
    /// A bytes literal after escapes and implicit concatenation.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// An integer literal as written, ready for a big-integer parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntLit {
    /// The value when it fits an `i64` (the common case: no big-int work).
    pub small: Option<i64>,
    /// 10, 16, 8 or 2.
    pub radix: u32,
    /// The digits in `radix`, without prefix, underscores or sign (never
    /// empty; leading zeros possible, e.g. `0x00ff` gives `00ff`).
    pub digits: String,
}

/// Whether an expression is read, assigned, or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExprContext {
    /// Read.
    Load,
    /// Assigned to (targets of `=`, `for`, `with ... as`, `except ... as`,
    /// comprehensions, `:=`).
    Store,
    /// Deleted (`del`).
    Del,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary (and augmented-assignment) operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mult,
    /// `@`
    MatMult,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `//`
    FloorDiv,
}

impl Operator {
    /// The operator as written (`"+"`, `"//"`), for error messages such as
    /// `unsupported operand type(s) for +: ...`.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Add => "+",
            Operator::Sub => "-",
            Operator::Mult => "*",
            Operator::MatMult => "@",
            Operator::Div => "/",
            Operator::Mod => "%",
            Operator::Pow => "**",
            Operator::LShift => "<<",
            Operator::RShift => ">>",
            Operator::BitOr => "|",
            Operator::BitXor => "^",
            Operator::BitAnd => "&",
            Operator::FloorDiv => "//",
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `~`
    Invert,
    /// `not`
    Not,
    /// unary `+`
    UAdd,
    /// unary `-`
    USub,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

impl CmpOp {
    /// The operator as written (`"<="`, `"not in"`).
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

/// The conversion of an f-string replacement field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// `!s`: `str()`.
    Str,
    /// `!r`: `repr()`.
    Repr,
    /// `!a`: `ascii()`.
    Ascii,
}

/// One `for target in iter if cond ...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// The loop target, in `Store` context.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters of this clause, in order.
    pub ifs: Vec<Expr>,
    /// True for `async for`.
    pub is_async: bool,
}

/// The parameters of a `def` or `lambda`, as CPython's `ast.arguments`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arguments {
    /// Parameters before `/`.
    pub posonlyargs: Vec<Arg>,
    /// Ordinary parameters (after `/`, before `*`).
    pub args: Vec<Arg>,
    /// `*args`, if present.
    pub vararg: Option<Arg>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonlyargs: Vec<Arg>,
    /// One entry per keyword-only parameter: its default, if any.
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs`, if present.
    pub kwarg: Option<Arg>,
    /// Defaults of the last `defaults.len()` of `posonlyargs ++ args`.
    pub defaults: Vec<Expr>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Its name.
    pub arg: Ident,
    /// Its annotation, if any (never for lambda).
    pub annotation: Option<Box<Expr>>,
    /// Where the parameter (name and annotation) is.
    pub loc: Loc,
}

/// A keyword argument of a call or class statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The keyword; `None` for `**mapping`.
    pub arg: Option<Ident>,
    /// The value (or the mapping).
    pub value: Expr,
    /// Where the whole `name=value` / `**mapping` is.
    pub loc: Loc,
}

/// A name in an `import` or `from ... import`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The (possibly dotted) name imported, or `*`.
    pub name: String,
    /// The `as` name, if any.
    pub asname: Option<Ident>,
    /// Where the alias is.
    pub loc: Loc,
}

/// One `context_expr as optional_vars` of a `with` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The `as` target, in `Store` context.
    pub optional_vars: Option<Expr>,
}

/// One `except` (or `except*`) clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// The exception type expression; `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// The `as` name, if any.
    pub name: Option<Ident>,
    /// The handler's block.
    pub body: Vec<Stmt>,
    /// Where the clause is (from `except` to the end of its block).
    pub loc: Loc,
}
