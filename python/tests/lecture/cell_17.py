import asyncio

async def limited_producer(queue):
    for i in range(10):
        await queue.put(f"item-{i}")
        print(f"Produced item-{i}")
        await asyncio.sleep(0.5)

async def limited_consumer(queue):
    while True:
        item = await queue.get()
        print(f"Consumed {item}")
        await asyncio.sleep(1.5)
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=3)

    producer_task = asyncio.create_task(limited_producer(queue))
    consumer_task = asyncio.create_task(limited_consumer(queue))

    await producer_task
    await queue.join()

    consumer_task.cancel()

asyncio.run(main())
