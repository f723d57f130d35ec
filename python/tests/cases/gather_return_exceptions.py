# return_exceptions=True puts the exceptions in the result list, in argument order.
import asyncio


async def ok(v, d):
    await asyncio.sleep(d)
    return v


async def bad(msg, d):
    await asyncio.sleep(d)
    raise ValueError(msg)


async def main():
    res = await asyncio.gather(ok(1, 0.5), bad("early", 0.1), ok(2, 0), bad("late", 1), return_exceptions=True)
    print(res)
    for r in res:
        print(type(r).__name__, r)


asyncio.run(main())
