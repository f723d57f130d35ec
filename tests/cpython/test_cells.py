"""Checks that cells.py is a faithful reference before anything is compared to it.

Run: python3 -m unittest discover -s tests/cpython

At the defaults, each scenario must print the "default order" of SCENARIOS.md
(the lecture's own output). Most orders are fixed by delays a whole notebook
second apart, but a few cells have two timers due at the same notebook instant
(futures-as-completed at t=2: future 1's first sleep and task 2's second one;
bounded-queue at t=1.5). Which of them the loop sees first depends on how late
the OS wakes it (epoll rounds timeouts up to whole milliseconds), so in a few
percent of runs CPython itself prints the pair the other way round. The test
therefore (a) requires every run to match up to swaps of events less than TIE
notebook seconds apart, and (b) requires the exact lecture order in at least
one of ATTEMPTS runs.
"""

import itertools
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cells  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCALE = 0.05      # the default: ~50 ms per notebook second
FAST = 0.02       # for property checks that do not depend on near-ties
TIE = 0.1         # notebook seconds; same-instant events may swap within this
ATTEMPTS = 5


def _items(spec):
    """'0p 0c 1p' -> [('item-0','produced'), ('item-0','consumed'), ('item-1','produced')]."""
    kinds = {"p": "produced", "c": "consumed"}
    return [(f"item-{w[:-1]}", kinds[w[-1]]) for w in spec.split()]


def _pairs(spec):
    """'A start, B start' -> [('A','start'), ('B','start')]."""
    return [tuple(p.strip().split(" ", 1)) for p in spec.split(",")]


# The "default order" column of SCENARIOS.md, spelled out.
DEFAULT_ORDERS = {
    "coroutine": _pairs("1 start, 2 start, 2 done, 1 done"),
    "gather": _pairs("A start, B start, C start, B finish, A finish, C finish"),
    "create-task": _pairs(
        "1 processing, 1 fetching, 2 processing, 2 fetching, 3 processing, 3 fetching, "
        "2 received, 2 processed, 1 received, 1 processed, 1 result, 2 result, "
        "3 received, 3 processed, 3 result"),
    "futures-as-completed": _pairs(
        "2 set, 2 processed, 1 set, 2 function-done, 1 processed, 3 set, 3 processed, "
        "1 function-done, 3 function-done"),
    "wait-first": _pairs("short done, short result, long cancelled"),
    "as-completed": _pairs("2 result, 3 result, 1 result"),
    "queue": _items("0p 0c 1p 1c 2p 2c 3p 3c 4p 4c"),
    "bounded-queue": _items("0p 0c 1p 2p 1c 3p 4p 2c 5p 3c 6p 4c 7p 5c 8p 6c 9p 7c 8c 9c"),
}


def order(events):
    return [(e["task"], e["kind"]) for e in events]


def swaps_beyond_tie(expected, events, tie=TIE):
    """Pairs that `events` has in the other order than `expected` although
    CPython logged them more than `tie` notebook seconds apart."""
    pos = {key: i for i, key in enumerate(order(events))}
    t = {(e["task"], e["kind"]): e["t"] for e in events}
    bad = []
    for a, b in itertools.combinations(expected, 2):
        if pos[b] < pos[a] and abs(t[a] - t[b]) > tie:
            bad.append((a, b))
    return bad


def est_duration(scenario, p):
    """Notebook seconds a run lasts (an upper bound for the queues)."""
    if scenario == "futures-as-completed":
        return 2 * max(p["delays"])
    if scenario == "wait-first":
        return min(p["delays"])
    if scenario == "queue":
        return p["items"] * p["produce"]
    if scenario == "bounded-queue":
        return max(p["items"] * p["produce"], p["items"] * p["consume"]) + p["produce"] + p["consume"]
    if scenario == "timeout":
        return min(p["delay"], p["timeout"])
    if scenario == "gather-errors":
        return 2 * max(p["delays"]) + min(p["delays"])
    if scenario == "lock-event":
        return sum(p["holds"]) + p["set"]
    return max(p["delays"])


class DefaultOrders(unittest.TestCase):
    def test_each_scenario_prints_the_lecture_order(self):
        for scenario, expected in DEFAULT_ORDERS.items():
            with self.subTest(scenario=scenario):
                seen = []
                for _ in range(ATTEMPTS):
                    events = cells.run(scenario, scale=SCALE)["events"]
                    self.assertEqual(sorted(order(events)), sorted(expected), "not the same events")
                    self.assertEqual(swaps_beyond_tie(expected, events), [],
                                     f"out of order by more than {TIE} s: {order(events)}")
                    seen.append(order(events))
                    if order(events) == expected:
                        break
                self.assertIn(expected, seen, f"never the lecture order in {ATTEMPTS} runs")

    def test_times_are_notebook_seconds(self):
        # gather 2,1,3: starts at 0, finishes at the delays (plus loop latency).
        events = cells.run("gather", scale=SCALE)["events"]
        want = {("A", "start"): 0, ("B", "start"): 0, ("C", "start"): 0,
                ("A", "finish"): 2, ("B", "finish"): 1, ("C", "finish"): 3}
        for e in events:
            self.assertAlmostEqual(e["t"], want[(e["task"], e["kind"])], delta=0.2)

    def test_busy_wait_coroutine_really_spins(self):
        # With the types.coroutine generator the tasks never sleep in the
        # selector, yet finish at their deadlines, shortest first.
        events = cells.run("coroutine", {"delays": [3, 1, 2]}, scale=FAST)["events"]
        done = [e for e in events if e["kind"] == "done"]
        self.assertEqual([e["task"] for e in done], ["2", "3", "1"])
        for e, d in zip(sorted(done, key=lambda e: e["task"]), [3, 1, 2]):
            self.assertGreaterEqual(e["t"], d)


class Properties(unittest.TestCase):
    def test_gather_finishes_sorted_by_delay(self):
        for delays in ([2, 1, 3], [8, 7, 6, 5, 4, 3, 2, 1], [0.5, 3, 1.5, 0, 2]):
            with self.subTest(delays=delays):
                events = cells.run("gather", {"delays": delays}, scale=FAST)["events"]
                starts = [e["task"] for e in events if e["kind"] == "start"]
                finishes = [e["task"] for e in events if e["kind"] == "finish"]
                self.assertEqual(starts, [cells.letter(i) for i in range(len(delays))])
                self.assertEqual(finishes, [cells.letter(i) for i in sorted(range(len(delays)),
                                                                          key=lambda i: delays[i])])
                self.assertEqual(order(events)[:len(delays)], [(s, "start") for s in starts],
                                 "every task starts before any finishes")

    def test_as_completed_yields_by_delay(self):
        for delays in ([3, 1, 2], [5, 8, 1, 4, 7, 2, 6, 3], [0, 1.5, 0.5]):
            with self.subTest(delays=delays):
                events = cells.run("as-completed", {"delays": delays}, scale=FAST)["events"]
                ids = [e["task"] for e in events]
                self.assertEqual(ids, [str(i + 1) for i in sorted(range(len(delays)),
                                                                  key=lambda i: delays[i])])

    def test_bounded_queue_never_holds_more_than_maxsize(self):
        sets = cells.load_param_sets()["bounded-queue"]
        for p in sets:
            p = cells.resolve_params("bounded-queue", p)
            with self.subTest(params=p):
                events = cells.run("bounded-queue", p, scale=FAST)["events"]
                self.assertEqual(len(events), 2 * p["items"])
                for e in events:
                    self.assertGreaterEqual(e["q"], 0)
                    if p["maxsize"]:
                        self.assertLessEqual(e["q"], p["maxsize"], e)
                # An item is consumed only after it was produced, in item order.
                for kind in ("produced", "consumed"):
                    self.assertEqual([e["task"] for e in events if e["kind"] == kind],
                                     [f"item-{i}" for i in range(p["items"])])
                seen = set()
                for task, kind in order(events):
                    if kind == "consumed":
                        self.assertIn(task, seen)
                    seen.add(task)

    def test_bounded_queue_backpressure_at_defaults(self):
        # maxsize=3 and a consumer three times slower: the queue fills up to 3
        # and then the producer can only go as fast as the consumer.
        events = cells.run("bounded-queue", scale=SCALE)["events"]
        self.assertEqual(max(e["q"] for e in events), 3)
        unbounded = cells.run("bounded-queue", {"maxsize": 0}, scale=FAST)["events"]
        self.assertGreater(max(e["q"] for e in unbounded), 3)

    def test_wait_first_cancels_exactly_one(self):
        for delays, first in (([1, 3], "short"), ([3, 1], "long"), ([0, 2], "short"), ([2, 0], "long")):
            with self.subTest(delays=delays):
                events = cells.run("wait-first", {"delays": delays}, scale=SCALE)["events"]
                other = "long" if first == "short" else "short"
                self.assertEqual(order(events), [(first, "done"), (first, "result"), (other, "cancelled")])

    def test_wait_first_same_instant_cancels_nothing(self):
        # Both zero-delay tasks finish in the same loop pass, before wait()
        # returns: `done` holds both and nothing is pending.
        events = cells.run("wait-first", {"delays": [0, 0]}, scale=SCALE)["events"]
        self.assertEqual(sorted(order(events)), sorted([("short", "done"), ("long", "done"),
                                                       ("short", "result"), ("long", "result")]))

    def test_queue_consumes_each_item_right_after_it_is_produced(self):
        events = cells.run("queue", {"items": 4, "produce": 0.5}, scale=FAST)["events"]
        self.assertEqual(order(events), _items("0p 0c 1p 1c 2p 2c 3p 3c"))
        self.assertTrue(all(e["q"] <= 1 for e in events))


class ParamSets(unittest.TestCase):
    def test_param_sets_are_valid_and_short(self):
        sets = cells.load_param_sets()
        # Every cell the lecture printed is among the sets (the scenarios
        # beyond the lecture are checked against their declared order by
        # tests/cpython_orders.rs).
        self.assertLessEqual(set(DEFAULT_ORDERS), set(sets))
        self.assertEqual(set(sets), set(cells.SCENARIOS))
        for scenario, plist in sets.items():
            with self.subTest(scenario=scenario):
                defaults = cells.resolve_params(scenario, {})
                resolved = [cells.resolve_params(scenario, p) for p in plist]
                self.assertIn(defaults, resolved, "the defaults are one of the sets")
                self.assertGreaterEqual(len(resolved), 6, "defaults plus at least 5 more")
                self.assertEqual(len({json.dumps(r, sort_keys=True) for r in resolved}),
                                 len(resolved), "no duplicate sets")
                for p in resolved:
                    self.assertLessEqual(est_duration(scenario, p), 20, p)


class Cli(unittest.TestCase):
    def _cli(self, *args):
        return subprocess.run([sys.executable, os.path.join(HERE, "cells.py"), *args],
                              capture_output=True, text=True, timeout=60)

    def test_one_scenario_prints_one_object_with_defaults_filled(self):
        r = self._cli("bounded-queue", '{"items": 2, "consume": 0.5}', "--scale", "0.02")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["scenario"], "bounded-queue")
        self.assertEqual(out["params"], {"items": 2, "produce": 0.5, "consume": 0.5, "maxsize": 3})
        self.assertEqual(len(out["events"]), 4)
        self.assertEqual(set(out["events"][0]), {"task", "kind", "t", "q"})

    def test_bad_input_is_refused(self):
        for args in (("nope",), ("gather", '{"delay": [1]}'), ("gather", '{"delays": []}'),
                     ("wait-first", '{"delays": [1, 2, 3]}'), ("gather", "[1]"), ("gather", "{")):
            with self.subTest(args=args):
                r = self._cli(*args)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    unittest.main()
