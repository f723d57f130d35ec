"""Dumps CPython's AST of each case in the shape of asyncpy-syntax's AST.

Usage: python3 cpython_ast.py FILE
FILE holds Python snippets separated by lines `#----`. For each snippet one
line is printed: `OK <dump>` or `ERR <Kind>|<msg>|<line>|<offset>|<end_line>|<end_offset>`
(end_offset 0 when CPython leaves it unset or negative). The dump format is
mirrored by tests/common/dump.rs; keep the two in step.
"""
import ast
import json
import struct
import sys


def s(x):
    return json.dumps(x, ensure_ascii=True)


def fbits(x):
    return "f" + struct.pack(">d", x).hex()


LINES = []


def col(line, offset):
    """CPython's columns count UTF-8 bytes; ours count characters."""
    if 1 <= line <= len(LINES):
        return len(LINES[line - 1].encode("utf-8")[:offset].decode("utf-8", "replace"))
    return offset


def loc(n):
    return (f"@{n.lineno}:{col(n.lineno, n.col_offset)}-"
            f"{n.end_lineno}:{col(n.end_lineno, n.end_col_offset)}")


def opt(x):
    return "None" if x is None else d(x)


def lst(xs):
    return "[" + ",".join(d(x) for x in xs) + "]"


def const(v):
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if v is Ellipsis:
        return "Ellipsis"
    if isinstance(v, int):
        return f"Int({v})"
    if isinstance(v, float):
        return f"Float({fbits(v)})"
    if isinstance(v, complex):
        return f"Imag({fbits(v.imag)})"
    if isinstance(v, str):
        return f"Str({s(v)})"
    if isinstance(v, bytes):
        return f"Bytes({v.hex()})"
    raise TypeError(type(v))


CONV = {-1: "None", 115: "s", 114: "r", 97: "a"}


def d(n):
    if isinstance(n, list):
        return lst(n)
    t = type(n).__name__
    if isinstance(n, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)):
        return t
    if isinstance(n, ast.FunctionDef) or isinstance(n, ast.AsyncFunctionDef):
        a = isinstance(n, ast.AsyncFunctionDef)
        return f"FunctionDef{loc(n)}({a},{s(n.name)},{d(n.args)},{lst(n.body)},{lst(n.decorator_list)},{opt(n.returns)})"
    if isinstance(n, ast.ClassDef):
        return f"ClassDef{loc(n)}({s(n.name)},{lst(n.bases)},{lst(n.keywords)},{lst(n.body)},{lst(n.decorator_list)})"
    if isinstance(n, (ast.For, ast.AsyncFor)):
        a = isinstance(n, ast.AsyncFor)
        return f"For{loc(n)}({a},{d(n.target)},{d(n.iter)},{lst(n.body)},{lst(n.orelse)})"
    if isinstance(n, (ast.With, ast.AsyncWith)):
        a = isinstance(n, ast.AsyncWith)
        return f"With{loc(n)}({a},{lst(n.items)},{lst(n.body)})"
    if isinstance(n, (ast.Try, ast.TryStar)):
        a = isinstance(n, ast.TryStar)
        return f"Try{loc(n)}({lst(n.body)},{lst(n.handlers)},{lst(n.orelse)},{lst(n.finalbody)},{a})"
    if isinstance(n, ast.ImportFrom):
        return f"ImportFrom{loc(n)}({'None' if n.module is None else s(n.module)},{lst(n.names)},{n.level})"
    if isinstance(n, (ast.Global, ast.Nonlocal)):
        return f"{t}{loc(n)}([{','.join(s(x) for x in n.names)}])"
    if isinstance(n, ast.Constant):
        return f"Constant{loc(n)}({const(n.value)})"
    if isinstance(n, ast.FormattedValue):
        return f"FormattedValue{loc(n)}({d(n.value)},{CONV[n.conversion]},{opt(n.format_spec)})"
    if isinstance(n, ast.Name):
        return f"Name{loc(n)}({s(n.id)},{d(n.ctx)})"
    if isinstance(n, ast.Attribute):
        return f"Attribute{loc(n)}({d(n.value)},{s(n.attr)},{d(n.ctx)})"
    if isinstance(n, ast.arg):
        return f"arg{loc(n)}({s(n.arg)},{opt(n.annotation)})"
    if isinstance(n, ast.keyword):
        return f"keyword{loc(n)}({'None' if n.arg is None else s(n.arg)},{d(n.value)})"
    if isinstance(n, ast.alias):
        return f"alias{loc(n)}({s(n.name)},{'None' if n.asname is None else s(n.asname)})"
    if isinstance(n, ast.ExceptHandler):
        return f"ExceptHandler{loc(n)}({opt(n.type)},{'None' if n.name is None else s(n.name)},{lst(n.body)})"
    if isinstance(n, ast.comprehension):
        return f"comprehension({d(n.target)},{d(n.iter)},{lst(n.ifs)},{bool(n.is_async)})"
    if isinstance(n, ast.AnnAssign):
        return f"AnnAssign{loc(n)}({d(n.target)},{d(n.annotation)},{opt(n.value)},{bool(n.simple)})"
    if isinstance(n, ast.Dict):
        return f"Dict{loc(n)}([{','.join(opt(k) for k in n.keys)}],{lst(n.values)})"
    if isinstance(n, ast.arguments):
        return (f"arguments({lst(n.posonlyargs)},{lst(n.args)},{opt(n.vararg)},{lst(n.kwonlyargs)},"
                f"[{','.join(opt(k) for k in n.kw_defaults)}],{opt(n.kwarg)},{lst(n.defaults)})")
    fields = []
    for f in n._fields:
        if f == "type_comment" or f == "kind":
            continue
        v = getattr(n, f)
        if isinstance(v, list):
            fields.append(lst(v))
        elif isinstance(v, ast.AST):
            fields.append(d(v))
        elif v is None:
            fields.append("None")
        elif isinstance(v, str):
            fields.append(s(v))
        else:
            fields.append(str(v))
    l = loc(n) if hasattr(n, "lineno") else ""
    return f"{t}{l}({','.join(fields)})"


def main():
    sys.setrecursionlimit(20000)
    src = open(sys.argv[1], encoding="utf-8").read()
    for c in src.split("\n#----\n"):
        LINES[:] = c.split("\n")
        try:
            tree = ast.parse(c)
            compile(tree, "f", "exec")
            print("OK " + lst(tree.body))
        except SyntaxError as e:
            end = e.end_offset if e.end_offset and e.end_offset > 0 else 0
            print(f"ERR {type(e).__name__}|{e.msg}|{e.lineno}|{e.offset}|{e.end_lineno}|{end}")
        except RecursionError as e:
            print(f"ERR RecursionError|{e}")
        except MemoryError:
            print("ERR MemoryError|")
        except Exception as e:  # the dumper itself failed (too deep)
            print(f"SKIP {type(e).__name__}")


main()
