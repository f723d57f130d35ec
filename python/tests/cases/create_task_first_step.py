# A new task starts only when its creator yields, in the order tasks were created.
import asyncio


async def child(label):
    print("child", label, "starts")
    await asyncio.sleep(0)
    print("child", label, "resumes")


async def main():
    a = asyncio.create_task(child("a"))
    b = asyncio.create_task(child("b"))
    print("created both; a done?", a.done())
    c = asyncio.create_task(child("c"))
    print("main yields")
    await asyncio.sleep(0)
    print("main back")
    await asyncio.gather(a, b, c)
    print("all done")


asyncio.run(main())
