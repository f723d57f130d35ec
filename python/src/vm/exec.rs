//! The instruction loop, and what happens when a frame ends.

use super::frame::{Block, Cont, Exit, Frame};
use super::{exit_to_result, Halt, PyResult, Vm, REENTRY_GRACE};
use crate::compile::code::{Instr, UnOp};
use crate::objects::class::Layout;
use crate::objects::dict::Dict;
use crate::objects::exc::{
    name_error, stop_iteration, type_error, unbound_local_error, value_error, Exc,
};
use crate::objects::func::{Args, Flow};
use crate::objects::set::Set;
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// Runs instructions (and, at the base of a running event loop, the
    /// loop's iterations) until only `stop` frames are left.
    pub fn execute(&mut self, stop: usize) -> Result<(), Halt> {
        loop {
            let n = self.frames.len();
            if let Some(base) = self.aio.loop_base() {
                if n == base && base >= stop {
                    if self.steps >= self.step_limit && self.reentry_depth == 0 {
                        return Err(Halt::Budget);
                    }
                    self.steps += 1;
                    match crate::asyncio::run_loop_tick(self) {
                        Ok(()) => continue,
                        Err(Halt::Idle) if self.reentry_depth > 0 => {
                            // A nested run cannot return to the host: let
                            // the clock jump.
                            if !crate::asyncio::force_advance(self) {
                                return Err(Halt::Stopped);
                            }
                            continue;
                        }
                        Err(h) => return Err(h),
                    }
                }
            }
            if n <= stop {
                return Ok(());
            }
            self.floor = stop.max(self.aio.loop_base().unwrap_or(0));
            if self.steps >= self.step_limit {
                if self.reentry_depth == 0 {
                    return Err(Halt::Budget);
                }
                if self.steps >= self.step_limit.saturating_add(REENTRY_GRACE) {
                    return Err(Halt::Stopped);
                }
            }
            self.steps += 1;
            if let Err(e) = self.step() {
                let add_tb = !std::mem::take(&mut self.skip_tb);
                self.handle_error(e, add_tb)?;
            }
        }
    }

    /// Finishes the top frame with `exit`.
    pub fn exit_frame(&mut self, exit: Exit) -> PyResult<()> {
        let (cont, exit) = self.pop_frame(exit);
        self.finish(cont, exit)
    }

    /// Pops the top frame; a generator's frame is kept in its generator
    /// when it yields. Returns the frame's continuation and its exit.
    pub fn pop_frame(&mut self, exit: Exit) -> (Cont, Exit) {
        let Some(mut frame) = self.frames.pop() else {
            return (Cont::Discard, exit);
        };
        let cont = std::mem::replace(&mut frame.cont, Cont::Push);
        let mut exit = exit;
        if let Some(g) = frame.gen.take() {
            let mut st = g.state.borrow_mut();
            st.running = false;
            match &exit {
                Exit::Yield(_) | Exit::YieldUp(_) => {
                    st.frame = Some(frame);
                }
                Exit::Return(_) => {
                    st.finished = true;
                }
                Exit::Raise(e) => {
                    st.finished = true;
                    // PEP 479: StopIteration cannot leave a generator.
                    if e.is_instance(&types().stop_iteration) {
                        let what = match g.kind {
                            crate::objects::gen::GenKind::Generator => {
                                "generator raised StopIteration"
                            }
                            crate::objects::gen::GenKind::Coroutine => {
                                "coroutine raised StopIteration"
                            }
                            crate::objects::gen::GenKind::AsyncGenerator => {
                                "async generator raised StopIteration"
                            }
                        };
                        let new = crate::objects::exc::runtime_error(what);
                        new.with_mut(|d| {
                            d.cause = e.value();
                            d.context = e.value();
                            d.suppress_context = true;
                        });
                        exit = Exit::Raise(new);
                    } else if g.kind == crate::objects::gen::GenKind::AsyncGenerator
                        && e.is_instance(&types().stop_async_iteration)
                    {
                        let new = crate::objects::exc::runtime_error(
                            "async generator raised StopAsyncIteration",
                        );
                        new.with_mut(|d| {
                            d.cause = e.value();
                            d.context = e.value();
                            d.suppress_context = true;
                        });
                        exit = Exit::Raise(new);
                    }
                }
            }
        }
        (cont, exit)
    }

    /// Hands a result to a continuation. `Err` means: raise this in the
    /// (new) top frame.
    pub fn finish(&mut self, cont: Cont, exit: Exit) -> PyResult<()> {
        let mut cont = cont;
        let mut exit = exit;
        loop {
            match cont {
                Cont::Push => {
                    return match exit {
                        Exit::Return(v) | Exit::Yield(v) | Exit::YieldUp(v) => {
                            if self.frames.is_empty() {
                                self.main_done = true;
                            } else {
                                self.push(v);
                            }
                            Ok(())
                        }
                        Exit::Raise(e) => {
                            if self.frames.is_empty() {
                                self.uncaught = Some(e);
                                self.main_done = true;
                                Ok(())
                            } else {
                                Err(e)
                            }
                        }
                    }
                }
                Cont::Reentry => {
                    self.reentry_slot = Some(exit);
                    return Ok(());
                }
                Cont::Discard => {
                    if let Exit::Raise(e) = exit {
                        let text = self.format_exception(&e);
                        self.write_stderr(&text);
                    }
                    return Ok(());
                }
                Cont::Then(f, inner) => {
                    let r = exit_to_result(exit);
                    match f(self, r) {
                        Ok(flow) => return self.run_flow(flow, *inner),
                        Err(e) => {
                            cont = *inner;
                            exit = Exit::Raise(e);
                        }
                    }
                }
                Cont::ForIter(target) => {
                    return match exit {
                        Exit::Yield(v) | Exit::YieldUp(v) => {
                            self.push(v);
                            Ok(())
                        }
                        Exit::Return(_) => {
                            self.pop();
                            self.jump(target);
                            Ok(())
                        }
                        Exit::Raise(e) => Err(e),
                    }
                }
                Cont::ForNext(target) => {
                    return match exit {
                        Exit::Return(v) | Exit::Yield(v) | Exit::YieldUp(v) => {
                            self.push(v);
                            Ok(())
                        }
                        Exit::Raise(e) if e.is_instance(&types().stop_iteration) => {
                            self.pop();
                            self.jump(target);
                            Ok(())
                        }
                        Exit::Raise(e) => Err(e),
                    }
                }
                Cont::Send => match exit {
                    Exit::Yield(v) | Exit::YieldUp(v) => {
                        // The awaiting frame yields the value on and will
                        // resume at its `Send`.
                        if let Some(f) = self.frames.last_mut() {
                            f.pc = f.lasti;
                        }
                        let (c, e) = self.pop_frame(Exit::YieldUp(v));
                        cont = c;
                        exit = e;
                    }
                    Exit::Return(v) => {
                        self.pop();
                        self.push(v);
                        return Ok(());
                    }
                    Exit::Raise(e) => {
                        self.pop();
                        return Err(e);
                    }
                },
                Cont::Next(inner) => {
                    exit = match exit {
                        Exit::Yield(v) | Exit::YieldUp(v) => Exit::Return(v),
                        Exit::Return(v) => Exit::Raise(stop_iteration(v)),
                        r => r,
                    };
                    cont = *inner;
                }
                Cont::ASend(inner) => match exit {
                    Exit::Yield(v) => {
                        // The generator's own yield is the awaitable's
                        // result.
                        cont = *inner;
                        exit = Exit::Return(v);
                    }
                    Exit::YieldUp(v) => {
                        cont = *inner;
                        exit = Exit::Yield(v);
                    }
                    Exit::Return(_) => {
                        cont = *inner;
                        exit = Exit::Raise(Exc::new(&types().stop_async_iteration, vec![]));
                    }
                    Exit::Raise(e) => {
                        cont = *inner;
                        exit = Exit::Raise(e);
                    }
                },
                Cont::AClose(inner) => {
                    cont = *inner;
                    exit = match exit {
                        Exit::YieldUp(v) => Exit::Yield(v),
                        Exit::Yield(_) => Exit::Raise(crate::objects::exc::runtime_error(
                            "async generator ignored GeneratorExit",
                        )),
                        Exit::Return(_) => Exit::Return(Value::None),
                        Exit::Raise(e)
                            if e.is_instance(&types().generator_exit)
                                || e.is_instance(&types().stop_async_iteration) =>
                        {
                            Exit::Return(Value::None)
                        }
                        other => other,
                    };
                }
                Cont::Init(inst, inner) => {
                    exit = match exit {
                        Exit::Return(Value::None) => Exit::Return(inst),
                        Exit::Return(v) => Exit::Raise(type_error(format!(
                            "__init__() should return None, not '{}'",
                            type_name(&v)
                        ))),
                        other => other,
                    };
                    cont = *inner;
                }
                Cont::Callback => {
                    if let Exit::Raise(e) = exit {
                        crate::asyncio::report_callback_error(self, e);
                    }
                    return Ok(());
                }
                Cont::TaskStep(task) => {
                    return crate::asyncio::task::step_done(self, task, exit);
                }
            }
        }
    }

    /// Carries out a builtin's answer for continuation `cont`.
    pub fn run_flow(&mut self, flow: Flow, cont: Cont) -> PyResult<()> {
        match flow {
            Flow::Value(v) => self.finish(cont, Exit::Return(v)),
            Flow::Call(f, args) => self.call_value(f, args, cont),
            Flow::CallThen(f, args, then) => {
                self.call_value(f, args, Cont::Then(then, Box::new(cont)))
            }
            Flow::Frame(frame) => self.push_frame_boxed(frame, cont),
            Flow::Init(frame, obj) => self.push_frame_boxed(frame, Cont::Init(obj, Box::new(cont))),
            Flow::Resume(g, r, default) => {
                let cont = match default {
                    None => cont,
                    Some(d) => Cont::Then(
                        Box::new(move |_vm, r| match r {
                            Err(e) if e.is_instance(&types().stop_iteration) => Ok(Flow::Value(d)),
                            other => other.map(Flow::Value),
                        }),
                        Box::new(cont),
                    ),
                };
                self.resume_gen(&g, r, Cont::Next(Box::new(cont)))
            }
            Flow::RunLoop(lp, fut) => crate::asyncio::event_loop::start_run(self, lp, fut, cont),
        }
    }

    #[inline]
    fn jump(&mut self, target: u32) {
        if let Some(f) = self.frames.last_mut() {
            f.pc = target as usize;
        }
    }

    /// The value `n` places below the top (0 is TOS).
    fn peek(&self, n: usize) -> Value {
        match self.frames.last() {
            Some(f) if f.values.len() > n => f.values[f.values.len() - 1 - n].clone(),
            _ => Value::None,
        }
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        match self.frames.last_mut() {
            Some(f) => {
                let at = f.values.len().saturating_sub(n).max(f.nlocals);
                f.values.split_off(at)
            }
            None => Vec::new(),
        }
    }

    /// Runs one instruction of the top frame.
    fn step(&mut self) -> PyResult<()> {
        let mut first = true;
        loop {
            let instr = {
                let limit = self.step_limit;
                let steps = &mut self.steps;
                let builtins = &self.builtins;
                let Some(f) = self.frames.last_mut() else {
                    return Ok(());
                };
                if first {
                    if let Some(exc) = f.pending_throw.take() {
                        return self.throw_here(exc);
                    }
                }
                // The hot instructions run here in a loop, with the frame in
                // hand; any other instruction leaves the loop for the big match.
                loop {
                    if !first {
                        if *steps >= limit {
                            return Ok(());
                        }
                        *steps += 1;
                    }
                    first = false;
                    let pc = f.pc;
                    let Some(instr) = f.code.instrs.get(pc).copied() else {
                        break Instr::Return;
                    };
                    f.lasti = pc;
                    f.pc = pc + 1;
                    match instr {
                        Instr::LoadFast(i) => {
                            if let Some(v) = f.values.get(i as usize) {
                                if !matches!(v, Value::Unbound) {
                                    let v = match v {
                                        Value::Int(asyncpy_num::Int::Small(i)) => {
                                            Value::Int(asyncpy_num::Int::Small(*i))
                                        }
                                        _ => v.clone(),
                                    };
                                    f.values.push(v);
                                    continue;
                                }
                            }
                        }
                        Instr::StoreFast(i) if f.values.len() > f.nlocals => {
                            if let Some(v) = f.values.pop() {
                                if let Some(slot) = f.values.get_mut(i as usize) {
                                    *slot = v;
                                }
                            }
                            continue;
                        }
                        Instr::LoadConst(i) => {
                            let v = match f.code.consts.get(i as usize) {
                                Some(Value::Int(asyncpy_num::Int::Small(i))) => {
                                    Value::Int(asyncpy_num::Int::Small(*i))
                                }
                                Some(v) => v.clone(),
                                None => Value::None,
                            };
                            f.values.push(v);
                            continue;
                        }
                        Instr::LoadGlobal(i) => {
                            if let Some(name) = f.code.names.get(i as usize) {
                                let found = f.globals.borrow().get_str(name).cloned();
                                let found = match found {
                                    Some(v) => Some(v),
                                    None => builtins.borrow().get_str(name).cloned(),
                                };
                                if let Some(v) = found {
                                    f.values.push(v);
                                    continue;
                                }
                            }
                        }
                        Instr::Jump(t) => {
                            f.pc = t as usize;
                            continue;
                        }
                        Instr::PopTop => {
                            if f.values.len() > f.nlocals {
                                f.values.pop();
                            }
                            continue;
                        }
                        Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                            if let Some(Value::Bool(b)) = f.values.last() {
                                let b = *b;
                                if f.values.len() > f.nlocals {
                                    // A bool owns nothing: no drop needed.
                                    std::mem::forget(f.values.pop());
                                    let jump_on = matches!(instr, Instr::PopJumpIfTrue(_));
                                    if b == jump_on {
                                        f.pc = t as usize;
                                    }
                                    continue;
                                }
                            }
                        }
                        Instr::Binary(op) | Instr::Inplace(op) => {
                            let n = f.values.len();
                            if n >= f.nlocals + 2 {
                                if let (
                                    Value::Int(asyncpy_num::Int::Small(a)),
                                    Value::Int(asyncpy_num::Int::Small(b)),
                                ) = (&f.values[n - 2], &f.values[n - 1])
                                {
                                    let r = match op {
                                        crate::compile::code::BinOp::Add => a.checked_add(*b),
                                        crate::compile::code::BinOp::Sub => a.checked_sub(*b),
                                        crate::compile::code::BinOp::Mul => a.checked_mul(*b),
                                        crate::compile::code::BinOp::Mod if *b > 0 && *a >= 0 => {
                                            Some(a % b)
                                        }
                                        crate::compile::code::BinOp::FloorDiv
                                            if *b > 0 && *a >= 0 =>
                                        {
                                            Some(a / b)
                                        }
                                        _ => None,
                                    };
                                    if let Some(r) = r {
                                        // Both operands are small ints, which own
                                        // nothing: no drop needed.
                                        std::mem::forget(f.values.pop());
                                        if let Some(slot) = f.values.last_mut() {
                                            std::mem::forget(std::mem::replace(
                                                slot,
                                                Value::int(r),
                                            ));
                                        }
                                        continue;
                                    }
                                }
                            }
                        }
                        Instr::Compare(op) => {
                            let n = f.values.len();
                            if n >= f.nlocals + 2 {
                                if let (
                                    Value::Int(asyncpy_num::Int::Small(a)),
                                    Value::Int(asyncpy_num::Int::Small(b)),
                                ) = (&f.values[n - 2], &f.values[n - 1])
                                {
                                    use crate::compile::code::CmpOp;
                                    let r = match op {
                                        CmpOp::Lt => a < b,
                                        CmpOp::Le => a <= b,
                                        CmpOp::Eq => a == b,
                                        CmpOp::Ne => a != b,
                                        CmpOp::Gt => a > b,
                                        CmpOp::Ge => a >= b,
                                    };
                                    // Small ints own nothing: no drop needed.
                                    std::mem::forget(f.values.pop());
                                    if let Some(slot) = f.values.last_mut() {
                                        std::mem::forget(std::mem::replace(slot, Value::Bool(r)));
                                    }
                                    continue;
                                }
                            }
                        }
                        _ => {}
                    }
                    break instr;
                }
            };
            // Calls and returns of plain Python functions stay in this loop.
            match instr {
                Instr::Call(n) if self.fast_call(n as usize, false) => continue,
                Instr::CallMethod(n) if self.fast_call(n as usize, true) => continue,
                Instr::Return => {
                    let plain = self.frames.len() >= 2
                        && matches!(self.frames.last(), Some(f) if f.gen.is_none() && matches!(f.cont, Cont::Push));
                    if plain {
                        if let Some(mut frame) = self.frames.pop() {
                            let v = frame.values.pop().unwrap_or(Value::None);
                            if self.frame_pool.len() < 64 && frame.values.capacity() <= 256 {
                                frame.values.clear();
                                frame.cells.clear();
                                self.frame_pool.push(frame);
                            } else {
                                self.recycle_vec(std::mem::take(&mut frame.values));
                            }
                            self.push(v);
                            if self.frames.len() > self.floor {
                                continue;
                            }
                            return Ok(());
                        }
                    }
                }
                _ => {}
            }
            return self.step_slow(instr);
        }
    }

    /// The instructions that are not on the hot path.
    fn step_slow(&mut self, instr: Instr) -> PyResult<()> {
        match instr {
            Instr::Nop | Instr::LoadLocals => {}
            Instr::PopIter => {
                let v = self.pop();
                if let Value::Gen(g) = v {
                    self.finalize_gen(g);
                }
            }
            Instr::SetupAnnotations => {
                if let Some(f) = self.frames.last() {
                    let target = f.ns.clone().unwrap_or_else(|| f.globals.clone());
                    let name = crate::objects::str::intern("__annotations__");
                    let missing = target.borrow().get_str(&name).is_none();
                    if missing {
                        target.borrow_mut().set_str(name, Value::dict(Dict::new()));
                    }
                }
            }
            Instr::PopTop => {
                self.pop();
            }
            Instr::Rot2 => {
                if let Some(f) = self.frames.last_mut() {
                    let n = f.values.len();
                    if n >= 2 {
                        f.values.swap(n - 1, n - 2);
                    }
                }
            }
            Instr::Rot3 => {
                if let Some(f) = self.frames.last_mut() {
                    let n = f.values.len();
                    if n >= 3 {
                        let v = f.values.remove(n - 1);
                        f.values.insert(n - 3, v);
                    }
                }
            }
            Instr::Rot4 => {
                if let Some(f) = self.frames.last_mut() {
                    let n = f.values.len();
                    if n >= 4 {
                        let v = f.values.remove(n - 1);
                        f.values.insert(n - 4, v);
                    }
                }
            }
            Instr::DupTop => {
                let v = self.top();
                self.push(v);
            }
            Instr::DupTop2 => {
                let a = self.peek(1);
                let b = self.peek(0);
                self.push(a);
                self.push(b);
            }
            Instr::Copy(n) => {
                let v = self.peek(n.saturating_sub(1) as usize);
                self.push(v);
            }
            Instr::LoadConst(i) => {
                if let Some(f) = self.frames.last_mut() {
                    let v = f.code.consts.get(i as usize).cloned().unwrap_or(Value::None);
                    f.values.push(v);
                }
            }
            Instr::LoadFast(i) => {
                let Some(f) = self.frames.last_mut() else { return Ok(()) };
                let v = f.values.get(i as usize).cloned().unwrap_or(Value::Unbound);
                if let Value::Unbound = v {
                    let name = f
                        .code
                        .varnames
                        .get(i as usize)
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default();
                    return Err(unbound_local_error(format!(
                        "cannot access local variable '{name}' where it is not associated with a value"
                    )));
                }
                f.values.push(v);
            }
            Instr::StoreFast(i) => {
                let v = self.pop();
                if let Some(f) = self.frames.last_mut() {
                    if let Some(slot) = f.values.get_mut(i as usize) {
                        *slot = v;
                    }
                }
            }
            Instr::DeleteFast(i) => {
                let Some(f) = self.frames.last_mut() else { return Ok(()) };
                if let Some(slot) = f.values.get_mut(i as usize) {
                    if let Value::Unbound = slot {
                        let name = f
                            .code
                            .varnames
                            .get(i as usize)
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default();
                        return Err(unbound_local_error(format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        )));
                    }
                    *slot = Value::Unbound;
                }
            }
            Instr::LoadDeref(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let v =
                    f.cells.get(i as usize).map(|c| c.borrow().clone()).unwrap_or(Value::Unbound);
                if let Value::Unbound = v {
                    return Err(self.unbound_cell_error(i as usize));
                }
                self.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = self.pop();
                if let Some(f) = self.frames.last() {
                    if let Some(c) = f.cells.get(i as usize) {
                        *c.borrow_mut() = v;
                    }
                }
            }
            Instr::DeleteDeref(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                if let Some(c) = f.cells.get(i as usize) {
                    let unbound = matches!(*c.borrow(), Value::Unbound);
                    if unbound {
                        return Err(self.unbound_cell_error(i as usize));
                    }
                    *c.borrow_mut() = Value::Unbound;
                }
            }
            Instr::LoadClassDeref(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let ncell = f.code.cellvars.len();
                let name = f.code.freevars.get((i as usize).saturating_sub(ncell)).cloned();
                if let (Some(ns), Some(name)) = (&f.ns, &name) {
                    let found = ns.borrow().get_str(name).cloned();
                    if let Some(v) = found {
                        self.push(v);
                        return Ok(());
                    }
                }
                let v =
                    f.cells.get(i as usize).map(|c| c.borrow().clone()).unwrap_or(Value::Unbound);
                if let Value::Unbound = v {
                    return Err(self.unbound_cell_error(i as usize));
                }
                self.push(v);
            }
            Instr::LoadClosure(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let v = match f.cells.get(i as usize) {
                    Some(c) => crate::builtins::cell_value(c.clone()),
                    None => Value::None,
                };
                self.push(v);
            }
            Instr::LoadGlobal(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                let found = f.globals.borrow().get_str(&name).cloned();
                let v = match found {
                    Some(v) => v,
                    None => match self.builtins.borrow().get_str(&name).cloned() {
                        Some(v) => v,
                        None => {
                            return Err(name_error(format!(
                                "name '{}' is not defined",
                                name.as_str()
                            )))
                        }
                    },
                };
                self.push(v);
            }
            Instr::StoreGlobal(i) => {
                let v = self.pop();
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                f.globals.borrow_mut().set_str(name, v);
            }
            Instr::DeleteGlobal(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                if f.globals.borrow_mut().remove_str(&name).is_none() {
                    return Err(name_error(format!("name '{}' is not defined", name.as_str())));
                }
            }
            Instr::LoadName(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                let local = f.ns.as_ref().and_then(|ns| ns.borrow().get_str(&name).cloned());
                let v = match local {
                    Some(v) => v,
                    None => match f.globals.borrow().get_str(&name).cloned() {
                        Some(v) => v,
                        None => match self.builtins.borrow().get_str(&name).cloned() {
                            Some(v) => v,
                            None => {
                                return Err(name_error(format!(
                                    "name '{}' is not defined",
                                    name.as_str()
                                )))
                            }
                        },
                    },
                };
                self.push(v);
            }
            Instr::StoreName(i) => {
                let v = self.pop();
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                match &f.ns {
                    Some(ns) => ns.borrow_mut().set_str(name, v),
                    None => f.globals.borrow_mut().set_str(name, v),
                }
            }
            Instr::DeleteName(i) => {
                let Some(f) = self.frames.last() else { return Ok(()) };
                let name = f.code.names[i as usize].clone();
                let removed = match &f.ns {
                    Some(ns) => ns.borrow_mut().remove_str(&name),
                    None => f.globals.borrow_mut().remove_str(&name),
                };
                if removed.is_none() {
                    return Err(name_error(format!("name '{}' is not defined", name.as_str())));
                }
            }
            Instr::LoadAttr(i) => {
                let name = self.name_at(i);
                let obj = self.pop();
                self.load_attr(obj, &name, Cont::Push)?;
            }
            Instr::StoreAttr(i) => {
                let name = self.name_at(i);
                let obj = self.pop();
                let v = self.pop();
                self.store_attr(&obj, &name, v)?;
            }
            Instr::DeleteAttr(i) => {
                let name = self.name_at(i);
                let obj = self.pop();
                self.delete_attr(&obj, &name)?;
            }
            Instr::LoadMethod(i) => {
                let name = self.name_at(i);
                let obj = self.pop();
                self.load_method(obj, &name)?;
            }
            Instr::BinarySubscr => {
                let key = self.pop();
                let obj = self.pop();
                self.getitem(obj, key, Cont::Push)?;
            }
            Instr::StoreSubscr => {
                let key = self.pop();
                let obj = self.pop();
                let v = self.pop();
                self.setitem(&obj, key, v)?;
            }
            Instr::DeleteSubscr => {
                let key = self.pop();
                let obj = self.pop();
                self.delitem(&obj, key)?;
            }
            Instr::Binary(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(v) = crate::vm::ops::fast_binary(op, &a, &b)? {
                    self.push(v);
                } else {
                    self.binary_op(op, a, b, false, Cont::Push)?;
                }
            }
            Instr::Inplace(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(v) = crate::vm::ops::fast_binary(op, &a, &b)? {
                    self.push(v);
                } else {
                    self.binary_op(op, a, b, true, Cont::Push)?;
                }
            }
            Instr::Unary(op) => {
                let v = self.pop();
                match op {
                    UnOp::Not => {
                        let t = self.truthy(&v)?;
                        self.push(Value::Bool(!t));
                    }
                    _ => self.unary_op(op, v, Cont::Push)?,
                }
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(r) = crate::vm::ops::fast_compare(op, &a, &b) {
                    self.push(Value::Bool(r));
                } else {
                    self.compare_op(op, a, b, Cont::Push)?;
                }
            }
            Instr::IsOp(invert) => {
                let b = self.pop();
                let a = self.pop();
                self.push(Value::Bool(a.is(&b) != invert));
            }
            Instr::ContainsOp(invert) => {
                let container = self.pop();
                let item = self.pop();
                let r = self.contains(&container, &item)?;
                self.push(Value::Bool(r != invert));
            }
            Instr::Jump(t) => self.jump(t),
            Instr::PopJumpIfFalse(t) => {
                let v = self.pop();
                if !self.truthy(&v)? {
                    self.jump(t);
                }
            }
            Instr::PopJumpIfTrue(t) => {
                let v = self.pop();
                if self.truthy(&v)? {
                    self.jump(t);
                }
            }
            Instr::JumpIfFalseOrPop(t) => {
                let v = self.top();
                if !self.truthy(&v)? {
                    self.jump(t);
                } else {
                    self.pop();
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                let v = self.top();
                if self.truthy(&v)? {
                    self.jump(t);
                } else {
                    self.pop();
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                let it = self.get_iter(v)?;
                self.push(it);
            }
            Instr::ForIter(t) => {
                let it = self.top();
                self.for_iter(it, t)?;
            }
            Instr::GetAIter => {
                let v = self.pop();
                self.get_aiter(v)?;
            }
            Instr::GetANext => {
                let v = self.top();
                self.get_anext(v)?;
            }
            Instr::EndAsyncFor => {
                let exc = self.pop();
                if let Some(e) = Exc::from_value(&exc) {
                    if e.is_instance(&types().stop_async_iteration) {
                        self.pop();
                        return Ok(());
                    }
                    return self.reraise(e);
                }
            }
            Instr::GetAwaitable(kind) => {
                let v = self.pop();
                self.get_awaitable(v, kind)?;
            }
            Instr::GetYieldFromIter => {
                let v = self.pop();
                let it = match &v {
                    Value::Gen(g) if g.kind == crate::objects::gen::GenKind::Coroutine => {
                        // Allowed only inside a @types.coroutine generator.
                        v.clone()
                    }
                    Value::Gen(_) => v.clone(),
                    _ => self.get_iter(v)?,
                };
                self.push(it);
            }
            Instr::Send(_) => {
                let v = self.pop();
                let delegate = self.top();
                self.send_to(delegate, crate::vm::gen::Resume::Send(v))?;
            }
            Instr::YieldValue => {
                let v = self.pop();
                self.aio.note_user_yield(
                    self.frames.last().map(|f| f.code.internal).unwrap_or(true),
                    &v,
                );
                return self.exit_frame(Exit::Yield(v));
            }
            Instr::Return => {
                let v = self.pop();
                return self.exit_frame(Exit::Return(v));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::tuple(items));
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::list(items));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let s = Rc::new(RefCell::new(Set::new()));
                for it in items {
                    self.set_add(&s, it)?;
                }
                self.push(Value::Set(s));
            }
            Instr::BuildMap(n) => {
                let items = self.pop_n(2 * n as usize);
                let d = Rc::new(RefCell::new(Dict::new()));
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&d, k, v)?;
                }
                self.push(Value::Dict(d));
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { self.pop() } else { Value::None };
                let stop = self.pop();
                let start = self.pop();
                self.push(Value::Slice(Rc::new([start, stop, step])));
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n(n as usize);
                let mut s = String::new();
                for p in parts {
                    if let Value::Str(p) = p {
                        s.push_str(p.as_str());
                    }
                }
                self.push(Value::string(s));
            }
            Instr::ListAppend(i) => {
                let v = self.pop();
                if let Value::List(l) = self.peek(i as usize - 1) {
                    l.borrow_mut().push(v);
                }
            }
            Instr::SetAdd(i) => {
                let v = self.pop();
                if let Value::Set(s) = self.peek(i as usize - 1) {
                    self.set_add(&s, v)?;
                }
            }
            Instr::MapAdd(i) => {
                let v = self.pop();
                let k = self.pop();
                if let Value::Dict(d) = self.peek(i as usize - 1) {
                    self.dict_set(&d, k, v)?;
                }
            }
            Instr::ListExtend(i) => {
                let v = self.pop();
                let items = self.collect_iterable(&v).map_err(|e| {
                    if e.is_instance(&types().type_error) && !self.is_iterable(&v) {
                        type_error(format!(
                            "Value after * must be an iterable, not {}",
                            type_name(&v)
                        ))
                    } else {
                        e
                    }
                })?;
                if let Value::List(l) = self.peek(i as usize - 1) {
                    l.borrow_mut().extend(items);
                }
            }
            Instr::SetUpdate(i) => {
                let v = self.pop();
                let items = self.collect_iterable(&v)?;
                if let Value::Set(s) = self.peek(i as usize - 1) {
                    for it in items {
                        self.set_add(&s, it)?;
                    }
                }
            }
            Instr::DictUpdate(i) => {
                let v = self.pop();
                let target = self.peek(i as usize - 1);
                if let Value::Dict(d) = target {
                    let items = self.mapping_items(&v).map_err(|e| {
                        if e.is_instance(&types().type_error) {
                            type_error(format!("'{}' object is not a mapping", type_name(&v)))
                        } else {
                            e
                        }
                    })?;
                    for (k, val) in items {
                        self.dict_set(&d, k, val)?;
                    }
                }
            }
            Instr::DictMerge(i) => {
                let v = self.pop();
                let target = self.peek(i as usize - 1);
                if let Value::Dict(d) = target {
                    let items = self.mapping_items(&v).map_err(|e| {
                        if e.is_instance(&types().type_error) {
                            type_error(format!(
                                "argument after ** must be a mapping, not {}",
                                type_name(&v)
                            ))
                        } else {
                            e
                        }
                    })?;
                    for (k, val) in items {
                        if self.dict_get(&d, &k)?.is_some() {
                            let ks = match &k {
                                Value::Str(s) => s.as_str().to_string(),
                                _ => self.repr(&k)?,
                            };
                            return Err(type_error(format!(
                                "got multiple values for keyword argument '{ks}'"
                            )));
                        }
                        self.dict_set(&d, k, val)?;
                    }
                }
            }
            Instr::ListToTuple => {
                let v = self.pop();
                let t = match v {
                    Value::List(l) => Value::tuple(l.borrow().clone()),
                    other => other,
                };
                self.push(t);
            }
            Instr::UnpackSequence(n) => {
                let v = self.pop();
                let items = self.unpack(&v, n as usize)?;
                for it in items.into_iter().rev() {
                    self.push(it);
                }
            }
            Instr::UnpackEx(before, after) => {
                let v = self.pop();
                let items = self.collect_iterable(&v).map_err(|e| {
                    if !self.is_iterable(&v) {
                        type_error(format!("cannot unpack non-iterable {} object", type_name(&v)))
                    } else {
                        e
                    }
                })?;
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return Err(value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        b + a,
                        items.len()
                    )));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - a);
                let mid = items.split_off(b);
                for it in tail.into_iter().rev() {
                    self.push(it);
                }
                self.push(Value::list(mid));
                for it in items.into_iter().rev() {
                    self.push(it);
                }
            }
            Instr::Call(n) => {
                let args = self.pop_n(n as usize);
                let f = self.pop();
                self.call_value(f, Args::new(args), Cont::Push)?;
            }
            Instr::CallKw(n, names) => {
                let args = self.pop_n(n as usize);
                let f = self.pop();
                let a = self.kw_args(args, names);
                self.call_value(f, a, Cont::Push)?;
            }
            Instr::CallMethod(n) => {
                let mut args = self.pop_n(n as usize);
                let f = self.pop();
                let this = self.pop();
                if !matches!(this, Value::Unbound) {
                    args.insert(0, this);
                }
                self.call_value(f, Args::new(args), Cont::Push)?;
            }
            Instr::CallMethodKw(n, names) => {
                let args = self.pop_n(n as usize);
                let f = self.pop();
                let this = self.pop();
                let mut a = self.kw_args(args, names);
                if !matches!(this, Value::Unbound) {
                    a.pos.insert(0, this);
                }
                self.call_value(f, a, Cont::Push)?;
            }
            Instr::CallEx(has_kw) => {
                let kw = if has_kw { self.pop() } else { Value::None };
                let pos = self.pop();
                let f = self.pop();
                let mut a = Args::default();
                if let Value::Tuple(t) = pos {
                    a.pos = t.to_vec();
                }
                if let Value::Dict(d) = kw {
                    for e in d.borrow().iter() {
                        match &e.key {
                            Value::Str(s) => a.kw.push((s.clone(), e.value.clone())),
                            _ => return Err(type_error("keywords must be strings")),
                        }
                    }
                }
                self.call_value(f, a, Cont::Push)?;
            }
            Instr::MakeFunction(flags) => {
                let code = self.pop();
                let closure = if flags & 8 != 0 { self.pop() } else { Value::None };
                let annotations = if flags & 4 != 0 { Some(self.pop()) } else { None };
                let kwdefaults = if flags & 2 != 0 { self.pop() } else { Value::None };
                let defaults = if flags & 1 != 0 { self.pop() } else { Value::None };
                let f = self.make_function(code, defaults, kwdefaults, closure)?;
                if let (Some(Value::Dict(ann)), Value::Function(func)) = (annotations, &f) {
                    let mut d = crate::objects::dict::Dict::new();
                    d.set_str(crate::objects::str::intern("__annotations__"), Value::Dict(ann));
                    *func.dict.borrow_mut() = Some(Rc::new(RefCell::new(d)));
                }
                self.push(f);
            }
            Instr::BuildClass(nbases, has_kw) => {
                let kw = if has_kw { self.pop() } else { Value::None };
                let bases = self.pop_n(nbases as usize);
                let name = self.pop();
                let body = self.pop();
                self.build_class(body, name, bases, kw)?;
            }
            Instr::SetupExcept(t) => {
                if let Some(f) = self.frames.last_mut() {
                    f.blocks.push(Block {
                        handler: t,
                        level: f.values.len() as u32,
                        exc_depth: f.exc_stack.len() as u32,
                    });
                }
            }
            Instr::PopBlock => {
                if let Some(f) = self.frames.last_mut() {
                    f.blocks.pop();
                }
            }
            Instr::PushExcInfo => {
                let v = self.top();
                if let Some(f) = self.frames.last_mut() {
                    f.exc_stack.push(v);
                }
            }
            Instr::PopExcept => {
                if let Some(f) = self.frames.last_mut() {
                    f.exc_stack.pop();
                }
            }
            Instr::Reraise => {
                let v = self.pop();
                match Exc::from_value(&v) {
                    Some(e) => return self.reraise(e),
                    None => {
                        return Err(crate::objects::exc::runtime_error(
                            "No active exception to reraise",
                        ))
                    }
                }
            }
            Instr::Raise(0) => {
                return match self.current_exception() {
                    Some(e) => self.reraise(e),
                    None => {
                        Err(crate::objects::exc::runtime_error("No active exception to reraise"))
                    }
                };
            }
            Instr::Raise(n) => {
                let e = self.do_raise(n)?;
                self.set_context(&e);
                return Err(e);
            }
            Instr::CheckExcMatch => {
                let typ = self.pop();
                let exc = self.top();
                let r = self.exc_matches(&exc, &typ)?;
                self.push(Value::Bool(r));
            }
            Instr::CheckEgMatch => {
                let typ = self.pop();
                let rest = self.pop();
                let (rest, matched) = self.eg_match(rest, &typ)?;
                self.push(rest);
                self.push(matched);
            }
            Instr::PrepReraiseStar => {
                let list = self.pop();
                let orig = self.pop();
                let r = self.prep_reraise_star(&orig, &list)?;
                self.push(r);
            }
            Instr::BeforeWith => {
                let mgr = self.pop();
                self.before_with(mgr, false)?;
            }
            Instr::BeforeAsyncWith => {
                let mgr = self.pop();
                self.before_with(mgr, true)?;
            }
            Instr::WithExceptStart => {
                let exc = self.top();
                let exit = self.peek(1);
                let cls = Value::Class(self.class_of(&exc));
                self.call_value(exit, Args::new(vec![cls, exc, Value::None]), Cont::Push)?;
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { self.pop() } else { Value::None };
                let v = self.pop();
                let v = match flags & 3 {
                    1 => Value::string(self.str_of(&v)?),
                    2 => Value::string(self.repr(&v)?),
                    3 => Value::string(crate::builtins::ascii_of(&self.repr(&v)?)),
                    _ => v,
                };
                let spec_s = match &spec {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => String::new(),
                };
                let s = if spec_s.is_empty() {
                    match &v {
                        Value::Str(_) => v,
                        _ => Value::string(self.str_of(&v)?),
                    }
                } else {
                    Value::string(self.format(&v, &spec_s)?)
                };
                self.push(s);
            }
            Instr::ImportName(i) => {
                let name = self.name_at(i);
                let fromlist = self.pop();
                let _level = self.pop();
                let m = self.import(name.as_str(), &fromlist)?;
                self.push(m);
            }
            Instr::ImportFrom(i) => {
                let name = self.name_at(i);
                let m = self.top();
                let v = self.import_from(&m, &name)?;
                self.push(v);
            }
            Instr::ImportStar => {
                let m = self.pop();
                self.import_star(&m)?;
            }
            Instr::LoadAssertionError => {
                self.push(Value::Class(types().assertion_error.clone()));
            }
        }
        Ok(())
    }

    /// A call of a simple Python function with exactly its positional
    /// arguments: the arguments move from the caller's stack into the new
    /// frame, no binding needed. False when the call is not such a call.
    fn fast_call(&mut self, n: usize, method: bool) -> bool {
        if self.frames.len() >= self.recursion_limit {
            return false;
        }
        let mut pooled = self.frame_pool.pop();
        let mut vals = match pooled.as_mut() {
            Some(p) => std::mem::take(&mut p.values),
            None => self.take_vec(),
        };
        let Some(f) = self.frames.last_mut() else {
            return false;
        };
        let len = f.values.len();
        let extra = if method { 2 } else { 1 };
        if len < f.nlocals + n + extra {
            self.unfast(pooled, vals);
            return false;
        }
        let callee_idx = len - n - 1;
        let Value::Function(func) = &f.values[callee_idx] else {
            self.unfast(pooled, vals);
            return false;
        };
        let self_arg = method && !matches!(f.values[callee_idx - 1], Value::Unbound);
        let nargs = n + self_arg as usize;
        if !func.code.simple || func.code.argcount as usize != nargs {
            self.unfast(pooled, vals);
            return false;
        }
        let func = func.clone();
        let start = if method { callee_idx - 1 } else { callee_idx };
        if self_arg {
            vals.push(std::mem::replace(&mut f.values[start], Value::None));
        }
        for i in callee_idx + 1..len {
            vals.push(std::mem::replace(&mut f.values[i], Value::None));
        }
        f.values.truncate(start);
        let code = func.code.clone();
        let nlocals = code.varnames.len();
        vals.resize(nlocals, Value::Unbound);
        match pooled {
            Some(mut fr) => {
                fr.code = code;
                fr.pc = 0;
                fr.lasti = 0;
                fr.values = vals;
                fr.nlocals = nlocals;
                fr.cells.extend(func.closure.iter().cloned());
                fr.globals = func.globals.clone();
                fr.ns = None;
                fr.blocks.clear();
                fr.exc_stack.clear();
                fr.cont = Cont::Push;
                fr.gen = None;
                fr.pending_throw = None;
                self.frames.push(fr);
            }
            None => {
                self.frames.push(Box::new(Frame {
                    code,
                    pc: 0,
                    lasti: 0,
                    values: vals,
                    nlocals,
                    cells: func.closure.clone(),
                    globals: func.globals.clone(),
                    ns: None,
                    blocks: Vec::new(),
                    exc_stack: Vec::new(),
                    cont: Cont::Push,
                    gen: None,
                    pending_throw: None,
                }));
            }
        }
        true
    }

    /// A generator dropped by the last holder while suspended: close it
    /// now (an async generator's `aclose()` is a task, as asyncio's
    /// finalizer hook makes one).
    fn finalize_gen(&mut self, g: Rc<crate::objects::gen::Generator>) {
        if Rc::strong_count(&g) != 1 {
            return;
        }
        let suspended = {
            let st = g.state.borrow();
            st.started && !st.finished && !st.running && st.frame.is_some()
        };
        if !suspended {
            return;
        }
        match g.kind {
            crate::objects::gen::GenKind::AsyncGenerator => {
                let Some(lp) = self.aio.running_loop.clone() else { return };
                let aclose = crate::vm::gen::aclose_object(g);
                let Ok(create) = self.get_attr(&lp, "create_task") else { return };
                let _ = crate::asyncio::event_loop::call_soon(
                    self,
                    &lp,
                    crate::asyncio::event_loop::Callback::Py(create, vec![aclose]),
                    false,
                );
            }
            _ => {
                if let Err(e) = self.close_gen(&g) {
                    if !e.is_instance(&types().stopped) {
                        let what = self.repr(&Value::Gen(g.clone())).unwrap_or_default();
                        let text = self.format_exception(&e);
                        self.write_stderr(&format!("Exception ignored in: {what}\n{text}"));
                    }
                }
            }
        }
    }

    fn unfast(&mut self, pooled: Option<Box<Frame>>, vals: Vec<Value>) {
        match pooled {
            Some(mut p) => {
                p.values = vals;
                self.frame_pool.push(p);
            }
            None => self.recycle_vec(vals),
        }
    }

    fn name_at(&self, i: u32) -> Rc<PyStr> {
        match self.frames.last() {
            Some(f) => f
                .code
                .names
                .get(i as usize)
                .cloned()
                .unwrap_or_else(|| crate::objects::str::intern("?")),
            None => crate::objects::str::intern("?"),
        }
    }

    fn unbound_cell_error(&self, i: usize) -> Exc {
        let Some(f) = self.frames.last() else {
            return name_error("free variable referenced before assignment");
        };
        let ncell = f.code.cellvars.len();
        if i < ncell {
            let name = f.code.cellvars[i].as_str();
            unbound_local_error(format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ))
        } else {
            let name = f.code.freevars.get(i - ncell).map(|s| s.as_str()).unwrap_or("?");
            name_error(format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))
        }
    }

    fn kw_args(&self, mut args: Vec<Value>, names: u32) -> Args {
        let names = match self.frames.last().and_then(|f| f.code.consts.get(names as usize)) {
            Some(Value::Tuple(t)) => t.clone(),
            _ => Rc::from(Vec::new()),
        };
        let nk = names.len().min(args.len());
        let kwvals = args.split_off(args.len() - nk);
        let kw = names
            .iter()
            .zip(kwvals)
            .map(|(n, v)| match n {
                Value::Str(s) => (s.clone(), v),
                _ => (crate::objects::str::intern("?"), v),
            })
            .collect();
        Args { pos: args, kw }
    }

    /// Makes a new Python function object.
    fn make_function(
        &mut self,
        code: Value,
        defaults: Value,
        kwdefaults: Value,
        closure: Value,
    ) -> PyResult<Value> {
        let Value::Code(code) = code else {
            return Err(type_error("MakeFunction needs a code object"));
        };
        let Some(f) = self.frames.last() else {
            return Err(type_error("no frame"));
        };
        let defaults = match defaults {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        let kwdefaults = match kwdefaults {
            Value::Dict(d) => d
                .borrow()
                .iter()
                .filter_map(|e| match &e.key {
                    Value::Str(s) => Some((s.clone(), e.value.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let closure = match closure {
            Value::Tuple(t) => t
                .iter()
                .map(|i| match i {
                    Value::Int(asyncpy_num::Int::Small(i)) => f
                        .cells
                        .get(*i as usize)
                        .cloned()
                        .unwrap_or_else(|| Rc::new(RefCell::new(Value::Unbound))),
                    _ => Rc::new(RefCell::new(Value::Unbound)),
                })
                .collect(),
            _ => Vec::new(),
        };
        let func = crate::objects::func::Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            globals: f.globals.clone(),
            code,
            defaults,
            kwdefaults,
            closure,
            dict: RefCell::new(None),
            iterable_coroutine: std::cell::Cell::new(false),
        };
        Ok(Value::Function(Rc::new(func)))
    }

    /// Runs a class body and makes the class (`class C(B): ...`).
    fn build_class(
        &mut self,
        body: Value,
        name: Value,
        bases: Vec<Value>,
        kw: Value,
    ) -> PyResult<()> {
        let Value::Function(func) = body else {
            return Err(type_error("__build_class__: func must be a function"));
        };
        let Value::Str(name) = name else {
            return Err(type_error("__build_class__: name is not a string"));
        };
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => base_classes.push(c.clone()),
                _ => return Err(type_error("bases must be types")),
            }
        }
        if let Value::Dict(d) = &kw {
            for e in d.borrow().iter() {
                if let Value::Str(k) = &e.key {
                    if k.as_str() == "metaclass" {
                        let ok = matches!(&e.value, Value::Class(c) if c.name.as_str() == "type" || c.name.as_str() == "ABCMeta");
                        if !ok {
                            return Err(type_error("asyncpy: metaclasses are not supported"));
                        }
                    }
                }
            }
        }
        for b in &base_classes {
            if b.layout == Layout::Value && !Rc::ptr_eq(b, &types().object) {
                return Err(type_error(format!(
                    "asyncpy: subclassing the builtin type '{}' is not supported",
                    b.name.as_str()
                )));
            }
        }
        let ns = Rc::new(RefCell::new(Dict::new()));
        let mut frame = Frame::new(func.code.clone(), func.globals.clone());
        frame.ns = Some(ns.clone());
        frame.cells = self.make_cells(&func, &frame.code);
        let then: crate::objects::func::Then = Box::new(move |vm: &mut Vm, r: PyResult<Value>| {
            let cell = r?;
            let cls = crate::builtins::types_impl::new_class(vm, &name, base_classes, ns)?;
            if let Some(c) = crate::builtins::cell_of(&cell) {
                *c.borrow_mut() = Value::Class(cls.clone());
            }
            Ok(Flow::Value(Value::Class(cls)))
        });
        self.push_frame(frame, Cont::Then(then, Box::new(Cont::Push)))
    }

    /// The cells of a new frame: fresh cells for its cellvars, then the
    /// function's closure.
    pub fn make_cells(
        &self,
        func: &crate::objects::func::Function,
        code: &crate::compile::code::Code,
    ) -> Vec<crate::objects::func::CellRef> {
        let mut cells = Vec::with_capacity(code.cellvars.len() + func.closure.len());
        for _ in 0..code.cellvars.len() {
            cells.push(Rc::new(RefCell::new(Value::Unbound)));
        }
        cells.extend(func.closure.iter().cloned());
        cells
    }

    /// `raise X` or `raise X from Y`: the exception to raise.
    fn do_raise(&mut self, n: u32) -> PyResult<Exc> {
        let cause = if n == 2 { Some(self.pop()) } else { None };
        let v = self.pop();
        let exc = self.make_exception(v)?;
        if let Some(c) = cause {
            let cv = match &c {
                Value::None => Value::None,
                Value::Class(_) => self.make_exception(c.clone())?.value(),
                Value::Instance(i) if i.exc().is_some() => c.clone(),
                _ => return Err(type_error("exception causes must derive from BaseException")),
            };
            exc.with_mut(|d| {
                d.cause = cv;
                d.suppress_context = true;
            });
        }
        Ok(exc)
    }

    /// Turns `raise X`'s X into an exception instance.
    pub fn make_exception(&mut self, v: Value) -> PyResult<Exc> {
        match &v {
            Value::Instance(i) if i.exc().is_some() => Ok(Exc(i.clone())),
            Value::Class(c) if c.layout == Layout::Exception => {
                let r = self.call_sync(v.clone(), Args::default())?;
                match Exc::from_value(&r) {
                    Some(e) => Ok(e),
                    None => Err(type_error(format!(
                        "calling {} should have returned an instance of BaseException, not {}",
                        self.repr(&v)?,
                        type_name(&r)
                    ))),
                }
            }
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }

    /// The exception currently being handled, innermost frame first.
    pub fn current_exception(&self) -> Option<Exc> {
        for f in self.frames.iter().rev() {
            if let Some(v) = f.exc_stack.last() {
                return Exc::from_value(v);
            }
        }
        None
    }

    /// `with`: looks up `__enter__`/`__exit__` (or the async pair), pushes
    /// the bound exit, then calls enter.
    fn before_with(&mut self, mgr: Value, is_async: bool) -> PyResult<()> {
        let (enter_name, exit_name) =
            if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
        let cls = self.class_of(&mgr);
        let enter = cls.lookup(&PyStr::new(enter_name));
        let exit = cls.lookup(&PyStr::new(exit_name));
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let what = if is_async {
                "the asynchronous context manager protocol"
            } else {
                "the context manager protocol"
            };
            return Err(type_error(format!(
                "'{}' object does not support {}",
                cls.name.as_str(),
                what
            )));
        };
        let exit_bound = self.bind(exit, mgr.clone());
        self.push(exit_bound);
        let enter_bound = self.bind(enter, mgr);
        self.call_value(enter_bound, Args::default(), Cont::Push)
    }
}
