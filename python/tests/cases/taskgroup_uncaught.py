# An uncaught ExceptionGroup from a TaskGroup: the traceback shows the group and its exceptions.
import asyncio


async def fail(exc, d):
    await asyncio.sleep(d)
    print("raising", repr(exc))
    raise exc


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(ValueError("first"), 0.5))
        tg.create_task(fail(ZeroDivisionError("second"), 0.5))


asyncio.run(main())
