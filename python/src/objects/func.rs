//! Functions: Python functions (a code object with its globals, defaults and
//! closure), builtin functions written in Rust, bound methods, and the
//! descriptor objects `property`, `staticmethod` and `classmethod`.
//!
//! A builtin answers with a [`Flow`]: a value, or a request the VM carries
//! out on its frame stack (call a Python function and maybe post-process
//! its result, run a frame, resume a generator). That is how builtins such
//! as `sorted(key=...)` or `asyncio.run` use Python code without the VM
//! re-entering itself on the Rust stack.

use crate::compile::code::Code;
use crate::objects::exc::type_error;
use crate::objects::str::{intern, PyStr};
use crate::value::{DictRef, Value};
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// A closure cell.
pub type CellRef = Rc<RefCell<Value>>;

/// A function defined in Python.
pub struct Function {
    /// The compiled body.
    pub code: Rc<Code>,
    /// The module globals it reads.
    pub globals: DictRef,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(Rc<PyStr>, Value)>,
    /// The cells of its free variables.
    pub closure: Vec<CellRef>,
    /// `__name__`.
    pub name: RefCell<Rc<PyStr>>,
    /// `__qualname__`.
    pub qualname: RefCell<Rc<PyStr>>,
    /// Other attributes (`__doc__`, `__wrapped__`, user attributes).
    pub dict: RefCell<Option<DictRef>>,
    /// Set by `@types.coroutine` on a generator function: its generators
    /// may be awaited.
    pub iterable_coroutine: std::cell::Cell<bool>,
}

/// Arguments of a call: positional, then keyword.
#[derive(Default, Clone)]
pub struct Args {
    /// Positional arguments.
    pub pos: Vec<Value>,
    /// Keyword arguments, in call order.
    pub kw: Vec<(Rc<PyStr>, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub fn new(pos: Vec<Value>) -> Args {
        Args { pos, kw: Vec::new() }
    }

    /// Number of positional arguments.
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    /// True when there is no argument at all.
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty() && self.kw.is_empty()
    }

    /// Removes and returns the keyword argument `name`.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| k.as_str() == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Fails with CPython's message if keyword arguments remain (after a
    /// builtin took the ones it knows).
    pub fn no_kw(&self, fname: &str) -> PyResult<()> {
        if let Some((k, _)) = self.kw.first() {
            return Err(type_error(format!(
                "'{}' is an invalid keyword argument for {fname}()",
                k.as_str()
            )));
        }
        Ok(())
    }

    /// Fails with CPython's message if there is any keyword argument (for
    /// a builtin that takes none).
    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        if !self.kw.is_empty() {
            return Err(type_error(format!("{fname}() takes no keyword arguments")));
        }
        Ok(())
    }

    /// Checks the number of positional arguments (and that no keyword is
    /// left), with CPython's messages for builtins.
    pub fn check(&self, fname: &str, min: usize, max: usize) -> PyResult<()> {
        self.no_kwargs(fname)?;
        let n = self.pos.len();
        if n < min || n > max {
            let msg = if min == max {
                if min == 0 {
                    format!("{fname}() takes no arguments ({n} given)")
                } else if min == 1 {
                    format!("{fname}() takes exactly one argument ({n} given)")
                } else {
                    format!("{fname} expected {min} arguments, got {n}")
                }
            } else if n < min {
                format!(
                    "{fname} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(type_error(msg));
        }
        Ok(())
    }

    /// The `i`-th positional argument, or `default`.
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.pos.get(i)
    }

    /// The `i`-th positional argument or the keyword `name` (for builtins
    /// that accept both), removing the keyword.
    pub fn arg_or_kw(&mut self, i: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.take_kw(name) {
            return Some(v);
        }
        self.pos.get(i).cloned()
    }
}

/// A continuation: what to do with a callee's result.
pub type Then = Box<dyn FnOnce(&mut Vm, PyResult<Value>) -> PyResult<Flow>>;

/// What a builtin answers.
pub enum Flow {
    /// The call's result.
    Value(Value),
    /// Call this instead (a tail call): its result is the call's result.
    Call(Value, Args),
    /// Call this, then give its result (or exception) to the continuation,
    /// whose answer is the call's result.
    CallThen(Value, Args, Then),
    /// Run this frame; its return value is the call's result.
    Frame(Box<Frame>),
    /// Run this `__init__` frame; it must return None, and the object is
    /// the call's result.
    Init(Box<Frame>, Value),
    /// Resume this generator (`send`/`throw`/`next`): its yield is the
    /// result, its return is `StopIteration` (or the default, if given).
    Resume(Rc<crate::objects::gen::Generator>, crate::vm::gen::Resume, Option<Value>),
    /// Run the event loop until this future is done (None: until stopped);
    /// its result is the call's result.
    RunLoop(Rc<crate::objects::class::Instance>, Value),
}

/// A builtin that answers with a value.
pub type PlainFn = fn(&mut Vm, Args) -> PyResult<Value>;
/// A builtin that may ask the VM to run Python code for it.
pub type FlowFn = fn(&mut Vm, Args) -> PyResult<Flow>;

/// The Rust function behind a builtin.
#[derive(Clone, Copy)]
pub enum NativeFn {
    /// Answers with a value (or raises).
    Plain(PlainFn),
    /// Answers with a [`Flow`].
    Flow(FlowFn),
}

/// A function written in Rust.
pub struct Builtin {
    /// `__name__`.
    pub name: Rc<PyStr>,
    /// The owning type's name for methods (`list` in `list.append`).
    pub owner: Option<Rc<PyStr>>,
    /// The function.
    pub func: NativeFn,
    /// `self`, for a bound builtin method (passed as the first positional
    /// argument), or a builtin's captured data.
    pub bound: Option<Value>,
    /// CPython's positional-argument count check of a builtin type's
    /// method, done before the method runs.
    pub arity: Option<&'static crate::builtins::arity::Arity>,
}

// `new` makes the builtin *value*: what every caller wants.
#[allow(clippy::new_ret_no_self)]
impl Builtin {
    /// A free builtin function.
    pub fn new(name: &str, func: PlainFn) -> Value {
        Builtin::new_kind(name, NativeFn::Plain(func))
    }

    /// A free builtin function that answers with a [`Flow`].
    pub fn new_flow(name: &str, func: FlowFn) -> Value {
        Builtin::new_kind(name, NativeFn::Flow(func))
    }

    /// A free builtin function of either kind.
    pub fn new_kind(name: &str, func: NativeFn) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: intern(name),
            owner: None,
            func,
            bound: None,
            arity: None,
        }))
    }

    /// A builtin method of `owner` (unbound).
    pub fn method(owner: &str, name: &str, func: NativeFn) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: intern(name),
            owner: Some(intern(owner)),
            func,
            bound: None,
            arity: crate::builtins::arity::lookup(owner, name),
        }))
    }

    /// A builtin bound to `this` (passed first).
    pub fn bound(name: &str, func: PlainFn, this: Value) -> Value {
        Builtin::bound_kind(name, NativeFn::Plain(func), this)
    }

    /// A builtin of either kind bound to `this` (passed first).
    pub fn bound_kind(name: &str, func: NativeFn, this: Value) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: intern(name),
            owner: None,
            func,
            bound: Some(this),
            arity: None,
        }))
    }

    /// This builtin bound to `this`.
    pub fn bind(&self, this: Value) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: self.name.clone(),
            owner: self.owner.clone(),
            func: self.func,
            bound: Some(this),
            arity: self.arity,
        }))
    }
}

/// A function bound to an object.
pub struct BoundMethod {
    /// The function (a Python function, or any callable).
    pub func: Value,
    /// The object, passed as the first argument.
    pub this: Value,
}

/// `property(fget, fset, fdel, doc)`.
pub struct Property {
    /// The getter.
    pub fget: Value,
    /// The setter.
    pub fset: Value,
    /// The deleter.
    pub fdel: Value,
    /// The docstring.
    pub doc: Value,
}

/// `staticmethod(f)`.
pub struct StaticMethod(pub Value);

/// `classmethod(f)`.
pub struct ClassMethod(pub Value);

/// A value in a builtin's result: wraps into `Ok(Flow::Value(v))`.
pub fn ret(v: Value) -> PyResult<Flow> {
    Ok(Flow::Value(v))
}
