//! The hooks of the fake I/O modules (`aiohttp`, `asyncpg`; their Python
//! side is in `py/`): the text of `static/example/N.txt`, given by the host
//! up front (virtual runs) or fetched by the host on request (the page).

use super::def;
use crate::value::{DictRef, Value};
use crate::vm::Vm;

/// Adds `_page_text(n)` to the aiohttp namespace: the text of example page
/// `n` (1..8), or None when the host did not give it.
pub fn install_aiohttp_natives(d: &DictRef) {
    def(d, "_page_text", |vm, a| {
        let n = match a.pos.first() {
            Some(Value::Int(i)) => i.to_i64().unwrap_or(0),
            _ => 0,
        };
        if !(1..=8).contains(&n) {
            return Ok(Value::None);
        }
        Ok(match vm.config.example_texts.get((n - 1) as usize) {
            Some(Some(t)) => Value::str(t),
            _ => Value::str(""),
        })
    });
}

/// Adds the host-I/O hooks shared by the fake modules: `_host_mode()`
/// (true when a host, not the virtual clock, serves I/O) and
/// `_io(kind, arg)`, a future completed by [`complete_io`].
pub fn install_io_natives(d: &DictRef) {
    def(d, "_host_mode", |vm, _a| Ok(Value::Bool(!vm.config.virtual_clock)));
    def(d, "_io", |vm, a| {
        let kind =
            a.pos.first().and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
        let arg = a.pos.get(1).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
        let lp = crate::asyncio::running_loop(vm)?;
        let fut = crate::asyncio::future::new_future(lp);
        if let Some(c) = crate::asyncio::future::fut_data(&fut) {
            c.borrow_mut().tag = Some("io".into());
        }
        vm.aio.io_next += 1;
        let id = vm.aio.io_next;
        vm.aio.io_pending.push((id, fut.clone()));
        vm.aio.io_out.push(crate::host::IoRequest { id, kind, arg });
        Ok(fut)
    });
}

/// Completes a host I/O request: sets the waiting future's result.
pub fn complete_io(vm: &mut Vm, id: u64, result: Result<String, String>) {
    let Some(pos) = vm.aio.io_pending.iter().position(|(i, _)| *i == id) else { return };
    let (_, fut) = vm.aio.io_pending.remove(pos);
    let r = match result {
        Ok(s) => crate::asyncio::future::set_result(vm, &fut, Value::string(s)),
        Err(e) => {
            let exc = crate::objects::exc::runtime_error(e);
            crate::asyncio::future::set_exception(vm, &fut, exc.value())
        }
    };
    let _ = r;
}
