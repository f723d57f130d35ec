//! The methods of `BaseException` and its subclasses, and exception groups
//! (`ExceptionGroup(msg, excs)`, `split`, `subgroup`, `derive`, and what
//! `except*` needs).

use super::add_method;
use crate::objects::class::{Instance, Layout, Payload};
use crate::objects::exc::{type_error, value_error, Exc, ExcData};
use crate::objects::func::Args;
use crate::objects::types::{type_name, types, Types};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn install(t: &mut Types) {
    let be = t.base_exception.clone();
    add_method(&be, "__init__", |_vm, a| {
        let Some(Value::Instance(i)) = a.pos.first() else { return Ok(Value::None) };
        if let Some(d) = i.exc() {
            d.borrow_mut().args = Value::tuple(a.pos[1..].to_vec());
        }
        Ok(Value::None)
    });
    add_method(&be, "__str__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::string(exc_str(vm, &this)?))
    });
    // `msg (file, line N)`, as CPython's SyntaxError_str.
    add_method(&t.exc("SyntaxError"), "__str__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("")) };
        let attr = |n: &str| e.0.get_attr(&crate::objects::str::PyStr::new(n));
        let msg = match attr("msg") {
            Some(m) if !m.is_none() => vm.str_of(&m)?,
            _ => exc_str(vm, &this)?,
        };
        let file = match attr("filename") {
            Some(Value::Str(f)) => {
                let f = f.as_str();
                Some(f.rsplit('/').next().unwrap_or(f).to_string())
            }
            _ => None,
        };
        let line = match attr("lineno") {
            Some(Value::Int(i)) => i.to_i64(),
            _ => None,
        };
        Ok(Value::string(match (file, line) {
            (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
            (Some(f), None) => format!("{msg} ({f})"),
            (None, Some(l)) => format!("{msg} (line {l})"),
            (None, None) => msg,
        }))
    });
    add_method(&be, "__repr__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("?")) };
        let args = e.args();
        let name = e.class().name.as_str().to_string();
        let inner = if args.len() == 1 {
            vm.repr(&args[0])?
        } else {
            let r = vm.repr(&Value::tuple(args.clone()))?;
            if args.is_empty() {
                String::new()
            } else {
                r[1..r.len() - 1].to_string()
            }
        };
        Ok(Value::string(format!("{name}({inner})")))
    });
    add_method(&be, "with_traceback", |_vm, a| Ok(a.pos.first().cloned().unwrap_or(Value::None)));
    add_method(&be, "add_note", |_vm, a| {
        let (this, note) = (a.pos.first().cloned(), a.pos.get(1).cloned());
        let (Some(this), Some(note)) = (this, note) else {
            return Err(type_error("add_note() takes exactly one argument"));
        };
        if !matches!(note, Value::Str(_)) {
            return Err(type_error(format!("note must be a str, not '{}'", type_name(&note))));
        }
        if let Some(e) = Exc::from_value(&this) {
            e.with_mut(|d| match &d.notes {
                Value::List(l) => l.borrow_mut().push(note.clone()),
                _ => d.notes = Value::list(vec![note.clone()]),
            });
        }
        Ok(Value::None)
    });
    let ke = t.key_error.clone();
    add_method(&ke, "__str__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("")) };
        let args = e.args();
        if args.len() == 1 {
            return Ok(Value::string(vm.repr(&args[0])?));
        }
        Ok(Value::string(exc_str(vm, &this)?))
    });
    let os = t.exc("OSError");
    add_method(&os, "__str__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("")) };
        let args = e.args();
        if args.len() >= 2 {
            let s = vm.str_of(&args[1])?;
            return Ok(Value::string(format!("[Errno {}] {}", vm.str_of(&args[0])?, s)));
        }
        Ok(Value::string(exc_str(vm, &this)?))
    });
    for g in [t.base_exception_group.clone(), t.exception_group.clone()] {
        add_method(&g, "__new__", group_new);
        add_method(&g, "__init__", |_vm, _a| Ok(Value::None));
        add_method(&g, "__str__", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("")) };
            let args = e.args();
            let msg = match args.first() {
                Some(m) => vm.str_of(m)?,
                None => String::new(),
            };
            let n = group_exceptions(&e).len();
            Ok(Value::string(format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" })))
        });
        add_method(&g, "__repr__", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let Some(e) = Exc::from_value(&this) else { return Ok(Value::str("")) };
            let args = e.args();
            let mut parts = Vec::new();
            for x in &args {
                parts.push(vm.repr(x)?);
            }
            Ok(Value::string(format!("{}({})", e.class().name.as_str(), parts.join(", "))))
        });
        add_method(&g, "split", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let cond = a.pos.get(1).cloned().unwrap_or(Value::None);
            let Some(e) = Exc::from_value(&this) else { return Ok(Value::None) };
            let (m, r) = split_group(vm, &e, &cond)?;
            Ok(Value::tuple(vec![m, r]))
        });
        add_method(&g, "subgroup", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let cond = a.pos.get(1).cloned().unwrap_or(Value::None);
            let Some(e) = Exc::from_value(&this) else { return Ok(Value::None) };
            Ok(split_group(vm, &e, &cond)?.0)
        });
        add_method(&g, "derive", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let excs = a.pos.get(1).cloned().unwrap_or(Value::None);
            let Some(e) = Exc::from_value(&this) else { return Ok(Value::None) };
            let msg = e.args().first().cloned().unwrap_or(Value::str(""));
            let items = vm.collect_iterable(&excs)?;
            let msg = msg.as_str().unwrap_or("").to_string();
            make_group(vm, &msg, items)
        });
    }
}

/// `str(exc)` by BaseException's rule.
pub fn exc_str(vm: &mut Vm, this: &Value) -> PyResult<String> {
    let Some(e) = Exc::from_value(this) else { return Ok(String::new()) };
    let args = e.args();
    match args.len() {
        0 => Ok(String::new()),
        1 => vm.str_of(&args[0]),
        _ => vm.str_of(&Value::tuple(args)),
    }
}

fn group_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => return Err(type_error("BaseExceptionGroup.__new__ needs a class")),
    };
    if a.pos.len() != 3 {
        return Err(type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            a.pos.len().saturating_sub(1)
        )));
    }
    let msg = a.pos[1].clone();
    if !matches!(msg, Value::Str(_)) {
        return Err(type_error(format!("argument 1 must be str, not {}", type_name(&msg))));
    }
    let excs_v = a.pos[2].clone();
    if !matches!(excs_v, Value::List(_) | Value::Tuple(_)) {
        return Err(type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = vm.collect_iterable(&excs_v)?;
    if excs.is_empty() {
        return Err(value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exception = true;
    for (i, x) in excs.iter().enumerate() {
        match Exc::from_value(x) {
            Some(e) => {
                if !e.is_instance(&types().exception) {
                    all_exception = false;
                }
            }
            None => {
                return Err(value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )))
            }
        }
    }
    let t = types();
    let mut cls = cls;
    if Rc::ptr_eq(&cls, &t.base_exception_group) && all_exception {
        cls = t.exception_group.clone();
    } else if cls.is_subclass(&t.exception) && !all_exception {
        return Err(type_error(format!(
            "Cannot nest BaseExceptions in {}",
            if Rc::ptr_eq(&cls, &t.exception_group) {
                "an ExceptionGroup".to_string()
            } else {
                format!("'{}'", cls.name.as_str())
            }
        )));
    }
    Ok(Value::Instance(Instance::new(
        cls,
        Payload::Exception(RefCell::new(ExcData::new(Value::tuple(vec![msg, excs_v])))),
    )))
}

/// A new `ExceptionGroup` (or `BaseExceptionGroup` when some member is
/// not an `Exception`).
pub fn make_group(vm: &mut Vm, msg: &str, excs: Vec<Value>) -> PyResult<Value> {
    let cls = Value::Class(types().base_exception_group.clone());
    vm.call_sync(cls, Args::new(vec![Value::str(msg), Value::list(excs)]))
}

/// The direct members of a group.
pub fn group_exceptions(e: &Exc) -> Vec<Value> {
    match e.args().get(1) {
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// The leaf exceptions of a group (or the exception itself).
pub fn leaves(e: &Exc) -> Vec<Value> {
    if !e.is_instance(&types().base_exception_group) {
        return vec![e.value()];
    }
    let mut out = Vec::new();
    for x in group_exceptions(e) {
        if let Some(xe) = Exc::from_value(&x) {
            out.extend(leaves(&xe));
        }
    }
    out
}

fn matches_cond(vm: &mut Vm, e: &Exc, cond: &Value) -> PyResult<bool> {
    match cond {
        Value::Class(_) | Value::Tuple(_) => vm.exc_matches(&e.value(), cond),
        f => {
            let r = vm.call_sync(f.clone(), Args::new(vec![e.value()]))?;
            vm.truthy(&r)
        }
    }
}

/// `eg.split(cond)`: (match, rest), each a group with the same structure
/// or None.
pub fn split_group(vm: &mut Vm, e: &Exc, cond: &Value) -> PyResult<(Value, Value)> {
    if matches_cond(vm, e, cond)? {
        return Ok((e.value(), Value::None));
    }
    if !e.is_instance(&types().base_exception_group) {
        return Ok((Value::None, e.value()));
    }
    let mut m = Vec::new();
    let mut r = Vec::new();
    for x in group_exceptions(e) {
        let Some(xe) = Exc::from_value(&x) else { continue };
        let (xm, xr) = split_group(vm, &xe, cond)?;
        if !xm.is_none() {
            m.push(xm);
        }
        if !xr.is_none() {
            r.push(xr);
        }
    }
    let derive = |vm: &mut Vm, items: Vec<Value>| -> PyResult<Value> {
        if items.is_empty() {
            return Ok(Value::None);
        }
        let msg =
            e.args().first().and_then(|m| m.as_str().map(|s| s.to_string())).unwrap_or_default();
        let g = make_group(vm, &msg, items)?;
        if let Some(ge) = Exc::from_value(&g) {
            let (tb, cause, ctx, notes) = e
                .with(|d| {
                    (d.traceback.clone(), d.cause.clone(), d.context.clone(), d.notes.clone())
                })
                .unwrap_or((Vec::new(), Value::None, Value::None, Value::None));
            ge.with_mut(|d| {
                d.traceback = tb;
                d.cause = cause;
                d.context = ctx;
                d.notes = notes;
            });
        }
        Ok(g)
    };
    let mv = derive(vm, m)?;
    let rv = derive(vm, r)?;
    Ok((mv, rv))
}

/// The part of `orig` whose leaves are among `keep` (same structure).
pub fn project(vm: &mut Vm, orig: &Exc, keep: &[Value]) -> PyResult<Value> {
    if !orig.is_instance(&types().base_exception_group) {
        return Ok(if keep.iter().any(|k| k.is(&orig.value())) {
            orig.value()
        } else {
            Value::None
        });
    }
    let mut items = Vec::new();
    for x in group_exceptions(orig) {
        let Some(xe) = Exc::from_value(&x) else { continue };
        let p = project(vm, &xe, keep)?;
        if !p.is_none() {
            items.push(p);
        }
    }
    if items.is_empty() {
        return Ok(Value::None);
    }
    let msg =
        orig.args().first().and_then(|m| m.as_str().map(|s| s.to_string())).unwrap_or_default();
    let g = make_group(vm, &msg, items)?;
    if let Some(ge) = Exc::from_value(&g) {
        let tb = orig.with(|d| d.traceback.clone()).unwrap_or_default();
        ge.with_mut(|d| d.traceback = tb);
    }
    Ok(g)
}

#[allow(dead_code)]
fn _unused() -> Layout {
    Layout::Plain
}
