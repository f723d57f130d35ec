# asyncio.wait with a timeout does not cancel anything; a timeout equal to a delay fires first.
import asyncio


async def job(v, d):
    await asyncio.sleep(d)
    return v


async def main():
    tasks = [asyncio.create_task(job(i, d)) for i, d in enumerate([0.5, 1, 1.5])]
    done, pending = await asyncio.wait(tasks, timeout=1)
    print("after timeout=1:", len(done), "done,", len(pending), "pending at", asyncio.get_running_loop().time())
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print("all:", sorted(t.result() for t in done), len(pending), asyncio.get_running_loop().time())
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    coro = job(9, 0)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError:", e)
    coro.close()


asyncio.run(main())
