//! Constructors of the builtin types (`int(x)`, `list(it)`, `type(...)`,
//! `super()`, `property(...)`, ...), the methods of `object` and `type`,
//! and class creation (`class C(B): ...`).

use super::{add_flow_method, add_method};
use crate::objects::class::{c3_mro, Class, Instance, Layout, Payload};
use crate::objects::dict::Dict;
use crate::objects::exc::{num_error, runtime_error, type_error, value_error, Exc};
use crate::objects::func::{Args, ClassMethod, Flow, Property, StaticMethod};
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{type_name, type_of, types, Types};
use crate::value::{DictRef, Range, Value};
use crate::vm::iter::{native_iter, NativeIter};
use crate::vm::{PyResult, Vm};
use asyncpy_num::Int;
use std::cell::RefCell;
use std::rc::Rc;

/// The `super()` object's state.
pub struct Super {
    /// The class to start after in the MRO.
    pub cls: Rc<Class>,
    /// The object (or class, for classmethods).
    pub obj: Value,
    /// `type(obj)` (or obj itself when it is a class).
    pub obj_type: Rc<Class>,
}

pub(crate) fn install(t: &mut Types) {
    install_generic_alias(t);
    let o = t.object.clone();
    add_method(&o, "__init__", |_vm, _a| Ok(Value::None));
    add_method(&o, "__new__", object_new);
    add_method(&o, "__repr__", |_vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let cls = type_of(&this);
        Ok(Value::string(format!("<{} object at {}>", cls.repr_name(), super::repr::addr(&this))))
    });
    add_method(&o, "__str__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::string(vm.repr(&this)?))
    });
    add_method(&o, "__eq__", |_vm, a| {
        let (x, y) = two(&a);
        Ok(if x.is(&y) { Value::Bool(true) } else { Value::NotImplemented })
    });
    add_method(&o, "__ne__", |vm, a| {
        let (x, y) = two(&a);
        if x.is(&y) {
            return Ok(Value::Bool(false));
        }
        if vm.has_user_method(&x, "__eq__") {
            let r = vm.compare_sync(crate::compile::code::CmpOp::Eq, &x, &y)?;
            return Ok(Value::Bool(!r));
        }
        Ok(Value::NotImplemented)
    });
    add_method(&o, "__hash__", |vm, a| {
        let x = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::int(vm.hash(&x)?))
    });
    add_method(&o, "__setattr__", |vm, a| {
        let mut it = a.pos.into_iter();
        let (Some(obj), Some(Value::Str(name)), Some(v)) = (it.next(), it.next(), it.next()) else {
            return Err(type_error("expected 2 arguments"));
        };
        vm.generic_setattr(&obj, &name, v)?;
        Ok(Value::None)
    });
    add_method(&o, "__delattr__", |vm, a| {
        let (obj, name) = two(&a);
        let Value::Str(name) = name else {
            return Err(type_error("attribute name must be string"));
        };
        vm.delete_attr(&obj, &name)?;
        Ok(Value::None)
    });
    add_method(&o, "__getattribute__", |vm, a| {
        let (obj, name) = two(&a);
        let Value::Str(name) = name else {
            return Err(type_error("attribute name must be string"));
        };
        vm.get_attr(&obj, name.as_str())
    });
    add_method(&o, "__format__", |vm, a| {
        let (obj, spec) = two(&a);
        let spec = spec.as_str().unwrap_or("").to_string();
        if !spec.is_empty() {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                type_of(&obj).name.as_str()
            )));
        }
        Ok(Value::string(vm.str_of(&obj)?))
    });
    add_method(&o, "__init_subclass__", |_vm, _a| Ok(Value::None));
    add_method(&o, "__dir__", |vm, a| {
        let x = a.pos.first().cloned().unwrap_or(Value::None);
        super::functions::dir_of(vm, &x)
    });
    add_method(&o, "__reduce_ex__", |_vm, _a| Err(type_error("cannot pickle objects")));

    let ty = t.type_.clone();
    add_flow_method(&ty, "__new__", type_new);
    add_method(&ty, "mro", |_vm, a| match a.pos.first() {
        Some(Value::Class(c)) => {
            Ok(Value::list(c.mro.borrow().iter().map(|c| Value::Class(c.clone())).collect()))
        }
        _ => Err(type_error("descriptor 'mro' of 'type' object needs an argument")),
    });
    add_method(&ty, "__subclasses__", |_vm, _a| Ok(Value::list(vec![])));
    add_method(&ty, "__instancecheck__", |vm, a| {
        let (c, x) = two(&a);
        Ok(Value::Bool(super::functions::isinstance_of(vm, &x, &c)?))
    });

    add_method(&t.int, "__new__", int_new);
    add_method(&t.bool_, "__new__", |vm, a| {
        let x = a.pos.get(1).cloned().unwrap_or(Value::Bool(false));
        if a.pos.len() > 2 {
            return Err(type_error(format!(
                "bool expected at most 1 argument, got {}",
                a.pos.len() - 1
            )));
        }
        Ok(Value::Bool(vm.truthy(&x)?))
    });
    add_method(&t.float, "__new__", float_new);
    add_method(&t.complex, "__new__", |_vm, _a| {
        Err(type_error("asyncpy: complex numbers are not supported"))
    });
    add_method(&t.str_, "__new__", str_new);
    add_method(&t.bytes, "__new__", bytes_new);
    add_method(&t.list, "__new__", |vm, a| {
        check_ctor(&a, "list", 1)?;
        match a.pos.get(1) {
            Some(v) => Ok(Value::list(vm.collect_iterable(v)?)),
            None => Ok(Value::list(vec![])),
        }
    });
    add_method(&t.tuple, "__new__", |vm, a| {
        check_ctor(&a, "tuple", 1)?;
        match a.pos.get(1) {
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
            Some(v) => Ok(Value::tuple(vm.collect_iterable(v)?)),
            None => Ok(Value::empty_tuple()),
        }
    });
    add_method(&t.dict, "__new__", dict_new);
    add_method(&t.defaultdict, "__new__", |vm, mut a| {
        let factory = if a.pos.len() > 1 { a.pos.remove(1) } else { Value::None };
        if !matches!(factory, Value::None) && !super::functions::is_callable(&factory) {
            return Err(type_error("first argument must be callable or None"));
        }
        let d = dict_new(vm, a)?;
        if let Value::Dict(d) = &d {
            d.borrow_mut().default_factory = Some(factory);
        }
        Ok(d)
    });
    add_method(&t.set, "__new__", |vm, a| {
        check_ctor(&a, "set", 1)?;
        let items = match a.pos.get(1) {
            Some(v) => vm.collect_iterable(v)?,
            None => vec![],
        };
        let s = set_from_items(vm, a.pos.get(1), items)?;
        Ok(Value::Set(Rc::new(RefCell::new(s))))
    });
    add_method(&t.frozenset, "__new__", |vm, a| {
        check_ctor(&a, "frozenset", 1)?;
        if let Some(Value::FrozenSet(s)) = a.pos.get(1) {
            return Ok(Value::FrozenSet(s.clone()));
        }
        let items = match a.pos.get(1) {
            Some(v) => vm.collect_iterable(v)?,
            None => vec![],
        };
        let s = set_from_items(vm, a.pos.get(1), items)?;
        Ok(Value::FrozenSet(Rc::new(RefCell::new(s))))
    });
    add_method(&t.range, "__new__", range_new);
    add_method(&t.range, "count", |vm, a| {
        let (Some(Value::Range(r)), Some(x)) = (a.pos.first(), a.pos.get(1)) else {
            return Err(type_error("range.count() takes exactly one argument (0 given)"));
        };
        match range_position(vm, r, x)? {
            Some(_) => Ok(Value::int(1)),
            None => Ok(Value::int(0)),
        }
    });
    add_method(&t.range, "index", |vm, a| {
        let (Some(Value::Range(r)), Some(x)) = (a.pos.first(), a.pos.get(1)) else {
            return Err(type_error("range.index() takes exactly one argument (0 given)"));
        };
        match range_position(vm, r, x)? {
            Some(i) => Ok(Value::int(i)),
            None => Err(value_error(format!("{} is not in range", vm.repr(x)?))),
        }
    });
    add_method(&t.slice, "__new__", |_vm, a| {
        let p = &a.pos[1.min(a.pos.len())..];
        let (s0, s1, s2) = match p.len() {
            1 => (Value::None, p[0].clone(), Value::None),
            2 => (p[0].clone(), p[1].clone(), Value::None),
            3 => (p[0].clone(), p[1].clone(), p[2].clone()),
            n => return Err(type_error(format!("slice expected at least 1 argument, got {n}"))),
        };
        Ok(Value::Slice(Rc::new([s0, s1, s2])))
    });
    let prop = t.property.clone();
    add_method(&prop, "__new__", |_vm, a| {
        let mut a = a;
        let get = a.arg_or_kw(1, "fget").unwrap_or(Value::None);
        let set = a.arg_or_kw(2, "fset").unwrap_or(Value::None);
        let del = a.arg_or_kw(3, "fdel").unwrap_or(Value::None);
        let doc = a.arg_or_kw(4, "doc").unwrap_or(Value::None);
        Ok(make_property(get, set, del, doc))
    });
    add_method(&prop, "getter", |_vm, a| prop_with(&a, 0));
    add_method(&prop, "setter", |_vm, a| prop_with(&a, 1));
    add_method(&prop, "deleter", |_vm, a| prop_with(&a, 2));
    add_method(&prop, "__get__", |vm, a| {
        let (p, obj) = two(&a);
        if let Value::Instance(i) = &p {
            if let Some(pr) = i.native::<Property>() {
                if obj.is_none() {
                    return Ok(p.clone());
                }
                let f = pr.fget.clone();
                return vm.call_sync(f, Args::new(vec![obj]));
            }
        }
        Ok(Value::None)
    });
    add_method(&t.staticmethod, "__new__", |_vm, a| {
        let f = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::Instance(Instance::new(
            types().staticmethod.clone(),
            Payload::Native(Box::new(StaticMethod(f))),
        )))
    });
    add_method(&t.classmethod, "__new__", |_vm, a| {
        let f = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::Instance(Instance::new(
            types().classmethod.clone(),
            Payload::Native(Box::new(ClassMethod(f))),
        )))
    });
    add_method(&t.staticmethod, "__call__", |vm, mut a| {
        let this = a.pos.remove(0);
        let f = match &this {
            Value::Instance(i) => {
                i.native::<StaticMethod>().map(|s| s.0.clone()).unwrap_or(Value::None)
            }
            _ => Value::None,
        };
        vm.call_sync(f, a)
    });
    add_method(&t.super_, "__new__", super_new);

    // The constructors of the builtin iterators.
    let e = t.native("enumerate");
    add_method(&e, "__new__", |vm, mut a| {
        let start = a.take_kw("start");
        let iterable_kw = a.take_kw("iterable");
        a.no_kw("enumerate")?;
        let given = a.pos.len().saturating_sub(1) + start.is_some() as usize;
        if given > 2 {
            return Err(type_error(format!(
                "enumerate() takes at most 2 arguments ({given} given)"
            )));
        }
        if let Some(v) = iterable_kw {
            a.pos.insert(1.min(a.pos.len()), v);
        }
        let it = a
            .pos
            .get(1)
            .cloned()
            .ok_or_else(|| type_error("enumerate() missing required argument 'iterable'"))?;
        let start = match start.or_else(|| a.pos.get(2).cloned()) {
            Some(Value::Int(i)) => i,
            Some(Value::Bool(b)) => Int::Small(b as i64),
            Some(other) => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&other)
                )))
            }
            None => Int::Small(0),
        };
        let it = vm.get_iter(it)?;
        Ok(native_iter("enumerate", NativeIter::Enumerate { it, count: start }))
    });
    let z = t.native("zip");
    add_method(&z, "__new__", |vm, mut a| {
        let strict = match a.take_kw("strict") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        a.no_kw("zip")?;
        let mut its = Vec::new();
        for (i, v) in a.pos.iter().skip(1).enumerate() {
            match vm.get_iter(v.clone()) {
                Ok(it) => its.push(it),
                Err(e) if e.is_instance(&types().type_error) => {
                    return Err(type_error(format!("'{}' object is not iterable", type_name(v)))
                        .tap(|_| {
                            let _ = i;
                        }))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(native_iter("zip", NativeIter::Zip { its, strict }))
    });
    let m = t.native("map");
    add_method(&m, "__new__", |vm, a| {
        if a.pos.len() < 3 {
            return Err(type_error("map() must have at least two arguments."));
        }
        let func = a.pos[1].clone();
        let mut its = Vec::new();
        for v in a.pos.iter().skip(2) {
            its.push(vm.get_iter(v.clone())?);
        }
        Ok(native_iter("map", NativeIter::Map { func, its }))
    });
    let f = t.native("filter");
    add_method(&f, "__new__", |vm, a| {
        if a.pos.len() != 3 {
            return Err(type_error(format!(
                "filter expected 2 arguments, got {}",
                a.pos.len().saturating_sub(1)
            )));
        }
        let it = vm.get_iter(a.pos[2].clone())?;
        Ok(native_iter("filter", NativeIter::Filter { func: a.pos[1].clone(), it }))
    });
    let r = t.native("reversed");
    add_method(&r, "__new__", |vm, a| {
        a.no_kwargs("reversed")?;
        let n = a.pos.len().saturating_sub(1);
        if n != 1 {
            return Err(type_error(format!("reversed expected 1 argument, got {n}")));
        }
        let Some(seq) = a.pos.get(1).cloned() else {
            return Err(type_error("reversed expected 1 argument, got 0"));
        };
        match &seq {
            Value::List(l) => {
                let n = l.borrow().len();
                Ok(native_iter(
                    "list_reverseiterator",
                    NativeIter::Reversed { seq: seq.clone(), index: n },
                ))
            }
            Value::Tuple(t) => Ok(native_iter(
                "reversed",
                NativeIter::Reversed { seq: seq.clone(), index: t.len() },
            )),
            Value::Str(s) => {
                let mut items: Vec<Value> =
                    s.as_str().chars().map(|c| Value::string(c.to_string())).collect();
                items.reverse();
                Ok(native_iter("reversed", NativeIter::Values { items: Rc::from(items), index: 0 }))
            }
            Value::Range(r) => {
                let n = r.len();
                let last = if n > 0 { r.get(n - 1) } else { r.start };
                Ok(native_iter(
                    "range_iterator",
                    NativeIter::Range { next: last, step: -r.step, left: n },
                ))
            }
            Value::Dict(d) => {
                let mut items = d.borrow().keys();
                items.reverse();
                Ok(native_iter(
                    "dict_reversekeyiterator",
                    NativeIter::Values { items: Rc::from(items), index: 0 },
                ))
            }
            _ => {
                if let Some(f) = vm.lookup_special(&seq, "__reversed__") {
                    return vm.call_sync(f, Args::default());
                }
                if super::native_iterable(&seq) || vm.lookup_special(&seq, "__getitem__").is_some()
                {
                    let mut items = vm.collect_iterable(&seq)?;
                    items.reverse();
                    return Ok(native_iter(
                        "reversed",
                        NativeIter::Values { items: Rc::from(items), index: 0 },
                    ));
                }
                Err(type_error(format!("'{}' object is not reversible", type_name(&seq))))
            }
        }
    });
}

trait Tap: Sized {
    fn tap(self, f: impl FnOnce(&Self)) -> Self {
        f(&self);
        self
    }
}
impl Tap for Exc {}

fn two(a: &Args) -> (Value, Value) {
    (a.pos.first().cloned().unwrap_or(Value::None), a.pos.get(1).cloned().unwrap_or(Value::None))
}

fn check_ctor(a: &Args, name: &str, max: usize) -> PyResult<()> {
    if let Some((k, _)) = a.kw.first() {
        return Err(type_error(
            format!("{name}() takes no keyword arguments").replace("{}", k.as_str()),
        ));
    }
    if a.pos.len() > max + 1 {
        return Err(type_error(format!(
            "{name} expected at most {max} argument{}, got {}",
            if max == 1 { "" } else { "s" },
            a.pos.len() - 1
        )));
    }
    Ok(())
}

fn set_from_items(
    vm: &mut Vm,
    src: Option<&Value>,
    items: Vec<Value>,
) -> PyResult<crate::objects::set::Set> {
    // A set made from another set keeps its table layout (CPython's
    // set_merge fast path).
    if let Some(Value::Set(s) | Value::FrozenSet(s)) = src {
        let mut r = crate::objects::set::Set::new();
        r.merge_into_empty(&s.borrow());
        return Ok(r);
    }
    vm.set_from(items)
}

/// A property object.
pub fn make_property(fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    Value::Instance(Instance::new(
        types().property.clone(),
        Payload::Native(Box::new(Property { fget, fset, fdel, doc })),
    ))
}

fn prop_with(a: &Args, which: usize) -> PyResult<Value> {
    let (p, f) = two(a);
    let Value::Instance(i) = &p else { return Err(type_error("not a property")) };
    let Some(pr) = i.native::<Property>() else { return Err(type_error("not a property")) };
    let (mut g, mut s, mut d) = (pr.fget.clone(), pr.fset.clone(), pr.fdel.clone());
    match which {
        0 => g = f,
        1 => s = f,
        _ => d = f,
    }
    Ok(make_property(g, s, d, pr.doc.clone()))
}

fn object_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => return Err(type_error("object.__new__(X): X is not a type object")),
    };
    match cls.layout {
        Layout::Plain => Ok(Value::Instance(Instance::new(cls, Payload::None))),
        Layout::Exception => Ok(Value::Instance(Instance::new(
            cls,
            Payload::Exception(RefCell::new(crate::objects::exc::ExcData::new(Value::tuple(
                a.pos[1..].to_vec(),
            )))),
        ))),
        _ => Err(type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name.as_str(),
            cls.name.as_str()
        ))),
    }
}

fn type_new(vm: &mut Vm, a: Args) -> PyResult<Flow> {
    // type(x) or type(name, bases, dict).
    let args = &a.pos[1.min(a.pos.len())..];
    match args.len() {
        1 => Ok(Flow::Value(Value::Class(type_of(&args[0])))),
        3 => {
            let Value::Str(name) = &args[0] else {
                return Err(type_error(
                    "type.__new__() argument 1 must be str, not ".to_string()
                        + &type_name(&args[0]),
                ));
            };
            let bases: Vec<Rc<Class>> = match &args[1] {
                Value::Tuple(t) => t
                    .iter()
                    .filter_map(|b| match b {
                        Value::Class(c) => Some(c.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => return Err(type_error("type.__new__() argument 2 must be tuple")),
            };
            let Value::Dict(d) = &args[2] else {
                return Err(type_error("type.__new__() argument 3 must be dict"));
            };
            let ns = Rc::new(RefCell::new(d.borrow().clone()));
            if ns.borrow().get_str(&PyStr::new("__module__")).is_none() {
                ns.borrow_mut().set_str(intern("__module__"), Value::str("__main__"));
            }
            let c = new_class(vm, name, bases, ns)?;
            Ok(Flow::Value(Value::Class(c)))
        }
        _ => Err(type_error("type() takes 1 or 3 arguments")),
    }
}

/// Makes a class from a class body's namespace.
pub fn new_class(
    vm: &mut Vm,
    name: &Rc<PyStr>,
    bases: Vec<Rc<Class>>,
    ns: DictRef,
) -> PyResult<Rc<Class>> {
    let t = types();
    let bases = if bases.is_empty() { vec![t.object.clone()] } else { bases };
    let mut layout = Layout::Plain;
    for b in &bases {
        let l = b.layout;
        match (layout, l) {
            (_, Layout::Plain) => {}
            (Layout::Plain, other) => layout = other,
            (x, y) if x == y => {}
            _ => return Err(type_error("multiple bases have instance lay-out conflict")),
        }
    }
    if layout == Layout::Value {
        return Err(type_error(format!(
            "asyncpy: subclassing the builtin type '{}' is not supported",
            bases
                .iter()
                .find(|b| b.layout == Layout::Value)
                .map(|b| b.name.as_str().to_string())
                .unwrap_or_default()
        )));
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|c| Rc::ptr_eq(c, b)) {
            return Err(type_error(format!("duplicate base class {}", b.name.as_str())));
        }
    }
    let mro = c3_mro(&bases).map_err(type_error)?;
    let mut dict = ns.borrow().clone();
    let module = match dict.get_str(&PyStr::new("__module__")) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "__main__".to_string(),
    };
    let qualname = match dict.remove_str(&intern("__qualname__")) {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    };
    dict.remove_str(&intern("__classcell__"));
    if dict.get_str(&PyStr::new("__eq__")).is_some()
        && dict.get_str(&PyStr::new("__hash__")).is_none()
    {
        dict.set_str(intern("__hash__"), Value::None);
    }
    // `__init_subclass__` and `__class_getitem__` are implicit classmethods.
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f @ Value::Function(_)) = dict.get_str(&PyStr::new(n)).cloned() {
            dict.set_str(
                intern(n),
                Value::Instance(Instance::new(
                    t.classmethod.clone(),
                    Payload::Native(Box::new(ClassMethod(f))),
                )),
            );
        }
    }
    let cls = Class::new(name.as_str(), &module, bases, dict, layout, false);
    if let Some(q) = qualname {
        *cls.qualname.borrow_mut() = q;
    }
    cls.set_mro(mro);
    // The parent's __init_subclass__.
    let parent_hook = {
        let mro = cls.mro.borrow();
        let mut found = None;
        for c in mro.iter().skip(1) {
            if let Some(v) = c.dict.borrow().get_str(&PyStr::new("__init_subclass__")) {
                if !c.builtin {
                    found = Some(v.clone());
                }
                break;
            }
        }
        found
    };
    if let Some(h) = parent_hook {
        let f = match &h {
            Value::Instance(i) => {
                i.native::<ClassMethod>().map(|c| c.0.clone()).unwrap_or(h.clone())
            }
            _ => h.clone(),
        };
        vm.call_sync(f, Args::new(vec![Value::Class(cls.clone())]))?;
    }
    Ok(cls)
}

fn int_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut a = a;
    let base = a.take_kw("base");
    a.no_kw("int")?;
    let x = a.pos.get(1).cloned();
    let base = base.or_else(|| a.pos.get(2).cloned());
    if a.pos.len() > 3 {
        return Err(type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    let Some(x) = x else {
        return Ok(Value::int(0));
    };
    if let Some(b) = base {
        let b = vm.as_ssize(&b)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return match &x {
            Value::Str(s) => Int::parse(s.as_str(), b as u32).map(Value::Int).map_err(num_error),
            _ => Err(type_error("int() can't convert non-string with explicit base")),
        };
    }
    int_of_value(vm, &x)
}

/// `int(x)` for one argument.
pub fn int_of_value(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::int(*b as i64)),
        Value::Float(f) => Int::from_f64(*f).map(Value::Int).map_err(num_error),
        Value::Str(s) => Int::parse(s.as_str(), 10).map(Value::Int).map_err(num_error),
        Value::Bytes(b) => {
            let s: String = b.iter().map(|c| *c as char).collect();
            Int::parse(&s, 10).map(Value::Int).map_err(num_error)
        }
        _ => {
            for m in ["__int__", "__index__", "__trunc__"] {
                if let Some(f) = vm.lookup_special(x, m) {
                    let r = vm.call_sync(f, Args::default())?;
                    return match r {
                        Value::Int(_) => Ok(r),
                        Value::Bool(b) => Ok(Value::int(b as i64)),
                        other => Err(type_error(format!(
                            "{m} returned non-int (type {})",
                            type_name(&other)
                        ))),
                    };
                }
            }
            Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(x)
            )))
        }
    }
}

fn float_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kwargs("float")?;
    if a.pos.len() > 2 {
        return Err(type_error(format!(
            "float expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let Some(x) = a.pos.get(1) else { return Ok(Value::Float(0.0)) };
    float_of_value(vm, x)
}

/// `float(x)`.
pub fn float_of_value(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Int(i) => i.to_f64().map(Value::Float).map_err(num_error),
        Value::Bool(b) => Ok(Value::Float(*b as i64 as f64)),
        Value::Str(s) => match asyncpy_num::parse_float(s.as_str()) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(value_error(format!(
                "could not convert string to float: {}",
                super::repr::str_repr(s.as_str())
            ))),
        },
        _ => {
            for m in ["__float__", "__index__"] {
                if let Some(f) = vm.lookup_special(x, m) {
                    let r = vm.call_sync(f, Args::default())?;
                    return match r {
                        Value::Float(_) => Ok(r),
                        Value::Int(i) if m == "__index__" => {
                            i.to_f64().map(Value::Float).map_err(num_error)
                        }
                        other => Err(type_error(format!(
                            "{}.__float__ returned non-float (type {})",
                            type_name(x),
                            type_name(&other)
                        ))),
                    };
                }
            }
            Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                type_name(x)
            )))
        }
    }
}

fn str_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut a = a;
    let obj = a.take_kw("object");
    let enc = a.take_kw("encoding");
    let errors = a.take_kw("errors");
    a.no_kw("str")?;
    let given = a.pos.len().saturating_sub(1);
    if given > 3 {
        return Err(type_error(format!("str() takes at most 3 arguments ({given} given)")));
    }
    let enc = enc.or_else(|| a.pos.get(2).cloned());
    let errors = errors.or_else(|| a.pos.get(3).cloned());
    for (what, v) in [("encoding", &enc), ("errors", &errors)] {
        if let Some(v) = v {
            if !matches!(v, Value::Str(_)) {
                let tn = if v.is_none() { "None".to_string() } else { type_name(v) };
                return Err(type_error(format!("str() argument '{what}' must be str, not {tn}")));
            }
        }
    }
    let Some(x) = obj.or_else(|| a.pos.get(1).cloned()) else { return Ok(Value::str("")) };
    if (enc.is_some() || errors.is_some()) && !matches!(x, Value::Bytes(_)) {
        return Err(type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            type_name(&x)
        )));
    }
    if let (Value::Bytes(b), true) = (&x, enc.is_some() || errors.is_some()) {
        return match String::from_utf8(b.to_vec()) {
            Ok(s) => Ok(Value::string(s)),
            Err(_) => Err(crate::objects::exc::Exc::msg(
                &types().exc("UnicodeDecodeError"),
                "'utf-8' codec can't decode bytes",
            )),
        };
    }
    Ok(Value::string(vm.str_of(&x)?))
}

fn bytes_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(x) = a.pos.get(1).cloned() else { return Ok(Value::Bytes(Rc::from(Vec::new()))) };
    match &x {
        Value::Str(s) => {
            if a.pos.len() < 3 && a.kw.is_empty() {
                return Err(type_error("string argument without an encoding"));
            }
            Ok(Value::Bytes(s.as_str().as_bytes().to_vec().into()))
        }
        Value::Int(i) => {
            let n = i.to_i64().unwrap_or(-1);
            if n < 0 {
                return Err(value_error("negative count"));
            }
            if n as usize > crate::vm::ops::MAX_BYTES {
                return Err(crate::objects::exc::memory_error());
            }
            Ok(Value::Bytes(vec![0u8; n as usize].into()))
        }
        Value::Bytes(_) => Ok(x.clone()),
        _ => {
            let items = vm.collect_iterable(&x)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                match it {
                    Value::Int(i) => match i.to_i64() {
                        Some(v) if (0..256).contains(&v) => out.push(v as u8),
                        _ => return Err(value_error("bytes must be in range(0, 256)")),
                    },
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(&other)
                        )))
                    }
                }
            }
            Ok(Value::Bytes(out.into()))
        }
    }
}

fn dict_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.len() > 2 {
        return Err(type_error(format!(
            "dict expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let d = Rc::new(RefCell::new(Dict::new()));
    if let Some(src) = a.pos.get(1) {
        super::containers::dict_update_from(vm, &d, src)?;
    }
    for (k, v) in a.kw {
        d.borrow_mut().set_str(k, v);
    }
    Ok(Value::Dict(d))
}

fn range_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kwargs("range")?;
    let args = &a.pos[1.min(a.pos.len())..];
    let mut ints = Vec::new();
    for v in args {
        let i = match v {
            Value::Int(i) => i.to_i64().ok_or_else(|| {
                crate::objects::exc::overflow_error("Python int too large to convert to C ssize_t")
            })?,
            Value::Bool(b) => *b as i64,
            Value::Instance(_) if vm.lookup_special(v, "__index__").is_some() => {
                vm.index_value(v, "range")?
            }
            other => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(other)
                )))
            }
        };
        ints.push(i);
    }
    let (start, stop, step) = match ints.len() {
        1 => (0, ints[0], 1),
        2 => (ints[0], ints[1], 1),
        3 => (ints[0], ints[1], ints[2]),
        0 => return Err(type_error("range expected at least 1 argument, got 0")),
        n => return Err(type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(Range { start, stop, step })))
}

fn super_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1.min(a.pos.len())..];
    let (cls, obj) = match args.len() {
        0 => {
            // Zero-argument form: the calling frame's __class__ cell and
            // first argument.
            let Some(f) = vm.frames.last() else {
                return Err(runtime_error("super(): no arguments"));
            };
            let code = f.code.clone();
            let ncell = code.cellvars.len();
            let cls = code
                .freevars
                .iter()
                .position(|n| n.as_str() == "__class__")
                .and_then(|i| f.cells.get(ncell + i))
                .map(|c| c.borrow().clone());
            let Some(Value::Class(cls)) = cls else {
                return Err(runtime_error("super(): __class__ cell not found"));
            };
            if code.argcount == 0 && !code.flags.varargs {
                return Err(runtime_error("super(): no arguments"));
            }
            let first = match code.cell2arg.iter().position(|a| *a == Some(0)) {
                Some(ci) => f.cells.get(ci).map(|c| c.borrow().clone()).unwrap_or(Value::Unbound),
                None => f.values.first().cloned().unwrap_or(Value::Unbound),
            };
            if let Value::Unbound = first {
                return Err(runtime_error("super(): arg[0] deleted"));
            }
            (cls, first)
        }
        2 => match &args[0] {
            Value::Class(c) => (c.clone(), args[1].clone()),
            other => {
                return Err(type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    type_name(other)
                )))
            }
        },
        _ => return Err(type_error("super() takes 0 or 2 arguments")),
    };
    let obj_type = match &obj {
        Value::Class(c) if c.is_subclass(&cls) => c.clone(),
        _ => type_of(&obj),
    };
    if !obj_type.is_subclass(&cls) {
        return Err(type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    Ok(Value::Instance(Instance::new(
        types().super_.clone(),
        Payload::Native(Box::new(Super { cls, obj, obj_type })),
    )))
}

/// A `types.GenericAlias` (`list[int]`): its origin and arguments.
pub struct GenericAlias {
    /// The class subscripted.
    pub origin: Value,
    /// The subscript (a tuple for several arguments).
    pub args: Value,
}

/// `cls[args]` for the builtin generic classes.
pub fn generic_alias(origin: Value, args: Value) -> Value {
    Value::Instance(Instance::new(
        types().native("GenericAlias"),
        Payload::Native(Box::new(GenericAlias { origin, args })),
    ))
}

/// How a type appears inside a generic alias's repr.
fn type_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Class(c) => Ok(if c.module.as_str() == "builtins" {
            c.qualname.borrow().as_str().to_string()
        } else {
            format!("{}.{}", c.module.as_str(), c.qualname.borrow().as_str())
        }),
        Value::Ellipsis => Ok("...".into()),
        other => vm.repr(other),
    }
}

pub(crate) fn install_generic_alias(t: &mut Types) {
    let c = super::native_class(t, "GenericAlias", "types", vec![]);
    add_method(&c, "__repr__", |vm, a| {
        let Some(Value::Instance(i)) = a.pos.first() else { return Ok(Value::str("")) };
        let Some(g) = i.native::<GenericAlias>() else { return Ok(Value::str("")) };
        let (origin, args) = (g.origin.clone(), g.args.clone());
        let mut parts = Vec::new();
        match &args {
            Value::Tuple(t) if !t.is_empty() => {
                for x in t.iter() {
                    parts.push(type_repr(vm, x)?);
                }
            }
            Value::Tuple(_) => parts.push("()".into()),
            other => parts.push(type_repr(vm, other)?),
        }
        Ok(Value::string(format!("{}[{}]", type_repr(vm, &origin)?, parts.join(", "))))
    });
    add_method(&c, "__call__", |vm, mut a| {
        let Some(Value::Instance(i)) = a.pos.first().cloned() else { return Ok(Value::None) };
        let Some(g) = i.native::<GenericAlias>() else { return Ok(Value::None) };
        a.pos.remove(0);
        vm.call_sync(g.origin.clone(), a)
    });
    add_method(&c, "__eq__", |_vm, a| {
        let (Some(Value::Instance(x)), Some(Value::Instance(y))) = (a.pos.first(), a.pos.get(1))
        else {
            return Ok(Value::NotImplemented);
        };
        match (x.native::<GenericAlias>(), y.native::<GenericAlias>()) {
            (Some(p), Some(q)) => Ok(Value::Bool(
                p.origin.is(&q.origin)
                    && crate::objects::dict::fast_eq(&p.args, &q.args) == Some(true),
            )),
            _ => Ok(Value::NotImplemented),
        }
    });
}

/// Where `x` is in the range `r` (ints by arithmetic, anything else by
/// equality).
fn range_position(vm: &mut Vm, r: &crate::value::Range, x: &Value) -> PyResult<Option<i64>> {
    let v = match x {
        Value::Int(i) => i.to_i64(),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) => {
            if f.fract() != 0.0 || !f.is_finite() || f.abs() > 9.0e18 {
                return Ok(None);
            }
            Some(*f as i64)
        }
        Value::Instance(_) => {
            let n = r.len();
            for i in 0..n {
                if vm.eq_sync(&Value::int(r.get(i)), x)? {
                    return Ok(Some(i));
                }
            }
            return Ok(None);
        }
        _ => None,
    };
    let Some(v) = v else { return Ok(None) };
    let off = v as i128 - r.start as i128;
    let step = r.step as i128;
    if step == 0 || off % step != 0 {
        return Ok(None);
    }
    let i = off / step;
    if i < 0 || i >= r.len() as i128 {
        return Ok(None);
    }
    Ok(Some(i as i64))
}
