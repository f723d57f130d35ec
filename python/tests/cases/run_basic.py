# asyncio.run: the main task is Task-1, the clock starts at 0.0, the return value comes back.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print("name:", asyncio.current_task().get_name())
    print("time at start:", loop.time())
    await asyncio.sleep(0.5)
    print("time after sleep(0.5):", loop.time())
    return {"answer": 42}


print("run returned", asyncio.run(main()))
