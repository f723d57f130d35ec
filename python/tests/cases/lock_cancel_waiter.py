# Cancelling a task that waits for a lock removes it from the line.
import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()

    async def wait_for_lock(name):
        try:
            async with lock:
                print(name, "got the lock")
        except asyncio.CancelledError:
            print(name, "cancelled while waiting")
            raise

    a = asyncio.create_task(wait_for_lock("a"))
    b = asyncio.create_task(wait_for_lock("b"))
    await asyncio.sleep(0.1)
    a.cancel()
    await asyncio.sleep(0.1)
    lock.release()
    await asyncio.gather(a, b, return_exceptions=True)
    print("a cancelled:", a.cancelled(), "b done:", b.done(), "locked:", lock.locked())


asyncio.run(main())
