#!/usr/bin/env python3
"""Random asyncio programs for the differential tests, deterministic in a seed.

Usage:  python3 gen_async.py --seed S --count N --out DIR [--check]

Writes DIR/prog_0000.py ... DIR/prog_{N-1}.py.  The same seed always writes
the same files (the generator uses only `random.Random(seed)`, never the hash
of a string or the order of a set).  `--check` then runs every program twice
under vclock.py (the second time with another hash seed and shifted object
addresses) and fails when a program is not deterministic, fails to
terminate, or prints fewer than three lines.

A program is a `main()` made of *blocks*.  Each block is an `async def
block_K()` that exercises one part of asyncio (create_task, gather, wait,
wait_for, as_completed, shield, timeout, TaskGroup, Queue, Lock, Event,
Semaphore, loop callbacks, futures, cancellation, exceptions, async
generators, the busy-poll `sleep_generator`, ...), prints what it observes
with the virtual time, and leaves no task of its own running (it awaits or
cancels and awaits everything it started).  `main()` awaits the blocks one
after the other or a few of them at once with `gather`; sometimes the program
ends with an uncaught exception.

What the programs avoid, because CPython's output would depend on object
addresses (the order of a set of tasks or coroutines) and so could not be
reproduced by another implementation:
- iterating the `done`/`pending` sets of `asyncio.wait` (names are sorted,
  or the original list is walked);
- passing coroutines (rather than tasks) to `as_completed`, which wraps
  them in tasks in set order;
- printing from more than one task while a TaskGroup (or `asyncio.run`'s
  clean-up) cancels them in set order: such tasks append to a list and the
  block prints it sorted;
- reprs that contain addresses or file paths (tasks, coroutines, objects).
Delays come from a small set (0, 0.1, 0.25, 0.5, 1, 1.5) so that sums tie.
"""

import argparse
import os
import random
import subprocess
import sys

DELAYS = [0, 0.1, 0.25, 0.5, 1, 1.5]
POSITIVE = [0.1, 0.25, 0.5, 1, 1.5]
WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"]
EXCEPTIONS = [
    ('ValueError("bad value {k}")', "ValueError"),
    ('KeyError("key{k}")', "KeyError"),
    ('RuntimeError("runtime {k}")', "RuntimeError"),
    ('TypeError("wrong type {k}")', "TypeError"),
    ('ZeroDivisionError("division by zero")', "ZeroDivisionError"),
    ("LookupError({k})", "LookupError"),
]


def fmt_delay(d):
    return repr(d)


class Block:
    """One `async def block_K()`: its body lines (indented by 4) and helpers."""

    def __init__(self, k):
        self.k = k
        self.name = f"block_{k}"
        self.tag = f"b{k}"
        self.lines = []

    def add(self, *lines):
        self.lines.extend(lines)

    def render(self):
        body = self.lines or ["pass"]
        out = [f"async def {self.name}():"]
        out.extend("    " + line if line else "" for line in body)
        return "\n".join(out)


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.uses_types = False

    # -- small random pieces ------------------------------------------------

    def delay(self, positive=False):
        return self.rng.choice(POSITIVE if positive else DELAYS)

    def value(self, k):
        r = self.rng.randrange(7)
        if r == 0:
            return repr(self.rng.randrange(-50, 1000))
        if r == 1:
            return repr(f"{self.rng.choice(WORDS)}-{k}")
        if r == 2:
            return repr([self.rng.randrange(10) for _ in range(self.rng.randrange(4))])
        if r == 3:
            return repr({self.rng.choice(WORDS): self.rng.randrange(100)})
        if r == 4:
            return repr((self.rng.randrange(5), self.rng.choice(WORDS)))
        if r == 5:
            return repr(self.rng.choice([None, True, False, 2.5, 0.1]))
        return f"{self.rng.randrange(1, 9)} * {self.rng.randrange(1, 99)}"

    def exception(self, k):
        template, name = self.rng.choice(EXCEPTIONS)
        return template.replace("{k}", str(k)), name

    def maybe_name(self, label):
        """`, name="..."` half of the time (create_task's name=)."""
        if self.rng.random() < 0.5:
            return f', name="{label}"'
        return ""

    def spawn(self, coro, label):
        """An expression creating a task, in one of CPython's three ways."""
        r = self.rng.randrange(6)
        if r == 0:
            return f"asyncio.ensure_future({coro})"
        if r == 1:
            return f'asyncio.get_running_loop().create_task({coro}, name="{label}")'
        return f"asyncio.create_task({coro}{self.maybe_name(label)})"

    # -- blocks -------------------------------------------------------------

    def block_sequential(self, b):
        t = b.tag
        b.add(f'print("{t}: sequential awaits")')
        names = []
        for i in range(self.rng.randrange(1, 4)):
            v = f"{t}_r{i}"
            names.append(v)
            b.add(f'{v} = await work("{t}.s{i}", {fmt_delay(self.delay())}, {self.value(i)})')
        b.add(f'print(f"{t}: results", {", ".join(names)}, "at", now())')

    def block_create_task(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        b.add(f'print("{t}: create_task")')
        for i in range(n):
            b.add(
                f"{t}_t{i} = "
                + self.spawn(f'work("{t}.t{i}", {fmt_delay(self.delay())}, {self.value(i)})', f"{t}-t{i}")
            )
        b.add(f'print("{t}: names", [{", ".join(f"{t}_t{i}.get_name()" for i in range(n))}])')
        order = list(range(n))
        self.rng.shuffle(order)
        for i in order:
            b.add(f'print("{t}: awaited t{i} ->", await {t}_t{i}, "done:", {t}_t{i}.done(), now())')
        if self.rng.random() < 0.5:
            b.add(f'print("{t}: current task", asyncio.current_task().get_name())')

    def block_gather(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        ret_exc = self.rng.random() < 0.5
        parts = []
        longest = 0
        for i in range(n):
            d = self.delay()
            longest = max(longest, d)
            if self.rng.random() < 0.3:
                exc, _ = self.exception(i)
                parts.append(f'fail("{t}.g{i}", {fmt_delay(d)}, {exc})')
            elif self.rng.random() < 0.2:
                parts.append(f'walk("{t}.g{i}", [{fmt_delay(d)}, {fmt_delay(self.delay())}], {self.value(i)})')
                longest = max(longest, d + 1.5)
            else:
                parts.append(f'work("{t}.g{i}", {fmt_delay(d)}, {self.value(i)})')
        b.add(f'print("{t}: gather return_exceptions={ret_exc}")')
        b.add("try:")
        b.add(f"    {t}_res = await asyncio.gather({', '.join(parts)}, return_exceptions={ret_exc})")
        if self.rng.random() < 0.5:
            b.add(f'    print("{t}: gathered", {t}_res, now())')
        else:
            b.add(f"    for {t}_i, {t}_x in enumerate({t}_res):")
            b.add(f"        if isinstance({t}_x, BaseException):")
            b.add(f'            print(f"{t}: #{{{t}_i}} failed: {{type({t}_x).__name__}}: {{{t}_x}}")')
            b.add("        else:")
            b.add(f'            print(f"{t}: #{{{t}_i}} = {{{t}_x!r}}")')
        b.add("except Exception as e:")
        b.add(f'    print("{t}: gather raised", type(e).__name__, e, "at", now())')
        # Let the children that gather did not cancel finish inside the block.
        b.add(f"await asyncio.sleep({fmt_delay(longest + 0.5)})")

    def block_wait(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        mode = self.rng.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"])
        timeout = self.rng.choice([None, None, 0.25, 0.5, 1, 1.5])
        b.add(f'print("{t}: wait {mode} timeout={timeout}")')
        items = []
        for i in range(n):
            d = self.delay()
            if self.rng.random() < 0.3:
                exc, _ = self.exception(i)
                coro = f'fail("{t}.w{i}", {fmt_delay(d)}, {exc})'
            else:
                coro = f'work("{t}.w{i}", {fmt_delay(d)}, {self.value(i)})'
            items.append(f'asyncio.create_task({coro}, name="{t}-w{i}")')
        b.add(f"{t}_tasks = [{', '.join(items)}]")
        timeout_arg = "" if timeout is None else f", timeout={timeout}"
        b.add(f"{t}_done, {t}_pending = await asyncio.wait({t}_tasks, return_when=asyncio.{mode}{timeout_arg})")
        b.add(
            f'print("{t}: done", sorted(x.get_name() for x in {t}_done), '
            f'"pending", sorted(x.get_name() for x in {t}_pending), "at", now())'
        )
        b.add(f"for {t}_x in {t}_tasks:")
        b.add(f"    if {t}_x in {t}_done:")
        b.add(f"        if {t}_x.exception() is not None:")
        b.add(f'            print("{t}:", {t}_x.get_name(), "raised", repr({t}_x.exception()))')
        b.add("        else:")
        b.add(f'            print("{t}:", {t}_x.get_name(), "returned", {t}_x.result())')
        b.add(f"    else:")
        b.add(f'        print("{t}:", {t}_x.get_name(), "cancel() ->", {t}_x.cancel())')
        b.add(f"{t}_all = await asyncio.gather(*{t}_tasks, return_exceptions=True)")
        b.add(f'print("{t}: finally", [type(x).__name__ for x in {t}_all], now())')

    def block_wait_for(self, b):
        t = b.tag
        d = self.delay(positive=True)
        timeout = self.rng.choice([d, d, 0.25, 0.5, 1, 1.5, 0])
        b.add(f'print("{t}: wait_for delay={d} timeout={timeout}")')
        target = self.rng.randrange(3)
        if target == 0:
            b.add("try:")
            b.add(f'    {t}_r = await asyncio.wait_for(work("{t}.inner", {d}, {self.value(0)}), timeout={timeout})')
            b.add(f'    print("{t}: got", {t}_r, "at", now())')
            b.add("except asyncio.TimeoutError as e:")
            b.add(f'    print("{t}: timed out", type(e).__name__, repr(str(e)), "at", now())')
        else:
            b.add(f'{t}_task = asyncio.create_task(work("{t}.inner", {d}, {self.value(0)}), name="{t}-inner")')
            if target == 2:
                b.add("await asyncio.sleep(0)")
            b.add("try:")
            b.add(f"    {t}_r = await asyncio.wait_for({t}_task, {timeout})")
            b.add(f'    print("{t}: got", {t}_r, "at", now())')
            b.add("except TimeoutError:")
            b.add(f'    print("{t}: timeout; task cancelled:", {t}_task.cancelled(), "at", now())')

    def block_as_completed(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        timeout = self.rng.choice([None, None, None, 0.5, 1])
        items = []
        for i in range(n):
            d = self.delay()
            if self.rng.random() < 0.25:
                exc, _ = self.exception(i)
                items.append(f'asyncio.create_task(fail("{t}.c{i}", {fmt_delay(d)}, {exc}))')
            else:
                items.append(f'asyncio.create_task(work("{t}.c{i}", {fmt_delay(d)}, {self.value(i)}))')
        b.add(f'print("{t}: as_completed timeout={timeout}")')
        b.add(f"{t}_tasks = [{', '.join(items)}]")
        timeout_arg = "" if timeout is None else f", timeout={timeout}"
        b.add("try:")
        b.add(f"    for {t}_i, {t}_f in enumerate(asyncio.as_completed({t}_tasks{timeout_arg})):")
        b.add("        try:")
        b.add(f'            print("{t}: next", {t}_i, await {t}_f, "at", now())')
        b.add("        except (ValueError, KeyError, RuntimeError, TypeError, ZeroDivisionError, LookupError) as e:")
        b.add(f'            print("{t}: next", {t}_i, "raised", type(e).__name__, e)')
        b.add("except asyncio.TimeoutError:")
        b.add(f'    print("{t}: as_completed timed out at", now())')
        b.add(f"for {t}_x in {t}_tasks:")
        b.add(f"    {t}_x.cancel()")
        b.add(f"{t}_all = await asyncio.gather(*{t}_tasks, return_exceptions=True)")
        b.add(f'print("{t}: all", [type(x).__name__ for x in {t}_all])')

    def block_shield(self, b):
        t = b.tag
        d = self.delay(positive=True)
        b.add(f'{t}_inner = asyncio.create_task(work("{t}.inner", {d}, {self.value(0)}), name="{t}-inner")')
        if self.rng.random() < 0.5:
            timeout = self.rng.choice([0.1, 0.25, 0.5, 1, d])
            b.add(f'print("{t}: wait_for(shield(inner)) timeout={timeout}")')
            b.add("try:")
            b.add(f"    {t}_r = await asyncio.wait_for(asyncio.shield({t}_inner), timeout={timeout})")
            b.add(f'    print("{t}: in time", {t}_r, now())')
            b.add("except asyncio.TimeoutError:")
            b.add(f'    print("{t}: outer timed out at", now(), "inner cancelled:", {t}_inner.cancelled())')
            b.add(f'    print("{t}: inner still gives", await {t}_inner, "at", now())')
        else:
            wait = self.rng.choice([0, 0.1, 0.25, 0.5])
            b.add(f'print("{t}: cancelling a task that awaits shield(inner)")')
            b.add(f"async def {t}_waiter():")
            b.add("    try:")
            b.add(f"        return await asyncio.shield({t}_inner)")
            b.add("    except asyncio.CancelledError:")
            b.add(f'        print("{t}: waiter cancelled at", now())')
            b.add("        raise")
            b.add(f'{t}_w = asyncio.create_task({t}_waiter(), name="{t}-waiter")')
            b.add(f"await asyncio.sleep({wait})")
            b.add(f'print("{t}: cancel ->", {t}_w.cancel())')
            b.add("try:")
            b.add(f'    print("{t}: waiter returned", await {t}_w)')
            b.add("except asyncio.CancelledError:")
            b.add(f'    print("{t}: waiter cancelled:", {t}_w.cancelled(), "inner done:", {t}_inner.done())')
            b.add(f'print("{t}: inner result", await {t}_inner, "at", now())')

    def block_timeout(self, b):
        t = b.tag
        d = self.delay()
        limit = self.rng.choice([0.1, 0.25, 0.5, 1, d, None])
        at = limit is not None and self.rng.random() < 0.3
        b.add(f'print("{t}: async with timeout {limit} around {d}")')
        cm = f"asyncio.timeout_at(asyncio.get_running_loop().time() + {limit})" if at else f"asyncio.timeout({limit})"
        b.add("try:")
        b.add(f"    async with {cm} as {t}_cm:")
        b.add(f'        {t}_r = await work("{t}.body", {fmt_delay(d)}, {self.value(0)})')
        if self.rng.random() < 0.4:
            b.add(f'        await work("{t}.more", {fmt_delay(self.delay())}, 0)')
        b.add(f'    print("{t}: finished with", {t}_r, "expired:", {t}_cm.expired())')
        b.add("except TimeoutError as e:")
        b.add(f'    print("{t}: TimeoutError at", now(), type(e).__name__, "expired:", {t}_cm.expired())')

    def block_taskgroup(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        failing = self.rng.random() < 0.5
        b.add(f'print("{t}: TaskGroup failing={failing}")')
        b.add(f"{t}_cancelled = []")
        b.add(f"async def {t}_child(label, delay, result):")
        b.add("    try:")
        b.add("        await asyncio.sleep(delay)")
        b.add("    except asyncio.CancelledError:")
        b.add(f"        {t}_cancelled.append(label)")
        b.add("        raise")
        b.add(f'    print(f"{t}: {{label}} done at {{now()}}")')
        b.add("    return result")
        fail_at = self.rng.randrange(n) if failing else -1
        handler = self.rng.choice(["star", "group"])
        b.add("try:")
        b.add(f"    async with asyncio.TaskGroup() as {t}_tg:")
        for i in range(n):
            d = self.delay()
            if i == fail_at:
                exc, name = self.exception(i)
                b.add(f'        {t}_x{i} = {t}_tg.create_task(fail("{t}.f{i}", {fmt_delay(d)}, {exc}))')
            else:
                b.add(f'        {t}_x{i} = {t}_tg.create_task({t}_child("{t}.c{i}", {fmt_delay(d)}, {self.value(i)}){self.maybe_name(f"{t}-c{i}")})')
        b.add(f'        print("{t}: body ends at", now())')
        b.add(f'    print("{t}: results", [{", ".join(f"{t}_x{i}.result()" for i in range(n))}])')
        if handler == "star":
            b.add("except* (ValueError, KeyError, LookupError) as eg:")
            b.add(f'    print("{t}: except* lookup/value:", [repr(e) for e in eg.exceptions])')
            b.add("except* Exception as eg:")
            b.add(f'    print("{t}: except* other:", type(eg).__name__, [repr(e) for e in eg.exceptions])')
        else:
            b.add("except ExceptionGroup as eg:")
            b.add(f'    print("{t}: group", eg.message, "|", len(eg.exceptions), [type(e).__name__ for e in eg.exceptions])')
        b.add(f'print("{t}: cancelled children", sorted({t}_cancelled), "at", now())')

    def block_queue(self, b):
        t = b.tag
        maxsize = self.rng.choice([0, 1, 2, 3])
        n_items = self.rng.randrange(2, 7)
        n_cons = self.rng.randrange(1, 4)
        put_d = self.rng.choice([0, 0.1, 0.25, 0.5])
        get_d = self.rng.choice([0, 0.1, 0.25, 0.5, 1])
        b.add(f'print("{t}: Queue maxsize={maxsize} items={n_items} consumers={n_cons}")')
        b.add(f"{t}_q = asyncio.Queue(maxsize={maxsize})")
        b.add(f"async def {t}_producer():")
        b.add(f"    for i in range({n_items}):")
        b.add(f'        await {t}_q.put(f"{t}-item{{i}}")')
        b.add(f'        print(f"{t}: put {{i}} qsize={{{t}_q.qsize()}} full={{{t}_q.full()}} at {{now()}}")')
        if put_d:
            b.add(f"        await asyncio.sleep({put_d})")
        b.add(f"async def {t}_consumer(label):")
        b.add("    while True:")
        b.add(f"        item = await {t}_q.get()")
        b.add(f'        print(f"{t}: {{label}} got {{item}} at {{now()}}")')
        if get_d:
            b.add(f"        await asyncio.sleep({get_d})")
        b.add(f"        {t}_q.task_done()")
        b.add(f'{t}_cons = [asyncio.create_task({t}_consumer(f"c{{k}}")) for k in range({n_cons})]')
        if self.rng.random() < 0.5:
            b.add(f"await {t}_producer()")
        else:
            b.add(f'{t}_prod = asyncio.create_task({t}_producer(), name="{t}-producer")')
            b.add(f"await {t}_prod")
        b.add(f'print("{t}: produced all at", now(), "qsize", {t}_q.qsize(), "empty", {t}_q.empty())')
        b.add(f"await {t}_q.join()")
        b.add(f'print("{t}: joined at", now(), "empty", {t}_q.empty())')
        b.add(f"for {t}_c in {t}_cons:")
        b.add(f"    {t}_c.cancel()")
        b.add(f"{t}_res = await asyncio.gather(*{t}_cons, return_exceptions=True)")
        b.add(f'print("{t}: consumers", [type(x).__name__ for x in {t}_res])')

    def block_queue_nowait(self, b):
        t = b.tag
        maxsize = self.rng.choice([1, 2, 3])
        n = maxsize + self.rng.randrange(0, 3)
        b.add(f'print("{t}: put_nowait/get_nowait maxsize={maxsize}")')
        b.add(f"{t}_q = asyncio.Queue({maxsize})")
        b.add(f"for {t}_i in range({n}):")
        b.add("    try:")
        b.add(f"        {t}_q.put_nowait({t}_i * 10)")
        b.add(f'        print("{t}: put_nowait", {t}_i, "qsize", {t}_q.qsize(), "full", {t}_q.full())')
        b.add("    except asyncio.QueueFull as e:")
        b.add(f'        print("{t}: QueueFull at", {t}_i, type(e).__name__, repr(str(e)))')
        b.add("while True:")
        b.add("    try:")
        b.add(f'        print("{t}: get_nowait", {t}_q.get_nowait(), "empty", {t}_q.empty())')
        b.add(f"        {t}_q.task_done()")
        b.add("    except asyncio.QueueEmpty:")
        b.add(f'        print("{t}: QueueEmpty")')
        b.add("        break")
        if self.rng.random() < 0.5:
            b.add("try:")
            b.add(f"    {t}_q.task_done()")
            b.add("except ValueError as e:")
            b.add(f'    print("{t}: task_done", type(e).__name__, e)')
        b.add(f"await {t}_q.join()")
        b.add(f'print("{t}: join returns at once at", now())')

    def block_lock(self, b):
        t = b.tag
        n = self.rng.randrange(2, 5)
        b.add(f'print("{t}: Lock with {n} tasks")')
        b.add(f"{t}_lock = asyncio.Lock()")
        b.add(f"async def {t}_user(label, before, hold):")
        b.add("    await asyncio.sleep(before)")
        b.add(f'    print(f"{t}: {{label}} wants the lock, locked={{{t}_lock.locked()}} at {{now()}}")')
        if self.rng.random() < 0.5:
            b.add(f"    async with {t}_lock:")
            b.add(f'        print(f"{t}: {{label}} holds the lock at {{now()}}")')
            b.add("        await asyncio.sleep(hold)")
        else:
            b.add(f"    await {t}_lock.acquire()")
            b.add("    try:")
            b.add(f'        print(f"{t}: {{label}} acquired at {{now()}}")')
            b.add("        await asyncio.sleep(hold)")
            b.add("    finally:")
            b.add(f"        {t}_lock.release()")
        b.add(f'    print(f"{t}: {{label}} released at {{now()}}")')
        b.add("    return label")
        args = ", ".join(
            f'{t}_user("u{i}", {fmt_delay(self.rng.choice([0, 0, 0.1, 0.25]))}, {fmt_delay(self.delay())})'
            for i in range(n)
        )
        b.add(f'print("{t}: order", await asyncio.gather({args}), "locked", {t}_lock.locked())')
        if self.rng.random() < 0.3:
            b.add("try:")
            b.add(f"    {t}_lock.release()")
            b.add("except RuntimeError as e:")
            b.add(f'    print("{t}: release unlocked:", e)')

    def block_event(self, b):
        t = b.tag
        n = self.rng.randrange(1, 4)
        d = self.delay()
        b.add(f'print("{t}: Event with {n} waiters")')
        b.add(f"{t}_ev = asyncio.Event()")
        b.add(f"async def {t}_waiter(label):")
        b.add(f'    print(f"{t}: {{label}} waits, set={{{t}_ev.is_set()}}")')
        b.add(f"    await {t}_ev.wait()")
        b.add(f'    print(f"{t}: {{label}} woke at {{now()}}")')
        b.add("    return label.upper()")
        b.add(f'{t}_ws = [asyncio.create_task({t}_waiter(f"w{{i}}")) for i in range({n})]')
        b.add(f"await asyncio.sleep({fmt_delay(d)})")
        b.add(f'print("{t}: set at", now())')
        b.add(f"{t}_ev.set()")
        if self.rng.random() < 0.3:
            b.add(f"{t}_ev.clear()")
            b.add(f'print("{t}: cleared at once, waiters still wake")')
        b.add(f'print("{t}: waiters return", await asyncio.gather(*{t}_ws))')
        b.add(f'print("{t}: wait on a set event:", await {t}_ev.wait() if {t}_ev.is_set() else "not set")')

    def block_semaphore(self, b):
        t = b.tag
        k = self.rng.randrange(1, 3)
        n = self.rng.randrange(2, 5)
        bounded = self.rng.random() < 0.3
        cls = "BoundedSemaphore" if bounded else "Semaphore"
        b.add(f'print("{t}: {cls}({k}) with {n} tasks")')
        b.add(f"{t}_sem = asyncio.{cls}({k})")
        b.add(f"async def {t}_job(label, hold):")
        b.add(f"    async with {t}_sem:")
        b.add(f'        print(f"{t}: {{label}} in at {{now()}} locked={{{t}_sem.locked()}}")')
        b.add("        await asyncio.sleep(hold)")
        b.add(f'    print(f"{t}: {{label}} out at {{now()}}")')
        args = ", ".join(f'{t}_job("j{i}", {fmt_delay(self.delay())})' for i in range(n))
        b.add(f"await asyncio.gather({args})")
        if bounded:
            b.add("try:")
            b.add(f"    {t}_sem.release()")
            b.add("except ValueError as e:")
            b.add(f'    print("{t}: release:", e)')

    def block_callbacks(self, b):
        t = b.tag
        b.add(f'print("{t}: loop callbacks at", now())')
        b.add(f"{t}_loop = asyncio.get_running_loop()")
        longest = 0
        for i in range(self.rng.randrange(2, 6)):
            r = self.rng.randrange(4)
            if r == 0:
                b.add(f'{t}_loop.call_soon(print, "{t}: call_soon {i}")')
            elif r == 1:
                d = self.delay()
                longest = max(longest, d)
                b.add(f'{t}_loop.call_later({fmt_delay(d)}, lambda: print("{t}: call_later {d} ran at", now()))')
            elif r == 2:
                d = self.delay()
                longest = max(longest, d)
                b.add(f'{t}_loop.call_at({t}_loop.time() + {fmt_delay(d)}, print, "{t}: call_at +{d}")')
            else:
                d = self.delay(positive=True)
                b.add(f'{t}_h{i} = {t}_loop.call_later({fmt_delay(d)}, print, "{t}: never printed")')
                b.add(f"{t}_h{i}.cancel()")
                b.add(f'print("{t}: handle {i} cancelled:", {t}_h{i}.cancelled())')
        b.add(f"await asyncio.sleep({fmt_delay(longest)})")
        b.add(f'print("{t}: slept until", now())')
        b.add("await asyncio.sleep(0)")

    def block_future(self, b):
        t = b.tag
        d = self.delay()
        b.add(f'print("{t}: a future set from a callback")')
        b.add(f"{t}_loop = asyncio.get_running_loop()")
        b.add(f"{t}_fut = {t}_loop.create_future()")
        b.add(f'{t}_fut.add_done_callback(lambda f: print("{t}: done callback, cancelled:", f.cancelled()))')
        kind = self.rng.randrange(3)
        if kind == 0:
            b.add(f"{t}_loop.call_later({fmt_delay(d)}, {t}_fut.set_result, {self.value(0)})")
        elif kind == 1:
            exc, _ = self.exception(0)
            b.add(f"{t}_loop.call_later({fmt_delay(d)}, {t}_fut.set_exception, {exc})")
        else:
            b.add(f"{t}_loop.call_later({fmt_delay(d)}, {t}_fut.cancel)")
        b.add(f'print("{t}: done?", {t}_fut.done())')
        b.add("try:")
        b.add(f"    {t}_fut.result()")
        b.add("except asyncio.InvalidStateError as e:")
        b.add(f'    print("{t}:", type(e).__name__, e)')
        b.add("try:")
        b.add(f'    print("{t}: awaited", await {t}_fut, "at", now())')
        b.add("except asyncio.CancelledError:")
        b.add(f'    print("{t}: the future was cancelled", {t}_fut.cancelled())')
        b.add("except Exception as e:")
        b.add(f'    print("{t}: the future raised", type(e).__name__, e, "at", now())')
        if self.rng.random() < 0.5:
            b.add("try:")
            b.add(f"    {t}_fut.set_result(1)")
            b.add("except asyncio.InvalidStateError as e:")
            b.add(f'    print("{t}: set again:", e)')
        b.add("await asyncio.sleep(0)")

    def block_cancel(self, b):
        t = b.tag
        swallow = self.rng.random() < 0.3
        wait = self.rng.choice([None, 0, 0.1, 0.5, 1])
        msg = self.rng.choice([None, None, '"stop it"'])
        b.add(f'print("{t}: cancel a task (swallow={swallow}, after {wait})")')
        b.add(f"async def {t}_victim():")
        b.add("    try:")
        b.add(f'        print("{t}: victim starts at", now())')
        b.add("        await asyncio.sleep(5)")
        b.add(f'        print("{t}: victim not cancelled?")')
        b.add("    except asyncio.CancelledError as e:")
        b.add(f'        print("{t}: victim got CancelledError", e.args, "at", now())')
        if swallow:
            b.add('        return "swallowed"')
        else:
            b.add("        raise")
        b.add("    finally:")
        b.add(f'        print("{t}: victim cleanup")')
        b.add('    return "normal"')
        b.add(f'{t}_task = asyncio.create_task({t}_victim(), name="{t}-victim")')
        if wait is not None:
            b.add(f"await asyncio.sleep({wait})")
        b.add(f'print("{t}: cancel() ->", {t}_task.cancel({msg or ""}))')
        b.add("try:")
        b.add(f'    print("{t}: result", await {t}_task, "cancelled()", {t}_task.cancelled())')
        b.add("except asyncio.CancelledError as e:")
        b.add(f'    print("{t}: awaiting raised CancelledError", e.args, {t}_task.cancelled(), {t}_task.done())')
        b.add(f'print("{t}: cancel() again ->", {t}_task.cancel())')

    def block_exceptions(self, b):
        t = b.tag
        b.add(f'print("{t}: exceptions in coroutines")')
        exc, name = self.exception(0)
        b.add("try:")
        b.add(f'    await fail("{t}.direct", {fmt_delay(self.delay())}, {exc})')
        b.add(f"except {name} as e:")
        b.add(f'    print("{t}: caught", type(e).__name__, e)')
        errors = [
            ("1 / 0", "ZeroDivisionError"),
            ("[1, 2, 3][5]", "IndexError"),
            ('{"a": 1}["b"]', "KeyError"),
            ('int("twelve")', "ValueError"),
            ('"x" + 1', "TypeError"),
            ("None.attribute", "AttributeError"),
            ("10 % 0", "ZeroDivisionError"),
        ]
        expr, ename = self.rng.choice(errors)
        b.add(f"async def {t}_broken():")
        b.add(f"    await asyncio.sleep({fmt_delay(self.delay())})")
        b.add(f"    return {expr}")
        b.add(f'{t}_task = asyncio.create_task({t}_broken(), name="{t}-broken")')
        if self.rng.random() < 0.5:
            b.add(f"await asyncio.wait([{t}_task])")
            b.add(f'print("{t}: task exception", type({t}_task.exception()).__name__, {t}_task.exception())')
        else:
            b.add("try:")
            b.add(f"    await {t}_task")
            b.add(f"except {ename} as e:")
            b.add(f'    print("{t}: task raised", type(e).__name__, e)')
        b.add("try:")
        b.add("    try:")
        b.add(f'        raise KeyError("{t}-inner")')
        b.add("    except KeyError as e:")
        b.add(f'        raise RuntimeError("{t}-outer") from e')
        b.add("except RuntimeError as e:")
        b.add(f'    print("{t}: chained", e, "cause", repr(e.__cause__))')

    def block_nested(self, b):
        t = b.tag
        b.add(f'print("{t}: tasks starting tasks")')
        b.add(f"async def {t}_child(i):")
        b.add(f"    await asyncio.sleep({fmt_delay(self.delay())} * i)")
        b.add(f'    return f"{{asyncio.current_task().get_name()}}:{{i}}"')
        b.add(f"async def {t}_parent(n):")
        b.add(f'    print("{t}: parent", asyncio.current_task().get_name(), "at", now())')
        b.add(f"    kids = [asyncio.create_task({t}_child(i)) for i in range(n)]")
        b.add("    out = []")
        b.add("    for k in kids:")
        b.add("        out.append(await k)")
        b.add("    return out")
        b.add(f'{t}_p = asyncio.create_task({t}_parent({self.rng.randrange(1, 4)}){self.maybe_name(f"{t}-parent")})')
        b.add(f'{t}_q = asyncio.create_task({t}_parent({self.rng.randrange(1, 4)}))')
        b.add(f'print("{t}:", await {t}_p, await {t}_q)')
        b.add(f'print("{t}: dict", {{t.get_name(): len(t.result()) for t in [{t}_p, {t}_q]}})')

    def block_sleep0(self, b):
        t = b.tag
        n = self.rng.randrange(2, 4)
        b.add(f'print("{t}: interleaving with sleep(0)")')
        b.add(f"async def {t}_ping(label, times):")
        b.add("    for i in range(times):")
        b.add(f'        print(f"{t}: {{label}} {{i}}")')
        b.add("        await asyncio.sleep(0)")
        b.add("    return times")
        args = ", ".join(f'{t}_ping("p{i}", {self.rng.randrange(1, 4)})' for i in range(n))
        b.add(f'print("{t}:", await asyncio.gather({args}), "at", now())')

    def block_busy_poll(self, b):
        t = b.tag
        self.uses_types = True
        durations = [self.rng.choice([0.005, 0.01, 0.02, 0.03]) for _ in range(self.rng.randrange(1, 3))]
        b.add(f'print("{t}: busy polling sleep_generator {durations}")')
        b.add(f"async def {t}_poller(label, seconds):")
        b.add(f'    print(f"{t}: {{label}} starts at {{now()}}")')
        b.add("    await sleep_generator(seconds)")
        b.add(f'    print(f"{t}: {{label}} done at {{time.time():.3f}}")')
        b.add("    return label")
        parts = [f'{t}_poller("g{i}", {d})' for i, d in enumerate(durations)]
        if self.rng.random() < 0.5:
            parts.append(f'work("{t}.timer", {self.rng.choice([0.01, 0.02, 0.1])}, "timer")')
        b.add(f'print("{t}:", await asyncio.gather({", ".join(parts)}), "at", f"{{time.time():.3f}}")')

    def block_async_gen(self, b):
        t = b.tag
        n = self.rng.randrange(1, 4)
        d = self.delay()
        b.add(f'print("{t}: async generator and async with")')
        b.add(f"async def {t}_ticks(n):")
        b.add("    for i in range(n):")
        b.add(f"        await asyncio.sleep({fmt_delay(d)})")
        b.add("        yield i * i")
        b.add(f"class {t}_Resource:")
        b.add("    async def __aenter__(self):")
        b.add(f'        print("{t}: enter at", now())')
        b.add("        await asyncio.sleep(0.1)")
        b.add("        return self")
        b.add("    async def __aexit__(self, exc_type, exc, tb):")
        b.add(f'        print("{t}: exit", exc_type.__name__ if exc_type else None)')
        b.add("        return False")
        b.add(f"async with {t}_Resource() as {t}_r:")
        b.add(f"    async for {t}_v in {t}_ticks({n}):")
        b.add(f'        print("{t}: tick", {t}_v, "at", now())')
        b.add(f'print("{t}: comprehension", [v async for v in {t}_ticks({n})], now())')

    def block_blocking_sleep(self, b):
        t = b.tag
        b.add(f'print("{t}: time.sleep blocks the loop")')
        b.add(f'{t}_bg = asyncio.create_task(work("{t}.bg", 0.25, "bg"))')
        b.add("await asyncio.sleep(0)")
        b.add(f"time.sleep({self.rng.choice([0.1, 0.5, 1])})")
        b.add(f'print("{t}: after time.sleep", now())')
        b.add(f'print("{t}:", await {t}_bg, "at", now())')

    BLOCKS = [
        ("block_sequential", 2),
        ("block_create_task", 3),
        ("block_gather", 3),
        ("block_wait", 3),
        ("block_wait_for", 3),
        ("block_as_completed", 2),
        ("block_shield", 2),
        ("block_timeout", 2),
        ("block_taskgroup", 3),
        ("block_queue", 3),
        ("block_queue_nowait", 1),
        ("block_lock", 2),
        ("block_event", 2),
        ("block_semaphore", 2),
        ("block_callbacks", 2),
        ("block_future", 2),
        ("block_cancel", 3),
        ("block_exceptions", 2),
        ("block_nested", 2),
        ("block_sleep0", 1),
        ("block_busy_poll", 1),
        ("block_async_gen", 1),
        ("block_blocking_sleep", 1),
    ]

    def program(self):
        rng = self.rng
        names = [n for n, _ in self.BLOCKS]
        weights = [w for _, w in self.BLOCKS]
        blocks = []
        for k in range(1, rng.randrange(3, 7) + 1):
            kind = rng.choices(names, weights)[0]
            b = Block(k)
            getattr(self, kind)(b)
            blocks.append(b)

        time_fmt = rng.choice(
            [
                'f"{asyncio.get_running_loop().time():.2f}"',
                "round(asyncio.get_running_loop().time(), 3)",
                'f"{asyncio.get_running_loop().time():.3f}"',
            ]
        )
        out = ["import asyncio", "import time"]
        if self.uses_types:
            out.append("import types")
        out += [
            "",
            "",
            "def now():",
            f"    return {time_fmt}",
            "",
            "",
            "async def work(label, delay, result):",
            '    print(f"{label} starts at {now()}")',
            "    await asyncio.sleep(delay)",
            '    print(f"{label} returns {result!r} at {now()}")',
            "    return result",
            "",
            "",
            "async def walk(label, delays, result):",
            "    for d in delays:",
            "        await asyncio.sleep(d)",
            '        print(f"{label} stepped {d} to {now()}")',
            "    return result",
            "",
            "",
            "async def fail(label, delay, exc):",
            '    print(f"{label} starts at {now()}")',
            "    await asyncio.sleep(delay)",
            '    print(f"{label} raises {type(exc).__name__} at {now()}")',
            "    raise exc",
            "",
        ]
        if self.uses_types:
            out += [
                "",
                "@types.coroutine",
                "def sleep_generator(seconds):",
                "    start = time.time()",
                "    while time.time() - start < seconds:",
                "        yield",
                "",
            ]
        for b in blocks:
            out += ["", b.render(), ""]

        # main: the blocks one after the other, a few at once with gather.
        main = ["", "async def main():", '    print("main starts as", asyncio.current_task().get_name())']
        i = 0
        while i < len(blocks):
            if i + 1 < len(blocks) and rng.random() < 0.25:
                main.append(f"    await asyncio.gather({blocks[i].name}(), {blocks[i + 1].name}())")
                i += 2
            else:
                main.append(f"    await {blocks[i].name}()")
                i += 1
        ending = rng.random()
        if ending < 0.08:
            exc, _ = self.exception(99)
            main.append('    print("main raises at", now())')
            main.append(f"    raise {exc}")
        elif ending < 0.14:
            main.append('    await fail("main.last", 0.5, RuntimeError("uncaught at the end"))')
        main.append('    print("main ends at", now())')
        main.append(f"    return {self.value(99)}")
        out += main
        out.append("")
        out.append("")
        if rng.random() < 0.2:
            out.append('print("top-level await returns", await main())')
        else:
            out.append('print("asyncio.run returns", asyncio.run(main()))')
            if rng.random() < 0.1:
                out.append('print("the clock after run:", round(time.time(), 3))')
        return "\n".join(out) + "\n"


def generate(seed, count, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for i in range(count):
        rng = random.Random(f"async-{seed}-{i}")
        text = Generator(rng).program()
        header = f"# gen_async.py --seed {seed}, program {i}\n"
        path = os.path.join(out_dir, f"prog_{i:04d}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(header + text)
        paths.append(path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--check", action="store_true", help="run each program twice under vclock.py")
    args = parser.parse_args()
    paths = generate(args.seed, args.count, args.out)
    if args.check:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.exit(subprocess.call([sys.executable, os.path.join(here, "vclock.py"), "--check", *paths]))


if __name__ == "__main__":
    main()
