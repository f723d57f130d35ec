//! The `time` module, on the interpreter's clock: `time()`, `monotonic()`
//! and `perf_counter()` read it; `sleep(s)` moves it forward by `s` while
//! nothing else runs (it blocks the event loop, as in CPython).

use super::{def, new_namespace};
use crate::objects::exc::{type_error, value_error};
use crate::value::{DictRef, Value};

/// Builds the module namespace.
pub fn make() -> DictRef {
    let d = new_namespace("time");
    for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"] {
        match name {
            "process_time" | "thread_time" => def(&d, name, |_vm, _a| Ok(Value::Float(0.0))),
            _ => def(&d, name, |vm, _a| Ok(Value::Float(vm.aio.clock))),
        }
    }
    for name in ["time_ns", "monotonic_ns", "perf_counter_ns"] {
        def(&d, name, |vm, _a| Ok(Value::int((vm.aio.clock * 1e9) as i64)));
    }
    def(&d, "process_time_ns", |_vm, _a| Ok(Value::int(0)));
    def(&d, "sleep", |vm, a| {
        a.check("sleep", 1, 1)?;
        let s = match &a.pos[0] {
            Value::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
            Value::Float(f) => *f,
            Value::Bool(b) => *b as i64 as f64,
            other => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::objects::types::type_name(other)
                )))
            }
        };
        if s < 0.0 {
            return Err(value_error("sleep length must be non-negative"));
        }
        if s.is_finite() {
            vm.aio.clock += s;
            if vm.aio.host_time < vm.aio.clock {
                vm.aio.host_time = vm.aio.clock;
            }
        }
        Ok(Value::None)
    });
    d
}
