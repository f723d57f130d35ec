//! Iteration: the builtin iterators (of lists, ranges, dicts, ..., and
//! `enumerate`, `zip`, `map`, `filter`, `reversed`), `iter()`/`next()`, the
//! `for` loop's step, and the async-iteration and `await` entry points.

use super::frame::Cont;
use super::gen::Resume;
use super::ops::MAX_ELEMS;
use super::{PyResult, Vm};
use crate::compile::code::AwaitKind;
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{memory_error, runtime_error, type_error, value_error, Exc};
use crate::objects::func::Args;
use crate::objects::gen::GenKind;
use crate::objects::types::{type_name, types};
use crate::value::{DictRef, SetRef, Value};
use asyncpy_num::Int;
use std::cell::RefCell;
use std::rc::Rc;

/// Which part of a dict an iterator walks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictPart {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// (key, value) tuples.
    Items,
}

/// The state of a builtin iterator.
pub enum NativeIter {
    /// Over a list, tuple or str by index.
    Seq {
        /// The sequence.
        seq: Value,
        /// Next index.
        index: usize,
    },
    /// Backwards over a list, tuple or str.
    Reversed {
        /// The sequence.
        seq: Value,
        /// Next index + 1 (0 when done).
        index: usize,
    },
    /// Over a range.
    Range {
        /// Next value.
        next: i64,
        /// Step.
        step: i64,
        /// Values left.
        left: i64,
    },
    /// Over a dict.
    Dict {
        /// The dict.
        dict: DictRef,
        /// Next entry index.
        pos: usize,
        /// Its size when iteration began.
        len: usize,
        /// What to produce.
        part: DictPart,
    },
    /// Over a set.
    Set {
        /// The set.
        set: SetRef,
        /// Next slot.
        pos: usize,
        /// Its size when iteration began.
        len: usize,
    },
    /// Over a snapshot of values (bytes, dict views of a copy, ...).
    Values {
        /// The values.
        items: Rc<[Value]>,
        /// Next index.
        index: usize,
    },
    /// `enumerate(it, start)`.
    Enumerate {
        /// The inner iterator.
        it: Value,
        /// The next count.
        count: Int,
    },
    /// `zip(*its, strict=...)`.
    Zip {
        /// The inner iterators.
        its: Vec<Value>,
        /// `strict=True`.
        strict: bool,
    },
    /// `map(f, *its)`.
    Map {
        /// The function.
        func: Value,
        /// The inner iterators.
        its: Vec<Value>,
    },
    /// `filter(f, it)`.
    Filter {
        /// The predicate (None: truth).
        func: Value,
        /// The inner iterator.
        it: Value,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        /// The callable.
        func: Value,
        /// The value that ends it.
        sentinel: Value,
    },
    /// `itertools.count(start, step)`.
    Count {
        /// Next value.
        next: Value,
        /// Step.
        step: Value,
    },
    /// `itertools.cycle(it)`.
    Cycle {
        /// The inner iterator (None once exhausted).
        it: Value,
        /// Saved items.
        saved: Vec<Value>,
        /// Index into saved once the inner iterator is exhausted.
        index: usize,
    },
    /// `itertools.repeat(v, n)`.
    Repeat {
        /// The value.
        value: Value,
        /// Times left (None: forever).
        left: Option<i64>,
    },
    /// `itertools.chain(*its)`.
    Chain {
        /// The iterables still to go (reversed: last is next).
        rest: Vec<Value>,
        /// The current iterator.
        cur: Value,
    },
    /// `itertools.islice(it, start, stop, step)`.
    Islice {
        /// The inner iterator.
        it: Value,
        /// Items to skip before the next one.
        skip: i64,
        /// Items left to produce (None: unbounded).
        left: Option<i64>,
        /// Step.
        step: i64,
    },
    /// An exhausted iterator.
    Done,
}

/// Makes a builtin iterator object.
pub fn native_iter(class: &str, state: NativeIter) -> Value {
    Value::Instance(Instance::new(
        types().native(class),
        Payload::Native(Box::new(RefCell::new(state))),
    ))
}

impl Vm {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        Ok(match &v {
            Value::List(_) => {
                native_iter("list_iterator", NativeIter::Seq { seq: v.clone(), index: 0 })
            }
            Value::Tuple(_) => {
                native_iter("tuple_iterator", NativeIter::Seq { seq: v.clone(), index: 0 })
            }
            Value::Str(s) => {
                let cls = if s.is_ascii() { "str_ascii_iterator" } else { "str_iterator" };
                let items: Vec<Value> = if s.is_ascii() {
                    return Ok(native_iter(cls, NativeIter::Seq { seq: v.clone(), index: 0 }));
                } else {
                    s.as_str().chars().map(|c| Value::string(c.to_string())).collect()
                };
                native_iter(cls, NativeIter::Values { items: Rc::from(items), index: 0 })
            }
            Value::Bytes(b) => {
                let items: Vec<Value> = b.iter().map(|c| Value::int(*c as i64)).collect();
                native_iter(
                    "bytes_iterator",
                    NativeIter::Values { items: Rc::from(items), index: 0 },
                )
            }
            Value::Range(r) => native_iter(
                "range_iterator",
                NativeIter::Range { next: r.start, step: r.step, left: r.len() },
            ),
            Value::Dict(d) => native_iter(
                "dict_keyiterator",
                NativeIter::Dict {
                    dict: d.clone(),
                    pos: 0,
                    len: d.borrow().len(),
                    part: DictPart::Keys,
                },
            ),
            Value::Set(s) | Value::FrozenSet(s) => native_iter(
                "set_iterator",
                NativeIter::Set { set: s.clone(), pos: 0, len: s.borrow().len() },
            ),
            Value::Gen(g) => {
                if g.kind != GenKind::Generator {
                    return Err(type_error(format!("'{}' object is not iterable", g.type_name())));
                }
                v.clone()
            }
            Value::Instance(i) => {
                if i.native::<RefCell<NativeIter>>().is_some() {
                    return Ok(v.clone());
                }
                if let Some(it) = crate::builtins::native_iter_of(self, &v)? {
                    return Ok(it);
                }
                match self.lookup_special(&v, "__iter__") {
                    Some(f) => {
                        let it = self.call_sync(f, Args::default())?;
                        if !self.is_iterator(&it) {
                            return Err(type_error(format!(
                                "iter() returned non-iterator of type '{}'",
                                type_name(&it)
                            )));
                        }
                        it
                    }
                    None => {
                        if self.lookup_special(&v, "__getitem__").is_some() {
                            // The old sequence protocol: index until IndexError.
                            let items = self.collect_by_getitem(&v)?;
                            return Ok(native_iter(
                                "iterator",
                                NativeIter::Values { items: Rc::from(items), index: 0 },
                            ));
                        }
                        return Err(type_error(format!(
                            "'{}' object is not iterable",
                            type_name(&v)
                        )));
                    }
                }
            }
            Value::Class(_) if self.class_hook(&v, "__class_iter__").is_some() => {
                let f = self.class_hook(&v, "__class_iter__").unwrap_or(Value::None);
                let it = self.call_sync(f, Args::default())?;
                return self.get_iter(it);
            }
            _ => return Err(type_error(format!("'{}' object is not iterable", type_name(&v)))),
        })
    }

    /// A class-level protocol hook (`__class_iter__`, `__class_len__`,
    /// `__class_contains__`) defined by a Python class, bound to the class:
    /// what a metaclass's `__iter__`/`__len__`/`__contains__` do in CPython
    /// (asyncpy has no metaclasses; its `enum` uses these).
    pub fn class_hook(&self, v: &Value, name: &str) -> Option<Value> {
        let Value::Class(c) = v else { return None };
        if c.builtin {
            return None;
        }
        let f = c.lookup(&crate::objects::str::intern(name))?;
        Some(match &f {
            Value::Instance(d) => match d.native::<crate::objects::func::ClassMethod>() {
                Some(cm) => self.bind(cm.0.clone(), v.clone()),
                None => f.clone(),
            },
            _ => self.bind(f.clone(), v.clone()),
        })
    }

    fn collect_by_getitem(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        let mut out = Vec::new();
        let mut i = 0i64;
        loop {
            match self.getitem_sync(v, &Value::int(i)) {
                Ok(x) => out.push(x),
                Err(e)
                    if e.is_instance(&types().index_error)
                        || e.is_instance(&types().stop_iteration) =>
                {
                    return Ok(out)
                }
                Err(e) => return Err(e),
            }
            i += 1;
            if out.len() > MAX_ELEMS {
                return Err(memory_error());
            }
        }
    }

    /// True when `iter(v)` would work.
    pub fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_) => true,
            Value::Gen(g) => g.kind == GenKind::Generator,
            Value::Class(_) => self.class_hook(v, "__class_iter__").is_some(),
            Value::Instance(i) => {
                i.native::<RefCell<NativeIter>>().is_some()
                    || crate::builtins::native_iterable(v)
                    || i.class.lookup(&crate::objects::str::intern("__iter__")).is_some()
                    || i.class.lookup(&crate::objects::str::intern("__getitem__")).is_some()
            }
            _ => false,
        }
    }

    fn is_iterator(&self, v: &Value) -> bool {
        match v {
            Value::Gen(g) => g.kind == GenKind::Generator,
            Value::Class(_) => self.class_hook(v, "__class_iter__").is_some(),
            Value::Instance(i) => {
                i.native::<RefCell<NativeIter>>().is_some()
                    || i.class.lookup(&crate::objects::str::intern("__next__")).is_some()
            }
            _ => false,
        }
    }

    /// One step of a `for` loop over the iterator on top of the stack.
    pub fn for_iter(&mut self, it: Value, target: u32) -> PyResult<()> {
        match &it {
            Value::Instance(i) if i.native::<RefCell<NativeIter>>().is_some() => {
                match self.next_native(i)? {
                    Some(v) => {
                        self.push(v);
                        Ok(())
                    }
                    None => {
                        self.pop();
                        if let Some(f) = self.frames.last_mut() {
                            f.pc = target as usize;
                        }
                        Ok(())
                    }
                }
            }
            Value::Gen(g) => {
                let g = g.clone();
                self.resume_gen(&g, Resume::Send(Value::None), Cont::ForIter(target))
            }
            _ => match self.lookup_special(&it, "__next__") {
                Some(f) => self.call_value(f, Args::default(), Cont::ForNext(target)),
                None => Err(type_error(format!("'{}' object is not an iterator", type_name(&it)))),
            },
        }
    }

    /// `next(it)`: `None` when exhausted.
    pub fn next_sync(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Instance(i) if i.native::<RefCell<NativeIter>>().is_some() => {
                self.next_native(i)
            }
            Value::Gen(g) => {
                let g = g.clone();
                let depth = self.frames.len();
                self.resume_gen(
                    &g,
                    Resume::Send(Value::None),
                    Cont::Next(Box::new(Cont::Reentry)),
                )?;
                match self.wait_reentry(depth) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is_instance(&types().stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            _ => match self.lookup_special(it, "__next__") {
                Some(f) => match self.call_sync(f, Args::default()) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is_instance(&types().stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                },
                None => Err(type_error(format!("'{}' object is not an iterator", type_name(it)))),
            },
        }
    }

    /// The next item of a builtin iterator.
    pub fn next_native(&mut self, inst: &Rc<Instance>) -> PyResult<Option<Value>> {
        let Some(cell) = inst.native::<RefCell<NativeIter>>() else {
            return Ok(None);
        };
        // Cases that need no Python code are done under the borrow.
        {
            let mut st = cell.borrow_mut();
            match &mut *st {
                NativeIter::Seq { seq, index } => {
                    let r = match seq {
                        Value::List(l) => l.borrow().get(*index).cloned(),
                        Value::Tuple(t) => t.get(*index).cloned(),
                        Value::Str(s) => s
                            .as_str()
                            .as_bytes()
                            .get(*index)
                            .map(|b| Value::string((*b as char).to_string())),
                        _ => None,
                    };
                    if r.is_some() {
                        *index += 1;
                    } else {
                        *st = NativeIter::Done;
                    }
                    return Ok(r);
                }
                NativeIter::Reversed { seq, index } => {
                    if *index == 0 {
                        *st = NativeIter::Done;
                        return Ok(None);
                    }
                    *index -= 1;
                    let r = match seq {
                        Value::List(l) => l.borrow().get(*index).cloned(),
                        Value::Tuple(t) => t.get(*index).cloned(),
                        _ => None,
                    };
                    if r.is_none() {
                        *st = NativeIter::Done;
                    }
                    return Ok(r);
                }
                NativeIter::Range { next, step, left } => {
                    if *left <= 0 {
                        return Ok(None);
                    }
                    let v = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    return Ok(Some(Value::int(v)));
                }
                NativeIter::Values { items, index } => {
                    let r = items.get(*index).cloned();
                    *index += 1;
                    return Ok(r);
                }
                NativeIter::Dict { dict, pos, len, part } => {
                    let d = dict.borrow();
                    if d.len() != *len {
                        *len = usize::MAX;
                        return Err(runtime_error("dictionary changed size during iteration"));
                    }
                    while *pos < d.capacity_index() {
                        let i = *pos;
                        *pos += 1;
                        if let Some(e) = d.entry(i) {
                            return Ok(Some(match part {
                                DictPart::Keys => e.key.clone(),
                                DictPart::Values => e.value.clone(),
                                DictPart::Items => {
                                    Value::tuple(vec![e.key.clone(), e.value.clone()])
                                }
                            }));
                        }
                    }
                    return Ok(None);
                }
                NativeIter::Set { set, pos, len } => {
                    let s = set.borrow();
                    if s.len() != *len {
                        *len = usize::MAX;
                        return Err(runtime_error("Set changed size during iteration"));
                    }
                    while *pos < s.table_len() {
                        let i = *pos;
                        *pos += 1;
                        if let Some(v) = s.slot(i) {
                            return Ok(Some(v.clone()));
                        }
                    }
                    return Ok(None);
                }
                NativeIter::Repeat { value, left } => {
                    if let Some(n) = left {
                        if *n <= 0 {
                            return Ok(None);
                        }
                        *n -= 1;
                    }
                    return Ok(Some(value.clone()));
                }
                NativeIter::Done => return Ok(None),
                _ => {}
            }
        }
        // Cases that call other iterators or functions: take what is needed
        // out of the cell first.
        enum Job {
            Enumerate(Value, Int),
            Zip(Vec<Value>, bool),
            Map(Value, Vec<Value>),
            Filter(Value, Value),
            Callable(Value, Value),
            Count(Value, Value),
            Cycle(Value),
            Chain(Value),
            Islice(Value, i64, Option<i64>, i64),
        }
        let job = match &*cell.borrow() {
            NativeIter::Enumerate { it, count } => Job::Enumerate(it.clone(), count.clone()),
            NativeIter::Zip { its, strict } => Job::Zip(its.clone(), *strict),
            NativeIter::Map { func, its } => Job::Map(func.clone(), its.clone()),
            NativeIter::Filter { func, it } => Job::Filter(func.clone(), it.clone()),
            NativeIter::Callable { func, sentinel } => {
                Job::Callable(func.clone(), sentinel.clone())
            }
            NativeIter::Count { next, step } => Job::Count(next.clone(), step.clone()),
            NativeIter::Cycle { it, .. } => Job::Cycle(it.clone()),
            NativeIter::Chain { cur, .. } => Job::Chain(cur.clone()),
            NativeIter::Islice { it, skip, left, step } => {
                Job::Islice(it.clone(), *skip, *left, *step)
            }
            _ => return Ok(None),
        };
        match job {
            Job::Enumerate(it, count) => match self.next_sync(&it)? {
                Some(v) => {
                    let next = count.add(&Int::Small(1)).map_err(crate::objects::exc::num_error)?;
                    if let NativeIter::Enumerate { count: c, .. } = &mut *cell.borrow_mut() {
                        *c = next;
                    }
                    Ok(Some(Value::tuple(vec![Value::Int(count), v])))
                }
                None => Ok(None),
            },
            Job::Zip(its, strict) => {
                let mut out = Vec::with_capacity(its.len());
                for (i, it) in its.iter().enumerate() {
                    match self.next_sync(it)? {
                        Some(v) => out.push(v),
                        None => {
                            *cell.borrow_mut() = NativeIter::Done;
                            if strict {
                                if i > 0 {
                                    let s = if i == 1 {
                                        " ".to_string()
                                    } else {
                                        "s 1-".to_string() + &i.to_string() + " "
                                    };
                                    let _ = s;
                                    return Err(value_error(format!(
                                        "zip() argument {} is shorter than argument{}{}",
                                        i + 1,
                                        if i == 1 { " " } else { "s 1-" },
                                        i
                                    )));
                                }
                                for (j, other) in its.iter().enumerate().skip(1) {
                                    if self.next_sync(other)?.is_some() {
                                        return Err(value_error(format!(
                                            "zip() argument {} is longer than argument{}{}",
                                            j + 1,
                                            if j == 1 { " " } else { "s 1-" },
                                            j
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                if its.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::tuple(out)))
            }
            Job::Map(func, its) => {
                let mut args = Vec::with_capacity(its.len());
                for it in &its {
                    match self.next_sync(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(self.call_sync(func, Args::new(args))?))
            }
            Job::Filter(func, it) => loop {
                match self.next_sync(&it)? {
                    Some(v) => {
                        let keep = if matches!(func, Value::None) {
                            self.truthy(&v)?
                        } else {
                            let r = self.call_sync(func.clone(), Args::new(vec![v.clone()]))?;
                            self.truthy(&r)?
                        };
                        if keep {
                            return Ok(Some(v));
                        }
                    }
                    None => return Ok(None),
                }
            },
            Job::Callable(func, sentinel) => {
                let v = self.call_sync(func, Args::default())?;
                if self.eq_sync(&v, &sentinel)? {
                    *cell.borrow_mut() = NativeIter::Done;
                    return Ok(None);
                }
                Ok(Some(v))
            }
            Job::Count(next, step) => {
                let after =
                    self.binary_sync(crate::compile::code::BinOp::Add, next.clone(), step)?;
                if let NativeIter::Count { next: n, .. } = &mut *cell.borrow_mut() {
                    *n = after;
                }
                Ok(Some(next))
            }
            Job::Cycle(it) => {
                if !matches!(it, Value::None) {
                    if let Some(v) = self.next_sync(&it)? {
                        if let NativeIter::Cycle { saved, .. } = &mut *cell.borrow_mut() {
                            saved.push(v.clone());
                        }
                        return Ok(Some(v));
                    }
                }
                let mut st = cell.borrow_mut();
                if let NativeIter::Cycle { it, saved, index } = &mut *st {
                    *it = Value::None;
                    if saved.is_empty() {
                        return Ok(None);
                    }
                    let v = saved[*index % saved.len()].clone();
                    *index += 1;
                    return Ok(Some(v));
                }
                Ok(None)
            }
            Job::Chain(mut cur) => loop {
                if !matches!(cur, Value::None) {
                    if let Some(v) = self.next_sync(&cur)? {
                        return Ok(Some(v));
                    }
                }
                let next = {
                    let mut st = cell.borrow_mut();
                    match &mut *st {
                        NativeIter::Chain { rest, cur: c } => {
                            let n = rest.pop();
                            *c = Value::None;
                            n
                        }
                        _ => None,
                    }
                };
                match next {
                    Some(iterable) => {
                        cur = self.get_iter(iterable)?;
                        if let NativeIter::Chain { cur: c, .. } = &mut *cell.borrow_mut() {
                            *c = cur.clone();
                        }
                    }
                    None => return Ok(None),
                }
            },
            Job::Islice(it, skip, left, step) => {
                if left == Some(0) {
                    return Ok(None);
                }
                for _ in 0..skip {
                    if self.next_sync(&it)?.is_none() {
                        *cell.borrow_mut() = NativeIter::Done;
                        return Ok(None);
                    }
                }
                match self.next_sync(&it)? {
                    Some(v) => {
                        if let NativeIter::Islice { skip: s, left: l, .. } = &mut *cell.borrow_mut()
                        {
                            *s = step - 1;
                            if let Some(n) = l {
                                *n -= 1;
                            }
                        }
                        Ok(Some(v))
                    }
                    None => {
                        *cell.borrow_mut() = NativeIter::Done;
                        Ok(None)
                    }
                }
            }
        }
    }

    /// All items of an iterable.
    pub fn collect_iterable(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Dict(d) => return Ok(d.borrow().keys()),
            Value::Set(s) | Value::FrozenSet(s) => return Ok(s.borrow().iter().cloned().collect()),
            Value::Range(r) => {
                let n = r.len();
                if n as u64 > MAX_ELEMS as u64 {
                    return Err(memory_error());
                }
                return Ok((0..n).map(|i| Value::int(r.get(i))).collect());
            }
            _ => {}
        }
        let it = self.get_iter(v.clone())?;
        let mut out = Vec::new();
        while let Some(x) = self.next_sync(&it)? {
            if out.len() >= MAX_ELEMS {
                return Err(memory_error());
            }
            out.push(x);
        }
        Ok(out)
    }

    /// `a, b, c = v`: exactly `n` items.
    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items: Vec<Value> = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            _ => {
                if !self.is_iterable(v) {
                    return Err(type_error(format!(
                        "cannot unpack non-iterable {} object",
                        type_name(v)
                    )));
                }
                let it = self.get_iter(v.clone())?;
                let mut out = Vec::new();
                while let Some(x) = self.next_sync(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(value_error(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                }
                out
            }
        };
        if items.len() < n {
            return Err(value_error(format!(
                "not enough values to unpack (expected {}, got {})",
                n,
                items.len()
            )));
        }
        if items.len() > n {
            return Err(value_error(format!("too many values to unpack (expected {n})")));
        }
        Ok(items)
    }

    /// `async for`: `v.__aiter__()`.
    pub fn get_aiter(&mut self, v: Value) -> PyResult<()> {
        if let Value::Gen(g) = &v {
            if g.kind == GenKind::AsyncGenerator {
                self.push(v);
                return Ok(());
            }
        }
        match self.lookup_special(&v, "__aiter__") {
            Some(f) => self.call_value(f, Args::default(), Cont::Push),
            None => Err(type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                type_name(&v)
            ))),
        }
    }

    /// `async for`: pushes the awaitable of `aiter.__anext__()`.
    pub fn get_anext(&mut self, aiter: Value) -> PyResult<()> {
        if let Value::Gen(g) = &aiter {
            if g.kind == GenKind::AsyncGenerator {
                let op = super::gen::asend_object(g.clone(), Resume::Send(Value::None));
                self.push(op);
                return Ok(());
            }
        }
        match self.lookup_special(&aiter, "__anext__") {
            Some(f) => {
                let aw = self.call_sync(f, Args::default())?;
                let it = self.awaitable_iter(aw, AwaitKind::Await).map_err(|_| {
                    type_error(format!(
                        "'async for' received an invalid object from __anext__: {}",
                        type_name(&aiter)
                    ))
                })?;
                self.push(it);
                Ok(())
            }
            None => Err(type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                type_name(&aiter)
            ))),
        }
    }

    /// `await v`: pushes the iterator to delegate to.
    pub fn get_awaitable(&mut self, v: Value, kind: AwaitKind) -> PyResult<()> {
        let it = self.awaitable_iter(v, kind)?;
        self.push(it);
        Ok(())
    }

    /// The iterator `await v` delegates to.
    pub fn awaitable_iter(&mut self, v: Value, kind: AwaitKind) -> PyResult<Value> {
        match &v {
            Value::Gen(g) => {
                if g.kind == GenKind::Coroutine
                    || (g.kind == GenKind::Generator && g.iterable_coroutine)
                {
                    let st = g.state.borrow();
                    if g.kind == GenKind::Coroutine
                        && (st.finished
                            || st.running
                            || (st.started && st.frame.is_some() && is_awaiting(g)))
                    {
                        return Err(runtime_error("cannot reuse already awaited coroutine"));
                    }
                    drop(st);
                    return Ok(v.clone());
                }
                Err(self.not_awaitable(&v, kind))
            }
            Value::Instance(i) => {
                if let Some(it) = crate::asyncio::future_await_iter(i) {
                    return Ok(it);
                }
                if super::gen::is_native_awaitable(i) {
                    return Ok(v.clone());
                }
                match self.lookup_special(&v, "__await__") {
                    Some(f) => {
                        let it = self.call_sync(f, Args::default())?;
                        match &it {
                            Value::Gen(g) if g.kind == GenKind::Coroutine => {
                                Err(type_error("__await__() returned a coroutine"))
                            }
                            _ if self.is_iterator(&it) => Ok(it),
                            _ => Err(type_error(format!(
                                "__await__() returned non-iterator of type '{}'",
                                type_name(&it)
                            ))),
                        }
                    }
                    None => Err(self.not_awaitable(&v, kind)),
                }
            }
            _ => Err(self.not_awaitable(&v, kind)),
        }
    }

    fn not_awaitable(&self, v: &Value, kind: AwaitKind) -> Exc {
        match kind {
            AwaitKind::Await => type_error(format!("object {} can't be used in 'await' expression", type_name(v))),
            AwaitKind::AEnter => type_error(format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {}",
                type_name(v)
            )),
            AwaitKind::AExit => type_error(format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {}",
                type_name(v)
            )),
        }
    }
}

fn is_awaiting(_g: &crate::objects::gen::Generator) -> bool {
    false
}
