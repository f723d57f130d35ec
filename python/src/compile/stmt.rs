//! Statements: assignments, control flow, `try`, `with`, definitions.

use super::code::{AwaitKind, Instr};
use super::symtable::node_key;
use super::{Compiler, FBlock};
use crate::objects::str::{intern, PyStr};
use crate::value::Value;
use asyncpy_syntax::ast::*;
use std::rc::Rc;

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        if self.error.is_some() {
            return;
        }
        let saved = self.set_line(s.loc.line);
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(f, s.loc),
            StmtKind::ClassDef(c) => self.class_def(c, s.loc),
            StmtKind::Return(v) => {
                match v {
                    Some(v) => self.expr(v),
                    None => self.load_const(Value::None),
                }
                self.unwind_all(true);
                self.set_line(s.loc.line);
                self.emit(Instr::Return);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Instr::DupTop);
                    }
                    self.store_target(t);
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign { target, value, annotation, simple } => {
                if let Some(v) = value {
                    self.expr(v);
                    self.store_target(target);
                }
                // Module and class bodies keep the annotation of a plain
                // name in `__annotations__` (dataclasses read it).
                if let (true, ExprKind::Name { id, .. }) = (*simple, &target.kind) {
                    if !self.in_function_scope() {
                        self.expr(annotation);
                        self.name_op("__annotations__", ExprContext::Load);
                        self.load_const(Value::str(id));
                        self.emit(Instr::StoreSubscr);
                    }
                }
            }
            StmtKind::For { is_async, target, iter, body, orelse } => {
                if *is_async {
                    self.async_for(target, iter, body, orelse);
                } else {
                    self.for_loop(target, iter, body, orelse);
                }
            }
            StmtKind::While { test, body, orelse } => self.while_loop(test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                self.expr(test);
                let j = self.emit(Instr::PopJumpIfFalse(0));
                self.stmts(body);
                if orelse.is_empty() {
                    self.patch_here(j);
                } else {
                    let end = self.emit(Instr::Jump(0));
                    self.patch_here(j);
                    self.stmts(orelse);
                    self.patch_here(end);
                }
            }
            StmtKind::With { is_async, items, body } => self.with(*is_async, items, body),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e);
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c);
                        n = 2;
                    }
                }
                self.set_line(s.loc.line);
                self.emit(Instr::Raise(n));
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, *is_star);
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, *is_star);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                let j = self.emit(Instr::PopJumpIfTrue(0));
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m);
                    self.emit(Instr::Call(1));
                }
                self.set_line(s.loc.line);
                self.emit(Instr::Raise(1));
                self.patch_here(j);
            }
            StmtKind::Import(names) => {
                for a in names {
                    self.load_const(Value::int(0));
                    self.load_const(Value::None);
                    let i = self.name_idx(&a.name);
                    self.emit(Instr::ImportName(i));
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b as c` binds the submodule.
                            for part in a.name.split('.').skip(1) {
                                let p = self.name_idx(part);
                                self.emit(Instr::LoadAttr(p));
                            }
                            self.name_op(asname, ExprContext::Store);
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            self.name_op(&top, ExprContext::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.load_const(Value::int(*level as i64));
                let fromlist: Vec<Value> = names.iter().map(|a| Value::str(&a.name)).collect();
                let c = self.add_const_raw(Value::tuple(fromlist));
                self.emit(Instr::LoadConst(c));
                let m = module.clone().unwrap_or_default();
                let i = self.name_idx(&m);
                self.emit(Instr::ImportName(i));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Instr::ImportStar);
                } else {
                    for a in names {
                        let i = self.name_idx(&a.name);
                        self.emit(Instr::ImportFrom(i));
                        let bound = a.asname.as_deref().unwrap_or(&a.name);
                        self.name_op(bound, ExprContext::Store);
                    }
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                self.expr(e);
                self.emit(Instr::PopTop);
            }
            StmtKind::Break => self.break_stmt(s.loc),
            StmtKind::Continue => self.continue_stmt(s.loc),
        }
        self.restore_line(saved);
    }

    fn in_function_scope(&self) -> bool {
        matches!(
            self.st.scopes[self.unit_ref().scope].kind,
            super::symtable::ScopeKind::Function | super::symtable::ScopeKind::Comprehension
        )
    }

    // ---- assignment -------------------------------------------------

    pub(super) fn store_target(&mut self, t: &'a Expr) {
        let saved = self.set_line(t.loc.line);
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Store),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value);
                let i = self.name_idx(attr);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let star = elts.iter().position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match star {
                    Some(si) => {
                        let after = elts.len() - si - 1;
                        if si > 255 || after > 255 {
                            self.fail("too many expressions in star-unpacking assignment", t.loc);
                        }
                        self.emit(Instr::UnpackEx(si as u16, after as u16));
                    }
                    None => {
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.store_target(value),
                        _ => self.store_target(e),
                    }
                }
            }
            ExprKind::Starred { value, .. } => self.store_target(value),
            _ => self.fail("cannot assign to expression", t.loc),
        }
        self.restore_line(saved);
    }

    fn delete_target(&mut self, t: &'a Expr) {
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Del),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value);
                let i = self.name_idx(attr);
                self.emit(Instr::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts {
                    self.delete_target(e);
                }
            }
            _ => self.fail("cannot delete expression", t.loc),
        }
    }

    fn aug_assign(&mut self, target: &'a Expr, op: Operator, value: &'a Expr) {
        let bop = super::expr::binop(op);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.name_op(id, ExprContext::Load);
                self.expr(value);
                self.emit(Instr::Inplace(bop));
                self.name_op(id, ExprContext::Store);
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.expr(obj);
                self.emit(Instr::DupTop);
                let i = self.name_idx(attr);
                self.emit(Instr::LoadAttr(i));
                self.expr(value);
                self.emit(Instr::Inplace(bop));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.expr(obj);
                self.expr(slice);
                self.emit(Instr::DupTop2);
                self.emit(Instr::BinarySubscr);
                self.expr(value);
                self.emit(Instr::Inplace(bop));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
            }
            _ => self
                .fail("'expression' is an illegal expression for augmented assignment", target.loc),
        }
    }

    // ---- loops --------------------------------------------------------

    fn for_loop(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) {
        self.expr(iter);
        self.emit(Instr::GetIter);
        let start = self.here();
        let fi = self.emit(Instr::ForIter(0));
        self.unit().fblocks.push(FBlock::For { start, breaks: Vec::new() });
        self.store_target(target);
        self.stmts(body);
        self.emit(Instr::Jump(start));
        let fb = self.unit().fblocks.pop();
        self.patch_here(fi);
        self.stmts(orelse);
        if let Some(FBlock::For { breaks, .. }) = fb {
            for b in breaks {
                self.patch_here(b);
            }
        }
    }

    fn while_loop(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) {
        let start = self.here();
        let always = matches!(test.kind, ExprKind::Constant(Constant::Bool(true)));
        let exit = if always {
            None
        } else {
            self.expr(test);
            Some(self.emit(Instr::PopJumpIfFalse(0)))
        };
        self.unit().fblocks.push(FBlock::While { start, breaks: Vec::new() });
        self.stmts(body);
        self.emit(Instr::Jump(start));
        let fb = self.unit().fblocks.pop();
        if let Some(e) = exit {
            self.patch_here(e);
        }
        self.stmts(orelse);
        if let Some(FBlock::While { breaks, .. }) = fb {
            for b in breaks {
                self.patch_here(b);
            }
        }
    }

    fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) {
        self.expr(iter);
        self.emit(Instr::GetAIter);
        let start = self.here();
        let setup = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::GetANext);
        self.load_const(Value::None);
        let send = self.emit(Instr::Send(0));
        self.patch_here(send);
        self.emit(Instr::PopBlock);
        self.unit().fblocks.push(FBlock::AsyncFor { start, breaks: Vec::new() });
        self.store_target(target);
        self.stmts(body);
        self.emit(Instr::Jump(start));
        let fb = self.unit().fblocks.pop();
        self.patch_here(setup);
        self.emit(Instr::EndAsyncFor);
        self.stmts(orelse);
        if let Some(FBlock::AsyncFor { breaks, .. }) = fb {
            for b in breaks {
                self.patch_here(b);
            }
        }
    }

    fn break_stmt(&mut self, loc: Loc) {
        let Some(li) = self.innermost_loop() else {
            self.fail("'break' outside loop", loc);
            return;
        };
        self.unwind_to(li, false);
        // `break` also leaves the loop's own block: a for loop pops its
        // iterator.
        let fb = self.unit_ref().fblocks[li].clone();
        if matches!(fb, FBlock::For { .. } | FBlock::AsyncFor { .. }) {
            self.emit(Instr::PopIter);
        }
        let j = self.emit(Instr::Jump(0));
        match &mut self.unit().fblocks[li] {
            FBlock::While { breaks, .. }
            | FBlock::For { breaks, .. }
            | FBlock::AsyncFor { breaks, .. } => breaks.push(j),
            _ => {}
        }
    }

    fn continue_stmt(&mut self, loc: Loc) {
        let Some(li) = self.innermost_loop() else {
            self.fail("'continue' not properly in loop", loc);
            return;
        };
        self.unwind_to(li, false);
        let start = match &self.unit_ref().fblocks[li] {
            FBlock::While { start, .. }
            | FBlock::For { start, .. }
            | FBlock::AsyncFor { start, .. } => *start,
            _ => 0,
        };
        self.emit(Instr::Jump(start));
    }

    fn innermost_loop(&self) -> Option<usize> {
        self.unit_ref().fblocks.iter().rposition(|f| {
            matches!(f, FBlock::While { .. } | FBlock::For { .. } | FBlock::AsyncFor { .. })
        })
    }

    /// Emits the clean-up of every fblock above index `upto` (exclusive).
    fn unwind_to(&mut self, upto: usize, preserve_tos: bool) {
        let n = self.unit_ref().fblocks.len();
        let mut i = n;
        while i > upto + 1 {
            i -= 1;
            self.unwind_one(i, preserve_tos);
        }
    }

    /// Emits the clean-up of every fblock (for `return`).
    fn unwind_all(&mut self, preserve_tos: bool) {
        let n = self.unit_ref().fblocks.len();
        let mut i = n;
        while i > 0 {
            i -= 1;
            self.unwind_one(i, preserve_tos);
        }
    }

    fn unwind_one(&mut self, i: usize, preserve_tos: bool) {
        let fb = self.unit_ref().fblocks[i].clone();
        match fb {
            FBlock::While { .. } => {}
            FBlock::For { .. } | FBlock::AsyncFor { .. } => {
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::PopIter);
            }
            FBlock::TryExcept => {
                self.emit(Instr::PopBlock);
            }
            FBlock::FinallyTry { body } => {
                self.emit(Instr::PopBlock);
                // Run the finally body with the fblocks below it only (a
                // `return` inside it must not run it again).
                let saved: Vec<FBlock<'a>> = self.unit().fblocks.drain(i..).collect();
                self.stmts(body);
                self.unit().fblocks.extend(saved);
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::PopTop);
                self.emit(Instr::PopExcept);
            }
            FBlock::Handler { name } => {
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.load_const(Value::None);
                    self.name_op(n, ExprContext::Store);
                    self.name_op(n, ExprContext::Del);
                }
            }
            FBlock::With { is_async } => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.load_const(Value::None);
                self.load_const(Value::None);
                self.load_const(Value::None);
                self.emit(Instr::Call(3));
                if is_async {
                    self.emit(Instr::GetAwaitable(AwaitKind::AExit));
                    self.load_const(Value::None);
                    let s = self.emit(Instr::Send(0));
                    self.patch_here(s);
                }
                self.emit(Instr::PopTop);
            }
        }
    }

    // ---- try ------------------------------------------------------------

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) {
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::FinallyTry { body: finalbody });
        if handlers.is_empty() {
            self.stmts(body);
        } else {
            self.try_except(body, handlers, orelse, is_star);
        }
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.stmts(finalbody);
        let end = self.emit(Instr::Jump(0));
        // The exception path: the exception is on the stack.
        self.patch_here(setup);
        self.emit(Instr::PushExcInfo);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.stmts(finalbody);
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.patch_here(end);
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
    ) {
        if is_star {
            self.try_star(body, handlers, orelse);
            return;
        }
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::TryExcept);
        self.stmts(body);
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.stmts(orelse);
        let mut ends = vec![self.emit(Instr::Jump(0))];
        self.patch_here(setup);
        // [exc]
        self.emit(Instr::PushExcInfo);
        for h in handlers {
            let saved = self.set_line(h.loc.line);
            let mut next = None;
            if let Some(t) = &h.typ {
                self.expr(t);
                self.emit(Instr::CheckExcMatch);
                next = Some(self.emit(Instr::PopJumpIfFalse(0)));
            }
            match &h.name {
                Some(n) => self.name_op(n, ExprContext::Store),
                None => {
                    self.emit(Instr::PopTop);
                }
            }
            let cleanup = h.name.as_ref().map(|_| self.emit(Instr::SetupExcept(0)));
            self.unit().fblocks.push(FBlock::Handler { name: h.name.as_deref() });
            self.stmts(&h.body);
            self.unit().fblocks.pop();
            if cleanup.is_some() {
                self.emit(Instr::PopBlock);
            }
            self.emit(Instr::PopExcept);
            if let Some(n) = &h.name {
                self.load_const(Value::None);
                self.name_op(n, ExprContext::Store);
                self.name_op(n, ExprContext::Del);
            }
            ends.push(self.emit(Instr::Jump(0)));
            if let (Some(c), Some(n)) = (cleanup, &h.name) {
                // An exception inside a named handler: unbind the name and
                // let it propagate.
                self.patch_here(c);
                self.load_const(Value::None);
                self.name_op(n, ExprContext::Store);
                self.name_op(n, ExprContext::Del);
                self.emit(Instr::Reraise);
            }
            if let Some(j) = next {
                self.patch_here(j);
            }
            self.restore_line(saved);
        }
        // No handler matched.
        self.emit(Instr::Reraise);
        for e in ends {
            self.patch_here(e);
        }
    }

    /// `try: ... except* T: ...`: each clause takes the matching part of
    /// the exception group; what is left, and what the clauses raise, is
    /// raised again at the end (CPython's `_PyExc_PrepReraiseStar`).
    fn try_star(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt]) {
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::TryExcept);
        self.stmts(body);
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.stmts(orelse);
        let end = self.emit(Instr::Jump(0));
        self.patch_here(setup);
        // [orig]
        self.emit(Instr::PushExcInfo);
        // Stack while matching: [orig, raised-list, rest], rest starting
        // as the whole exception.
        self.emit(Instr::BuildList(0));
        self.emit(Instr::Copy(2));
        for h in handlers {
            let saved = self.set_line(h.loc.line);
            // [orig, list, rest]
            match &h.typ {
                Some(t) => self.expr(t),
                None => self.load_const(Value::None),
            }
            self.emit(Instr::CheckEgMatch);
            // [orig, list, rest, match]
            self.emit(Instr::DupTop);
            self.load_const(Value::None);
            self.emit(Instr::IsOp(false));
            let no_match = self.emit(Instr::PopJumpIfTrue(0));
            // Run the handler with `match` bound; exceptions it raises go
            // into the list.
            match &h.name {
                Some(n) => self.name_op(n, ExprContext::Store),
                None => {
                    self.emit(Instr::PopTop);
                }
            }
            let setup_h = self.emit(Instr::SetupExcept(0));
            self.unit().fblocks.push(FBlock::TryExcept);
            self.stmts(&h.body);
            self.unit().fblocks.pop();
            self.emit(Instr::PopBlock);
            let done = self.emit(Instr::Jump(0));
            self.patch_here(setup_h);
            // [orig, list, rest, raised]: append to the list.
            self.emit(Instr::ListAppend(2));
            self.patch_here(done);
            if let Some(n) = &h.name {
                self.load_const(Value::None);
                self.name_op(n, ExprContext::Store);
                self.name_op(n, ExprContext::Del);
            }
            let next = self.emit(Instr::Jump(0));
            self.patch_here(no_match);
            // [orig, list, rest, None]
            self.emit(Instr::PopTop);
            self.patch_here(next);
            self.restore_line(saved);
        }
        // [orig, list, rest]: add the unhandled rest and combine.
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        // [exc or None]
        self.emit(Instr::DupTop);
        self.load_const(Value::None);
        self.emit(Instr::IsOp(false));
        let handled = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        self.patch_here(handled);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.patch_here(end);
    }

    // ---- with -------------------------------------------------------------

    fn with(&mut self, is_async: bool, items: &'a [WithItem], body: &'a [Stmt]) {
        let Some((first, rest)) = items.split_first() else {
            self.stmts(body);
            return;
        };
        self.expr(&first.context_expr);
        if is_async {
            self.emit(Instr::BeforeAsyncWith);
            self.emit(Instr::GetAwaitable(AwaitKind::AEnter));
            self.load_const(Value::None);
            let s = self.emit(Instr::Send(0));
            self.patch_here(s);
        } else {
            self.emit(Instr::BeforeWith);
        }
        // [exit, enter_result]
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::With { is_async });
        match &first.optional_vars {
            Some(t) => self.store_target(t),
            None => {
                self.emit(Instr::PopTop);
            }
        }
        if rest.is_empty() {
            self.stmts(body);
        } else {
            self.with(is_async, rest, body);
        }
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.emit(Instr::Call(3));
        if is_async {
            self.emit(Instr::GetAwaitable(AwaitKind::AExit));
            self.load_const(Value::None);
            let s = self.emit(Instr::Send(0));
            self.patch_here(s);
        }
        self.emit(Instr::PopTop);
        let end = self.emit(Instr::Jump(0));
        self.patch_here(setup);
        // [exit, exc]
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::WithExceptStart);
        if is_async {
            self.emit(Instr::GetAwaitable(AwaitKind::AExit));
            self.load_const(Value::None);
            let s = self.emit(Instr::Send(0));
            self.patch_here(s);
        }
        let suppress = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        self.patch_here(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.patch_here(end);
    }

    // ---- definitions --------------------------------------------------------

    /// Emits defaults and kw-defaults of a parameter list; returns the
    /// MakeFunction flags they set.
    pub(super) fn defaults(&mut self, a: &'a Arguments) -> u32 {
        let mut flags = 0;
        if !a.defaults.is_empty() {
            for d in &a.defaults {
                self.expr(d);
            }
            self.emit(Instr::BuildTuple(a.defaults.len() as u32));
            flags |= 1;
        }
        let kw: Vec<(&'a Arg, &'a Expr)> = a
            .kwonlyargs
            .iter()
            .zip(a.kw_defaults.iter())
            .filter_map(|(arg, d)| d.as_ref().map(|d| (arg, d)))
            .collect();
        if !kw.is_empty() {
            for (arg, d) in &kw {
                self.load_const(Value::str(&arg.arg));
                self.expr(d);
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        flags
    }

    /// Compiles a function body (def or lambda) into a new code unit;
    /// leaves the function object on the stack.
    pub(super) fn make_function(
        &mut self,
        key: usize,
        name: &str,
        args: &'a Arguments,
        body: FnBody<'a>,
        is_async: bool,
        line: usize,
    ) {
        let returns = match body {
            FnBody::Stmts(_, r) => r,
            FnBody::Expr(_) => None,
        };
        let mut flags = self.defaults(args);
        let mut n_ann = 0;
        for a in super::symtable::all_params(args) {
            if let Some(e) = &a.annotation {
                self.load_const(Value::str(&a.arg));
                self.expr(e);
                n_ann += 1;
            }
        }
        if let Some(e) = returns {
            self.load_const(Value::str("return"));
            self.expr(e);
            n_ann += 1;
        }
        if n_ann > 0 {
            self.emit(Instr::BuildMap(n_ann));
            flags |= 4;
        }
        let Some(scope) = self.st.scope_of(key) else {
            self.fail("internal error: no scope for function", Loc::default());
            return;
        };
        let qualname = self.qualname_for(name);
        self.push_unit(scope, name, qualname, line as u32);
        {
            let sc = &self.st.scopes[scope];
            let is_gen = sc.is_generator;
            let u = self.unit();
            u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
            u.posonly = args.posonlyargs.len() as u32;
            u.kwonly = args.kwonlyargs.len() as u32;
            u.flags.varargs = args.vararg.is_some();
            u.flags.varkw = args.kwarg.is_some();
            match (is_async, is_gen) {
                (true, true) => u.flags.async_generator = true,
                (true, false) => u.flags.coroutine = true,
                (false, true) => u.flags.generator = true,
                _ => {}
            }
        }
        match body {
            FnBody::Stmts(stmts, _) => {
                if let Some(Stmt {
                    kind: StmtKind::Expr(Expr { kind: ExprKind::Constant(Constant::Str(doc)), .. }),
                    ..
                }) = stmts.first()
                {
                    self.unit().doc = Some(intern(doc));
                }
                self.stmts(stmts);
                self.load_const(Value::None);
                self.emit(Instr::Return);
            }
            FnBody::Expr(e) => {
                self.expr(e);
                if self.st.scopes[scope].is_generator {
                    self.emit(Instr::PopTop);
                    self.load_const(Value::None);
                }
                self.emit(Instr::Return);
            }
        }
        let code = self.pop_unit();
        if self.closure_for(&code.freevars) {
            flags |= 8;
        }
        self.load_const_code(code);
        self.emit(Instr::MakeFunction(flags));
    }

    pub(super) fn load_const_code(&mut self, code: Rc<crate::compile::code::Code>) {
        let c = self.add_const_raw(Value::Code(code));
        self.emit(Instr::LoadConst(c));
    }

    fn function_def(&mut self, f: &'a FunctionDef, loc: Loc) {
        for d in &f.decorator_list {
            self.expr(d);
        }
        self.set_line(loc.line);
        self.make_function(
            node_key(f),
            &f.name,
            &f.args,
            FnBody::Stmts(&f.body, f.returns.as_ref()),
            f.is_async,
            loc.line,
        );
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&f.name, ExprContext::Store);
    }

    fn class_def(&mut self, c: &'a ClassDef, loc: Loc) {
        for d in &c.decorator_list {
            self.expr(d);
        }
        self.set_line(loc.line);
        let Some(scope) = self.st.scope_of(node_key(c)) else {
            self.fail("internal error: no scope for class", loc);
            return;
        };
        let qualname = self.qualname_for(&c.name);
        self.push_unit(scope, &c.name, qualname.clone(), loc.line as u32);
        self.unit().flags.uses_namespace = true;
        // __module__ = __name__; __qualname__ = "...".
        let n = self.name_idx("__name__");
        self.emit(Instr::LoadGlobal(n));
        let m = self.name_idx("__module__");
        self.emit(Instr::StoreName(m));
        self.load_const(Value::str(&qualname));
        let q = self.name_idx("__qualname__");
        self.emit(Instr::StoreName(q));
        if has_annotations(&c.body) {
            self.emit(Instr::SetupAnnotations);
        }
        if let Some(Stmt {
            kind: StmtKind::Expr(Expr { kind: ExprKind::Constant(Constant::Str(doc)), .. }),
            ..
        }) = c.body.first()
        {
            self.load_const(Value::str(doc));
            let d = self.name_idx("__doc__");
            self.emit(Instr::StoreName(d));
        }
        self.stmts(&c.body);
        if self.st.scopes[scope].needs_class_cell {
            if let Some(ci) = self.cell_idx("__class__") {
                self.emit(Instr::LoadClosure(ci));
                self.emit(Instr::Return);
            } else {
                self.load_const(Value::None);
                self.emit(Instr::Return);
            }
        } else {
            self.load_const(Value::None);
            self.emit(Instr::Return);
        }
        let code = self.pop_unit();
        let mut flags = 0;
        if self.closure_for(&code.freevars) {
            flags |= 8;
        }
        self.load_const_code(code);
        self.emit(Instr::MakeFunction(flags));
        self.load_const(Value::str(&c.name));
        let mut nbases = 0;
        for b in &c.bases {
            if matches!(b.kind, ExprKind::Starred { .. }) {
                self.fail("starred base classes are not supported", b.loc);
            }
            self.expr(b);
            nbases += 1;
        }
        let has_kw = !c.keywords.is_empty();
        if has_kw {
            self.emit(Instr::BuildMap(0));
            for k in &c.keywords {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Value::str(name));
                        self.expr(&k.value);
                        self.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value);
                        self.emit(Instr::DictUpdate(1));
                    }
                }
            }
        }
        self.emit(Instr::BuildClass(nbases, has_kw));
        for _ in &c.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&c.name, ExprContext::Store);
    }

    #[allow(dead_code)]
    fn intern_name(&self, s: &str) -> Rc<PyStr> {
        intern(s)
    }
}

/// The body of a function being compiled.
pub(super) enum FnBody<'a> {
    /// A `def`'s statements and its `-> annotation`.
    Stmts(&'a [Stmt], Option<&'a Expr>),
    /// A `lambda`'s expression.
    Expr(&'a Expr),
}

/// True when a body (not counting nested functions and classes) has an
/// annotated assignment of a plain name: it needs `__annotations__`.
pub(super) fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { simple: true, target, .. } => {
            matches!(target.kind, ExprKind::Name { .. })
        }
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        _ => false,
    })
}
