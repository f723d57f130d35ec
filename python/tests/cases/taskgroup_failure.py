# A failing task cancels its siblings; the group raises an ExceptionGroup.
import asyncio

cancelled = []


async def sibling(name, d):
    try:
        await asyncio.sleep(d)
        print(name, "finished")
    except asyncio.CancelledError:
        cancelled.append(name)
        raise


async def failing():
    await asyncio.sleep(0.5)
    print("failing raises at", asyncio.get_running_loop().time())
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("quick", 0.25))
            tg.create_task(sibling("slow", 2))
            tg.create_task(sibling("slower", 3))
            tg.create_task(failing())
    except* ValueError as eg:
        print("caught", type(eg).__name__, eg.message, [repr(e) for e in eg.exceptions])
    print("cancelled:", sorted(cancelled), "at", asyncio.get_running_loop().time())


asyncio.run(main())
