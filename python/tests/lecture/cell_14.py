import asyncio

async def short_task():
    await asyncio.sleep(1)
    print("Short task done")
    return "Short result"

async def long_task():
    await asyncio.sleep(3)
    print("Long task done")
    return "Long result"

async def main():
    tasks = [short_task(), long_task()]

    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)

    for task in done:
        print(task.result())

asyncio.run(main())
