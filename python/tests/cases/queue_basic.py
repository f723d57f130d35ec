# Queue: FIFO order, qsize/empty/full, a getter waiting for a put.
import asyncio


async def main():
    q = asyncio.Queue()
    print("empty:", q.empty(), "full:", q.full(), "size:", q.qsize(), "maxsize:", q.maxsize)
    for i in range(3):
        await q.put(i * i)
    print("size:", q.qsize(), "full:", q.full())
    print([await q.get() for _ in range(3)])

    async def late_put():
        await asyncio.sleep(0.5)
        print("putting at", asyncio.get_running_loop().time())
        q.put_nowait("late")

    t = asyncio.create_task(late_put())
    print("got", await q.get(), "at", asyncio.get_running_loop().time())
    await t


asyncio.run(main())
