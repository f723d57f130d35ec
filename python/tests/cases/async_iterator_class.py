# The lecture's AsyncIterator pattern, with an await inside __anext__.
import asyncio


class Ticker:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0.25)
        self.i += 1
        return self.i


async def main():
    async for i in Ticker(3):
        print(i, asyncio.get_running_loop().time())
    print([i async for i in Ticker(2)])


asyncio.run(main())
