# Two asyncio.run calls: each run's clean-up (shutdown_asyncgens, shutdown_default_executor)
# creates tasks too, so the second main task is not Task-2.
import asyncio


async def main(tag):
    t = asyncio.create_task(asyncio.sleep(0.5))
    await t
    print(tag, asyncio.current_task().get_name(), t.get_name(), asyncio.get_running_loop().time())


asyncio.run(main("first"))
asyncio.run(main("second"))
