# A TaskGroup waits for all its tasks; results are read afterwards.
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    print(name, "done at", asyncio.get_running_loop().time())
    return name * 2


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 1))
        b = tg.create_task(job("b", 0.5))
        print("body ends before the tasks run")
    print("after the group:", a.result(), b.result(), asyncio.get_running_loop().time())


asyncio.run(main())
