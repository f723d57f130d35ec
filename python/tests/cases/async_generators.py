# Async generators, async for, async comprehensions.
import asyncio


async def countdown(n, d):
    while n > 0:
        await asyncio.sleep(d)
        yield n
        n -= 1


async def main():
    async for v in countdown(3, 0.5):
        print("tick", v, asyncio.get_running_loop().time())
    print([v * 10 async for v in countdown(2, 0.25)])
    print({v: v % 2 async for v in countdown(3, 0)})
    agen = countdown(5, 0.1)
    print(await agen.__anext__(), await anext(agen))
    await agen.aclose()
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("closed generator: StopAsyncIteration")


asyncio.run(main())
