# asyncio.wait(FIRST_COMPLETED) returns as soon as one task is done; the rest keep running.
import asyncio


async def job(v, d):
    await asyncio.sleep(d)
    print("job", v, "done at", asyncio.get_running_loop().time())
    return v


async def main():
    tasks = [asyncio.create_task(job(i, d), name=f"job{i}") for i, d in enumerate([1, 0.5, 0.5, 1.5])]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.get_name() for t in done), "pending:", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print("then done:", sorted(t.get_name() for t in done))
    print("results:", [t.result() for t in tasks if t.done()])
    for t in tasks:
        t.cancel()
    print(await asyncio.gather(*tasks, return_exceptions=True))


asyncio.run(main())
