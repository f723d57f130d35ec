# wait_for with timeout None and 0, on a task, and when the inner coroutine swallows the cancellation.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn swallows the cancellation")
        return "kept going"


async def main():
    print(await asyncio.wait_for(asyncio.sleep(1, "none"), None))
    t = asyncio.create_task(asyncio.sleep(0.5, "task"))
    print(await asyncio.wait_for(t, 1))
    try:
        await asyncio.wait_for(asyncio.sleep(0.1), 0)
    except TimeoutError:
        print("timeout 0 at", asyncio.get_running_loop().time())
    print("swallowed:", await asyncio.wait_for(stubborn(), 0.5), asyncio.get_running_loop().time())


asyncio.run(main())
