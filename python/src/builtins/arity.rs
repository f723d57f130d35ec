//! CPython's argument-count checks of the builtin types' methods.
//!
//! CPython checks how many positional arguments a method got before it
//! looks at them, and its messages depend on how the method is declared
//! (`list.append() takes exactly one argument (2 given)`, `index expected
//! at least 1 argument, got 0`, `find() takes at most 3 arguments (4
//! given)`). The table below was made by calling each method of CPython
//! 3.11 with 0 to 6 arguments; a builtin method made with
//! [`Builtin::method`](crate::objects::func::Builtin::method) finds its
//! entry once, and the call checks the count first.

use crate::objects::exc::{type_error, Exc};
use crate::value::Value;

/// How a method's argument-count message is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `METH_O`: `list.append() takes exactly one argument (2 given)`.
    O,
    /// `METH_NOARGS`: `dict.keys() takes no arguments (1 given)`.
    N,
    /// Argument Clinic: `index expected at least 1 argument, got 0`.
    C,
    /// `PyArg_ParseTuple`: `find() takes at least 1 argument (0 given)`.
    P,
    /// `takes at most N positional arguments (M given)`.
    Q,
    /// `takes exactly N positional arguments (M given)`.
    E,
    /// `missing required argument 'x' (pos 1)`.
    M,
}

/// The positional-argument count a method accepts.
#[derive(Debug)]
pub struct Arity {
    /// The name in the message (`list.append`, `index`).
    pub name: &'static str,
    /// The fewest positional arguments.
    pub min: u8,
    /// The most (`u8::MAX`: no limit).
    pub max: u8,
    /// The wording when too few are given.
    pub under: Style,
    /// The wording when too many are given.
    pub over: Style,
    /// For [`Style::M`]: the parameter names.
    pub names: &'static [&'static str],
}

fn plural(k: u8) -> &'static str {
    if k == 1 {
        "argument"
    } else {
        "arguments"
    }
}

impl Arity {
    /// The TypeError for `n` positional arguments, if CPython raises one.
    pub fn check(&self, n: usize) -> Result<(), Exc> {
        let (style, under) = if n < self.min as usize {
            (self.under, true)
        } else if n > self.max as usize {
            (self.over, false)
        } else {
            return Ok(());
        };
        let (q, mn, mx) = (self.name, self.min, self.max);
        let msg = match style {
            Style::O => format!("{q}() takes exactly one argument ({n} given)"),
            Style::N => format!("{q}() takes no arguments ({n} given)"),
            Style::C if mn == mx => format!("{q} expected {mn} {}, got {n}", plural(mn)),
            Style::C if under => format!("{q} expected at least {mn} {}, got {n}", plural(mn)),
            Style::C => format!("{q} expected at most {mx} {}, got {n}", plural(mx)),
            Style::P if mn == mx => format!("{q}() takes exactly {mn} {} ({n} given)", plural(mn)),
            Style::P if under => format!("{q}() takes at least {mn} {} ({n} given)", plural(mn)),
            Style::P => format!("{q}() takes at most {mx} {} ({n} given)", plural(mx)),
            Style::Q => format!("{q}() takes at most {mx} positional {} ({n} given)", plural(mx)),
            Style::E => format!("{q}() takes exactly {mx} positional {} ({n} given)", plural(mx)),
            Style::M => match self.names.get(n) {
                Some(a) => format!("{q}() missing required argument '{a}' (pos {})", n + 1),
                None => format!("{q}() takes at least {mn} {} ({n} given)", plural(mn)),
            },
        };
        Err(type_error(msg))
    }
}

/// Can `this` be the `self` of a method of the builtin type `owner`?
pub fn self_ok(owner: &str, this: &Value) -> bool {
    match owner {
        "list" => matches!(this, Value::List(_)),
        "str" => matches!(this, Value::Str(_)),
        "dict" => matches!(this, Value::Dict(_)),
        "tuple" => matches!(this, Value::Tuple(_)),
        "set" => matches!(this, Value::Set(_)),
        "frozenset" => matches!(this, Value::FrozenSet(_)),
        "bytes" => matches!(this, Value::Bytes(_)),
        "int" => matches!(this, Value::Int(_) | Value::Bool(_)),
        "bool" => matches!(this, Value::Bool(_)),
        "float" => matches!(this, Value::Float(_)),
        "range" => matches!(this, Value::Range(_)),
        _ => true,
    }
}

/// The argument count of the method `name` of the builtin type `owner`.
pub fn lookup(owner: &str, name: &str) -> Option<&'static Arity> {
    TABLE.iter().find(|(o, n, _)| *o == owner && *n == name).map(|(_, _, a)| a)
}

static TABLE: &[(&str, &str, Arity)] = &[
    (
        "list",
        "append",
        Arity { name: "list.append", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "list",
        "clear",
        Arity { name: "list.clear", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "list",
        "copy",
        Arity { name: "list.copy", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "list",
        "count",
        Arity { name: "list.count", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "list",
        "extend",
        Arity { name: "list.extend", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "list",
        "index",
        Arity { name: "index", min: 1, max: 3, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "list",
        "insert",
        Arity { name: "insert", min: 2, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "list",
        "pop",
        Arity { name: "pop", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "list",
        "remove",
        Arity { name: "list.remove", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "list",
        "reverse",
        Arity { name: "list.reverse", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "list",
        "sort",
        Arity { name: "sort", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "dict",
        "clear",
        Arity { name: "dict.clear", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "dict",
        "copy",
        Arity { name: "dict.copy", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "dict",
        "get",
        Arity { name: "get", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "dict",
        "items",
        Arity { name: "dict.items", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "dict",
        "keys",
        Arity { name: "dict.keys", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "dict",
        "pop",
        Arity { name: "pop", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "dict",
        "popitem",
        Arity { name: "dict.popitem", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "dict",
        "setdefault",
        Arity { name: "setdefault", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "dict",
        "update",
        Arity { name: "update", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "dict",
        "values",
        Arity { name: "dict.values", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "capitalize",
        Arity {
            name: "str.capitalize",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "str",
        "casefold",
        Arity { name: "str.casefold", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "center",
        Arity { name: "center", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "count",
        Arity { name: "count", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "encode",
        Arity { name: "encode", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "str",
        "endswith",
        Arity { name: "endswith", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "expandtabs",
        Arity { name: "expandtabs", min: 0, max: 1, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "str",
        "find",
        Arity { name: "find", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "format_map",
        Arity {
            name: "str.format_map",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "index",
        Arity { name: "index", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "isalnum",
        Arity { name: "str.isalnum", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isalpha",
        Arity { name: "str.isalpha", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isascii",
        Arity { name: "str.isascii", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isdecimal",
        Arity {
            name: "str.isdecimal",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "str",
        "isdigit",
        Arity { name: "str.isdigit", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isidentifier",
        Arity {
            name: "str.isidentifier",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "str",
        "islower",
        Arity { name: "str.islower", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isnumeric",
        Arity {
            name: "str.isnumeric",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "str",
        "isprintable",
        Arity {
            name: "str.isprintable",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "str",
        "isspace",
        Arity { name: "str.isspace", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "istitle",
        Arity { name: "str.istitle", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "isupper",
        Arity { name: "str.isupper", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "join",
        Arity { name: "str.join", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "str",
        "ljust",
        Arity { name: "ljust", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "lower",
        Arity { name: "str.lower", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "lstrip",
        Arity { name: "lstrip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "partition",
        Arity {
            name: "str.partition",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "removeprefix",
        Arity {
            name: "str.removeprefix",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "removesuffix",
        Arity {
            name: "str.removesuffix",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "replace",
        Arity { name: "replace", min: 2, max: 3, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "rfind",
        Arity { name: "rfind", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "rindex",
        Arity { name: "rindex", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "rjust",
        Arity { name: "rjust", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "rpartition",
        Arity {
            name: "str.rpartition",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "rsplit",
        Arity { name: "rsplit", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "str",
        "rstrip",
        Arity { name: "rstrip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "split",
        Arity { name: "split", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "str",
        "splitlines",
        Arity { name: "splitlines", min: 0, max: 1, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "str",
        "startswith",
        Arity { name: "startswith", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "str",
        "strip",
        Arity { name: "strip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "str",
        "swapcase",
        Arity { name: "str.swapcase", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "title",
        Arity { name: "str.title", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "translate",
        Arity {
            name: "str.translate",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "str",
        "upper",
        Arity { name: "str.upper", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "str",
        "zfill",
        Arity { name: "str.zfill", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "tuple",
        "count",
        Arity { name: "tuple.count", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "tuple",
        "index",
        Arity { name: "index", min: 1, max: 3, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "set",
        "add",
        Arity { name: "set.add", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "set",
        "clear",
        Arity { name: "set.clear", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "set",
        "copy",
        Arity { name: "set.copy", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "set",
        "discard",
        Arity { name: "set.discard", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "set",
        "isdisjoint",
        Arity {
            name: "set.isdisjoint",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "set",
        "issubset",
        Arity { name: "set.issubset", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "set",
        "issuperset",
        Arity {
            name: "set.issuperset",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "set",
        "pop",
        Arity { name: "set.pop", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "set",
        "remove",
        Arity { name: "set.remove", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "set",
        "symmetric_difference",
        Arity {
            name: "set.symmetric_difference",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "set",
        "symmetric_difference_update",
        Arity {
            name: "set.symmetric_difference_update",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "frozenset",
        "copy",
        Arity {
            name: "frozenset.copy",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "frozenset",
        "isdisjoint",
        Arity {
            name: "frozenset.isdisjoint",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "frozenset",
        "issubset",
        Arity {
            name: "frozenset.issubset",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "frozenset",
        "issuperset",
        Arity {
            name: "frozenset.issuperset",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "frozenset",
        "symmetric_difference",
        Arity {
            name: "frozenset.symmetric_difference",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "bytes",
        "capitalize",
        Arity {
            name: "bytes.capitalize",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "center",
        Arity { name: "center", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "count",
        Arity { name: "count", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "decode",
        Arity { name: "decode", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "endswith",
        Arity { name: "endswith", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "expandtabs",
        Arity { name: "expandtabs", min: 0, max: 1, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "find",
        Arity { name: "find", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "hex",
        Arity { name: "hex", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "index",
        Arity { name: "index", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "isalnum",
        Arity {
            name: "bytes.isalnum",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "isalpha",
        Arity {
            name: "bytes.isalpha",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "isascii",
        Arity {
            name: "bytes.isascii",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "isdigit",
        Arity {
            name: "bytes.isdigit",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "islower",
        Arity {
            name: "bytes.islower",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "isspace",
        Arity {
            name: "bytes.isspace",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "istitle",
        Arity {
            name: "bytes.istitle",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "isupper",
        Arity {
            name: "bytes.isupper",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "join",
        Arity { name: "bytes.join", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "bytes",
        "ljust",
        Arity { name: "ljust", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "lower",
        Arity { name: "bytes.lower", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "bytes",
        "lstrip",
        Arity { name: "lstrip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "partition",
        Arity {
            name: "bytes.partition",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "bytes",
        "removeprefix",
        Arity {
            name: "bytes.removeprefix",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "bytes",
        "removesuffix",
        Arity {
            name: "bytes.removesuffix",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "bytes",
        "replace",
        Arity { name: "replace", min: 2, max: 3, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "rfind",
        Arity { name: "rfind", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "rindex",
        Arity { name: "rindex", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "rjust",
        Arity { name: "rjust", min: 1, max: 2, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "rpartition",
        Arity {
            name: "bytes.rpartition",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "bytes",
        "rsplit",
        Arity { name: "rsplit", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "rstrip",
        Arity { name: "rstrip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "split",
        Arity { name: "split", min: 0, max: 2, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "splitlines",
        Arity { name: "splitlines", min: 0, max: 1, under: Style::C, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "startswith",
        Arity { name: "startswith", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "bytes",
        "strip",
        Arity { name: "strip", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bytes",
        "swapcase",
        Arity {
            name: "bytes.swapcase",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bytes",
        "title",
        Arity { name: "bytes.title", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "bytes",
        "upper",
        Arity { name: "bytes.upper", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "bytes",
        "zfill",
        Arity { name: "bytes.zfill", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "int",
        "as_integer_ratio",
        Arity {
            name: "int.as_integer_ratio",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "int",
        "bit_count",
        Arity {
            name: "int.bit_count",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "int",
        "bit_length",
        Arity {
            name: "int.bit_length",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "int",
        "conjugate",
        Arity {
            name: "int.conjugate",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "float",
        "as_integer_ratio",
        Arity {
            name: "float.as_integer_ratio",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "float",
        "conjugate",
        Arity {
            name: "float.conjugate",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "float",
        "hex",
        Arity { name: "float.hex", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "float",
        "is_integer",
        Arity {
            name: "float.is_integer",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "range",
        "count",
        Arity { name: "range.count", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "range",
        "index",
        Arity { name: "range.index", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "deque",
        "append",
        Arity { name: "deque.append", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "deque",
        "appendleft",
        Arity {
            name: "deque.appendleft",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "deque",
        "clear",
        Arity { name: "deque.clear", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "deque",
        "copy",
        Arity { name: "deque.copy", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "deque",
        "count",
        Arity { name: "deque.count", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "deque",
        "extend",
        Arity { name: "deque.extend", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "deque",
        "extendleft",
        Arity {
            name: "deque.extendleft",
            min: 1,
            max: 1,
            under: Style::O,
            over: Style::O,
            names: &[],
        },
    ),
    (
        "deque",
        "index",
        Arity { name: "index", min: 1, max: 3, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "deque",
        "insert",
        Arity { name: "insert", min: 2, max: 2, under: Style::P, over: Style::P, names: &[] },
    ),
    (
        "deque",
        "pop",
        Arity { name: "deque.pop", min: 0, max: 0, under: Style::C, over: Style::N, names: &[] },
    ),
    (
        "deque",
        "popleft",
        Arity {
            name: "deque.popleft",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "deque",
        "remove",
        Arity { name: "deque.remove", min: 1, max: 1, under: Style::O, over: Style::O, names: &[] },
    ),
    (
        "deque",
        "reverse",
        Arity {
            name: "deque.reverse",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "deque",
        "rotate",
        Arity { name: "deque.rotate", min: 0, max: 1, under: Style::C, over: Style::C, names: &[] },
    ),
    (
        "bool",
        "as_integer_ratio",
        Arity {
            name: "bool.as_integer_ratio",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bool",
        "bit_count",
        Arity {
            name: "bool.bit_count",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bool",
        "bit_length",
        Arity {
            name: "bool.bit_length",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
    (
        "bool",
        "conjugate",
        Arity {
            name: "bool.conjugate",
            min: 0,
            max: 0,
            under: Style::C,
            over: Style::N,
            names: &[],
        },
    ),
];
