//! A stable merge sort whose comparisons may fail (they can run a user's
//! `__lt__`), used by `list.sort`, `sorted`, and for `min`/`max` keys.

use crate::compile::code::CmpOp;
use crate::objects::func::Args;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Sorts `items` (by `key` if given; `reverse` keeps equal items in their
/// original order, as CPython's does).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: &Value,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut pairs: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for it in items {
        let k = if key.is_none() {
            it.clone()
        } else {
            vm.call_sync(key.clone(), Args::new(vec![it.clone()]))?
        };
        pairs.push((k, it));
    }
    if reverse {
        pairs.reverse();
    }
    let sorted = merge_sort(vm, pairs)?;
    let mut out: Vec<Value> = sorted.into_iter().map(|(_, v)| v).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::vm::ops::fast_compare(CmpOp::Lt, a, b) {
        return Ok(r);
    }
    vm.compare_sync(CmpOp::Lt, a, b)
}

fn merge_sort(vm: &mut Vm, v: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let n = v.len();
    if n <= 1 {
        return Ok(v);
    }
    // Insertion sort for small runs, bottom-up merges after.
    const RUN: usize = 16;
    let mut runs: Vec<Vec<(Value, Value)>> = Vec::new();
    let mut it = v.into_iter().peekable();
    while it.peek().is_some() {
        let mut run: Vec<(Value, Value)> = Vec::with_capacity(RUN);
        for _ in 0..RUN {
            match it.next() {
                Some(x) => {
                    // Binary insertion keeps stability: insert after equals.
                    let mut lo = 0;
                    let mut hi = run.len();
                    while lo < hi {
                        let mid = (lo + hi) / 2;
                        if less(vm, &x.0, &run[mid].0)? {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    run.insert(lo, x);
                }
                None => break,
            }
        }
        runs.push(run);
    }
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len() / 2 + 1);
        let mut iter = runs.into_iter();
        while let Some(a) = iter.next() {
            match iter.next() {
                Some(b) => next.push(merge(vm, a, b)?),
                None => next.push(a),
            }
        }
        runs = next;
    }
    Ok(runs.pop().unwrap_or_default())
}

fn merge(
    vm: &mut Vm,
    a: Vec<(Value, Value)>,
    b: Vec<(Value, Value)>,
) -> PyResult<Vec<(Value, Value)>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                // Take from b only when strictly less (stability).
                if less(vm, &y.0, &x.0)? {
                    if let Some(v) = b.next() {
                        out.push(v);
                    }
                } else if let Some(v) = a.next() {
                    out.push(v);
                }
            }
            (Some(_), None) => {
                out.extend(a);
                break;
            }
            (None, _) => {
                out.extend(b);
                break;
            }
        }
    }
    Ok(out)
}
