"""The CPython side of asyncpy-num's differential tests.

Reads one case per line on stdin, a JSON array: the operation's name, then
its arguments, each a string tagged by its first character (i: an int in
hex, f: a float's IEEE bits in decimal, s: a str, n: None). Prints one JSON
string per case: the result tagged the same way (tuples as "(a,b)"), or
"!ExceptionType: message".
"""
import json
import struct
import sys


def dec(a):
    t, v = a[0], a[1:]
    if t == "i":
        return int(v, 16)
    if t == "f":
        if v == "nan":
            return float("nan")
        return struct.unpack("<d", struct.pack("<Q", int(v)))[0]
    if t == "s":
        return v
    if t == "n":
        return None
    raise ValueError("bad tag " + a)


def enc(v):
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        return "i" + format(v, "x")
    if isinstance(v, float):
        if v != v:
            return "fnan"
        return "f" + str(struct.unpack("<Q", struct.pack("<d", v))[0])
    if isinstance(v, str):
        return "s" + v
    if isinstance(v, tuple):
        return "(" + ",".join(enc(x) for x in v) + ")"
    if v is None:
        return "n"
    raise TypeError(type(v))


def cmp(a, b):
    if a < b:
        return -1
    if a > b:
        return 1
    if a == b:
        return 0
    return "nan"


OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "floordiv": lambda a, b: a // b,
    "mod": lambda a, b: a % b,
    "divmod": divmod,
    "truediv": lambda a, b: a / b,
    "pow": lambda a, b: a**b,
    "pow3": pow,
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "xor": lambda a, b: a ^ b,
    "shl": lambda a, b: a << b,
    "shr": lambda a, b: a >> b,
    "neg": lambda a: -a,
    "abs": abs,
    "invert": lambda a: ~a,
    "bit_length": lambda a: a.bit_length(),
    "float": float,
    "int": int,
    "hash": hash,
    "cmp": cmp,
    "str": str,
    "repr": repr,
    "hex": lambda a: format(a, "x"),
    "oct": lambda a: format(a, "o"),
    "bin": lambda a: format(a, "b"),
    "parse_int": int,
    "parse_float": float,
    "round": round,
    "round_int": round,
    "format": format,
    "percent": lambda f, a: f % a,
    "gcd": __import__("math").gcd,
    "isqrt": __import__("math").isqrt,
    "ratio": lambda x: x.as_integer_ratio(),
}

out = []
for line in sys.stdin:
    case = json.loads(line)
    try:
        r = enc(OPS[case[0]](*[dec(a) for a in case[1:]]))
    except Exception as e:  # the exception is the expected result
        r = "!" + type(e).__name__ + ": " + str(e)
    out.append(json.dumps(r, ensure_ascii=False))
sys.stdout.write("\n".join(out) + "\n")
