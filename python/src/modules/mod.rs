//! The modules a program can import, and `import` itself.
//!
//! Native modules (`math`, `time`, `random`, `sys`, `types`, parts of
//! `collections`, `functools`, `itertools`) are Rust; the others (the rest
//! of those, `typing`, `dataclasses`, the fake I/O modules `aiohttp`,
//! `asyncpg`, `nest_asyncio`, `requests`) are Python source compiled into the
//! binary and run by this VM on first import. Any other import is
//! `ModuleNotFoundError`, as CPython says it.

pub mod fakes;
pub mod math;
pub mod random;
pub mod sys;
pub mod time;

use crate::builtins::{add_method, native_class};
use crate::compile::{compile_module, CompileOptions};
use crate::objects::class::Instance;
use crate::objects::dict::Dict;
use crate::objects::exc::{import_error, module_not_found_error, type_error, Exc};
use crate::objects::func::{Args, Builtin, ClassMethod, PlainFn};
use crate::objects::module::Module;
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{types, Types};
use crate::value::{DictRef, Value};
use crate::vm::frame::{Cont, Frame};
use crate::vm::iter::NativeIter;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

const PY_COLLECTIONS: &str = include_str!("py/collections.py");
const PY_FUNCTOOLS: &str = include_str!("py/functools.py");
const PY_ITERTOOLS: &str = include_str!("py/itertools.py");
const PY_TYPING: &str = include_str!("py/typing.py");
const PY_DATACLASSES: &str = include_str!("py/dataclasses.py");
const PY_AIOHTTP: &str = include_str!("py/aiohttp.py");
const PY_ASYNCPG: &str = include_str!("py/asyncpg.py");
const PY_NEST_ASYNCIO: &str = include_str!("py/nest_asyncio.py");
const PY_REQUESTS: &str = include_str!("py/requests.py");
const PY_TYPES: &str = include_str!("py/types.py");
const PY_ENUM: &str = include_str!("py/enum.py");

/// A fresh module namespace.
pub fn new_namespace(name: &str) -> DictRef {
    let d = Rc::new(RefCell::new(Dict::new()));
    d.borrow_mut().set_str(intern("__name__"), Value::str(name));
    d.borrow_mut().set_str(intern("__doc__"), Value::None);
    d
}

/// Adds a builtin function to a namespace.
pub fn def(d: &DictRef, name: &str, f: PlainFn) {
    d.borrow_mut().set_str(intern(name), Builtin::new(name, f));
}

/// Sets a value in a namespace.
pub fn set(d: &DictRef, name: &str, v: Value) {
    d.borrow_mut().set_str(intern(name), v);
}

fn module_value(name: &str, d: DictRef) -> Value {
    Value::Module(Rc::new(Module { name: intern(name), dict: d }))
}

impl Vm {
    /// Compiles `src` as a module frame on `globals` (for `exec` and the
    /// Python-source modules).
    pub fn compile_frame(
        &mut self,
        src: &str,
        filename: &str,
        globals: DictRef,
    ) -> PyResult<Frame> {
        self.compile_frame_opts(src, filename, globals, false)
    }

    fn compile_frame_opts(
        &mut self,
        src: &str,
        filename: &str,
        globals: DictRef,
        internal: bool,
    ) -> PyResult<Frame> {
        let module = asyncpy_syntax::parse_module(src).map_err(|e| {
            let cls = types().exc(e.kind.name());
            let exc = Exc::msg(&cls, e.msg.clone());
            exc.0.set_attr(intern("lineno"), Value::int(e.line as i64));
            exc.0.set_attr(intern("msg"), Value::string(e.msg.clone()));
            exc.0.set_attr(intern("filename"), Value::str(filename));
            exc.0.set_attr(intern("offset"), Value::int(e.col as i64));
            exc.0.set_attr(intern("text"), Value::string(e.text.clone()));
            exc
        })?;
        let code =
            compile_module(&module, filename, CompileOptions { top_level_await: false, internal })
                .map_err(|e| Exc::msg(&types().exc("SyntaxError"), e.msg))?;
        if !internal {
            self.sources.insert(
                filename.to_string(),
                Rc::new(src.lines().map(|l| l.to_string()).collect()),
            );
        }
        Ok(Frame::new(code, globals))
    }

    /// Runs Python source as module `name` (with `prefill` already in its
    /// namespace) and returns the module.
    pub fn run_source_module(
        &mut self,
        name: &str,
        src: &str,
        prefill: Option<DictRef>,
    ) -> PyResult<Value> {
        let globals = prefill.unwrap_or_else(|| new_namespace(name));
        set(&globals, "__name__", Value::str(name));
        set(&globals, "__builtins__", Value::Dict(self.builtins.clone()));
        let m = module_value(name, globals.clone());
        self.modules.insert(name.to_string(), m.clone());
        let frame = self.compile_frame_opts(src, &format!("<frozen {name}>"), globals, true)?;
        let depth = self.frames.len();
        self.push_frame(frame, Cont::Reentry)?;
        match self.wait_reentry(depth) {
            Ok(_) => Ok(m),
            Err(e) => {
                self.modules.remove(name);
                Err(e)
            }
        }
    }

    /// `eval(expr)` with `globals`.
    pub fn eval_expr(&mut self, src: &str, globals: DictRef) -> PyResult<Value> {
        let wrapped = format!("__asyncpy_eval_result__ = ({})\n", src.trim());
        let frame = self.compile_frame(&wrapped, "<string>", globals.clone())?;
        let depth = self.frames.len();
        self.push_frame(frame, Cont::Reentry)?;
        self.wait_reentry(depth)?;
        let name = intern("__asyncpy_eval_result__");
        let v = globals.borrow_mut().remove_str(&name).unwrap_or(Value::None);
        Ok(v)
    }

    /// A function of the asyncio prelude (importing asyncio if needed).
    pub fn prelude_function(&mut self, name: &str) -> PyResult<Value> {
        if self.prelude.is_none() {
            self.import("asyncio", &Value::None)?;
        }
        self.prelude
            .as_ref()
            .and_then(|p| p.borrow().get_str(&PyStr::new(name)).cloned())
            .ok_or_else(|| import_error(format!("cannot import name '{name}' from 'asyncio'")))
    }

    /// `import name` (the top-level package when `fromlist` is None, else
    /// the module itself).
    pub fn import(&mut self, name: &str, fromlist: &Value) -> PyResult<Value> {
        let m = self.load_module(name)?;
        if fromlist.is_none() {
            if let Some(top) = name.split('.').next() {
                if top != name {
                    return self.load_module(top);
                }
            }
        }
        Ok(m)
    }

    fn load_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        if let Some((parent, child)) = name.rsplit_once('.') {
            let p = self.load_module(parent)?;
            if let Value::Module(pm) = &p {
                if let Some(v @ Value::Module(_)) =
                    pm.dict.borrow().get_str(&PyStr::new(child)).cloned()
                {
                    self.modules.insert(name.to_string(), v.clone());
                    return Ok(v);
                }
            }
            return Err(not_found(name));
        }
        let m = match name {
            "math" => module_value(name, math::make()),
            "time" => module_value(name, time::make()),
            "random" => module_value(name, random::make()),
            "sys" => module_value(name, sys::make(self)),
            "asyncio" => return crate::asyncio::make_module(self),
            "types" => {
                let d = new_namespace(name);
                def(&d, "coroutine", |_vm, a| {
                    let f = a.pos.first().cloned().ok_or_else(|| {
                        type_error("coroutine() missing 1 required positional argument: 'func'")
                    })?;
                    match &f {
                        Value::Function(func) => {
                            if func.code.flags.generator {
                                func.iterable_coroutine.set(true);
                            }
                            Ok(f)
                        }
                        _ => {
                            if !crate::builtins::functions::is_callable(&f) {
                                return Err(type_error("types.coroutine() expects a callable"));
                            }
                            Ok(f)
                        }
                    }
                });
                return self.run_source_module(name, PY_TYPES, Some(d));
            }
            "collections" => {
                let d = new_namespace(name);
                set(&d, "deque", Value::Class(types().native("deque")));
                set(&d, "defaultdict", Value::Class(types().defaultdict.clone()));
                return self.run_source_module(name, PY_COLLECTIONS, Some(d));
            }
            "collections.abc" | "typing" => {
                return self.run_source_module("typing", PY_TYPING, None)
            }
            "functools" => {
                let d = new_namespace(name);
                return self.run_source_module(name, PY_FUNCTOOLS, Some(d));
            }
            "itertools" => {
                let d = new_namespace(name);
                for n in ["count", "cycle", "repeat", "chain", "islice"] {
                    set(&d, n, Value::Class(types().native(n)));
                }
                return self.run_source_module(name, PY_ITERTOOLS, Some(d));
            }
            "dataclasses" => return self.run_source_module(name, PY_DATACLASSES, None),
            "enum" => return self.run_source_module(name, PY_ENUM, None),
            "aiohttp" => {
                let d = new_namespace(name);
                fakes::install_aiohttp_natives(&d);
                fakes::install_io_natives(&d);
                return self.run_source_module(name, PY_AIOHTTP, Some(d));
            }
            "asyncpg" => {
                let d = new_namespace(name);
                fakes::install_io_natives(&d);
                set(&d, "PostgresError", Value::Class(types().exc("PostgresError")));
                set(&d, "PostgresSyntaxError", Value::Class(types().exc("PostgresSyntaxError")));
                return self.run_source_module(name, PY_ASYNCPG, Some(d));
            }
            "nest_asyncio" => return self.run_source_module(name, PY_NEST_ASYNCIO, None),
            "requests" => return self.run_source_module(name, PY_REQUESTS, None),
            "builtins" => module_value(name, self.builtins.clone()),
            _ => return Err(not_found(name)),
        };
        self.modules.insert(name.to_string(), m.clone());
        Ok(m)
    }

    /// `from module import name`.
    pub fn import_from(&mut self, m: &Value, name: &PyStr) -> PyResult<Value> {
        if let Value::Module(md) = m {
            if let Some(v) = md.dict.borrow().get_str(name) {
                return Ok(v.clone());
            }
            let full = format!("{}.{}", md.name.as_str(), name.as_str());
            if let Ok(sub) = self.load_module(&full) {
                return Ok(sub);
            }
            return Err(import_error(format!(
                "cannot import name '{}' from '{}' (unknown location)",
                name.as_str(),
                md.name.as_str()
            )));
        }
        self.get_attr(m, name.as_str())
    }

    /// `from module import *`.
    pub fn import_star(&mut self, m: &Value) -> PyResult<()> {
        let Value::Module(md) = m else { return Ok(()) };
        let names: Vec<Value> = match md.dict.borrow().get_str(&PyStr::new("__all__")) {
            Some(all) => match all {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            },
            None => md
                .dict
                .borrow()
                .keys()
                .into_iter()
                .filter(|k| k.as_str().map(|s| !s.starts_with('_')).unwrap_or(false))
                .collect(),
        };
        let Some(f) = self.frames.last() else { return Ok(()) };
        let target = f.ns.clone().unwrap_or_else(|| f.globals.clone());
        for n in names {
            if let Value::Str(s) = &n {
                let v = md.dict.borrow().get_str(s).cloned();
                if let Some(v) = v {
                    target.borrow_mut().set_str(s.clone(), v);
                }
            }
        }
        Ok(())
    }
}

fn not_found(name: &str) -> Exc {
    let e = module_not_found_error(format!("No module named '{name}'"));
    e.0.set_attr(intern("name"), Value::str(name));
    e
}

/// Native classes of the modules.
pub fn install_types(t: &mut Types) {
    let count = t.native("count");
    add_method(&count, "__new__", |_vm, mut a| {
        let start = a.arg_or_kw(1, "start").unwrap_or(Value::int(0));
        let step = a.arg_or_kw(2, "step").unwrap_or(Value::int(1));
        Ok(crate::vm::iter::native_iter("count", NativeIter::Count { next: start, step }))
    });
    let cycle = t.native("cycle");
    add_method(&cycle, "__new__", |vm, a| {
        let it =
            a.pos.get(1).cloned().ok_or_else(|| type_error("cycle expected 1 argument, got 0"))?;
        let it = vm.get_iter(it)?;
        Ok(crate::vm::iter::native_iter(
            "cycle",
            NativeIter::Cycle { it, saved: Vec::new(), index: 0 },
        ))
    });
    let repeat = t.native("repeat");
    add_method(&repeat, "__new__", |vm, mut a| {
        let v = a
            .arg_or_kw(1, "object")
            .ok_or_else(|| type_error("repeat() missing required argument 'object' (pos 1)"))?;
        let n = match a.arg_or_kw(2, "times") {
            Some(n) => Some(vm.as_ssize(&n)?.max(0)),
            None => None,
        };
        Ok(crate::vm::iter::native_iter("repeat", NativeIter::Repeat { value: v, left: n }))
    });
    let chain = t.native("chain");
    add_method(&chain, "__new__", |_vm, a| {
        let mut rest: Vec<Value> = a.pos[1.min(a.pos.len())..].to_vec();
        rest.reverse();
        Ok(crate::vm::iter::native_iter("chain", NativeIter::Chain { rest, cur: Value::None }))
    });
    chain.dict.borrow_mut().set_str(
        intern("from_iterable"),
        Value::Instance(Instance::new(
            t.classmethod.clone(),
            crate::objects::class::Payload::Native(Box::new(ClassMethod(Builtin::new(
                "from_iterable",
                |vm, a| {
                    let src = a.pos.get(1).cloned().unwrap_or(Value::None);
                    let mut rest = vm.collect_iterable(&src)?;
                    rest.reverse();
                    Ok(crate::vm::iter::native_iter(
                        "chain",
                        NativeIter::Chain { rest, cur: Value::None },
                    ))
                },
            )))),
        )),
    );
    let islice = t.native("islice");
    add_method(&islice, "__new__", |vm, a| {
        let it = a
            .pos
            .get(1)
            .cloned()
            .ok_or_else(|| type_error("islice expected at least 2 arguments, got 0"))?;
        let it = vm.get_iter(it)?;
        let args: Vec<Value> = a.pos[2.min(a.pos.len())..].to_vec();
        let int = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
            if v.is_none() {
                return Ok(None);
            }
            match vm.index_value(v, "islice") {
                Ok(n) if n >= 0 => Ok(Some(n)),
                _ => Err(crate::objects::exc::value_error(
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                )),
            }
        };
        let (start, stop, step) = match args.len() {
            1 => (0, int(vm, &args[0])?, 1),
            2 => (int(vm, &args[0])?.unwrap_or(0), int(vm, &args[1])?, 1),
            3 => {
                let st = int(vm, &args[2])?.unwrap_or(1);
                if st == 0 {
                    return Err(crate::objects::exc::value_error(
                        "Step for islice() must be a positive integer or None.",
                    ));
                }
                (int(vm, &args[0])?.unwrap_or(0), int(vm, &args[1])?, st)
            }
            _ => return Err(type_error("islice expected at most 4 arguments")),
        };
        let left = stop.map(|s| if s > start { (s - start + step - 1) / step } else { 0 });
        Ok(crate::vm::iter::native_iter(
            "islice",
            NativeIter::Islice { it, skip: start, left, step },
        ))
    });
    sys::install_types(t);
    let _ = native_class;
}

/// `len()` of module-defined native objects.
pub fn native_len(_i: &Instance) -> Option<usize> {
    None
}

/// `obj[key]` of module-defined native objects.
pub fn native_getitem(_vm: &mut Vm, _i: &Rc<Instance>, _key: &Value) -> PyResult<Option<Value>> {
    Ok(None)
}

/// `iter(obj)` of module-defined native iterables.
pub fn native_iter_of(_vm: &mut Vm, _i: &Rc<Instance>) -> PyResult<Option<Value>> {
    Ok(None)
}

/// True for module-defined native iterables.
pub fn native_iterable(_i: &Instance) -> bool {
    false
}

#[allow(dead_code)]
fn _unused(_: Args) {}
