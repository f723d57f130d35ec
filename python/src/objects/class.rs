//! Classes and instances.
//!
//! Every type is a [`Class`], builtin or written in Python: `int`, `list`,
//! `ValueError`, `asyncio.Future` and a user's `class Point:` are all looked
//! up the same way, through their method resolution order (C3, computed as
//! CPython computes it). An [`Instance`] is an object of a class that is not
//! one of the core value types: a user object, an exception, or a builtin
//! object whose state is a Rust [`Payload`] (a future, a task, an iterator).

use crate::objects::dict::Dict;
use crate::objects::exc::ExcData;
use crate::objects::str::{intern, PyStr};
use crate::value::{DictRef, Value};
use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

/// What the instances of a class carry besides their `__dict__`, decided by
/// the builtin base class it inherits from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A plain object: just a `__dict__`.
    Plain,
    /// A `BaseException`: args, traceback, cause, context.
    Exception,
    /// A builtin object made only by Rust code (iterators, futures, ...);
    /// the class's constructor makes the payload.
    Native,
    /// A core value type (`int`, `str`, `list`, ...): instances are not
    /// [`Instance`]s at all, and Python code cannot subclass it.
    Value,
}

/// A Python class.
pub struct Class {
    /// `__name__`.
    pub name: Rc<PyStr>,
    /// `__qualname__`.
    pub qualname: RefCell<Rc<PyStr>>,
    /// `__module__`.
    pub module: Rc<PyStr>,
    /// `__bases__`.
    pub bases: Vec<Rc<Class>>,
    /// `__mro__`, starting with the class itself.
    pub mro: RefCell<Vec<Rc<Class>>>,
    /// The class namespace (`__dict__`).
    pub dict: DictRef,
    /// What instances carry.
    pub layout: Layout,
    /// True for builtin types (their attributes cannot be set).
    pub builtin: bool,
    /// Cached: does some class in the MRO other than `object` define
    /// `__eq__`? (Each cache holds the [`class_epoch`] it was computed in.)
    custom_eq: Cell<(u64, bool)>,
    /// Cached: does the class define `__getattr__`?
    custom_getattr: Cell<(u64, bool)>,
    /// Cached: does a class other than a builtin define `__setattr__`?
    custom_setattr: Cell<(u64, bool)>,
    /// Cached: does some class in the MRO hold a property (a data
    /// descriptor)? When not, an instance's own dict answers first.
    data_descriptors: Cell<(u64, bool)>,
    /// Cached lookups of `__new__` and `__init__` (what and where).
    ctor: RefCell<(u64, Option<Rc<Ctor>>)>,
}

/// A class's `__new__` and `__init__`, each with the class defining it.
#[derive(Clone)]
pub struct Ctor {
    /// `__new__` and its owner.
    pub new: Option<(Value, Rc<Class>)>,
    /// `__init__` and its owner.
    pub init: Option<(Value, Rc<Class>)>,
}

thread_local! {
    static CLASS_EPOCH: Cell<u64> = const { Cell::new(1) };
}

/// A number that changes whenever an attribute of any class is set or
/// deleted: the class caches computed in an older epoch are stale (a
/// change to a base class affects its subclasses too).
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.with(|e| e.get())
}

/// Ends the current [`class_epoch`].
pub fn bump_class_epoch() {
    CLASS_EPOCH.with(|e| e.set(e.get().wrapping_add(1).max(1)));
}

impl Class {
    /// A new class; `mro` is filled by [`Class::set_mro`].
    pub fn new(
        name: &str,
        module: &str,
        bases: Vec<Rc<Class>>,
        dict: Dict,
        layout: Layout,
        builtin: bool,
    ) -> Rc<Class> {
        Rc::new(Class {
            name: intern(name),
            qualname: RefCell::new(intern(name)),
            module: intern(module),
            bases,
            mro: RefCell::new(Vec::new()),
            dict: Rc::new(RefCell::new(dict)),
            layout,
            builtin,
            custom_eq: Cell::new((0, false)),
            custom_getattr: Cell::new((0, false)),
            custom_setattr: Cell::new((0, false)),
            data_descriptors: Cell::new((0, false)),
            ctor: RefCell::new((0, None)),
        })
    }

    /// Sets the MRO (the class itself first).
    pub fn set_mro(self: &Rc<Self>, rest: Vec<Rc<Class>>) {
        let mut m = vec![self.clone()];
        m.extend(rest);
        *self.mro.borrow_mut() = m;
    }

    /// Looks `name` up along the MRO (no descriptors applied).
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get_str(name) {
            return Some(v.clone());
        }
        let mro = self.mro.borrow();
        for c in mro.iter().skip(1) {
            if let Some(v) = c.dict.borrow().get_str(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Looks `name` up along the MRO and tells which class defined it.
    pub fn lookup_with_owner(&self, name: &PyStr) -> Option<(Value, Rc<Class>)> {
        let mro = self.mro.borrow();
        for c in mro.iter() {
            if let Some(v) = c.dict.borrow().get_str(name) {
                return Some((v.clone(), c.clone()));
            }
        }
        None
    }

    /// True when `self` is `other` or inherits from it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        self.mro.borrow().iter().any(|c| std::ptr::eq(&**c, other))
    }

    /// The name as `repr` and tracebacks show it: `module.qualname`, or just
    /// the qualname for `builtins` and `__main__`.
    pub fn display_name(&self) -> String {
        let m = self.module.as_str();
        let q = self.qualname.borrow();
        if m == "builtins" || m == "__main__" {
            q.as_str().to_string()
        } else {
            format!("{}.{}", m, q.as_str())
        }
    }

    /// The full name for `repr(cls)`: `__main__.Point`, `int`.
    pub fn repr_name(&self) -> String {
        let m = self.module.as_str();
        let q = self.qualname.borrow();
        if m == "builtins" {
            q.as_str().to_string()
        } else {
            format!("{}.{}", m, q.as_str())
        }
    }

    /// Forgets cached facts (after an attribute of the class is set).
    pub fn invalidate(&self) {
        bump_class_epoch();
    }

    /// `__new__` and `__init__` along the MRO, with their owners.
    pub fn ctor(&self) -> Rc<Ctor> {
        let epoch = class_epoch();
        if let Ok(c) = self.ctor.try_borrow() {
            if c.0 == epoch {
                if let Some(ctor) = &c.1 {
                    return ctor.clone();
                }
            }
        }
        let ctor = Rc::new(Ctor {
            new: self.lookup_with_owner(&intern("__new__")),
            init: self.lookup_with_owner(&intern("__init__")),
        });
        if let Ok(mut c) = self.ctor.try_borrow_mut() {
            *c = (epoch, Some(ctor.clone()));
        }
        ctor
    }

    /// Does a class other than `object` define `__eq__` along the MRO?
    pub fn has_custom_eq(&self) -> bool {
        let epoch = class_epoch();
        let (e, b) = self.custom_eq.get();
        if e == epoch {
            return b;
        }
        let name = intern("__eq__");
        let b = match self.lookup_with_owner(&name) {
            Some((_, owner)) => owner.name.as_str() != "object" || !owner.builtin,
            None => false,
        };
        self.custom_eq.set((epoch, b));
        b
    }

    /// Does some class in the MRO hold a property?
    pub fn has_data_descriptors(&self) -> bool {
        let epoch = class_epoch();
        let (e, b) = self.data_descriptors.get();
        if e == epoch {
            return b;
        }
        let b = self.mro.borrow().iter().any(|c| {
            c.dict.borrow().iter().any(|e| match &e.value {
                Value::Instance(i) => i.native::<crate::objects::func::Property>().is_some(),
                _ => false,
            })
        });
        self.data_descriptors.set((epoch, b));
        b
    }

    /// Does a class other than a builtin one define `__setattr__` along
    /// the MRO?
    pub fn has_setattr_hook(&self) -> bool {
        let epoch = class_epoch();
        let (e, b) = self.custom_setattr.get();
        if e == epoch {
            return b;
        }
        let b =
            matches!(self.lookup_with_owner(&intern("__setattr__")), Some((_, o)) if !o.builtin);
        self.custom_setattr.set((epoch, b));
        b
    }

    /// Does the class define `__getattr__`?
    pub fn has_getattr_hook(&self) -> bool {
        let epoch = class_epoch();
        let (e, b) = self.custom_getattr.get();
        if e == epoch {
            return b;
        }
        let b = self.lookup(&intern("__getattr__")).is_some();
        self.custom_getattr.set((epoch, b));
        b
    }
}

/// C3 linearization of `bases` (the MRO of a new class without itself), or
/// the error message CPython gives when there is none.
pub fn c3_mro(bases: &[Rc<Class>]) -> Result<Vec<Rc<Class>>, String> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs.iter().any(|t| t.iter().skip(1).any(|c| Rc::ptr_eq(c, cand)));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(c) = found else {
            let names: Vec<String> = bases.iter().map(|b| b.name.as_str().to_string()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// The Rust state of an instance of a builtin class.
pub enum Payload {
    /// Nothing: a plain object.
    None,
    /// An exception's state.
    Exception(RefCell<ExcData>),
    /// Any other builtin object's state, downcast by the code that owns it.
    Native(Box<dyn Any>),
}

/// An object that is not one of the core value types.
pub struct Instance {
    /// `type(obj)`.
    pub class: Rc<Class>,
    dict: OnceCell<DictRef>,
    /// The builtin state.
    pub payload: Payload,
}

impl Instance {
    /// A new instance.
    pub fn new(class: Rc<Class>, payload: Payload) -> Rc<Instance> {
        Rc::new(Instance { class, dict: OnceCell::new(), payload })
    }

    /// The instance's `__dict__`, made on first use.
    pub fn dict(&self) -> &DictRef {
        self.dict.get_or_init(|| Rc::new(RefCell::new(Dict::new())))
    }

    /// Reads an instance attribute (no class lookup).
    pub fn get_attr(&self, name: &PyStr) -> Option<Value> {
        self.dict.get().and_then(|d| d.borrow().get_str(name).cloned())
    }

    /// Sets an instance attribute.
    pub fn set_attr(&self, name: Rc<PyStr>, value: Value) {
        self.dict().borrow_mut().set_str(name, value);
    }

    /// The exception state, if this is an exception.
    pub fn exc(&self) -> Option<&RefCell<ExcData>> {
        match &self.payload {
            Payload::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// The native state downcast to `T`.
    pub fn native<T: 'static>(&self) -> Option<&T> {
        match &self.payload {
            Payload::Native(b) => b.downcast_ref::<T>(),
            _ => None,
        }
    }
}
