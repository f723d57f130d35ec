//! Exceptions in flight: finding the handler (unwinding frames), implicit
//! chaining (`__context__`), `except` matching including `except*` on
//! exception groups, and the traceback text CPython prints.

use super::frame::Exit;
use super::{Halt, PyResult, Vm};
use crate::objects::class::Layout;
use crate::objects::exc::{type_error, Exc, TbEntry};
use crate::objects::func::Args;
use crate::objects::types::types;
use crate::value::Value;

impl Vm {
    /// Raises `exc` in the top frame: jumps to its handler, or ends the
    /// frame and raises in the frame below, and so on.
    pub fn handle_error(&mut self, exc: Exc, add_tb: bool) -> Result<(), Halt> {
        if exc.is_instance(&types().stopped) {
            return Err(Halt::Stopped);
        }
        let mut exc = exc;
        let mut add_tb = add_tb;
        if add_tb && exc.with(|d| d.traceback.is_empty()).unwrap_or(false) {
            self.set_context(&exc);
        }
        loop {
            let Some(f) = self.frames.last_mut() else {
                self.uncaught = Some(exc);
                self.main_done = true;
                return Ok(());
            };
            if add_tb {
                let entry = TbEntry { code: f.code.clone(), line: f.code.line_at(f.lasti) };
                exc.with_mut(|d| d.traceback.push(entry));
            }
            add_tb = true;
            if let Some(b) = f.blocks.pop() {
                f.values.truncate((b.level as usize).max(f.nlocals));
                f.exc_stack.truncate(b.exc_depth as usize);
                f.values.push(exc.value());
                f.pc = b.handler as usize;
                return Ok(());
            }
            let (cont, exit) = self.pop_frame(Exit::Raise(exc));
            match self.finish(cont, exit) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    if e.is_instance(&types().stopped) {
                        return Err(Halt::Stopped);
                    }
                    exc = e;
                }
            }
        }
    }

    /// Re-raises `exc` without a new traceback line (bare `raise`).
    pub fn reraise(&mut self, exc: Exc) -> PyResult<()> {
        self.skip_tb = true;
        Err(exc)
    }

    /// Implicit chaining: the exception being handled becomes the new
    /// one's `__context__`.
    pub fn set_context(&mut self, exc: &Exc) {
        let Some(cur) = self.current_exception() else { return };
        if cur.same(exc) {
            return;
        }
        // Avoid a cycle through the context chain.
        let mut o = cur.clone();
        for _ in 0..100 {
            let next = o.with(|d| d.context.clone()).unwrap_or(Value::None);
            match Exc::from_value(&next) {
                Some(n) if n.same(exc) => {
                    o.with_mut(|d| d.context = Value::None);
                    break;
                }
                Some(n) => o = n,
                None => break,
            }
        }
        exc.with_mut(|d| d.context = cur.value());
    }

    /// `except T:` matching.
    pub fn exc_matches(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        let Some(e) = Exc::from_value(exc) else { return Ok(false) };
        match typ {
            Value::Class(c) => {
                if c.layout != Layout::Exception {
                    return Err(type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(e.is_instance(c))
            }
            Value::Tuple(t) => {
                for x in t.iter() {
                    if self.exc_matches(exc, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `except* T:`: splits `rest` into (what is left, what matched).
    pub fn eg_match(&mut self, rest: Value, typ: &Value) -> PyResult<(Value, Value)> {
        let Some(e) = Exc::from_value(&rest) else {
            return Ok((Value::None, Value::None));
        };
        if let Value::Class(c) = typ {
            if c.is_subclass(&types().base_exception_group) {
                return Err(type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
        }
        let is_group = e.is_instance(&types().base_exception_group);
        if !is_group {
            if self.exc_matches(&rest, typ)? {
                // A naked exception is wrapped in a group.
                let eg = crate::builtins::exceptions::make_group(self, "", vec![rest.clone()])?;
                if let Some(g) = Exc::from_value(&eg) {
                    let tb = e.with(|d| d.traceback.clone()).unwrap_or_default();
                    g.with_mut(|d| d.traceback = tb);
                }
                return Ok((Value::None, eg));
            }
            return Ok((rest, Value::None));
        }
        let (m, r) = crate::builtins::exceptions::split_group(self, &e, typ)?;
        Ok((r, m))
    }

    /// What to raise after the `except*` clauses: the unhandled rest and
    /// whatever the handlers raised.
    pub fn prep_reraise_star(&mut self, orig: &Value, list: &Value) -> PyResult<Value> {
        let items: Vec<Value> = match list {
            Value::List(l) => l.borrow().iter().filter(|v| !v.is_none()).cloned().collect(),
            _ => Vec::new(),
        };
        if items.is_empty() {
            return Ok(Value::None);
        }
        let Some(orig_e) = Exc::from_value(orig) else {
            return Ok(items[0].clone());
        };
        let leaves = crate::builtins::exceptions::leaves(&orig_e);
        let mut raised = Vec::new();
        let mut reraised_leaves: Vec<Value> = Vec::new();
        for it in items {
            let Some(ie) = Exc::from_value(&it) else { continue };
            let il = crate::builtins::exceptions::leaves(&ie);
            let is_reraise = il.iter().all(|l| leaves.iter().any(|o| o.is(l)));
            if is_reraise {
                reraised_leaves.extend(il);
            } else {
                raised.push(it);
            }
        }
        let keep = if reraised_leaves.is_empty() {
            Value::None
        } else {
            crate::builtins::exceptions::project(self, &orig_e, &reraised_leaves)?
        };
        if raised.is_empty() {
            return Ok(keep);
        }
        if !keep.is_none() {
            raised.push(keep);
        }
        if raised.len() == 1 {
            return Ok(raised.remove(0));
        }
        crate::builtins::exceptions::make_group(self, "", raised)
    }

    /// The text CPython prints for an uncaught exception: the chain of
    /// causes and contexts, each with its traceback; exception groups as
    /// the nested boxes of `traceback.TracebackException.format`.
    pub fn format_exception(&mut self, exc: &Exc) -> String {
        let mut ctx = TbCtx { depth: 0, need_close: false };
        let mut out = String::new();
        self.format_exc_tree(exc, &mut ctx, &mut out);
        out
    }

    /// `TracebackException.format(chain=True, _ctx=ctx)`.
    fn format_exc_tree(&mut self, exc: &Exc, ctx: &mut TbCtx, out: &mut String) {
        const CAUSE: &str =
            "\nThe above exception was the direct cause of the following exception:\n\n";
        const CONTEXT: &str =
            "\nDuring handling of the above exception, another exception occurred:\n\n";
        const MAX_GROUP_WIDTH: usize = 15;
        const MAX_GROUP_DEPTH: usize = 10;
        let mut chain: Vec<(Option<&'static str>, Exc)> = Vec::new();
        let mut cur = Some(exc.clone());
        let mut seen: Vec<Exc> = Vec::new();
        while let Some(e) = cur {
            seen.push(e.clone());
            let (cause, context, suppress) = e
                .with(|d| (d.cause.clone(), d.context.clone(), d.suppress_context))
                .unwrap_or((Value::None, Value::None, false));
            let next = if let Some(c) = Exc::from_value(&cause) {
                Some((CAUSE, c))
            } else if !suppress {
                Exc::from_value(&context).map(|c| (CONTEXT, c))
            } else {
                None
            };
            match next {
                Some((msg, c)) if !seen.iter().any(|s| s.same(&c)) && seen.len() < 100 => {
                    chain.push((Some(msg), e));
                    cur = Some(c);
                }
                _ => {
                    chain.push((None, e));
                    cur = None;
                }
            }
        }
        for (msg, e) in chain.into_iter().rev() {
            if let Some(m) = msg {
                ctx.emit(m, None, out);
            }
            let tb = e.with(|d| d.traceback.clone()).unwrap_or_default();
            let visible: Vec<&TbEntry> = tb.iter().rev().filter(|t| !t.code.internal).collect();
            let stack = self.format_stack(&visible);
            if !e.is_instance(&types().base_exception_group) {
                if !visible.is_empty() {
                    ctx.emit("Traceback (most recent call last):\n", None, out);
                    ctx.emit_stack(&stack, out);
                }
                let only = self.exception_only(&e);
                ctx.emit(&format!("{only}\n"), None, out);
                continue;
            }
            if ctx.depth > MAX_GROUP_DEPTH {
                ctx.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), None, out);
                continue;
            }
            let toplevel = ctx.depth == 0;
            if toplevel {
                ctx.depth += 1;
            }
            if !visible.is_empty() {
                ctx.emit(
                    "Exception Group Traceback (most recent call last):\n",
                    Some(if toplevel { '+' } else { '|' }),
                    out,
                );
                ctx.emit_stack(&stack, out);
            }
            let only = self.exception_only(&e);
            ctx.emit(&format!("{only}\n"), None, out);
            let subs = crate::builtins::exceptions::group_exceptions(&e);
            let n = if subs.len() <= MAX_GROUP_WIDTH { subs.len() } else { MAX_GROUP_WIDTH + 1 };
            ctx.need_close = false;
            for i in 0..n {
                let last = i + 1 == n;
                if last {
                    ctx.need_close = true;
                }
                let truncated = i >= MAX_GROUP_WIDTH;
                let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
                out.push_str(&ctx.indent());
                out.push_str(if i == 0 { "+-" } else { "  " });
                out.push_str(&format!("+---------------- {title} ----------------\n"));
                ctx.depth += 1;
                if !truncated {
                    if let Some(se) = subs.get(i).and_then(Exc::from_value) {
                        self.format_exc_tree(&se, ctx, out);
                    }
                } else {
                    let remaining = subs.len() - MAX_GROUP_WIDTH;
                    let plural = if remaining > 1 { "s" } else { "" };
                    ctx.emit(&format!("and {remaining} more exception{plural}\n"), None, out);
                }
                if last && ctx.need_close {
                    out.push_str(&ctx.indent());
                    out.push_str("+------------------------------------\n");
                    ctx.need_close = false;
                }
                ctx.depth -= 1;
            }
            if toplevel {
                ctx.depth = 0;
            }
        }
    }

    /// `StackSummary.format`: the frames, with runs of more than three
    /// identical lines (recursion) cut to `[Previous line repeated N more
    /// times]`.
    fn format_stack(&self, frames: &[&TbEntry]) -> String {
        const CUTOFF: usize = 3;
        let mut out = String::new();
        let mut last: Option<(&str, u32, &str)> = None;
        let mut count = 0usize;
        let repeated = |count: usize, out: &mut String| {
            if count > CUTOFF {
                let n = count - CUTOFF;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n > 1 { "s" } else { "" }
                ));
            }
        };
        for t in frames {
            let key = (&*t.code.filename, t.line, t.code.name.as_str());
            if last != Some(key) {
                repeated(count, &mut out);
                last = Some(key);
                count = 0;
            }
            count += 1;
            if count > CUTOFF {
                continue;
            }
            out.push_str(&self.tb_line(t, ""));
        }
        repeated(count, &mut out);
        out
    }

    fn tb_line(&self, t: &TbEntry, indent: &str) -> String {
        let mut s = format!(
            "{indent}  File \"{}\", line {}, in {}\n",
            t.code.filename,
            t.line,
            t.code.name.as_str()
        );
        if let Some(src) = self.sources.get(&*t.code.filename) {
            if let Some(line) = src.get((t.line as usize).wrapping_sub(1)) {
                let l = line.trim();
                if !l.is_empty() {
                    s.push_str(&format!("{indent}    {l}\n"));
                }
            }
        }
        s
    }

    /// `ValueError: boom` (the last line of a traceback), with notes.
    pub fn exception_only(&mut self, e: &Exc) -> String {
        let name = e.class().display_name();
        if e.is_instance(&types().exc("SyntaxError")) {
            // CPython shows where: the file, the line and a caret.
            let attr = |n: &str| e.0.get_attr(&crate::objects::str::PyStr::new(n));
            if let (Some(Value::Str(msg)), Some(Value::Int(line))) = (attr("msg"), attr("lineno")) {
                let mut out = String::new();
                if let Some(Value::Str(f)) = attr("filename") {
                    out.push_str(&format!("  File \"{}\", line {}\n", f.as_str(), line));
                }
                if let Some(Value::Str(text)) = attr("text") {
                    let t = text.as_str();
                    let stripped = t.trim_start();
                    if !stripped.trim_end().is_empty() {
                        out.push_str(&format!("    {}\n", stripped.trim_end()));
                        if let Some(Value::Int(off)) = attr("offset") {
                            let off = off.to_i64().unwrap_or(1).max(1) as usize;
                            let lead = t.chars().count() - stripped.chars().count();
                            let pos = off.saturating_sub(1).saturating_sub(lead);
                            out.push_str(&format!("    {}^\n", " ".repeat(pos)));
                        }
                    }
                }
                out.push_str(&format!("{name}: {}", msg.as_str()));
                return out;
            }
        }
        let msg = match self.str_of(&e.value()) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let mut out = if msg.is_empty() { name } else { format!("{name}: {msg}") };
        let notes = e.with(|d| d.notes.clone()).unwrap_or(Value::None);
        if let Value::List(l) = notes {
            let items = l.borrow().clone();
            for n in items {
                let s = match &n {
                    Value::Str(s) => s.as_str().to_string(),
                    other => self.str_of(other).unwrap_or_default(),
                };
                out.push('\n');
                out.push_str(&s);
            }
        }
        out
    }

    /// Calls `f` with `args`, reporting (not raising) an exception.
    pub fn call_reporting(&mut self, f: Value, args: Args) {
        if let Err(e) = self.call_sync(f, args) {
            let t = self.format_exception(&e);
            self.write_stderr(&t);
        }
    }
}

/// `traceback._ExceptionPrintContext`: how deep in exception groups the
/// text being written is.
struct TbCtx {
    depth: usize,
    need_close: bool,
}

impl TbCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes a formatted stack: CPython's printer writes the
    /// `[Previous line repeated ...]` lines without the group margin.
    fn emit_stack(&self, stack: &str, out: &mut String) {
        for line in stack.split_inclusive('\n') {
            if line.starts_with("  [Previous line repeated") {
                out.push_str(line);
            } else {
                self.emit(line, None, out);
            }
        }
    }

    /// Writes `text` with every line indented (and, inside a group, with
    /// the margin character).
    fn emit(&self, text: &str, margin: Option<char>, out: &mut String) {
        let mut ind = self.indent();
        if self.depth > 0 {
            ind.push(margin.unwrap_or('|'));
            ind.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&ind);
            out.push_str(line);
        }
    }
}
