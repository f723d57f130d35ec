# Two tasks failing in the same loop iteration both land in the group; a later one is cancelled.
import asyncio


async def fail(exc, d):
    await asyncio.sleep(d)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError("v"), 1))
            tg.create_task(fail(TypeError("t"), 1))
            late = tg.create_task(fail(KeyError("k"), 1.5))
    except ExceptionGroup as eg:
        print(eg.message, [repr(e) for e in eg.exceptions])
        print("late cancelled:", late.cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError("a"), 0.5))
            tg.create_task(fail(KeyError("b"), 0.5))
            tg.create_task(fail(OSError("c"), 0.5))
    except* ValueError as eg:
        print("value part", [str(e) for e in eg.exceptions])
    except* LookupError as eg:
        print("lookup part", [repr(e) for e in eg.exceptions])
    except* Exception as eg:
        print("the rest", [type(e).__name__ for e in eg.exceptions])


asyncio.run(main())
