//! Operators: arithmetic, comparisons, truth, hashing, `in`, subscripts,
//! and the dict/set operations that may need a user's `__eq__`/`__hash__`.
//!
//! Builtin types are handled natively ([`fast_binary`], [`fast_compare`]);
//! user classes go through their dunders with CPython's reflection rules
//! (`a + b` tries `a.__add__(b)`, then `b.__radd__(a)`; the subclass's
//! reflected method goes first).

use super::frame::{Cont, Exit};
use super::{PyResult, Vm};
use crate::compile::code::{BinOp, CmpOp, UnOp};
use crate::objects::dict::{fast_eq, Dict, NeedsPython};
use crate::objects::exc::{
    index_error, key_error, memory_error, num_error, type_error, value_error, Exc,
};
use crate::objects::func::{Args, Flow, Then};
use crate::objects::set::Set;
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{type_name, type_of};
use crate::value::{DictRef, SetRef, Value};
use asyncpy_num::{Int, Number};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// Largest number of elements a container may get (MemoryError beyond).
pub const MAX_ELEMS: usize = 1 << 24;
/// Largest size of a string or bytes in bytes (MemoryError beyond).
pub const MAX_BYTES: usize = 1 << 28;

fn int_of(v: &Value) -> Option<Int> {
    match v {
        Value::Int(i) => Some(i.clone()),
        Value::Bool(b) => Some(Int::Small(*b as i64)),
        _ => None,
    }
}

fn float_of(v: &Value) -> PyResult<Option<f64>> {
    Ok(match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(i.to_f64().map_err(num_error)?),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    })
}

fn number(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => Value::Float(f),
    }
}

fn int_binop(op: BinOp, a: &Int, b: &Int) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => a.add(b),
        BinOp::Sub => a.sub(b),
        BinOp::Mul => a.mul(b),
        BinOp::TrueDiv => return a.truediv(b).map(Value::Float).map_err(num_error),
        BinOp::FloorDiv => a.floordiv(b),
        BinOp::Mod => a.modulo(b),
        BinOp::Pow => return a.pow(b, None).map(number).map_err(num_error),
        BinOp::LShift => a.shl(b),
        BinOp::RShift => a.shr(b),
        BinOp::And => Ok(a.bitand(b)),
        BinOp::Or => Ok(a.bitor(b)),
        BinOp::Xor => Ok(a.bitxor(b)),
        BinOp::MatMul => {
            return Err(unsupported(op, &Value::Int(a.clone()), &Value::Int(b.clone())))
        }
    };
    r.map(Value::Int).map_err(num_error)
}

fn float_binop(op: BinOp, a: f64, b: f64) -> PyResult<Option<Value>> {
    use asyncpy_num::{float_floordiv, float_mod, float_pow, float_truediv};
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => float_truediv(a, b).map_err(num_error)?,
        BinOp::FloorDiv => float_floordiv(a, b).map_err(num_error)?,
        BinOp::Mod => float_mod(a, b).map_err(num_error)?,
        BinOp::Pow => float_pow(a, b).map_err(num_error)?,
        _ => return Ok(None),
    };
    Ok(Some(Value::Float(r)))
}

/// `seq * obj` or `obj * seq` where `obj` has `__index__` (CPython's
/// `sq_repeat`, tried after the number methods).
fn seq_repeat_index(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if op != BinOp::Mul {
        return Ok(None);
    }
    let is_seq =
        |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_));
    let (seq, n) = if is_seq(a) {
        (a, b)
    } else if is_seq(b) {
        (b, a)
    } else {
        return Ok(None);
    };
    if !matches!(n, Value::Instance(_)) || vm.lookup_special(n, "__index__").is_none() {
        return Ok(None);
    }
    let k = vm.as_ssize(n)?;
    vm.binary_sync(BinOp::Mul, seq.clone(), Value::int(k)).map(Some)
}

/// The TypeError of an operator on unsupported types.
pub fn unsupported(op: BinOp, a: &Value, b: &Value) -> Exc {
    let is_seq =
        |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_));
    let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_));
    if op == BinOp::Add && matches!(a, Value::Bytes(_)) {
        return type_error(format!("can't concat {} to bytes", type_name(b)));
    }
    if op == BinOp::Add && is_seq(a) {
        let an = type_name(a);
        return type_error(format!("can only concatenate {an} (not \"{}\") to {an}", type_name(b)));
    }
    if op == BinOp::Mul && is_seq(a) && !is_int(b) {
        return type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(b)
        ));
    }
    if op == BinOp::Mul && is_seq(b) && !is_int(a) {
        return type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(a)
        ));
    }
    if op == BinOp::Pow {
        return type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name(a),
            type_name(b)
        ));
    }
    type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        type_name(a),
        type_name(b)
    ))
}

fn repeat_count(n: &Int) -> PyResult<usize> {
    match n.to_i64() {
        Some(v) if v <= 0 => Ok(0),
        Some(v) => Ok(v as usize),
        None if n.is_negative() => Ok(0),
        None => {
            Err(crate::objects::exc::overflow_error("cannot fit 'int' into an index-sized integer"))
        }
    }
}

pub fn check_size(elems: usize, count: usize, limit: usize) -> PyResult<()> {
    match elems.checked_mul(count) {
        Some(n) if n <= limit => Ok(()),
        _ => Err(memory_error()),
    }
}

/// The operator on builtin operands; `None` when Python code (a user
/// class's dunder) is needed or the types do not support it.
pub fn fast_binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use Value::{Bool, Bytes, Float, Int, List, Str, Tuple};
    // The hot path: two small ints.
    if let (Int(asyncpy_num::Int::Small(x)), Int(asyncpy_num::Int::Small(y))) = (a, b) {
        let r = match op {
            BinOp::Add => x.checked_add(*y),
            BinOp::Sub => x.checked_sub(*y),
            BinOp::Mul => x.checked_mul(*y),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::Mod if *y > 0 && *x >= 0 => Some(x % y),
            BinOp::FloorDiv if *y > 0 && *x >= 0 => Some(x / y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Some(Value::int(r)));
        }
    }
    match (a, b) {
        (Int(_) | Bool(_), Int(_) | Bool(_)) => {
            let (Some(x), Some(y)) = (int_of(a), int_of(b)) else { return Ok(None) };
            if op == BinOp::MatMul {
                return Err(unsupported(op, a, b));
            }
            if let (Bool(p), Bool(q)) = (a, b) {
                match op {
                    BinOp::And => return Ok(Some(Bool(*p & *q))),
                    BinOp::Or => return Ok(Some(Bool(*p | *q))),
                    BinOp::Xor => return Ok(Some(Bool(*p ^ *q))),
                    _ => {}
                }
            }
            int_binop(op, &x, &y).map(Some)
        }
        (Float(_), Float(_) | Int(_) | Bool(_)) | (Int(_) | Bool(_), Float(_)) => {
            let (Some(x), Some(y)) = (float_of(a)?, float_of(b)?) else { return Ok(None) };
            match float_binop(op, x, y)? {
                Some(v) => Ok(Some(v)),
                None => Err(unsupported(op, a, b)),
            }
        }
        (Str(x), Str(y)) if op == BinOp::Add => {
            check_size(x.len_bytes() + y.len_bytes(), 1, MAX_BYTES)?;
            let mut s = String::with_capacity(x.len_bytes() + y.len_bytes());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Ok(Some(Value::string(s)))
        }
        (Str(s), Int(_) | Bool(_)) | (Int(_) | Bool(_), Str(s)) if op == BinOp::Mul => {
            let n = int_of(if matches!(a, Str(_)) { b } else { a })
                .unwrap_or(asyncpy_num::Int::Small(0));
            let n = repeat_count(&n)?;
            check_size(s.len_bytes(), n, MAX_BYTES)?;
            Ok(Some(Value::string(s.as_str().repeat(n))))
        }
        (Str(_), _) if op == BinOp::Mod => Ok(None),
        (List(x), List(y)) if op == BinOp::Add => {
            let x = x.borrow();
            let y = y.borrow();
            check_size(x.len() + y.len(), 1, MAX_ELEMS)?;
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Some(Value::list(v)))
        }
        (Tuple(x), Tuple(y)) if op == BinOp::Add => {
            check_size(x.len() + y.len(), 1, MAX_ELEMS)?;
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Some(Value::tuple(v)))
        }
        (Bytes(x), Bytes(y)) if op == BinOp::Add => {
            check_size(x.len() + y.len(), 1, MAX_BYTES)?;
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Ok(Some(Value::Bytes(v.into())))
        }
        (List(l), Int(_) | Bool(_)) | (Int(_) | Bool(_), List(l)) if op == BinOp::Mul => {
            let n = repeat_count(
                &int_of(if matches!(a, List(_)) { b } else { a })
                    .unwrap_or(asyncpy_num::Int::Small(0)),
            )?;
            let l = l.borrow();
            check_size(l.len(), n, MAX_ELEMS)?;
            let mut v = Vec::with_capacity(l.len() * n);
            for _ in 0..n {
                v.extend(l.iter().cloned());
            }
            Ok(Some(Value::list(v)))
        }
        (Tuple(t), Int(_) | Bool(_)) | (Int(_) | Bool(_), Tuple(t)) if op == BinOp::Mul => {
            let n = repeat_count(
                &int_of(if matches!(a, Tuple(_)) { b } else { a })
                    .unwrap_or(asyncpy_num::Int::Small(0)),
            )?;
            check_size(t.len(), n, MAX_ELEMS)?;
            let mut v = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                v.extend(t.iter().cloned());
            }
            Ok(Some(Value::tuple(v)))
        }
        (Bytes(t), Int(_) | Bool(_)) if op == BinOp::Mul => {
            let n = repeat_count(&int_of(b).unwrap_or(asyncpy_num::Int::Small(0)))?;
            check_size(t.len(), n, MAX_BYTES)?;
            Ok(Some(Value::Bytes(t.repeat(n).into())))
        }
        _ => Ok(None),
    }
}

/// Ordering of two builtin values when it needs no Python code:
/// `Some(result)` or `None`.
pub fn fast_compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    use Value::{Bool, Bytes, Dict, Float, FrozenSet, Instance, Int, List, Set, Str, Tuple};
    let ord = match (a, b) {
        (Int(asyncpy_num::Int::Small(x)), Int(asyncpy_num::Int::Small(y))) => x.cmp(y),
        (Int(_) | Bool(_), Int(_) | Bool(_)) => int_of(a)?.cmp(&int_of(b)?),
        (Float(x), Float(y)) => match x.partial_cmp(y) {
            Some(o) => o,
            None => return Some(op == CmpOp::Ne),
        },
        (Int(_) | Bool(_), Float(f)) => match asyncpy_num::int_float_cmp(&int_of(a)?, *f) {
            Some(o) => o,
            None => return Some(op == CmpOp::Ne),
        },
        (Float(f), Int(_) | Bool(_)) => match asyncpy_num::int_float_cmp(&int_of(b)?, *f) {
            Some(o) => o.reverse(),
            None => return Some(op == CmpOp::Ne),
        },
        (Str(x), Str(y)) => x.as_str().cmp(y.as_str()),
        (Bytes(x), Bytes(y)) => x.cmp(y),
        _ => {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                let both_builtin = !matches!(a, Instance(_)) && !matches!(b, Instance(_));
                let containers = matches!(a, List(_) | Tuple(_) | Dict(_) | Set(_) | FrozenSet(_))
                    || matches!(b, List(_) | Tuple(_) | Dict(_) | Set(_) | FrozenSet(_));
                if both_builtin && !containers {
                    let eq = fast_eq(a, b)?;
                    return Some(if op == CmpOp::Eq { eq } else { !eq });
                }
            }
            return None;
        }
    };
    Some(match op {
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::Le => ord != Ordering::Greater,
        CmpOp::Eq => ord == Ordering::Equal,
        CmpOp::Ne => ord != Ordering::Equal,
        CmpOp::Gt => ord == Ordering::Greater,
        CmpOp::Ge => ord != Ordering::Less,
    })
}

/// CPython's tuple hash (xxHash-based), for set order of tuples.
pub fn tuple_hash(hashes: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for h in hashes {
        let lane = *h as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

impl Vm {
    /// `a op b` with user dunders; the result goes to `cont`.
    pub fn binary_op(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
        cont: Cont,
    ) -> PyResult<()> {
        if inplace {
            if let Some(v) = self.inplace_native(op, &a, &b)? {
                return self.finish(cont, Exit::Return(v));
            }
            let (_, _, iname) = op.dunders();
            if let Value::Instance(_) = &a {
                if let Some(f) = self.lookup_special(&a, iname) {
                    let a2 = a.clone();
                    let b2 = b.clone();
                    let then: Then = Box::new(move |vm: &mut Vm, r: PyResult<Value>| {
                        let r = r?;
                        if let Value::NotImplemented = r {
                            return vm.binary_flow(op, a2, b2);
                        }
                        Ok(Flow::Value(r))
                    });
                    return self.call_value(
                        f,
                        Args::new(vec![b]),
                        Cont::Then(then, Box::new(cont)),
                    );
                }
            }
        }
        match self.binary_flow(op, a, b) {
            Ok(flow) => self.run_flow(flow, cont),
            Err(e) => self.finish(cont, Exit::Raise(e)),
        }
    }

    /// `a op b` as a [`Flow`] (used after an in-place attempt failed).
    pub fn binary_flow(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Flow> {
        if let Some(v) = fast_binary(op, &a, &b)? {
            return Ok(Flow::Value(v));
        }
        if let Some(v) = self.binary_native(op, &a, &b)? {
            return Ok(Flow::Value(v));
        }
        let (name, rname, _) = op.dunders();
        let a_user = matches!(a, Value::Instance(_));
        let b_user = matches!(b, Value::Instance(_));
        if !a_user && !b_user {
            return Err(unsupported(op, &a, &b));
        }
        let ta = type_of(&a);
        let tb = type_of(&b);
        let fa = if a_user { self.lookup_special(&a, name) } else { None };
        let fb =
            if b_user && !Rc::ptr_eq(&ta, &tb) { self.lookup_special(&b, rname) } else { None };
        // A subclass's reflected method goes first.
        let b_first = fb.is_some() && tb.is_subclass(&ta) && !Rc::ptr_eq(&ta, &tb);
        let (first, first_arg, second, second_arg) =
            if b_first { (fb, a.clone(), fa, b.clone()) } else { (fa, b.clone(), fb, a.clone()) };
        let (a2, b2) = (a.clone(), b.clone());
        let fallback = move |vm: &mut Vm| -> PyResult<Flow> {
            match second {
                Some(f) => {
                    let (a3, b3) = (a2.clone(), b2.clone());
                    Ok(Flow::CallThen(
                        f,
                        Args::new(vec![second_arg]),
                        Box::new(move |vm2: &mut Vm, r| {
                            let r = r?;
                            if let Value::NotImplemented = r {
                                if let Some(v) = seq_repeat_index(vm2, op, &a3, &b3)? {
                                    return Ok(Flow::Value(v));
                                }
                                return Err(unsupported(op, &a3, &b3));
                            }
                            Ok(Flow::Value(r))
                        }),
                    ))
                }
                None => {
                    if let Some(v) = seq_repeat_index(vm, op, &a2, &b2)? {
                        return Ok(Flow::Value(v));
                    }
                    Err(unsupported(op, &a2, &b2))
                }
            }
        };
        match first {
            Some(f) => Ok(Flow::CallThen(
                f,
                Args::new(vec![first_arg]),
                Box::new(move |vm, r| {
                    let r = r?;
                    if let Value::NotImplemented = r {
                        return fallback(vm);
                    }
                    Ok(Flow::Value(r))
                }),
            )),
            None => fallback(self),
        }
    }

    /// Builtin operators that need the VM (sets, dicts, `%` formatting).
    fn binary_native(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::{Dict, FrozenSet, Set, Str};
        match (a, b) {
            (Str(s), _) if op == BinOp::Mod => {
                let r = crate::builtins::strformat::percent_format(self, s.as_str(), b)?;
                Ok(Some(Value::string(r)))
            }
            (Set(x) | FrozenSet(x), Set(y) | FrozenSet(y)) => {
                let frozen = matches!(a, FrozenSet(_));
                let r = match op {
                    BinOp::Or => self.set_union(x, y)?,
                    BinOp::And => self.set_intersection(x, y)?,
                    BinOp::Sub => self.set_difference(x, y)?,
                    BinOp::Xor => self.set_symmetric_difference(x, y)?,
                    _ => return Ok(None),
                };
                let r = Rc::new(RefCell::new(r));
                Ok(Some(if frozen { FrozenSet(r) } else { Set(r) }))
            }
            (Dict(x), Dict(y)) if op == BinOp::Or => {
                let d = Rc::new(RefCell::new(x.borrow().clone()));
                let items = y.borrow().items();
                for (k, v) in items {
                    self.dict_set(&d, k, v)?;
                }
                Ok(Some(Dict(d)))
            }
            _ => Ok(None),
        }
    }

    /// In-place operators of mutable builtins (`list += iterable`).
    fn inplace_native(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::{Dict, FrozenSet, List, Set};
        match (a, op) {
            (List(l), BinOp::Add) => {
                let items = self.collect_iterable(b).map_err(|e| {
                    if !self.is_iterable(b) {
                        type_error(format!("'{}' object is not iterable", type_name(b)))
                    } else {
                        e
                    }
                })?;
                check_size(l.borrow().len() + items.len(), 1, MAX_ELEMS)?;
                l.borrow_mut().extend(items);
                Ok(Some(a.clone()))
            }
            (List(l), BinOp::Mul) => {
                let Some(n) = int_of(b) else { return Ok(None) };
                let n = repeat_count(&n)?;
                let cur = l.borrow().clone();
                check_size(cur.len(), n, MAX_ELEMS)?;
                let mut v = Vec::with_capacity(cur.len() * n);
                for _ in 0..n {
                    v.extend(cur.iter().cloned());
                }
                *l.borrow_mut() = v;
                Ok(Some(a.clone()))
            }
            (Set(x), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) => {
                let y = match b {
                    Set(y) | FrozenSet(y) => y.clone(),
                    _ => return Ok(None),
                };
                let r = match op {
                    BinOp::Or => {
                        let items: Vec<Value> = y.borrow().iter().cloned().collect();
                        for it in items {
                            self.set_add(x, it)?;
                        }
                        return Ok(Some(a.clone()));
                    }
                    BinOp::And => self.set_intersection(x, &y)?,
                    BinOp::Sub => self.set_difference(x, &y)?,
                    _ => self.set_symmetric_difference(x, &y)?,
                };
                *x.borrow_mut() = r;
                Ok(Some(a.clone()))
            }
            (Dict(x), BinOp::Or) => {
                let items = self.mapping_items(b)?;
                for (k, v) in items {
                    self.dict_set(x, k, v)?;
                }
                Ok(Some(a.clone()))
            }
            _ => Ok(None),
        }
    }

    /// `a op b` synchronously (for builtins such as `sum`).
    pub fn binary_sync(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let Some(v) = fast_binary(op, &a, &b)? {
            return Ok(v);
        }
        let depth = self.frames.len();
        self.binary_op(op, a, b, false, Cont::Reentry)?;
        self.wait_reentry(depth)
    }

    /// Unary `-`, `+`, `~`.
    pub fn unary_op(&mut self, op: UnOp, v: Value, cont: Cont) -> PyResult<()> {
        let r = match (&v, op) {
            (Value::Int(i), UnOp::Neg) => Some(Value::Int(i.neg())),
            (Value::Int(_), UnOp::Pos) => Some(v.clone()),
            (Value::Int(i), UnOp::Invert) => Some(Value::Int(i.invert())),
            (Value::Bool(b), UnOp::Neg) => Some(Value::int(-(*b as i64))),
            (Value::Bool(b), UnOp::Pos) => Some(Value::int(*b as i64)),
            (Value::Bool(b), UnOp::Invert) => Some(Value::int(!(*b as i64))),
            (Value::Float(f), UnOp::Neg) => Some(Value::Float(-f)),
            (Value::Float(_), UnOp::Pos) => Some(v.clone()),
            _ => None,
        };
        if let Some(r) = r {
            return self.finish(cont, Exit::Return(r));
        }
        let (name, sym) = match op {
            UnOp::Neg => ("__neg__", "-"),
            UnOp::Pos => ("__pos__", "+"),
            UnOp::Invert => ("__invert__", "~"),
            UnOp::Not => ("__bool__", "not"),
        };
        if let Value::Instance(_) = &v {
            if let Some(f) = self.lookup_special(&v, name) {
                return self.call_value(f, Args::default(), cont);
            }
        }
        let e = type_error(format!("bad operand type for unary {}: '{}'", sym, type_name(&v)));
        self.finish(cont, Exit::Raise(e))
    }

    /// `a op b` for comparisons with user dunders; result to `cont`.
    pub fn compare_op(&mut self, op: CmpOp, a: Value, b: Value, cont: Cont) -> PyResult<()> {
        match self.compare_flow(op, a, b) {
            Ok(flow) => self.run_flow(flow, cont),
            Err(e) => self.finish(cont, Exit::Raise(e)),
        }
    }

    fn compare_flow(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Flow> {
        if let Some(r) = fast_compare(op, &a, &b) {
            return Ok(Flow::Value(Value::Bool(r)));
        }
        let a_user = matches!(a, Value::Instance(_)) && self.has_user_cmp(&a, op.dunder());
        let b_user =
            matches!(b, Value::Instance(_)) && self.has_user_cmp(&b, op.swapped().dunder());
        if !a_user && !b_user {
            return self.compare_native(op, &a, &b).map(|r| Flow::Value(Value::Bool(r)));
        }
        let ta = type_of(&a);
        let tb = type_of(&b);
        let fa = if a_user { self.lookup_special(&a, op.dunder()) } else { None };
        let fb = if b_user { self.lookup_special(&b, op.swapped().dunder()) } else { None };
        let b_first = fb.is_some() && !Rc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta);
        let (first, first_arg, second, second_arg) =
            if b_first { (fb, a.clone(), fa, b.clone()) } else { (fa, b.clone(), fb, a.clone()) };
        let (a2, b2) = (a.clone(), b.clone());
        let fallback = move |vm: &mut Vm| -> PyResult<Flow> {
            match second {
                Some(f) => {
                    let (a3, b3) = (a2.clone(), b2.clone());
                    Ok(Flow::CallThen(
                        f,
                        Args::new(vec![second_arg]),
                        Box::new(move |vm, r| {
                            let r = r?;
                            if let Value::NotImplemented = r {
                                return vm
                                    .compare_default(op, &a3, &b3)
                                    .map(|r| Flow::Value(Value::Bool(r)));
                            }
                            Ok(Flow::Value(r))
                        }),
                    ))
                }
                None => vm.compare_default(op, &a2, &b2).map(|r| Flow::Value(Value::Bool(r))),
            }
        };
        match first {
            Some(f) => Ok(Flow::CallThen(
                f,
                Args::new(vec![first_arg]),
                Box::new(move |vm, r| {
                    let r = r?;
                    if let Value::NotImplemented = r {
                        return fallback(vm);
                    }
                    Ok(Flow::Value(r))
                }),
            )),
            None => fallback(self),
        }
    }

    fn has_user_cmp(&self, v: &Value, name: &str) -> bool {
        if let Value::Instance(i) = v {
            if let Some((_, owner)) = i.class.lookup_with_owner(&intern(name)) {
                if !owner.builtin {
                    return true;
                }
            }
            // `__ne__` falls back to a user `__eq__`.
            if name == "__ne__" {
                if let Some((_, owner)) = i.class.lookup_with_owner(&intern("__eq__")) {
                    return !owner.builtin;
                }
            }
        }
        false
    }

    /// When neither side has the dunder: identity for `==`/`!=`, TypeError
    /// for orderings.
    fn compare_default(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        match op {
            CmpOp::Eq => Ok(a.is(b)),
            CmpOp::Ne => {
                // object.__ne__ inverts a user __eq__.
                if let Value::Instance(_) = a {
                    if self.has_user_method(a, "__eq__") {
                        if let Some(f) = self.lookup_special(a, "__eq__") {
                            let r = self.call_sync(f, Args::new(vec![b.clone()]))?;
                            if !matches!(r, Value::NotImplemented) {
                                return Ok(!self.truthy(&r)?);
                            }
                        }
                    }
                }
                Ok(!a.is(b))
            }
            _ => Err(type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                type_name(a),
                type_name(b)
            ))),
        }
    }

    /// Comparisons of builtin containers (element comparisons may call
    /// Python).
    fn compare_native(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        use Value::{Dict, FrozenSet, List, Set, Tuple};
        match (a, b) {
            (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
                let x = seq_items(a);
                let y = seq_items(b);
                // Find the first differing element.
                let n = x.len().min(y.len());
                for i in 0..n {
                    if !self.eq_sync(&x[i], &y[i])? {
                        return match op {
                            CmpOp::Eq => Ok(false),
                            CmpOp::Ne => Ok(true),
                            _ => self.compare_sync(op, &x[i], &y[i]),
                        };
                    }
                }
                let ord = x.len().cmp(&y.len());
                Ok(match op {
                    CmpOp::Lt => ord == Ordering::Less,
                    CmpOp::Le => ord != Ordering::Greater,
                    CmpOp::Eq => ord == Ordering::Equal,
                    CmpOp::Ne => ord != Ordering::Equal,
                    CmpOp::Gt => ord == Ordering::Greater,
                    CmpOp::Ge => ord != Ordering::Less,
                })
            }
            (Dict(x), Dict(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let eq = self.dict_eq(x, y)?;
                Ok(if op == CmpOp::Eq { eq } else { !eq })
            }
            (Set(x) | FrozenSet(x), Set(y) | FrozenSet(y)) => {
                let (lx, ly) = (x.borrow().len(), y.borrow().len());
                let sub = |vm: &mut Vm, p: &SetRef, q: &SetRef| -> PyResult<bool> {
                    let items: Vec<Value> = p.borrow().iter().cloned().collect();
                    for it in items {
                        if !vm.set_contains(q, &it)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                };
                Ok(match op {
                    CmpOp::Eq => lx == ly && sub(self, x, y)?,
                    CmpOp::Ne => !(lx == ly && sub(self, x, y)?),
                    CmpOp::Le => lx <= ly && sub(self, x, y)?,
                    CmpOp::Lt => lx < ly && sub(self, x, y)?,
                    CmpOp::Ge => lx >= ly && sub(self, y, x)?,
                    CmpOp::Gt => lx > ly && sub(self, y, x)?,
                })
            }
            _ => self.compare_default(op, a, b),
        }
    }

    /// `a op b` as a bool, synchronously.
    pub fn compare_sync(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = fast_compare(op, a, b) {
            return Ok(r);
        }
        let depth = self.frames.len();
        self.compare_op(op, a.clone(), b.clone(), Cont::Reentry)?;
        let r = self.wait_reentry(depth)?;
        self.truthy(&r)
    }

    /// `a == b` as a bool.
    pub fn eq_sync(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = fast_eq(a, b) {
            if !matches!(a, Value::List(_) | Value::Dict(_)) {
                return Ok(r);
            }
        }
        self.compare_sync(CmpOp::Eq, a, b)
    }

    fn dict_eq(&mut self, x: &DictRef, y: &DictRef) -> PyResult<bool> {
        if x.borrow().len() != y.borrow().len() {
            return Ok(false);
        }
        let items = x.borrow().items();
        for (k, v) in items {
            match self.dict_get(y, &k)? {
                Some(w) => {
                    if !self.eq_sync(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Python truth.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Unbound => false,
            Value::Int(i) => !i.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => s.len_bytes() > 0,
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) | Value::FrozenSet(s) => !s.borrow().is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(i) => {
                if let Some(f) = self.lookup_special(v, "__bool__") {
                    let r = self.call_sync(f, Args::default())?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => Err(type_error(format!(
                            "__bool__ should return bool, returned {}",
                            type_name(&other)
                        ))),
                    };
                }
                if i.class.lookup(&intern("__len__")).is_some() {
                    return Ok(self.len_of(v)? > 0);
                }
                true
            }
            _ => true,
        })
    }

    /// `len(v)`.
    pub fn len_of(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Set(s) | Value::FrozenSet(s) => s.borrow().len(),
            Value::Bytes(b) => b.len(),
            Value::Range(r) => r.len() as usize,
            Value::Instance(_) => {
                if let Some(n) = crate::builtins::native_len(v) {
                    return Ok(n);
                }
                let Some(f) = self.lookup_special(v, "__len__") else {
                    return Err(type_error(format!(
                        "object of type '{}' has no len()",
                        type_name(v)
                    )));
                };
                let r = self.call_sync(f, Args::default())?;
                match r {
                    Value::Int(i) => match i.to_i64() {
                        Some(n) if n >= 0 => n as usize,
                        Some(_) => return Err(value_error("__len__() should return >= 0")),
                        None => {
                            return Err(crate::objects::exc::overflow_error(
                                "cannot fit 'int' into an index-sized integer",
                            ))
                        }
                    },
                    Value::Bool(b) => b as usize,
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(&other)
                        )))
                    }
                }
            }
            Value::Class(_) if self.class_hook(v, "__class_len__").is_some() => {
                let f = self.class_hook(v, "__class_len__").unwrap_or(Value::None);
                let r = self.call_sync(f, Args::default())?;
                match r {
                    Value::Int(i) => i.to_i64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0),
                    _ => 0,
                }
            }
            _ => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
        })
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Str(s) => s.hash(),
            Value::Int(i) => i.hash(),
            Value::Bool(b) => *b as i64,
            Value::Float(f) => asyncpy_num::float_hash(*f),
            Value::None => 0x7e5f_1a2b,
            Value::Tuple(t) => {
                let mut hs = Vec::with_capacity(t.len());
                for x in t.iter() {
                    hs.push(self.hash(x)?);
                }
                tuple_hash(&hs)
            }
            Value::FrozenSet(s) => {
                let mut h: u64 = 0;
                let items: Vec<Value> = s.borrow().iter().cloned().collect();
                for x in items {
                    let xh = self.hash(&x)? as u64;
                    h ^= (xh ^ (xh << 16) ^ 89869747).wrapping_mul(3644798167);
                }
                h = h.wrapping_mul(69069).wrapping_add(907133923);
                let r = h as i64;
                if r == -1 {
                    590923713
                } else {
                    r
                }
            }
            Value::Bytes(b) => {
                let s = PyStr::from_string(b.iter().map(|c| *c as char).collect());
                s.hash()
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
                return Err(type_error(format!("unhashable type: '{}'", type_name(v))));
            }
            Value::Instance(i) => {
                match i.class.lookup_with_owner(&intern("__hash__")) {
                    Some((Value::None, _)) => {
                        return Err(type_error(format!(
                            "unhashable type: '{}'",
                            i.class.name.as_str()
                        )));
                    }
                    Some((f, owner)) if !owner.builtin => {
                        let bound = self.bind(f, v.clone());
                        let r = self.call_sync(bound, Args::default())?;
                        return match r {
                            // CPython keeps a result that fits a machine word
                            // (-1 is reserved) and hashes a bigger int.
                            Value::Int(i) => Ok(match i.to_i64() {
                                Some(-1) => -2,
                                Some(n) => n,
                                None => i.hash(),
                            }),
                            Value::Bool(b) => Ok(b as i64),
                            _ => Err(type_error("__hash__ method should return an integer")),
                        };
                    }
                    _ => {}
                }
                if i.class.has_custom_eq() {
                    return Err(type_error(format!(
                        "unhashable type: '{}'",
                        i.class.name.as_str()
                    )));
                }
                (v.id() >> 4) as i64
            }
            _ => (v.id() >> 4) as i64,
        })
    }

    // ---- dicts and sets with Python equality ------------------------------

    fn dict_find(&mut self, d: &DictRef, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let r = d.borrow().find(hash, key);
        match r {
            Ok(r) => Ok(r),
            Err(NeedsPython) => {
                for _attempt in 0..4 {
                    let cands = d.borrow().candidates(hash);
                    let version = d.borrow().version;
                    let mut changed = false;
                    for ix in cands {
                        let k = match d.borrow().entry(ix) {
                            Some(e) => e.key.clone(),
                            None => continue,
                        };
                        let eq = self.eq_sync(&k, key)?;
                        if d.borrow().version != version {
                            changed = true;
                            break;
                        }
                        if eq {
                            return Ok(Some(ix));
                        }
                    }
                    if !changed {
                        return Ok(None);
                    }
                }
                Err(crate::objects::exc::runtime_error("dictionary changed size during iteration"))
            }
        }
    }

    /// `d[key]` or None.
    pub fn dict_get(&mut self, d: &DictRef, key: &Value) -> PyResult<Option<Value>> {
        if let Value::Str(s) = key {
            return Ok(d.borrow().get_str(s).cloned());
        }
        let h = self.hash(key)?;
        match self.dict_find(d, h, key)? {
            Some(ix) => Ok(d.borrow().entry(ix).map(|e| e.value.clone())),
            None => Ok(None),
        }
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, d: &DictRef, key: Value, value: Value) -> PyResult<()> {
        if let Value::Str(s) = &key {
            d.borrow_mut().set_str(s.clone(), value);
            return Ok(());
        }
        let h = self.hash(&key)?;
        match self.dict_find(d, h, &key)? {
            Some(ix) => d.borrow_mut().set_at(ix, value),
            None => {
                if d.borrow().len() >= MAX_ELEMS {
                    return Err(memory_error());
                }
                d.borrow_mut().insert_new(h, key, value)
            }
        }
        Ok(())
    }

    /// `del d[key]`; the removed value, or None if absent.
    pub fn dict_remove(&mut self, d: &DictRef, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        match self.dict_find(d, h, key)? {
            Some(ix) => Ok(d.borrow_mut().remove_at(ix).map(|e| e.value)),
            None => Ok(None),
        }
    }

    fn set_find(&mut self, s: &SetRef, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let r = s.borrow().find(hash, key);
        match r {
            Ok(r) => Ok(r),
            Err(NeedsPython) => {
                let cands = s.borrow().candidates(hash);
                for ix in cands {
                    let k = match s.borrow().slot(ix) {
                        Some(k) => k.clone(),
                        None => continue,
                    };
                    if self.eq_sync(&k, key)? {
                        return Ok(Some(ix));
                    }
                }
                Ok(None)
            }
        }
    }

    /// `s.add(v)`.
    pub fn set_add(&mut self, s: &SetRef, v: Value) -> PyResult<()> {
        let h = self.hash(&v)?;
        if self.set_find(s, h, &v)?.is_none() {
            if s.borrow().len() >= MAX_ELEMS {
                return Err(memory_error());
            }
            s.borrow_mut().insert_new(h, v);
        }
        Ok(())
    }

    /// `v in s`.
    pub fn set_contains(&mut self, s: &SetRef, v: &Value) -> PyResult<bool> {
        let h = self.hash(v)?;
        Ok(self.set_find(s, h, v)?.is_some())
    }

    /// `s.discard(v)`: true if it was there.
    pub fn set_discard(&mut self, s: &SetRef, v: &Value) -> PyResult<bool> {
        let h = self.hash(v)?;
        match self.set_find(s, h, v)? {
            Some(ix) => Ok(s.borrow_mut().remove_slot(ix).is_some()),
            None => Ok(false),
        }
    }

    /// A set with the elements of `items` added in order.
    pub fn set_from(&mut self, items: Vec<Value>) -> PyResult<Set> {
        let s = Rc::new(RefCell::new(Set::new()));
        for it in items {
            self.set_add(&s, it)?;
        }
        let r = s.borrow().clone();
        Ok(r)
    }

    fn set_union(&mut self, x: &SetRef, y: &SetRef) -> PyResult<Set> {
        let mut r = Set::new();
        r.merge_into_empty(&x.borrow());
        let r = Rc::new(RefCell::new(r));
        let other = y.borrow().clone();
        if !Rc::ptr_eq(x, y) {
            r.borrow_mut().reserve_for_merge(other.len());
            for v in other.iter() {
                self.set_add(&r, v.clone())?;
            }
        }
        let out = r.borrow().clone();
        Ok(out)
    }

    fn set_intersection(&mut self, x: &SetRef, y: &SetRef) -> PyResult<Set> {
        // CPython iterates over the smaller set.
        let (small, big) = if y.borrow().len() > x.borrow().len() { (x, y) } else { (y, x) };
        let items: Vec<Value> = small.borrow().iter().cloned().collect();
        let r = Rc::new(RefCell::new(Set::new()));
        for v in items {
            if self.set_contains(big, &v)? {
                self.set_add(&r, v)?;
            }
        }
        let out = r.borrow().clone();
        Ok(out)
    }

    fn set_difference(&mut self, x: &SetRef, y: &SetRef) -> PyResult<Set> {
        let items: Vec<Value> = x.borrow().iter().cloned().collect();
        let r = Rc::new(RefCell::new(Set::new()));
        for v in items {
            if !self.set_contains(y, &v)? {
                self.set_add(&r, v)?;
            }
        }
        let out = r.borrow().clone();
        Ok(out)
    }

    fn set_symmetric_difference(&mut self, x: &SetRef, y: &SetRef) -> PyResult<Set> {
        let mut r = Set::new();
        r.merge_into_empty(&x.borrow());
        let r = Rc::new(RefCell::new(r));
        let items: Vec<Value> = y.borrow().iter().cloned().collect();
        for v in items {
            if !self.set_discard(&r, &v)? {
                self.set_add(&r, v)?;
            }
        }
        let out = r.borrow().clone();
        Ok(out)
    }

    // ---- in, subscripts ---------------------------------------------------

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                _ => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(item)
                ))),
            },
            Value::List(_) | Value::Tuple(_) => {
                let items = seq_items(container);
                for x in items.iter() {
                    if self.eq_sync(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => Ok(self.dict_get(d, item)?.is_some()),
            Value::Set(s) | Value::FrozenSet(s) => self.set_contains(s, item),
            Value::Range(r) => match item {
                Value::Int(_) | Value::Bool(_) => {
                    let Some(i) = int_of(item).and_then(|i| i.to_i64()) else { return Ok(false) };
                    if r.step > 0 {
                        Ok(i >= r.start && i < r.stop && (i - r.start) % r.step == 0)
                    } else {
                        Ok(i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0)
                    }
                }
                _ => {
                    let items = self.collect_iterable(container)?;
                    for x in items {
                        if self.eq_sync(&x, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Value::Bytes(b) => match item {
                Value::Int(i) => Ok(i.to_i64().map(|v| b.contains(&(v as u8))).unwrap_or(false)),
                Value::Bytes(sub) => {
                    Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]))
                }
                _ => Err(type_error("a bytes-like object is required")),
            },
            _ => {
                if let Some(r) = crate::builtins::native_contains(self, container, item)? {
                    return Ok(r);
                }
                if let Some(f) = self.class_hook(container, "__class_contains__") {
                    let r = self.call_sync(f, Args::new(vec![item.clone()]))?;
                    return self.truthy(&r);
                }
                if let Some(f) = self.lookup_special(container, "__contains__") {
                    let r = self.call_sync(f, Args::new(vec![item.clone()]))?;
                    return self.truthy(&r);
                }
                if !self.is_iterable(container) {
                    return Err(type_error(format!(
                        "argument of type '{}' is not iterable",
                        type_name(container)
                    )));
                }
                let it = self.get_iter(container.clone())?;
                while let Some(x) = self.next_sync(&it)? {
                    if self.eq_sync(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `obj[key]`, result to `cont`.
    pub fn getitem(&mut self, obj: Value, key: Value, cont: Cont) -> PyResult<()> {
        match self.getitem_native(&obj, &key) {
            Ok(Some(v)) => return self.finish(cont, Exit::Return(v)),
            Ok(None) => {}
            Err(e) => return self.finish(cont, Exit::Raise(e)),
        }
        if let Value::Dict(d) = &obj {
            // defaultdict: make the missing value.
            let factory = d.borrow().default_factory.clone();
            return match factory {
                Some(Value::None) | None => self.finish(cont, Exit::Raise(key_error(key))),
                Some(f) => {
                    let d2 = d.clone();
                    let then: Then = Box::new(move |vm: &mut Vm, r: PyResult<Value>| {
                        let v = r?;
                        vm.dict_set(&d2, key, v.clone())?;
                        Ok(Flow::Value(v))
                    });
                    self.call_value(f, Args::default(), Cont::Then(then, Box::new(cont)))
                }
            };
        }
        if let Value::Class(c) = &obj {
            // `list[int]` and other generic aliases: the class itself.
            if let Some(f) = c.lookup(&intern("__class_getitem__")) {
                let f = match &f {
                    Value::Instance(d) => match d.native::<crate::objects::func::ClassMethod>() {
                        Some(cm) => self.bind(cm.0.clone(), obj.clone()),
                        None => f.clone(),
                    },
                    _ => self.bind(f.clone(), obj.clone()),
                };
                return self.call_value(f, Args::new(vec![key]), cont);
            }
            let generic = c.builtin
                && matches!(
                    c.name.as_str(),
                    "list"
                        | "dict"
                        | "tuple"
                        | "set"
                        | "frozenset"
                        | "type"
                        | "deque"
                        | "defaultdict"
                        | "enumerate"
                );
            if !generic {
                let e = type_error(format!("type '{}' is not subscriptable", c.name.as_str()));
                return self.finish(cont, Exit::Raise(e));
            }
            let alias = crate::builtins::types_impl::generic_alias(obj.clone(), key);
            return self.finish(cont, Exit::Return(alias));
        }
        if let Some(f) = self.lookup_special(&obj, "__getitem__") {
            return self.call_value(f, Args::new(vec![key]), cont);
        }
        let e = type_error(format!("'{}' object is not subscriptable", type_name(&obj)));
        self.finish(cont, Exit::Raise(e))
    }

    /// `obj[key]` synchronously.
    pub fn getitem_sync(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Some(v) = self.getitem_native(obj, key)? {
            return Ok(v);
        }
        let depth = self.frames.len();
        self.getitem(obj.clone(), key.clone(), Cont::Reentry)?;
        self.wait_reentry(depth)
    }

    fn getitem_native(&mut self, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let items = l.borrow().clone();
                    return Ok(Some(Value::list(self.slice_of(&items, s)?)));
                }
                let i = self.index_value(key, "list")?;
                let l = l.borrow();
                match norm_index(i, l.len()) {
                    Some(i) => Ok(Some(l[i].clone())),
                    None => Err(index_error("list index out of range")),
                }
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = key {
                    return Ok(Some(Value::tuple(self.slice_of(t, s)?)));
                }
                let i = self.index_value(key, "tuple")?;
                match norm_index(i, t.len()) {
                    Some(i) => Ok(Some(t[i].clone())),
                    None => Err(index_error("tuple index out of range")),
                }
            }
            Value::Str(s) => {
                if let Value::Slice(sl) = key {
                    let (start, stop, step) = self.slice_indices(sl, s.char_len())?;
                    if step == 1 {
                        let (a, b) = (start.max(0) as usize, stop.max(0) as usize);
                        return Ok(Some(Value::str(s.substring(a, b.max(a)))));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    let idx = slice_positions(start, stop, step);
                    let out: String =
                        idx.into_iter().filter_map(|i| chars.get(i).copied()).collect();
                    return Ok(Some(Value::string(out)));
                }
                let i = match key {
                    Value::Int(_) | Value::Bool(_) => self.index_value(key, "string")?,
                    _ => {
                        return Err(type_error(format!(
                            "string indices must be integers, not '{}'",
                            type_name(key)
                        )))
                    }
                };
                match norm_index(i, s.char_len()) {
                    Some(i) => Ok(Some(match s.char_at(i) {
                        Some(c) => Value::string(c.to_string()),
                        None => Value::str(""),
                    })),
                    None => Err(index_error("string index out of range")),
                }
            }
            Value::Bytes(b) => {
                if let Value::Slice(sl) = key {
                    let (start, stop, step) = self.slice_indices(sl, b.len())?;
                    let idx = slice_positions(start, stop, step);
                    let out: Vec<u8> = idx.into_iter().filter_map(|i| b.get(i).copied()).collect();
                    return Ok(Some(Value::Bytes(out.into())));
                }
                let i = self.index_value(key, "byte")?;
                match norm_index(i, b.len()) {
                    Some(i) => Ok(Some(Value::int(b[i] as i64))),
                    None => Err(index_error("index out of range")),
                }
            }
            Value::Range(r) => {
                if let Value::Slice(sl) = key {
                    let (start, stop, step) = self.slice_indices(sl, r.len() as usize)?;
                    let nr = crate::value::Range {
                        start: r.start.saturating_add(start.saturating_mul(r.step)),
                        stop: r.start.saturating_add(stop.saturating_mul(r.step)),
                        step: r.step.saturating_mul(step),
                    };
                    return Ok(Some(Value::Range(Rc::new(nr))));
                }
                if let Value::Int(asyncpy_num::Int::Big(_)) = key {
                    return Err(index_error("range object index out of range"));
                }
                let i = self.index_value(key, "range")?;
                match norm_index(i, r.len() as usize) {
                    Some(i) => Ok(Some(Value::int(r.get(i as i64)))),
                    None => Err(index_error("range object index out of range")),
                }
            }
            Value::Dict(d) => Ok(self.dict_get(d, key)?),
            Value::Instance(_) => crate::builtins::native_getitem(self, obj, key),
            _ => Ok(None),
        }
    }

    /// An index as i64, with CPython's TypeError for other types.
    pub fn index_value(&mut self, key: &Value, what: &str) -> PyResult<i64> {
        match key {
            Value::Int(i) => match i.to_i64() {
                Some(v) => Ok(v),
                None => Err(index_error("cannot fit 'int' into an index-sized integer")),
            },
            Value::Bool(b) => Ok(*b as i64),
            Value::Instance(_) if self.lookup_special(key, "__index__").is_some() => {
                let f = self.lookup_special(key, "__index__").unwrap_or(Value::None);
                let r = self.call_sync(f, Args::default())?;
                self.index_value(&r, what)
            }
            _ => Err(type_error(format!(
                "{} indices must be integers or slices, not {}",
                what,
                type_name(key)
            ))),
        }
    }

    /// CPython's `PyNumber_AsSsize_t`: an int, a bool or an object with
    /// `__index__`, as a machine integer.
    pub fn as_ssize(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => i.to_i64().ok_or_else(|| {
                crate::objects::exc::overflow_error("Python int too large to convert to C ssize_t")
            }),
            Value::Bool(b) => Ok(*b as i64),
            Value::Instance(_) if self.lookup_special(v, "__index__").is_some() => {
                let f = self.lookup_special(v, "__index__").unwrap_or(Value::None);
                let r = self.call_sync(f, Args::default())?;
                self.as_ssize(&r)
            }
            _ => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ))),
        }
    }

    /// Resolves a slice against a length: (start, stop, step), CPython's
    /// `PySlice_AdjustIndices`.
    pub fn slice_indices(&mut self, s: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = match &s[2] {
            Value::None => 1,
            v => self.slice_int(v)?,
        };
        if step == 0 {
            return Err(value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let conv = |vm: &mut Vm, v: &Value, default: i64| -> PyResult<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let mut i = vm.slice_int(v)?;
                    if i < 0 {
                        i += len;
                        if i < lower {
                            i = lower;
                        }
                    } else if i > upper {
                        i = upper;
                    }
                    Ok(i)
                }
            }
        };
        let start = conv(self, &s[0], if step < 0 { upper } else { lower })?;
        let stop = conv(self, &s[1], if step < 0 { lower } else { upper })?;
        Ok((start, stop, step))
    }

    /// `_PyEval_SliceIndex` for the start/end arguments of `index`,
    /// `count`, `find`: ints (huge ones clamped), bools, `__index__`.
    pub fn slice_arg(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(_) | Value::Bool(_) => self.slice_int(v),
            Value::Instance(_) if self.lookup_special(v, "__index__").is_some() => {
                self.slice_int(v)
            }
            _ => Err(type_error("slice indices must be integers or have an __index__ method")),
        }
    }

    fn slice_int(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => {
                Ok(i.to_i64().unwrap_or(if i.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 }))
            }
            Value::Bool(b) => Ok(*b as i64),
            Value::Instance(_) if self.lookup_special(v, "__index__").is_some() => {
                self.index_value(v, "slice")
            }
            _ => Err(type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }

    /// The elements of `items` a slice selects.
    pub fn slice_of(&mut self, items: &[Value], s: &[Value; 3]) -> PyResult<Vec<Value>> {
        let (start, stop, step) = self.slice_indices(s, items.len())?;
        if step == 1 {
            if start >= stop {
                return Ok(Vec::new());
            }
            return Ok(items[start as usize..stop as usize].to_vec());
        }
        Ok(slice_positions(start, stop, step)
            .into_iter()
            .filter_map(|i| items.get(i).cloned())
            .collect())
    }

    /// `obj[key] = value`.
    pub fn setitem(&mut self, obj: &Value, key: Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let new = self
                        .collect_iterable(&value)
                        .map_err(|_| type_error("can only assign an iterable"))?;
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    if step == 1 {
                        let stop = stop.max(start);
                        let mut v = l.borrow_mut();
                        let (a, b) = (start as usize, (stop as usize).min(v.len()));
                        v.splice(a..b, new);
                        return Ok(());
                    }
                    let pos = slice_positions(start, stop, step);
                    if pos.len() != new.len() {
                        return Err(value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            pos.len()
                        )));
                    }
                    let mut v = l.borrow_mut();
                    for (i, x) in pos.into_iter().zip(new) {
                        if let Some(slot) = v.get_mut(i) {
                            *slot = x;
                        }
                    }
                    return Ok(());
                }
                let i = self.index_value(&key, "list")?;
                let mut v = l.borrow_mut();
                let len = v.len();
                match norm_index(i, len) {
                    Some(i) => {
                        v[i] = value;
                        Ok(())
                    }
                    None => Err(index_error("list assignment index out of range")),
                }
            }
            Value::Dict(d) => self.dict_set(d, key, value),
            Value::Instance(_) => {
                if crate::builtins::native_setitem(self, obj, &key, &value)? {
                    return Ok(());
                }
                match self.lookup_special(obj, "__setitem__") {
                    Some(f) => {
                        self.call_sync(f, Args::new(vec![key, value]))?;
                        Ok(())
                    }
                    None => Err(type_error(format!(
                        "'{}' object does not support item assignment",
                        type_name(obj)
                    ))),
                }
            }
            _ => Err(type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: &Value, key: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    let mut pos = slice_positions(start, stop, step);
                    pos.sort_unstable();
                    let mut v = l.borrow_mut();
                    for i in pos.into_iter().rev() {
                        if i < v.len() {
                            v.remove(i);
                        }
                    }
                    return Ok(());
                }
                let i = self.index_value(&key, "list")?;
                let mut v = l.borrow_mut();
                let len = v.len();
                match norm_index(i, len) {
                    Some(i) => {
                        v.remove(i);
                        Ok(())
                    }
                    None => Err(index_error("list assignment index out of range")),
                }
            }
            Value::Dict(d) => match self.dict_remove(d, &key)? {
                Some(_) => Ok(()),
                None => Err(key_error(key)),
            },
            Value::Instance(_) => {
                if crate::builtins::native_delitem(self, obj, &key)? {
                    return Ok(());
                }
                match self.lookup_special(obj, "__delitem__") {
                    Some(f) => {
                        self.call_sync(f, Args::new(vec![key]))?;
                        Ok(())
                    }
                    None => Err(type_error(format!(
                        "'{}' object does not support item deletion",
                        type_name(obj)
                    ))),
                }
            }
            _ => Err(type_error(format!(
                "'{}' object does not support item deletion",
                type_name(obj)
            ))),
        }
    }

    /// The (key, value) pairs of a mapping (`**d`, `dict.update`).
    pub fn mapping_items(&mut self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        match v {
            Value::Dict(d) => Ok(d.borrow().items()),
            Value::Instance(_) => {
                let Some(keys) = self.lookup_special(v, "keys") else {
                    return Err(type_error(format!("'{}' object is not a mapping", type_name(v))));
                };
                let ks = self.call_sync(keys, Args::default())?;
                let ks = self.collect_iterable(&ks)?;
                let mut out = Vec::new();
                for k in ks {
                    let val = self.getitem_sync(v, &k)?;
                    out.push((k, val));
                }
                Ok(out)
            }
            _ => Err(type_error(format!("'{}' object is not a mapping", type_name(v)))),
        }
    }
}

/// A negative index counted from the end; `None` when out of range.
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        None
    } else {
        Some(i as usize)
    }
}

/// The positions a resolved slice selects.
pub fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            if i >= 0 {
                out.push(i as usize);
            }
            i += step;
        }
    }
    out
}

/// The items of a list or tuple (copied, so no borrow is held).
pub fn seq_items(v: &Value) -> Rc<[Value]> {
    match v {
        Value::List(l) => Rc::from(l.borrow().clone()),
        Value::Tuple(t) => t.clone(),
        _ => Rc::from(Vec::new()),
    }
}

#[allow(dead_code)]
fn _unused(_: Dict) {}
