# A busy-polling task and a timer: the spin steps stop exactly at the timer's deadline.
import asyncio
import time
import types


@types.coroutine
def spin_until(deadline):
    n = 0
    while time.monotonic() < deadline:
        n += 1
        yield
    return n


async def poller():
    n = await spin_until(0.0105)
    print(f"poller: {n} spins, now {time.monotonic():.4f}")


async def timer():
    await asyncio.sleep(0.0025)
    print("timer at", asyncio.get_running_loop().time())
    await asyncio.sleep(0)
    print("after sleep(0) at", asyncio.get_running_loop().time())


async def main():
    await asyncio.gather(poller(), timer())
    for _ in range(3):
        await asyncio.sleep(0)
    print("sleep(0) does not move the clock:", asyncio.get_running_loop().time())


asyncio.run(main())
