//! The common methods of `bytes`.
//!
//! Most are the `str` methods run on the bytes read as Latin-1 (one
//! character per byte) with bytes arguments read the same way, and the
//! answer turned back into bytes; the case methods and the `is...` tests
//! are written here because `bytes` knows only ASCII letters. (One small
//! difference: `split()`/`strip()` without arguments also treat the
//! Latin-1 spaces 0x85 and 0xA0 as whitespace.)

use super::add_method;
use crate::objects::exc::type_error;
use crate::objects::func::Args;
use crate::objects::str::intern;
use crate::objects::types::{type_name, types, Types};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn latin1(b: &[u8]) -> Value {
    Value::string(b.iter().map(|&c| c as char).collect::<String>())
}

/// A `str` result back to bytes (every character is below 256 here).
fn to_bytes(v: Value) -> Value {
    match v {
        Value::Str(s) => {
            Value::Bytes(s.as_str().chars().map(|c| u32::from(c).min(255) as u8).collect())
        }
        Value::List(l) => {
            let items: Vec<Value> = l.borrow().iter().cloned().map(to_bytes).collect();
            Value::list(items)
        }
        Value::Tuple(t) => Value::tuple(t.iter().cloned().map(to_bytes).collect()),
        other => other,
    }
}

/// A bytes-method argument as the `str` method wants it.
fn arg(v: &Value) -> PyResult<Value> {
    match v {
        Value::Bytes(b) => Ok(latin1(b)),
        Value::Str(_) => {
            Err(type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
        }
        Value::Tuple(t) => Ok(Value::tuple(t.iter().map(arg).collect::<PyResult<Vec<_>>>()?)),
        other => Ok(other.clone()),
    }
}

fn this(a: &Args) -> PyResult<Rc<[u8]>> {
    match a.pos.first() {
        Some(Value::Bytes(b)) => Ok(b.clone()),
        _ => Err(type_error("descriptor needs a 'bytes' object")),
    }
}

/// Runs the `str` method `name` on the Latin-1 reading of the bytes.
fn via_str(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    let b = this(&a)?;
    let Some(f) = types().str_.lookup(&intern(name)) else {
        return Err(type_error(format!("bytes.{name} is not available")));
    };
    let mut pos = vec![latin1(&b)];
    for v in a.pos.iter().skip(1) {
        pos.push(arg(v)?);
    }
    let mut kw = Vec::new();
    for (k, v) in a.kw {
        kw.push((k, arg(&v)?));
    }
    let r = vm.call_sync(f, Args { pos, kw })?;
    Ok(to_bytes(r))
}

/// `join`: the items must be bytes.
fn join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let sep = this(&a)?;
    let Some(it) = a.pos.get(1) else {
        return Err(type_error("bytes.join() takes exactly one argument (0 given)"));
    };
    let items = vm.collect_iterable(it)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match x {
            Value::Bytes(b) => out.extend_from_slice(b),
            other => {
                return Err(type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(other)
                )))
            }
        }
    }
    crate::vm::ops::check_size(out.len(), 1, crate::vm::ops::MAX_BYTES)?;
    Ok(Value::Bytes(out.into()))
}

fn map_bytes(a: &Args, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let b = this(a)?;
    Ok(Value::Bytes(f(&b).into()))
}

fn test_bytes(a: &Args, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let b = this(a)?;
    Ok(Value::Bool(f(&b)))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn title(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let r = if c.is_ascii_alphabetic() {
                if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

macro_rules! via {
    ($cls:expr, $($name:literal),*) => {
        $( add_method($cls, $name, |vm, a| via_str(vm, a, $name)); )*
    };
}

/// Adds the methods to `bytes`.
pub fn install(t: &mut Types) {
    let b = t.bytes.clone();
    via!(
        &b,
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "startswith",
        "endswith",
        "replace",
        "partition",
        "rpartition",
        "center",
        "ljust",
        "rjust",
        "zfill",
        "splitlines",
        "expandtabs",
        "removeprefix",
        "removesuffix"
    );
    add_method(&b, "join", join);
    add_method(&b, "upper", |_vm, a| map_bytes(&a, |b| b.to_ascii_uppercase()));
    add_method(&b, "lower", |_vm, a| map_bytes(&a, |b| b.to_ascii_lowercase()));
    add_method(&b, "swapcase", |_vm, a| {
        map_bytes(&a, |b| {
            b.iter()
                .map(|&c| {
                    if c.is_ascii_uppercase() {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect()
        })
    });
    add_method(&b, "capitalize", |_vm, a| {
        map_bytes(&a, |b| {
            b.iter()
                .enumerate()
                .map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect()
        })
    });
    add_method(&b, "title", |_vm, a| map_bytes(&a, title));
    add_method(&b, "isalpha", |_vm, a| {
        test_bytes(&a, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_alphabetic()))
    });
    add_method(&b, "isdigit", |_vm, a| {
        test_bytes(&a, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_digit()))
    });
    add_method(&b, "isalnum", |_vm, a| {
        test_bytes(&a, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_alphanumeric()))
    });
    add_method(&b, "isspace", |_vm, a| {
        test_bytes(&a, |b| !b.is_empty() && b.iter().all(|&c| is_space(c)))
    });
    add_method(&b, "isascii", |_vm, a| test_bytes(&a, |b| b.is_ascii()));
    add_method(&b, "islower", |_vm, a| {
        test_bytes(&a, |b| {
            b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase())
        })
    });
    add_method(&b, "isupper", |_vm, a| {
        test_bytes(&a, |b| {
            b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase())
        })
    });
    add_method(&b, "istitle", |_vm, a| {
        test_bytes(&a, |b| b.iter().any(|c| c.is_ascii_alphabetic()) && title(b) == b)
    });
}
