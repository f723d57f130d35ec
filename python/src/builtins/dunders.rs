//! The special methods of the builtin value types, as attributes.
//!
//! The VM runs `len(x)`, `a + b`, `x in s` natively; these methods only make
//! `[].__len__()`, `(1.5).__add__(2)`, `hasattr(x, '__iter__')` and
//! `str.__lt__` answer as CPython's do. A number's binary method returns
//! `NotImplemented` for an operand it does not handle, as CPython's slot
//! wrappers do; a comparison between unrelated types does too. Methods a
//! type already defines are left alone.

use super::add_method;
use crate::compile::code::{BinOp, CmpOp};
use crate::objects::class::Class;
use crate::objects::exc::type_error;
use crate::objects::func::{Args, PlainFn};
use crate::objects::str::intern;
use crate::objects::types::Types;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// `self` and exactly `n` more positional arguments, with the slot
/// wrapper's message otherwise (`expected 1 argument, got 2`).
fn args_n(a: &Args, n: usize) -> PyResult<&[Value]> {
    if !a.kw.is_empty() {
        return Err(type_error("wrapper takes no keyword arguments"));
    }
    let Some((_, rest)) = a.pos.split_first() else {
        return Err(type_error("descriptor needs an argument"));
    };
    if rest.len() != n {
        return Err(type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            rest.len()
        )));
    }
    Ok(&a.pos)
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_))
}

/// A binary special method: the operator, with `NotImplemented` when a
/// number meets an operand it does not handle (or a set a non-set).
fn binary(vm: &mut Vm, a: Args, op: BinOp, reflected: bool) -> PyResult<Value> {
    let p = args_n(&a, 1)?;
    let (x, y) = (p[0].clone(), p[1].clone());
    let numeric = is_number(&x);
    let setlike = matches!(x, Value::Set(_) | Value::FrozenSet(_));
    if numeric && !is_number(&y) {
        return Ok(Value::NotImplemented);
    }
    if numeric && matches!(x, Value::Int(_) | Value::Bool(_)) && matches!(y, Value::Float(_)) {
        return Ok(Value::NotImplemented);
    }
    if setlike && !matches!(y, Value::Set(_) | Value::FrozenSet(_)) {
        return Ok(Value::NotImplemented);
    }
    if reflected {
        if !numeric {
            return Ok(Value::NotImplemented);
        }
        return vm.binary_sync(op, y, x);
    }
    match vm.binary_sync(op, x, y) {
        Err(e)
            if (numeric || setlike)
                && e.is_instance(&crate::objects::types::types().type_error) =>
        {
            Ok(Value::NotImplemented)
        }
        r => r,
    }
}

/// Are `a` and `b` of kinds one comparison method handles?
fn comparable(a: &Value, b: &Value) -> bool {
    (is_number(a) && is_number(b))
        || std::mem::discriminant(a) == std::mem::discriminant(b)
        || matches!(
            (a, b),
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_))
        )
}

fn compare(vm: &mut Vm, a: Args, op: CmpOp) -> PyResult<Value> {
    let p = args_n(&a, 1)?;
    if !comparable(&p[0], &p[1]) {
        return Ok(Value::NotImplemented);
    }
    match vm.compare_sync(op, &p[0], &p[1]) {
        Ok(b) => Ok(Value::Bool(b)),
        Err(e) if e.is_instance(&crate::objects::types::types().type_error) => {
            Ok(Value::NotImplemented)
        }
        Err(e) => Err(e),
    }
}

/// `seq.__mul__(n)`: `n` must be an integer.
fn seq_repeat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args_n(&a, 1)?;
    let n = vm.as_ssize(&p[1])?;
    vm.binary_sync(BinOp::Mul, p[0].clone(), Value::int(n))
}

fn add_missing(cls: &Rc<Class>, name: &str, f: PlainFn) {
    if cls.dict.borrow().get_str(&intern(name)).is_none() {
        add_method(cls, name, f);
    }
}

/// Adds the special methods each builtin value type lacks.
pub fn install(t: &mut Types) {
    let numbers = [t.int.clone(), t.bool_.clone(), t.float.clone()];
    let seqs = [t.str_.clone(), t.list.clone(), t.tuple.clone(), t.bytes.clone()];
    let sets = [t.set.clone(), t.frozenset.clone()];
    let containers: Vec<Rc<Class>> =
        seqs.iter().chain(sets.iter()).cloned().chain([t.dict.clone(), t.range.clone()]).collect();
    for c in &containers {
        add_method(c, "__len__", |vm, a| {
            let p = args_n(&a, 0)?;
            Ok(Value::int(vm.len_of(&p[0])? as i64))
        });
        add_missing(c, "__contains__", |vm, a| {
            let p = args_n(&a, 1)?;
            Ok(Value::Bool(vm.contains(&p[0], &p[1])?))
        });
        add_missing(c, "__iter__", |vm, a| {
            let p = args_n(&a, 0)?;
            vm.get_iter(p[0].clone())
        });
    }
    for c in seqs.iter().chain([t.dict.clone(), t.range.clone()].iter()) {
        add_missing(c, "__getitem__", |vm, a| {
            let p = args_n(&a, 1)?;
            vm.getitem_sync(&p[0], &p[1])
        });
    }
    for c in [t.list.clone(), t.dict.clone()] {
        add_missing(&c, "__setitem__", |vm, a| {
            let p = args_n(&a, 2)?;
            vm.setitem(&p[0], p[1].clone(), p[2].clone())?;
            Ok(Value::None)
        });
        add_missing(&c, "__delitem__", |vm, a| {
            let p = args_n(&a, 1)?;
            vm.delitem(&p[0], p[1].clone())?;
            Ok(Value::None)
        });
    }
    let all: Vec<Rc<Class>> = numbers.iter().chain(containers.iter()).cloned().collect();
    for c in &all {
        add_missing(c, "__repr__", |vm, a| {
            let p = args_n(&a, 0)?;
            Ok(Value::string(vm.repr(&p[0])?))
        });
        add_missing(c, "__str__", |vm, a| {
            let p = args_n(&a, 0)?;
            Ok(Value::string(vm.str_of(&p[0])?))
        });
        add_missing(c, "__eq__", |vm, a| compare(vm, a, CmpOp::Eq));
        add_missing(c, "__ne__", |vm, a| compare(vm, a, CmpOp::Ne));
        add_missing(c, "__lt__", |vm, a| compare(vm, a, CmpOp::Lt));
        add_missing(c, "__le__", |vm, a| compare(vm, a, CmpOp::Le));
        add_missing(c, "__gt__", |vm, a| compare(vm, a, CmpOp::Gt));
        add_missing(c, "__ge__", |vm, a| compare(vm, a, CmpOp::Ge));
    }
    for c in numbers.iter().chain(
        [t.str_.clone(), t.tuple.clone(), t.bytes.clone(), t.frozenset.clone(), t.range.clone()]
            .iter(),
    ) {
        add_missing(c, "__hash__", |vm, a| {
            let p = args_n(&a, 0)?;
            Ok(Value::int(vm.hash(&p[0])?))
        });
    }
    for c in [t.list.clone(), t.dict.clone(), t.set.clone()] {
        if c.dict.borrow().get_str(&intern("__hash__")).is_none() {
            super::add_attr(&c, "__hash__", Value::None);
        }
    }
    for c in &numbers {
        add_missing(c, "__bool__", |vm, a| {
            let p = args_n(&a, 0)?;
            Ok(Value::Bool(vm.truthy(&p[0])?))
        });
        add_missing(c, "__add__", |vm, a| binary(vm, a, BinOp::Add, false));
        add_missing(c, "__radd__", |vm, a| binary(vm, a, BinOp::Add, true));
        add_missing(c, "__sub__", |vm, a| binary(vm, a, BinOp::Sub, false));
        add_missing(c, "__rsub__", |vm, a| binary(vm, a, BinOp::Sub, true));
        add_missing(c, "__mul__", |vm, a| binary(vm, a, BinOp::Mul, false));
        add_missing(c, "__rmul__", |vm, a| binary(vm, a, BinOp::Mul, true));
        add_missing(c, "__truediv__", |vm, a| binary(vm, a, BinOp::TrueDiv, false));
        add_missing(c, "__rtruediv__", |vm, a| binary(vm, a, BinOp::TrueDiv, true));
        add_missing(c, "__floordiv__", |vm, a| binary(vm, a, BinOp::FloorDiv, false));
        add_missing(c, "__rfloordiv__", |vm, a| binary(vm, a, BinOp::FloorDiv, true));
        add_missing(c, "__mod__", |vm, a| binary(vm, a, BinOp::Mod, false));
        add_missing(c, "__rmod__", |vm, a| binary(vm, a, BinOp::Mod, true));
        add_missing(c, "__pow__", |vm, a| binary(vm, a, BinOp::Pow, false));
        add_missing(c, "__rpow__", |vm, a| binary(vm, a, BinOp::Pow, true));
    }
    for c in [t.str_.clone(), t.list.clone(), t.tuple.clone(), t.bytes.clone()] {
        add_method(&c, "__add__", |vm, a| binary(vm, a, BinOp::Add, false));
        add_method(&c, "__mul__", seq_repeat);
        add_method(&c, "__rmul__", seq_repeat);
    }
    for c in &sets {
        add_missing(c, "__and__", |vm, a| binary(vm, a, BinOp::And, false));
        add_missing(c, "__or__", |vm, a| binary(vm, a, BinOp::Or, false));
        add_missing(c, "__sub__", |vm, a| binary(vm, a, BinOp::Sub, false));
        add_missing(c, "__xor__", |vm, a| binary(vm, a, BinOp::Xor, false));
    }
    add_missing(&t.dict, "__or__", |vm, a| {
        let p = args_n(&a, 1)?;
        if !matches!(p[1], Value::Dict(_)) {
            return Ok(Value::NotImplemented);
        }
        vm.binary_sync(BinOp::Or, p[0].clone(), p[1].clone())
    });
}
