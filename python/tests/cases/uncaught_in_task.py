# An exception escaping main: printed output stays, the traceback ends with the exception line.
import asyncio


async def inner():
    await asyncio.sleep(0.5)
    print("about to fail")
    return {"a": 1}["b"]


async def main():
    print("start")
    await inner()


asyncio.run(main())
