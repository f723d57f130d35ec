# Lock waiters are served in FIFO order, and a newcomer cannot take the lock
# between a release and the woken waiter's turn.
import asyncio

lock = asyncio.Lock()


async def user(name, hold, delay=0):
    await asyncio.sleep(delay)
    print(name, "wants it; locked =", lock.locked())
    async with lock:
        print(name, "holds it at", asyncio.get_running_loop().time())
        await asyncio.sleep(hold)
    print(name, "released it")


async def newcomer():
    await asyncio.sleep(1)
    print("newcomer: locked =", lock.locked())
    await lock.acquire()
    print("newcomer got the lock at", asyncio.get_running_loop().time())
    lock.release()


async def main():
    await asyncio.gather(user("a", 1), user("b", 0.5), user("c", 0.25), newcomer())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
