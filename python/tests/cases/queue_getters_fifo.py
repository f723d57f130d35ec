# Several getters wait on an empty queue: puts serve them first come, first served.
import asyncio


async def getter(name, q):
    print(name, "waits")
    item = await q.get()
    print(name, "got", item)
    return item


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(getter(f"g{i}", q)) for i in range(3)]
    await asyncio.sleep(0)
    for item in "xyz":
        q.put_nowait(item)
        print("put", item)
    print(await asyncio.gather(*tasks))


asyncio.run(main())
