# as_completed yields in completion order; ties keep the order the timers were set.
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in [("a", 1), ("b", 0.5), ("c", 1), ("d", 0.25), ("e", 0.5)]]
    for i, f in enumerate(asyncio.as_completed(tasks)):
        print(i, await f, asyncio.get_running_loop().time())


asyncio.run(main())
