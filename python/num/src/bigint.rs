//! Arbitrary-precision integers: sign and magnitude in base 2**32 limbs.
//!
//! Only [`crate::Int`] builds these, and only for values that do not fit an
//! `i64`. The free functions below work on magnitudes (`&[u32]`,
//! little-endian, no high zero limbs): schoolbook and Karatsuba
//! multiplication, Knuth's algorithm D for division, shifts. u32 limbs with
//! u64 intermediates keep the code the same on wasm32 and 64-bit hosts.

use std::cmp::Ordering;

/// A big integer: `neg` is the sign, `mag` the magnitude (little-endian
/// base 2**32 limbs, no high zero limbs). Never holds a value that fits i64.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInt {
    pub(crate) neg: bool,
    pub(crate) mag: Vec<u32>,
}

/// Below this many limbs (of the shorter operand) multiplication is
/// schoolbook; above it, Karatsuba.
const KARATSUBA_THRESHOLD: usize = 40;

/// Drops high zero limbs.
pub(crate) fn trim(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

/// The magnitude of a `u64`.
pub(crate) fn mag_from_u64(v: u64) -> Vec<u32> {
    let mut m = vec![v as u32, (v >> 32) as u32];
    trim(&mut m);
    m
}

/// The magnitude as a `u64`, if it fits.
pub(crate) fn mag_to_u64(a: &[u32]) -> Option<u64> {
    match a.len() {
        0 => Some(0),
        1 => Some(a[0] as u64),
        2 => Some(a[0] as u64 | (a[1] as u64) << 32),
        _ => None,
    }
}

/// Number of significant bits of a magnitude (0 for zero).
pub(crate) fn mag_bits(a: &[u32]) -> u64 {
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
    }
}

/// Bit `i` of a magnitude.
pub(crate) fn mag_bit(a: &[u32], i: u64) -> bool {
    let limb = (i / 32) as usize;
    limb < a.len() && (a[limb] >> (i % 32)) & 1 == 1
}

/// True if any of the low `n` bits is set.
pub(crate) fn mag_low_bits_nonzero(a: &[u32], n: u64) -> bool {
    let full = (n / 32) as usize;
    if a.iter().take(full).any(|&l| l != 0) {
        return true;
    }
    let rest = n % 32;
    rest != 0 && full < a.len() && a[full] & ((1u32 << rest) - 1) != 0
}

/// Compares two magnitudes.
pub(crate) fn mag_cmp(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x.cmp(y);
        }
    }
    Ordering::Equal
}

/// `a + b`.
pub(crate) fn mag_add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in a.iter().enumerate() {
        let s = x as u64 + b.get(i).copied().unwrap_or(0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b`, requires `a >= b`.
pub(crate) fn mag_sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out.push(d as u32);
    }
    trim(&mut out);
    out
}

/// `a += b << (32 * shift)` in place; `a` must be long enough for the sum.
fn add_into(a: &mut [u32], b: &[u32], shift: usize) {
    let mut carry = 0u64;
    let mut i = 0;
    while i < b.len() || carry != 0 {
        let Some(slot) = a.get_mut(shift + i) else {
            return;
        };
        let s = *slot as u64 + b.get(i).copied().unwrap_or(0) as u64 + carry;
        *slot = s as u32;
        carry = s >> 32;
        i += 1;
    }
}

/// `a -= b` in place, requires `a >= b`.
fn sub_into(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u64;
    let mut i = 0;
    while i < b.len() || borrow != 0 {
        let Some(slot) = a.get_mut(i) else {
            return;
        };
        let d =
            (*slot as u64).wrapping_sub(b.get(i).copied().unwrap_or(0) as u64).wrapping_sub(borrow);
        *slot = d as u32;
        borrow = (d >> 63) & 1;
        i += 1;
    }
}

/// `a * b`, schoolbook.
fn mul_school(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        out[i + b.len()] = carry as u32;
    }
    trim(&mut out);
    out
}

/// `a * b`: schoolbook for short operands, Karatsuba above
/// [`KARATSUBA_THRESHOLD`] limbs. The recursion depth is the logarithm of
/// the length, which [`crate::MAX_BITS`] bounds.
pub(crate) fn mag_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.len() < KARATSUBA_THRESHOLD {
        return mul_school(a, b);
    }
    if a.len() >= 2 * b.len() {
        // Unbalanced: multiply b by slices of a as long as b.
        let mut out = vec![0u32; a.len() + b.len()];
        for (k, chunk) in a.chunks(b.len()).enumerate() {
            let mut c = chunk.to_vec();
            trim(&mut c);
            let p = mag_mul(&c, b);
            add_into(&mut out, &p, k * b.len());
        }
        trim(&mut out);
        return out;
    }
    let half = a.len().div_ceil(2);
    let split = |v: &[u32]| -> (Vec<u32>, Vec<u32>) {
        let lo_len = half.min(v.len());
        let mut lo = v[..lo_len].to_vec();
        trim(&mut lo);
        let hi = v[lo_len..].to_vec();
        (lo, hi)
    };
    let (a0, a1) = split(a);
    let (b0, b1) = split(b);
    let z0 = mag_mul(&a0, &b0);
    let z2 = mag_mul(&a1, &b1);
    let mut z1 = mag_mul(&mag_add(&a0, &a1), &mag_add(&b0, &b1));
    sub_into(&mut z1, &z0);
    sub_into(&mut z1, &z2);
    trim(&mut z1);
    let mut out = vec![0u32; a.len() + b.len() + 1];
    add_into(&mut out, &z0, 0);
    add_into(&mut out, &z1, half);
    add_into(&mut out, &z2, 2 * half);
    trim(&mut out);
    out
}

/// `a << n`.
pub(crate) fn mag_shl(a: &[u32], n: u64) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let limbs = (n / 32) as usize;
    let bits = (n % 32) as u32;
    let mut out = vec![0u32; limbs];
    out.reserve(a.len() + 1);
    if bits == 0 {
        out.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            out.push(x << bits | carry);
            carry = x >> (32 - bits);
        }
        out.push(carry);
    }
    trim(&mut out);
    out
}

/// `a >> n` (magnitude, truncating).
pub(crate) fn mag_shr(a: &[u32], n: u64) -> Vec<u32> {
    let limbs = n / 32;
    if limbs >= a.len() as u64 {
        return Vec::new();
    }
    let limbs = limbs as usize;
    let bits = (n % 32) as u32;
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    if bits == 0 {
        out.extend_from_slice(src);
    } else {
        for i in 0..src.len() {
            let hi = src.get(i + 1).copied().unwrap_or(0);
            out.push(src[i] >> bits | hi << (32 - bits));
        }
    }
    trim(&mut out);
    out
}

/// `a * m + c` for a single-limb multiplier, in place.
pub(crate) fn mag_mul_small_add(a: &mut Vec<u32>, m: u32, c: u32) {
    let mut carry = c as u64;
    for x in a.iter_mut() {
        let t = *x as u64 * m as u64 + carry;
        *x = t as u32;
        carry = t >> 32;
    }
    if carry != 0 {
        a.push(carry as u32);
    }
    trim(a);
}

/// `a / d` and `a % d` for a single nonzero limb `d`.
pub(crate) fn mag_divrem_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut r = 0u64;
    for i in (0..a.len()).rev() {
        let cur = r << 32 | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        r = cur % d as u64;
    }
    trim(&mut q);
    (q, r as u32)
}

/// `a / b` and `a % b` (truncating) for a nonzero `b`: Knuth's algorithm D
/// (TAOCP vol. 2, 4.3.1) with 32-bit limbs.
pub(crate) fn mag_divrem(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if mag_cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = mag_divrem_small(a, b[0]);
        return (q, mag_from_u64(r as u64));
    }
    // Normalize so the divisor's top limb has its high bit set.
    let s = b[b.len() - 1].leading_zeros() as u64;
    let v = mag_shl(b, s);
    let mut u = mag_shl(a, s);
    if u.len() == a.len() {
        u.push(0);
    }
    let n = v.len();
    let m = u.len() - n;
    let mut q = vec![0u32; m];
    let vtop = v[n - 1] as u64;
    let vnext = v[n - 2] as u64;
    const BASE: u64 = 1 << 32;
    for j in (0..m).rev() {
        // Estimate the quotient digit from the top two limbs.
        let num = (u[j + n] as u64) << 32 | u[j + n - 1] as u64;
        let mut qhat = num / vtop;
        let mut rhat = num % vtop;
        while qhat >= BASE || qhat * vnext > (rhat << 32 | u[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vtop;
            if rhat >= BASE {
                break;
            }
        }
        // Multiply and subtract qhat * v from u[j..j+n+1].
        let mut borrow: i64 = 0;
        let mut carry: u64 = 0;
        for i in 0..n {
            let p = qhat * v[i] as u64 + carry;
            carry = p >> 32;
            let t = u[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            u[i + j] = t as u32;
            borrow = if t < 0 { 1 } else { 0 };
        }
        let t = u[j + n] as i64 - borrow - carry as i64;
        u[j + n] = t as u32;
        if t < 0 {
            // qhat was one too large: add v back.
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s2 = u[i + j] as u64 + v[i] as u64 + c;
                u[i + j] = s2 as u32;
                c = s2 >> 32;
            }
            u[j + n] = u[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    trim(&mut q);
    u.truncate(n);
    trim(&mut u);
    let r = mag_shr(&u, s);
    (q, r)
}

/// Two's complement of a signed magnitude in `len` limbs (`len` must exceed
/// the magnitude's length so the sign bit is room).
pub(crate) fn to_twos(neg: bool, mag: &[u32], len: usize) -> Vec<u32> {
    let mut out: Vec<u32> = (0..len).map(|i| mag.get(i).copied().unwrap_or(0)).collect();
    if neg {
        let mut carry = 1u64;
        for x in out.iter_mut() {
            let t = (!*x) as u64 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
    }
    out
}

/// Back from two's complement: the sign (top bit) and the magnitude.
pub(crate) fn from_twos(mut v: Vec<u32>) -> (bool, Vec<u32>) {
    let neg = v.last().is_some_and(|&t| t >> 31 == 1);
    if neg {
        let mut carry = 1u64;
        for x in v.iter_mut() {
            let t = (!*x) as u64 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
    }
    trim(&mut v);
    (neg, v)
}
