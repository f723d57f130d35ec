//! The format-spec mini-language (`format(x, spec)`, `f"{x:spec}"`,
//! `str.format`) for ints, floats and strings, and `printf`-style `%`
//! conversions, with CPython 3.11's results and error messages.
//!
//! The structure follows CPython's `Python/formatter_unicode.c`: a spec is
//! parsed once (`Spec`), then a number is split into sign, prefix, digits
//! and remainder (`.5e+10`, `%`) and laid out by the same width rule
//! (`calc_number_widths`) and the same grouping routine, which also does
//! zero padding (`format(1234, '08,') == '0,001,234'`).

use crate::float::{layout, Layout};
use crate::int::Int;
use crate::{overflow_err, value_err, NumError, NumResult};

/// Widths and precisions above this are refused with `MemoryError` rather
/// than allocating (`f"{1:{10**9}}"`).
pub const MAX_FORMAT_WIDTH: usize = 1 << 24;

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping]
/// [.precision][type]`.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: char,
    sign: Option<char>,
    no_neg_0: bool,
    alt: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: char,
}

/// Reads a decimal count; CPython's error when it overflows `Py_ssize_t`.
fn read_count(chars: &[char], pos: &mut usize) -> NumResult<Option<usize>> {
    let start = *pos;
    let mut v: u64 = 0;
    let mut overflow = false;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        match v.checked_mul(10).and_then(|x| x.checked_add(d as u64)) {
            Some(x) if x <= i64::MAX as u64 => v = x,
            _ => overflow = true,
        }
        *pos += 1;
    }
    if overflow {
        return value_err("Too many decimal digits in format string");
    }
    if *pos == start {
        return Ok(None);
    }
    if v as usize > MAX_FORMAT_WIDTH {
        return Err(NumError::Memory);
    }
    Ok(Some(v as usize))
}

/// "Unknown format code 'x' for object of type 't'".
fn unknown_code<T>(ty: char, type_name: &str) -> NumResult<T> {
    let c = ty as u32;
    if c > 32 && c < 128 {
        value_err(format!("Unknown format code '{ty}' for object of type '{type_name}'"))
    } else {
        value_err(format!("Unknown format code '\\x{c:x}' for object of type '{type_name}'"))
    }
}

impl Spec {
    /// CPython's `parse_internal_render_format_spec`.
    fn parse(
        spec: &str,
        default_type: char,
        default_align: char,
        type_name: &str,
    ) -> NumResult<Spec> {
        let chars: Vec<char> = spec.chars().collect();
        let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
        let mut s = Spec {
            fill: ' ',
            align: default_align,
            sign: None,
            no_neg_0: false,
            alt: false,
            width: None,
            grouping: None,
            precision: None,
            ty: default_type,
        };
        let mut pos = 0;
        let mut fill_given = false;
        let mut align_given = false;
        if chars.len() >= 2 && is_align(chars[1]) {
            s.fill = chars[0];
            s.align = chars[1];
            fill_given = true;
            align_given = true;
            pos = 2;
        } else if !chars.is_empty() && is_align(chars[0]) {
            s.align = chars[0];
            align_given = true;
            pos = 1;
        }
        if let Some(&c) = chars.get(pos) {
            if matches!(c, '+' | '-' | ' ') {
                s.sign = Some(c);
                pos += 1;
            }
        }
        if chars.get(pos) == Some(&'z') {
            s.no_neg_0 = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            s.alt = true;
            pos += 1;
        }
        if !fill_given && chars.get(pos) == Some(&'0') {
            s.fill = '0';
            if !align_given && default_align == '>' {
                s.align = '=';
            }
            pos += 1;
        }
        s.width = read_count(&chars, &mut pos)?;
        if chars.get(pos) == Some(&',') {
            s.grouping = Some(',');
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if s.grouping.is_some() {
                return value_err("Cannot specify both ',' and '_'.");
            }
            s.grouping = Some('_');
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && s.grouping == Some('_') {
            return value_err("Cannot specify both ',' and '_'.");
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            s.precision = read_count(&chars, &mut pos)?;
            if s.precision.is_none() {
                return value_err("Format specifier missing precision");
            }
        }
        if chars.len() - pos > 1 {
            return value_err(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            ));
        }
        if let Some(&c) = chars.get(pos) {
            s.ty = c;
        }
        if let Some(g) = s.grouping {
            let ok = match s.ty {
                'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => true,
                'b' | 'o' | 'x' | 'X' => g == '_',
                _ => false,
            };
            if !ok {
                let c = s.ty as u32;
                return if c > 32 && c < 128 {
                    value_err(format!("Cannot specify '{g}' with '{}'.", s.ty))
                } else {
                    value_err(format!("Cannot specify '{g}' with '\\x{c:x}'."))
                };
            }
        }
        Ok(s)
    }
}

/// Inserts the grouping separator every `group` digits of `digits` and pads
/// with zeros up to `min_width` characters, as CPython's
/// `_PyUnicode_InsertThousandsGrouping` does (a group never starts with
/// the separator: `format(1234, '08,') == '0,001,234'`).
fn group_digits(digits: &str, sep: Option<char>, group: usize, min_width: i64) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width;
    let mut pieces: Vec<String> = Vec::new();
    let piece = |remaining: i64, l: i64| -> String {
        let zeros = (l - remaining).max(0);
        let n = remaining.min(l).max(0);
        let start = (remaining - n) as usize;
        let mut p: String = std::iter::repeat_n('0', zeros as usize).collect();
        p.extend(&d[start..remaining as usize]);
        p
    };
    match sep {
        None => {
            let l = remaining.max(min_width).max(1);
            pieces.push(piece(remaining, l));
        }
        Some(_) => {
            let g = group as i64;
            loop {
                let l = g.min(remaining.max(min_width).max(1));
                pieces.push(piece(remaining, l));
                let n = remaining.min(l).max(0);
                remaining -= n;
                min_width -= l;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
    }
    pieces.reverse();
    let sep_s = sep.map(String::from).unwrap_or_default();
    pieces.join(&sep_s)
}

/// A number split for layout: `sign` (`-` or none), `prefix` (`0x`),
/// `digits` (the integer part, grouped and zero-padded), `decimal` (whether
/// a `.` follows) and `rest` (fraction, exponent, `%`, or a whole `inf`).
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    decimal: bool,
    rest: &'a str,
}

/// CPython's `calc_number_widths` + `fill_number`.
fn layout_number(p: &NumberParts, s: &Spec, group: usize, upper: bool) -> String {
    let sign = match (s.sign, p.negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let n_sign = sign.is_some() as i64;
    let n_prefix = p.prefix.chars().count() as i64;
    let n_decimal = p.decimal as i64;
    let n_rest = p.rest.chars().count() as i64;
    let non_digits = n_sign + n_prefix + n_decimal + n_rest;
    let width = s.width.map_or(-1, |w| w as i64);
    let min_width = if s.fill == '0' && s.align == '=' { width - non_digits } else { 0 };
    let sep = match s.ty {
        'n' => None,
        _ => s.grouping,
    };
    let grouped = if p.digits.is_empty() {
        String::new()
    } else {
        group_digits(p.digits, sep, group, min_width)
    };
    let n_grouped = grouped.chars().count() as i64;
    let padding = (width - (non_digits + n_grouped)).max(0) as usize;
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    match s.align {
        '<' => rpad = padding,
        '^' => {
            lpad = padding / 2;
            rpad = padding - lpad;
        }
        '=' => spad = padding,
        _ => lpad = padding,
    }
    // 'X' upper-cases the prefix and the digits, not the padding.
    let (prefix, grouped) = if upper {
        (p.prefix.to_uppercase(), grouped.to_uppercase())
    } else {
        (p.prefix.to_string(), grouped)
    };
    let mut out = String::with_capacity(padding + (n_grouped + non_digits) as usize);
    out.extend(std::iter::repeat_n(s.fill, lpad));
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(&prefix);
    out.extend(std::iter::repeat_n(s.fill, spad));
    out.push_str(&grouped);
    if p.decimal {
        out.push('.');
    }
    out.push_str(p.rest);
    out.extend(std::iter::repeat_n(s.fill, rpad));
    out
}

/// `format(i, spec)` for an `int` (types b c d o x X n e E f F g G % and
/// none; the float types convert the int to a float first, with
/// OverflowError "int too large to convert to float").
pub fn format_int(i: &Int, spec: &str) -> NumResult<String> {
    format_int_as(i, spec, "int")
}

/// [`format_int`] for an int subclass: `type_name` appears in the error
/// messages ("... for object of type 'bool'"). An empty spec gives the
/// decimal digits (a `bool` caller handles `format(True, '')` itself).
pub fn format_int_as(i: &Int, spec: &str, type_name: &str) -> NumResult<String> {
    if spec.is_empty() {
        return i.to_str_radix(10);
    }
    let s = Spec::parse(spec, 'd', '>', type_name)?;
    match s.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float_spec(i.to_f64()?, &s),
        t => return unknown_code(t, type_name),
    }
    if s.precision.is_some() {
        return value_err("Precision not allowed in integer format specifier");
    }
    if s.no_neg_0 {
        return value_err("Negative zero coercion (z) not allowed in integer format specifier");
    }
    if s.ty == 'c' {
        if s.sign.is_some() {
            return value_err("Sign not allowed with integer format specifier 'c'");
        }
        if s.alt {
            return value_err("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        let ch = char_of(i)?;
        let text = ch.to_string();
        let parts =
            NumberParts { negative: false, prefix: "", digits: "", decimal: false, rest: &text };
        return Ok(layout_number(&parts, &s, 3, false));
    }
    let (radix, prefix, group) = match s.ty {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' | 'X' => (16, "0x", 4),
        _ => (10, "", 3),
    };
    let text = i.to_str_radix(radix)?;
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let parts = NumberParts {
        negative: i.is_negative(),
        prefix: if s.alt { prefix } else { "" },
        digits,
        decimal: false,
        rest: "",
    };
    Ok(layout_number(&parts, &s, group, s.ty == 'X'))
}

/// The character of `%c` / `{:c}`: OverflowError "Python int too large to
/// convert to C long" or "%c arg not in range(0x110000)".
fn char_of(i: &Int) -> NumResult<char> {
    let v = match i.to_i64() {
        Some(v) => v,
        None => return overflow_err("Python int too large to convert to C long"),
    };
    match u32::try_from(v).ok().filter(|&v| v <= 0x10ffff) {
        // Surrogates cannot be a Rust char; U+FFFD stands in for them.
        Some(c) => Ok(char::from_u32(c).unwrap_or('\u{fffd}')),
        None => overflow_err("%c arg not in range(0x110000)"),
    }
}

/// `format(x, spec)` for a `float` (types e E f F g G n % and none).
pub fn format_float(x: f64, spec: &str) -> NumResult<String> {
    if spec.is_empty() {
        return Ok(crate::float_repr(x));
    }
    let s = Spec::parse(spec, '\0', '>', "float")?;
    match s.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_spec(x, &s),
        t => unknown_code(t, "float"),
    }
}

/// CPython's `format_float_internal`.
fn format_float_spec(x: f64, s: &Spec) -> NumResult<String> {
    let mut lay = Layout { alt: s.alt, no_neg_0: s.no_neg_0, ..Layout::default() };
    let mut ty = s.ty;
    let mut default_precision = 6;
    if ty == '\0' {
        lay.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        pct = true;
    }
    let precision = match s.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    lay.upper = ty.is_ascii_uppercase();
    lay.code = ty.to_ascii_lowercase() as u8;
    lay.precision = precision;
    let mut text = layout(val, lay);
    if pct {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text.as_str()),
    };
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after) = body.split_at(int_len);
    let (decimal, rest) = match after.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, after),
    };
    let parts = NumberParts { negative, prefix: "", digits, decimal, rest };
    Ok(layout_number(&parts, s, 3, false))
}

/// `format(s, spec)` for a `str` (type s or none: fill, alignment, width,
/// precision as a maximum length in characters).
pub fn format_str(text: &str, spec: &str) -> NumResult<String> {
    if spec.is_empty() {
        return Ok(text.to_string());
    }
    let s = Spec::parse(spec, 's', '<', "str")?;
    if s.ty != 's' {
        return unknown_code(s.ty, "str");
    }
    match s.sign {
        Some(' ') => return value_err("Space not allowed in string format specifier"),
        Some(_) => return value_err("Sign not allowed in string format specifier"),
        None => {}
    }
    if s.no_neg_0 {
        return value_err("Negative zero coercion (z) not allowed in string format specifier");
    }
    if s.alt {
        return value_err("Alternate form (#) not allowed in string format specifier");
    }
    if s.align == '=' {
        return value_err("'=' alignment not allowed in string format specifier");
    }
    let len = text.chars().count();
    let shown = s.precision.map_or(len, |p| p.min(len));
    let body: String =
        if shown < len { text.chars().take(shown).collect() } else { text.to_string() };
    let total = s.width.map_or(shown, |w| w.max(shown));
    let lpad = match s.align {
        '>' => total - shown,
        '^' => (total - shown) / 2,
        _ => 0,
    };
    let rpad = total - shown - lpad;
    let mut out = String::with_capacity(body.len() + lpad + rpad);
    out.extend(std::iter::repeat_n(s.fill, lpad));
    out.push_str(&body);
    out.extend(std::iter::repeat_n(s.fill, rpad));
    Ok(out)
}

/// Python's `repr()` of a `str`: single quotes unless the text has a single
/// quote and no double quote; `\\`, `\n`, `\r`, `\t`, `\xNN`, `\uNNNN` and
/// `\UNNNNNNNN` escapes for what is not printable. Printability of
/// non-ASCII characters is approximated without Unicode tables: C1
/// controls, non-ASCII spaces, format characters, separators and private
/// use are escaped; every other character is shown as is.
pub fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
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
            c if (c as u32) < 0x7f || is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one non-ASCII character, approximately (see
/// [`str_repr`]).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    !matches!(u,
        0x80..=0xa0 | 0xad | 0x34f | 0x61c | 0x115f..=0x1160 | 0x1680 | 0x180e
        | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x206f | 0x3000 | 0x3164
        | 0xd800..=0xf8ff | 0xfe00..=0xfe0f | 0xfeff | 0xffa0 | 0xfff0..=0xfffb
        | 0xfffe..=0xffff | 0xe0000..=0xe0fff | 0xf0000..)
}

/// One `%` conversion of a `printf`-style format: `%-+ #0` flags, width,
/// precision and the conversion character. [`parse_percent`] reads one from
/// a format string; the VM resolves `*` from the arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PercentSpec {
    /// `-`: left-align in the width.
    pub left: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space before non-negative numbers.
    pub space: bool,
    /// `0`: pad numbers with zeros after the sign.
    pub zero: bool,
    /// `#`: alternate form (`0x`, `0o`, a kept decimal point).
    pub alt: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// Precision (`.n`).
    pub precision: Option<usize>,
    /// The conversion: one of `d i u o x X e E f F g G c s r a %`.
    pub conv: char,
}

/// A width or precision in a `%` format: a number or `*` (taken from the
/// arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentCount {
    /// Not given.
    None,
    /// `*`: the next argument, an int (a negative width means `-`).
    Star,
    /// A number written in the format.
    Value(usize),
}

/// One `%...` item of a format string as [`parse_percent`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentItem {
    /// `%(key)`: the mapping key, if any.
    pub key: Option<String>,
    /// The flags and conversion (width and precision filled in when written
    /// as numbers).
    pub spec: PercentSpec,
    /// The width as written.
    pub width: PercentCount,
    /// The precision as written.
    pub precision: PercentCount,
}

/// Reads one conversion of a `%` format. `chars` is the whole format and
/// `start` the index just after a `%`; returns the item and the index after
/// it. ValueError "incomplete format", "incomplete format key",
/// "unsupported format character 'y' (0x79) at index 1" (index in
/// characters). `%%` is returned with `conv == '%'` (CPython accepts flags
/// and a width there but prints a single `%`).
pub fn parse_percent(chars: &[char], start: usize) -> NumResult<(PercentItem, usize)> {
    let mut pos = start;
    let mut item = PercentItem {
        key: None,
        spec: PercentSpec::default(),
        width: PercentCount::None,
        precision: PercentCount::None,
    };
    if chars.get(pos) == Some(&'(') {
        let mut depth = 1;
        let key_start = pos + 1;
        pos += 1;
        while depth > 0 {
            match chars.get(pos) {
                None => return value_err("incomplete format key"),
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                _ => {}
            }
            pos += 1;
        }
        item.key = Some(chars[key_start..pos - 1].iter().collect());
    }
    loop {
        match chars.get(pos) {
            Some('-') => item.spec.left = true,
            Some('+') => item.spec.plus = true,
            Some(' ') => item.spec.space = true,
            Some('#') => item.spec.alt = true,
            Some('0') => item.spec.zero = true,
            _ => break,
        }
        pos += 1;
    }
    let count = |pos: &mut usize, what: &str| -> NumResult<PercentCount> {
        if chars.get(*pos) == Some(&'*') {
            *pos += 1;
            return Ok(PercentCount::Star);
        }
        let mut v: usize = 0;
        let mut any = false;
        while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
            v = match v.checked_mul(10).and_then(|x| x.checked_add(d as usize)) {
                Some(x) if x <= i32::MAX as usize => x,
                _ => return value_err(format!("{what} too big")),
            };
            any = true;
            *pos += 1;
        }
        Ok(if any { PercentCount::Value(v) } else { PercentCount::None })
    };
    item.width = count(&mut pos, "width")?;
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        item.precision = count(&mut pos, "precision")?;
        if item.precision == PercentCount::None {
            item.precision = PercentCount::Value(0);
        }
    }
    // Length modifiers are accepted and ignored, as CPython does.
    while matches!(chars.get(pos), Some('h' | 'l' | 'L')) {
        pos += 1;
    }
    let conv = match chars.get(pos) {
        None => return value_err("incomplete format"),
        Some(&c) => c,
    };
    if !matches!(
        conv,
        'd' | 'i'
            | 'u'
            | 'o'
            | 'x'
            | 'X'
            | 'e'
            | 'E'
            | 'f'
            | 'F'
            | 'g'
            | 'G'
            | 'c'
            | 's'
            | 'r'
            | 'a'
            | '%'
    ) {
        let shown = if (31..=126).contains(&(conv as u32)) { conv.to_string() } else { "?".into() };
        return value_err(format!(
            "unsupported format character '{shown}' (0x{:x}) at index {pos}",
            conv as u32
        ));
    }
    if let PercentCount::Value(w) = item.width {
        item.spec.width = Some(w);
    }
    if let PercentCount::Value(p) = item.precision {
        item.spec.precision = Some(p);
    }
    item.spec.conv = conv;
    Ok((item, pos + 1))
}

/// Pads a formatted number as CPython's `unicode_format_arg_output` does:
/// the sign (from the text, or `+`/` ` flags), the `0x`/`0o` prefix, then
/// zeros (flag `0`) or spaces to the width.
fn percent_pad_number(text: &str, spec: &PercentSpec) -> NumResult<String> {
    let (mut sign, body) = match text.strip_prefix('-') {
        Some(b) => (Some('-'), b),
        None => (None, text),
    };
    if sign.is_none() {
        if spec.plus {
            sign = Some('+');
        } else if spec.space {
            sign = Some(' ');
        }
    }
    let (prefix, digits) = if spec.alt && matches!(spec.conv, 'x' | 'X' | 'o') {
        body.split_at(2.min(body.len()))
    } else {
        ("", body)
    };
    let len = sign.is_some() as usize + prefix.len() + digits.chars().count();
    let width = spec.width.unwrap_or(0);
    if width > MAX_FORMAT_WIDTH {
        return Err(NumError::Memory);
    }
    let pad = width.saturating_sub(len);
    let mut out = String::with_capacity(len + pad);
    if spec.left {
        out.extend(sign);
        out.push_str(prefix);
        out.push_str(digits);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if spec.zero {
        out.extend(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.extend(sign);
        out.push_str(prefix);
        out.push_str(digits);
    }
    Ok(out)
}

/// `"%<spec>" % i` for an int argument: `d i u o x X` (precision is a
/// minimum digit count), `c` (the character), and `e E f F g G` (the int
/// converted to a float).
pub fn percent_format_int(i: &Int, spec: &PercentSpec) -> NumResult<String> {
    let (radix, prefix) = match spec.conv {
        'd' | 'i' | 'u' => (10, ""),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'c' => {
            let c = char_of(i)?;
            return Ok(percent_format_str(
                &c.to_string(),
                &PercentSpec { precision: None, ..spec.clone() },
            ));
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => return percent_format_float(i.to_f64()?, spec),
        c => return value_err(format!("%{c} format: an int is not accepted")),
    };
    let text = i.to_str_radix(radix)?;
    let mut digits = text.strip_prefix('-').unwrap_or(&text).to_string();
    if spec.conv == 'X' {
        digits = digits.to_uppercase();
    }
    if let Some(p) = spec.precision {
        if p > MAX_FORMAT_WIDTH {
            return Err(NumError::Memory);
        }
        if digits.len() < p {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    let mut full = String::new();
    if i.is_negative() {
        full.push('-');
    }
    if spec.alt {
        full.push_str(prefix);
    }
    full.push_str(&digits);
    percent_pad_number(&full, spec)
}

/// `"%<spec>" % x` for a float argument: `e E f F g G` (default precision
/// 6), and `d i u` (truncated to an int). `o x X c` with a float are a
/// TypeError in CPython ("%x format: an integer is required, not float"),
/// which the VM raises before calling; here they are a ValueError with that
/// message.
pub fn percent_format_float(x: f64, spec: &PercentSpec) -> NumResult<String> {
    match spec.conv {
        'd' | 'i' | 'u' => return percent_format_int(&Int::from_f64(x)?, spec),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {}
        c => return value_err(format!("%{c} format: an integer is required, not float")),
    }
    let precision = spec.precision.unwrap_or(6);
    if precision > MAX_FORMAT_WIDTH {
        return Err(NumError::Memory);
    }
    let lay = Layout {
        code: spec.conv.to_ascii_lowercase() as u8,
        precision,
        upper: spec.conv.is_ascii_uppercase(),
        alt: spec.alt,
        ..Layout::default()
    };
    let text = layout(x, lay);
    percent_pad_number(&text, spec)
}

/// `"%<spec>" % s` for `%s`, `%r`, `%a` and `%c` once the VM has made the
/// string: precision truncates (in characters), width pads with spaces
/// (on the right with `-`). Widths beyond [`MAX_FORMAT_WIDTH`] are capped.
pub fn percent_format_str(text: &str, spec: &PercentSpec) -> String {
    let len = text.chars().count();
    let shown = spec.precision.map_or(len, |p| p.min(len));
    let body: String =
        if shown < len { text.chars().take(shown).collect() } else { text.to_string() };
    let pad = spec.width.unwrap_or(0).min(MAX_FORMAT_WIDTH).saturating_sub(shown);
    let mut out = String::with_capacity(body.len() + pad);
    if spec.left {
        out.push_str(&body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(&body);
    }
    out
}
