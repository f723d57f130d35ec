# put_nowait / get_nowait raise QueueFull / QueueEmpty.
import asyncio


async def main():
    q = asyncio.Queue(2)
    for i in range(3):
        try:
            q.put_nowait(i)
            print("put", i)
        except asyncio.QueueFull:
            print("QueueFull at", i, repr(asyncio.QueueFull()))
    for _ in range(3):
        try:
            print("get", q.get_nowait())
        except asyncio.QueueEmpty:
            print("QueueEmpty")
    print(q.qsize(), q.empty())


asyncio.run(main())
