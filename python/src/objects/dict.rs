//! Python's `dict`: an insertion-ordered hash table, the layout of CPython's
//! compact dict (an array of entries in insertion order, plus a table of
//! indices into it probed by hash).
//!
//! This module knows nothing of the VM. Key equality for builtin keys (str,
//! int, float, tuple, None, ...) and identity-compared objects is decided
//! here ([`fast_eq`]); when a key's class defines `__eq__`, a lookup answers
//! [`NeedsPython`] and the VM compares the candidates itself with the table
//! unborrowed (so a user `__eq__` may even mutate the dict: the VM re-checks).

use crate::objects::str::PyStr;
use crate::value::Value;
use std::rc::Rc;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;
/// Up to this many entries a dict has no index table: lookups scan the
/// entries (most instance dicts are this small).
const SMALL: usize = 8;

/// A lookup met a key whose equality needs Python code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsPython;

/// One key/value pair with the key's hash.
#[derive(Clone)]
pub struct Entry {
    /// `hash(key)`.
    pub hash: i64,
    /// The key.
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// An insertion-ordered hash map keyed by Python values.
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    indices: Vec<u32>,
    len: usize,
    /// For `collections.defaultdict`: called to make a missing key's value.
    pub default_factory: Option<Value>,
    /// Bumped on every insertion or removal of a key (iterators compare it).
    pub version: u64,
}

/// Equality of two keys when it needs no Python code: `Some(answer)`, or
/// `None` when a class with its own `__eq__` is involved.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::{Bool, Bytes, Float, FrozenSet, Instance, Int, Range, Set, Str, Tuple};
    if a.is(b) {
        return Some(true);
    }
    Some(match (a, b) {
        (Str(x), Str(y)) => x.as_str() == y.as_str(),
        (Int(x), Int(y)) => x == y,
        (Bool(x), Bool(y)) => x == y,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => *y == asyncpy_num::Int::Small(*x as i64),
        (Float(x), Float(y)) => x == y,
        (Float(x), Int(y)) | (Int(y), Float(x)) => asyncpy_num::int_float_eq(y, *x),
        (Float(x), Bool(y)) | (Bool(y), Float(x)) => *x == (*y as i64 as f64),
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !fast_eq(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (Bytes(x), Bytes(y)) => x == y,
        (FrozenSet(_), _) | (_, FrozenSet(_)) | (Set(_), _) | (_, Set(_)) => return None,
        (Instance(x), _) if x.class.has_custom_eq() => return None,
        (_, Instance(y)) if y.class.has_custom_eq() => return None,
        (Range(x), Range(y)) => x == y,
        _ => false,
    })
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn mask(&self) -> usize {
        self.indices.len().wrapping_sub(1)
    }

    /// Finds `key` (whose hash is `hash`): the entry index, `Ok(None)` when
    /// absent, `Err(NeedsPython)` when a candidate needs Python's `__eq__`.
    pub fn find(&self, hash: i64, key: &Value) -> Result<Option<usize>, NeedsPython> {
        if self.indices.is_empty() {
            let mut slow = false;
            for (i, e) in self.entries.iter().enumerate() {
                if let Some(e) = e {
                    if e.hash == hash {
                        match fast_eq(&e.key, key) {
                            Some(true) => return Ok(Some(i)),
                            Some(false) => {}
                            None => slow = true,
                        }
                    }
                }
            }
            return if slow { Err(NeedsPython) } else { Ok(None) };
        }
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut slow = false;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return if slow { Err(NeedsPython) } else { Ok(None) };
            }
            if ix != DELETED {
                if let Some(Some(e)) = self.entries.get(ix as usize) {
                    if e.hash == hash {
                        match fast_eq(&e.key, key) {
                            Some(true) => return Ok(Some(ix as usize)),
                            Some(false) => {}
                            None => slow = true,
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// Entry indices whose hash is `hash` (for the VM's slow path).
    pub fn candidates(&self, hash: i64) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e {
                Some(e) if e.hash == hash => Some(i),
                _ => None,
            })
            .collect()
    }

    /// Looks up a `str` key by its text (attribute dicts, globals).
    pub fn get_str(&self, name: &PyStr) -> Option<&Value> {
        let hash = name.hash();
        if self.indices.is_empty() {
            for e in self.entries.iter().flatten() {
                if e.hash == hash {
                    if let Value::Str(k) = &e.key {
                        if std::ptr::eq(&**k, name) || k.as_str() == name.as_str() {
                            return Some(&e.value);
                        }
                    }
                }
            }
            return None;
        }
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix != DELETED {
                if let Some(Some(e)) = self.entries.get(ix as usize) {
                    if e.hash == hash {
                        if let Value::Str(k) = &e.key {
                            if std::ptr::eq(&**k, name) || k.as_str() == name.as_str() {
                                return Some(&e.value);
                            }
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// Sets a `str` key (attribute dicts, globals).
    pub fn set_str(&mut self, name: Rc<PyStr>, value: Value) {
        let hash = name.hash();
        let key = Value::Str(name);
        match self.find(hash, &key) {
            Ok(Some(ix)) => self.set_at(ix, value),
            _ => self.insert_new(hash, key, value),
        }
    }

    /// Removes a `str` key; returns its value.
    pub fn remove_str(&mut self, name: &Rc<PyStr>) -> Option<Value> {
        let key = Value::Str(name.clone());
        match self.find(name.hash(), &key) {
            Ok(Some(ix)) => self.remove_at(ix).map(|e| e.value),
            _ => None,
        }
    }

    /// The entry at index `ix`, if it is live.
    pub fn entry(&self, ix: usize) -> Option<&Entry> {
        self.entries.get(ix).and_then(|e| e.as_ref())
    }

    /// Replaces the value of the live entry `ix`.
    pub fn set_at(&mut self, ix: usize, value: Value) {
        if let Some(Some(e)) = self.entries.get_mut(ix) {
            e.value = value;
        }
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if self.indices.is_empty() && self.entries.len() < SMALL {
            self.entries.push(Some(Entry { hash, key, value }));
            self.len += 1;
            self.version = self.version.wrapping_add(1);
            return;
        }
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.grow();
        }
        let ix = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.len += 1;
        self.version = self.version.wrapping_add(1);
        self.place(hash, ix);
    }

    fn place(&mut self, hash: i64, ix: u32) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if self.indices[i] == EMPTY {
                self.indices[i] = ix;
                return;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    fn grow(&mut self) {
        // Compact the entries (dropping deleted ones) and rebuild the index
        // table at a size that keeps it at most two thirds full.
        if self.len < self.entries.len() {
            self.entries.retain(|e| e.is_some());
        }
        let mut size = 8;
        while size * 2 <= (self.len + 1) * 3 {
            size *= 2;
        }
        self.indices = vec![EMPTY; size];
        for ix in 0..self.entries.len() {
            if let Some(e) = &self.entries[ix] {
                let h = e.hash;
                self.place(h, ix as u32);
            }
        }
    }

    /// Removes the live entry `ix`.
    pub fn remove_at(&mut self, ix: usize) -> Option<Entry> {
        let e = self.entries.get_mut(ix)?.take()?;
        if self.indices.is_empty() {
            self.len -= 1;
            self.version = self.version.wrapping_add(1);
            if self.len == 0 {
                self.entries.clear();
            }
            return Some(e);
        }
        let mask = self.mask();
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        loop {
            let cur = self.indices[i];
            if cur == ix as u32 {
                self.indices[i] = DELETED;
                break;
            }
            if cur == EMPTY {
                break;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        self.len -= 1;
        self.version = self.version.wrapping_add(1);
        if self.len == 0 {
            self.entries.clear();
            self.indices.clear();
        }
        Some(e)
    }

    /// Removes every key.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.indices.clear();
        self.len = 0;
        self.version = self.version.wrapping_add(1);
    }

    /// Size of the entry array (live and deleted): iterators walk
    /// `0..capacity_index()` with [`Dict::entry`].
    pub fn capacity_index(&self) -> usize {
        self.entries.len()
    }

    /// The live entries, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter_map(|e| e.as_ref())
    }

    /// The keys, in order.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    /// The values, in order.
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    /// The (key, value) pairs, in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// The last live entry's index (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }
}
