# Semaphore(2): at most two inside; the others enter in FIFO order.
import asyncio


async def job(name, sem, d):
    async with sem:
        print(name, "in at", asyncio.get_running_loop().time(), "locked:", sem.locked())
        await asyncio.sleep(d)
    print(name, "out")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(job(f"j{i}", sem, d) for i, d in enumerate([1, 0.5, 0.25, 0.5, 1])))
    bounded = asyncio.BoundedSemaphore(1)
    async with bounded:
        print("bounded locked:", bounded.locked())
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
