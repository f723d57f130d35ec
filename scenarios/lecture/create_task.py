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
    {{create}}

    {{await}}

await main()
