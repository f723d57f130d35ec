# Cancelling a task awaiting another task: the inner task is cancelled too.
import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("inner cancelled at", asyncio.get_running_loop().time())
        raise


async def outer(t):
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancelled")
        raise


async def main():
    t = asyncio.create_task(inner())
    o = asyncio.create_task(outer(t))
    await asyncio.sleep(1)
    o.cancel()
    res = await asyncio.gather(o, t, return_exceptions=True)
    print([type(r).__name__ for r in res], o.cancelled(), t.cancelled())


asyncio.run(main())
