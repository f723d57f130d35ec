//! Attribute access: `obj.name` with CPython's order (data descriptors on
//! the type, then the instance `__dict__`, then other class attributes,
//! then `__getattr__`), binding functions into methods, `property`,
//! `staticmethod` and `classmethod`.

use super::frame::{Cont, Exit};
use super::{PyResult, Vm};
use crate::objects::class::{Class, Layout};
use crate::objects::exc::{attribute_error, type_error, Exc};
use crate::objects::func::{Args, ClassMethod, Property, StaticMethod};
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{type_name, type_of, types};
use crate::value::Value;
use std::rc::Rc;

/// What an attribute lookup found.
pub enum Found {
    /// The attribute's value.
    Value(Value),
    /// A property getter to call with the object.
    Getter(Value, Value),
    /// Nothing.
    Missing,
}

impl Vm {
    /// `obj.name`, result to `cont` (a property getter runs as a frame).
    pub fn load_attr(&mut self, obj: Value, name: &Rc<PyStr>, cont: Cont) -> PyResult<()> {
        match self.find_attr(&obj, name) {
            Ok(Found::Value(v)) => self.finish(cont, Exit::Return(v)),
            Ok(Found::Getter(g, this)) => self.call_value(g, Args::new(vec![this]), cont),
            Ok(Found::Missing) => match self.getattr_hook(&obj, name)? {
                Some(hook) => {
                    self.call_value(hook, Args::new(vec![Value::Str(name.clone())]), cont)
                }
                None => {
                    let e = self.no_attr_error(&obj, name);
                    self.finish(cont, Exit::Raise(e))
                }
            },
            Err(e) => self.finish(cont, Exit::Raise(e)),
        }
    }

    /// `obj.name`, synchronously.
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let name = intern(name);
        match self.find_attr(obj, &name)? {
            Found::Value(v) => Ok(v),
            Found::Getter(g, this) => self.call_sync(g, Args::new(vec![this])),
            Found::Missing => match self.getattr_hook(obj, &name)? {
                Some(hook) => self.call_sync(hook, Args::new(vec![Value::Str(name.clone())])),
                None => Err(self.no_attr_error(obj, &name)),
            },
        }
    }

    /// `getattr(obj, name, None)`-like: `None` when missing
    /// (AttributeError), other errors propagate.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.get_attr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance(&types().attribute_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn getattr_hook(&mut self, obj: &Value, _name: &PyStr) -> PyResult<Option<Value>> {
        if let Value::Instance(i) = obj {
            if i.class.has_getattr_hook() {
                if let Some(h) = i.class.lookup(&intern("__getattr__")) {
                    return Ok(Some(self.bind(h, obj.clone())));
                }
            }
        }
        Ok(None)
    }

    /// The AttributeError for a missing attribute.
    pub fn no_attr_error(&self, obj: &Value, name: &PyStr) -> Exc {
        match obj {
            Value::Module(m) => attribute_error(format!(
                "module '{}' has no attribute '{}'",
                m.name.as_str(),
                name.as_str()
            )),
            Value::Class(c) => attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                c.name.as_str(),
                name.as_str()
            )),
            _ => attribute_error(format!(
                "'{}' object has no attribute '{}'",
                type_of(obj).name.as_str(),
                name.as_str()
            )),
        }
    }

    /// Looks an attribute up without running Python code (a property
    /// getter is returned to be called).
    pub fn find_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Found> {
        if let Value::Class(c) = obj {
            return self.find_class_attr(c, name);
        }
        // A plain object: its own attributes first unless a property could
        // take precedence.
        if let Value::Instance(i) = obj {
            if matches!(i.payload, crate::objects::class::Payload::None)
                && !name.as_str().starts_with("__")
            {
                let cls = &i.class;
                if !cls.has_data_descriptors() {
                    if let Some(v) = i.get_attr(name) {
                        return Ok(Found::Value(v));
                    }
                    return Ok(match cls.lookup(name) {
                        Some(v) => Found::Value(self.bind_class_attr(v, obj.clone(), cls)),
                        None => Found::Missing,
                    });
                }
            }
        }
        if let Some(v) = crate::builtins::attrs::special_attr(self, obj, name)? {
            return Ok(Found::Value(v));
        }
        let cls = type_of(obj);
        let class_attr = cls.lookup(name);
        if let Some(Value::Instance(d)) = &class_attr {
            if let Some(p) = d.native::<Property>() {
                if matches!(p.fget, Value::None) {
                    return Err(attribute_error(format!(
                        "property '{}' of '{}' object has no getter",
                        name.as_str(),
                        cls.name.as_str()
                    )));
                }
                return Ok(Found::Getter(p.fget.clone(), obj.clone()));
            }
        }
        // The instance's own attributes.
        match obj {
            Value::Instance(i) => {
                if let Some(v) = i.get_attr(name) {
                    return Ok(Found::Value(v));
                }
            }
            Value::Function(f) => {
                if let Some(d) = &*f.dict.borrow() {
                    if let Some(v) = d.borrow().get_str(name) {
                        return Ok(Found::Value(v.clone()));
                    }
                }
            }
            Value::Module(m) => {
                if let Some(v) = m.dict.borrow().get_str(name) {
                    return Ok(Found::Value(v.clone()));
                }
                return Ok(Found::Missing);
            }
            _ => {}
        }
        match class_attr {
            Some(v) => Ok(Found::Value(self.bind_class_attr(v, obj.clone(), &cls))),
            None => Ok(Found::Missing),
        }
    }

    /// A class attribute as seen through an instance.
    fn bind_class_attr(&self, v: Value, obj: Value, cls: &Rc<Class>) -> Value {
        match &v {
            Value::Function(_) => self.bind(v, obj),
            Value::Builtin(b) if b.bound.is_none() && b.owner.is_some() => b.bind(obj),
            Value::Instance(d) => {
                if let Some(s) = d.native::<StaticMethod>() {
                    return s.0.clone();
                }
                if let Some(c) = d.native::<ClassMethod>() {
                    return self.bind(c.0.clone(), Value::Class(cls.clone()));
                }
                v
            }
            _ => v,
        }
    }

    fn find_class_attr(&mut self, c: &Rc<Class>, name: &Rc<PyStr>) -> PyResult<Found> {
        if let Some(v) = crate::builtins::attrs::class_special_attr(self, c, name)? {
            return Ok(Found::Value(v));
        }
        match c.lookup(name) {
            Some(v) => {
                if let Value::Instance(d) = &v {
                    if let Some(s) = d.native::<StaticMethod>() {
                        return Ok(Found::Value(s.0.clone()));
                    }
                    if let Some(cm) = d.native::<ClassMethod>() {
                        return Ok(Found::Value(self.bind(cm.0.clone(), Value::Class(c.clone()))));
                    }
                }
                Ok(Found::Value(v))
            }
            None => {
                // Attributes of `type` itself (`C.mro`).
                match types().type_.lookup(name) {
                    Some(v) => Ok(Found::Value(self.bind(v, Value::Class(c.clone())))),
                    None => Ok(Found::Missing),
                }
            }
        }
    }

    /// `LoadMethod`: pushes [self, function] for a method call without
    /// making a bound method, or [Unbound, attribute] otherwise.
    pub fn load_method(&mut self, obj: Value, name: &Rc<PyStr>) -> PyResult<()> {
        match &obj {
            Value::Instance(i) if i.native::<crate::builtins::types_impl::Super>().is_none() => {
                if let Some(v) = i.class.lookup(name) {
                    if matches!(v, Value::Function(_)) && i.get_attr(name).is_none() {
                        self.push(obj.clone());
                        self.push(v);
                        return Ok(());
                    }
                    if let Value::Builtin(b) = &v {
                        if b.bound.is_none() && b.owner.is_some() && i.get_attr(name).is_none() {
                            self.push(obj.clone());
                            self.push(v.clone());
                            return Ok(());
                        }
                    }
                }
            }
            Value::Class(_) | Value::Module(_) | Value::Function(_) | Value::Instance(_) => {}
            _ => {
                let cls = type_of(&obj);
                if let Some(v @ Value::Builtin(_)) = cls.lookup(name) {
                    if let Value::Builtin(b) = &v {
                        if b.bound.is_none() && b.owner.is_some() {
                            self.push(obj.clone());
                            self.push(v.clone());
                            return Ok(());
                        }
                    }
                }
            }
        }
        self.push(Value::Unbound);
        self.load_attr(obj, name, Cont::Push)
    }

    /// `obj.name = value`.
    pub fn store_attr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.clone();
                if !cls.has_setattr_hook() {
                    return self.generic_setattr(obj, name, value);
                }
                if let Some(sa) = cls.lookup_with_owner(&intern("__setattr__")) {
                    if !(sa.1.builtin) {
                        let f = self.bind(sa.0, obj.clone());
                        self.call_sync(f, Args::new(vec![Value::Str(name.clone()), value]))?;
                        return Ok(());
                    }
                }
                self.generic_setattr(obj, name, value)
            }
            Value::Function(f) => {
                match name.as_str() {
                    "__name__" => {
                        if let Value::Str(s) = &value {
                            *f.name.borrow_mut() = s.clone();
                            return Ok(());
                        }
                        return Err(type_error("__name__ must be set to a string object"));
                    }
                    "__qualname__" => {
                        if let Value::Str(s) = &value {
                            *f.qualname.borrow_mut() = s.clone();
                            return Ok(());
                        }
                        return Err(type_error("__qualname__ must be set to a string object"));
                    }
                    _ => {}
                }
                let mut d = f.dict.borrow_mut();
                let dict = d.get_or_insert_with(|| {
                    Rc::new(std::cell::RefCell::new(crate::objects::dict::Dict::new()))
                });
                dict.borrow_mut().set_str(name.clone(), value);
                Ok(())
            }
            Value::Class(c) => {
                if c.builtin {
                    return Err(type_error(format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name.as_str(),
                        c.name.as_str()
                    )));
                }
                c.dict.borrow_mut().set_str(name.clone(), value);
                c.invalidate();
                Ok(())
            }
            Value::Module(m) => {
                m.dict.borrow_mut().set_str(name.clone(), value);
                Ok(())
            }
            _ => Err(attribute_error(format!(
                "'{}' object has no attribute '{}'",
                type_name(obj),
                name.as_str()
            ))),
        }
    }

    /// `object.__setattr__`: a property setter, or the instance dict.
    pub fn generic_setattr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        let Value::Instance(i) = obj else {
            return self.store_attr(obj, name, value);
        };
        if let Some(Value::Instance(d)) = i.class.lookup(name) {
            if let Some(p) = d.native::<Property>() {
                if matches!(p.fset, Value::None) {
                    return Err(attribute_error(format!(
                        "property '{}' of '{}' object has no setter",
                        name.as_str(),
                        i.class.name.as_str()
                    )));
                }
                let f = p.fset.clone();
                self.call_sync(f, Args::new(vec![obj.clone(), value]))?;
                return Ok(());
            }
        }
        if i.class.layout == Layout::Native && i.class.builtin {
            return crate::builtins::attrs::native_setattr(self, i, name, value);
        }
        i.set_attr(name.clone(), value);
        Ok(())
    }

    /// `del obj.name`.
    pub fn delete_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        match obj {
            Value::Instance(i) => {
                if let Some(Value::Instance(d)) = i.class.lookup(name) {
                    if let Some(p) = d.native::<Property>() {
                        if matches!(p.fdel, Value::None) {
                            return Err(attribute_error(format!(
                                "property '{}' of '{}' object has no deleter",
                                name.as_str(),
                                i.class.name.as_str()
                            )));
                        }
                        let f = p.fdel.clone();
                        self.call_sync(f, Args::new(vec![obj.clone()]))?;
                        return Ok(());
                    }
                }
                if i.dict().borrow_mut().remove_str(name).is_none() {
                    return Err(self.no_attr_error(obj, name));
                }
                Ok(())
            }
            Value::Class(c) if !c.builtin => {
                if c.dict.borrow_mut().remove_str(name).is_none() {
                    return Err(self.no_attr_error(obj, name));
                }
                c.invalidate();
                Ok(())
            }
            Value::Module(m) => {
                if m.dict.borrow_mut().remove_str(name).is_none() {
                    return Err(self.no_attr_error(obj, name));
                }
                Ok(())
            }
            Value::Function(f) => {
                let d = f.dict.borrow();
                match &*d {
                    Some(d) if d.borrow_mut().remove_str(name).is_some() => Ok(()),
                    _ => Err(self.no_attr_error(obj, name)),
                }
            }
            _ => Err(self.no_attr_error(obj, name)),
        }
    }

    /// Looks a special method up on the type of `obj` (never the
    /// instance), bound to `obj`.
    pub fn lookup_special(&self, obj: &Value, name: &str) -> Option<Value> {
        let cls = type_of(obj);
        cls.lookup(&intern(name)).map(|v| self.bind_class_attr(v, obj.clone(), &cls))
    }

    /// True when the type of `obj` defines `name` in Python (not a builtin
    /// default).
    pub fn has_user_method(&self, obj: &Value, name: &str) -> bool {
        if let Value::Instance(i) = obj {
            if let Some((_, owner)) = i.class.lookup_with_owner(&intern(name)) {
                return !owner.builtin;
            }
        }
        false
    }
}
