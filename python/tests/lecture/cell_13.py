%%time

import asyncio
import aiohttp

async def fetch_data(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            return await response.text()

async def main():
    task1 = await fetch_data("https://example.com/1")
    task2 = await fetch_data("https://example.com/2")
    task3 = await fetch_data("https://example.com/3")
    results = [task1, task2, task3]
    # results = await asyncio.gather(task1, task2, task3)

    for i, result in enumerate(results, start=1):
        print(f"Обработан результат {i}")

asyncio.run(main())
