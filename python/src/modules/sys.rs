//! The `sys` module (the parts programs use): `stdout`/`stderr` with
//! `write`, `setrecursionlimit`, `version_info`, `exit`, `argv`, `maxsize`.

use super::{def, new_namespace, set};
use crate::builtins::{add_method, native_class};
use crate::objects::class::{Instance, Payload};
use crate::objects::exc::{type_error, value_error, Exc};
use crate::objects::types::{types, Types};
use crate::value::{DictRef, Value};
use crate::vm::Vm;

/// Which stream a stream object writes to.
pub struct Stream(pub bool);

/// True for `sys.stderr`.
pub fn is_stderr(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.native::<Stream>().map(|s| s.0).unwrap_or(false))
}

/// True for `sys.stdout`.
pub fn is_stdout(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.native::<Stream>().map(|s| !s.0).unwrap_or(false))
}

pub(crate) fn install_types(t: &mut Types) {
    let c = native_class(t, "TextIOWrapper", "_io", vec![]);
    add_method(&c, "write", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        let s = match a.pos.get(1) {
            Some(Value::Str(s)) => s.clone(),
            Some(other) => {
                return Err(type_error(format!(
                    "write() argument must be str, not {}",
                    crate::objects::types::type_name(other)
                )))
            }
            None => return Err(type_error("write() takes exactly one argument (0 given)")),
        };
        if is_stderr(&this) {
            vm.write_stderr(s.as_str());
        } else {
            vm.write_stdout(s.as_str());
        }
        Ok(Value::int(s.char_len() as i64))
    });
    add_method(&c, "flush", |_vm, _a| Ok(Value::None));
    add_method(&c, "isatty", |_vm, _a| Ok(Value::Bool(false)));
}

fn stream(err: bool) -> Value {
    Value::Instance(Instance::new(
        types().native("TextIOWrapper"),
        Payload::Native(Box::new(Stream(err))),
    ))
}

/// Builds the module namespace.
pub fn make(vm: &mut Vm) -> DictRef {
    let d = new_namespace("sys");
    set(&d, "stdout", stream(false));
    set(&d, "stderr", stream(true));
    set(&d, "__stdout__", stream(false));
    set(&d, "__stderr__", stream(true));
    set(
        &d,
        "version_info",
        Value::tuple(vec![
            Value::int(3),
            Value::int(11),
            Value::int(7),
            Value::str("final"),
            Value::int(0),
        ]),
    );
    set(&d, "version", Value::str("3.11.7 (asyncpy)"));
    set(&d, "platform", Value::str("linux"));
    set(&d, "maxsize", Value::int(i64::MAX));
    set(&d, "byteorder", Value::str("little"));
    set(&d, "implementation", Value::str("asyncpy"));
    let main_file = vm
        .modules
        .get("__main__")
        .and_then(|m| match m {
            Value::Module(m) => {
                m.dict.borrow().get_str(&crate::objects::str::PyStr::new("__file__")).cloned()
            }
            _ => None,
        })
        .unwrap_or(Value::str(""));
    set(&d, "argv", Value::list(vec![main_file]));
    def(&d, "getrecursionlimit", |vm, _a| Ok(Value::int(vm.recursion_limit as i64)));
    def(&d, "setrecursionlimit", |vm, a| {
        a.check("setrecursionlimit", 1, 1)?;
        let n = vm.index_value(&a.pos[0], "setrecursionlimit")?;
        if n < 1 {
            return Err(value_error("recursion limit must be greater or equal than 1"));
        }
        // Frames live on the heap, but keep a page's memory bounded.
        vm.recursion_limit = n.min(100_000) as usize;
        Ok(Value::None)
    });
    def(&d, "exit", |_vm, a| Err(Exc::new(&types().system_exit, a.pos)));
    def(&d, "exc_info", |vm, _a| match vm.current_exception() {
        Some(e) => Ok(Value::tuple(vec![Value::Class(e.class().clone()), e.value(), Value::None])),
        None => Ok(Value::tuple(vec![Value::None, Value::None, Value::None])),
    });
    def(&d, "exception", |vm, _a| {
        Ok(vm.current_exception().map(|e| e.value()).unwrap_or(Value::None))
    });
    def(&d, "getsizeof", |_vm, _a| Ok(Value::int(64)));
    def(&d, "intern", |_vm, a| Ok(a.pos.first().cloned().unwrap_or(Value::None)));
    def(&d, "get_int_max_str_digits", |_vm, _a| Ok(Value::int(4300)));
    d
}
