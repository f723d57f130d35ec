//! The builtins: the methods of the builtin types (installed into their
//! classes once per thread) and the `builtins` namespace (installed into
//! every VM).

pub mod arity;
pub mod attrs;
pub mod bytes_methods;
pub mod containers;
pub mod dunders;
pub mod exceptions;
pub mod functions;
pub mod numbers;
pub mod printable;
pub mod repr;
pub mod sort;
pub mod str_methods;
pub mod strformat;
pub mod types_impl;

pub use repr::ascii_of;

use crate::objects::class::{Class, Instance, Layout, Payload};
use crate::objects::func::{Builtin, CellRef, FlowFn, NativeFn, PlainFn};
use crate::objects::str::intern;
use crate::objects::types::{make_native_class, types, Types};
use crate::value::Value;
use crate::vm::iter::NativeIter;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// Adds a builtin method to a class.
pub fn add_method(cls: &Rc<Class>, name: &str, f: PlainFn) {
    let v = Builtin::method(cls.name.as_str(), name, NativeFn::Plain(f));
    cls.dict.borrow_mut().set_str(intern(name), v);
    cls.invalidate();
}

/// Adds a builtin method that answers with a `Flow`.
pub fn add_flow_method(cls: &Rc<Class>, name: &str, f: FlowFn) {
    let v = Builtin::method(cls.name.as_str(), name, NativeFn::Flow(f));
    cls.dict.borrow_mut().set_str(intern(name), v);
    cls.invalidate();
}

/// Adds a read-only property computed by a builtin.
pub fn add_getter(cls: &Rc<Class>, prop_class: &Rc<Class>, name: &str, f: PlainFn) {
    let getter = Builtin::method(cls.name.as_str(), name, NativeFn::Plain(f));
    let p = crate::objects::func::Property {
        fget: getter,
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    };
    let v = Value::Instance(Instance::new(prop_class.clone(), Payload::Native(Box::new(p))));
    cls.dict.borrow_mut().set_str(intern(name), v);
    cls.invalidate();
}

/// Adds a property with a builtin getter and setter.
pub fn add_property(
    cls: &Rc<Class>,
    prop_class: &Rc<Class>,
    name: &str,
    get: PlainFn,
    set: PlainFn,
) {
    let p = crate::objects::func::Property {
        fget: Builtin::method(cls.name.as_str(), name, NativeFn::Plain(get)),
        fset: Builtin::method(cls.name.as_str(), name, NativeFn::Plain(set)),
        fdel: Value::None,
        doc: Value::None,
    };
    let v = Value::Instance(Instance::new(prop_class.clone(), Payload::Native(Box::new(p))));
    cls.dict.borrow_mut().set_str(intern(name), v);
    cls.invalidate();
}

/// Sets a plain class attribute.
pub fn add_attr(cls: &Rc<Class>, name: &str, v: Value) {
    cls.dict.borrow_mut().set_str(intern(name), v);
    cls.invalidate();
}

/// Makes a native class and registers it by name.
pub fn native_class(
    t: &mut Types,
    name: &'static str,
    module: &str,
    bases: Vec<Rc<Class>>,
) -> Rc<Class> {
    let bases = if bases.is_empty() { vec![t.object.clone()] } else { bases };
    let c = make_native_class(name, module, bases, Layout::Native);
    t.natives.insert(name, c.clone());
    c
}

/// Fills the builtin classes with their methods and makes the native
/// classes (called once per thread while building [`Types`]; must not call
/// `types()`).
pub fn install_types(t: &mut Types) {
    for name in [
        "list_iterator",
        "tuple_iterator",
        "str_ascii_iterator",
        "str_iterator",
        "range_iterator",
        "dict_keyiterator",
        "dict_valueiterator",
        "dict_itemiterator",
        "set_iterator",
        "bytes_iterator",
        "list_reverseiterator",
        "reversed",
        "callable_iterator",
        "iterator",
        "enumerate",
        "zip",
        "map",
        "filter",
        "count",
        "cycle",
        "repeat",
        "chain",
        "islice",
    ] {
        let c = native_class(
            t,
            name,
            if ["count", "cycle", "repeat", "chain", "islice"].contains(&name) {
                "itertools"
            } else {
                "builtins"
            },
            vec![],
        );
        add_method(&c, "__next__", functions::iter_next_method);
        add_method(&c, "__iter__", functions::iter_self_method);
    }
    for name in [
        "async_generator_asend",
        "async_generator_athrow",
        "_yield_once",
        "cell",
        "dict_keys",
        "dict_values",
        "dict_items",
        "NoneType_",
    ] {
        native_class(t, name, "builtins", vec![]);
    }
    types_impl::install(t);
    numbers::install(t);
    str_methods::install(t);
    bytes_methods::install(t);
    containers::install(t);
    exceptions::install(t);
    dunders::install(t);
    functions::install_types(t);
    crate::modules::install_types(t);
    crate::asyncio::install_types(t);
}

/// Fills a VM's `builtins` namespace.
pub fn install_builtins(vm: &mut Vm) {
    functions::install(vm);
    let t = types();
    let mut b = vm.builtins.borrow_mut();
    for (name, c) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("complex", &t.complex),
        ("str", &t.str_),
        ("bytes", &t.bytes),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ] {
        b.set_str(intern(name), Value::Class(c.clone()));
    }
    for name in ["enumerate", "zip", "map", "filter", "reversed"] {
        b.set_str(intern(name), Value::Class(t.native(name)));
    }
    for (name, c) in t.exceptions.iter() {
        let module = c.module.as_str();
        if module == "builtins" {
            b.set_str(intern(name), Value::Class(c.clone()));
        }
    }
    b.set_str(intern("EnvironmentError"), Value::Class(t.exc("OSError")));
    b.set_str(intern("IOError"), Value::Class(t.exc("OSError")));
    b.set_str(intern("None"), Value::None);
    b.set_str(intern("True"), Value::Bool(true));
    b.set_str(intern("False"), Value::Bool(false));
    b.set_str(intern("NotImplemented"), Value::NotImplemented);
    b.set_str(intern("Ellipsis"), Value::Ellipsis);
    b.set_str(intern("__debug__"), Value::Bool(true));
}

/// A closure cell as a value (for a class body's `__class__` cell).
pub fn cell_value(c: CellRef) -> Value {
    Value::Instance(Instance::new(types().native("cell"), Payload::Native(Box::new(c))))
}

/// The cell inside a value made by [`cell_value`].
pub fn cell_of(v: &Value) -> Option<CellRef> {
    match v {
        Value::Instance(i) => i.native::<CellRef>().cloned(),
        _ => None,
    }
}

/// `len()` of builtin native objects.
pub fn native_len(v: &Value) -> Option<usize> {
    let Value::Instance(i) = v else { return None };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        return Some(d.borrow().items.len());
    }
    if let Some(view) = i.native::<containers::DictView>() {
        return Some(view.dict.borrow().len());
    }
    crate::modules::native_len(i)
}

/// `item in obj` for builtin native objects.
pub fn native_contains(vm: &mut Vm, obj: &Value, item: &Value) -> PyResult<Option<bool>> {
    let Value::Instance(i) = obj else { return Ok(None) };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        let items: Vec<Value> = d.borrow().items.iter().cloned().collect();
        for x in items {
            if vm.eq_sync(&x, item)? {
                return Ok(Some(true));
            }
        }
        return Ok(Some(false));
    }
    if let Some(view) = i.native::<containers::DictView>() {
        let d = view.dict.clone();
        return Ok(Some(match view.part {
            crate::vm::iter::DictPart::Keys => vm.dict_get(&d, item)?.is_some(),
            crate::vm::iter::DictPart::Values => {
                let vals = d.borrow().values();
                let mut found = false;
                for x in vals {
                    if vm.eq_sync(&x, item)? {
                        found = true;
                        break;
                    }
                }
                found
            }
            crate::vm::iter::DictPart::Items => match item {
                Value::Tuple(t) if t.len() == 2 => match vm.dict_get(&d, &t[0])? {
                    Some(v) => vm.eq_sync(&v, &t[1])?,
                    None => false,
                },
                _ => false,
            },
        }));
    }
    if i.native::<RefCell<NativeIter>>().is_some() {
        loop {
            match vm.next_native(i)? {
                Some(x) => {
                    if vm.eq_sync(&x, item)? {
                        return Ok(Some(true));
                    }
                }
                None => return Ok(Some(false)),
            }
        }
    }
    Ok(None)
}

/// `obj[key]` for builtin native objects.
pub fn native_getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
    let Value::Instance(i) = obj else { return Ok(None) };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        let idx = vm.index_value(key, "deque")?;
        let d = d.borrow();
        return match crate::vm::ops::norm_index(idx, d.items.len()) {
            Some(n) => Ok(Some(d.items[n].clone())),
            None => Err(crate::objects::exc::index_error("deque index out of range")),
        };
    }
    crate::modules::native_getitem(vm, i, key)
}

/// `obj[key] = value` for builtin native objects; false if not handled.
pub fn native_setitem(vm: &mut Vm, obj: &Value, key: &Value, value: &Value) -> PyResult<bool> {
    let Value::Instance(i) = obj else { return Ok(false) };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        let idx = vm.index_value(key, "deque")?;
        let mut d = d.borrow_mut();
        let n = d.items.len();
        return match crate::vm::ops::norm_index(idx, n) {
            Some(n) => {
                d.items[n] = value.clone();
                Ok(true)
            }
            None => Err(crate::objects::exc::index_error("deque index out of range")),
        };
    }
    Ok(false)
}

/// `del obj[key]` for builtin native objects; false if not handled.
pub fn native_delitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<bool> {
    let Value::Instance(i) = obj else { return Ok(false) };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        let idx = vm.index_value(key, "deque")?;
        let mut d = d.borrow_mut();
        let n = d.items.len();
        return match crate::vm::ops::norm_index(idx, n) {
            Some(n) => {
                d.items.remove(n);
                Ok(true)
            }
            None => Err(crate::objects::exc::index_error("deque index out of range")),
        };
    }
    Ok(false)
}

/// `iter(obj)` for builtin native iterables that are not iterators.
pub fn native_iter_of(vm: &mut Vm, obj: &Value) -> PyResult<Option<Value>> {
    let Value::Instance(i) = obj else { return Ok(None) };
    if let Some(d) = i.native::<RefCell<containers::Deque>>() {
        let items: Vec<Value> = d.borrow().items.iter().cloned().collect();
        return Ok(Some(crate::vm::iter::native_iter(
            "iterator",
            NativeIter::Values { items: Rc::from(items), index: 0 },
        )));
    }
    if let Some(view) = i.native::<containers::DictView>() {
        let cls = match view.part {
            crate::vm::iter::DictPart::Keys => "dict_keyiterator",
            crate::vm::iter::DictPart::Values => "dict_valueiterator",
            crate::vm::iter::DictPart::Items => "dict_itemiterator",
        };
        let len = view.dict.borrow().len();
        return Ok(Some(crate::vm::iter::native_iter(
            cls,
            NativeIter::Dict { dict: view.dict.clone(), pos: 0, len, part: view.part },
        )));
    }
    crate::modules::native_iter_of(vm, i)
}

/// True for builtin native iterables.
pub fn native_iterable(obj: &Value) -> bool {
    let Value::Instance(i) = obj else { return false };
    i.native::<RefCell<containers::Deque>>().is_some()
        || i.native::<containers::DictView>().is_some()
        || crate::modules::native_iterable(i)
}
