# Not a cell of the lecture: asyncio.Lock and asyncio.Event, which it names.
import asyncio

async def worker(lock, name, hold):
    print(f"{name} waiting for the lock")
    async with lock:
        print(f"{name} acquired the lock")
        await asyncio.sleep(hold)
        print(f"{name} released the lock")

async def waiter(event, name):
    await event.wait()
    print(f"{name} woke up")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(
        {{workers}}
    )

    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, name)) for name in {{names}}]
    await asyncio.sleep({{set}})
    print("main sets the event")
    event.set()
    await asyncio.gather(*waiters)

asyncio.run(main())
