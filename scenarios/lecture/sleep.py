import asyncio

async def main():
    await asyncio.sleep({{delay}})

asyncio.run(main())
