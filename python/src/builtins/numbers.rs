//! The methods of `int`, `bool` and `float`.

use super::add_method;
use crate::objects::exc::{num_error, overflow_error, type_error, value_error};
use crate::objects::func::Args;
use crate::objects::types::{type_name, Types};
use crate::value::Value;
use crate::vm::PyResult;
use asyncpy_num::Int;

fn int_this(a: &Args) -> PyResult<Int> {
    match a.pos.first() {
        Some(Value::Int(i)) => Ok(i.clone()),
        Some(Value::Bool(b)) => Ok(Int::Small(*b as i64)),
        Some(other) => Err(type_error(format!(
            "descriptor requires an 'int' object but received a '{}'",
            type_name(other)
        ))),
        None => Err(type_error("descriptor needs an argument")),
    }
}

fn float_this(a: &Args) -> PyResult<f64> {
    match a.pos.first() {
        Some(Value::Float(f)) => Ok(*f),
        Some(other) => Err(type_error(format!(
            "descriptor requires a 'float' object but received a '{}'",
            type_name(other)
        ))),
        None => Err(type_error("descriptor needs an argument")),
    }
}

/// (numerator, denominator) of a finite float, exactly.
fn float_ratio(x: f64) -> PyResult<(Int, Int)> {
    if x.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { -1i64 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & 0x000f_ffff_ffff_ffff;
    let (m, e) = if exp == 0 { (mant, -1074) } else { (mant | (1 << 52), exp - 1075) };
    if m == 0 {
        return Ok((Int::Small(0), Int::Small(1)));
    }
    let tz = m.trailing_zeros() as i64;
    let (m, e) = (m >> tz, e + tz);
    let m = Int::Small(sign * m as i64);
    if e >= 0 {
        Ok((m.shl(&Int::Small(e)).map_err(num_error)?, Int::Small(1)))
    } else {
        Ok((m, Int::Small(1).shl(&Int::Small(-e)).map_err(num_error)?))
    }
}

pub(crate) fn install(t: &mut Types) {
    let i = t.int.clone();
    add_method(&i, "bit_length", |_vm, a| Ok(Value::int(int_this(&a)?.bit_length() as i64)));
    add_method(&i, "bit_count", |_vm, a| {
        let n = int_this(&a)?.abs();
        let s = n.to_str_radix(2).map_err(num_error)?;
        Ok(Value::int(s.chars().filter(|c| *c == '1').count() as i64))
    });
    add_method(&i, "conjugate", |_vm, a| Ok(Value::Int(int_this(&a)?)));
    add_method(&i, "as_integer_ratio", |_vm, a| {
        Ok(Value::tuple(vec![Value::Int(int_this(&a)?), Value::int(1)]))
    });
    add_method(&i, "__index__", |_vm, a| Ok(Value::Int(int_this(&a)?)));
    add_method(&i, "__int__", |_vm, a| Ok(Value::Int(int_this(&a)?)));
    add_method(&i, "__float__", |_vm, a| {
        int_this(&a)?.to_f64().map(Value::Float).map_err(num_error)
    });
    add_method(&i, "__abs__", |_vm, a| Ok(Value::Int(int_this(&a)?.abs())));
    add_method(&i, "__neg__", |_vm, a| Ok(Value::Int(int_this(&a)?.neg())));
    add_method(&i, "__hash__", |_vm, a| Ok(Value::int(int_this(&a)?.hash())));
    add_method(&i, "__repr__", |vm, a| Ok(Value::string(vm.repr(&a.pos[0])?)));
    add_method(&i, "__str__", |vm, a| Ok(Value::string(vm.repr(&a.pos[0])?)));
    add_method(&i, "__format__", |vm, a| {
        let spec = a.pos.get(1).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
        Ok(Value::string(vm.format(&a.pos[0], &spec)?))
    });
    for (name, op) in [
        ("__add__", crate::compile::code::BinOp::Add),
        ("__sub__", crate::compile::code::BinOp::Sub),
        ("__mul__", crate::compile::code::BinOp::Mul),
        ("__floordiv__", crate::compile::code::BinOp::FloorDiv),
        ("__truediv__", crate::compile::code::BinOp::TrueDiv),
        ("__mod__", crate::compile::code::BinOp::Mod),
        ("__pow__", crate::compile::code::BinOp::Pow),
    ] {
        let _ = op;
        add_method(
            &i,
            name,
            match name {
                "__add__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::Add),
                "__sub__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::Sub),
                "__mul__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::Mul),
                "__floordiv__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::FloorDiv),
                "__truediv__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::TrueDiv),
                "__mod__" => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::Mod),
                _ => |vm, a| num_dunder(vm, a, crate::compile::code::BinOp::Pow),
            },
        );
    }
    add_method(&i, "to_bytes", |vm, mut a| {
        let order = a.arg_or_kw(2, "byteorder").unwrap_or(Value::str("big"));
        let signed = match a.take_kw("signed") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        let len = match a.arg_or_kw(1, "length") {
            Some(v) => vm.as_ssize(&v)?,
            None => 1,
        };
        let n = int_this(&a)?;
        if len < 0 {
            return Err(value_error("length argument must be non-negative"));
        }
        if n.is_negative() && !signed {
            return Err(overflow_error("can't convert negative int to unsigned"));
        }
        let len = len as usize;
        if len > 1 << 20 {
            return Err(crate::objects::exc::memory_error());
        }
        let modulus = Int::Small(1).shl(&Int::Small(8 * len as i64)).map_err(num_error)?;
        let v = n.modulo(&modulus).map_err(num_error)?;
        let mut bytes = Vec::with_capacity(len);
        let mut rest = v;
        for _ in 0..len {
            let (q, r) = rest.divmod(&Int::Small(256)).map_err(num_error)?;
            bytes.push(r.to_i64().unwrap_or(0) as u8);
            rest = q;
        }
        let fits = if signed {
            let half = Int::Small(1).shl(&Int::Small(8 * len as i64 - 1)).map_err(num_error)?;
            n < half && n >= half.neg()
        } else {
            n < modulus
        };
        if !fits {
            return Err(overflow_error("int too big to convert"));
        }
        if order.as_str() == Some("big") {
            bytes.reverse();
        }
        Ok(Value::Bytes(bytes.into()))
    });
    add_method(&i, "from_bytes", |vm, mut a| {
        let signed = match a.take_kw("signed") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        let mut pos = a.pos.clone();
        if let Some(Value::Class(_)) = pos.first() {
            pos.remove(0);
        }
        let order =
            a.take_kw("byteorder").or_else(|| pos.get(1).cloned()).unwrap_or(Value::str("big"));
        let data = vm.collect_iterable(pos.first().unwrap_or(&Value::None))?;
        let mut bytes: Vec<u8> = data
            .iter()
            .map(|v| match v {
                Value::Int(i) => i.to_i64().unwrap_or(0) as u8,
                _ => 0,
            })
            .collect();
        if order.as_str() == Some("little") {
            bytes.reverse();
        }
        let mut n = Int::Small(0);
        for b in &bytes {
            n = n
                .mul(&Int::Small(256))
                .map_err(num_error)?
                .add(&Int::Small(*b as i64))
                .map_err(num_error)?;
        }
        if signed && bytes.first().map(|b| b & 0x80 != 0).unwrap_or(false) {
            let m = Int::Small(1).shl(&Int::Small(8 * bytes.len() as i64)).map_err(num_error)?;
            n = n.sub(&m).map_err(num_error)?;
        }
        Ok(Value::Int(n))
    });
    let f = t.float.clone();
    add_method(&f, "is_integer", |_vm, a| {
        let x = float_this(&a)?;
        Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
    });
    add_method(&f, "as_integer_ratio", |_vm, a| {
        let (n, d) = float_ratio(float_this(&a)?)?;
        Ok(Value::tuple(vec![Value::Int(n), Value::Int(d)]))
    });
    add_method(&f, "conjugate", |_vm, a| Ok(Value::Float(float_this(&a)?)));
    add_method(&f, "hex", |_vm, a| {
        let x = float_this(&a)?;
        if x.is_nan() {
            return Ok(Value::str("nan"));
        }
        if x.is_infinite() {
            return Ok(Value::str(if x > 0.0 { "inf" } else { "-inf" }));
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        if x == 0.0 {
            return Ok(Value::string(format!("{sign}0x0.0p+0")));
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let mant = bits & 0x000f_ffff_ffff_ffff;
        let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
        let mut hex = format!("{mant:013x}");
        while hex.len() > 1 && hex.ends_with('0') {
            hex.pop();
        }
        Ok(Value::string(format!(
            "{sign}0x{lead}.{hex}p{}{}",
            if e >= 0 { "+" } else { "-" },
            e.abs()
        )))
    });
    add_method(&f, "__int__", |_vm, a| {
        Int::from_f64(float_this(&a)?).map(Value::Int).map_err(num_error)
    });
    add_method(&f, "__float__", |_vm, a| Ok(Value::Float(float_this(&a)?)));
    add_method(&f, "__abs__", |_vm, a| Ok(Value::Float(float_this(&a)?.abs())));
    add_method(&f, "__neg__", |_vm, a| Ok(Value::Float(-float_this(&a)?)));
    add_method(&f, "__hash__", |_vm, a| Ok(Value::int(asyncpy_num::float_hash(float_this(&a)?))));
    add_method(&f, "__repr__", |_vm, a| {
        Ok(Value::string(asyncpy_num::float_repr(float_this(&a)?)))
    });
    add_method(&f, "__str__", |_vm, a| Ok(Value::string(asyncpy_num::float_repr(float_this(&a)?))));
    add_method(&f, "__format__", |vm, a| {
        let spec = a.pos.get(1).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
        Ok(Value::string(vm.format(&a.pos[0], &spec)?))
    });
    add_method(&f, "__round__", |vm, a| {
        let r = vm.builtin("round").unwrap_or(Value::None);
        vm.call_sync(r, a)
    });
    add_method(&f, "__trunc__", |_vm, a| {
        Int::from_f64(float_this(&a)?).map(Value::Int).map_err(num_error)
    });
    add_method(&f, "fromhex", |_vm, a| {
        let s =
            a.pos.iter().rev().find_map(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
        let t = s.trim().to_lowercase();
        let (neg, t) = match t.strip_prefix('-') {
            Some(r) => (true, r.to_string()),
            None => (false, t.trim_start_matches('+').to_string()),
        };
        let t = t.trim_start_matches("0x");
        let (m, e) = match t.split_once('p') {
            Some((m, e)) => (
                m,
                e.parse::<i32>()
                    .map_err(|_| value_error("invalid hexadecimal floating-point string"))?,
            ),
            None => (t, 0),
        };
        let (ip, fp) = m.split_once('.').unwrap_or((m, ""));
        let mut v = 0f64;
        for c in ip.chars() {
            v = v * 16.0
                + c.to_digit(16)
                    .ok_or_else(|| value_error("invalid hexadecimal floating-point string"))?
                    as f64;
        }
        let mut scale = 1.0 / 16.0;
        for c in fp.chars() {
            v += c
                .to_digit(16)
                .ok_or_else(|| value_error("invalid hexadecimal floating-point string"))?
                as f64
                * scale;
            scale /= 16.0;
        }
        let r = v * 2f64.powi(e);
        Ok(Value::Float(if neg { -r } else { r }))
    });
}

fn num_dunder(vm: &mut crate::vm::Vm, a: Args, op: crate::compile::code::BinOp) -> PyResult<Value> {
    let x = a.pos.first().cloned().unwrap_or(Value::None);
    let y = a.pos.get(1).cloned().unwrap_or(Value::None);
    if !matches!(y, Value::Int(_) | Value::Bool(_) | Value::Float(_)) {
        return Ok(Value::NotImplemented);
    }
    if matches!(x, Value::Int(_) | Value::Bool(_)) && matches!(y, Value::Float(_)) {
        return Ok(Value::NotImplemented);
    }
    vm.binary_sync(op, x, y)
}
