# Cancelling a gather cancels its children, in argument order.
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    g = asyncio.gather(child("a", 1), child("b", 0.25), child("c", 2))
    await asyncio.sleep(0.5)
    print("cancel ->", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("the gather is cancelled:", g.cancelled())


asyncio.run(main())
