# Not a cell of the lecture: its gather, scaled up to watch the loop itself.
import asyncio
import random

async def task(i, delay):
    await asyncio.sleep(delay)
    print(f"Task {i} done after {delay} s")

async def main():
    rng = random.Random({{seed}})
    delays = [rng.randint(0, round({{max}} * 1000)) / 1000 for _ in range({{n}})]
    await asyncio.gather(*(task(i + 1, d) for i, d in enumerate(delays)))

asyncio.run(main())
