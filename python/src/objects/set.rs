//! Python's `set` and `frozenset`: CPython's own open-addressing table
//! (linear probes of 9, then perturbed jumps; resized at 60% fill), so that
//! a set of ints iterates and prints in exactly CPython's order
//! (`{3, 1, 2}` prints `{1, 2, 3}`, `{10, 2}` prints `{2, 10}`).
//!
//! As in [`crate::objects::dict`], equality that needs Python code is left
//! to the VM: a lookup answers [`NeedsPython`].

use crate::objects::dict::{fast_eq, NeedsPython};
use crate::value::Value;

const LINEAR_PROBES: usize = 9;
const MINSIZE: usize = 8;

#[derive(Clone)]
enum Slot {
    Unused,
    Dummy,
    Active(i64, Value),
}

/// A hash set of Python values with CPython's iteration order.
#[derive(Clone)]
pub struct Set {
    table: Vec<Slot>,
    fill: usize,
    used: usize,
    finger: usize,
}

impl Default for Set {
    fn default() -> Self {
        Set::new()
    }
}

impl Set {
    /// An empty set.
    pub fn new() -> Set {
        Set { table: vec![Slot::Unused; MINSIZE], fill: 0, used: 0, finger: 0 }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Finds `key`: its slot index, `Ok(None)` if absent.
    pub fn find(&self, hash: i64, key: &Value) -> Result<Option<usize>, NeedsPython> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut slow = false;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Unused => return if slow { Err(NeedsPython) } else { Ok(None) },
                    Slot::Active(h, k) if *h == hash => match fast_eq(k, key) {
                        Some(true) => return Ok(Some(j)),
                        Some(false) => {}
                        None => slow = true,
                    },
                    _ => {}
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Slot indices of live elements whose hash is `hash` (the VM's slow
    /// path compares them with Python's `__eq__`).
    pub fn candidates(&self, hash: i64) -> Vec<usize> {
        self.table
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                Slot::Active(h, _) if *h == hash => Some(i),
                _ => None,
            })
            .collect()
    }

    /// The element in slot `i`, if live.
    pub fn slot(&self, i: usize) -> Option<&Value> {
        match self.table.get(i) {
            Some(Slot::Active(_, k)) => Some(k),
            _ => None,
        }
    }

    /// Adds `key`, known to be absent (CPython's `set_add_entry` once its
    /// search found no equal key: it reuses the last dummy slot on the
    /// probe path, or takes the first unused one).
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Unused => {
                        if let Some(f) = freeslot {
                            self.used += 1;
                            self.table[f] = Slot::Active(hash, key);
                            return;
                        }
                        self.fill += 1;
                        self.used += 1;
                        self.table[j] = Slot::Active(hash, key);
                        if self.fill * 5 >= mask * 3 {
                            let minused =
                                if self.used > 50000 { self.used * 2 } else { self.used * 4 };
                            self.resize(minused);
                        }
                        return;
                    }
                    Slot::Dummy => freeslot = Some(j),
                    Slot::Active(..) => {}
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn insert_clean(table: &mut [Slot], hash: i64, key: Value) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Unused) {
                table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                if let Some(j) =
                    (i + 1..=i + LINEAR_PROBES).find(|j| matches!(table[*j], Slot::Unused))
                {
                    table[j] = Slot::Active(hash, key);
                    return;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; newsize]);
        self.fill = self.used;
        for s in old {
            if let Slot::Active(h, k) = s {
                Set::insert_clean(&mut self.table, h, k);
            }
        }
    }

    /// Removes the element in slot `i`.
    pub fn remove_slot(&mut self, i: usize) -> Option<Value> {
        match std::mem::replace(self.table.get_mut(i)?, Slot::Dummy) {
            Slot::Active(_, k) => {
                self.used -= 1;
                Some(k)
            }
            other => {
                self.table[i] = other;
                None
            }
        }
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        *self = Set::new();
    }

    /// The elements in table order (CPython's iteration order).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(_, k) => Some(k),
            _ => None,
        })
    }

    /// The elements with their hashes, in table order.
    pub fn iter_hashed(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// Size of the table (iterators walk slot indices `0..table_len()`).
    pub fn table_len(&self) -> usize {
        self.table.len()
    }

    /// CPython's `set_merge` fast paths: `other`'s elements into an empty
    /// set keep `other`'s table layout. Returns false when `self` is not
    /// empty (the caller adds one by one).
    pub fn merge_into_empty(&mut self, other: &Set) -> bool {
        if self.fill != 0 {
            return false;
        }
        if other.used == 0 {
            return true;
        }
        if (other.used) * 5 >= self.mask() * 3 {
            self.resize(other.used * 2);
        }
        if self.table.len() == other.table.len() && other.fill == other.used {
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return true;
        }
        self.fill = other.used;
        self.used = other.used;
        for (h, k) in other.iter_hashed() {
            Set::insert_clean(&mut self.table, h, k.clone());
        }
        true
    }

    /// Makes room for `extra` more elements at once, as CPython's
    /// `set_merge` does before adding another set's elements.
    pub fn reserve_for_merge(&mut self, extra: usize) {
        if (self.fill + extra) * 5 >= self.mask() * 3 {
            self.resize((self.used + extra) * 2);
        }
    }

    /// `set.pop()`: CPython's finger walk.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        loop {
            if let Slot::Active(..) = self.table[i] {
                break;
            }
            i += 1;
            if i > mask {
                i = 0;
            }
        }
        let v = self.remove_slot(i);
        self.finger = i + 1;
        v
    }
}
