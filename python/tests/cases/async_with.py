# async with: __aenter__/__aexit__ order; an exception in the body reaches __aexit__.
import asyncio


class Resource:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow

    async def __aenter__(self):
        print(self.name, "opening")
        await asyncio.sleep(0.1)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print(self.name, "closing", exc_type.__name__ if exc_type else None, exc)
        return self.swallow


async def main():
    async with Resource("r1") as r:
        print("using", r.name)
    try:
        async with Resource("r2"):
            raise ValueError("inside r2")
    except ValueError as e:
        print("propagated:", e)
    async with Resource("r3", swallow=True):
        raise KeyError("swallowed")
    print("after r3 at", asyncio.get_running_loop().time())


asyncio.run(main())
