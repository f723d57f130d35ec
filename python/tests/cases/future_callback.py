# A future set from a loop callback: its done callbacks run before the awaiting task resumes.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback 1 sees", f.result()))
    loop.call_later(1, fut.set_result, "value")

    async def other():
        print("other awaits the same future")
        print("other got", await fut)

    t = asyncio.create_task(other())
    fut.add_done_callback(lambda f: print("callback 2"))
    print("main awaits")
    print("main got", await fut, "at", loop.time())
    fut.add_done_callback(lambda f: print("callback added after done"))
    await t
    await asyncio.sleep(0)


asyncio.run(main())
