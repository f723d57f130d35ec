//! Python 3.11 source to an AST, with CPython's syntax errors.
//!
//! ```
//! let module = asyncpy_syntax::parse_module("print(f'{1 + 2 = }')\n").unwrap();
//! assert_eq!(module.body.len(), 1);
//! let err = asyncpy_syntax::parse_module("x = (1,\n").unwrap_err();
//! assert_eq!(err.msg, "'(' was never closed");
//! ```
//!
//! Three stages: [`lexer`] turns text into tokens (with INDENT/DEDENT from a
//! stack of indentation widths, as Ruff's lexer does); the parser turns
//! tokens into the [`ast`] ([`parser`] holds the entry points and shared
//! machinery, `stmt` the statements, `expr` the expressions with one
//! precedence-climbing loop, `fstring` the string literals); and [`check`]
//! finds the errors CPython's compiler (not its parser) reports, such as
//! `'return' outside function`. [`walk`] visits a tree without recursion.
//!
//! Nothing here recurses on the input: statements and expressions are
//! parsed with explicit stacks, trees deeper than [`MAX_DEPTH`] are refused
//! with CPython's `RecursionError`, and nesting deeper than CPython's
//! tokenizer allows (200 brackets, 100 blocks) is its `SyntaxError`. Parsing
//! needs about 128 KiB of stack in a debug build, whatever the input.
#![forbid(unsafe_code)]

pub mod ast;
pub mod check;
mod error;
mod expr;
mod fstring;
pub mod lexer;
pub mod parser;
mod stmt;
pub mod walk;

pub use error::{ErrorKind, SyntaxError};
pub use parser::{parse_expression, parse_module, parse_module_with, ParseOptions, MAX_DEPTH};
