# Without return_exceptions the first exception propagates and the other children keep running.
import asyncio


async def ok(v, d):
    await asyncio.sleep(d)
    print("ok", v, "finished at", asyncio.get_running_loop().time())
    return v


async def bad(msg, d):
    await asyncio.sleep(d)
    print("bad raises", msg)
    raise KeyError(msg)


async def main():
    try:
        await asyncio.gather(ok(1, 1), bad("first", 0.25), bad("second", 0.5), ok(2, 0.1))
    except KeyError as e:
        print("gather raised", type(e).__name__, e, "at", asyncio.get_running_loop().time())
    await asyncio.sleep(1)
    print("main ends at", asyncio.get_running_loop().time())


asyncio.run(main())
