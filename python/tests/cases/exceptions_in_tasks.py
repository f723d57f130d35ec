# CPython's messages for errors raised inside tasks.
import asyncio


async def run(label, fn):
    await asyncio.sleep(0.1)
    try:
        fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)


async def main():
    await asyncio.gather(
        run("div", lambda: 1 / 0),
        run("mod", lambda: 5 % 0),
        run("index", lambda: [][0]),
        run("key", lambda: {}["k"]),
        run("add", lambda: 1 + "a"),
        run("concat", lambda: "a" + 1),
        run("int", lambda: int("4.5")),
        run("attr", lambda: (1).real.nope),
        run("call", lambda: (lambda: None)()()),
        run("unpack", lambda: [a for a, b in [(1, 2, 3)]]),
    )


asyncio.run(main())
