//! Calls: binding arguments to parameters with CPython's error messages,
//! calling builtins, bound methods and classes (`__new__` then `__init__`).

use super::frame::{Cont, Exit, Frame};
use super::{PyResult, Vm};
use crate::objects::class::{Class, Instance, Layout, Payload};
use crate::objects::dict::Dict;
use crate::objects::exc::{type_error, Exc, ExcData};
use crate::objects::func::{Args, BoundMethod, Flow, Function, NativeFn};
use crate::objects::gen::{GenKind, Generator};
use crate::objects::str::{intern, PyStr};
use crate::objects::types::{type_name, types};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// Calls `f` with `args`; the result (or exception) goes to `cont`.
    /// An `Err` is an exception to raise in the current top frame.
    pub fn call_value(&mut self, f: Value, args: Args, cont: Cont) -> PyResult<()> {
        match f {
            Value::Function(func) => self.call_function(&func, args, cont),
            Value::Builtin(b) => {
                let mut args = args;
                if let Some(this) = &b.bound {
                    args.pos.insert(0, this.clone());
                }
                if let Some(a) = b.arity {
                    let owner = b.owner.as_ref().map(|o| o.as_str()).unwrap_or("");
                    let r = match args.pos.first() {
                        None => Err(type_error(format!(
                            "unbound method {owner}.{}() needs an argument",
                            b.name.as_str()
                        ))),
                        Some(this) if !crate::builtins::arity::self_ok(owner, this) => {
                            Err(type_error(format!(
                                "descriptor '{}' for '{owner}' objects doesn't apply to a '{}' object",
                                b.name.as_str(),
                                type_name(this)
                            )))
                        }
                        Some(_) if args.kw.is_empty() => a.check(args.pos.len() - 1),
                        Some(_) => Ok(()),
                    };
                    if let Err(e) = r {
                        return self.finish(cont, Exit::Raise(e));
                    }
                }
                match b.func {
                    NativeFn::Plain(nf) => {
                        let r = nf(self, args);
                        self.finish(cont, to_exit(r))
                    }
                    NativeFn::Flow(nf) => match nf(self, args) {
                        Ok(flow) => self.run_flow(flow, cont),
                        Err(e) => self.finish(cont, Exit::Raise(e)),
                    },
                }
            }
            Value::Method(m) => {
                let mut args = args;
                args.pos.insert(0, m.this.clone());
                self.call_value(m.func.clone(), args, cont)
            }
            Value::Class(c) => self.instantiate(c, args, cont),
            Value::Instance(ref i) => match i.class.lookup(&intern("__call__")) {
                Some(call) => {
                    let bound = self.bind(call, f.clone());
                    self.call_value(bound, args, cont)
                }
                None => {
                    let e =
                        type_error(format!("'{}' object is not callable", i.class.name.as_str()));
                    self.finish(cont, Exit::Raise(e))
                }
            },
            other => {
                let e = type_error(format!("'{}' object is not callable", type_name(&other)));
                self.finish(cont, Exit::Raise(e))
            }
        }
    }

    /// Calls a Python function.
    pub fn call_function(&mut self, func: &Rc<Function>, args: Args, cont: Cont) -> PyResult<()> {
        let frame = match self.bind_args(func, args) {
            Ok(f) => f,
            Err(e) => return self.finish(cont, Exit::Raise(e)),
        };
        let code = &func.code;
        if code.is_gen() {
            let kind = if code.flags.async_generator {
                GenKind::AsyncGenerator
            } else if code.flags.coroutine {
                GenKind::Coroutine
            } else {
                GenKind::Generator
            };
            let g = Generator::new(
                kind,
                frame,
                func.name.borrow().clone(),
                func.qualname.borrow().clone(),
                func.iterable_coroutine.get(),
            );
            return self.finish(cont, Exit::Return(Value::Gen(g)));
        }
        self.push_frame_boxed(frame, cont)
    }

    /// Binds call arguments to a new frame for `func`.
    pub fn bind_args(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Box<Frame>> {
        let code = func.code.clone();
        let mut frame = self.new_frame(code.clone(), func.globals.clone());
        frame.cells = self.make_cells(func, &code);
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let posonly = code.posonlyargcount as usize;
        let n = args.pos.len();
        let Args { pos, kw } = args;
        // Fast path: exact positional call.
        if kw.is_empty() && n == argcount && !code.flags.varargs && !code.flags.varkw && kwonly == 0
        {
            for (i, v) in pos.into_iter().enumerate() {
                frame.values[i] = v;
            }
            self.init_arg_cells(&mut frame);
            return Ok(frame);
        }
        let qual = func.qualname.borrow().as_str().to_string();
        let varargs_idx = argcount + kwonly;
        let varkw_idx = varargs_idx + code.flags.varargs as usize;
        let mut pos = pos;
        if n > argcount {
            if code.flags.varargs {
                let extra = pos.split_off(argcount);
                frame.values[varargs_idx] = Value::tuple(extra);
            } else {
                let kwgiven = kw
                    .iter()
                    .filter(|(k, _)| {
                        code.varnames[argcount..argcount + kwonly]
                            .iter()
                            .any(|v| v.as_str() == k.as_str())
                    })
                    .count();
                let ndef = func.defaults.len();
                let takes = if ndef > 0 {
                    format!("from {} to {} positional arguments", argcount - ndef, argcount)
                } else {
                    format!(
                        "{} positional argument{}",
                        argcount,
                        if argcount == 1 { "" } else { "s" }
                    )
                };
                let given = if kwgiven > 0 {
                    format!(
                        "{} positional argument{} (and {} keyword-only argument{})",
                        n,
                        if n == 1 { "" } else { "s" },
                        kwgiven,
                        if kwgiven == 1 { "" } else { "s" }
                    )
                } else {
                    format!("{}", n)
                };
                let verb = if n == 1 && kwgiven == 0 { "was" } else { "were" };
                return Err(type_error(format!("{qual}() takes {takes} but {given} {verb} given")));
            }
        } else if code.flags.varargs {
            frame.values[varargs_idx] = Value::empty_tuple();
        }
        let npos = pos.len();
        for (i, v) in pos.into_iter().enumerate() {
            frame.values[i] = v;
        }
        let kwdict = if code.flags.varkw { Some(Rc::new(RefCell::new(Dict::new()))) } else { None };
        let mut posonly_as_kw: Vec<String> = Vec::new();
        for (k, v) in kw {
            let found = code.varnames[..argcount + kwonly]
                .iter()
                .position(|name| name.as_str() == k.as_str());
            match found {
                Some(i) if i >= posonly => {
                    if !matches!(frame.values[i], Value::Unbound) {
                        return Err(type_error(format!(
                            "{qual}() got multiple values for argument '{}'",
                            k.as_str()
                        )));
                    }
                    frame.values[i] = v;
                }
                _ => match &kwdict {
                    Some(d) => {
                        if d.borrow().get_str(&k).is_some() {
                            return Err(type_error(format!(
                                "{qual}() got multiple values for keyword argument '{}'",
                                k.as_str()
                            )));
                        }
                        d.borrow_mut().set_str(k, v);
                    }
                    None => {
                        if found.is_some() {
                            posonly_as_kw.push(k.as_str().to_string());
                            continue;
                        }
                        return Err(type_error(format!(
                            "{qual}() got an unexpected keyword argument '{}'",
                            k.as_str()
                        )));
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(type_error(format!(
                "{qual}() got some positional-only arguments passed as keyword arguments: '{}'",
                posonly_as_kw.join(", ")
            )));
        }
        if let Some(d) = kwdict {
            frame.values[varkw_idx] = Value::Dict(d);
        }
        // Defaults of positional parameters.
        let ndef = func.defaults.len();
        let first_default = argcount.saturating_sub(ndef);
        let mut missing: Vec<String> = Vec::new();
        for i in npos..argcount {
            if matches!(frame.values[i], Value::Unbound) {
                if i >= first_default {
                    frame.values[i] = func.defaults[i - first_default].clone();
                } else {
                    missing.push(code.varnames[i].as_str().to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{qual}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        for i in argcount..argcount + kwonly {
            if matches!(frame.values[i], Value::Unbound) {
                let name = &code.varnames[i];
                match func.kwdefaults.iter().find(|(k, _)| k.as_str() == name.as_str()) {
                    Some((_, v)) => frame.values[i] = v.clone(),
                    None => missing.push(name.as_str().to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{qual}() missing {} required keyword-only argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        self.init_arg_cells(&mut frame);
        Ok(frame)
    }

    fn init_arg_cells(&self, frame: &mut Frame) {
        for (ci, arg) in frame.code.cell2arg.iter().enumerate() {
            if let Some(a) = arg {
                if let (Some(cell), Some(v)) = (frame.cells.get(ci), frame.values.get(*a as usize))
                {
                    *cell.borrow_mut() = v.clone();
                }
            }
        }
    }

    /// Binds an attribute found on a class to the object it was looked up
    /// on (functions become bound methods).
    pub fn bind(&self, attr: Value, this: Value) -> Value {
        match &attr {
            Value::Function(_) => Value::Method(Rc::new(BoundMethod { func: attr, this })),
            Value::Builtin(b) if b.bound.is_none() => b.bind(this),
            _ => attr,
        }
    }

    /// `cls(*args)`: `__new__`, then `__init__` when the result is an
    /// instance of `cls`. A builtin class's own `__new__` makes the whole
    /// object (its `__init__` is a no-op).
    pub fn instantiate(&mut self, cls: Rc<Class>, args: Args, cont: Cont) -> PyResult<()> {
        let ctor = cls.ctor();
        if let Some((new, owner)) = &ctor.new {
            let (new, owner) = (new.clone(), owner.clone());
            let is_object_new = owner.builtin && owner.name.as_str() == "object";
            if !is_object_new {
                let mut a = args.clone();
                a.pos.insert(0, Value::Class(cls.clone()));
                if cls.builtin {
                    return self.call_value(new, a, cont);
                }
                let cls2 = cls.clone();
                let then: crate::objects::func::Then =
                    Box::new(move |vm: &mut Vm, r: PyResult<Value>| {
                        let obj = r?;
                        if vm.class_of(&obj).is_subclass(&cls2) {
                            vm.run_init(&cls2, obj, args)
                        } else {
                            Ok(Flow::Value(obj))
                        }
                    });
                let new = match &new {
                    Value::Instance(i) => match i.native::<crate::objects::func::StaticMethod>() {
                        Some(s) => s.0.clone(),
                        None => new.clone(),
                    },
                    _ => new,
                };
                return self.call_value(new, a, Cont::Then(then, Box::new(cont)));
            }
        }
        if cls.layout == Layout::Value || (cls.layout == Layout::Native && cls.builtin) {
            let e = type_error(format!("cannot create '{}' instances", cls.name.as_str()));
            return self.finish(cont, Exit::Raise(e));
        }
        let obj = match self.new_instance(&cls, &args) {
            Ok(o) => o,
            Err(e) => return self.finish(cont, Exit::Raise(e)),
        };
        match self.run_init(&cls, obj, args) {
            Ok(flow) => self.run_flow(flow, cont),
            Err(e) => self.finish(cont, Exit::Raise(e)),
        }
    }

    /// A new, uninitialized instance of a Python-defined class.
    pub fn new_instance(&mut self, cls: &Rc<Class>, args: &Args) -> PyResult<Value> {
        let payload = match cls.layout {
            Layout::Exception => {
                Payload::Exception(RefCell::new(ExcData::new(Value::tuple(args.pos.clone()))))
            }
            _ => Payload::None,
        };
        Ok(Value::Instance(Instance::new(cls.clone(), payload)))
    }

    /// Runs `__init__` of `cls` on `obj`; the answer is `obj`.
    pub fn run_init(&mut self, cls: &Rc<Class>, obj: Value, args: Args) -> PyResult<Flow> {
        let ctor = cls.ctor();
        match &ctor.init {
            Some((Value::Function(f), _)) => {
                let mut pos = Vec::with_capacity(args.pos.len() + 1);
                pos.push(obj.clone());
                pos.extend(args.pos);
                let frame = self.bind_args(f, Args { pos, kw: args.kw })?;
                if f.code.is_gen() {
                    return Err(type_error("__init__() should return None, not 'generator'"));
                }
                Ok(Flow::Init(frame, obj))
            }
            Some((init, owner)) => {
                if owner.builtin && owner.name.as_str() == "object" {
                    // object.__init__ takes no arguments unless __new__ was
                    // overridden.
                    if !args.is_empty() {
                        let new_overridden = matches!(
                            &ctor.new,
                            Some((_, o)) if !(o.builtin && o.name.as_str() == "object")
                        );
                        if !new_overridden {
                            return Err(type_error(format!(
                                "{}() takes no arguments",
                                cls.name.as_str()
                            )));
                        }
                    }
                    return Ok(Flow::Value(obj));
                }
                let mut a = args;
                a.pos.insert(0, obj.clone());
                let obj2 = obj;
                Ok(Flow::CallThen(
                    init.clone(),
                    a,
                    Box::new(move |_vm, r| {
                        r?;
                        Ok(Flow::Value(obj2))
                    }),
                ))
            }
            None => Ok(Flow::Value(obj)),
        }
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` (CPython's missing-argument
/// lists).
fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// A builtin's result as a frame exit.
pub fn to_exit(r: PyResult<Value>) -> Exit {
    match r {
        Ok(v) => Exit::Return(v),
        Err(e) => Exit::Raise(e),
    }
}

/// An exception of `cls` made from Rust (for natives).
pub fn new_exc(cls: &Rc<Class>, msg: &str) -> Exc {
    Exc::msg(cls, msg)
}

#[allow(dead_code)]
fn _unused(_: &PyStr) -> &'static str {
    let _ = types();
    ""
}
