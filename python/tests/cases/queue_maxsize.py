# A bounded queue blocks the producer; each get wakes the first blocked putter.
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print(f"put {i} (size {q.qsize()}, full {q.full()}) at {asyncio.get_running_loop().time()}")


async def consumer(q, n):
    for _ in range(n):
        await asyncio.sleep(0.5)
        item = await q.get()
        print(f"got {item} at {asyncio.get_running_loop().time()}")
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q, 5), consumer(q, 5))
    print("empty at the end:", q.empty())


asyncio.run(main())
