import asyncio

async def fetch_data(name, delay):
    print(f"{name}: fetching data...")
    await asyncio.sleep(delay)
    print(f"{name}: data received!")
    return f"{name}: data"

async def process_data(name, delay):
    print(f"{name}: processing data...")
    data = await fetch_data(name, delay)
    print(f"{name}: processed {data}")
    return data

async def main():
    task1 = asyncio.create_task(process_data("Task1", 8))
    task2 = asyncio.create_task(process_data("Task2", 1))
    task3 = asyncio.create_task(process_data("Task3", 10))

    print(await task1)
    print(await task2)
    print(await task3)

await main()
