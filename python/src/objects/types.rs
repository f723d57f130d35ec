//! The builtin classes, made once per thread and shared by every
//! interpreter on it (they are immutable: a program cannot set attributes
//! of `int` or `ValueError`).
//!
//! `types()` returns them; `type_of(v)` is Python's `type(v)`.

use crate::objects::class::{c3_mro, Class, Layout};
use crate::objects::dict::Dict;
use crate::value::Value;
use std::rc::Rc;

/// The exception classes: (name, bases, module). Order matters: a base
/// comes before its subclasses.
const EXCEPTIONS: &[(&str, &[&str], &str)] = &[
    ("BaseException", &[], "builtins"),
    ("BaseExceptionGroup", &["BaseException"], "builtins"),
    ("GeneratorExit", &["BaseException"], "builtins"),
    ("KeyboardInterrupt", &["BaseException"], "builtins"),
    ("SystemExit", &["BaseException"], "builtins"),
    ("Exception", &["BaseException"], "builtins"),
    ("ArithmeticError", &["Exception"], "builtins"),
    ("FloatingPointError", &["ArithmeticError"], "builtins"),
    ("OverflowError", &["ArithmeticError"], "builtins"),
    ("ZeroDivisionError", &["ArithmeticError"], "builtins"),
    ("AssertionError", &["Exception"], "builtins"),
    ("AttributeError", &["Exception"], "builtins"),
    ("BufferError", &["Exception"], "builtins"),
    ("EOFError", &["Exception"], "builtins"),
    ("ExceptionGroup", &["BaseExceptionGroup", "Exception"], "builtins"),
    ("ImportError", &["Exception"], "builtins"),
    ("ModuleNotFoundError", &["ImportError"], "builtins"),
    ("LookupError", &["Exception"], "builtins"),
    ("IndexError", &["LookupError"], "builtins"),
    ("KeyError", &["LookupError"], "builtins"),
    ("MemoryError", &["Exception"], "builtins"),
    ("NameError", &["Exception"], "builtins"),
    ("UnboundLocalError", &["NameError"], "builtins"),
    ("OSError", &["Exception"], "builtins"),
    ("BlockingIOError", &["OSError"], "builtins"),
    ("ChildProcessError", &["OSError"], "builtins"),
    ("ConnectionError", &["OSError"], "builtins"),
    ("BrokenPipeError", &["ConnectionError"], "builtins"),
    ("ConnectionAbortedError", &["ConnectionError"], "builtins"),
    ("ConnectionRefusedError", &["ConnectionError"], "builtins"),
    ("ConnectionResetError", &["ConnectionError"], "builtins"),
    ("FileExistsError", &["OSError"], "builtins"),
    ("FileNotFoundError", &["OSError"], "builtins"),
    ("InterruptedError", &["OSError"], "builtins"),
    ("IsADirectoryError", &["OSError"], "builtins"),
    ("NotADirectoryError", &["OSError"], "builtins"),
    ("PermissionError", &["OSError"], "builtins"),
    ("ProcessLookupError", &["OSError"], "builtins"),
    ("TimeoutError", &["OSError"], "builtins"),
    ("ReferenceError", &["Exception"], "builtins"),
    ("RuntimeError", &["Exception"], "builtins"),
    ("NotImplementedError", &["RuntimeError"], "builtins"),
    ("RecursionError", &["RuntimeError"], "builtins"),
    ("StopAsyncIteration", &["Exception"], "builtins"),
    ("StopIteration", &["Exception"], "builtins"),
    ("SyntaxError", &["Exception"], "builtins"),
    ("IndentationError", &["SyntaxError"], "builtins"),
    ("TabError", &["IndentationError"], "builtins"),
    ("SystemError", &["Exception"], "builtins"),
    ("TypeError", &["Exception"], "builtins"),
    ("ValueError", &["Exception"], "builtins"),
    ("UnicodeError", &["ValueError"], "builtins"),
    ("UnicodeDecodeError", &["UnicodeError"], "builtins"),
    ("UnicodeEncodeError", &["UnicodeError"], "builtins"),
    ("Warning", &["Exception"], "builtins"),
    ("BytesWarning", &["Warning"], "builtins"),
    ("DeprecationWarning", &["Warning"], "builtins"),
    ("EncodingWarning", &["Warning"], "builtins"),
    ("FutureWarning", &["Warning"], "builtins"),
    ("ImportWarning", &["Warning"], "builtins"),
    ("PendingDeprecationWarning", &["Warning"], "builtins"),
    ("ResourceWarning", &["Warning"], "builtins"),
    ("RuntimeWarning", &["Warning"], "builtins"),
    ("SyntaxWarning", &["Warning"], "builtins"),
    ("UnicodeWarning", &["Warning"], "builtins"),
    ("UserWarning", &["Warning"], "builtins"),
    // asyncio's own.
    ("CancelledError", &["BaseException"], "asyncio.exceptions"),
    ("InvalidStateError", &["Exception"], "asyncio.exceptions"),
    ("SendfileNotAvailableError", &["RuntimeError"], "asyncio.exceptions"),
    ("IncompleteReadError", &["EOFError"], "asyncio.exceptions"),
    ("LimitOverrunError", &["Exception"], "asyncio.exceptions"),
    ("BrokenBarrierError", &["RuntimeError"], "asyncio.exceptions"),
    ("QueueEmpty", &["Exception"], "asyncio.queues"),
    ("QueueFull", &["Exception"], "asyncio.queues"),
    // The fake I/O modules'.
    ("ClientError", &["Exception"], "aiohttp.client_exceptions"),
    ("ClientConnectionError", &["ClientError"], "aiohttp.client_exceptions"),
    ("PostgresError", &["Exception"], "asyncpg.exceptions"),
    ("PostgresSyntaxError", &["PostgresError"], "asyncpg.exceptions"),
];

/// Every builtin class.
pub struct Types {
    /// `object`.
    pub object: Rc<Class>,
    /// `type`.
    pub type_: Rc<Class>,
    /// `int`.
    pub int: Rc<Class>,
    /// `bool`.
    pub bool_: Rc<Class>,
    /// `float`.
    pub float: Rc<Class>,
    /// `complex` (refused: exists for `isinstance` checks only).
    pub complex: Rc<Class>,
    /// `str`.
    pub str_: Rc<Class>,
    /// `bytes`.
    pub bytes: Rc<Class>,
    /// `list`.
    pub list: Rc<Class>,
    /// `tuple`.
    pub tuple: Rc<Class>,
    /// `dict`.
    pub dict: Rc<Class>,
    /// `collections.defaultdict`.
    pub defaultdict: Rc<Class>,
    /// `set`.
    pub set: Rc<Class>,
    /// `frozenset`.
    pub frozenset: Rc<Class>,
    /// `NoneType`.
    pub none_type: Rc<Class>,
    /// `NotImplementedType`.
    pub not_implemented_type: Rc<Class>,
    /// `ellipsis`.
    pub ellipsis_type: Rc<Class>,
    /// `range`.
    pub range: Rc<Class>,
    /// `slice`.
    pub slice: Rc<Class>,
    /// `function`.
    pub function: Rc<Class>,
    /// `builtin_function_or_method`.
    pub builtin_function: Rc<Class>,
    /// `method`.
    pub method: Rc<Class>,
    /// `generator`.
    pub generator: Rc<Class>,
    /// `coroutine`.
    pub coroutine: Rc<Class>,
    /// `async_generator`.
    pub async_generator: Rc<Class>,
    /// `module`.
    pub module: Rc<Class>,
    /// `code`.
    pub code: Rc<Class>,
    /// `property`.
    pub property: Rc<Class>,
    /// `staticmethod`.
    pub staticmethod: Rc<Class>,
    /// `classmethod`.
    pub classmethod: Rc<Class>,
    /// `super`.
    pub super_: Rc<Class>,
    /// Builtin native classes by name (iterators, views, asyncio objects,
    /// `deque`, ...), made with [`Types::native`] at startup.
    pub natives: crate::objects::str::FnvMap<&'static str, Rc<Class>>,
    /// Exception classes by name.
    pub exceptions: crate::objects::str::FnvMap<&'static str, Rc<Class>>,
    /// `BaseException`.
    pub base_exception: Rc<Class>,
    /// `Exception`.
    pub exception: Rc<Class>,
    /// `BaseExceptionGroup`.
    pub base_exception_group: Rc<Class>,
    /// `ExceptionGroup`.
    pub exception_group: Rc<Class>,
    /// `TypeError`.
    pub type_error: Rc<Class>,
    /// `ValueError`.
    pub value_error: Rc<Class>,
    /// `IndexError`.
    pub index_error: Rc<Class>,
    /// `KeyError`.
    pub key_error: Rc<Class>,
    /// `AttributeError`.
    pub attribute_error: Rc<Class>,
    /// `NameError`.
    pub name_error: Rc<Class>,
    /// `UnboundLocalError`.
    pub unbound_local_error: Rc<Class>,
    /// `RuntimeError`.
    pub runtime_error: Rc<Class>,
    /// `RecursionError`.
    pub recursion_error: Rc<Class>,
    /// `NotImplementedError`.
    pub not_implemented_error: Rc<Class>,
    /// `ZeroDivisionError`.
    pub zero_division_error: Rc<Class>,
    /// `OverflowError`.
    pub overflow_error: Rc<Class>,
    /// `MemoryError`.
    pub memory_error: Rc<Class>,
    /// `StopIteration`.
    pub stop_iteration: Rc<Class>,
    /// `StopAsyncIteration`.
    pub stop_async_iteration: Rc<Class>,
    /// `GeneratorExit`.
    pub generator_exit: Rc<Class>,
    /// `AssertionError`.
    pub assertion_error: Rc<Class>,
    /// `ImportError`.
    pub import_error: Rc<Class>,
    /// `ModuleNotFoundError`.
    pub module_not_found_error: Rc<Class>,
    /// `KeyboardInterrupt`.
    pub keyboard_interrupt: Rc<Class>,
    /// `SystemExit`.
    pub system_exit: Rc<Class>,
    /// `asyncio.CancelledError`.
    pub cancelled_error: Rc<Class>,
    /// `asyncio.InvalidStateError`.
    pub invalid_state_error: Rc<Class>,
    /// `TimeoutError` (also `asyncio.TimeoutError` in 3.11).
    pub timeout_error: Rc<Class>,
    /// The internal, uncatchable exception that ends a run when its step
    /// budget runs out inside a nested call (see `vm::reentry`).
    pub stopped: Rc<Class>,
}

fn builtin_class(name: &str, module: &str, bases: Vec<Rc<Class>>, layout: Layout) -> Rc<Class> {
    let mro = c3_mro(&bases).unwrap_or_default();
    let c = Class::new(name, module, bases, Dict::new(), layout, true);
    c.set_mro(mro);
    c
}

impl Types {
    fn build() -> Types {
        let object = builtin_class("object", "builtins", vec![], Layout::Plain);
        let o = || vec![object.clone()];
        let v = |name: &str| builtin_class(name, "builtins", o(), Layout::Value);
        let int = v("int");
        let bool_ = builtin_class("bool", "builtins", vec![int.clone()], Layout::Value);
        let dict = v("dict");
        let defaultdict =
            builtin_class("defaultdict", "collections", vec![dict.clone()], Layout::Value);
        let mut exceptions: crate::objects::str::FnvMap<&'static str, Rc<Class>> =
            Default::default();
        for (name, bases, module) in EXCEPTIONS {
            let bs: Vec<Rc<Class>> = if bases.is_empty() {
                o()
            } else {
                bases.iter().filter_map(|b| exceptions.get(b).cloned()).collect()
            };
            exceptions.insert(name, builtin_class(name, module, bs, Layout::Exception));
        }
        let e = |n: &str| exceptions.get(n).cloned().unwrap_or_else(|| object.clone());
        let stopped =
            builtin_class("_Stopped", "asyncpy", vec![e("BaseException")], Layout::Exception);
        Types {
            type_: v("type"),
            int,
            bool_,
            float: v("float"),
            complex: v("complex"),
            str_: v("str"),
            bytes: v("bytes"),
            list: v("list"),
            tuple: v("tuple"),
            dict,
            defaultdict,
            set: v("set"),
            frozenset: v("frozenset"),
            none_type: v("NoneType"),
            not_implemented_type: v("NotImplementedType"),
            ellipsis_type: v("ellipsis"),
            range: v("range"),
            slice: v("slice"),
            function: v("function"),
            builtin_function: v("builtin_function_or_method"),
            method: v("method"),
            generator: v("generator"),
            coroutine: v("coroutine"),
            async_generator: v("async_generator"),
            module: v("module"),
            code: v("code"),
            property: builtin_class("property", "builtins", o(), Layout::Native),
            staticmethod: builtin_class("staticmethod", "builtins", o(), Layout::Native),
            classmethod: builtin_class("classmethod", "builtins", o(), Layout::Native),
            super_: builtin_class("super", "builtins", o(), Layout::Native),
            natives: Default::default(),
            base_exception: e("BaseException"),
            exception: e("Exception"),
            base_exception_group: e("BaseExceptionGroup"),
            exception_group: e("ExceptionGroup"),
            type_error: e("TypeError"),
            value_error: e("ValueError"),
            index_error: e("IndexError"),
            key_error: e("KeyError"),
            attribute_error: e("AttributeError"),
            name_error: e("NameError"),
            unbound_local_error: e("UnboundLocalError"),
            runtime_error: e("RuntimeError"),
            recursion_error: e("RecursionError"),
            not_implemented_error: e("NotImplementedError"),
            zero_division_error: e("ZeroDivisionError"),
            overflow_error: e("OverflowError"),
            memory_error: e("MemoryError"),
            stop_iteration: e("StopIteration"),
            stop_async_iteration: e("StopAsyncIteration"),
            generator_exit: e("GeneratorExit"),
            assertion_error: e("AssertionError"),
            import_error: e("ImportError"),
            module_not_found_error: e("ModuleNotFoundError"),
            keyboard_interrupt: e("KeyboardInterrupt"),
            system_exit: e("SystemExit"),
            cancelled_error: e("CancelledError"),
            invalid_state_error: e("InvalidStateError"),
            timeout_error: e("TimeoutError"),
            stopped,
            exceptions,
            object,
        }
    }

    /// A builtin native class by name (`list_iterator`, `Future`, ...);
    /// `object` if there is no such class (never for names this crate uses).
    pub fn native(&self, name: &str) -> Rc<Class> {
        self.natives.get(name).cloned().unwrap_or_else(|| self.object.clone())
    }

    /// An exception class by name.
    pub fn exc(&self, name: &str) -> Rc<Class> {
        self.exceptions.get(name).cloned().unwrap_or_else(|| self.exception.clone())
    }
}

thread_local! {
    static TYPES: &'static Types = {
        let mut t = Types::build();
        crate::builtins::install_types(&mut t);
        Box::leak(Box::new(t))
    };
}

/// The builtin classes of this thread.
pub fn types() -> &'static Types {
    TYPES.with(|t| *t)
}

/// Makes a native builtin class (used while building [`Types`]).
pub fn make_native_class(
    name: &str,
    module: &str,
    bases: Vec<Rc<Class>>,
    layout: Layout,
) -> Rc<Class> {
    builtin_class(name, module, bases, layout)
}

/// `type(v)`.
pub fn type_of(v: &Value) -> Rc<Class> {
    let t = types();
    match v {
        Value::Unbound | Value::None => t.none_type.clone(),
        Value::NotImplemented => t.not_implemented_type.clone(),
        Value::Ellipsis => t.ellipsis_type.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::Bytes(_) => t.bytes.clone(),
        Value::Tuple(_) => t.tuple.clone(),
        Value::List(_) => t.list.clone(),
        Value::Dict(d) => {
            if d.borrow().default_factory.is_some() {
                t.defaultdict.clone()
            } else {
                t.dict.clone()
            }
        }
        Value::Set(_) => t.set.clone(),
        Value::FrozenSet(_) => t.frozenset.clone(),
        Value::Range(_) => t.range.clone(),
        Value::Slice(_) => t.slice.clone(),
        Value::Function(_) => t.function.clone(),
        Value::Builtin(_) => t.builtin_function.clone(),
        Value::Method(_) => t.method.clone(),
        Value::Class(_) => t.type_.clone(),
        Value::Instance(i) => i.class.clone(),
        Value::Module(_) => t.module.clone(),
        Value::Gen(g) => match g.kind {
            crate::objects::gen::GenKind::Generator => t.generator.clone(),
            crate::objects::gen::GenKind::Coroutine => t.coroutine.clone(),
            crate::objects::gen::GenKind::AsyncGenerator => t.async_generator.clone(),
        },
        Value::Code(_) => t.code.clone(),
    }
}

/// `type(v).__name__` without making an `Rc`.
pub fn type_name(v: &Value) -> String {
    match v {
        Value::None => "NoneType".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(_) => "int".into(),
        Value::Float(_) => "float".into(),
        Value::Str(_) => "str".into(),
        Value::List(_) => "list".into(),
        Value::Tuple(_) => "tuple".into(),
        Value::Instance(i) => i.class.name.as_str().to_string(),
        other => type_of(other).name.as_str().to_string(),
    }
}
