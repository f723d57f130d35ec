//! The builtin functions (`print`, `len`, `sorted`, `isinstance`, ...) and
//! the methods of iterators and generators.

use super::{add_flow_method, add_method};
use crate::compile::code::{BinOp, CmpOp};
use crate::objects::class::Instance;
use crate::objects::exc::{num_error, stop_iteration, type_error, value_error, Exc};
use crate::objects::func::{Args, Builtin, Flow};
use crate::objects::gen::GenKind;
use crate::objects::str::intern;
use crate::objects::types::{type_name, type_of, types, Types};
use crate::value::Value;
use crate::vm::gen::Resume;
use crate::vm::iter::NativeIter;
use crate::vm::{PyResult, Vm};
use asyncpy_num::{Int, Number};
use std::cell::RefCell;
use std::rc::Rc;

/// `__next__` of a builtin iterator.
pub fn iter_next_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(Value::Instance(i)) => match vm.next_native(i)? {
            Some(v) => Ok(v),
            None => Err(stop_iteration(Value::None)),
        },
        _ => Err(type_error("iterator expected")),
    }
}

/// `__iter__` returning the object itself.
pub fn iter_self_method(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

fn gen_of(a: &Args) -> PyResult<Rc<crate::objects::gen::Generator>> {
    match a.pos.first() {
        Some(Value::Gen(g)) => Ok(g.clone()),
        _ => Err(type_error("generator expected")),
    }
}

fn throw_arg(vm: &mut Vm, a: &Args) -> PyResult<Exc> {
    let typ = a.pos.get(1).cloned().unwrap_or(Value::None);
    let val = a.pos.get(2).cloned();
    match (&typ, val) {
        (Value::Class(_), Some(v)) if !v.is_none() => match Exc::from_value(&v) {
            Some(e) => Ok(e),
            None => {
                let r = vm.call_sync(typ.clone(), Args::new(vec![v]))?;
                Exc::from_value(&r)
                    .ok_or_else(|| type_error("exceptions must derive from BaseException"))
            }
        },
        _ => vm.make_exception(typ),
    }
}

pub(crate) fn install_types(t: &mut Types) {
    for c in [t.generator.clone(), t.coroutine.clone()] {
        add_flow_method(&c, "send", |_vm, a| {
            let g = gen_of(&a)?;
            let v = a.pos.get(1).cloned().unwrap_or(Value::None);
            Ok(Flow::Resume(g, Resume::Send(v), None))
        });
        add_flow_method(&c, "throw", |vm, a| {
            let g = gen_of(&a)?;
            let e = throw_arg(vm, &a)?;
            Ok(Flow::Resume(g, Resume::Throw(e), None))
        });
        add_method(&c, "close", |vm, a| {
            let g = gen_of(&a)?;
            vm.close_gen(&g)?;
            Ok(Value::None)
        });
    }
    let g = t.generator.clone();
    add_flow_method(&g, "__next__", |_vm, a| {
        let g = gen_of(&a)?;
        Ok(Flow::Resume(g, Resume::Send(Value::None), None))
    });
    add_method(&g, "__iter__", iter_self_method);
    let c = t.coroutine.clone();
    add_method(&c, "__await__", iter_self_method);
    let ag = t.async_generator.clone();
    add_method(&ag, "__aiter__", iter_self_method);
    add_method(&ag, "__anext__", |_vm, a| {
        let g = gen_of(&a)?;
        Ok(crate::vm::gen::asend_object(g, Resume::Send(Value::None)))
    });
    add_method(&ag, "asend", |_vm, a| {
        let g = gen_of(&a)?;
        let v = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(crate::vm::gen::asend_object(g, Resume::Send(v)))
    });
    add_method(&ag, "athrow", |vm, a| {
        let g = gen_of(&a)?;
        let e = throw_arg(vm, &a)?;
        Ok(crate::vm::gen::asend_object(g, Resume::Throw(e)))
    });
    add_method(&ag, "aclose", |_vm, a| {
        let g = gen_of(&a)?;
        Ok(crate::vm::gen::aclose_object(g))
    });
    for name in ["async_generator_asend", "async_generator_athrow", "_yield_once"] {
        let c = t.native(name);
        add_method(&c, "__await__", iter_self_method);
        add_method(&c, "__iter__", iter_self_method);
    }
}

fn reg(vm: &mut Vm, name: &str, f: crate::objects::func::PlainFn) {
    vm.builtins.borrow_mut().set_str(intern(name), Builtin::new(name, f));
}

fn reg_flow(vm: &mut Vm, name: &str, f: crate::objects::func::FlowFn) {
    vm.builtins.borrow_mut().set_str(intern(name), Builtin::new_flow(name, f));
}

/// True for values `callable()` accepts.
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup(&intern("__call__")).is_some(),
        _ => false,
    }
}

/// `isinstance(x, c)`.
pub fn isinstance_of(vm: &mut Vm, x: &Value, c: &Value) -> PyResult<bool> {
    let _ = vm;
    isinstance_plain(x, c)
}

fn isinstance_plain(x: &Value, c: &Value) -> PyResult<bool> {
    match c {
        Value::Class(cls) => Ok(type_of(x).is_subclass(cls)),
        Value::Tuple(t) => {
            for it in t.iter() {
                if isinstance_plain(x, it)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

fn issubclass_of(x: &Value, c: &Value) -> PyResult<bool> {
    let Value::Class(xc) = x else {
        return Err(type_error("issubclass() arg 1 must be a class"));
    };
    match c {
        Value::Class(cls) => Ok(xc.is_subclass(cls)),
        Value::Tuple(t) => {
            for it in t.iter() {
                if issubclass_of(x, it)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
    }
}

/// `dir(x)`: the sorted attribute names.
pub fn dir_of(_vm: &mut Vm, x: &Value) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    match x {
        Value::Module(m) => names.extend(
            m.dict.borrow().keys().iter().filter_map(|k| k.as_str().map(|s| s.to_string())),
        ),
        _ => {
            if let Value::Instance(i) = x {
                if let Some(d) = Some(i.dict()) {
                    names.extend(
                        d.borrow().keys().iter().filter_map(|k| k.as_str().map(|s| s.to_string())),
                    );
                }
            }
            let cls = match x {
                Value::Class(c) => c.clone(),
                _ => type_of(x),
            };
            for c in cls.mro.borrow().iter() {
                names.extend(
                    c.dict.borrow().keys().iter().filter_map(|k| k.as_str().map(|s| s.to_string())),
                );
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn print(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let sep = a.take_kw("sep");
    let end = a.take_kw("end");
    let file = a.take_kw("file");
    let _flush = a.take_kw("flush");
    a.no_kw("print")?;
    let sep = match sep {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "sep must be None or a string, not {}",
                type_name(&other)
            )))
        }
    };
    let end = match end {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "end must be None or a string, not {}",
                type_name(&other)
            )))
        }
    };
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match v {
            Value::Str(s) => out.push_str(s.as_str()),
            other => out.push_str(&vm.str_of(other)?),
        }
    }
    out.push_str(&end);
    match file {
        None | Some(Value::None) => vm.write_stdout(&out),
        Some(f) => {
            if crate::modules::sys::is_stderr(&f) {
                vm.write_stderr(&out);
            } else if crate::modules::sys::is_stdout(&f) {
                vm.write_stdout(&out);
            } else {
                let w = vm.get_attr(&f, "write")?;
                vm.call_sync(w, Args::new(vec![Value::string(out)]))?;
            }
        }
    }
    Ok(Value::None)
}

fn min_max(vm: &mut Vm, mut a: Args, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = a.take_kw("key").unwrap_or(Value::None);
    let default = a.take_kw("default");
    a.no_kw(name)?;
    let items = match a.pos.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.collect_iterable(&a.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            a.pos.clone()
        }
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0].clone();
    let mut best_key = if key.is_none() {
        best.clone()
    } else {
        vm.call_sync(key.clone(), Args::new(vec![best.clone()]))?
    };
    for it in items.into_iter().skip(1) {
        let k = if key.is_none() {
            it.clone()
        } else {
            vm.call_sync(key.clone(), Args::new(vec![it.clone()]))?
        };
        let better = if is_max {
            vm.compare_sync(CmpOp::Gt, &k, &best_key)?
        } else {
            vm.compare_sync(CmpOp::Lt, &k, &best_key)?
        };
        if better {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

fn sum(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let start = a.take_kw("start");
    a.no_kw("sum")?;
    if a.pos.is_empty() {
        return Err(type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if a.pos.len() > 2 {
        return Err(type_error(format!("sum() takes at most 2 arguments ({} given)", a.pos.len())));
    }
    let start = start.or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::int(0));
    let it = vm.get_iter(a.pos[0].clone())?;
    match &start {
        Value::Str(_) => {
            return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Value::Bytes(_) => {
            return Err(type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let items = vm.collect_iterable(&it)?;
    let mut acc = start;
    for it in items {
        acc = vm.binary_sync(BinOp::Add, acc, it)?;
    }
    Ok(acc)
}

fn round(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    if a.pos.len() + a.kw.len() > 2 {
        return Err(type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            a.pos.len() + a.kw.len()
        )));
    }
    let nd = a.take_kw("ndigits");
    let x = a
        .pos
        .first()
        .cloned()
        .ok_or_else(|| type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = nd.or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::None);
    match &x {
        Value::Int(i) => match &nd {
            Value::None => Ok(x.clone()),
            Value::Int(n) => i.round_digits(n).map(Value::Int).map_err(num_error),
            other => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(other)
            ))),
        },
        Value::Bool(b) => Ok(Value::int(*b as i64)),
        Value::Float(f) => {
            let n = match &nd {
                Value::None => None,
                Value::Int(n) => Some(n.to_i64().unwrap_or(if n.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })),
                Value::Bool(b) => Some(*b as i64),
                other => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(other)
                    )))
                }
            };
            match asyncpy_num::round_f64(*f, n).map_err(num_error)? {
                Number::Int(i) => Ok(Value::Int(i)),
                Number::Float(f) => Ok(Value::Float(f)),
            }
        }
        _ => match vm.lookup_special(&x, "__round__") {
            Some(f) => {
                let args = if nd.is_none() { vec![] } else { vec![nd] };
                vm.call_sync(f, Args::new(args))
            }
            None => {
                Err(type_error(format!("type {} doesn't define __round__ method", type_name(&x))))
            }
        },
    }
}

fn int_radix(vm: &mut Vm, a: &Args, radix: u32, prefix: &str) -> PyResult<Value> {
    let fname = match radix {
        16 => "hex",
        8 => "oct",
        _ => "bin",
    };
    a.check(fname, 1, 1)?;
    let x = a.pos.first().cloned().ok_or_else(|| type_error("expected 1 argument"))?;
    let i = match &x {
        Value::Int(i) => i.clone(),
        Value::Bool(b) => Int::Small(*b as i64),
        _ => match vm.lookup_special(&x, "__index__") {
            Some(f) => match vm.call_sync(f, Args::default())? {
                Value::Int(i) => i,
                _ => return Err(type_error("__index__ returned non-int")),
            },
            None => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&x)
                )))
            }
        },
    };
    let s = i.abs().to_str_radix(radix).map_err(num_error)?;
    let sign = if i.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{s}")))
}

pub(crate) fn install(vm: &mut Vm) {
    reg(vm, "print", print);
    reg(vm, "len", |vm, a| {
        a.check("len", 1, 1)?;
        Ok(Value::int(vm.len_of(&a.pos[0])? as i64))
    });
    reg(vm, "repr", |vm, a| {
        a.check("repr", 1, 1)?;
        Ok(Value::string(vm.repr(&a.pos[0])?))
    });
    reg(vm, "ascii", |vm, a| {
        a.check("ascii", 1, 1)?;
        Ok(Value::string(super::ascii_of(&vm.repr(&a.pos[0])?)))
    });
    reg(vm, "abs", |vm, a| {
        a.check("abs", 1, 1)?;
        match &a.pos[0] {
            Value::Int(i) => Ok(Value::Int(i.abs())),
            Value::Bool(b) => Ok(Value::int(*b as i64)),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            x => match vm.lookup_special(x, "__abs__") {
                Some(f) => vm.call_sync(f, Args::default()),
                None => Err(type_error(format!("bad operand type for abs(): '{}'", type_name(x)))),
            },
        }
    });
    reg(vm, "round", round);
    reg(vm, "divmod", |vm, a| {
        a.check("divmod", 2, 2)?;
        let (x, y) = (&a.pos[0], &a.pos[1]);
        match (x, y) {
            (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
                let q = vm.binary_sync(BinOp::FloorDiv, x.clone(), y.clone())?;
                let r = vm.binary_sync(BinOp::Mod, x.clone(), y.clone())?;
                Ok(Value::tuple(vec![q, r]))
            }
            (
                Value::Float(_) | Value::Int(_) | Value::Bool(_),
                Value::Float(_) | Value::Int(_) | Value::Bool(_),
            ) => {
                let fx = match x {
                    Value::Float(f) => *f,
                    Value::Int(i) => i.to_f64().map_err(num_error)?,
                    Value::Bool(b) => *b as i64 as f64,
                    _ => 0.0,
                };
                let fy = match y {
                    Value::Float(f) => *f,
                    Value::Int(i) => i.to_f64().map_err(num_error)?,
                    Value::Bool(b) => *b as i64 as f64,
                    _ => 0.0,
                };
                let (q, r) = asyncpy_num::float_divmod(fx, fy).map_err(num_error)?;
                Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]))
            }
            _ => {
                if let Some(f) = vm.lookup_special(x, "__divmod__") {
                    let r = vm.call_sync(f, Args::new(vec![y.clone()]))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                Err(type_error(format!(
                    "unsupported operand type(s) for divmod(): '{}' and '{}'",
                    type_name(x),
                    type_name(y)
                )))
            }
        }
    });
    reg(vm, "pow", |vm, mut a| {
        if a.pos.len() > 3 {
            return Err(type_error(format!(
                "pow() takes at most 3 arguments ({} given)",
                a.pos.len() + a.kw.len()
            )));
        }
        let m = a.take_kw("mod");
        let base = a.take_kw("base").or_else(|| a.pos.first().cloned());
        let exp = a.take_kw("exp").or_else(|| a.pos.get(1).cloned());
        let m = m.or_else(|| a.pos.get(2).cloned()).unwrap_or(Value::None);
        let Some(x) = base else {
            return Err(type_error("pow() missing required argument 'base' (pos 1)"));
        };
        let Some(y) = exp else {
            return Err(type_error("pow() missing required argument 'exp' (pos 2)"));
        };
        if m.is_none() {
            return vm.binary_sync(BinOp::Pow, x, y);
        }
        let as_int = |v: &Value| match v {
            Value::Int(i) => Some(i.clone()),
            Value::Bool(b) => Some(Int::Small(*b as i64)),
            _ => None,
        };
        match (as_int(&x), as_int(&y), as_int(&m)) {
            (Some(x), Some(y), Some(m)) => match x.pow(&y, Some(&m)).map_err(num_error)? {
                Number::Int(i) => Ok(Value::Int(i)),
                Number::Float(f) => Ok(Value::Float(f)),
            },
            _ => {
                let num = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_));
                if num(&x) && num(&y) && num(&m) {
                    Err(type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ))
                } else {
                    Err(type_error(format!(
                        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                        type_name(&x),
                        type_name(&y),
                        type_name(&m)
                    )))
                }
            }
        }
    });
    reg(vm, "sum", sum);
    reg(vm, "min", |vm, a| min_max(vm, a, false));
    reg(vm, "max", |vm, a| min_max(vm, a, true));
    reg(vm, "sorted", |vm, mut a| {
        let key = a.take_kw("key").unwrap_or(Value::None);
        let reverse = match a.take_kw("reverse") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        a.no_kw("sort")?;
        if a.pos.len() != 1 {
            return Err(type_error(format!("sorted expected 1 argument, got {}", a.pos.len())));
        }
        let items = vm.collect_iterable(&a.pos[0])?;
        Ok(Value::list(super::sort::sort_values(vm, items, &key, reverse)?))
    });
    reg(vm, "any", |vm, a| {
        a.check("any", 1, 1)?;
        let it = vm.get_iter(a.pos[0].clone())?;
        while let Some(x) = vm.next_sync(&it)? {
            if vm.truthy(&x)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    });
    reg(vm, "all", |vm, a| {
        a.check("all", 1, 1)?;
        let it = vm.get_iter(a.pos[0].clone())?;
        while let Some(x) = vm.next_sync(&it)? {
            if !vm.truthy(&x)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
    reg(vm, "isinstance", |vm, a| {
        a.check("isinstance", 2, 2)?;
        Ok(Value::Bool(isinstance_of(vm, &a.pos[0], &a.pos[1])?))
    });
    reg(vm, "issubclass", |_vm, a| {
        a.check("issubclass", 2, 2)?;
        Ok(Value::Bool(issubclass_of(&a.pos[0], &a.pos[1])?))
    });
    reg(vm, "hasattr", |vm, a| {
        a.check("hasattr", 2, 2)?;
        let Value::Str(n) = &a.pos[1] else {
            return Err(type_error(format!(
                "attribute name must be string, not '{}'",
                crate::objects::types::type_name(&a.pos[1])
            )));
        };
        Ok(Value::Bool(vm.get_attr_opt(&a.pos[0], n.as_str())?.is_some()))
    });
    reg(vm, "getattr", |vm, a| {
        if a.pos.len() < 2 || a.pos.len() > 3 {
            return Err(type_error(format!(
                "getattr expected at least 2 arguments, got {}",
                a.pos.len()
            )));
        }
        let Value::Str(n) = &a.pos[1] else {
            return Err(type_error(format!(
                "attribute name must be string, not '{}'",
                crate::objects::types::type_name(&a.pos[1])
            )));
        };
        match a.pos.get(2) {
            Some(d) => Ok(vm.get_attr_opt(&a.pos[0], n.as_str())?.unwrap_or_else(|| d.clone())),
            None => vm.get_attr(&a.pos[0], n.as_str()),
        }
    });
    reg(vm, "setattr", |vm, a| {
        a.check("setattr", 3, 3)?;
        let Value::Str(n) = &a.pos[1] else {
            return Err(type_error(format!(
                "attribute name must be string, not '{}'",
                crate::objects::types::type_name(&a.pos[1])
            )));
        };
        let n = intern(n.as_str());
        vm.store_attr(&a.pos[0], &n, a.pos[2].clone())?;
        Ok(Value::None)
    });
    reg(vm, "delattr", |vm, a| {
        a.check("delattr", 2, 2)?;
        let Value::Str(n) = &a.pos[1] else {
            return Err(type_error(format!(
                "attribute name must be string, not '{}'",
                crate::objects::types::type_name(&a.pos[1])
            )));
        };
        let n = intern(n.as_str());
        vm.delete_attr(&a.pos[0], &n)?;
        Ok(Value::None)
    });
    reg(vm, "iter", |vm, a| {
        a.check("iter", 1, 2)?;
        if a.pos.len() == 2 {
            if !is_callable(&a.pos[0]) {
                return Err(type_error("iter(v, w): v must be callable"));
            }
            return Ok(crate::vm::iter::native_iter(
                "callable_iterator",
                NativeIter::Callable { func: a.pos[0].clone(), sentinel: a.pos[1].clone() },
            ));
        }
        vm.get_iter(a.pos[0].clone())
    });
    reg_flow(vm, "next", |vm, a| {
        a.check("next", 1, 2)?;
        let it = a.pos[0].clone();
        let default = a.pos.get(1).cloned();
        if let Value::Gen(g) = &it {
            if g.kind == GenKind::Generator {
                return Ok(Flow::Resume(g.clone(), Resume::Send(Value::None), default));
            }
        }
        let is_iter = match &it {
            Value::Instance(i) => {
                i.native::<RefCell<NativeIter>>().is_some()
                    || i.class.lookup(&intern("__next__")).is_some()
            }
            _ => false,
        };
        if !is_iter {
            return Err(type_error(format!("'{}' object is not an iterator", type_name(&it))));
        }
        match vm.next_sync(&it)? {
            Some(v) => Ok(Flow::Value(v)),
            None => match default {
                Some(d) => Ok(Flow::Value(d)),
                None => Err(stop_iteration(Value::None)),
            },
        }
    });
    reg(vm, "chr", |vm, a| {
        a.check("chr", 1, 1)?;
        if let Value::Int(asyncpy_num::Int::Big(_)) = &a.pos[0] {
            return Err(crate::objects::exc::overflow_error(
                "Python int too large to convert to C int",
            ));
        }
        let i = vm.as_ssize(&a.pos[0])?;
        if i32::try_from(i).is_err() {
            return Err(crate::objects::exc::overflow_error(
                "Python int too large to convert to C int",
            ));
        }
        match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(c) => Ok(Value::string(c.to_string())),
            None if (0xd800..0xe000).contains(&i) => Ok(Value::string('\u{fffd}'.to_string())),
            None => Err(value_error("chr() arg not in range(0x110000)")),
        }
    });
    reg(vm, "ord", |_vm, a| {
        a.check("ord", 1, 1)?;
        match &a.pos[0] {
            Value::Str(s) if s.char_len() == 1 => {
                Ok(Value::int(s.as_str().chars().next().map(|c| c as i64).unwrap_or(0)))
            }
            Value::Str(s) => Err(type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.char_len()
            ))),
            Value::Bytes(b) if b.len() == 1 => Ok(Value::int(b[0] as i64)),
            other => Err(type_error(format!(
                "ord() expected string of length 1, but {} found",
                type_name(other)
            ))),
        }
    });
    reg(vm, "hex", |vm, a| int_radix(vm, &a, 16, "0x"));
    reg(vm, "oct", |vm, a| int_radix(vm, &a, 8, "0o"));
    reg(vm, "bin", |vm, a| int_radix(vm, &a, 2, "0b"));
    reg(vm, "format", |vm, a| {
        a.check("format", 1, 2)?;
        let spec = match a.pos.get(1) {
            Some(Value::Str(s)) => s.as_str().to_string(),
            None => String::new(),
            Some(other) => {
                return Err(type_error(format!(
                    "format() argument 2 must be str, not {}",
                    type_name(other)
                )))
            }
        };
        Ok(Value::string(vm.format(&a.pos[0], &spec)?))
    });
    reg(vm, "id", |_vm, a| {
        a.check("id", 1, 1)?;
        Ok(Value::int((a.pos[0].id() & 0x7fff_ffff_ffff) as i64))
    });
    reg(vm, "hash", |vm, a| {
        a.check("hash", 1, 1)?;
        Ok(Value::int(vm.hash(&a.pos[0])?))
    });
    reg(vm, "callable", |_vm, a| {
        a.check("callable", 1, 1)?;
        Ok(Value::Bool(is_callable(&a.pos[0])))
    });
    reg(vm, "vars", |vm, a| {
        a.check("vars", 0, 1)?;
        match a.pos.first() {
            Some(x) => vm
                .get_attr(x, "__dict__")
                .map_err(|_| type_error("vars() argument must have __dict__ attribute")),
            None => locals(vm),
        }
    });
    reg(vm, "dir", |vm, a| {
        a.check("dir", 0, 1)?;
        match a.pos.first() {
            Some(x) => dir_of(vm, x),
            None => {
                let l = locals(vm)?;
                let keys = vm.collect_iterable(&l)?;
                let mut names: Vec<String> =
                    keys.iter().filter_map(|k| k.as_str().map(|s| s.to_string())).collect();
                names.sort();
                Ok(Value::list(names.into_iter().map(Value::string).collect()))
            }
        }
    });
    reg(vm, "globals", |vm, _a| match vm.frames.last() {
        Some(f) => Ok(Value::Dict(f.globals.clone())),
        None => Ok(Value::None),
    });
    reg(vm, "locals", |vm, _a| locals(vm));
    reg(vm, "input", |_vm, _a| Err(Exc::msg(&types().exc("EOFError"), "EOF when reading a line")));
    reg(vm, "open", |_vm, _a| {
        Err(Exc::msg(&types().exc("PermissionError"), "asyncpy: the playground has no files"))
    });
    reg(vm, "exit", |_vm, a| Err(Exc::new(&types().system_exit, a.pos)));
    reg(vm, "quit", |_vm, a| Err(Exc::new(&types().system_exit, a.pos)));
    reg(vm, "__import__", |vm, a| {
        let Some(Value::Str(n)) = a.pos.first() else {
            return Err(type_error("__import__() argument 1 must be str"));
        };
        let n = n.as_str().to_string();
        vm.import(&n, &Value::None)
    });
    reg(vm, "aiter", |vm, a| {
        a.check("aiter", 1, 1)?;
        match vm.lookup_special(&a.pos[0], "__aiter__") {
            Some(f) => vm.call_sync(f, Args::default()),
            None => Err(type_error(format!(
                "'{}' object is not an async iterable",
                type_name(&a.pos[0])
            ))),
        }
    });
    reg(vm, "anext", |vm, a| {
        a.check("anext", 1, 2)?;
        let it = a.pos[0].clone();
        if let Value::Gen(g) = &it {
            if g.kind == GenKind::AsyncGenerator {
                return Ok(crate::vm::gen::asend_object(g.clone(), Resume::Send(Value::None)));
            }
        }
        match vm.lookup_special(&it, "__anext__") {
            Some(f) => vm.call_sync(f, Args::default()),
            None => {
                Err(type_error(format!("'{}' object is not an async iterator", type_name(&it))))
            }
        }
    });
    reg(vm, "breakpoint", |_vm, _a| Ok(Value::None));
    reg_flow(vm, "exec", |vm, a| {
        let Some(Value::Str(src)) = a.pos.first() else {
            return Err(type_error("exec() arg 1 must be a string"));
        };
        let globals = match a.pos.get(1) {
            Some(Value::Dict(d)) => d.clone(),
            _ => match vm.frames.last() {
                Some(f) => f.globals.clone(),
                None => return Err(type_error("exec() needs globals")),
            },
        };
        let frame = vm.compile_frame(src.as_str(), "<string>", globals)?;
        Ok(Flow::CallThen(
            Builtin::new("<exec>", |_vm, _a| Ok(Value::None)),
            Args::default(),
            Box::new(move |_vm, _r| Ok(Flow::Frame(Box::new(frame)))),
        ))
    });
    reg(vm, "eval", |vm, a| {
        let Some(Value::Str(src)) = a.pos.first() else {
            return Err(type_error("eval() arg 1 must be a string, bytes or code object"));
        };
        let globals = match a.pos.get(1) {
            Some(Value::Dict(d)) => d.clone(),
            _ => match vm.frames.last() {
                Some(f) => f.globals.clone(),
                None => return Err(type_error("eval() needs globals")),
            },
        };
        vm.eval_expr(src.as_str(), globals)
    });
}

fn locals(vm: &mut Vm) -> PyResult<Value> {
    let Some(f) = vm.frames.last() else { return Ok(Value::None) };
    if let Some(ns) = &f.ns {
        return Ok(Value::Dict(ns.clone()));
    }
    if f.code.flags.uses_namespace {
        return Ok(Value::Dict(f.globals.clone()));
    }
    let mut d = crate::objects::dict::Dict::new();
    for (i, name) in f.code.varnames.iter().enumerate() {
        if let Some(v) = f.values.get(i) {
            if !matches!(v, Value::Unbound) {
                d.set_str(name.clone(), v.clone());
            }
        }
    }
    for (i, name) in f.code.cellvars.iter().chain(f.code.freevars.iter()).enumerate() {
        if let Some(c) = f.cells.get(i) {
            let v = c.borrow().clone();
            if !matches!(v, Value::Unbound) {
                d.set_str(name.clone(), v);
            }
        }
    }
    Ok(Value::dict(d))
}

#[allow(dead_code)]
fn _unused(_: &Instance) {}
