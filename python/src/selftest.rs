//! Self-checks of the interpreter on programs whose CPython 3.11 output is
//! known (taken from the reference run on the virtual clock when the test
//! was written): scopes, exceptions, generators, the loop's ordering, and
//! the limits that must hold on any input.

#[cfg(test)]
mod tests {
    use crate::host::{run_virtual, Config};

    fn run(src: &str) -> (String, String, i32) {
        let cfg = Config { record_events: false, ..Config::default() };
        let r = run_virtual(src, "t.py", cfg, 10_000_000);
        (r.stdout, r.stderr, r.status)
    }

    fn check(src: &str, expected: &str) {
        let (out, err, status) = run(src);
        assert_eq!(out, expected, "stderr: {err}");
        assert_eq!(status, 0, "stderr: {err}");
    }

    #[test]
    fn scopes() {
        check(
            r#"x = 'global'
def outer():
    x = 'outer'
    def inner():
        nonlocal x
        x = 'changed'
        return x
    inner()
    return x
print(outer(), x)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); print(c())
class A:
    y = 1
    z = [y * i for i in range(3)] if False else None
    def m(self):
        return y if 'y' in globals() else 'no y'
print(A().m(), A.y)
def g():
    global x
    x = 'set by g'
g(); print(x)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def f():
    print(v)
    v = 1
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def make():
    a = 1
    class C:
        a = 2
        def get(self):
            return a
    return C().get(), C.a
print(make())
print([(x, y) for x in range(2) for y in range(x + 1)])
print({k: v for k, v in zip('ab', [1, 2])}, {i % 3 for i in range(10)})
gen = (i * i for i in range(4))
print(next(gen), list(gen))
"#,
            r#"changed global
2
no y 1
set by g
[2, 2, 2]
[0, 1, 2]
UnboundLocalError cannot access local variable 'v' where it is not associated with a value
(1, 2)
[(0, 0), (1, 0), (1, 1)]
{'a': 1, 'b': 2} {0, 1, 2}
0 [1, 4, 9]
"#,
        );
    }

    #[test]
    fn excs() {
        check(
            r#"def f():
    try:
        return 'try'
    finally:
        print('finally runs')
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print('fin', i)
    return i
print(g())
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('bad') from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        {}['k']
    except KeyError:
        raise RuntimeError('during')
except RuntimeError as e:
    print(repr(e.__context__))
try:
    raise ExceptionGroup('eg', [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as eg:
    print('values', eg.exceptions)
except* TypeError as eg:
    print('types', eg.exceptions)
def h():
    try:
        raise KeyError('x')
    except KeyError:
        pass
    return 'ok'
print(h())
class E(Exception):
    def __init__(self, code):
        super().__init__(f'code {code}')
        self.code = code
try:
    raise E(7)
except E as e:
    print(e, e.code, e.args)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    int('abc')
except ValueError as e:
    print(e)
print(str(KeyError('k')), repr(KeyError('k')))
"#,
            r#"finally runs
try
fin 0
fin 1
1
ValueError('bad') ZeroDivisionError('division by zero') True
KeyError('k')
values (ValueError(1), ValueError(3))
types (TypeError(2),)
ok
code 7 7 ('code 7',)
pop from empty list
invalid literal for int() with base 10: 'abc'
'k' KeyError('k')
"#,
        );
    }

    #[test]
    fn gens() {
        check(
            r#"def gen():
    x = yield 1
    print('got', x)
    try:
        yield 2
    except ValueError as e:
        print('caught', e)
        yield 3
    return 'done'
g = gen()
print(next(g), g.send('hello'), g.throw(ValueError('v')))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)
def sub():
    yield 'a'
    return 'ret'
def outer():
    r = yield from sub()
    yield r
print(list(outer()))
def closing():
    try:
        yield 1
    finally:
        print('closed')
c = closing(); next(c); c.close()
"#,
            r#"got hello
caught v
1 2 3
stop done
['a', 'ret']
closed
"#,
        );
    }

    #[test]
    fn loop_order() {
        check(
            r#"import asyncio
async def main():
    loop = asyncio.get_running_loop()
    order = []
    loop.call_later(0.1, order.append, 'a')
    loop.call_later(0.1, order.append, 'b')
    loop.call_soon(order.append, 'soon1')
    loop.call_at(loop.time() + 0.1, order.append, 'c')
    loop.call_soon(order.append, 'soon2')
    await asyncio.sleep(0.1)
    order.append('slept')
    await asyncio.sleep(0)
    print(order, loop.time())
    async def w(n, d):
        await asyncio.sleep(d)
        print('w', n, asyncio.current_task().get_name())
        return n
    r = await asyncio.gather(w(1, 0.3), w(2, 0.1), w(3, 0.2))
    print(r)
    t = asyncio.create_task(w(4, 1))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled', t.cancelled())
    try:
        await asyncio.wait_for(w(5, 2), 1)
    except TimeoutError:
        print('timeout at', loop.time())
asyncio.run(main())
"#,
            r#"['soon1', 'soon2', 'a', 'b', 'c', 'slept'] 0.1
w 2 Task-3
w 3 Task-4
w 1 Task-2
[1, 2, 3]
cancelled True
timeout at 1.9
"#,
        );
    }

    #[test]
    fn deep_recursion_is_a_recursion_error() {
        let (out, _, status) = run("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print(e)\n");
        assert_eq!(out, "maximum recursion depth exceeded\n");
        assert_eq!(status, 0);
    }

    #[test]
    fn huge_allocations_are_memory_errors() {
        let (out, _, _) = run("for f in (lambda: 'x' * 10**12, lambda: [0] * 10**10, lambda: 2 ** 10**10):\n    try:\n        f()\n    except MemoryError:\n        print('MemoryError')\n");
        assert_eq!(out, "MemoryError\nMemoryError\nMemoryError\n");
    }

    #[test]
    fn budget_stops_an_endless_loop() {
        let r = run_virtual("while True:\n    pass\n", "t.py", Config::default(), 10_000);
        assert_eq!(r.status, 3);
        assert!(r.stderr.contains("stopped after 10000 steps"));
    }

    #[test]
    fn sort_while_mutating_is_a_value_error() {
        let (out, _, _) = run("l = []\nclass K:\n    def __init__(self, v): self.v = v\n    def __lt__(self, o):\n        l.append(1)\n        return self.v < o.v\nl.extend([K(2), K(1)])\ntry:\n    l.sort()\nexcept ValueError as e:\n    print(e)\n");
        assert_eq!(out, "list modified during sort\n");
    }

    #[test]
    fn int_sets_print_in_cpython_order() {
        let (out, _, _) = run("print({3, 1, 2}, {10, 2, 33, 8}, {-1, -2, 5})\n");
        assert_eq!(out, "{1, 2, 3} {8, 33, 10, 2} {5, -1, -2}\n");
    }

    #[test]
    fn deadlock_is_reported() {
        let r = run_virtual("import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\nasyncio.run(main())\n", "t.py", Config::default(), 1_000_000);
        assert_eq!(r.status, 1);
        assert!(r.stderr.contains("asyncpy: deadlock: every task waits and no timer is set"));
    }

    #[test]
    fn uncaught_exception_traceback() {
        let (_, err, status) = run("def f():\n    raise ValueError('boom')\nf()\n");
        assert_eq!(status, 1);
        assert_eq!(err, "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    f()\n  File \"t.py\", line 2, in f\n    raise ValueError('boom')\nValueError: boom\n");
    }

    #[test]
    fn syntax_error_report() {
        let r = run_virtual("x = (1,\n", "t.py", Config::default(), 1000);
        assert_eq!(r.status, 1);
        assert!(r.stderr.ends_with("SyntaxError: '(' was never closed\n"), "{}", r.stderr);
    }

    /// Runs `src` in host mode (the page's way: a clock the host moves)
    /// with a tiny budget per `run` call, so that every task step is paused
    /// and resumed many times; returns stdout.
    fn run_sliced(src: &str, budget: u64) -> String {
        use crate::host::{Interpreter, Status};
        let cfg = Config { virtual_clock: false, record_events: true, ..Config::default() };
        let mut it = match Interpreter::new(src, "t.py", cfg) {
            Ok(it) => it,
            Err(f) => return f.text,
        };
        for _ in 0..10_000_000 {
            let st = it.run(budget);
            for req in it.take_io_requests() {
                let answer = if req.kind == "query" { "1\tAlice\n2\tBob\n3\tCarol\n" } else { "" };
                it.complete_io(req.id, Ok(answer.to_string()));
            }
            match st {
                Status::Paused => {}
                Status::Idle { waiting_io, .. } if waiting_io > 0 => {}
                Status::Idle { next_deadline: Some(t), .. } => it.advance_to(t),
                Status::Idle { next_deadline: None, .. } => break,
                Status::Finished(_) => break,
            }
        }
        let _ = it.take_events();
        it.stdout().to_string()
    }

    #[test]
    fn sliced_host_runs_print_what_virtual_runs_print() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("lecture");
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        let mut n = 0;
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) != Some("py") {
                continue;
            }
            let Ok(src) = std::fs::read_to_string(&p) else { continue };
            // Host I/O takes no time here, so `%%time`'s wall time differs.
            let strip = |s: String| {
                s.lines().filter(|l| !l.starts_with("Wall time")).collect::<Vec<_>>().join("\n")
            };
            let whole = strip(run(&src).0);
            for budget in [1, 7, 100] {
                assert_eq!(
                    strip(run_sliced(&src, budget)),
                    whole,
                    "{} with budget {budget}",
                    p.display()
                );
            }
            n += 1;
        }
        assert!(n > 0);
    }

    #[test]
    fn host_io_requests_are_answered_by_the_host() {
        use crate::host::{Interpreter, Status};
        let src = "import asyncio, aiohttp, asyncpg\nasync def main():\n    async with aiohttp.ClientSession() as s:\n        async with s.get('https://example.com/1') as r:\n            print(await r.text())\n    conn = await asyncpg.connect('db')\n    for row in await conn.fetch('SELECT * FROM users'):\n        print(row, row['name'])\nasyncio.run(main())\n";
        let cfg = Config { virtual_clock: false, ..Config::default() };
        let Ok(mut it) = Interpreter::new(src, "t.py", cfg) else { panic!("compile") };
        let mut kinds = Vec::new();
        for _ in 0..1000 {
            let st = it.run(1000);
            for req in it.take_io_requests() {
                kinds.push(req.kind.clone());
                let answer = match req.kind.as_str() {
                    "fetch" => Ok(format!("page {}", req.arg)),
                    "query" => Ok("1\tAlice\n2\tBob\n".to_string()),
                    _ => Ok(String::new()),
                };
                it.complete_io(req.id, answer);
            }
            match st {
                Status::Finished(_) => break,
                Status::Idle { next_deadline: Some(t), .. } => it.advance_to(t),
                _ => {}
            }
        }
        assert_eq!(kinds, ["fetch", "connect", "query"]);
        assert_eq!(it.stdout(), "page https://example.com/1\n<Record id=1 name='Alice'> Alice\n<Record id=2 name='Bob'> Bob\n");
    }
}
