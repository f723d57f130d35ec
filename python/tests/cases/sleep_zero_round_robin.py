# asyncio.sleep(0) yields for exactly one loop iteration: tasks take turns.
import asyncio


async def ping(label, times):
    for i in range(times):
        print(label, i)
        await asyncio.sleep(0)
    return label


async def main():
    results = await asyncio.gather(ping("a", 3), ping("b", 1), ping("c", 2))
    print(results, asyncio.get_running_loop().time())
    print("sleep result:", await asyncio.sleep(0, result="zero"), await asyncio.sleep(0.1, "later"))


asyncio.run(main())
