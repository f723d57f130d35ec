import asyncio

async def fetch_data(task_name, delay):
    await asyncio.sleep(delay)
    return f"{task_name} data fetched after {delay} seconds"

async def main():
    tasks = [fetch_data("Task 1", 3), fetch_data("Task 2", 1), fetch_data("Task 3", 2)]

    for task in asyncio.as_completed(tasks):
        result = await task
        print(result)

asyncio.run(main())
