//! `repr()`, `str()` and `format()` of every value, as CPython prints them.

use crate::objects::exc::{num_error, type_error, value_error, Exc};
use crate::objects::func::Args;
use crate::objects::str::intern;
use crate::objects::types::{type_name, type_of};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Python's `repr` of a string: single quotes unless the text has a single
/// quote and no double quote; escapes as CPython's.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_unprintable(c: char) -> bool {
    !super::printable::is_printable(c)
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// An object address as CPython prints it.
pub fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.id() & 0xffff_ffff_ffff)
}

impl Vm {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Unbound => "<NULL>".into(),
            Value::None => "None".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_str_radix(10).map_err(num_error)?,
            Value::Float(f) => asyncpy_num::float_repr(*f),
            Value::Str(s) => str_repr(s.as_str()),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(l) => {
                let id = v.id();
                if self.repr_stack.contains(&id) {
                    return Ok("[...]".into());
                }
                let items = l.borrow().clone();
                self.repr_stack.push(id);
                let r = self.repr_items(&items);
                self.repr_stack.pop();
                format!("[{}]", r?)
            }
            Value::Tuple(t) => {
                let items = t.clone();
                if items.len() == 1 {
                    format!("({},)", self.repr(&items[0])?)
                } else {
                    format!("({})", self.repr_items(&items)?)
                }
            }
            Value::Dict(d) => {
                let id = v.id();
                let factory = d.borrow().default_factory.clone();
                if self.repr_stack.contains(&id) {
                    return Ok("{...}".into());
                }
                let items = d.borrow().items();
                self.repr_stack.push(id);
                let mut parts = Vec::with_capacity(items.len());
                for (k, val) in items {
                    let ks = self.repr(&k);
                    let vs = self.repr(&val);
                    match (ks, vs) {
                        (Ok(ks), Ok(vs)) => parts.push(format!("{ks}: {vs}")),
                        (Err(e), _) | (_, Err(e)) => {
                            self.repr_stack.pop();
                            return Err(e);
                        }
                    }
                }
                self.repr_stack.pop();
                let body = format!("{{{}}}", parts.join(", "));
                match factory {
                    Some(f) => format!("defaultdict({}, {})", self.repr(&f)?, body),
                    None => body,
                }
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow().iter().cloned().collect();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.repr_items(&items)?)
                }
            }
            Value::FrozenSet(s) => {
                let items: Vec<Value> = s.borrow().iter().cloned().collect();
                if items.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.repr_items(&items)?)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s[0])?,
                self.repr(&s[1])?,
                self.repr(&s[2])?
            ),
            Value::Function(f) => {
                format!("<function {} at {}>", f.qualname.borrow().as_str(), addr(v))
            }
            Value::Builtin(b) => match (&b.bound, &b.owner) {
                (Some(this), _) if !matches!(this, Value::Module(_)) => format!(
                    "<built-in method {} of {} object at {}>",
                    b.name.as_str(),
                    type_name(this),
                    addr(this)
                ),
                _ => format!("<built-in function {}>", b.name.as_str()),
            },
            Value::Method(m) => {
                let fname = match &m.func {
                    Value::Function(f) => f.qualname.borrow().as_str().to_string(),
                    other => type_name(other),
                };
                let this = m.this.clone();
                format!("<bound method {} of {}>", fname, self.repr(&this)?)
            }
            Value::Class(c) => match self.class_hook(v, "__class_repr__") {
                Some(f) => {
                    let r = self.call_sync(f, Args::default())?;
                    self.str_of(&r)?
                }
                None => format!("<class '{}'>", c.repr_name()),
            },
            Value::Module(m) => {
                if self.modules.contains_key(m.name.as_str()) && m.name.as_str() != "__main__" {
                    format!("<module '{}' (built-in)>", m.name.as_str())
                } else {
                    format!("<module '{}'>", m.name.as_str())
                }
            }
            Value::Gen(g) => {
                format!("<{} object {} at {}>", g.type_name(), g.qualname.as_str(), addr(v))
            }
            Value::Code(c) => format!("<code object {} at {}>", c.name.as_str(), addr(v)),
            Value::Instance(i) => {
                let cls = i.class.clone();
                match cls.lookup_with_owner(&intern("__repr__")) {
                    Some((f, owner)) if !(owner.builtin && owner.name.as_str() == "object") => {
                        let id = v.id();
                        if self.repr_stack.len() > 200 {
                            return Err(crate::objects::exc::recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        self.repr_stack.push(id);
                        let bound = self.bind(f, v.clone());
                        let r = self.call_sync(bound, Args::default());
                        self.repr_stack.pop();
                        match r? {
                            Value::Str(s) => s.as_str().to_string(),
                            other => {
                                return Err(type_error(format!(
                                    "__repr__ returned non-string (type {})",
                                    type_name(&other)
                                )))
                            }
                        }
                    }
                    _ => format!("<{} object at {}>", cls.repr_name(), addr(v)),
                }
            }
        })
    }

    fn repr_items(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for it in items {
            parts.push(self.repr(it)?);
        }
        Ok(parts.join(", "))
    }

    /// `str(v)`.
    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(i) => {
                let cls = i.class.clone();
                match cls.lookup_with_owner(&intern("__str__")) {
                    Some((f, owner)) if !(owner.builtin && owner.name.as_str() == "object") => {
                        let bound = self.bind(f, v.clone());
                        match self.call_sync(bound, Args::default())? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(type_error(format!(
                                "__str__ returned non-string (type {})",
                                type_name(&other)
                            ))),
                        }
                    }
                    _ => self.repr(v),
                }
            }
            _ => self.repr(v),
        }
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v {
            Value::Int(i) => asyncpy_num::format_int(i, spec).map_err(num_error),
            Value::Bool(b) => {
                if spec.is_empty() {
                    Ok(if *b { "True" } else { "False" }.into())
                } else {
                    asyncpy_num::format_int(&asyncpy_num::Int::Small(*b as i64), spec)
                        .map_err(num_error)
                }
            }
            Value::Float(f) => asyncpy_num::format_float(*f, spec).map_err(num_error),
            Value::Str(s) => asyncpy_num::format_str(s.as_str(), spec).map_err(num_error),
            Value::Instance(_) if self.has_user_method(v, "__format__") => {
                let f = self.lookup_special(v, "__format__").unwrap_or(Value::None);
                match self.call_sync(f, Args::new(vec![Value::str(spec)]))? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => Err(type_error(format!(
                        "__format__ must return a str, not {}",
                        type_name(&other)
                    ))),
                }
            }
            _ => {
                if spec.is_empty() {
                    self.str_of(v)
                } else {
                    Err(type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        type_of(v).name.as_str()
                    )))
                }
            }
        }
    }
}

/// `ascii(v)` from its repr: non-ASCII characters escaped.
pub fn ascii_of(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

#[allow(dead_code)]
fn _unused() -> Exc {
    value_error("")
}
