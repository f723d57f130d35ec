# asyncio.timeout_at with an absolute deadline, equal to a sleep's deadline (the timeout was set first).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for extra in [0.5, 1, 1.5]:
        try:
            async with asyncio.timeout_at(loop.time() + 1):
                await asyncio.sleep(extra)
            print("sleep", extra, "finished at", loop.time())
        except TimeoutError:
            print("sleep", extra, "timed out at", loop.time())


asyncio.run(main())
