# asyncio.timeout(): expiry raises TimeoutError outside the block; reschedule; None never expires.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.5) as cm:
            print("deadline", cm.when())
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print("timed out at", loop.time(), "expired:", cm.expired())

    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.25)
        cm.reschedule(loop.time() + 1)
        print("rescheduled to", cm.when())
        await asyncio.sleep(0.5)
    print("in time, expired:", cm.expired(), loop.time())

    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(0.25):
                    await asyncio.sleep(0.5)
            except TimeoutError:
                print("inner timeout at", loop.time())
            await asyncio.sleep(1)
    except TimeoutError:
        print("outer timeout at", loop.time())


asyncio.run(main())
