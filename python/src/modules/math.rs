//! The `math` module.

use super::{def, new_namespace, set};
use crate::objects::exc::{num_error, overflow_error, type_error, value_error};
use crate::objects::func::Args;
use crate::objects::types::type_name;
use crate::value::{DictRef, Value};
use crate::vm::{PyResult, Vm};
use asyncpy_num::Int;

fn f64_arg(vm: &mut Vm, a: &Args, i: usize) -> PyResult<f64> {
    let v = a.pos.get(i).ok_or_else(|| type_error("missing argument"))?;
    to_f64(vm, v)
}

/// A real number as f64 (ints, floats, `__float__`).
pub fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => i.to_f64().map_err(num_error),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => match vm.lookup_special(v, "__float__") {
            Some(f) => match vm.call_sync(f, Args::default())? {
                Value::Float(f) => Ok(f),
                _ => Err(type_error("__float__ returned non-float")),
            },
            None => Err(type_error(format!("must be real number, not {}", type_name(v)))),
        },
    }
}

fn int_arg(v: &Value, fname: &str) -> PyResult<Int> {
    match v {
        Value::Int(i) => Ok(i.clone()),
        Value::Bool(b) => Ok(Int::Small(*b as i64)),
        Value::Float(_) => {
            let _ = fname;
            Err(type_error("'float' object cannot be interpreted as an integer"))
        }
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        ))),
    }
}

fn domain() -> crate::objects::exc::Exc {
    value_error("math domain error")
}

fn check(r: f64, x: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($d:expr, $name:literal, $f:expr) => {
        def($d, $name, |vm, a| {
            a.check($name, 1, 1)?;
            let x = f64_arg(vm, &a, 0)?;
            let f: fn(f64) -> f64 = $f;
            check(f(x), x)
        });
    };
}

fn floor_ceil(vm: &mut Vm, a: &Args, up: bool) -> PyResult<Value> {
    let v = a.pos.first().ok_or_else(|| type_error("missing argument"))?;
    match v {
        Value::Int(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::int(*b as i64)),
        _ => {
            let name = if up { "__ceil__" } else { "__floor__" };
            if let Value::Instance(_) = v {
                if let Some(f) = vm.lookup_special(v, name) {
                    return vm.call_sync(f, Args::default());
                }
            }
            let x = to_f64(vm, v)?;
            let r = if up { x.ceil() } else { x.floor() };
            Int::from_f64(r).map(Value::Int).map_err(num_error)
        }
    }
}

/// Builds the module namespace.
pub fn make() -> DictRef {
    let d = new_namespace("math");
    set(&d, "pi", Value::Float(std::f64::consts::PI));
    set(&d, "e", Value::Float(std::f64::consts::E));
    set(&d, "tau", Value::Float(std::f64::consts::TAU));
    set(&d, "inf", Value::Float(f64::INFINITY));
    set(&d, "nan", Value::Float(f64::NAN));
    def(&d, "sqrt", |vm, a| {
        a.check("sqrt", 1, 1)?;
        let x = f64_arg(vm, &a, 0)?;
        if x < 0.0 {
            return Err(domain());
        }
        Ok(Value::Float(x.sqrt()))
    });
    unary!(&d, "exp", f64::exp);
    unary!(&d, "sin", f64::sin);
    unary!(&d, "cos", f64::cos);
    unary!(&d, "tan", f64::tan);
    unary!(&d, "asin", f64::asin);
    unary!(&d, "acos", f64::acos);
    unary!(&d, "atan", f64::atan);
    unary!(&d, "sinh", f64::sinh);
    unary!(&d, "cosh", f64::cosh);
    unary!(&d, "tanh", f64::tanh);
    unary!(&d, "fabs", f64::abs);
    unary!(&d, "expm1", f64::exp_m1);
    unary!(&d, "log1p", f64::ln_1p);
    def(&d, "degrees", |vm, a| Ok(Value::Float(f64_arg(vm, &a, 0)?.to_degrees())));
    def(&d, "radians", |vm, a| Ok(Value::Float(f64_arg(vm, &a, 0)?.to_radians())));
    def(&d, "floor", |vm, a| floor_ceil(vm, &a, false));
    def(&d, "ceil", |vm, a| floor_ceil(vm, &a, true));
    def(&d, "trunc", |vm, a| {
        let v = a.pos.first().cloned().ok_or_else(|| type_error("missing argument"))?;
        crate::builtins::types_impl::int_of_value(vm, &v)
    });
    def(&d, "log", |vm, a| {
        a.check("log", 1, 2)?;
        let v = a.pos[0].clone();
        let ln = |vm: &mut Vm, v: &Value| -> PyResult<f64> {
            if let Value::Int(i) = v {
                if i.is_negative() || i.is_zero() {
                    return Err(domain());
                }
                if i.to_f64().is_err() {
                    // Very large ints: log via bit length.
                    let bits = i.bit_length() as f64;
                    let shifted = i.shr(&Int::Small((bits as i64) - 53)).map_err(num_error)?;
                    let f = shifted.to_f64().map_err(num_error)?;
                    return Ok(f.ln() + (bits - 53.0) * std::f64::consts::LN_2);
                }
            }
            let x = to_f64(vm, v)?;
            if x <= 0.0 {
                return Err(domain());
            }
            Ok(x.ln())
        };
        let r = ln(vm, &v)?;
        match a.pos.get(1) {
            Some(b) => {
                let lb = ln(vm, b)?;
                if lb == 0.0 {
                    return Err(crate::objects::exc::zero_division_error("float division by zero"));
                }
                Ok(Value::Float(r / lb))
            }
            None => Ok(Value::Float(r)),
        }
    });
    def(&d, "log2", |vm, a| {
        let x = f64_arg(vm, &a, 0)?;
        if x <= 0.0 {
            return Err(domain());
        }
        Ok(Value::Float(x.log2()))
    });
    def(&d, "log10", |vm, a| {
        let x = f64_arg(vm, &a, 0)?;
        if x <= 0.0 {
            return Err(domain());
        }
        Ok(Value::Float(x.log10()))
    });
    def(&d, "pow", |vm, a| {
        a.check("pow", 2, 2)?;
        let (x, y) = (f64_arg(vm, &a, 0)?, f64_arg(vm, &a, 1)?);
        if x == 0.0 && y < 0.0 {
            return Err(domain());
        }
        if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
            return Err(domain());
        }
        let r = x.powf(y);
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(overflow_error("math range error"));
        }
        Ok(Value::Float(r))
    });
    def(&d, "atan2", |vm, a| Ok(Value::Float(f64_arg(vm, &a, 0)?.atan2(f64_arg(vm, &a, 1)?))));
    def(&d, "hypot", |vm, a| {
        let mut s = 0.0f64;
        for i in 0..a.pos.len() {
            let x = f64_arg(vm, &a, i)?;
            s = s.hypot(x);
        }
        Ok(Value::Float(s))
    });
    def(&d, "copysign", |vm, a| {
        Ok(Value::Float(f64_arg(vm, &a, 0)?.copysign(f64_arg(vm, &a, 1)?)))
    });
    def(&d, "fmod", |vm, a| {
        let (x, y) = (f64_arg(vm, &a, 0)?, f64_arg(vm, &a, 1)?);
        if y == 0.0 || x.is_infinite() {
            return Err(domain());
        }
        Ok(Value::Float(x % y))
    });
    def(&d, "modf", |vm, a| {
        let x = f64_arg(vm, &a, 0)?;
        Ok(Value::tuple(vec![Value::Float(x.fract()), Value::Float(x.trunc())]))
    });
    def(&d, "isfinite", |vm, a| Ok(Value::Bool(f64_arg(vm, &a, 0)?.is_finite())));
    def(&d, "isinf", |vm, a| Ok(Value::Bool(f64_arg(vm, &a, 0)?.is_infinite())));
    def(&d, "isnan", |vm, a| Ok(Value::Bool(f64_arg(vm, &a, 0)?.is_nan())));
    def(&d, "isclose", |vm, mut a| {
        let rel = match a.take_kw("rel_tol") {
            Some(v) => to_f64(vm, &v)?,
            None => 1e-9,
        };
        let abs = match a.take_kw("abs_tol") {
            Some(v) => to_f64(vm, &v)?,
            None => 0.0,
        };
        let (x, y) = (f64_arg(vm, &a, 0)?, f64_arg(vm, &a, 1)?);
        if rel < 0.0 || abs < 0.0 {
            return Err(value_error("tolerances must be non-negative"));
        }
        if x == y {
            return Ok(Value::Bool(true));
        }
        if x.is_infinite() || y.is_infinite() {
            return Ok(Value::Bool(false));
        }
        let diff = (y - x).abs();
        Ok(Value::Bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs))
    });
    def(&d, "factorial", |_vm, a| {
        a.check("factorial", 1, 1)?;
        let n = int_arg(&a.pos[0], "factorial")?;
        if n.is_negative() {
            return Err(value_error("factorial() not defined for negative values"));
        }
        let n = n.to_i64().ok_or_else(|| {
            overflow_error("factorial() argument should not exceed 9223372036854775807")
        })?;
        // Past this the product takes seconds of native time, which the
        // step budget cannot interrupt: a MemoryError instead.
        if n > 200_000 {
            return Err(crate::objects::exc::memory_error());
        }
        Ok(Value::Int(range_product(2, n).map_err(num_error)?))
    });
    def(&d, "gcd", |_vm, a| {
        let mut g = Int::Small(0);
        for v in &a.pos {
            g = g.gcd(&int_arg(v, "gcd")?);
        }
        Ok(Value::Int(g))
    });
    def(&d, "lcm", |_vm, a| {
        let mut l = Int::Small(1);
        for v in &a.pos {
            let x = int_arg(v, "lcm")?;
            if x.is_zero() {
                return Ok(Value::int(0));
            }
            let g = l.gcd(&x);
            l = l.mul(&x).map_err(num_error)?.floordiv(&g).map_err(num_error)?.abs();
        }
        Ok(Value::Int(l))
    });
    def(&d, "isqrt", |_vm, a| {
        let n = int_arg(a.pos.first().unwrap_or(&Value::None), "isqrt")?;
        if n.is_negative() {
            return Err(value_error("isqrt() argument must be nonnegative"));
        }
        n.isqrt().map(Value::Int).map_err(num_error)
    });
    def(&d, "comb", |_vm, a| {
        a.check("comb", 2, 2)?;
        let n = int_arg(&a.pos[0], "comb")?;
        let k = int_arg(&a.pos[1], "comb")?;
        if n.is_negative() {
            return Err(value_error("n must be a non-negative integer"));
        }
        if k.is_negative() {
            return Err(value_error("k must be a non-negative integer"));
        }
        let (Some(n), Some(k)) = (n.to_i64(), k.to_i64()) else {
            return Err(overflow_error("too large"));
        };
        if k > n {
            return Ok(Value::int(0));
        }
        let k = k.min(n - k);
        let mut r = Int::Small(1);
        for i in 0..k {
            r = r
                .mul(&Int::Small(n - i))
                .map_err(num_error)?
                .floordiv(&Int::Small(i + 1))
                .map_err(num_error)?;
        }
        Ok(Value::Int(r))
    });
    def(&d, "perm", |_vm, a| {
        let n = int_arg(a.pos.first().unwrap_or(&Value::None), "perm")?;
        let n = n.to_i64().unwrap_or(0);
        let k = match a.pos.get(1) {
            Some(v) if !v.is_none() => int_arg(v, "perm")?.to_i64().unwrap_or(0),
            _ => n,
        };
        if n < 0 {
            return Err(value_error("n must be a non-negative integer"));
        }
        if k < 0 {
            return Err(value_error("k must be a non-negative integer"));
        }
        if k > n {
            return Ok(Value::int(0));
        }
        let mut r = Int::Small(1);
        for i in 0..k {
            r = r.mul(&Int::Small(n - i)).map_err(num_error)?;
        }
        Ok(Value::Int(r))
    });
    def(&d, "prod", |vm, mut a| {
        let start = a.take_kw("start").unwrap_or(Value::int(1));
        let items = vm.collect_iterable(a.pos.first().unwrap_or(&Value::None))?;
        let mut acc = start;
        for x in items {
            acc = vm.binary_sync(crate::compile::code::BinOp::Mul, acc, x)?;
        }
        Ok(acc)
    });
    def(&d, "fsum", |vm, a| {
        let items = vm.collect_iterable(a.pos.first().unwrap_or(&Value::None))?;
        // Shewchuk's exact summation, as CPython's msum.
        let mut partials: Vec<f64> = Vec::new();
        for it in items {
            let mut x = to_f64(vm, &it)?;
            let mut i = 0;
            for j in 0..partials.len() {
                let mut y = partials[j];
                if x.abs() < y.abs() {
                    std::mem::swap(&mut x, &mut y);
                }
                let hi = x + y;
                let lo = y - (hi - x);
                if lo != 0.0 {
                    partials[i] = lo;
                    i += 1;
                }
                x = hi;
            }
            partials.truncate(i);
            partials.push(x);
        }
        let mut hi = 0.0;
        if let Some(mut n) = partials.len().checked_sub(0) {
            if n > 0 {
                n -= 1;
                hi = partials[n];
                let mut lo = 0.0;
                while n > 0 {
                    let x = hi;
                    n -= 1;
                    let y = partials[n];
                    hi = x + y;
                    let yr = hi - x;
                    lo = y - yr;
                    if lo != 0.0 {
                        break;
                    }
                }
                if n > 0
                    && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))
                {
                    let y = lo * 2.0;
                    let x = hi + y;
                    let yr = x - hi;
                    if y == yr {
                        hi = x;
                    }
                }
            }
        }
        Ok(Value::Float(hi))
    });
    def(&d, "dist", |vm, a| {
        let p = vm.collect_iterable(a.pos.first().unwrap_or(&Value::None))?;
        let q = vm.collect_iterable(a.pos.get(1).unwrap_or(&Value::None))?;
        if p.len() != q.len() {
            return Err(value_error("both points must have the same number of dimensions"));
        }
        let mut s = 0.0f64;
        for (x, y) in p.iter().zip(q.iter()) {
            s = s.hypot(to_f64(vm, x)? - to_f64(vm, y)?);
        }
        Ok(Value::Float(s))
    });
    def(&d, "frexp", |vm, a| {
        let x = f64_arg(vm, &a, 0)?;
        if x == 0.0 || !x.is_finite() {
            return Ok(Value::tuple(vec![Value::Float(x), Value::int(0)]));
        }
        let mut e = x.abs().log2().floor() as i64 + 1;
        let mut m = x / 2f64.powi(e as i32);
        if m.abs() >= 1.0 {
            m /= 2.0;
            e += 1;
        }
        if m.abs() < 0.5 {
            m *= 2.0;
            e -= 1;
        }
        Ok(Value::tuple(vec![Value::Float(m), Value::int(e)]))
    });
    def(&d, "ldexp", |vm, a| {
        let x = f64_arg(vm, &a, 0)?;
        let e = int_arg(a.pos.get(1).unwrap_or(&Value::None), "ldexp")?.to_i64().unwrap_or(0);
        let r = x * 2f64.powi(e.clamp(-2000, 2000) as i32);
        check(r, x)
    });
    d
}

/// The product of `lo..=hi`, multiplied as a balanced tree (much faster
/// than one by one for big results). Recursion depth is log2 of the count.
fn range_product(lo: i64, hi: i64) -> Result<Int, asyncpy_num::NumError> {
    if hi < lo {
        return Ok(Int::Small(1));
    }
    if hi - lo < 16 {
        let mut r = Int::Small(1);
        for i in lo..=hi {
            r = r.mul(&Int::Small(i))?;
        }
        return Ok(r);
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid)?.mul(&range_product(mid + 1, hi)?)
}
