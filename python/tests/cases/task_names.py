# Task-N numbering in CPython 3.11: asyncio.create_task(name=...) still takes a number
# (it names the task after creating it); loop.create_task(name=...) does not.
import asyncio


async def me():
    return asyncio.current_task().get_name()


async def main():
    t1 = asyncio.create_task(me())
    t2 = asyncio.create_task(me(), name="named")
    t3 = asyncio.get_running_loop().create_task(me(), name="loop-named")
    t4 = asyncio.ensure_future(me())
    t5 = asyncio.create_task(me())
    print([await t for t in (t1, t2, t3, t4, t5)])
    t5.set_name("renamed")
    print(t5.get_name())
    async with asyncio.TaskGroup() as tg:
        t6 = tg.create_task(me(), name="in-group")
        t7 = tg.create_task(me())
    print(t6.result(), t7.result())
    print((await asyncio.gather(me(), me())))


asyncio.run(main())
