#!/usr/bin/env python3
"""The interpreter's part of `make bench` (issue 14): CPU time against CPython
on this machine, side by side in one run, and the interpreter's bytes.

For each workload in python/bench/, CPython (`python3 FILE`) and asyncpy
(`target/release/asyncpy FILE`) run RUNS times each, alternating; the figure
is the least CPU time (user + system) of a child process, the run least
disturbed by the rest of the machine. Both must print the same lines, or the
bench fails: a fast wrong answer is not a figure.

The worker's files in dist/ (trunk builds them with the page; the page loads
them when a program first runs) are weighed raw and gzipped at level 9.

The table is printed and written into docs/PERFORMANCE.md between the
`bench-python` markers. Figures only: no test asserts a time.
"""
import gzip
import os
import platform
import re
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_PYTHON_RUNS", "3"))
ASYNCPY = ROOT / "target" / "release" / "asyncpy"
WORKLOADS = [
    ("compute", "recursive fib(29), a 300,000-step dict loop with f-strings, a 1,000,000-step sum"),
    ("tasks", "100,000 tasks gathered, each sleeping and putting into a Queue"),
]
# The targets of issue 14: asyncpy's CPU time at most this many times CPython's.
TARGETS = {"compute": 2.0, "tasks": 0.5}


def cpu_of(cmd):
    """Runs cmd; returns (CPU seconds of the child, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"bench-python: {' '.join(map(str, cmd))} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stdout


def measure(name):
    program = ROOT / "python" / "bench" / f"{name}.py"
    cpython, ours = [], []
    for _ in range(RUNS):
        c, c_out = cpu_of([sys.executable, program])
        o, o_out = cpu_of([ASYNCPY, program])
        if c_out != o_out:
            sys.exit(f"bench-python: {name}: asyncpy printed\n{o_out}\nCPython printed\n{c_out}")
        cpython.append(c)
        ours.append(o)
    return min(cpython), min(ours)


def weigh(path):
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def main():
    if not ASYNCPY.exists():
        sys.exit("bench-python: target/release/asyncpy is missing: `cargo build --release --bin asyncpy`")
    dist = ROOT / "dist"
    worker = [dist / n for n in ("asyncpy-worker_bg.wasm", "asyncpy-worker.js", "asyncpy-worker_loader.js")]
    missing = [p.name for p in worker if not p.exists()]
    if missing:
        sys.exit(f"bench-python: {', '.join(missing)} missing from dist/: `make bundle`")

    lines = [
        f"Measured {RUNS} times each, alternating, the least CPU time kept; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}.",
        "",
        "| workload | CPython CPU s | asyncpy CPU s | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, what in WORKLOADS:
        print(f"[bench-python] {name}: {what}", file=sys.stderr)
        c, o = measure(name)
        ratio = o / c if c > 0 else float("inf")
        verdict = "met" if ratio <= TARGETS[name] else "**missed**"
        lines.append(
            f"| `{name}.py`: {what} | {c:.2f} | {o:.2f} | {ratio:.2f}× | ≤ {TARGETS[name]}×: {verdict} |"
        )
    lines += ["", "| the interpreter in the page (loaded at the first run) | raw KB | gzip KB |", "| --- | ---: | ---: |"]
    total_raw = total_gz = 0
    for p in worker:
        raw, gz = weigh(p)
        total_raw += raw
        total_gz += gz
        lines.append(f"| `{p.name}` | {raw / 1024:.1f} | {gz / 1024:.1f} |")
    lines.append(f"| **total** | **{total_raw / 1024:.1f}** | **{total_gz / 1024:.1f}** |")
    table = "\n".join(lines)
    print(table)

    doc = ROOT / "docs" / "PERFORMANCE.md"
    text = doc.read_text(encoding="utf-8")
    block = (
        "<!-- bench-python:start (written by `make bench`; do not edit by hand) -->\n"
        + table
        + "\n<!-- bench-python:end -->"
    )
    pattern = re.compile(r"<!-- bench-python:start.*?<!-- bench-python:end -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n## The Python interpreter (issue 14)\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
