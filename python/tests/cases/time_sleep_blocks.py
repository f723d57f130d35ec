# time.sleep blocks the loop: it moves the clock while nothing else runs.
import asyncio
import time


async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.5)
        print("tick at", asyncio.get_running_loop().time())


async def blocker():
    await asyncio.sleep(0.1)
    print("blocking for 1 s at", time.time())
    time.sleep(1)
    print("unblocked at", time.time(), time.monotonic(), time.perf_counter())


async def main():
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
