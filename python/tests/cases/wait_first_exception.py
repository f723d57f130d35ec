# FIRST_EXCEPTION returns at the first exception, or when all are done if none raises.
import asyncio


async def job(v, d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise RuntimeError(f"job {v} failed")
    return v


async def main():
    tasks = [asyncio.create_task(job(0, 1)), asyncio.create_task(job(1, 0.5, fail=True)), asyncio.create_task(job(2, 0.25))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("at", asyncio.get_running_loop().time(), "done", len(done), "pending", len(pending))
    for t in tasks:
        if t in done:
            print(" ", t.get_name(), "exception:", repr(t.exception()))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_EXCEPTION)
    print("no exception: all done at", asyncio.get_running_loop().time(), len(done), len(pending))


asyncio.run(main())
