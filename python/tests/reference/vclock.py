#!/usr/bin/env python3
"""CPython 3.11 on the playground's virtual clock: the reference `asyncpy` is compared with.

Usage:  python3 vclock.py [--trace] FILE.py [ARGS...]
        python3 vclock.py --check [--verbose] FILE.py...

`--check` is for the program generators: it runs every FILE twice (the second
time with another PYTHONHASHSEED and shifted object addresses, see
VCLOCK_PERTURB below) and reports programs that are not deterministic, do not
finish within 60 s, exit with a status other than 0 or 1, or print fewer than
three lines.

Runs FILE as `python3 FILE.py` runs it, with the notebook conventions of the
playground (top-level `await`, a leading `%%time`, the fake modules in
`fakes/`), on a clock that is a variable instead of the machine's clock.

The clock model (the contract is /work/shared/PYTHON.md, "The clock model"):

* The clock is a float of seconds, 0.0 when the run starts.  `loop.time()`,
  `time.time()`, `time.monotonic()` and `time.perf_counter()` read it (the
  `_ns` variants read `int(clock * 1e9)`); `time.sleep(s)` adds `s` to it
  while nothing else runs.
* The event loop is CPython's own `SelectorEventLoop` and CPython's own
  (C) `Task` and `Future`; only the loop's clock, its selector and the order
  of equal timers are replaced:
  - `_clock_resolution` is 1e-9, so one iteration of `_run_once` takes every
    timer whose deadline is `< now + 1e-9`;
  - the selector never sleeps: when the loop would wait (nothing ready, a
    timer set) it sets the clock to that timer's deadline, the exact float,
    not `now + timeout`;
  - timers of equal deadline run in the order they were set (CPython's heap
    compares only the deadline; a sequence number breaks the tie);
  - a loop that would wait with nothing ready and no timer set waits for
    ever: that is a deadlock.  The run prints to stderr
        asyncpy: deadlock: every task waits and no timer is set
    and exits with status 1 (what was printed before stays printed).
* The busy-poll rule.  A loop iteration is a *spin* when the callbacks it runs
  (the handles that are ready once the due timers have joined the ready
  queue, cancelled ones left out) are all steps of tasks whose coroutine last
  yielded *bare*: a plain `yield` reaching the task (a `@types.coroutine`
  generator's `yield`), other than the one inside `asyncio.sleep(0)` (or any
  `asyncio.sleep(d)` with d <= 0), which counts as an ordinary iteration.  A
  task's first step is not a bare-yield step either.  After a spin the clock
  moves to  min(now + 0.001, D)  where D is the earliest deadline of a timer
  still set (or stays at now if D <= now); with no timer set, to now + 0.001.
  So a program that busy-polls the clock, like the lecture's
        @types.coroutine
        def sleep_generator(seconds):
            start = time.time()
            while time.time() - start < seconds:
                yield
  reaches its deadline in about 1000 iterations per virtual second, and a
  timer set meanwhile is reached exactly, never overshot.  Nothing else moves
  the clock while something is ready.

The notebook conventions (/work/briefs/io.md):

* The module is compiled with `ast.PyCF_ALLOW_TOP_LEVEL_AWAIT`.  If it uses a
  top-level `await`/`async for`/`async with`, its body is a coroutine run by
  `asyncio.run(...)`, so it is the task `Task-1`; otherwise it runs as plain
  Python.
* A first line `%%time` is replaced by an empty line (line numbers stay those
  of the file) and, after the program ran without an uncaught exception, two
  lines are printed as IPython prints them:
        CPU times: user X ms, sys: Y ms, total: Z ms      (real CPU time)
        Wall time: W s                                    (virtual seconds)
  with IPython's `_format_time` (3 significant digits, `s`/`ms`/`µs`/`ns`).
  After an uncaught exception nothing is printed (IPython shows the traceback
  and returns).
* `fakes/` (nest_asyncio, requests, aiohttp, asyncpg) comes first on sys.path,
  then FILE's directory (as `python3 FILE.py` puts it first).
* `random` starts seeded with 0 (`random.seed(0)`), as the interpreter's
  unseeded `random` does, so that programs using it can be compared.

Errors: an uncaught exception prints CPython's traceback to stderr, keeping
only the frames of FILE (asyncio's and this script's frames are left out, so
it reads as if FILE ran alone), then the run exits with status 1 at once (no
interpreter shutdown, so no "Task was destroyed" noise after the traceback).
`SystemExit` exits with its code as `python3` does.

`--trace` prints, instead of the plain output, each printed line as
    [{time:.3f}] {task}: {line}
where time is the clock and task the name of the running asyncio task (`-`
outside any task) when the line's newline is written; a last line without a
newline is printed the same way (with a newline) at the end of the run.
"""

import ast
import asyncio
import asyncio.events
import asyncio.tasks
import heapq
import inspect
import os
import resource
import selectors
import sys
import traceback
import types
import weakref

import time as _time_module

HERE = os.path.dirname(os.path.realpath(__file__))
# The fake modules; fakes/aiohttp.py finds the repository root (for
# static/example/N.txt) from its own path.
FAKES = os.path.join(HERE, "fakes")

DEADLOCK_MESSAGE = "asyncpy: deadlock: every task waits and no timer is set"
SPIN_STEP = 0.001
CLOCK_RESOLUTION = 1e-9


class VirtualClock:
    """The one clock of the run: seconds as a float, 0.0 at the start."""

    def __init__(self):
        self.now = 0.0


CLOCK = VirtualClock()


# --------------------------------------------------------------------------
# The `time` module on the virtual clock.


def _virtual_time():
    return CLOCK.now


def _virtual_time_ns():
    return int(CLOCK.now * 1_000_000_000)


def _virtual_sleep(seconds):
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"'{type(seconds).__name__}' object cannot be interpreted as an integer")
    seconds = float(seconds)
    if seconds != seconds:
        raise ValueError("Invalid value NaN (not a number)")
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    CLOCK.now = CLOCK.now + seconds


def install_virtual_time():
    """Point the time module's clocks at CLOCK (asyncio is imported first)."""
    for name in ("time", "monotonic", "perf_counter"):
        setattr(_time_module, name, _virtual_time)
    for name in ("time_ns", "monotonic_ns", "perf_counter_ns"):
        setattr(_time_module, name, _virtual_time_ns)
    _time_module.sleep = _virtual_sleep


# --------------------------------------------------------------------------
# asyncio.sleep(0): its bare yield is marked so that it is not a spin.

# Tasks whose coroutine is about to yield from inside asyncio.sleep(0).
_SLEEP0_TASKS = weakref.WeakSet()


@types.coroutine
def _marked_sleep0():
    """asyncio.sleep(0)'s bare yield, remembered for the busy-poll rule."""
    task = asyncio.tasks.current_task() if asyncio.events._get_running_loop() else None
    if task is not None:
        _SLEEP0_TASKS.add(task)
    yield


def install_marked_sleep0():
    # `sleep` looks up the module global `__sleep0` when it is called.
    setattr(asyncio.tasks, "__sleep0", _marked_sleep0)


# --------------------------------------------------------------------------
# The loop.


class _OrderedTimerHandle(asyncio.events.TimerHandle):
    """A timer ordered by (deadline, the order it was set)."""

    __slots__ = ("_vseq",)

    def __init__(self, seq, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._vseq = seq

    def _key(self):
        return (self._when, self._vseq)

    def __lt__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() < other._key()
        return super().__lt__(other)

    def __le__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() <= other._key()
        return super().__le__(other)

    def __gt__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() > other._key()
        return super().__gt__(other)

    def __ge__(self, other):
        if isinstance(other, _OrderedTimerHandle):
            return self._key() >= other._key()
        return super().__ge__(other)


class _StepHandle(asyncio.events.Handle):
    """A ready callback that is a task's step; `_vspin` if it follows a bare yield."""

    __slots__ = ("_vspin",)

    def __init__(self, spin, callback, args, loop, context=None):
        super().__init__(callback, args, loop, context)
        self._vspin = spin


def _deadlock():
    flush_output()
    sys.stderr.write(DEADLOCK_MESSAGE + "\n")
    sys.stderr.flush()
    os._exit(1)


class VirtualSelector(selectors.DefaultSelector):
    """A selector that never sleeps: waiting moves the clock instead."""

    loop = None

    def select(self, timeout=None):
        # Real file descriptors (the loop's self-pipe) are polled, never waited on.
        events = super().select(0)
        if events or timeout == 0:
            return events
        loop = self.loop
        if timeout is None:
            _deadlock()
        # The loop would sleep until its earliest timer: go there exactly.
        scheduled = loop._scheduled if loop is not None else []
        if scheduled:
            when = scheduled[0]._when
            if when > CLOCK.now:
                CLOCK.now = when
        return events


class VirtualEventLoop(asyncio.SelectorEventLoop):
    """CPython's SelectorEventLoop on CLOCK, with FIFO ties and the busy-poll rule."""

    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = CLOCK_RESOLUTION
        self._vtimer_seq = 0
        self._vstarted = weakref.WeakSet()

    def time(self):
        return CLOCK.now

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at with a timer that remembers when it was set.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        self._vtimer_seq += 1
        timer = _OrderedTimerHandle(self._vtimer_seq, when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def _call_soon(self, callback, args, context):
        if type(callback).__name__ != "TaskStepMethWrapper":
            return super()._call_soon(callback, args, context)
        # A C Task schedules its step: first step, after a bare yield, or
        # after asyncio.sleep(0)'s yield.
        task = callback.__self__
        if task not in self._vstarted:
            self._vstarted.add(task)
            spin = False
        elif task in _SLEEP0_TASKS:
            _SLEEP0_TASKS.discard(task)
            spin = False
        else:
            spin = True
        handle = _StepHandle(spin, callback, args, self, context)
        if handle._source_traceback:
            del handle._source_traceback[-1]
        self._ready.append(handle)
        return handle

    def _is_spin_iteration(self):
        ran_any = False
        for handle in self._ready:
            if handle._cancelled:
                continue
            if not (isinstance(handle, _StepHandle) and handle._vspin):
                return False
            ran_any = True
        if not ran_any:
            return False
        end_time = CLOCK.now + self._clock_resolution
        for timer in self._scheduled:
            if not timer._cancelled and timer._when < end_time:
                return False
        return True

    def _run_once(self):
        spin = self._is_spin_iteration()
        super()._run_once()
        if spin:
            target = CLOCK.now + SPIN_STEP
            for timer in self._scheduled:
                if not timer._cancelled and timer._when < target:
                    target = timer._when
            if target > CLOCK.now:
                CLOCK.now = target


class VirtualEventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualEventLoop


# --------------------------------------------------------------------------
# Output: plain, or traced with the clock and the task.

_REAL_STDOUT = None


class TraceWriter:
    """A text stream that prefixes each completed line with the time and task."""

    def __init__(self, out):
        self._out = out
        self._partial = ""
        self.encoding = out.encoding
        self.errors = out.errors

    def _task_name(self):
        loop = asyncio.events._get_running_loop()
        if loop is None:
            return "-"
        task = asyncio.tasks.current_task(loop)
        return task.get_name() if task is not None else "-"

    def _emit(self, line):
        self._out.write(f"[{CLOCK.now:.3f}] {self._task_name()}: {line}\n")

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        text = self._partial + text
        *lines, self._partial = text.split("\n")
        for line in lines:
            self._emit(line)
        return len(text)

    def finish(self):
        if self._partial:
            line, self._partial = self._partial, ""
            self._emit(line)
        self._out.flush()

    def flush(self):
        self._out.flush()

    def isatty(self):
        return False

    def writable(self):
        return True


def flush_output():
    out = sys.stdout
    if isinstance(out, TraceWriter):
        out.finish()
    else:
        try:
            out.flush()
        except Exception:
            pass
    if _REAL_STDOUT is not None:
        _REAL_STDOUT.flush()


# --------------------------------------------------------------------------
# %%time, as IPython prints it.


def format_timespan(timespan, precision=3):
    """IPython's `_format_time` (IPython/core/magics/execution.py), UTF-8 `µs`."""
    import math

    if timespan >= 60.0:
        parts = [("d", 60 * 60 * 24), ("h", 60 * 60), ("min", 60), ("s", 1)]
        pieces = []
        leftover = timespan
        for suffix, length in parts:
            value = int(leftover / length)
            if value > 0:
                leftover = leftover % length
                pieces.append(f"{value}{suffix}")
            if leftover < 1:
                break
        return " ".join(pieces)
    units = ["s", "ms", "\xb5s", "ns"]
    scaling = [1, 1e3, 1e6, 1e9]
    if timespan > 0.0:
        order = min(-int(math.floor(math.log10(timespan)) // 3), 3)
    else:
        order = 3
    return "%.*g %s" % (precision, timespan * scaling[order], units[order])


# --------------------------------------------------------------------------
# Tracebacks that show FILE's frames only.


def _keep_file_frames(te, path, seen):
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list(
        [frame for frame in te.stack if frame.filename == path]
    )
    _keep_file_frames(te.__cause__, path, seen)
    _keep_file_frames(te.__context__, path, seen)
    for sub in getattr(te, "exceptions", None) or []:
        _keep_file_frames(sub, path, seen)


def print_uncaught(exc, path):
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
    _keep_file_frames(te, path, set())
    sys.stderr.write("".join(te.format()))
    sys.stderr.flush()


# --------------------------------------------------------------------------
# Running FILE.


_PADDING = []


def _perturb_addresses():
    """For --check: shift where objects land in memory (VCLOCK_PERTURB=seed).

    CPython orders a set of tasks or coroutines by their addresses; a program
    whose output depends on such an order prints differently once the
    allocations before it change.  Allocating and freeing a random number of
    objects of every small size changes them."""
    seed = os.environ.get("VCLOCK_PERTURB")
    if not seed:
        return
    import random

    rng = random.Random(int(seed))
    for size in range(1, 520, 8):
        chunk = [bytes(size) for _ in range(rng.randrange(0, 40))]
        _PADDING.extend(chunk[: len(chunk) // 2])


def _exit_code(exc):
    """What `python3` exits with for SystemExit(exc.code)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def run(path, trace, argv):
    global _REAL_STDOUT
    # The fakes are imported from the source tree: leave no __pycache__ there.
    sys.dont_write_bytecode = True
    path = os.path.abspath(path)
    with open(path, "rb") as f:
        source = f.read()
    timed = False
    first, sep, rest = source.partition(b"\n")
    if first.rstrip(b"\r").strip() == b"%%time":
        timed = True
        source = sep + rest  # an empty first line keeps the line numbers

    # Plain stdout is UTF-8 whatever the locale, as the interpreter's is.
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")
    _REAL_STDOUT = sys.stdout
    if trace:
        sys.stdout = TraceWriter(_REAL_STDOUT)

    sys.argv = [path] + list(argv)
    sys.path[0:1] = [FAKES, os.path.dirname(path)]
    main_module = types.ModuleType("__main__")
    main_module.__file__ = path
    main_module.__builtins__ = __builtins__
    main_module.__cached__ = None
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__

    asyncio.set_event_loop_policy(VirtualEventLoopPolicy())
    install_marked_sleep0()
    install_virtual_time()
    # Unseeded, the interpreter's `random` starts as after random.seed(0).
    import random

    random.seed(0)

    _perturb_addresses()
    status = 0
    usage_start = resource.getrusage(resource.RUSAGE_SELF)
    wall_start = CLOCK.now
    try:
        code = compile(source, path, "exec", ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        if code.co_flags & inspect.CO_COROUTINE:
            asyncio.run(eval(code, namespace))
        else:
            exec(code, namespace)
    except SystemExit as exc:
        flush_output()
        status = _exit_code(exc)
        sys.stderr.flush()
        os._exit(status)
    except BaseException as exc:  # noqa: B902 -- as python3 does, any exception
        flush_output()
        print_uncaught(exc, path)
        os._exit(1)

    if timed:
        usage_end = resource.getrusage(resource.RUSAGE_SELF)
        user = usage_end.ru_utime - usage_start.ru_utime
        system = usage_end.ru_stime - usage_start.ru_stime
        print(
            f"CPU times: user {format_timespan(user)}, sys: {format_timespan(system)}, "
            f"total: {format_timespan(user + system)}"
        )
        print(f"Wall time: {format_timespan(CLOCK.now - wall_start)}")
    flush_output()
    sys.stderr.flush()
    os._exit(status)


# --------------------------------------------------------------------------
# --check: is a program a fair test (deterministic, terminating, talkative)?


def error_summary(stderr):
    """The part of stderr that the differential tests compare after a failure.

    The last line (the exception line); for an exception group, every
    exception line of the group's box (`ExceptionGroup: ...`, `ValueError: x`).
    The Rust tests (tests/common/mod.rs) compute the same.
    """
    lines = stderr.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("  + Exception Group Traceback (most recent call last):"):
            picked = []
            for inner in lines[i + 1 :]:
                stripped = inner.lstrip(" ")
                if stripped.startswith("| ") and not stripped[2:3].isspace():
                    content = stripped[2:]
                    if content and content != "Traceback (most recent call last):":
                        picked.append(content)
            return "\n".join(picked)
    return lines[-1] if lines else ""


def _comparable_stdout(text):
    return "\n".join(line for line in text.split("\n") if not line.startswith("CPU times: "))


def _run_for_check(path, env_extra, timeout):
    import subprocess

    env = dict(os.environ)
    env.update(env_extra)
    try:
        done = subprocess.run(
            [sys.executable, os.path.abspath(__file__), path],
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None
    return (
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def check(paths, jobs=2, timeout=60.0, verbose=False):
    """Run every program twice, the second time with another hash seed and
    shifted object addresses; report what would make it a bad test."""
    import concurrent.futures

    def one(item):
        index, path = item
        first = _run_for_check(path, {"PYTHONHASHSEED": "0"}, timeout)
        second = _run_for_check(
            path, {"PYTHONHASHSEED": str(1000 + index), "VCLOCK_PERTURB": str(index + 1)}, timeout
        )
        problems = []
        if first is None or second is None:
            problems.append("did not finish in time")
        else:
            status, out, err = first
            if first[0] != second[0] or _comparable_stdout(out) != _comparable_stdout(second[1]):
                problems.append("not deterministic (stdout or status differ between runs)")
            elif status != 0 and error_summary(err) != error_summary(second[2]):
                problems.append("not deterministic (the exception differs between runs)")
            if len([line for line in out.split("\n") if line]) < 3:
                problems.append("prints fewer than three lines")
            if status not in (0, 1):
                problems.append(f"exit status {status}")
        return path, first, problems

    bad = 0
    statuses = {}
    lines = 0
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for path, first, problems in pool.map(one, enumerate(paths)):
            if first is not None:
                statuses[first[0]] = statuses.get(first[0], 0) + 1
                lines += first[1].count("\n")
                if verbose and first[0] != 0:
                    print(f"{path}: exit {first[0]}: {error_summary(first[2])}")
            if problems:
                bad += 1
                print(f"{path}: " + "; ".join(problems))
                if first is not None and first[0] not in (0,):
                    print("    " + first[2].rstrip().replace("\n", "\n    "))
    print(
        f"checked {len(paths)} programs, {lines} lines of output, exit statuses {statuses}, "
        f"{bad} bad"
    )
    return 1 if bad else 0


def main():
    args = sys.argv[1:]
    if args and args[0] == "--check":
        verbose = "--verbose" in args
        paths = [a for a in args[1:] if a != "--verbose"]
        sys.exit(check(paths, verbose=verbose))
    trace = False
    if args and args[0] == "--trace":
        trace = True
        args = args[1:]
    if not args or args[0].startswith("-"):
        sys.stderr.write("usage: python3 vclock.py [--trace] FILE.py [ARGS...]\n"
            "       python3 vclock.py --check [--verbose] FILE.py...\n")
        sys.exit(2)
    run(args[0], trace, args[1:])


# Keep this module alive after FILE's module replaces it as sys.modules["__main__"].
_SELF = sys.modules[__name__]

if __name__ == "__main__":
    main()
