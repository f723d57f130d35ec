%%time
# The lecture's two cells: gather (concurrent), then one after another.
import asyncio
import aiohttp

async def fetch_data(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            return await response.text()

async def concurrent():
    tasks = [
        {{create}}
    ]
    results = await asyncio.gather(*tasks)
    for i, result in enumerate(results, start=1):
        print(f"Обработан результат {i}")

async def sequential():
    results = [
        {{awaits}}
    ]
    for i, result in enumerate(results, start=1):
        print(f"Обработан результат {i}")

asyncio.run(concurrent())
asyncio.run(sequential())
