# Cancelling the task that awaits shield(inner) leaves inner running; cancelling inner itself
# cancels the shield's outer future too.
import asyncio


async def inner_work(label, d):
    try:
        await asyncio.sleep(d)
        return label
    except asyncio.CancelledError:
        print(label, "inner cancelled")
        raise


async def waiter(fut):
    try:
        return await asyncio.shield(fut)
    except asyncio.CancelledError:
        print("waiter cancelled at", asyncio.get_running_loop().time())
        raise


async def main():
    inner = asyncio.create_task(inner_work("one", 1))
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0.5)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("w cancelled:", w.cancelled(), "inner done:", inner.done())
    print("inner result:", await inner)

    inner2 = asyncio.create_task(inner_work("two", 1))
    w2 = asyncio.create_task(waiter(inner2))
    await asyncio.sleep(0.25)
    inner2.cancel()
    try:
        await w2
    except asyncio.CancelledError:
        print("w2 cancelled:", w2.cancelled(), "inner2 cancelled:", inner2.cancelled())


asyncio.run(main())
