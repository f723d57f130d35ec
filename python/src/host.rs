//! The host interface: what the browser page (and the CLI) drives.
//!
//! An [`Interpreter`] runs at most `budget` instructions per [`Interpreter::run`]
//! call and then returns, so a host can keep its page responsive and stop a
//! program at any moment. The asyncio loop runs on the interpreter's clock:
//! with a virtual clock (the CLI, the tests, [`run_virtual`]) the loop jumps
//! straight to the next deadline; otherwise `run` answers
//! [`Status::Idle`] with the next deadline and the host calls
//! [`Interpreter::advance_to`] when its own timer fires. However late that
//! is, the loop handles one deadline at a time, so the printed order is the
//! virtual clock's.
//!
//! [`Interpreter::take_events`] returns what happened (printed lines, tasks
//! created, started, finished, what each waits on), each with the clock's
//! time and the task: the page's log, timeline and predict mode are drawn
//! from them.

use crate::compile::{compile_module, CompileOptions};
use crate::objects::exc::Exc;
use crate::objects::func::Args;
use crate::objects::module::Module;
use crate::objects::str::{intern, PyStr};
use crate::objects::types::types;
use crate::value::Value;
use crate::vm::frame::{Cont, Frame};
use crate::vm::{Halt, Vm, VmConfig};
use std::cell::RefCell;
use std::rc::Rc;

/// What a task waits on.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitOn {
    /// A timer (`asyncio.sleep`), with its deadline.
    Timer(f64),
    /// A future.
    Future,
    /// Another task, by name.
    Task(String),
    /// A queue.
    Queue,
    /// A lock.
    Lock,
    /// An event.
    Event,
    /// A semaphore.
    Semaphore,
    /// Host I/O.
    Io,
    /// Something else.
    Other,
}

/// Something that happened, for the page's log and timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A printed line (pieces printed with `end=""` are joined).
    Print {
        /// The clock.
        time: f64,
        /// The task that printed it (None outside any task).
        task: Option<String>,
        /// The line, without its newline.
        text: String,
    },
    /// A task was created.
    TaskCreated {
        /// The clock.
        time: f64,
        /// Its name.
        task: String,
    },
    /// A task's step started.
    TaskRunning {
        /// The clock.
        time: f64,
        /// Its name.
        task: String,
    },
    /// A task finished.
    TaskDone {
        /// The clock.
        time: f64,
        /// Its name.
        task: String,
        /// `result ...`, `exception ...` or `cancelled`.
        outcome: String,
    },
    /// A task began waiting.
    WaitBegin {
        /// The clock.
        time: f64,
        /// Its name.
        task: String,
        /// On what.
        on: WaitOn,
    },
    /// A task's wait ended.
    WaitEnd {
        /// The clock.
        time: f64,
        /// Its name.
        task: String,
    },
    /// The program ended with an uncaught exception.
    Uncaught {
        /// The clock.
        time: f64,
        /// The whole traceback text.
        traceback: String,
        /// Its last line (`ValueError: boom`).
        line: String,
        /// The source line number of the innermost frame of the main file.
        lineno: Option<u32>,
    },
}

/// A request for the host to do I/O (the page's fetch or database).
#[derive(Clone, Debug, PartialEq)]
pub struct IoRequest {
    /// Its id, for [`Interpreter::complete_io`].
    pub id: u64,
    /// `fetch` or `query`.
    pub kind: String,
    /// The URL or the query.
    pub arg: String,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Normally (exit status 0, or SystemExit's).
    Done {
        /// The exit status.
        status: i32,
    },
    /// An uncaught exception (traceback on stderr, status 1).
    Error,
    /// Every task waits and no timer is set (status 1).
    Deadlock,
    /// The step budget ran out where the run cannot pause (status 3).
    Stopped,
}

/// What [`Interpreter::run`] answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The budget ran out; call `run` again.
    Paused,
    /// The loop waits for the clock or for I/O.
    Idle {
        /// The earliest timer deadline.
        next_deadline: Option<f64>,
        /// Host I/O requests in flight.
        waiting_io: usize,
    },
    /// The program ended.
    Finished(Outcome),
}

/// A program that cannot start (a SyntaxError): CPython's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The text CPython prints on stderr.
    pub text: String,
    /// The line.
    pub line: usize,
    /// The column (1-based, CPython's offset).
    pub col: usize,
    /// The last line (`SyntaxError: invalid syntax`).
    pub message: String,
}

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The loop's clock is virtual (the loop moves it).
    pub virtual_clock: bool,
    /// `static/example/N.txt` for N in 1..=8 (index 0 is N=1), for the
    /// fake `aiohttp` in virtual mode.
    pub example_texts: Vec<Option<String>>,
    /// Record [`Event`]s (the CLI turns this off unless it traces: a run
    /// of 100,000 tasks would keep millions of them).
    pub record_events: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { virtual_clock: true, example_texts: vec![None; 8], record_events: true }
    }
}

/// A running program.
pub struct Interpreter {
    vm: Vm,
    finished: Option<Outcome>,
    filename: String,
    timed: bool,
    reported: bool,
}

/// True when the module has `await`, `async for` or `async with` outside any
/// function (a notebook cell run as a coroutine).
fn has_top_level_await(m: &asyncpy_syntax::ast::Module) -> bool {
    use asyncpy_syntax::ast::*;
    fn expr(e: &Expr, depth: usize) -> bool {
        if depth > 300 {
            return false;
        }
        let d = depth + 1;
        match &e.kind {
            ExprKind::Await(_) => true,
            ExprKind::Lambda { .. } => false,
            ExprKind::ListComp { generators, elt }
            | ExprKind::SetComp { generators, elt }
            | ExprKind::GeneratorExp { generators, elt } => {
                generators
                    .iter()
                    .any(|g| g.is_async || expr(&g.iter, d) || g.ifs.iter().any(|i| expr(i, d)))
                    || expr(elt, d)
            }
            ExprKind::DictComp { generators, key, value } => {
                generators
                    .iter()
                    .any(|g| g.is_async || expr(&g.iter, d) || g.ifs.iter().any(|i| expr(i, d)))
                    || expr(key, d)
                    || expr(value, d)
            }
            ExprKind::BoolOp { values, .. } => values.iter().any(|v| expr(v, d)),
            ExprKind::NamedExpr { value, .. } => expr(value, d),
            ExprKind::BinOp { left, right, .. } => expr(left, d) || expr(right, d),
            ExprKind::UnaryOp { operand, .. } => expr(operand, d),
            ExprKind::IfExp { test, body, orelse } => {
                expr(test, d) || expr(body, d) || expr(orelse, d)
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().any(|k| expr(k, d)) || values.iter().any(|v| expr(v, d))
            }
            ExprKind::Set(v)
            | ExprKind::List { elts: v, .. }
            | ExprKind::Tuple { elts: v, .. }
            | ExprKind::JoinedStr(v) => v.iter().any(|x| expr(x, d)),
            ExprKind::Yield(v) => v.as_ref().map(|v| expr(v, d)).unwrap_or(false),
            ExprKind::YieldFrom(v) => expr(v, d),
            ExprKind::Compare { left, comparators, .. } => {
                expr(left, d) || comparators.iter().any(|c| expr(c, d))
            }
            ExprKind::Call { func, args, keywords } => {
                expr(func, d)
                    || args.iter().any(|a| expr(a, d))
                    || keywords.iter().any(|k| expr(&k.value, d))
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                expr(value, d) || format_spec.as_ref().map(|s| expr(s, d)).unwrap_or(false)
            }
            ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => expr(value, d),
            ExprKind::Subscript { value, slice, .. } => expr(value, d) || expr(slice, d),
            ExprKind::Slice { lower, upper, step } => {
                [lower, upper, step].iter().any(|x| x.as_ref().map(|x| expr(x, d)).unwrap_or(false))
            }
            ExprKind::Constant(_) | ExprKind::Name { .. } => false,
        }
    }
    fn stmts(b: &[Stmt], depth: usize) -> bool {
        b.iter().any(|s| stmt(s, depth))
    }
    fn stmt(s: &Stmt, depth: usize) -> bool {
        if depth > 300 {
            return false;
        }
        let d = depth + 1;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                f.decorator_list.iter().any(|e| expr(e, d))
                    || f.args.defaults.iter().any(|e| expr(e, d))
            }
            StmtKind::ClassDef(c) => {
                c.bases.iter().any(|e| expr(e, d)) || c.decorator_list.iter().any(|e| expr(e, d))
            }
            StmtKind::Return(v) => v.as_ref().map(|v| expr(v, d)).unwrap_or(false),
            StmtKind::Delete(t) => t.iter().any(|e| expr(e, d)),
            StmtKind::Assign { targets, value } => {
                expr(value, d) || targets.iter().any(|e| expr(e, d))
            }
            StmtKind::AugAssign { target, value, .. } => expr(target, d) || expr(value, d),
            StmtKind::AnnAssign { value, .. } => {
                value.as_ref().map(|v| expr(v, d)).unwrap_or(false)
            }
            StmtKind::For { is_async, iter, body, orelse, .. } => {
                *is_async || expr(iter, d) || stmts(body, d) || stmts(orelse, d)
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                expr(test, d) || stmts(body, d) || stmts(orelse, d)
            }
            StmtKind::With { is_async, items, body } => {
                *is_async || items.iter().any(|i| expr(&i.context_expr, d)) || stmts(body, d)
            }
            StmtKind::Raise { exc, cause } => {
                exc.as_ref().map(|e| expr(e, d)).unwrap_or(false)
                    || cause.as_ref().map(|e| expr(e, d)).unwrap_or(false)
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                stmts(body, d)
                    || handlers.iter().any(|h| stmts(&h.body, d))
                    || stmts(orelse, d)
                    || stmts(finalbody, d)
            }
            StmtKind::Assert { test, msg } => {
                expr(test, d) || msg.as_ref().map(|m| expr(m, d)).unwrap_or(false)
            }
            StmtKind::Expr(e) => expr(e, d),
            _ => false,
        }
    }
    stmts(&m.body, 0)
}

/// CPython's report of a SyntaxError.
fn syntax_failure(filename: &str, e: &asyncpy_syntax::SyntaxError) -> Failure {
    let mut text = format!("  File \"{}\", line {}\n", filename, e.line);
    let line = e.text.trim_end_matches(['\n', '\r']);
    let stripped = line.trim_start();
    let indent = line.chars().count() - stripped.chars().count();
    if !stripped.is_empty() {
        text.push_str(&format!("    {}\n", stripped.trim_end()));
        if e.col > 0 {
            let start = e.col.saturating_sub(1).saturating_sub(indent);
            let width =
                if e.end_col > e.col && e.end_line == e.line { e.end_col - e.col } else { 1 };
            let max = stripped.trim_end().chars().count().saturating_sub(start).max(1);
            text.push_str(&format!(
                "    {}{}\n",
                " ".repeat(start),
                "^".repeat(width.min(max).max(1))
            ));
        }
    }
    let message = format!("{}: {}", e.kind.name(), e.msg);
    text.push_str(&message);
    text.push('\n');
    Failure { text, line: e.line, col: e.col, message }
}

impl Interpreter {
    /// Compiles `source` and prepares to run it.
    pub fn new(source: &str, filename: &str, config: Config) -> Result<Interpreter, Failure> {
        let mut src = source.to_string();
        let mut timed = false;
        {
            let first = src.split('\n').next().unwrap_or("");
            if first.trim_end_matches('\r').trim() == "%%time" {
                timed = true;
                let rest = match src.find('\n') {
                    Some(i) => src[i..].to_string(),
                    None => String::new(),
                };
                src = rest;
            }
        }
        let opts = asyncpy_syntax::ParseOptions { top_level_await: true, compiler_checks: true };
        let module = asyncpy_syntax::parse_module_with(&src, opts)
            .map_err(|e| syntax_failure(filename, &e))?;
        let tla = has_top_level_await(&module);
        let code = compile_module(
            &module,
            filename,
            CompileOptions { top_level_await: tla, internal: false },
        )
        .map_err(|e| {
            let text = src.lines().nth(e.line.saturating_sub(1)).unwrap_or("").to_string();
            syntax_failure(
                filename,
                &asyncpy_syntax::SyntaxError {
                    kind: asyncpy_syntax::ErrorKind::SyntaxError,
                    msg: e.msg.clone(),
                    line: e.line,
                    col: e.col + 1,
                    end_line: e.line,
                    end_col: 0,
                    text,
                },
            )
        })?;
        drop(module);
        let mut vm = Vm::new(VmConfig {
            virtual_clock: config.virtual_clock,
            example_texts: config.example_texts.clone(),
            record_events: config.record_events,
        });
        vm.sources
            .insert(filename.to_string(), Rc::new(src.lines().map(|l| l.to_string()).collect()));
        let globals = Rc::new(RefCell::new(crate::objects::dict::Dict::new()));
        {
            let mut g = globals.borrow_mut();
            g.set_str(intern("__name__"), Value::str("__main__"));
            g.set_str(intern("__file__"), Value::str(filename));
            g.set_str(intern("__doc__"), Value::None);
            g.set_str(intern("__builtins__"), Value::Dict(vm.builtins.clone()));
        }
        let main = Rc::new(Module { name: intern("__main__"), dict: globals.clone() });
        vm.modules.insert("__main__".into(), Value::Module(main));
        let mut it = Interpreter {
            vm,
            finished: None,
            filename: filename.to_string(),
            timed,
            reported: false,
        };
        let frame = Frame::new(code.clone(), globals);
        if code.is_gen() {
            let g = crate::objects::gen::Generator::new(
                crate::objects::gen::GenKind::Coroutine,
                Box::new(frame),
                intern("<module>"),
                intern("<module>"),
                false,
            );
            let runner = it.vm.prelude_function("_run_main");
            match runner {
                Ok(f) => {
                    if let Err(e) = it.vm.call_value(f, Args::new(vec![Value::Gen(g)]), Cont::Push)
                    {
                        it.vm.uncaught = Some(e);
                        it.vm.main_done = true;
                    }
                }
                Err(e) => {
                    it.vm.uncaught = Some(e);
                    it.vm.main_done = true;
                }
            }
        } else {
            let _ = it.vm.push_frame(frame, Cont::Push);
        }
        Ok(it)
    }

    /// Runs at most `budget` instructions.
    pub fn run(&mut self, budget: u64) -> Status {
        if let Some(o) = &self.finished {
            return Status::Finished(o.clone());
        }
        self.vm.step_limit = self.vm.steps.saturating_add(budget);
        let r = if self.vm.main_done { Ok(()) } else { self.vm.execute(0) };
        match r {
            Ok(()) => {
                if self.vm.frames.is_empty() || self.vm.main_done {
                    let o = self.finish();
                    Status::Finished(o)
                } else {
                    Status::Paused
                }
            }
            Err(Halt::Budget) => Status::Paused,
            Err(Halt::Idle) => Status::Idle {
                next_deadline: crate::asyncio::event_loop::next_deadline(&self.vm),
                waiting_io: self.vm.aio.io_pending.len(),
            },
            Err(Halt::Stopped) => {
                self.finished = Some(Outcome::Stopped);
                self.flush_partial();
                Status::Finished(Outcome::Stopped)
            }
            Err(Halt::Deadlock) => {
                self.flush_partial();
                self.vm.write_stderr(crate::asyncio::DEADLOCK_MESSAGE);
                self.vm.write_stderr("\n");
                self.finished = Some(Outcome::Deadlock);
                Status::Finished(Outcome::Deadlock)
            }
        }
    }

    fn flush_partial(&mut self) {
        if !self.vm.out.partial.is_empty() {
            let text = std::mem::take(&mut self.vm.out.partial);
            let task = self.vm.out.partial_task.take();
            self.vm.events.push(Event::Print {
                time: self.vm.aio.clock,
                task: task.map(|t| t.as_str().to_string()),
                text,
            });
        }
    }

    fn finish(&mut self) -> Outcome {
        let outcome = match self.vm.uncaught.take() {
            None => {
                if self.timed {
                    let wall = format_timespan(self.vm.aio.clock);
                    self.vm.write_stdout("CPU times: user 0 ns, sys: 0 ns, total: 0 ns\n");
                    self.vm.write_stdout(&format!("Wall time: {wall}\n"));
                }
                Outcome::Done { status: 0 }
            }
            Some(e) if e.is_instance(&types().system_exit) => {
                let code = e.args().first().cloned().unwrap_or(Value::None);
                let status = match &code {
                    Value::None => 0,
                    Value::Int(i) => (i.to_i64().unwrap_or(1) & 0xff) as i32,
                    Value::Bool(b) => *b as i32,
                    other => {
                        let s = self.vm.str_of(other).unwrap_or_default();
                        self.vm.write_stderr(&format!("{s}\n"));
                        1
                    }
                };
                Outcome::Done { status }
            }
            Some(e) => {
                self.report(&e);
                Outcome::Error
            }
        };
        self.flush_partial();
        self.finished = Some(outcome.clone());
        outcome
    }

    fn report(&mut self, e: &Exc) {
        if self.reported {
            return;
        }
        self.reported = true;
        self.flush_partial();
        let text = self.vm.format_exception(e);
        self.vm.write_stderr(&text);
        let line = self.vm.exception_only(e).lines().next().unwrap_or("").to_string();
        let lineno = e
            .with(|d| {
                d.traceback
                    .iter()
                    .find(|t| &*t.code.filename == self.filename.as_str())
                    .map(|t| t.line)
            })
            .flatten();
        self.vm.events.push(Event::Uncaught {
            time: self.vm.aio.clock,
            traceback: text,
            line,
            lineno,
        });
    }

    /// The loop's clock.
    pub fn now(&self) -> f64 {
        self.vm.aio.clock
    }

    /// Lets the clock go up to `t` (host mode); never moves it back.
    pub fn advance_to(&mut self, t: f64) {
        if t > self.vm.aio.host_time {
            self.vm.aio.host_time = t;
        }
    }

    /// The events since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.vm.events)
    }

    /// The I/O requests since the last call.
    pub fn take_io_requests(&mut self) -> Vec<IoRequest> {
        std::mem::take(&mut self.vm.aio.io_out)
    }

    /// Completes a host I/O request.
    pub fn complete_io(&mut self, id: u64, result: Result<String, String>) {
        crate::modules::fakes::complete_io(&mut self.vm, id, result);
    }

    /// Everything printed to stdout so far.
    pub fn stdout(&self) -> &str {
        &self.vm.out.stdout
    }

    /// Everything printed to stderr so far.
    pub fn stderr(&self) -> &str {
        &self.vm.out.stderr
    }

    /// Instructions run so far.
    pub fn steps(&self) -> u64 {
        self.vm.steps
    }
}

/// IPython's `_format_time` (3 significant digits).
pub fn format_timespan(t: f64) -> String {
    if t >= 60.0 {
        let parts = [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)];
        let mut out = Vec::new();
        let mut left = t;
        for (suffix, len) in parts {
            let v = (left / len).trunc();
            if v > 0.0 {
                left %= len;
                out.push(format!("{}{}", v as i64, suffix));
            }
            if left < 1.0 {
                break;
            }
        }
        return out.join(" ");
    }
    let units = ["s", "ms", "\u{b5}s", "ns"];
    let scaling = [1.0, 1e3, 1e6, 1e9];
    let order = if t > 0.0 {
        let o = -((t.log10().floor() as i64).div_euclid(3));
        o.clamp(0, 3) as usize
    } else {
        3
    };
    let v = t * scaling[order];
    let s = asyncpy_num::format_float(v, ".3g").unwrap_or_else(|_| format!("{v}"));
    format!("{} {}", s, units[order])
}

/// The result of [`run_virtual`].
#[derive(Clone, Debug, PartialEq)]
pub struct RunReport {
    /// The program's stdout.
    pub stdout: String,
    /// Its stderr.
    pub stderr: String,
    /// The exit status (0, 1, SystemExit's, or 3 when stopped).
    pub status: i32,
    /// Everything that happened.
    pub events: Vec<Event>,
    /// Instructions run.
    pub steps: u64,
}

/// Runs a program to the end on the virtual clock, with at most
/// `max_steps` instructions.
pub fn run_virtual(source: &str, filename: &str, config: Config, max_steps: u64) -> RunReport {
    let mut config = config;
    config.virtual_clock = true;
    let mut it = match Interpreter::new(source, filename, config) {
        Ok(it) => it,
        Err(f) => {
            return RunReport {
                stdout: String::new(),
                stderr: f.text,
                status: 1,
                events: Vec::new(),
                steps: 0,
            }
        }
    };
    let mut events = Vec::new();
    let status = loop {
        let used = it.steps();
        if used >= max_steps {
            it.flush_partial();
            let n = max_steps;
            it.vm.write_stderr(&format!("asyncpy: stopped after {n} steps\n"));
            break 3;
        }
        let slice = (max_steps - used).min(1_000_000);
        let st = it.run(slice);
        events.extend(it.take_events());
        match st {
            Status::Paused => continue,
            Status::Idle { next_deadline, .. } => match next_deadline {
                Some(t) => it.advance_to(t),
                None => {
                    it.vm.write_stderr(crate::asyncio::DEADLOCK_MESSAGE);
                    it.vm.write_stderr("\n");
                    break 1;
                }
            },
            Status::Finished(o) => match o {
                Outcome::Done { status } => break status,
                Outcome::Error | Outcome::Deadlock => break 1,
                Outcome::Stopped => {
                    let n = it.steps().min(max_steps);
                    it.vm.write_stderr(&format!("asyncpy: stopped after {n} steps\n"));
                    break 3;
                }
            },
        }
    };
    events.extend(it.take_events());
    RunReport {
        stdout: it.vm.out.stdout.clone(),
        stderr: it.vm.out.stderr.clone(),
        status,
        events,
        steps: it.steps(),
    }
}

#[allow(dead_code)]
fn _unused(_: &PyStr) {}
