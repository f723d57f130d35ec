# A task's done callbacks (including awaiting tasks' wakeups) run in the order they were added.
import asyncio


async def job():
    await asyncio.sleep(0.5)
    return "job result"


async def watcher(name, t):
    r = await t
    print(name, "resumed with", r)


async def main():
    t = asyncio.create_task(job())
    t.add_done_callback(lambda f: print("callback A"))
    w1 = asyncio.create_task(watcher("w1", t))
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: print("callback B"))
    w2 = asyncio.create_task(watcher("w2", t))
    print("removed:", t.remove_done_callback(print))
    await asyncio.gather(w1, w2)


asyncio.run(main())
