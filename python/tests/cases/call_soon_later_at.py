# Callbacks: call_soon runs next iteration in FIFO order; call_later(0) and call_at(now)
# are timers that run after the ready callbacks; equal deadlines keep their order.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "call_later(0)")
    loop.call_soon(print, "call_soon 1")
    loop.call_at(loop.time(), print, "call_at(now)")
    loop.call_soon(print, "call_soon 2")
    loop.call_later(0.5, print, "later 0.5 (first)")
    loop.call_at(loop.time() + 0.5, print, "at +0.5 (second)")
    loop.call_later(0.5, lambda: print("later 0.5 (third) at", loop.time()))
    loop.call_later(0.1 + 0.2, print, "0.1 + 0.2")
    loop.call_later(0.3, print, "0.3")
    print("scheduled")
    await asyncio.sleep(0)
    print("after one iteration")
    await asyncio.sleep(1)
    print("done at", loop.time())


asyncio.run(main())
