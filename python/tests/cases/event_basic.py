# Event: waiters wake in the order they waited; clear() after set() does not stop them.
import asyncio


async def waiter(name, ev):
    print(name, "waiting")
    await ev.wait()
    print(name, "woke at", asyncio.get_running_loop().time())


async def main():
    ev = asyncio.Event()
    print("is_set:", ev.is_set())
    tasks = [asyncio.create_task(waiter(n, ev)) for n in "abc"]
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    print("set and cleared at", asyncio.get_running_loop().time())
    await asyncio.gather(*tasks)
    ev.set()
    print("wait on a set event returns", await ev.wait())


asyncio.run(main())
