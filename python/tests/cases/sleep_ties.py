# Timers of equal deadline run in the order they were set; 0.1 + 0.2 is later than 0.3.
import asyncio


async def sleeper(label, *delays):
    for d in delays:
        await asyncio.sleep(d)
    print(label, "woke at", asyncio.get_running_loop().time())


async def main():
    await asyncio.gather(
        sleeper("A: 0.1 then 0.2", 0.1, 0.2),
        sleeper("B: 0.3", 0.3),
        sleeper("C: 0.25 + 0.25", 0.25, 0.25),
        sleeper("D: 0.5", 0.5),
        sleeper("E: 0.5 again", 0.5),
        sleeper("F: 1.5", 1.5),
        sleeper("G: 0.5 + 1", 0.5, 1),
    )


asyncio.run(main())
