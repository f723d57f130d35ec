# Task.cancel(): CancelledError at the await, except and finally run, cancelled() is True.
import asyncio


async def victim():
    try:
        print("victim working")
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim caught CancelledError", e.args)
        raise
    finally:
        print("victim finally at", asyncio.get_running_loop().time())


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0.5)
    print("cancel ->", t.cancel("enough"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiting raised CancelledError", e.args)
    print("cancelled:", t.cancelled(), "done:", t.done(), "cancel again ->", t.cancel())

    u = asyncio.create_task(victim())
    print("cancel before it starts ->", u.cancel())
    try:
        await u
    except asyncio.CancelledError:
        print("u never ran its body:", u.cancelled())


asyncio.run(main())
