//! The value every Python object is: a small enum whose common cases (None,
//! bools, ints, floats, strings) need no heap object of their own, and whose
//! containers and objects are reference counted.
//!
//! Sharing is by `Rc`, mutation through `RefCell`. Cycles (a list holding
//! itself, a task's frame holding its task) are not collected: they live
//! until the interpreter is dropped, which is the length of one run.
//!
//! Every borrow of a `RefCell` here is short and never held across a call
//! back into Python code, so a program that mutates a list while the VM
//! reads it meets a Python error, never a `BorrowMutError` panic.

use crate::compile::code::Code;
use crate::objects::class::{Class, Instance};
use crate::objects::dict::Dict;
use crate::objects::func::{BoundMethod, Builtin, Function};
use crate::objects::gen::Generator;
use crate::objects::module::Module;
use crate::objects::set::Set;
use crate::objects::str::PyStr;
use asyncpy_num::Int;
use std::cell::RefCell;
use std::rc::Rc;

/// A Python list's storage.
pub type ListRef = Rc<RefCell<Vec<Value>>>;
/// A Python dict's storage.
pub type DictRef = Rc<RefCell<Dict>>;
/// A Python set's storage (also a frozenset's).
pub type SetRef = Rc<RefCell<Set>>;

/// A Python value.
#[derive(Clone)]
pub enum Value {
    /// An empty local-variable slot (CPython's NULL): never visible to a
    /// program; reading it is an `UnboundLocalError`.
    Unbound,
    /// `None`.
    None,
    /// `NotImplemented`.
    NotImplemented,
    /// `...`.
    Ellipsis,
    /// `True` / `False`.
    Bool(bool),
    /// An `int`.
    Int(Int),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(Rc<PyStr>),
    /// A `bytes`.
    Bytes(Rc<[u8]>),
    /// A `tuple`.
    Tuple(Rc<[Value]>),
    /// A `list`.
    List(ListRef),
    /// A `dict` (also `defaultdict`, see [`Dict::default_factory`]).
    Dict(DictRef),
    /// A `set`.
    Set(SetRef),
    /// A `frozenset` (the same storage, never mutated).
    FrozenSet(SetRef),
    /// A `range`.
    Range(Rc<Range>),
    /// A `slice`.
    Slice(Rc<[Value; 3]>),
    /// A function written in Python.
    Function(Rc<Function>),
    /// A function written in Rust, maybe bound to `self`.
    Builtin(Rc<Builtin>),
    /// A Python function bound to an object (`obj.method`).
    Method(Rc<BoundMethod>),
    /// A class (builtin or user-defined).
    Class(Rc<Class>),
    /// An instance of a user class, an exception, or a builtin object kept
    /// as a payload (future, task, iterator, property, ...).
    Instance(Rc<Instance>),
    /// A module.
    Module(Rc<Module>),
    /// A generator, coroutine or async generator.
    Gen(Rc<Generator>),
    /// A code object (only in a code's constants).
    Code(Rc<Code>),
}

/// `range(start, stop, step)` with machine-sized bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// First value.
    pub start: i64,
    /// Bound (exclusive).
    pub stop: i64,
    /// Step, never 0.
    pub step: i64,
}

impl Range {
    /// Number of values.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            if lo < hi {
                (hi - lo - 1) / step + 1
            } else {
                0
            }
        } else if lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    /// True when there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th value (`0 <= i < len`).
    pub fn get(&self, i: i64) -> i64 {
        (self.start as i128 + i as i128 * self.step as i128) as i64
    }
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    /// A `str` value from an owned string.
    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::from_string(s)))
    }

    /// An `int` value.
    pub fn int(i: i64) -> Value {
        Value::Int(Int::Small(i))
    }

    /// A `tuple` value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    /// The empty tuple.
    pub fn empty_tuple() -> Value {
        Value::Tuple(Rc::from(Vec::new()))
    }

    /// A `list` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A `dict` value.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    /// True for `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The string, if this is a `str`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The `PyStr`, if this is a `str`.
    pub fn as_pystr(&self) -> Option<&Rc<PyStr>> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The instance, if this is one.
    pub fn as_instance(&self) -> Option<&Rc<Instance>> {
        match self {
            Value::Instance(i) => Some(i),
            _ => None,
        }
    }

    /// The class, if this is one.
    pub fn as_class(&self) -> Option<&Rc<Class>> {
        match self {
            Value::Class(c) => Some(c),
            _ => None,
        }
    }

    /// Object identity (`is`): same variant and same heap object, or equal
    /// immediate values for the singletons, bools, and equal small ints and
    /// floats (CPython caches some ints; a program cannot tell the
    /// difference for the values our programs compare with `is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Unbound, Unbound) | (None, None) | (NotImplemented, NotImplemented) => true,
            (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => match (a, b) {
                (asyncpy_num::Int::Small(x), asyncpy_num::Int::Small(y)) => x == y,
                (asyncpy_num::Int::Big(x), asyncpy_num::Int::Big(y)) => Rc::ptr_eq(x, y),
                _ => false,
            },
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => {
                Rc::ptr_eq(a, b) || (a.len_bytes() <= 1 && a.as_str() == b.as_str())
            }
            (Bytes(a), Bytes(b)) => Rc::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) | (FrozenSet(a), FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Range(a), Range(b)) => Rc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Rc::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Builtin(a), Builtin(b)) => Rc::ptr_eq(a, b),
            (Method(a), Method(b)) => Rc::ptr_eq(a, b),
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Rc::ptr_eq(a, b),
            (Module(a), Module(b)) => Rc::ptr_eq(a, b),
            (Gen(a), Gen(b)) => Rc::ptr_eq(a, b),
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A number identifying the object for `id()` and the default hash:
    /// the heap address for heap objects, a value-derived number otherwise.
    pub fn id(&self) -> u64 {
        use Value::*;
        fn addr<T: ?Sized>(r: &Rc<T>) -> u64 {
            Rc::as_ptr(r) as *const u8 as usize as u64
        }
        match self {
            Unbound => 0,
            None => 0x9000,
            NotImplemented => 0x9010,
            Ellipsis => 0x9020,
            Bool(b) => 0x9030 + *b as u64 * 16,
            Int(i) => match i {
                asyncpy_num::Int::Small(v) => {
                    0x10_0000u64.wrapping_add((*v as u64).wrapping_mul(32))
                }
                asyncpy_num::Int::Big(b) => addr(b),
            },
            Float(f) => f.to_bits(),
            Str(s) => addr(s),
            Bytes(b) => addr(b),
            Tuple(t) => addr(t),
            List(l) => addr(l),
            Dict(d) => addr(d),
            Set(s) | FrozenSet(s) => addr(s),
            Range(r) => addr(r),
            Slice(s) => addr(s),
            Function(f) => addr(f),
            Builtin(b) => addr(b),
            Method(m) => addr(m),
            Class(c) => addr(c),
            Instance(i) => addr(i),
            Module(m) => addr(m),
            Gen(g) => addr(g),
            Code(c) => addr(c),
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Unbound => write!(f, "<unbound>"),
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", asyncpy_num::float_repr(*x)),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            other => write!(f, "<{}>", crate::objects::types::type_name(other)),
        }
    }
}
