# Every task waits and no timer is set: CPython would hang; the virtual clock reports a deadlock.
import asyncio


async def main():
    ev = asyncio.Event()
    print("waiting for an event nobody sets")
    await ev.wait()
    print("never printed")


asyncio.run(main())
