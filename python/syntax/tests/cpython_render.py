"""Prints what `python3 FILE` prints for the syntax error of each case.

Usage: python3 cpython_render.py FILE DIR
FILE holds snippets separated by lines `#----`. Each is written to
DIR/case_N.py, compiled from bytes as `python3 FILE` does, and its
SyntaxError printed by CPython's own printer (sys.__excepthook__). Cases are
separated in the output by a line `#----`; a case that compiles prints `OK`.
"""
import io
import os
import sys


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    out = []
    for i, case in enumerate(src.split("\n#----\n")):
        path = os.path.join(sys.argv[2], f"case_{i}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(case)
        try:
            with open(path, "rb") as f:
                compile(f.read(), path, "exec")
            out.append("OK\n")
        except (SyntaxError, RecursionError, MemoryError) as e:
            buf = io.StringIO()
            old = sys.stderr
            sys.stderr = buf
            try:
                e.__traceback__ = None
                sys.__excepthook__(type(e), e, None)
            finally:
                sys.stderr = old
            out.append(buf.getvalue())
    sys.stdout.write("#----\n".join(out))


main()
