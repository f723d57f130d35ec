# join() waits until every item is task_done(); too many task_done() calls raise ValueError.
import asyncio


async def worker(name, q):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        print(name, "finished", item, "at", asyncio.get_running_loop().time())
        q.task_done()


async def main():
    q = asyncio.Queue()
    for d in [0.5, 0.25, 1, 0.25]:
        q.put_nowait(d)
    workers = [asyncio.create_task(worker(f"w{i}", q)) for i in range(2)]
    await q.join()
    print("joined at", asyncio.get_running_loop().time())
    for w in workers:
        w.cancel()
    print(await asyncio.gather(*workers, return_exceptions=True))
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
    await q.join()
    print("join on a finished queue returns at once")


asyncio.run(main())
