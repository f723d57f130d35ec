//! The `random` module: CPython's Mersenne Twister (MT19937), its seeding
//! from an int (`init_by_array` of the int's 32-bit words) and its
//! algorithms for `random`, `getrandbits`, `randrange`, `randint`,
//! `choice`, `shuffle`, `sample`, `uniform` and `gauss`, so a seeded program
//! draws exactly CPython's numbers. Unseeded, the generator starts as after
//! `random.seed(0)` (CPython seeds from the OS; a playground run must be
//! reproducible). Seeding with a str, bytes or float is accepted but does
//! not reproduce CPython's sequence (those hash with SHA-512).

use super::{def, new_namespace};
use crate::objects::exc::{index_error, num_error, type_error, value_error};
use crate::objects::func::Args;
use crate::objects::types::type_name;
use crate::value::{DictRef, Value};
use crate::vm::{PyResult, Vm};
use asyncpy_num::Int;

const N: usize = 624;
const M: usize = 397;

/// The generator state.
#[derive(Clone)]
pub struct Mt {
    mt: Vec<u32>,
    index: usize,
    gauss_next: Option<f64>,
}

impl Mt {
    /// A generator seeded with `seed` as CPython's `random.seed(seed)`.
    pub fn new(seed: u64) -> Mt {
        let mut m = Mt { mt: vec![0; N], index: N, gauss_next: None };
        m.seed_int(&Int::from(seed));
        m
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let mut i = 1usize;
        let mut j = 0usize;
        let klen = key.len().max(1);
        let mut k = N.max(klen);
        while k > 0 {
            let prev = self.mt[i - 1];
            let kv = key.get(j).copied().unwrap_or(0);
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(kv)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.mt[0] = 0x8000_0000;
        self.index = N;
    }

    /// `seed(n)` for an int: the 32-bit words of |n|, little-endian.
    pub fn seed_int(&mut self, n: &Int) {
        let a = n.abs();
        let mut words: Vec<u32> = Vec::new();
        let mut rest = a;
        let base = Int::Small(1 << 32);
        while !rest.is_zero() {
            let (q, r) = match rest.divmod(&base) {
                Ok(x) => x,
                Err(_) => break,
            };
            words.push(r.to_i64().unwrap_or(0) as u32);
            rest = q;
            if words.len() > 1 << 20 {
                break;
            }
        }
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
        self.gauss_next = None;
    }

    /// One 32-bit output.
    pub fn genrand(&mut self) -> u32 {
        if self.index >= N {
            for kk in 0..N {
                let y = (self.mt[kk] & 0x8000_0000) | (self.mt[(kk + 1) % N] & 0x7fff_ffff);
                let mut v = self.mt[(kk + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.mt[kk] = v;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand() >> 5) as f64;
        let b = (self.genrand() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)`.
    pub fn getrandbits(&mut self, k: u64) -> Int {
        if k == 0 {
            return Int::Small(0);
        }
        if k <= 32 {
            return Int::Small((self.genrand() >> (32 - k)) as i64);
        }
        let words = (k - 1) / 32 + 1;
        let mut rem = k;
        let mut out = Int::Small(0);
        let mut shift = 0i64;
        for _ in 0..words {
            let mut r = self.genrand();
            if rem < 32 {
                r >>= 32 - rem;
            }
            let part = Int::Small(r as i64).shl(&Int::Small(shift)).unwrap_or(Int::Small(0));
            out = out.bitor(&part);
            shift += 32;
            rem = rem.saturating_sub(32);
        }
        out
    }

    /// `_randbelow(n)` for n > 0.
    pub fn randbelow(&mut self, n: &Int) -> Int {
        let k = n.bit_length();
        let mut r = self.getrandbits(k);
        let mut guard = 0;
        while r >= *n {
            r = self.getrandbits(k);
            guard += 1;
            if guard > 10_000 {
                break;
            }
        }
        r
    }
}

fn int_arg(v: &Value) -> PyResult<Int> {
    match v {
        Value::Int(i) => Ok(i.clone()),
        Value::Bool(b) => Ok(Int::Small(*b as i64)),
        Value::Float(f) if f.fract() == 0.0 && f.is_finite() => {
            Int::from_f64(*f).map_err(num_error)
        }
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        ))),
    }
}

fn randrange(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let start = int_arg(a.pos.first().ok_or_else(|| {
        type_error("randrange() missing 1 required positional argument: 'start'")
    })?)?;
    let stop = a.pos.get(1).filter(|v| !v.is_none());
    let step = a.pos.get(2);
    let Some(stop) = stop else {
        if step.is_some() {
            return Err(type_error("Missing a non-None stop argument"));
        }
        if start.is_negative() || start.is_zero() {
            return Err(value_error("empty range for randrange()"));
        }
        return Ok(Value::Int(vm.rng.randbelow(&start)));
    };
    let stop = int_arg(stop)?;
    let width = stop.sub(&start).map_err(num_error)?;
    let step = match step {
        Some(s) => int_arg(s)?,
        None => Int::Small(1),
    };
    if step == Int::Small(1) {
        if width.is_negative() || width.is_zero() {
            return Err(value_error(format!(
                "empty range for randrange() ({}, {}, {})",
                start, stop, width
            )));
        }
        let r = vm.rng.randbelow(&width);
        return start.add(&r).map(Value::Int).map_err(num_error);
    }
    let n = if !step.is_negative() && !step.is_zero() {
        width.add(&step).and_then(|x| x.sub(&Int::Small(1))).and_then(|x| x.floordiv(&step))
    } else if step.is_negative() {
        width.add(&step).and_then(|x| x.add(&Int::Small(1))).and_then(|x| x.floordiv(&step))
    } else {
        return Err(value_error("zero step for randrange()"));
    }
    .map_err(num_error)?;
    if n.is_negative() || n.is_zero() {
        return Err(value_error("empty range for randrange()"));
    }
    let r = vm.rng.randbelow(&n);
    start.add(&step.mul(&r).map_err(num_error)?).map(Value::Int).map_err(num_error)
}

/// Builds the module namespace.
pub fn make() -> DictRef {
    let d = new_namespace("random");
    def(&d, "seed", |vm, a| {
        match a.pos.first() {
            None | Some(Value::None) => vm.rng = Mt::new(0),
            Some(Value::Int(i)) => vm.rng.seed_int(i),
            Some(Value::Bool(b)) => vm.rng.seed_int(&Int::Small(*b as i64)),
            Some(Value::Float(f)) => {
                let h = asyncpy_num::float_hash(*f);
                vm.rng.seed_int(&Int::Small(h))
            }
            Some(Value::Str(s)) => vm.rng.seed_int(&Int::Small(s.hash())),
            Some(other) => {
                return Err(type_error(format!(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray. (got {})",
                    type_name(other)
                )))
            }
        }
        Ok(Value::None)
    });
    def(&d, "random", |vm, _a| Ok(Value::Float(vm.rng.random())));
    def(&d, "getrandbits", |vm, a| {
        let k = int_arg(a.pos.first().unwrap_or(&Value::None))?;
        if k.is_negative() {
            return Err(value_error("number of bits must be non-negative"));
        }
        let k = k.to_i64().unwrap_or(0) as u64;
        if k > 1 << 20 {
            return Err(crate::objects::exc::memory_error());
        }
        Ok(Value::Int(vm.rng.getrandbits(k)))
    });
    def(&d, "randrange", |vm, a| randrange(vm, &a));
    def(&d, "randint", |vm, a| {
        a.check("randint", 2, 2)?;
        let b = int_arg(&a.pos[1])?.add(&Int::Small(1)).map_err(num_error)?;
        randrange(vm, &Args::new(vec![a.pos[0].clone(), Value::Int(b)]))
    });
    def(&d, "uniform", |vm, a| {
        a.check("uniform", 2, 2)?;
        let x = super::math::to_f64(vm, &a.pos[0])?;
        let y = super::math::to_f64(vm, &a.pos[1])?;
        Ok(Value::Float(x + (y - x) * vm.rng.random()))
    });
    def(&d, "choice", |vm, a| {
        a.check("choice", 1, 1)?;
        let seq = a.pos[0].clone();
        let n = vm.len_of(&seq)?;
        if n == 0 {
            return Err(index_error("Cannot choose from an empty sequence"));
        }
        let i = vm.rng.randbelow(&Int::from(n)).to_i64().unwrap_or(0);
        vm.getitem_sync(&seq, &Value::int(i))
    });
    def(&d, "shuffle", |vm, a| {
        a.check("shuffle", 1, 1)?;
        let Value::List(l) = &a.pos[0] else {
            let n = vm.len_of(&a.pos[0])?;
            for i in (1..n).rev() {
                let j = vm.rng.randbelow(&Int::from(i + 1)).to_i64().unwrap_or(0);
                let x = vm.getitem_sync(&a.pos[0], &Value::int(i as i64))?;
                let y = vm.getitem_sync(&a.pos[0], &Value::int(j))?;
                vm.setitem(&a.pos[0], Value::int(i as i64), y)?;
                vm.setitem(&a.pos[0], Value::int(j), x)?;
            }
            return Ok(Value::None);
        };
        let n = l.borrow().len();
        for i in (1..n).rev() {
            let j = vm.rng.randbelow(&Int::from(i + 1)).to_i64().unwrap_or(0) as usize;
            let mut v = l.borrow_mut();
            if i < v.len() && j < v.len() {
                v.swap(i, j);
            }
        }
        Ok(Value::None)
    });
    def(&d, "sample", |vm, mut a| {
        let _counts = a.take_kw("counts");
        let k = a
            .arg_or_kw(1, "k")
            .ok_or_else(|| type_error("sample() missing 1 required positional argument: 'k'"))?;
        let pop = a.pos.first().cloned().unwrap_or(Value::None);
        let pop = match &pop {
            Value::Set(_) | Value::FrozenSet(_) | Value::Dict(_) => {
                return Err(type_error(
                    "Population must be a sequence.  For dicts or sets, use sorted(d).",
                ))
            }
            _ => vm.collect_iterable(&pop)?,
        };
        let n = pop.len();
        let k = int_arg(&k)?.to_i64().unwrap_or(-1);
        if k < 0 || k as usize > n {
            return Err(value_error("Sample larger than population or is negative"));
        }
        let k = k as usize;
        let mut result = vec![Value::None; k];
        let mut setsize = 21usize;
        if k > 5 {
            let x = ((k * 3) as f64).ln() / 4f64.ln();
            setsize += 4usize.pow(x.ceil() as u32);
        }
        if n <= setsize {
            let mut pool = pop.clone();
            for (i, slot) in result.iter_mut().enumerate() {
                let j = vm.rng.randbelow(&Int::from(n - i)).to_i64().unwrap_or(0) as usize;
                *slot = pool[j].clone();
                pool[j] = pool[n - i - 1].clone();
            }
        } else {
            let mut selected = std::collections::HashSet::new();
            for slot in result.iter_mut() {
                let mut j = vm.rng.randbelow(&Int::from(n)).to_i64().unwrap_or(0) as usize;
                while selected.contains(&j) {
                    j = vm.rng.randbelow(&Int::from(n)).to_i64().unwrap_or(0) as usize;
                }
                selected.insert(j);
                *slot = pop[j].clone();
            }
        }
        Ok(Value::list(result))
    });
    def(&d, "gauss", |vm, mut a| {
        let mu = match a.arg_or_kw(0, "mu") {
            Some(v) => super::math::to_f64(vm, &v)?,
            None => 0.0,
        };
        let sigma = match a.arg_or_kw(1, "sigma") {
            Some(v) => super::math::to_f64(vm, &v)?,
            None => 1.0,
        };
        let z = match vm.rng.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = vm.rng.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - vm.rng.random()).ln()).sqrt();
                vm.rng.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        Ok(Value::Float(mu + z * sigma))
    });
    def(&d, "choices", |vm, mut a| {
        let k = match a.take_kw("k") {
            Some(v) => int_arg(&v)?.to_i64().unwrap_or(1),
            None => 1,
        };
        let weights = a.take_kw("weights");
        let cum = a.take_kw("cum_weights");
        let pop = vm.collect_iterable(a.pos.first().unwrap_or(&Value::None))?;
        let n = pop.len();
        if weights.is_none() && cum.is_none() {
            if n == 0 {
                return Err(index_error("Cannot choose from an empty population"));
            }
            let mut out = Vec::new();
            for _ in 0..k.max(0) {
                let i = (vm.rng.random() * n as f64).floor() as usize;
                out.push(pop[i.min(n - 1)].clone());
            }
            return Ok(Value::list(out));
        }
        let cw: Vec<f64> = match (weights, cum) {
            (Some(w), _) => {
                let ws = vm.collect_iterable(&w)?;
                let mut acc = 0.0;
                let mut v = Vec::new();
                for x in ws {
                    acc += super::math::to_f64(vm, &x)?;
                    v.push(acc);
                }
                v
            }
            (None, Some(c)) => {
                let cs = vm.collect_iterable(&c)?;
                let mut v = Vec::new();
                for x in cs {
                    v.push(super::math::to_f64(vm, &x)?);
                }
                v
            }
            _ => Vec::new(),
        };
        if cw.len() != n {
            return Err(value_error("The number of weights does not match the population"));
        }
        let total = cw.last().copied().unwrap_or(0.0);
        let mut out = Vec::new();
        for _ in 0..k.max(0) {
            let r = vm.rng.random() * total;
            let i = cw.partition_point(|c| *c <= r).min(n.saturating_sub(1));
            out.push(pop[i].clone());
        }
        Ok(Value::list(out))
    });
    d
}
