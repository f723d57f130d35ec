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
    /// causes and contexts, each with its traceback.
    pub fn format_exception(&mut self, exc: &Exc) -> String {
        let mut chain: Vec<(Exc, &'static str)> = Vec::new();
        let mut cur = Some(exc.clone());
        let mut seen: Vec<Exc> = Vec::new();
        let mut link = "";
        while let Some(e) = cur {
            if seen.iter().any(|s| s.same(&e)) || seen.len() > 50 {
                break;
            }
            seen.push(e.clone());
            chain.push((e.clone(), link));
            let (cause, context, suppress) = e
                .with(|d| (d.cause.clone(), d.context.clone(), d.suppress_context))
                .unwrap_or((Value::None, Value::None, false));
            if let Some(c) = Exc::from_value(&cause) {
                link = "\nThe above exception was the direct cause of the following exception:\n\n";
                cur = Some(c);
            } else if !suppress {
                link = "\nDuring handling of the above exception, another exception occurred:\n\n";
                cur = Exc::from_value(&context);
            } else {
                cur = None;
            }
        }
        let mut out = String::new();
        for i in (0..chain.len()).rev() {
            let e = chain[i].0.clone();
            out.push_str(&self.format_one(&e, ""));
            if i > 0 {
                out.push_str(chain[i].1);
            }
        }
        out
    }

    fn format_one(&mut self, e: &Exc, indent: &str) -> String {
        let is_group = e.is_instance(&types().base_exception_group);
        let mut out = String::new();
        let tb = e.with(|d| d.traceback.clone()).unwrap_or_default();
        let visible: Vec<&TbEntry> = tb.iter().rev().filter(|t| !t.code.internal).collect();
        if is_group {
            out.push_str(&format!(
                "{indent}  + Exception Group Traceback (most recent call last):\n"
            ));
            for t in &visible {
                out.push_str(&self.tb_line(t, &format!("{indent}  | ")));
            }
            for l in self.exception_only(e).lines() {
                out.push_str(&format!("{indent}  | {l}\n"));
            }
            let subs = crate::builtins::exceptions::group_exceptions(e);
            let n = subs.len();
            for (i, s) in subs.iter().enumerate() {
                let head = if i == 0 { "+-+" } else { "  +" };
                out.push_str(&format!(
                    "{indent}  {head}---------------- {} ----------------\n",
                    i + 1
                ));
                if let Some(se) = Exc::from_value(s) {
                    let inner = self.format_one(&se, "");
                    for l in inner.lines() {
                        out.push_str(&format!("{indent}    | {l}\n"));
                    }
                }
                if i + 1 == n {
                    out.push_str(&format!("{indent}    +------------------------------------\n"));
                }
            }
            return out;
        }
        if !visible.is_empty() {
            out.push_str(&format!("{indent}Traceback (most recent call last):\n"));
            for t in &visible {
                out.push_str(&self.tb_line(t, indent));
            }
        }
        for l in self.exception_only(e).lines() {
            out.push_str(&format!("{indent}{l}\n"));
        }
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
