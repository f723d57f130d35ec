# The lecture's bounded producer/consumer with two consumers and a shutdown by cancel.
import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(f"item-{i}")
        print(f"Produced item-{i} at {asyncio.get_running_loop().time()}")
        await asyncio.sleep(0.5)


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(f"{name} consumed {item} at {asyncio.get_running_loop().time()}")
        await asyncio.sleep(1.5)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in range(2)]
    await producer(queue, 6)
    await queue.join()
    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print("consumers:", [type(r).__name__ for r in results], [c.cancelled() for c in consumers])
    print("done at", asyncio.get_running_loop().time())


asyncio.run(main())
