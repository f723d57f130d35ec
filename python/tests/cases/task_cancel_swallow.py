# A task that swallows its cancellation finishes normally; cancelled() is False.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("ignoring the cancellation")
    await asyncio.sleep(0.5)
    return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    t.cancel()
    print(await t, t.cancelled(), asyncio.get_running_loop().time())
    try:
        raise asyncio.CancelledError()
    except Exception:
        print("not reached: CancelledError is not an Exception")
    except BaseException as e:
        print("CancelledError is a BaseException:", type(e).__name__, issubclass(asyncio.CancelledError, BaseException))


asyncio.run(main())
