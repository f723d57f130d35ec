# wait_for's timeout timer is set before the inner task's sleep: at equal deadlines the timeout wins.
import asyncio


async def work(d):
    try:
        await asyncio.sleep(d)
        return f"slept {d}"
    except asyncio.CancelledError:
        print("work cancelled at", asyncio.get_running_loop().time())
        raise


async def main():
    for delay, timeout in [(1, 1), (0.5, 1), (1, 0.5), (0.25, 0.25)]:
        try:
            r = await asyncio.wait_for(work(delay), timeout=timeout)
            print(delay, timeout, "->", r)
        except asyncio.TimeoutError as e:
            print(delay, timeout, "-> timeout", type(e).__name__, "at", asyncio.get_running_loop().time())


asyncio.run(main())
