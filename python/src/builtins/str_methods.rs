//! The methods of `str` (and the few of `bytes`).

use super::add_method;
use crate::objects::exc::{type_error, value_error};
use crate::objects::func::Args;
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, Types};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn this(a: &Args) -> PyResult<Rc<PyStr>> {
    match a.pos.first() {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            type_name(other)
        ))),
        None => Err(type_error("descriptor needs an argument")),
    }
}

fn arg_str(a: &Args, i: usize, fname: &str) -> PyResult<Option<Rc<PyStr>>> {
    match a.pos.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => {
            Err(type_error(format!("{fname} arg must be None or str, not {}", type_name(other))))
        }
    }
}

fn need_str(v: Option<&Value>, what: &str) -> PyResult<Rc<PyStr>> {
    match v {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(type_error(format!("{what}, not {}", type_name(other)))),
        None => Err(type_error(format!("{what}, not nothing"))),
    }
}

/// Byte offset → character index in `s`.
fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

/// Resolves optional start/end arguments to a byte range of `s`, and
/// whether the start is past the end (CPython's `ADJUST_INDICES`: then
/// even the empty string is not found).
fn range_of(vm: &mut Vm, s: &PyStr, a: &Args, i: usize) -> PyResult<(usize, usize, bool)> {
    let n = s.char_len() as i64;
    let conv = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let mut x = vm.slice_arg(v)?;
                if x < 0 {
                    x = x.saturating_add(n).max(0);
                }
                Ok(x)
            }
        }
    };
    let start = conv(vm, a.pos.get(i), 0)?;
    let end = conv(vm, a.pos.get(i + 1), n)?.min(n);
    let past = start > end;
    let start_c = start.min(n) as usize;
    let end_c = (end.max(start.min(n))) as usize;
    Ok((s.byte_offset(start_c), s.byte_offset(end_c), past))
}

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\x1c'..='\x1f')
}

fn split_ws(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_py_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            return out;
        }
        let end = rest.find(is_py_space).unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = rest[end..].trim_start_matches(is_py_space);
    }
    out
}

fn rsplit_ws(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_py_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            break;
        }
        let start = rest
            .rfind(is_py_space)
            .map(|i| i + rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1))
            .unwrap_or(0);
        out.push(rest[start..].to_string());
        rest = rest[..start].trim_end_matches(is_py_space);
    }
    out.reverse();
    out
}

fn list_of(items: Vec<String>) -> Value {
    Value::list(items.into_iter().map(Value::string).collect())
}

fn maxsplit_arg(vm: &mut Vm, a: &mut Args) -> PyResult<i64> {
    match a.arg_or_kw(2, "maxsplit") {
        None => Ok(-1),
        Some(v) => vm.as_ssize(&v),
    }
}

/// Title case as CPython's `str.title`.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase()
            || (c.is_alphabetic()
                && !c.is_lowercase()
                && !c.is_uppercase()
                && c.to_lowercase().next() != Some(c))
        {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
            prev_cased = true;
        } else if c.is_lowercase() {
            if prev_cased {
                out.push(c);
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

fn pad(vm: &mut Vm, a: &Args, how: u8) -> PyResult<Value> {
    let s = this(a)?;
    let width = match a.pos.get(1) {
        Some(v) => vm.as_ssize(v)?,
        None => return Err(type_error("expected at least 1 argument, got 0")),
    };
    let fill = match a.pos.get(2) {
        None => ' ',
        Some(Value::Str(f)) if f.char_len() == 1 => f.as_str().chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(type_error("The fill character must be exactly one character long"))
        }
        Some(other) => {
            return Err(type_error(format!(
                "The fill character must be a unicode character, not {}",
                type_name(other)
            )))
        }
    };
    let n = s.char_len() as i64;
    if width <= n {
        return Ok(Value::Str(s));
    }
    let total = (width - n) as usize;
    if total > crate::vm::ops::MAX_BYTES {
        return Err(crate::objects::exc::memory_error());
    }
    let (left, right) = match how {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            // CPython's center: extra space goes left when the width is odd
            // and the string length is odd... exactly: left = total/2 +
            // (total & width & 1).
            let left = total / 2 + (total & (width as usize) & 1);
            (left, total - left)
        }
    };
    let mut out = String::with_capacity(s.len_bytes() + total);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(Value::string(out))
}

fn strip(a: &Args, left: bool, right: bool, name: &str) -> PyResult<Value> {
    let s = this(a)?;
    let chars = arg_str(a, 1, name)?;
    let st = s.as_str();
    let r = match &chars {
        None => {
            let mut t = st;
            if left {
                t = t.trim_start_matches(is_py_space);
            }
            if right {
                t = t.trim_end_matches(is_py_space);
            }
            t
        }
        Some(cs) => {
            let set: Vec<char> = cs.as_str().chars().collect();
            let mut t = st;
            if left {
                t = t.trim_start_matches(|c| set.contains(&c));
            }
            if right {
                t = t.trim_end_matches(|c| set.contains(&c));
            }
            t
        }
    };
    if r.len() == st.len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(r))
}

fn starts_ends(vm: &mut Vm, a: &Args, ends: bool) -> PyResult<Value> {
    let s = this(a)?;
    let (b0, b1, past) = range_of(vm, &s, a, 2)?;
    let hay = &s.as_str()[b0..b1];
    let check = |p: &str| !past && if ends { hay.ends_with(p) } else { hay.starts_with(p) };
    let name = if ends { "endswith" } else { "startswith" };
    match a.pos.get(1) {
        Some(Value::Str(p)) => Ok(Value::Bool(check(p.as_str()))),
        Some(Value::Tuple(t)) => {
            for x in t.iter() {
                match x {
                    Value::Str(p) => {
                        if check(p.as_str()) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    other => {
                        return Err(type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(other)
                        )))
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        Some(other) => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(other)
        ))),
        None => Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
    }
}

fn find(vm: &mut Vm, a: &Args, rev: bool, err: bool) -> PyResult<Value> {
    let s = this(a)?;
    let sub = need_str(a.pos.get(1), "must be str")?;
    let (b0, b1, past) = range_of(vm, &s, a, 2)?;
    let hay = &s.as_str()[b0..b1];
    let found = if past {
        None
    } else if rev {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    match found {
        Some(b) => Ok(Value::int(char_index(s.as_str(), b0 + b) as i64)),
        None => {
            if err {
                Err(value_error("substring not found"))
            } else {
                Ok(Value::int(-1))
            }
        }
    }
}

fn is_class(a: &Args, f: fn(char) -> bool, empty: bool) -> PyResult<Value> {
    let s = this(a)?;
    if s.len_bytes() == 0 {
        return Ok(Value::Bool(empty));
    }
    Ok(Value::Bool(s.as_str().chars().all(f)))
}

pub(crate) fn install(t: &mut Types) {
    let c = t.str_.clone();
    add_method(&c, "upper", |_vm, a| Ok(Value::string(this(&a)?.as_str().to_uppercase())));
    add_method(&c, "lower", |_vm, a| Ok(Value::string(this(&a)?.as_str().to_lowercase())));
    add_method(&c, "casefold", |_vm, a| Ok(Value::string(this(&a)?.as_str().to_lowercase())));
    add_method(&c, "swapcase", |_vm, a| {
        let s = this(&a)?;
        let mut out = String::new();
        for ch in s.as_str().chars() {
            if ch.is_uppercase() {
                out.extend(ch.to_lowercase());
            } else if ch.is_lowercase() {
                out.extend(ch.to_uppercase());
            } else {
                out.push(ch);
            }
        }
        Ok(Value::string(out))
    });
    add_method(&c, "capitalize", |_vm, a| {
        let s = this(&a)?;
        let mut it = s.as_str().chars();
        let mut out = String::new();
        if let Some(f) = it.next() {
            out.extend(f.to_uppercase());
            for ch in it {
                out.extend(ch.to_lowercase());
            }
        }
        Ok(Value::string(out))
    });
    add_method(&c, "title", |_vm, a| Ok(Value::string(title(this(&a)?.as_str()))));
    add_method(&c, "strip", |_vm, a| strip(&a, true, true, "strip"));
    add_method(&c, "lstrip", |_vm, a| strip(&a, true, false, "lstrip"));
    add_method(&c, "rstrip", |_vm, a| strip(&a, false, true, "rstrip"));
    add_method(&c, "split", |vm, mut a| {
        let sep = a.arg_or_kw(1, "sep");
        let maxsplit = maxsplit_arg(vm, &mut a)?;
        let s = this(&a)?;
        match sep {
            None | Some(Value::None) => Ok(list_of(split_ws(s.as_str(), maxsplit))),
            Some(Value::Str(sep)) => {
                if sep.len_bytes() == 0 {
                    return Err(value_error("empty separator"));
                }
                let parts: Vec<String> = if maxsplit < 0 {
                    s.as_str().split(sep.as_str()).map(|p| p.to_string()).collect()
                } else {
                    s.as_str()
                        .splitn(maxsplit as usize + 1, sep.as_str())
                        .map(|p| p.to_string())
                        .collect()
                };
                Ok(list_of(parts))
            }
            Some(other) => {
                Err(type_error(format!("must be str or None, not {}", type_name(&other))))
            }
        }
    });
    add_method(&c, "rsplit", |vm, mut a| {
        let sep = a.arg_or_kw(1, "sep");
        let maxsplit = maxsplit_arg(vm, &mut a)?;
        let s = this(&a)?;
        match sep {
            None | Some(Value::None) => Ok(list_of(rsplit_ws(s.as_str(), maxsplit))),
            Some(Value::Str(sep)) => {
                if sep.len_bytes() == 0 {
                    return Err(value_error("empty separator"));
                }
                let mut parts: Vec<String> = if maxsplit < 0 {
                    s.as_str().rsplit(sep.as_str()).map(|p| p.to_string()).collect()
                } else {
                    s.as_str()
                        .rsplitn(maxsplit as usize + 1, sep.as_str())
                        .map(|p| p.to_string())
                        .collect()
                };
                parts.reverse();
                Ok(list_of(parts))
            }
            Some(other) => {
                Err(type_error(format!("must be str or None, not {}", type_name(&other))))
            }
        }
    });
    add_method(&c, "splitlines", |vm, mut a| {
        let keep = match a.arg_or_kw(1, "keepends") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        let s = this(&a)?;
        let mut out = Vec::new();
        let st = s.as_str();
        let mut start = 0;
        let b: Vec<(usize, char)> = st.char_indices().collect();
        let mut i = 0;
        while i < b.len() {
            let (pos, ch) = b[i];
            let is_break = matches!(
                ch,
                '\n' | '\r'
                    | '\x0b'
                    | '\x0c'
                    | '\x1c'
                    | '\x1d'
                    | '\x1e'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            );
            if is_break {
                let mut end = pos + ch.len_utf8();
                if ch == '\r' && i + 1 < b.len() && b[i + 1].1 == '\n' {
                    end += 1;
                    i += 1;
                }
                out.push(if keep {
                    st[start..end].to_string()
                } else {
                    st[start..pos].to_string()
                });
                start = end;
            }
            i += 1;
        }
        if start < st.len() {
            out.push(st[start..].to_string());
        }
        Ok(list_of(out))
    });
    add_method(&c, "join", |vm, a| {
        let s = this(&a)?;
        let Some(it) = a.pos.get(1) else {
            return Err(type_error("join() takes exactly one argument (0 given)"));
        };
        let items = vm.collect_iterable(it).map_err(|e| {
            if e.is_instance(&crate::objects::types::types().type_error) {
                type_error("can only join an iterable")
            } else {
                e
            }
        })?;
        let mut out = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(s.as_str());
            }
            match x {
                Value::Str(p) => out.push_str(p.as_str()),
                other => {
                    return Err(type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        type_name(other)
                    )))
                }
            }
            if out.len() > crate::vm::ops::MAX_BYTES {
                return Err(crate::objects::exc::memory_error());
            }
        }
        Ok(Value::string(out))
    });
    add_method(&c, "replace", |vm, a| {
        let s = this(&a)?;
        let old = need_str(a.pos.get(1), "replace() argument 1 must be str")?;
        let new = need_str(a.pos.get(2), "replace() argument 2 must be str")?;
        let count = match a.pos.get(3) {
            Some(v) => vm.as_ssize(v)?,
            None => -1,
        };
        let r = if count < 0 {
            if old.len_bytes() == 0 {
                let mut out = String::new();
                out.push_str(new.as_str());
                for ch in s.as_str().chars() {
                    out.push(ch);
                    out.push_str(new.as_str());
                }
                out
            } else {
                s.as_str().replace(old.as_str(), new.as_str())
            }
        } else {
            s.as_str().replacen(old.as_str(), new.as_str(), count as usize)
        };
        if r.len() > crate::vm::ops::MAX_BYTES {
            return Err(crate::objects::exc::memory_error());
        }
        Ok(Value::string(r))
    });
    add_method(&c, "find", |vm, a| find(vm, &a, false, false));
    add_method(&c, "rfind", |vm, a| find(vm, &a, true, false));
    add_method(&c, "index", |vm, a| find(vm, &a, false, true));
    add_method(&c, "rindex", |vm, a| find(vm, &a, true, true));
    add_method(&c, "count", |vm, a| {
        let s = this(&a)?;
        let sub = need_str(a.pos.get(1), "must be str")?;
        let (b0, b1, past) = range_of(vm, &s, &a, 2)?;
        let hay = &s.as_str()[b0..b1];
        let n = if past {
            0
        } else if sub.len_bytes() == 0 {
            hay.chars().count() + 1
        } else {
            hay.matches(sub.as_str()).count()
        };
        Ok(Value::int(n as i64))
    });
    add_method(&c, "startswith", |vm, a| starts_ends(vm, &a, false));
    add_method(&c, "endswith", |vm, a| starts_ends(vm, &a, true));
    add_method(&c, "ljust", |vm, a| pad(vm, &a, 0));
    add_method(&c, "rjust", |vm, a| pad(vm, &a, 1));
    add_method(&c, "center", |vm, a| pad(vm, &a, 2));
    add_method(&c, "zfill", |vm, a| {
        let s = this(&a)?;
        let width = match a.pos.get(1) {
            Some(v) => vm.as_ssize(v)?,
            None => return Err(type_error("zfill() takes exactly one argument (0 given)")),
        };
        let n = s.char_len() as i64;
        if width <= n {
            return Ok(Value::Str(s));
        }
        let fill = (width - n) as usize;
        let st = s.as_str();
        let (sign, rest) =
            if st.starts_with('+') || st.starts_with('-') { st.split_at(1) } else { ("", st) };
        Ok(Value::string(format!("{sign}{}{rest}", "0".repeat(fill))))
    });
    add_method(&c, "partition", |_vm, a| {
        let s = this(&a)?;
        let sep = need_str(a.pos.get(1), "must be str")?;
        if sep.len_bytes() == 0 {
            return Err(value_error("empty separator"));
        }
        Ok(match s.as_str().find(sep.as_str()) {
            Some(i) => Value::tuple(vec![
                Value::str(&s.as_str()[..i]),
                Value::Str(sep.clone()),
                Value::str(&s.as_str()[i + sep.len_bytes()..]),
            ]),
            None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
        })
    });
    add_method(&c, "rpartition", |_vm, a| {
        let s = this(&a)?;
        let sep = need_str(a.pos.get(1), "must be str")?;
        if sep.len_bytes() == 0 {
            return Err(value_error("empty separator"));
        }
        Ok(match s.as_str().rfind(sep.as_str()) {
            Some(i) => Value::tuple(vec![
                Value::str(&s.as_str()[..i]),
                Value::Str(sep.clone()),
                Value::str(&s.as_str()[i + sep.len_bytes()..]),
            ]),
            None => Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())]),
        })
    });
    add_method(&c, "isdigit", |_vm, a| {
        is_class(&a, |c| c.is_ascii_digit() || c.is_numeric() && !c.is_alphabetic(), false)
    });
    add_method(&c, "isdecimal", |_vm, a| is_class(&a, |c| c.is_ascii_digit(), false));
    add_method(&c, "isnumeric", |_vm, a| is_class(&a, |c| c.is_numeric(), false));
    add_method(&c, "isalpha", |_vm, a| is_class(&a, |c| c.is_alphabetic(), false));
    add_method(&c, "isalnum", |_vm, a| is_class(&a, |c| c.is_alphanumeric(), false));
    add_method(&c, "isspace", |_vm, a| is_class(&a, is_py_space, false));
    add_method(&c, "isascii", |_vm, a| is_class(&a, |c| c.is_ascii(), true));
    add_method(&c, "isprintable", |_vm, a| is_class(&a, super::printable::is_printable, true));
    add_method(&c, "isupper", |_vm, a| {
        let s = this(&a)?;
        let st = s.as_str();
        Ok(Value::Bool(
            st.chars().any(|c| c.is_uppercase()) && !st.chars().any(|c| c.is_lowercase()),
        ))
    });
    add_method(&c, "islower", |_vm, a| {
        let s = this(&a)?;
        let st = s.as_str();
        Ok(Value::Bool(
            st.chars().any(|c| c.is_lowercase()) && !st.chars().any(|c| c.is_uppercase()),
        ))
    });
    add_method(&c, "istitle", |_vm, a| {
        let s = this(&a)?;
        let st = s.as_str();
        Ok(Value::Bool(st.chars().any(|c| c.is_alphabetic()) && title(st) == st))
    });
    add_method(&c, "isidentifier", |_vm, a| {
        let s = this(&a)?;
        let mut it = s.as_str().chars();
        let ok = match it.next() {
            Some(f) => {
                (f.is_alphabetic() || f == '_') && it.all(|c| c.is_alphanumeric() || c == '_')
            }
            None => false,
        };
        Ok(Value::Bool(ok))
    });
    add_method(&c, "format", |vm, a| {
        let s = this(&a)?;
        let mut d = crate::objects::dict::Dict::new();
        for (k, v) in &a.kw {
            d.set_str(k.clone(), v.clone());
        }
        let r = super::strformat::str_format(vm, s.as_str(), &a.pos[1..], &Value::dict(d))?;
        Ok(Value::string(r))
    });
    add_method(&c, "format_map", |vm, a| {
        let s = this(&a)?;
        let m = a.pos.get(1).cloned().unwrap_or(Value::None);
        let r = super::strformat::str_format(vm, s.as_str(), &[], &m)?;
        Ok(Value::string(r))
    });
    add_method(&c, "encode", |_vm, a| {
        let s = this(&a)?;
        Ok(Value::Bytes(s.as_str().as_bytes().to_vec().into()))
    });
    add_method(&c, "expandtabs", |vm, a| {
        let s = this(&a)?;
        let size = match a.pos.get(1) {
            Some(v) => vm.as_ssize(v)?,
            None => 8,
        };
        let mut out = String::new();
        let mut col = 0i64;
        for ch in s.as_str().chars() {
            match ch {
                '\t' => {
                    if size > 0 {
                        let n = size - col % size;
                        out.extend(std::iter::repeat_n(' ', n as usize));
                        col += n;
                    }
                }
                '\n' | '\r' => {
                    out.push(ch);
                    col = 0;
                }
                _ => {
                    out.push(ch);
                    col += 1;
                }
            }
        }
        Ok(Value::string(out))
    });
    add_method(&c, "removeprefix", |_vm, a| {
        let s = this(&a)?;
        let p = need_str(a.pos.get(1), "removeprefix() argument must be str")?;
        Ok(match s.as_str().strip_prefix(p.as_str()) {
            Some(r) => Value::str(r),
            None => Value::Str(s),
        })
    });
    add_method(&c, "removesuffix", |_vm, a| {
        let s = this(&a)?;
        let p = need_str(a.pos.get(1), "removesuffix() argument must be str")?;
        Ok(match s.as_str().strip_suffix(p.as_str()) {
            Some(r) => Value::str(r),
            None => Value::Str(s),
        })
    });
    add_method(&c, "__len__", |_vm, a| Ok(Value::int(this(&a)?.char_len() as i64)));
    add_method(&c, "__str__", |_vm, a| Ok(Value::Str(this(&a)?)));
    add_method(&c, "__repr__", |_vm, a| {
        Ok(Value::string(super::repr::str_repr(this(&a)?.as_str())))
    });
    add_method(&c, "__hash__", |_vm, a| Ok(Value::int(this(&a)?.hash())));
    add_method(&c, "__eq__", |_vm, a| {
        let s = this(&a)?;
        Ok(match a.pos.get(1) {
            Some(Value::Str(o)) => Value::Bool(s.as_str() == o.as_str()),
            _ => Value::NotImplemented,
        })
    });
    add_method(&c, "__contains__", |_vm, a| {
        let s = this(&a)?;
        let sub = need_str(a.pos.get(1), "'in <string>' requires string as left operand")?;
        Ok(Value::Bool(s.as_str().contains(sub.as_str())))
    });
    add_method(&c, "__getitem__", |vm, a| {
        let s = a.pos.first().cloned().unwrap_or(Value::None);
        let k = a.pos.get(1).cloned().unwrap_or(Value::None);
        vm.getitem_sync(&s, &k)
    });
    add_method(&c, "__add__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        if !matches!(y, Value::Str(_)) {
            return Ok(Value::NotImplemented);
        }
        vm.binary_sync(crate::compile::code::BinOp::Add, x, y)
    });
    add_method(&c, "__mod__", |vm, a| {
        let s = this(&a)?;
        let y = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::string(super::strformat::percent_format(vm, s.as_str(), &y)?))
    });
    add_method(&c, "__format__", |vm, a| {
        let s = this(&a)?;
        let spec = a.pos.get(1).and_then(|v| v.as_str().map(|x| x.to_string())).unwrap_or_default();
        Ok(Value::string(vm.format(&Value::Str(s), &spec)?))
    });
    add_method(&c, "maketrans", |vm, a| {
        // str.maketrans(x[, y[, z]]) as a static method: the first
        // positional may be the str class's instance when called on one.
        let args: Vec<Value> = a.pos.clone();
        let d = std::rc::Rc::new(std::cell::RefCell::new(crate::objects::dict::Dict::new()));
        match args.as_slice() {
            [Value::Dict(src)] => {
                for (k, v) in src.borrow().items() {
                    let k = match k {
                        Value::Str(s) => {
                            Value::int(s.as_str().chars().next().map(|c| c as i64).unwrap_or(0))
                        }
                        k => k,
                    };
                    vm.dict_set(&d, k, v)?;
                }
            }
            [Value::Str(x), Value::Str(y), rest @ ..] => {
                if x.char_len() != y.char_len() {
                    return Err(value_error(
                        "the first two maketrans arguments must have equal length",
                    ));
                }
                for (p, q) in x.as_str().chars().zip(y.as_str().chars()) {
                    vm.dict_set(&d, Value::int(p as i64), Value::int(q as i64))?;
                }
                if let Some(Value::Str(z)) = rest.first() {
                    for p in z.as_str().chars() {
                        vm.dict_set(&d, Value::int(p as i64), Value::None)?;
                    }
                }
            }
            _ => return Err(type_error("maketrans() argument error")),
        }
        Ok(Value::Dict(d))
    });
    add_method(&c, "translate", |vm, a| {
        let s = this(&a)?;
        let table = a.pos.get(1).cloned().unwrap_or(Value::None);
        let mut out = String::new();
        for ch in s.as_str().chars() {
            let r = match vm.getitem_sync(&table, &Value::int(ch as i64)) {
                Ok(v) => Some(v),
                Err(e)
                    if e.is_instance(&crate::objects::types::types().key_error)
                        || e.is_instance(&crate::objects::types::types().index_error) =>
                {
                    None
                }
                Err(e) => return Err(e),
            };
            match r {
                None => out.push(ch),
                Some(Value::None) => {}
                Some(Value::Int(i)) => {
                    if let Some(c) = i.to_i64().and_then(|v| char::from_u32(v as u32)) {
                        out.push(c)
                    }
                }
                Some(Value::Str(t)) => out.push_str(t.as_str()),
                Some(_) => {
                    return Err(type_error("character mapping must return integer, None or str"))
                }
            }
        }
        Ok(Value::string(out))
    });
    let b = t.bytes.clone();
    add_method(&b, "decode", |_vm, a| match a.pos.first() {
        Some(Value::Bytes(b)) => match String::from_utf8(b.to_vec()) {
            Ok(s) => Ok(Value::string(s)),
            Err(_) => Err(value_error("'utf-8' codec can't decode bytes")),
        },
        _ => Err(type_error("decode() needs bytes")),
    });
    add_method(&b, "hex", |_vm, a| match a.pos.first() {
        Some(Value::Bytes(b)) => Ok(Value::string(b.iter().map(|c| format!("{c:02x}")).collect())),
        _ => Err(type_error("hex() needs bytes")),
    });
}
