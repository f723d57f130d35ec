//! Python's numbers, as CPython 3.11 computes and prints them.
//!
//! The interpreter never does number arithmetic itself: every `int` and
//! `float` operation goes through this crate so that results, error messages
//! and printed forms are CPython's byte for byte.
//!
//! - [`Int`]: an arbitrary-precision integer, `Small(i64)` whenever the value
//!   fits (the fast path), otherwise a heap [`BigInt`]. Every result is
//!   normalized, so derived equality and hashing are value equality.
//! - [`mod@float`]: `repr(float)`, `float()` parsing, floor division, modulo,
//!   power, `round`, hashing and int/float comparison with CPython's rules.
//! - [`mod@format`]: the format-spec mini-language (`format(x, spec)`,
//!   f-string `{x:spec}`) and `printf`-style `%` conversions, and
//!   [`str_repr`] (a `str`'s `repr`, which error messages quote).
//!
//! Everything is checked against CPython 3.11 by the differential tests in
//! `tests/` (random ints, floats, strings and specs; `tests/oracle.py` is
//! the CPython side, spawned once per test).
//!
//! Errors are [`NumError`] values carrying CPython's exact message; the VM
//! turns them into Python exceptions. Nothing here panics on any input, and
//! no int result may exceed [`MAX_BITS`] bits (the VM raises `MemoryError`),
//! so `2 ** 10**10` is refused at once instead of being computed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bigint;
pub mod float;
pub mod format;
mod int;

pub use bigint::BigInt;
pub use float::{
    float_as_integer_ratio, float_divmod, float_floordiv, float_hash, float_mod, float_pow,
    float_repr, float_truediv, int_float_cmp, int_float_eq, parse_float, round_f64,
};
pub use format::{
    format_float, format_int, format_int_as, format_str, parse_percent, percent_format_float,
    percent_format_int, percent_format_str, str_repr, PercentCount, PercentItem, PercentSpec,
    MAX_FORMAT_WIDTH,
};
pub use int::Int;

/// The largest number of bits an int result may have (16 Mi bits, about
/// 5 million decimal digits). Larger results are [`NumError::Memory`]: the
/// page must never freeze computing `2 ** 10**10`.
pub const MAX_BITS: u64 = 1 << 24;

/// CPython 3.11's default `sys.get_int_max_str_digits()`: converting an int
/// with more decimal digits to `str`, or parsing a longer decimal string, is
/// a `ValueError`. Power-of-two bases (2, 4, 8, 16, 32) are not limited.
pub const MAX_STR_DIGITS: usize = 4300;

/// A failed number operation: the Python exception type to raise and its
/// message, exactly as CPython 3.11 words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumError {
    /// `ZeroDivisionError(msg)`, e.g. "integer division or modulo by zero".
    ZeroDivision(String),
    /// `OverflowError(msg)`, e.g. "int too large to convert to float".
    Overflow(String),
    /// `ValueError(msg)`, e.g. "negative shift count".
    Value(String),
    /// `MemoryError()` (no message): an int result beyond [`MAX_BITS`].
    Memory,
}

impl NumError {
    /// The Python exception class name this error becomes.
    pub fn type_name(&self) -> &'static str {
        match self {
            NumError::ZeroDivision(_) => "ZeroDivisionError",
            NumError::Overflow(_) => "OverflowError",
            NumError::Value(_) => "ValueError",
            NumError::Memory => "MemoryError",
        }
    }

    /// The exception's message (`str(exc)`); empty for `MemoryError`.
    pub fn message(&self) -> &str {
        match self {
            NumError::ZeroDivision(m) | NumError::Overflow(m) | NumError::Value(m) => m,
            NumError::Memory => "",
        }
    }
}

impl std::fmt::Display for NumError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message())
    }
}

/// The result of an operation whose Python type depends on its operands:
/// `int ** negative int` and `round(float)` without `ndigits`.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    /// A Python `int`.
    Int(Int),
    /// A Python `float`.
    Float(f64),
}

/// Shorthand for the results of this crate.
pub type NumResult<T> = Result<T, NumError>;

/// `ValueError(msg)`.
pub(crate) fn value_err<T>(msg: impl Into<String>) -> NumResult<T> {
    Err(NumError::Value(msg.into()))
}

/// `OverflowError(msg)`.
pub(crate) fn overflow_err<T>(msg: impl Into<String>) -> NumResult<T> {
    Err(NumError::Overflow(msg.into()))
}

/// `ZeroDivisionError(msg)`.
pub(crate) fn zero_div_err<T>(msg: impl Into<String>) -> NumResult<T> {
    Err(NumError::ZeroDivision(msg.into()))
}
