#!/usr/bin/env python3
"""The lecture's asyncio cells, run by CPython, as the reference for the page.

The playground re-runs the cells of `seed/000_770691c121774d33.txt` in
Rust/WebAssembly. This module runs the same cells with the real `asyncio` so a
test can check that the page logs its events in the order CPython does.

Each scenario function below is the lecture's cell with three changes only:

* the cell's literals (delays, item counts, periods, maxsize) come from the
  scenario's parameters, named as in `SCENARIOS.md`;
* every `print` becomes an event record ``{"task", "kind", "t"}`` with the task
  ids and event kinds of the catalog; ``t`` is in notebook seconds since start;
* by default (``--clock virtual``) CPython's own event loop runs on the
  virtual clock of `python/tests/reference/vclock.py`: CPython's algorithm on
  an infinitely fast machine, its clock standing still while callbacks run
  and jumping to the next timer, ties in the order the timers were set. So the
  reference is exact and the same on a loaded machine as on an idle one (a
  busy poll advances the clock by 1 ms a spin, vclock.py's rule).
  ``--clock real`` runs on real time instead, a notebook second of sleep
  being ``scale`` real seconds (0.05 by default): then the OS's lateness adds
  up along a chain of sleeps, and a loaded machine can swap events that the
  lecture puts at nearly the same time.

Usage:
    python3 tests/cpython/cells.py SCENARIO '{"delays":[2,1,3]}' [--clock real [--scale 0.05]]
    python3 tests/cpython/cells.py --all [--clock real [--scale 0.05]]

The first prints one JSON object ``{"scenario", "params", "events"}`` (params
with the defaults filled in); ``--all`` runs every parameter set of
`param_sets.json` and prints a JSON list of such objects.

The queue scenarios add ``q`` to each record: the queue size right after the
event, so a test can see that a bounded queue never holds more than maxsize.
"""

import argparse
import asyncio
import json
import math
import os
import sys
import time
import types

DEFAULT_SCALE = 0.05
PARAM_SETS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "param_sets.json")


class Recorder:
    """Turns the lecture's prints into event records on one clock.

    The clock is the loop's own (`loop.time()`, monotonic), started when the
    scenario's main coroutine starts, as the page starts its clock on Run.
    """

    def __init__(self, scale):
        self.scale = scale
        self.events = []
        self._t0 = None

    def start(self):
        self._t0 = asyncio.get_running_loop().time()

    def log(self, task, kind, **extra):
        t = (asyncio.get_running_loop().time() - self._t0) / self.scale
        self.events.append({"task": str(task), "kind": kind, "t": round(t, 4), **extra})

    def s(self, notebook_seconds):
        """Notebook seconds to real seconds for `asyncio.sleep`."""
        return notebook_seconds * self.scale


def letter(i):
    """Task ids of the gather cell: A, B, C, ... as the lecture names them."""
    return chr(ord("A") + i)


# --- coroutine: fetch_data with the types.coroutine busy-waiting generator ---

@types.coroutine
def sleep_generator(seconds):
    # The lecture's generator, with the monotonic clock instead of time.time()
    # (the same clock as the loop; immune to wall-clock jumps). A bare `yield`
    # hands None to the Task, which reschedules itself with call_soon: the task
    # spins through the loop's ready queue until the deadline has passed.
    start_time = time.monotonic()
    while time.monotonic() - start_time < seconds:
        yield


async def coroutine(rec, delays):
    async def fetch_data(task_name, delay):
        rec.log(task_name, "start")          # "Задача N: Начало загрузки данных"
        await sleep_generator(rec.s(delay))
        rec.log(task_name, "done")           # "Задача N: Данные загружены после … секунд"

    async def run_generators():
        rec.start()
        await asyncio.gather(*(fetch_data(i + 1, d) for i, d in enumerate(delays)))

    await run_generators()


# --- gather: asyncio.gather(task("A", 2), task("B", 1), task("C", 3)) ---

async def gather(rec, delays):
    async def task(name, delay):
        rec.log(name, "start")               # "Task A started"
        await asyncio.sleep(rec.s(delay))
        rec.log(name, "finish")              # "Task A finished"

    async def main():
        rec.start()
        await asyncio.gather(*(task(letter(i), d) for i, d in enumerate(delays)))

    await main()


# --- create-task: create_task(process_data(...)), each awaited in order ---

async def create_task(rec, delays):
    async def fetch_data(name, delay):
        rec.log(name, "fetching")            # "Task1: fetching data..."
        await asyncio.sleep(rec.s(delay))
        rec.log(name, "received")            # "Task1: data received!"
        return f"{name}: data"

    async def process_data(name, delay):
        rec.log(name, "processing")          # "Task1: processing data..."
        data = await fetch_data(name, delay)
        rec.log(name, "processed")           # "Task1: processed Task1: data"
        return data

    async def main():
        rec.start()
        tasks = [asyncio.create_task(process_data(i + 1, d)) for i, d in enumerate(delays)]
        for i, t in enumerate(tasks):
            await t                          # print(await taskN)
            rec.log(i + 1, "result")

    await main()


# --- futures-as-completed: Futures set by tasks, as_completed, second sleep ---

async def futures_as_completed(rec, delays):
    async def set_future_result(fut, delay, result):
        task_id = result_ids[result]
        await asyncio.sleep(rec.s(delay))
        fut.set_result(result)
        rec.log(task_id, "set")              # "Future с результатом '…' завершен"
        await asyncio.sleep(rec.s(delay))
        rec.log(task_id, "function-done")    # "Function с результатом '…' завершен"

    async def process_futures(futures):
        for future in asyncio.as_completed(futures):
            result = await future
            rec.log(result_ids[result], "processed")  # "Обработан результат: …"

    # The lecture's result values, mapped back to the id of their future.
    result_ids = {f"Результат {i + 1}": i + 1 for i in range(len(delays))}

    async def main():
        rec.start()
        futs = [asyncio.Future() for _ in delays]
        # print(type(fut1)) and print(type(task1)) are not events.
        tasks = [
            asyncio.create_task(set_future_result(f, d, f"Результат {i + 1}"))
            for i, (f, d) in enumerate(zip(futs, delays))
        ]
        await process_futures(futs)
        await asyncio.gather(*tasks)

    await main()


# --- wait-first: asyncio.wait(..., return_when=FIRST_COMPLETED) ---

async def wait_first(rec, delays):
    short_delay, long_delay = delays

    async def short_task():
        await asyncio.sleep(rec.s(short_delay))
        rec.log("short", "done")             # "Short task done"
        return "short"                       # the lecture's "Short result"

    async def long_task():
        await asyncio.sleep(rec.s(long_delay))
        rec.log("long", "done")              # "Long task done"
        return "long"

    async def main():
        rec.start()
        # The lecture passes the coroutines themselves; asyncio.wait wrapped
        # them with ensure_future in list order (deprecated in 3.11, refused
        # since 3.12). Wrapping them here does the same, without the warning.
        tasks = [asyncio.ensure_future(short_task()), asyncio.ensure_future(long_task())]
        ids = {tasks[0]: "short", tasks[1]: "long"}

        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)

        # `done` and `pending` are sets: when both tasks finish in the same
        # loop pass, their order here is CPython's hash order (both at one t).
        for task in done:
            task.result()                    # print(task.result())
            rec.log(ids[task], "result")
        # The lecture leaves the pending task to asyncio.run, which cancels it
        # on the way out; the catalog makes that visible.
        for task in pending:
            task.cancel()
            rec.log(ids[task], "cancelled")

    await main()


# --- as-completed: as_completed([fetch_data(...)]) ---

async def as_completed(rec, delays):
    async def fetch_data(task_name, delay):
        await asyncio.sleep(rec.s(delay))
        return f"{task_name} data fetched after {delay} seconds"

    async def main():
        rec.start()
        names = [f"Task {i + 1}" for i in range(len(delays))]
        result_ids = {f"{n} data fetched after {d} seconds": i + 1
                      for i, (n, d) in enumerate(zip(names, delays))}
        # Coroutines, as in the lecture: as_completed wraps them in tasks
        # itself (in set order, so ties finish in no promised order).
        tasks = [fetch_data(n, d) for n, d in zip(names, delays)]

        for task in asyncio.as_completed(tasks):
            result = await task
            rec.log(result_ids[result], "result")  # print(result)

    await main()


# --- queue: producer/consumer on an unbounded asyncio.Queue() ---

async def queue(rec, items, produce):
    async def producer(q):
        for i in range(items):
            await asyncio.sleep(rec.s(produce))
            await q.put(f"item-{i}")
            rec.log(f"item-{i}", "produced", q=q.qsize())

    async def consumer(q):
        while True:
            item = await q.get()
            rec.log(item, "consumed", q=q.qsize())
            q.task_done()

    async def main():
        rec.start()
        q = asyncio.Queue()

        producer_task = asyncio.create_task(producer(q))
        consumer_task = asyncio.create_task(consumer(q))

        await producer_task
        await q.join()

        consumer_task.cancel()  # the consumer loops forever

    await main()


# --- bounded-queue: asyncio.Queue(maxsize) with a slow consumer ---

async def bounded_queue(rec, items, produce, consume, maxsize):
    async def limited_producer(q):
        for i in range(items):
            await q.put(f"item-{i}")
            rec.log(f"item-{i}", "produced", q=q.qsize())
            await asyncio.sleep(rec.s(produce))

    async def limited_consumer(q):
        while True:
            item = await q.get()
            rec.log(item, "consumed", q=q.qsize())
            await asyncio.sleep(rec.s(consume))
            q.task_done()

    async def main():
        rec.start()
        q = asyncio.Queue(maxsize=maxsize)

        producer_task = asyncio.create_task(limited_producer(q))
        consumer_task = asyncio.create_task(limited_consumer(q))

        await producer_task
        await q.join()

        consumer_task.cancel()

    await main()


# --- beyond the lecture: the cells of scenarios/lecture/{timeout,gather_errors,lock_event}.py ---

async def timeout(rec, delay, timeout):
    async def slow_operation():
        rec.log("task", "started")                # "Task started"
        try:
            await asyncio.sleep(rec.s(delay))
        except asyncio.CancelledError:
            rec.log("task", "cancelled")          # "Task cancelled"
            raise
        rec.log("task", "done")                   # "Task done after … s"
        return "Task result"

    async def main():
        rec.start()
        try:
            await asyncio.wait_for(slow_operation(), timeout=rec.s(timeout))
            rec.log("main", "result")             # print(result)
        except TimeoutError:
            rec.log("main", "timeout")            # "TimeoutError after … s"

    await main()


async def gather_errors(rec, delays, fail):
    async def work(name, delay, fails):
        await asyncio.sleep(rec.s(delay))
        if fails:
            rec.log(name, "failed")               # "Task B raised ValueError"
            raise ValueError(f"{name} failed")
        rec.log(name, "finished")                 # "Task A finished"
        return f"{name} ok"

    def tasks():
        return [work(letter(i), d, i + 1 == fail) for i, d in enumerate(delays)]

    async def main():
        rec.start()
        try:
            await asyncio.gather(*tasks())
            rec.log("main", "gathered")
        except ValueError:
            rec.log("main", "raised")             # "gather raised ValueError('B failed')"
        await asyncio.sleep(rec.s(max(delays)))
        await asyncio.gather(*tasks(), return_exceptions=True)
        rec.log("main", "results")                # print(results)

    await main()


async def lock_event(rec, holds, set):
    async def worker(lock, name, hold):
        rec.log(name, "waiting")
        async with lock:
            rec.log(name, "acquired")
            await asyncio.sleep(rec.s(hold))
            rec.log(name, "released")

    async def waiter(event, name):
        await event.wait()
        rec.log(name, "woke")

    async def main():
        rec.start()
        lock = asyncio.Lock()
        names = [f"W{i + 1}" for i in range(len(holds))]
        await asyncio.gather(*(worker(lock, n, h) for n, h in zip(names, holds)))
        event = asyncio.Event()
        waiters = [asyncio.create_task(waiter(event, n)) for n in names]
        await asyncio.sleep(rec.s(set))
        rec.log("main", "set")                    # "main sets the event"
        event.set()
        await asyncio.gather(*waiters)

    await main()


# --- catalog ---

def _delays(n_min=1, n_max=8):
    def check(v):
        if not isinstance(v, list) or not (n_min <= len(v) <= n_max):
            raise ValueError(f"delays must be a list of {n_min} to {n_max} numbers")
        for x in v:
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
                raise ValueError(f"delay {x!r} is not a finite number >= 0")
        return v
    return check


def _number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
        raise ValueError(f"{v!r} is not a finite number >= 0")
    return v


def _count(lo, hi):
    def check(v):
        if isinstance(v, bool) or not isinstance(v, int) or not (lo <= v <= hi):
            raise ValueError(f"{v!r} is not an integer from {lo} to {hi}")
        return v
    return check


# id -> (function, {param: (default, validator)}), names and defaults as in SCENARIOS.md
SCENARIOS = {
    "coroutine": (coroutine, {"delays": ([4, 3], _delays())}),
    "gather": (gather, {"delays": ([2, 1, 3], _delays())}),
    "create-task": (create_task, {"delays": ([8, 1, 10], _delays())}),
    "futures-as-completed": (futures_as_completed, {"delays": ([2, 1, 3], _delays())}),
    "wait-first": (wait_first, {"delays": ([1, 3], _delays(2, 2))}),
    "as-completed": (as_completed, {"delays": ([3, 1, 2], _delays())}),
    "queue": (queue, {"items": (5, _count(0, 1000)), "produce": (1, _number)}),
    "timeout": (timeout, {"delay": (2, _number), "timeout": (1, _number)}),
    "gather-errors": (gather_errors, {"delays": ([1, 0.5, 2], _delays()), "fail": (2, _count(0, 8))}),
    "lock-event": (lock_event, {"holds": ([1, 0.5, 1], _delays()), "set": (1, _number)}),
    "bounded-queue": (bounded_queue, {
        "items": (10, _count(0, 1000)),
        "produce": (0.5, _number),
        "consume": (1.5, _number),
        "maxsize": (3, _count(0, 1000)),
    }),
}


def resolve_params(scenario, params=None):
    """The scenario's parameters with defaults filled in; unknown names refused."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
    spec = SCENARIOS[scenario][1]
    params = dict(params or {})
    unknown = sorted(set(params) - set(spec))
    if unknown:
        raise ValueError(f"{scenario}: unknown parameter(s) {unknown}; known: {sorted(spec)}")
    out = {}
    for name, (default, check) in spec.items():
        value = params.get(name, default)
        try:
            out[name] = check(list(value) if isinstance(value, list) else value)
        except ValueError as e:
            raise ValueError(f"{scenario}.{name}: {e}") from None
    return out


REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "tests", "reference")


def virtual_loop_factory():
    """CPython's event loop on the virtual clock (`vclock.py`), installed once."""
    if REFERENCE not in sys.path:
        sys.path.insert(0, REFERENCE)
    import vclock  # noqa: E402 (found only once the path is set)

    if not getattr(vclock, "_cells_installed", False):
        vclock.install_virtual_time()
        vclock.install_marked_sleep0()
        vclock._cells_installed = True
    return vclock.VirtualEventLoop


def run(scenario, params=None, scale=None, clock="virtual"):
    """Run one scenario as `asyncio.run` would; return its JSON object."""
    params = resolve_params(scenario, params)
    fn = SCENARIOS[scenario][0]
    if clock == "virtual":
        rec = Recorder(1.0 if scale is None else scale)
        with asyncio.Runner(loop_factory=virtual_loop_factory()) as runner:
            runner.run(fn(rec, **params))
    else:
        # vclock.py replaces the time module's clocks for the whole process.
        if "vclock" in sys.modules:
            raise ValueError("--clock real cannot follow a virtual run in the same process")
        rec = Recorder(DEFAULT_SCALE if scale is None else scale)
        asyncio.run(fn(rec, **params))
    return {"scenario": scenario, "params": params, "events": rec.events}


def load_param_sets(path=PARAM_SETS_PATH):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def run_all(scale=None, path=PARAM_SETS_PATH, clock="virtual"):
    sets = load_param_sets(path)
    return [run(scenario, p, scale, clock) for scenario, plist in sets.items() for p in plist]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", nargs="?", help="scenario id from SCENARIOS.md")
    ap.add_argument("params", nargs="?", default="{}", help="JSON object of parameters")
    ap.add_argument("--all", action="store_true", help="run every set in param_sets.json")
    ap.add_argument("--list", action="store_true", help="print the scenario ids this file runs")
    ap.add_argument("--clock", choices=["virtual", "real"], default="virtual",
                    help="the virtual clock (exact, the default) or real time")
    ap.add_argument("--scale", type=float, default=None,
                    help=f"with --clock real: real seconds per notebook second (default {DEFAULT_SCALE})")
    args = ap.parse_args(argv)
    if args.scale is not None and not (args.scale > 0 and math.isfinite(args.scale)):
        ap.error("--scale must be a positive number")
    if args.list:
        print("\n".join(SCENARIOS))
        return 0
    try:
        if args.all:
            if args.scenario:
                ap.error("--all takes no scenario")
            out = run_all(args.scale, clock=args.clock)
        else:
            if not args.scenario:
                ap.error("name a scenario or pass --all")
            params = json.loads(args.params)
            if not isinstance(params, dict):
                raise ValueError("params must be a JSON object")
            out = run(args.scenario, params, args.scale, args.clock)
    except (ValueError, json.JSONDecodeError) as e:
        print(f"cells.py: {e}", file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
