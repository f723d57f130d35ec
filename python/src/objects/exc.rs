//! Exceptions: the state every `BaseException` carries (args, traceback,
//! cause, context) and the constructors the rest of the crate raises with.
//!
//! A raised exception is an [`Exc`]: always an instance of a class whose
//! layout is [`Layout::Exception`], so its state is always there.

use crate::compile::code::Code;
use crate::objects::class::{Class, Instance, Layout, Payload};
use crate::objects::types::types;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// One line of a traceback: a frame and the line it was at.
#[derive(Clone)]
pub struct TbEntry {
    /// The frame's code (file name, function name).
    pub code: Rc<Code>,
    /// The line, 1-based.
    pub line: u32,
}

/// The state of an exception object.
#[derive(Clone)]
pub struct ExcData {
    /// `args` (a tuple).
    pub args: Value,
    /// The frames it passed through, innermost first (printed reversed).
    pub traceback: Vec<TbEntry>,
    /// `__cause__` (`raise ... from cause`), or `None`.
    pub cause: Value,
    /// `__context__` (the exception being handled when it was raised).
    pub context: Value,
    /// `__suppress_context__`.
    pub suppress_context: bool,
    /// `__notes__` (a list) or `None`.
    pub notes: Value,
}

impl ExcData {
    /// Fresh state with these args.
    pub fn new(args: Value) -> ExcData {
        ExcData {
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
            notes: Value::None,
        }
    }
}

/// A raised exception.
#[derive(Clone)]
pub struct Exc(pub Rc<Instance>);

impl Exc {
    /// A new exception of class `cls` (which must be an exception class)
    /// with these args.
    pub fn new(cls: &Rc<Class>, args: Vec<Value>) -> Exc {
        let cls =
            if cls.layout == Layout::Exception { cls.clone() } else { types().type_error.clone() };
        Exc(Instance::new(cls, Payload::Exception(RefCell::new(ExcData::new(Value::tuple(args))))))
    }

    /// An exception of class `cls` with one string argument.
    pub fn msg(cls: &Rc<Class>, msg: impl Into<String>) -> Exc {
        Exc::new(cls, vec![Value::string(msg.into())])
    }

    /// Wraps an exception instance (None if `v` is not one).
    pub fn from_value(v: &Value) -> Option<Exc> {
        match v {
            Value::Instance(i) if i.exc().is_some() => Some(Exc(i.clone())),
            _ => None,
        }
    }

    /// The exception object.
    pub fn value(&self) -> Value {
        Value::Instance(self.0.clone())
    }

    /// Its class.
    pub fn class(&self) -> &Rc<Class> {
        &self.0.class
    }

    /// True when it is an instance of `cls`.
    pub fn is_instance(&self, cls: &Class) -> bool {
        self.0.class.is_subclass(cls)
    }

    /// Reads its state.
    pub fn with<R>(&self, f: impl FnOnce(&ExcData) -> R) -> Option<R> {
        self.0.exc().map(|d| f(&d.borrow()))
    }

    /// Changes its state.
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut ExcData) -> R) -> Option<R> {
        self.0.exc().map(|d| f(&mut d.borrow_mut()))
    }

    /// `args` as a vector.
    pub fn args(&self) -> Vec<Value> {
        self.with(|d| match &d.args {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        })
        .unwrap_or_default()
    }

    /// Same object?
    pub fn same(&self, other: &Exc) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Exc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{:?}", self.class().name.as_str(), self.args())
    }
}

macro_rules! exc_ctor {
    ($($(#[$m:meta])* $fname:ident => $field:ident;)*) => {
        $(
            $(#[$m])*
            pub fn $fname(msg: impl Into<String>) -> Exc {
                Exc::msg(&types().$field, msg)
            }
        )*
    };
}

exc_ctor! {
    /// `TypeError(msg)`.
    type_error => type_error;
    /// `ValueError(msg)`.
    value_error => value_error;
    /// `IndexError(msg)`.
    index_error => index_error;
    /// `AttributeError(msg)`.
    attribute_error => attribute_error;
    /// `NameError(msg)`.
    name_error => name_error;
    /// `RuntimeError(msg)`.
    runtime_error => runtime_error;
    /// `ZeroDivisionError(msg)`.
    zero_division_error => zero_division_error;
    /// `OverflowError(msg)`.
    overflow_error => overflow_error;
    /// `RecursionError(msg)`.
    recursion_error => recursion_error;
    /// `NotImplementedError(msg)`.
    not_implemented_error => not_implemented_error;
    /// `UnboundLocalError(msg)`.
    unbound_local_error => unbound_local_error;
    /// `ImportError(msg)`.
    import_error => import_error;
    /// `ModuleNotFoundError(msg)`.
    module_not_found_error => module_not_found_error;
    /// `AssertionError(msg)`.
    assertion_error => assertion_error;
}

/// `KeyError(key)`.
pub fn key_error(key: Value) -> Exc {
    Exc::new(&types().key_error, vec![key])
}

/// `StopIteration(value)` (no args when `value` is None).
pub fn stop_iteration(value: Value) -> Exc {
    if value.is_none() {
        Exc::new(&types().stop_iteration, vec![])
    } else {
        Exc::new(&types().stop_iteration, vec![value])
    }
}

/// `MemoryError()`.
pub fn memory_error() -> Exc {
    Exc::new(&types().memory_error, vec![])
}

/// The error a number operation failed with, as a Python exception.
pub fn num_error(e: asyncpy_num::NumError) -> Exc {
    use asyncpy_num::NumError;
    match e {
        NumError::ZeroDivision(m) => zero_division_error(m),
        NumError::Overflow(m) => overflow_error(m),
        NumError::Value(m) => value_error(m),
        NumError::Memory => memory_error(),
    }
}
