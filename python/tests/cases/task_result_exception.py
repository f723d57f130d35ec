# Task.result()/exception() before and after, done callbacks on a task, a task raising.
import asyncio


async def boom():
    await asyncio.sleep(0.5)
    raise LookupError("nothing here")


async def main():
    t = asyncio.create_task(boom(), name="boomer")
    t.add_done_callback(lambda task: print("done callback of", task.get_name()))
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await asyncio.sleep(1)
    print("done:", t.done(), "exception:", repr(t.exception()))
    try:
        t.result()
    except LookupError as e:
        print("result() re-raises", type(e).__name__, e)


asyncio.run(main())
