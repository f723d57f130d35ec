//! Python's `float`: its `repr`, `float()` parsing, the operators whose
//! results or errors differ from IEEE's (floor division, modulo, power),
//! `round`, hashing and exact comparison with ints.
//!
//! Decimal digits come from Rust's float formatting, which is exact: `{:e}`
//! gives the shortest digits that round-trip (what CPython's `dtoa` mode 0
//! gives), `{:.Ne}` and `{:.N}` round the exact binary value half to even
//! (CPython's modes 2 and 3). `layout` then places them as CPython's
//! `format_float_short` does, so `repr`, `str`, `format` and `%` agree.

use crate::int::Int;
use crate::{overflow_err, value_err, zero_div_err, NumResult, Number};
use std::cmp::Ordering;

/// How `dtoa` picks digits: CPython's modes 0, 2 and 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DigitMode {
    /// The shortest digits that round-trip (mode 0, for `repr`).
    Shortest,
    /// This many significant digits, at least 1 (mode 2, for `e` and `g`).
    Significant(usize),
    /// This many digits after the decimal point (mode 3, for `f`).
    Fixed(usize),
}

/// The decimal digits of a finite, non-negative `x` as CPython's `_Py_dg_dtoa`
/// returns them: no leading or trailing zeros (except `"0"` for zero), and
/// `decpt` such that the value is `0.DIGITS * 10**decpt`. A value that
/// rounds to zero in fixed mode gives no digits and `decpt == -ndigits`.
pub(crate) fn dtoa(x: f64, mode: DigitMode) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    match mode {
        DigitMode::Shortest | DigitMode::Significant(_) => {
            let s = match mode {
                DigitMode::Significant(n) => format!("{:.*e}", n.max(1) - 1, x),
                _ => shortest(x),
            };
            let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i64 = exp.parse().unwrap_or(0);
            let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
            while digits.len() > 1 && digits.last() == Some(&b'0') {
                digits.pop();
            }
            (digits, exp + 1)
        }
        DigitMode::Fixed(n) => {
            let s = format!("{:.*}", n, x);
            let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
            let mut digits: Vec<u8> = int_part.bytes().chain(frac.bytes()).collect();
            let mut decpt = int_part.len() as i64;
            let lead = digits.iter().take_while(|&&d| d == b'0').count();
            digits.drain(..lead);
            decpt -= lead as i64;
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            if digits.is_empty() {
                decpt = -(n as i64);
            }
            (digits, decpt)
        }
    }
}

/// The shortest round-tripping digits in `{:e}` form, choosing among equally
/// short candidates the one nearest `x`, ties to even, as CPython's `dtoa`
/// does: Rust's shortest mode may pick the other candidate of an exact tie
/// (`79727906524541.125` is printed `...41.12` by CPython), so the
/// correctly rounded string of the same length is preferred whenever it
/// also round-trips.
fn shortest(x: f64) -> String {
    let s = format!("{x:e}");
    let (mant, _) = s.split_once('e').unwrap_or((&s, ""));
    let n = mant.bytes().filter(u8::is_ascii_digit).count();
    // Two candidates of n digits can both round-trip only when their
    // spacing, 10**-n relative, is below an ulp: n >= 16.
    if n < 16 {
        return s;
    }
    let exact = format!("{:.*e}", n.max(1) - 1, x);
    if exact != s && exact.parse::<f64>() == Ok(x) {
        exact
    } else {
        s
    }
}

/// The presentation of [`layout`]: CPython's `format_code` plus flags.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Layout {
    /// `e`, `f`, `g` or `r` (repr).
    pub code: u8,
    /// Digits after the point (`e`, `f`) or significant digits (`g`).
    pub precision: usize,
    /// Upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
    /// `#`: keep the decimal point and (for `g`) trailing zeros.
    pub alt: bool,
    /// Type omitted: `1.0` rather than `1`, exponent from `precision - 1`.
    pub add_dot_0: bool,
    /// `z`: a negative zero (after rounding) prints without its sign.
    pub no_neg_0: bool,
}

/// CPython's `PyOS_double_to_string` + `format_float_short`: the text of `x`
/// with a leading `-` when negative (never `+`; the format-spec layer adds
/// signs and padding).
pub(crate) fn layout(x: f64, lay: Layout) -> String {
    if x.is_nan() {
        return if lay.upper { "NAN" } else { "nan" }.into();
    }
    if x.is_infinite() {
        let s = if lay.upper { "INF" } else { "inf" };
        return if x < 0.0 { format!("-{s}") } else { s.into() };
    }
    let mut precision = lay.precision as i64;
    let mode = match lay.code {
        b'e' => {
            precision += 1;
            DigitMode::Significant(precision as usize)
        }
        b'f' => DigitMode::Fixed(lay.precision),
        b'g' => {
            if precision == 0 {
                precision = 1;
            }
            DigitMode::Significant(precision as usize)
        }
        _ => DigitMode::Shortest,
    };
    let (digits, mut decpt) = dtoa(x.abs(), mode);
    let mut neg = x.is_sign_negative();
    if lay.no_neg_0 && neg && (digits.is_empty() || digits == b"0") {
        neg = false;
    }
    let dlen = digits.len() as i64;
    let mut vend = dlen;
    let mut use_exp = false;
    match lay.code {
        b'e' => {
            use_exp = true;
            vend = precision;
        }
        b'f' => vend = decpt + precision,
        b'g' => {
            let limit = if lay.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if lay.alt {
                vend = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vstart = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && lay.add_dot_0 {
        vend = vend.max(decpt + 1);
    } else {
        vend = vend.max(decpt);
    }
    let mut out = String::with_capacity((vend - vstart).max(0) as usize + 8);
    if neg {
        out.push('-');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vstart);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vstart);
    }
    let text = |d: &[u8]| d.iter().map(|&c| c as char).collect::<String>();
    if 0 < decpt && decpt <= dlen {
        out.push_str(&text(&digits[..decpt as usize]));
        out.push('.');
        out.push_str(&text(&digits[decpt as usize..]));
    } else {
        out.push_str(&text(&digits));
    }
    if dlen < decpt {
        zeros(&mut out, decpt - dlen);
        out.push('.');
        zeros(&mut out, vend - decpt);
    } else {
        zeros(&mut out, vend - dlen);
    }
    if out.ends_with('.') && !lay.alt {
        out.pop();
    }
    if use_exp {
        out.push(if lay.upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// `repr(x)` (and `str(x)`) exactly as CPython prints it: the shortest digits
/// that round-trip, positional when the decimal exponent is in -4..16
/// (`1.0`, `0.0001`, `1234.5`), otherwise `1e-05`, `1e+16`, `1.5e+300`;
/// `inf`, `-inf`, `nan` (never `-nan`), `-0.0`.
pub fn float_repr(x: f64) -> String {
    layout(x, Layout { code: b'r', add_dot_0: true, ..Layout::default() })
}

/// The whitespace `int()` and `float()` strip: Unicode White_Space, which
/// is what CPython accepts there (not the ASCII separators `\x1c`..`\x1f`
/// that `str.isspace` also counts).
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace()
}

/// `float(s)`: surrounding whitespace, a sign, decimal digits with single
/// underscores between digits (`1_000.5`, `1_0e1_0`), an optional exponent,
/// or `inf`/`infinity`/`nan` in any case. Too large is `inf`, too small
/// `0.0`, as CPython. `None` means CPython's ValueError "could not convert
/// string to float: 's'" (the VM formats it with the string's repr). Only
/// ASCII digits are read (CPython also reads other Unicode decimal digits).
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_py_space);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // digits [. digits] [e [sign] digits], underscores only between digits.
    let b = body.as_bytes();
    let mut clean = String::with_capacity(b.len() + 1);
    if neg {
        clean.push('-');
    }
    let mut i = 0;
    let digits = |i: &mut usize, clean: &mut String| -> Option<usize> {
        let mut n = 0;
        while *i < b.len() {
            let c = b[*i];
            if c.is_ascii_digit() {
                clean.push(c as char);
                n += 1;
                *i += 1;
            } else if c == b'_' && n > 0 && b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            } else {
                break;
            }
        }
        if *i < b.len() && b[*i] == b'_' {
            return None;
        }
        Some(n)
    };
    let int_digits = digits(&mut i, &mut clean)?;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        clean.push('.');
        i += 1;
        frac_digits = digits(&mut i, &mut clean)?;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        clean.push('e');
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            clean.push(b[i] as char);
            i += 1;
        }
        if digits(&mut i, &mut clean)? == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    clean.parse().ok()
}

/// `a / b` for floats. ZeroDivisionError "float division by zero".
pub fn float_truediv(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return zero_div_err("float division by zero");
    }
    Ok(a / b)
}

/// CPython's `float_divmod` for a nonzero divisor: the floor quotient snapped
/// to an integer and the remainder with the divisor's sign.
fn divmod_nonzero(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// `a // b` for floats. ZeroDivisionError "float floor division by zero".
pub fn float_floordiv(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return zero_div_err("float floor division by zero");
    }
    Ok(divmod_nonzero(a, b).0)
}

/// `a % b` for floats (the sign of `b`). ZeroDivisionError "float modulo".
pub fn float_mod(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return zero_div_err("float modulo");
    }
    let m = a % b;
    Ok(if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0f64.copysign(b)
    })
}

/// `divmod(a, b)` for floats. ZeroDivisionError "float divmod()".
pub fn float_divmod(a: f64, b: f64) -> NumResult<(f64, f64)> {
    if b == 0.0 {
        return zero_div_err("float divmod()");
    }
    Ok(divmod_nonzero(a, b))
}

/// True when `x` is an odd integer.
fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0 && (x / 2.0).fract() != 0.0
}

/// `a ** b` for floats, with CPython's special cases (`x ** 0 == 1` even for
/// nan, `1 ** nan == 1`, `(-1) ** ±inf == 1`, signed zeros and infinities).
/// ZeroDivisionError "0.0 cannot be raised to a negative power";
/// OverflowError "(34, 'Numerical result out of range')" when a finite
/// power overflows. A negative base to a non-integer power is a complex
/// number in CPython; there is no complex type here, so it is ValueError
/// "complex numbers are not supported".
pub fn float_pow(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Ok(1.0);
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let av = a.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (b > 0.0) == (av > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return Ok(if b > 0.0 {
            if odd {
                a
            } else {
                a.abs()
            }
        } else if odd {
            0f64.copysign(a)
        } else {
            0.0
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return zero_div_err("0.0 cannot be raised to a negative power");
        }
        return Ok(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut base = a;
    let mut negate = false;
    if a < 0.0 {
        if b != b.floor() {
            return value_err("complex numbers are not supported");
        }
        base = -a;
        negate = is_odd_integer(b);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(b);
    if r.is_infinite() {
        return overflow_err("(34, 'Numerical result out of range')");
    }
    Ok(if negate { -r } else { r })
}

/// `round(x)` and `round(x, ndigits)` as CPython computes them.
///
/// Without `ndigits`: the nearest `Int`, half to even (`round(0.5) == 0`,
/// `round(1.5) == 2`); OverflowError "cannot convert float infinity to
/// integer", ValueError "cannot convert float NaN to integer".
///
/// With `ndigits`: a float, rounded half to even from the exact binary
/// value (`round(2.675, 2) == 2.67`, `round(25.0, -1) == 20.0`); nan, inf
/// and zeros come back unchanged, a huge `ndigits` returns `x`, a very
/// negative one a zero of `x`'s sign; OverflowError "rounded value too
/// large to represent" when rounding up overflows. An `ndigits` beyond
/// `i64` may be clamped by the caller: the result is the same.
pub fn round_f64(x: f64, ndigits: Option<i64>) -> NumResult<Number> {
    let n = match ndigits {
        None => return Int::from_f64(x.round_ties_even()).map(Number::Int),
        Some(n) => n,
    };
    if !x.is_finite() {
        return Ok(Number::Float(x));
    }
    // CPython's NDIGITS_MAX and NDIGITS_MIN for doubles.
    if n > 323 {
        return Ok(Number::Float(x));
    }
    if n < -308 {
        return Ok(Number::Float(0.0 * x));
    }
    if x == 0.0 {
        return Ok(Number::Float(x));
    }
    let r = if n >= 0 {
        // Exact decimal rounding, then the correctly rounded parse.
        format!("{:.*}", n as usize, x).parse::<f64>().unwrap_or(x)
    } else {
        // Round |x| to a multiple of 10**-n exactly, with integers.
        let v = Int::from_f64(x.abs())?;
        let frac = x.abs() - x.abs().trunc();
        let p = match Int::Small(10).pow(&Int::Small(-n), None)? {
            Number::Int(p) => p,
            Number::Float(_) => Int::one(),
        };
        let (q, rem) = v.divmod(&p)?;
        let twice = rem.add(&rem)?;
        // The true remainder is rem + frac; compare it with p / 2.
        let up = match twice.cmp(&p) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => frac > 0.0 || q.is_odd(),
        };
        let q = if up { q.add(&Int::one())? } else { q };
        let m = q.mul(&p)?.to_f64().unwrap_or(f64::INFINITY);
        m.copysign(x)
    };
    if r.is_infinite() {
        return overflow_err("rounded value too large to represent");
    }
    Ok(Number::Float(r))
}

/// `hash(x)` as CPython computes it: the value modulo 2**61 - 1 (so an
/// integral float hashes as the equal int), `hash(inf) == 314159`,
/// `hash(-inf) == -314159`. CPython hashes nan by object identity; here
/// nan hashes to 0 and the VM may do better.
pub fn float_hash(x: f64) -> i64 {
    const BITS: u32 = 61;
    const P: u64 = (1 << BITS) - 1;
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x == 0.0 {
        return 0;
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mant, exp) = if raw_exp == 0 { (frac, -1074) } else { (frac | (1 << 52), raw_exp - 1075) };
    // mant < P; multiply by 2**exp modulo P, where 2**61 == 1.
    let k = exp.rem_euclid(BITS as i64) as u32;
    let h = mant % P;
    let h = if k == 0 { h } else { ((h << k) & P) | (h >> (BITS - k)) };
    let h = h as i64;
    let h = if x < 0.0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Compares an int with a float exactly, as CPython does (no rounding of
/// the int: `2**53 + 1 > 2.0**53`). `None` when `f` is nan.
pub fn int_float_cmp(i: &Int, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Int::Small(v) = i {
        if v.unsigned_abs() <= 1 << 53 {
            return (*v as f64).partial_cmp(&f);
        }
    }
    let t = f.trunc();
    let ti = Int::from_f64(t).ok()?;
    match i.cmp(&ti) {
        Ordering::Equal => 0.0.partial_cmp(&(f - t)),
        o => Some(o),
    }
}

/// `i == f` exactly (`int_float_cmp(i, f) == Some(Equal)`).
pub fn int_float_eq(i: &Int, f: f64) -> bool {
    int_float_cmp(i, f) == Some(Ordering::Equal)
}

/// `x.as_integer_ratio()`: the exact fraction in lowest terms with a
/// positive denominator. OverflowError "cannot convert Infinity to integer
/// ratio", ValueError "cannot convert NaN to integer ratio".
pub fn float_as_integer_ratio(x: f64) -> NumResult<(Int, Int)> {
    if x.is_nan() {
        return value_err("cannot convert NaN to integer ratio");
    }
    if x.is_infinite() {
        return overflow_err("cannot convert Infinity to integer ratio");
    }
    if x == 0.0 {
        return Ok((Int::zero(), Int::one()));
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut mant, mut exp) =
        if raw_exp == 0 { (frac, -1074) } else { (frac | (1 << 52), raw_exp - 1075) };
    while mant & 1 == 0 && exp < 0 {
        mant >>= 1;
        exp += 1;
    }
    let m = Int::from(mant as i64);
    let m = if x < 0.0 { m.neg() } else { m };
    if exp >= 0 {
        Ok((m.shl(&Int::from(exp))?, Int::one()))
    } else {
        Ok((m, Int::one().shl(&Int::from(-exp))?))
    }
}
