# current_task() inside tasks and callbacks; get_running_loop() outside a loop.
import asyncio


async def child():
    return asyncio.current_task().get_name()


async def main():
    loop = asyncio.get_running_loop()
    print("main:", asyncio.current_task().get_name())
    print("child:", await asyncio.create_task(child(), name="kid"))
    print("awaited coroutine runs in main:", await child())
    loop.call_soon(lambda: print("in a callback:", asyncio.current_task()))
    await asyncio.sleep(0)
    print("same loop:", asyncio.get_running_loop() is loop, asyncio.get_event_loop() is loop)


try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)
