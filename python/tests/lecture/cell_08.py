import asyncio

async def set_future_result(fut):
    await asyncio.sleep(2)
    fut.set_result("Результат готов!")

async def main():
    fut = asyncio.Future()

    asyncio.create_task(set_future_result(fut))

    result = await fut
    print(result)

asyncio.run(main())
