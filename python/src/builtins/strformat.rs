//! String formatting: `"%5.2f" % x` (printf style) and `str.format`.

use crate::objects::exc::{index_error, key_error, type_error, value_error};
use crate::objects::types::type_name;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use asyncpy_num::{Int, PercentSpec};

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let (items, mapping): (Vec<Value>, Option<Value>) = match args {
        Value::Tuple(t) => (t.to_vec(), None),
        // PyMapping_Check: anything with __getitem__ other than a tuple or
        // a str (a list, a range, bytes too) is "the mapping".
        Value::Dict(_) | Value::List(_) | Value::Range(_) | Value::Bytes(_) => {
            (vec![args.clone()], Some(args.clone()))
        }
        Value::Instance(_)
            if vm.lookup_special(args, "__getitem__").is_some()
                && !matches!(args, Value::Str(_)) =>
        {
            (vec![args.clone()], Some(args.clone()))
        }
        other => (vec![other.clone()], None),
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut next = 0usize;
    let mut used_mapping = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let mut key: Option<String> = None;
        if chars[i] == '(' {
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '(' {
                    depth += 1;
                } else if chars[j] == ')' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            key = Some(chars[i + 1..j - 1].iter().collect());
            i = j;
        }
        let mut spec = PercentSpec::default();
        while i < chars.len() {
            match chars[i] {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let take_arg = |vm: &mut Vm, next: &mut usize| -> PyResult<Value> {
            let _ = vm;
            if *next >= items.len() {
                return Err(type_error("not enough arguments for format string"));
            }
            *next += 1;
            Ok(items[*next - 1].clone())
        };
        if i < chars.len() && chars[i] == '*' {
            let v = take_arg(vm, &mut next)?;
            let w = match v {
                Value::Int(n) => n.to_i64().unwrap_or(0),
                _ => return Err(type_error("* wants int")),
            };
            if w < 0 {
                spec.left = true;
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let mut w = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                w.push(chars[i]);
                i += 1;
            }
            if !w.is_empty() {
                spec.width = w.parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let v = take_arg(vm, &mut next)?;
                spec.precision = match v {
                    Value::Int(n) => Some(n.to_i64().unwrap_or(0).max(0) as usize),
                    _ => return Err(type_error("* wants int")),
                };
                i += 1;
            } else {
                let mut p = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p.push(chars[i]);
                    i += 1;
                }
                spec.precision = Some(p.parse().unwrap_or(0));
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        spec.conv = conv;
        let arg = match &key {
            Some(k) => {
                let Some(m) = &mapping else {
                    return Err(type_error("format requires a mapping"));
                };
                used_mapping = true;
                vm.getitem_sync(m, &Value::str(k))?
            }
            None => take_arg(vm, &mut next)?,
        };
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => vm.str_of(&arg)?,
                    'r' => vm.repr(&arg)?,
                    _ => super::ascii_of(&vm.repr(&arg)?),
                };
                asyncpy_num::format::percent_format_str(&s, &spec)
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let n = match &arg {
                    Value::Int(n) => n.clone(),
                    Value::Bool(b) => Int::Small(*b as i64),
                    Value::Float(f) => {
                        if conv == 'd' || conv == 'i' || conv == 'u' {
                            Int::from_f64(*f).map_err(crate::objects::exc::num_error)?
                        } else {
                            return Err(type_error(format!(
                                "%{conv} format: an integer is required, not float"
                            )));
                        }
                    }
                    other => {
                        let what = if matches!(conv, 'o' | 'x' | 'X') {
                            "an integer is required"
                        } else {
                            "a real number is required"
                        };
                        return Err(type_error(format!(
                            "%{conv} format: {what}, not {}",
                            type_name(other)
                        )));
                    }
                };
                asyncpy_num::percent_format_int(&n, &spec)
                    .map_err(crate::objects::exc::num_error)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match &arg {
                    Value::Float(f) => *f,
                    Value::Int(n) => n.to_f64().map_err(crate::objects::exc::num_error)?,
                    Value::Bool(b) => *b as i64 as f64,
                    other => {
                        return Err(type_error(format!(
                            "must be real number, not {}",
                            type_name(other)
                        )))
                    }
                };
                asyncpy_num::percent_format_float(f, &spec)
                    .map_err(crate::objects::exc::num_error)?
            }
            'c' => {
                let s = match &arg {
                    Value::Int(n) => match n.to_i64().and_then(|v| char::from_u32(v as u32)) {
                        Some(c) => c.to_string(),
                        None => {
                            return Err(crate::objects::exc::overflow_error(
                                "%c arg not in range(0x110000)",
                            ))
                        }
                    },
                    Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                    _ => return Err(type_error("%c requires int or char")),
                };
                asyncpy_num::format::percent_format_str(
                    &s,
                    &PercentSpec { precision: None, ..spec.clone() },
                )
            }
            other => {
                return Err(value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other,
                    other as u32,
                    i - 1
                )));
            }
        };
        let _ = start;
        out.push_str(&piece);
    }
    if mapping.is_none() && next < items.len() {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    let _ = used_mapping;
    Ok(out)
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &mut Vm, fmt: &str, args: &[Value], kwargs: &Value) -> PyResult<String> {
    let mut auto = 0usize;
    let mut mode = 0u8; // 0 unknown, 1 auto, 2 manual
    format_inner(vm, fmt, args, kwargs, &mut auto, &mut mode, 0)
}

fn format_inner(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kwargs: &Value,
    auto: &mut usize,
    mode: &mut u8,
    depth: usize,
) -> PyResult<String> {
    if depth > 2 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if i + 1 < chars.len() && chars[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (nested braces in the spec).
            let mut j = i + 1;
            let mut level = 1;
            while j < chars.len() {
                if chars[j] == '{' {
                    level += 1;
                } else if chars[j] == '}' {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(value_error("expected '}' before end of string"));
            }
            let field: String = chars[i + 1..j].iter().collect();
            out.push_str(&format_field(vm, &field, args, kwargs, auto, mode, depth)?);
            i = j + 1;
        } else if c == '}' {
            if i + 1 < chars.len() && chars[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn format_field(
    vm: &mut Vm,
    field: &str,
    args: &[Value],
    kwargs: &Value,
    auto: &mut usize,
    mode: &mut u8,
    depth: usize,
) -> PyResult<String> {
    // field_name [! conv] [: spec]
    let mut name_end = field.len();
    let mut conv: Option<char> = None;
    let mut spec = String::new();
    let mut bracket = false;
    for (idx, ch) in field.char_indices() {
        match ch {
            '[' => bracket = true,
            ']' => bracket = false,
            '!' | ':' if !bracket => {
                name_end = idx;
                break;
            }
            _ => {}
        }
    }
    let rest = &field[name_end..];
    let mut rest_chars = rest.chars();
    if rest.starts_with('!') {
        rest_chars.next();
        conv = rest_chars.next();
        let after: String = rest_chars.collect();
        if let Some(s) = after.strip_prefix(':') {
            spec = s.to_string();
        } else if !after.is_empty() {
            return Err(value_error("expected ':' after conversion specifier"));
        }
    } else if let Some(s) = rest.strip_prefix(':') {
        spec = s.to_string();
    }
    let name = &field[..name_end];
    // The first part: index or keyword.
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        if *mode == 2 {
            return Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        *mode = 1;
        let idx = *auto;
        *auto += 1;
        match args.get(idx) {
            Some(v) => v.clone(),
            None => {
                return Err(index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )))
            }
        }
    } else if let Ok(idx) = first.parse::<usize>() {
        if *mode == 1 {
            return Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *mode = 2;
        match args.get(idx) {
            Some(v) => v.clone(),
            None => {
                return Err(index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )))
            }
        }
    } else {
        match kwargs {
            Value::Dict(d) => match vm.dict_get(d, &Value::str(first))? {
                Some(v) => v,
                None => return Err(key_error(Value::str(first))),
            },
            _ => return Err(key_error(Value::str(first))),
        }
    };
    // .attr and [key] parts.
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            value = vm.get_attr(&value, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or_else(|| value_error("Missing ']' in format string"))?;
            let k = &r[..end];
            let key = match k.parse::<i64>() {
                Ok(n) => Value::int(n),
                Err(_) => Value::str(k),
            };
            value = vm.getitem_sync(&value, &key)?;
            rest = &r[end + 1..];
        } else {
            return Err(value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let value = match conv {
        None => value,
        Some('s') => Value::string(vm.str_of(&value)?),
        Some('r') => Value::string(vm.repr(&value)?),
        Some('a') => Value::string(super::ascii_of(&vm.repr(&value)?)),
        Some(c) => return Err(value_error(format!("Unknown conversion specifier {c}"))),
    };
    let spec = if spec.contains('{') {
        format_inner(vm, &spec, args, kwargs, auto, mode, depth + 1)?
    } else {
        spec
    };
    vm.format(&value, &spec)
}
