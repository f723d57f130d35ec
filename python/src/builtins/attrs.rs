//! Attributes that are not stored in a dict: `__class__`, `__name__` of
//! functions and classes, an exception's `args`, a generator's
//! `gi_running`, `super()` lookups, and so on.

use super::types_impl::Super;
use crate::objects::class::{Class, Instance};
use crate::objects::exc::{attribute_error, Exc};
use crate::objects::func::{Args, ClassMethod, Property, StaticMethod};
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{type_of, types};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// A computed attribute of a non-class object, if `name` is one.
pub fn special_attr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
    let n = name.as_str();
    if !n.starts_with('_')
        && !matches!(
            obj,
            Value::Instance(_)
                | Value::Gen(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Bool(_)
                | Value::Slice(_)
                | Value::Range(_)
                | Value::Code(_)
                | Value::Dict(_)
        )
    {
        return Ok(None);
    }
    if n == "__class__" {
        return Ok(Some(Value::Class(type_of(obj))));
    }
    Ok(match obj {
        Value::Instance(i) => return instance_attr(vm, obj, i, n),
        Value::Function(f) => match n {
            "__name__" => Some(Value::Str(f.name.borrow().clone())),
            "__qualname__" => Some(Value::Str(f.qualname.borrow().clone())),
            "__doc__" => {
                if let Some(d) = &*f.dict.borrow() {
                    if let Some(v) = d.borrow().get_str(name) {
                        return Ok(Some(v.clone()));
                    }
                }
                Some(f.code.doc.clone().map(Value::Str).unwrap_or(Value::None))
            }
            "__module__" => Some(
                f.globals.borrow().get_str(&PyStr::new("__name__")).cloned().unwrap_or(Value::None),
            ),
            "__defaults__" => Some(if f.defaults.is_empty() {
                Value::None
            } else {
                Value::tuple(f.defaults.clone())
            }),
            "__kwdefaults__" => {
                if f.kwdefaults.is_empty() {
                    Some(Value::None)
                } else {
                    let mut d = crate::objects::dict::Dict::new();
                    for (k, v) in &f.kwdefaults {
                        d.set_str(k.clone(), v.clone());
                    }
                    Some(Value::dict(d))
                }
            }
            "__code__" => Some(Value::Code(f.code.clone())),
            "__globals__" => Some(Value::Dict(f.globals.clone())),
            "__dict__" => {
                let mut d = f.dict.borrow_mut();
                let d = d.get_or_insert_with(|| {
                    Rc::new(std::cell::RefCell::new(crate::objects::dict::Dict::new()))
                });
                Some(Value::Dict(d.clone()))
            }
            "__closure__" => Some(if f.closure.is_empty() {
                Value::None
            } else {
                Value::tuple(f.closure.iter().map(|c| super::cell_value(c.clone())).collect())
            }),
            "__annotations__" => {
                let mut d = f.dict.borrow_mut();
                let d = d.get_or_insert_with(|| {
                    Rc::new(std::cell::RefCell::new(crate::objects::dict::Dict::new()))
                });
                let existing = d.borrow().get_str(&intern("__annotations__")).cloned();
                Some(match existing {
                    Some(v) => v,
                    None => {
                        let a = Value::dict(crate::objects::dict::Dict::new());
                        d.borrow_mut().set_str(intern("__annotations__"), a.clone());
                        a
                    }
                })
            }
            _ => None,
        },
        Value::Method(m) => match n {
            "__self__" => Some(m.this.clone()),
            "__func__" => Some(m.func.clone()),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                Some(vm.get_attr(&m.func.clone(), n)?)
            }
            "__annotations__" | "__defaults__" | "__kwdefaults__" | "__code__" | "__globals__"
            | "__closure__" | "__dict__" | "__wrapped__" => vm.get_attr_opt(&m.func.clone(), n)?,
            _ if !n.starts_with("__") => vm.get_attr_opt(&m.func.clone(), n)?,
            _ => None,
        },
        Value::Builtin(b) => match n {
            "__name__" => Some(Value::Str(b.name.clone())),
            "__qualname__" => Some(match &b.owner {
                Some(o) => Value::string(format!("{}.{}", o.as_str(), b.name.as_str())),
                None => Value::Str(b.name.clone()),
            }),
            "__self__" => Some(b.bound.clone().unwrap_or(Value::None)),
            "__doc__" => Some(Value::None),
            "__module__" => Some(Value::str("builtins")),
            _ => None,
        },
        Value::Gen(g) => match n {
            "__name__" => Some(Value::Str(g.name.clone())),
            "__qualname__" => Some(Value::Str(g.qualname.clone())),
            "gi_running" | "cr_running" | "ag_running" => {
                Some(Value::Bool(g.state.borrow().running))
            }
            "gi_frame" | "cr_frame" | "ag_frame" => {
                let st = g.state.borrow();
                Some(if st.finished { Value::None } else { Value::Bool(true) })
            }
            "gi_code" | "cr_code" | "ag_code" => Some(Value::Code(g.code.clone())),
            "cr_await" | "gi_yieldfrom" | "ag_await" => {
                let st = g.state.borrow();
                let v = st.frame.as_ref().and_then(|f| {
                    if matches!(f.code.instrs.get(f.pc), Some(crate::compile::code::Instr::Send(_)))
                    {
                        f.values.last().cloned()
                    } else {
                        None
                    }
                });
                Some(v.unwrap_or(Value::None))
            }
            "gi_suspended" | "cr_suspended" => {
                let st = g.state.borrow();
                Some(Value::Bool(st.started && !st.finished && !st.running))
            }
            _ => None,
        },
        Value::Module(m) => match n {
            "__dict__" => Some(Value::Dict(m.dict.clone())),
            _ => None,
        },
        Value::Int(i) => match n {
            "real" | "numerator" => Some(Value::Int(i.clone())),
            "imag" => Some(Value::int(0)),
            "denominator" => Some(Value::int(1)),
            _ => None,
        },
        Value::Bool(b) => match n {
            "real" | "numerator" => Some(Value::int(*b as i64)),
            "imag" => Some(Value::int(0)),
            "denominator" => Some(Value::int(1)),
            _ => None,
        },
        Value::Float(f) => match n {
            "real" => Some(Value::Float(*f)),
            "imag" => Some(Value::Float(0.0)),
            _ => None,
        },
        Value::Slice(s) => match n {
            "start" => Some(s[0].clone()),
            "stop" => Some(s[1].clone()),
            "step" => Some(s[2].clone()),
            _ => None,
        },
        Value::Range(r) => match n {
            "start" => Some(Value::int(r.start)),
            "stop" => Some(Value::int(r.stop)),
            "step" => Some(Value::int(r.step)),
            _ => None,
        },
        Value::Code(c) => match n {
            "co_name" => Some(Value::Str(c.name.clone())),
            "co_qualname" => Some(Value::Str(c.qualname.clone())),
            "co_filename" => Some(Value::str(&c.filename)),
            "co_firstlineno" => Some(Value::int(c.first_line as i64)),
            "co_argcount" => Some(Value::int(c.argcount as i64)),
            "co_varnames" => {
                Some(Value::tuple(c.varnames.iter().map(|s| Value::Str(s.clone())).collect()))
            }
            "co_flags" => {
                let f = &c.flags;
                let mut v = 0i64;
                if f.varargs {
                    v |= 4;
                }
                if f.varkw {
                    v |= 8;
                }
                if f.generator {
                    v |= 0x20;
                }
                if f.coroutine {
                    v |= 0x80;
                }
                if f.async_generator {
                    v |= 0x200;
                }
                Some(Value::int(v))
            }
            _ => None,
        },
        Value::Dict(d) => match n {
            "default_factory" if d.borrow().default_factory.is_some() => {
                d.borrow().default_factory.clone()
            }
            _ => None,
        },
        _ => None,
    })
}

fn instance_attr(vm: &mut Vm, obj: &Value, i: &Rc<Instance>, n: &str) -> PyResult<Option<Value>> {
    if let Some(s) = i.native::<Super>() {
        return super_attr(vm, s, n).map(Some);
    }
    if let Some(g) = i.native::<super::types_impl::GenericAlias>() {
        match n {
            "__origin__" => return Ok(Some(g.origin.clone())),
            "__args__" => {
                return Ok(Some(match &g.args {
                    Value::Tuple(_) => g.args.clone(),
                    other => Value::tuple(vec![other.clone()]),
                }))
            }
            _ => {}
        }
    }
    if n == "__dict__" {
        return Ok(Some(Value::Dict(i.dict().clone())));
    }
    if let Some(e) = i.exc() {
        let exc = Exc(i.clone());
        let d = e.borrow();
        return Ok(match n {
            "args" => Some(d.args.clone()),
            "__traceback__" => {
                Some(if d.traceback.is_empty() { Value::None } else { Value::Bool(true) })
            }
            "__cause__" => Some(d.cause.clone()),
            "__context__" => Some(d.context.clone()),
            "__suppress_context__" => Some(Value::Bool(d.suppress_context)),
            "__notes__" if !d.notes.is_none() => Some(d.notes.clone()),
            "value" if exc.is_instance(&types().stop_iteration) => Some(exc_arg0(&d.args)),
            "message" if exc.is_instance(&types().base_exception_group) => Some(exc_arg0(&d.args)),
            "exceptions" if exc.is_instance(&types().base_exception_group) => {
                let v = match &d.args {
                    Value::Tuple(t) if t.len() > 1 => match &t[1] {
                        Value::List(l) => Value::tuple(l.borrow().clone()),
                        other => other.clone(),
                    },
                    _ => Value::empty_tuple(),
                };
                Some(v)
            }
            "code" if exc.is_instance(&types().system_exit) => Some(exc_arg0(&d.args)),
            "errno" | "strerror" | "filename" if exc.is_instance(&types().exc("OSError")) => {
                if i.get_attr(&PyStr::new(n)).is_some() {
                    None
                } else {
                    let idx = if n == "errno" { 0 } else { 1 };
                    Some(match &d.args {
                        Value::Tuple(t) if t.len() >= 2 && n != "filename" => t[idx].clone(),
                        _ => Value::None,
                    })
                }
            }
            "name" if exc.is_instance(&types().name_error) => {
                if i.get_attr(&PyStr::new(n)).is_some() {
                    None
                } else {
                    Some(Value::None)
                }
            }
            "msg" | "lineno" | "offset" | "text" | "filename"
                if exc.is_instance(&types().exc("SyntaxError")) =>
            {
                i.get_attr(&PyStr::new(n)).or(Some(Value::None))
            }
            _ => None,
        });
    }
    let _ = obj;
    crate::asyncio::native_attr(vm, i, n)
}

fn exc_arg0(args: &Value) -> Value {
    match args {
        Value::Tuple(t) if !t.is_empty() => t[0].clone(),
        _ => Value::None,
    }
}

fn super_attr(vm: &mut Vm, s: &Super, n: &str) -> PyResult<Value> {
    let name = intern(n);
    let mro = s.obj_type.mro.borrow().clone();
    let start = mro.iter().position(|c| Rc::ptr_eq(c, &s.cls)).map(|i| i + 1).unwrap_or(mro.len());
    for c in &mro[start..] {
        let found = c.dict.borrow().get_str(&name).cloned();
        if let Some(v) = found {
            let obj_is_class = matches!(s.obj, Value::Class(_));
            return Ok(match &v {
                Value::Function(_) if !obj_is_class => vm.bind(v.clone(), s.obj.clone()),
                Value::Builtin(b) if b.bound.is_none() && !obj_is_class => b.bind(s.obj.clone()),
                Value::Builtin(b) if b.bound.is_none() && n == "__new__" => v.clone(),
                Value::Instance(d) => {
                    if let Some(sm) = d.native::<StaticMethod>() {
                        sm.0.clone()
                    } else if let Some(cm) = d.native::<ClassMethod>() {
                        vm.bind(cm.0.clone(), Value::Class(s.obj_type.clone()))
                    } else if let Some(p) = d.native::<Property>() {
                        let f = p.fget.clone();
                        vm.call_sync(f, Args::new(vec![s.obj.clone()]))?
                    } else {
                        v.clone()
                    }
                }
                _ => v.clone(),
            });
        }
    }
    Err(attribute_error(format!("'super' object has no attribute '{n}'")))
}

/// A computed attribute of a class.
pub fn class_special_attr(
    _vm: &mut Vm,
    c: &Rc<Class>,
    name: &Rc<PyStr>,
) -> PyResult<Option<Value>> {
    let n = name.as_str();
    if !n.starts_with("__") {
        return Ok(None);
    }
    Ok(match n {
        "__name__" => Some(Value::Str(c.name.clone())),
        "__qualname__" => Some(Value::Str(c.qualname.borrow().clone())),
        "__module__" => match c.dict.borrow().get_str(name) {
            Some(v) => Some(v.clone()),
            None => Some(Value::Str(c.module.clone())),
        },
        "__mro__" => {
            Some(Value::tuple(c.mro.borrow().iter().map(|c| Value::Class(c.clone())).collect()))
        }
        "__bases__" => {
            Some(Value::tuple(c.bases.iter().map(|c| Value::Class(c.clone())).collect()))
        }
        "__base__" => Some(c.bases.first().map(|b| Value::Class(b.clone())).unwrap_or(Value::None)),
        "__dict__" => Some(Value::Dict(Rc::new(std::cell::RefCell::new(c.dict.borrow().clone())))),
        "__doc__" => Some(c.dict.borrow().get_str(name).cloned().unwrap_or(Value::None)),
        "__class__" => Some(Value::Class(types().type_.clone())),
        "__annotations__" => Some(
            c.dict
                .borrow()
                .get_str(name)
                .cloned()
                .unwrap_or_else(|| Value::dict(crate::objects::dict::Dict::new())),
        ),
        _ => None,
    })
}

/// Setting an attribute on a builtin native object.
pub fn native_setattr(
    vm: &mut Vm,
    i: &Rc<Instance>,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    if crate::asyncio::native_setattr(vm, i, name.as_str(), &value)? {
        return Ok(());
    }
    if i.exc().is_some() {
        i.set_attr(name.clone(), value);
        return Ok(());
    }
    i.set_attr(name.clone(), value);
    Ok(())
}
