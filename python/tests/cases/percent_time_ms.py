%%time
import asyncio

async def main():
    for d in (0.1, 0.2):
        await asyncio.sleep(d)
    print("two sleeps done")

await main()
