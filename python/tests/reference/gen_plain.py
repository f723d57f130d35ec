#!/usr/bin/env python3
"""Random plain-Python programs for the differential tests, deterministic in a seed.

Usage:  python3 gen_plain.py --seed S --count N --out DIR [--check]

Writes DIR/prog_0000.py ... DIR/prog_{N-1}.py, each a sequence of snippets
that print what they compute: int arithmetic (big ints, negative floor
division and modulo, bit operations), float reprs (0.1 + 0.2, 1e-05, 1e16,
inf, -0.0), str methods, slicing, lists, tuples, dicts, sets (printed
sorted), comprehensions, sorted/min/max with a key, enumerate/zip/map/filter,
f-strings with format specs, classes with `__repr__`/`__eq__`/`__lt__`,
`random` after `random.seed(n)` (random, randint, uniform, choice, shuffle),
generators, try/except/else/finally with CPython's error messages (printed as
`type(e).__name__, e`), unpacking, closures and functions with every kind of
parameter.  Operations that may fail run inside `show(label, thunk)`, which
prints either the value's repr or the exception.  Some programs end with an
uncaught exception.

The same seed always writes the same files.  Nothing printed depends on the
hash of a string or on addresses: sets are printed through `sorted()`, and no
object is printed with the default `<... object at 0x...>` repr.  `--check`
runs every program twice under vclock.py (see there).
"""

import argparse
import os
import random
import subprocess
import sys

WORDS = [
    "apple", "Banana", "cherry", "date", "elder berry", "fig", "grape", "kiwi", "lemon",
    "mango", "  padded  ", "x", "", "hello world", "Hello, World!", "a-b-c", "one,two,,three",
    "MiXeD CaSe", "tab\tsep", "line1\nline2", "it's", 'say "hi"', "café", "naïve", "ÅNGSTRÖM",
    "12345", "3.14", "-42", "0x1f", "snake_case_name", "CamelCaseName", "aaa", "abcabcabc",
]
SEPARATORS = [",", " ", "-", ", ", "", "ab", "::", "\n"]
INT_SPECS = [">8", "<6", "^9", "08d", "+d", " d", ",", "_", "x", "X", "#x", "o", "#o", "b", "#b",
             "e", ".2e", "%", "10,", "*^12", "-^7", "=+8", "c", "n", "d", "#010x", ".3f", "g"]
FLOAT_SPECS = [".2f", "08.3f", ">10.1f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", ",.2f", "+.1f",
               " .2f", "<9.2f", "^11.4f", ".0f", "10", "", ".10g", "_.3f", ".15g", "r"]
STR_SPECS = [">8", "<8", "^9", "*^11", ".3", "10.2", "", "s", "-<6", "0>5"]
EXC_MESSAGES = ["bad thing", "", "value 42", "multi word message", "ünïcödé"]


def lit(value):
    """A source literal for a value (repr, but -0.0 and inf/nan spelled out)."""
    if isinstance(value, float):
        if value != value:
            return "float('nan')"
        if value in (float("inf"), float("-inf")):
            return "float('inf')" if value > 0 else "float('-inf')"
        if value < 0 or (value == 0 and str(value).startswith("-")):
            return f"({value!r})"
    return repr(value)


class Snippets:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0

    # -- random values ------------------------------------------------------

    def small_int(self):
        return self.rng.randrange(-20, 21)

    def int_value(self):
        r = self.rng.randrange(8)
        if r < 3:
            return self.small_int()
        if r == 3:
            return self.rng.randrange(-10**6, 10**6)
        if r == 4:
            digits = self.rng.randrange(15, 60)
            return self.rng.choice([1, -1]) * self.rng.randrange(10 ** (digits - 1), 10**digits)
        if r == 5:
            return self.rng.choice([1, -1]) * 2 ** self.rng.randrange(30, 130)
        if r == 6:
            return self.rng.choice([0, 1, -1, 2**31 - 1, -2**31, 2**63, 2**64 - 1, 10**18, 255, 256])
        return self.rng.randrange(1, 100)

    def float_value(self):
        r = self.rng.randrange(6)
        if r < 2:
            return self.rng.choice(
                [0.1, 0.2, 0.3, 1e-05, 1e16, 1e15, 123.456, -0.0, 2.5, 0.5, 1.5, 3.0, -1.25, 1e300,
                 1e-300, 3.14159, 100.0, 1e22, 1e-07, 0.001, 2.675, 1 / 3, 2 / 3, 12345.6789,
                 9007199254740993.0, 5e-324, 1.7976931348623157e308, 0.0, -7.5, 4.35]
            )
        if r == 2:
            return round(self.rng.uniform(-1000, 1000), self.rng.randrange(0, 6))
        if r == 3:
            return self.rng.randrange(-100, 100) / self.rng.choice([3, 7, 10, 8, 100, 1000])
        if r == 4:
            return float(self.rng.randrange(-10**6, 10**6)) * 10.0 ** self.rng.randrange(-12, 20)
        return self.rng.choice([float("inf"), float("-inf"), 1e308, -1e-320])

    def word(self):
        return self.rng.choice(WORDS)

    def int_list(self, lo=0, hi=6):
        return [self.rng.randrange(-9, 30) for _ in range(self.rng.randrange(lo, hi))]

    def header(self, out, what):
        self.n += 1
        out.append(f'print("-- {self.n}: {what}")')

    def show(self, expr):
        return f"show({expr!r}, lambda: ({expr}))"

    # -- snippets -----------------------------------------------------------

    def ints(self, out):
        self.header(out, "ints")
        for _ in range(self.rng.randrange(3, 8)):
            a, b = self.int_value(), self.int_value()
            op = self.rng.choice(["+", "-", "*", "//", "%", "**", "/", "&", "|", "^", "<<", ">>",
                                  "divmod", "pow3", "cmp", "abs", "neg", "~", "str", "bool"])
            if op == "**":
                b = self.rng.randrange(-3, 40) if abs(a) < 10**6 else self.rng.randrange(0, 4)
                expr = f"({a}) ** {b}"
            elif op in ("<<", ">>"):
                expr = f"({a}) {op} {self.rng.randrange(0, 70)}"
            elif op == "divmod":
                expr = f"divmod({a}, {b})"
            elif op == "pow3":
                expr = f"pow({a}, {self.rng.randrange(0, 50)}, {self.rng.choice([7, 97, 1000, 2**31 - 1, 10**9 + 7])})"
            elif op == "cmp":
                expr = f"({a}) {self.rng.choice(['<', '<=', '==', '!=', '>', '>='])} ({b})"
            elif op == "abs":
                expr = f"abs({a})"
            elif op == "neg":
                expr = f"-({a})"
            elif op == "~":
                expr = f"~({a})"
            elif op == "str":
                expr = f"len(str({a})), str({a})[:5], int(str({a}))"
            elif op == "bool":
                expr = f"bool({a}), {a} and {b}, {a} or {b}, not {a}"
            else:
                if op in ("//", "%", "/") and self.rng.random() < 0.15:
                    b = 0
                expr = f"({a}) {op} ({b})"
            out.append(self.show(expr))
        # negative floor division and modulo, spelled out
        a, b = self.rng.randrange(-30, 31), self.rng.choice([-7, -3, -2, 2, 3, 7])
        out.append(f"print({a} // {b}, {a} % {b}, -{abs(a)} // {abs(b)}, {a} % -{abs(b)}, divmod({a}, {b}))")
        out.append(f'print(int("{self.rng.randrange(-999, 999)}"), int("  {self.rng.randrange(99)}  "), int("ff", 16), int("0b101", 0), int(-3.99), int(7.5))')
        out.append(f"print(hex({a}), oct({a}), bin({a}), hex({self.int_value()}))")
        out.append(f"print(sum(range({self.rng.randrange(0, 200)})), max({a}, {b}, {self.small_int()}), min([{a}, {b}]), abs(-{abs(a)}))")

    def floats(self, out):
        self.header(out, "floats")
        out.append("print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1e-05, 1e16, 1e15, -0.0, 1 / 3)")
        for _ in range(self.rng.randrange(3, 8)):
            x, y = self.float_value(), self.float_value()
            r = self.rng.randrange(10)
            if r == 0:
                expr = f"{lit(x)} {self.rng.choice(['+', '-', '*', '/', '//', '%'])} {lit(y)}"
            elif r == 1:
                expr = f"round({lit(x)}, {self.rng.randrange(-2, 5)})"
            elif r == 2:
                expr = f"round({lit(x)})"
            elif r == 3:
                expr = f"int({lit(x)})"
            elif r == 4:
                expr = f"str({lit(x)}), repr({lit(x)} * 3)"
            elif r == 5:
                expr = f"math.floor({lit(x)}), math.ceil({lit(x)})"
            elif r == 6:
                expr = f"math.sqrt({lit(x)})"
            elif r == 7:
                expr = f"{lit(abs(x))} ** {self.rng.choice([0.5, 2, 3, -1, 0, 10, 0.25])}"
            elif r == 8:
                expr = f"{lit(x)} {self.rng.choice(['<', '==', '>=', '!='])} {lit(y)}, {lit(x)}.is_integer()"
            else:
                expr = f"float({self.rng.choice(['1e500', '-1e500', 'nan', '3.5', '  2.25 ', '1_000.5', 'abc', '0x10', '-0', '1e-7', 'inf', '.5'])!r})"
            out.append(self.show(expr))
        i = self.rng.randrange(1, 30)
        out.append(f"print({i} / 4, {i} * 1.0, {i} / 3 * 3, 2 ** -{i % 5 + 1}, 10 ** {i % 25}, float(10 ** {i % 25}))")
        out.append(f"print(round(0.5), round(1.5), round(2.5), round(-0.5), round(2.675, 2), round({lit(self.float_value())}, 1))")
        out.append("print(math.pi, math.e, math.inf, -math.inf, math.isnan(float('nan')), math.isclose(0.1 + 0.2, 0.3))")
        out.append(f"print(sum([0.1] * {self.rng.randrange(1, 12)}), 1e16 + 1, 2 ** 53 + 1.0, 1e308 * 10, -1e308 * 10)")

    def strings(self, out):
        self.header(out, "str methods")
        w = self.word()
        out.append(f"s = {w!r}")
        out.append("print(repr(s), len(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase())")
        for _ in range(self.rng.randrange(4, 9)):
            sep = self.rng.choice(SEPARATORS)
            other = self.word()
            sub = self.rng.choice(["a", "an", "l", "e", ",", " ", "x", "ab", "", "Hello", "1"])
            r = self.rng.randrange(16)
            if r == 0:
                expr = f"s.split({sep!r})" if sep else "s.split()"
            elif r == 1:
                expr = f"s.split({sep!r}, {self.rng.randrange(0, 3)})" if sep else f"s.rsplit(None, {self.rng.randrange(0, 3)})"
            elif r == 2:
                expr = f"{sep!r}.join([s, {other!r}, {self.word()!r}])"
            elif r == 3:
                expr = f"s.strip(), s.lstrip({sub!r}), s.rstrip({sub!r})"
            elif r == 4:
                expr = f"s.replace({sub!r}, {self.word()!r}), s.replace({sub!r}, '', 1)"
            elif r == 5:
                expr = f"s.find({sub!r}), s.rfind({sub!r}), s.count({sub!r}), {sub!r} in s"
            elif r == 6:
                expr = f"s.index({sub!r})"
            elif r == 7:
                expr = f"s.startswith({sub!r}), s.endswith(({sub!r}, 'e')), s.startswith({sub!r}, 1)"
            elif r == 8:
                width = self.rng.randrange(0, 20)
                expr = f"s.center({width}), s.ljust({width}, '.'), s.rjust({width}, '*'), s.zfill({width})"
            elif r == 9:
                expr = f"s.partition({sub or 'a'!r}), s.rpartition({sub or 'a'!r})"
            elif r == 10:
                a, b, c = self.rng.randrange(-8, 8), self.rng.randrange(-8, 12), self.rng.choice([1, 2, -1, 3, -2])
                expr = f"s[{a}:{b}], s[::{c}], s[{a}:], s[:{b}], s[{a}:{b}:{c}]"
            elif r == 11:
                expr = f"s[{self.rng.randrange(-12, 12)}]"
            elif r == 12:
                expr = f"s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower(), s.isalnum()"
            elif r == 13:
                expr = f"'{{}} and {{}}'.format(s, {other!r}), '{{0!r:>12}}|{{1:<5}}|'.format(s, {self.small_int()}), '{{x}}-{{y}}'.format(x=s, y={other!r})"
            elif r == 14:
                expr = f"s * {self.rng.randrange(0, 4)} + {other!r}, s < {other!r}, sorted(s)[:5]"
            else:
                expr = f"[ord(c) for c in s[:4]], chr({self.rng.randrange(32, 1200)}), str({self.small_int()}) + s"
            out.append(self.show(expr))
        out.append(f"print(s.splitlines(), s.expandtabs(4), {self.word()!r}.casefold())")

    def lists(self, out):
        self.header(out, "lists and tuples")
        a = self.int_list(0, 8)
        b = self.int_list(1, 5)
        out.append(f"xs = {a!r}")
        out.append(f"ys = {b!r}")
        ops = [
            "xs.append(7); xs", "xs.extend(ys); xs", "xs.insert(1, 99); xs", "xs.pop()", "xs.pop(0)",
            "xs.remove(7); xs", f"xs.index({self.rng.choice(a or [1])})", "xs.count(7)",
            "sorted(xs)", "sorted(xs, reverse=True)", "sorted(xs, key=lambda v: (v % 3, -v))",
            "xs[::-1]", "xs[1:3]", "xs[-2:]", "xs + ys", "ys * 2", "xs[len(xs)]",
            "xs.sort(); xs", "xs.reverse(); xs", "list(reversed(ys))", "[v * 2 for v in xs if v % 2]",
            "[(i, v) for i, v in enumerate(ys)]", "max(xs), min(xs), sum(xs), len(xs)",
            "xs == sorted(xs), xs < ys, 3 in xs", "xs[1:3] = [0, 0, 0]; xs", "del xs[0]; xs",
            "tuple(ys), (1,), (), tuple(ys)[::-1] + (None,)", "ys.index(12345)",
            "[[0] * 2 for _ in range(2)]", "[v for row in [[1, 2], [3]] for v in row]",
            "list(zip(xs, ys)), list(zip(xs, 'ab', ys))", "xs.copy() is xs, xs.copy() == xs",
            "xs.clear(); xs", "[].pop()", "max([])", "max([], default='none')", "min(xs, key=abs)",
            "ys[0], ys[-1], ys[-len(ys)]", "(1, 2) + (3,), (1, 2) * 2, (1, [2]) == (1, [2])",
            "list(map(str, ys)), list(filter(None, [0, 1, '', 'a', None, []]))",
        ]
        for _ in range(self.rng.randrange(4, 9)):
            op = self.rng.choice(ops)
            if ";" in op:
                stmt, expr = op.rsplit(";", 1)
                out.append("try:")
                out.append(f"    {stmt.strip()}")
                out.append(f"    print({stmt.strip()!r}, '->', {expr.strip()})")
                out.append("except Exception as e:")
                out.append(f"    print({stmt.strip()!r}, '!', type(e).__name__, e)")
            else:
                out.append(self.show(op))

    def dicts(self, out):
        self.header(out, "dicts and sets")
        keys = self.rng.sample(["a", "b", "c", "d", "e", "f", "g"], self.rng.randrange(1, 6))
        d = {k: self.rng.randrange(-5, 50) for k in keys}
        out.append(f"d = {d!r}")
        out.append(f"e = {{{self.rng.choice(keys)!r}: 0, 'z': [1, 2]}}")
        ops = [
            "d['a']", "d.get('q'), d.get('q', 0), d.get('b', -1)", "d.setdefault('s', []), d",
            "d.pop('b', 'gone'), d", "d.pop('q')", "list(d.items())", "list(d.keys()), list(d.values())",
            "d | e", "{**d, **e}", "d.update(e); d", "'a' in d, 'z' in d, len(d)",
            "sorted(d, key=d.get)", "sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))",
            "{k: v * 2 for k, v in d.items() if v > 3}", "dict(zip('xyz', range(3)))",
            "del d['a']; d", "d.popitem()", "dict.fromkeys('abc', 0)", "{}.popitem()",
            "[k for k in d if k > 'b']", "max(d.values(), default=None)", "d == dict(d), d is dict(d)",
            "{1: 'one', True: 'true', 1.0: 'float'}", "dict(a=1, b=2)", "{(1, 2): 'pair'}[(1, 2)]",
        ]
        for _ in range(self.rng.randrange(3, 7)):
            op = self.rng.choice(ops)
            if ";" in op:
                stmt, expr = op.rsplit(";", 1)
                out.append("try:")
                out.append(f"    {stmt.strip()}")
                out.append(f"    print({stmt.strip()!r}, '->', {expr.strip()})")
                out.append("except Exception as ex:")
                out.append(f"    print({stmt.strip()!r}, '!', type(ex).__name__, ex)")
            else:
                out.append(self.show(op))
        s1 = sorted(set(self.int_list(1, 8)))
        s2 = sorted(set(self.int_list(1, 8)))
        out.append(f"s1, s2 = set({s1!r}), set({s2!r})")
        out.append("print(sorted(s1 | s2), sorted(s1 & s2), sorted(s1 - s2), sorted(s1 ^ s2))")
        out.append("print(len(s1), s1 <= s2, s1.isdisjoint(s2), sorted({v % 4 for v in s1 | s2}))")
        out.append(self.show(f"s1.remove({self.rng.randrange(0, 30)}) or sorted(s1)"))
        out.append(f"s1.add(100); s1.discard(-1000); print(sorted(s1), 100 in s1, sorted(frozenset(s2)))")

    def fstrings(self, out):
        self.header(out, "f-strings and format specs")
        for _ in range(self.rng.randrange(4, 9)):
            r = self.rng.randrange(5)
            if r == 0:
                v, spec = self.int_value() if self.rng.random() < 0.5 else self.small_int(), self.rng.choice(INT_SPECS)
                if spec == "c":
                    v = abs(v) % 1000 + 32
                out.append(f"v = {v!r}")
                out.append(self.show(f'f"[{{v:{spec}}}]"'))
            elif r == 1:
                v, spec = self.float_value(), self.rng.choice(FLOAT_SPECS)
                out.append(f"v = {lit(v)}")
                if spec == "r":
                    out.append(self.show('f"[{v!r}] [{v}] [{v!s:>12}]"'))
                else:
                    out.append(self.show(f'f"[{{v:{spec}}}]"'))
            elif r == 2:
                w, spec = self.word(), self.rng.choice(STR_SPECS)
                out.append(f"w = {w!r}")
                out.append(self.show(f'f"[{{w:{spec}}}]"'))
            elif r == 3:
                w = self.word()
                out.append(f"w = {w!r}")
                out.append(self.show(f'f"{{w!r}} {{w!s}} {{len(w)=}} {{w=}} {{{self.small_int()} * 2 = }}"'))
            else:
                width, prec = self.rng.randrange(1, 14), self.rng.randrange(0, 6)
                out.append(f"width, prec, value = {width}, {prec}, {lit(self.float_value())}")
                out.append(self.show('f"{value:{width}.{prec}f}|{value:>{width}}|{width:0{prec + 1}d}"'))
        out.append(self.show(f"format({self.int_value()}, ','), format({lit(self.float_value())}, '.3g'), format('ab', '>4')"))
        out.append(self.show(f"'%s|%5d|%-6.2f|%x|%r' % ({self.word()!r}, {self.small_int()}, {lit(self.float_value())}, {abs(self.small_int())}, {self.word()!r})"))

    def classes(self, out):
        self.header(out, "classes")
        k = self.n
        out += [
            f"class Point{k}:",
            "    scale = 2",
            "    def __init__(self, x, y=0):",
            "        self.x, self.y = x, y",
            "    def __repr__(self):",
            f'        return f"Point{k}({{self.x!r}}, {{self.y!r}})"',
            "    def __eq__(self, other):",
            f"        return isinstance(other, Point{k}) and (self.x, self.y) == (other.x, other.y)",
            "    def __lt__(self, other):",
            "        return (self.x ** 2 + self.y ** 2, self.x) < (other.x ** 2 + other.y ** 2, other.x)",
            "    def scaled(self):",
            "        return type(self)(self.x * self.scale, self.y * self.scale)",
            "    @property",
            "    def norm1(self):",
            "        return abs(self.x) + abs(self.y)",
            "    @classmethod",
            "    def origin(cls):",
            "        return cls(0, 0)",
            "    @staticmethod",
            "    def describe():",
            '        return "a point"',
            "",
            f"class Labeled{k}(Point{k}):",
            "    def __init__(self, x, y, label):",
            "        super().__init__(x, y)",
            "        self.label = label",
            "    def __str__(self):",
            "        return f'{self.label}@{self.x},{self.y}'",
            "",
        ]
        pts = [(self.rng.randrange(-5, 6), self.rng.randrange(-5, 6)) for _ in range(self.rng.randrange(2, 6))]
        out.append(f"pts = [Point{k}(x, y) for x, y in {pts!r}]")
        ops = [
            "sorted(pts)", "min(pts), max(pts)", "pts[0] == pts[-1], pts[0] != Point{k}(99), pts[0] in pts",
            "sorted(pts, key=lambda p: p.norm1)", "[p.scaled() for p in pts][:2]", "Point{k}.origin(), Point{k}.describe()",
            "pts[0] > pts[-1], pts[0] <= pts[-1]", "Labeled{k}(1, 2, 'L'), str(Labeled{k}(1, 2, 'L')), [Labeled{k}(3, 4, 'M')]",
            "isinstance(Labeled{k}(0, 0, ''), Point{k}), issubclass(Labeled{k}, Point{k}), type(pts[0]).__name__",
            "Labeled{k}(1, 1, 'a') == Point{k}(1, 1), Labeled{k}(1, 1, 'a').scaled()", "pts[0].missing",
            "Point{k}(1) < 5", "getattr(pts[0], 'x'), hasattr(pts[0], 'z'), getattr(pts[0], 'z', 'no z')",
            "Point{k}.scale, pts[0].scale, {{p.norm1 for p in pts}} == {{p.norm1 for p in pts}}",
        ]
        for _ in range(self.rng.randrange(3, 7)):
            out.append(self.show(self.rng.choice(ops).format(k=k)))
        out.append(f"print(pts[0], [pts[0]], str(pts[-1]), repr(Labeled{k}(5, 6, 'z')), f'{{pts[0]}}')")

    def generators(self, out):
        self.header(out, "generators")
        k = self.n
        n = self.rng.randrange(0, 7)
        out += [
            f"def countdown{k}(n):",
            "    while n > 0:",
            "        yield n",
            "        n -= 1",
            "    return 'liftoff'",
            "",
            f"def chain{k}(*its):",
            "    for it in its:",
            "        yield from it",
            "",
            f"def pairs{k}(xs):",
            "    it = iter(xs)",
            "    for a in it:",
            "        b = next(it, None)",
            "        yield (a, b)",
            "",
        ]
        out.append(f"print(list(countdown{k}({n})), sum(countdown{k}({n + 3})), list(chain{k}('ab', [1, 2], range(2))))")
        out.append(f"print(list(pairs{k}(range({self.rng.randrange(0, 8)}))), max((x * x for x in range(-{n + 1}, 3))), sorted(x % 5 for x in range(12)))")
        out.append(f"g = countdown{k}({self.rng.randrange(0, 3)})")
        out.append("try:")
        out.append("    while True:")
        out.append("        print('next ->', next(g))")
        out.append("except StopIteration as stop:")
        out.append("    print('StopIteration value:', stop.value)")
        out.append(self.show("next(iter([]))"))
        out.append(f"print(list(enumerate(countdown{k}(3), start=10)), any(x > 2 for x in countdown{k}(3)), all([]))")
        out.append("sq = (v * v for v in range(4))")
        out.append("print(next(sq), list(sq), list(sq))")

    def exceptions(self, out):
        self.header(out, "exceptions")
        k = self.n
        msg = self.rng.choice(EXC_MESSAGES)
        out += [
            f"class AppError{k}(Exception):",
            "    pass",
            "",
            f"class DeepError{k}(AppError{k}):",
            "    def __init__(self, code):",
            "        super().__init__(f'code {code}')",
            "        self.code = code",
            "",
        ]
        risky = [
            "[1, 2, 3][3]", "{'a': 1}['b']", "1 / 0", "10 // 0", "7 % 0", "1.5 / 0", "'x' + 1", "1 + 'x'",
            "int('abc')", "float('x1')", "None[0]", "len(5)", "[1, 2].foo", "'abc'.index('z')",
            "[1, 2].index(3)", "{}.popitem()", "(1, 2)[5]", "undefined_name_" + str(k), "iter(5)",
            "int('12.5')", "list(range(3))[::0]", "'%d' % 'x'", "divmod(1, 0)", "abs('x')",
            "sorted([1, 'a'])", "'abc'[1] = 'x'", "(lambda a, b: a)(1)", "(lambda a: a)(1, 2)",
            "(lambda a: a)(b=1)", "chr(-1)", "int(float('nan'))", "2.0 ** 5000", "[].remove(1)",
            "dict([1, 2])", "a, b = [1, 2, 3]", "a, b, c = (1, 2)", "x, = []", "hash([])",
            "set([[1]])", "{'a'} < 1", "import_me_not_" + str(k), "assert 1 == 2, 'assertion message'",
            "assert False", "raise KeyError('quoted')", f"raise AppError{k}({msg!r})", f"raise DeepError{k}(404)",
            "raise ValueError", "raise RuntimeError('a', 'b')",
        ]
        for _ in range(self.rng.randrange(3, 7)):
            stmt = self.rng.choice(risky)
            out.append("try:")
            if stmt.startswith(("raise", "assert", "a, b", "x, =")) or "=" in stmt.replace("==", ""):
                out.append(f"    {stmt}")
            elif stmt.startswith("import_me"):
                out.append(f"    import {stmt}")
            else:
                out.append(f"    print({stmt})")
            out.append(f"except DeepError{k} as e:")
            out.append("    print('deep', e.code, e, e.args)")
            out.append("except (KeyError, IndexError) as e:")
            out.append("    print('lookup', type(e).__name__, e, repr(e), isinstance(e, LookupError))")
            out.append("except Exception as e:")
            out.append("    print(type(e).__name__, e)")
        flow = self.rng.randrange(4)
        out.append(f"def flow{k}(x):")
        out.append("    trail = []")
        out.append("    try:")
        out.append("        trail.append('try')")
        out.append("        if x == 0:")
        out.append(f"            raise AppError{k}('zero')")
        out.append("        if x == 1:")
        out.append("            return trail + ['early']")
        out.append("    except AppError" + str(k) + " as e:")
        out.append("        trail.append(f'except {e}')")
        out.append("    else:")
        out.append("        trail.append('else')")
        out.append("    finally:")
        out.append("        trail.append('finally')")
        if flow == 0:
            out.append("        print('finally sees', trail)")
        out.append("    return trail")
        out.append(f"print(flow{k}(0), flow{k}(1), flow{k}({self.rng.randrange(2, 9)}))")
        out.append("try:")
        out.append("    try:")
        out.append("        {}['missing']")
        out.append("    except KeyError as e:")
        out.append(f"        raise AppError{k}('wrapped') from e")
        out.append(f"except AppError{k} as e:")
        out.append("    print(e, '<-', repr(e.__cause__), e.__context__ is e.__cause__)")
        out.append("try:")
        out.append("    try:")
        out.append("        1 / 0")
        out.append("    finally:")
        out.append("        print('inner finally')")
        out.append("except ZeroDivisionError as e:")
        out.append("    print('outer caught', e, e.args)")

    def unpacking(self, out):
        self.header(out, "unpacking")
        xs = self.int_list(2, 7)
        out.append(f"data = {xs!r}")
        out.append("first, *middle, last = data")
        out.append("print(first, middle, last)")
        out.append("a, b = data[0], data[1]")
        out.append("a, b = b, a")
        out.append("print(a, b, [*data, *'hi'], (*data[:2],), {**{'k': 1}, 'j': 2})")
        out.append("(p, q), r = (data[0], data[-1]), len(data)")
        out.append("print(p, q, r, *data[:3], sep=' | ', end=' <end>\\n')")
        out.append("for i, (x, y) in enumerate(zip(data, data[1:])):")
        out.append("    print(i, x, y, x - y, end='; ')")
        out.append("print()")
        out.append(self.show("[(a, b) for a, *b in [(1, 2, 3), (4,)]]"))
        out.append("head, *tail = 'unpack'")
        out.append("print(head, tail, *range(3), sep='')")

    def closures(self, out):
        self.header(out, "closures and functions")
        k = self.n
        out += [
            f"def make_counter{k}(start=0, *, step=1):",
            "    count = start",
            "    def bump(times=1):",
            "        nonlocal count",
            "        count += step * times",
            "        return count",
            "    return bump",
            "",
            f"def describe{k}(a, b=2, *args, c, d=4, **kwargs):",
            "    return f'a={a} b={b} args={args} c={c} d={d} kwargs={kwargs}'",
            "",
            f"def logged{k}(fn):",
            "    calls = []",
            "    def wrapper(*args, **kwargs):",
            "        calls.append(args)",
            "        result = fn(*args, **kwargs)",
            "        print(f'{fn.__name__}{args} -> {result!r} (call {len(calls)})')",
            "        return result",
            "    return wrapper",
            "",
            f"@logged{k}",
            f"def fib{k}(n):",
            "    a, b = 0, 1",
            "    for _ in range(n):",
            "        a, b = b, a + b",
            "    return a",
            "",
            f"total{k} = 0",
            f"def add_total{k}(v):",
            f"    global total{k}",
            f"    total{k} += v",
            f"    return total{k}",
            "",
        ]
        s, st = self.small_int(), self.rng.choice([1, 2, -3, 10])
        out.append(f"c = make_counter{k}({s}, step={st})")
        out.append(f"print(c(), c(), c({self.rng.randrange(0, 5)}), make_counter{k}()())")
        calls = [
            f"describe{k}(1, c=3)", f"describe{k}(1, 2, 3, 4, c=5, e=6, f=7)", f"describe{k}(c=0, a=9)",
            f"describe{k}(1)", f"describe{k}(1, 2, c=3, b=4)", f"describe{k}(*[1, 2, 3], **{{'c': 4, 'z': 5}})",
            f"describe{k}()", f"fib{k}({self.rng.randrange(0, 60)})", f"fib{k}(n={self.rng.randrange(0, 90)})",
            f"add_total{k}({self.small_int()}), add_total{k}(10)", "[f() for f in [lambda: i for i in range(3)]]",
            "[f() for f in [lambda i=i: i for i in range(3)]]", "(lambda *a, **k: (a, k))(1, x=2)",
            "sorted(['bb', 'a', 'ccc', 'dd'], key=len)", "sorted(['bb', 'a', 'ccc', 'dd'], key=lambda s: (-len(s), s))",
            "max(['apple', 'fig', 'banana'], key=len), min('hello'), max(3, 7, key=lambda v: -v)",
            "list(map(lambda x, y: x * y, [1, 2, 3], [4, 5])), list(filter(lambda v: v > 1, [0, 1, 2, 3]))",
        ]
        for _ in range(self.rng.randrange(3, 7)):
            out.append(self.show(self.rng.choice(calls)))

    def loops(self, out):
        self.header(out, "loops")
        n = self.rng.randrange(1, 12)
        m = self.rng.choice([2, 3, 5, 7])
        out.append("acc = []")
        out.append(f"for i in range({n}):")
        out.append(f"    if i % {m} == 0:")
        out.append("        continue")
        out.append(f"    if i > {n - 2}:")
        out.append("        break")
        out.append("    acc.append(i * i)")
        out.append("else:")
        out.append("    acc.append('no break')")
        out.append("print(acc)")
        out.append(f"i, seen = {self.rng.randrange(1, 50)}, []")
        out.append("while i != 1 and len(seen) < 30:")
        out.append("    seen.append(i)")
        out.append("    i = i // 2 if i % 2 == 0 else 3 * i + 1")
        out.append("print(len(seen), seen[:8], i)")
        out.append(f"print(list(range({self.small_int()}, {self.small_int()}, {self.rng.choice([1, 2, -1, -3, 4])})), len(range(0, 100, 7)), range(5)[-1], range(2, 9, 3))")
        out.append("text = ''")
        out.append(f"for w in {[self.word() for _ in range(3)]!r}:")
        out.append("    text += w.strip()[:3] + '/'")
        out.append("print(text, text.count('/'), text.rstrip('/').split('/'))")

    def randoms(self, out):
        self.header(out, "random, seeded")
        out.append("import random")
        if self.rng.random() < 0.8:
            out.append(f"random.seed({self.rng.choice([0, 1, 42, 2024, self.rng.randrange(10**6), 2**40 + 7])})")
        out.append("print(random.random(), random.random())")
        out.append(f"print([random.randint({self.rng.randrange(-5, 5)}, {self.rng.randrange(5, 1000)}) for _ in range(5)])")
        out.append(f"print(random.uniform({self.rng.randrange(-5, 5)}, {self.rng.randrange(5, 50)}))")
        out.append(f"print(random.choice({[self.word() for _ in range(4)]!r}), random.choice(range(100)))")
        out.append(f"deck = list(range({self.rng.randrange(0, 12)}))")
        out.append("random.shuffle(deck)")
        out.append("print(deck)")

    SNIPPETS = [
        ("ints", 3), ("floats", 3), ("strings", 3), ("lists", 3), ("dicts", 2), ("fstrings", 3),
        ("classes", 2), ("generators", 1), ("exceptions", 2), ("unpacking", 1), ("closures", 2), ("loops", 1), ("randoms", 1),
    ]

    def program(self):
        out = [
            "import math",
            "",
            "",
            "def show(label, thunk):",
            '    """Print the value of thunk() or the exception it raises."""',
            "    try:",
            "        value = thunk()",
            "    except Exception as e:",
            '        print(label, "!", type(e).__name__, e)',
            "    else:",
            '        print(label, "=", repr(value))',
            "",
            "",
        ]
        names = [n for n, _ in self.SNIPPETS]
        weights = [w for _, w in self.SNIPPETS]
        for _ in range(self.rng.randrange(4, 9)):
            getattr(self, self.rng.choices(names, weights)[0])(out)
            out.append("")
        ending = self.rng.random()
        if ending < 0.05:
            out.append("print('about to fail')")
            out.append(self.rng.choice(["[][0]", "{}['end']", "1 / 0", "int('end')", "None + 1", "undefined_at_the_end"]))
        elif ending < 0.1:
            out.append(f"raise {self.rng.choice(['ValueError', 'RuntimeError', 'KeyError'])}({self.rng.choice(EXC_MESSAGES)!r})")
        out.append("print('the end')")
        return "\n".join(out) + "\n"


def generate(seed, count, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for i in range(count):
        rng = random.Random(f"plain-{seed}-{i}")
        text = Snippets(rng).program()
        path = os.path.join(out_dir, f"prog_{i:04d}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# gen_plain.py --seed {seed}, program {i}\n" + text)
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
