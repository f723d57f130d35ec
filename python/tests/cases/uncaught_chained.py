# An uncaught exception raised from another: the last line is the outer exception.
import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.5)
    except TimeoutError as e:
        print("caught", type(e).__name__, "cause:", type(e.__cause__).__name__)
        raise RuntimeError("gave up waiting") from e


asyncio.run(main())
