//! Python's `str` storage: UTF-8 text that knows its length in code points
//! (Python indexes by code point) and caches its hash.
//!
//! Indexing an ASCII string is a byte index; a string with other characters
//! walks its characters (the lecture's Russian strings are short).

use std::cell::Cell;
use std::rc::Rc;

/// An immutable Python string.
pub struct PyStr {
    s: Box<str>,
    nchars: usize,
    hash: Cell<i64>,
}

impl PyStr {
    /// A string copied from `s`.
    pub fn new(s: &str) -> PyStr {
        PyStr::from_string(s.to_string())
    }

    /// A string owning `s`.
    pub fn from_string(s: String) -> PyStr {
        let nchars = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { s: s.into_boxed_str(), nchars, hash: Cell::new(-1) }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// Length in code points (`len(s)`).
    pub fn char_len(&self) -> usize {
        self.nchars
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.s.len()
    }

    /// True when every character is ASCII (indexing is by byte).
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }

    /// The `i`-th character (`0 <= i < char_len`).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|b| *b as char)
        } else {
            self.s.chars().nth(i)
        }
    }

    /// The byte offset of the `i`-th character (`i <= char_len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(self.s.len())
        }
    }

    /// Characters `start..end` (code-point indices, clamped).
    pub fn substring(&self, start: usize, end: usize) -> &str {
        if start >= end {
            return "";
        }
        let a = self.byte_offset(start);
        let b = self.byte_offset(end);
        &self.s[a..b]
    }

    /// Python's `hash(s)` for this process: FNV-1a over the UTF-8 bytes
    /// (CPython randomizes string hashes per process, so no program can
    /// depend on their values), never -1.
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let mut x: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.s.bytes() {
            x ^= b as u64;
            x = x.wrapping_mul(0x0100_0000_01b3);
        }
        let mut h = (x >> 1) as i64;
        if h == -1 {
            h = -2;
        }
        self.hash.set(h);
        h
    }
}

impl PartialEq for PyStr {
    fn eq(&self, other: &Self) -> bool {
        self.s == other.s
    }
}

/// FNV-1a, a fast hasher for the interpreter's own tables of short
/// names (the standard SipHash is slower and its DoS resistance is not
/// needed: a program can only slow its own run).
#[derive(Default, Clone, Copy)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` hashed with [`FnvHasher`].
pub type FnvMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FnvHasher>>;

thread_local! {
    static INTERNED: std::cell::RefCell<FnvMap<Box<str>, Rc<PyStr>>> =
        std::cell::RefCell::new(FnvMap::default());
}

/// The one shared `PyStr` for an identifier, so that attribute and
/// variable names compare by pointer in the common case.
pub fn intern(s: &str) -> Rc<PyStr> {
    INTERNED.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(v) = t.get(s) {
            return v.clone();
        }
        let v = Rc::new(PyStr::new(s));
        if t.len() < 100_000 {
            t.insert(s.into(), v.clone());
        }
        v
    })
}

/// True when `a` and `b` are the same name (pointer first, then text).
#[inline]
pub fn same_name(a: &Rc<PyStr>, b: &Rc<PyStr>) -> bool {
    Rc::ptr_eq(a, b) || a.as_str() == b.as_str()
}
