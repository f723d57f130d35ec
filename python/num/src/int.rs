//! Python's `int`: arbitrary precision with an `i64` fast path.
//!
//! Every operation first tries the `Small` case with checked `i64` (or
//! `i128`) arithmetic, and only falls back to the sign-magnitude
//! [`BigInt`] when a value does not fit. Results are normalized back to
//! `Small` whenever they fit, so `Small(5)` and a `Big` holding 5 never
//! coexist. Every result is checked against [`MAX_BITS`].

use crate::bigint::{self, BigInt};
use crate::{overflow_err, value_err, zero_div_err, NumError, NumResult, Number, MAX_BITS};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::rc::Rc;

/// A Python `int`. Always normalized: `Small` whenever the value fits an
/// `i64`, so derived `Eq`/`Hash` are value equality. `Ord` is numeric
/// order. `Display` prints decimal digits with no digit limit (meant for
/// diagnostics: Python's `str(int)` is [`Int::to_str_radix`]`(10)`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Int {
    /// A value that fits `i64`.
    Small(i64),
    /// A value that does not fit `i64`.
    Big(Rc<BigInt>),
}

impl From<i64> for Int {
    fn from(v: i64) -> Int {
        Int::Small(v)
    }
}

impl From<i32> for Int {
    fn from(v: i32) -> Int {
        Int::Small(v as i64)
    }
}

impl From<u32> for Int {
    fn from(v: u32) -> Int {
        Int::Small(v as i64)
    }
}

impl From<u64> for Int {
    fn from(v: u64) -> Int {
        match i64::try_from(v) {
            Ok(s) => Int::Small(s),
            Err(_) => Int::from_parts(false, bigint::mag_from_u64(v)),
        }
    }
}

impl From<usize> for Int {
    fn from(v: usize) -> Int {
        Int::from(v as u64)
    }
}

impl From<i128> for Int {
    fn from(v: i128) -> Int {
        match i64::try_from(v) {
            Ok(s) => Int::Small(s),
            Err(_) => {
                let u = v.unsigned_abs();
                let mut mag = vec![u as u32, (u >> 32) as u32, (u >> 64) as u32, (u >> 96) as u32];
                bigint::trim(&mut mag);
                Int::from_parts(v < 0, mag)
            }
        }
    }
}

/// The error of an int result beyond [`MAX_BITS`].
fn check_bits(bits: u64) -> NumResult<()> {
    if bits > MAX_BITS {
        Err(NumError::Memory)
    } else {
        Ok(())
    }
}

/// Digits for bases up to 36.
const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl Int {
    /// Zero.
    pub fn zero() -> Int {
        Int::Small(0)
    }

    /// One.
    pub fn one() -> Int {
        Int::Small(1)
    }

    /// The normalized int of a sign and a magnitude (trimmed).
    pub(crate) fn from_parts(neg: bool, mut mag: Vec<u32>) -> Int {
        bigint::trim(&mut mag);
        if let Some(u) = bigint::mag_to_u64(&mag) {
            if neg {
                if u <= 1 << 63 {
                    return Int::Small((u as i64).wrapping_neg());
                }
            } else if u < 1 << 63 {
                return Int::Small(u as i64);
            }
        }
        Int::Big(Rc::new(BigInt { neg, mag }))
    }

    /// Like [`Int::from_parts`], refusing results beyond [`MAX_BITS`].
    fn checked_parts(neg: bool, mag: Vec<u32>) -> NumResult<Int> {
        check_bits(bigint::mag_bits(&mag))?;
        Ok(Int::from_parts(neg, mag))
    }

    /// The sign and magnitude (borrowed for big values).
    pub(crate) fn parts(&self) -> (bool, Cow<'_, [u32]>) {
        match self {
            Int::Small(v) => (*v < 0, Cow::Owned(bigint::mag_from_u64(v.unsigned_abs()))),
            Int::Big(b) => (b.neg, Cow::Borrowed(&b.mag)),
        }
    }

    /// The int of a sign and a magnitude in base 2**32 limbs, least
    /// significant first (high zero limbs allowed): what `random.getrandbits`
    /// assembles from 32-bit outputs. MemoryError beyond [`MAX_BITS`].
    pub fn from_limbs(negative: bool, limbs: Vec<u32>) -> NumResult<Int> {
        let mut limbs = limbs;
        bigint::trim(&mut limbs);
        Int::checked_parts(negative, limbs)
    }

    /// The magnitude `abs(self)` in base 2**32 limbs, least significant
    /// first, no high zero limbs (empty for 0): the key CPython's
    /// `random.seed(n)` feeds to `init_by_array`.
    pub fn to_limbs(&self) -> Vec<u32> {
        self.parts().1.into_owned()
    }

    /// True for 0.
    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }

    /// True for values below zero.
    pub fn is_negative(&self) -> bool {
        match self {
            Int::Small(v) => *v < 0,
            Int::Big(b) => b.neg,
        }
    }

    /// -1, 0 or 1.
    pub fn signum(&self) -> i64 {
        match self {
            Int::Small(v) => v.signum(),
            Int::Big(b) => {
                if b.neg {
                    -1
                } else {
                    1
                }
            }
        }
    }

    /// True for odd values.
    pub fn is_odd(&self) -> bool {
        match self {
            Int::Small(v) => v & 1 == 1,
            Int::Big(b) => b.mag.first().is_some_and(|l| l & 1 == 1),
        }
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big(_) => None,
        }
    }

    /// Adds two signed magnitudes.
    fn add_parts(an: bool, a: &[u32], bn: bool, b: &[u32]) -> NumResult<Int> {
        if an == bn {
            return Int::checked_parts(an, bigint::mag_add(a, b));
        }
        match bigint::mag_cmp(a, b) {
            Ordering::Equal => Ok(Int::zero()),
            Ordering::Greater => Ok(Int::from_parts(an, bigint::mag_sub(a, b))),
            Ordering::Less => Ok(Int::from_parts(bn, bigint::mag_sub(b, a))),
        }
    }

    /// `self + other`. MemoryError beyond [`MAX_BITS`].
    pub fn add(&self, other: &Int) -> NumResult<Int> {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Ok(match a.checked_add(*b) {
                Some(s) => Int::Small(s),
                None => Int::from(*a as i128 + *b as i128),
            });
        }
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        Int::add_parts(an, &a, bn, &b)
    }

    /// `self - other`. MemoryError beyond [`MAX_BITS`].
    pub fn sub(&self, other: &Int) -> NumResult<Int> {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Ok(match a.checked_sub(*b) {
                Some(s) => Int::Small(s),
                None => Int::from(*a as i128 - *b as i128),
            });
        }
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        Int::add_parts(an, &a, !bn, &b)
    }

    /// `self * other`. MemoryError beyond [`MAX_BITS`] (checked before the
    /// product is computed).
    pub fn mul(&self, other: &Int) -> NumResult<Int> {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Ok(match a.checked_mul(*b) {
                Some(s) => Int::Small(s),
                None => Int::from(*a as i128 * *b as i128),
            });
        }
        if self.is_zero() || other.is_zero() {
            return Ok(Int::zero());
        }
        check_bits((self.bit_length() + other.bit_length()).saturating_sub(1))?;
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        Int::checked_parts(an != bn, bigint::mag_mul(&a, &b))
    }

    /// `-self`.
    pub fn neg(&self) -> Int {
        match self {
            Int::Small(v) => match v.checked_neg() {
                Some(n) => Int::Small(n),
                None => Int::from(-(*v as i128)),
            },
            Int::Big(b) => Int::from_parts(!b.neg, b.mag.clone()),
        }
    }

    /// `abs(self)`.
    pub fn abs(&self) -> Int {
        if self.is_negative() {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// Truncating division of two nonzero-divisor ints: quotient and
    /// remainder with C's signs.
    fn divrem_trunc(&self, other: &Int) -> (Int, Int) {
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        let (q, r) = bigint::mag_divrem(&a, &b);
        (Int::from_parts(an != bn, q), Int::from_parts(an, r))
    }

    /// Floor division and modulo for a nonzero divisor.
    fn divmod_nonzero(&self, other: &Int) -> (Int, Int) {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let (Some(q), Some(r)) = (a.checked_div(*b), a.checked_rem(*b)) {
                if r != 0 && ((r < 0) != (*b < 0)) {
                    return (Int::Small(q - 1), Int::Small(r + b));
                }
                return (Int::Small(q), Int::Small(r));
            }
        }
        let (q, r) = self.divrem_trunc(other);
        if !r.is_zero() && r.is_negative() != other.is_negative() {
            // Both adjustments shrink or keep magnitudes: no bit check.
            let q = q.sub(&Int::one()).unwrap_or(q);
            let r = r.add(other).unwrap_or(r);
            return (q, r);
        }
        (q, r)
    }

    /// `self // other` (floor division). ZeroDivisionError "integer division
    /// or modulo by zero".
    pub fn floordiv(&self, other: &Int) -> NumResult<Int> {
        if other.is_zero() {
            return zero_div_err("integer division or modulo by zero");
        }
        Ok(self.divmod_nonzero(other).0)
    }

    /// `self % other` (the sign of the divisor). ZeroDivisionError "integer
    /// modulo by zero".
    pub fn modulo(&self, other: &Int) -> NumResult<Int> {
        if other.is_zero() {
            return zero_div_err("integer modulo by zero");
        }
        Ok(self.divmod_nonzero(other).1)
    }

    /// `divmod(self, other)`: floor quotient and remainder. ZeroDivisionError
    /// "integer division or modulo by zero".
    pub fn divmod(&self, other: &Int) -> NumResult<(Int, Int)> {
        if other.is_zero() {
            return zero_div_err("integer division or modulo by zero");
        }
        Ok(self.divmod_nonzero(other))
    }

    /// `pow(self, exp, modulus)`.
    ///
    /// Without a modulus: a negative exponent gives a float, as CPython
    /// computes it (`float(self) ** float(exp)`: `2 ** -1 == 0.5`, `0 ** -1`
    /// is ZeroDivisionError "0.0 cannot be raised to a negative power");
    /// a result beyond [`MAX_BITS`] is MemoryError, detected from the sizes
    /// before any multiplication, so `2 ** 10**10` returns at once.
    ///
    /// With a modulus (three-argument `pow`): ValueError "pow() 3rd argument
    /// cannot be 0"; a negative exponent uses the modular inverse, or
    /// ValueError "base is not invertible for the given modulus"; the result
    /// has the modulus's sign.
    pub fn pow(&self, exp: &Int, modulus: Option<&Int>) -> NumResult<Number> {
        if let Some(m) = modulus {
            return self.pow_mod(exp, m).map(Number::Int);
        }
        if exp.is_negative() {
            let b = self.to_f64()?;
            let e = exp.to_f64()?;
            return crate::float::float_pow(b, e).map(Number::Float);
        }
        self.pow_nonneg(exp).map(Number::Int)
    }

    /// `self ** exp` for a non-negative exponent, with the size check.
    fn pow_nonneg(&self, exp: &Int) -> NumResult<Int> {
        // Bases whose powers never grow.
        match self {
            Int::Small(0) => return Ok(if exp.is_zero() { Int::one() } else { Int::zero() }),
            Int::Small(1) => return Ok(Int::one()),
            Int::Small(-1) => return Ok(Int::Small(if exp.is_odd() { -1 } else { 1 })),
            _ => {}
        }
        let e = match exp.to_i64() {
            Some(e) => e as u64,
            None => return Err(NumError::Memory),
        };
        if e == 0 {
            return Ok(Int::one());
        }
        // The result has about e * log2(|self|) bits: refuse before any work.
        let bits = self.bit_length();
        let low = (bits - 1).saturating_mul(e).saturating_add(1);
        check_bits(low)?;
        if e as f64 * self.log2_abs() > MAX_BITS as f64 + 2.0 {
            return Err(NumError::Memory);
        }
        // A power of two is a shift.
        let (neg, mag) = self.parts();
        let sign = neg && e % 2 == 1;
        if mag.iter().filter(|&&l| l != 0).count() == 1
            && mag.last().is_some_and(|l| l.is_power_of_two())
        {
            let shift = (bits - 1) * e;
            return Int::checked_parts(sign, bigint::mag_shl(&[1], shift));
        }
        if let Int::Small(b) = self {
            if let Ok(e32) = u32::try_from(e) {
                if let Some(p) = b.checked_pow(e32) {
                    return Ok(Int::Small(p));
                }
            }
        }
        // Square and multiply from the top bit down.
        let mut acc: Vec<u32> = mag.to_vec();
        let top = 63 - e.leading_zeros();
        for i in (0..top).rev() {
            check_bits((bigint::mag_bits(&acc) * 2).saturating_sub(1))?;
            acc = bigint::mag_mul(&acc, &acc);
            if (e >> i) & 1 == 1 {
                acc = bigint::mag_mul(&acc, &mag);
            }
        }
        Int::checked_parts(sign, acc)
    }

    /// `log2(abs(self))`, approximately (from the top 64 bits).
    fn log2_abs(&self) -> f64 {
        let (_, mag) = self.parts();
        let bits = bigint::mag_bits(&mag);
        let shift = bits.saturating_sub(64);
        let top = bigint::mag_to_u64(&bigint::mag_shr(&mag, shift)).unwrap_or(1);
        (top as f64).log2() + shift as f64
    }

    /// Three-argument `pow`.
    fn pow_mod(&self, exp: &Int, m: &Int) -> NumResult<Int> {
        if m.is_zero() {
            return value_err("pow() 3rd argument cannot be 0");
        }
        let neg_mod = m.is_negative();
        let m = m.abs();
        let mut base = self.modulo(&m)?;
        let mut exp = exp.clone();
        if exp.is_negative() {
            base = base.mod_inverse(&m)?;
            exp = exp.neg();
        }
        let mut result = Int::one().modulo(&m)?;
        let (_, emag) = exp.parts();
        let nbits = bigint::mag_bits(&emag);
        for i in (0..nbits).rev() {
            result = result.mul(&result)?.modulo(&m)?;
            if bigint::mag_bit(&emag, i) {
                result = result.mul(&base)?.modulo(&m)?;
            }
        }
        if neg_mod && !result.is_zero() {
            result = result.sub(&m)?;
        }
        Ok(result)
    }

    /// The inverse of `self` modulo a positive `m` (self already reduced).
    fn mod_inverse(&self, m: &Int) -> NumResult<Int> {
        // Extended Euclid on (a, m), tracking the coefficient of a.
        let (mut r0, mut r1) = (self.clone(), m.clone());
        let (mut s0, mut s1) = (Int::one(), Int::zero());
        while !r1.is_zero() {
            let (q, r) = r0.divmod_nonzero(&r1);
            r0 = std::mem::replace(&mut r1, r);
            let s = s0.sub(&q.mul(&s1)?)?;
            s0 = std::mem::replace(&mut s1, s);
        }
        if r0 != Int::one() {
            return value_err("base is not invertible for the given modulus");
        }
        s0.modulo(m)
    }

    /// `self / other` as the correctly rounded float, as CPython computes it
    /// (`10**400 / 10**399 == 10.0`). ZeroDivisionError "division by zero",
    /// OverflowError "integer division result too large for a float".
    pub fn truediv(&self, other: &Int) -> NumResult<f64> {
        if other.is_zero() {
            return zero_div_err("division by zero");
        }
        const EXACT: i64 = 1 << 53;
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if (-EXACT..=EXACT).contains(a) && (-EXACT..=EXACT).contains(b) {
                return Ok(*a as f64 / *b as f64);
            }
        }
        if self.is_zero() {
            return Ok(if other.is_negative() { -0.0 } else { 0.0 });
        }
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        let neg = an != bn;
        let (abits, bbits) = (bigint::mag_bits(&a), bigint::mag_bits(&b));
        // Scale so the quotient has at least 55 bits: q = a * 2**s / b.
        let s: i64 = 55 - (abits as i64 - bbits as i64);
        let (num, den) = if s >= 0 {
            (bigint::mag_shl(&a, s as u64), b.to_vec())
        } else {
            (a.to_vec(), bigint::mag_shl(&b, (-s) as u64))
        };
        let (q, r) = bigint::mag_divrem(&num, &den);
        match round_to_f64(&q, -s, !r.is_empty()) {
            Some(x) => Ok(if neg { -x } else { x }),
            None => overflow_err("integer division result too large for a float"),
        }
    }

    /// Applies a limb-wise bit operation in two's complement.
    fn bitop(&self, other: &Int, op: fn(u32, u32) -> u32) -> Int {
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        let len = a.len().max(b.len()) + 1;
        let x = bigint::to_twos(an, &a, len);
        let y = bigint::to_twos(bn, &b, len);
        let z: Vec<u32> = x.iter().zip(&y).map(|(p, q)| op(*p, *q)).collect();
        let (neg, mag) = bigint::from_twos(z);
        Int::from_parts(neg, mag)
    }

    /// `self & other` (two's complement semantics on negatives).
    pub fn bitand(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Int::Small(a & b);
        }
        self.bitop(other, |p, q| p & q)
    }

    /// `self | other` (two's complement semantics on negatives).
    pub fn bitor(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Int::Small(a | b);
        }
        self.bitop(other, |p, q| p | q)
    }

    /// `self ^ other` (two's complement semantics on negatives).
    pub fn bitxor(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return Int::Small(a ^ b);
        }
        self.bitop(other, |p, q| p ^ q)
    }

    /// `~self`, that is `-self - 1`.
    pub fn invert(&self) -> Int {
        match self {
            Int::Small(v) => Int::Small(!v),
            Int::Big(_) => {
                // -self - 1 never grows past one more bit than self.
                let n = self.neg();
                n.sub(&Int::one()).unwrap_or(n)
            }
        }
    }

    /// `self << other`. ValueError "negative shift count"; MemoryError when
    /// the result would exceed [`MAX_BITS`] (checked before shifting).
    pub fn shl(&self, other: &Int) -> NumResult<Int> {
        if other.is_negative() {
            return value_err("negative shift count");
        }
        if self.is_zero() {
            return Ok(Int::zero());
        }
        let s = other.to_i64().ok_or(NumError::Memory)? as u64;
        if let Int::Small(v) = self {
            if s < 64 {
                let r = (*v as i128) << s;
                if (r >> s) == *v as i128 {
                    return Ok(Int::from(r));
                }
            }
        }
        check_bits(self.bit_length().saturating_add(s))?;
        let (neg, mag) = self.parts();
        Int::checked_parts(neg, bigint::mag_shl(&mag, s))
    }

    /// `self >> other`, rounding toward minus infinity (`-1 >> 5 == -1`).
    /// ValueError "negative shift count".
    pub fn shr(&self, other: &Int) -> NumResult<Int> {
        if other.is_negative() {
            return value_err("negative shift count");
        }
        let s = match other.to_i64() {
            Some(s) => s as u64,
            None => u64::MAX,
        };
        if let Int::Small(v) = self {
            return Ok(Int::Small(if s >= 64 {
                if *v < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v >> s
            }));
        }
        let (neg, mag) = self.parts();
        let mut q = bigint::mag_shr(&mag, s);
        if neg && bigint::mag_low_bits_nonzero(&mag, s) {
            q = bigint::mag_add(&q, &[1]);
        }
        Ok(Int::from_parts(neg, q))
    }

    /// `self.bit_length()`: bits of `abs(self)`, 0 for 0.
    pub fn bit_length(&self) -> u64 {
        match self {
            Int::Small(v) => 64 - v.unsigned_abs().leading_zeros() as u64,
            Int::Big(b) => bigint::mag_bits(&b.mag),
        }
    }

    /// `float(self)`, correctly rounded (half to even). OverflowError "int
    /// too large to convert to float".
    pub fn to_f64(&self) -> NumResult<f64> {
        if let Int::Small(v) = self {
            return Ok(*v as f64);
        }
        let (neg, mag) = self.parts();
        match round_to_f64(&mag, 0, false) {
            Some(x) => Ok(if neg { -x } else { x }),
            None => overflow_err("int too large to convert to float"),
        }
    }

    /// `int(x)` of a float: truncation toward zero. ValueError "cannot
    /// convert float NaN to integer", OverflowError "cannot convert float
    /// infinity to integer".
    pub fn from_f64(x: f64) -> NumResult<Int> {
        if x.is_nan() {
            return value_err("cannot convert float NaN to integer");
        }
        if x.is_infinite() {
            return overflow_err("cannot convert float infinity to integer");
        }
        let t = x.trunc();
        if t.abs() < 9_223_372_036_854_775_808.0 {
            return Ok(Int::Small(t as i64));
        }
        // |t| >= 2**63: an integer mantissa times a power of two.
        let bits = t.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let mag = bigint::mag_shl(&bigint::mag_from_u64(mant), exp as u64);
        Ok(Int::from_parts(t < 0.0, mag))
    }

    /// The digits of `abs(self)` in base 2..=36, most significant first.
    fn digits_radix(&self, radix: u32) -> Vec<u8> {
        let (_, mag) = self.parts();
        if mag.is_empty() {
            return vec![b'0'];
        }
        let mut out = Vec::new();
        if radix.is_power_of_two() {
            let w = radix.trailing_zeros() as u64;
            let nbits = bigint::mag_bits(&mag);
            let mut pos = 0;
            while pos < nbits {
                let mut d = 0u32;
                for k in 0..w {
                    if bigint::mag_bit(&mag, pos + k) {
                        d |= 1 << k;
                    }
                }
                out.push(DIGITS[d as usize]);
                pos += w;
            }
        } else {
            // Peel off chunks of the largest power of the radix in a limb.
            let mut chunk = radix;
            let mut per = 1;
            while let Some(c) = chunk.checked_mul(radix) {
                chunk = c;
                per += 1;
            }
            let mut cur = mag.into_owned();
            while !cur.is_empty() {
                let (q, mut r) = bigint::mag_divrem_small(&cur, chunk);
                cur = q;
                for _ in 0..per {
                    out.push(DIGITS[(r % radix) as usize]);
                    r /= radix;
                    if cur.is_empty() && r == 0 {
                        break;
                    }
                }
            }
            while out.len() > 1 && out.last() == Some(&b'0') {
                out.pop();
            }
        }
        out.reverse();
        out
    }

    /// The digits in base 2 to 36 (lowercase), with a leading `-` for
    /// negatives and no prefix (the VM adds `0b`/`0o`/`0x` for
    /// `bin`/`oct`/`hex`). Bases that are not powers of two refuse more
    /// than [`crate::MAX_STR_DIGITS`] digits with CPython's ValueError
    /// "Exceeds the limit (4300 digits) for integer string conversion; use
    /// sys.set_int_max_str_digits() to increase the limit". Radix outside
    /// 2..=36 is taken as 10.
    pub fn to_str_radix(&self, radix: u32) -> NumResult<String> {
        let radix = if (2..=36).contains(&radix) { radix } else { 10 };
        if let (Int::Small(v), 10) = (self, radix) {
            return Ok(v.to_string());
        }
        if !radix.is_power_of_two() {
            // A quick refusal before converting: more bits than 4300
            // digits can hold (digits >= bits * log(2)/log(radix)).
            let min_digits =
                (self.bit_length().saturating_sub(1)) as f64 * 2f64.ln() / (radix as f64).ln();
            if min_digits > crate::MAX_STR_DIGITS as f64 + 1.0 {
                return value_err(STR_LIMIT_MSG);
            }
        }
        let digits = self.digits_radix(radix);
        if !radix.is_power_of_two() && digits.len() > crate::MAX_STR_DIGITS {
            return value_err(STR_LIMIT_MSG);
        }
        let mut s = String::with_capacity(digits.len() + 1);
        if self.is_negative() {
            s.push('-');
        }
        s.extend(digits.iter().map(|&d| d as char));
        Ok(s)
    }

    /// `int(s, base)` with `int()`'s rules: surrounding whitespace, one sign,
    /// single underscores between digits, base 0 reading a `0x`/`0o`/`0b`
    /// prefix (and refusing other leading zeros: `int('010', 0)`), the
    /// matching prefix also allowed when the base is 16, 8 or 2. Errors are
    /// CPython's: "int() base must be >= 2 and <= 36, or 0", "invalid literal
    /// for int() with base 10: 'x'" (the string's repr, cut at 200
    /// characters), and for bases that are not powers of two more than 4300
    /// digits is "Exceeds the limit (4300 digits) for integer string
    /// conversion: value has N digits; use sys.set_int_max_str_digits() to
    /// increase the limit". Only ASCII digits are read (CPython also reads
    /// other Unicode decimal digits).
    pub fn parse(s: &str, base: u32) -> NumResult<Int> {
        if base == 1 || base > 36 {
            return value_err("int() base must be >= 2 and <= 36, or 0");
        }
        let invalid = || -> NumResult<Int> {
            let r: String = crate::format::str_repr(s).chars().take(200).collect();
            value_err(format!("invalid literal for int() with base {base}: {r}"))
        };
        let t = s.trim_matches(crate::float::is_py_space).as_bytes();
        let (neg, mut t) = match t.first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t),
        };
        let mut radix = base;
        let prefix = |t: &[u8]| -> Option<u32> {
            if t.len() >= 2 && t[0] == b'0' {
                match t[1] {
                    b'x' | b'X' => Some(16),
                    b'o' | b'O' => Some(8),
                    b'b' | b'B' => Some(2),
                    _ => None,
                }
            } else {
                None
            }
        };
        let mut had_prefix = false;
        if let Some(p) = prefix(t) {
            if base == 0 || base == p {
                radix = p;
                t = &t[2..];
                had_prefix = true;
            }
        }
        if radix == 0 {
            radix = 10;
            // Base 0 refuses leading zeros of a nonzero decimal.
            if t.first() == Some(&b'0') && t.iter().any(|&c| c != b'0' && c != b'_') {
                return invalid();
            }
        }
        // Validate: digits with single underscores between them (one may
        // directly follow a prefix).
        let mut digits: Vec<u8> = Vec::with_capacity(t.len());
        let mut prev_us = !had_prefix; // an underscore may not come first
        for &c in t {
            if c == b'_' {
                if prev_us {
                    return invalid();
                }
                prev_us = true;
                continue;
            }
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'z' => c - b'a' + 10,
                b'A'..=b'Z' => c - b'A' + 10,
                _ => return invalid(),
            };
            if d as u32 >= radix {
                return invalid();
            }
            digits.push(d);
            prev_us = false;
        }
        if digits.is_empty() || prev_us {
            return invalid();
        }
        if !radix.is_power_of_two() && digits.len() > crate::MAX_STR_DIGITS {
            return value_err(format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                crate::MAX_STR_DIGITS,
                digits.len()
            ));
        }
        Int::from_digits(neg, &digits, radix)
    }

    /// The int of validated digit values in a radix.
    fn from_digits(neg: bool, digits: &[u8], radix: u32) -> NumResult<Int> {
        let mut mag: Vec<u32> = Vec::new();
        if radix.is_power_of_two() {
            let w = radix.trailing_zeros() as u64;
            let first = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
            let digits = &digits[first..];
            check_bits((digits.len() as u64).saturating_mul(w))?;
            let total = digits.len() as u64 * w;
            mag = vec![0u32; total.div_ceil(32) as usize];
            for (i, &d) in digits.iter().rev().enumerate() {
                let pos = i as u64 * w;
                let v = (d as u64) << (pos % 32);
                let limb = (pos / 32) as usize;
                mag[limb] |= v as u32;
                if let Some(next) = mag.get_mut(limb + 1) {
                    *next |= (v >> 32) as u32;
                }
            }
        } else {
            let mut chunk = radix;
            let mut per = 1;
            while let Some(c) = chunk.checked_mul(radix) {
                chunk = c;
                per += 1;
            }
            for group in digits.chunks(per) {
                let mut v = 0u32;
                let mut mult = 1u32;
                for &d in group {
                    v = v * radix + d as u32;
                    mult *= radix;
                }
                bigint::mag_mul_small_add(&mut mag, mult, v);
            }
        }
        Int::checked_parts(neg, mag)
    }

    /// `hash(self)` as CPython computes it: `abs(self)` modulo 2**61 - 1,
    /// with the sign kept, and -1 becoming -2.
    pub fn hash(&self) -> i64 {
        const P: u64 = (1 << 61) - 1;
        let (neg, h) = match self {
            Int::Small(v) => (*v < 0, v.unsigned_abs() % P),
            Int::Big(b) => {
                let mut h: u128 = 0;
                for &l in b.mag.iter().rev() {
                    h = ((h << 32) | l as u128) % P as u128;
                }
                (b.neg, h as u64)
            }
        };
        let h = if neg { -(h as i64) } else { h as i64 };
        if h == -1 {
            -2
        } else {
            h
        }
    }

    /// `round(self, ndigits)`: a non-negative `ndigits` returns `self`; a
    /// negative one rounds half to even to a multiple of `10**-ndigits`
    /// (`round(25, -1) == 20`).
    pub fn round_digits(&self, ndigits: &Int) -> NumResult<Int> {
        if !ndigits.is_negative() {
            return Ok(self.clone());
        }
        // 10**k with k beyond the value's digits rounds to 0.
        let k = match ndigits.neg().to_i64() {
            Some(k) if (k as u64) <= self.bit_length() / 3 + 2 => k,
            _ => return Ok(Int::zero()),
        };
        let p = Int::Small(10).pow_nonneg(&Int::Small(k))?;
        let (q, r) = self.divmod_nonzero(&p);
        // r is in [0, p): compare 2r with p.
        let twice = r.add(&r)?;
        let up = match twice.cmp(&p) {
            Ordering::Greater => true,
            Ordering::Equal => q.is_odd(),
            Ordering::Less => false,
        };
        let q = if up { q.add(&Int::one())? } else { q };
        q.mul(&p)
    }

    /// `math.gcd(self, other)`, non-negative.
    pub fn gcd(&self, other: &Int) -> Int {
        let (mut a, mut b) = (self.abs(), other.abs());
        while !b.is_zero() {
            let r = a.divmod_nonzero(&b).1;
            a = std::mem::replace(&mut b, r);
        }
        a
    }

    /// `math.isqrt(self)`: the floor square root. ValueError "isqrt() argument
    /// must be nonnegative".
    pub fn isqrt(&self) -> NumResult<Int> {
        if self.is_negative() {
            return value_err("isqrt() argument must be nonnegative");
        }
        if self.is_zero() {
            return Ok(Int::zero());
        }
        // Newton's iteration from a power of two above the root.
        let mut x = Int::one().shl(&Int::from(self.bit_length().div_ceil(2)))?;
        loop {
            let y = x.add(&self.floordiv(&x)?)?.shr(&Int::one())?;
            if y >= x {
                return Ok(x);
            }
            x = y;
        }
    }
}

/// CPython's message for an int too long to convert to a decimal string.
const STR_LIMIT_MSG: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// Rounds `m * 2**e` (plus a sticky nonzero fraction below `m`'s last bit
/// when `sticky`) to the nearest f64, ties to even, with subnormals; `None`
/// when the result overflows. Used for `float(int)` and `int / int`.
pub(crate) fn round_to_f64(m: &[u32], e: i64, sticky: bool) -> Option<f64> {
    let nbits = bigint::mag_bits(m) as i64;
    if nbits == 0 {
        return Some(0.0);
    }
    // Position of the top bit, and the weight of the last kept bit.
    let top = nbits - 1 + e;
    if top >= 1024 {
        return None;
    }
    let quantum = (top - 52).max(-1074);
    let drop = quantum - e;
    let kept: u64 = if drop <= 0 {
        bigint::mag_to_u64(m).unwrap_or(0)
    } else {
        let d = drop as u64;
        let k = bigint::mag_to_u64(&bigint::mag_shr(m, d)).unwrap_or(0);
        let half = bigint::mag_bit(m, d - 1);
        let below = bigint::mag_low_bits_nonzero(m, d - 1) || sticky;
        if half && (below || k & 1 == 1) {
            k + 1
        } else {
            k
        }
    };
    let x = ldexp(kept as f64, drop.max(0) + e);
    if x.is_infinite() {
        None
    } else {
        Some(x)
    }
}

/// `x * 2**n`, exact whenever the result is representable.
pub(crate) fn ldexp(mut x: f64, mut n: i64) -> f64 {
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    while n > 1000 {
        x *= pow2(1000);
        n -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while n < -1000 {
        x *= pow2(-1000);
        n += 1000;
        if x == 0.0 {
            return x;
        }
    }
    // Here -1000 <= n <= 1000: one exact scaling (x is an integer of at
    // most 53 bits, so the steps above stayed normal).
    x * pow2(n)
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Int) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Int) -> Ordering {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            return a.cmp(b);
        }
        let (an, a) = self.parts();
        let (bn, b) = other.parts();
        match (an, bn) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => bigint::mag_cmp(&a, &b),
            (true, true) => bigint::mag_cmp(&b, &a),
        }
    }
}

impl std::fmt::Display for Int {
    /// Decimal digits, without the string-conversion digit limit (use
    /// [`Int::to_str_radix`] for Python's `str`). Quadratic in the length.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Int::Small(v) = self {
            return write!(f, "{v}");
        }
        let digits = self.digits_radix(10);
        if self.is_negative() {
            f.write_str("-")?;
        }
        f.write_str(std::str::from_utf8(&digits).unwrap_or("?"))
    }
}
