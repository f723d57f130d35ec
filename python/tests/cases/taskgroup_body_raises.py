# An exception in the group's body cancels the tasks and is wrapped in the ExceptionGroup.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("only child"))
            await asyncio.sleep(0.1)
            raise RuntimeError("body failed")
    except* RuntimeError as eg:
        print("caught", [str(e) for e in eg.exceptions], asyncio.get_running_loop().time())


asyncio.run(main())
