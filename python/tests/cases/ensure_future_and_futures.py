# ensure_future of a coroutine makes a task; of a future returns the future itself.
import asyncio


async def coro():
    await asyncio.sleep(0.25)
    return "from coroutine"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    c = coro()
    print(asyncio.ensure_future(fut) is fut, asyncio.isfuture(fut), asyncio.iscoroutine(c), asyncio.isfuture(c))
    c.close()
    t = asyncio.ensure_future(coro())
    print(isinstance(t, asyncio.Task), isinstance(t, asyncio.Future), t.get_name())
    loop.call_soon(fut.set_result, "from future")
    print(await fut, await t)


asyncio.run(main())
