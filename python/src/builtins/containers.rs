//! The methods of `list`, `tuple`, `dict`, `set`, `frozenset`, dict views
//! and `collections.deque`.

use super::{add_method, native_class};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{index_error, key_error, type_error, value_error};
use crate::objects::func::Args;
use crate::objects::set::Set;
use crate::objects::types::{type_name, types, Types};
use crate::value::{DictRef, ListRef, SetRef, Value};
use crate::vm::iter::DictPart;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// A dict view (`d.keys()`, `d.values()`, `d.items()`).
pub struct DictView {
    /// The dict.
    pub dict: DictRef,
    /// Which part.
    pub part: DictPart,
}

/// `collections.deque`.
pub struct Deque {
    /// The items.
    pub items: VecDeque<Value>,
    /// `maxlen`.
    pub maxlen: Option<usize>,
}

fn list_this(a: &Args) -> PyResult<ListRef> {
    match a.pos.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        _ => Err(type_error("descriptor requires a 'list' object")),
    }
}

fn dict_this(a: &Args) -> PyResult<DictRef> {
    match a.pos.first() {
        Some(Value::Dict(d)) => Ok(d.clone()),
        _ => Err(type_error("descriptor requires a 'dict' object")),
    }
}

fn set_this(a: &Args) -> PyResult<SetRef> {
    match a.pos.first() {
        Some(Value::Set(s)) | Some(Value::FrozenSet(s)) => Ok(s.clone()),
        _ => Err(type_error("descriptor requires a 'set' object")),
    }
}

fn arg(a: &Args, i: usize, fname: &str) -> PyResult<Value> {
    a.pos
        .get(i)
        .cloned()
        .ok_or_else(|| type_error(format!("{fname}() takes exactly one argument (0 given)")))
}

/// `dict.update(src)` / `dict(src)`: a mapping or an iterable of pairs.
pub fn dict_update_from(vm: &mut Vm, d: &DictRef, src: &Value) -> PyResult<()> {
    let is_mapping = matches!(src, Value::Dict(_))
        || (matches!(src, Value::Instance(_)) && vm.lookup_special(src, "keys").is_some());
    if is_mapping {
        for (k, v) in vm.mapping_items(src)? {
            vm.dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let items = vm.collect_iterable(src).map_err(|e| {
        if e.is_instance(&types().type_error) && !vm.is_iterable(src) {
            type_error(format!("'{}' object is not iterable", type_name(src)))
        } else {
            e
        }
    })?;
    for (i, it) in items.into_iter().enumerate() {
        let pair = match &it {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            other => {
                if vm.is_iterable(other) {
                    vm.collect_iterable(other)?
                } else {
                    return Err(type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )));
                }
            }
        };
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        if let (Some(k), Some(v)) = (p.next(), p.next()) {
            vm.dict_set(d, k, v)?;
        }
    }
    Ok(())
}

fn view(d: &DictRef, part: DictPart) -> Value {
    let cls = match part {
        DictPart::Keys => "dict_keys",
        DictPart::Values => "dict_values",
        DictPart::Items => "dict_items",
    };
    Value::Instance(Instance::new(
        types().native(cls),
        Payload::Native(Box::new(DictView { dict: d.clone(), part })),
    ))
}

fn set_items_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    vm.collect_iterable(v)
}

fn new_set_like(this: &Value, s: Set) -> Value {
    let r = Rc::new(RefCell::new(s));
    match this {
        Value::FrozenSet(_) => Value::FrozenSet(r),
        _ => Value::Set(r),
    }
}

pub(crate) fn install(t: &mut Types) {
    let l = t.list.clone();
    add_method(&l, "append", |_vm, a| {
        let l = list_this(&a)?;
        let v = arg(&a, 1, "append")?;
        if l.borrow().len() >= crate::vm::ops::MAX_ELEMS {
            return Err(crate::objects::exc::memory_error());
        }
        l.borrow_mut().push(v);
        Ok(Value::None)
    });
    add_method(&l, "extend", |vm, a| {
        let l = list_this(&a)?;
        let v = arg(&a, 1, "extend")?;
        let items = vm.collect_iterable(&v)?;
        if l.borrow().len() + items.len() > crate::vm::ops::MAX_ELEMS {
            return Err(crate::objects::exc::memory_error());
        }
        l.borrow_mut().extend(items);
        Ok(Value::None)
    });
    add_method(&l, "insert", |vm, a| {
        let l = list_this(&a)?;
        if a.pos.len() != 3 {
            return Err(type_error(format!(
                "insert expected 2 arguments, got {}",
                a.pos.len().saturating_sub(1)
            )));
        }
        let i = vm.as_ssize(&a.pos[1])?;
        let mut v = l.borrow_mut();
        let n = v.len() as i64;
        let idx = if i < 0 { (i + n).max(0) } else { i.min(n) };
        v.insert(idx as usize, a.pos[2].clone());
        Ok(Value::None)
    });
    add_method(&l, "pop", |vm, a| {
        let l = list_this(&a)?;
        let i = match a.pos.get(1) {
            Some(v) => vm.as_ssize(v)?,
            None => -1,
        };
        let mut v = l.borrow_mut();
        if v.is_empty() {
            return Err(index_error("pop from empty list"));
        }
        match crate::vm::ops::norm_index(i, v.len()) {
            Some(i) => Ok(v.remove(i)),
            None => Err(index_error("pop index out of range")),
        }
    });
    add_method(&l, "remove", |vm, a| {
        let l = list_this(&a)?;
        let x = arg(&a, 1, "remove")?;
        let items = l.borrow().clone();
        for (i, it) in items.iter().enumerate() {
            if vm.eq_sync(it, &x)? {
                let mut v = l.borrow_mut();
                if i < v.len() {
                    v.remove(i);
                }
                return Ok(Value::None);
            }
        }
        Err(value_error("list.remove(x): x not in list"))
    });
    add_method(&l, "clear", |_vm, a| {
        list_this(&a)?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(&l, "copy", |_vm, a| Ok(Value::list(list_this(&a)?.borrow().clone())));
    add_method(&l, "reverse", |_vm, a| {
        list_this(&a)?.borrow_mut().reverse();
        Ok(Value::None)
    });
    add_method(&l, "count", |vm, a| {
        let items = list_this(&a)?.borrow().clone();
        let x = arg(&a, 1, "count")?;
        let mut n = 0;
        for it in &items {
            if vm.eq_sync(it, &x)? {
                n += 1;
            }
        }
        Ok(Value::int(n))
    });
    add_method(&l, "index", |vm, a| {
        let items = list_this(&a)?.borrow().clone();
        let x = arg(&a, 1, "index")?;
        let (start, stop) = index_range(vm, &a, items.len())?;
        for (i, it) in items.iter().enumerate().take(stop).skip(start) {
            if vm.eq_sync(it, &x)? {
                return Ok(Value::int(i as i64));
            }
        }
        let r = vm.repr(&x)?;
        let _ = r;
        Err(value_error(format!("{} is not in list", vm.repr(&x)?)))
    });
    add_method(&l, "sort", |vm, mut a| {
        let key = a.take_kw("key").unwrap_or(Value::None);
        let reverse = match a.take_kw("reverse") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        a.no_kw("sort")?;
        if a.pos.len() > 1 {
            return Err(type_error("sort() takes no positional arguments"));
        }
        let l = list_this(&a)?;
        let items = std::mem::take(&mut *l.borrow_mut());
        let r = super::sort::sort_values(vm, items.clone(), &key, reverse);
        let modified = !l.borrow().is_empty();
        match r {
            Ok(sorted) => {
                *l.borrow_mut() = sorted;
                if modified {
                    return Err(value_error("list modified during sort"));
                }
                Ok(Value::None)
            }
            Err(e) => {
                *l.borrow_mut() = items;
                Err(e)
            }
        }
    });
    add_method(&l, "__len__", |_vm, a| Ok(Value::int(list_this(&a)?.borrow().len() as i64)));
    add_method(&l, "__getitem__", |vm, a| {
        let (x, k) = (a.pos.first().cloned().unwrap_or(Value::None), arg(&a, 1, "__getitem__")?);
        vm.getitem_sync(&x, &k)
    });
    add_method(&l, "__setitem__", |vm, a| {
        if a.pos.len() != 3 {
            return Err(type_error("__setitem__ expected 2 arguments"));
        }
        vm.setitem(&a.pos[0], a.pos[1].clone(), a.pos[2].clone())?;
        Ok(Value::None)
    });
    add_method(&l, "__contains__", |vm, a| {
        let (x, k) = (a.pos.first().cloned().unwrap_or(Value::None), arg(&a, 1, "__contains__")?);
        Ok(Value::Bool(vm.contains(&x, &k)?))
    });
    add_method(&l, "__iter__", |vm, a| vm.get_iter(a.pos.first().cloned().unwrap_or(Value::None)));

    let tu = t.tuple.clone();
    add_method(&tu, "count", |vm, a| {
        let Some(Value::Tuple(items)) = a.pos.first().cloned() else {
            return Err(type_error("tuple expected"));
        };
        let x = arg(&a, 1, "count")?;
        let mut n = 0;
        for it in items.iter() {
            if vm.eq_sync(it, &x)? {
                n += 1;
            }
        }
        Ok(Value::int(n))
    });
    add_method(&tu, "index", |vm, a| {
        let Some(Value::Tuple(items)) = a.pos.first().cloned() else {
            return Err(type_error("tuple expected"));
        };
        let x = arg(&a, 1, "index")?;
        let (start, stop) = index_range(vm, &a, items.len())?;
        for (i, it) in items.iter().enumerate().take(stop).skip(start) {
            if vm.eq_sync(it, &x)? {
                return Ok(Value::int(i as i64));
            }
        }
        Err(value_error("tuple.index(x): x not in tuple"))
    });
    add_method(&tu, "__len__", |_vm, a| match a.pos.first() {
        Some(Value::Tuple(t)) => Ok(Value::int(t.len() as i64)),
        _ => Err(type_error("tuple expected")),
    });
    add_method(&tu, "__getitem__", |vm, a| {
        let (x, k) = (a.pos.first().cloned().unwrap_or(Value::None), arg(&a, 1, "__getitem__")?);
        vm.getitem_sync(&x, &k)
    });

    let d = t.dict.clone();
    add_method(&d, "keys", |_vm, a| Ok(view(&dict_this(&a)?, DictPart::Keys)));
    add_method(&d, "values", |_vm, a| Ok(view(&dict_this(&a)?, DictPart::Values)));
    add_method(&d, "items", |_vm, a| Ok(view(&dict_this(&a)?, DictPart::Items)));
    add_method(&d, "get", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "get")?;
        if a.pos.len() > 3 {
            return Err(type_error(format!(
                "get expected at most 2 arguments, got {}",
                a.pos.len() - 1
            )));
        }
        Ok(vm.dict_get(&d, &k)?.unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or(Value::None)))
    });
    add_method(&d, "setdefault", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "setdefault")?;
        if let Some(v) = vm.dict_get(&d, &k)? {
            return Ok(v);
        }
        let v = a.pos.get(2).cloned().unwrap_or(Value::None);
        vm.dict_set(&d, k, v.clone())?;
        Ok(v)
    });
    add_method(&d, "pop", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "pop")?;
        match vm.dict_remove(&d, &k)? {
            Some(v) => Ok(v),
            None => match a.pos.get(2) {
                Some(def) => Ok(def.clone()),
                None => Err(key_error(k)),
            },
        }
    });
    add_method(&d, "popitem", |_vm, a| {
        let d = dict_this(&a)?;
        let last = d.borrow().last_index();
        match last.and_then(|i| d.borrow_mut().remove_at(i)) {
            Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
            None => Err(key_error(Value::str("popitem(): dictionary is empty"))),
        }
    });
    add_method(&d, "update", |vm, a| {
        let d = dict_this(&a)?;
        if let Some(src) = a.pos.get(1) {
            dict_update_from(vm, &d, src)?;
        }
        for (k, v) in a.kw {
            d.borrow_mut().set_str(k, v);
        }
        Ok(Value::None)
    });
    add_method(&d, "clear", |_vm, a| {
        dict_this(&a)?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(&d, "copy", |_vm, a| {
        let d = dict_this(&a)?;
        let c = d.borrow().clone();
        Ok(Value::Dict(Rc::new(RefCell::new(c))))
    });
    add_method(&d, "fromkeys", |vm, a| {
        // Called as dict.fromkeys(iterable, value): the first argument may
        // be the class.
        let mut pos = a.pos.clone();
        if let Some(Value::Class(_)) = pos.first() {
            pos.remove(0);
        }
        let keys = pos.first().cloned().unwrap_or(Value::None);
        let v = pos.get(1).cloned().unwrap_or(Value::None);
        let d = Rc::new(RefCell::new(crate::objects::dict::Dict::new()));
        for k in vm.collect_iterable(&keys)? {
            vm.dict_set(&d, k, v.clone())?;
        }
        Ok(Value::Dict(d))
    });
    add_method(&d, "__len__", |_vm, a| Ok(Value::int(dict_this(&a)?.borrow().len() as i64)));
    add_method(&d, "__getitem__", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "__getitem__")?;
        match vm.dict_get(&d, &k)? {
            Some(v) => Ok(v),
            None => Err(key_error(k)),
        }
    });
    add_method(&d, "__setitem__", |vm, a| {
        let d = dict_this(&a)?;
        if a.pos.len() != 3 {
            return Err(type_error("__setitem__ expected 2 arguments"));
        }
        vm.dict_set(&d, a.pos[1].clone(), a.pos[2].clone())?;
        Ok(Value::None)
    });
    add_method(&d, "__delitem__", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "__delitem__")?;
        match vm.dict_remove(&d, &k)? {
            Some(_) => Ok(Value::None),
            None => Err(key_error(k)),
        }
    });
    add_method(&d, "__contains__", |vm, a| {
        let d = dict_this(&a)?;
        let k = arg(&a, 1, "__contains__")?;
        Ok(Value::Bool(vm.dict_get(&d, &k)?.is_some()))
    });
    add_method(&d, "__iter__", |vm, a| vm.get_iter(a.pos.first().cloned().unwrap_or(Value::None)));

    for name in ["dict_keys", "dict_values", "dict_items"] {
        let c = t.native(name);
        add_method(&c, "__repr__", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let Value::Instance(i) = &this else { return Ok(Value::str("")) };
            let Some(v) = i.native::<DictView>() else { return Ok(Value::str("")) };
            let items: Vec<Value> = match v.part {
                DictPart::Keys => v.dict.borrow().keys(),
                DictPart::Values => v.dict.borrow().values(),
                DictPart::Items => v
                    .dict
                    .borrow()
                    .items()
                    .into_iter()
                    .map(|(k, x)| Value::tuple(vec![k, x]))
                    .collect(),
            };
            let inner = vm.repr(&Value::list(items))?;
            Ok(Value::string(format!("{}({})", i.class.name.as_str(), inner)))
        });
        add_method(&c, "__len__", |_vm, a| {
            let n = a.pos.first().and_then(super::native_len).unwrap_or(0);
            Ok(Value::int(n as i64))
        });
        add_method(&c, "__iter__", |vm, a| {
            vm.get_iter(a.pos.first().cloned().unwrap_or(Value::None))
        });
    }

    for c in [t.set.clone(), t.frozenset.clone()] {
        add_method(&c, "copy", |_vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let s = set_this(&a)?;
            let mut r = Set::new();
            r.merge_into_empty(&s.borrow());
            Ok(new_set_like(&this, r))
        });
        add_method(&c, "union", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let s = set_this(&a)?;
            let mut r = Set::new();
            r.merge_into_empty(&s.borrow());
            let r = Rc::new(RefCell::new(r));
            for other in &a.pos[1..] {
                for x in set_items_arg(vm, other)? {
                    vm.set_add(&r, x)?;
                }
            }
            let out = r.borrow().clone();
            Ok(new_set_like(&this, out))
        });
        add_method(&c, "intersection", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let mut cur = set_this(&a)?;
            for other in &a.pos[1..] {
                let o = match other {
                    Value::Set(s) | Value::FrozenSet(s) => s.clone(),
                    v => {
                        let items = set_items_arg(vm, v)?;
                        Rc::new(RefCell::new(vm.set_from(items)?))
                    }
                };
                let r = vm.binary_sync(
                    crate::compile::code::BinOp::And,
                    Value::Set(cur.clone()),
                    Value::Set(o),
                )?;
                if let Value::Set(s) = r {
                    cur = s;
                }
            }
            let out = cur.borrow().clone();
            Ok(new_set_like(&this, out))
        });
        add_method(&c, "difference", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let s = set_this(&a)?;
            let items: Vec<Value> = s.borrow().iter().cloned().collect();
            let mut others = Vec::new();
            for other in &a.pos[1..] {
                others.push(match other {
                    Value::Set(s) | Value::FrozenSet(s) => s.clone(),
                    v => {
                        let items = set_items_arg(vm, v)?;
                        Rc::new(RefCell::new(vm.set_from(items)?))
                    }
                });
            }
            let r = Rc::new(RefCell::new(Set::new()));
            'outer: for x in items {
                for o in &others {
                    if vm.set_contains(o, &x)? {
                        continue 'outer;
                    }
                }
                vm.set_add(&r, x)?;
            }
            let out = r.borrow().clone();
            Ok(new_set_like(&this, out))
        });
        add_method(&c, "symmetric_difference", |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let s = set_this(&a)?;
            let other = arg(&a, 1, "symmetric_difference")?;
            let o = match &other {
                Value::Set(s) | Value::FrozenSet(s) => s.clone(),
                v => {
                    let items = set_items_arg(vm, v)?;
                    Rc::new(RefCell::new(vm.set_from(items)?))
                }
            };
            let r =
                vm.binary_sync(crate::compile::code::BinOp::Xor, Value::Set(s), Value::Set(o))?;
            match r {
                Value::Set(s) => {
                    let out = s.borrow().clone();
                    Ok(new_set_like(&this, out))
                }
                other => Ok(other),
            }
        });
        add_method(&c, "issubset", |vm, a| {
            let s = set_this(&a)?;
            let other = arg(&a, 1, "issubset")?;
            let o = match &other {
                Value::Set(s) | Value::FrozenSet(s) => s.clone(),
                v => {
                    let items = set_items_arg(vm, v)?;
                    Rc::new(RefCell::new(vm.set_from(items)?))
                }
            };
            let items: Vec<Value> = s.borrow().iter().cloned().collect();
            for x in items {
                if !vm.set_contains(&o, &x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        add_method(&c, "issuperset", |vm, a| {
            let s = set_this(&a)?;
            let other = arg(&a, 1, "issuperset")?;
            for x in set_items_arg(vm, &other)? {
                if !vm.set_contains(&s, &x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        add_method(&c, "isdisjoint", |vm, a| {
            let s = set_this(&a)?;
            let other = arg(&a, 1, "isdisjoint")?;
            for x in set_items_arg(vm, &other)? {
                if vm.set_contains(&s, &x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        add_method(&c, "__len__", |_vm, a| Ok(Value::int(set_this(&a)?.borrow().len() as i64)));
        add_method(&c, "__contains__", |vm, a| {
            let s = set_this(&a)?;
            let x = arg(&a, 1, "__contains__")?;
            Ok(Value::Bool(vm.set_contains(&s, &x)?))
        });
        add_method(&c, "__iter__", |vm, a| {
            vm.get_iter(a.pos.first().cloned().unwrap_or(Value::None))
        });
    }
    let s = t.set.clone();
    add_method(&s, "add", |vm, a| {
        let s = set_this(&a)?;
        let x = arg(&a, 1, "add")?;
        vm.set_add(&s, x)?;
        Ok(Value::None)
    });
    add_method(&s, "remove", |vm, a| {
        let s = set_this(&a)?;
        let x = arg(&a, 1, "remove")?;
        if !vm.set_discard(&s, &x)? {
            return Err(key_error(x));
        }
        Ok(Value::None)
    });
    add_method(&s, "discard", |vm, a| {
        let s = set_this(&a)?;
        let x = arg(&a, 1, "discard")?;
        vm.set_discard(&s, &x)?;
        Ok(Value::None)
    });
    add_method(&s, "pop", |_vm, a| {
        let s = set_this(&a)?;
        let r = s.borrow_mut().pop();
        r.ok_or_else(|| key_error(Value::str("pop from an empty set")))
    });
    add_method(&s, "clear", |_vm, a| {
        set_this(&a)?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(&s, "update", |vm, a| {
        let s = set_this(&a)?;
        for other in &a.pos[1..] {
            for x in set_items_arg(vm, other)? {
                vm.set_add(&s, x)?;
            }
        }
        Ok(Value::None)
    });
    add_method(&s, "intersection_update", |vm, a| {
        let s = set_this(&a)?;
        let other = arg(&a, 1, "intersection_update")?;
        let items = set_items_arg(vm, &other)?;
        let o = Rc::new(RefCell::new(vm.set_from(items)?));
        let r =
            vm.binary_sync(crate::compile::code::BinOp::And, Value::Set(s.clone()), Value::Set(o))?;
        if let Value::Set(r) = r {
            let v = r.borrow().clone();
            *s.borrow_mut() = v;
        }
        Ok(Value::None)
    });
    add_method(&s, "difference_update", |vm, a| {
        let s = set_this(&a)?;
        for other in &a.pos[1..] {
            for x in set_items_arg(vm, other)? {
                vm.set_discard(&s, &x)?;
            }
        }
        Ok(Value::None)
    });
    add_method(&s, "symmetric_difference_update", |vm, a| {
        let s = set_this(&a)?;
        let other = arg(&a, 1, "symmetric_difference_update")?;
        for x in set_items_arg(vm, &other)? {
            if !vm.set_discard(&s, &x)? {
                vm.set_add(&s, x)?;
            }
        }
        Ok(Value::None)
    });

    // collections.deque
    let dq = native_class(t, "deque", "collections", vec![]);
    add_method(&dq, "__new__", |vm, mut a| {
        let maxlen = a.take_kw("maxlen").or_else(|| a.pos.get(2).cloned());
        let iterable = a.take_kw("iterable").or_else(|| a.pos.get(1).cloned());
        let maxlen = match maxlen {
            None | Some(Value::None) => None,
            Some(v) => {
                let n = vm.as_ssize(&v)?;
                if n < 0 {
                    return Err(value_error("maxlen must be non-negative"));
                }
                Some(n as usize)
            }
        };
        let mut items: VecDeque<Value> = VecDeque::new();
        if let Some(it) = iterable {
            for x in vm.collect_iterable(&it)? {
                items.push_back(x);
                if let Some(m) = maxlen {
                    while items.len() > m {
                        items.pop_front();
                    }
                }
            }
        }
        let cls = match a.pos.first() {
            Some(Value::Class(c)) => c.clone(),
            _ => types().native("deque"),
        };
        Ok(Value::Instance(Instance::new(
            cls,
            Payload::Native(Box::new(RefCell::new(Deque { items, maxlen }))),
        )))
    });
    fn dq_this(a: &Args) -> PyResult<Rc<Instance>> {
        match a.pos.first() {
            Some(Value::Instance(i)) if i.native::<RefCell<Deque>>().is_some() => Ok(i.clone()),
            _ => Err(type_error("descriptor requires a 'collections.deque' object")),
        }
    }
    fn with_dq<R>(i: &Instance, f: impl FnOnce(&mut Deque) -> R) -> Option<R> {
        i.native::<RefCell<Deque>>().map(|d| f(&mut d.borrow_mut()))
    }
    add_method(&dq, "append", |_vm, a| {
        let i = dq_this(&a)?;
        let x = arg(&a, 1, "append")?;
        with_dq(&i, |d| {
            d.items.push_back(x);
            if let Some(m) = d.maxlen {
                while d.items.len() > m {
                    d.items.pop_front();
                }
            }
        });
        Ok(Value::None)
    });
    add_method(&dq, "appendleft", |_vm, a| {
        let i = dq_this(&a)?;
        let x = arg(&a, 1, "appendleft")?;
        with_dq(&i, |d| {
            d.items.push_front(x);
            if let Some(m) = d.maxlen {
                while d.items.len() > m {
                    d.items.pop_back();
                }
            }
        });
        Ok(Value::None)
    });
    add_method(&dq, "pop", |_vm, a| {
        let i = dq_this(&a)?;
        with_dq(&i, |d| d.items.pop_back())
            .flatten()
            .ok_or_else(|| index_error("pop from an empty deque"))
    });
    add_method(&dq, "popleft", |_vm, a| {
        let i = dq_this(&a)?;
        with_dq(&i, |d| d.items.pop_front())
            .flatten()
            .ok_or_else(|| index_error("pop from an empty deque"))
    });
    add_method(&dq, "extend", |vm, a| {
        let i = dq_this(&a)?;
        let items = vm.collect_iterable(&arg(&a, 1, "extend")?)?;
        with_dq(&i, |d| {
            for x in items {
                d.items.push_back(x);
                if let Some(m) = d.maxlen {
                    while d.items.len() > m {
                        d.items.pop_front();
                    }
                }
            }
        });
        Ok(Value::None)
    });
    add_method(&dq, "extendleft", |vm, a| {
        let i = dq_this(&a)?;
        let items = vm.collect_iterable(&arg(&a, 1, "extendleft")?)?;
        with_dq(&i, |d| {
            for x in items {
                d.items.push_front(x);
                if let Some(m) = d.maxlen {
                    while d.items.len() > m {
                        d.items.pop_back();
                    }
                }
            }
        });
        Ok(Value::None)
    });
    add_method(&dq, "clear", |_vm, a| {
        let i = dq_this(&a)?;
        with_dq(&i, |d| d.items.clear());
        Ok(Value::None)
    });
    add_method(&dq, "rotate", |vm, a| {
        let i = dq_this(&a)?;
        let n = match a.pos.get(1) {
            Some(v) => vm.as_ssize(v)?,
            None => 1,
        };
        with_dq(&i, |d| {
            let len = d.items.len() as i64;
            if len > 0 {
                let k = n.rem_euclid(len) as usize;
                d.items.rotate_right(k);
            }
        });
        Ok(Value::None)
    });
    add_method(&dq, "count", |vm, a| {
        let i = dq_this(&a)?;
        let x = arg(&a, 1, "count")?;
        let items: Vec<Value> =
            with_dq(&i, |d| d.items.iter().cloned().collect()).unwrap_or_default();
        let mut n = 0;
        for it in items {
            if vm.eq_sync(&it, &x)? {
                n += 1;
            }
        }
        Ok(Value::int(n))
    });
    add_method(&dq, "remove", |vm, a| {
        let i = dq_this(&a)?;
        let x = arg(&a, 1, "remove")?;
        let items: Vec<Value> =
            with_dq(&i, |d| d.items.iter().cloned().collect()).unwrap_or_default();
        for (k, it) in items.iter().enumerate() {
            if vm.eq_sync(it, &x)? {
                with_dq(&i, |d| d.items.remove(k));
                return Ok(Value::None);
            }
        }
        Err(value_error(format!("{} is not in deque", vm.repr(&x)?)))
    });
    add_method(&dq, "copy", |_vm, a| {
        let i = dq_this(&a)?;
        let (items, maxlen) = with_dq(&i, |d| (d.items.clone(), d.maxlen)).unwrap_or_default();
        Ok(Value::Instance(Instance::new(
            i.class.clone(),
            Payload::Native(Box::new(RefCell::new(Deque { items, maxlen }))),
        )))
    });
    add_method(&dq, "__repr__", |vm, a| {
        let i = dq_this(&a)?;
        let (items, maxlen) =
            with_dq(&i, |d| (d.items.iter().cloned().collect::<Vec<_>>(), d.maxlen))
                .unwrap_or_default();
        let inner = vm.repr(&Value::list(items))?;
        Ok(Value::string(match maxlen {
            Some(m) => format!("deque({inner}, maxlen={m})"),
            None => format!("deque({inner})"),
        }))
    });
    add_method(&dq, "__len__", |_vm, a| {
        let i = dq_this(&a)?;
        Ok(Value::int(with_dq(&i, |d| d.items.len()).unwrap_or(0) as i64))
    });
    add_method(&dq, "__eq__", |vm, a| {
        let i = dq_this(&a)?;
        let Some(Value::Instance(o)) = a.pos.get(1) else { return Ok(Value::NotImplemented) };
        if o.native::<RefCell<Deque>>().is_none() {
            return Ok(Value::NotImplemented);
        }
        let x: Vec<Value> = with_dq(&i, |d| d.items.iter().cloned().collect()).unwrap_or_default();
        let y: Vec<Value> = with_dq(o, |d| d.items.iter().cloned().collect()).unwrap_or_default();
        Ok(Value::Bool(vm.eq_sync(&Value::list(x), &Value::list(y))?))
    });
    add_method(&dq, "__iter__", |vm, a| vm.get_iter(a.pos.first().cloned().unwrap_or(Value::None)));
    let dd = t.defaultdict.clone();
    let _ = dd;
}

fn index_range(vm: &mut Vm, a: &Args, len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let conv = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<usize> {
        Ok(match v {
            None => d,
            Some(v) => {
                let mut i = vm.slice_arg(v)?;
                if i < 0 {
                    i = (i + n).max(0);
                }
                i.min(n)
            }
        } as usize)
    };
    Ok((conv(vm, a.pos.get(2), 0)?, conv(vm, a.pos.get(3), n)?))
}
